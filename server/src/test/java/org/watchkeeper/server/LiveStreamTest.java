package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSE stream delivers positions (throttled per vessel) and events as a real log arrives over
 * TCP, filtered as each client asked.
 */
class LiveStreamTest {

    @Test
    void streamDeliversPositionsAndEvents(@TempDir Path data) throws Exception {
        byte[] ssc = Fixture.bytes(Fixture.log("dma-aisabnormal/219165000_ssc_1.ais"));
        try (WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")))) {
            assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":219165000}").status()).isEqualTo(201);
            BlockingQueue<String> all = open(server, "/api/stream?throttle=0");
            BlockingQueue<String> eventsOnly = open(server, "/api/stream?kinds=event");
            BlockingQueue<String> elsewhere = open(server, "/api/stream?kinds=position&bbox=100,0,110,10&throttle=0");
            BlockingQueue<String> throttled = open(server, "/api/stream?kinds=position&throttle=3600");
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.stream().clients() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.stream().clients()).isEqualTo(4);
            Fixture.sendAndWait(server, ssc);

            List<String[]> got = read(all, Integer.MAX_VALUE, "event");
            JsonNode position = null;
            List<JsonNode> events = new ArrayList<>();
            for (String[] m : got) {
                if (m[0].equals("position") && position == null) {
                    position = Rows.JSON.readTree(m[1]);
                }
                if (m[0].equals("event")) {
                    events.add(Rows.JSON.readTree(m[1]));
                }
            }
            assertThat(position).isNotNull();
            assertThat(position.get("mmsi").asText()).isEqualTo("219165000");
            assertThat(position.get("time").asText()).startsWith("2014-10-05T");
            assertThat(position.get("lat").asDouble()).isBetween(54.0, 58.0);
            // The log is DMA's "sudden speed change" case: AisAbnormal's event, flagged because the 102.2 kn
            // report of a ship at anchor is not supported by its positions; the watchlist entry fires on
            // the first report.
            assertThat(events).extracting(e -> e.get("kind").asText())
                    .containsExactlyInAnyOrder("watchlist_activity", "sudden_speed_change");
            JsonNode drop = events.stream().filter(e -> e.get("kind").asText().equals("sudden_speed_change"))
                    .findFirst().orElseThrow();
            assertThat(drop.get("attributes").get("from_sog_supported").asBoolean(true)).isFalse();
            assertThat(events).allMatch(e -> e.get("vessels").get(0).asText().equals("219165000"));
            assertThat(events).allMatch(e -> server.store().event(e.get("id").asText()).isPresent());
            long positions = got.stream().filter(m -> m[0].equals("position")).count();
            assertThat(positions).isGreaterThan(10);

            List<String[]> ev = read(eventsOnly, 1, "event");
            assertThat(ev).allMatch(m -> m[0].equals("event"));
            Thread.sleep(300);
            assertThat(drain(elsewhere)).noneMatch(m -> m[0].equals("position"));
            List<String[]> one = drain(throttled);
            assertThat(one.stream().filter(m -> m[0].equals("position")).count()).isEqualTo(1);
        }
    }

    /**
     * A feed that goes quiet after one report: the report waits for ordering (nothing newer comes to
     * move the watermark), and is released to the detectors once the input has been idle for the
     * lateness, so the watchlist alert arrives without more input and without closing the server.
     * With lateness 0 it is released as soon as the input runs dry.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, 300})
    void heldInputIsReleasedWhenTheFeedGoesQuiet(long lateness, @TempDir Path data) throws Exception {
        byte[] one = "\\c:1700000000*5F\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withLateness(lateness)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")))) {
            assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":371798000}").status()).isEqualTo(201);
            BlockingQueue<String> events = open(server, "/api/stream?kinds=event");
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.stream().clients() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Fixture.sendAndWait(server, one);
            assertThat(server.pipeline().lines()).isEqualTo(1);
            List<String[]> got = read(events, 1, "event");
            assertThat(got).hasSize(1);
            JsonNode e = Rows.JSON.readTree(got.get(0)[1]);
            assertThat(e.get("kind").asText()).isEqualTo("watchlist_activity");
            assertThat(e.get("vessels").get(0).asText()).isEqualTo("371798000");
            assertThat(e.get("start").asText()).isEqualTo("2023-11-14T22:13:20Z");
        }
    }

    /**
     * Episodes are told as the detectors open them ({@code ongoing}), each once, with the object
     * {@code GET /api/ongoing} gives; every episode still under way where the log ends was told, and an
     * episode told before it ended has its {@code event} after it, under the same id.
     */
    @Test
    void episodesAreToldAsTheyOpenAndTheirEventsFollowUnderTheSameId(@TempDir Path data) throws Exception {
        // a 2013 log, then a 2014 one: its times end the first log's episodes (and open others)
        byte[] log = Fixture.bytes(Fixture.log("dma-aislib/replay_dump.txt"));
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")))) {
            BlockingQueue<String> q = open(server, "/api/stream?kinds=ongoing,event");
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.stream().clients() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Fixture.sendAndWait(server, log);
            // the episodes the idle release opened are told at the next check, within about a second
            List<String[]> got = new ArrayList<>(read(q, 1, "ongoing", 10 * Pipeline.EPISODE_CHECK_MILLIS, 60_000));
            // the 2013 log ends with one ship in port: 212204000, since 09:19:10.655
            assertThat(got).hasSize(1);
            JsonNode visit = Rows.JSON.readTree(got.get(0)[1]);
            assertThat(visit.get("kind").asText()).isEqualTo("port_visit");
            assertThat(visit.get("vessels").get(0).asText()).isEqualTo("212204000");
            assertThat(visit.get("start").asText()).isEqualTo("2013-03-18T09:19:10.655Z");
            Fixture.sendAndWait(server, Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais")));
            got.addAll(read(q, Integer.MAX_VALUE, "none", 6 * Pipeline.EPISODE_CHECK_MILLIS, 60_000));
            java.util.Map<String, Integer> toldAt = new java.util.HashMap<>();
            java.util.Map<String, Integer> endedAt = new java.util.HashMap<>();
            for (int i = 0; i < got.size(); i++) {
                JsonNode m = Rows.JSON.readTree(got.get(i)[1]);
                String id = m.get("id").asText();
                if (got.get(i)[0].equals("ongoing")) {
                    assertThat(m.get("ongoing").asBoolean()).isTrue();
                    assertThat(toldAt.put(id, i)).as("told once: %s", id).isNull();
                } else {
                    assertThat(got.get(i)[0]).isEqualTo("event");
                    assertThat(m.has("ongoing")).isFalse();
                    endedAt.put(id, i);
                }
            }
            JsonNode now = Fixture.get(server, "/api/ongoing?limit=100000").json();
            assertThat(now.get("total").asInt()).isPositive();
            List<String> underWay = new ArrayList<>();
            now.get("events").forEach(e -> underWay.add(e.get("id").asText()));
            assertThat(toldAt.keySet()).containsAll(underWay);
            JsonNode first = now.get("events").get(0);
            JsonNode told = null;
            for (String[] m : got) {
                JsonNode x = Rows.JSON.readTree(m[1]);
                if (m[0].equals("ongoing") && x.get("id").asText().equals(first.get("id").asText())) {
                    told = x;
                }
            }
            assertThat(told.get("kind")).isEqualTo(first.get("kind"));
            assertThat(told.get("start")).isEqualTo(first.get("start"));
            assertThat(told.get("vessels")).isEqualTo(first.get("vessels"));
            int toldThenEnded = 0;
            for (var e : endedAt.entrySet()) {
                Integer at = toldAt.get(e.getKey());
                if (at != null) {
                    assertThat(at).as("told before its end: %s", e.getKey()).isLessThan(e.getValue());
                    toldThenEnded++;
                }
            }
            System.out.printf("two logs: %d episodes told as they opened, %d events (%d of them told before), %d under way"
                    + " at the end%n", toldAt.size(), endedAt.size(), toldThenEnded, underWay.size());
            // the 2014 log's times end the visit: its event, under the id it was told with
            assertThat(toldThenEnded).isPositive();
            assertThat(endedAt).containsKey(visit.get("id").asText());
        }
    }

    /**
     * Each message carries an SSE id, its number on the connection; the stream does not replay, so a
     * reconnection with Last-Event-ID starts again at 1 (a client tells a reconnection from a gap).
     */
    @Test
    void messagesAreNumberedPerConnectionAndAReconnectionStartsAgain(@TempDir Path data) throws Exception {
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data))) {
            assertThat(firstLines(open(server, "/api/stream?kinds=stats"))).startsWith("id: 1", "event: stats");
            BlockingQueue<String> again = new LinkedBlockingQueue<>();
            Fixture.HTTP.sendAsync(Fixture.request(server, "/api/stream?kinds=stats", Fixture.ADMIN_TOKEN)
                    .header("Accept", "text/event-stream").header("Last-Event-ID", "57").GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().limit(20).forEach(again::add));
            assertThat(firstLines(again)).startsWith("id: 1", "event: stats");
        }
    }

    /**
     * A server that stops ends each stream with a last message, {@code shutdown}, so that a client can tell
     * it from a dropped connection: {@code {"message": "the server is stopping", "time": ..., "unsent": 0}},
     * numbered as the connection's next message; nothing follows it.
     */
    @Test
    void aStoppingServerEndsTheStreamWithAShutdownMessage(@TempDir Path data) throws Exception {
        WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data));
        BlockingQueue<String> q;
        try {
            q = open(server, "/api/stream?kinds=event");
            long deadline = System.currentTimeMillis() + 20_000;
            String line = null;
            while (System.currentTimeMillis() < deadline && !": watchkeeper live stream".equals(line)) {
                line = q.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(line).isEqualTo(": watchkeeper live stream");
            assertThat(server.stream().clients()).isEqualTo(1);
        } finally {
            long t0 = System.currentTimeMillis();
            server.close();
            assertThat(System.currentTimeMillis() - t0).isLessThan(10_000);
        }
        List<String> rest = new ArrayList<>();
        String line;
        while ((line = q.poll(2_000, TimeUnit.MILLISECONDS)) != null) {
            if (!line.isEmpty() && !line.startsWith(":")) {
                rest.add(line);
            }
        }
        assertThat(rest).hasSize(3);
        assertThat(rest.get(0)).isEqualTo("id: 1");
        assertThat(rest.get(1)).isEqualTo("event: shutdown");
        assertThat(rest.get(2)).matches("data: \\{\"message\":\"the server is stopping\",\"time\":\"20\\d\\d-[^\"]+Z\",\"unsent\":0}");
    }

    /** The lines of a stream's first message (up to its data line), after its opening comment. */
    static List<String> firstLines(BlockingQueue<String> q) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            String line = q.poll(100, TimeUnit.MILLISECONDS);
            if (line == null || line.startsWith(":") || line.isEmpty()) {
                continue;
            }
            lines.add(line);
            if (line.startsWith("data:")) {
                break;
            }
        }
        return lines;
    }

    /** Opens a stream; its lines arrive on the returned queue. */
    static BlockingQueue<String> open(WatchkeeperServer s, String path) {
        return open(s, path, Fixture.adminToken(s));
    }

    /** Opens a stream as the holder of {@code token}; its lines arrive on the returned queue. */
    static BlockingQueue<String> open(WatchkeeperServer s, String path, String token) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Fixture.HTTP.sendAsync(Fixture.request(s, path, token)
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    Thread t = new Thread(() -> {
                        try (Stream<String> lines = r.body()) {
                            lines.forEach(q::add);
                        } catch (RuntimeException ignored) {
                            // stream closed
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                });
        return q;
    }

    /** Reads SSE messages until {@code count} of {@code kind} arrived, 1.5 s pass without a line, or 20 s pass. */
    static List<String[]> read(BlockingQueue<String> q, int count, String kind) throws InterruptedException {
        return read(q, count, kind, 1500, 20_000);
    }

    /** Reads SSE messages until {@code count} of {@code kind} arrived, {@code quietMillis} pass without a line, or {@code maxMillis} pass. */
    static List<String[]> read(BlockingQueue<String> q, int count, String kind, long quietMillis, long maxMillis)
            throws InterruptedException {
        List<String[]> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + maxMillis;
        String name = null;
        int seen = 0;
        long lastLine = System.currentTimeMillis();
        while (seen < count && System.currentTimeMillis() < deadline) {
            String line = q.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (System.currentTimeMillis() - lastLine > quietMillis) {
                    break;
                }
                continue;
            }
            lastLine = System.currentTimeMillis();
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && name != null) {
                out.add(new String[] {name, line.substring(5).strip()});
                if (name.equals(kind)) {
                    seen++;
                }
                name = null;
            }
        }
        return out;
    }

    /** Reads every SSE message until 3 s pass without a line (a busy machine may pause a stream for a second), or 120 s pass. */
    static List<String[]> drain(BlockingQueue<String> q) throws InterruptedException {
        return read(q, Integer.MAX_VALUE, "none-expected", 3000, 120_000);
    }
}
