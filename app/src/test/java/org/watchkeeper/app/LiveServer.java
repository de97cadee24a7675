package org.watchkeeper.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.watchkeeper.server.Source;
import org.watchkeeper.server.WatchkeeperServer;

/**
 * A real server started in-process for the tests, and the one place that says how a client reaches
 * it: {@link #baseUrl()} and the request headers of {@link #headers()} (the bootstrap admin's token). Java callers use {@link #request(String)}; the browser test gets the same
 * two through {@link #browserEnvironment()}.
 */
final class LiveServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final WatchkeeperServer server;

    private LiveServer(WatchkeeperServer server) {
        this.server = server;
    }

    /** The bootstrap admin's API token every test server gets (unless its config names another). */
    static final String ADMIN_TOKEN = "wk_live-server-admin-token-0123456789";

    static LiveServer start(WatchkeeperServer.Config config) throws IOException, InterruptedException {
        if (config.adminToken() == null) {
            config = config.withAdminToken(ADMIN_TOKEN);
        }
        return new LiveServer(WatchkeeperServer.start(config));
    }

    /** The admin token the server was started with. */
    String adminToken() {
        return server.config().adminToken();
    }

    /** The server's root URL, ending in {@code /}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** Headers every request to the server carries: the bootstrap admin's bearer token. */
    Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + adminToken());
    }

    /** A request for a path relative to the root ({@code api/vessels}), with {@link #headers()}. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(60));
        headers().forEach(b::header);
        return b;
    }

    /** GET a path, whatever the status. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET a JSON route; fails on a status other than 200. */
    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " gave " + r.statusCode() + ": " + r.body());
        }
        return Cli.JSON.readTree(r.body());
    }

    /**
     * Environment for {@code npm run test:browser}: the server's URL and the admin token the page logs
     * in with (through its login form, as a user would).
     */
    Map<String, String> browserEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WATCHKEEPER_URL", baseUrl());
        env.put("WATCHKEEPER_TOKEN", adminToken());
        return env;
    }

    /** Waits until every source has ended and the pipeline has stored what they delivered. */
    void awaitSourcesDone(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Source s : server.sources()) {
            s.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (s.up()) {
                throw new AssertionError("source " + s.name() + " still running after " + timeoutMillis + " ms");
            }
        }
        if (!server.pipeline().awaitIdle(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("pipeline not idle after " + timeoutMillis + " ms");
        }
    }

    /** Port of the first {@code tcp-listen} source. */
    int tcpPort() {
        for (Source s : server.sources()) {
            if (s instanceof Source.TcpListenSource t) {
                return t.port();
            }
        }
        throw new IllegalStateException("no tcp-listen source");
    }

    /**
     * Sends the bytes over one TCP connection to the tcp-listen source, closes it, and waits until
     * the pipeline has processed {@code lines} more lines and stored the result.
     */
    void sendOverTcp(byte[] content, long lines, long timeoutMillis) throws IOException, InterruptedException {
        long want = server.pipeline().lines() + lines;
        try (Socket sock = new Socket("127.0.0.1", tcpPort()); OutputStream out = sock.getOutputStream()) {
            out.write(content);
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (server.pipeline().lines() < want) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("pipeline processed " + server.pipeline().lines() + " of " + want + " lines");
            }
            Thread.sleep(20);
        }
        server.pipeline().awaitIdle(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Lines the server's framer makes of the content (non-blank ones). */
    static long lines(byte[] b) {
        long n = 0;
        for (String l : new String(b, StandardCharsets.ISO_8859_1).split("[\r\n]")) {
            if (!l.strip().isEmpty()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
