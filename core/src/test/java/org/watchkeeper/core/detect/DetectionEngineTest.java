package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class DetectionEngineTest {

    /** Emits one "gap" per key when no observation follows within 60 s: exercises state, timers and deletion. */
    static final class SilenceDetector implements Detector<long[]> {
        @Override
        public String name() {
            return "silence";
        }

        @Override
        public long[] createState() {
            return new long[] {Long.MIN_VALUE};
        }

        @Override
        public void onObservation(Observation o, long[] last, DetectorContext ctx) {
            if (last[0] != Long.MIN_VALUE) {
                ctx.deleteTimer(last[0] + 60_000);
            }
            last[0] = o.time();
            ctx.registerTimer(o.time() + 60_000);
        }

        @Override
        public void onTimer(long timestamp, long[] last, DetectorContext ctx) {
            ctx.emit(Event.of(EventKind.GAP, last[0], timestamp, List.of((int) ctx.key()), 0, 0, null,
                    Map.of("silence_s", 60), Map.of(), List.of()));
            ctx.clearState();
        }
    }

    static PositionObservation at(int mmsi, long t) {
        return new PositionObservation(t, "test", mmsi, 1, StationClass.A, 1.0, 103.8, 10.0, 90.0, 90, 0, true, false);
    }

    private static List<Event> run(long lateness, PositionObservation... obs) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(new SilenceDetector()), out::add, lateness);
        for (PositionObservation o : obs) {
            e.accept(o);
        }
        e.finish();
        return out;
    }

    @Test
    void timersFireInEventTimeOrderAsTheWatermarkPasses() {
        List<Event> events = run(0, at(1, 0), at(2, 10_000), at(1, 30_000), at(2, 200_000), at(1, 300_000));
        // key 1: silent 30 s..90 s and 300 s..360 s (at finish); key 2: silent 10 s..70 s and 200 s..260 s
        assertThat(events).extracting(Event::vessels, Event::start, Event::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of(2), 10_000L, 70_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(1), 30_000L, 90_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(2), 200_000L, 260_000L),
                org.assertj.core.groups.Tuple.tuple(List.of(1), 300_000L, 360_000L));
        assertThat(events.get(0).id()).isEqualTo(Event.stableId(EventKind.GAP, List.of(2), 10_000L)).hasSize(32);
    }

    @Test
    void lateObservationsAreCountedAndDropped() {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(new SilenceDetector()), out::add, 5_000);
        e.accept(at(1, 100_000));
        e.accept(at(1, 96_000)); // within the allowed lateness: processed
        e.accept(at(1, 94_000)); // older than watermark 94 999: late
        assertThat(e.lateObservations()).isEqualTo(1);
        assertThat(e.watermark()).isEqualTo(94_999L);
        e.finish();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).start()).isEqualTo(96_000L);
    }

    @Test
    void sameEventsWhetherTheInputIsChunkedOrNot() {
        PositionObservation[] all = {at(1, 0), at(1, 50_000), at(1, 200_000), at(3, 210_000), at(1, 400_000)};
        List<Event> whole = run(0, all);
        List<Event> again = run(0, all);
        assertThat(again).isEqualTo(whole);
        assertThat(whole).extracting(Event::start).containsExactly(50_000L, 200_000L, 210_000L, 400_000L);
    }
}
