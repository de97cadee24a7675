package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zones stored by an earlier version (a RED zone without its creator among its recipients) and the
 * zone events of a data folder after a restart: the history is rebuilt from the raw archive at start,
 * and each event's visibility is its zone's, looked up by the id it holds, before and after.
 */
class StoredZoneEventsTest {
    static final String BOX_A = "[[[11.34,57.7],[11.5,57.7],[11.5,57.9],[11.34,57.9],[11.34,57.7]]]";

    /** A zone feature as UserData wrote them before this version: no recipients on a RED zone. */
    static String feature(String id, String name, String tlp) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"tlp\":\""
                + tlp + "\",\"owner_org\":\"host\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + BOX_A + "}}";
    }

    @Test
    void storedZonesAndTheirEventsKeepTheirMarkingAcrossARestart(@TempDir Path data) throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("zones.json"), "{\"type\":\"FeatureCollection\",\"features\":[" + feature("zone-1", "OLD-RED", "RED")
                + "," + feature("zone-2", "OLD-AMBER", "AMBER") + "," + feature("zone-3", "OLD-GREEN", "GREEN") + "]}");
        byte[] kattegat = Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais"));
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Map<String, Set<String>>> before;
        WatchkeeperServer.Config config = Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0"));
        try (WatchkeeperServer s = WatchkeeperServer.start(config)) {
            tokens.put("admin", Fixture.ADMIN_TOKEN);
            assertThat(Fixture.post(s, "/api/orgs", "{\"id\":\"north\",\"name\":\"North\"}").status()).isEqualTo(201);
            assertThat(Fixture.put(s, "/api/policies/north", "{\"data_classes\":[\"positions\",\"identities\",\"events\"]}").status())
                    .isEqualTo(200);
            for (String[] u : List.of(new String[] {"ha", "host", "analyst"}, new String[] {"nv", "north", "viewer"})) {
                assertThat(Fixture.post(s, "/api/users", "{\"name\":\"" + u[0] + "\",\"org\":\"" + u[1] + "\",\"role\":\"" + u[2]
                        + "\",\"password\":\"correct horse " + u[0] + "\"}").status()).isEqualTo(201);
                tokens.put(u[0], Fixture.post(s, "/api/tokens", "{\"user\":\"" + u[0] + "\"}").json().get("token").asText());
            }
            Fixture.sendAndWait(s, kattegat);
            before = seen(s, tokens);
            // one zone's events, by its id, in the list and in the export
            JsonNode amber = Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/events?zone=zone-2").json();
            Set<String> amberIds = new TreeSet<>();
            amber.get("events").forEach(e -> {
                assertThat(e.get("attributes").get("zone_id").asText()).isEqualTo("zone-2");
                amberIds.add(e.get("id").asText());
            });
            assertThat(amberIds).isEqualTo(before.get("admin").get("OLD-AMBER")).hasSize(2);
            // an id no zone has had is refused, not answered with nothing
            Fixture.Reply unknown = Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/events?zone=no-such-zone");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("error").asText())
                    .isEqualTo("unknown zone 'no-such-zone': no zone has had that id (GET /api/zones lists the zones held now, by id)");
            Fixture.Reply csv = Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/export/events.csv?zone=zone-2");
            assertThat(csv.body().split("\r\n")).hasSize(3);
            assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"events-zone-zone-2.csv\"");
            assertThat(Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/events?zone=").status()).isEqualTo(400);
            // the RED zone of an earlier version: no recipient, so only the host's administrators see it
            // and its events (its creator is not known); they may delete it, or make it again
            assertThat(zones(s, tokens.get("admin"))).containsExactly("OLD-AMBER", "OLD-GREEN", "OLD-RED");
            assertThat(zones(s, tokens.get("ha"))).containsExactly("OLD-AMBER", "OLD-GREEN");
            assertThat(zones(s, tokens.get("nv"))).containsExactly("OLD-GREEN");
            assertThat(before.get("admin").keySet()).containsExactly("OLD-AMBER", "OLD-GREEN", "OLD-RED");
            assertThat(before.get("admin").values()).allSatisfy(ids -> assertThat(ids).hasSize(2));
            assertThat(before.get("ha").keySet()).containsExactly("OLD-AMBER", "OLD-GREEN");
            assertThat(before.get("nv").keySet()).containsExactly("OLD-GREEN");
        }
        // a restart rebuilds the history from the raw archive, with the zones held
        try (WatchkeeperServer s = WatchkeeperServer.start(config)) {
            s.pipeline().awaitIdle(60, TimeUnit.SECONDS);
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(seen(s, tokens)).isEqualTo(before);
            assertThat(Fixture.delete(s, "/api/zones/zone-1").status()).isEqualTo(204);
            // events of a zone no longer held: the host's administrators only
            Map<String, Map<String, Set<String>>> after = seen(s, tokens);
            assertThat(after.get("admin").get("OLD-RED")).isEqualTo(before.get("admin").get("OLD-RED"));
            assertThat(after.get("ha")).isEqualTo(before.get("ha"));
            deletedZoneFilter(s, tokens, before.get("admin").get("OLD-RED"));
        }
        // and so after the next start: the history keeps them (the zone was held when they came)
        try (WatchkeeperServer s = WatchkeeperServer.start(config)) {
            s.pipeline().awaitIdle(60, TimeUnit.SECONDS);
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(seen(s, tokens)).isEqualTo(before);
            deletedZoneFilter(s, tokens, before.get("admin").get("OLD-RED"));
        }
    }

    /**
     * zone-1, deleted, filters its events for the host's administrators (its id stays known: the history keeps
     * them), and is unknown to others, who see none of them.
     */
    static void deletedZoneFilter(WatchkeeperServer s, Map<String, String> tokens, Set<String> itsEvents) throws Exception {
        JsonNode events = Fixture.getAs(s, tokens.get("admin"), "/api/events?zone=zone-1").json().get("events");
        Set<String> ids = new TreeSet<>();
        events.forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).isEqualTo(itsEvents).hasSize(2);
        for (String u : List.of("ha", "nv")) {
            Fixture.Reply r = Fixture.getAs(s, tokens.get(u), "/api/events?zone=zone-1");
            assertThat(r.status()).as(u).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("unknown zone 'zone-1': no zone you may see has that id"
                    + " (GET /api/zones lists them, by id)");
        }
        // the next number is no zone's yet
        assertThat(Fixture.getAs(s, tokens.get("admin"), "/api/events?zone=zone-4").status()).isEqualTo(400);
    }

    static List<String> zones(WatchkeeperServer s, String token) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        Fixture.getAs(s, token, "/api/zones").json().get("features").forEach(f -> out.add(f.get("properties").get("name").asText()));
        out.sort(null);
        return out;
    }

    /** User → zone name → the ids of the zone events the user sees (names as the admin sees them). */
    static Map<String, Map<String, Set<String>>> seen(WatchkeeperServer s, Map<String, String> tokens) throws Exception {
        Map<String, String> zoneOf = new TreeMap<>();
        for (JsonNode e : Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/events?kind=zone_entry,zone_exit").json().get("events")) {
            zoneOf.put(e.get("id").asText(), e.get("attributes").get("zone_name").asText());
        }
        Map<String, Map<String, Set<String>>> out = new TreeMap<>();
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            Map<String, Set<String>> byZone = new TreeMap<>();
            for (JsonNode e : Fixture.getAs(s, t.getValue(), "/api/events?kind=zone_entry,zone_exit").json().get("events")) {
                String id = e.get("id").asText();
                byZone.computeIfAbsent(zoneOf.get(id), k -> new TreeSet<>()).add(id);
            }
            out.put(t.getKey(), byZone);
        }
        return out;
    }
}
