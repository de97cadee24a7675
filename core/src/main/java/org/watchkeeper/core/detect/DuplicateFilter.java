package org.watchkeeper.core.detect;

import java.util.Objects;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.util.LongHashMap;

/**
 * Passes on every observation but duplicate receptions ({@link DuplicateReceptions}), for a host
 * that feeds the detectors on one machine ({@code analyze}, {@code serve}): put it after the
 * event-time order and before the detection engine, so that the copy kept does not depend on how the
 * stations' lines arrived. Identity observations always pass.
 *
 * <p>Memory: one {@link DuplicateReceptions} per vessel seen within the window (within
 * {@link DuplicateReceptions#REPORTS_KEPT_MILLIS} for a vessel seen moving, whose reports a stale
 * repeat may copy); whenever the table has doubled since the last sweep, vessels whose newest
 * position is older than the newest time seen minus that time are dropped. Not thread safe.
 */
public final class DuplicateFilter implements Consumer<Observation> {
    private final Consumer<? super Observation> sink;
    private final long windowMillis;
    private final LongHashMap<DuplicateReceptions> vessels = new LongHashMap<>(1024);
    private int sweepAt = 1024;
    private long newest = Long.MIN_VALUE;
    private long duplicates;

    /**
     * @param sink receives every observation that is not a duplicate reception, in order
     * @param windowMillis how far apart (ms) two copies of one report may be stamped, at least 0
     * @throws IllegalArgumentException for a negative window
     */
    public DuplicateFilter(Consumer<? super Observation> sink, long windowMillis) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window must be >= 0 ms: " + windowMillis);
        }
        this.sink = Objects.requireNonNull(sink);
        this.windowMillis = windowMillis;
    }

    /** A filter with {@link DuplicateReceptions#DEFAULT_WINDOW_MILLIS}. */
    public DuplicateFilter(Consumer<? super Observation> sink) {
        this(sink, DuplicateReceptions.DEFAULT_WINDOW_MILLIS);
    }

    @Override
    public void accept(Observation o) {
        if (o instanceof PositionObservation p) {
            long t = p.time();
            if (t > newest) {
                newest = t;
            }
            DuplicateReceptions v = vessels.get(p.mmsi());
            if (v == null) {
                if (vessels.size() >= sweepAt) {
                    sweep();
                }
                v = new DuplicateReceptions();
                vessels.put(p.mmsi(), v);
            }
            if (v.repeats(p, windowMillis)) {
                duplicates++;
                return;
            }
        }
        sink.accept(o);
    }

    private void sweep() {
        vessels.removeIf((k, v) -> v.forgettable(newest, windowMillis));
        sweepAt = Math.max(1024, 2 * vessels.size());
    }

    /** Duplicate receptions left out so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Vessels remembered (for tests and monitoring). */
    public int vessels() {
        return vessels.size();
    }
}
