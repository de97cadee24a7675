package org.watchkeeper.core.detect;

import java.util.Arrays;
import org.watchkeeper.core.util.OpenAddressing;

/**
 * The event-time timers of one hosted detector: a set of (time, key) pairs, each registered at most
 * once (registering it again does nothing, as in Flink's timer service), taken out in (time, key)
 * order. Kept as a binary min-heap of (time, key) pairs in one primitive array (a pair's two longs
 * side by side) plus an open-addressing hash set of the registered pairs (again side by side in one
 * array). No object per timer; no allocation except when an array grows by doubling.
 *
 * <p>Deletion is lazy: {@link #delete} takes the pair out of the set only, and a heap entry whose
 * pair is no longer in the set is dropped when it reaches the top. Deleted entries never make up more
 * than about half the heap (past that the heap is rebuilt from the set). A timer taken out by
 * {@link #removeFirst()} stays at the heap's top, known to be dead, until the next call: a register
 * made meanwhile (the usual case: a fired timer's detector sets its next one, for a later time)
 * replaces it there and sinks, one sift instead of a removal and an insertion. While no deleted entry
 * is left (the heap and the set hold as many pairs) the top is known to be registered without a look
 * into the set. Neither changes what
 * is taken out or in which order: the first live pair in (time, key) order.
 *
 * <p>Not thread safe.
 */
final class TimerQueue {
    private static final int MIN_CAPACITY = 16;
    /** State of the heap's top entry: not checked against the set. */
    private static final int TOP_UNKNOWN = 0;
    /** The top entry is registered. */
    private static final int TOP_LIVE = 1;
    /** The top entry was just taken out by {@link #removeFirst()} (it is dead). */
    private static final int TOP_TAKEN = 2;

    // heap of (time, key) at [2i], [2i + 1], ordered by time then key; may hold deleted pairs
    private long[] heap = new long[2 * MIN_CAPACITY];
    private int heapSize;
    private int top = TOP_UNKNOWN;

    // open-addressing set of registered pairs: slot i is [3i] time, [3i + 1] key, [3i + 2] 1 when used
    private long[] set = new long[3 * MIN_CAPACITY];
    private int setCapacity = MIN_CAPACITY;
    private int setSize;

    /** Number of registered timers. */
    int size() {
        return setSize;
    }

    /** Registers the timer (time, key); does nothing when it is registered already. */
    void register(long time, long key) {
        int m = setCapacity - 1;
        long[] st = set;
        int i = slot(time, key, m);
        for (; st[3 * i + 2] != 0; i = (i + 1) & m) {
            if (st[3 * i] == time && st[3 * i + 1] == key) {
                return;
            }
        }
        st[3 * i] = time;
        st[3 * i + 1] = key;
        st[3 * i + 2] = 1;
        if (++setSize * 2 > setCapacity) {
            growSet();
        }
        if (top == TOP_TAKEN) {
            // the dead top makes room: the new pair takes its place and sinks
            top = siftDown(0, time, key) == 0 ? TOP_LIVE : TOP_UNKNOWN;
            return;
        }
        if (2 * heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        if (siftUp(heapSize++, time, key) == 0) {
            top = TOP_LIVE;
        }
    }

    /** Deletes the timer (time, key); does nothing when it is not registered. */
    void delete(long time, long key) {
        int m = setCapacity - 1;
        long[] st = set;
        for (int i = slot(time, key, m); st[3 * i + 2] != 0; i = (i + 1) & m) {
            if (st[3 * i] == time && st[3 * i + 1] == key) {
                removeSlot(i);
                if (top == TOP_LIVE) {
                    top = TOP_UNKNOWN;
                }
                if (heapSize > 2 * setSize + MIN_CAPACITY) {
                    rebuildHeap();
                }
                return;
            }
        }
    }

    /** Whether the first registered timer is at or before {@code time}; when true, {@link #firstTime()} and {@link #firstKey()} name it. */
    boolean hasFirstAtOrBefore(long time) {
        while (heapSize > 0 && heap[0] <= time) {
            if (liveTop()) {
                return true;
            }
        }
        return false;
    }

    /** Time of the first timer ({@code Long.MAX_VALUE} when none is registered). */
    long lowerBound() {
        while (heapSize > 0) {
            if (liveTop()) {
                return heap[0];
            }
        }
        return Long.MAX_VALUE;
    }

    /** Time of the first timer (valid after {@link #hasFirstAtOrBefore} returned true). */
    long firstTime() {
        return heap[0];
    }

    /** Key of the first timer (valid after {@link #hasFirstAtOrBefore} returned true). */
    long firstKey() {
        return heap[1];
    }

    /** Removes the first timer (after {@link #hasFirstAtOrBefore} returned true). */
    void removeFirst() {
        long time = heap[0];
        long key = heap[1];
        int m = setCapacity - 1;
        long[] st = set;
        for (int i = slot(time, key, m); st[3 * i + 2] != 0; i = (i + 1) & m) {
            if (st[3 * i] == time && st[3 * i + 1] == key) {
                removeSlot(i);
                break;
            }
        }
        top = TOP_TAKEN;
    }

    /**
     * Whether the heap's (non-empty) top is registered; when it is not, takes it out and returns
     * false (the caller looks at the new top).
     */
    private boolean liveTop() {
        // every heap entry is registered when the heap holds no more entries than the set (the usual
        // case: deletions are rare), so the set is probed only while deleted entries are left
        if (top == TOP_LIVE || (top == TOP_UNKNOWN && (heapSize == setSize || contains(heap[0], heap[1])))) {
            top = TOP_LIVE;
            return true;
        }
        popHeap();
        return false;
    }

    // ---- heap

    private static boolean less(long t1, long k1, long t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    /** Takes the top entry out of the heap. */
    private void popHeap() {
        top = TOP_UNKNOWN;
        int n = --heapSize;
        if (n > 0) {
            siftDown(0, heap[2 * n], heap[2 * n + 1]);
        }
    }

    /** Puts (time, key) at index {@code i} or above; returns where it went. */
    private int siftUp(int i, long time, long key) {
        long[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, key, h[2 * parent], h[2 * parent + 1])) {
                break;
            }
            h[2 * i] = h[2 * parent];
            h[2 * i + 1] = h[2 * parent + 1];
            i = parent;
        }
        h[2 * i] = time;
        h[2 * i + 1] = key;
        return i;
    }

