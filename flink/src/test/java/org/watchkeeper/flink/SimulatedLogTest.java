package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.sim.PlantedEvent;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;

/**
 * A synthetic log with planted events (core's simulator: seed 7, no background vessels besides the
 * planted ones, 18 h, tag blocks with several receiving stations, records keyed by the tag block
 * source; the same log as {@code watchkeeper simulate --seed 7 --vessels 0 --hours 18}) through the
 * job with analyze's default detectors ({@link Detectors#standard()}), at parallelism 1 and 2,
 * against the in-process event-time pipeline ({@link InProcessReference}): exactly the same event
 * JSON. This log is in time order, so these 7 events are also exactly {@code watchkeeper analyze}'s
 * on it, every field (see {@link InProcessReference} for what "same as analyze" means in general).
 */
class SimulatedLogTest extends KafkaJobTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    static List<String> lines;
    static Path simFile;
    static Simulation sim;
    static InProcessReference ref;
    static List<String> expected;
    static final long LATENESS = 10_000;

    @BeforeAll
    static void setUp() throws Exception {
        sim = new Simulation(new SimulationOptions(7, 0, Instant.parse("2024-06-01T00:00:00Z"), Duration.ofHours(18),
                true, SimulationOptions.Noise.NONE));
        StringWriter w = new StringWriter();
        sim.writeTo(w);
        lines = Arrays.stream(w.toString().split("\r?\n")).filter(l -> !l.isEmpty()).toList();
        simFile = Files.createTempFile("wk-sim", ".nmea.gz");
        try (java.io.Writer out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(simFile)), java.nio.charset.StandardCharsets.US_ASCII)) {
            out.write(w.toString());
        }
        ref = new InProcessReference(lines, Detectors.standard(), LATENESS);
        expected = ref.json();
    }

    @AfterAll
    static void deleteSimFile() throws Exception {
        if (simFile != null) {
            Files.deleteIfExists(simFile);
        }
    }

    static Map<String, Long> kinds(List<String> json) {
        return json.stream().map(j -> j.replaceFirst(".*?\"kind\":\"([a-z_]+)\".*", "$1"))
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    }

    List<String> run(String name, int parallelism, int partitions, long lateness, InProcessReference ref) throws Exception {
        List<String> expected = ref.json();
        JobConfig cfg = FlinkJobTest.config(kafka, name, lateness);
        createTopics(cfg, partitions);
        // published with the command line; no --key: each record is keyed by its tag block source
        KafkaPublishTest.publish(kafka, "--topic", cfg.inputTopic(), simFile.toString());
        StreamExecutionEnvironment env = environment(cfg, parallelism);
        WatchkeeperJob.build(env, cfg, Detectors.standard());
        long t0 = System.nanoTime();
        env.execute(name);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> got = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
        System.out.printf("%s: %d lines, %d observations, %d accepted, %d late, %d events in-process %s, job p%d"
                + " (%d partitions) %d events in %d ms%n", name, lines.size(), ref.observations, ref.accepted, ref.late,
                expected.size(), kinds(expected), parallelism, partitions, got.size(), ms);
        if (!got.equals(expected)) {
            Files.write(Path.of("target", name + "-expected.txt"), expected);
            Files.write(Path.of("target", name + "-got.txt"), got);
        }
        return got;
    }

    @Test
    void plantedEventsAreFoundInProcess() {
        Map<String, Long> k = kinds(expected);
        // the simulator's planted behaviours that the default suite covers (zone entry needs user zones)
        for (PlantedEvent p : sim.plantedEvents()) {
            if (p.kind() != EventKind.ZONE_ENTRY) {
                assertThat(expected).as("planted " + p.kind().id() + " of " + p.mmsis())
                        .anyMatch(j -> j.contains("\"kind\":\"" + p.kind().id() + "\"")
                                && p.mmsis().stream().allMatch(m -> j.contains(Integer.toString(m))));
            }
        }
        assertThat(k.keySet()).contains("gap", "encounter", "identity_conflict", "loitering", "chokepoint_transit");
    }

    @Test
    void parallelismOneGivesExactlyTheInProcessEvents() throws Exception {
        assertThat(run("sim-p1", 1, 1, LATENESS, ref)).containsExactlyElementsOf(expected);
    }

    /**
     * Parallelism 2, the input topic with 3 partitions (records keyed by receiving station, so the
     * stations' lines interleave differently in every partition and reach the picture and the
     * encounter cells through different subtasks): per-partition watermarks and event-time order
     * give exactly the in-process events, every byte of every event.
     */
    @Test
    void parallelismTwoGivesExactlyTheInProcessEvents() throws Exception {
        assertThat(ref.late).isZero();
        assertThat(run("sim-p2", 2, 3, LATENESS, ref)).containsExactlyElementsOf(expected);
    }

    /** id, kind, start, end and vessels of an event's JSON. */
    static String head(String json) {
        return json.substring(0, json.indexOf("],") + 1);
    }
}
