package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.StationClass;

class VesselSamplerTest {

    @Test
    void passesTheFirstFixOfEachVesselInEachEpochAlignedInterval() {
        VesselSampler s = new VesselSampler(60_000);
        assertThat(s.first(1, 59_999, Long.MIN_VALUE)).isTrue();
        assertThat(s.first(2, 59_999, Long.MIN_VALUE)).isTrue();
        assertThat(s.first(1, 59_999, Long.MIN_VALUE)).isFalse(); // same time again
        assertThat(s.first(1, 60_000, Long.MIN_VALUE)).isTrue(); // next interval starts on the minute
        assertThat(s.first(1, 119_999, Long.MIN_VALUE)).isFalse();
        assertThat(s.first(2, 60_001, Long.MIN_VALUE)).isTrue();
        assertThat(s.first(3, -1, Long.MIN_VALUE)).isTrue(); // before 1970: interval -1
        assertThat(s.first(3, -60_000, Long.MIN_VALUE)).isFalse();
        assertThat(s.first(3, 0, Long.MIN_VALUE)).isTrue();
        assertThatThrownBy(() -> new VesselSampler(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 5 000 vessels over 2 000 intervals against a map that never forgets: the same decisions, while
     * the table keeps only the vessels of the last intervals.
     */
    @Test
    void forgettingPastIntervalsNeverChangesADecisionAndBoundsTheTable() {
        Random r = new Random(7);
        VesselSampler s = new VesselSampler(10_000);
        Map<Long, Long> reference = new HashMap<>();
        long[] last = new long[5_000];
        long time = 0;
        long watermark = Long.MIN_VALUE;
        int passed = 0;
        int maxSize = 0;
        for (int step = 0; step < 400_000; step++) {
            time += r.nextInt(60); // ~2 000 intervals of 10 s
            watermark = Math.max(watermark, time - 1 - r.nextInt(3_000)); // never back; lateness up to 3 s
            int v = r.nextInt(r.nextInt(10) == 0 ? 5_000 : 300); // a few busy vessels, many rare ones
            long t = Math.max(last[v], watermark + 1 + r.nextInt(2_000)); // per vessel non-decreasing, not late
            last[v] = t;
            long k = Math.floorDiv(t, 10_000);
            boolean expected = !Long.valueOf(k).equals(reference.put((long) v, k));
            assertThat(s.first(v, t, watermark)).as("vessel %d at %d", v, t).isEqualTo(expected);
            passed += expected ? 1 : 0;
            maxSize = Math.max(maxSize, s.size());
        }
        assertThat(passed).isBetween(100_000, 400_000);
        assertThat(maxSize).isLessThan(2_000); // about the vessels of a few intervals, not all 5 000
    }

    /** A per-vessel detector that records what reaches it. */
    static final class Recorder implements Detector<long[]> {
        final List<Observation> seen = new ArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public long[] createState() {
            return new long[1];
        }

        @Override
        public long sampleIntervalMillis() {
            return 60_000;
        }

        @Override
        public void onObservation(Observation o, long[] state, DetectorContext ctx) {
            seen.add(o);
        }
    }

    @Test
    void theEngineSamplesOnlyTheDetectorThatAsksAndOnlyPositions() {
        Recorder sampled = new Recorder();
        DetectionEngineTest.SilenceDetector all = new DetectionEngineTest.SilenceDetector();
        List<Event> events = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(all, sampled), events::add, 0);
        IdentityObservation st = new IdentityObservation(65_000, "test", 1, 5, StationClass.A, "NAME", "CALL", 9_074_729,
                70, null, 5.5, "PORT", null, 0);
        PositionObservation[] fixes = {DetectionEngineTest.at(1, 0), DetectionEngineTest.at(2, 10_000),
            DetectionEngineTest.at(1, 30_000), DetectionEngineTest.at(1, 60_000), DetectionEngineTest.at(1, 65_000)};
        e.accept(fixes[0]);
        e.accept(fixes[1]);
        e.accept(fixes[2]);
        e.accept(fixes[3]);
        e.accept(fixes[4]);
        e.accept(st);
        e.finish();
        assertThat(sampled.seen).containsExactly(fixes[0], fixes[1], fixes[3], st);
        // The unsampled detector saw every observation: vessel 1 silent only after the last (65 s), vessel 2 after 10 s.
        assertThat(events).extracting(Event::start).containsExactly(10_000L, 65_000L);
    }
}
