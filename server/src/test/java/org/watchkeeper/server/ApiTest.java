package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every route of the API contract against a server fed three real DMA logs over TCP, and bad input
 * on each route answered with a precise 4xx.
 */
class ApiTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;

    @BeforeAll
    static void start() throws Exception {
        Path a = Fixture.log("dma-aislib/replay_dump.txt");
        Path b = Fixture.log("dma-aisabnormal/538004030_drift_1.ais");
        Path c = Fixture.log("dma-aisabnormal/219165000_ssc_1.ais");
        server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withLateness(Fixture.SHORT_LATENESS_MILLIS)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219165000\",\"note\":\"ssc case\"}").status()).isEqualTo(201);
        Fixture.sendAndWait(server, Fixture.bytes(a));
        Fixture.sendAndWait(server, Fixture.bytes(b));
        Fixture.sendAndWait(server, Fixture.bytes(c));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthMetricsAndOpenApi() throws Exception {
        Fixture.Reply h = Fixture.get(server, "/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asText()).isEqualTo("UP");
        assertThat(h.json().get("sources").asInt()).isEqualTo(1);
        assertThat(h.json().get("sources_failing").asInt()).isZero();
        Fixture.Reply m = Fixture.get(server, "/metrics");
        assertThat(m.status()).isEqualTo(200);
        long lines = server.sources().get(0).lines();
        long badChecksum = server.pipeline().rejected().getOrDefault("bad_checksum", 0L);
        assertThat(m.body()).contains("watchkeeper_messages_total " + (double) server.pipeline().messages())
                .contains("watchkeeper_shed_total{stage=\"ingest\"}")
                .contains("watchkeeper_source_up{kind=\"tcp-listen\",source=\"feed\"} 1.0")
                .contains("watchkeeper_source_failing{source=\"feed\"} 0.0")
                .contains("watchkeeper_source_lines_total{source=\"feed\"} " + (double) lines)
                .contains("watchkeeper_rejected_lines_total{reason=\"bad_checksum\"} " + (double) badChecksum);
        assertThat(lines).isGreaterThan(1000);
        JsonNode api = Fixture.get(server, "/openapi.json").json();
        assertThat(api.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        api.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/health", "/metrics", "/api/vessels", "/api/vessels/{mmsi}", "/api/vessels/{mmsi}/track",
                "/api/events", "/api/events/{id}", "/api/near", "/api/zones", "/api/zones/{id}", "/api/watchlist",
                "/api/watchlist/{id}", "/api/stats", "/api/stats/series", "/api/stats/chokepoints", "/api/stats/port-calls",
                "/api/export/{file}", "/api/stream");
    }

    @Test
    void vesselsWithFilters() throws Exception {
        JsonNode all = Fixture.get(server, "/api/vessels").json();
        assertThat(all.get("count").asInt()).isEqualTo(server.pipeline().vessels().size()).isGreaterThan(30);
        JsonNode drift = find(all.get("vessels"), "538004030");
        // MID 538 is the Marshall Islands; types 1/3/5 make it class A.
        assertThat(drift.get("flag").asText()).isEqualTo("MH");
        assertThat(drift.get("class").asText()).isEqualTo("A");
        assertThat(drift.get("lat").asDouble()).isBetween(57.0, 58.5);
        assertThat(drift.get("lon").asDouble()).isBetween(10.5, 12.5);
        assertThat(drift.has("heading") ? drift.get("heading").asInt() : 0).isBetween(0, 359);

        JsonNode box = Fixture.get(server, "/api/vessels?bbox=10.5,57,12.5,58.5").json();
        assertThat(box.get("count").asInt()).isGreaterThanOrEqualTo(1).isLessThan(all.get("count").asInt());
        for (JsonNode v : box.get("vessels")) {
            assertThat(v.get("lat").asDouble()).isBetween(57.0, 58.5);
            assertThat(v.get("lon").asDouble()).isBetween(10.5, 12.5);
        }
        JsonNode q = Fixture.get(server, "/api/vessels?q=538004030").json();
        assertThat(q.get("count").asInt()).isEqualTo(1);
        JsonNode mh = Fixture.get(server, "/api/vessels?flag=mh&class=A").json();
        assertThat(mh.get("count").asInt()).isGreaterThanOrEqualTo(1);
        mh.get("vessels").forEach(v -> assertThat(v.get("flag").asText()).isEqualTo("MH"));
        assertThat(Fixture.get(server, "/api/vessels?limit=3").json().get("count").asInt()).isEqualTo(3);
        assertThat(Fixture.get(server, "/api/vessels?since=2030-01-01T00:00:00Z").json().get("count").asInt()).isZero();
    }

    /**
     * The four events of the three logs: a port visit of 212204000 (CY, class A, no ship type sent), the
     * drift of 538004030 (MH, type 80, tanker) and the watchlist report and sudden speed change of
     * 219165000 (DK, type 89, tanker).
     */
    @Test
    void eventsOfVesselsOfAShipTypeFlagOrClass() throws Exception {
        assertThat(kinds("/api/events")).containsExactly("port_visit", "drift", "watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?shiptype=80-89")).containsExactly("drift", "watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?shiptype=80")).containsExactly("drift");
        assertThat(kinds("/api/events?shiptype=70-79,89")).containsExactly("watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?shiptype=70-79")).isEmpty();
        assertThat(kinds("/api/events?flag=cy")).containsExactly("port_visit");
        assertThat(kinds("/api/events?flag=MH,DK&kind=drift,sudden_speed_change"))
                .containsExactly("drift", "sudden_speed_change");
        // one vessel must pass every filter: the Cypriot ship sent no type
        assertThat(kinds("/api/events?shiptype=0-255&flag=CY")).isEmpty();
        assertThat(kinds("/api/events?class=A&flag=DK")).containsExactly("watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?class=B,base_station")).isEmpty();
        assertThat(kinds("/api/events?shiptype=80-89&order=newest&limit=1")).containsExactly("sudden_speed_change");
        assertThat(Fixture.get(server, "/api/ongoing?shiptype=80-89").status()).isEqualTo(200);
        // the export takes them too, and names its file after them
        Fixture.Reply csv = Fixture.get(server, "/api/export/events.csv?shiptype=80-89&flag=MH,DK");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(1 + 3);
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"events-type-80-89-flag-MH+DK.csv\"");
        // any case, as the API names them: flags and classes upper case, in the file name too
        assertThat(kinds("/api/events?class=a&flag=dk")).containsExactly("watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?class=A,BASE_STATION&flag=Dk,mh")).containsExactly("drift", "watchlist_activity", "sudden_speed_change");
        Fixture.Reply lower = Fixture.get(server, "/api/export/events.csv?shiptype=80%20-%2089&flag=mh,dk&class=a");
        assertThat(lower.status()).as(lower.body()).isEqualTo(200);
        assertThat(lower.body().lines().count()).isEqualTo(1 + 3);
        assertThat(lower.header("Content-Disposition")).isEqualTo("attachment; filename=\"events-type-80-89-flag-MH+DK-class-A.csv\"");
        Fixture.Reply vessels = Fixture.get(server, "/api/export/vessels.geojson?flag=dk&class=a");
        assertThat(vessels.status()).as(vessels.body()).isEqualTo(200);
        assertThat(vessels.header("Content-Disposition")).isEqualTo("attachment; filename=\"vessels-flag-DK-class-A.geojson\"");
        // a code ISO 3166-1 assigns that no vessel here flies answers none, not an error
        assertThat(kinds("/api/events?flag=GB")).isEmpty();
        // and /api/vessels takes the same lists and ranges
        JsonNode tankers = Fixture.get(server, "/api/vessels?shiptype=80-89").json();
        List<String> mmsis = new ArrayList<>();
        for (JsonNode v : tankers.get("vessels")) {
            assertThat(v.get("shiptype").asInt()).isBetween(80, 89);
            mmsis.add(v.get("mmsi").asText());
        }
        assertThat(mmsis).contains("538004030", "219165000");
        assertThat(Fixture.get(server, "/api/vessels?flag=MH,DK&class=A").json().get("count").asInt())
                .isEqualTo(Fixture.get(server, "/api/vessels?flag=MH&class=A").json().get("count").asInt()
                        + Fixture.get(server, "/api/vessels?flag=DK&class=A").json().get("count").asInt());
        JsonNode danes = Fixture.get(server, "/api/vessels?flag=dk&class=a").json();
        assertThat(danes.get("count").asInt()).isPositive()
                .isEqualTo(Fixture.get(server, "/api/vessels?flag=DK&class=A").json().get("count").asInt());
        danes.get("vessels").forEach(v -> assertThat(v.get("flag").asText() + " " + v.get("class").asText()).isEqualTo("DK A"));
        // a list given several times is the union of its values, as the CLI's repeated --flag, --shiptype, --class, --kind
        assertThat(kinds("/api/events?flag=MH&flag=dk&kind=drift&kind=sudden_speed_change"))
                .containsExactly("drift", "sudden_speed_change");
        assertThat(kinds("/api/events?shiptype=70-79&shiptype=89")).containsExactly("watchlist_activity", "sudden_speed_change");
        assertThat(kinds("/api/events?class=B&class=a&flag=CY")).containsExactly("port_visit");
        assertThat(Fixture.get(server, "/api/vessels?flag=MH&flag=DK&class=A").json().get("count").asInt())
                .isEqualTo(Fixture.get(server, "/api/vessels?flag=MH,DK&class=A").json().get("count").asInt());
        Fixture.Reply repeated = Fixture.get(server, "/api/export/events.csv?shiptype=80-89&flag=MH&flag=DK");
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
        assertThat(repeated.body()).isEqualTo(csv.body());
        assertThat(repeated.header("Content-Disposition")).isEqualTo("attachment; filename=\"events-type-80-89-flag-MH+DK.csv\"");
    }

    /**
     * The window of /api/events takes the events that overlap it, as README and openapi.json say: the drift
     * of 538004030, which lasts, is listed by a window that begins 1 ms after its start or ends at its start,
     * and by none that begins after its end or ends before its start.
     */
    @Test
    void eventsOverlappingTheWindowAreListed() throws Exception {
        JsonNode drift = Fixture.get(server, "/api/events?kind=drift").json().get("events").get(0);
        java.time.Instant start = java.time.Instant.parse(drift.get("start").asText());
        java.time.Instant end = java.time.Instant.parse(drift.get("end").asText());
        assertThat(end).isAfter(start.plusSeconds(60));
        assertThat(kinds("/api/events?kind=drift&from=" + start.plusMillis(1) + "&to=" + end.minusMillis(1))).containsExactly("drift");
        assertThat(kinds("/api/events?kind=drift&from=" + end)).containsExactly("drift");
        assertThat(kinds("/api/events?kind=drift&to=" + start)).containsExactly("drift");
        assertThat(kinds("/api/events?kind=drift&from=" + end.plusMillis(1))).isEmpty();
        assertThat(kinds("/api/events?kind=drift&to=" + start.minusMillis(1))).isEmpty();
        JsonNode op = Fixture.get(server, "/openapi.json").json().get("paths").get("/api/events").get("get");
        assertThat(op.get("summary").asText()).startsWith("stored events that overlap the window: an event is listed when it"
                + " started at or before to and ended at or after from");
    }

    private static List<String> kinds(String url) throws Exception {
        Fixture.Reply r = Fixture.get(server, url);
        assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("events").forEach(e -> out.add(e.get("kind").asText()));
        return out;
    }

    @Test
    void oneVesselAndItsTrack() throws Exception {
        JsonNode v = Fixture.get(server, "/api/vessels/538004030").json();
        assertThat(v.get("mmsi").asText()).isEqualTo("538004030");
        assertThat(v.get("identity_history").isArray()).isTrue();
        assertThat(v.get("events").isArray()).isTrue();
        // the position's own time (its fix of 18:29:54.317, as vessels.csv's last_position_time), and the
        // station's last message after it (a report without a new fix, 0.58 s later)
        assertThat(v.get("position_time").asText()).isEqualTo("2014-09-28T18:29:54.317Z");
        assertThat(v.get("last_seen").asText()).isEqualTo("2014-09-28T18:29:54.899Z");
        int stored = server.store().track(538004030, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).size();
        JsonNode t = Fixture.get(server, "/api/vessels/538004030/track").json();
        assertThat(t.get("type").asText()).isEqualTo("FeatureCollection");
        int points = 0;
        for (JsonNode f : t.get("features")) {
            assertThat(f.get("properties").get("mmsi").asText()).isEqualTo("538004030");
            points += f.get("properties").get("points").asInt();
        }
        assertThat(points).isEqualTo(stored).isGreaterThan(100);
        // coordinates to 6 decimals at most, as everywhere else in the API
        for (JsonNode f : t.get("features")) {
            for (JsonNode c : f.get("geometry").get("type").asText().equals("Point") ? List.of(f.get("geometry").get("coordinates"))
                    : iterable(f.get("geometry").get("coordinates"))) {
                assertThat(c.get(0).asText()).matches("-?\\d+(\\.\\d{1,6})?");
                assertThat(c.get(1).asText()).matches("-?\\d+(\\.\\d{1,6})?");
            }
        }
        JsonNode tp = Fixture.get(server, "/api/vessels/538004030/track?points=true&from=2014-09-28T16:00:00Z&to=2014-09-28T16:30:00Z").json();
        long fixes = 0;
        for (JsonNode f : tp.get("features")) {
            if (f.get("properties").has("time")) {
                fixes++;
                assertThat(f.get("properties").get("time").asText()).startsWith("2014-09-28T16:");
            }
        }
        assertThat(fixes).isEqualTo(server.store().track(538004030, java.time.Instant.parse("2014-09-28T16:00:00Z").toEpochMilli(),
                java.time.Instant.parse("2014-09-28T16:30:00Z").toEpochMilli()).size()).isPositive();
        assertThat(Fixture.get(server, "/api/vessels/999999999").status()).isEqualTo(404);
        // a window's bounds as the command line takes them: a date as "to" is that day's end, a local
        // time is UTC, an offset names the same instant
        JsonNode day = Fixture.get(server, "/api/vessels/538004030/track?points=true&from=2014-09-28&to=2014-09-28").json();
        JsonNode dayInstants = Fixture.get(server, "/api/vessels/538004030/track?points=true&from=2014-09-28T00:00:00Z&to=2014-09-28T23:59:59.999Z").json();
        assertThat(day.get("features").size()).isEqualTo(dayInstants.get("features").size()).isPositive();
        assertThat(day).isEqualTo(dayInstants);
        assertThat(Fixture.get(server, "/api/vessels/538004030/track?points=true&from=2014-09-28T16:00&to=2014-09-28T18:30%2B02:00").json())
                .isEqualTo(tp);
        assertThat(Fixture.get(server, "/api/vessels/538004030/track?to=2014-09-28T18:30+02:00").json().get("error").asText())
                .endsWith(": 2014-09-28T18:30 02:00 (in a URL, write the + of an offset as %2B)");
    }

    @Test
    void eventsAndEvidence() throws Exception {
        JsonNode all = Fixture.get(server, "/api/events").json();
        assertThat(all.get("count").asInt()).isEqualTo(all.get("events").size()).isGreaterThan(1);
        assertThat(all.get("truncated").asBoolean()).isFalse();
        JsonNode first = Fixture.get(server, "/api/events?limit=1").json();
        assertThat(first.get("count").asInt()).isEqualTo(1);
        assertThat(first.get("truncated").asBoolean()).isTrue(); // more match than the limit let through
        assertThat(first.get("events").get(0)).isEqualTo(all.get("events").get(0));
        assertThat(Fixture.get(server, "/api/events?limit=" + all.get("count").asInt()).json().get("truncated").asBoolean()).isFalse();
        // newest first: the exact reverse, and a limit then keeps the latest events, saying that older ones match too
        JsonNode newest = Fixture.get(server, "/api/events?order=newest").json();
        assertThat(newest.get("truncated").asBoolean()).isFalse();
        List<JsonNode> reversed = new ArrayList<>();
        all.get("events").forEach(x -> reversed.add(0, x));
        List<JsonNode> newestList = new ArrayList<>();
        newest.get("events").forEach(newestList::add);
        assertThat(newestList).isEqualTo(reversed);
        for (int i = 1; i < newestList.size(); i++) {
            assertThat(newestList.get(i - 1).get("start").asText()).isGreaterThanOrEqualTo(newestList.get(i).get("start").asText());
        }
        JsonNode latest = Fixture.get(server, "/api/events?order=newest&limit=2").json();
        assertThat(latest.get("count").asInt()).isEqualTo(2);
        assertThat(latest.get("truncated").asBoolean()).isTrue();
        assertThat(latest.get("events").get(0)).isEqualTo(reversed.get(0));
        assertThat(latest.get("events").get(1)).isEqualTo(reversed.get(1));
        assertThat(Fixture.get(server, "/api/events?order=oldest&limit=1").json().get("events").get(0)).isEqualTo(all.get("events").get(0));
        // with a filter too: a vessel's newest event first
        JsonNode vesselNewest = Fixture.get(server, "/api/events?mmsi=219165000&order=newest").json();
        JsonNode vesselOldest = Fixture.get(server, "/api/events?mmsi=219165000").json();
        int n = vesselOldest.get("count").asInt();
        assertThat(n).isPositive();
        assertThat(vesselNewest.get("events").get(0)).isEqualTo(vesselOldest.get("events").get(n - 1));
        // positions in degrees to at most 6 decimals (a mean position's binary noise is not shown)
        all.get("events").forEach(x -> {
            if (x.has("lat")) {
                assertThat(x.get("lat").asText()).as(x.toString()).matches("-?\\d+(\\.\\d{1,6})?");
                assertThat(x.get("lon").asText()).as(x.toString()).matches("-?\\d+(\\.\\d{1,6})?");
            }
        });
        JsonNode w = Fixture.get(server, "/api/events?kind=watchlist_activity").json();
        assertThat(w.get("count").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode e = w.get("events").get(0);
        assertThat(e.get("vessels").get(0).asText()).isEqualTo("219165000");
        assertThat(e.get("start").asText()).startsWith("2014-10-05T");
        JsonNode one = Fixture.get(server, "/api/events/" + e.get("id").asText()).json();
        assertThat(one.get("evidence").size()).isPositive();
        assertThat(one.get("evidence").get(0).get("mmsi").asText()).isEqualTo("219165000");
        JsonNode byVessel = Fixture.get(server, "/api/events?mmsi=219165000").json();
        byVessel.get("events").forEach(x -> assertThat(x.get("vessels").toString()).contains("219165000"));
        assertThat(Fixture.get(server, "/api/events?to=2000-01-01T00:00:00Z").json().get("count").asInt()).isZero();
        assertThat(Fixture.get(server, "/api/events/0123456789abcdef").status()).isEqualTo(404);
    }

    @Test
    void whoWasNear() throws Exception {
        JsonNode v = Fixture.get(server, "/api/vessels/538004030").json();
        JsonNode r = Fixture.get(server, "/api/near?lat=" + v.get("lat").asDouble() + "&lon=" + v.get("lon").asDouble()
                + "&radius_km=0.5").json();
        JsonNode hit = find(r.get("results"), "538004030");
        assertThat(hit.get("distance_m").asDouble()).isLessThan(1.0);
        // identity beside the MMSI, as the command line's query near gives it (538 is the Marshall Islands' MID)
        assertThat(hit.get("flag").asText()).isEqualTo("MH").isEqualTo(v.get("flag").asText());
        assertThat(hit.get("class").asText()).isEqualTo("A");
        assertThat(hit.get("name").asText()).isEqualTo(v.get("name").asText());
        for (JsonNode x : r.get("results")) {
            assertThat(x.get("distance_m").asDouble()).isLessThanOrEqualTo(500.0);
        }
    }

    /**
     * /api/box, the area history of query box: the drifting tanker 538004030 in a box around its last
     * position, counted as its stored track counts the fixes there; a box across the 180° meridian
     * (min_lon > max_lon) holds none of these Danish-waters fixes, and the box covering the rest of the world does.
     */
    @Test
    void whoWasInABox() throws Exception {
        JsonNode v = Fixture.get(server, "/api/vessels/538004030").json();
        double lat = v.get("lat").asDouble();
        double lon = v.get("lon").asDouble();
        String box = "/api/box?min_lat=" + (lat - 0.05) + "&min_lon=" + (lon - 0.05) + "&max_lat=" + (lat + 0.05)
                + "&max_lon=" + (lon + 0.05);
        JsonNode r = Fixture.get(server, box).json().get("results");
        JsonNode hit = find(r, "538004030");
        long inside = 0;
        String first = null;
        String last = null;
        for (org.watchkeeper.store.PositionRow p : server.store().track(538004030, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)) {
            if (Math.abs(p.lat() - lat) <= 0.05 && Math.abs(p.lon() - lon) <= 0.05) {
                inside++;
                first = first == null ? Api.iso(p.timeMillis()) : first;
                last = Api.iso(p.timeMillis());
            }
        }
        assertThat(inside).isPositive();
        assertThat(hit.get("positions").asLong()).isEqualTo(inside);
        assertThat(hit.get("first").asText()).isEqualTo(first);
        assertThat(hit.get("last").asText()).isEqualTo(last);
        assertThat(hit.get("flag").asText()).isEqualTo("MH");
        assertThat(hit.get("class").asText()).isEqualTo("A");
        // the window: nothing after the last fix inside
        String after = java.time.Instant.parse(last).plusMillis(1).toString();
        assertThat(Fixture.get(server, box + "&from=" + after).json().get("results").toString()).doesNotContain("538004030");
        assertThat(find(Fixture.get(server, box + "&to=" + last).json().get("results"), "538004030").get("positions").asLong())
                .isEqualTo(inside);
        // across the 180° meridian: 170..180 and -180..-170 hold none of them; 20..180 and -180..0 hold all
        assertThat(Fixture.get(server, "/api/box?min_lat=-90&min_lon=170&max_lat=90&max_lon=-170").json().get("results")).isEmpty();
        JsonNode wrapped = Fixture.get(server, "/api/box?min_lat=-90&min_lon=170&max_lat=90&max_lon=" + (lon + 1)).json().get("results");
        assertThat(find(wrapped, "538004030").get("positions").asLong())
                .isEqualTo(server.store().track(538004030, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).size());
    }

    @Test
    void zonesAndWatchlist() throws Exception {
        String zone = "{\"type\":\"Feature\",\"properties\":{\"name\":\"Kattegat box\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[10.5,57],[12.5,57],[12.5,58.5],[10.5,58.5],[10.5,57]]]}}";
        Fixture.Reply c = Fixture.post(server, "/api/zones", zone);
        assertThat(c.status()).isEqualTo(201);
        String id = c.json().get("features").get(0).get("id").asText();
        JsonNode list = Fixture.get(server, "/api/zones").json();
        assertThat(list.get("features").toString()).contains(id).contains("Kattegat box");
        assertThat(Fixture.delete(server, "/api/zones/" + id).status()).isEqualTo(204);
        assertThat(Fixture.delete(server, "/api/zones/" + id).status()).isEqualTo(404);
        assertThat(Fixture.get(server, "/api/zones").json().get("features").toString()).doesNotContain(id);

        Fixture.Reply w = Fixture.post(server, "/api/watchlist", "{\"name\":\"Ever Given\",\"note\":\"test\"}");
        assertThat(w.status()).isEqualTo(201);
        String wid = w.json().get("id").asText();
        JsonNode wl = Fixture.get(server, "/api/watchlist").json();
        assertThat(wl.get("entries").toString()).contains("219165000").contains("Ever Given");
        assertThat(Fixture.delete(server, "/api/watchlist/" + wid).status()).isEqualTo(204);
        assertThat(Fixture.delete(server, "/api/watchlist/" + wid).status()).isEqualTo(404);

        // a station the vessel list shows with a 10-digit MMSI (kept and flagged) can be watched, as text or as a
        // number, up to the largest the 30-bit AIS field carries
        for (String mmsi : List.of("\"1000873988\"", "1073741823")) {
            Fixture.Reply ten = Fixture.post(server, "/api/watchlist", "{\"mmsi\":" + mmsi + ",\"note\":\"10 digits\"}");
            assertThat(ten.status()).as(ten.body()).isEqualTo(201);
            assertThat(ten.json().get("mmsi").asText()).isEqualTo(mmsi.replace("\"", ""));
            assertThat(Fixture.get(server, "/api/watchlist").json().get("entries").findValuesAsText("mmsi"))
                    .contains(mmsi.replace("\"", ""));
            assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":" + mmsi + "}").status()).isEqualTo(409);
            assertThat(Fixture.delete(server, "/api/watchlist/" + ten.json().get("id").asText()).status()).isEqualTo(204);
        }

        // an IMO number whose check digit is wrong is kept (a spoofer's number is worth watching) but said to be so;
        // IMO 9074729, the resolution's own example, is valid and gets no warning
        Fixture.Reply typo = Fixture.post(server, "/api/watchlist", "{\"imo\":9074728}");
        assertThat(typo.status()).as(typo.body()).isEqualTo(201);
        assertThat(typo.json().get("warning").asText()).isEqualTo("IMO 9074728 fails its check digit (9 expected, IMO"
                + " Resolution A.1117(30)): it matches only a vessel that sends this very number");
        Fixture.Reply good = Fixture.post(server, "/api/watchlist", "{\"imo\":9074729}");
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(good.json().has("warning")).isFalse();
        for (Fixture.Reply r : List.of(typo, good)) {
            assertThat(Fixture.delete(server, "/api/watchlist/" + r.json().get("id").asText()).status()).isEqualTo(204);
        }
    }

    @Test
    void stats() throws Exception {
        JsonNode s = Fixture.get(server, "/api/stats").json();
        JsonNode src = s.get("sources").get(0);
        assertThat(src.get("name").asText()).isEqualTo("feed");
        assertThat(src.get("kind").asText()).isEqualTo("tcp-listen");
        assertThat(src.get("up").asBoolean()).isTrue();
        assertThat(src.get("messages").asLong()).isEqualTo(server.pipeline().messages()).isPositive();
        // the last line sent is the type 3 after "$PGHP,1,2014,10,5,16,19,18,745,..." at the end of 219165000_ssc_1.ais
        assertThat(src.get("last_message_time").asText()).isEqualTo("2014-10-05T16:19:18.745Z");
        assertThat(java.time.Instant.parse(src.get("last_message").asText())).isAfter(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(s.get("vessels").asInt()).isEqualTo(server.pipeline().vessels().size());
        assertThat(s.get("rejected").isObject()).isTrue();
        assertThat(s.get("shed").get("udp_lines").asLong()).isZero();
        server.stats().sample(System.currentTimeMillis()); // the sampler's first tick may not have come yet
        JsonNode series = Fixture.get(server, "/api/stats/series?metric=messages&source=feed").json();
        assertThat(series.get("points").size()).as(series.toString()).isPositive();
        // a window keeps the minutes that start in it: none in the future, all since the epoch
        assertThat(Fixture.get(server, "/api/stats/series?source=feed&from=2100-01-01").json().get("points").size()).isZero();
        assertThat(Fixture.get(server, "/api/stats/series?source=feed&from=1970-01-01").json().get("points").size())
                .isEqualTo(series.get("points").size());
        assertThat(Fixture.get(server, "/api/stats/chokepoints?from=2014-01-01").json().get("days").isArray()).isTrue();
        assertThat(Fixture.get(server, "/api/stats/port-calls").json().get("days").isArray()).isTrue();
    }

    /** MMSI 000000000, a placeholder some transmitters send, is a station like any other: its page is 200 or 404, never 400. */
    @Test
    void mmsiZeroIsAnMmsi() throws Exception {
        boolean listed = Fixture.get(server, "/api/vessels?limit=100000").json().get("vessels").findValuesAsText("mmsi")
                .contains("000000000");
        Fixture.Reply r = Fixture.get(server, "/api/vessels/000000000");
        assertThat(r.status()).as(r.body()).isEqualTo(listed ? 200 : 404);
        assertThat(Fixture.get(server, "/api/vessels/000000000/track").status()).isEqualTo(listed ? 200 : 404);
        assertThat(Fixture.get(server, "/api/events?mmsi=000000000").status()).isEqualTo(200);
    }

    @Test
    void exports() throws Exception {
        int n = Fixture.get(server, "/api/vessels").json().get("count").asInt();
        Fixture.Reply csv = Fixture.get(server, "/api/export/vessels.csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("mmsi,name,callsign,imo,shiptype").contains(",lat,lon,position_time,speed,");
        assertThat(lines).hasSize(n + 1);
        // each position dated by the time the vessel was there, as the API's vessel object says
        List<String> header = List.of(lines[0].split(","));
        JsonNode v538 = Fixture.get(server, "/api/vessels/538004030").json();
        String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith("538004030,")).findFirst().orElseThrow();
        assertThat(row.split(",", -1)[header.indexOf("position_time")]).isEqualTo(v538.get("position_time").asText());
        JsonNode gj = Fixture.get(server, "/api/export/vessels.geojson?bbox=10.5,57,12.5,58.5").json();
        assertThat(gj.get("features").size()).isEqualTo(Fixture.get(server, "/api/vessels?bbox=10.5,57,12.5,58.5").json().get("count").asInt());
        assertThat(gj.get("features").get(0).get("geometry").get("type").asText()).isEqualTo("Point");
        String kml = Fixture.get(server, "/api/export/vessels.kml?q=538004030").body();
        assertThat(kml).contains("<kml xmlns=\"http://www.opengis.net/kml/2.2\">").contains("538004030");
        assertThat(kml.split("<Placemark>", -1)).hasSize(2);
        int events = Fixture.get(server, "/api/events").json().get("count").asInt();
        Fixture.Reply eventsCsv = Fixture.get(server, "/api/export/events.csv");
        assertThat(eventsCsv.header("Content-Disposition")).isEqualTo("attachment; filename=\"events.csv\"");
        // the filters name the file, so that exports of different windows, kinds or vessels do not overwrite each other
        assertThat(Fixture.get(server, "/api/export/events.kml?kind=gap,encounter&mmsi=538004030&from=2014-09-28T00:00:00Z"
                + "&to=2014-09-29T00:00:00.5Z").header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"events-gap+encounter-538004030-from-20140928T000000Z-to-20140929T000000.5Z.kml\"");
        assertThat(Fixture.get(server, "/api/export/vessels.geojson?q=STOC%20MARCIA").header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"vessels-STOC_MARCIA.geojson\"");
        String[] eventLines = eventsCsv.body().split("\r\n");
        assertThat(eventLines).hasSize(events + 1);
        assertThat(eventLines[0]).isEqualTo("id,kind,start,end,vessels,lat,lon,attributes,tlp,owner_org,shared_with,recipients");
        // the attributes: one quoted JSON object; then the event's marking (the server's --event-tlp), owner and sharing
        assertThat(eventLines[1]).matches(".*,\"\\{\"\".*\\}\",GREEN,host,,$");
        assertThat(Fixture.get(server, "/api/export/events.geojson").json().get("features").size()).isEqualTo(events);
        // every located event a placemark named by kind, vessels and start, with its time span, its
        // vessels' MMSIs and its attributes
        JsonNode located = null;
        for (JsonNode e : Fixture.get(server, "/api/events").json().get("events")) {
            if (e.has("lat") && e.get("vessels").size() > 0 && e.get("attributes").size() > 0) {
                located = e;
                break;
            }
        }
        assertThat(located).isNotNull();
        String ekml = Fixture.get(server, "/api/export/events.kml?kind=" + located.get("kind").asText()).body();
        String mmsis = String.join(" ", java.util.stream.StreamSupport.stream(located.get("vessels").spliterator(), false)
                .map(JsonNode::asText).toList());
        String attribute = located.get("attributes").fieldNames().next();
        assertThat(ekml).contains("<Placemark><name>" + located.get("kind").asText() + " " + mmsis + " "
                        + located.get("start").asText() + "</name><TimeSpan><begin>" + located.get("start").asText()
                        + "</begin><end>" + located.get("end").asText() + "</end></TimeSpan>")
                .contains("<Data name=\"vessels\"><value>" + mmsis + "</value></Data>")
                .contains("<Data name=\"attributes." + attribute + "\"><value>")
                .contains("<Data name=\"parameters.");
    }

    /**
     * A filter given empty (a form's blank field) filters nothing: the same answer as without it; the list
     * filters (kind, shiptype, flag, class) given empty are a 400 naming the filter (see badQueries), as they
     * would otherwise answer every event or vessel to a client that meant to pick some.
     */
    @Test
    void anEmptyFilterIsNoFilter() throws Exception {
        JsonNode all = Fixture.get(server, "/api/vessels?limit=100000").json();
        assertThat(all.get("count").asInt()).isPositive();
        assertThat(Fixture.get(server, "/api/vessels?limit=100000&bbox=&since=&q=").json().get("count"))
                .isEqualTo(all.get("count"));
        JsonNode events = Fixture.get(server, "/api/events").json();
        assertThat(events.get("count").asInt()).isPositive();
        assertThat(Fixture.get(server, "/api/events?mmsi=&bbox=&from=&to=").json().get("count")).isEqualTo(events.get("count"));
        assertThat(Fixture.get(server, "/api/stats/series?source=").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/vessels?bbox=1,2,3|400|bbox must be minLon,minLat,maxLon,maxLat",
        "/api/vessels?bbox=0,95,1,96|400|bbox latitudes must be in -90..90",
        "/api/vessels?bbox=190,0,191,1|400|bbox longitudes must be in -180..180",
        "/api/vessels?bbox=a,b,c,d|400|bbox must be four numbers",
        "/api/vessels?bbox=0,10,1,5|400|bbox minLat is above maxLat",
        "/api/vessels?shiptype=300|400|shiptype must be in 0..255",
        "/api/vessels?shiptype=cargo|400|shiptype must be an integer",
        "/api/vessels?flag=XYZ|400|flag must be an ISO 3166-1 alpha-2 code",
        "/api/vessels?class=C|400|class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: C",
        "/api/vessels?since=yesterday|400|since must be an ISO-8601 time or date",
        "/api/vessels?limit=0|400|limit must be in 1..100000",
        "/api/vessels/abc|400|mmsi must be an MMSI, digits only: abc",
        "/api/vessels/1234567890|400|mmsi 1234567890 is above 1073741823, the largest MMSI an AIS message can carry",
        "/api/vessels/99999999999999999999/track|400|mmsi 99999999999999999999 is above 1073741823",
        "/api/vessels/-1/track|400|mmsi must be an MMSI, digits only: -1",
        "/api/events?mmsi=1073741824|400|mmsi 1073741824 is above 1073741823",
        "/api/vessels/000000000/track?format=gpx|400|format must be",
        "/api/vessels/538004030/track?points=maybe|400|points must be true or false",
        "/api/vessels/538004030/track?from=2015-01-01&to=2014-01-01|400|from must not be after to: from 2015-01-01T00:00:00Z, to 2014-01-01T23:59:59.999Z",
        "/api/events?kind=piracy|400|unknown event kind 'piracy'",
        "/api/events?mmsi=x1|400|mmsi must be an MMSI",
        "/api/events?limit=1000001|400|limit must be in 1..100000",
        "/api/events?order=latest|400|unknown order 'latest'; choices: oldest (the default: by start, then id), newest (the reverse)",
        "/api/events?shiptype=90-80|400|shiptype range 90-80 ends below its start",
        "/api/events?shiptype=tanker|400|shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a comma-separated list of them: tanker",
        "/api/events?shiptype=80,256|400|shiptype must be in 0..255: 256",
        "/api/events?shiptype=70,80--89|400|shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a comma-separated list of them: 80--89",
        "/api/events?shiptype=80-89&shiptype=70,300|400|shiptype must be in 0..255: 300",
        "/api/vessels?flag=PA&flag=LR,DNK|400|flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: DNK",
        "/api/events?class=A&class=|400|class is empty; give station classes such as A,B, or leave class out",
        "/api/events?flag=DK,DNK|400|flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: DNK",
        "/api/events?class=A,C|400|class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: C",
        "/api/ongoing?shiptype=-1|400|shiptype must be in 0..255: -1",
        "/api/export/events.csv?flag=1|400|flag must be an ISO 3166-1 alpha-2 code",
        "/api/events?flag=UK|400|flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)",
        "/api/vessels?flag=dk,uk|400|flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)",
        "/api/ongoing?flag=ZZ|400|flag ZZ is not an ISO 3166-1 alpha-2 country code",
        "/api/export/events.csv?flag=zz|400|flag ZZ is not an ISO 3166-1 alpha-2 country code",
        "/api/events?shiptype=80--89|400|shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a comma-separated list of them: 80--89",
        "/api/vessels?shiptype=80-89-90|400|shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89, or a comma-separated list of them: 80-89-90",
        "/api/events?flag=|400|flag is empty; give ISO 3166-1 alpha-2 codes such as PA,LR, or leave flag out",
        "/api/events?shiptype=|400|shiptype is empty; give ITU-R M.1371-5 ship and cargo type codes such as 30, or ranges such as 80-89, or leave shiptype out",
        "/api/events?class=|400|class is empty; give station classes such as A,B, or leave class out",
        "/api/vessels?flag=|400|flag is empty; give ISO 3166-1 alpha-2 codes such as PA,LR, or leave flag out",
        "/api/ongoing?class=|400|class is empty; give station classes such as A,B, or leave class out",
        "/api/export/vessels.csv?shiptype=|400|shiptype is empty; give",
        "/api/events?flag=PA,|400|flag has an empty item in its list: PA,",
        "/api/events?kind=|400|kind is empty; give event kinds such as gap,drift, or leave kind out",
        "/api/ongoing?kind=|400|kind is empty; give event kinds such as gap,drift, or leave kind out",
        "/api/export/events.csv?kind=|400|kind is empty; give event kinds such as gap,drift, or leave kind out",
        "/api/export/ongoing.geojson?kind=|400|kind is empty; give event kinds such as gap,drift, or leave kind out",
        "/api/events?kind=gap&kind=|400|kind is empty; give event kinds such as gap,drift, or leave kind out",
        "/api/events?kind=gap,|400|kind has an empty item in its list: gap,",
        "/api/ongoing?kind=drift,,gap|400|kind has an empty item in its list: drift,,gap",
        "/api/events/bad%20id|400|an event id is",
        "/api/near?lon=11&radius_km=5|400|lat is required",
        "/api/near?lat=91&lon=11&radius_km=5|400|lat must be in -90..90",
        "/api/near?lat=57&lon=-181&radius_km=5|400|lon must be in -180..180",
        "/api/near?lat=57&lon=11&radius_km=0|400|radius_km must be > 0 and <= 20000: 0",
        "/api/near?lat=57&lon=11&radius_km=ten|400|radius_km must be a number",
        "/api/box?min_lon=10&max_lat=57&max_lon=12|400|min_lat is required",
        "/api/box?min_lat=55&min_lon=10&max_lat=57|400|max_lon is required",
        "/api/box?min_lat=-91&min_lon=10&max_lat=57&max_lon=12|400|min_lat must be in -90..90: -91",
        "/api/box?min_lat=55&min_lon=10&max_lat=57&max_lon=181|400|max_lon must be in -180..180: 181",
        "/api/box?min_lat=57&min_lon=10&max_lat=55&max_lon=12|400|min_lat must not be above max_lat: 57 > 55",
        "/api/box?min_lat=55&min_lon=ten&max_lat=57&max_lon=12|400|min_lon must be a number",
        "/api/box?min_lat=55&min_lon=10&max_lat=57&max_lon=12&from=2014-10-03&to=2014-10-02|400|from must not be after to",
        "/api/stats/series?metric=bytes|400|unknown metric 'bytes'",
        "/api/stats/series?source=nosuch|400|unknown source 'nosuch'",
        "/api/export/vessels.xls|400|export format must be geojson, csv or kml",
        "/api/export/vessels.csv?kind=gap|400|unknown query parameter 'kind' for an export of vessels; known: bbox, shiptype, flag, class, since, q, limit",
        "/api/export/events.kml?since=2099-01-01|400|unknown query parameter 'since' for an export of events; known: kind, from, to, bbox, mmsi, zone, shiptype, flag, class, limit, order",
        "/api/export/ships.csv|400|no export 'ships.csv'; the exports are /api/export/vessels, /api/export/events, /api/export/ongoing (episodes under way) and /api/export/incidents",
        "/api/nothing|404|Endpoint GET /api/nothing not found",
    })
    void badQueries(String path, int status, String message) throws Exception {
        Fixture.Reply r = Fixture.get(server, path);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(message);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "/api/zones|{\"type\":\"Point\"}|expected a GeoJSON Feature or FeatureCollection",
        "/api/zones|{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}|properties.name must be a non-empty string",
        "/api/zones|{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}|geometry must be a Polygon or MultiPolygon",
        "/api/zones|{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,95],[0,0]]]}}|position out of range",
        "/api/zones|{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}}|a ring must end where it starts",
        "/api/zones|{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[\"a\",0],[1,1],[0,0]]]}}|a position is [lon, lat] numbers",
        "/api/zones|{not json|body is not valid JSON",
        "/api/zones| |a JSON body is required",
        "/api/watchlist|{\"mmsi\":1,\"imo\":1234567}|give exactly one of mmsi, imo or name",
        "/api/watchlist|{\"mmsi\":\"12x\"}|mmsi must be an integer or a string of digits",
        "/api/watchlist|{\"mmsi\":\"21212300\"}|mmsi '21212300' has 8 digits: an MMSI is 9 digits (if you mean 021212300, write that)",
        "/api/watchlist|{\"mmsi\":\"2121230001\"}|mmsi 2121230001 is above 1073741823, the largest MMSI an AIS message can carry",
        "/api/watchlist|{\"mmsi\":\"0212123000\"}|mmsi '0212123000' has 10 digits: an MMSI is 9 digits, or a value of 10 up to 1073741823 as some stations send",
        "/api/watchlist|{\"mmsi\":21212300}|mmsi 21212300 has 8 digits: an MMSI is 9 digits; one with leading zeros is written as a string (\"021212300\")",
        "/api/watchlist|{\"mmsi\":1073741824}|mmsi 1073741824 is above 1073741823, the largest MMSI an AIS message can carry",
        "/api/watchlist|{\"mmsi\":0}|mmsi must be 1..1073741823: 0",
        "/api/watchlist|{\"imo\":123}|imo must be 1000000..9999999",
        "/api/watchlist|{\"name\":\"@@@\"}|name must be a string with letters or digits",
        "/api/watchlist|{\"name\":\"X\",\"note\":5}|note must be a string",
        "/api/watchlist|[1,2]|expected a JSON object",
    })
    void badBodies(String path, String body, String message) throws Exception {
        Fixture.Reply r = Fixture.post(server, path, body == null ? "" : body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains(message);
    }

    @Test
    void malformedBodyIsNamedByLineAndColumnWithoutEchoingIt() throws Exception {
        Fixture.Reply r = Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\n \"secret\":\"x\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("body is not valid JSON: Unexpected end-of-input: expected"
                + " close marker for Object (start marker at line 1, column 1) (line 2, column 14)");

        r = Fixture.post(server, "/api/watchlist", "{\"mmsi\": nope}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith("body is not valid JSON: Unrecognized token 'nope'")
                .endsWith("(line 1, column 10)").doesNotContain("Source");
    }

    @Test
    void hugeBodyIs413() throws Exception {
        String body = Fixture.repeat(2_000_000);
        Fixture.Reply r = Fixture.post(server, "/api/zones", body);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).isEqualTo("the request body is larger than the 1000000 bytes the API takes ("
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes sent)");
        assertThat(Fixture.get(server, "/api/zones").json().get("features").toString()).doesNotContain("xxxx");
    }

    @Test
    void streamWithoutEventStreamAcceptIs406() throws Exception {
        for (String accept : new String[] {"application/json", "text/*", "text/event-stream;q=0",
                "text/html,application/xhtml+xml,*/*;q=0.8"}) {
            Fixture.Reply r = Fixture.get(server, "/api/stream", "Accept", accept);
            assertThat(r.status()).as("Accept: %s", accept).isEqualTo(406);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.json().get("status").asInt()).isEqualTo(406);
            assertThat(r.json().get("error").asText()).contains("Accept: text/event-stream");
        }
        // The header EventSource sends opens the stream; so do a list naming it, curl's default and no
        // header at all (RFC 9110: anything; a program's HTTP library). The stream's first event (stats,
        // sent at once after its greeting comment) shows the handler served it, with the query's filter.
        for (String accept : new String[] {"text/event-stream", "application/json, text/event-stream;q=0.5", "*/*", null}) {
            java.net.http.HttpRequest.Builder req = Fixture.request(server, "/api/stream?kinds=stats", Fixture.adminToken(server));
            if (accept != null) {
                req.header("Accept", accept);
            }
            java.net.http.HttpResponse<java.io.InputStream> ok = Fixture.HTTP.send(req.GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = ok.body()) {
                assertThat(ok.statusCode()).as("Accept: %s", accept).isEqualTo(200);
                assertThat(ok.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
                java.io.BufferedReader lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8));
                String first = lines.readLine();
                // comments (the greeting, pings) and the message's id come before its event line
                while (first != null && (first.isBlank() || first.startsWith(":") || first.startsWith("id:"))) {
                    first = lines.readLine();
                }
                assertThat(first).as("Accept: %s", accept).isEqualTo("event: stats");
            }
        }
    }

    @Test
    void aMethodARouteDoesNotTakeIs405WithTheMethodsItTakes() throws Exception {
        Fixture.Reply r = Fixture.delete(server, "/api/vessels");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().get("allow")).containsExactly("GET, HEAD");
        assertThat(r.json().get("error").asText()).isEqualTo("DELETE is not allowed on /api/vessels; allowed: GET, HEAD");
        Fixture.Reply z = Fixture.post(server, "/api/zones/abc", "{}");
        assertThat(z.status()).isEqualTo(405);
        assertThat(z.headers().get("allow")).containsExactly("DELETE");
        // a path no route has is still a 404, and so is a resource a route does not find
        assertThat(Fixture.delete(server, "/api/nothing").status()).isEqualTo(404);
        assertThat(Fixture.delete(server, "/api/zones/no-such-zone").status()).isEqualTo(404);
    }

    @Test
    void aVesselShowsItsEpisodesUnderWay() throws Exception {
        JsonNode all = Fixture.get(server, "/api/ongoing?limit=100000").json();
        assertThat(all.get("events").size()).as("the fixture's logs end with episodes under way").isPositive();
        JsonNode e = all.get("events").get(0);
        String mmsi = e.get("vessels").get(0).asText();
        JsonNode v = Fixture.get(server, "/api/vessels/" + mmsi).json();
        List<String> ids = new ArrayList<>();
        v.get("ongoing").forEach(x -> {
            assertThat(x.get("ongoing").asBoolean()).isTrue();
            ids.add(x.get("id").asText());
        });
        List<String> want = new ArrayList<>();
        all.get("events").forEach(x -> {
            if (x.get("vessels").toString().contains("\"" + mmsi + "\"")) {
                want.add(x.get("id").asText());
            }
        });
        assertThat(ids).contains(e.get("id").asText()).containsExactlyInAnyOrderElementsOf(want);
    }

    /**
     * A silence under way (a gap: the fixture's older logs' vessels, heard no more while the later logs went on)
     * ends at the detectors' watermark, the time up to which their input is complete: as_of less the lateness
     * and 1 ms (the other episodes' end, their last evidence so far: {@link OngoingEndTest}).
     */
    @Test
    void aSilenceUnderWayEndsAtTheDetectorsWatermark() throws Exception {
        JsonNode all = Fixture.get(server, "/api/ongoing?limit=100000").json();
        long asOf = java.time.Instant.parse(all.get("as_of").asText()).toEpochMilli();
        assertThat(all.get("as_of").asText()).isEqualTo("2014-10-05T16:19:18.199Z");
        long watermark = asOf - server.config().latenessMillis() - 1;
        int gaps = 0;
        for (JsonNode e : all.get("events")) {
            assertThat(e.get("kind").asText()).isEqualTo("gap");
            assertThat(java.time.Instant.parse(e.get("end").asText()).toEpochMilli()).as(e.toString()).isEqualTo(watermark);
            gaps++;
        }
        assertThat(gaps).isEqualTo(33);
        // 538004030, silent since its drift log ended on 28 September
        JsonNode drift = Fixture.get(server, "/api/ongoing?mmsi=538004030").json().get("events");
        assertThat(drift).hasSize(1);
        assertThat(drift.get(0).get("start").asText()).startsWith("2014-09-28T18:");
        assertThat(drift.get(0).get("end").asText()).isEqualTo("2014-10-05T16:19:17.698Z");
    }

    /** The episodes under way as an export (a shift report's open items): the rows of /api/ongoing, signed. */
    @Test
    void theEpisodesUnderWayExportAsTheOngoingListHasThem() throws Exception {
        String kind = Fixture.get(server, "/api/ongoing?limit=1").json().get("events").get(0).get("kind").asText();
        JsonNode all = Fixture.get(server, "/api/ongoing?kind=" + kind + "&limit=100000").json();
        int n = all.get("events").size();
        assertThat(n).isPositive();
        Fixture.Reply csv = Fixture.get(server, "/api/export/ongoing.csv?kind=" + kind);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header(Exports.COUNT_HEADER)).isEqualTo(Integer.toString(n));
        assertThat(csv.header(ExportSigner.HEADER)).isNotBlank();
        String[] lines = csv.body().split("\r\n");
        // each row says it is under way, as the GeoJSON's properties and the KML's data do; the marking stays last
        assertThat(lines[0]).isEqualTo("id,kind,start,end,vessels,lat,lon,attributes,ongoing,tlp,owner_org,shared_with,recipients");
        assertThat(lines).hasSize(n + 1);
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).as(lines[i]).endsWith(",true,GREEN,host,,");
        }
        JsonNode first = all.get("events").get(0);
        assertThat(lines[1]).startsWith(first.get("id").asText() + "," + kind + "," + first.get("start").asText() + ","
                + first.get("end").asText() + "," + first.get("vessels").get(0).asText() + ",");
        // the events export has no such column: its rows have ended
        assertThat(Fixture.get(server, "/api/export/events.csv").body())
                .startsWith("id,kind,start,end,vessels,lat,lon,attributes,tlp,owner_org,shared_with,recipients\r\n");
        JsonNode geo = Fixture.get(server, "/api/export/ongoing.geojson?kind=" + kind + "&limit=1").json();
        assertThat(geo.get("features")).hasSize(1);
        JsonNode props = geo.get("features").get(0).get("properties");
        assertThat(props.get("ongoing").asBoolean()).isTrue();
        assertThat(props.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(props.get("end").asText()).isEqualTo(first.get("end").asText());
        // the same marking as the CSV's; shared_with and recipients left out when empty, as in the API's JSON
        assertThat(props.get("tlp").asText()).isEqualTo("GREEN");
        assertThat(props.get("owner_org").asText()).isEqualTo("host");
        assertThat(props.has("shared_with")).isFalse();
        assertThat(props.has("recipients")).isFalse();
        Fixture.Reply kml = Fixture.get(server, "/api/export/ongoing.kml?kind=" + kind);
        assertThat(kml.body()).contains("<Placemark>").contains("<Data name=\"ongoing\"><value>true</value></Data>");
        assertThat(Fixture.get(server, "/api/export/ongoing.csv?since=2014-01-01").status()).isEqualTo(400);
    }

    @Test
    void unknownQueryParametersAreRefusedByName() throws Exception {
        Fixture.Reply r = Fixture.get(server, "/api/events?kinds=gap");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText())
                .isEqualTo("unknown query parameter 'kinds' for GET /api/events; known: kind, from, to, bbox, mmsi, zone, shiptype, flag, class, limit, order");
        assertThat(Fixture.get(server, "/api/stats?x=1").json().get("error").asText())
                .isEqualTo("unknown query parameter 'x' for GET /api/stats; it takes none");
        assertThat(Fixture.get(server, "/api/incidents?typ=robbery").status()).isEqualTo(400);
        assertThat(Fixture.get(server, "/api/events?kind=gap").status()).isEqualTo(200);
        // each parameter takes one value: a second one is not silently dropped
        Fixture.Reply twice = Fixture.get(server, "/api/events?from=2014-10-02&from=2014-10-03");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("error").asText()).isEqualTo("query parameter 'from' is given 2 times for"
                + " GET /api/events; give it once (it takes one value; of GET /api/events's parameters, kind, shiptype, flag,"
                + " class take several, given again or comma-separated)");
        assertThat(Fixture.get(server, "/api/export/events.csv?to=2014-10-03&to=2014-10-04").status()).isEqualTo(400);
        // every route the server has is in its description, so every route is checked
        QueryParameters known = new QueryParameters();
        for (String route : server.routes()) {
            int sp = route.indexOf(' ');
            assertThat(known.of(route.substring(0, sp), route.substring(sp + 1))).as(route).isNotNull();
        }
    }

    @Test
    void accountBodiesWithUnknownFieldsAreRefusedAndDuplicatesAreConflicts() throws Exception {
        Fixture.Reply typo = Fixture.post(server, "/api/users", "{\"name\":\"eve\",\"org\":\"host\",\"rol\":\"admin\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("error").asText()).isEqualTo("unknown field 'rol'; known: name, org, role, password");
        assertThat(Fixture.post(server, "/api/users", "[\"eve\"]").json().get("error").asText())
                .startsWith("the body must be a JSON object with name, org");
        Fixture.Reply org = Fixture.post(server, "/api/orgs", "{\"id\":\"dup-org\",\"name\":\"Partner\"}");
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        Fixture.Reply again = Fixture.post(server, "/api/orgs", "{\"id\":\"dup-org\",\"name\":\"Partner again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("organisation 'dup-org' exists (PUT /api/orgs/dup-org changes its name)");
        // a name given wrong at creation is mended in place: the id, which markings and the log use, stays
        Fixture.Reply renamed = Fixture.put(server, "/api/orgs/dup-org", "{\"name\":\"Partner Centre\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("id").asText()).isEqualTo("dup-org");
        assertThat(renamed.json().get("name").asText()).isEqualTo("Partner Centre");
        assertThat(Fixture.get(server, "/api/orgs").body()).contains("\"name\":\"Partner Centre\"").doesNotContain("\"name\":\"Partner\"");
        assertThat(Fixture.put(server, "/api/orgs/dup-org", "{\"name\":\"  \"}").json().get("error").asText())
                .isEqualTo("name is required: the organisation's new name, up to 200 characters");
        assertThat(Fixture.put(server, "/api/orgs/dup-org", "{\"host\":true}").json().get("error").asText())
                .isEqualTo("unknown field 'host'; known: name");
        assertThat(Fixture.put(server, "/api/orgs/no-such-org", "{\"name\":\"X\"}").status()).isEqualTo(404);
        assertThat(Fixture.post(server, "/api/users", "{\"name\":\"dup-user\",\"org\":\"dup-org\"}").status()).isEqualTo(201);
        assertThat(Fixture.post(server, "/api/users", "{\"name\":\"dup-user\",\"org\":\"dup-org\"}").status()).isEqualTo(409);
        assertThat(Fixture.post(server, "/api/tokens", "{\"ttl\":60}").json().get("error").asText())
                .isEqualTo("unknown field 'ttl'; known: user, label, ttl_s");
        // curl -d without the JSON header sends a form: refused, not read as JSON
        Fixture.Reply form = Fixture.send(Fixture.request(server, "/api/users", Fixture.adminToken(server))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"formy\",\"org\":\"host\"}")).build());
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error").asText()).startsWith("the body must be JSON: send the header 'Content-Type: application/json'");
        assertThat(Fixture.get(server, "/api/users").body()).doesNotContain("formy");
        // a cross-site HTML form can send text/plain (and multipart) without a preflight: refused too
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "text/csv"}) {
            Fixture.Reply plain = Fixture.send(Fixture.request(server, "/api/watchlist", Fixture.adminToken(server))
                    .header("Content-Type", type)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mmsi\":\"244660000\",\"note\":\"plain\"}")).build());
            assertThat(plain.status()).as(type).isEqualTo(415);
            assertThat(plain.json().get("error").asText()).isEqualTo("the body must be JSON: send the header"
                    + " 'Content-Type: application/json' (this request says " + type + ")");
        }
        assertThat(Fixture.get(server, "/api/watchlist").body()).doesNotContain("plain");
        // JSON types, with parameters or +json, and none at all (a script's client) are read
        String[][] ok = {{"application/json; charset=utf-8", "244660001"}, {"application/geo+json", "244660002"}, {null, "244660003"}};
        for (String[] t : ok) {
            java.net.http.HttpRequest.Builder b = Fixture.request(server, "/api/watchlist", Fixture.adminToken(server))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mmsi\":\"" + t[1] + "\"}"));
            if (t[0] != null) {
                b.header("Content-Type", t[0]);
            }
            Fixture.Reply r = Fixture.send(b.build());
            assertThat(r.status()).as(t[0] + ": " + r.body()).isEqualTo(201);
        }
    }

    @Test
    void streamWithBadParametersIs400BeforeItStarts() throws Exception {
        String[][] cases = {
            {"/api/stream?kinds=bogus", "kinds: unknown kind 'bogus'; known: position, event, ongoing, stats, incident (incident gives"
                    + " incident_withdrawn too)"},
            {"/api/stream?kinds=event,incident_withdrawn", "kinds: incident_withdrawn messages come with the kind incident: kinds=incident"
                    + " gives both"},
            {"/api/stream?kinds=", "kinds: empty; name at least one of position, event, ongoing, stats, incident"},
            {"/api/stream?kinds=event&kinds=ongoing", "query parameter 'kinds' is given 2 times"},
            {"/api/stream?throttle=-5", "throttle"},
            {"/api/stream?mmsi=ship", "mmsi must be an MMSI"},
            {"/api/stream?kind=", "kind is empty; give event kinds such as gap,drift, or leave kind out"},
            {"/api/stream?kind=gap,", "kind has an empty item in its list: gap,"},
            {"/api/stream?bbox=1,2,3", "bbox"},
        };
        for (String[] c : cases) {
            // a stream that started anyway would never end: the timeout makes that a failure
            Fixture.Reply r = Fixture.send(Fixture.request(server, c[0], Fixture.adminToken(server))
                    .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(20)).GET().build());
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.contentType()).as(c[0]).startsWith("application/json");
            assertThat(r.json().get("error").asText()).as(c[0]).contains(c[1]);
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode find(JsonNode array, String mmsi) {
        for (JsonNode v : array) {
            if (v.get("mmsi").asText().equals(mmsi)) {
                return v;
            }
        }
        throw new AssertionError("no " + mmsi + " in " + array);
    }
}
