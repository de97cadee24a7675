package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private static final java.util.Comparator<long[]> ORDER =
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);

    @Test
    void firesInTimeThenKeyOrderAndRegistersEachPairOnce() {
        TimerQueue q = new TimerQueue();
        q.register(20, 7);
        q.register(10, 9);
        q.register(10, 3);
        q.register(20, 7);
        assertThat(q.size()).isEqualTo(3);
        List<String> fired = new ArrayList<>();
        while (q.hasFirstAtOrBefore(15)) {
            fired.add(q.firstTime() + "/" + q.firstKey());
            q.removeFirst();
        }
        assertThat(fired).containsExactly("10/3", "10/9");
        assertThat(q.hasFirstAtOrBefore(19)).isFalse();
        assertThat(q.hasFirstAtOrBefore(20)).isTrue();
        assertThat(q.firstKey()).isEqualTo(7);
    }

    @Test
    void deletedTimerDoesNotFireAndReRegisteredFiresOnce() {
        TimerQueue q = new TimerQueue();
        q.register(5, 1);
        q.delete(5, 1);
        q.delete(6, 1); // never registered: no effect
        assertThat(q.hasFirstAtOrBefore(Long.MAX_VALUE)).isFalse();
        q.register(5, 1);
        q.delete(5, 1);
        q.register(5, 1);
        int n = 0;
        while (q.hasFirstAtOrBefore(Long.MAX_VALUE)) {
            assertThat(q.firstTime()).isEqualTo(5);
            q.removeFirst();
            n++;
        }
        assertThat(n).isEqualTo(1);
        assertThat(q.size()).isZero();
    }

    /** Random register/delete/fire sequences against a TreeSet of (time, key), the engine's former timer store. */
    @Test
    void matchesOrderedSetModelOnRandomOperations() {
        Random r = new Random(42);
        for (int round = 0; round < 20; round++) {
            TimerQueue q = new TimerQueue();
            TreeSet<long[]> model = new TreeSet<>(ORDER);
            long watermark = 0;
            for (int op = 0; op < 20_000; op++) {
                int what = r.nextInt(10);
                long key = r.nextInt(500);
                long time = watermark + 1 + r.nextInt(1000);
                if (what < 5) {
                    q.register(time, key);
                    model.add(new long[] {time, key});
                } else if (what < 8) {
                    // delete a registered timer when there is one, else a random (mostly absent) one
                    long[] victim = model.isEmpty() || r.nextBoolean() ? new long[] {time, key}
                            : model.ceiling(new long[] {time, key});
                    if (victim == null) {
                        victim = new long[] {time, key};
                    }
                    q.delete(victim[0], victim[1]);
                    model.remove(victim);
                } else {
                    watermark += r.nextInt(200);
                    while (q.hasFirstAtOrBefore(watermark)) {
                        long[] expected = model.pollFirst();
                        assertThat(expected).isNotNull();
                        assertThat(new long[] {q.firstTime(), q.firstKey()}).containsExactly(expected);
                        q.removeFirst();
                        // what a fired detector does: set its next timer (usually later), the same
                        // pair again, an already due one, or delete one
                        int act = r.nextInt(6);
                        long[] next = null;
                        if (act == 0 || act == 1) {
                            next = new long[] {expected[0] + 1 + r.nextInt(2000), expected[1]};
                        } else if (act == 2) {
                            next = expected.clone();
                        } else if (act == 3) {
                            next = new long[] {expected[0] - r.nextInt(50), r.nextInt(500)};
                        } else if (act == 4 && !model.isEmpty()) {
                            long[] victim = model.last();
                            q.delete(victim[0], victim[1]);
                            model.remove(victim);
                        }
                        if (next != null) {
                            q.register(next[0], next[1]);
                            model.add(next);
                        }
                        assertThat(q.size()).isEqualTo(model.size());
                    }
                    assertThat(model.isEmpty() || model.first()[0] > watermark).isTrue();
                }
                assertThat(q.size()).isEqualTo(model.size());
                // deleted and fired pairs left in the heap never show: the bound is the first registered timer
                assertThat(q.lowerBound()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.first()[0]);
            }
        }
    }
}
