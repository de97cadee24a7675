package org.watchkeeper.core.util;

import java.util.ArrayList;
import java.util.function.IntFunction;

/**
 * A map from {@code int} keys (MMSIs) to values in access order, bounded: the same behaviour as a
 * {@code LinkedHashMap<Integer, V>} with {@code accessOrder = true} and a {@code removeEldestEntry}
 * that drops the least recently used entry beyond {@code maxSize}, without boxing the key and with
 * one probe of an open-addressed table per look-up. Iteration ({@link #values()},
 * {@link #forEach}) runs from the least to the most recently used entry.
 *
 * <p>Every {@link #get}, {@link #computeIfAbsent} and {@link #put} counts as a use and moves the
 * entry to the most recent end; {@link #peek} does not. When an insertion makes the map hold more
 * than {@code maxSize} entries, the least recently used one is removed and handed to the eviction
 * listener.
 *
 * <p>Table: linear probing over a power-of-two array of entries, hashed with MurmurHash3's 32-bit
 * finaliser (MMSIs of one fleet or country differ in low digits only, which an identity hash would
 * cluster), at most half full; removal shifts the rest of the probe run back (no tombstones). Not
 * thread safe.
 *
 * @param <V> value type
 */
public final class IntLruMap<V> {
    /** Receives each entry dropped for the size bound. */
    @FunctionalInterface
    public interface Evicted<V> {
        /** The entry {@code key → value} was dropped. */
        void evicted(int key, V value);
    }

    private static final class Entry<V> {
        final int key;
        V value;
        Entry<V> before;
        Entry<V> after;

        Entry(int key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    private final int maxSize;
    private final Evicted<? super V> onEvicted;
    private Entry<V>[] table;
    private int mask;
    private int size;
    /** Least recently used. */
    private Entry<V> head;
    /** Most recently used. */
    private Entry<V> tail;

    /**
     * @param maxSize most entries held (≥ 1)
     * @param onEvicted receives each entry dropped for the bound (null: none)
     * @throws IllegalArgumentException when {@code maxSize < 1}
     */
    public IntLruMap(int maxSize, Evicted<? super V> onEvicted) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1");
        }
        this.maxSize = maxSize;
        this.onEvicted = onEvicted;
        allocate(1024);
    }

    @SuppressWarnings("unchecked")
    private void allocate(int capacity) {
        table = (Entry<V>[]) new Entry<?>[capacity];
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

    /** The slot holding {@code key}, or the empty slot where it would go (linear probing). */
    private int slot(int key) {
        Entry<V>[] t = table;
        int m = mask;
        for (int i = hash(key) & m; ; i = (i + 1) & m) {
            Entry<V> e = t[i];
            if (e == null || e.key == key) {
                return i;
            }
        }
    }

    private Entry<V> find(int key) {
        return table[slot(key)];
    }

    /** The value of {@code key} (moved to the most recent end), or null. */
    public V get(int key) {
        Entry<V> e = find(key);
        if (e == null) {
            return null;
        }
        touch(e);
        return e.value;
    }

    /** The value of {@code key} without counting a use, or null. */
    public V peek(int key) {
        Entry<V> e = find(key);
        return e == null ? null : e.value;
    }

    /**
     * The value of {@code key}, moved to the most recent end; when absent, {@code create.apply(key)}
     * is stored at that end first (and the least recently used entry dropped if the map is then over
     * its bound).
     */
    public V computeIfAbsent(int key, IntFunction<? extends V> create) {
        int i = slot(key);
        Entry<V> e = table[i];
        if (e != null) {
            touch(e);
            return e.value;
        }
        V v = create.apply(key);
        insert(i, key, v);
        return v;
    }

    /**
     * Stores {@code value} for {@code key} at the most recent end.
     *
     * @return the previous value, or null
     */
    public V put(int key, V value) {
        int i = slot(key);
        Entry<V> e = table[i];
        if (e != null) {
            V old = e.value;
            e.value = value;
            touch(e);
            return old;
        }
        insert(i, key, value);
        return null;
    }

    private void insert(int slot, int key, V value) {
        Entry<V> e = new Entry<>(key, value);
        table[slot] = e;
        size++;
        e.before = tail;
        if (tail == null) {
            head = e;
        } else {
            tail.after = e;
        }
        tail = e;
        if (size > maxSize) {
            Entry<V> eldest = head;
            removeEntry(eldest);
            if (onEvicted != null) {
                onEvicted.evicted(eldest.key, eldest.value);
            }
        }
        if (size * 2 > table.length) {
            grow();
        }
    }

    private void grow() {
        Entry<V>[] old = table;
        allocate(old.length * 2);
        for (Entry<V> e : old) {
            if (e != null) {
                int i = hash(e.key) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = e;
            }
        }
    }

    /** Moves {@code e} to the most recent end. */
    private void touch(Entry<V> e) {
        if (e == tail) {
            return;
        }
        Entry<V> b = e.before;
        Entry<V> a = e.after;
        if (b == null) {
            head = a;
        } else {
            b.after = a;
        }
        a.before = b;
        e.before = tail;
        e.after = null;
        tail.after = e;
        tail = e;
    }

    /**
     * Removes {@code key}.
     *
     * @return its value, or null when absent
     */
    public V remove(int key) {
        Entry<V> e = find(key);
        if (e == null) {
            return null;
        }
        removeEntry(e);
        return e.value;
    }

    private void removeEntry(Entry<V> e) {
        // unlink
        Entry<V> b = e.before;
        Entry<V> a = e.after;
        if (b == null) {
            head = a;
        } else {
            b.after = a;
        }
        if (a == null) {
            tail = b;
        } else {
            a.before = b;
        }
        e.before = null;
        e.after = null;
        // take it out of the table, shifting the rest of its probe run back
        Entry<V>[] t = table;
        int m = mask;
        int i = hash(e.key) & m;
        while (t[i] != e) {
            i = (i + 1) & m;
        }
        int hole = i;
        for (int j = (hole + 1) & m; t[j] != null; j = (j + 1) & m) {
            int home = hash(t[j].key) & m;
            // move t[j] into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = null;
        size--;
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The values from the least to the most recently used, as a new list. */
    public ArrayList<V> values() {
        ArrayList<V> out = new ArrayList<>(size);
        for (Entry<V> e = head; e != null; e = e.after) {
            out.add(e.value);
        }
        return out;
    }

    /** Receives one entry of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer<V> {
        /** One entry. */
        void accept(int key, V value);
    }

    /** Calls {@code c} for every entry from the least to the most recently used; the map must not change meanwhile. */
    public void forEach(EntryConsumer<? super V> c) {
        for (Entry<V> e = head; e != null; e = e.after) {
            c.accept(e.key, e.value);
        }
    }
}
