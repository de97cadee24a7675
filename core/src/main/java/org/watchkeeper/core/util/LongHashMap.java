package org.watchkeeper.core.util;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A hash map from primitive {@code long} keys to objects: open addressing with linear probing in
 * two parallel arrays, keys spread by the 64-bit finaliser of MurmurHash3 (Appleby), so that keys
 * built from bit fields (grid cells, MMSI pairs {@code a << 32 | b}) do not cluster the way
 * {@link Long#hashCode()} ({@code high ^ low}) makes them cluster in a {@link java.util.HashMap}.
 * No boxing per look-up, no node object per entry. Removal shifts the following entries back
 * (no tombstones), so look-ups stay short after many removals.
 *
 * <p>Null values are not stored ({@link #put} with null throws). Iteration order is the slot
 * order, which depends on the capacity history: callers that need a stable order sort. Grows by
 * doubling at a load factor of 1/2; never shrinks except through {@link #clear()}. Serializable
 * (as long as the values are), for hosts that checkpoint detector state. Not thread safe.
 *
 * @param <V> value type
 */
public final class LongHashMap<V> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MIN_CAPACITY = 8;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    /** An empty map. */
    public LongHashMap() {
        this(MIN_CAPACITY);
    }

    /** An empty map for about {@code expected} entries before it grows. */
    public LongHashMap(int expected) {
        int cap = MIN_CAPACITY;
        while (cap < 2L * expected) {
            cap <<= 1;
        }
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int slot(long k, int mask) {
        return OpenAddressing.slot(k, mask);
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        long[] ks = keys;
        Object[] vs = values;
        int m = mask;
        for (int i = slot(key, m); ; i = (i + 1) & m) {
            Object v = vs[i];
            if (v == null) {
                return null;
            }
            if (ks[i] == key) {
                return (V) v;
            }
        }
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(long key) {
        return get(key) != null;
    }

    /**
     * Sets the value of {@code key}.
     *
     * @return the previous value, or null
     * @throws NullPointerException if {@code value} is null
     */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new NullPointerException("null value");
        }
        int m = mask;
        for (int i = slot(key, m); ; i = (i + 1) & m) {
            Object v = values[i];
            if (v == null) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) v;
            }
        }
    }

    /** The value of {@code key}, created by {@code create} (and stored) when absent. */
    public V computeIfAbsent(long key, Supplier<? extends V> create) {
        V v = get(key);
        if (v == null) {
            v = create.get();
            put(key, v);
        }
        return v;
    }

    /**
     * Removes {@code key}.
     *
     * @return its value, or null when it had none
     */
    @SuppressWarnings("unchecked")
    public V remove(long key) {
        int m = mask;
        for (int i = slot(key, m); ; i = (i + 1) & m) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                removeAt(i);
                return (V) v;
            }
        }
    }

    /** Backward-shift deletion: moves later entries of the probe run into the hole. */
    private void removeAt(int hole) {
        int m = mask;
        size--;
        int i = hole;
        while (true) {
            i = (i + 1) & m;
            Object v = values[i];
            if (v == null) {
                break;
            }
            int home = slot(keys[i], m);
            if (OpenAddressing.shiftsBack(home, hole, i)) {
                keys[hole] = keys[i];
                values[hole] = v;
                hole = i;
            }
        }
        values[hole] = null;
        keys[hole] = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        int cap = oldKeys.length * 2;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            Object v = oldValues[j];
            if (v != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = v;
            }
        }
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** Whether there is no entry. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Removes every entry (and returns to the initial capacity). */
    public void clear() {
        keys = new long[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
        size = 0;
    }

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer<V> {
        /** One entry. */
        void accept(long key, V value);
    }

    /** Calls {@code c} for every entry, in slot order. The map must not be changed meanwhile. */
    @SuppressWarnings("unchecked")
    public void forEach(EntryConsumer<? super V> c) {
        long[] ks = keys;
        Object[] vs = values;
        for (int i = 0; i < vs.length; i++) {
            if (vs[i] != null) {
                c.accept(ks[i], (V) vs[i]);
            }
        }
    }

    /** The values, in slot order, as a new array list. */
    @SuppressWarnings("unchecked")
    public java.util.ArrayList<V> values() {
        java.util.ArrayList<V> out = new java.util.ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }

    /** The keys, in slot order. */
    public long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out[n++] = keys[i];
            }
        }
        return out;
    }

    /**
     * Removes every entry whose value matches {@code drop}; returns how many were removed.
     * Safe against the moves of backward-shift deletion: a slot is examined again after a removal.
     */
    @SuppressWarnings("unchecked")
    public int removeIf(java.util.function.BiPredicate<Long, ? super V> drop) {
        int removed = 0;
        // Collect first, then remove: simplest way to visit every entry exactly once.
        long[] ks = keys();
        for (long k : ks) {
            V v = get(k);
            if (v != null && drop.test(k, v)) {
                remove(k);
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String toString() {
        return "LongHashMap[size=" + size + ", capacity=" + keys.length + "]";
    }

    /** For tests: the capacity. */
    int capacity() {
        return keys.length;
    }
}
