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
import org.watchkeeper.core.detect.DuplicateFilter;
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
 * exactEarth satellite logs (AMSA risky test resources): each report's epoch suffix is the time the
 * ground station logged its batch, 20 minutes to 2 hours after the report, and a {@code $PGHP} line a
 * few lines before or after it gives the satellite's reception time. The decoder pairs them by
 * checksum; the passes come out of order, so the observations are put back in time order as
 * {@code analyze --reorder-ms 7200000} does, then run through the analyze path ({@link NmeaInput},
 * {@link Analysis}, event-time order, detection engine) once as read and once with the time source,
 * UTC second and feed verdict stripped (every time trusted).
 */
class SatelliteTimeTest {

    static final String[] FILES = {"exact-earth-augmented.txt", "exact-earth-augmented-2.txt",
        "exact-earth-augmented-3.txt"};
    static final Map<String, List<Observation>> OBSERVATIONS = new LinkedHashMap<>();
    static final Map<String, Integer> SEGMENTS = new LinkedHashMap<>();
    static final Map<String, Long> LATE = new LinkedHashMap<>();
    /** How far the passes are put back in order, as {@code analyze --reorder-ms 7200000}. */
    static final long REORDER_MILLIS = 7_200_000;

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
            // passes come out of order by up to 70 min: back in time order first (analyze --reorder-ms 7200000)
            EventTimeOrder reorder = new EventTimeOrder(analysis::accept, REORDER_MILLIS, EventTimeOrder.DEFAULT_MAX_HELD);
            NmeaInput input = new NmeaInput(reorder, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
            AisStreamDecoder dec = new AisStreamDecoder(Options.DEFAULT, input);
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                dec.consume(in);
            }
            dec.finish();
            input.finish();
            reorder.finish();
            LATE.put(f, reorder.late());
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
        EventTimeOrder order = new EventTimeOrder(new DuplicateFilter(engine::accept), lateness, EventTimeOrder.DEFAULT_MAX_HELD);
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
    void theFixesOfTheReportedFalseAlarmCarryTheSatellitesOwnTimes() {
        // MMSI 271042567: 895 m "between 11:32:06.933 and 11:32:10.753" (455 kn) when the batch delivery
        // time timed them; the satellite's $PGHP lines that name their checksums, 5 and 3 lines away,
        // give 10:55:08 and 10:57:08: two minutes at 14.4 kn, and both reports say second :10
        List<PositionObservation> fixes = OBSERVATIONS.get("exact-earth-augmented-3.txt").stream()
                .filter(o -> o instanceof PositionObservation p && p.mmsi() == 271042567)
                .map(o -> (PositionObservation) o).toList();
        PositionObservation a = fixes.stream().filter(p -> Math.abs(p.latitude() + 34.449213) < 1e-6).findFirst().orElseThrow();
        PositionObservation b = fixes.stream().filter(p -> Math.abs(p.latitude() + 34.45621) < 1e-6).findFirst().orElseThrow();
        assertThat(a.time()).isEqualTo(java.time.Instant.parse("2012-02-02T10:55:08Z").toEpochMilli());
        assertThat(b.time()).isEqualTo(java.time.Instant.parse("2012-02-02T10:57:08Z").toEpochMilli());
        for (PositionObservation p : List.of(a, b)) {
            assertThat(p.timeSource()).isEqualTo(TimeSource.PGHP);
            assertThat(p.utcSecond()).isEqualTo(10);
            assertThat(ReportTime.agrees(p.time(), p.utcSecond())).isTrue();
            assertThat(p.feedTimeUntrusted()).isFalse();
        }
        // 35 of its 36 position observations (33 reports, 3 received twice) are timed by the satellite;
        // in time order it steams steadily south (09:56 -34.2478 to 11:01 -34.4707), no fix north of
        // the one before. The 36th (line 4978, *5C, second :33) is named by the $PGHP two lines after
        // it, but a base station's report with the same checksum lies one line after that $PGHP and
        // takes it: a checksum tells sentences apart only to 1 in 256, and the nearer one wins.
        List<PositionObservation> bySatellite = fixes.stream().filter(p -> p.timeSource() == TimeSource.PGHP).toList();
        assertThat(fixes).hasSize(36);
        assertThat(bySatellite).hasSize(35);
        for (int k = 1; k < bySatellite.size(); k++) {
            assertThat(bySatellite.get(k).time()).isGreaterThanOrEqualTo(bySatellite.get(k - 1).time());
            assertThat(bySatellite.get(k).latitude()).isLessThanOrEqualTo(bySatellite.get(k - 1).latitude());
        }
    }

    @Test
    void satelliteTimesRaiseNoPositionJumps() {
        int[] trusting = new int[FILES.length];
        int[] now = new int[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            List<Observation> obs = OBSERVATIONS.get(FILES[i]);
            trusting[i] = (int) count(detect(obs.stream().map(SatelliteTimeTest::strip).toList()), EventKind.POSITION_JUMP);
            now[i] = (int) count(detect(obs), EventKind.POSITION_JUMP);
        }
        // timed by the batch delivery, analyze found 74, 30 and 42; timed by the satellite and put
        // back in order, 4, 0 and 0 are left even when every time is trusted (fixes no $PGHP names,
        // timed by the delivery), and none once their slack is counted. MMSI 273000000's 860 km
        // (-5.89, 105.85 at 06:24:19, then 0.80, 101.96 at 06:24:57) is now its first fix and not a
        // jump and return; MMSI 001193046 alternates between Auckland and New Caledonia in two bursts
        // (10:02-10:08 and 10:57-11:06), each under identity_conflict's 10 minutes.
        assertThat(trusting).containsExactly(4, 0, 0);
        assertThat(now).containsExactly(0, 0, 0);
        // no position or identity comes too late for the 2 h window; in the third file one type 17 (DGNSS
        // broadcast, a heard-only observation that puts its base station in the picture) relayed later does
        assertThat(LATE.values()).containsExactly(0L, 0L, 1L);
    }

    @Test
    void theTrackerNoLongerSplitsSatelliteTracksOnBatchTimes() {
        // segments opened per file (Analysis as analyze --reorder-ms 7200000 runs it): 1570, 304, 817
        // when the delivery times timed them
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
        // 56 reports no $PGHP names keep the delivery time, 37 of them judged untrusted; 2 859 the satellite's
        assertThat(trailer).isEqualTo(56);
        assertThat(trailerUntrusted).isEqualTo(37);
        assertThat(pghp).isEqualTo(2859);
        assertThat(pghpUntrusted).isZero();
    }
}
