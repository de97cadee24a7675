package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flink job on a MiniCluster, fed from a Kafka broker inside the test JVM, against the
 * in-process event-time pipeline ({@link InProcessReference}) on the same real log (DMA drift log),
 * with analyze's default detectors plus two test detectors (a silence timer, a spatial-cell
 * detector): exactly the same event JSON and one vessel state per tracker-accepted observation.
 * {@code watchkeeper analyze} finds the same drift event on this log (645 drifting fixes; 25 of its
 * 5 252 observations are out of order, put back in order within the lateness), see
 * {@link InProcessReference}.
 */
class FlinkJobTest extends KafkaJobTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    static List<String> sharedLines(String relative) throws IOException {
        String shared = System.getProperty("watchkeeper.shared");
        Path p = shared == null ? null : Path.of(shared, relative);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p),
                "shared data not found (" + relative + " under -Dwatchkeeper.shared=" + shared + "); skipped");
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    static JobConfig config(EmbeddedKafka kafka, String name, long lateness) {
        return JobConfig.of(properties(kafka, name, lateness));
    }

    /** The test jobs' settings (bounded read, no land mask) as properties. */
    static Properties properties(EmbeddedKafka kafka, String name, long lateness) {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("topic.input", name + "-in");
        p.setProperty("topic.events", name + "-events");
        p.setProperty("topic.vessels", name + "-vessels");
        p.setProperty("topic.rejects", name + "-rejects");
        p.setProperty("kafka.group.id", name);
        p.setProperty("lateness.millis", Long.toString(lateness));
        p.setProperty("checkpoint.interval.millis", "500");
        p.setProperty("idleness.millis", "60000"); // for the unbounded RecoveryTest; a bounded read has no idleness
        p.setProperty("input.bounded", "true");
        p.setProperty("tracker.land-mask", "false");
        return p;
    }

    static List<DetectorFactory<?>> detectors() {
        DetectorFactory<TestDetectors.Silence.State> silence = () -> new TestDetectors.Silence(30_000);
        DetectorFactory<TestDetectors.Cells.State> cells = TestDetectors.Cells::new;
        List<DetectorFactory<?>> all = new ArrayList<>(Detectors.standard());
        all.add(silence);
        all.add(cells);
        return all;
    }

    @Test
    void realDriftLogGivesTheSameEventsAsTheInProcessEngine() throws Exception {
        drift("drift", 1, 1);
    }

    /**
     * The same real log at parallelism 2 from a topic of 2 partitions: the DMA log's lines are
     * keyed by their tag-block station ({@code si:} is not a source, so by line kind below), so the
     * two partitions carry different halves of the traffic and event time must merge them.
     */
    @Test
    void realDriftLogAtParallelismTwoGivesTheSameEvents() throws Exception {
        drift("drift-p2", 2, 2);
    }

    void drift(String name, int parallelism, int partitions) throws Exception {
        List<String> lines = sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais");
        long lateness = 10_000;
        InProcessReference ref = new InProcessReference(lines, detectors(), lateness);
        assertThat(ref.late).isZero();
        List<String> expected = ref.json();

        JobConfig cfg = config(kafka, name, lateness);
        createTopics(cfg, partitions);
        if (partitions == 1) {
            kafka.send(cfg.inputTopic(), "dma", lines);
        } else {
            kafka.sendByStation(cfg.inputTopic(), lines, partitions);
        }

        StreamExecutionEnvironment env = environment(cfg, parallelism);
        WatchkeeperJob.build(env, cfg, detectors());
        long t0 = System.nanoTime();
        env.execute(name);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> got = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
        System.out.printf("%s: %d lines, %d observations, %d accepted, %d events in-process; job p%d (%d partitions) %d events in %d ms%n",
                name, lines.size(), ref.observations, ref.accepted, expected.size(), parallelism, partitions, got.size(), ms);

        assertThat(expected).hasSizeGreaterThan(10);
        // core's DriftDetector finds the drift this DMA log was recorded for
        assertThat(expected).anyMatch(j -> j.contains("\"kind\":\"drift\"") && j.contains("\"start\":\"2014-09-28T16:37:54.051Z\""));
        if (!got.equals(expected)) {
            Files.write(Path.of("target", name + "-expected.txt"), expected);
            Files.write(Path.of("target", name + "-got.txt"), got);
        }
        assertThat(got).containsExactlyElementsOf(expected);
        List<String> vessels = kafka.readAll(cfg.vesselsTopic());
        assertThat(vessels).hasSize((int) ref.accepted);
        assertThat(vessels).anyMatch(v -> v.contains("\"mmsi\":\"538004030\"") && v.contains("\"lat\":57."));
    }
}
