package org.watchkeeper.core.detect;

import java.util.Arrays;

/**
 * The event-time timers of one hosted detector: a set of (time, key) pairs, each registered at most
 * once (registering it again does nothing, as in Flink's timer service), taken out in (time, key)
 * order. Kept as an indexed binary min-heap over parallel primitive arrays plus an open-addressing
 * hash set of the pairs; each set slot knows its entry's heap position and each heap entry its set
 * slot, so {@link #delete} takes the entry out of the heap at once (no deleted entries left behind,
 * the heap's top is always the first timer). No object per timer; register, delete and removal of
 * the first cost one hash probe and O(log n) heap moves without allocation (arrays grow by doubling).
 *
 * <p>Not thread safe.
 */
final class TimerQueue {
    private static final int MIN_CAPACITY = 16;

    // heap of (time, key), ordered by time then key; heapSlot[i] is the entry's slot in the set
    private long[] heapTime = new long[MIN_CAPACITY];
    private long[] heapKey = new long[MIN_CAPACITY];
    private int[] heapSlot = new int[MIN_CAPACITY];
    private int heapSize;

    // open-addressing set of registered (time, key) pairs; used[] marks occupied slots, setPos[] the heap index
    private long[] setTime = new long[MIN_CAPACITY];
    private long[] setKey = new long[MIN_CAPACITY];
    private int[] setPos = new int[MIN_CAPACITY];
    private boolean[] used = new boolean[MIN_CAPACITY];
    private int setSize;

    /** Number of registered timers. */
    int size() {
        return setSize;
    }

    /** Registers the timer (time, key); does nothing when it is registered already. */
    void register(long time, long key) {
        int m = used.length - 1;
        int i = slot(time, key, m);
        for (; used[i]; i = (i + 1) & m) {
            if (setTime[i] == time && setKey[i] == key) {
                return;
            }
        }
        used[i] = true;
        setTime[i] = time;
        setKey[i] = key;
        setSize++;
        if (heapSize == heapTime.length) {
            heapTime = Arrays.copyOf(heapTime, heapSize * 2);
            heapKey = Arrays.copyOf(heapKey, heapSize * 2);
            heapSlot = Arrays.copyOf(heapSlot, heapSize * 2);
        }
        siftUp(heapSize++, time, key, i);
        if (setSize * 2 > used.length) {
            growSet();
        }
    }

    /** Deletes the timer (time, key); does nothing when it is not registered. */
    void delete(long time, long key) {
        int m = used.length - 1;
        for (int i = slot(time, key, m); used[i]; i = (i + 1) & m) {
            if (setTime[i] == time && setKey[i] == key) {
                removeHeapAt(setPos[i]);
                removeSlot(i);
                return;
            }
        }
    }

    /** Whether the first registered timer is at or before {@code time}; when true, {@link #firstTime()} and {@link #firstKey()} name it. */
    boolean hasFirstAtOrBefore(long time) {
        return heapSize > 0 && heapTime[0] <= time;
    }

    /** Time of the first timer ({@code Long.MAX_VALUE} when none is registered). */
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
        int s = heapSlot[0];
        removeHeapAt(0);
        removeSlot(s);
    }

    // ---- heap

    private static boolean less(long t1, long k1, long t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    private void place(int i, long time, long key, int s) {
        heapTime[i] = time;
        heapKey[i] = key;
        heapSlot[i] = s;
        setPos[s] = i;
    }

    private void siftUp(int i, long time, long key, int s) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, key, heapTime[parent], heapKey[parent])) {
                break;
            }
            place(i, heapTime[parent], heapKey[parent], heapSlot[parent]);
            i = parent;
        }
        place(i, time, key, s);
    }

    private void siftDown(int i, long time, long key, int s) {
        int n = heapSize;
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
            place(i, heapTime[child], heapKey[child], heapSlot[child]);
            i = child;
        }
        place(i, time, key, s);
    }

    /** Takes the entry at heap index {@code i} out, the last entry filling its place. */
    private void removeHeapAt(int i) {
        int n = --heapSize;
        if (i == n) {
            return;
        }
        long t = heapTime[n];
        long k = heapKey[n];
        int s = heapSlot[n];
        if (i > 0 && less(t, k, heapTime[(i - 1) >>> 1], heapKey[(i - 1) >>> 1])) {
            siftUp(i, t, k, s);
        } else {
            siftDown(i, t, k, s);
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

    /** Backward-shift deletion of set slot {@code hole} (no tombstones); moved entries keep their heap link. */
    private void removeSlot(int hole) {
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
                setPos[hole] = setPos[i];
                heapSlot[setPos[i]] = hole;
                hole = i;
            }
        }
        used[hole] = false;
    }

    private void growSet() {
        long[] ot = setTime;
        long[] ok = setKey;
        int[] op = setPos;
        boolean[] ou = used;
        int cap = ou.length * 2;
        setTime = new long[cap];
        setKey = new long[cap];
        setPos = new int[cap];
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
                setPos[i] = op[j];
                heapSlot[op[j]] = i;
            }
        }
    }
}