    /** Puts (time, key) at index {@code i} or below (within {@link #heapSize}); returns where it went. */
    private int siftDown(int i, long time, long key) {
        long[] h = heap;
        int n = heapSize;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && less(h[2 * child + 2], h[2 * child + 3], h[2 * child], h[2 * child + 1])) {
                child++;
            }
            if (!less(h[2 * child], h[2 * child + 1], time, key)) {
                break;
            }
            h[2 * i] = h[2 * child];
            h[2 * i + 1] = h[2 * child + 1];
            i = child;
        }
        h[2 * i] = time;
        h[2 * i + 1] = key;
        return i;
    }

    /** Makes the heap hold exactly the registered pairs (drops the deleted ones). */
    private void rebuildHeap() {
        int n = 0;
        long[] st = set;
        for (int i = 0; i < setCapacity; i++) {
            if (st[3 * i + 2] != 0) {
                heap[2 * n] = st[3 * i];
                heap[2 * n + 1] = st[3 * i + 1];
                n++;
            }
        }
        heapSize = n;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i, heap[2 * i], heap[2 * i + 1]);
        }
        top = n > 0 ? TOP_LIVE : TOP_UNKNOWN;
    }

    // ---- set

    private static int slot(long time, long key, int mask) {
        return OpenAddressing.slot(time * 0x9E3779B97F4A7C15L ^ key, mask);
    }

    private boolean contains(long time, long key) {
        int m = setCapacity - 1;
        long[] st = set;
        for (int i = slot(time, key, m); st[3 * i + 2] != 0; i = (i + 1) & m) {
            if (st[3 * i] == time && st[3 * i + 1] == key) {
                return true;
            }
        }
        return false;
    }

    /** Backward-shift deletion of set slot {@code hole} (no tombstones). */
    private void removeSlot(int hole) {
        int m = setCapacity - 1;
        long[] st = set;
        setSize--;
        int i = hole;
        while (true) {
            i = (i + 1) & m;
            if (st[3 * i + 2] == 0) {
                break;
            }
            int home = slot(st[3 * i], st[3 * i + 1], m);
            if (OpenAddressing.shiftsBack(home, hole, i)) {
                st[3 * hole] = st[3 * i];
                st[3 * hole + 1] = st[3 * i + 1];
                st[3 * hole + 2] = 1;
                hole = i;
            }
        }
        st[3 * hole + 2] = 0;
    }

    private void growSet() {
        long[] old = set;
        int oldCapacity = setCapacity;
        setCapacity = oldCapacity * 2;
        set = new long[3 * setCapacity];
        int m = setCapacity - 1;
        for (int j = 0; j < oldCapacity; j++) {
            if (old[3 * j + 2] != 0) {
                int i = slot(old[3 * j], old[3 * j + 1], m);
                while (set[3 * i + 2] != 0) {
                    i = (i + 1) & m;
                }
                set[3 * i] = old[3 * j];
                set[3 * i + 1] = old[3 * j + 1];
                set[3 * i + 2] = 1;
            }
        }
    }
}
