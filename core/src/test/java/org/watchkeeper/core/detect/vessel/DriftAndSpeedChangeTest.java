package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.UnderWay;
import org.watchkeeper.core.detect.vessel.Tracks.Fix;
import org.watchkeeper.core.geo.Geodesy;

/** Drift and sudden speed change on synthetic tracks (fixes every 10-30 s, as a Class A ship sends). */
class DriftAndSpeedChangeTest {

    /** Fixes from {@code from} every {@code step} s for {@code seconds} s, moving along {@code cog} at {@code sog}. */
    private static double[] leg(List<Fix> out, long from, long seconds, long step, double[] pos, double sog, double cog,
            int heading, int nav) {
        double[] p = pos;
        for (long t = 0; t <= seconds; t += step) {
            out.add(new Fix(6001, from + t, p[0], p[1], sog, cog, heading, nav));
            p = Geodesy.destination(p[0], p[1], cog, sog * Geodesy.METRES_PER_SECOND_PER_KNOT * step);
        }
        return p;
    }

    private static List<Fix> driftTrack(int nav, long driftSeconds) {
        List<Fix> f = new ArrayList<>();
        double[] p = leg(f, 0, 600, 30, new double[] {57.8, 11.3}, 10, 0, 0, 0); // steaming north
        p = leg(f, 630, driftSeconds, 30, p, 2.0, 90, 0, nav); // set east at 2 kn, bow north
        leg(f, 630 + driftSeconds + 30, 600, 30, p, 10, 0, 0, 0); // under way again
        return f;
    }

