package org.watchkeeper.core.detect.encounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.core.detect.space.SyntheticAis.run;
import static org.watchkeeper.core.detect.space.SyntheticAis.runChunked;
import static org.watchkeeper.core.detect.space.SyntheticAis.sorted;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

class EncounterDetectorTest {
    static final int A = 412000001;
    static final int B = 412000002;
    static final long T0 = 1_700_000_000L; // 2023-11-14T22:13:20Z, epoch seconds
    static final double DRIFT_M_PER_MIN = 0.5 * Geodesy.METRES_PER_SECOND_PER_KNOT * 60;

    /** No port nearer than 50 km of the scenes below. */
    static PortIndex farPort(double lat, double lon) {
        double[] p = Geodesy.destination(lat, lon, 0, 50_000);
        return new PortIndex(List.of(new Port("XXFAR", "Far", "XXFAR", "Nowhere", p[0], p[1], null, "test")));
    }

    static EncounterDetector detector(PortIndex ports) {
        return new EncounterDetector(ports, EncounterConfig.DEFAULTS);
    }

    /**
     * A drifts east at 0.5 kn, reporting each minute (i = 0..n); B reports 5 s after A at the given
     * eastward offsets from A (metres; NaN = no report) with the given speed.
     */
    static void scene(SyntheticAis ais, double lat, double lon, int n, double[] offsetB, double[] speedB) {
        for (int i = 0; i < n; i++) {
            double[] a = Geodesy.destination(lat, lon, 90, i * DRIFT_M_PER_MIN);
            ais.fix(A, T0 + 60L * i, a[0], a[1], 0.5, 90);
            if (!Double.isNaN(offsetB[i])) {
                double[] b = Geodesy.destination(a[0], a[1], 90, offsetB[i] + DRIFT_M_PER_MIN * 5 / 60);
                ais.fix(B, T0 + 60L * i + 5, b[0], b[1], speedB[i], 270);
            }
        }
    }

