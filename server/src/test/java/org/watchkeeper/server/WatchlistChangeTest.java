package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of the watchlist while a watched vessel is silent does not end its watch: over DMA's drift
 * log of 212123000 (2-3 October 2014) with silences of 5 min, another vessel is added to the list in
 * the middle of the first silence, and the server gives the same watchlist events as one whose list
 * never changed (the silence that spans the change included, and no second daily alert), live and
 * after a restart. With a lateness of 15 s the vessel's last fix before the silence still waits in the
 * event-time order when the list changes: the list replaced judges it, and the new list's detector goes
 * on from the state it leaves.
 */
class WatchlistChangeTest {
    static final String KINDS = "/api/events?kind=watchlist_activity,watchlist_gap&limit=100000";

    static WatchkeeperServer.Config config(Path data, long latenessMillis) {
        return Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0")).withWatchlistSilence(5 * 60_000L)
                .withLateness(latenessMillis);
    }

    /** id → kind, start, end, vessels. */
    static Map<String, String> events(WatchkeeperServer s) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode e : Fixture.get(s, KINDS).json().get("events")) {
            out.put(e.get("id").asText(), e.get("kind").asText() + " " + e.get("start").asText() + " " + e.get("end").asText()
                    + " " + e.get("vessels"));
        }
        return out;
    }

    @ParameterizedTest(name = "lateness {0} ms")
    @ValueSource(longs = {Fixture.SHORT_LATENESS_MILLIS, 15_000})
    void aSilenceUnderWayOutlivesAChangeOfTheWatchlist(long lateness, @TempDir Path reference, @TempDir Path data) throws Exception {
        Path log = Fixture.log("dma-aisabnormal/212123000_drift_1.ais");
        String watch = "{\"mmsi\":\"212123000\",\"note\":\"drifting tanker\"}";
        Map<String, String> expected;
        try (WatchkeeperServer s = WatchkeeperServer.start(config(reference, lateness))) {
            assertThat(Fixture.post(s, "/api/watchlist", watch).status()).isEqualTo(201);
            Fixture.sendAndWait(s, Fixture.bytes(log));
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            expected = events(s);
        }
        // as analyze --watchlist-silence-min 5 finds: 12 silences, an alert on each of the two UTC days
        assertThat(expected.values().stream().filter(v -> v.startsWith("watchlist_gap"))).hasSize(12);
        assertThat(expected.values().stream().filter(v -> v.startsWith("watchlist_activity"))).hasSize(2);
        String first = expected.values().stream().filter(v -> v.startsWith("watchlist_gap")).sorted().findFirst().orElseThrow();
        assertThat(first).startsWith("watchlist_gap 2014-10-02T17:41:45.893Z ");
        long silenceStart = java.time.Instant.parse(first.split(" ")[1]).toEpochMilli();

        // the list changes a minute into that silence: the log cut at its first line after then
        List<byte[]> parts = ZoneHistoryRestartTest.split(Files.readAllLines(log, StandardCharsets.ISO_8859_1), silenceStart + 60_000);
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data, lateness))) {
            assertThat(Fixture.post(s, "/api/watchlist", watch).status()).isEqualTo(201);
            Fixture.sendAndWait(s, parts.get(0)); // with 15 s, the last fix is still held for ordering
            assertThat(Fixture.post(s, "/api/watchlist", "{\"mmsi\":\"219000001\",\"note\":\"another\"}").status()).isEqualTo(201);
            Fixture.sendAndWait(s, parts.get(1));
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(events(s)).isEqualTo(expected);
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data, lateness))) {
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(events(s)).isEqualTo(expected);
        }
    }

    /**
     * A name added to the list while the server runs matches a vessel that reported it before, at its next
     * position: 212123000 STOC MARCIA reports its type 5 every minute and a half until 18:00, the name is
     * listed then, and the rest of the log has its positions but no type 5 (each dropped with its
     * {@code $PGHP} and tag block lines). Its first fix after the change (18:02:45.851) is the day's alert,
     * matched by name, and its first fix of 3 October the next; a restart, replaying the archive with the
     * change at its place, gives the same.
     */
    @org.junit.jupiter.api.Test
    void aNameAddedLaterMatchesAVesselThatReportedItBeforeAtItsNextPosition(@TempDir Path data) throws Exception {
        Path log = Fixture.log("dma-aisabnormal/212123000_drift_1.ais");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        long change = java.time.Instant.parse("2014-10-02T18:00:00Z").toEpochMilli();
        List<byte[]> parts = ZoneHistoryRestartTest.split(lines, change);
        // after the change: no static report
        List<String> rest = new java.util.ArrayList<>(List.of(new String(parts.get(1), StandardCharsets.ISO_8859_1).split("\n")));
        for (int i = rest.size() - 1; i >= 0; i--) {
            if (rest.get(i).matches("![A-Z]{2}VDM,2,.*")) {
                rest.remove(i);
                if (i > 0 && rest.get(i - 1).startsWith("$PGHP")) {
                    rest.remove(--i);
                }
                if (i > 0 && rest.get(i - 1).startsWith("\\")) {
                    rest.remove(--i);
                }
            }
        }
        assertThat(rest).noneMatch(l -> l.matches("![A-Z]{2}VDM,2,.*")).anyMatch(l -> l.startsWith("!AIVDM,1,1,"));
        String firstFix;
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data, Fixture.SHORT_LATENESS_MILLIS))) {
            Fixture.sendAndWait(s, parts.get(0));
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(events(s)).isEmpty();
            assertThat(Fixture.post(s, "/api/watchlist", "{\"name\":\"Stoc Marcia\",\"note\":\"by name\"}").status()).isEqualTo(201);
            Fixture.sendAndWait(s, (String.join("\n", rest) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            JsonNode activity = Fixture.get(s, "/api/events?kind=watchlist_activity").json().get("events");
            // one alert a UTC day: at its first position report after the change, and on the 3rd at its first of the day
            assertThat(activity).hasSize(2);
            assertThat(activity.get(0).get("attributes").get("matched").toString()).isEqualTo("[\"name:STOC MARCIA\"]");
            firstFix = activity.get(0).get("start").asText();
            assertThat(firstFix).isEqualTo("2014-10-02T18:02:45.851Z");
            assertThat(activity.get(1).get("attributes").get("period_start").asText()).isEqualTo("2014-10-03T00:00:00Z");
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data, Fixture.SHORT_LATENESS_MILLIS))) {
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            JsonNode activity = Fixture.get(s, "/api/events?kind=watchlist_activity").json().get("events");
            assertThat(activity).hasSize(2);
            assertThat(activity.get(0).get("start").asText()).isEqualTo(firstFix);
        }
    }
}
