package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Scale out (Kafka + Flink)" run on one machine, as a user types it, against a Kafka
 * broker inside the test JVM: {@code simulate --seed 7 --vessels 40 --hours 18} and {@code
 * kafka-publish} with the packaged command line ({@code app/target/watchkeeper.jar}), the shipped
 * {@code watchkeeper-flink.properties} with this broker and a bounded read, and the job started
 * with the README's own class path ({@code flink/target/watchkeeper-flink-job.jar:flink/target/lib/*})
 * in {@code --local} mode, in a JVM of its own. The events it writes must be exactly those of the
 * in-process pipeline on the same lines ({@link InProcessReference}). Then {@code serve --cluster-events}
 * in front of the job, as the README's last step runs it, serves exactly the job's events.
 *
 * <p>An integration test (failsafe, after {@code package}): it needs the job jar and its
 * {@code lib/} folder, which the build makes only then.
 */
class ReadmeLocalModeIT extends KafkaJobTestBase {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    /** Runs {@code command} in the repository's root; returns its stdout and stderr, asserting exit 0. */
    static String run(Path log, int minutes, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " still running after " + minutes + " min; output: "
                    + Files.readString(log));
        }
        String out = Files.readString(log);
        assertThat(p.exitValue()).as("exit code of %s; output:%n%s", String.join(" ", command), out).isZero();
        return out;
    }

    @Test
    void theReadmesLocalRunGivesTheInProcessEvents() throws Exception {
        Path cli = ROOT.resolve("app/target/watchkeeper.jar");
        Path jobJar = ROOT.resolve("flink/target/watchkeeper-flink-job.jar");
        assertThat(cli).as("the command line's jar (mvnw package)").isRegularFile();
        assertThat(jobJar).as("the job jar (mvnw package)").isRegularFile();
        assertThat(ROOT.resolve("flink/target/lib/flink-runtime-" + flinkVersion() + ".jar")).as("Flink's jars for --local")
                .isRegularFile();

        // 1. the topics, as the README's kafka-topics.sh lines make them
        kafka.createTopic("ais-nmea", 4);
        kafka.createTopic("ais-events", 1);
        kafka.createTopic("ais-vessels", 1);
        kafka.createTopic("ais-rejects", 1);

        // 2. the simulated log, published
        Path sim = dir.resolve("sim.nmea.gz");
        run(dir.resolve("simulate.log"), 5, JAVA, "-jar", cli.toString(), "simulate", "--seed", "7", "--vessels", "40",
                "--hours", "18", "--out", sim.toString());
        String published = run(dir.resolve("publish.log"), 5, JAVA, "-jar", cli.toString(), "kafka-publish", "--bootstrap",
                kafka.bootstrapServers(), "--topic", "ais-nmea", sim.toString());
        // the figure the README shows
        assertThat(published).contains("published 307243 lines");

        // 3b. the shipped settings, this broker, read to the end and stop
        String props = Files.readString(ROOT.resolve("flink/src/main/resources/watchkeeper-flink.properties"))
                .replace("kafka.bootstrap.servers=localhost:9092", "kafka.bootstrap.servers=" + kafka.bootstrapServers())
                .replace("input.bounded=false", "input.bounded=true")
                .replace("checkpoint.dir=/tmp/watchkeeper-checkpoints", "checkpoint.dir=" + dir.resolve("checkpoints"));
        assertThat(props).contains("input.bounded=true", "kafka.bootstrap.servers=" + kafka.bootstrapServers());
        Path jobProps = dir.resolve("job.properties");
        Files.writeString(jobProps, props);
        String job = run(dir.resolve("job.log"), 15, JAVA, "-cp", "flink/target/watchkeeper-flink-job.jar:flink/target/lib/*",
                "org.watchkeeper.flink.WatchkeeperJob", "--local", jobProps.toString());

        // 4. the events: those of the in-process pipeline on the same lines, every byte
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sim)),
                StandardCharsets.US_ASCII))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isEmpty()) {
                    lines.add(l);
                }
            }
        }
        assertThat(lines).hasSize(307243);
        InProcessReference ref = new InProcessReference(lines, Detectors.standard(), 10_000, true);
        List<String> got = kafka.readAll("ais-events").stream().sorted().toList();
        System.out.printf("README local run: %d lines, %d events in-process %s, job %d events%n", lines.size(),
                ref.events.size(), SimulatedLogTest.kinds(ref.json()), got.size());
        assertThat(ref.json()).hasSizeGreaterThan(7);
        if (!got.equals(ref.json())) {
            Files.write(Path.of("target", "readme-local-expected.txt"), ref.json());
            Files.write(Path.of("target", "readme-local-got.txt"), got);
        }
        assertThat(got).as("job output:%n%s", job).containsExactlyElementsOf(ref.json());
        // a bounded run ends saying what it wrote
        List<String[]> vesselStates = kafka.readKeyed("ais-vessels");
        assertThat(job).containsPattern("WatchkeeperJob: read ais-nmea to its end \\(307243 lines, " + ref.messages
                + " AIS messages\\) in [0-9.]+ s; wrote " + got.size()
                + " events to ais-events, " + vesselStates.size() + " vessel states to ais-vessels, [0-9]+ rejects to ais-rejects");

        // vessel states keyed by 9-digit MMSI, one or more for each simulated vessel
        List<String[]> vessels = kafka.readKeyed("ais-vessels");
        assertThat(vessels).isNotEmpty().allMatch(kv -> kv[0].matches("\\d{9}") && kv[1].startsWith("{\"mmsi\":\"" + kv[0] + "\""));
        assertThat(vessels.stream().map(kv -> kv[0]).distinct().count()).isGreaterThanOrEqualTo(40);

        // 5. serve in front of the job, with the README's options: the job's events, each once, and the picture
        //    from the raw topic
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = dir.resolve("front-data");
        Process serve = new ProcessBuilder(JAVA, "-jar", cli.toString(), "serve", "--data", data.toString(), "--port",
                Integer.toString(port), "--source", "k=kafka://" + kafka.bootstrapServers() + "/ais-nmea",
                "--cluster-events", "kafka://" + kafka.bootstrapServers() + "/ais-events")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://localhost:" + port;
            long deadline = System.currentTimeMillis() + 180_000;
            long taken = -1;
            long linesRead = -1;
            while (taken != got.size() || linesRead != lines.size()) {
                assertThat(serve.isAlive()).as("serve running; its output:%n%s", Files.readString(dir.resolve("serve.log"))).isTrue();
                assertThat(System.currentTimeMillis()).as("serve read %d of %d lines and %d of %d events in 180 s", linesRead,
                        lines.size(), taken, got.size()).isLessThan(deadline);
                Thread.sleep(500);
                Path token = data.resolve("admin-token");
                if (!Files.isRegularFile(token)) {
                    continue;
                }
                String stats;
                try {
                    stats = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/stats"))
                            .header("Authorization", "Bearer " + Files.readString(token).strip()).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException notYet) {
                    continue;
                }
                for (com.fasterxml.jackson.databind.JsonNode src : json.readTree(stats).path("sources")) {
                    if (src.path("name").asText().equals("#cluster-events")) {
                        taken = src.path("events").asLong();
                        assertThat(src.path("duplicate_events").asLong()).isZero();
                    } else if (src.path("name").asText().equals("k")) {
                        linesRead = src.path("lines").asLong();
                    }
                }
            }
            String token = Files.readString(data.resolve("admin-token")).strip();
            com.fasterxml.jackson.databind.JsonNode served = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/api/events?from=1970-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=100000"))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            List<String> servedIds = new ArrayList<>();
            served.path("events").forEach(e -> servedIds.add(e.path("id").asText()));
            List<String> jobIds = new ArrayList<>();
            for (String e : got) {
                jobIds.add(json.readTree(e).path("id").asText());
            }
            System.out.printf("README serve in front of the job: %d events served of the job's %d%n", servedIds.size(), jobIds.size());
            assertThat(served.path("truncated").asBoolean()).isFalse();
            assertThat(servedIds).containsExactlyInAnyOrderElementsOf(jobIds);
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }
    }

    /** The Flink version the module builds against, from its flink-runtime jar on this test's class path. */
    static String flinkVersion() {
        String v = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
        assertThat(v).isNotBlank();
        return v;
    }
}
