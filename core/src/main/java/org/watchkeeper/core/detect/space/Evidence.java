package org.watchkeeper.core.detect.space;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * A bounded record of the fixes behind an episode: the first {@code head} fixes and the last
 * {@code tail} ones (a ring), so an analyst sees how it began and how it ended; memory is bounded
 * however long the episode runs. Deterministic: depends only on the order of {@link #add} calls.
 *
 * <p>A fix may be recorded as a {@link Fix} or as the {@link PositionObservation} itself (both are
 * serializable): the latter costs no copy per fix, and both read back the same.
 */
public final class Evidence implements Serializable {
    /** Version 3 keeps fixes or observations as given (version 2 kept {@link Fix} values only). */
    private static final long serialVersionUID = 3L;
    private static final Serializable[] EMPTY = new Serializable[0];
    private final int head;
    private final int tailSize;
    /** The first {@code head} entries ({@link Fix} or {@link PositionObservation}), allocated at the first. */
    private Serializable[] first = EMPTY;
    /** The last {@code tailSize} entries, a ring; null until the head is full. */
    private Serializable[] tail;
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
        put(f);
    }

    /** Records one fix as the observation itself (no copy is made; the record is immutable). */
    public void add(PositionObservation o) {
        put(o);
    }

    private void put(Serializable f) {
        // The first `head` fixes go to the head array (checked by the count: no look at the array).
        long i = total++;
        if (i < head) {
            if (i == 0) {
                first = new Serializable[head];
            }
            first[(int) i] = f;
            return;
        }
        if (tail == null) {
            tail = new Serializable[tailSize]; // allocated once the head is full: most records stay short
        }
        tail[tailNext] = f;
        if (++tailNext == tailSize) {
            tailNext = 0;
        }
        tailCount++;
    }

    /** Appends all fixes of another record (in its order). */
    public void addAll(Evidence other) {
        for (Serializable f : other.entries()) {
            put(f);
        }
    }

    /** Number of fixes ever added. */
    public long total() {
        return total;
    }

    /** The kept entries in the order they were added. */
    private List<Serializable> entries() {
        int h = (int) Math.min(total, head);
        List<Serializable> out = new ArrayList<>(Arrays.asList(first).subList(0, h));
        if (tail == null) {
            return out;
        }
        int n = Math.min(tailCount, tail.length);
        for (int i = tailCount - n; i < tailCount; i++) {
            out.add(tail[i % tail.length]);
        }
        return out;
    }

    /** The kept fixes in the order they were added. */
    public List<Fix> fixes() {
        return entries().stream().map(e -> e instanceof Fix f ? f : Fix.of((PositionObservation) e)).toList();
    }

    /** The kept fixes as observations in time order (ties by MMSI), for {@code Event.evidence}. */
    public List<PositionObservation> observations() {
        return entries().stream()
                .map(e -> e instanceof PositionObservation o ? o : ((Fix) e).toObservation())
                .sorted(Comparator.comparingLong(PositionObservation::time).thenComparingInt(PositionObservation::mmsi))
                .toList();
    }
}
