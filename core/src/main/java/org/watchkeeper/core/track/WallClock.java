package org.watchkeeper.core.track;

/**
 * The wall clock as a tracker's future bound needs it ({@link TrackerConfig#maxFutureMillis()}: a fix
 * more than that ahead of the clock is rejected): read again only for a fix beyond the bound of the
 * last reading. The wall clock only advances, so an older reading that already admits a fix gives
 * the answer a new one would; replayed history reads it once instead of once per fix (a
 * {@code clock_gettime} per fix was a tenth of the tracker's time). Not thread safe: one per
 * tracker or per parallel task.
 */
public final class WallClock {
    private final long maxFutureMillis;
    private long last = Long.MIN_VALUE;

    /** @param maxFutureMillis the tracker's future bound, ms */
    public WallClock(long maxFutureMillis) {
        this.maxFutureMillis = maxFutureMillis;
    }

    /** The clock to judge a fix at {@code time} against, epoch ms. */
    public long nowFor(long time) {
        long now = last;
        if (now == Long.MIN_VALUE || time > now + maxFutureMillis) {
            now = last = System.currentTimeMillis();
        }
        return now;
    }
}
