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
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.util.LongHashMap;
import org.watchkeeper.core.util.OpenAddressing;

/**
 * Encounters ({@link EventKind#ENCOUNTER}, possible transshipments) after Miller et al. (2018) and
 * Global Fishing Watch: two vessels continuously within 500 m of each other for at least 2 h, at a
 * median speed below 2 kn, whilst at least 10 km from any port or anchorage; two encounters of the
 * same pair at most 4 h apart are one. Thresholds in {@link EncounterConfig}.
 *
 * <h2>Port zone</h2>
 * The port distance is a condition on every comparison, as in GFW's definition ("continuously within
 * 500 meters for at least two hours, whilst at least 10 kilometers from a coastal anchorage"): a fix
 * at most {@link EncounterConfig#minPortDistanceMetres()} from a port or anchorage in the
 * {@link PortIndex} takes no part. It is compared with nothing, creates no pair, and the cell forgets
 * the vessel's previous fix, so a pair that comes within 10 km of a port is not together from that fix
 * on (its run ends by the 10-minute rule below) and vessels moored in a harbour cost no pair state.
 * The test is cheap: a 0.5° cell with no port within 10 km of any point of it is answered by one array
 * read, other cells by a lazily built raster of about 0.01° (see {@code PortProximity}); only fixes in
 * the band around the 10 km line cost an exact port look-up. The encounter's mean position must also
 * lie more than 10 km from any port.
 *
 * <h2>Sampled fixes</h2>
 * Each vessel takes part with its first fix in each interval of event time
 * ({@link EncounterConfig#sampleIntervalMillis()}, a whole UTC minute by default; the host drops the
 * others before routing, see {@link Detector#sampleIntervalMillis()}). "Fix" below means such a fix.
 * A ship under way reports every 2-10 s, so on real traffic this spares most of the routing and
 * comparing while changing an encounter's start and end by less than the interval; Miller et al.
 * (2018) compare tracks resampled to 10 minutes.
 *
 * <h2>Keys: a spatial grid, never all pairs</h2>
 * The state is keyed by grid cell ({@link EncounterConfig#cellSizeDegrees()}, 0.5° by default). A fix
 * is routed to its own cell and to each neighbour cell whose border is within
 * {@link EncounterConfig#marginMetres()} (5 km), so a cell's state holds the latest fix of every
 * vessel in the cell or in that margin around it. Inside a busy cell (more than 48 vessels) a fine
 * grid of cells no smaller than 500 m finds the vessels near a new fix and only those are compared;
 * a quiet cell compares with its few vessels after a latitude/longitude pre-filter. A partner's fix is
 * its latest fix routed to the cell, at most 10 minutes older or newer than the new fix. A cell keeps
 * its vessels' latest fixes in one primitive array (MMSI, time, latitude, longitude side by side per
 * vessel) beside an array of the observations, so a fix costs no object and, in a quiet cell, one
 * array loop. A cell forgets a vessel's fix once it is more than 10 minutes old, at the cell's timer
 * (every 10 minutes of event time while the cell holds anything). Cost per fix: about 1.4 cells on
 * average, each one engine state look-up (a flat array by cell, see {@link #keySpace()}) plus that
 * loop or, in a busy cell, the fine cells around the fix; plus one pair look-up per vessel within
 * 500 m.
 *
 * <h2>Pairs and runs</h2>
 * Each new fix of vessel A away from ports is compared with the latest fix of every nearby vessel B in
 * the same cell state, when the two fixes are at most {@link EncounterConfig#maxFixAgeMillis()} (10 min) apart.
 * Within 500 m: the pair is "together" at the new fix's time. An encounter starts at the time of the
 * first such comparison and ends at the time of the last; a run is interrupted when 10 minutes pass
 * without one (a separation shorter than that, e.g. one bad fix, does not break it). When interrupted, the part so far is kept if it
 * qualifies (duration ≥ 2 h, median speed &lt; 2 kn, mean position more than 10 km from any port in
 * the {@link PortIndex}); a qualifying part is emitted once 4 h have passed without the pair being
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
 * {@code nearest_port_id} and {@code nearest_port_distance_m} (nearest port or anchorage within
 * 100 km, when any; for an anchorage the id is its port's, see {@link org.watchkeeper.core.ref.port.Port#anchorage()},
 * and {@code nearest_anchorage_id} the anchorage's own), {@code anchor_cell}. Evidence: the first 10 and last 40 compared fixes of both vessels.
 */
