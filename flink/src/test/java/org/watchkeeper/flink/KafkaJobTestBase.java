package org.watchkeeper.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
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

    /** A MiniCluster of one task manager with {@code slots} task slots, for a {@code @RegisterExtension} field. */
    static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
