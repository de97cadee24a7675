package org.watchkeeper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.nmea.NmeaEncoder;

/**
 * Load generator for {@code watchkeeper serve} (see {@code bench/serve-load.sh}): pushes real AIS
 * sentences from the shared logs over one loopback TCP connection into a {@code tcp-listen} source
 * at a fixed rate, with planted position reports of watchlisted MMSIs among them. Each planted
 * report makes the watchlist detector fire at once ({@code watchlist_activity}: the first position
 * of a listed vessel), so the time from the planted sentence leaving the socket to its event arriving
 * on the server's SSE stream ({@code /api/stream}) is the end-to-end latency of the pipeline
 * (framing, raw archive, queue, decoding, picture, detectors, live stream). The server's memory (RSS
 * from {@code /proc}, JVM heap from {@code /metrics}) and queue are sampled while it runs; at the end
 * the server's per-source line count is compared with the lines sent.
 *
 * <p>The real sentences are sent without their tag blocks and time trailers, as a receiver on a live
 * feed sends them, so the server times every message by its receive clock; the logs are repeated
 * when the run outlasts them.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code watchlist FILE N [BASE]} writes the watchlist file of the N planted MMSIs;</li>
 *   <li>{@code run key=value...} runs the load ({@code tcp=host:port}, {@code http=URL},
 *       {@code rate=20000} sentences/s, {@code duration=180} s, {@code plants=10} per second,
 *       {@code base=563990000}, {@code pid=} server process for RSS, {@code shared=} folder,
 *       {@code source=} the tcp-listen source's name, {@code header=Name:value} request header,
 *       {@code out=} JSON result file);</li>
 *   <li>{@code store DATA_DIR} counts the stored positions after the server stopped and compares
 *       them with the accepted positions the vessel rows record.</li>
 * </ul>
 */