    @Test
    void driftIsFoundWithItsStartAndEnd() {
        List<Event> events = Tracks.run(DriftDetector.withDefaults(), driftTrack(0, 1200));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.DRIFT);
        assertThat(e.start()).isEqualTo(Tracks.ms(630));
        assertThat(e.end()).isEqualTo(Tracks.ms(1830));
        assertThat((double) e.attributes().get("duration_min")).isEqualTo(20.0);
        // 2 kn for 20 min = 0.667 nm = 1 235 m
        assertThat((double) e.attributes().get("distance_m")).isCloseTo(1234.7, within(2.0));
        assertThat((double) e.attributes().get("mean_deviation_deg")).isEqualTo(90.0);
        assertThat(e.attributes().get("drifting_fixes")).isEqualTo(41);
    }

    /** {@code f} with fix {@code i} moved 24.5 km west (a stray position, as MarineCadastre's 353592000 at 00:00:00). */
    private static List<Fix> stray(List<Fix> f, int i) {
        List<Fix> out = new ArrayList<>(f);
        Fix x = f.get(i);
        double[] q = Geodesy.destination(x.lat(), x.lon(), 270, 24_500);
        out.set(i, new Fix(x.mmsi(), x.second(), q[0], q[1], x.sog(), x.cog(), x.heading(), x.nav()));
        return out;
    }

    /**
     * A stray drifting fix takes no part in a drift: as its first fix (the drift would start 24.5 km
     * away and "drift" at 40 kn, the MarineCadastre case), in its middle, or as its last, the event
     * is the one of the clean track, with the same start, end and distance.
     */
    @Test
    void aStrayFixNeitherStartsNorEndsNorStretchesADrift() {
        List<Fix> clean = driftTrack(0, 1200);
        int first = 21; // the first drifting fix, at 630 s
        int last = first + 40; // the last, at 1830 s
        for (int i : new int[] {first, first + 20, last}) {
            List<Event> events = Tracks.run(DriftDetector.withDefaults(), stray(clean, i));
            assertThat(events).as("stray fix %d", i).hasSize(1);
            Event e = events.get(0);
            assertThat(e.start()).isEqualTo(Tracks.ms(i == first ? 660 : 630));
            assertThat(e.end()).isEqualTo(Tracks.ms(i == last ? 1800 : 1830));
            assertThat((double) e.attributes().get("distance_m")).isCloseTo(i == first || i == last ? 1203.8 : 1234.7, within(2.0));
            assertThat(e.attributes().get("drifting_fixes")).isEqualTo(40);
        }
        // a drift of 10 min 30 s whose first 60 s are stray is too short once they are left out
        List<Fix> shortDrift = driftTrack(0, 630);
        assertThat(Tracks.run(DriftDetector.withDefaults(), shortDrift)).hasSize(1);
        assertThat(Tracks.run(DriftDetector.withDefaults(), stray(stray(shortDrift, first), first + 1))).isEmpty();
    }

    /**
     * A drifting vessel that is next heard, for good, far away (two reports agreeing with each other,
     * e.g. after a gap in reception that the silence rule tolerates): the drift before the jump ends
     * at its last fix and the one after starts at the first fix of the new place.
     */
    @Test
    void aConfirmedJumpEndsTheDriftAndStartsAnother() {
        List<Fix> f = new ArrayList<>();
        double[] p = leg(f, 0, 1200, 30, new double[] {57.8, 11.3}, 2.0, 90, 0, 0);
        p = Geodesy.destination(p[0], p[1], 0, 30_000);
        leg(f, 1230, 1200, 30, p, 2.0, 90, 0, 0);
        List<Event> events = Tracks.run(DriftDetector.withDefaults(), f);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).start()).isEqualTo(Tracks.ms(0));
        assertThat(events.get(0).end()).isEqualTo(Tracks.ms(1200));
        assertThat(events.get(1).start()).isEqualTo(Tracks.ms(1230));
        assertThat(events.get(1).end()).isEqualTo(Tracks.ms(2430));
        for (Event e : events) {
            assertThat((double) e.attributes().get("distance_m")).isCloseTo(1234.7, within(2.0));
        }
    }

    @Test
    void anchoredShortOrSteeredLookAlikesAreNotDrift() {
        assertThat(Tracks.run(DriftDetector.withDefaults(), driftTrack(1, 1200))).isEmpty(); // at anchor
        assertThat(Tracks.run(DriftDetector.withDefaults(), driftTrack(5, 1200))).isEmpty(); // moored
        assertThat(Tracks.run(DriftDetector.withDefaults(), driftTrack(0, 480))).isEmpty(); // 8 min only
        List<Fix> crabbing = new ArrayList<>(); // COG 40° off the heading: a ship steering against a cross-set
        leg(crabbing, 0, 1800, 30, new double[] {57.8, 11.3}, 3, 40, 0, 0);
        assertThat(Tracks.run(DriftDetector.withDefaults(), crabbing)).isEmpty();
    }

    @Test
    void aLoneSteadyFixDoesNotSplitADriftAndChunkingChangesNothing() {
        List<Fix> f = driftTrack(0, 1200);
        int i = f.indexOf(f.stream().filter(x -> x.second() == 1230).findFirst().orElseThrow());
        Fix x = f.get(i);
        f.set(i, new Fix(x.mmsi(), x.second(), x.lat(), x.lon(), x.sog(), 10, x.heading(), x.nav()));
        List<Event> whole = Tracks.run(DriftDetector.withDefaults(), f);
        assertThat(whole).hasSize(1);
        assertThat(whole.get(0).attributes().get("steady_fixes")).isEqualTo(1);
        assertThat(whole.get(0).end()).isEqualTo(Tracks.ms(1830));
        assertThat(Tracks.runChunkedText(DriftDetector.withDefaults(), f, 3)).isEqualTo(whole);
    }

    /** Steaming north for 10 min, then set east at 2 kn, bow north, for {@code driftSeconds} s: where the log ends. */
    private static List<Fix> stillDrifting(long driftSeconds) {
        List<Fix> f = new ArrayList<>();
        double[] p = leg(f, 0, 600, 30, new double[] {57.8, 11.3}, 10, 0, 0, 0);
        leg(f, 630, driftSeconds, 30, p, 2.0, 90, 0, 0);
        return f;
    }

    private static UnderWay underWay(List<Fix> f) {
        return UnderWay.run(Tracks.decode(Tracks.nmea(Tracks.sorted(f))), DriftDetector.withDefaults());
    }

    /**
     * A drift still going on where the input ends is under way as the end of the input emits it (at its
     * last drifting fix), so a server, whose input does not end, shows what {@code analyze} reports;
     * more drifting extends it under the same id, and once the ship has steamed on for longer than the
     * tolerance it is emitted as it was shown and is no longer under way.
     */
    @Test
    void aDriftStillGoingOnIsUnderWayAsTheEndOfTheInputEmitsIt() {
        UnderWay u = underWay(stillDrifting(1200));
        assertThat(u.before()).isEmpty();
        Event shown = u.ongoing().get(0);
        assertThat(u.ongoing()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.DRIFT);
            assertThat(e.start()).isEqualTo(Tracks.ms(630));
            assertThat(e.end()).isEqualTo(Tracks.ms(1830));
            assertThat(e.attributes()).containsEntry("duration_min", 20.0).containsEntry("drifting_fixes", 41)
                    .containsEntry("steady_fixes", 0);
            assertThat((double) e.attributes().get("distance_m")).isCloseTo(1234.7, within(2.0));
        });

        // ten minutes more adrift: the same episode, longer
        assertThat(underWay(stillDrifting(1800)).ongoing()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(shown.id());
            assertThat(e.end()).isEqualTo(Tracks.ms(2430));
            assertThat(e.attributes()).containsEntry("drifting_fixes", 61);
        });

        // one steady fix after it (within the 5 min tolerance) neither ends it nor counts in it yet
        List<Fix> oneSteady = stillDrifting(1200);
        Fix x = oneSteady.get(oneSteady.size() - 1);
        oneSteady.add(new Fix(x.mmsi(), 1860, x.lat(), x.lon(), 10, 0, 0, 0));
        assertThat(underWay(oneSteady).ongoing()).containsExactly(shown);

        // under way again for 10 min: the drift ends, and is stored as it was shown
        UnderWay ended = underWay(driftTrack(0, 1200));
        assertThat(ended.before()).containsExactly(shown);
        assertThat(ended.ongoing()).isEmpty();
    }

    /**
     * What is not a drift at the end of the input is not under way either: one too short, and a drift
     * whose last fix is a stray position (held, not added, and dropped at the end).
     */
    @Test
    void aDriftUnderWayIsWhatTheEndOfTheInputWouldMakeOfIt() {
        UnderWay tooShort = underWay(stillDrifting(480));
        assertThat(tooShort.before()).isEmpty();
        assertThat(tooShort.ongoing()).isEmpty();

        List<Fix> clean = stillDrifting(1200);
        List<Fix> strayLast = stray(clean, clean.size() - 1);
        assertThat(underWay(strayLast).ongoing()).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(Tracks.ms(630));
            assertThat(e.end()).isEqualTo(Tracks.ms(1800));
            assertThat(e.attributes()).containsEntry("drifting_fixes", 40);
            assertThat((double) e.attributes().get("distance_m")).isCloseTo(1203.8, within(2.0));
        });
    }

    private static List<Fix> stop(double lowSog, long dropSeconds, double after) {
        List<Fix> f = new ArrayList<>();
        double[] p = leg(f, 0, 300, 10, new double[] {55.0, 12.0}, 12, 45, 45, 0);
        // the last 12 kn fix is at 300 s; the next report, dropSeconds later, says lowSog
        f.add(new Fix(6001, 300 + dropSeconds, p[0], p[1], lowSog, 45, 45, 0));
        leg(f, 300 + dropSeconds + 10, 180, 10, p, after, 45, 45, 0);
        return f;
    }

    @Test
    void suddenStopIsFoundWithItsStartAndEnd() {
        List<Event> events = Tracks.run(SuddenSpeedChangeDetector.withDefaults(), stop(0.3, 20, 0.2));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.SUDDEN_SPEED_CHANGE);
        assertThat(e.start()).isEqualTo(Tracks.ms(300));
        assertThat(e.end()).isEqualTo(Tracks.ms(320));
        assertThat((double) e.attributes().get("from_sog_kn")).isEqualTo(12.0);
        assertThat((double) e.attributes().get("to_sog_kn")).isEqualTo(0.3);
        assertThat((double) e.attributes().get("drop_s")).isEqualTo(20.0);
        assertThat((double) e.attributes().get("sustained_s")).isEqualTo(60.0);
    }

    /**
     * The navigation status of the first low fix is given when the report has one (type 1: 0, under way using
     * engine); the same stop read from rows of a CSV export without a status column has none, and the attribute
     * is left out rather than written as -1. The fast fix's 12 kn follow from the fixes before it: supported.
     */
    @Test
    void aSuddenStopGivesTheNavigationStatusOnlyWhenReported() {
        List<org.watchkeeper.core.observation.Observation> reports = Tracks.decode(Tracks.nmea(stop(0.3, 20, 0.2)));
        Event e = Tracks.runObservations(List.of(SuddenSpeedChangeDetector.withDefaults()), reports, Integer.MAX_VALUE).get(0);
        assertThat(e.attributes()).containsEntry("navigation_status", 0).containsEntry("from_sog_supported", true);
        List<org.watchkeeper.core.observation.Observation> rows = new ArrayList<>();
        for (org.watchkeeper.core.observation.Observation o : reports) {
            var p = (org.watchkeeper.core.observation.PositionObservation) o;
            rows.add(new org.watchkeeper.core.observation.PositionObservation(p.time(), "rows.csv", p.mmsi(),
                    org.watchkeeper.core.observation.Observation.NO_MESSAGE_TYPE, p.classEvidence(), p.latitude(), p.longitude(),
                    p.speedOverGround(), p.courseOverGround(), p.heading(), org.watchkeeper.core.observation.Observation.NOT_AVAILABLE,
                    p.highAccuracy(), false));
        }
        Event fromRows = Tracks.runObservations(List.of(SuddenSpeedChangeDetector.withDefaults()), rows, Integer.MAX_VALUE).get(0);
        assertThat(fromRows.start()).isEqualTo(e.start());
        assertThat(fromRows.attributes()).doesNotContainKey("navigation_status").containsEntry("from_sog_supported", true)
                .containsEntry("to_sog_kn", 0.3);
    }

    /** The stop of {@link #stop} with a static report of ship type {@code shipType} at {@code second} put in time order. */
    private static List<Event> stopWithShipType(int shipType, long second, SuddenSpeedChangeDetector d) {
        List<org.watchkeeper.core.observation.Observation> obs = new ArrayList<>(Tracks.decode(Tracks.nmea(stop(0.3, 20, 0.2))));
        var id = new org.watchkeeper.core.observation.IdentityObservation(Tracks.ms(second), "test", 6001, 5,
                org.watchkeeper.core.observation.StationClass.A, "PARMELIA", "WA5382", -1, shipType, null, Double.NaN,
                "PILOTAGE", null, -1);
        int at = 0;
        while (at < obs.size() && obs.get(at).time() <= id.time()) {
            at++;
        }
        obs.add(at, id);
        return Tracks.runObservations(List.of(d), obs, Integer.MAX_VALUE);
    }

    /**
     * A pilot vessel (ship type 50) stopping from 12 kn within 20 s raises nothing, also when its static
     * report comes only during the minute of low speed (as the Fremantle pilot boat's in AMSA's log); the
     * same stop by a cargo ship (70) is an event, and so is the pilot's with the exemption off.
     */
    @Test
    void specialCraftStoppingAlongsideIsNotASuddenSpeedChange() {
        SuddenSpeedChangeDetector pilotExempt = SuddenSpeedChangeDetector.withDefaults();
        assertThat(stopWithShipType(50, 0, pilotExempt)).isEmpty();
        assertThat(stopWithShipType(50, 345, SuddenSpeedChangeDetector.withDefaults())).isEmpty(); // after the drop, before confirmation
        assertThat(stopWithShipType(52, 0, SuddenSpeedChangeDetector.withDefaults())).isEmpty(); // a tug
        assertThat(stopWithShipType(70, 0, SuddenSpeedChangeDetector.withDefaults())).singleElement()
                .satisfies(e -> assertThat(e.parameters()).containsEntry("exempt_ship_types", "50-59"));
        assertThat(stopWithShipType(49, 0, SuddenSpeedChangeDetector.withDefaults())).hasSize(1); // high speed craft
        assertThat(stopWithShipType(50, 0, new SuddenSpeedChangeDetector(
                SuddenSpeedChangeDetector.Config.defaults().withExemptSpecialCraft(false)))).hasSize(1);
    }

    @Test
    void gradualSlowdownOrBriefDipIsNotASuddenSpeedChange() {
        assertThat(Tracks.run(SuddenSpeedChangeDetector.withDefaults(), stop(0.3, 45, 0.2))).isEmpty(); // 45 s > 30 s
        assertThat(Tracks.run(SuddenSpeedChangeDetector.withDefaults(), stop(0.3, 20, 8.0))).isEmpty(); // back to 8 kn
        List<Fix> slow = new ArrayList<>();
        double sog = 12;
        for (long t = 0; t <= 600; t += 10) {
            slow.add(new Fix(6002, t, 55.0, 12.0 + t * 1e-5, Math.max(0, sog), 45, 45, 0));
            sog -= 0.25; // 12 kn to 0 in 8 min
        }
        assertThat(Tracks.run(SuddenSpeedChangeDetector.withDefaults(), slow)).isEmpty();
    }

    /**
     * Two transmitters on one MMSI: one steaming north at 12 kn until t=100 s, the other moored 55 km
     * away reporting 0 kn every 10 s from t=105 s. AisAbnormal's rule alone sees 12 kn then 0 kn 5 s
     * later, sustained; the MarineCadastre file of 2022-01-03 had 6 such events (moved 2-152 km in
     * 0-17 s). The moored fix is out of the fast ship's reach, so no drop opens.
     */
    @Test
    void aStopOutOfReachIsAnotherTransmitterNotASuddenSpeedChange() {
        List<Tracks.Fix> fixes = new ArrayList<>();
        for (int t = 0; t <= 100; t += 10) {
            fixes.add(new Tracks.Fix(MMSI_SHARED, t, 55.0 + t * 12 * 1852.0 / 3600 / 111_195.0, 11.0, 12.0, 0, 0, 0));
        }
        for (int t = 105; t <= 400; t += 10) {
            fixes.add(new Tracks.Fix(MMSI_SHARED, t, 55.5, 11.0, 0.0, 0, 0, 5));
        }
        assertThat(Tracks.run(SuddenSpeedChangeDetector.withDefaults(), fixes)).isEmpty();
        // the same stop 5 s later at the fast ship's own position is one
        List<Tracks.Fix> stop = new ArrayList<>(fixes.subList(0, 11));
        for (int t = 105; t <= 400; t += 10) {
            stop.add(new Tracks.Fix(MMSI_SHARED, t, 55.0 + 100 * 12 * 1852.0 / 3600 / 111_195.0, 11.0, 0.0, 0, 0, 0));
        }
        assertThat(Tracks.run(SuddenSpeedChangeDetector.withDefaults(), stop)).hasSize(1);
    }

    private static final int MMSI_SHARED = 219_000_123;
}
