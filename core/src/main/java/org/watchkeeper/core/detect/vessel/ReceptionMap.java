package org.watchkeeper.core.detect.vessel;

import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.util.LongHashMap;

/**
 * How well AIS is received in each grid cell, estimated from the data itself: the number of
 * positions received per vessel per day of presence in the cell, in the spirit of the reception
 * quality of Welch et al. 2022 ("Hot spots of unseen fishing vessels", Science Advances 8,
 * eabq2109), which counts positions per vessel per day in 1° cells to tell gaps caused by poor
 * (satellite) coverage from gaps caused by a transponder switched off.
 *
 * <p><b>Measure.</b> Each position received adds one to its cell and hour. Each pair of consecutive
 * positions of one vessel adds the time between them, capped at {@code presenceCapMillis}, to the
 * presence of the cell of the earlier one (the vessel is taken to be there until its next fix; the
 * cap keeps a vessel that went silent from counting as present for days), filed under the hour of
 * the later one. The quality of a
 * cell over a window is {@code positions / (presence in days)}: a well covered cell hears a class A
 * ship at sea hundreds of times a day, a cell seen only by a satellite pass now and then a few times.
 * A cell with no presence in the window has quality {@code NaN} (unknown).
 *
 * <p><b>Determinism.</b> {@link #quality} counts only hours that ended at or before the time asked
 * about, so its answer is a function of the observations before that time alone. Fed online by a
 * detector in a {@link org.watchkeeper.core.detect.DetectionEngine} it answers the same as a map
 * built in a first pass over the whole input would, however the input is chunked, provided every
 * query time is at or before the engine's watermark (observations older than the watermark are
 * dropped as late and never reach the map). In a distributed job the same numbers come from a
 * per-cell aggregation joined to the gaps, or from a map built the day before.
 *
 * <p>Bounded: hours older than {@code retentionMillis} behind the newest hour recorded are dropped.
 * Not thread safe.
 */
