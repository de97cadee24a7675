package org.watchkeeper.core.detect.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

class PortProximityTest {

    /** The raster answers exactly as the port index's own radius query, wherever the point falls. */
    private static void assertSameAsExact(PortIndex ports, double radius, double lat0, double lat1, double lon0,
            double lon1, int n, long seed) {
        PortProximity zone = new PortProximity(ports, radius, 0.5);
        Random r = new Random(seed);
        int near = 0;
        for (int i = 0; i < n; i++) {
            double lat = lat0 + r.nextDouble() * (lat1 - lat0);
            double lon = Geodesy.normalizeLongitude(lon0 + r.nextDouble() * (lon1 - lon0));
            boolean exact = ports.nearest(lat, lon, radius) != null;
            assertThat(zone.near(lat, lon)).as("%f, %f", lat, lon).isEqualTo(exact);
            near += exact ? 1 : 0;
        }
        // Both answers occur, so the comparison means something.
        assertThat(near).isBetween(n / 50, n - n / 50);
    }

    @Test
    void shippedPortsAroundDenmarkGiveTheExactAnswer() {
        assertSameAsExact(PortIndex.seaPorts(), 10_000, 54.0, 58.0, 7.0, 16.0, 200_000, 1);
    }

    @Test
    void pointsAndAnAreaAcrossTheAntimeridianGiveTheExactAnswer() {
        GeometryFactory gf = new GeometryFactory();
        var area = gf.createPolygon(new Coordinate[] {new Coordinate(179.7, -17.0), new Coordinate(179.95, -17.0),
            new Coordinate(179.95, -16.8), new Coordinate(179.7, -16.8), new Coordinate(179.7, -17.0)});
        PortIndex ports = new PortIndex(List.of(
                new Port("XXA", "Area", null, null, -16.9, 179.8, area, "test"),
                new Port("XXB", "East", null, null, -17.1, -179.9, null, "test")));
        assertSameAsExact(ports, 10_000, -17.4, -16.5, 179.4, 180.6, 100_000, 2);
    }

    @Test
    void noPortsMeansNeverNear() {
        PortProximity zone = new PortProximity(new PortIndex(List.of()), 10_000, 0.5);
        assertThat(zone.near(55.7, 12.6)).isFalse();
        assertThat(zone.near(Double.NaN, 0)).isFalse();
    }
}