public final class EncounterDetector implements Detector<EncounterDetector.CellState> {
    private static final double M_PER_DEG = Math.toRadians(Geodesy.EARTH_RADIUS_M);
    private static final double SPEED_BIN_KN = 0.1;
    private static final int SPEED_BINS = 300; // 0..30 kn, last bin holds everything faster
    private static final double PORT_REPORT_RADIUS_M = 100_000;
    /** A cell builds its fine grid above this many vessels; below, a scan of all is cheaper. */
    private static final int FINE_GRID_FROM = 48;
    /** Widening of the 500 m reach in the pre-filters that spare a haversine (a relative 1 %). */
    private static final double REACH_SLACK = 1.01;
    /**
     * The pre-filters' flat-sphere bounds are used up to about 85° of latitude (longitude half-width
     * at most this many times the latitude half-width); nearer a pole every candidate is measured.
     */
    private static final double FLAT_LON_PER_LAT = 11;

    private final EncounterConfig config;
    private final PortIndex ports;
    private final int rows;
    private final int cols;
    private final int fineN;
    private final double fineDeg;
    private final long fineCols;
    private final long maxFixAge;
    private final double maxDistance;
    private final double cellSize;
    /** Cells per degree, {@code 1 / cellSize}: a multiplication instead of a division per fix (exact for 0.5°). */
    private final double cellsPerDegree;
    private final double margin;
    /** Latitude half-width of the comparison pre-filter, degrees. */
    private final double preLat;
    /** Longitude half-width of the comparison pre-filter per cell row, degrees (widest in the row and its margin). */
    private final double[] preLon;
    /** Per cell row, metres per degree of longitude at least and at most within the row (routing pre-check). */
    private final double[] kMin;
    private final double[] kMax;
    private final Map<String, Object> parameters;
    /** Positions within {@link EncounterConfig#minPortDistanceMetres()} of a port take no part. */
    private final PortProximity portZone;
    /** The observation last tested against the port zone and the answer (one test serves every routed cell). */
    private transient PositionObservation lastZoneObservation;
    private transient boolean lastInZone;

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
        this.maxFixAge = config.maxFixAgeMillis();
        this.maxDistance = config.maxDistanceMetres();
        this.cellSize = config.cellSizeDegrees();
        this.cellsPerDegree = 1 / config.cellSizeDegrees();
        this.margin = config.marginMetres();
        this.preLat = config.maxDistanceMetres() / M_PER_DEG * 1.001;
        double cs = config.cellSizeDegrees();
        double marginDeg = config.marginMetres() / M_PER_DEG * 1.001;
        this.preLon = new double[rows];
        this.kMin = new double[rows];
        this.kMax = new double[rows];
        for (int r = 0; r < rows; r++) {
            // Slightly widened bounds: a latitude rounding onto a neighbouring row stays inside them.
            double south = r * cs - 90 - cs * 0.01;
            double north = (r + 1) * cs - 90 + cs * 0.01;
            double far = Math.min(90, Math.max(Math.abs(south), Math.abs(north)));
            double near = south <= 0 && north >= 0 ? 0 : Math.min(Math.abs(south), Math.abs(north));
            kMin[r] = M_PER_DEG * Math.cos(Math.toRadians(far));
            kMax[r] = M_PER_DEG * Math.cos(Math.toRadians(near));
            double edge = Math.min(89.999, far + marginDeg + preLat);
            preLon[r] = preLat / Math.max(1e-6, Math.cos(Math.toRadians(edge)));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("max_distance_m", config.maxDistanceMetres());
        p.put("min_duration_s", config.minDurationMillis() / 1000);
        p.put("max_median_speed_kn", config.maxMedianSpeedKnots());
        p.put("min_port_distance_m", config.minPortDistanceMetres());
        p.put("merge_gap_s", config.mergeGapMillis() / 1000);
        p.put("max_fix_age_s", config.maxFixAgeMillis() / 1000);
        p.put("sample_interval_s", config.sampleIntervalMillis() / 1000);
        this.parameters = p;
        this.portZone = new PortProximity(ports, config.minPortDistanceMetres(), cs);
    }

    /** Encounters with the default thresholds, away from the shipped {@code sea-ports} list. */
    public static EncounterDetector withDefaults() {
        return new EncounterDetector(PortIndex.seaPorts(), EncounterConfig.DEFAULTS);
    }

    @Override
    public String name() {
        return "encounter";
    }

    /** {@link EncounterConfig#sampleIntervalMillis()}: each vessel's first fix per interval (60 s by default). */
    @Override
    public long sampleIntervalMillis() {
        return config.sampleIntervalMillis();
    }

    @Override
    public CellState createState() {
        return new CellState();
    }

    // ------------------------------------------------------------------ keys