    /** B approaches (1500, 1100, 700 m at 13 kn), stays 150 m off from minute k to m, leaves. */
    static void rendezvous(SyntheticAis ais, double lat, double lon, int k, int m, int n) {
        double[] off = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (i < k) {
                off[i] = 700 + 400.0 * (k - 1 - i);
                v[i] = 13;
            } else if (i <= m) {
                off[i] = 150;
                v[i] = 0.5;
            } else {
                off[i] = 700 + 400.0 * (i - m - 1);
                v[i] = 13;
            }
        }
        scene(ais, lat, lon, n, off, v);
    }

    @Test
    void rendezvousFiresWithItsStartAndEnd() {
        SyntheticAis ais = new SyntheticAis();
        rendezvous(ais, -20.3, 61.2, 10, 190, 200);
        List<Observation> obs = ais.observations();
        List<Event> events = run(obs, 0, detector(farPort(-20.3, 61.2)));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.ENCOUNTER);
        assertThat(e.vessels()).containsExactly(A, B);
        // First comparison within 500 m: B's fix at minute 10 (+5 s); last: A's fix at minute 191,
        // compared with B's fix of minute 190 (B is 700 m off at 191 + 5 s).
        assertThat(e.start()).isEqualTo((T0 + 600 + 5) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 191 * 60) * 1000);
        assertThat((Double) e.attributes().get("duration_s")).isEqualTo(181 * 60 - 5.0);
        assertThat((Double) e.attributes().get("median_speed_kn")).isEqualTo(0.55); // 0.5 kn bin
        assertThat((Double) e.attributes().get("min_distance_m")).isBetween(135.0, 152.0); // A's next fix has drifted 15 m towards B's older one
        assertThat((Long) e.attributes().get("nearest_port_distance_m")).isBetween(49_000L, 51_000L);
        assertThat(e.latitude()).isCloseTo(-20.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(e.parameters()).containsEntry("max_distance_m", 500.0).containsEntry("min_duration_s", 7200L);
        assertThat(e.evidence()).hasSizeLessThanOrEqualTo(51).isNotEmpty();
        assertThat(e.evidence().get(0).time()).isLessThanOrEqualTo(e.start());
    }

    /**
     * The rendezvous of {@link #rendezvousFiresWithItsStartAndEnd} with both vessels reporting every 10 s
     * (A on the minute, B 5 s later) instead of once a minute: each vessel takes part with its first fix
     * of each UTC minute, so the encounter is that of the once-a-minute scene, and the same as a run that
     * compares every fix of the first-per-minute fixes only.
     */
    @Test
    void anEncounterUnderWayIsOngoingWithTheIdItEndsWith() {
        SyntheticAis ais = new SyntheticAis();
        rendezvous(ais, -20.3, 61.2, 10, 190, 200);
        List<Observation> obs = ais.observations();
        List<Event> emitted = new java.util.ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine engine = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(detector(farPort(-20.3, 61.2))), emitted::add, 0);
        List<Event> at100 = new java.util.ArrayList<>();
        List<Event> at150 = new java.util.ArrayList<>();
        for (Observation o : obs) {
            engine.accept(o);
            if (o.time() == (T0 + 100 * 60) * 1000 && o.mmsi() == A) { // 1.5 h together: not yet 2 h
                engine.ongoing(at100::add);
            }
            if (o.time() == (T0 + 150 * 60) * 1000 && o.mmsi() == A) {
                engine.ongoing(at150::add);
            }
        }
        assertThat(at100).isEmpty();
        assertThat(at150).hasSize(1);
        Event now = at150.get(0);
        assertThat(now.vessels()).containsExactly(A, B);
        assertThat(now.start()).isEqualTo((T0 + 600 + 5) * 1000);
        assertThat(now.end()).isEqualTo((T0 + 150 * 60) * 1000);
        assertThat((Double) now.attributes().get("duration_s")).isEqualTo(140 * 60 - 5.0);
        assertThat((Double) now.attributes().get("together_s")).isEqualTo(140 * 60 - 5.0); // the run under way
        engine.finish();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).id()).isEqualTo(now.id());
        assertThat(emitted.get(0).end()).isEqualTo((T0 + 191 * 60) * 1000);
    }

    @Test
    void fixesEveryTenSecondsAreComparedOncePerVesselAndMinute() {
        long t1 = T0 + 40; // 22:14:00Z, on the minute
        SyntheticAis ais = new SyntheticAis();
        SyntheticAis firstPerMinute = new SyntheticAis();
        int n = 200;
        for (int i = 0; i < n; i++) {
            double off = i < 10 ? 700 + 400.0 * (9 - i) : i <= 190 ? 150 : 700 + 400.0 * (i - 191);
            double v = i < 10 || i > 190 ? 13 : 0.5;
            for (int s = 0; s < 60; s += 10) {
                double[] a = Geodesy.destination(-20.3, 61.2, 90, (i * 60 + s) * DRIFT_M_PER_MIN / 60);
                double[] b = Geodesy.destination(a[0], a[1], 90, off + DRIFT_M_PER_MIN * 5 / 60);
                ais.fix(A, t1 + 60L * i + s, a[0], a[1], 0.5, 90);
                ais.fix(B, t1 + 60L * i + s + 5, b[0], b[1], v, 270);
                if (s == 0) {
                    firstPerMinute.fix(A, t1 + 60L * i + s, a[0], a[1], 0.5, 90);
                    firstPerMinute.fix(B, t1 + 60L * i + s + 5, b[0], b[1], v, 270);
                }
            }
        }
        PortIndex ports = farPort(-20.3, 61.2);
        List<Event> events = run(ais.observations(), 0, detector(ports));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.start()).isEqualTo((t1 + 600 + 5) * 1000);
        assertThat(e.end()).isEqualTo((t1 + 191 * 60) * 1000);
        assertThat((Long) e.attributes().get("comparisons")).isEqualTo(2L * 181); // one per vessel and minute
        assertThat(e.parameters()).containsEntry("sample_interval_s", 60L);

        EncounterConfig d = EncounterConfig.DEFAULTS;
        EncounterConfig everyFix = new EncounterConfig(d.maxDistanceMetres(), d.minDurationMillis(), d.maxMedianSpeedKnots(),
                d.minPortDistanceMetres(), d.mergeGapMillis(), d.maxFixAgeMillis(), d.cellSizeDegrees(), d.marginMetres(), 0);
        List<Event> subset = run(firstPerMinute.observations(), 0, new EncounterDetector(ports, everyFix));
        assertThat(subset).hasSize(1);
        Event f = subset.get(0);
        assertThat(List.of(f.start(), f.end(), f.vessels(), f.latitude(), f.longitude(), f.evidence()))
                .isEqualTo(List.of(e.start(), e.end(), e.vessels(), e.latitude(), e.longitude(), e.evidence()));
        java.util.Map<String, Object> attributes = new java.util.HashMap<>(f.attributes());
        assertThat(attributes).isEqualTo(e.attributes());
        // Every fix compared: six times the comparisons, the end at B's last fix within 500 m.
        List<Event> all = run(ais.observations(), 0, new EncounterDetector(ports, everyFix));
        assertThat(all).hasSize(1);
        assertThat((Long) all.get(0).attributes().get("comparisons")).isGreaterThan(6L * 2 * 170);
        assertThatThrownBy(() -> new EncounterConfig(d.maxDistanceMetres(), d.minDurationMillis(), d.maxMedianSpeedKnots(),
                d.minPortDistanceMetres(), d.mergeGapMillis(), d.maxFixAgeMillis(), d.cellSizeDegrees(), d.marginMetres(),
                d.maxFixAgeMillis())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half the fix age");
    }

    /**
     * A third vessel keeps the cell busy with reports on the minute, so a fix arrives exactly at each of
     * the cell's 10-minute timer times: the timer must still fire, ending the pair once it has been apart
     * for 4 h (event emitted while the input goes on, not only at its end) and forgetting the partner
     * that left the cell.
     */
    @Test
    void aBusyCellStillEndsPairsAndForgetsVesselsGoneWhileTheInputGoesOn() {
        int c = 412000003;
        long t0 = T0 - T0 % 600; // on a 10-minute boundary
        double lat = -20.3;
        double lon = 61.2;
        SyntheticAis ais = new SyntheticAis();
        int minutes = 8 * 60;
        for (int i = 0; i < minutes; i++) {
            long t = t0 + 60L * i;
            double[] a = Geodesy.destination(lat, lon, 90, i * DRIFT_M_PER_MIN);
            ais.fix(A, t, a[0], a[1], 0.5, 90);
            // B lies 150 m off A for minutes 0..179 (3 h), then reports 200 km away (another cell).
            double[] b = i < 180 ? Geodesy.destination(a[0], a[1], 0, 150) : Geodesy.destination(lat, lon, 0, 200_000);
            ais.fix(B, t, b[0], b[1], 0.5, 90);
            double[] cc = Geodesy.destination(lat, lon, 180, 3_000);
            ais.fix(c, t, cc[0], cc[1], 0.0, 0);
        }
        List<long[]> emittedAt = new java.util.ArrayList<>();
        List<Event> events = new java.util.ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine[] engine = new org.watchkeeper.core.detect.DetectionEngine[1];
        EncounterDetector d = detector(farPort(lat, lon));
        engine[0] = new org.watchkeeper.core.detect.DetectionEngine(List.of(d), e -> {
            events.add(e);
            emittedAt.add(new long[] {engine[0].watermark()});
        }, 0);
        for (Observation o : ais.observations()) {
            engine[0].accept(o);
        }
        long lastInput = (t0 + 60L * (minutes - 1)) * 1000;
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.vessels()).containsExactly(A, B);
        assertThat(e.start()).isEqualTo(t0 * 1000);
        // A's fixes keep meeting B's last fix here (minute 179) while it is at most 10 minutes old.
        assertThat(e.end()).isEqualTo((t0 + 189 * 60) * 1000);
        // Emitted by the cell's timer at 7:10, the first more than 4 h after minute 189 (the watermark
        // passes it with the fix of 7:11), not at the end of the input.
        assertThat(emittedAt.get(0)[0]).isEqualTo((t0 + 431 * 60) * 1000 - 1).isLessThan(lastInput);
        engine[0].finish();
        assertThat(events).hasSize(1);
    }

    /**
     * A busy cell (more than 48 vessels, so the fine grid is used) holding 12 pairs 497 m apart and
     * 12 pairs 503 m apart, one pair per bearing 0°, 30° ... 330°, and 8 lone vessels, 1.6 km apart on
     * irregular fractions of the fine grid; all lie still for 2.5 h. At the equator, at 56° N (where a
     * 500 m circle spans about 3.6 fine columns), at 84° S and at 86.3° N (where every column of the
     * span is visited): each pair within range is one encounter, no pair beyond it is.
     */
    @Test
    void aBusyCellFindsEveryPairJustWithinRangeInEveryDirectionAndNoneJustBeyond() {
        for (double lat0 : new double[] {0.21, 56.13, -84.17, 86.3}) {
            double lon0 = 10.137;
            SyntheticAis ais = new SyntheticAis();
            List<Integer> near = new java.util.ArrayList<>();
            int mmsi = 412100000;
            for (int k = 0; k < 32; k++) {
                double bearing = 30.0 * (k % 12);
                double range = k < 12 ? 497 : 503;
                double[] a = Geodesy.destination(lat0, lon0, 0, 1_600.0 * (k / 6) + 37.0 * (k % 6));
                a = Geodesy.destination(a[0], a[1], 90, 1_600.0 * (k % 6) + 53.0 * (k / 6));
                if (k >= 24) {
                    for (int i = 0; i < 150; i++) {
                        ais.fix(mmsi, T0 + 60L * i + 3, a[0], a[1], 0.0, 0);
                    }
                    mmsi++;
                    continue;
                }
                double[] b = Geodesy.destination(a[0], a[1], bearing, range);
                int ma = mmsi++;
                int mb = mmsi++;
                if (range < 500) {
                    near.add(ma);
                }
                for (int i = 0; i < 150; i++) {
                    ais.fix(ma, T0 + 60L * i, a[0], a[1], 0.0, 0);
                    ais.fix(mb, T0 + 60L * i + 7, b[0], b[1], 0.0, 0);
                }
            }
            List<Observation> obs = ais.observations().stream()
                    .sorted(java.util.Comparator.comparingLong(Observation::time)).toList();
            List<Event> events = run(obs, 0, detector(farPort(lat0, lon0)));
            assertThat(events).as("latitude %s", lat0).hasSize(12);
            assertThat(events.stream().map(e -> e.vessels().get(0)).sorted().toList()).as("latitude %s", lat0)
                    .isEqualTo(near);
            for (Event e : events) {
                assertThat((Double) e.attributes().get("min_distance_m")).isBetween(495.0, 500.0);
                assertThat((Double) e.attributes().get("duration_s")).isEqualTo(149 * 60.0); // B's first fix (+7 s) to B's last
            }
        }
    }

    @Test
    void fastPassingIsNoEncounter() {
        SyntheticAis ais = new SyntheticAis();
        // B passes A head-on at 12 kn (370 m a minute), 100 m abeam at closest.
        int n = 60;
        double[] off = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            off[i] = 370.0 * (30 - i);
            v[i] = 12;
        }
        scene(ais, 10.0, -30.0, n, off, v);
        assertThat(run(ais.observations(), 0, detector(farPort(10.0, -30.0)))).isEmpty();
    }

    @Test
    void twoVesselsAtAnchorInPortAreNoEncounterButTheSameFarOutAreOne() {
        SyntheticAis ais = new SyntheticAis();
        int n = 300;
        double[] off = new double[n];
        double[] v = new double[n];
        java.util.Arrays.fill(off, 200);
        java.util.Arrays.fill(v, 0.0);
        scene(ais, 1.25, 103.9, n, off, v);
        List<Observation> obs = ais.observations();
        double[] port = Geodesy.destination(1.25, 103.9, 180, 3_000);
        PortIndex near = new PortIndex(List.of(new Port("SGSIN", "Singapore", "SGSIN", "Singapore", port[0], port[1], null, "test")));
        assertThat(run(obs, 0, detector(near))).isEmpty();
        assertThat(run(obs, 0, detector(farPort(1.25, 103.9)))).hasSize(1);
    }

    @Test
    void samePairTwiceWithinFourHoursIsOneEncounter() {
        SyntheticAis ais = new SyntheticAis();
        // Together minutes 10..160, 5 km apart 161..280 (2 h), together 281..430, then apart.
        int n = 440;
        double[] off = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            boolean together = (i >= 10 && i <= 160) || (i >= 281 && i <= 430);
            off[i] = together ? 120 : 5_000;
            v[i] = together ? 0.5 : 1.0;
        }
        scene(ais, 35.0, -40.0, n, off, v);
        List<Event> events = run(ais.observations(), 0, detector(farPort(35.0, -40.0)));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.start()).isEqualTo((T0 + 600 + 5) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 431 * 60) * 1000);
        assertThat(e.attributes()).containsEntry("runs", 2);
        // A second meeting more than 4 h after the first gives two encounters.
        SyntheticAis later = new SyntheticAis();
        int n2 = 700;
        double[] off2 = new double[n2];
        double[] v2 = new double[n2];
        for (int i = 0; i < n2; i++) {
            boolean together = (i >= 10 && i <= 160) || (i >= 420 && i <= 570);
            off2[i] = together ? 120 : 5_000;
            v2[i] = together ? 0.5 : 1.0;
        }
        scene(later, 35.0, -40.0, n2, off2, v2);
        assertThat(run(later.observations(), 0, detector(farPort(35.0, -40.0)))).hasSize(2);
    }

    @Test
    void shortMeetingIsNoEncounter() {
        SyntheticAis ais = new SyntheticAis();
        rendezvous(ais, -20.3, 61.2, 10, 100, 110); // 1.5 h together
        assertThat(run(ais.observations(), 0, detector(farPort(-20.3, 61.2)))).isEmpty();
    }

    @Test
    void oneEventAtACellCornerAndAcrossTheAntimeridian() {
        // 0.5° cells: (0, 60) is a corner shared by four cells; the pair straddles it.
        SyntheticAis corner = new SyntheticAis();
        rendezvous(corner, 0.0005, 59.9995, 10, 190, 200);
        assertThat(run(corner.observations(), 0, detector(farPort(0, 60)))).hasSize(1);
        SyntheticAis dateline = new SyntheticAis();
        rendezvous(dateline, -15.0, 179.999, 10, 190, 200); // B lies east of 180°, at -179.99x
        List<Event> events = run(dateline.observations(), 0, detector(farPort(-15.0, 179.999)));
        assertThat(events).hasSize(1);
        assertThat((Double) events.get(0).attributes().get("min_distance_m")).isBetween(135.0, 152.0); // A's next fix has drifted 15 m towards B's older one
    }

    @Test
    void chunkedAndLateReplaysGiveTheSameEvents() {
        SyntheticAis ais = new SyntheticAis();
        rendezvous(ais, -20.3, 61.2, 10, 190, 200);
        scene(ais, -21.0, 62.0, 1, new double[] {Double.NaN}, new double[] {0});
        List<Observation> obs = ais.observations();
        PortIndex ports = farPort(-20.3, 61.2);
        List<Event> whole = run(obs, 0, detector(ports));
        assertThat(whole).hasSize(1);
        for (int chunk : new int[] {1, 7, 100, 1000}) {
            assertThat(runChunked(obs, chunk, 0, detector(ports))).isEqualTo(whole);
            assertThat(sorted(runChunked(obs, chunk, 3_600_000, detector(ports)))).isEqualTo(sorted(whole));
        }
    }

    @Test
    void routingSendsAFixToItsCellAndOnlyTheNeighboursWithinTheMargin() {
        EncounterDetector d = detector(farPort(0, 0));
        java.util.List<Long> keys = new java.util.ArrayList<>();
        var mid = new org.watchkeeper.core.observation.PositionObservation(0, null, 1, 1,
                org.watchkeeper.core.observation.StationClass.A, 10.25, 20.25, 1, 1, 1, 0, true, false);
        d.keys(mid, keys::add);
        assertThat(keys).containsExactly(d.cellOf(10.25, 20.25));
        keys.clear();
        var edge = new org.watchkeeper.core.observation.PositionObservation(0, null, 1, 1,
                org.watchkeeper.core.observation.StationClass.A, 10.49, 179.99, 1, 1, 1, 0, true, false);
        d.keys(edge, keys::add);
        assertThat(keys).containsExactlyInAnyOrder(d.cellOf(10.49, 179.99), d.cellOf(10.51, 179.99),
                d.cellOf(10.49, -179.99), d.cellOf(10.51, -179.99));
    }

    /** One point port at p. */
    static PortIndex portAt(double[] p) {
        return new PortIndex(List.of(new Port("XXPRT", "Port", "XXPRT", "Nowhere", p[0], p[1], null, "test")));
    }

    /**
     * Feeds observations to a detector alone (no timers fire), keeping each cell's state, and returns the
     * most vessels and pairs any cell state held after any observation: {vessels, pairs}.
     */
    static int[] mostHeld(List<Observation> obs, EncounterDetector d) {
        java.util.Map<Long, EncounterDetector.CellState> states = new java.util.HashMap<>();
        long[] key = new long[1];
        org.watchkeeper.core.detect.DetectorContext ctx = new org.watchkeeper.core.detect.DetectorContext() {
            public long key() { return key[0]; }
            public long watermark() { return Long.MIN_VALUE; }
            public void emit(Event e) { }
            public void registerTimer(long t) { }
            public void clearState() { states.remove(key[0]); }
            public void deleteTimer(long t) { }
        };
        int[] most = new int[2];
        for (Observation o : obs) {
            java.util.List<Long> keys = new java.util.ArrayList<>();
            d.keys(o, keys::add);
            for (long k : keys) {
                key[0] = k;
                EncounterDetector.CellState s = states.computeIfAbsent(k, x -> d.createState());
                d.onObservation(o, s, ctx);
                most[0] = Math.max(most[0], s.vessels());
                most[1] = Math.max(most[1], s.pairs());
            }
        }
        return most;
    }

    /**
     * GFW's rule "continuously within 500 m for at least two hours, whilst at least 10 km from a coastal
     * anchorage": a pair lying 200 m apart for 2.5 h 6 km from a port never becomes a pair at all
     * (no comparison, no state held), while the same pair 12 km from the port gives its encounter.
     */
    @Test
    void aPairInsideThePortZoneHoldsNoStateAndAPairOutsideItIsAnEncounter() {
        double lat = 55.3;
        double lon = 10.8;
        SyntheticAis ais = new SyntheticAis();
        int n = 150;
        double[] off = new double[n];
        double[] v = new double[n];
        java.util.Arrays.fill(off, 200);
        java.util.Arrays.fill(v, 0.3);
        scene(ais, lat, lon, n, off, v);
        List<Observation> obs = ais.observations();

        PortIndex near = portAt(Geodesy.destination(lat, lon, 180, 6_000));
        assertThat(run(obs, 0, detector(near))).isEmpty();
        assertThat(mostHeld(obs, detector(near))).containsExactly(0, 0);

        PortIndex twelve = portAt(Geodesy.destination(lat, lon, 180, 12_000));
        assertThat(mostHeld(obs, detector(twelve))).containsExactly(2, 1);
        List<Event> events = run(obs, 0, detector(twelve));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.vessels()).containsExactly(A, B);
        assertThat(e.start()).isEqualTo((T0 + 5) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 149 * 60 + 5) * 1000);
        assertThat((Long) e.attributes().get("nearest_port_distance_m")).isBetween(12_000L, 12_200L);
    }

    /**
     * A pair 150 m apart starts 13.01 km west of a port and moves towards it at 20 m a minute: A's fix of
     * minute 151 is the first within 10 km (9.99 km), so the last comparison is B's fix of minute 150
     * (+5 s) with A's of minute 150; the pair is not together after that, and its encounter ends there.
     */
    @Test
    void aPairDriftingIntoThePortZoneEndsWhereItCrossesTenKilometres() {
        double[] port = {55.5, 10.8};
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i < 250; i++) {
            double[] a = Geodesy.destination(port[0], port[1], 270, 13_010 - 20.0 * i);
            ais.fix(A, T0 + 60L * i, a[0], a[1], 0.6, 90);
            double[] b = Geodesy.destination(a[0], a[1], 0, 150);
            ais.fix(B, T0 + 60L * i + 5, b[0], b[1], 0.6, 90);
        }
        List<Event> events = run(ais.observations(), 0, detector(portAt(port)));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.start()).isEqualTo((T0 + 5) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 150 * 60 + 5) * 1000);
        assertThat((Double) e.attributes().get("duration_s")).isEqualTo(150 * 60.0);
        assertThat((Long) e.attributes().get("nearest_port_distance_m")).isBetween(11_400L, 11_600L);
    }

}
