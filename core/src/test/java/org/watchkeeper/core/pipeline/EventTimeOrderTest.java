package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
