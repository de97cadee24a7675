package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that cannot work says why, in {@code /api/stats} and on stderr; a server that cannot
 * start (a port taken, two sources of one name, a file source's parameters) says so before it
 * opens its data folder.
 */
class SourceFaultTest {
    private static final String LINE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n";

    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The source's entry of {@code /api/stats} once {@code until} holds (10 s at most). */
    private static JsonNode sourceWhen(WatchkeeperServer s, Predicate<JsonNode> until) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode src;
        do {
            Fixture.Reply r = Fixture.get(s, "/api/stats");
            assertThat(r.status()).isEqualTo(200);
            src = Rows.JSON.readTree(r.body()).path("sources").path(0);
            if (until.test(src)) {
                return src;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("source never reached the state; last: " + src);
    }

    @Test
    void aFeedThatCannotBeReachedSaysWhyThenConnectsWhenItCanAndSaysWhenItIsClosed() throws Exception {
        int port = freePort();
        String where = "127.0.0.1:" + port;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(tmp.resolve("data"))
                .withSources(List.of("feed=tcp://" + where)))) {
            JsonNode refused = sourceWhen(s, x -> x.has("error"));
            assertThat(refused.path("error").asText()).isEqualTo("cannot connect to " + where + ": Connection refused");
            assertThat(refused.path("up").asBoolean()).isFalse();
            assertThat(refused.path("error_time").asText()).matches("20\\d\\d-.*Z");
            // a monitor sees it without a login, by count, and in the metrics by name
            JsonNode health = Fixture.get(s, "/health").json();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("sources_failing").asInt()).isEqualTo(1);
            assertThat(Fixture.get(s, "/metrics").body()).contains("watchkeeper_source_failing{source=\"feed\"} 1.0")
                    .contains("watchkeeper_source_up{kind=\"tcp\",source=\"feed\"} 0.0");

            // the feed comes up: the source retries (1 s, then 2 s ...) and connects
            try (ServerSocket feed = new ServerSocket()) {
                feed.setReuseAddress(true);
                feed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                try (Socket c = feed.accept()) {
                    OutputStream out = c.getOutputStream();
                    out.write(LINE.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    JsonNode working = sourceWhen(s, x -> x.path("lines").asLong() == 1);
                    assertThat(working.has("error")).isFalse();
                    assertThat(working.path("up").asBoolean()).isTrue();
                }
                JsonNode closed = sourceWhen(s, x -> x.has("error"));
                assertThat(closed.path("error").asText()).isEqualTo(where + " closed the connection");
                assertThat(closed.path("lines").asLong()).isEqualTo(1);
            }
        }
    }

    @Test
    void aListeningSourceTakesAtMostItsConnectionsAndCountsTheRefused() throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(tmp.resolve("data"))
                .withSources(List.of("pushers=tcp-listen://127.0.0.1:0")))) {
            int port = Fixture.tcpPort(s);
            Source src = s.sources().get(0);
            List<Socket> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < Source.TcpListenSource.MAX_CONNECTIONS; i++) {
                    open.add(new Socket(InetAddress.getLoopbackAddress(), port));
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (src.connections() < Source.TcpListenSource.MAX_CONNECTIONS && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(src.connections()).isEqualTo(Source.TcpListenSource.MAX_CONNECTIONS);
                try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    extra.setSoTimeout(10_000);
                    assertThat(extra.getInputStream().read()).isEqualTo(-1); // closed by the server
                }
                JsonNode full = sourceWhen(s, x -> x.path("refused_connections").asLong() == 1);
                assertThat(full.path("connections").asInt()).isEqualTo(Source.TcpListenSource.MAX_CONNECTIONS);

                // one closes: a new one is taken, and its line arrives
                open.remove(0).close();
                deadline = System.currentTimeMillis() + 10_000;
                while (src.connections() == Source.TcpListenSource.MAX_CONNECTIONS && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                try (Socket again = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    again.getOutputStream().write(LINE.getBytes(StandardCharsets.US_ASCII));
                    again.getOutputStream().flush();
                    assertThat(sourceWhen(s, x -> x.path("lines").asLong() == 1).path("refused_connections").asLong()).isEqualTo(1);
                }
            } finally {
                for (Socket c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aTruncatedGzipLogKeepsItsLinesAndSaysWhereItStopped() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            for (int i = 0; i < 2000; i++) {
                out.write(LINE.getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] whole = gz.toByteArray();
        Path log = Files.write(tmp.resolve("cut.nmea.gz"), java.util.Arrays.copyOf(whole, whole.length - 20));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(tmp.resolve("data"))
                .withSources(List.of("cut=file:" + log)))) {
            s.sources().get(0).join(30_000);
            JsonNode src = sourceWhen(s, x -> x.has("error"));
            long lines = src.path("lines").asLong();
            assertThat(lines).isBetween(1L, 1999L);
            assertThat(src.path("error").asText())
                    .isEqualTo("reading " + log + ": Unexpected end of ZLIB input stream (the " + lines
                            + " lines delivered before it are kept)");
            assertThat(src.path("up").asBoolean()).isFalse();
        }
    }

    @Test
    void twoSourcesOfOneNameAreRefusedBeforeTheDataFolderIsMade() {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("a=udp://:0", "b=tcp-listen://:0", "a=tcp://127.0.0.1:4001"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two sources are named 'a' (a=udp://:0 and a=tcp://127.0.0.1:4001); give each its own name");
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void aPortInUseIsSaidBeforeTheDataFolderIsMade() throws Exception {
        Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data).withPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on HTTP port " + port + ": ")
                    .hasMessageContaining("--port");
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                    .withSources(List.of("pushers=tcp-listen://:" + port))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("source pushers cannot listen on TCP port " + port + ": ");
        }
        try (DatagramSocket taken = new DatagramSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                    .withSources(List.of("lan=udp://:" + port))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("source lan cannot listen on UDP port " + port + ": ");
        }
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data).withPort(70000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HTTP port must be from 0 to 65535, not 70000");
        assertThat(Files.exists(data)).isFalse();
    }

    /** Ports the command line gives twice clash with each other, not with another program: said before the data folder. */
    @Test
    void aPortGivenTwiceInOneCommandLineIsSaidBeforeTheDataFolderIsMade() throws Exception {
        Path data = tmp.resolve("data");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int p = port;
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data).withPort(p)
                .withSources(List.of("pushers=tcp-listen://:" + p))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source pushers would listen on TCP port " + p + ", the server's HTTP port (--port); give one of them another port");
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("p=tcp-listen://:" + p, "q=tcp-listen://127.0.0.1:" + p))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sources p and q would both listen on TCP port " + p + "; give each its own port");
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("lan=udp://:" + p, "ship=udp://0.0.0.0:" + p))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sources lan and ship would both listen on UDP port " + p + "; give each its own port");
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("a=udp://:10110", "b=udp://0.0.0.0:10110"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sources a and b would both listen on UDP port 10110; give each its own port");
        assertThat(Files.exists(data)).isFalse();
        // the same port number for TCP and UDP, and for two different local addresses, is no clash
        Source.checkAll(List.of("t=tcp-listen://:" + p, "u=udp://:" + p), 0);
        Source.checkAll(List.of("a=tcp-listen://127.0.0.1:" + p, "b=tcp-listen://127.0.0.2:" + p), 0);
    }

    @Test
    void aFileSourceTakesOneParameterSpeedOnce() throws Exception {
        Path log = Files.writeString(tmp.resolve("log.nmea"), LINE);
        String uri = "file:" + log;
        assertThat(Source.fileSpeed(uri)).isZero();
        assertThat(Source.fileSpeed(uri + "?speed=10")).isEqualTo(10.0);
        assertThat(Source.filePath("r=" + uri + "?speed=10")).isEqualTo(log);
        assertThat(Source.parse("r=" + uri + "?speed=2.5", null).kind()).isEqualTo("file");
        assertThatThrownBy(() -> Source.parse("r=" + uri + "?sped=10", null))
                .hasMessage("a file: source takes one parameter, speed (file:PATH?speed=N), not 'sped': " + uri + "?sped=10");
        assertThatThrownBy(() -> Source.parse("r=" + uri + "?speed=10&speed=20", null))
                .hasMessage("speed is given twice: " + uri + "?speed=10&speed=20");
        assertThatThrownBy(() -> Source.parse("r=" + uri + "?speed=fast", null))
                .hasMessage("speed must be a number, not 'fast': " + uri + "?speed=fast");
        assertThatThrownBy(() -> Source.parse("r=" + uri + "?speed=0", null))
                .hasMessage("speed must be > 0 and <= 1e6, not 0: " + uri + "?speed=0");
        assertThatThrownBy(() -> Source.parse("r=" + uri + "?", null))
                .hasMessageContaining("not '':");
    }
}
