package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * A real log with one line stamped a year ahead, through {@code watchkeeper analyze} and through the
 * job: the same events, and the stray counted by both (analyze's {@code rejected.stray_time}, the
 * job's metric of the same name). The log is the DMA drift log ({@code 538004030_drift_1.ais}, one
 * {@code $PGHP} time per message) with a copy of a message from its middle inserted after it, its
 * {@code $PGHP} year 2014 changed to 2015 (a receiver clock that jumped). Without the stray-time rule
 * that line moves the event-time watermark a year on and the rest of the log comes late: the
 * in-process ordering without it ({@link InProcessReference}) drops thousands of observations as late.
 */
class StrayTimeJobTest extends KafkaJobTestBase {
    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static List<String> lines;
    static String strayPghp;
    static Map<String, JsonNode> analyzed;
    static JsonNode summary;

    @BeforeAll
    static void setUp(@TempDir Path tmp) throws Exception {
        lines = new ArrayList<>(FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais"));
        strayPghp = insertStray(lines);
        Path file = tmp.resolve("drift-with-stray.ais");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        Path report = tmp.resolve("report");
        analyzed = MultiStationLogTest.analyze(file, report);
        summary = Json.parse(Files.readString(report.resolve("summary.json")));
    }

    @Test
    void analyzeDropsTheStrayAndTheLineWouldOtherwiseMakeTheRestLate() {
        assertThat(summary.get("rejected").get("stray_time").asLong()).isEqualTo(1);
        assertThat(summary.get("events").get("late_observations").asLong()).isZero();
        assertThat(analyzed).isNotEmpty();
        assertThat(analyzed.keySet()).anyMatch(k -> k.contains(" drift "));
        InProcessReference unfiltered = new InProcessReference(lines, Detectors.standard(),
                EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        assertThat(unfiltered.late).isGreaterThan(1_000);
    }

    @Test
    void parallelismOneGivesAnalyzesEventsAndCountsTheStray() throws Exception {
        assertThat(run("stray-p1", 1, 1, Detectors.standard())).containsExactlyEntriesOf(analyzed);
    }

    /**
     * With the test detectors too (a 30 s silence timer, spatial cells), against the in-process
     * pipeline with analyze's stray-time filter: the silence detector would report the stray fix a
     * year ahead, and the gap to it, had it reached the detectors.
     */
    @Test
    void withTheTestDetectorsTheJobGivesTheInProcessEvents() throws Exception {
        InProcessReference ref = new InProcessReference(lines, FlinkJobTest.detectors(),
                EventTimeOrder.DEFAULT_LATENESS_MILLIS, true);
        assertThat(ref.strays).isEqualTo(1);
        assertThat(ref.late).isZero();
        List<String> expected = ref.json();
        assertThat(expected).hasSizeGreaterThan(10);
        JobConfig cfg = FlinkJobTest.config(kafka, "stray-test-detectors", EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "dma", lines);
        StreamExecutionEnvironment env = environment(cfg, 1);
        WatchkeeperJob.build(env, cfg, FlinkJobTest.detectors());
        JobExecutionResult result = env.execute("stray-test-detectors");
        List<String> got = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
        System.out.printf("stray-test-detectors: in-process %d events, job %d events, %d stray%n", expected.size(),
                got.size(), count(result, FramingFunction.STRAY_METRIC));
        assertThat(count(result, FramingFunction.STRAY_METRIC)).isEqualTo(1);
        assertThat(got).containsExactlyElementsOf(expected);
    }

    /**
     * Inserts into the DMA drift log's lines, after a message from its middle, a copy of that message with
     * its {@code $PGHP} year 2014 made 2015 (a receiver clock that jumped a year); returns that line.
     */
    static String insertStray(List<String> lines) {
        int i = lines.size() / 2;
        while (!(lines.get(i).startsWith("$PGHP,1,2014,") && lines.get(i + 1).startsWith("!AIVDM,1,1,")
                && lines.get(i - 1).startsWith("\\"))) {
            i++;
        }
        String pghp = lines.get(i).replace("$PGHP,1,2014,", "$PGHP,1,2015,");
        String body = pghp.substring(1, pghp.indexOf('*'));
        String stray = "$" + body + "*" + FramingStrayTimeTest.hex(body);
        lines.addAll(i + 2, List.of(lines.get(i - 1), stray, lines.get(i + 1)));
        return stray;
    }

    static long count(JobExecutionResult result, String metric) {
        return count(METRICS, result, metric);
    }

    /** The sum over the job's operators of a counter the reporter kept. */
    static long count(InMemoryReporter reporter, JobExecutionResult result, String metric) {
        long n = 0;
        for (Metric m : reporter.findMetrics(result.getJobID(), metric).values()) {
            n += ((Counter) m).getCount();
        }
        return n;
    }

    @Test
    void parallelismTwoFromTwoPartitionsByBaseStationGivesAnalyzesEventsAndCountsTheStray() throws Exception {
        assertThat(run("stray-p2", 2, 2, Detectors.standard())).containsExactlyEntriesOf(analyzed);
    }

    Map<String, JsonNode> run(String name, int parallelism, int partitions, List<DetectorFactory<?>> detectors)
            throws Exception {
        JobConfig cfg = FlinkJobTest.config(kafka, name, EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        createTopics(cfg, partitions);
        if (partitions == 1) {
            kafka.send(cfg.inputTopic(), "dma", lines);
        } else {
            MultiStationLogTest.sendByBaseStation(cfg.inputTopic(), lines, partitions);
        }
        StreamExecutionEnvironment env = environment(cfg, parallelism);
        WatchkeeperJob.build(env, cfg, detectors);
        JobExecutionResult result = env.execute(name);

        Map<String, JsonNode> got = MultiStationLogTest.byHead(kafka.readAll(cfg.eventsTopic()));
        long strays = count(result, FramingFunction.STRAY_METRIC);
        long late = count(result, "lateObservations");
        System.out.printf("%s: %d lines, analyze %d events, job p%d %d events, %d stray, %d late%n", name, lines.size(),
                analyzed.size(), parallelism, got.size(), strays, late);
        assertThat(strays).isEqualTo(1);
        assertThat(late).isZero();
        return got;
    }
}
