package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.vessel.GapDetector;
import org.watchkeeper.core.observation.Observation;

/**
 * The gap detector's reception figures come from every vessel's positions, in the job as in process.
 * Two vessels share a 1° cell of the Bay of Bengal, some 200 nm from shore: A reports every 10 s for
 * 38 h, B every minute for 24 h, goes silent for 13 h and reports again. Their MMSIs fall on different
 * subtasks at parallelism 2, so a reception map built per subtask would see B's positions alone in the
 * cell (1 440 a day) where the whole input has A's too ((8 640 + 1 440) / 2 days of presence = 5 040).
 */
class GapReceptionJobTest extends KafkaJobTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    static final List<DetectorFactory<?>> GAP = List.of((DetectorFactory<GapDetector.State>) GapDetector::withDefaults);
    static final long T0 = 1_717_200_000L; // 2024-06-01T00:00:00Z, s
    static final long H = 3600;

    /** Two MMSIs of the 235 MID that the job's MMSI key puts on different subtasks at parallelism 2. */
    static int[] mmsisOnTwoSubtasks() {
        int a = 235_000_001;
        int sa = KeyGroupRangeAssignment.assignKeyToParallelOperator((long) a, 128, 2);
        for (int b = a + 1; ; b++) {
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator((long) b, 128, 2) != sa) {
                return new int[] {a, b};
            }
        }
    }

    record Fix(long second, int mmsi, double lat, double lon) {
    }

    static String line(Fix f) {
        PositionReport r = new PositionReport(1, 0, f.mmsi(), 0, -128, 5.0, true, f.lon(), f.lat(), 90.0, 90,
                (int) (f.second() % 60), 0, 0, false, new CommunicationState.Sotdma(0, 0, 0).raw());
        BitWriter w = new BitWriter();
        r.encode(w);
        String tag = "c:" + (T0 + f.second()) + ",s:TEST";
        String body = "AIVDM,1,1,,A," + w.armoured() + ",0";
        return "\\" + tag + "*" + checksum(tag) + "\\!" + body + "*" + checksum(body);
    }

    static String checksum(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x ^= s.charAt(i);
        }
        return String.format("%02X", x);
    }

    static List<String> log(int a, int b) {
        List<Fix> fixes = new ArrayList<>();
        for (long t = 0; t <= 38 * H; t += 10) {
            fixes.add(new Fix(t, a, 5.5, 90.2 + t * 2e-6)); // about 8 nm east in 38 h
        }
        for (long t = 5; t <= 24 * H; t += 60) {
            fixes.add(new Fix(t, b, 5.4, 90.5 + t * 2e-6));
        }
        for (long t = 37 * H + 5; t <= 38 * H; t += 60) {
            fixes.add(new Fix(t, b, 5.6, 90.7));
        }
        fixes.sort(Comparator.comparingLong(Fix::second));
        return fixes.stream().map(GapReceptionJobTest::line).toList();
    }

    @Test
    void parallelismTwoGivesTheInProcessGapReceptionFromBothVessels() throws Exception {
        int[] m = mmsisOnTwoSubtasks();
        List<String> lines = log(m[0], m[1]);
        InProcessReference ref = new InProcessReference(lines, GAP, 10_000);
        List<String> expected = ref.json();
        assertThat(expected).hasSize(1);
        JsonNode gap = new ObjectMapper().readTree(expected.get(0));
        assertThat(gap.get("vessels").get(0).asInt()).isEqualTo(m[1]);
        assertThat(gap.get("start").asText()).isEqualTo("2024-06-01T23:59:05Z");
        assertThat(gap.get("end").asText()).isEqualTo("2024-06-02T13:00:05Z");
        // cell 5..6°N 90..91°E, the whole hours before the start's (00:00 .. 23:00): A 23 × 360 fixes and
        // B 23 × 60; presence is filed under the hour of the later fix of each interval, so hour 00 holds
        // A's 359 intervals of 10 s and B's 59 of 60 s, every later hour 360 and 60
        double positions = 23 * 360 + 23 * 60;
        double presenceDays = ((359 + 22 * 360) * 10 + (59 + 22 * 60) * 60) / 86_400.0;
        assertThat(gap.get("attributes").get("reception_positions_per_day").asDouble())
                .isCloseTo(positions / presenceDays, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(gap.get("attributes").get("input_heard_after_start").asBoolean()).isTrue();
        assertThat(gap.get("attributes").get("likely_disabling").asBoolean()).isTrue();

        JobConfig cfg = FlinkJobTest.config(kafka, "gap-reception-p2", 10_000);
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "test", lines);
        StreamExecutionEnvironment env = environment(cfg, 2);
        WatchkeeperJob.build(env, cfg, GAP);
        env.execute("gap-reception-p2");
        assertThat(kafka.readAll(cfg.eventsTopic())).containsExactlyElementsOf(expected);
    }

    /** Injected failure: the first observation after {@link #ARMED} throws, once. */
    static volatile boolean ARMED;
    static volatile boolean FAILED;

    /** The gap detector with a failure injected; everything else, its shared state included, is the detector's. */
    static final class FailingGap implements Detector<GapDetector.State> {
        final GapDetector inner = GapDetector.withDefaults();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public GapDetector.State createState() {
            return inner.createState();
        }

        @Override
        public void onObservation(Observation o, GapDetector.State s, DetectorContext ctx) {
            if (ARMED && !FAILED) {
                FAILED = true;
                throw new IllegalStateException("injected failure");
            }
            inner.onObservation(o, s, ctx);
        }

        @Override
        public void onTimer(long timestamp, GapDetector.State s, DetectorContext ctx) {
            inner.onTimer(timestamp, s, ctx);
        }

        @Override
        public Serializable sharedState() {
            return inner.sharedState();
        }

        @Override
        public void restoreSharedState(Serializable state) {
            inner.restoreSharedState(state);
        }
    }

    /**
     * The job fails after a checkpoint taken some 18 h into the log and is restored from it: the gap's
     * start facts, frozen 6 h after its start (30 h in), read the reception of hours 0..22 from the
     * restored map, and the event is the in-process one. A map not kept in the checkpoint would hold
     * only what came after the restore.
     */
    @Test
    void aRestoredJobKeepsTheReceptionMapOfItsCheckpoint() throws Exception {
        int[] m = mmsisOnTwoSubtasks();
        List<String> lines = log(m[0], m[1]);
        List<String> expected = new InProcessReference(lines, GAP, 10_000).json();
        assertThat(expected).hasSize(1);

        JobConfig cfg = checkpointed(FlinkJobTest.config(kafka, "gap-recovery", 10_000), 200);
        createTopics(cfg, 1);
        int half = lines.size() / 2;
        assertThat(lines.get(half)).contains("c:" + (T0 + 65_050)); // 18:04:10, before the gap and its freeze
        kafka.send(cfg.inputTopic(), "test", lines.subList(0, half));

        StreamExecutionEnvironment env = restartingEnvironment(cfg, 2);
        TopicPartition tp = new TopicPartition(cfg.inputTopic(), 0);
        WatchkeeperJob.build(env, cfg, WatchkeeperJob.source(cfg)
                .setBounded(OffsetsInitializer.offsets(Map.of(tp, (long) lines.size()))).build(),
                List.of((DetectorFactory<GapDetector.State>) FailingGap::new));
        JobClient job = env.executeAsync("gap-recovery");
        awaitCheckpointPast(cfg, tp, half);
        ARMED = true;
        kafka.send(cfg.inputTopic(), "test", lines.subList(half, lines.size()));
        job.getJobExecutionResult().get(10, TimeUnit.MINUTES); // a hang guard, not a speed check
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(kafka.readAll(cfg.eventsTopic())).containsExactlyElementsOf(expected);
    }
}