    /** Cell keys lie in {@code 0 .. rows × columns - 1} (259 200 cells with the default 0.5°). */
    @Override
    public long keySpace() {
        return (long) rows * cols;
    }

    /** The cell key of a position: row * columns + column. */
    public long cellOf(double lat, double lon) {
        return (long) row(lat) * cols + col(lon);
    }

    // Truncation equals floor here: below 0 only for latitudes under -90, which clamp to row 0 either way,
    // and a normalised longitude + 180 is never negative (NaN gives 0 both ways).
    private int row(double lat) {
        return Math.min(rows - 1, Math.max(0, (int) ((lat + 90) * cellsPerDegree)));
    }

    private int col(double lon) {
        int c = (int) ((Geodesy.normalizeLongitude(lon) + 180) * cellsPerDegree);
        return c >= cols ? c - cols : c; // a longitude just below 180 may round up to the first column again
    }

    @Override
    public void keys(Observation o, LongConsumer out) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        double cs = cellSize;
        double m = margin;
        double lat = p.latitude();
        double lon = Geodesy.normalizeLongitude(p.longitude());
        int r = row(lat);
        int c = col(lon);
        out.accept((long) r * cols + c);
        double south = (lat - (r * cs - 90)) * M_PER_DEG;
        double north = (((r + 1) * cs - 90) - lat) * M_PER_DEG;
        // East and west border distances: (degrees) × (metres per degree of longitude at lat); the
        // row's bounds on the latter decide most fixes without a cosine, with the same outcome.
        boolean westNear = nearer(lon - (c * cs - 180), lat, r, m);
        boolean eastNear = nearer(((c + 1) * cs - 180) - lon, lat, r, m);
        int dr = north < m && r + 1 < rows ? 1 : south < m && r > 0 ? -1 : 0;
        int dc = eastNear ? 1 : westNear ? -1 : 0;
        // Both borders of a narrow cell may be near (high latitudes): route to both sides.
        boolean both = eastNear && westNear;
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

    /** {@code deg × metres per degree of longitude at lat < m}, the cosine taken only when the row's bounds cannot tell. */
    private boolean nearer(double deg, double lat, int r, double m) {
        if (deg * kMax[r] < m) {
            return true;
        }
        if (deg * kMin[r] >= m) {
            return false;
        }
        return deg * (M_PER_DEG * Math.cos(Math.toRadians(lat))) < m;
    }

    /** The fine row of a latitude. */
    private long fineRow(double lat) {
        return (long) Math.floor((lat + 90) / fineDeg);
    }

    /**
     * The fine column of a normalised longitude, before wrapping: 0 .. fineCols (fineCols only when a
     * longitude just below 180 rounds up), as the busy-cell look-up counts columns.
     */
    private long fineColumn(double lon) {
        return (long) Math.floor((lon + 180) / fineDeg);
    }

    /** The fine key of fine row {@code fr} and (unwrapped) column {@code fc}. */
    private long fineKey(long fr, long fc) {
        return fr * fineCols + (fc >= fineCols ? fc - fineCols : fc);
    }

    // ------------------------------------------------------------------ state

    /**
     * The state of one grid cell: the latest fix of each vessel in reach (slots {@code 0..n-1}, no
     * object per vessel besides the observation itself), pairs within range, and, in a busy cell, an
     * MMSI index and a fine grid of slots. A slot's MMSI, time and position lie side by side in one
     * primitive array (32 bytes a slot), so the scan of a quiet cell reads a few consecutive cache
     * lines and the update of a slot writes one of them.
     */
    public static final class CellState implements Serializable {
        private static final long serialVersionUID = 4L;
        /** Longs per slot in {@link #fix}. */
        static final int STRIDE = 4;
        // A new state holds no arrays until its first vessel (a fix near a port creates a state that is
        // cleared again at once).
        private static final long[] NO_FIXES = new long[0];
        private static final PositionObservation[] NO_OBSERVATIONS = new PositionObservation[0];
        int n;
        /**
         * Slot i at {@code fix[4i..4i+3]}: MMSI, time (epoch ms), latitude and longitude (degrees as
         * {@link Double#doubleToRawLongBits raw bits}; longitude normalised to [-180, 180)).
         */
        long[] fix = NO_FIXES;
        PositionObservation[] obs = NO_OBSERVATIONS;
        /** The cell's grid row (from its key), -1 until first needed. */
        int row = -1;
        /** Busy cell only (else null): open-addressing table of slot + 1 by MMSI (0 = empty). */
        int[] index;
        /** Busy cell only: fine key of each slot, and slots per fine key (count first). */
        long[] fineKey;
        LongHashMap<int[]> fine;
        final PairTable pairs = new PairTable();
        long timer = Long.MIN_VALUE;

