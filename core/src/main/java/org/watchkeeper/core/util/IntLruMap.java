package org.watchkeeper.core.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A map from {@code int} keys (MMSIs) to non-null values, bounded, that drops the least recently
 * used entry first: the same behaviour as a {@code LinkedHashMap<Integer, V>} with
 * {@code accessOrder = true} and a {@code removeEldestEntry} that drops the eldest entry beyond
 * {@code maxSize}, without boxing the key. Iteration ({@link #values()}, {@link #forEach}) runs
 * from the least to the most recently used entry.
 *
 * <p>Every {@link #get}, {@link #computeIfAbsent} and {@link #put} counts as a use; {@link #peek}
 * does not. When an insertion would make the map hold more than {@code maxSize} entries, the least
 * recently used one is first handed to the eviction listener (while still held, so a {@link #get}
 * or {@link #peek} inside the listener finds it; the listener must not insert or remove) and then
 * removed.
 *
 * <p>Layout, chosen so that a look-up touches one cache line of one primitive array: linear probing
 * over a power-of-two {@code long[]} whose slots hold the key in the low 32 bits and a use stamp
 * (1 .. 2<sup>31</sup>−1, from a counter bumped on every use) in the high 32 bits, 0 marking an
 * empty slot, with the values in a parallel array. A use rewrites the stamp in place instead of
 * relinking a list. Keys are hashed with MurmurHash3's 32-bit finaliser (MMSIs of one fleet or
 * country differ in low digits only, which an identity hash would cluster); the table is at most
 * half full; removal shifts the rest of the probe run back (no tombstones). The eviction order is
 * found in batches: a sort of the stamps yields the ⌈{@code maxSize}/8⌉ least recently used
 * entries, and each eviction takes the oldest of them whose stamp has not changed since (one used
 * in between is no longer a candidate; every entry outside the batch, and every one used since, has
 * a newer stamp, so the oldest unchanged candidate is the least recently used entry), an amortised
 * O(1) per eviction. When the counter reaches its limit the stamps are renumbered 1..{@code size}
 * in the same order. Iteration sorts the stamps: O(n log n). Not thread safe.
 *
 * @param <V> value type
 */
public final class IntLruMap<V> {
    /** Receives each entry dropped for the size bound. */
    @FunctionalInterface
    public interface Evicted<V> {
        /** The entry {@code key → value} is being dropped (it is still held during the call). */
        void evicted(int key, V value);
    }

    private static final long KEY_BITS = 0xffff_ffffL;

    private int maxSize;
    private final int stampLimit;
    private final Evicted<? super V> onEvicted;
    /** Per slot: {@code stamp << 32 | key}, or 0 when empty. */
    private long[] slots;
    private Object[] values;
    private int mask;
    private int size;
    /** The stamp of the latest use. */
    private int clock;
    /** Eviction candidates, slot words at selection time, oldest first; {@code [next, count)} still to try. */
    private long[] candidates = new long[0];
    private int nextCandidate;
    private int candidateCount;

    /**
     * @param maxSize most entries held (≥ 1)
     * @param onEvicted receives each entry dropped for the bound (null: none)
     * @throws IllegalArgumentException when {@code maxSize < 1}
     */
    public IntLruMap(int maxSize, Evicted<? super V> onEvicted) {
        this(maxSize, onEvicted, Integer.MAX_VALUE);
    }

    /** With a lower stamp limit, so that renumbering can be exercised. */
    IntLruMap(int maxSize, Evicted<? super V> onEvicted, int stampLimit) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1");
        }
        if (stampLimit < 2) {
            throw new IllegalArgumentException("stampLimit must be >= 2");
        }
        this.maxSize = maxSize;
        this.onEvicted = onEvicted;
        this.stampLimit = stampLimit;
        allocate(1024);
    }

    private void allocate(int capacity) {
        slots = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    /** MurmurHash3's fmix32. */
    private static int hash(int k) {
        k ^= k >>> 16;
        k *= 0x85ebca6b;
        k ^= k >>> 13;
        k *= 0xc2b2ae35;
        k ^= k >>> 16;
        return k;
    }

    /** The slot holding {@code key}, or {@code -1 - s} where {@code s} is the empty slot where it would go. */
    private int slot(int key) {
        long[] t = slots;
        int m = mask;
        for (int i = hash(key) & m; ; i = (i + 1) & m) {
            long w = t[i];
            if (w == 0) {
                return -1 - i;
            }
            if ((int) w == key) {
                return i;
            }
        }
    }

    private int nextStamp() {
        if (clock >= stampLimit) {
            renumber();
        }
        return ++clock;
    }

    private static long word(int stamp, int key) {
        return (long) stamp << 32 | (key & KEY_BITS);
    }

    /** Marks slot {@code i} (holding {@code key}) as the most recently used. */
    private void touch(int i, int key) {
        slots[i] = word(nextStamp(), key);
    }

    @SuppressWarnings("unchecked")
    private V valueAt(int i) {
        return (V) values[i];
    }

    /** The value of {@code key} (counted as a use), or null. */
    public V get(int key) {
        int i = slot(key);
        if (i < 0) {
            return null;
        }
        touch(i, key);
        return valueAt(i);
    }

    /** The value of {@code key} without counting a use, or null. */
    public V peek(int key) {
        int i = slot(key);
        return i < 0 ? null : valueAt(i);
    }

    /**
     * The value of {@code key}, counted as a use; when absent, {@code create.apply(key)} (not null)
     * is stored as the most recently used entry (the least recently used one dropped first if the
     * map is full).
     *
     * @throws NullPointerException when {@code create} returns null
     */
    public V computeIfAbsent(int key, IntFunction<? extends V> create) {
        int i = slot(key);
        if (i >= 0) {
            touch(i, key);
            return valueAt(i);
        }
        V v = create.apply(key);
        if (v == null) {
            throw new NullPointerException("computeIfAbsent: null value for key " + key);
        }
        insert(-1 - i, key, v);
        return v;
    }

    /**
     * Stores {@code value} for {@code key} as the most recently used entry (the least recently used
     * one dropped first if the map is full and {@code key} is new).
     *
     * @return the previous value, or null
     * @throws NullPointerException when {@code value} is null
     */
    public V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("null value for key " + key);
        }
        int i = slot(key);
        if (i >= 0) {
            V old = valueAt(i);
            values[i] = value;
            touch(i, key);
            return old;
        }
        insert(-1 - i, key, value);
        return null;
    }

    private void insert(int free, int key, V value) {
        if (size >= maxSize) {
            evictEldest();
            free = -1 - slot(key);
        }
        slots[free] = word(nextStamp(), key);
        values[free] = value;
        size++;
        if (size * 2 > slots.length) {
            grow();
        }
    }

    /** The slot of the least recently used entry (the map is not empty). */
    private int leastRecentlyUsed() {
        while (true) {
            if (nextCandidate == candidateCount) {
                selectCandidates();
            }
            long c = candidates[nextCandidate++];
            int i = slot((int) c);
            if (i >= 0 && slots[i] == c) {
                return i;
            }
        }
    }

    /** The slot words of every entry, oldest first (the stamp is the sort key: words are positive). */
    private long[] wordsByAge() {
        long[] words = new long[size];
        int n = 0;
        for (long w : slots) {
            if (w != 0) {
                words[n++] = w;
            }
        }
        Arrays.sort(words);
        return words;
    }

    private void selectCandidates() {
        long[] words = wordsByAge();
        int batch = Math.max(1, Math.min(words.length, (maxSize + 7) / 8));
        candidates = batch == words.length ? words : Arrays.copyOf(words, batch);
        nextCandidate = 0;
        candidateCount = batch;
    }

    /** Gives the entries stamps 1..size in their current order (the counter reached its limit). */
    private void renumber() {
        long[] words = wordsByAge();
        for (int n = 0; n < words.length; n++) {
            int key = (int) words[n];
            slots[slot(key)] = word(n + 1, key);
        }
        clock = words.length;
        nextCandidate = 0;
        candidateCount = 0;
    }

    private void grow() {
        long[] oldSlots = slots;
        Object[] oldValues = values;
        allocate(oldSlots.length * 2);
        for (int j = 0; j < oldSlots.length; j++) {
            long w = oldSlots[j];
            if (w != 0) {
                int i = hash((int) w) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = w;
                values[i] = oldValues[j];
            }
        }
    }

    /**
     * Removes {@code key}.
     *
     * @return its value, or null when absent
     */
    public V remove(int key) {
        int i = slot(key);
        if (i < 0) {
            return null;
        }
        V v = valueAt(i);
        removeAt(i);
        return v;
    }

    /** Empties slot {@code hole}, shifting the rest of its probe run back. */
    private void removeAt(int hole) {
        long[] t = slots;
        Object[] vs = values;
        int m = mask;
        for (int j = (hole + 1) & m; t[j] != 0; j = (j + 1) & m) {
            int home = hash((int) t[j]) & m;
            if (OpenAddressing.shiftsBack(home, hole, j)) {
                t[hole] = t[j];
                vs[hole] = vs[j];
                hole = j;
            }
        }
        t[hole] = 0;
        vs[hole] = null;
        size--;
    }

    /** The bound: most entries held. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Lowers or raises the bound; when the map holds more than {@code maxSize} entries, the least
     * recently used are dropped (each handed to the eviction listener) until it does not.
     *
     * @throws IllegalArgumentException when {@code maxSize < 1}
     */
    public void setMaxSize(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1");
        }
        this.maxSize = maxSize;
        nextCandidate = 0;
        candidateCount = 0;
        while (size > maxSize) {
            evictEldest();
        }
    }

    /** Hands the least recently used entry to the listener, then removes it. */
    private void evictEldest() {
        int victim = leastRecentlyUsed();
        int victimKey = (int) slots[victim];
        if (onEvicted != null) {
            onEvicted.evicted(victimKey, valueAt(victim));
        }
        removeAt(slot(victimKey));
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The slots of every entry, least recently used first. */
    private int[] slotsByAge() {
        long[] order = new long[size];
        int n = 0;
        for (int i = 0; i < slots.length; i++) {
            long w = slots[i];
            if (w != 0) {
                order[n++] = (w & ~KEY_BITS) | i;
            }
        }
        Arrays.sort(order);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) order[k];
        }
        return out;
    }

    /** The values from the least to the most recently used, as a new list (O(n log n)). */
    public ArrayList<V> values() {
        int[] order = slotsByAge();
        ArrayList<V> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(valueAt(i));
        }
        return out;
    }

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer<V> {
        /** One entry. */
        void accept(int key, V value);
    }

    /**
     * Calls {@code c} for every entry from the least to the most recently used (O(n log n)); the
     * consumer may {@link #get} or {@link #peek} but must not insert or remove.
     */
    public void forEach(EntryConsumer<? super V> c) {
        for (int i : slotsByAge()) {
            c.accept((int) slots[i], valueAt(i));
        }
    }
}
