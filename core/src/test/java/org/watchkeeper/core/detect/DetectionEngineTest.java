package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class DetectionEngineTest {

    /** Emits one "gap" per key when no observation follows within 60 s: exercises state, timers and deletion. */
    static final class SilenceDetector implements Detector<long[]> {
        @Override
        public String name() {
            return "silence";
        }

        @Override
        public long[] createState() {
            return new long[] {Long.MIN_VALUE};
        }

        @Override
        public void onObservation(Observation o, long[] last, DetectorContext ctx) {
            if (last[0] != Long.MIN_VALUE) {
                ctx.deleteTimer(last[0] + 60_000);
            }
            last[0] = o.time();
            ctx.registerTimer(o.time() + 60_000);
        }

        @Override
        public void onTimer(long timestamp, long[] last, DetectorContext ctx) {
            ctx.emit(Event.of(EventKind.GAP, last[0], timestamp, List.of((int) ctx.key()), 0, 0, null,
                    Map.of("silence_s", 60), Map.of(), List.of()));
            ctx.clearState();
        }
    }

    static PositionObservation at(int mmsi, long t) {
        return new PositionObservation(t, "test", mmsi, 1, StationClass.A, 1.0, 103.8, 10.0, 90.0, 90, 0, true, false);
    }

    private static List<Event> run(long lateness, PositionObservation... obs) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(new SilenceDetector()), out::add, lateness);
        for (PositionObservation o : obs) {
            e.accept(o);
        }
        e.finish();
        return out;
    }

    @Test
    void timersFireInEventTimeOrderAsTheWatermarkPasses() {
        List<Event> events = run(0, at(1, 0), at(2, 10_000), at(1, 30_000), at(2, 200_000), at(1, 300_000));
        // key 1: silent 30 s..90 s and 300 s..360 s (at finish); key 2: silent 10 s..70 s and 200 s..260 s
        assertThat(events).extracting(Event::vessels, Event::start, Event::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of(2), 10_000L, 70_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(1), 30_000L, 90_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(2), 200_000L, 260_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(1), 300_000L, 360_000L));
        assertThat(events.get(0).id()).isEqualTo(Event.stableId(EventKind.GAP, List.of(2), 10_000L)).hasSize(32);
    }

    @Test
    void lateObservationsAreCountedAndDropped() {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(new SilenceDetector()), out::add, 5_000);
        e.accept(at(1, 100_000));
        e.accept(at(1, 96_000)); // within the allowed lateness: processed
        e.accept(at(1, 94_000)); // older than watermark 94 999: late
        assertThat(e.lateObservations()).isEqualTo(1);
        assertThat(e.watermark()).isEqualTo(94_999L);
        e.finish();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).start()).isEqualTo(96_000L);
    }

    @Test
    void sameEventsWhetherTheInputIsChunkedOrNot() {
        PositionObservation[] all = {at(1, 0), at(1, 50_000), at(1, 200_000), at(3, 210_000), at(1, 400_000)};
        List<Event> whole = run(0, all);
        List<Event> again = run(0, all);
        assertThat(again).isEqualTo(whole);
        assertThat(whole).extracting(Event::start).containsExactly(50_000L, 200_000L, 210_000L, 400_000L);
    }

    /**
     * Counts a key's observations; each observation registers a timer {@code delay} ms later, whose firing
     * is logged as {@code name@time/key=count} and, with {@code clearOnTimer}, forgets the key's state.
     * With {@code cells}, routes an observation to two keys of its own (MMSI + 1000 and + 2000) instead
     * of the MMSI.
     */
    static final class Probe implements Detector<long[]> {
        final String name;
        final long delay;
        final boolean clearOnTimer;
        final List<String> log;

        Probe(String name, long delay, boolean clearOnTimer, List<String> log) {
            this.name = name;
            this.delay = delay;
            this.clearOnTimer = clearOnTimer;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long[] createState() {
            return new long[1];
        }

        @Override
        public void onObservation(Observation o, long[] count, DetectorContext ctx) {
            count[0]++;
            ctx.registerTimer(o.time() + delay);
        }

        @Override
        public void onTimer(long timestamp, long[] count, DetectorContext ctx) {
            log.add(name + "@" + timestamp + "/" + ctx.key() + "=" + count[0]);
            if (clearOnTimer) {
                ctx.clearState();
            }
        }
    }

    static final class CellProbe implements Detector<long[]> {
        final Probe p;

        CellProbe(Probe p) {
            this.p = p;
        }

        @Override
        public String name() {
            return p.name();
        }

        @Override
        public long[] createState() {
            return p.createState();
        }

        @Override
        public void keys(Observation o, java.util.function.LongConsumer out) {
            out.accept(o.mmsi() + 2000L);
            out.accept(o.mmsi() + 1000L);
        }

        @Override
        public void onObservation(Observation o, long[] count, DetectorContext ctx) {
            p.onObservation(o, count, ctx);
        }

        @Override
        public void onTimer(long timestamp, long[] count, DetectorContext ctx) {
            p.onTimer(timestamp, count, ctx);
        }
    }

    @Test
    void timersOfEqualTimeAndKeyFireInDetectorOrderAcrossVesselAndCellKeyedDetectors() {
        List<String> log = new ArrayList<>();
        List<Detector<?>> ds = List.of(new Probe("b", 10_000, false, log),
                new CellProbe(new Probe("cell", 10_000, false, log)), new Probe("a", 10_000, false, log));
        DetectionEngine e = new DetectionEngine(ds, ev -> { }, 0);
        e.accept(at(7, 0));
        e.accept(at(5, 0));
        e.accept(at(5, 5_000));
        e.finish();
        assertThat(log).containsExactly(
                "b@10000/5=2", "a@10000/5=2", "b@10000/7=1", "a@10000/7=1",
                "cell@10000/1005=2", "cell@10000/1007=1", "cell@10000/2005=2", "cell@10000/2007=1",
                "b@15000/5=2", "a@15000/5=2", "cell@15000/1005=2", "cell@15000/2005=2");
    }

    @Test
    void clearingOneDetectorsStateLeavesTheOtherDetectorsOfTheVessel() {
        List<String> log = new ArrayList<>();
        // "short" forgets vessel 1 after each timer; "long" keeps counting
        List<Detector<?>> ds = List.of(new Probe("short", 1_000, true, log), new Probe("long", 100_000, false, log));
        DetectionEngine e = new DetectionEngine(ds, ev -> { }, 0);
        e.accept(at(1, 0));
        e.accept(at(1, 500));
        assertThat(e.keyCounts()).containsExactly(Map.entry("short", 1), Map.entry("long", 1));
        e.accept(at(1, 5_000)); // fires short@1000 and short@1500 first: cleared, then the timer makes it anew
        assertThat(log).containsExactly("short@1000/1=2", "short@1500/1=0");
        assertThat(e.keyCounts()).containsExactly(Map.entry("short", 1), Map.entry("long", 1));
        e.accept(at(1, 7_000)); // short@6000 sees only the 5 s observation
        e.finish();
        assertThat(log).containsExactly("short@1000/1=2", "short@1500/1=0", "short@6000/1=1",
                "short@8000/1=1", "long@100000/1=4", "long@100500/1=4", "long@105000/1=4", "long@107000/1=4");
        assertThat(e.keyCounts()).containsExactly(Map.entry("short", 0), Map.entry("long", 1));
    }

    @Test
    void aVesselWhoseStatesAreAllClearedStartsAfresh() {
        List<String> log = new ArrayList<>();
        List<Detector<?>> ds = List.of(new Probe("x", 1_000, true, log), new Probe("y", 2_000, true, log));
        DetectionEngine e = new DetectionEngine(ds, ev -> { }, 0);
        e.accept(at(1, 0));
        e.accept(at(2, 10_000)); // fires x@1000 and y@2000 for vessel 1: both cleared
        assertThat(e.keyCounts()).containsExactly(Map.entry("x", 1), Map.entry("y", 1));
        e.accept(at(1, 20_000));
        e.accept(at(1, 20_500));
        e.finish();
        assertThat(log).containsExactly("x@1000/1=1", "y@2000/1=1", "x@11000/2=1", "y@12000/2=1",
                "x@21000/1=2", "x@21500/1=0", "y@22000/1=2", "y@22500/1=0");
        assertThat(e.keyCounts()).containsExactly(Map.entry("x", 0), Map.entry("y", 0));
    }

    /** Counts a vessel's observations until it is silent for longer than its window, then reports and forgets. */
    static final class RunCounter implements Detector<long[]> {
        final long window;

        RunCounter(long window) {
            this.window = window;
        }

        @Override
        public String name() {
            return "run" + window;
        }

        @Override
        public long[] createState() {
            return new long[] {0, Long.MIN_VALUE};
        }

        @Override
        public void onObservation(Observation o, long[] s, DetectorContext ctx) {
            if (s[1] != Long.MIN_VALUE) {
                ctx.deleteTimer(s[1] + window);
            }
            s[0]++;
            s[1] = o.time();
            ctx.registerTimer(o.time() + window);
        }

        @Override
        public void onTimer(long timestamp, long[] s, DetectorContext ctx) {
            ctx.emit(Event.of(EventKind.GAP, s[1], timestamp, List.of((int) ctx.key()), 0, 0, null, Map.of(),
                    Map.of("count", s[0]), List.of()));
            ctx.clearState();
        }
    }

    @Test
    void thousandsOfVesselsComingAndGoingKeepTheirOwnStates() {
        // Ten detectors (more states per vessel than the record holds in fields), 3 000 vessels whose
        // records are dropped and made again many times (the table grows, and removals shift records
        // that collided): every run of a vessel's observations must be counted exactly once.
        int detectors = 10;
        List<Detector<?>> ds = new ArrayList<>();
        for (int k = 0; k < detectors; k++) {
            ds.add(new RunCounter((k + 1) * 30_000L));
        }
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(ds, out::add, 0);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        Map<Integer, List<Long>> times = new java.util.TreeMap<>();
        long t = 0;
        for (int i = 0; i < 60_000; i++) {
            t += rnd.nextInt(0, 40);
            int mmsi = 200_000_000 + rnd.nextInt(3_000) * 4_099;
            e.accept(at(mmsi, t));
            times.computeIfAbsent(mmsi, m -> new ArrayList<>()).add(t);
        }
        assertThat(e.keyCounts().get("run30000")).isGreaterThan(1_000);
        e.finish();
        assertThat(e.keyCounts().values()).containsOnly(0);
        // Expected: per detector and vessel, the observation counts of the runs split where the
        // vessel was silent for longer than the window (lateness 0: the timer fires when an
        // observation later than its time arrives).
        Map<String, Long> expected = new java.util.TreeMap<>();
        for (int k = 0; k < detectors; k++) {
            long w = (k + 1) * 30_000L;
            for (Map.Entry<Integer, List<Long>> v : times.entrySet()) {
                long count = 0;
                long last = Long.MIN_VALUE;
                for (long x : v.getValue()) {
                    if (count > 0 && x > last + w) {
                        expected.merge(w + "/" + v.getKey() + "/" + last + "=" + count, 1L, Long::sum);
                        count = 0;
                    }
                    count++;
                    last = x;
                }
                expected.merge(w + "/" + v.getKey() + "/" + last + "=" + count, 1L, Long::sum);
            }
        }
        Map<String, Long> actual = new java.util.TreeMap<>();
        for (Event ev : out) {
            actual.merge((ev.end() - ev.start()) + "/" + ev.vessels().get(0) + "/" + ev.start() + "="
                    + ev.attributes().get("count"), 1L, Long::sum);
        }
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
        assertThat(out.size()).isGreaterThan(20_000);
    }

    /** Logs every observation it is given and every timer; forgets the vessel when it has been silent for {@code forget} ms. */
    static final class Recorder implements Detector<long[]> {
        final List<String> log;
        final long forget;

        Recorder(List<String> log, long forget) {
            this.log = log;
            this.forget = forget;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public long[] createState() {
            return new long[] {Long.MIN_VALUE};
        }

        @Override
        public void onObservation(Observation o, long[] last, DetectorContext ctx) {
            log.add(o.getClass().getSimpleName() + " " + o.mmsi() + "@" + o.time() + " " + o.source());
            if (last[0] != Long.MIN_VALUE) {
                ctx.deleteTimer(last[0] + forget);
            }
            last[0] = o.time();
            ctx.registerTimer(o.time() + forget);
        }

        @Override
        public void onTimer(long timestamp, long[] last, DetectorContext ctx) {
            log.add("timer " + ctx.key() + "@" + timestamp);
            ctx.clearState();
        }
    }

    /** A vessel north-bound at 10 kn from 55° N, its report of time {@code made} heard at {@code heard} by {@code source}. */
    private static PositionObservation moving(int mmsi, long made, long heard, String source) {
        double lat = 55 + 10 * 1852.0 / 3_600_000.0 * made / 111_195.0;
        return new PositionObservation(heard, source, mmsi, 1, StationClass.A, lat, 11.0 + (mmsi % 100) / 10.0, 10.0,
                0.0, 0, 0, true, false, org.watchkeeper.ais.nmea.TimeSource.PGHP, (int) (made / 1000 % 60), false);
    }

    /**
     * The same stream through a {@link DuplicateFilter} in front of an engine and through an engine that
     * filters itself: 4 000 vessels (the filter forgets silent ones several times), each report heard by
     * one to three stations, moving vessels' reports relayed again 15-70 minutes after they were made
     * (stale repeats, some after the vessel was silent for over an hour), identities, positions without a
     * position, stations only heard, and observations too late for the watermark: the detectors see the
     * same observations and timers, and the counts agree.
     */
    @Test
    void filteringDuplicatesInTheEngineDecidesAsADuplicateFilterInFrontOfIt() {
        List<String> viaFilter = new ArrayList<>();
        List<String> inEngine = new ArrayList<>();
        DetectionEngine behind = new DetectionEngine(List.of(new Recorder(viaFilter, 1_800_000)), ev -> { }, 5_000);
        DuplicateFilter filter = new DuplicateFilter(behind::accept);
        DetectionEngine filtering = new DetectionEngine(List.of(new Recorder(inEngine, 1_800_000)), ev -> { }, 5_000);
        filtering.filterDuplicates(DuplicateReceptions.DEFAULT_WINDOW_MILLIS);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        long t = 0;
        int fed = 0;
        for (int i = 0; i < 150_000; i++) {
            t += rnd.nextInt(0, 120);
            int mmsi = 219_000_000 + rnd.nextInt(4_000);
            boolean quietFleet = mmsi % 7 == 0 && (t / 3_600_000) % 3 == 1; // silent one hour in three
            if (quietFleet) {
                continue;
            }
            List<Observation> heard = new ArrayList<>();
            int kind = rnd.nextInt(100);
            if (kind < 70) {
                PositionObservation p = moving(mmsi, t, t, "S0");
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    heard.add(new PositionObservation(t + rnd.nextInt(0, 30), "S" + k, p.mmsi(), 1, StationClass.A,
                            p.latitude(), p.longitude(), 10.0, 0.0, 0, 0, true, false,
                            org.watchkeeper.ais.nmea.TimeSource.PGHP, p.utcSecond(), false));
                }
            } else if (kind < 80) {
                long made = t - rnd.nextLong(900_000, 4_200_000);
                heard.add(moving(mmsi, Math.max(0, made), t, "relay"));
            } else if (kind < 88) {
                heard.add(new org.watchkeeper.core.observation.IdentityObservation(t, "S1", mmsi, 5, StationClass.A, "SHIP " + mmsi,
                        null, 0, 70, null, Double.NaN, null, null, -1));
            } else if (kind < 93) {
                heard.add(new PositionObservation(t, "S1", mmsi, 1, StationClass.A, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        511, 15, false, false));
            } else if (kind < 97) {
                heard.add(new org.watchkeeper.core.observation.HeardObservation(t, "S2", mmsi, 24, StationClass.B));
            } else {
                heard.add(moving(mmsi, Math.max(0, t - 20_000), Math.max(0, t - 20_000), "late"));
            }
            for (Observation o : heard) {
                filter.accept(o);
                filtering.accept(o);
                fed++;
            }
        }
        behind.finish();
        filtering.finish();
        assertThat(inEngine).hasSize(viaFilter.size()).isEqualTo(viaFilter);
        assertThat(filtering.duplicates()).isEqualTo(filter.duplicates()).isGreaterThan(10_000);
        assertThat(filtering.lateObservations()).isEqualTo(behind.lateObservations()).isPositive();
        assertThat(inEngine.size()).isGreaterThan(fed / 2);
        assertThat(inEngine.stream().filter(l -> l.endsWith(" relay")).count()).isPositive();
    }

    /** A cell-keyed detector sampled at one minute that logs what it gets and the timers it fires (key = MMSI + 10). */
    static final class SampledCells implements Detector<long[]> {
        final List<String> log;

        SampledCells(List<String> log) {
            this.log = log;
        }

        @Override
        public String name() {
            return "sampled";
        }

        @Override
        public long[] createState() {
            return new long[] {Long.MIN_VALUE};
        }

        @Override
        public long sampleIntervalMillis() {
            return 60_000;
        }

        @Override
        public void keys(Observation o, java.util.function.LongConsumer out) {
            out.accept(o.mmsi() + 10L);
        }

        @Override
        public void onObservation(Observation o, long[] s, DetectorContext ctx) {
            log.add(o.getClass().getSimpleName() + " " + ctx.key() + "@" + o.time());
            if (s[0] == Long.MIN_VALUE) {
                s[0] = (o.time() / 90_000 + 1) * 90_000;
                ctx.registerTimer(s[0]);
            }
        }

        @Override
        public void onTimer(long timestamp, long[] s, DetectorContext ctx) {
            log.add("timer " + ctx.key() + "@" + timestamp);
            ctx.emit(Event.of(EventKind.GAP, timestamp - 90_000, timestamp, List.of((int) ctx.key()), 0, 0, null, Map.of(),
                    Map.of(), List.of()));
            ctx.clearState();
        }
    }

    /** Forgets its vessel at every observation (the vessel's record goes, unless the engine still needs it). */
    static final class Forgetful implements Detector<long[]> {
        @Override
        public String name() {
            return "forgetful";
        }

        @Override
        public long[] createState() {
            return new long[1];
        }

        @Override
        public void onObservation(Observation o, long[] s, DetectorContext ctx) {
            ctx.clearState();
        }
    }

    /**
     * An engine handing on to a second one only the first fix of each vessel per minute gives the
     * second one's minute-sampled detector the same observations, timers and events as when it is fed
     * everything: vessels reporting every 1-20 s, identities, positions without a position, stations
     * only heard; with per-vessel detectors that keep the vessel (a recorder) and that forget it at
     * every fix (so the record of a vessel may go between two of its fixes in one minute), and with none.
     */
    @Test
    void handingOnSampledFixesGivesTheSampledDetectorsWhatTheyGetFedEverything() {
        for (int variant = 0; variant < 3; variant++) {
            List<String> all = new ArrayList<>();
            List<Event> allEvents = new ArrayList<>();
            DetectionEngine everything = new DetectionEngine(List.of(new SampledCells(all)), allEvents::add, 2_000);
            List<String> handed = new ArrayList<>();
            List<Event> handedEvents = new ArrayList<>();
            DetectionEngine cells = new DetectionEngine(List.of(new SampledCells(handed)), handedEvents::add, 2_000);
            cells.inputSampledAt(60_000);
            List<Detector<?>> perVessel = variant == 0 ? List.of(new Recorder(new ArrayList<>(), 120_000), new Forgetful())
                    : variant == 1 ? List.of(new Forgetful()) : List.of();
            DetectionEngine first = new DetectionEngine(perVessel, ev -> { }, 2_000);
            List<Observation> passed = new ArrayList<>();
            first.handOn(o -> {
                passed.add(o);
                cells.accept(o);
            }, 60_000);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(17 + variant);
            long t = 1_000_000_000L;
            int positions = 0;
            for (int i = 0; i < 100_000; i++) {
                t += rnd.nextInt(0, 15);
                int mmsi = 211_000_000 + rnd.nextInt(2_000);
                int kind = rnd.nextInt(100);
                Observation o = kind < 85 ? at(mmsi, t)
                        : kind < 92 ? new org.watchkeeper.core.observation.IdentityObservation(t, "S1", mmsi, 5, StationClass.A,
                                "SHIP", null, 0, 70, null, Double.NaN, null, null, -1)
                        : kind < 96 ? new PositionObservation(t, "S1", mmsi, 1, StationClass.A, 91.0, 181.0, Double.NaN, Double.NaN,
                                511, 15, false, false)
                        : new org.watchkeeper.core.observation.HeardObservation(t, "S2", mmsi, 24, StationClass.B);
                positions += kind < 85 ? 1 : 0;
                everything.accept(o);
                first.accept(o);
            }
            everything.finish();
            first.finish();
            cells.finish();
            assertThat(handed).hasSize(all.size()).isEqualTo(all);
            assertThat(handedEvents).isEqualTo(allEvents);
            assertThat(allEvents).hasSizeGreaterThan(1_000);
            long fixesPassed = passed.stream().filter(o -> o instanceof PositionObservation p && p.hasPosition()).count();
            assertThat(fixesPassed).isLessThan(positions / 3);
            assertThat(passed.stream().filter(o -> o instanceof org.watchkeeper.core.observation.HeardObservation)).isEmpty();
        }
    }
}
