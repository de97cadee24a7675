package org.watchkeeper.core.detect;

import java.util.Arrays;

/**
 * The event-time timers of one hosted detector: a set of (time, key) pairs, each registered at most
 * once (registering it again does nothing, as in Flink's timer service), taken out in (time, key)
 * order. Kept as a binary min-heap over two parallel {@code long} arrays plus an open-addressing hash
 * set of the pairs that are still registered; {@link #delete} only removes a pair from the set, and
 * the heap entry left behind is skipped when it reaches the top (lazy deletion). When the heap holds
 * more than twice as many entries as there are timers it is rebuilt from the set, so memory stays
 * proportional to the registered timers. No object per timer; register, delete and poll cost
 * O(1) (set) and O(log n) (heap) without allocation.
 *
 * <p>Not thread safe.
 */
final class TimerQueue {
    private static final int MIN_CAPACITY = 16;

    // heap of (time, key), ordered by time then key; entries may be stale (no longer in the set)
    private long[] heapTime = new long[MIN_CAPACITY];
    private long[] heapKey = new long[MIN_CAPACITY];
    private int heapSize;

    // open-addressing set of registered (time, key) pairs; used[] marks occupied slots
    private long[] setTime = new long[MIN_CAPACITY];
    private long[] setKey = new long[MIN_CAPACITY];
    private boolean[] used = new boolean[MIN_CAPACITY];
    private int setSize;

    /** Number of registered timers. */
    int size() {
        return setSize;
    }

    /** Registers the timer (time, key); does nothing when it is registered already. */
    void register(long time, long key) {
        if (!setAdd(time, key)) {
            return;
        }
        push(time, key);
    }

    /** Deletes the timer (time, key); does nothing when it is not registered. */
    void delete(long time, long key) {
        if (setRemove(time, key) && heapSize > 2 * setSize + 64) {
            rebuild();
        }
    }

    /**
     * Whether the first registered timer is at or before {@code time} (drops stale heap entries on
     * the way); when true, {@link #firstTime()} and {@link #firstKey()} name it.
     */
    boolean hasFirstAtOrBefore(long time) {
        // the heap's top is the least entry, stale or not: when it is later, so is every timer
        while (heapSize > 0 && heapTime[0] <= time) {
            if (setContains(heapTime[0], heapKey[0])) {
                return true;
            }
            pop();
        }
        return false;
    }

    /**
     * No registered timer is earlier than this ({@code Long.MAX_VALUE} when none is registered): the
     * time of the heap's top, which may be a deleted timer, so a bound rather than the first timer.
     */
    long lowerBound() {
        return heapSize == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /** Time of the first timer (valid after {@link #hasFirstAtOrBefore} returned true). */
    long firstTime() {
        return heapTime[0];
    }

    /** Key of the first timer (valid after {@link #hasFirstAtOrBefore} returned true). */
    long firstKey() {
        return heapKey[0];
    }

    /** Removes the first timer (after {@link #hasFirstAtOrBefore} returned true). */
    void removeFirst() {
        setRemove(heapTime[0], heapKey[0]);
        pop();
    }

    // ---- heap

    private static boolean less(long t1, long k1, long t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    private void push(long time, long key) {
        if (heapSize == heapTime.length) {
            heapTime = Arrays.copyOf(heapTime, heapSize * 2);
            heapKey = Arrays.copyOf(heapKey, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, key, heapTime[parent], heapKey[parent])) {
                break;
            }
            heapTime[i] = heapTime[parent];
            heapKey[i] = heapKey[parent];
            i = parent;
        }
        heapTime[i] = time;
        heapKey[i] = key;
    }

    private void pop() {
        int n = --heapSize;
        if (n == 0) {
            return;
        }
        siftDown(0, heapTime[n], heapKey[n], n);
    }

    private void siftDown(int i, long time, long key, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && less(heapTime[child + 1], heapKey[child + 1], heapTime[child], heapKey[child])) {
                child++;
            }
            if (!less(heapTime[child], heapKey[child], time, key)) {
                break;
            }
            heapTime[i] = heapTime[child];
            heapKey[i] = heapKey[child];
            i = child;
        }
        heapTime[i] = time;
        heapKey[i] = key;
    }

    /** Rebuilds the heap from the registered timers only (drops every stale entry). */
    private void rebuild() {
        int cap = MIN_CAPACITY;
        while (cap < setSize * 2) {
            cap <<= 1;
        }
        long[] t = new long[cap];
        long[] k = new long[cap];
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                t[n] = setTime[i];
                k[n] = setKey[i];
                n++;
            }
        }
        heapTime = t;
        heapKey = k;
        heapSize = n;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, t[i], k[i], n);
        }
    }

    // ---- set

    private static int slot(long time, long key, int mask) {
        long h = time * 0x9E3779B97F4A7C15L ^ key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    private boolean setContains(long time, long key) {
        int m = used.length - 1;
        for (int i = slot(time, key, m); used[i]; i = (i + 1) & m) {
            if (setTime[i] == time && setKey[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** @return false when present already */
    private boolean setAdd(long time, long key) {
        int m = used.length - 1;
        int i = slot(time, key, m);
        for (; used[i]; i = (i + 1) & m) {
            if (setTime[i] == time && setKey[i] == key) {
                return false;
            }
        }
        used[i] = true;
        setTime[i] = time;
        setKey[i] = key;
        if (++setSize * 2 > used.length) {
            growSet();
        }
        return true;
    }

    /** @return false when absent */
    private boolean setRemove(long time, long key) {
        int m = used.length - 1;
        int i = slot(time, key, m);
        for (; used[i]; i = (i + 1) & m) {
            if (setTime[i] == time && setKey[i] == key) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    /** Backward-shift deletion (no tombstones). */
    private void removeAt(int hole) {
        int m = used.length - 1;
        setSize--;
        int i = hole;
        while (true) {
            i = (i + 1) & m;
            if (!used[i]) {
                break;
            }
            int home = slot(setTime[i], setKey[i], m);
            if (hole <= i ? (home <= hole || home > i) : (home <= hole && home > i)) {
                setTime[hole] = setTime[i];
                setKey[hole] = setKey[i];
                hole = i;
            }
        }
        used[hole] = false;
    }

    private void growSet() {
        long[] ot = setTime;
        long[] ok = setKey;
        boolean[] ou = used;
        int cap = ou.length * 2;
        setTime = new long[cap];
        setKey = new long[cap];
        used = new boolean[cap];
        int m = cap - 1;
        for (int j = 0; j < ou.length; j++) {
            if (ou[j]) {
                int i = slot(ot[j], ok[j], m);
                while (used[i]) {
                    i = (i + 1) & m;
                }
                used[i] = true;
                setTime[i] = ot[j];
                setKey[i] = ok[j];
            }
        }
    }
}
