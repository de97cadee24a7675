package org.watchkeeper.core.detect.space;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * A bounded record of the fixes behind an episode: the first {@code head} fixes and the last
 * {@code tail} ones (a ring), so an analyst sees how it began and how it ended; memory is bounded
 * however long the episode runs. Deterministic: depends only on the order of {@link #add} calls.
 */
public final class Evidence implements Serializable {
    private static final long serialVersionUID = 2L;
    private final int head;
    private final int tailSize;
    private Fix[] tail;
    private final List<Fix> first = new ArrayList<>(4);
    private int tailCount;
    /** Where the next tail fix goes, {@code tailCount % tailSize} kept without a division per fix. */
    private int tailNext;
    private long total;

    /** @param head fixes kept from the start (≥ 0) @param tail fixes kept from the end (≥ 1) */
    public Evidence(int head, int tail) {
        if (head < 0 || tail < 1) {
            throw new IllegalArgumentException("head must be >= 0 and tail >= 1");
        }
        this.head = head;
        this.tailSize = tail;
    }

    /** Records one fix. */
    public void add(Fix f) {
        // The first `head` fixes go to the head list (checked by the count: no look at the list).
        if (total++ < head) {
            first.add(f);
            return;
        }
        if (tail == null) {
            tail = new Fix[tailSize]; // allocated once the head is full: most records stay short
        }
        tail[tailNext] = f;
        if (++tailNext == tailSize) {
            tailNext = 0;
        }
        tailCount++;
    }

    /** Appends all fixes of another record (in its order). */
    public void addAll(Evidence other) {
        for (Fix f : other.fixes()) {
            add(f);
        }
    }

    /** Number of fixes ever added. */
    public long total() {
        return total;
    }

    /** The kept fixes in the order they were added. */
    public List<Fix> fixes() {
        List<Fix> out = new ArrayList<>(first);
        if (tail == null) {
            return out;
        }
        int n = Math.min(tailCount, tail.length);
        for (int i = tailCount - n; i < tailCount; i++) {
            out.add(tail[i % tail.length]);
        }
        return out;
    }

    /** The kept fixes as observations in time order (ties by MMSI), for {@code Event.evidence}. */
    public List<PositionObservation> observations() {
        return fixes().stream().sorted(Comparator.comparingLong(Fix::time).thenComparingInt(Fix::mmsi))
                .map(Fix::toObservation).toList();
    }
}