public final class LoadSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Logs the real sentences are taken from (relative to the shared folder). */
    private static final List<String> LOGS = List.of(
            "data/ais/dma-aisabnormal/ais-sample.txt.gz",
            "data/ais/amsa-risky/ais.txt.gz",
            "data/ais/amsa-risky/exact-earth-augmented.txt",
            "data/ais/amsa-risky/exact-earth-augmented-2.txt",
            "data/ais/amsa-risky/exact-earth-augmented-3.txt",
            "data/ais/dma-aislib/stream_example.txt");

    private LoadSender() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("watchlist")) {
            int n = Integer.parseInt(args[2]);
            int base = args.length > 3 ? Integer.parseInt(args[3]) : 563_990_000;
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("mmsi ").append(base + i).append(" | load benchmark plant ").append(i).append('\n');
            }
            Files.writeString(Path.of(args[1]), b.toString());
            return;
        }
        if (args.length == 2 && args[0].equals("store")) {
            store(Path.of(args[1]));
            return;
        }
        if (args.length >= 1 && args[0].equals("run")) {
            Map<String, String> o = new LinkedHashMap<>();
            List<String> headers = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                if (kv[0].equals("header")) {
                    headers.add(kv[1]);
                } else {
                    o.put(kv[0], kv[1]);
                }
            }
            new Run(o, headers).run();
            return;
        }
        System.err.println("usage: LoadSender watchlist FILE N [BASE] | run key=value... | store DATA_DIR");
        System.exit(2);
    }

    /** One load run. */
    private static final class Run {
        final String host;
        final int port;
        final String http;
        final int rate;
        final int seconds;
        final int plantsPerSecond;
        final int warmup;
        final int base;
        final long pid;
        final Path shared;
        final String source;
        final Path out;
        final List<String> headers;
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Run(Map<String, String> o, List<String> headers) {
            String[] tcp = o.getOrDefault("tcp", "127.0.0.1:5631").split(":");
            host = tcp[0];
            port = Integer.parseInt(tcp[1]);
            http = o.getOrDefault("http", "http://127.0.0.1:8080/").replaceFirst("/?$", "/");
            rate = Integer.parseInt(o.getOrDefault("rate", "20000"));
            seconds = Integer.parseInt(o.getOrDefault("duration", "180"));
            plantsPerSecond = Integer.parseInt(o.getOrDefault("plants", "10"));
            warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
            base = Integer.parseInt(o.getOrDefault("base", "563990000"));
            pid = Long.parseLong(o.getOrDefault("pid", "-1"));
            shared = Path.of(o.getOrDefault("shared", "../shared"));
            source = o.getOrDefault("source", "bench");
            out = Path.of(o.getOrDefault("out", "/tmp/wk-load-result.json"));
            this.headers = headers;
        }

        /**
         * Warm-up before the measured run: the same real sentences at the same rate for
         * {@code warmup} seconds on a connection of its own, no planted reports; then waits until the
         * server has counted every warm-up line and its input queue is empty, so that the measured
         * run starts from a warmed-up JIT and no backlog. Reports what the warm-up achieved.
         */
        void warmUp(List<byte[]> units) throws Exception {
            long before = sourceLines(stats());
            long t0 = System.nanoTime();
            long end = t0 + warmup * 1_000_000_000L;
            long sent = 0;
            int next = 0;
            try (Socket sock = new Socket(host, port)) {
                sock.setTcpNoDelay(true);
                OutputStream os = new BufferedOutputStream(sock.getOutputStream(), 1 << 16);
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    long due = (now - t0) * rate / 1_000_000_000L;
                    long stop = Math.min(due, sent + rate / 50);
                    while (sent < stop) {
                        byte[] u = units.get(next);
                        next = (next + 1) % units.size();
                        os.write(u);
                        sent += count(u, (byte) '\n');
                    }
                    os.flush();
                    long sleep = 2_000_000 - (System.nanoTime() - now);
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            }
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            long drainStart = System.nanoTime();
            while (System.nanoTime() - drainStart < 300_000_000_000L) {
                if (sourceLines(stats()) - before >= sent && metrics().getOrDefault("queued", 1.0) == 0.0) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("warm-up: %d lines in %.1f s (%.0f lines/s), then %.1f s until the server had processed them%n",
                    sent, sendSeconds, sent / sendSeconds, (System.nanoTime() - drainStart) / 1e9);
        }

        /** The one place that says how requests reach the server: base URL and headers. */
        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http + path));
            for (String h : headers) {
                String[] nv = h.split(":", 2);
                b.header(nv[0].strip(), nv[1].strip());
            }
            return b;
        }

        void run() throws Exception {
            List<byte[]> units = corpus(shared);
            long corpusLines = units.stream().mapToLong(u -> count(u, (byte) '\n')).sum();
            int plants = plantsPerSecond * seconds;
            byte[][] planted = new byte[plants][];
            NmeaEncoder enc = new NmeaEncoder();
            for (int i = 0; i < plants; i++) {
                // Singapore Strait, at 10 kn; every planted vessel is new, so its first position fires.
                double lat = Math.round((1.15 + (i % 100) * 0.001) * 600_000) / 600_000.0;
                double lon = Math.round((103.6 + (i / 100 % 100) * 0.004) * 600_000) / 600_000.0;
                PositionReport p = new PositionReport(1, 0, base + i, 0, 0, 10.0, false, lon, lat, 90.0, 90, 30, 0, 0, false,
                        new CommunicationState.Sotdma(0, 0, 0).raw());
                List<String> s = enc.encode(p, 'A', null);
                planted[i] = (String.join("\r\n", s) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            System.out.printf("corpus: %d messages, %d sentences from %d real logs; %d planted reports (%d/s); target %d sentences/s for %d s%n",
                    units.size(), corpusLines, LOGS.size(), plants, plantsPerSecond, rate, seconds);

            long[] sentAt = new long[plants];
            AtomicLongArray receivedAt = new AtomicLongArray(plants);
            AtomicLong otherEvents = new AtomicLong();
            AtomicLong duplicateEvents = new AtomicLong();
            CountDownLatch connected = new CountDownLatch(1);
            Thread sse = new Thread(() -> readStream(receivedAt, otherEvents, duplicateEvents, connected), "sse");
            sse.setDaemon(true);
            sse.start();
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the SSE stream did not open");
            }

            if (warmup > 0) {
                warmUp(units);
            }
            Map<String, Long> rejectedBefore = rejected(stats());
            long sourceLinesBefore = sourceLines(stats());
            List<ObjectNode> samples = new ArrayList<>();
            AtomicLong sentLines = new AtomicLong();
            long t0 = System.nanoTime();
            Thread sampler = new Thread(() -> sample(samples, sentLines, t0), "sampler");
            sampler.setDaemon(true);
            sampler.start();

            long plantEvery = Math.max(1, rate / Math.max(1, plantsPerSecond));
            long sent = 0;
            int next = 0;
            int plant = 0;
            long maxBehindMillis = 0;
            long end = t0 + seconds * 1_000_000_000L;
            int[] pending = new int[1024];
            try (Socket sock = new Socket(host, port)) {
                sock.setTcpNoDelay(true);
                OutputStream os = new BufferedOutputStream(sock.getOutputStream(), 1 << 16);
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    long due = (now - t0) * rate / 1_000_000_000L;
                    maxBehindMillis = Math.max(maxBehindMillis, (due - sent) * 1000 / rate);
                    int np = 0;
                    long stop = Math.min(due, sent + rate / 50); // at most 20 ms of lines per write
                    while (sent < stop) {
                        if (plant < plants && sent / plantEvery >= plant + 1 && np < pending.length) {
                            os.write(planted[plant]);
                            pending[np++] = plant++;
                            sent++;
                            continue;
                        }
                        byte[] u = units.get(next);
                        next = (next + 1) % units.size();
                        os.write(u);
                        sent += count(u, (byte) '\n');
                    }
                    os.flush();
                    long flushed = System.nanoTime();
                    for (int i = 0; i < np; i++) {
                        sentAt[pending[i]] = flushed;
                    }
                    sentLines.set(sent);
                    long sleep = 2_000_000 - (System.nanoTime() - now);
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
                os.flush();
            }
            long sendNanos = System.nanoTime() - t0;
            long totalSent = sent;
            System.out.printf("sent %d lines in %.1f s (%.0f lines/s), %d planted; most behind schedule: %d ms%n",
                    totalSent, sendNanos / 1e9, totalSent / (sendNanos / 1e9), plant, maxBehindMillis);

            // Drain: the server's count of this source's lines reaches what was sent.
            long drainStart = System.nanoTime();
            long serverLines = sourceLines(stats()) - sourceLinesBefore;
            while (serverLines < totalSent && System.nanoTime() - drainStart < 300_000_000_000L) {
                Thread.sleep(200);
                serverLines = sourceLines(stats()) - sourceLinesBefore;
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            // Wait for the remaining planted events (processed lines trail the source's count).
            long waitEnd = System.nanoTime() + 60_000_000_000L;
            while (received(receivedAt, plant) < plant && System.nanoTime() < waitEnd) {
                Thread.sleep(100);
            }
            sampler.interrupt();
            sampler.join();
            JsonNode finalStats = stats();

            long[] lat = new long[plant];
            int got = 0;
            for (int i = 0; i < plant; i++) {
                long r = receivedAt.get(i);
                if (r != 0) {
                    lat[got++] = r - sentAt[i];
                }
            }
            long[] l = Arrays.copyOf(lat, got);
            Arrays.sort(l);
            ObjectNode res = JSON.createObjectNode();
            res.put("target_rate", rate).put("duration_s", seconds);
            res.put("sent_lines", totalSent).put("send_seconds", round(sendNanos / 1e9))
                    .put("achieved_rate", Math.round(totalSent / (sendNanos / 1e9))).put("max_behind_schedule_ms", maxBehindMillis);
            res.put("planted", plant).put("events_received", got).put("events_missing", plant - got)
                    .put("duplicate_events", duplicateEvents.get()).put("other_events", otherEvents.get());
            ObjectNode lm = res.putObject("latency_ms");
            if (got > 0) {
                lm.put("p50", ms(l, 0.50)).put("p95", ms(l, 0.95)).put("p99", ms(l, 0.99)).put("max", round(l[got - 1] / 1e6))
                        .put("min", round(l[0] / 1e6));
            }
            // the same figures per 30 s of sending, to tell warm-up and stalls from the steady state
            ArrayNode windows = res.putArray("latency_ms_by_30s_window");
            for (long from = 0; from < seconds; from += 30) {
                long[] w = new long[plant];
                int n = 0;
                for (int i = 0; i < plant; i++) {
                    long r = receivedAt.get(i);
                    long at = (sentAt[i] - t0) / 1_000_000_000L;
                    if (r != 0 && at >= from && at < from + 30) {
                        w[n++] = r - sentAt[i];
                    }
                }
                if (n > 0) {
                    long[] x = Arrays.copyOf(w, n);
                    Arrays.sort(x);
                    windows.addObject().put("from_s", from).put("events", n).put("p50", ms(x, 0.50)).put("p99", ms(x, 0.99))
                            .put("max", round(x[n - 1] / 1e6));
                }
            }
            // the slowest events with their send time on the wall clock, to line them up with GC and JFR logs
            long wallAtT0 = System.currentTimeMillis() * 1_000_000L - (System.nanoTime() - t0);
            Integer[] order = new Integer[plant];
            for (int i = 0; i < plant; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(latencyOf(receivedAt.get(b), sentAt[b]), latencyOf(receivedAt.get(a), sentAt[a])));
            ArrayNode slow = res.putArray("slowest_events");
            for (int k = 0; k < Math.min(50, plant); k++) {
                int i = order[k];
                long sentWall = wallAtT0 + (sentAt[i] - t0);
                slow.addObject().put("plant", i).put("sent_utc", java.time.Instant.ofEpochMilli(sentWall / 1_000_000L).toString())
                        .put("sent_s", round((sentAt[i] - t0) / 1e9)).put("latency_ms", round(latencyOf(receivedAt.get(i), sentAt[i]) / 1e6));
            }
            res.put("server_source_lines", serverLines).put("drain_seconds", round(drainSeconds));
            res.put("lines_lost", totalSent - serverLines);
            ObjectNode rej = res.putObject("rejected_during_run");
            Map<String, Long> after = rejected(finalStats);
            after.forEach((k, v) -> {
                long d = v - rejectedBefore.getOrDefault(k, 0L);
                if (d != 0) {
                    rej.put(k, d);
                }
            });
            res.set("shed", finalStats.get("shed"));
            res.put("late_observations", finalStats.path("late_observations").asLong());
            res.put("vessels", finalStats.path("vessels").asLong());
            ArrayNode s = res.putArray("samples");
            synchronized (samples) {
                samples.forEach(s::add);
            }
            Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(res));
            ObjectNode brief = res.deepCopy();
            brief.remove("samples");
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(brief));
            System.out.println("samples (s, RSS MB, heap used MB, queued lines, lines processed, server CPU s, load average 1 min):");
            synchronized (samples) {
                for (ObjectNode x : samples) {
                    System.out.printf("  %5.0f %7.0f %7.0f %8d %10d %8.1f %6.2f%n", x.get("t_s").asDouble(), x.get("rss_mb").asDouble(),
                            x.get("heap_used_mb").asDouble(), x.get("queued").asLong(), x.get("lines_processed").asLong(),
                            x.get("cpu_s").asDouble(), x.get("load1").asDouble());
                }
            }
        }

        private static int received(AtomicLongArray a, int n) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (a.get(i) != 0) {
                    c++;
                }
            }
            return c;
        }

        /** Latency of one planted event in ns, or Long.MAX_VALUE when it never arrived. */
        private static long latencyOf(long received, long sent) {
            return received == 0 ? Long.MAX_VALUE : received - sent;
        }

        /** Reads {@code event:} messages of the watchlist kind and records when each planted MMSI's arrives. */
        private void readStream(AtomicLongArray receivedAt, AtomicLong other, AtomicLong duplicates, CountDownLatch connected) {
            try {
                HttpResponse<InputStream> r = client.send(request("api/stream?kinds=event&kind=watchlist_activity")
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("stream: HTTP " + r.statusCode());
                }
                connected.countDown();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    String event = null;
                    while ((line = in.readLine()) != null) {
                        long now = System.nanoTime();
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:") && "event".equals(event)) {
                            JsonNode e = JSON.readTree(line.substring(5));
                            int mmsi = Integer.parseInt(e.path("vessels").path(0).asText("0"));
                            int i = mmsi - base;
                            if (i >= 0 && i < receivedAt.length()) {
                                if (!receivedAt.compareAndSet(i, 0, now)) {
                                    duplicates.incrementAndGet();
                                }
                            } else {
                                other.incrementAndGet();
                            }
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("stream ended: " + e);
            }
        }

        /** Every 5 s: RSS of the server process, heap used, queued and processed lines. */
        private void sample(List<ObjectNode> samples, AtomicLong sent, long t0) {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    ObjectNode x = JSON.createObjectNode();
                    x.put("t_s", Math.round((System.nanoTime() - t0) / 1e9));
                    x.put("sent_lines", sent.get());
                    x.put("rss_mb", round(rssKb() / 1024.0));
                    x.put("cpu_s", round(cpuSeconds()));
                    x.put("load1", Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
                    Map<String, Double> m = metrics();
                    x.put("heap_used_mb", round(m.getOrDefault("heap", 0.0) / 1048576.0));
                    x.put("queued", m.getOrDefault("queued", 0.0).longValue());
                    x.put("lines_processed", m.getOrDefault("lines", 0.0).longValue());
                    synchronized (samples) {
                        samples.add(x);
                    }
                    Thread.sleep(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("sampling stopped: " + e);
            }
        }

        /** User + system CPU seconds of the server process so far ({@code /proc/PID/stat}, clock ticks of 1/100 s). */
        private double cpuSeconds() throws IOException {
            if (pid <= 0) {
                return 0;
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }

        private long rssKb() throws IOException {
            if (pid <= 0) {
                return 0;
            }
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }

        /** Heap bytes used (all heap pools), queued lines and processed lines from the Prometheus text. */
        private Map<String, Double> metrics() throws IOException, InterruptedException {
            String body = client.send(request("metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> m = new LinkedHashMap<>();
            for (String l : body.split("\n")) {
                if (l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\"")) {
                    m.merge("heap", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
                } else if (l.startsWith("watchkeeper_queue_lines ")) {
                    m.put("queued", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
                } else if (l.startsWith("watchkeeper_lines_total ")) {
                    m.put("lines", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
                }
            }
            return m;
        }

        private JsonNode stats() throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(request("api/stats").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/api/stats: HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }

        private long sourceLines(JsonNode stats) {
            for (JsonNode s : stats.path("sources")) {
                if (s.path("name").asText().equals(source)) {
                    return s.path("lines").asLong();
                }
            }
            throw new IllegalStateException("the server has no source '" + source + "': " + stats.path("sources"));
        }

        private static Map<String, Long> rejected(JsonNode stats) {
            Map<String, Long> m = new LinkedHashMap<>();
            stats.path("rejected").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
            return m;
        }
    }

    /**
     * The real sentences of the shared logs as messages (a multi-sentence message stays one unit),
     * each sentence stripped to {@code !..VDM,...*hh} and ended by CR LF.
     */
    /** For diagnosis harnesses. */
    public static List<byte[]> corpusForRepro(Path shared) throws IOException {
        return corpus(shared);
    }

    static List<byte[]> corpus(Path shared) throws IOException {
        List<byte[]> units = new ArrayList<>();
        StringBuilder unit = new StringBuilder();
        for (String rel : LOGS) {
            Path p = shared.resolve(rel);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("shared real AIS log not found: " + p);
            }
            try (InputStream raw = Files.newInputStream(p);
                 BufferedReader r = new BufferedReader(new InputStreamReader(rel.endsWith(".gz") ? new GZIPInputStream(raw) : raw,
                         StandardCharsets.ISO_8859_1))) {
                try (Stream<String> lines = r.lines()) {
                    for (String l : (Iterable<String>) lines::iterator) {
                        int start = l.indexOf('!');
                        if (start < 0 || l.indexOf("VD", start) != start + 3) {
                            continue;
                        }
                        int star = l.indexOf('*', start);
                        String s = star > 0 && star + 3 <= l.length() ? l.substring(start, star + 3) : l.substring(start);
                        String[] f = s.split(",", 7);
                        if (f.length < 7) {
                            continue;
                        }
                        boolean first = f[2].equals("1");
                        if (first && unit.length() > 0) {
                            units.add(unit.toString().getBytes(StandardCharsets.US_ASCII));
                            unit.setLength(0);
                        }
                        unit.append(s).append("\r\n");
                        if (f[1].equals(f[2])) {
                            units.add(unit.toString().getBytes(StandardCharsets.US_ASCII));
                            unit.setLength(0);
                        }
                    }
                }
            }
        }
        if (unit.length() > 0) {
            units.add(unit.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return units;
    }

    /** After the server stopped: stored position rows against the accepted positions the vessel rows count. */
    static void store(Path data) throws Exception {
        java.util.Properties ro = new java.util.Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve("history.duckdb"), ro);
             Statement st = c.createStatement()) {
            long rows = one(st, "SELECT count(*) FROM positions");
            long accepted = one(st, "SELECT coalesce(sum(positions), 0) FROM vessels");
            long vessels = one(st, "SELECT count(*) FROM vessels");
            long events = one(st, "SELECT count(*) FROM events WHERE kind = 'watchlist_activity'");
            long archived = 0;
            try (Stream<Path> files = Files.list(data.resolve("raw"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    try (Stream<String> ls = Files.lines(f, StandardCharsets.ISO_8859_1)) {
                        archived += ls.count();
                    }
                }
            }
            System.out.printf("store: %d position rows, %d accepted positions counted on %d vessel rows (%s); %d watchlist events;"
                            + " %d lines in the raw archive%n", rows, accepted, vessels, rows == accepted ? "equal" : "DIFFERENT",
                    events, archived);
        }
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long count(byte[] b, byte x) {
        long n = 0;
        for (byte c : b) {
            if (c == x) {
                n++;
            }
        }
        return n;
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
