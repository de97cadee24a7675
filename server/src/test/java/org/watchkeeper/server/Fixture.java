package org.watchkeeper.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * Test helpers: shared real logs, feeding a server over TCP, HTTP calls. {@link #get}, {@link #post},
 * {@link #delete} and {@link #put} call as the server's bootstrap admin ({@link #adminToken}); the
 * {@code ...As} forms take a token (null: none).
 */
final class Fixture {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The admin token of servers started with {@link #config}. */
    static final String ADMIN_TOKEN = "wk_test-admin-token-0123456789abcdef";

    /** A server configuration on {@code data} with the known admin token {@link #ADMIN_TOKEN}, any free port. */
    static WatchkeeperServer.Config config(Path data) {
        // a short lateness: sendAndWait then waits for the idle release, so what a test reads does not depend on timing
        return WatchkeeperServer.Config.of(data).withPort(0).withAdminToken(ADMIN_TOKEN).withLateness(SHORT_LATENESS_MILLIS);
    }

    /** The bootstrap admin's token: the configured one, else the one the server generated into its data directory. */
    static String adminToken(WatchkeeperServer s) {
        if (s.config().adminToken() != null) {
            return s.config().adminToken();
        }
        try {
            return Files.readString(s.adminTokenFile()).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no admin token configured and none generated in " + s.adminTokenFile(), e);
        }
    }

    static URI uri(WatchkeeperServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static HttpRequest.Builder request(WatchkeeperServer s, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static Reply send(HttpRequest r) throws Exception {
        HttpResponse<String> x = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        return new Reply(x.statusCode(), x.body(), x.headers().firstValue("content-type").orElse(""), x.headers().map());
    }

    static Reply getAs(WatchkeeperServer s, String token, String path) throws Exception {
        return send(request(s, path, token).GET().build());
    }

    static Reply postAs(WatchkeeperServer s, String token, String path, String body) throws Exception {
        return send(request(s, path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Reply putAs(WatchkeeperServer s, String token, String path, String body) throws Exception {
        return send(request(s, path, token).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Reply deleteAs(WatchkeeperServer s, String token, String path) throws Exception {
        return send(request(s, path, token).DELETE().build());
    }

    static Reply put(WatchkeeperServer s, String path, String body) throws Exception {
        return putAs(s, adminToken(s), path, body);
    }

    private Fixture() {
    }

    /** A file of the shared real AIS logs; skips the test when the shared folder is absent. */
    static Path log(String relative) {
        String shared = System.getProperty("watchkeeper.shared", "../../shared");
        Path p = Path.of(shared, "data", "ais", relative);
        assumeTrue(Files.isRegularFile(p), "shared real AIS log not found (set watchkeeper.shared): " + p);
        return p;
    }

    static byte[] bytes(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            InputStream s = p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return s.readAllBytes();
        }
    }

    /** Lines the framer delivers for this content (non-blank after trimming spaces and tabs). */
    static long lines(byte[] b) {
        long n = 0;
        for (String l : new String(b, StandardCharsets.ISO_8859_1).split("[\r\n]")) {
            if (!l.strip().isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The port of the server's first tcp-listen source. */
    static int tcpPort(WatchkeeperServer s) {
        for (Source x : s.sources()) {
            if (x instanceof Source.TcpListenSource t) {
                return t.port();
            }
        }
        throw new IllegalStateException("no tcp-listen source");
    }

    /** The lateness of the tests' servers, ms: short enough to wait for its idle release after each send. */
    static final long SHORT_LATENESS_MILLIS = 500;

    /**
     * Sends {@code content} to the server's TCP source over a connection of its own, closes it, and waits until it has been processed and stored;
     * with a short lateness, also until the input held for ordering has gone to the detectors (idle release).
     */
    static void sendAndWait(WatchkeeperServer s, byte[] content) throws Exception {
        long before = s.pipeline().lines();
        try (Socket sock = new Socket("127.0.0.1", tcpPort(s)); OutputStream out = sock.getOutputStream()) {
            out.write(content);
        }
        awaitProcessed(s, before + lines(content));
    }

    /**
     * As {@link #sendAndWait(WatchkeeperServer, byte[])}, over a connection to the server's TCP source that
     * the caller keeps open ({@code open}, its output), so that the lines of several calls are one stream
     * of the source: its end comes only when the caller closes the connection.
     */
    static void sendAndWait(WatchkeeperServer s, OutputStream open, byte[] content) throws Exception {
        long before = s.pipeline().lines();
        open.write(content);
        open.flush();
        awaitProcessed(s, before + lines(content));
    }

    /** Waits until the pipeline has processed {@code want} lines in all, and stored (and released) what they gave. */
    private static void awaitProcessed(WatchkeeperServer s, long want) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (s.pipeline().lines() < want) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("pipeline processed " + s.pipeline().lines() + " of " + want + " lines");
            }
            Thread.sleep(20);
        }
        s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS);
        s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS);
        if (s.config().latenessMillis() <= 2 * SHORT_LATENESS_MILLIS
                && !s.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the pipeline did not release its held input within 60 s");
        }
    }

    record Reply(int status, String body, String contentType, java.util.Map<String, java.util.List<String>> headers) {
        JsonNode json() throws IOException {
            return Rows.JSON.readTree(body);
        }

        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** GET as the bootstrap admin, with optional extra request headers given as name, value, name, value... */
    static Reply get(WatchkeeperServer s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = request(s, path, adminToken(s)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static Reply post(WatchkeeperServer s, String path, String body) throws Exception {
        return postAs(s, adminToken(s), path, body);
    }

    static Reply delete(WatchkeeperServer s, String path) throws Exception {
        return deleteAs(s, adminToken(s), path);
    }

    static String repeat(int bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"type\":\"Feature\",\"properties\":{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < bytes; i++) {
            b.write('x');
        }
        b.writeBytes("\"}}".getBytes(StandardCharsets.US_ASCII));
        return b.toString(StandardCharsets.US_ASCII);
    }
}
