package org.watchkeeper.core.track;

import java.util.Arrays;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * One continuous piece of a vessel's track: fixes in time order that one transmitter could have
 * made on one journey (see {@link Tracker}). Mutated only by the tracker that owns it; read it
 * after it is closed or from the tracker's thread.
 *
 * <p>The geometry is kept compactly: each fix as its longitude and latitude in whole
 * micro-degrees (1e-6°, about 0.1 m; {@link Math#round} of degrees × 10<sup>6</sup>), two
 * {@code int}s; only the newest fix is kept as a whole observation. The statistics
 * ({@link #stats()}) are computed from the full-precision fixes as they arrive. A segment of a day
 * of one-minute fixes holds about 11 kB.
 *
 * <p>The fixes lie in chunks of {@value #CHUNK_FIXES} fixes (4 kB): the first chunk grows by
 * doubling from 4 fixes (short segments stay small), later chunks are allocated whole and never
 * copied. A long segment therefore costs the collector one copy of each chunk when it is promoted,
 * instead of a copy of its whole history at every doubling of one growing array.
 */
public final class Segment {
    /** Pairs of fixes closer than this in time are not used for the maximum derived speed, nor has a segment shorter than this a mean derived speed. */
    static final long MIN_SPEED_INTERVAL_MILLIS = 30_000;

    private final int mmsi;
    private final int number;
    /** Fixes per chunk (a power of two). */
    static final int CHUNK_FIXES = 512;
    private static final int CHUNK_SHIFT = Integer.numberOfTrailingZeros(CHUNK_FIXES);
    private static final int CHUNK_MASK = CHUNK_FIXES - 1;
    /** Chunk k holds fixes k × {@value #CHUNK_FIXES} ..: lon, lat, lon, lat ... in micro-degrees. */
    private int[][] chunks = {new int[8]};
    /** The chunk fixes are appended to ({@code chunks[size >>> CHUNK_SHIFT]} once it exists). */
    private int[] tail = chunks[0];
    private int size;
    private long startTime;
    /** Time of the newest fix (kept here so that appending a fix does not read the previous observation). */
    private long lastTime;
    private PositionObservation last;
    private double distanceM;
    private double maxDerived;
    private double sumSog;
    private int countSog;
    private double maxSog = Double.NaN;
    private boolean closed;

    Segment(int mmsi, int number) {
        this.mmsi = mmsi;
        this.number = number;
    }

    /** The vessel's MMSI. */
    public int mmsi() {
        return mmsi;
    }

    /** 1, 2, ... in the order the vessel's segments were opened. */
    public int number() {
        return number;
    }

    /** Stable id {@code <9-digit MMSI>-<number>}. */
    public String id() {
        return org.watchkeeper.ais.Mmsi.format(mmsi) + "-" + number;
    }

    /** Number of fixes. */
    public int size() {
        return size;
    }

    /**
     * Longitude of fix {@code i} (0 = oldest) in micro-degrees, -180 000 000..180 000 000.
     *
     * @throws IndexOutOfBoundsException unless 0 ≤ i &lt; {@link #size()}
     */
    public int longitudeE6(int i) {
        java.util.Objects.checkIndex(i, size);
        return chunks[i >>> CHUNK_SHIFT][2 * (i & CHUNK_MASK)];
    }

    /**
     * Latitude of fix {@code i} (0 = oldest) in micro-degrees, -90 000 000..90 000 000.
     *
     * @throws IndexOutOfBoundsException unless 0 ≤ i &lt; {@link #size()}
     */
    public int latitudeE6(int i) {
        java.util.Objects.checkIndex(i, size);
        return chunks[i >>> CHUNK_SHIFT][2 * (i & CHUNK_MASK) + 1];
    }

    /** Degrees rounded to whole micro-degrees, as the fixes are kept. */
    public static int toE6(double degrees) {
        return (int) Math.round(degrees * 1e6);
    }

    /** The newest fix. */
    public PositionObservation last() {
        return last;
    }

    /** Whether the tracker has closed it (gap, eviction, end of input). */
    public boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /**
     * Appends a fix; returns the speed derived from the previous fix in knots (NaN for the first).
     *
     * @param metresFromLast metres from {@link #last()} to {@code p} by {@link Geodesy#distance} (the
     *     tracker measured it to choose the segment); ignored for the first fix
     */
    double add(PositionObservation p, double metresFromLast) {
        double derived = Double.NaN;
        long t = p.time();
        if (size > 0) {
            double d = metresFromLast;
            distanceM += d;
            long dt = t - lastTime;
            if (dt > 0) {
                derived = d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
                if (dt >= MIN_SPEED_INTERVAL_MILLIS) {
                    maxDerived = Math.max(maxDerived, derived);
                }
            }
        }
        if (size == 0) {
            startTime = t;
        }
        lastTime = t;
        int at = 2 * (size & CHUNK_MASK);
        int[] c = tail;
        if (at == c.length) {
            c = grow();
        } else if (at == 0 && size > 0) {
            c = newChunk();
        }
        c[at] = toE6(p.longitude());
        c[at + 1] = toE6(p.latitude());
        size++;
        last = p;
        double sog = p.speedOverGround();
        if (!Double.isNaN(sog)) {
            sumSog += sog;
            countSog++;
            maxSog = Double.isNaN(maxSog) ? sog : Math.max(maxSog, sog);
        }
        return derived;
    }

    /** Doubles the first chunk (it is full and smaller than a whole chunk). */
    private int[] grow() {
        tail = chunks[0] = Arrays.copyOf(tail, tail.length * 2);
        return tail;
    }

    /** Starts a new whole chunk (the previous one is full). */
    private int[] newChunk() {
        int k = size >>> CHUNK_SHIFT;
        if (k == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        tail = chunks[k] = new int[2 * CHUNK_FIXES];
        return tail;
    }

    /** Current statistics. */
    public SegmentStats stats() {
        long start = startTime;
        long end = lastTime;
        double hours = (end - start) / 3_600_000.0;
        // Over less than MIN_SPEED_INTERVAL_MILLIS, GNSS jitter and time uncertainty dominate the
        // quotient (two receptions milliseconds apart give thousands of knots): no speed.
        double mean = end - start >= MIN_SPEED_INTERVAL_MILLIS ? distanceM / Geodesy.METRES_PER_NAUTICAL_MILE / hours
                : Double.NaN;
        return new SegmentStats(start, end, size, distanceM, mean, maxDerived,
                countSog == 0 ? Double.NaN : sumSog / countSog, maxSog);
    }

    @Override
    public String toString() {
        return "Segment[" + id() + ", " + size + " points" + (closed ? ", closed" : "") + "]";
    }
}
