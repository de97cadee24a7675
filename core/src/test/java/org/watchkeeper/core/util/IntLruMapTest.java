package org.watchkeeper.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntLruMapTest {

    /** An access-ordered, bounded LinkedHashMap: the behaviour IntLruMap replaces. */
    static final class Reference extends LinkedHashMap<Integer, String> {
        final int max;
        final List<String> evicted = new ArrayList<>();

        Reference(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            if (size() > max) {
                evicted.add(eldest.getKey() + "=" + eldest.getValue());
                return true;
            }
            return false;
        }
    }

    /**
     * Random get / put / computeIfAbsent / remove / peek on MMSI-like keys (one fleet: MID 219, the
     * rest differing in steps of 7 919, which clusters in a plain hash) against the LinkedHashMap it
     * replaces: same values, same order, same evictions, at every step.
     */
    @Test
    void behavesLikeAnAccessOrderedBoundedLinkedHashMap() {
        compareWithReference(300, Integer.MAX_VALUE, 219_000_000, 42);
    }

    /** The same with the use stamps renumbered every 1 000 uses, and keys around 0 (0 and negatives). */
    @Test
    void renumberingStampsKeepsTheOrder() {
        compareWithReference(300, 1_000, -1_750_000, 7);
        compareWithReference(1, 5, 0, 3);
        compareWithReference(8, 2, 0, 5);
    }

    private static void compareWithReference(int max, int stampLimit, int base, long seed) {
        Random rnd = new Random(seed);
        Reference ref = new Reference(max);
        List<String> evicted = new ArrayList<>();
        IntLruMap<String> map = new IntLruMap<>(max, (k, v) -> evicted.add(k + "=" + v), stampLimit);
        for (int step = 0; step < 200_000; step++) {
            int key = base + 7_919 * rnd.nextInt(500);
            String value = "v" + step;
            switch (rnd.nextInt(5)) {
                case 0 -> assertThat(map.get(key)).isEqualTo(ref.get(key));
                case 1 -> assertThat(map.put(key, value)).isEqualTo(ref.put(key, value));
                case 2 -> assertThat(map.computeIfAbsent(key, k -> value)).isEqualTo(ref.computeIfAbsent(key, k -> value));
                case 3 -> assertThat(map.remove(key)).isEqualTo(ref.remove(key));
                default -> {
                    // peek does not count as a use
                    String expected = ref.containsKey(key) ? new ArrayList<>(ref.entrySet()).stream()
                            .filter(e -> e.getKey() == key).findFirst().orElseThrow().getValue() : null;
                    assertThat(map.peek(key)).isEqualTo(expected);
                }
            }
            assertThat(map.size()).isEqualTo(ref.size());
            if (step % 997 == 0 || max < 10) {
                assertThat(map.values()).containsExactlyElementsOf(ref.values());
                List<Integer> keys = new ArrayList<>();
                map.forEach((k, v) -> keys.add(k));
                assertThat(keys).containsExactlyElementsOf(ref.keySet());
            }
        }
        assertThat(evicted).isNotEmpty().containsExactlyElementsOf(ref.evicted);
        assertThat(map.values()).containsExactlyElementsOf(ref.values());
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondTheBound() {
        List<Integer> evicted = new ArrayList<>();
        IntLruMap<String> m = new IntLruMap<>(2, (k, v) -> evicted.add(k));
        m.put(1, "a");
        m.put(2, "b");
        m.get(1); // 2 is now the least recently used
        m.put(3, "c");
        assertThat(evicted).containsExactly(2);
        assertThat(m.values()).containsExactly("a", "c");
        assertThat(m.get(2)).isNull();
        assertThatThrownBy(() -> new IntLruMap<String>(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEvictedEntryIsStillHeldWhileTheListenerRuns() {
        List<String> seen = new ArrayList<>();
        IntLruMap<String>[] box = new IntLruMap[1];
        box[0] = new IntLruMap<>(2, (k, v) -> seen.add(k + "=" + v + " held " + box[0].peek(k) + " size " + box[0].size()));
        IntLruMap<String> m = box[0];
        m.put(0, "zero");
        m.put(-5, "minus five");
        assertThat(m.computeIfAbsent(0, k -> "other")).isEqualTo("zero"); // -5 is now the least recently used
        m.computeIfAbsent(7, k -> "seven");
        assertThat(seen).containsExactly("-5=minus five held minus five size 2");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.peek(-5)).isNull();
        assertThat(m.values()).containsExactly("zero", "seven");
        assertThatThrownBy(() -> m.put(9, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> m.computeIfAbsent(9, k -> null)).isInstanceOf(NullPointerException.class);
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void growsAndKeepsOrderAndRemovals() {
        IntLruMap<Integer> m = new IntLruMap<>(1_000_000, null);
        for (int i = 0; i < 50_000; i++) {
            m.put(200_000_000 + i * 7_919, i);
        }
        for (int i = 0; i < 50_000; i += 2) {
            assertThat(m.remove(200_000_000 + i * 7_919)).isEqualTo(i);
        }
        assertThat(m.size()).isEqualTo(25_000);
        for (int i = 1; i < 50_000; i += 2) {
            assertThat(m.get(200_000_000 + i * 7_919)).isEqualTo(i);
        }
        assertThat(m.get(200_000_000)).isNull();
        List<Integer> values = m.values();
        assertThat(values).hasSize(25_000).startsWith(1, 3, 5).endsWith(49_997, 49_999);
    }
}