public final class ReceptionMap implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;
    private static final double DAY = 86_400_000.0;

    private final double cellDeg;
    private final long presenceCapMillis;
    private final long retentionMillis;
    private final int cols;
    /** Rows of cells, 180 / cellDeg. */
    private final int rows;
    /** (hour, cell) → {positions, presenceMillis}. */
    private final LongHashMap<long[]> buckets = new LongHashMap<>();
    /** hour → {positions in every cell}: the input's own activity, kept as long as the buckets. */
    private final LongHashMap<long[]> hourTotals = new LongHashMap<>();
    /** The hour of {@link #currentTotal} (most positions fall in the hour of the one before). */
    private long currentHour = Long.MIN_VALUE;
    private long[] currentTotal;
    private long newestHour = Long.MIN_VALUE;
    private long oldestHourKept = Long.MIN_VALUE;

    /**
     * @param cellDeg cell size in degrees (1° in Welch et al. 2022); must divide 180
     * @param presenceCapMillis longest time one fix counts as presence, ms (&gt; 0)
     * @param retentionMillis how far behind the newest data hours are kept, ms (&gt; 0); queries
     *        must not reach further back
     */
    public ReceptionMap(double cellDeg, long presenceCapMillis, long retentionMillis) {
        if (!(cellDeg > 0) || Math.abs(180 / cellDeg - Math.rint(180 / cellDeg)) > 1e-9) {
            throw new IllegalArgumentException("cell size must divide 180 degrees: " + cellDeg);
        }
        if (presenceCapMillis <= 0 || retentionMillis <= 0) {
            throw new IllegalArgumentException("presence cap and retention must be > 0");
        }
        this.cellDeg = cellDeg;
        this.presenceCapMillis = presenceCapMillis;
        this.retentionMillis = retentionMillis;
        this.cols = (int) Math.rint(360 / cellDeg);
        this.rows = (int) Math.rint(180 / cellDeg);
    }

    /** The cell id of a position (rows from the south pole, columns from -180°). */
    public int cell(double lat, double lon) {
        int row = Math.min(rows - 1, Math.max(0, (int) Math.floor((lat + 90) / cellDeg)));
        int col = Math.min(cols - 1, Math.max(0, (int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / cellDeg)));
        return row * cols + col;
    }

    /**
     * Records one received position of a vessel.
     *
     * @param time epoch ms of the position
     * @param cell {@link #cell} of the position
     * @param previousTime epoch ms of the vessel's previous position, or {@code Long.MIN_VALUE}; callers
     *        record each vessel's positions in time order
     * @param previousCell cell of the previous position (ignored without one)
     */
    public void record(long time, int cell, long previousTime, int previousCell) {
        long hour = Math.floorDiv(time, HOUR);
        long[] b = bucket(hour, cell);
        b[0]++;
        if (hour != currentHour) {
            currentTotal = hourTotals.computeIfAbsent(hour, () -> new long[1]);
            currentHour = hour;
        }
        currentTotal[0]++;
        if (previousTime != Long.MIN_VALUE && time > previousTime) {
            // filed under the hour of the fix that closes the interval, so that an hour's numbers
            // depend on the observations of that hour only (mostly the same cell: one look-up)
            long[] pb = previousCell == cell ? b : bucket(hour, previousCell);
            pb[1] += Math.min(time - previousTime, presenceCapMillis);
        }
        if (hour > newestHour) {
            newestHour = hour;
            long keepFrom = hour - Math.floorDiv(retentionMillis + HOUR - 1, HOUR);
            if (keepFrom > oldestHourKept) {
                oldestHourKept = keepFrom;
                buckets.removeIf((k, v) -> (k >> 24) < oldestHourKept);
                hourTotals.removeIf((k, v) -> k < oldestHourKept);
                if (currentHour < oldestHourKept) {
                    currentHour = Long.MIN_VALUE;
                    currentTotal = null;
                }
            }
        }
    }

    /**
     * Positions per vessel per day of presence in {@code cell} over the whole hours in
     * {@code [at - windowMillis, at)} (hours that end after {@code at} are left out).
     *
     * @return the quality, or {@code NaN} when no vessel was present in the cell in the window
     */
    public double quality(int cell, long at, long windowMillis) {
        long endHour = Math.floorDiv(at, HOUR); // exclusive: the hour containing `at` is not complete
        long startHour = Math.floorDiv(at - windowMillis, HOUR);
        long positions = 0, presence = 0;
        for (long h = startHour; h < endHour; h++) {
            long[] b = buckets.get(key(h, cell));
            if (b != null) {
                positions += b[0];
                presence += b[1];
            }
        }
        return presence == 0 ? Double.NaN : positions / (presence / DAY);
    }

    /**
     * Positions the whole input received, in every cell, in the whole hours after the hour of
     * {@code from} that end at or before {@code to}: whether the input itself was heard in a span, so
     * that a silence of every receiver (an outage of the feed, two logs of different periods read
     * together) can be told from one vessel's silence. Like {@link #quality} a function of the
     * observations before {@code to} alone.
     *
     * @param from epoch ms; its own hour is left out (it holds the position at {@code from})
     * @param to epoch ms, after {@code from}
     * @return the positions, or -1 when no whole hour lies in between (nothing measured)
     */
    public long inputPositions(long from, long to) {
        long startHour = Math.floorDiv(from, HOUR) + 1;
        long endHour = Math.floorDiv(to, HOUR); // exclusive: the hour containing `to` is not complete
        if (endHour <= startHour) {
            return -1;
        }
        long n = 0;
        for (long h = startHour; h < endHour; h++) {
            long[] t = hourTotals.get(h);
            if (t != null) {
                n += t[0];
            }
        }
        return n;
    }

    /** Buckets held (for monitoring and bounds). */
    public int size() {
        return buckets.size();
    }

    private long[] bucket(long hour, int cell) {
        long key = key(hour, cell);
        long[] b = buckets.get(key);
        if (b == null) {
            b = new long[2];
            buckets.put(key, b);
        }
        return b;
    }

    private static long key(long hour, int cell) {
        return (hour << 24) | cell;
    }
}
