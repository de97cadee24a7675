package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * The analysis under a small vessel bound: picture, tracker and tally keep each vessel in one record,
 * so a dropped vessel leaves all three at once, its open segments closed and reported while its
 * picture entry can still be read.
 */
class AnalysisEvictionTest {
    static final long T0 = 1_700_000_000_000L;
    static final int NA = Observation.NOT_AVAILABLE;
    static final int A = 219_000_001;
    static final int B = 219_000_002;
    static final int C = 219_000_003;
    static final int D = 219_000_004;
    static final int E = 219_000_005;

    static PositionObservation fix(long t, int mmsi, double lon) {
        return new PositionObservation(t, "test", mmsi, 1, StationClass.A, 55.0, lon, 10.0, 90, 90, 0, true, false);
    }

    static IdentityObservation identity(long t, int mmsi, String name) {
        return new IdentityObservation(t, "test", mmsi, 5, StationClass.A, name, null, NA, 70, null, Double.NaN, null, null, NA);
    }

    /** What a listener saw of each closed segment: the segment and the picture's vessel at that moment. */
    record Closed(int mmsi, int number, int size, String nameThen) {
    }

    static final class Recorder implements AnalysisListener {
        Analysis analysis;
        final List<Closed> closed = new ArrayList<>();
        final Set<Segment> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        @Override
        public void segmentClosed(Segment s) {
            assertThat(distinct.add(s)).as("reported once: %s", s).isTrue();
            VesselSnapshot v = analysis.picture().get(s.mmsi());
            closed.add(new Closed(s.mmsi(), s.number(), s.size(), v == null ? null : v.name()));
        }
    }

    @Test
    void aDroppedVesselLeavesPictureTrackerAndTallyTogether() {
        Recorder r = new Recorder();
        Analysis analysis = new Analysis(TrackerConfig.defaults().withMaxVessels(3), List.of(r));
        r.analysis = analysis;
        long t = T0;
        for (int mmsi : new int[] {A, B, C}) {
            analysis.accept(identity(t++, mmsi, "V" + (mmsi - 219_000_000)));
            analysis.accept(fix(t++, mmsi, 11.0));
            analysis.accept(fix(t + 60_000, mmsi, 11.003));
        }
        t += 120_000;
        analysis.accept(fix(t, A, 11.006)); // A used again: B is now the least recently used
        assertThat(r.closed).isEmpty();
        assertThat(analysis.tally(A).positions()).isEqualTo(3);

        analysis.accept(identity(t + 1, D, "V4")); // a fourth vessel: B goes, its segment reported with its name
        assertThat(r.closed).containsExactly(new Closed(B, 1, 2, "V2"));
        assertThat(analysis.picture().size()).isEqualTo(3);
        assertThat(analysis.picture().get(B)).isNull();
        assertThat(analysis.tally(B)).isNull();
        assertThat(analysis.tracker().openSegments(B)).isEmpty();
        assertThat(analysis.tracker().vesselCount()).isEqualTo(2); // A and C; D has no position yet

        analysis.accept(fix(t + 2, E, 12.0)); // E: C goes
        assertThat(r.closed).containsExactly(new Closed(B, 1, 2, "V2"), new Closed(C, 1, 2, "V3"));
        assertThat(analysis.picture().vessels()).extracting(VesselSnapshot::mmsi).containsExactly(A, D, E);

        // B returns: a new vessel to the picture (its history is gone); A, the least recently used, goes
        analysis.accept(fix(t + 3, B, 11.0));
        assertThat(r.closed).hasSize(3).last().isEqualTo(new Closed(A, 1, 3, "V1"));
        assertThat(analysis.tally(B).positions()).isEqualTo(1);
        assertThat(analysis.tally(B).segments()).isEqualTo(1);
        assertThat(analysis.picture().get(B).name()).isNull();
        assertThat(analysis.picture().get(B).firstSeen()).isEqualTo(t + 3);

        analysis.finish(); // open segments closed in the order the tracker last used their vessels: E, then B
        assertThat(r.closed.subList(3, r.closed.size())).containsExactly(new Closed(E, 1, 1, null), new Closed(B, 1, 1, null));
        assertThat(analysis.acceptedPositions()).isEqualTo(9);
        assertThat(r.closed.stream().mapToInt(Closed::size).sum()).isEqualTo(9);
    }

    /**
     * DMA's sample log (shared data, 80 246 lines, 1 508 vessels) with room for 25: every
     * accepted fix ends in exactly one reported segment, no segment is reported twice, and the bound
     * holds throughout.
     */
    @Test
    void everyAcceptedFixIsReportedOnceUnderASmallBound() throws IOException {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais/dma-aisabnormal/ais-sample.txt.gz");
        assumeTrue(Files.isRegularFile(p), "shared DMA sample log absent: " + p);
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        ObservationMapper mapper = new ObservationMapper();
        List<Observation> obs = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(text, Options.DEFAULT)) {
            if (o instanceof ReceivedMessage rm) {
                obs.addAll(mapper.map(rm));
            }
        }
        obs.sort(Comparator.comparingLong(Observation::time));
        Set<Integer> vessels = new HashSet<>();
        obs.forEach(o -> vessels.add(o.mmsi()));
        assertThat(vessels.size()).isGreaterThan(100);

        Recorder r = new Recorder();
        Analysis analysis = new Analysis(TrackerConfig.defaults().withMaxVessels(25), List.of(r));
        r.analysis = analysis;
        int most = 0;
        for (Observation o : obs) {
            analysis.accept(o);
            most = Math.max(most, analysis.picture().size());
        }
        int duringInput = r.closed.size();
        analysis.finish();
        assertThat(most).isEqualTo(25);
        assertThat(analysis.tracker().vesselCount()).isLessThanOrEqualTo(25);
        assertThat(duringInput).isGreaterThan(100);
        assertThat(r.closed.stream().mapToLong(Closed::size).sum()).isEqualTo(analysis.acceptedPositions());
        assertThat(r.distinct).hasSameSizeAs(r.closed);
        assertThat(analysis.acceptedPositions()).isGreaterThan(10_000);
    }
}
