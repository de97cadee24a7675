package org.watchkeeper.core.detect.encounter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.space.Evidence;
import org.watchkeeper.core.detect.space.Fix;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.util.LongHashMap;

/**
 * Encounters ({@link EventKind#ENCOUNTER}, possible transshipments) after Miller et al. (2018) and
 * Global Fishing Watch: two vessels within 500 m of each other for at least 2 h, at a median speed
 * below 2 kn, at least 10 km from any port or anchorage; two encounters of the same pair at most 4 h
 * apart are one. Thresholds in {@link EncounterConfig}.
 *
 * <h2>Keys: a spatial grid, never all pairs</h2>
 * The state is keyed by grid cell ({@link EncounterConfig#cellSizeDegrees()}, 0.5° by default). A fix
 * is routed to its own cell and to each neighbour cell whose border is within
 * {@link EncounterConfig#marginMetres()} (5 km), so a cell's state holds the latest fix of every
 * vessel in the cell or in that margin around it. Inside a busy cell (more than 48 vessels) a fine
 * grid of cells no smaller than 500 m finds the vessels near a new fix and only those are compared;
 * a quiet cell compares with its few vessels after a latitude/longitude pre-filter. A partner's fix is
 * its latest fix routed to the cell, at most 10 minutes older or newer than the new fix. Cost per fix: about 1.4 cells on
 * average, each a few hash lookups and the vessels within about 1 km.
 *
 * <h2>Pairs and runs</h2>
 * Each new fix of vessel A is compared with the latest fix of every nearby vessel B in the same cell
 * state, when the two fixes are at most {@link EncounterConfig#maxFixAgeMillis()} (10 min) apart.
 * Within 500 m: the pair is "together" at the new fix's time. An encounter starts at the time of the
 * first such comparison and ends at the time of the last; a run is interrupted when 10 minutes pass
 * without one (a separation shorter than that, e.g. one bad fix, does not break it). When interrupted, the part so far is kept if it
 * qualifies (duration ≥ 2 h, median speed &lt; 2 kn, mean position ≥ 10 km from any port in the
 * {@link PortIndex}); a qualifying part is emitted once 4 h have passed without the pair being
 * together again, else the next part is merged into it (start kept). Speeds: the speed over ground of
 * each compared new fix, median taken as the lower median over 0.1 kn bins.
 *
 * <h2>One owner per pair</h2>
 * A pair may be seen by up to four cells; only one emits it: the cell containing the position of the
 * lower-MMSI vessel at the encounter's first comparison (the "anchor"). That cell always sees the
 * start (the partner is within 500 m ≤ margin). Another cell that sees the pair only later (the pair
 * drifted towards it) meets it first in its margin, so its own anchor lies outside it and it does not
 * emit: each encounter is emitted exactly once. Limitation: an encounter that drifts more than the
 * margin beyond the cell where it began is reported up to that point (attribute
 * {@code anchor_cell}); with the defaults this needs a drift of 5-30 km.
 *
 * <h2>Event</h2>
 * Vessels: the two MMSIs; position: mean position of the comparisons; attributes:
 * {@code duration_s}, {@code together_s} (sum of the runs), {@code runs}, {@code comparisons},
 * {@code median_speed_kn}, {@code min_distance_m}, {@code mean_distance_m},
 * {@code nearest_port_id} and {@code nearest_port_distance_m} (nearest port within 100 km, when any),
 * {@code anchor_cell}. Evidence: the first 10 and last 40 compared fixes of both vessels.
 */
public final class EncounterDetector implements Detector<EncounterDetector.CellState> {
    private static final double M_PER_DEG = Math.toRadians(Geodesy.EARTH_RADIUS_M);
    private static final double SPEED_BIN_KN = 0.1;
    private static final int SPEED_BINS = 300; // 0..30 kn, last bin holds everything faster
    private static final double PORT_REPORT_RADIUS_M = 100_000;
    /** A cell builds its fine grid above this many vessels; below, a scan of all is cheaper. */
    private static final int FINE_GRID_FROM = 48;

    private final EncounterConfig config;
    private final PortIndex ports;
    private final int rows;
    private final int cols;
    private final int fineN;
    private final double fineDeg;
    private final long fineCols;
    private final Map<String, Object> parameters;
    /** The observation last converted and its fix (an observation is routed to up to four cells in a row). */
    private transient PositionObservation lastObservation;
    private transient Fix lastFix;

