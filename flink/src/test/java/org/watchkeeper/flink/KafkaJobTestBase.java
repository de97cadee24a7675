package org.watchkeeper.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
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

    /** Creates the job's topics on {@link #kafka}: the input with {@code partitions} partitions, events and vessels with one each. */
    static void createTopics(JobConfig cfg, int partitions) throws Exception {
        kafka.createTopic(cfg.inputTopic(), partitions);
        kafka.createTopic(cfg.eventsTopic(), 1);
        kafka.createTopic(cfg.vesselsTopic(), 1);
    }

    /** The execution environment configured as {@link WatchkeeperJob#configure} does, at {@code parallelism}. */
    static StreamExecutionEnvironment environment(JobConfig cfg, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WatchkeeperJob.configure(env, cfg);
        env.setParallelism(parallelism);
        return env;
    }

    /** A MiniCluster of one task manager with {@code slots} task slots, for a {@code @RegisterExtension} field. */
    static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
