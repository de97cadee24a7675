package org.watchkeeper.flink;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput of the whole job (Kafka source, framing and decoding, event-time ordering, picture,
 * core's default detector suite, Kafka sinks) on a local MiniCluster, fed from a Kafka broker in
 * the same JVM whose input topic is filled before the clock starts. Not a unit test: a timed main
 * for docs/PERFORMANCE.md.
 *
 * <pre>
 * java -cp "$(cat flink/target/test-classpath.txt)" org.watchkeeper.flink.FlinkThroughput FILE [parallelisms=1,2] [partitions=2] [detectors=all|none] [dir for events-pN.txt]
 * </pre>
 * FILE: NMEA lines with tag blocks ({@code s:} = station, the record key), e.g. from
 * {@code bench/analyze/MakeAnalyzeInput.java}. Prints per run: lines, events, wall time of
 * {@code env.execute} (job start and end included), lines per second, the process CPU seconds
 * (the broker's share included), and a digest of the sorted event JSON with whether it is identical
 * to the first run's (the job's output must not depend on the parallelism).
 */
public final class FlinkThroughput {
    private FlinkThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int[] parallelisms = java.util.Arrays.stream((args.length > 1 ? args[1] : "1,2").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean detectors = args.length <= 3 || !args[3].equals("none");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> first = null;
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            String topic = "bench-in";
            kafka.createTopic(topic, partitions);
            long t0 = System.nanoTime();
            long lines = publish(kafka, topic, file);
            System.out.printf("published %d lines to %d partitions in %.1f s%n", lines, partitions,
                    (System.nanoTime() - t0) / 1e9);
            for (int p : parallelisms) {
                String name = "bench-p" + p + "-" + System.nanoTime();
                Properties props = new Properties();
                props.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
                props.setProperty("topic.input", topic);
                props.setProperty("topic.events", name + "-events");
                props.setProperty("topic.vessels", name + "-vessels");
                props.setProperty("topic.rejects", name + "-rejects");
                props.setProperty("kafka.group.id", name);
                props.setProperty("checkpoint.interval.millis", "60000");
                props.setProperty("input.bounded", "true");
                props.setProperty("tracker.land-mask", "false");
                JobConfig cfg = JobConfig.of(props);
                kafka.createTopic(cfg.eventsTopic(), 1);
                kafka.createTopic(cfg.vesselsTopic(), 1);
                kafka.createTopic(cfg.rejectsTopic(), 1);
                Configuration conf = new Configuration();
                conf.set(TaskManagerOptions.NUM_TASK_SLOTS, p);
                // state beyond the JobManager's 5 MB in-memory limit: checkpoints to files
                conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        Files.createTempDirectory("wk-checkpoints").toUri().toString());
                StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(p, conf);
                WatchkeeperJob.configure(env, cfg);
                env.setParallelism(p);
                WatchkeeperJob.build(env, cfg, detectors ? Detectors.standard() : List.of());
                long cpu0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                JobExecutionResult r = env.execute(name);
                double wall = (System.nanoTime() - w0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                List<String> got = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
                long events = got.size();
                System.out.printf("p%d: %d lines, %d events, wall %.1f s (net runtime %.1f s), %.0f lines/s, "
                        + "process CPU %.1f s (%.0f lines per CPU-s), load average %.1f%n", p, lines, events, wall,
                        r.getNetRuntime() / 1000.0, lines / wall, cpu, lines / cpu, os.getSystemLoadAverage());
                if (first == null) {
                    first = got;
                }
                if (args.length > 4) {
                    Files.write(Path.of(args[4], "events-p" + p + ".txt"), got);
                }
                System.out.printf("p%d: event set digest %s, %s the first run's%n", p, digest(got),
                        got.equals(first) ? "identical to" : "DIFFERENT from");
            }
        }
    }

    /** SHA-256 (first 16 hex digits) of the sorted event JSON lines, to compare runs. */
    static String digest(List<String> sortedEvents) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        for (String e : sortedEvents) {
            md.update(e.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** One record per line, keyed by the tag-block source; returns the number of lines. */
    static long publish(EmbeddedKafka kafka, String topic, Path file) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
             BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, NmeaLineDeserializer.tagSource(line).getBytes(StandardCharsets.UTF_8),
                        line.getBytes(StandardCharsets.ISO_8859_1)));
                n++;
            }
            producer.flush();
        }
        return n;
    }
}