    /**
     * @param ports ports and anchorages that exclude encounters near them (may be empty)
     * @param config thresholds
     */
    public EncounterDetector(PortIndex ports, EncounterConfig config) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.config = Objects.requireNonNull(config, "config");
        this.rows = (int) Math.round(180 / config.cellSizeDegrees());
        this.cols = 2 * rows;
        this.fineN = (int) Math.ceil(180 / (config.maxDistanceMetres() / M_PER_DEG));
        this.fineDeg = 180.0 / fineN;
        this.fineCols = 2L * fineN;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("max_distance_m", config.maxDistanceMetres());
        p.put("min_duration_s", config.minDurationMillis() / 1000);
        p.put("max_median_speed_kn", config.maxMedianSpeedKnots());
        p.put("min_port_distance_m", config.minPortDistanceMetres());
        p.put("merge_gap_s", config.mergeGapMillis() / 1000);
        p.put("max_fix_age_s", config.maxFixAgeMillis() / 1000);
        this.parameters = p;
    }

    /** Encounters with the default thresholds, away from the shipped {@code sea-ports} list. */
    public static EncounterDetector withDefaults() {
        return new EncounterDetector(PortIndex.seaPorts(), EncounterConfig.DEFAULTS);
    }

    @Override
    public String name() {
        return "encounter";
    }

    @Override
    public CellState createState() {
        return new CellState();
    }

    // ------------------------------------------------------------------ keys

    /** The cell key of a position: row * columns + column. */
    public long cellOf(double lat, double lon) {
        return (long) row(lat) * cols + col(lon);
    }

    private int row(double lat) {
        return Math.min(rows - 1, Math.max(0, (int) Math.floor((lat + 90) / config.cellSizeDegrees())));
    }

    private int col(double lon) {
        return Math.floorMod((int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / config.cellSizeDegrees()), cols);
    }

    @Override
    public void keys(Observation o, LongConsumer out) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        double cs = config.cellSizeDegrees();
        double m = config.marginMetres();
        double lat = p.latitude();
        double lon = Geodesy.normalizeLongitude(p.longitude());
        int r = row(lat);
        int c = col(lon);
        out.accept((long) r * cols + c);
        double south = (lat - (r * cs - 90)) * M_PER_DEG;
        double north = (((r + 1) * cs - 90) - lat) * M_PER_DEG;
        double k = M_PER_DEG * Math.cos(Math.toRadians(lat));
        double west = (lon - (c * cs - 180)) * k;
        double east = (((c + 1) * cs - 180) - lon) * k;
        int dr = north < m && r + 1 < rows ? 1 : south < m && r > 0 ? -1 : 0;
        int dc = east < m ? 1 : west < m ? -1 : 0;
        // Both borders of a narrow cell may be near (high latitudes): route to both sides.
        boolean both = east < m && west < m;
        if (dr != 0) {
            out.accept((long) (r + dr) * cols + c);
        }
        if (dc != 0) {
            out.accept((long) r * cols + Math.floorMod(c + dc, cols));
            if (dr != 0) {
                out.accept((long) (r + dr) * cols + Math.floorMod(c + dc, cols));
            }
        }
        if (both) {
            out.accept((long) r * cols + Math.floorMod(c - 1, cols));
            if (dr != 0) {
                out.accept((long) (r + dr) * cols + Math.floorMod(c - 1, cols));
            }
        }
    }

    private long fineKey(double lat, double lon) {
        long fr = (long) Math.floor((lat + 90) / fineDeg);
        long fc = Math.floorMod((long) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / fineDeg), fineCols);
        return fr * fineCols + fc;
    }

    // ------------------------------------------------------------------ state

    /** The state of one grid cell: latest fixes of the vessels in reach, a fine index, and pairs. */
    public static final class CellState implements Serializable {
        private static final long serialVersionUID = 1L;
        final LongHashMap<Fix> latest = new LongHashMap<>();
        /** Fine grid of the vessels in {@link #latest}; null while the cell holds few vessels. */
        LongHashMap<int[]> fine;
        final LongHashMap<Pair> pairs = new LongHashMap<>();
        long timer = Long.MIN_VALUE;

        /** Vessels whose latest fix the cell holds (for tests and monitoring). */
        public int vessels() {
            return latest.size();
        }

        /** Pairs being followed (for tests and monitoring). */
        public int pairs() {
            return pairs.size();
        }
    }

    /** A pair seen together: the current run and, merged, the earlier ones. */
    static final class Pair implements Serializable {
        private static final long serialVersionUID = 1L;
        final int a;
        final int b;
        final boolean owned;
        final long anchorCell;
        long start;
        long runStart;
        long lastTogether;
        boolean open;
        long togetherMillis;
        int runs;
        long comparisons;
        double sx, sy, sz;
        double minDistance = Double.POSITIVE_INFINITY;
        double sumDistance;
        /** Counts per 0.1 kn bin, grown to the highest bin seen (most pairs lie still: a few bins). */
        int[] speeds = new int[8];
        int speedCount;
        final Evidence evidence = new Evidence(10, 40);

        Pair(int a, int b, boolean owned, long anchorCell) {
            this.a = a;
            this.b = b;
            this.owned = owned;
            this.anchorCell = anchorCell;
        }
    }

    // ------------------------------------------------------------------ processing

    @Override
    public void onObservation(Observation o, CellState s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        Fix f;
        if (p == lastObservation) {
            f = lastFix; // the same fix routed to a neighbour cell: one immutable copy serves all
        } else {
            f = Fix.of(p);
            lastObservation = p;
            lastFix = f;
        }
        double lat = p.latitude();
        double lon = Geodesy.normalizeLongitude(p.longitude());
        Fix old = s.latest.put(p.mmsi(), f);
        if (s.fine != null) {
            long fk = fineKey(lat, lon);
            if (old != null) {
                long ok = fineKey(old.latitude(), old.longitude());
                if (ok != fk) {
                    remove(s.fine, ok, p.mmsi());
                    add(s.fine, fk, p.mmsi());
                }
            } else {
                add(s.fine, fk, p.mmsi());
            }
        } else if (s.latest.size() > FINE_GRID_FROM) {
            LongHashMap<int[]> fine = new LongHashMap<>();
            s.latest.forEach((k, x) -> add(fine, fineKey(x.latitude(), x.longitude()), x.mmsi()));
            s.fine = fine;
        }
        if (s.fine == null) {
            scan(f, lat, lon, s, ctx);
        } else {
            compare(f, lat, lon, s, ctx);
        }
        long next = (Math.floorDiv(p.time(), config.maxFixAgeMillis()) + 1) * config.maxFixAgeMillis();
        if (s.timer < next) {
            s.timer = next;
            ctx.registerTimer(next);
        }
    }

    /** Few vessels in the cell: compare with each, after a cheap latitude/longitude pre-filter. */
    private void scan(Fix f, double lat, double lon, CellState s, DetectorContext ctx) {
        double dLat = config.maxDistanceMetres() / M_PER_DEG * 1.001;
        double dLon = dLat / Math.max(1e-6, Math.cos(Math.toRadians(Math.min(89.999, Math.abs(lat) + dLat))));
        s.latest.forEach((k, g) -> {
            if (g.mmsi() == f.mmsi() || Math.abs(g.latitude() - lat) > dLat
                    || Math.abs(Geodesy.longitudeDifference(lon, g.longitude())) > dLon
                    || Math.abs(f.time() - g.time()) > config.maxFixAgeMillis()) {
                return;
            }
            together(f, g, Geodesy.distance(lat, lon, g.latitude(), g.longitude()), s, ctx);
        });
    }

    private void compare(Fix f, double lat, double lon, CellState s, DetectorContext ctx) {
        long fr = (long) Math.floor((lat + 90) / fineDeg);
        long fc = Math.floorMod((long) Math.floor((lon + 180) / fineDeg), fineCols);
        double latEdge = Math.min(89.999, Math.abs(lat) + fineDeg);
        int span = (int) Math.min(fineN, Math.ceil(1 / Math.cos(Math.toRadians(latEdge))));
        for (long r = fr - 1; r <= fr + 1; r++) {
            if (r < 0 || r >= fineN) {
                continue;
            }
            for (long dc = -span; dc <= span; dc++) {
                int[] bag = s.fine.get(r * fineCols + Math.floorMod(fc + dc, fineCols));
                if (bag == null) {
                    continue;
                }
                for (int i = 1; i <= bag[0]; i++) {
                    int other = bag[i];
                    if (other == f.mmsi()) {
                        continue;
                    }
                    Fix g = s.latest.get(other);
                    if (Math.abs(f.time() - g.time()) > config.maxFixAgeMillis()) {
                        continue;
                    }
                    double d = Geodesy.distance(lat, lon, g.latitude(), g.longitude());
                    together(f, g, d, s, ctx);
                }
            }
        }
    }

    private void together(Fix f, Fix g, double d, CellState s, DetectorContext ctx) {
        if (d > config.maxDistanceMetres()) {
            return;
        }
        int a = Math.min(f.mmsi(), g.mmsi());
        int b = Math.max(f.mmsi(), g.mmsi());
        long key = ((long) a << 32) | (b & 0xffffffffL);
        long t = f.time();
        Pair pr = s.pairs.get(key);
        if (pr != null && pr.open && t - pr.lastTogether > config.maxFixAgeMillis()) {
            endRun(pr, s, ctx);
            pr = s.pairs.get(key);
        }
        if (pr != null && !pr.open && t - pr.lastTogether > config.mergeGapMillis()) {
            finish(pr, s, ctx);
            pr = null;
        }
        if (pr == null) {
            Fix anchor = f.mmsi() == a ? f : g;
            long anchorCell = cellOf(anchor.latitude(), anchor.longitude());
            pr = new Pair(a, b, anchorCell == ctx.key(), anchorCell);
            pr.start = t;
            s.pairs.put(key, pr);
            pr.evidence.add(g);
        }
        if (!pr.open) {
            pr.open = true;
            pr.runStart = t;
            pr.runs++;
        }
        pr.lastTogether = t;
        pr.comparisons++;
        pr.evidence.add(f);
        double mlat = (f.latitude() + g.latitude()) / 2;
        double mlon = g.longitude() + Geodesy.longitudeDifference(g.longitude(), f.longitude()) / 2;
        double cl = Math.cos(Math.toRadians(mlat));
        pr.sx += cl * Math.cos(Math.toRadians(mlon));
        pr.sy += cl * Math.sin(Math.toRadians(mlon));
        pr.sz += Math.sin(Math.toRadians(mlat));
        pr.minDistance = Math.min(pr.minDistance, d);
        pr.sumDistance += d;
        double v = f.speedOverGround();
        if (v >= 0) {
            int bin = Math.min(SPEED_BINS - 1, (int) (v / SPEED_BIN_KN + 1e-9));
            if (bin >= pr.speeds.length) {
                pr.speeds = Arrays.copyOf(pr.speeds, Math.min(SPEED_BINS, Math.max(bin + 1, 2 * pr.speeds.length)));
            }
            pr.speeds[bin]++;
            pr.speedCount++;
        }
    }

    /** Ends the open run at its last time together; keeps the pair only if what it has qualifies. */
    private void endRun(Pair pr, CellState s, DetectorContext ctx) {
        pr.open = false;
        pr.togetherMillis += pr.lastTogether - pr.runStart;
        if (!qualifies(pr)) {
            s.pairs.remove(((long) pr.a << 32) | (pr.b & 0xffffffffL));
        }
    }

    /** Emits a qualifying, closed pair (when this cell owns it) and forgets it. */
    private void finish(Pair pr, CellState s, DetectorContext ctx) {
        s.pairs.remove(((long) pr.a << 32) | (pr.b & 0xffffffffL));
        if (pr.owned && qualifies(pr)) {
            ctx.emit(event(pr));
        }
    }

    private boolean qualifies(Pair pr) {
        if (pr.lastTogether - pr.start < config.minDurationMillis()) {
            return false;
        }
        if (!(medianSpeed(pr) < config.maxMedianSpeedKnots())) {
            return false;
        }
        double[] m = mean(pr);
        return ports.nearest(m[0], m[1], config.minPortDistanceMetres()) == null;
    }

    /** Lower median of the binned speeds (bin centre), NaN when none. */
    private static double medianSpeed(Pair pr) {
        if (pr.speedCount == 0) {
            return Double.NaN;
        }
        int rank = (pr.speedCount + 1) / 2;
        int cum = 0;
        for (int i = 0; i < pr.speeds.length; i++) {
            cum += pr.speeds[i];
            if (cum >= rank) {
                return i * SPEED_BIN_KN + SPEED_BIN_KN / 2;
            }
        }
        return Double.NaN;
    }

    private static double[] mean(Pair pr) {
        double lat = Math.toDegrees(Math.atan2(pr.sz, Math.hypot(pr.sx, pr.sy)));
        double lon = Math.toDegrees(Math.atan2(pr.sy, pr.sx));
        return new double[] {lat, Geodesy.normalizeLongitude(lon)};
    }

    private Event event(Pair pr) {
        double[] m = mean(pr);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("duration_s", (pr.lastTogether - pr.start) / 1000.0);
        a.put("together_s", pr.togetherMillis / 1000.0);
        a.put("runs", pr.runs);
        a.put("comparisons", pr.comparisons);
        a.put("median_speed_kn", Math.round(medianSpeed(pr) * 100) / 100.0);
        a.put("min_distance_m", Math.round(pr.minDistance * 10) / 10.0);
        a.put("mean_distance_m", Math.round(pr.sumDistance / pr.comparisons * 10) / 10.0);
        PortIndex.Nearest n = ports.nearest(m[0], m[1], PORT_REPORT_RADIUS_M);
        if (n != null) {
            a.put("nearest_port_id", n.port().id());
            a.put("nearest_port_distance_m", Math.round(n.distanceMetres()));
        }
        a.put("anchor_cell", pr.anchorCell);
        return Event.of(EventKind.ENCOUNTER, pr.start, pr.lastTogether, List.of(pr.a, pr.b), m[0], m[1], null,
                parameters, a, pr.evidence.observations());
    }

    @Override
    public void onTimer(long timestamp, CellState s, DetectorContext ctx) {
        if (timestamp != s.timer) {
            if (s.timer == Long.MIN_VALUE && s.latest.isEmpty() && s.pairs.isEmpty()) {
                ctx.clearState(); // a timer of a state cleared before
            }
            return;
        }
        s.timer = Long.MIN_VALUE;
        // Forget fixes too old to be compared with anything still to come.
        for (long mmsi : s.latest.keys()) {
            Fix x = s.latest.get(mmsi);
            if (timestamp - x.time() > config.maxFixAgeMillis()) {
                if (s.fine != null) {
                    remove(s.fine, fineKey(x.latitude(), x.longitude()), (int) mmsi);
                }
                s.latest.remove(mmsi);
            }
        }
        if (s.fine != null && s.latest.size() < FINE_GRID_FROM / 2) {
            s.fine = null;
        }
        // Only pairs apart for longer than the shorter of the two limits can end a run or finish;
        // those are visited in (a, b) order so that events come out in a stable order.
        long idle = Math.min(config.maxFixAgeMillis(), config.mergeGapMillis());
        List<Pair> due = new ArrayList<>();
        s.pairs.forEach((k, pr) -> {
            if (timestamp - pr.lastTogether > idle) {
                due.add(pr);
            }
        });
        due.sort((x, y) -> x.a != y.a ? Integer.compare(x.a, y.a) : Integer.compare(x.b, y.b));
        for (Pair pr : due) {
            if (pr.open && timestamp - pr.lastTogether > config.maxFixAgeMillis()) {
                endRun(pr, s, ctx);
            }
            if (!pr.open && s.pairs.containsKey(((long) pr.a << 32) | (pr.b & 0xffffffffL))
                    && timestamp - pr.lastTogether > config.mergeGapMillis()) {
                finish(pr, s, ctx);
            }
        }
        if (s.latest.isEmpty() && s.pairs.isEmpty()) {
            ctx.clearState();
            return;
        }
        s.timer = timestamp + config.maxFixAgeMillis();
        ctx.registerTimer(s.timer);
    }

    // ------------------------------------------------------------------ tiny int bags

    private static void add(LongHashMap<int[]> m, long k, int v) {
        int[] bag = m.get(k);
        if (bag == null) {
            bag = new int[4];
            m.put(k, bag);
        } else if (bag[0] + 1 == bag.length) {
            bag = Arrays.copyOf(bag, bag.length * 2);
            m.put(k, bag);
        }
        bag[++bag[0]] = v;
    }

    private static void remove(LongHashMap<int[]> m, long k, int v) {
        int[] bag = m.get(k);
        if (bag == null) {
            return;
        }
        for (int i = 1; i <= bag[0]; i++) {
            if (bag[i] == v) {
                bag[i] = bag[bag[0]];
                bag[0]--;
                break;
            }
        }
        if (bag[0] == 0) {
            m.remove(k);
        }
    }
}
