package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines dropped as longer than {@link LineFramer#MAX_LINE} ({@code line_too_long}) are counted in
 * {@code /api/stats} after a restart as the other rejections are: the raw archive records them
 * ({@link Pipeline#LINE_TOO_LONG_SOURCE}) and the rebuild counts them again. Before, they never reached
 * the archive and a restart forgot them.
 */
class LineTooLongRestartTest {
    @TempDir
    Path tmp;

    private static final String TOO_LONG = "!AIVDM," + "x".repeat(LineFramer.MAX_LINE + 10);

    @Test
    void linesTooLongAreCountedAgainAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        List<String> good = Files.readAllLines(Fixture.log("dma-aislib/replay_dump.txt"), StandardCharsets.ISO_8859_1)
                .stream().filter(l -> !l.isBlank()).limit(60).toList();
        StringBuilder feed = new StringBuilder();
        for (int i = 0; i < good.size(); i++) {
            feed.append(good.get(i)).append("\r\n");
            if (i == 10 || i == 30) {
                feed.append(TOO_LONG).append("\r\n");
            }
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")))) {
            try (Socket sock = new Socket("127.0.0.1", Fixture.tcpPort(s)); OutputStream out = sock.getOutputStream()) {
                out.write(feed.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while ((s.pipeline().lines() < good.size() || s.pipeline().rejected().getOrDefault("line_too_long", 0L) < 2)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            assertThat(stats.get("rejected").path("line_too_long").asLong()).isEqualTo(2);
            assertThat(source(stats, "rx").get("rejected").path("line_too_long").asLong()).isEqualTo(2);
        }
        // the same source again: the two are counted from the archive, and once
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")))) {
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            assertThat(s.rebuiltLines()).isEqualTo(good.size());
            assertThat(stats.get("rejected").path("line_too_long").asLong()).isEqualTo(2);
            assertThat(source(stats, "rx").get("rejected").path("line_too_long").asLong()).isEqualTo(2);
            assertThat(Fixture.get(s, "/metrics").body()).contains("watchkeeper_rejected_lines_total{reason=\"line_too_long\"} 2.0");
        }
        // a run that no longer names the source lists it, with its rejections
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0).withSources(List.of()))) {
            JsonNode rx = source(Fixture.get(s, "/api/stats").json(), "rx");
            assertThat(rx.get("configured").asBoolean()).isFalse();
            assertThat(rx.get("rejected").path("line_too_long").asLong()).isEqualTo(2);
        }
    }

    /**
     * A file source read to its end is not read again at the next start, and its line too long is counted
     * once (from the archive), not once more.
     */
    @Test
    void aFileReadBeforeIsNotCountedTwice() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixture.log("dma-aislib/replay_dump.txt"),
                StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).limit(20).toList());
        lines.add(5, TOO_LONG);
        Files.write(log, lines, StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 2; run++) {
            try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0)
                    .withSources(List.of("f=file:" + log)))) {
                Source f = s.sources().get(0);
                f.join(60_000);
                s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(f.lines()).isEqualTo(run == 0 ? 20 : 0);
                JsonNode stats = Fixture.get(s, "/api/stats").json();
                assertThat(stats.get("rejected").path("line_too_long").asLong()).as("run " + run).isEqualTo(1);
            }
        }
    }

    /**
     * A source whose every line was too long has no message, only its rejections: a run that no longer
     * names it lists it all the same, as any source of an earlier run with lines rejected, and knows it
     * for its series.
     */
    @Test
    void aSourceWhoseEveryLineWasTooLongIsListedAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("long.nmea");
        Files.write(log, List.of(TOO_LONG, TOO_LONG, TOO_LONG), StandardCharsets.ISO_8859_1);
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0)
                .withSources(List.of("long=file:" + log)))) {
            Source f = s.sources().get(0);
            f.join(60_000);
            s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(f.lines()).isZero();
            assertThat(source(Fixture.get(s, "/api/stats").json(), "long").get("rejected").path("line_too_long").asLong())
                    .isEqualTo(3);
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPort(0).withSources(List.of()))) {
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            JsonNode x = source(stats, "long");
            assertThat(x.get("configured").asBoolean()).isFalse();
            assertThat(x.get("up").asBoolean()).isFalse();
            assertThat(x.get("messages").asLong()).isZero();
            assertThat(x.get("held_observations").asLong()).isZero();
            assertThat(x.get("rejected").path("line_too_long").asLong()).isEqualTo(3);
            assertThat(stats.get("rejected").path("line_too_long").asLong()).isEqualTo(3);
            assertThat(stats.get("sources")).hasSize(1); // the archive's record is no source
            assertThat(Fixture.get(s, "/api/stats/series?source=long").status()).isEqualTo(200);
        }
    }

    private static JsonNode source(JsonNode stats, String name) {
        for (JsonNode x : stats.get("sources")) {
            if (x.get("name").asText().equals(name)) {
                return x;
            }
        }
        throw new AssertionError("no source " + name + " in " + stats);
    }
}