        /** Vessels whose latest fix the cell holds (for tests and monitoring). */
        public int vessels() {
            return n;
        }

        /** Pairs being followed (for tests and monitoring). */
        public int pairs() {
            return pairs.size();
        }

        int mmsi(int i) {
            return (int) fix[i * STRIDE];
        }

        long time(int i) {
            return fix[i * STRIDE + 1];
        }

        double lat(int i) {
            return Double.longBitsToDouble(fix[i * STRIDE + 2]);
        }

        double lon(int i) {
            return Double.longBitsToDouble(fix[i * STRIDE + 3]);
        }

        int append(int id, long t, double la, double lo, PositionObservation o) {
            if (n == obs.length) {
                int cap = Math.max(8, 2 * n);
                fix = Arrays.copyOf(fix, cap * STRIDE);
                obs = Arrays.copyOf(obs, cap);
                if (fineKey != null) {
                    fineKey = Arrays.copyOf(fineKey, cap);
                }
            }
            int i = n++;
            set(i, id, t, la, lo, o);
            return i;
        }

        void set(int i, int id, long t, double la, double lo, PositionObservation o) {
            int j = i * STRIDE;
            long[] f = fix;
            f[j] = id;
            f[j + 1] = t;
            f[j + 2] = Double.doubleToRawLongBits(la);
            f[j + 3] = Double.doubleToRawLongBits(lo);
            obs[i] = o;
        }

        /** Moves slot {@code from} into slot {@code to}. */
        void move(int from, int to) {
            System.arraycopy(fix, from * STRIDE, fix, to * STRIDE, STRIDE);
            obs[to] = obs[from];
        }

        private static int hash(int id) {
            int h = id * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        /** The slot of a vessel through the index (busy cells), or -1. */
        int slotOf(int id) {
            int mask = index.length - 1;
            for (int h = hash(id) & mask;; h = (h + 1) & mask) {
                int v = index[h];
                if (v == 0) {
                    return -1;
                }
                if (mmsi(v - 1) == id) {
                    return v - 1;
                }
            }
        }

        /** Records slot i under its MMSI (not yet in the index), growing the table at half full. */
        void indexPut(int i) {
            if (2 * n > index.length) {
                index = new int[2 * index.length];
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        indexInsert(j);
                    }
                }
            }
            indexInsert(i);
        }

        private void indexInsert(int i) {
            int mask = index.length - 1;
            int h = hash(mmsi(i)) & mask;
            while (index[h] != 0) {
                h = (h + 1) & mask;
            }
            index[h] = i + 1;
        }

        /** The table position holding slot i. */
        private int indexFind(int i) {
            int mask = index.length - 1;
            int h = hash(mmsi(i)) & mask;
            while (index[h] != i + 1) {
                h = (h + 1) & mask;
            }
            return h;
        }

