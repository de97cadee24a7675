package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/stats} tells each feed's rejected lines apart: with one receiver sending good lines
 * and another junk, the junk's reasons are on the second source's entry, and the server-wide
 * {@code rejected} is their sum. Before, only the sum was shown, so the feed sending junk could not
 * be told.
 */
class StatsBySourceTest {
    @TempDir
    Path data;

    @Test
    void eachSourceShowsItsOwnRejectedLines() throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withLateness(Fixture.SHORT_LATENESS_MILLIS)
                .withSources(List.of("good=tcp-listen://127.0.0.1:0", "junk=udp://127.0.0.1:0")))) {
            // a real log with one line whose checksum was altered (its last two hex digits), over TCP
            String log = new String(Fixture.bytes(Fixture.log("dma-aislib/replay_dump.txt")), StandardCharsets.ISO_8859_1);
            String bad = "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*00\n";
            Fixture.sendAndWait(s, (log + bad).getBytes(StandardCharsets.ISO_8859_1));
            int udp = s.sources().stream().filter(x -> x.name().equals("junk")).findFirst().orElseThrow().listeningPort();
            long before = s.pipeline().lines();
            try (DatagramSocket d = new DatagramSocket()) {
                for (String junk : List.of("hello\n", "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0\n", "$GPRMC,foo*00\n")) {
                    byte[] b = junk.getBytes(StandardCharsets.US_ASCII);
                    d.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), udp));
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (s.pipeline().lines() < before + 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            JsonNode good = null;
            JsonNode junk = null;
            for (JsonNode x : stats.get("sources")) {
                if (x.get("name").asText().equals("good")) {
                    good = x;
                } else {
                    junk = x;
                }
            }
            assertThat(good.get("rejected").toString()).isEqualTo("{\"bad_checksum\":1}");
            assertThat(good.get("messages").asLong()).isEqualTo(50);
            assertThat(junk.get("rejected").toString()).isEqualTo("{\"bad_checksum\":1,\"no_checksum\":1,\"not_a_sentence\":1}");
            assertThat(stats.get("rejected").toString()).isEqualTo("{\"bad_checksum\":2,\"no_checksum\":1,\"not_a_sentence\":1}");
            // the whole is the sum of its sources, read at one moment
            assertThat(stats.get("messages").asLong()).isEqualTo(good.get("messages").asLong() + junk.get("messages").asLong())
                    .isEqualTo(50);
        }
    }
}
