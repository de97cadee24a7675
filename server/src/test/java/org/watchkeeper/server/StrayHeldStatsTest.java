package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live feed that resumes after more than 3 h of silence: its stray-time check holds the first
 * observations after the silence until 8 have come (or the feed goes back to its old times), and
 * {@code /api/stats} shows them held ({@code held_observations}, {@code held_since}) instead of in no count.
 * The feed's lines come over one connection (one stream of the source): the end of a stream lets go of what
 * is held ({@link Pipeline#endOfStream}).
 */
class StrayHeldStatsTest {
    /** A type 1 report of 371798000. */
    private static final String SENTENCE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    private static final long T0 = 1_764_547_200L; // 2025-12-01T00:00:00Z

    @TempDir
    java.nio.file.Path data;

    /** Lines {@code step} seconds apart from {@code start} (epoch seconds), each behind a tag block {@code c:}. */
    private static byte[] lines(long start, int n, long step) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String body = "c:" + (start + i * step);
            int x = 0;
            for (int k = 0; k < body.length(); k++) {
                x ^= body.charAt(k);
            }
            b.append(String.format("\\%s*%02X\\%s\r\n", body, x, SENTENCE));
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void observationsHeldAfterASilenceAreShownUntilReleased() throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")));
             Socket feed = new Socket("127.0.0.1", Fixture.tcpPort(s)); OutputStream out = feed.getOutputStream()) {
            Fixture.sendAndWait(s, out, lines(T0, 5, 180));
            JsonNode before = source(Fixture.get(s, "/api/stats").json());
            assertThat(before.get("held_observations").asLong()).isZero();
            assertThat(before.has("held_since")).isFalse();
            assertThat(before.get("messages").asLong()).isEqualTo(5);
            // 4 h later, an anchored ship reporting every 3 minutes: 5 reports, fewer than the 8 that confirm the jump
            long resumed = T0 + 4 * 3600;
            Fixture.sendAndWait(s, out, lines(resumed, 5, 180));
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            JsonNode rx = source(stats);
            assertThat(rx.get("messages").asLong()).isEqualTo(10);
            assertThat(rx.get("held_observations").asLong()).isEqualTo(5);
            assertThat(rx.get("held_since").asText()).isEqualTo(Instant.ofEpochSecond(resumed).toString());
            assertThat(stats.get("held_observations").asLong()).isEqualTo(5);
            assertThat(Fixture.get(s, "/metrics").body()).contains("watchkeeper_held_observations 5.0");
            // the ship is still where it was before the silence
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(T0 + 4 * 180).toString());
            // three more confirm the jump: the eight pass on, nothing is held
            Fixture.sendAndWait(s, out, lines(resumed + 5 * 180, 3, 180));
            JsonNode after = Fixture.get(s, "/api/stats").json();
            assertThat(source(after).get("held_observations").asLong()).isZero();
            assertThat(source(after).has("held_since")).isFalse();
            assertThat(after.get("held_observations").asLong()).isZero();
            assertThat(after.get("rejected").path("stray_time").asLong()).isZero();
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(resumed + 7 * 180).toString());
        }
    }

    /**
     * A live feed whose times are those of now (receivers stamping what they hear) resumes after 5 h of
     * silence: its first report after the silence agrees with the clock it was received by, so it passes at
     * once instead of waiting for 7 more; a line stamped a year ahead agrees with no clock and is held, then
     * dropped as a stray when the feed goes on in its own times.
     */
    @Test
    void aLiveFeedBackAfterASilenceInTodaysTimesIsNotHeld() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")));
             Socket feed = new Socket("127.0.0.1", Fixture.tcpPort(s)); OutputStream out = feed.getOutputStream()) {
            Fixture.sendAndWait(s, out, lines(now - 5 * 3600, 5, 180));
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(now - 5 * 3600 + 4 * 180).toString());
            Fixture.sendAndWait(s, out, lines(now - 10, 1, 180));
            JsonNode rx = source(Fixture.get(s, "/api/stats").json());
            assertThat(rx.get("held_observations").asLong()).isZero();
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(now - 10).toString());
            // a year ahead: held, then a stray
            Fixture.sendAndWait(s, out, lines(now + 365L * 86400, 1, 180));
            assertThat(source(Fixture.get(s, "/api/stats").json()).get("held_observations").asLong()).isEqualTo(1);
            Fixture.sendAndWait(s, out, lines(now - 5, 1, 180));
            JsonNode after = Fixture.get(s, "/api/stats").json();
            assertThat(source(after).get("held_observations").asLong()).isZero();
            assertThat(source(after).get("rejected").path("stray_time").asLong()).isEqualTo(1);
        }
    }

    /**
     * A feed replaying a log over TCP ({@code watchkeeper send}) ends 4 h after a silence with 5 reports,
     * fewer than the 8 that confirm the jump: the end of the connection is the end of the log, and they pass
     * on, as at the end of a file; the next connection goes on from them (a report 10 min later passes at once).
     */
    @Test
    void aConnectionThatEndsLetsGoOfWhatItsSourceHeld() throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")))) {
            long resumed = T0 + 4 * 3600;
            try (Socket feed = new Socket("127.0.0.1", Fixture.tcpPort(s)); OutputStream out = feed.getOutputStream()) {
                Fixture.sendAndWait(s, out, lines(T0, 5, 180));
                Fixture.sendAndWait(s, out, lines(resumed, 5, 180));
                assertThat(source(Fixture.get(s, "/api/stats").json()).get("held_observations").asLong()).isEqualTo(5);
            }
            JsonNode after = awaitNothingHeld(s);
            assertThat(source(after).has("held_since")).isFalse();
            assertThat(after.get("held_observations").asLong()).isZero();
            assertThat(after.get("rejected").path("stray_time").asLong()).isZero();
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(resumed + 4 * 180).toString());
            assertThat(s.store().track(371798000, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).hasSize(10);
            Fixture.sendAndWait(s, lines(resumed + 15 * 60, 1, 180));
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(resumed + 15 * 60).toString());
        }
    }

    /**
     * A live feed's connection drops just after a line stamped a year ahead: a time after the moment the
     * stream ended is no report's, so it does not pass at the end (it would carry the detectors' watermark a
     * year on for every source) but is dropped and counted as a stray.
     */
    @Test
    void aTimeAheadOfTheEndIsDroppedAtTheEndNotLetThrough() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("rx=tcp-listen://127.0.0.1:0")))) {
            try (Socket feed = new Socket("127.0.0.1", Fixture.tcpPort(s)); OutputStream out = feed.getOutputStream()) {
                Fixture.sendAndWait(s, out, lines(now - 60, 3, 10));
                Fixture.sendAndWait(s, out, lines(now + 365L * 86400, 2, 10));
                assertThat(source(Fixture.get(s, "/api/stats").json()).get("held_observations").asLong()).isEqualTo(2);
            }
            JsonNode after = awaitNothingHeld(s);
            assertThat(source(after).get("rejected").path("stray_time").asLong()).isEqualTo(2);
            assertThat(positionTime(s)).isEqualTo(Instant.ofEpochSecond(now - 60 + 20).toString());
            assertThat(s.pipeline().lateObservations()).isZero();
        }
    }

    /** Waits (up to 60 s) until the source rx holds nothing after its connection ended; the stats then. */
    private static JsonNode awaitNothingHeld(WatchkeeperServer s) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (s.pipeline().heldObservations("rx") > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("rx still holds " + s.pipeline().heldObservations("rx") + " after its connection ended");
            }
            Thread.sleep(20);
        }
        s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS);
        s.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode stats = Fixture.get(s, "/api/stats").json();
        assertThat(source(stats).get("held_observations").asLong()).isZero();
        return stats;
    }

    private static String positionTime(WatchkeeperServer s) throws Exception {
        JsonNode v = Fixture.get(s, "/api/vessels").json().get("vessels").get(0);
        assertThat(v.get("mmsi").asText()).isEqualTo("371798000");
        return v.get("position_time").asText();
    }

    private static JsonNode source(JsonNode stats) {
        List<String> names = new ArrayList<>();
        for (JsonNode x : stats.get("sources")) {
            if (x.get("name").asText().equals("rx")) {
                return x;
            }
            names.add(x.get("name").asText());
        }
        throw new AssertionError("no source rx among " + names);
    }
}
