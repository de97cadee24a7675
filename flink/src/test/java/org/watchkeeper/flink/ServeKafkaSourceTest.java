package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;
import org.watchkeeper.server.RawArchive;
import org.watchkeeper.server.Source;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.EventRow;

/**
 * {@code serve --source NAME=kafka://...}: the server reads a topic of NMEA lines (here written as
 * {@code kafka-publish} writes them, one line a record, over two partitions), goes on after what it
 * read when restarted, and says why when the broker or the topic is not there. Tested here because
 * this module has the in-JVM broker. Each test reads with a consumer group of its own, so that a
 * member one test's stop left behind (a consumer closed without leaving, on a loaded machine) does
 * not hold up the next test's group join until its session runs out.
 */
class ServeKafkaSourceTest extends KafkaJobTestBase {
    @TempDir
    Path dir;

    private static WatchkeeperServer serve(Path data, String source) throws Exception {
        return WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withAdminToken("wk_test-admin-token-0123456789abcdef").withSources(List.of(source)));
    }

    /**
     * Waits for {@code what}, at most 3 minutes: a consumer joining a group waits for the group's
     * rebalance, which on a loaded machine can outlast a member's session (45 s) when an earlier
     * member left without saying so.
     */
    private static void await(BooleanSupplier what, java.util.function.Supplier<String> description) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!what.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 180 s: " + description.get());
            }
            Thread.sleep(50);
        }
    }

    /** What the source says of itself, for a wait's failure message. */
    private static String state(Source k) {
        return k.lines() + " so far (up " + k.up() + ", error " + k.error() + ")";
    }

    private static long archived(Path data, String source) {
        long[] n = {0};
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals(source)) {
                n[0]++;
            }
        });
        return n[0];
    }

    @Test
    void readsATopicAndGoesOnAfterWhatItReadWhenRestarted() throws Exception {
        List<String> lines = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais");
        List<String> first = lines.subList(0, 3000);
        List<String> rest = lines.subList(3000, lines.size());
        kafka.createTopic("serve-in", 2);
        // kafka-publish's way: each line a record keyed by its station (here alternating keys, so both partitions fill)
        List<String> even = new ArrayList<>();
        List<String> odd = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            (i < first.size() / 2 ? even : odd).add(first.get(i));
        }
        kafka.send("serve-in", "rx-a", even);
        kafka.send("serve-in", "rx-b", odd);
        Path data = dir.resolve("data");
        String spec = "k=kafka://" + kafka.bootstrapServers() + "/serve-in?group=serve-in";
        long messages;
        try (WatchkeeperServer s = serve(data, spec)) {
            Source k = s.sources().get(0);
            assertThat(k.kind()).isEqualTo("kafka");
            await(() -> k.lines() == first.size(), () -> "the first " + first.size() + " lines read, " + state(k));
            await(k::up, () -> "up: " + state(k));
            assertThat(k.error()).isNull();
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            messages = s.pipeline().messages();
            assertThat(messages).isPositive();
        }
        assertThat(archived(data, "k")).isEqualTo(first.size());

        // more comes while the server is down; the restart reads only that
        kafka.send("serve-in", "rx-a", rest);
        try (WatchkeeperServer s = serve(data, spec)) {
            Source k = s.sources().get(0);
            assertThat(s.rebuiltLines()).isEqualTo(first.size());
            await(() -> k.lines() == rest.size(), () -> "the other " + rest.size() + " lines read, " + state(k));
            Thread.sleep(1000);
            assertThat(k.lines()).isEqualTo(rest.size());
        }
        assertThat(archived(data, "k")).isEqualTo(lines.size());
        // each line once: the archive's lines of the source are the topic's lines, as a multiset
        List<String> got = new ArrayList<>();
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals("k")) { // the topic's lines, not the server's own marks (zones and watchlist in force)
                got.add(new String(l.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
        assertThat(got).containsExactlyInAnyOrderElementsOf(lines);
    }

    /** What a server stored from one log: its events after the stop, and its late observations. */
    private record Outcome(List<EventRow> events, long late, long messages) {
    }

    /** Serves {@code source} on a fresh data folder until it has delivered {@code lines} lines and the pipeline is idle; then stops. */
    private static Outcome serveAll(Path data, String source, long lines) throws Exception {
        long late;
        long messages;
        try (WatchkeeperServer s = serve(data, source)) {
            Source k = s.sources().get(0);
            await(() -> k.lines() == lines, () -> lines + " lines read, " + state(k));
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            late = s.pipeline().lateObservations();
            messages = s.pipeline().messages();
        }
        try (DuckDbHistoryStore store = DuckDbHistoryStore.open(data)) {
            return new Outcome(store.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2), late, messages);
        }
    }

    private static Map<String, Long> kinds(List<EventRow> events) {
        return events.stream().collect(Collectors.groupingBy(EventRow::kind, TreeMap::new, Collectors.counting()));
    }

    /**
     * A simulated multi-station log (tag blocks with s: and c:) published as {@code kafka-publish} does,
     * keyed by station over 4 partitions, which the consumer reads at different paces (hours of one
     * partition's records before another's): the source hands the lines on merged in time order, so
     * the server finds exactly what it finds reading the log as one file, with nothing late.
     */
    @Test
    void aTopicOfSeveralPartitionsReachesTheDetectorsInTimeOrder() throws Exception {
        Path log = dir.resolve("sim.nmea.gz");
        long lines = simulatedLog(log).size();

        Outcome file = serveAll(dir.resolve("file"), "k=file:" + log, lines);
        // analyze's events on this log (see SimulatedLogTest), nothing late
        assertThat(kinds(file.events())).isEqualTo(Map.of("chokepoint_transit", 1L, "encounter", 1L, "gap", 1L,
                "identity_conflict", 1L, "loitering", 3L));
        assertThat(file.late()).isZero();

        kafka.createTopic("serve-sim", 4);
        KafkaPublishTest.publish(kafka, "--topic", "serve-sim", log.toString());
        Outcome topic = serveAll(dir.resolve("kafka"), "k=kafka://" + kafka.bootstrapServers() + "/serve-sim?group=serve-sim", lines);
        System.out.printf("%d lines: file source %d messages, %d late, events %s; kafka source (4 partitions) %d messages,"
                + " %d late, events %s%n", lines, file.messages(), file.late(), kinds(file.events()), topic.messages(),
                topic.late(), kinds(topic.events()));
        assertThat(topic.messages()).isEqualTo(file.messages());
        assertThat(topic.late()).isEqualTo(file.late());
        assertThat(topic.events()).containsExactlyElementsOf(file.events());
    }

    /**
     * Stopped part-way through a backlog of several partitions (lines read and waiting in the
     * partitions' buffers), the server goes on after the lines it handed on: every line of the topic
     * is archived once, and nothing is late.
     */
    @Test
    void aStopPartWayThroughAPartitionedBacklogLosesAndRepeatsNothing() throws Exception {
        Path log = dir.resolve("sim.nmea.gz");
        // four days of traffic (about 200 000 lines), so that the stop comes while a backlog is left even
        // on a fast machine: the 18 h log (36 549 lines) could be read whole before the first server closed
        List<String> lines = simulatedLog(log, Duration.ofHours(96));
        kafka.createTopic("serve-sim-stop", 4);
        KafkaPublishTest.publish(kafka, "--topic", "serve-sim-stop", log.toString());
        Path data = dir.resolve("data");
        String spec = "k=kafka://" + kafka.bootstrapServers() + "/serve-sim-stop?group=serve-sim-stop";
        try (WatchkeeperServer s = serve(data, spec)) {
            Source k = s.sources().get(0);
            await(() -> k.lines() > 0, () -> "lines read: " + state(k));
        }
        long first = archived(data, "k");
        assertThat(first).as("stopped part-way").isPositive().isLessThan(lines.size());
        try (WatchkeeperServer s = serve(data, spec)) {
            Source k = s.sources().get(0);
            await(() -> k.lines() == lines.size() - first, () -> "the other " + (lines.size() - first) + " lines read, "
                    + state(k));
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500);
            assertThat(k.lines()).isEqualTo(lines.size() - first);
            assertThat(s.pipeline().lateObservations()).isZero();
        }
        List<String> got = new ArrayList<>();
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals("k")) { // the topic's lines, not the server's own marks (zones and watchlist in force)
                got.add(new String(l.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
        assertThat(got).containsExactlyInAnyOrderElementsOf(lines);
    }

    /** Writes the simulated log (seed 7, planted vessels only, 18 h, tag blocks of several stations) to {@code gz}; returns its lines. */
    private static List<String> simulatedLog(Path gz) throws Exception {
        return simulatedLog(gz, Duration.ofHours(18));
    }

    private static List<String> simulatedLog(Path gz, Duration span) throws Exception {
        Simulation sim = new Simulation(new SimulationOptions(7, 0, Instant.parse("2024-06-01T00:00:00Z"), span,
                true, SimulationOptions.Noise.NONE));
        StringWriter w = new StringWriter();
        sim.writeTo(w);
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.US_ASCII)) {
            out.write(w.toString());
        }
        return Arrays.stream(w.toString().split("\r?\n")).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void saysWhenTheTopicIsMissingThenReadsItOnceItIsMade() throws Exception {
        Path data = dir.resolve("data");
        try (WatchkeeperServer s = serve(data, "k=kafka://" + kafka.bootstrapServers() + "/serve-later?group=serve-later")) {
            Source k = s.sources().get(0);
            await(() -> k.error() != null, () -> "an error: " + state(k));
            assertThat(k.error()).isEqualTo("topic serve-later not found at " + kafka.bootstrapServers());
            assertThat(k.up()).isFalse();
            kafka.createTopic("serve-later", 1);
            kafka.send("serve-later", null, List.of("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A"));
            await(() -> k.lines() == 1, () -> "the line read: " + state(k));
            assertThat(k.error()).isNull();
        }
    }

    @Test
    void saysWhenTheBrokerCannotBeReached() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (WatchkeeperServer s = serve(dir.resolve("data"), "k=kafka://127.0.0.1:" + port + "/ais")) {
            Source k = s.sources().get(0);
            await(() -> k.error() != null, () -> "an error: " + state(k));
            assertThat(k.error()).isEqualTo("cannot reach Kafka at 127.0.0.1:" + port + " (topic ais)");
        }
    }

    @Test
    void aBadKafkaUriIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost:9092", null)).hasMessageContaining("with a topic");
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost/ais", null)).hasMessageContaining("HOST:PORT, not 'localhost'");
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost:9092/a b", null)).hasMessageContaining("not 'a b'");
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost:9092/ais?from=start", null))
                .hasMessageContaining("from is earliest or latest, not 'start'");
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost:9092/ais?grp=x", null))
                .hasMessageContaining("takes group and from, not 'grp'");
        assertThatThrownBy(() -> Source.parse("k=kafka://localhost:9092/ais?group=a&group=b", null))
                .hasMessageContaining("group is given twice");
        assertThat(((org.watchkeeper.server.KafkaSource) Source.parse("k=kafka://h1:9092,h2:9092/ais?group=g1&from=latest", null))
                .group()).isEqualTo("g1");
        assertThat(((org.watchkeeper.server.KafkaSource) Source.parse("feed=kafka://h1:9092/ais", null)).group())
                .isEqualTo("watchkeeper-serve-feed");
    }
}
