package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.core.pipeline.EventTimeOrderTest.at;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;

class EventTimeMergeTest {
    /** An input passing observations at the given times, named {@code name}-i. */
    private static EventTimeMerge.Input input(String name, long openAt, long... times) {
        return new EventTimeMerge.Input(name, openAt, sink -> {
            for (int i = 0; i < times.length; i++) {
                sink.accept(at(times[i], name + "-" + i));
            }
        });
    }

    @Test
    void interleavesTwoStationsByEventTimeKeepingEachOnesOwnOrder() {
        List<Observation> out = new ArrayList<>();
        // b holds one observation out of its own order (25 after 30): it stays after b's 30
        new EventTimeMerge(2, 1).run(List.of(input("a", 10, 10, 20, 30, 40), input("b", 15, 15, 30, 25, 35, 50)), out::add);
        assertThat(out).extracting(Observation::source)
                .containsExactly("a-0", "b-0", "a-1", "a-2", "b-1", "b-2", "b-3", "a-3", "b-4");
        assertThat(out).extracting(Observation::time).containsExactly(10L, 15L, 20L, 30L, 30L, 25L, 35L, 40L, 50L);
    }

    @Test
    void equalTimesGoInTheOrderTheInputsOpened() {
        List<Observation> out = new ArrayList<>();
        new EventTimeMerge().run(List.of(input("late", 7, 7, 9), input("early", 5, 7, 9)), out::add);
        assertThat(out).extracting(Observation::source).containsExactly("early-0", "late-0", "early-1", "late-1");
    }

    @Test
    void manyRandomInputsGiveOneSortedStreamWithEveryObservation() {
        Random random = new Random(7);
        List<EventTimeMerge.Input> inputs = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            long start = random.nextInt(1_000_000);
            long[] times = new long[random.nextInt(20_000)];
            long t = start;
            for (int i = 0; i < times.length; i++) {
                t += random.nextInt(100);
                times[i] = t;
                all.add(t);
            }
            inputs.add(input("i" + k, times.length == 0 ? Long.MAX_VALUE : start, times));
        }
        Collections.shuffle(inputs, random);
        List<Long> out = new ArrayList<>();
        EventTimeMerge merge = new EventTimeMerge(64, 2);
        merge.run(inputs, o -> out.add(o.time()));
        Collections.sort(all);
        assertThat(out).isEqualTo(all);
        assertThat(merge.opened()).isEqualTo(12);
    }

    /** A year of daily files keeps one open at a time: each opens once the merge reaches its first time. */
    @Test
    void inputsOpenOnlyWhenTheMergeReachesThem() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<EventTimeMerge.Input> days = new ArrayList<>();
        for (int d = 9; d >= 0; d--) { // named last day first
            long start = d * 86_400_000L;
            String name = "day" + d;
            days.add(new EventTimeMerge.Input(name, start, sink -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                for (int i = 0; i < 5_000; i++) {
                    sink.accept(at(start + i * 10_000L, name));
                }
                running.decrementAndGet();
            }));
        }
        List<Observation> out = new ArrayList<>();
        new EventTimeMerge(100, 2).run(days, out::add);
        assertThat(out).hasSize(50_000);
        assertThat(out.get(0).source()).isEqualTo("day0");
        assertThat(out.get(49_999).source()).isEqualTo("day9");
        assertThat(out).isSortedAccordingTo(java.util.Comparator.comparingLong(Observation::time));
        // a day opens when the one before has passed its start: at most two run at once
        assertThat(most.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void anInputWithoutAKnownTimeOpensAfterTheOthersAreDrained() {
        List<Observation> out = new ArrayList<>();
        new EventTimeMerge().run(List.of(input("unknown", Long.MAX_VALUE, 5), input("known", 100, 100, 200)), out::add);
        assertThat(out).extracting(Observation::source).containsExactly("known-0", "known-1", "unknown-0");
    }

    @Test
    void aFailingInputStopsTheMergeWithItsNameAndStopsTheOthers() {
        AtomicBoolean otherStopped = new AtomicBoolean();
        EventTimeMerge.Input endless = new EventTimeMerge.Input("endless", 0, sink -> {
            try {
                for (long t = 0; ; t++) {
                    sink.accept(at(t, "endless"));
                }
            } finally {
                otherStopped.set(true);
            }
        });
        EventTimeMerge.Input broken = new EventTimeMerge.Input("broken.nmea.gz", 0, sink -> {
            sink.accept(at(0, "broken"));
            throw new IOException("Unexpected end of ZLIB input stream");
        });
        List<Observation> out = new ArrayList<>();
        assertThatThrownBy(() -> new EventTimeMerge(16, 2).run(List.of(endless, broken), out::add))
                .isInstanceOf(EventTimeMerge.MergeFailure.class)
                .hasMessage("broken.nmea.gz: Unexpected end of ZLIB input stream")
                .hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(((EventTimeMerge.MergeFailure) e).input()).isEqualTo("broken.nmea.gz"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!otherStopped.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(otherStopped).isTrue();
    }

    @Test
    void noInputsAndEmptyInputsGiveNothing() {
        List<Observation> out = new ArrayList<>();
        new EventTimeMerge().run(List.of(), out::add);
        new EventTimeMerge().run(List.of(input("empty", 0), input("empty2", Long.MAX_VALUE)), out::add);
        assertThat(out).isEmpty();
        assertThatThrownBy(() -> new EventTimeMerge(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
