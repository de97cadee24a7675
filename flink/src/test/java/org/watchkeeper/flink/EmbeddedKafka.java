package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A one-node Kafka cluster (KRaft, broker and controller combined) inside the test JVM. */
final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    EmbeddedKafka() throws Exception {
        this(Map.of());
    }

    /** A broker with these settings besides the test's own (e.g. auto.create.topics.enable=false). */
    EmbeddedKafka(Map<String, String> settings) throws Exception {
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // The broker's time-based retention (7 days) applies to record timestamps: check it
                // from the start and every second, so that a record written with an old timestamp
                // (a replayed log's event time) is deleted during the test as a production broker
                // would delete it, instead of after the test has read it.
                .setConfigProp("log.initial.task.delay.ms", "0")
                .setConfigProp("log.retention.check.interval.ms", "1000");
        settings.forEach(b::setConfigProp);
        cluster = b.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Sends each line as one record with the given key, in order, and waits for the acks. */
    void send(String topic, String key, List<String> lines) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String l : lines) {
                producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        l.getBytes(StandardCharsets.ISO_8859_1)));
            }
            producer.flush();
        }
    }

    /**
     * Sends a DMA-style log (each group of lines starts with a {@code \si:STATION} tag-block line)
     * as one record per line keyed by that station, the stations spread over the partitions in the
     * order they first appear (round robin), so that every partition carries its stations' lines
     * in log order; waits for the acks.
     */
    void sendByStation(String topic, List<String> lines, int partitions) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Map<String, Integer> partitionOf = new java.util.HashMap<>();
        String station = "";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String l : lines) {
                if (l.startsWith("\\si:")) {
                    station = l.substring(4, Math.max(4, l.indexOf('*')));
                }
                int part = partitionOf.computeIfAbsent(station, k -> partitionOf.size() % partitions);
                producer.send(new ProducerRecord<>(topic, part, station.getBytes(StandardCharsets.UTF_8),
                        l.getBytes(StandardCharsets.ISO_8859_1)));
            }
            producer.flush();
        }
    }

    /** Every record value of a topic (all partitions, from the start to the current end), as UTF-8. */
    List<String> readAll(String topic) {
        return readKeyed(topic).stream().map(kv -> kv[1]).toList();
    }

    /**
     * Every record of a topic as {key or null, value} (UTF-8), from the start to the current end; the
     * records of one partition in offset order.
     */
    List<String[]> readKeyed(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new String[] {r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        new String(r.value(), StandardCharsets.UTF_8)});
                }
            }
        }
        return out;
    }

    /**
     * Stops the broker's client listener, closing its connections and taking no new one, while the node stays up
     * and its controller keeps it the partitions' leader: to a producer, a broker that stopped answering at once
     * (a crash, a network cut), with no metadata saying so.
     */
    void stopServingClients() {
        cluster.brokers().values().forEach(b -> b.socketServer().stopProcessingRequests());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
