package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart keeps the alert history: the zones and watchlist in force when each line was received
 * judge it after a restart as they did live. Over DMA's real drift log of 538004030 in the Kattegat
 * (28 September 2014), which leaves a box and later enters it again: a zone on the box and a
 * watchlist entry for the vessel are made between the two and deleted after the second.
 */
class ZoneHistoryRestartTest {
    static final String BOX_A = "[[[11.34,57.7],[11.5,57.7],[11.5,57.9],[11.34,57.9],[11.34,57.7]]]";
    static final String KINDS = "/api/events?kind=zone_entry,zone_exit,watchlist_activity&limit=100000";

    static String zone(String name) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + BOX_A + "}}";
    }

    /** The zone and watchlist events as the bootstrap admin sees them: id → kind, start, end, vessels, zone. */
    static Map<String, String> events(WatchkeeperServer s) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode e : Fixture.get(s, KINDS).json().get("events")) {
            out.put(e.get("id").asText(), e.get("kind").asText() + " " + e.get("start").asText() + " " + e.get("end").asText() + " "
                    + e.get("vessels") + " " + e.path("attributes").path("zone_id").asText("-"));
        }
        return out;
    }

    static long millis(String iso) {
        return java.time.Instant.parse(iso).toEpochMilli();
    }

    /** The time of a {@code $PGHP} line (epoch ms), or MIN_VALUE for another line. */
    static long pghp(String line) {
        if (!line.startsWith("$PGHP,1,")) {
            return Long.MIN_VALUE;
        }
        String[] f = line.split(",");
        return LocalDateTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Integer.parseInt(f[6]), Integer.parseInt(f[7])).toInstant(ZoneOffset.UTC).toEpochMilli() + Integer.parseInt(f[8]);
    }

    /** The log cut before the first {@code $PGHP} line at or after each time: the parts, in order. */
    static List<byte[]> split(List<String> lines, long... at) {
        List<byte[]> parts = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int next = 0;
        for (String l : lines) {
            long t = pghp(l);
            if (next < at.length && t != Long.MIN_VALUE && t >= at[next]) {
                parts.add(b.toString().getBytes(StandardCharsets.ISO_8859_1));
                b.setLength(0);
                next++;
            }
            b.append(l).append('\n');
        }
        parts.add(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(parts).hasSize(at.length + 1);
        return parts;
    }

    static WatchkeeperServer.Config config(Path data) {
        return Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0"));
    }

    static WatchkeeperServer restart(Path data) throws Exception {
        WatchkeeperServer s = WatchkeeperServer.start(config(data));
        assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
        return s;
    }

    @Test
    void zoneAndWatchlistEventsAfterARestartAreThoseBefore(@TempDir Path reference, @TempDir Path data) throws Exception {
        Path log = Fixture.log("dma-aisabnormal/538004030_drift_1.ais");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        // where the vessel crosses the box: a server that has the zone from the first line
        List<String> crossings = new ArrayList<>();
        try (WatchkeeperServer s = WatchkeeperServer.start(config(reference))) {
            assertThat(Fixture.post(s, "/api/zones", zone("BOX")).status()).isEqualTo(201);
            Fixture.sendAndWait(s, Fixture.bytes(log));
            for (JsonNode e : Fixture.get(s, "/api/events?kind=zone_entry,zone_exit&limit=1000").json().get("events")) {
                crossings.add(e.get("start").asText() + " " + e.get("kind").asText());
            }
        }
        crossings.sort(null);
        assertThat(crossings).hasSize(2);
        assertThat(crossings.get(0)).endsWith("zone_exit");
        assertThat(crossings.get(1)).endsWith("zone_entry");
        long exit = millis(crossings.get(0).split(" ")[0]);
        long entry = millis(crossings.get(1).split(" ")[0]);
        // the zone and the watchlist entry come between the exit and the entry, and go a minute after it
        long made = (exit + entry) / 2;
        long deleted = entry + 60_000;
        List<byte[]> parts = split(lines, made, deleted);

        Map<String, String> before;
        String zoneId;
        String viewer;
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data))) {
            assertThat(Fixture.post(s, "/api/users", "{\"name\":\"ha\",\"org\":\"host\",\"role\":\"analyst\",\"password\":\"correct horse ha\"}")
                    .status()).isEqualTo(201);
            viewer = Fixture.post(s, "/api/tokens", "{\"user\":\"ha\"}").json().get("token").asText();
            Fixture.sendAndWait(s, parts.get(0));
            Fixture.Reply z = Fixture.post(s, "/api/zones", zone("CROSSED"));
            assertThat(z.status()).isEqualTo(201);
            zoneId = z.json().get("features").get(0).get("id").asText();
            Fixture.Reply w = Fixture.post(s, "/api/watchlist", "{\"mmsi\":538004030,\"note\":\"drifting\"}");
            assertThat(w.status()).isEqualTo(201);
            Fixture.sendAndWait(s, parts.get(1));
            assertThat(Fixture.delete(s, "/api/zones/" + zoneId).status()).isEqualTo(204);
            assertThat(Fixture.delete(s, "/api/watchlist/" + w.json().get("id").asText()).status()).isEqualTo(204);
            // a zone made after the crossings gets no event of them
            assertThat(Fixture.post(s, "/api/zones", zone("LATE")).status()).isEqualTo(201);
            Fixture.sendAndWait(s, parts.get(2));
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            before = events(s);
        }
        // live: the entry only, of the zone then held; watchlist activity only while listed
        assertThat(before.values().stream().filter(v -> v.startsWith("zone_entry"))).hasSize(1);
        assertThat(before.values().stream().filter(v -> v.startsWith("zone_exit"))).isEmpty();
        assertThat(before.values()).allSatisfy(v -> assertThat(v).doesNotEndWith(" zone-2"));
        assertThat(before.values().stream().filter(v -> v.startsWith("watchlist_activity"))).isNotEmpty();
        for (String v : before.values()) {
            String[] f = v.split(" ");
            assertThat(millis(f[1])).as(v).isGreaterThanOrEqualTo(made);
            assertThat(millis(f[2])).as(v).isLessThan(deleted);
        }
        // the changes are recorded, and marked in the raw archive (never as a source's lines)
        try (Stream<Path> h = Files.list(data.resolve(UserDataHistory.DIR))) {
            assertThat(h.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("00000001.json", "00000002.json", "00000003.json", "00000004.json", "00000005.json", "00000006.json");
        }

        for (int restart = 0; restart < 2; restart++) {
            try (WatchkeeperServer s = restart(data)) {
                assertThat(events(s)).as("restart " + restart).isEqualTo(before);
                assertThat(s.pipeline().archivedBySource()).containsOnlyKeys("feed");
                // the deleted zone's events stay, the host's administrators' only
                List<String> ofDeleted = before.entrySet().stream().filter(e -> e.getValue().endsWith(" " + zoneId)).map(Map.Entry::getKey).toList();
                assertThat(ofDeleted).hasSize(1);
                List<String> seen = new ArrayList<>();
                Fixture.getAs(s, viewer, KINDS).json().get("events").forEach(e -> seen.add(e.get("id").asText()));
                assertThat(seen).doesNotContainAnyElementsOf(ofDeleted);
                assertThat(Fixture.getAs(s, viewer, "/api/events/" + ofDeleted.get(0)).status()).isEqualTo(404);
                // ids are not given twice, across restarts too: a new zone takes no deleted one's id (nor its events)
                if (restart == 0) {
                    assertThat(Fixture.delete(s, "/api/zones/zone-2").status()).isEqualTo(204);
                } else {
                    Fixture.Reply z = Fixture.post(s, "/api/zones", zone("NEWER"));
                    assertThat(z.json().get("features").get(0).get("id").asText()).isEqualTo("zone-3");
                    Fixture.getAs(s, viewer, KINDS).json().get("events").forEach(e -> seen.add(e.get("id").asText()));
                    assertThat(seen).doesNotContainAnyElementsOf(ofDeleted);
                }
            }
        }
    }

    /**
     * A raw archive written before the zones and watchlist were recorded has no marks: its lines are
     * judged with the zones held at the first start that records them, at that start and every later
     * one, whatever the zones are made since.
     */
    @Test
    void anArchiveWithoutMarksIsJudgedWithTheFirstSetRecorded(@TempDir Path data) throws Exception {
        byte[] log = Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais"));
        Map<String, String> first;
        try (WatchkeeperServer s = WatchkeeperServer.start(config(data))) {
            assertThat(Fixture.post(s, "/api/zones", zone("OLD")).status()).isEqualTo(201);
            Fixture.sendAndWait(s, log);
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            first = events(s);
        }
        assertThat(first).hasSize(2);
        // as an earlier version left it: no history, no marks
        stripHistory(data);
        Map<String, String> legacy;
        try (WatchkeeperServer s = restart(data)) {
            legacy = events(s);
            assertThat(legacy).isEqualTo(first);
            assertThat(Files.exists(data.resolve(UserDataHistory.DIR).resolve("00000001.json"))).isTrue();
            // a zone made now judges the lines from now on only
            assertThat(Fixture.post(s, "/api/zones", zone("NEW")).status()).isEqualTo(201);
        }
        try (WatchkeeperServer s = restart(data)) {
            assertThat(events(s)).isEqualTo(legacy);
        }
    }

    /** Removes the zones and watchlist history and the archive's marks. */
    static void stripHistory(Path data) throws Exception {
        try (Stream<Path> h = Files.walk(data.resolve(UserDataHistory.DIR))) {
            for (Path p : h.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> raw = Files.list(data.resolve("raw"))) {
            for (Path f : raw.toList()) {
                List<String> keep = Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> !l.contains(",x:" + Pipeline.USER_SET_SOURCE + "*")).toList();
                Files.write(f, keep, StandardCharsets.ISO_8859_1);
            }
        }
    }
}
