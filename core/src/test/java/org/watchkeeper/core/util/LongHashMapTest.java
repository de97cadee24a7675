package org.watchkeeper.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongHashMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemovesOfClusteredKeys() {
        LongHashMap<String> m = new LongHashMap<>();
        Map<Long, String> ref = new HashMap<>();
        Random rnd = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            // MMSI-pair-like keys from a small range, so that probe runs collide and removals shift entries
            long a = 219_000_000 + rnd.nextInt(300);
            long k = (a << 32) | (a + 7919L * rnd.nextInt(4));
            switch (rnd.nextInt(3)) {
                case 0, 1 -> assertThat(m.put(k, "v" + step)).isEqualTo(ref.put(k, "v" + step));
                default -> assertThat(m.remove(k)).isEqualTo(ref.remove(k));
            }
            if (step % 10_000 == 0) {
                assertThat(m.size()).isEqualTo(ref.size());
                for (Map.Entry<Long, String> e : ref.entrySet()) {
                    assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
                }
            }
        }
        assertThat(m.size()).isEqualTo(ref.size());
        Map<Long, String> seen = new HashMap<>();
        m.forEach(seen::put);
        assertThat(seen).isEqualTo(ref);
        assertThat(m.keys()).hasSize(ref.size());
        assertThat(m.values()).containsExactlyInAnyOrderElementsOf(ref.values());
    }

    @Test
    void missingKeysZeroKeyAndRemoveIf() {
        LongHashMap<Integer> m = new LongHashMap<>(2);
        assertThat(m.get(0)).isNull();
        m.put(0, 10);
        m.put(-1, 11);
        m.put(Long.MIN_VALUE, 12);
        assertThat(m.get(0)).isEqualTo(10);
        assertThat(m.get(-1)).isEqualTo(11);
        assertThat(m.get(Long.MIN_VALUE)).isEqualTo(12);
        assertThat(m.computeIfAbsent(5, () -> 13)).isEqualTo(13);
        assertThat(m.computeIfAbsent(5, () -> 99)).isEqualTo(13);
        assertThat(m.removeIf((k, v) -> v % 2 == 1)).isEqualTo(2);
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.containsKey(0)).isTrue();
        assertThat(m.get(Long.MIN_VALUE)).isEqualTo(12);
        assertThat(m.containsKey(-1)).isFalse();
        assertThatThrownBy(() -> m.put(1, null)).isInstanceOf(NullPointerException.class);
        m.clear();
        assertThat(m.isEmpty()).isTrue();
    }
}
