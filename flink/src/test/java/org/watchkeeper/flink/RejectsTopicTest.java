package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.app.Main;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * The rejects topic ({@code topic.rejects}): a real log with a line whose checksum was damaged, a line
 * that is no NMEA, a message copied a year ahead (a stray time) and the log's first message copied to
 * its end (2 h 30 min behind: late once the source's watermark has moved on). The topic carries each
 * rejected line with the reason and detail {@code watchkeeper decode --errors} gives the same file, the
 * stray and any late observation with their values, one record per count of the job's metrics.
 */
class RejectsTopicTest extends KafkaJobTestBase {
    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .build());

    @Test
    void everyLineAndObservationTheJobDidNotUseIsOnTheRejectsTopicWithItsReason(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>(FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais"));
        StrayTimeJobTest.insertStray(lines); // a message from the middle copied a year ahead
        // a damaged checksum, a quarter in
        int j = lines.size() / 4;
        while (!lines.get(j).startsWith("!AIVDM,1,1,")) {
            j++;
        }
        String good = lines.get(j);
        String damaged = good.substring(0, good.length() - 2) + (good.endsWith("00") ? "01" : "00");
        lines.set(j, damaged);
        // no NMEA at all
        lines.add(j + 10, "hello from a misconfigured feed");
        // the log's first message (16:00:04.684) again at its end (18:29:54): late
        lines.addAll(lines.subList(0, 3).stream().toList());
        assertThat(lines.get(lines.size() - 2)).startsWith("$PGHP,1,2014,9,28,16,0,4,684,");

        // what decode --errors says of the same file
        Path file = tmp.resolve("drift-damaged.ais");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        Path errors = tmp.resolve("errors.tsv");
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute("decode", "--quiet", "-o", tmp.resolve("out.jsonl").toString(), "--errors", errors.toString(),
                        file.toString());
        assertThat(code).as(err.toString()).isZero();
        List<String> expected = new ArrayList<>();
        for (String row : Files.readAllLines(errors, StandardCharsets.UTF_8).subList(1, Files.readAllLines(errors).size())) {
            String[] f = row.split("\t", -1); // file, line, reason, detail, text
            expected.add(f[2] + " | " + f[3] + " | " + f[4]);
        }
        assertThat(expected).contains("bad_checksum | " + checksumDetail(expected) + " | " + damaged)
                .anyMatch(e -> e.endsWith(" | hello from a misconfigured feed"));

        JobConfig cfg = FlinkJobTest.config(kafka, "rejects", EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        assertThat(cfg.rejectsTopic()).isEqualTo("rejects-rejects");
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "dma", lines);
        StreamExecutionEnvironment env = environment(cfg, 1);
        WatchkeeperJob.build(env, cfg, Detectors.standard());
        JobExecutionResult result = env.execute("rejects");

        List<String[]> records = kafka.readKeyed(cfg.rejectsTopic());
        List<String> rejectedLines = new ArrayList<>();
        List<JsonNode> strays = new ArrayList<>();
        List<JsonNode> late = new ArrayList<>();
        for (String[] kv : records) {
            JsonNode n = Json.parse(kv[1]);
            assertThat(kv[0]).isEqualTo(n.has("mmsi") ? n.get("mmsi").asText() : "dma");
            switch (n.get("kind").asText()) {
                case "rejected_line" -> {
                    assertThat(n.get("source").asText()).isEqualTo("dma");
                    // the code for programs, as decode --errors writes it; the description for a person, as decode's summary
                    assertThat(n.get("description").asText())
                            .isEqualTo(org.watchkeeper.ais.RejectReason.ofCode(n.get("reason").asText()).description());
                    rejectedLines.add(n.get("reason").asText() + " | " + n.get("detail").asText() + " | " + n.get("line").asText());
                }
                case "stray_time" -> strays.add(n);
                case "late" -> late.add(n);
                default -> throw new AssertionError("unexpected record " + kv[1]);
            }
        }
        System.out.printf("rejects topic: %d rejected lines %s, %d strays, %d late%n", rejectedLines.size(), rejectedLines,
                strays.size(), late.size());
        assertThat(rejectedLines).containsExactlyElementsOf(expected);
        assertThat(count(result, "rejectedLines")).isEqualTo(expected.size());

        assertThat(strays).singleElement().satisfies(n -> {
            assertThat(n.get("type").asText()).isEqualTo("position");
            assertThat(n.get("message_type").asInt()).isBetween(1, 3);
            assertThat(n.get("time").asText()).startsWith("2015-");
            assertThat(n.get("mmsi").asText()).matches("\\d{9}");
            assertThat(n.get("source").asText()).isEqualTo("AI"); // the talker: the log has no tag block s:
        });
        assertThat(count(result, FramingFunction.STRAY_METRIC)).isEqualTo(1);

        // Whether the first message, copied to the end, is late depends on whether the source's periodic
        // watermark moved on before the copy was read (a bounded read of one fetch may give it none in
        // between): so the test asks only that each late observation counted is on the topic, and which.
        assertThat((long) late.size()).isEqualTo(count(result, "lateObservations")).isLessThanOrEqualTo(1);
        for (JsonNode n : late) {
            assertThat(n.get("type").asText()).isEqualTo("position");
            assertThat(n.get("time").asText()).isEqualTo("2014-09-28T16:00:04.684Z");
            assertThat(n.get("mmsi").asText()).isEqualTo("538004030");
        }
    }

    /** A late observation's record, value for value (the job's test above cannot make one late for sure). */
    @Test
    void aLateObservationsRecordHoldsItsValues() {
        org.watchkeeper.core.observation.PositionObservation p = new org.watchkeeper.core.observation.PositionObservation(
                java.time.Instant.parse("2014-09-28T16:00:04.684Z").toEpochMilli(), "AI", 538004030, 1, null, 55.6125671,
                15.3122333, 0.4, 187.5, -1, 0, false, false);
        assertThat(Json.dropped(Json.LATE, p)).isEqualTo("{\"kind\":\"late\",\"type\":\"position\",\"message_type\":1,"
                + "\"time\":\"2014-09-28T16:00:04.684Z\",\"mmsi\":\"538004030\",\"lat\":55.612567,\"lon\":15.312233,"
                + "\"speed\":0.4,\"course\":187.5,\"status\":0,\"source\":\"AI\"}");
        org.watchkeeper.core.observation.HeardObservation h = new org.watchkeeper.core.observation.HeardObservation(
                java.time.Instant.parse("2014-09-28T16:00:05Z").toEpochMilli(), null, 2190071, 4, null);
        assertThat(Json.dropped(Json.STRAY_TIME, h)).isEqualTo("{\"kind\":\"stray_time\",\"type\":\"heard\","
                + "\"message_type\":4,\"time\":\"2014-09-28T16:00:05Z\",\"mmsi\":\"002190071\"}");
    }

    private static long count(JobExecutionResult result, String metric) {
        return StrayTimeJobTest.count(METRICS, result, metric);
    }

    /** The detail decode gives the damaged line (the checksums it computed and read). */
    private static String checksumDetail(List<String> expected) {
        return expected.stream().filter(e -> e.startsWith("bad_checksum | ")).findFirst()
                .map(e -> e.split(" \\| ", -1)[1]).orElse("?");
    }
}
