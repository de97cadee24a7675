package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.app.Main;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * A log merged from many base stations through the job and through {@code watchkeeper analyze}:
 * the same events. The DMA sample {@code ais-sample.txt.gz} (5 minutes of the Danish coastal
 * network, 80 246 lines) lists each transmission as received by several base stations
 * milliseconds apart, in no particular order, so about a third of its observations are older than
 * the newest one before them. Analyze puts the detectors' input back in event-time order with the
 * job's out-of-orderness, and feeds them every reception but duplicates (the same report from a
 * second station, told in that order) as the job does, so the job, at
 * parallelism 1 from one partition and at parallelism 2 from two partitions keyed by base station
 * ({@code $PGHP} field 11), finds exactly analyze's events: same ids, kinds, start and end times,
 * vessels and attribute values. The DMA sudden-speed-change log checks the same for an event that
 * rests on a reception the tracker rejects.
 */
class MultiStationLogTest extends KafkaJobTestBase {
    private static final String LOG = "data/ais/dma-aisabnormal/ais-sample.txt.gz";

    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    static List<String> lines;
    /** analyze's events: "id kind start end vessels" to attributes. */
    static Map<String, JsonNode> analyzed;
    static JsonNode summary;

    @BeforeAll
    static void setUp(@TempDir Path tmp) throws Exception {
        Path log = shared(LOG);
        lines = gzLines(LOG);
        Path report = tmp.resolve("report");
        analyzed = analyze(log, report);
        summary = Json.parse(Files.readString(report.resolve("summary.json")));
    }

