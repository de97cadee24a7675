package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class HandOffTest {

    static List<Observation> observations(int n) {
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PositionObservation(1_700_000_000_000L + i * 1000L, "s" + (i % 3), 219_000_000 + i % 50, 1,
                    StationClass.A, 55 + i * 1e-5, 12, 10, 90, 90, 0, true, false));
        }
        return out;
    }

    /** Two cores: every observation, in order, on the worker thread; visible after close. */
    @Test
    void threadedPassesEveryObservationInOrderOnTheWorker() {
        List<Observation> in = observations(3 * HandOff.BATCH + 17); // not a whole number of batches
        List<Observation> got = new ArrayList<>();
        Set<String> threads = new HashSet<>();
        HandOff h = new HandOff(o -> {
            got.add(o);
            threads.add(Thread.currentThread().getName());
        }, "handoff-test", 2);
        assertThat(h.threaded()).isTrue();
        in.forEach(h);
        h.close();
        assertThat(got).containsExactlyElementsOf(in);
        assertThat(threads).containsExactly("handoff-test");
        assertThatThrownBy(() -> h.accept(in.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /** One core: the target runs on the caller's thread, same observations, no other thread. */
    @Test
    void oneCoreRunsTheTargetOnTheCallersThread() {
        List<Observation> in = observations(HandOff.BATCH + 5);
        List<Observation> got = new ArrayList<>();
        Set<Thread> threads = new HashSet<>();
        HandOff h = new HandOff(o -> {
            got.add(o);
            threads.add(Thread.currentThread());
        }, "handoff-test", 1);
        assertThat(h.threaded()).isFalse();
        in.forEach(h);
        assertThat(got).hasSize(in.size()); // no batching: each one is through at once
        h.close();
        assertThat(got).containsExactlyElementsOf(in);
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThatThrownBy(() -> h.accept(in.get(0))).isInstanceOf(IllegalStateException.class);
    }

    /** The target's failure on the worker comes back to the producer, as it was thrown. */
    @Test
    void failureOfTheTargetIsRethrown() {
        List<Observation> in = observations(50 * HandOff.BATCH);
        long[] seen = {0};
        HandOff h = new HandOff(o -> {
            if (++seen[0] == 1000) {
                throw new IllegalArgumentException("bad observation at " + o.time());
            }
        }, "handoff-test", 2);
        assertThatThrownBy(() -> {
            try {
                in.forEach(h);
            } finally {
                h.close();
            }
        }).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad observation at " + in.get(999).time());
        assertThat(seen[0]).isEqualTo(1000);
    }

    /** A stalled target stops the producer after QUEUE + 2 batches at most: the memory is bounded. */
    @Test
    @Timeout(60)
    void aStalledTargetBlocksTheProducer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong done = new AtomicLong();
        List<Observation> one = observations(1);
        HandOff h = new HandOff(o -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "handoff-test", 2);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 40 * HandOff.BATCH; i++) {
                h.accept(one.get(0));
                done.incrementAndGet();
            }
        });
        producer.start();
        // the worker holds one batch, QUEUE wait, the producer blocks handing over the next: it
        // cannot get further while the target is stalled (an unbounded hand-off would let it finish)
        long bound = (HandOff.QUEUE + 2L) * HandOff.BATCH - 1;
        while (producer.isAlive() && (done.get() < bound || producer.getState() != Thread.State.TIMED_WAITING)) {
            Thread.sleep(5);
        }
        assertThat(producer.isAlive()).isTrue();
        assertThat(done.get()).isEqualTo(bound);
        release.countDown();
        producer.join();
        h.close();
        assertThat(done.get()).isEqualTo(40L * HandOff.BATCH);
    }
}
