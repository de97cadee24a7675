package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.Pipeline;
import org.watchkeeper.server.Source;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.EventRow;

/**
 * {@code serve --cluster-events}: a server in front of the Flink job takes the shipped detectors'
 * events from the job's events topic and keeps the picture and positions from the raw topic. On a
 * real log it must store the events a server that detects them itself stores, field for field,
 * keep them across a restart (they are archived as they come), and count a line of the events topic
 * that is not an event instead of stopping.
 */
class ServeClusterEventsTest extends KafkaJobTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void await(BooleanSupplier what, java.util.function.Supplier<String> description) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!what.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 120 s: " + description.get());
            }
            Thread.sleep(50);
        }
    }

    private static WatchkeeperServer serve(Path data, List<String> sources, String clusterEvents) throws Exception {
        return WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withAdminToken("wk_test-admin-token-0123456789abcdef").withSources(sources)
                .withLateness(10_000).withClusterEvents(clusterEvents));
    }

    private static Source source(WatchkeeperServer s, String name) {
        return s.sources().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<EventRow> stored(Path data) throws Exception {
        try (DuckDbHistoryStore store = DuckDbHistoryStore.open(data)) {
            return store.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
        }
    }

    private static Map<String, Long> kinds(List<EventRow> events) {
        return events.stream().collect(Collectors.groupingBy(EventRow::kind, TreeMap::new, Collectors.counting()));
    }

    private static JsonNode tree(String json) throws Exception {
        return json == null ? null : JSON.readTree(json);
    }

    @Test
    void onTheDmaSampleAServerInFrontOfTheJobStoresTheEventsItWouldHaveDetected() throws Exception {
        List<EventRow> got = frontOfTheJob("sample", MultiStationLogTest.gzLines("data/ais/dma-aisabnormal/ais-sample.txt.gz"));
        // 5 minutes of the Danish network: identities that fail the ITU checks, and the vessels in port
        assertThat(kinds(got)).containsOnlyKeys("invalid_identity", "port_visit");
        assertThat(kinds(got).get("invalid_identity")).isEqualTo(6L);
        // a port visit's place comes as a GeoJSON point, kept as the server's own detector writes it
        for (EventRow x : got.stream().filter(x -> x.kind().equals("port_visit")).toList()) {
            JsonNode g = tree(x.geometryGeoJson());
            assertThat(g.get("type").asText()).isEqualTo("Point");
            assertThat(g.get("coordinates").get(0).asDouble()).isCloseTo(x.lon(), org.assertj.core.data.Offset.offset(5e-7));
            assertThat(g.get("coordinates").get(1).asDouble()).isCloseTo(x.lat(), org.assertj.core.data.Offset.offset(5e-7));
        }
    }

    @Test
    void onTheDriftLogAServerInFrontOfTheJobStoresTheDriftAsItsOwnDetectorDoes() throws Exception {
        List<EventRow> got = frontOfTheJob("drift", FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais"));
        // the drift this DMA log was recorded for
        assertThat(got).anyMatch(x -> x.kind().equals("drift")
                && x.startMillis() == java.time.Instant.parse("2014-09-28T16:37:54.051Z").toEpochMilli());
    }

    /**
     * Runs the job on {@code lines}, serves them once with the server's own detectors and once in front of
     * the job, and checks that the server in front stores every event of the own one, field for field,
     * and otherwise only episodes the job closed at the end of its bounded input; then that a restart
     * reads no event twice and rebuilds the same events.
     *
     * @return the events the server in front stored
     */
    private List<EventRow> frontOfTheJob(String name, List<String> lines) throws Exception {
        JobConfig cfg = FlinkJobTest.config(kafka, name, 10_000);
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "dma", lines);
        StreamExecutionEnvironment env = environment(cfg, 1);
        WatchkeeperJob.build(env, cfg, Detectors.standard());
        env.execute(name);
        List<String> jobEvents = kafka.readAll(cfg.eventsTopic());
        // two lines that are not events: counted, not fatal
        kafka.send(cfg.eventsTopic(), "x", List.of("not json at all", "{\"id\":\"e1\",\"kind\":\"gap\",\"start\":\"yesterday\",\"end\":\"today\"}"));
        // the job's sink is at least once: events given again, as they were
        List<String> again = jobEvents.subList(0, Math.min(3, jobEvents.size()));
        kafka.send(cfg.eventsTopic(), "again", again);
        int eventLines = jobEvents.size() + 2 + again.size();

        String raw = "k=kafka://" + kafka.bootstrapServers() + "/" + cfg.inputTopic();
        // a server detecting by itself
        Path own = dir.resolve(name + "-own");
        List<EventRow> ongoing;
        try (WatchkeeperServer s = serve(own, List.of(raw + "?group=own"), null)) {
            Source k = source(s, "k");
            await(() -> k.lines() == lines.size(), () -> lines.size() + " lines read, " + k.lines() + " so far");
            assertThat(s.pipeline().awaitIdle(60, TimeUnit.SECONDS)).isTrue();
            ongoing = s.pipeline().ongoing(60, TimeUnit.SECONDS).events();
        }
        List<EventRow> expected = stored(own);

        // a server in front of the job
        Path front = dir.resolve(name + "-front");
        String events = "kafka://" + kafka.bootstrapServers() + "/" + cfg.eventsTopic();
        long positions;
        try (WatchkeeperServer s = serve(front, List.of(raw + "?group=serve-front"), events)) {
            Source k = source(s, "k");
            Source e = source(s, Pipeline.CLUSTER_EVENTS_SOURCE);
            assertThat(e.kind()).isEqualTo("kafka");
            await(() -> k.lines() == lines.size() && e.lines() == eventLines,
                    () -> "all " + lines.size() + " lines and " + eventLines + " events read: " + k.lines() + " lines, " + e.lines() + " events so far");
            assertThat(s.pipeline().awaitIdle(60, TimeUnit.SECONDS)).isTrue();
            assertThat(s.pipeline().clusterEvents()).isEqualTo(jobEvents.size());
            assertThat(s.pipeline().duplicateClusterEvents()).isEqualTo(again.size());
            assertThat(s.pipeline().rejected(Pipeline.CLUSTER_EVENTS_SOURCE)).isEqualTo(Map.of("bad_cluster_event", 2L));
            positions = s.store().counts().positions();
            assertThat(positions).isPositive();
        }
        List<EventRow> got = stored(front);
        System.out.printf("serve in front of the job (%s): %d lines, %d job events, own detectors %s, in front %s%n",
                name, lines.size(), jobEvents.size(), kinds(expected), kinds(got));

        assertThat(expected).isNotEmpty();
        Map<String, EventRow> byId = got.stream().collect(Collectors.toMap(EventRow::id, x -> x));
        for (EventRow x : expected) {
            EventRow y = byId.get(x.id());
            assertThat(y).as("the server's own event %s %s", x.kind(), x.id()).isNotNull();
            assertThat(y.kind()).isEqualTo(x.kind());
            assertThat(y.startMillis()).isEqualTo(x.startMillis());
            assertThat(y.endMillis()).isEqualTo(x.endMillis());
            assertThat(y.mmsis()).containsExactly(x.mmsis());
            assertThat(y.lat()).isCloseTo(x.lat(), org.assertj.core.data.Offset.offset(5e-7));
            assertThat(y.lon()).isCloseTo(x.lon(), org.assertj.core.data.Offset.offset(5e-7));
            assertThat(tree(y.geometryGeoJson())).isEqualTo(tree(x.geometryGeoJson()));
            assertThat(tree(y.parametersJson())).as("parameters of %s", x.id()).isEqualTo(tree(x.parametersJson()));
            assertThat(tree(y.evidenceJson())).as("evidence of %s", x.id()).isEqualTo(tree(x.evidenceJson()));
        }
        // The job read a bounded topic: at its end its watermark passed every timer, so it also closed the
        // episodes still open there (vessels in port when the log ends), which a live server keeps as
        // under way. Each such event is one of the own server's ongoing episodes, ended.
        Map<String, EventRow> expectedById = expected.stream().collect(Collectors.toMap(EventRow::id, x -> x));
        List<EventRow> closedAtEnd = got.stream().filter(x -> !expectedById.containsKey(x.id())).toList();
        long newest;
        try (DuckDbHistoryStore store = DuckDbHistoryStore.open(own)) {
            newest = store.vessels().stream().mapToLong(v -> v.lastSeen()).max().orElseThrow();
        }
        int underWay = 0;
        int inLastLateness = 0;
        for (EventRow x : closedAtEnd) {
            if (ongoing.stream().anyMatch(o -> o.kind().equals(x.kind()) && java.util.Arrays.equals(o.mmsis(), x.mmsis())
                    && o.startMillis() == x.startMillis())) {
                underWay++;
            } else {
                // else its episode began on observations of the log's last 10 s, which the server still holds
                // back as its lateness before detecting (the job's watermark passed them at its input's end)
                assertThat(x.endMillis()).as("the job's event %s %s, not under way in the server", x.kind(), x.id())
                        .isGreaterThan(newest - 10_000);
                inLastLateness++;
            }
        }
        assertThat(underWay).isGreaterThanOrEqualTo(inLastLateness);
        System.out.printf("  %d events the job closed at the end of its input: %d under way in the server, %d in the log's last 10 s%n",
                closedAtEnd.size(), underWay, inLastLateness);

        // a restart rebuilds the same events from the archive, and reads no event twice
        try (WatchkeeperServer s = serve(front, List.of(raw + "?group=serve-front"), events)) {
            Source e = source(s, Pipeline.CLUSTER_EVENTS_SOURCE);
            assertThat(s.pipeline().clusterEvents()).isEqualTo(jobEvents.size());
            assertThat(s.pipeline().awaitIdle(60, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1000);
            assertThat(e.lines()).isZero();
            assertThat(s.store().counts().positions()).isEqualTo(positions);
        }
        assertThat(stored(front)).containsExactlyInAnyOrderElementsOf(got);

        // a new data folder with the same consumer groups: their commits are at the topics' ends, but the
        // folder holds nothing yet, so both topics are read from their earliest records
        Path fresh = dir.resolve(name + "-fresh");
        try (WatchkeeperServer s = serve(fresh, List.of(raw + "?group=serve-front"), events)) {
            Source k = source(s, "k");
            Source e = source(s, Pipeline.CLUSTER_EVENTS_SOURCE);
            await(() -> k.lines() == lines.size() && e.lines() == eventLines,
                    () -> "a new folder read " + k.lines() + " lines and " + e.lines() + " events so far");
            assertThat(s.pipeline().awaitIdle(60, TimeUnit.SECONDS)).isTrue();
            assertThat(s.store().counts().positions()).isEqualTo(positions);
        }
        assertThat(stored(fresh)).containsExactlyInAnyOrderElementsOf(got);
        return got;
    }
}
