package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class EventTimeOrderTest {
    static PositionObservation at(long t, String source) {
        return new PositionObservation(t, source, 219000001, 1, StationClass.A, 55.0, 11.0, 10.0, 90, 90, 0, true, false);
    }

    @Test
    void reordersWithinTheLatenessAndOrdersEqualTimesBySource() {
        List<Observation> out = new ArrayList<>();
        EventTimeOrder order = new EventTimeOrder(out::add, 100, 1000);
        order.accept(at(1_000, "a"));
        order.accept(at(1_045, "b"));
        order.accept(at(1_041, "c")); // 4 ms earlier, heard later by another station
        order.accept(at(1_045, "a"));
        assertThat(out).isEmpty(); // watermark 1045 - 101 = 944
        order.accept(at(1_150, "e")); // watermark 1049: releases up to 1045
        assertThat(out).extracting(Observation::source).containsExactly("a", "c", "a", "b");
        order.accept(at(1_049, "late")); // at the watermark: late
        order.accept(at(1_050, "f"));
        order.finish();
        assertThat(out).extracting(Observation::source).containsExactly("a", "c", "a", "b", "f", "e");
        assertThat(order.late()).isEqualTo(1);
        assertThat(order.held()).isZero();
    }

    @Test
    void zeroLatenessPassesATimeOrderedStreamUnchanged() {
        List<Observation> out = new ArrayList<>();
        EventTimeOrder order = new EventTimeOrder(out::add, 0, 1000);
        order.accept(at(1, "a"));
        order.accept(at(2, "b"));
        assertThat(out).extracting(Observation::source).containsExactly("a");
        order.accept(at(2, "c"));
        order.accept(at(3, "d"));
        assertThat(out).extracting(Observation::source).containsExactly("a", "b", "c");
        order.accept(at(1, "late"));
        order.finish();
        assertThat(out).extracting(Observation::source).containsExactly("a", "b", "c", "d");
        assertThat(order.late()).isEqualTo(1);
    }

    @Test
    void theBoundReleasesTheEarliestAtOnce() {
        List<Observation> out = new ArrayList<>();
        EventTimeOrder order = new EventTimeOrder(out::add, 1_000_000, 2);
        order.accept(at(10, "a"));
        order.accept(at(30, "b"));
        order.accept(at(20, "c"));
        assertThat(out).extracting(Observation::source).containsExactly("a");
        order.accept(at(15, "late")); // the forced release moved the watermark to 10... still fine: 15 > 10
        assertThat(out).extracting(Observation::source).containsExactly("a", "late");
        assertThat(order.held()).isEqualTo(2);
    }

    @Test
    void releaseHeldLetsEverythingGoAndCountsOlderArrivalsAsLate() {
        List<Observation> out = new ArrayList<>();
        EventTimeOrder order = new EventTimeOrder(out::add, 10_000, 1000);
        order.accept(at(5_000, "a"));
        order.accept(at(4_000, "b"));
        assertThat(out).isEmpty();
        order.releaseHeld();
        assertThat(out).extracting(Observation::source).containsExactly("b", "a");
        assertThat(order.held()).isZero();
        order.accept(at(4_999, "older")); // older than what was released: late, never out of order
        order.accept(at(5_000, "same")); // equal to the newest released: still in order
        order.accept(at(30_000, "next"));
        order.finish();
        assertThat(out).extracting(Observation::source).containsExactly("b", "a", "same", "next");
        assertThat(order.late()).isEqualTo(1);
    }

    /**
     * Against a plain priority queue of (ORDER, arrival) with the same watermark rule: mostly ordered
     * arrivals, ties of time, source and MMSI, and some arriving thousands of entries back (they
     * take the heap path), some late, with and without the bound on held observations.
     */
    @Test
    void releasesInTheSameOrderAsAPriorityQueueOfArrivals() {
        for (int maxHeld : new int[] {1_000_000, 700}) {
            Random rnd = new Random(42 + maxHeld);
            String[] sources = {null, "a", "b", "c"};
            List<Observation> in = new ArrayList<>();
            long t = 1_000_000;
            for (int i = 0; i < 60_000; i++) {
                t += rnd.nextInt(3);
                long back = rnd.nextInt(100) < 3 ? rnd.nextInt(20_000) : rnd.nextInt(100) < 30 ? rnd.nextInt(50) : 0;
                in.add(new PositionObservation(t - back, sources[rnd.nextInt(4)], 219000000 + rnd.nextInt(3), 1,
                        StationClass.A, 55.0, 11.0, i, 90, 90, 0, true, false));
            }
            long lateness = 10_000;
            List<Observation> out = new ArrayList<>();
            EventTimeOrder order = new EventTimeOrder(out::add, lateness, maxHeld);
            in.forEach(order);
            order.finish();
            assertThat(out).containsExactlyElementsOf(reference(in, lateness, maxHeld));
            assertThat(order.late()).isPositive();
            assertThat(out.size() + order.late()).isEqualTo(in.size());
        }
    }

    /** {@link EventTimeOrder#ORDER} as documented, from the JDK's comparator combinators. */
    private static final Comparator<Observation> BY_TIME_SOURCE_MMSI = Comparator.comparingLong(Observation::time)
            .thenComparing(Observation::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Observation::mmsi);

    /** The release order of a priority queue of (ORDER, arrival number), same watermark and bound rules. */
    private static List<Observation> reference(List<Observation> in, long lateness, int maxHeld) {
        record Held(Observation o, long seq) {
        }
        PriorityQueue<Held> q = new PriorityQueue<>((a, b) -> {
            int c = BY_TIME_SOURCE_MMSI.compare(a.o, b.o);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        });
        List<Observation> out = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        long seq = 0;
        for (Observation o : in) {
            if (watermark != Long.MIN_VALUE && o.time() <= watermark) {
                continue;
            }
            q.add(new Held(o, seq++));
            watermark = Math.max(watermark, o.time() - lateness - 1);
            while (!q.isEmpty() && (q.peek().o.time() <= watermark || q.size() > maxHeld)) {
                Observation next = q.poll().o;
                watermark = Math.max(watermark, next.time());
                out.add(next);
            }
        }
        while (!q.isEmpty()) {
            out.add(q.poll().o);
        }
        return out;
    }
}
