package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/**
 * {@code send} feeding {@code serve}'s {@code tcp-listen} source, as the README's Live section shows:
 * the server takes every line of the log and finds the messages {@code analyze} finds in it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SendIntoServeTest {
    @Test
    void serveTakesEveryLineAndMessageOfALogSentToItsTcpListener(@TempDir Path tmp) throws Exception {
        Path log = Cli.data(SendCommandTest.LOG);
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", tmp.resolve("analyzed").toString(), "--report",
                tmp.resolve("report").toString(), log.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        JsonNode summary = Cli.summary(tmp.resolve("report"));

        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(tmp.resolve("serve")).withPort(0)
                .withSources(List.of("pushers=tcp-listen://127.0.0.1:0"));
        try (LiveServer s = LiveServer.start(cfg)) {
            Cli.Run r = Cli.run("send", "--to", "tcp://127.0.0.1:" + s.tcpPort(), log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).startsWith("sent 10018 lines (");
            long deadline = System.currentTimeMillis() + 120_000;
            while (s.server.sources().get(0).lines() < 10_018 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.server.pipeline().awaitIdle(120, TimeUnit.SECONDS)).isTrue();
            JsonNode source = s.json("api/stats").path("sources").get(0);
            assertThat(source.path("name").asText()).isEqualTo("pushers");
            assertThat(source.path("lines").asLong()).isEqualTo(10_018);
            assertThat(source.path("messages").asLong()).isEqualTo(3_130);
        }
        // the counts analyze gives for this file
        assertThat(summary.path("lines").asLong()).isEqualTo(10_018);
        assertThat(summary.path("messages").asLong()).isEqualTo(3_130);
    }
}