        /** Removes the table entry at h, shifting later entries of the probe run back. */
        private void indexDelete(int h) {
            int mask = index.length - 1;
            int hole = h;
            for (int j = (h + 1) & mask;; j = (j + 1) & mask) {
                int v = index[j];
                if (v == 0) {
                    break;
                }
                int home = hash(mmsi(v - 1)) & mask;
                // Move v into the hole unless its home lies cyclically in (hole, j].
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    index[hole] = v;
                    hole = j;
                }
            }
            index[hole] = 0;
        }
    }

    /** A pair seen together: the current run and, merged, the earlier ones. */
    static final class Pair implements Serializable {
        private static final long serialVersionUID = 1L;
        final int a;
        final int b;
        /** {@code a << 32 | b}. */
        final long key;
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
        /** Last midpoint latitude and longitude (NaN before the first) with their cosines and sines. */
        double memoLat = Double.NaN;
        double memoLon = Double.NaN;
        double memoCosLat, memoSinLat, memoCosLon, memoSinLon;
        double minDistance = Double.POSITIVE_INFINITY;
        double sumDistance;
        /** Counts per 0.1 kn bin, grown to the highest bin seen (most pairs lie still: a few bins). */
        int[] speeds = new int[8];
        int speedCount;
        final Evidence evidence = new Evidence(10, 40);

        Pair(int a, int b, boolean owned, long anchorCell) {
            this.a = a;
            this.b = b;
            this.key = ((long) a << 32) | (b & 0xffffffffL);
            this.owned = owned;
            this.anchorCell = anchorCell;
        }
    }

    /**
     * The pairs of a cell by key {@code a << 32 | b}: open addressing with linear probing over a key
     * array beside the pair array (a probe reads only keys; the pair object is read once found; 0,
     * which no pair has as its two MMSIs differ, marks a free slot), removal by backward shift
     * ({@link OpenAddressing}). Grows at half full. Version 3 places keys by
     * {@link OpenAddressing#slot}: a table serialized by an earlier version does not restore.
     */
    static final class PairTable implements Serializable {
        private static final long serialVersionUID = 3L;
        private static final Pair[] NONE = new Pair[0];
        private static final long[] NO_KEYS = new long[0];
        private Pair[] table = NONE;
        private long[] keys = NO_KEYS;
        private int size;

        private static int home(long k, int mask) {
            return OpenAddressing.slot(k, mask);
        }

        Pair get(long key) {
            if (size == 0) {
                return null;
            }
            long[] ks = keys;
            int mask = ks.length - 1;
            for (int i = home(key, mask);; i = (i + 1) & mask) {
                long k = ks[i];
                if (k == key) {
                    return table[i];
                }
                if (k == 0) {
                    return null;
                }
            }
        }

        /** Adds a pair whose key is not in the table. */
        void put(Pair p) {
            if (2 * (size + 1) > table.length) {
                Pair[] old = table;
                int n = Math.max(16, 2 * old.length);
                table = new Pair[n];
                keys = new long[n];
                for (Pair x : old) {
                    if (x != null) {
                        insert(x);
                    }
                }
            }
            insert(p);
            size++;
        }

        private void insert(Pair p) {
            int mask = table.length - 1;
            int i = home(p.key, mask);
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = p;
            keys[i] = p.key;
        }

        void remove(long key) {
            if (size == 0) {
                return;
            }
            Pair[] t = table;
            long[] ks = keys;
            int mask = t.length - 1;
            int i = home(key, mask);
            while (ks[i] != 0 && ks[i] != key) {
                i = (i + 1) & mask;
            }
            if (ks[i] == 0) {
                return;
            }
            size--;
            int hole = i;
            for (int j = (i + 1) & mask; ks[j] != 0; j = (j + 1) & mask) {
                if (OpenAddressing.shiftsBack(home(ks[j], mask), hole, j)) {
                    t[hole] = t[j];
                    ks[hole] = ks[j];
                    hole = j;
                }
            }
            t[hole] = null;
            ks[hole] = 0;
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void forEach(java.util.function.Consumer<Pair> action) {
            for (Pair p : table) {
                if (p != null) {
                    action.accept(p);
                }
            }
        }
    }

    // ------------------------------------------------------------------ processing

    @Override
    public void onObservation(Observation o, CellState s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        int id = p.mmsi();
        long t = p.time();
        double lat = p.latitude();
        double lon = Geodesy.normalizeLongitude(p.longitude());
        if (inPortZone(p, lat, lon)) {
            leave(s, id, ctx);
            return;
        }
        if (s.fine == null) {
            int self = scan(p, id, t, lat, lon, s, ctx);
            if (self >= 0) {
                s.set(self, id, t, lat, lon, p);
            } else {
                s.append(id, t, lat, lon, p);
                if (s.n > FINE_GRID_FROM) {
                    buildFine(s);
                }
            }
        } else {
            int self = s.slotOf(id);
            long fr = fineRow(lat);
            long fcRaw = fineColumn(lon); // lon is normalised
            long fk = fineKey(fr, fcRaw);
            if (self >= 0) {
                s.set(self, id, t, lat, lon, p);
                if (s.fineKey[self] != fk) {
                    remove(s.fine, s.fineKey[self], self);
                    add(s.fine, fk, self);
                    s.fineKey[self] = fk;
                }
            } else {
                self = s.append(id, t, lat, lon, p);
                s.indexPut(self);
                s.fineKey[self] = fk;
                add(s.fine, fk, self);
            }
            compare(p, self, t, lat, lon, fr, fcRaw, s, ctx);
        }
        // One timer per cell at a time, on a multiple of the fix age; while the cell holds anything it
        // re-arms itself one fix age later (onTimer). A fix arms it only when none is pending: moving a
        // pending timer on (as a fix at or after its time would) could keep a busy cell's timer from ever
        // firing, and with it the removal of vessels gone and the end of pairs apart.
        if (s.timer == Long.MIN_VALUE) {
            s.timer = (Math.floorDiv(t, maxFixAge) + 1) * maxFixAge;
            ctx.registerTimer(s.timer);
        }
    }

    /** Whether the fix lies within the port distance of a port (memo per observation). */
    private boolean inPortZone(PositionObservation p, double lat, double lon) {
        if (p != lastZoneObservation) {
            lastInZone = portZone.near(lat, lon);
            lastZoneObservation = p;
        }
        return lastInZone;
    }

    /**
     * A vessel whose fix lies near a port: the cell forgets its latest fix, so that nothing is compared
     * with the vessel until it is out again; a cell left with nothing and no timer pending is cleared.
     */
    private static void leave(CellState s, int id, DetectorContext ctx) {
        int self = -1;
        if (s.fine != null) {
            self = s.slotOf(id);
        } else {
            long[] f = s.fix;
            for (int i = 0; i < s.n; i++) {
                if ((int) f[i * CellState.STRIDE] == id) {
                    self = i;
                    break;
                }
            }
        }
        if (self >= 0) {
            removeSlot(s, self);
        }
        if (s.n == 0 && s.pairs.isEmpty() && s.timer == Long.MIN_VALUE) {
            ctx.clearState();
        }
    }

    /** Builds the MMSI index and fine grid of a cell that became busy. */
    private void buildFine(CellState s) {
        int cap = 16;
        while (cap < 4 * s.n) {
            cap <<= 1;
        }
        s.index = new int[cap];
        s.fineKey = new long[s.obs.length];
        s.fine = new LongHashMap<>();
        for (int i = 0; i < s.n; i++) {
            s.indexPut(i);
            s.fineKey[i] = fineKey(fineRow(s.lat(i)), fineColumn(s.lon(i))); // slots hold normalised longitudes
            add(s.fine, s.fineKey[i], i);
        }
    }

    /**
     * Few vessels in the cell: compares the new fix with each other vessel's latest fix after a
     * latitude/longitude box pre-filter (widened for the cell's row) and {@link #surelyApart}; returns the vessel's own slot or -1.
     */
    private int scan(PositionObservation p, int id, long t, double lat, double lon, CellState s, DetectorContext ctx) {
        double dLon = preLon[cellRow(s, ctx)];
        double dLat = preLat;
        int self = -1;
        long[] f = s.fix;
        int end = s.n * CellState.STRIDE;
        for (int j = 0; j < end; j += CellState.STRIDE) {
            if ((int) f[j] == id) {
                self = j / CellState.STRIDE;
                continue;
            }
            double la = Double.longBitsToDouble(f[j + 2]);
            if (Math.abs(la - lat) > dLat) {
                continue;
            }
            double lo = Double.longBitsToDouble(f[j + 3]);
            double dl = Math.abs(lo - lon); // both in [-180, 180): across the antimeridian take the short way
            if ((dl > 180 ? 360 - dl : dl) > dLon || Math.abs(t - f[j + 1]) > maxFixAge
                    || surelyApart(la - lat, lo - lon, dLon)) {
                continue;
            }
            double d = Geodesy.distance(lat, lon, la, lo);
            if (d <= maxDistance) {
                together(p, s.obs[j / CellState.STRIDE], d, s, ctx);
            }
        }
        return self;
    }

    /**
     * Busy cell: compares the new fix with the vessels in the fine cells around it. The fine rows
     * {@code fr - 1 .. fr + 1} are visited in order; in each, only the columns that a point within
     * 500 m can lie in (the chord of the 500 m circle at the row's nearest latitude, widened by 1 %
     * and taken at the widest longitude scale of the cell's reach), a sub-range of the columns
     * {@code fc - span .. fc + span} in the same order.
     */
    private void compare(PositionObservation p, int self, long t, double lat, double lon, long fr, long fcRaw,
            CellState s, DetectorContext ctx) {
        int row = cellRow(s, ctx);
        double dLon = preLon[row];
        double lonPerLat = dLon / preLat;
        double reach = preLat * REACH_SLACK;
        double latEdge = Math.min(89.999, Math.abs(lat) + fineDeg);
        int span = (int) Math.min(fineN, Math.ceil(1 / Math.cos(Math.toRadians(latEdge))));
        double x = lon + 180;
        boolean flat = dLon <= FLAT_LON_PER_LAT * preLat;
        for (long r = fr - 1; r <= fr + 1; r++) {
            if (r < 0 || r >= fineN) {
                continue;
            }
            // Latitude gap from the fix to the nearest edge of fine row r (0 in the fix's own row).
            double dy = r < fr ? lat + 90 - (r + 1) * fineDeg : r > fr ? r * fineDeg - (lat + 90) : 0;
            double h = reach * reach - Math.max(0, dy) * Math.max(0, dy);
            long lo = fcRaw - span;
            long hi = fcRaw + span;
            if (!flat) {
                // near a pole: every column of the span
            } else if (h > 0) {
                double w = lonPerLat * Math.sqrt(h);
                lo = Math.max(lo, (long) Math.floor((x - w) / fineDeg));
                hi = Math.min(hi, (long) Math.floor((x + w) / fineDeg));
            } else {
                continue; // no point of this row is within reach
            }
            long base = r * fineCols;
            for (long c = lo; c <= hi; c++) {
                long wc = c < 0 ? c + fineCols : c >= fineCols ? c - fineCols : c;
                int[] bag = s.fine.get(base + wc);
                if (bag == null) {
                    continue;
                }
                for (int k = 1; k <= bag[0]; k++) {
                    int i = bag[k];
                    if (i == self || Math.abs(t - s.time(i)) > maxFixAge) {
                        continue;
                    }
                    double la = s.lat(i);
                    double lq = s.lon(i);
                    if (surelyApart(la - lat, lq - lon, dLon)) {
                        continue;
                    }
                    double d = Geodesy.distance(lat, lon, la, lq);
                    if (d <= maxDistance) {
                        together(p, s.obs[i], d, s, ctx);
                    }
                }
            }
        }
    }

    /**
     * Whether two fixes {@code dlat} and {@code dlon} degrees apart lie certainly more than the
     * maximum distance apart: outside the ellipse of half-axes {@code preLat} and {@code dLon} (the
     * longitude half-width at the widest longitude scale of the cell's reach) widened by 1 %. Over
     * 500 m the sphere is flat to far better than that 1 %, so no pair within range is rejected.
     */
    private boolean surelyApart(double dlat, double dlon, double dLon) {
        if (dLon > FLAT_LON_PER_LAT * preLat) {
            return false; // near a pole: the haversine decides
        }
        double dl = Math.abs(dlon);
        dl = dl > 180 ? 360 - dl : dl;
        double u = dlat / preLat;
        double v = dl / dLon;
        return u * u + v * v > REACH_SLACK * REACH_SLACK;
    }

    private int cellRow(CellState s, DetectorContext ctx) {
        int row = s.row;
        if (row < 0) {
            row = (int) (ctx.key() / cols);
            s.row = row;
        }
        return row;
    }

    /** New fix p and the other vessel's latest fix q are within range at p's time. */
    private void together(PositionObservation p, PositionObservation q, double d, CellState s, DetectorContext ctx) {
        int a = Math.min(p.mmsi(), q.mmsi());
        int b = Math.max(p.mmsi(), q.mmsi());
        long key = ((long) a << 32) | (b & 0xffffffffL);
        long t = p.time();
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
            PositionObservation anchor = p.mmsi() == a ? p : q;
            long anchorCell = cellOf(anchor.latitude(), anchor.longitude());
            pr = new Pair(a, b, anchorCell == ctx.key(), anchorCell);
            pr.start = t;
            s.pairs.put(pr);
            pr.evidence.add(q);
        }
        if (!pr.open) {
            pr.open = true;
            pr.runStart = t;
            pr.runs++;
        }
        pr.lastTogether = t;
        pr.comparisons++;
        pr.evidence.add(p);
        double mlat = (p.latitude() + q.latitude()) / 2;
        double mlon = q.longitude() + Geodesy.longitudeDifference(q.longitude(), p.longitude()) / 2;
        // Vessels lying together report the same positions again and again: the pair keeps the
        // sines and cosines of its last midpoint and reuses them (the same values, far cheaper).
        if (mlat != pr.memoLat) {
            pr.memoLat = mlat;
            pr.memoCosLat = Math.cos(Math.toRadians(mlat));
            pr.memoSinLat = Math.sin(Math.toRadians(mlat));
        }
        if (mlon != pr.memoLon) {
            pr.memoLon = mlon;
            pr.memoCosLon = Math.cos(Math.toRadians(mlon));
            pr.memoSinLon = Math.sin(Math.toRadians(mlon));
        }
        double cl = pr.memoCosLat;
        pr.sx += cl * pr.memoCosLon;
        pr.sy += cl * pr.memoSinLon;
        pr.sz += pr.memoSinLat;
        pr.minDistance = Math.min(pr.minDistance, d);
        pr.sumDistance += d;
        double v = p.speedOverGround();
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
            s.pairs.remove(pr.key);
        }
    }

    /** Emits a qualifying, closed pair (when this cell owns it) and forgets it. */
    private void finish(Pair pr, CellState s, DetectorContext ctx) {
        s.pairs.remove(pr.key);
        if (pr.owned && qualifies(pr)) {
            ctx.emit(event(pr, pr.togetherMillis));
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

    /**
     * The pairs this cell owns whose encounter would be emitted if it ended now, up to their latest
     * time together (a run still open counted up to then).
     */
    @Override
    public void ongoing(CellState s, long key, long watermark, java.util.function.Consumer<Event> out) {
        s.pairs.forEach(pr -> {
            if (pr.owned && qualifies(pr)) {
                out.accept(event(pr, pr.open ? pr.togetherMillis + (pr.lastTogether - pr.runStart) : pr.togetherMillis));
            }
        });
    }

    private Event event(Pair pr, long togetherMillis) {
        double[] m = mean(pr);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("duration_s", (pr.lastTogether - pr.start) / 1000.0);
        a.put("together_s", togetherMillis / 1000.0);
        a.put("runs", pr.runs);
        a.put("comparisons", pr.comparisons);
        a.put("median_speed_kn", Math.round(medianSpeed(pr) * 100) / 100.0);
        a.put("min_distance_m", Math.round(pr.minDistance * 10) / 10.0);
        a.put("mean_distance_m", Math.round(pr.sumDistance / pr.comparisons * 10) / 10.0);
        PortIndex.Nearest n = ports.nearest(m[0], m[1], PORT_REPORT_RADIUS_M);
        if (n != null) {
            a.put("nearest_port_id", n.port().id());
            if (n.port().anchorage() != null) {
                a.put("nearest_anchorage_id", n.port().anchorage().id());
            }
            a.put("nearest_port_distance_m", Math.round(n.distanceMetres()));
        }
        a.put("anchor_cell", pr.anchorCell);
        return Event.of(EventKind.ENCOUNTER, pr.start, pr.lastTogether, List.of(pr.a, pr.b), m[0], m[1], null,
                parameters, a, pr.evidence.observations());
    }


    @Override
    public void onTimer(long timestamp, CellState s, DetectorContext ctx) {
        if (timestamp != s.timer) {
            if (s.timer == Long.MIN_VALUE && s.n == 0 && s.pairs.isEmpty()) {
                ctx.clearState(); // a timer of a state cleared before
            }
            return;
        }
        s.timer = Long.MIN_VALUE;
        // Forget fixes too old to be compared with anything still to come (from the last slot down,
        // so that the slot moved into a freed one has been looked at already).
        for (int i = s.n - 1; i >= 0; i--) {
            if (timestamp - s.time(i) > maxFixAge) {
                removeSlot(s, i);
            }
        }
        if (s.fine != null && s.n < FINE_GRID_FROM / 2) {
            s.fine = null;
            s.index = null;
            s.fineKey = null;
        }
        // Only a pair whose run has been interrupted (open, apart for longer than the fix age) or whose
        // merge gap has passed (run ended, apart for longer than the gap) does anything here; those are
        // visited in (a, b) order so that events come out in a stable order. A pair between the two (run
        // ended, waiting up to 4 h for the pair to meet again) is not sorted at each timer of its cell.
        if (!s.pairs.isEmpty()) {
            List<Pair> due = new ArrayList<>();
            s.pairs.forEach(pr -> {
                long apart = timestamp - pr.lastTogether;
                if (pr.open ? apart > config.maxFixAgeMillis() : apart > config.mergeGapMillis()) {
                    due.add(pr);
                }
            });
            due.sort((x, y) -> x.a != y.a ? Integer.compare(x.a, y.a) : Integer.compare(x.b, y.b));
            for (Pair pr : due) {
                if (pr.open && timestamp - pr.lastTogether > config.maxFixAgeMillis()) {
                    endRun(pr, s, ctx);
                }
                if (!pr.open && s.pairs.get(pr.key) == pr
                        && timestamp - pr.lastTogether > config.mergeGapMillis()) {
                    finish(pr, s, ctx);
                }
            }
        }
        if (s.n == 0 && s.pairs.isEmpty()) {
            ctx.clearState();
            return;
        }
        s.timer = timestamp + config.maxFixAgeMillis();
        ctx.registerTimer(s.timer);
    }

    /** Removes slot i, moving the last slot into it (index and fine grid follow). */
    private static void removeSlot(CellState s, int i) {
        int last = s.n - 1;
        if (s.fine != null) {
            s.indexDelete(s.indexFind(i));
            remove(s.fine, s.fineKey[i], i);
            if (i != last) {
                int h = s.indexFind(last);
                s.index[h] = i + 1;
                replace(s.fine, s.fineKey[last], last, i);
                s.fineKey[i] = s.fineKey[last];
            }
        }
        if (i != last) {
            s.move(last, i);
        }
        s.obs[last] = null;
        s.n = last;
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

    private static void replace(LongHashMap<int[]> m, long k, int from, int to) {
        int[] bag = m.get(k);
        for (int i = 1; i <= bag[0]; i++) {
            if (bag[i] == from) {
                bag[i] = to;
                return;
            }
        }
    }
}
