package org.watchkeeper.core.detect.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.vessel.SuddenSpeedChangeDetector;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.ReportTime;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.pipeline.NmeaInput;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * exactEarth satellite logs (AMSA risky test resources): most reports are timed by an epoch suffix
 * that is a batch delivery time, so fixes made minutes apart carry times seconds apart. Run through
 * the analyze path ({@link NmeaInput}, {@link Analysis}, event-time order, detection engine) once as
 * read and once with the time source, UTC second and feed verdict stripped (every time trusted, as
 * before observations carried them).
 */
class SatelliteTimeTest {

    static final String[] FILES = {"exact-earth-augmented.txt", "exact-earth-augmented-2.txt",
        "exact-earth-augmented-3.txt"};
    static final Map<String, List<Observation>> OBSERVATIONS = new LinkedHashMap<>();
    static final Map<String, Integer> SEGMENTS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data", "ais", "amsa-risky");
        assumeTrue(Files.isRegularFile(dir.resolve(FILES[0])), "shared exactEarth logs absent: " + dir);
        for (String f : FILES) {
            List<Observation> obs = new ArrayList<>();
            int[] segments = {0};
            Analysis analysis = new Analysis(TrackerConfig.defaults(), List.of(new AnalysisListener() {
                @Override
                public void observation(Observation o) {
                    obs.add(o);
                }

                @Override
                public void position(PositionObservation p, Tracker.Decision d) {
                    if (d.accepted() && d.newSegment()) {
                        segments[0]++;
                    }
                }
            }));
            NmeaInput input = new NmeaInput(analysis, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
            AisStreamDecoder dec = new AisStreamDecoder(Options.DEFAULT, input);
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                dec.consume(in);
            }
            dec.finish();
            input.finish();
            analysis.finish();
            OBSERVATIONS.put(f, obs);
            SEGMENTS.put(f, segments[0]);
        }
    }

    static List<Event> detect(List<Observation> observations) {
        List<Event> out = new ArrayList<>();
        long lateness = EventTimeOrder.DEFAULT_LATENESS_MILLIS;
        DetectionEngine engine = new DetectionEngine(List.of(IdentityConflictDetector.withDefaults(),
                SuddenSpeedChangeDetector.withDefaults()), out::add, lateness);
        EventTimeOrder order = new EventTimeOrder(engine::accept, lateness, EventTimeOrder.DEFAULT_MAX_HELD);
        observations.forEach(order::accept);
        order.finish();
        engine.finish();
        return out;
    }

    /** The observation as it was before it carried its time's source and the report's second. */
    static Observation strip(Observation o) {
        if (o instanceof PositionObservation p) {
            return new PositionObservation(p.time(), p.source(), p.mmsi(), p.messageType(), p.classEvidence(),
                    p.latitude(), p.longitude(), p.speedOverGround(), p.courseOverGround(), p.heading(),
                    p.navigationStatus(), p.highAccuracy(), p.lowResolution());
        }
        return o;
    }

    static long count(List<Event> events, EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    @Test
    void theFixesOfTheReportedFalseAlarmAreBatchTimesThatDisagreeWithTheirOwnSecond() {
        // MMSI 271042567: 895 m "between 11:32:06.933 and 11:32:10.753" -> 455 kn before the fix
        List<PositionObservation> fixes = OBSERVATIONS.get("exact-earth-augmented-3.txt").stream()
                .filter(o -> o instanceof PositionObservation p && p.mmsi() == 271042567)
                .map(o -> (PositionObservation) o).toList();
        PositionObservation a = fixes.stream().filter(p -> p.time() == 1328182326933L).findFirst().orElseThrow();
        PositionObservation b = fixes.stream().filter(p -> p.time() == 1328182330753L).findFirst().orElseThrow();
        for (PositionObservation p : List.of(a, b)) {
            assertThat(p.timeSource()).isEqualTo(TimeSource.TRAILER);
            assertThat(p.feedTimeUntrusted()).isTrue();
            assertThat(p.timeSlackMillis()).isEqualTo(ReportTime.UNCERTAIN_INTERVAL_MILLIS);
        }
        // both reports were made in second :10 of some minute (895 m apart at 14.4 kn: about two
        // minutes apart); the first one's time disagrees with its second (56 s back to a :10)
        assertThat(a.utcSecond()).isEqualTo(10);
        assertThat(b.utcSecond()).isEqualTo(10);
        assertThat(ReportTime.latencyMillis(a.time(), a.utcSecond())).isEqualTo(56_933L);
        assertThat(ReportTime.agrees(b.time(), b.utcSecond())).isTrue();
    }

    @Test
    void batchDeliveryTimesNoLongerRaisePositionJumps() {
        int[] before = new int[FILES.length];
        int[] after = new int[FILES.length];
        List<Event> kept = new ArrayList<>();
        List<Event> conflicts = new ArrayList<>();
        for (int i = 0; i < FILES.length; i++) {
            List<Observation> obs = OBSERVATIONS.get(FILES[i]);
            before[i] = (int) count(detect(obs.stream().map(SatelliteTimeTest::strip).toList()), EventKind.POSITION_JUMP);
            List<Event> now = detect(obs);
            after[i] = (int) count(now, EventKind.POSITION_JUMP);
            now.stream().filter(e -> e.kind() == EventKind.POSITION_JUMP).forEach(kept::add);
            now.stream().filter(e -> e.kind() == EventKind.IDENTITY_CONFLICT).forEach(conflicts::add);
        }
        // the counts analyze gave on these files before the fix
        assertThat(before).containsExactly(74, 30, 42);
        assertThat(after).containsExactly(1, 0, 0);
        // what is left is a real one: MMSI 273000000 (a placeholder MMSI) 860 km off Sumatra, too far
        // even for 6 h of slack
        Event jump = kept.get(0);
        assertThat(jump.vessels()).containsExactly(273000000);
        assertThat((long) jump.attributes().get("distance_m")).isEqualTo(860480L);
        assertThat((double) jump.attributes().get("time_slack_s")).isEqualTo(21600.0);
        assertThat((double) jump.attributes().get("implied_speed_kn")).isGreaterThan(50);
        // and one identity conflict: MMSI 001193046 alternating between Auckland and New Caledonia
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).vessels()).containsExactly(1193046);
        assertThat((long) conflicts.get(0).attributes().get("distance_m")).isGreaterThan(1_800_000L);
    }

    @Test
    void theTrackerNoLongerSplitsSatelliteTracksOnBatchTimes() {
        // segments opened per file (Analysis as analyze runs it): 1570, 304, 817 before
        assertThat(SEGMENTS.get(FILES[0])).isLessThan(1100);
        assertThat(SEGMENTS.get(FILES[1])).isLessThan(150);
        assertThat(SEGMENTS.get(FILES[2])).isLessThan(400);
    }

    @Test
    void mostSatelliteFixesAreMarkedAndTheSatellitesOwnReceptionTimesAreNot() {
        List<PositionObservation> all = OBSERVATIONS.get("exact-earth-augmented-3.txt").stream()
                .filter(o -> o instanceof PositionObservation).map(o -> (PositionObservation) o).toList();
        long trailer = all.stream().filter(p -> p.timeSource() == TimeSource.TRAILER).count();
        long trailerUntrusted = all.stream().filter(p -> p.timeSource() == TimeSource.TRAILER && p.feedTimeUntrusted()).count();
        long pghp = all.stream().filter(p -> p.timeSource() == TimeSource.PGHP).count();
        long pghpUntrusted = all.stream().filter(p -> p.timeSource() == TimeSource.PGHP && p.feedTimeUntrusted()).count();
        assertThat(trailerUntrusted).isGreaterThan(trailer * 9 / 10);
        assertThat(pghp).isGreaterThan(200);
        assertThat(pghpUntrusted).isZero();
    }
}
