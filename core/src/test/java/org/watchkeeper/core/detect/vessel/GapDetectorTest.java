package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.vessel.Tracks.Fix;

/**
 * Gaps on synthetic tracks around the island 0..1°N 0..1°E (the only land): longitude 3.5° is about
 * 150 nm from shore, 1.5° about 30 nm.
 */
class GapDetectorTest {
    private static final long H = 3600;

    private static GapDetector detector() {
        return new GapDetector(GapDetector.Config.defaults(), Tracks.islandShore());
    }

    /** Fixes every {@code step} s from {@code from} to {@code to} (inclusive), drifting slowly east. */
    private static List<Fix> every(int mmsi, long from, long to, long step, double lat, double lon) {
        List<Fix> out = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            out.add(new Fix(mmsi, t, lat, lon + (t - from) * 1e-7, 5.0, 90, 90, 0));
        }
        return out;
    }

    /** 24 h of a fix every 10 min, silence of {@code gapH} h, then 1 h of fixes 0.3° further east. */
    private static List<Fix> darkAfterDay(int mmsi, double lon, long gapH) {
        List<Fix> fixes = every(mmsi, 0, 24 * H, 600, 0.5, lon);
        fixes.addAll(every(mmsi, 24 * H + gapH * H, 25 * H + gapH * H, 600, 0.5, lon + 0.3));
        return fixes;
    }

    /** A vessel heard every 10 min for 40 h south of the island, in a cell of its own: the input goes on. */
    private static List<Fix> witness() {
        return every(9001, 0, 40 * H, 600, -0.5, 3.5);
    }

    @Test
    void longGapFarOffshoreInGoodCoverageAfterRegularReportingIsLikelyDisabling() {
        List<Fix> fixes = darkAfterDay(1001, 3.5, 13);
        fixes.addAll(witness());
        List<Event> events = Tracks.run(detector(), fixes).stream().filter(e -> e.vessels().contains(1001)).toList();
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.GAP);
        assertThat(e.vessels()).containsExactly(1001);
        assertThat(e.start()).isEqualTo(Tracks.ms(24 * H));
        assertThat(e.end()).isEqualTo(Tracks.ms(37 * H));
        assertThat(e.latitude()).isCloseTo(0.5, within(1e-5));
        assertThat(e.longitude()).isCloseTo(3.5 + 86400e-7, within(1e-5));
        assertThat((double) e.attributes().get("duration_h")).isEqualTo(13.0);
        // from 3.50864°E to 3.8°E at 0.5°N: 0.29136° × 60 × cos 0.5° ≈ 17.48 nm in 13 h ≈ 1.345 kn
        assertThat((double) e.attributes().get("distance_nm")).isCloseTo(17.48, within(0.02));
        assertThat((double) e.attributes().get("implied_speed_kn")).isCloseTo(17.48 / 13, within(0.002));
        // 2.5° of longitude from the island's east coast ≈ 150 nm
        assertThat((double) e.attributes().get("distance_from_shore_nm")).isCloseTo(150.0, within(2.0));
        // 144 fixes in the 24 whole hours before, 143 intervals of 10 min of presence: 145 a day
        assertThat((double) e.attributes().get("reception_positions_per_day")).isCloseTo(144 / (143 * 600 / 86400.0), within(1e-9));
        assertThat(e.attributes().get("positions_12h_before")).isEqualTo(14);
        // the witness's fixes in hours 25 .. 29 (the start's hour 24 left out, hour 30 ends after start + 6 h)
        assertThat(e.attributes().get("input_heard_after_start")).isEqualTo(true);
        assertThat(e.attributes().get("likely_disabling")).isEqualTo(true);
        assertThat(e.evidence()).extracting(p -> p.time()).containsExactly(Tracks.ms(24 * H), Tracks.ms(37 * H));
        assertThat(e.parameters()).containsEntry("min_gap_h", 6.0).containsEntry("disabling_min_shore_distance_nm", 50.0);
    }

    @Test
    void aSilenceLongEnoughIsAnOngoingGapUntilTheVesselIsHeardAgain() {
        List<Fix> fixes = darkAfterDay(1001, 3.5, 13);
        fixes.addAll(witness());
        List<org.watchkeeper.core.observation.Observation> obs = Tracks.decode(Tracks.nmea(Tracks.sorted(fixes)));
        List<Event> emitted = new ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine engine = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(detector()), emitted::add, 0);
        List<Event> at29h = new ArrayList<>();
        List<Event> at36h = new ArrayList<>();
        for (org.watchkeeper.core.observation.Observation o : obs) {
            engine.accept(o);
            if (o.time() == Tracks.ms(29 * H) && o.mmsi() == 9001) { // 5 h silent: not yet a gap
                engine.ongoing(at29h::add);
            }
            if (o.time() == Tracks.ms(36 * H) && o.mmsi() == 9001) { // 12 h silent
                engine.ongoing(at36h::add);
            }
        }
        assertThat(at29h).isEmpty();
        assertThat(at36h).hasSize(1);
        Event now = at36h.get(0);
        assertThat(now.vessels()).containsExactly(1001);
        assertThat(now.start()).isEqualTo(Tracks.ms(24 * H));
        assertThat(now.end()).isEqualTo(Tracks.ms(36 * H) - 1); // the watermark: lateness 0, one ms before the latest input
        assertThat((double) now.attributes().get("duration_h")).isCloseTo(12.0, within(1e-6));
        assertThat(now.attributes()).doesNotContainKeys("end_lat", "distance_nm", "implied_speed_kn")
                .containsEntry("positions_12h_before", 14).containsEntry("input_heard_after_start", true)
                .containsEntry("likely_disabling", false); // 1 ms short of 12 h
        assertThat(now.evidence()).extracting(p -> p.time()).containsExactly(Tracks.ms(24 * H));
        engine.finish();
        Event done = emitted.stream().filter(e -> e.vessels().contains(1001)).findFirst().orElseThrow();
        assertThat(done.id()).isEqualTo(now.id());
        assertThat(done.attributes().get("reception_positions_per_day")).isEqualTo(now.attributes().get("reception_positions_per_day"));
        List<Event> after = new ArrayList<>();
        engine.ongoing(after::add);
        assertThat(after).isEmpty(); // engine.finish() ends the input: the witness's last fix is the latest
    }

    /**
     * The same vessel and gap with nothing else in the input: every receiver fell silent with it (a
     * feed outage), so the silence says nothing about its transponder.
     */
    @Test
    void gapAsTheWholeInputFallsSilentIsAGapButNotDark() {
        List<Event> events = Tracks.run(detector(), darkAfterDay(1001, 3.5, 13));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.start()).isEqualTo(Tracks.ms(24 * H));
        assertThat(e.end()).isEqualTo(Tracks.ms(37 * H));
        assertThat((double) e.attributes().get("reception_positions_per_day")).isGreaterThan(10);
        assertThat(e.attributes().get("positions_12h_before")).isEqualTo(14);
        assertThat(e.attributes().get("input_heard_after_start")).isEqualTo(false);
        assertThat(e.attributes().get("likely_disabling")).isEqualTo(false);

        // a witness heard through the gap's first 6 h shows the input went on; one heard only in its
        // first hours, before the feed stopped, does not (the feed's outage still explains the silence);
        // heard only before it, not
        List<Fix> through = darkAfterDay(1001, 3.5, 13);
        through.addAll(every(9001, 25 * H, 30 * H, 600, -0.5, 3.5));
        Event withThrough = Tracks.run(detector(), through).get(0);
        assertThat(withThrough.attributes().get("input_heard_after_start")).isEqualTo(true);
        assertThat(withThrough.attributes().get("likely_disabling")).isEqualTo(true);
        List<Fix> early = darkAfterDay(1001, 3.5, 13);
        early.addAll(every(9001, 25 * H, 26 * H - 600, 600, -0.5, 3.5));
        Event withEarly = Tracks.run(detector(), early).get(0);
        assertThat(withEarly.attributes().get("input_heard_after_start")).isEqualTo(false);
        assertThat(withEarly.attributes().get("likely_disabling")).isEqualTo(false);
        List<Fix> late = darkAfterDay(1001, 3.5, 13);
        late.addAll(every(9001, 28 * H, 30 * H - 600, 600, -0.5, 3.5)); // only in the second half
        assertThat(Tracks.run(detector(), late).get(0).attributes().get("input_heard_after_start")).isEqualTo(false);
        List<Fix> before = darkAfterDay(1001, 3.5, 13);
        before.addAll(every(9001, 0, 24 * H + 3599, 600, -0.5, 3.5)); // the last in the start's own hour
        Event withBefore = Tracks.run(detector(), before).get(0);
        assertThat(withBefore.attributes().get("input_heard_after_start")).isEqualTo(false);
        assertThat(withBefore.attributes().get("likely_disabling")).isEqualTo(false);
    }

    @Test
    void gapNearShoreIsAGapButNotDark() {
        List<Event> events = Tracks.run(detector(), darkAfterDay(1002, 1.5, 13));
        assertThat(events).hasSize(1);
        assertThat((double) events.get(0).attributes().get("distance_from_shore_nm")).isCloseTo(30.0, within(1.0));
        assertThat(events.get(0).attributes().get("likely_disabling")).isEqualTo(false);
    }

    @Test
    void shortSilencesAreNotGapsAndEightHoursIsAGapButNotDark() {
        assertThat(Tracks.run(detector(), darkAfterDay(1003, 1.5, 3))).isEmpty();
        List<Event> eight = Tracks.run(detector(), darkAfterDay(1003, 3.5, 8));
        assertThat(eight).hasSize(1);
        assertThat(eight.get(0).durationMillis()).isEqualTo(8 * H * 1000);
        assertThat(eight.get(0).attributes().get("likely_disabling")).isEqualTo(false); // < 12 h
    }

    /** Vessel 1 enters a cell that two other vessels are heard in only every 5 h, and goes silent there. */
    private static List<Fix> poorCoverageScenario() {
        List<Fix> fixes = every(2001, 0, 84000, 600, 0.5, 2.5); // cell of longitude 2..3
        fixes.addAll(every(2001, 84600, 86400, 600, 0.5, 3.05)); // moves into the cell of 3..4 at 23:30
        fixes.addAll(every(2001, 86400 + 13 * H, 86400 + 14 * H, 600, 0.5, 3.3));
        fixes.addAll(every(2002, 0, 72000, 5 * H, 0.4, 3.6)); // 5 fixes, then gone (open gap: not emitted)
        fixes.addAll(every(2003, 0, 72000, 5 * H, 0.6, 3.6));
        return fixes;
    }

    @Test
    void gapInAPoorlyCoveredCellIsAGapButNotDark() {
        List<Event> events = Tracks.run(detector(), poorCoverageScenario());
        assertThat(events).hasSize(1); // vessels 2002 and 2003 are still silent at the end: no gap
        Event e = events.get(0);
        assertThat(e.vessels()).containsExactly(2001);
        assertThat(e.start()).isEqualTo(Tracks.ms(86400));
        assertThat(e.end()).isEqualTo(Tracks.ms(86400 + 13 * H));
        // cell 3..4: 10 fixes of the others + 3 of vessel 2001 in hour 23; presence 8 × 5 h + 2 × 10 min
        double expected = 13 / ((8 * 5 * 3600 + 2 * 600) / 86400.0);
        assertThat((double) e.attributes().get("reception_positions_per_day")).isCloseTo(expected, within(1e-9));
        assertThat(expected).isLessThan(10);
        assertThat(e.attributes().get("positions_12h_before")).isEqualTo(14);
        assertThat((double) e.attributes().get("distance_from_shore_nm")).isGreaterThan(50);
        assertThat(e.attributes().get("likely_disabling")).isEqualTo(false);
    }

    @Test
    void vesselNotReportingRegularlyBeforeIsNotDark() {
        // every 2 h: in the 12 h window (12:00, 24:00] ending at the last fix, 6 fixes (14:00 .. 24:00)
        List<Fix> fixes = every(3001, 0, 24 * H, 2 * H, 0.5, 3.5);
        fixes.addAll(every(3001, 37 * H, 38 * H, 600, 0.5, 3.6));
        List<Event> events = Tracks.run(detector(), fixes);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).attributes().get("positions_12h_before")).isEqualTo(6);
        assertThat((double) events.get(0).attributes().get("reception_positions_per_day")).isGreaterThan(10);
        assertThat(events.get(0).attributes().get("likely_disabling")).isEqualTo(false);
    }

    @Test
    void gapStillOpenAtTheEndOfInputIsNotEmitted() {
        assertThat(Tracks.run(detector(), every(4001, 0, 24 * H, 600, 0.5, 3.5))).isEmpty();
    }

    @Test
    void sameEventsWholeOrInChunks() {
        List<Fix> fixes = poorCoverageScenario();
        fixes.addAll(darkAfterDay(1001, 3.5, 13));
        fixes.addAll(darkAfterDay(1002, 1.5, 7));
        List<Event> whole = Tracks.run(detector(), fixes);
        assertThat(whole).hasSize(3);
        for (int chunk : new int[] {1, 7, 100}) {
            assertThat(Tracks.runChunkedText(detector(), fixes, chunk)).isEqualTo(whole);
        }
    }
}
