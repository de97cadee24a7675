package org.watchkeeper.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.duckdb.DuckDBConnection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.VesselSampler;
import org.watchkeeper.core.detect.encounter.EncounterConfig;
import org.watchkeeper.core.detect.encounter.EncounterDetector;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * Encounter detection on synthetic traffic, by {@link EncounterDetector} in the in-process engine and
 * by the same question asked of DuckDB in SQL (a grid self-join), with the answers compared.
 *
 * <p>Traffic (generated at run time, seed fixed): {@code vessels} ships in a 10° × 10° ocean box
 * (20-30 S, 60-70 E, no port), each reporting every {@code reportSeconds} seconds (system property,
 * default 10: a Class A ship at 0-14 kn under ITU-R M.1371-5, Annex 1, Table 1) for {@code minutes}
 * minutes, at its own phase within the reporting interval; most sail straight at 8-14 kn (so they
 * pass one another at speed), and {@code pairs} planted pairs drift at 0.5 kn 5 km apart, the partner
 * closing at 12 kn to 150 m abeam for a planted stretch of 2.5-4 h and then opening again at 12 kn.
 *
 * <p>Same question: the detector takes each vessel's first fix of each UTC minute
 * ({@link EncounterConfig#sampleIntervalMillis()}) and compares it with the latest such fix of each
 * nearby vessel, i.e. the one processed last before it in (time, MMSI) order. The SQL keeps the same
 * fixes ({@code row_number()} per vessel and minute), joins exactly those position pairs through a
 * 0.01° grid (each position looked up in its 3 × 3 neighbour cells), keeps those within 500 m, cuts
 * each pair's times into runs at gaps over 10 minutes, merges runs at most 4 h apart and keeps
 * encounters of at least 2 h with median speed below 2 kn. Timed: the detector over the in-memory
 * observations in the {@link DetectionEngine} (sampling, routing, state, timers) and, alternately,
 * alone in a bare host ({@link BareHost}, which samples the same way), and the SQL query over a loaded
 * table (loading excluded), best of 5 runs each (system property {@code runs}). Usage:
 * {@code EncountersVsDuckDb [vessels] [minutes] [pairs]}, defaults 2 000, 500, 50 (6 000 000
 * positions at the default 10 s; {@code -DreportSeconds=60} gives 1 000 000, one a minute, where
 * sampling drops nothing).
 *
 * <p>The detector runs with {@link EncounterConfig#DEFAULTS} but for two system properties that
 * measure what the routing costs: {@code marginMetres} (default 5 000: a fix also goes to each
 * neighbour cell within this distance) and {@code cellDegrees} (default 0.5). The run prints the
 * number of cells a position is routed to on average. Other values than the defaults change what the
 * detector reports in general (how far an encounter may drift from its cell, and the
 * {@code anchor_cell} attribute); the run still fails when its encounters differ from DuckDB's.
 */
public final class EncountersVsDuckDb {
    private static final String SQL = """
            WITH s AS (
              -- each vessel's first fix of each UTC minute
              SELECT * FROM pos QUALIFY row_number() OVER (PARTITION BY mmsi, t // 60000 ORDER BY t) = 1),
            p AS (
              SELECT mmsi, t, lat, lon, sog, CAST(floor(lat * 100) AS BIGINT) AS cy, CAST(floor(lon * 100) AS BIGINT) AS cx
              FROM s),
            q AS (
              SELECT p.*, cy + dy AS ny, cx + dx AS nx FROM p,
                (SELECT unnest([-1, 0, 1]) AS dy), (SELECT unnest([-1, 0, 1]) AS dx)),
            cmp AS (
              -- each fix p against the latest fix of other vessel q before it in (time, MMSI) order: one
              -- a minute per vessel, so q's fix in the minute up to p (at p's time only if q's MMSI is lower)
              SELECT least(p.mmsi, q.mmsi) AS a, greatest(p.mmsi, q.mmsi) AS b, p.t AS t, p.sog AS sog
              FROM p JOIN q ON q.ny = p.cy AND q.nx = p.cx
                AND ((q.t < p.t AND q.t > p.t - 60000) OR (q.t = p.t AND q.mmsi < p.mmsi)
                  OR (q.t = p.t - 60000 AND q.mmsi > p.mmsi))
              WHERE 2 * 6371008.8 * asin(sqrt(pow(sin(radians(q.lat - p.lat) / 2), 2)
                    + cos(radians(p.lat)) * cos(radians(q.lat)) * pow(sin(radians(q.lon - p.lon) / 2), 2))) <= 500),
            runs AS (
              SELECT *, sum(CASE WHEN t - prev > 4 * 3600000 THEN 1 ELSE 0 END) OVER (PARTITION BY a, b ORDER BY t) AS grp
              FROM (SELECT *, lag(t) OVER (PARTITION BY a, b ORDER BY t) AS prev FROM cmp))
            SELECT a, b, min(t) AS start_ms, max(t) AS end_ms, quantile_disc(sog, 0.5) AS median_sog
            FROM runs GROUP BY a, b, grp
            HAVING max(t) - min(t) >= 2 * 3600000 AND quantile_disc(sog, 0.5) < 2
            ORDER BY a, b, start_ms
            """;

    public static void main(String[] args) throws Exception {
        int vessels = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int reportSeconds = Integer.getInteger("reportSeconds", 10);
        List<PositionObservation> obs = traffic(vessels, minutes, pairs, reportSeconds, 42);
        System.out.printf("positions: %,d (%d vessels x %d minutes, a report every %d s, %d planted pairs)%n", obs.size(),
                vessels, minutes, reportSeconds, pairs);

        // Detector: best of `runs` runs (JIT warm-up in the first ones), in the engine as analyze,
        // serve and the Flink job's in-process twin run it, and alone in a bare host (alternately).
        List<Event> events = null;
        double bestDet = Double.MAX_VALUE;
        double bestDetCpu = Double.MAX_VALUE;
        double bestDetThread = Double.MAX_VALUE;
        double bestBareThread = Double.MAX_VALUE;
        double bestReadThread = Double.MAX_VALUE;
        double readSum = 0;
        int runs = Integer.getInteger("runs", 5);
        EncounterConfig def = EncounterConfig.DEFAULTS;
        EncounterConfig config = new EncounterConfig(def.maxDistanceMetres(), def.minDurationMillis(),
                def.maxMedianSpeedKnots(), def.minPortDistanceMetres(), def.mergeGapMillis(), def.maxFixAgeMillis(),
                Double.parseDouble(System.getProperty("cellDegrees", Double.toString(def.cellSizeDegrees()))),
                Double.parseDouble(System.getProperty("marginMetres", Double.toString(def.marginMetres()))),
                def.sampleIntervalMillis());
        long[] routed = {0};
        EncounterDetector counting = new EncounterDetector(new PortIndex(List.of()), config);
        for (PositionObservation o : obs) {
            counting.keys(o, k -> routed[0]++);
        }
        System.out.printf("cell %.2f deg, routing margin %.0f m: %.3f cells per position%n", config.cellSizeDegrees(),
                config.marginMetres(), (double) routed[0] / obs.size());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            List<Event> out = new ArrayList<>();
            EncounterDetector d = new EncounterDetector(new PortIndex(List.of()), config);
            long c0 = processCpuNanos();
            long th0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DetectionEngine e = new DetectionEngine(List.of(d), out::add, 0);
            for (PositionObservation o : obs) {
                e.accept(o);
            }
            e.finish();
            double s = (System.nanoTime() - t0) / 1e9;
            double thread = (threads.getCurrentThreadCpuTime() - th0) / 1e9;
            double cpu = (processCpuNanos() - c0) / 1e9;
            bestDet = Math.min(bestDet, s);
            bestDetCpu = Math.min(bestDetCpu, cpu);
            bestDetThread = Math.min(bestDetThread, thread);
            events = out;

            List<Event> bareOut = new ArrayList<>();
            EncounterDetector bd = new EncounterDetector(new PortIndex(List.of()), config);
            long b0 = threads.getCurrentThreadCpuTime();
            BareHost host = new BareHost(bd, bareOut::add);
            for (PositionObservation o : obs) {
                host.accept(o);
            }
            host.finish();
            double bare = (threads.getCurrentThreadCpuTime() - b0) / 1e9;
            bestBareThread = Math.min(bestBareThread, bare);

            // The floor: only reading, from the same objects in the same order, the five values the
            // SQL reads of each row. No host or detector can take less for this input.
            long f0 = threads.getCurrentThreadCpuTime();
            double sum = 0;
            for (PositionObservation o : obs) {
                sum += o.time() + o.mmsi() + o.latitude() + o.longitude() + o.speedOverGround();
            }
            bestReadThread = Math.min(bestReadThread, (threads.getCurrentThreadCpuTime() - f0) / 1e9);
            readSum += sum;
            if (!bareOut.equals(out)) {
                throw new IllegalStateException("bare host and engine differ: " + bareOut.size() + " vs " + out.size() + " events");
            }
            System.out.printf("detector run %d: engine %.3f s wall, %.3f s process CPU (%.3f s on the detector's thread); "
                    + "alone %.3f s thread; %d encounters, load %s%n", r + 1, s, cpu, thread, bare, out.size(), load());
        }
        TreeSet<String> det = new TreeSet<>();
        for (Event ev : events) {
            det.add(ev.vessels().get(0) + "," + ev.vessels().get(1) + "," + ev.start() + "," + ev.end());
        }
        System.out.printf("detector in the engine: thread %.3f s (%.0f ns per position); alone: thread %.3f s (%.0f ns per position)%n",
                bestDetThread, bestDetThread * 1e9 / obs.size(), bestBareThread, bestBareThread * 1e9 / obs.size());
        System.out.printf("reading the five values of each position alone: thread %.3f s (%.1f ns per position; checksum %.0f)%n",
                bestReadThread, bestReadThread * 1e9 / obs.size(), readSum);

        if (Boolean.getBoolean("detectorOnly")) {
            return;
        }
        TreeSet<String> sql = new TreeSet<>();
        double bestSql = Double.MAX_VALUE;
        double bestSqlCpu = Double.MAX_VALUE;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE pos (mmsi INTEGER, t BIGINT, lat DOUBLE, lon DOUBLE, sog DOUBLE)");
            }
            try (var app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "pos")) {
                for (PositionObservation o : obs) {
                    app.beginRow();
                    app.append(o.mmsi());
                    app.append(o.time());
                    app.append(o.latitude());
                    app.append(o.longitude());
                    app.append(o.speedOverGround());
                    app.endRow();
                }
            }
            for (int r = 0; r < runs; r++) {
                TreeSet<String> rows = new TreeSet<>();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
                    while (rs.next()) {
                        rows.add(rs.getInt(1) + "," + rs.getInt(2) + "," + rs.getLong(3) + "," + rs.getLong(4));
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - c0) / 1e9;
                bestSql = Math.min(bestSql, s);
                bestSqlCpu = Math.min(bestSqlCpu, cpu);
                sql = rows;
                System.out.printf("duckdb run %d: %.3f s wall, %.3f s process CPU, %d encounters, load %s%n", r + 1, s, cpu,
                        rows.size(), load());
            }
        }
        boolean same = det.equals(sql);
        System.out.printf("same encounters: %s (detector %d, sql %d)%n", same, det.size(), sql.size());
        if (!same) {
            TreeSet<String> onlyDet = new TreeSet<>(det);
            onlyDet.removeAll(sql);
            TreeSet<String> onlySql = new TreeSet<>(sql);
            onlySql.removeAll(det);
            System.out.println("only detector: " + onlyDet);
            System.out.println("only sql: " + onlySql);
        }
        System.out.printf("detector %.3f s (%.2f M positions/s), duckdb %.3f s, ratio %.1fx (wall, best of runs)%n", bestDet,
                obs.size() / bestDet / 1e6, bestSql, bestSql / bestDet);
        System.out.printf("detector %.3f s, duckdb %.3f s, ratio %.1fx (process CPU, best of runs)%n", bestDetCpu,
                bestSqlCpu, bestSqlCpu / bestDetCpu);
        System.out.printf("detector thread %.3f s (%.0f ns per position), duckdb process %.3f s, ratio %.1fx (CPU)%n", bestDetThread,
                bestDetThread * 1e9 / obs.size(), bestSqlCpu, bestSqlCpu / bestDetThread);
        System.out.printf("detector alone thread %.3f s, duckdb process %.3f s, ratio %.1fx (CPU)%n", bestBareThread,
                bestSqlCpu, bestSqlCpu / bestBareThread);
        System.out.printf("reading the input alone %.3f s, duckdb process %.3f s, ratio %.1fx (CPU: the most any detector "
                + "reading these objects could reach)%n", bestReadThread, bestSqlCpu, bestSqlCpu / bestReadThread);
        if (!same) {
            System.exit(1);
        }
    }

    /**
     * The least a host must do for the encounter detector on time-ordered input (lateness 0): take each
     * vessel's first fix per sample interval, route it to its cells, keep each cell's state in a flat array by cell key, and fire the cells'
     * timers in (time, key) order as the watermark passes them. What the detector costs on its own,
     * beside the {@link DetectionEngine} figure (which also handles lateness, several detectors, per-vessel
     * states and any key).
     */
    static final class BareHost implements DetectorContext, java.util.function.LongConsumer {
        private final EncounterDetector detector;
        private final java.util.function.Consumer<Event> sink;
        private final EncounterDetector.CellState[] states;
        /** Each vessel's first fix per sample interval, as the engine does. */
        private final VesselSampler sampler;
        /** Pending timers as (time, key), ordered; a set so that registering twice fires once. */
        private final java.util.TreeSet<long[]> timers = new java.util.TreeSet<>(
                (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        private long maxTime = Long.MIN_VALUE;
        private long watermark = Long.MIN_VALUE;
        private long key;
        private PositionObservation routing;

        BareHost(EncounterDetector detector, java.util.function.Consumer<Event> sink) {
            this.detector = detector;
            this.sink = sink;
            this.states = new EncounterDetector.CellState[Math.toIntExact(detector.keySpace())];
            this.sampler = detector.sampleIntervalMillis() > 0 ? new VesselSampler(detector.sampleIntervalMillis()) : null;
        }

        void accept(PositionObservation o) {
            long t = o.time();
            if (t > maxTime) {
                maxTime = t;
                advanceTo(t - 1);
            }
            if (sampler != null && !sampler.first(o.mmsi(), t, watermark)) {
                return;
            }
            routing = o;
            detector.keys(o, this);
        }

        void finish() {
            advanceTo(Long.MAX_VALUE);
        }

        private void advanceTo(long wm) {
            watermark = wm;
            while (!timers.isEmpty() && timers.first()[0] <= wm) {
                long[] first = timers.pollFirst();
                key = first[1];
                detector.onTimer(first[0], state(key), this);
            }
        }

        private EncounterDetector.CellState state(long k) {
            EncounterDetector.CellState s = states[(int) k];
            if (s == null) {
                s = detector.createState();
                states[(int) k] = s;
            }
            return s;
        }

        @Override
        public void accept(long k) {
            key = k;
            detector.onObservation(routing, state(k), this);
        }

        @Override
        public long key() {
            return key;
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public void emit(Event event) {
            sink.accept(event);
        }

        @Override
        public void registerTimer(long timestamp) {
            timers.add(new long[] {timestamp, key});
        }

        @Override
        public void clearState() {
            states[(int) key] = null;
        }

        @Override
        public void deleteTimer(long timestamp) {
            timers.remove(new long[] {timestamp, key});
        }
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** CPU time of the whole process (all threads: the detector's, DuckDB's workers, GC, JIT), ns. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The synthetic traffic described in the class documentation, sorted by (time, MMSI).
     *
     * @param reportSeconds seconds between a vessel's reports; must divide 60 (so that each vessel's
     *        first fix of every minute lies at the same second of the minute)
     */
    static List<PositionObservation> traffic(int vessels, int minutes, int pairs, int reportSeconds, long seed) {
        if (reportSeconds <= 0 || 60 % reportSeconds != 0) {
            throw new IllegalArgumentException("reportSeconds must divide 60: " + reportSeconds);
        }
        Random r = new Random(seed);
        long t0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;
        double[][] pos = new double[vessels][2];
        double[] course = new double[vessels];
        double[] speed = new double[vessels];
        int[] mmsi = new int[vessels];
        int[] phase = new int[vessels];
        int[] meetFrom = new int[vessels];
        int[] meetTo = new int[vessels];
        for (int v = 0; v < vessels; v++) {
            mmsi[v] = 201_000_000 + v * 7;
            pos[v][0] = -30 + r.nextDouble() * 10;
            pos[v][1] = 60 + r.nextDouble() * 10;
            course[v] = r.nextDouble() * 360;
            speed[v] = 8 + r.nextDouble() * 6;
            phase[v] = (v * 7) % reportSeconds;
        }
        // Planted pairs: vessels 2i (leader) and 2i+1 (partner), reporting at the same phase.
        for (int i = 0; i < pairs; i++) {
            int a = 2 * i;
            speed[a] = 0.5;
            speed[a + 1] = 0.5;
            course[a + 1] = course[a];
            phase[a + 1] = phase[a];
            meetFrom[a + 1] = 30 + r.nextInt(Math.max(1, minutes - 300));
            meetTo[a + 1] = Math.min(minutes - 1, meetFrom[a + 1] + 150 + r.nextInt(90));
        }
        // Positions at each vessel's first report (its phase), then advanced report by report.
        for (int v = 0; v < vessels; v++) {
            double[] p = Geodesy.destination(pos[v][0], pos[v][1], course[v], speed[v] * Geodesy.METRES_PER_SECOND_PER_KNOT * phase[v]);
            pos[v][0] = p[0];
            pos[v][1] = p[1];
        }
        int steps = minutes * 60 / reportSeconds;
        List<PositionObservation> out = new ArrayList<>(vessels * steps);
        for (int k = 0; k < steps; k++) {
            long base = t0 + k * reportSeconds * 1000L;
            int first = out.size();
            for (int v = 0; v < vessels; v++) {
                long t = base + phase[v] * 1000L;
                double m = (t - t0) / 60_000.0; // minutes since the start
                double lat = pos[v][0];
                double lon = pos[v][1];
                double sog = speed[v];
                if (v < 2 * pairs && v % 2 == 1) {
                    // Partner: closes from 5 km at 12 kn (370 m a minute), alongside at 150 m, opens again.
                    double off = m < meetFrom[v] ? 150 + 370.0 * (meetFrom[v] - m)
                            : m > meetTo[v] ? 150 + 370.0 * (m - meetTo[v]) : 150;
                    off = Math.min(5_000, off);
                    sog = off > 150 && off < 5_000 ? 12 : 0.5;
                    double[] p = Geodesy.destination(pos[v - 1][0], pos[v - 1][1], course[v] + 90, off);
                    lat = p[0];
                    lon = p[1];
                }
                lat = Math.round(lat * 600_000) / 600_000.0; // AIS resolution: 1/10 000 minute
                lon = Math.round(lon * 600_000) / 600_000.0;
                out.add(new PositionObservation(t, "bench", mmsi[v], 1, StationClass.A, lat, lon, sog,
                        course[v], (int) course[v], 0, true, false));
            }
            for (int v = 0; v < vessels; v++) {
                double[] next = Geodesy.destination(pos[v][0], pos[v][1], course[v],
                        speed[v] * Geodesy.METRES_PER_SECOND_PER_KNOT * reportSeconds);
                pos[v][0] = next[0];
                pos[v][1] = next[1];
            }
            // Within one reporting step, by (time, MMSI).
            out.subList(first, out.size()).sort((x, y) -> x.time() != y.time() ? Long.compare(x.time(), y.time())
                    : Integer.compare(x.mmsi(), y.mmsi()));
        }
        return out;
    }
}
