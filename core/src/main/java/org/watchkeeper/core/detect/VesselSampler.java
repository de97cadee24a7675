package org.watchkeeper.core.detect;

import org.watchkeeper.core.util.OpenAddressing;

/**
 * Decides {@link Detector#sampleIntervalMillis()} for a host: whether a position fix is its vessel's
 * first in its interval of event time {@code [k × L, (k + 1) × L)} (L the interval, epoch-aligned).
 *
 * <p>Per vessel it remembers the interval of the last fix it passed, in an open-addressing table of
 * (MMSI, interval) pairs. An entry is needed only while later fixes can still fall into its interval,
 * i.e. until the watermark reaches the interval's end (a vessel's fixes arrive in non-decreasing time,
 * and fixes at or before the watermark are late and never reach a detector); before the table grows,
 * such entries are dropped, so it holds about the vessels seen in the last interval, not every vessel
 * ever seen. Dropping an entry never changes a decision.
 *
 * <p>Used by {@link DetectionEngine}; public for other hosts of the same detectors. Not thread safe.
 */
public final class VesselSampler {
    private static final long EMPTY = Long.MIN_VALUE;
    private final long interval;
    /** Entry i: MMSI at {@code 2i} ({@link #EMPTY} when free), interval index at {@code 2i + 1}. */
    private long[] table = empty(64);
    private int size;

    /**
     * @param intervalMillis the interval, ms
     * @throws IllegalArgumentException if {@code intervalMillis <= 0}
     */
    public VesselSampler(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("sample interval must be > 0 ms: " + intervalMillis);
        }
        this.interval = intervalMillis;
    }

    private static long[] empty(int entries) {
        long[] t = new long[2 * entries];
        for (int i = 0; i < t.length; i += 2) {
            t[i] = EMPTY;
        }
        return t;
    }

    /**
     * Whether the fix of {@code mmsi} at {@code time} is the vessel's first in its interval (and, if so,
     * remembers it).
     *
     * @param watermark the host's watermark ({@code Long.MIN_VALUE} before any input): entries whose
     *        interval ends at or before {@code watermark + 1} may be dropped
     */
    public boolean first(long mmsi, long time, long watermark) {
        long k = Math.floorDiv(time, interval);
        long[] t = table;
        int mask = (t.length >> 1) - 1;
        int i = OpenAddressing.slot(mmsi, mask);
        while (true) {
            long key = t[2 * i];
            if (key == mmsi) {
                if (t[2 * i + 1] == k) {
                    return false;
                }
                t[2 * i + 1] = k;
                return true;
            }
            if (key == EMPTY) {
                break;
            }
            i = (i + 1) & mask;
        }
        if ((size + 1) * 2 > (t.length >> 1)) {
            rebuild(watermark);
            t = table;
            mask = (t.length >> 1) - 1;
            i = OpenAddressing.slot(mmsi, mask);
            while (t[2 * i] != EMPTY) {
                i = (i + 1) & mask;
            }
        }
        t[2 * i] = mmsi;
        t[2 * i + 1] = k;
        size++;
        return true;
    }

    /** Drops the entries no later fix can hit, then doubles the table if it is still over a quarter full. */
    private void rebuild(long watermark) {
        // Interval k ends at (k + 1) × L - 1; once the watermark is there, every later fix lies beyond.
        long firstLive = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(watermark + 1, interval);
        long[] old = table;
        int live = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY && old[i + 1] >= firstLive) {
                live++;
            }
        }
        int entries = old.length >> 1;
        if ((live + 1) * 4 > entries) {
            entries *= 2;
        }
        long[] t = empty(entries);
        int mask = entries - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY && old[i + 1] >= firstLive) {
                int j = OpenAddressing.slot(old[i], mask);
                while (t[2 * j] != EMPTY) {
                    j = (j + 1) & mask;
                }
                t[2 * j] = old[i];
                t[2 * j + 1] = old[i + 1];
            }
        }
        table = t;
        size = live;
    }

    /** Vessels remembered (for tests and monitoring). */
    public int size() {
        return size;
    }
}