    /** The non-empty lines of a gzipped shared log; skips the test when the shared data is absent. */
    static List<String> gzLines(String relative) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(shared(relative)))) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r?\n")) {
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    static Path shared(String relative) {
        String shared = System.getProperty("watchkeeper.shared");
        Path log = shared == null ? null : Path.of(shared, relative);
        Assumptions.assumeTrue(log != null && Files.isRegularFile(log),
                "shared data not found (" + relative + " under -Dwatchkeeper.shared=" + shared + "); skipped");
        return log;
    }

    /** Runs {@code watchkeeper analyze --no-store} on a log; its events as "id kind start end vessels" to attributes. */
    static Map<String, JsonNode> analyze(Path log, Path report) throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute("analyze", "--no-store", "--quiet", "--report", report.toString(), log.toString());
        assertThat(code).as(err.toString()).isZero();
        Map<String, JsonNode> events = new TreeMap<>();
        for (JsonNode e : Json.parse(Files.readString(report.resolve("events.json")))) {
            List<Integer> vessels = new ArrayList<>();
            e.get("mmsis").forEach(m -> vessels.add(Integer.parseInt(m.asText())));
            events.put(head(e.get("id").asText(), e.get("kind").asText(), e.get("start").asText(), e.get("end").asText(),
                    vessels), e.get("evidence").get("attributes"));
        }
        return events;
    }

    static String head(String id, String kind, String start, String end, List<Integer> vessels) {
        return id + " " + kind + " " + start + " " + end + " " + vessels;
    }

    /** The job's events (JSON) by {@link #head}, each with its attributes, as analyze's are compared. */
    static Map<String, JsonNode> byHead(List<String> events) {
        Map<String, JsonNode> got = new TreeMap<>();
        for (String json : events) {
            JsonNode e = Json.parse(json);
            List<Integer> vessels = new ArrayList<>();
            e.get("vessels").forEach(m -> vessels.add(m.asInt()));
            got.put(head(e.get("id").asText(), e.get("kind").asText(), e.get("start").asText(), e.get("end").asText(), vessels),
                    e.get("attributes"));
        }
        return got;
    }

    /** What analyze reports on this log: every observation in order within the lateness, none late. */
    @Test
    void analyzeDropsNoReceptionAsLate() {
        assertThat(lines).hasSize(80_246);
        assertThat(summary.get("observations").get("positions").asLong()
                + summary.get("observations").get("identities").asLong()).isEqualTo(26_102);
        assertThat(summary.get("events").get("late_observations").asLong()).isZero();
        assertThat(summary.get("events").get("total").asInt()).isEqualTo(analyzed.size()).isEqualTo(330);
        assertThat(summary.get("events").get("by_kind").get("port_visit").asInt()).isEqualTo(324);
        assertThat(summary.get("events").get("by_kind").get("invalid_identity").asInt()).isEqualTo(6);
    }

    @Test
    void parallelismOneGivesAnalyzesEvents() throws Exception {
        assertThat(run("multi-p1", lines, analyzed, 1, 1)).containsExactlyEntriesOf(analyzed);
    }

    @Test
    void parallelismTwoFromTwoPartitionsByBaseStationGivesAnalyzesEvents() throws Exception {
        assertThat(run("multi-p2", lines, analyzed, 2, 2)).containsExactlyEntriesOf(analyzed);
    }

    /**
     * The DMA sudden-speed-change case (one vessel through four receiver networks): the event rests
     * on receptions the tracker rejects (its fast fix is not supported by the distance moved), so
     * the job must give the detectors every reception, as analyze does, to find it with
     * {@code from_sog_supported = false}.
     */
    @Test
    void suddenSpeedChangeOnUnsupportedFixIsAnalyzesEvent(@TempDir Path tmp) throws Exception {
        Path log = shared("data/ais/dma-aisabnormal/219165000_ssc_1.ais");
        Map<String, JsonNode> want = analyze(log, tmp);
        assertThat(want.keySet()).anyMatch(k -> k.contains(" sudden_speed_change ") && k.endsWith("[219165000]"));
        assertThat(want.values()).anyMatch(a -> a.has("from_sog_supported") && !a.get("from_sog_supported").asBoolean());
        List<String> ssc = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isEmpty()).toList();
        assertThat(run("ssc-p1", ssc, want, 1, 1)).containsExactlyEntriesOf(want);
    }

    /**
     * AMSA's log of 27 January 2012 (terrestrial and exactEarth satellite receptions of Australian
     * waters, 400 events: 268 port visits, 131 invalid identities, one position jump) through the
     * job at parallelism 1: analyze's events, attributes and all.
     */
    @Test
    void amsaLogGivesAnalyzesEvents(@TempDir Path tmp) throws Exception {
        Map<String, JsonNode> want = analyze(shared("data/ais/amsa-risky/ais.txt.gz"), tmp);
        assertThat(want).hasSize(400);
        assertThat(run("amsa-p1", gzLines("data/ais/amsa-risky/ais.txt.gz"), want, 1, 1)).containsExactlyEntriesOf(want);
    }

    Map<String, JsonNode> run(String name, List<String> lines, Map<String, JsonNode> analyzed, int parallelism, int partitions)
            throws Exception {
        JobConfig cfg = FlinkJobTest.config(kafka, name, EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        createTopics(cfg, partitions);
        int[] perPartition = sendByBaseStation(cfg.inputTopic(), lines, partitions);
        StreamExecutionEnvironment env = environment(cfg, parallelism);
        WatchkeeperJob.build(env, cfg, Detectors.standard());
        long t0 = System.nanoTime();
        env.execute(name);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, JsonNode> got = byHead(kafka.readAll(cfg.eventsTopic()));
        System.out.printf("%s: %d lines (%s per partition), analyze %d events, job p%d %d events in %d ms%n", name,
                lines.size(), java.util.Arrays.toString(perPartition), analyzed.size(), parallelism, got.size(), ms);
        if (!got.keySet().equals(analyzed.keySet())) {
            Files.write(Path.of("target", name + "-analyze.txt"), analyzed.keySet());
            Files.write(Path.of("target", name + "-job.txt"), got.keySet());
        }
        assertThat(got.keySet()).containsExactlyElementsOf(analyzed.keySet());
        return got;
    }

    /**
     * The log keyed by receiving base station, the MMSI in field 11 of the {@code $PGHP} line that
     * precedes each sentence (the tag block {@code si:} on the line before names the whole DMA network
     * and goes with them; a sentence without a {@code $PGHP} line of its own goes with the station
     * before it), so each station's lines stay in order in one partition and the stations spread over
     * the partitions in the order they first appear.
     *
     * @return per partition, its records in order: {key, line}
     */
    static List<List<String[]>> byBaseStation(List<String> lines, int partitions) {
        Map<String, Integer> partitionOf = new java.util.HashMap<>();
        List<List<String[]>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            out.add(new ArrayList<>());
        }
        String station = "";
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            // the tag-block line goes with the $PGHP line after it
            String pghp = l.startsWith("\\") && i + 1 < lines.size() ? lines.get(i + 1) : l;
            if (pghp.startsWith("$PGHP,1,")) {
                String[] f = pghp.split(",", -1);
                station = f.length > 11 ? f[11] : "";
            }
            int part = partitionOf.computeIfAbsent(station, k -> partitionOf.size() % partitions);
            out.get(part).add(new String[] {station, l});
        }
        return out;
    }

    /**
     * Publishes the log keyed by receiving base station ({@link #byBaseStation}).
     *
     * @return lines sent to each partition
     */
    static int[] sendByBaseStation(String topic, List<String> lines, int partitions) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<List<String[]>> parts = byBaseStation(lines, partitions);
        int[] count = new int[partitions];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            // partition by partition: each keeps its order, and the reading splits take them at their own pace
            for (int part = 0; part < partitions; part++) {
                for (String[] r : parts.get(part)) {
                    count[part]++;
                    producer.send(new ProducerRecord<>(topic, part, r[0].getBytes(StandardCharsets.UTF_8),
                            r[1].getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            producer.flush();
        }
        return count;
    }
}
