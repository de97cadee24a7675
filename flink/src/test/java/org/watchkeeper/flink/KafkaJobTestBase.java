package org.watchkeeper.flink;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that run against Kafka: a one-node {@link EmbeddedKafka} started before the
 * class's own {@code @BeforeAll} methods and closed after its tests, in {@link #kafka}; and the Flink
 * MiniCluster the job tests register ({@link #miniCluster}).
 */
abstract class KafkaJobTestBase {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /**
     * Creates the job's topics on {@link #kafka}: the input with {@code partitions} partitions, events,
     * vessels and rejects (when the settings name one) with one each.
     */
    static void createTopics(JobConfig cfg, int partitions) throws Exception {
        kafka.createTopic(cfg.inputTopic(), partitions);
        kafka.createTopic(cfg.eventsTopic(), 1);
        kafka.createTopic(cfg.vesselsTopic(), 1);
        if (cfg.rejectsTopic() != null) {
            kafka.createTopic(cfg.rejectsTopic(), 1);
        }
    }

    /** The execution environment configured as {@link WatchkeeperJob#configure} does, at {@code parallelism}. */
    static StreamExecutionEnvironment environment(JobConfig cfg, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WatchkeeperJob.configure(env, cfg);
        env.setParallelism(parallelism);
        return env;
    }

    /** {@code base} with a checkpoint every {@code intervalMillis} and a bounded read, for the restore tests. */
    static JobConfig checkpointed(JobConfig base, long intervalMillis) {
        return new JobConfig(base.bootstrapServers(), base.inputTopic(), base.eventsTopic(), base.vesselsTopic(),
                base.groupId(), base.allowedLatenessMillis(), base.idlenessMillis(), intervalMillis, 1, false, false, true, null,
                base.ports());
    }

    /** An environment as {@link #environment} that restarts a failed job twice, 100 ms apart, from its last checkpoint. */
    static StreamExecutionEnvironment restartingEnvironment(JobConfig cfg, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        WatchkeeperJob.configure(env, cfg);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * Waits until the job's consumer group has committed {@code offset} on {@code tp}, which it does when
     * a checkpoint past that offset completes (at most 5 minutes: the machine may be shared).
     */
    static void awaitCheckpointPast(JobConfig cfg, TopicPartition tp, long offset) throws Exception {
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            long deadline = System.currentTimeMillis() + 300_000;
            while (true) {
                OffsetAndMetadata om = admin.listConsumerGroupOffsets(cfg.groupId())
                        .partitionsToOffsetAndMetadata().get().get(tp);
                if (om != null && om.offset() >= offset) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no checkpoint past offset " + offset + " of " + tp + " within 5 minutes");
                }
                Thread.sleep(50);
            }
        }
    }

    /** A MiniCluster of one task manager with {@code slots} task slots, for a {@code @RegisterExtension} field. */
    static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
