package org.watchkeeper.ais.nmea;


/**
 * The time span of the position reports of an input, beside which the messages without a position (static
 * and voyage data, safety messages, assignments, binary messages) are judged: a few of those whose times
 * lie far outside it (a satellite feed's {@code $PGHP} times an hour and more before a terrestrial log's,
 * say) stretch the whole time span while the positions cover minutes. Times are UTC epoch milliseconds.
 * Memory is bounded: of the messages without a position, the {@link #KEPT} earliest and latest times are
 * kept, enough to count and measure the ones outside the span while they are a few; beyond that the count
 * is a lower bound ({@link Outside#atLeast}). Not thread-safe; spans of parts of a stream are combined with
 * {@link #add}.
 */
public final class PositionSpan {
    /** Times of messages without a position kept at each end. */
    public static final int KEPT = 256;

    /** Shortest distance outside the position span that counts as material, ms: 1 min. */
    public static final long MIN_MARGIN_MS = 60_000;

    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    /** The earliest times, the latest of them at the head (the one to drop). */
    private final Extremes earliest = new Extremes(true);
    /** The latest times, the earliest of them at the head. */
    private final Extremes latest = new Extremes(false);

    /**
     * Whether messages of AIS {@code type} report their station's position (ITU-R M.1371-5): position reports of
     * class A (1, 2, 3) and B (18, 19), base station (4) and UTC/date (11) reports, SAR aircraft (9), aids to
     * navigation (21) and long-range reports (27), the messages analyze tracks. A DGNSS broadcast (17) carries
     * corrections, not a position report, and is none.
     */
    public static boolean reportsPosition(int type) {
        return switch (type) {
            case 1, 2, 3, 4, 9, 11, 18, 19, 21, 27 -> true;
            default -> false;
        };
    }

    /** Notes a position report received at {@code time} (UTC ms). */
    public void position(long time) {
        first = Math.min(first, time);
        last = Math.max(last, time);
    }

    /** Notes a message without a position received at {@code time} (UTC ms). */
    public void other(long time) {
        earliest.keep(time);
        latest.keep(time);
    }

    /** Adds the span of {@code o} (another part of the same input, or another input) to this one. */
    public void add(PositionSpan o) {
        first = Math.min(first, o.first);
        last = Math.max(last, o.last);
        for (int i = 0; i < o.earliest.size; i++) {
            earliest.keep(o.earliest.heap[i]);
        }
        for (int i = 0; i < o.latest.size; i++) {
            latest.keep(o.latest.heap[i]);
        }
    }

    /**
     * The {@link #KEPT} smallest ({@code smallest}) or largest times seen, as a binary heap of primitive longs
     * whose head is the one a closer time replaces: no object per message, as this runs for every message
     * without a position that the decoder or analyze counts.
     */
    private static final class Extremes {
        final long[] heap = new long[KEPT];
        int size;
        private final boolean smallest;

        Extremes(boolean smallest) {
            this.smallest = smallest;
        }

        /** Whether {@code a} belongs nearer the head than {@code b}: the larger when keeping the smallest. */
        private boolean above(long a, long b) {
            return smallest ? a > b : a < b;
        }

        void keep(long t) {
            if (size < KEPT) {
                int i = size++;
                while (i > 0 && above(t, heap[(i - 1) >> 1])) {
                    heap[i] = heap[(i - 1) >> 1];
                    i = (i - 1) >> 1;
                }
                heap[i] = t;
            } else if (above(heap[0], t)) {
                int i = 0;
                while (true) {
                    int c = 2 * i + 1;
                    if (c >= size) {
                        break;
                    }
                    if (c + 1 < size && above(heap[c + 1], heap[c])) {
                        c++;
                    }
                    if (!above(heap[c], t)) {
                        break;
                    }
                    heap[i] = heap[c];
                    i = c;
                }
                heap[i] = t;
            }
        }
    }

    /** Whether any position report had a time. */
    public boolean hasPositions() {
        return first <= last;
    }

    /** Time of the earliest position report, UTC ms; {@link Long#MAX_VALUE} when none. */
    public long first() {
        return first;
    }

    /** Time of the latest position report, UTC ms; {@link Long#MIN_VALUE} when none. */
    public long last() {
        return last;
    }

    /**
     * The margin outside the position span beyond which a message without a position is {@link #outside}: a
     * tenth of the span, at least {@link #MIN_MARGIN_MS}.
     */
    public long margin() {
        return Math.max(MIN_MARGIN_MS, (last - first) / 10);
    }

    /**
     * The messages without a position whose times lie more than {@link #margin()} before the first or after the
     * last position report, or null when there are none, or no position report: the whole time span is then
     * that of the positions, give or take the margin.
     */
    public Outside outside() {
        if (!hasPositions()) {
            return null;
        }
        long m = margin();
        long before = 0;
        long earliestBefore = Long.MAX_VALUE;
        for (int i = 0; i < earliest.size; i++) {
            long t = earliest.heap[i];
            if (t < first - m) {
                before++;
                earliestBefore = Math.min(earliestBefore, t);
            }
        }
        long after = 0;
        long latestAfter = Long.MIN_VALUE;
        for (int i = 0; i < latest.size; i++) {
            long t = latest.heap[i];
            if (t > last + m) {
                after++;
                latestAfter = Math.max(latestAfter, t);
            }
        }
        if (before + after == 0) {
            return null;
        }
        return new Outside(before, before == 0 ? 0 : first - earliestBefore, after, after == 0 ? 0 : latestAfter - last,
                before == KEPT || after == KEPT);
    }

    /**
     * Messages without a position outside the span of the position reports ({@link #outside()}).
     *
     * @param before how many lie before the first position report
     * @param beforeMs how long before it the earliest lies, ms (0 when none does)
     * @param after how many lie after the last position report
     * @param afterMs how long after it the latest lies, ms (0 when none does)
     * @param atLeast whether there may be more than counted (one end held {@link #KEPT} of them)
     */
    public record Outside(long before, long beforeMs, long after, long afterMs, boolean atLeast) {
        /** How many lie outside, before or after. */
        public long messages() {
            return before + after;
        }
    }
}
