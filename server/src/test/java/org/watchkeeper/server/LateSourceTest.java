package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real logs of different years sent at once to two sources: the older one's observations fall
 * behind the detectors' watermark, which the newer log has moved on. They are counted against the
 * source they came from, so {@code /api/stats} shows which feed is behind (the server also logs why).
 */
class LateSourceTest {
    @Test
    void anOlderLogBesideANewerOneIsCountedLateAgainstItsOwnSource(@TempDir Path data) throws Exception {
        byte[] newer = Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais")); // 2014
        byte[] older = Fixture.bytes(Fixture.log("dma-aislib/replay_dump.txt")); // 2013, $PGHP times
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("new=tcp-listen://127.0.0.1:0", "old=tcp-listen://127.0.0.1:0")))) {
            long want = Fixture.lines(newer) + Fixture.lines(older);
            send(port(s, "new"), newer);
            long deadline = System.currentTimeMillis() + 120_000;
            while (s.pipeline().lines() < Fixture.lines(newer) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            send(port(s, "old"), older);
            while (s.pipeline().lines() < want && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            long oldLate = -1;
            long newLate = -1;
            for (JsonNode src : stats.get("sources")) {
                if (src.get("name").asText().equals("old")) {
                    oldLate = src.get("late_observations").asLong();
                    assertThat(src.get("last_message_time").asText()).startsWith("2013-03-18T");
                } else {
                    newLate = src.get("late_observations").asLong();
                }
            }
            assertThat(newLate).isZero();
            // every observation of the 2013 log with a position or identity reaches the order after the
            // 2014 log's: all of them late, and the total is the per-source count
            assertThat(oldLate).isPositive().isEqualTo(stats.get("late_observations").asLong());
            assertThat(s.pipeline().lateObservations("old")).isEqualTo(oldLate);
        }
    }

    private static int port(WatchkeeperServer s, String name) {
        for (Source x : s.sources()) {
            if (x.name().equals(name) && x instanceof Source.TcpListenSource t) {
                return t.port();
            }
        }
        throw new IllegalStateException("no tcp-listen source " + name);
    }

    private static void send(int port, byte[] content) throws Exception {
        try (Socket sock = new Socket("127.0.0.1", port); OutputStream out = sock.getOutputStream()) {
            out.write(content);
        }
    }
}
