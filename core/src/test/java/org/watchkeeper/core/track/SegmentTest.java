package org.watchkeeper.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class SegmentTest {
    private static final long T0 = 1_700_000_000_000L;

    private static PositionObservation fix(int i) {
        // a vessel steaming north-east, one fix a minute, positions not on any round micro-degree
        double lat = 54.123_456_7 + i * 0.001_234_5;
        double lon = 10.987_654_3 + i * 0.002_345_6;
        return new PositionObservation(T0 + i * 60_000L, "test", 219_000_001, 1, StationClass.A, lat, lon, 8.5, 45, 45, 0,
                true, false);
    }

    @Test
    void fixesAcrossChunkBoundariesReadBackInOrder() {
        // 2.5 whole chunks: the doubling first chunk, whole chunks after it, a partly filled last one
        int n = 2 * Segment.CHUNK_FIXES + Segment.CHUNK_FIXES / 2 + 3;
        Segment s = new Segment(219_000_001, 1);
        PositionObservation prev = null;
        for (int i = 0; i < n; i++) {
            PositionObservation p = fix(i);
            double d = prev == null ? 0 : Geodesy.distance(prev.latitude(), prev.longitude(), p.latitude(), p.longitude());
            s.add(p, d);
            prev = p;
            assertEquals(i + 1, s.size());
            assertEquals(Segment.toE6(p.longitude()), s.longitudeE6(i));
            assertEquals(Segment.toE6(p.latitude()), s.latitudeE6(i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Segment.toE6(fix(i).longitude()), s.longitudeE6(i), "longitude of fix " + i);
            assertEquals(Segment.toE6(fix(i).latitude()), s.latitudeE6(i), "latitude of fix " + i);
        }
        assertEquals(54_123_457, s.latitudeE6(0));
        assertEquals(10_987_654, s.longitudeE6(0));
        // fix 1000: 54.1234567 + 1.2345 = 55.3579567, 10.9876543 + 2.3456 = 13.3332543
        assertEquals(55_357_957, s.latitudeE6(1000));
        assertEquals(13_333_254, s.longitudeE6(1000));
        assertEquals(fix(n - 1), s.last());
        assertEquals(n, s.stats().points());
        assertThrows(IndexOutOfBoundsException.class, () -> s.longitudeE6(n));
        assertThrows(IndexOutOfBoundsException.class, () -> s.latitudeE6(-1));
    }
}
