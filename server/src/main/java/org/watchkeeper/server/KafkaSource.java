package org.watchkeeper.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Kafka topic of NMEA lines as a live source:
 * {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC[?group=GROUP&from=earliest|latest]}.
 *
 * <ul>
 *   <li>Each record's value holds one line or more (as {@code watchkeeper kafka-publish} writes
 *       them, one a record); lines are framed as a TCP stream's are, and a line without a time of
 *       its own takes the record's timestamp as its receive time. The record key is not used: the
 *       topic is one source, as an aggregator's TCP feed is.</li>
 *   <li>Offsets are kept in the consumer group {@code GROUP} (default {@code watchkeeper-serve-NAME})
 *       and committed after each batch of records has been handed to the pipeline (and so to the
 *       raw archive), and when the server stops: a restart goes on after the records read before.
 *       A group new to the topic starts at its earliest record ({@code from=earliest}, the default,
 *       so nothing the topic still holds is missed) or at the records to come ({@code
 *       from=latest}).</li>
 *   <li>A broker that cannot be reached or a topic that does not exist is the source's
 *       {@link #error()} (said once on stderr, shown in {@code /api/stats}), looked at again with
 *       back-off from 1 s to 60 s; while the topic is quiet for 10 s, the broker is asked for the
 *       topic's end offsets, so a broker gone away shows the same way.</li>
 * </ul>
 */
public final class KafkaSource extends Source {
    private static final long QUIET_CHECK_MILLIS = 10_000;
    private final String bootstrap;
    private final String topic;
    private final String group;
    private final String from;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean reading;

    private KafkaSource(String name, Pipeline pipeline, String bootstrap, String topic, String group, String from) {
        super(name, pipeline);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
        this.from = from;
    }

    /**
     * Parses {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC[?group=G&from=earliest|latest]}.
     *
     * @throws IllegalArgumentException with what is wrong: a broker without a host or port, no topic
     *     or a topic name Kafka does not allow ({@code [A-Za-z0-9._-]}, 1-249 characters), an unknown
     *     or repeated parameter, {@code from} other than {@code earliest} or {@code latest}
     */
    static KafkaSource of(String name, Pipeline pipeline, String uri) {
        String rest = uri.substring("kafka://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a Kafka source is kafka://HOST:PORT/TOPIC, with a topic: " + uri);
        }
        List<String> brokers = new ArrayList<>();
        for (String b : rest.substring(0, slash).split(",", -1)) {
            Address a = address(uri, b);
            if (a.host() == null || a.port() < 1) {
                throw new IllegalArgumentException("each Kafka broker is HOST:PORT, not '" + b + "': " + uri);
            }
            brokers.add(b);
        }
        String path = rest.substring(slash + 1);
        int q = path.indexOf('?');
        String topic = q < 0 ? path : path.substring(0, q);
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("a Kafka topic is 1-249 letters, digits, '.', '_' or '-', not '" + topic + "': " + uri);
        }
        Map<String, String> params = parameters(uri, List.of("group", "from"), "a kafka:// source takes group and from");
        String group = params.get("group");
        if (group != null && group.isEmpty()) {
            throw new IllegalArgumentException("group needs a name: " + uri);
        }
        String from = params.get("from");
        if (from != null && !from.equals("earliest") && !from.equals("latest")) {
            throw new IllegalArgumentException("from is earliest or latest, not '" + from + "': " + uri);
        }
        return new KafkaSource(name, pipeline, String.join(",", brokers), topic,
                group == null ? "watchkeeper-serve-" + name : group, from == null ? "earliest" : from);
    }

    @Override
    public String kind() {
        return "kafka";
    }

    @Override
    public boolean up() {
        return reading && error() == null;
    }

    /** The consumer group whose committed offsets say where the source goes on. */
    public String group() {
        return group;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "watchkeeper-serve-" + name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from);
        // a missing topic is said, not made
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return p;
    }

    @Override
    protected void run() throws InterruptedException {
        String where = bootstrap;
        long[] time = {0};
        InterruptedException[] stop = new InterruptedException[1];
        LineFramer f = new LineFramer(b -> {
            if (stop[0] != null) {
                return;
            }
            try {
                deliver(b, time[0]);
            } catch (InterruptedException e) {
                stop[0] = e;
            }
        });
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            if (closed) {
                return;
            }
            try {
                awaitTopic(c, where);
                c.subscribe(List.of(topic));
                reading = true;
                long lastRecord = System.currentTimeMillis();
                long backoff = 1000;
                long before = 0;
                while (!closed) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                    long now = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        time[0] = r.timestamp() > 0 ? r.timestamp() : now;
                        byte[] v = r.value();
                        if (v != null) {
                            f.feed(v, 0, v.length);
                            f.endLine();
                        }
                        if (stop[0] != null) {
                            throw stop[0];
                        }
                    }
                    overlong.add(f.overlong() - before);
                    before = f.overlong();
                    if (!records.isEmpty()) {
                        c.commitAsync();
                        lastRecord = now;
                        recovered("reading topic " + topic + " at " + where + " again");
                    } else if (now - lastRecord >= QUIET_CHECK_MILLIS) {
                        // a quiet topic, or a broker gone: ask the broker
                        lastRecord = now;
                        Set<TopicPartition> assigned = c.assignment();
                        try {
                            c.endOffsets(assigned.isEmpty() ? List.of(new TopicPartition(topic, 0)) : assigned, Duration.ofSeconds(5));
                            recovered("reading topic " + topic + " at " + where + " again");
                            backoff = 1000;
                        } catch (org.apache.kafka.common.errors.TimeoutException e) {
                            failed("cannot reach Kafka at " + where + " (topic " + topic + ")", "asking again in " + backoff / 1000
                                    + " s, then at most every 60 s");
                            Thread.sleep(backoff);
                            backoff = Math.min(60_000, backoff * 2);
                        }
                    }
                }
            } catch (WakeupException | InterruptException e) {
                // closing
            } finally {
                reading = false;
                f.endLine();
                // the stop interrupts this thread; the last commit goes first
                boolean interrupted = Thread.interrupted();
                try {
                    c.commitSync(Duration.ofSeconds(5));
                } catch (KafkaException e) {
                    // the broker is away: the records since the last commit are read again after a restart
                    System.err.println("source " + name + ": offsets not committed at stop: " + e.getMessage());
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                } else {
                    pipeline.endOfStream(name);
                }
            }
        } catch (KafkaException e) {
            if (!closed) {
                failed("Kafka consumer stopped: " + e.getMessage(), "the source has stopped");
            }
        }
    }

    /** Waits until the broker answers and knows the topic, saying why while it does not. */
    private void awaitTopic(KafkaConsumer<byte[], byte[]> c, String where) throws InterruptedException {
        long backoff = 1000;
        while (!closed) {
            String why;
            try {
                List<PartitionInfo> parts = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (parts != null && !parts.isEmpty()) {
                    recovered("topic " + topic + " found at " + where);
                    return;
                }
                why = "topic " + topic + " not found at " + where;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                why = "cannot reach Kafka at " + where + " (topic " + topic + ")";
            } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
                why = "topic " + topic + " not found at " + where;
            }
            failed(why, "asking again in " + backoff / 1000 + " s, then at most every 60 s");
            Thread.sleep(backoff);
            backoff = Math.min(60_000, backoff * 2);
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        super.close();
    }
}
