package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.observation.Observation;

/**
 * The job fails mid-stream after a checkpoint and Flink restores it from that checkpoint: the
 * events are the same as the in-process engine's on the whole log, none lost, none duplicated
 * (transactional Kafka sink), and the restored job did not start over.
 */
class RecoveryTest extends KafkaJobTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(1);

    /** Injected failure: the first observation after {@link #ARMED} throws, once. */
    static volatile boolean ARMED;
    static volatile boolean FAILED;
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicLong SEEN_AT_FAILURE = new AtomicLong();

    /** The silence detector with a failure injected; its events are the silence detector's. */
    static final class FailOnce implements Detector<TestDetectors.Silence.State> {
        final TestDetectors.Silence inner = new TestDetectors.Silence(30_000);

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public TestDetectors.Silence.State createState() {
            return inner.createState();
        }

        @Override
        public void onObservation(Observation o, TestDetectors.Silence.State s, DetectorContext ctx) {
            long n = SEEN.incrementAndGet();
            if (ARMED && !FAILED) {
                FAILED = true;
                SEEN_AT_FAILURE.set(n);
                throw new IllegalStateException("injected failure");
            }
            inner.onObservation(o, s, ctx);
        }

        @Override
        public void onTimer(long timestamp, TestDetectors.Silence.State s, DetectorContext ctx) {
            inner.onTimer(timestamp, s, ctx);
        }
    }

    @Test
    void restoreFromTheLastCheckpointGivesTheSameEventsOnce() throws Exception {
        List<String> lines = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais");
        long lateness = 10_000;
        InProcessReference ref = new InProcessReference(lines, FlinkJobTest.detectors(), lateness);
        List<String> expected = ref.json();

        JobConfig cfg = checkpointed(FlinkJobTest.config(kafka, "recovery", lateness), 200);
        createTopics(cfg, 1);
        int half = lines.size() / 2;
        kafka.send(cfg.inputTopic(), "dma", lines.subList(0, half));

        StreamExecutionEnvironment env = restartingEnvironment(cfg, 1);
        TopicPartition tp = new TopicPartition(cfg.inputTopic(), 0);
        DetectorFactory<TestDetectors.Silence.State> failing = FailOnce::new;
        DetectorFactory<TestDetectors.Cells.State> cells = TestDetectors.Cells::new;
        List<DetectorFactory<?>> all = new java.util.ArrayList<>(Detectors.standard());
        all.add(failing);
        all.add(cells);
        // Stops at the end of the whole log, of which only the first half is in the topic yet.
        WatchkeeperJob.build(env, cfg, WatchkeeperJob.source(cfg)
                .setBounded(OffsetsInitializer.offsets(Map.of(tp, (long) lines.size()))).build(), all);
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("recovery");

        // A checkpoint has completed once it committed the source offsets: wait for one past the first half.
        awaitCheckpointPast(cfg, tp, half);
        long seenBefore = SEEN.get();
        ARMED = true;
        kafka.send(cfg.inputTopic(), "dma", lines.subList(half, lines.size()));
        job.getJobExecutionResult().get(10, TimeUnit.MINUTES); // a hang guard, not a speed check
        long ms = (System.nanoTime() - t0) / 1_000_000;

        List<String> got = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
        System.out.printf("recovery: %d observations before the failure, %d after restore (%d in all); "
                + "%d events; job %d ms%n", SEEN_AT_FAILURE.get(), SEEN.get() - SEEN_AT_FAILURE.get(), ref.detected,
                got.size(), ms);
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(SEEN_AT_FAILURE.get()).isEqualTo(seenBefore + 1);
        // Restored from the checkpoint: the first half was not processed again.
        assertThat(SEEN.get() - SEEN_AT_FAILURE.get()).isLessThan(ref.detected - seenBefore / 2);
        assertThat(got).containsExactlyElementsOf(expected);
    }
}
