package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events derived from the user's zones and watchlist reach exactly those who may see the zone or the
 * watchlist, through every route that serves events: the host and two partner organisations, each with
 * a viewer and an analyst, over DMA's two real drift logs (538004030 in the Kattegat on 28 September
 * 2014, 212123000 south of Öland on 2-3 October), each crossing a box of zones twice.
 *
 * <p>Partners: {@code north} (positions, identities, events, only west of 14°E: box A but not box B) and
 * {@code south} (positions and events anywhere, no identities). Zones, each with its expected viewers
 * (host administrators see and may delete every zone):
 * <pre>
 *   box A  A-RED-HOST      ha, RED, no recipients (ha is made one)      admin ha
 *          A-AMBER-NORTH   na, AMBER                                    admin na nv
 *          A-AMBER-SHARED  ha, AMBER shared with north                  admin ha hv na nv
 *          A-RED-SOUTH     sa, RED, recipients na (sa is made one)      admin sa na
 *          A-GREEN         ha, GREEN                                    everyone
 *   box B  B-AMBER-HOST    ha, AMBER                                    admin ha hv
 *          B-GREEN         ha, GREEN                                    everyone (north: outside its area)
 *          B-STRICT-SOUTH  sa, AMBER+STRICT                             admin sa sv
 * </pre>
 * The host watches 212123000 with a note: its watchlist_activity events are the host's only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZoneEventSharingTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();
    static final Map<String, BlockingQueue<String>> STREAMS = new LinkedHashMap<>();
    static final Map<String, List<String[]>> STREAMED = new HashMap<>();
    /** What the stream of a caller without a login (positions and events published) got. */
    static final List<String[]> ANONYMOUS_STREAMED = new ArrayList<>();
    /** Zone name → id. */
    static final Map<String, String> ZONE_IDS = new LinkedHashMap<>();
    /** Every event as the bootstrap admin (no policy) sees it, by id. */
    static final Map<String, JsonNode> ALL = new LinkedHashMap<>();

    static final List<String> USERS = List.of("admin", "ha", "hv", "na", "nv", "sa", "sv");
    static final Set<String> HOST = Set.of("admin", "ha", "hv");
    static final Set<String> NORTH = Set.of("na", "nv");
    static final Set<String> EVERYONE = Set.copyOf(USERS);
    static final String BOX_A = "[[[11.34,57.7],[11.5,57.7],[11.5,57.9],[11.34,57.9],[11.34,57.7]]]";
    static final String BOX_B = "[[[15.35,55.5],[15.6,55.5],[15.6,55.75],[15.35,55.75],[15.35,55.5]]]";
    static final String NORTH_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[8,54],[14,54],[14,59],[8,59],[8,54]]]}";
    static final String NOTE = "SECRET-SUSPECT-NOTE";

    /** Zone name → who may see it (its marking, or a host administrator). */
    static final Map<String, Set<String>> ZONE_SEES = Map.of(
            "A-RED-HOST", Set.of("admin", "ha"),
            "A-AMBER-NORTH", Set.of("admin", "na", "nv"),
            "A-AMBER-SHARED", Set.of("admin", "ha", "hv", "na", "nv"),
            "A-RED-SOUTH", Set.of("admin", "sa", "na"),
            "A-GREEN", EVERYONE,
            "B-AMBER-HOST", Set.of("admin", "ha", "hv"),
            "B-GREEN", EVERYONE,
            "B-STRICT-SOUTH", Set.of("admin", "sa", "sv"));
    /** Zone name → its marking as events carry it: tlp, owner_org. */
    static final Map<String, String[]> ZONE_MARKING = Map.of(
            "A-RED-HOST", new String[] {"RED", "host"},
            "A-AMBER-NORTH", new String[] {"AMBER", "north"},
            "A-AMBER-SHARED", new String[] {"AMBER", "host"},
            "A-RED-SOUTH", new String[] {"RED", "south"},
            "A-GREEN", new String[] {"GREEN", "host"},
            "B-AMBER-HOST", new String[] {"AMBER", "host"},
            "B-GREEN", new String[] {"GREEN", "host"},
            "B-STRICT-SOUTH", new String[] {"AMBER+STRICT", "south"});

    @BeforeAll
    static void start() throws Exception {
        byte[] kattegat = Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais"));
        byte[] oland = Fixture.bytes(Fixture.log("dma-aisabnormal/212123000_drift_1.ais"));
        // watchlist silences of 5 min: 212123000's fixes 6 min apart on 2 October are watchlist_gap events
        server = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0"))
                .withWatchlistSilence(5 * 60_000L));
        String admin = Fixture.ADMIN_TOKEN;
        TOKENS.put("admin", admin);
        for (String org : List.of("north", "south")) {
            ok(Fixture.postAs(server, admin, "/api/orgs", "{\"id\":\"" + org + "\",\"name\":\"Partner " + org + "\"}"), 201);
        }
        ok(Fixture.putAs(server, admin, "/api/policies/north",
                "{\"data_classes\":[\"positions\",\"identities\",\"events\"],\"areas\":" + NORTH_AREA + ",\"delay_s\":0}"), 200);
        ok(Fixture.putAs(server, admin, "/api/policies/south", "{\"data_classes\":[\"positions\",\"events\"],\"areas\":null}"), 200);
        user("ha", "host", "analyst");
        user("hv", "host", "viewer");
        user("na", "north", "analyst");
        user("nv", "north", "viewer");
        user("sa", "south", "analyst");
        user("sv", "south", "viewer");

        zone("ha", "A-RED-HOST", BOX_A, "\"tlp\":\"RED\"");
        zone("na", "A-AMBER-NORTH", BOX_A, "\"tlp\":\"AMBER\"");
        zone("ha", "A-AMBER-SHARED", BOX_A, "\"tlp\":\"AMBER\",\"shared_with\":[\"north\"]");
        zone("sa", "A-RED-SOUTH", BOX_A, "\"tlp\":\"RED\",\"recipients\":[\"na\"]");
        zone("ha", "A-GREEN", BOX_A, "\"tlp\":\"GREEN\"");
        zone("ha", "B-AMBER-HOST", BOX_B, "\"tlp\":\"AMBER\"");
        zone("ha", "B-GREEN", BOX_B, "\"tlp\":\"GREEN\"");
        zone("sa", "B-STRICT-SOUTH", BOX_B, "\"tlp\":\"AMBER+STRICT\"");
        ok(Fixture.postAs(server, TOKENS.get("ha"), "/api/watchlist", "{\"mmsi\":\"212123000\",\"note\":\"" + NOTE + "\"}"), 201);

        // positions and events published for callers without a login, who have a stream open too
        ok(Fixture.putAs(server, admin, "/api/published", "{\"data_classes\":[\"positions\",\"events\"]}"), 200);
        for (String u : USERS) {
            STREAMS.put(u, LiveStreamTest.open(server, "/api/stream?kinds=event", TOKENS.get(u)));
        }
        BlockingQueue<String> anonymous = LiveStreamTest.open(server, "/api/stream?kinds=event", null);
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.stream().clients() < USERS.size() + 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.stream().clients()).isEqualTo(USERS.size() + 1);
        // one log after the other, the older first: both are detected in full
        Fixture.sendAndWait(server, kattegat);
        Fixture.sendAndWait(server, oland);
        for (String u : USERS) {
            STREAMED.put(u, LiveStreamTest.drain(STREAMS.get(u)));
        }
        ANONYMOUS_STREAMED.addAll(LiveStreamTest.drain(anonymous));
        for (JsonNode e : Fixture.getAs(server, admin, "/api/events?limit=100000").json().get("events")) {
            ALL.put(e.get("id").asText(), e);
        }
    }

    static void ok(Fixture.Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    static void user(String name, String org, String role) throws Exception {
        ok(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"" + name + "\",\"org\":\"" + org + "\",\"role\":\"" + role + "\",\"password\":\"correct horse " + name + "\"}"), 201);
        Fixture.Reply t = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/tokens", "{\"user\":\"" + name + "\",\"label\":\"test\"}");
        ok(t, 201);
        TOKENS.put(name, t.json().get("token").asText());
    }

    static void zone(String by, String name, String ring, String marking) throws Exception {
        Fixture.Reply r = Fixture.postAs(server, TOKENS.get(by), "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name
                + "\"," + marking + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}");
        ok(r, 201);
        ZONE_IDS.put(name, r.json().get("features").get(0).get("id").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- what each user should see, worked out from the admin's view and the table above ----

    static String zoneOf(JsonNode e) {
        JsonNode n = e.path("attributes").path("zone_name");
        return n.isTextual() ? n.asText() : null;
    }

    static boolean inNorth(JsonNode e) {
        double lat = e.get("lat").asDouble();
        double lon = e.get("lon").asDouble();
        return lon >= 8 && lon <= 14 && lat >= 54 && lat <= 59;
    }

    /** Whether {@code user} may see event {@code e} (as the admin sees it). */
    static boolean expected(String user, JsonNode e) {
        boolean policy = HOST.contains(user) || !NORTH.contains(user) || (e.has("lat") && inNorth(e));
        String kind = e.get("kind").asText();
        if (kind.startsWith("watchlist_")) {
            return HOST.contains(user);
        }
        String zone = zoneOf(e);
        if (kind.startsWith("zone_")) {
            assertThat(zone).as(e.toString()).isNotNull();
            return ZONE_SEES.get(zone).contains(user) && policy;
        }
        return policy;
    }

    static Set<String> expectedIds(String user) {
        Set<String> out = new TreeSet<>();
        ALL.forEach((id, e) -> {
            if (expected(user, e)) {
                out.add(id);
            }
        });
        return out;
    }

    static Set<String> ids(JsonNode events) {
        Set<String> out = new TreeSet<>();
        events.forEach(e -> out.add(e.get("id").asText()));
        return out;
    }

    /** The zone names of {@code ids} (as the admin sees them), and "watchlist" for watchlist events. */
    static Set<String> zoneNames(Set<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            JsonNode e = ALL.get(id);
            if (e.get("kind").asText().startsWith("watchlist_")) {
                out.add("watchlist");
            } else if (zoneOf(e) != null) {
                out.add(zoneOf(e));
            }
        }
        return out;
    }

    // ---- the tests ----

    @Test
    void theLogsCrossEveryZoneAndTheWatchlistFires() throws Exception {
        Map<String, Integer> perZone = new TreeMap<>();
        int watch = 0;
        int silences = 0;
        for (JsonNode e : ALL.values()) {
            if (zoneOf(e) != null) {
                perZone.merge(zoneOf(e), 1, Integer::sum);
                // the admin sees every zone: its marking, and how many zones there are
                String[] m = ZONE_MARKING.get(zoneOf(e));
                assertThat(e.get("tlp").asText()).isEqualTo(m[0]);
                assertThat(e.get("owner_org").asText()).isEqualTo(m[1]);
                assertThat(e.get("parameters").get("zones").asInt()).isEqualTo(8);
                assertThat(e.get("attributes").get("zone_id").asText()).isEqualTo(ZONE_IDS.get(zoneOf(e)));
            }
            if (e.get("kind").asText().startsWith("watchlist_")) {
                assertThat(e.get("attributes").get("note").toString()).contains(NOTE);
            }
            if (e.get("kind").asText().equals("watchlist_activity")) {
                watch++;
            }
            if (e.get("kind").asText().equals("watchlist_gap")) {
                silences++;
                assertThat(e.get("parameters").get("silence_s").asInt()).isEqualTo(300);
                assertThat(e.get("attributes").get("duration_h").asDouble()).isGreaterThanOrEqualTo(5 / 60.0);
            }
        }
        // as analyze --watchlist-silence-min 5 finds on the same log
        assertThat(silences).isEqualTo(12);
        assertThat(ALL.values().stream().filter(e -> e.get("kind").asText().equals("watchlist_gap")).map(e -> e.get("start").asText()).sorted()
                .findFirst().orElseThrow()).isEqualTo("2014-10-02T17:41:45.893Z");
        // each box is crossed twice (out and back in, in and back out): an event per zone per crossing
        assertThat(perZone).hasSize(8).allSatisfy((z, n) -> assertThat(n).as(z).isEqualTo(2));
        assertThat(watch).isEqualTo(2); // 212123000 on 2 and 3 October (UTC days)
        // RED zones: the creator is one of the recipients
        assertThat(zoneFeature("ha", "A-RED-HOST").get("properties").get("recipients").toString()).isEqualTo("[\"ha\"]");
        assertThat(zoneFeature("sa", "A-RED-SOUTH").get("properties").get("recipients").toString()).isEqualTo("[\"na\",\"sa\"]");
    }

    /**
     * A caller without a login sees no zone, not even a GREEN one (TLP:CLEAR and GREEN admit authenticated
     * users; zones are no data class one may publish), and so none of the zones' events, by any route, while
     * it does see the published events and positions.
     */
    @Test
    void callersWithoutALoginSeeNoZoneAndNoZoneEvent() throws Exception {
        assertThat(zoneFeature("hv", "A-GREEN")).isNotNull();
        Fixture.Reply zones = Fixture.getAs(server, null, "/api/zones");
        assertThat(zones.status()).as(zones.body()).isEqualTo(200);
        assertThat(zones.json().get("features")).isEmpty();
        Fixture.Reply del = Fixture.deleteAs(server, null, "/api/zones/" + ZONE_IDS.get("A-GREEN"));
        assertThat(del.status()).isEqualTo(401);
        assertThat(del.json().get("error").asText()).isEqualTo("authentication required");

        JsonNode events = Fixture.getAs(server, null, "/api/events?limit=100000").json().get("events");
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).isNotEmpty().noneMatch(k -> k.startsWith("zone_") || k.startsWith("watchlist_"));
        assertThat(events).noneMatch(e -> e.path("attributes").has("zone_id"));
        for (String id : ALL.keySet()) {
            if (zoneOf(ALL.get(id)) != null) {
                assertThat(Fixture.getAs(server, null, "/api/events/" + id).status()).as(id).isEqualTo(404);
            }
        }
        assertThat(Fixture.getAs(server, null, "/api/export/events.csv").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, null, "/api/export/events.csv").body()).doesNotContain("zone_entry", "zone_exit", "A-GREEN", "B-GREEN");
        List<String> streamed = new ArrayList<>();
        ANONYMOUS_STREAMED.forEach(m -> streamed.add(m[1]));
        assertThat(streamed).isNotEmpty().noneMatch(m -> m.contains("\"zone_") || m.contains("A-GREEN") || m.contains("B-GREEN"));
        assertThat(STREAMED.get("hv")).anyMatch(m -> m[1].contains("A-GREEN")); // a host viewer's stream had them
    }

    /**
     * A vessel with neither a position nor an identity to show is left out of the list of a caller with a policy
     * (here the published classes): a station heard only through a binary broadcast.
     */
    @Test
    void aStationWithNeitherPositionNorIdentityIsLeftOutForCallersWithAPolicy() throws Exception {
        Fixture.sendAndWait(server, "\\c:1412319600*52\\!AIVDM,1,1,,A,83m62@@0Grg=,0*1B\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // 07:00:00 UTC on 3 October, just after the log's last line: a host administrator sees the station
        Fixture.Reply host = Fixture.getAs(server, TOKENS.get("admin"), "/api/vessels/257000001");
        assertThat(host.status()).as(host.body()).isEqualTo(200);
        assertThat(host.json().has("lat")).isFalse();
        JsonNode all = Fixture.getAs(server, null, "/api/vessels?limit=100000").json().get("vessels");
        assertThat(all).isNotEmpty().allSatisfy(v -> assertThat(v.has("lat")).as(v.toString()).isTrue());
        assertThat(all).noneMatch(v -> v.get("mmsi").asText().equals("257000001"));
        Fixture.Reply one = Fixture.getAs(server, null, "/api/vessels/257000001");
        assertThat(one.status()).as(one.body()).isEqualTo(404);
        // nor does a partner allowed positions anywhere (no identities)
        assertThat(Fixture.getAs(server, TOKENS.get("sv"), "/api/vessels?limit=100000").json().get("vessels"))
                .noneMatch(v -> v.get("mmsi").asText().equals("257000001"));
    }

    static JsonNode zoneFeature(String user, String name) throws Exception {
        for (JsonNode f : Fixture.getAs(server, TOKENS.get(user), "/api/zones").json().get("features")) {
            if (f.get("properties").get("name").asText().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** /api/zones decides who sees a zone; the events follow it. */
    @Test
    void eachUserListsExactlyTheZonesItMaySee() throws Exception {
        for (String u : USERS) {
            Set<String> listed = new TreeSet<>();
            Fixture.getAs(server, TOKENS.get(u), "/api/zones").json().get("features")
                    .forEach(f -> listed.add(f.get("properties").get("name").asText()));
            Set<String> want = new TreeSet<>();
            ZONE_SEES.forEach((z, who) -> {
                if (who.contains(u)) {
                    want.add(z);
                }
            });
            assertThat(listed).as(u).isEqualTo(want);
        }
    }

    @Test
    void eventListsShowEachUserExactlyWhatItMaySee() throws Exception {
        Map<String, Set<String>> zonesSeen = new TreeMap<>();
        for (String u : USERS) {
            JsonNode events = Fixture.getAs(server, TOKENS.get(u), "/api/events?limit=100000").json().get("events");
            Set<String> want = expectedIds(u);
            assertThat(ids(events)).as(u).isEqualTo(want);
            zonesSeen.put(u, zoneNames(want));
            for (JsonNode e : events) {
                checkContent(u, e);
            }
            JsonNode only = Fixture.getAs(server, TOKENS.get(u), "/api/events?kind=zone_entry,zone_exit,watchlist_activity,watchlist_gap&limit=100000")
                    .json().get("events");
            assertThat(ids(only)).as(u).isEqualTo(want.stream().filter(id -> {
                String k = ALL.get(id).get("kind").asText();
                return k.startsWith("zone_") || k.startsWith("watchlist_");
            }).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        }
        // spelled out, so that the table above is what the server does
        assertThat(zonesSeen.get("admin")).containsExactlyInAnyOrder("A-RED-HOST", "A-AMBER-NORTH", "A-AMBER-SHARED", "A-RED-SOUTH",
                "A-GREEN", "B-AMBER-HOST", "B-GREEN", "B-STRICT-SOUTH", "watchlist");
        assertThat(zonesSeen.get("ha")).containsExactlyInAnyOrder("A-RED-HOST", "A-AMBER-SHARED", "A-GREEN", "B-AMBER-HOST", "B-GREEN",
                "watchlist");
        assertThat(zonesSeen.get("hv")).containsExactlyInAnyOrder("A-AMBER-SHARED", "A-GREEN", "B-AMBER-HOST", "B-GREEN", "watchlist");
        assertThat(zonesSeen.get("na")).containsExactlyInAnyOrder("A-AMBER-NORTH", "A-AMBER-SHARED", "A-RED-SOUTH", "A-GREEN");
        assertThat(zonesSeen.get("nv")).containsExactlyInAnyOrder("A-AMBER-NORTH", "A-AMBER-SHARED", "A-GREEN");
        assertThat(zonesSeen.get("sa")).containsExactlyInAnyOrder("A-RED-SOUTH", "A-GREEN", "B-GREEN", "B-STRICT-SOUTH");
        assertThat(zonesSeen.get("sv")).containsExactlyInAnyOrder("A-GREEN", "B-GREEN", "B-STRICT-SOUTH");
    }

    /**
     * {@code zone=ID} keeps the events of a zone the caller sees, exactly those of the list; an id of no zone the
     * caller sees (never given, or a zone hidden from it) is a 400 naming it and pointing to /api/zones, on every
     * route that takes the filter, in the same words whether the zone exists or not.
     */
    @Test
    void aZoneFilterNamesAZoneTheCallerSeesOrIsRefused() throws Exception {
        for (String u : USERS) {
            String t = TOKENS.get(u);
            Set<String> visible = expectedIds(u);
            for (Map.Entry<String, String> z : ZONE_IDS.entrySet()) {
                String q = "zone=" + z.getValue() + "&limit=100000";
                Fixture.Reply events = Fixture.getAs(server, t, "/api/events?" + q);
                Fixture.Reply ongoing = Fixture.getAs(server, t, "/api/ongoing?" + q);
                Fixture.Reply csv = Fixture.getAs(server, t, "/api/export/events.csv?" + q);
                Fixture.Reply ongoingCsv = Fixture.getAs(server, t, "/api/export/ongoing.csv?" + q);
                if (ZONE_SEES.get(z.getKey()).contains(u)) {
                    ok(events, 200);
                    ok(ongoing, 200);
                    ok(csv, 200);
                    ok(ongoingCsv, 200);
                    Set<String> want = new TreeSet<>();
                    visible.forEach(id -> {
                        if (z.getKey().equals(zoneOf(ALL.get(id)))) {
                            want.add(id);
                        }
                    });
                    assertThat(ids(events.json().get("events"))).as(u + " " + z.getKey()).isEqualTo(want);
                    assertThat(csv.header(Exports.COUNT_HEADER)).as(u + " " + z.getKey()).isEqualTo(Integer.toString(want.size()));
                    // zone events happen at one moment: none is under way
                    assertThat(ongoing.json().get("events")).isEmpty();
                } else {
                    String why = "unknown zone '" + z.getValue() + "': no zone you may see has that id (GET /api/zones lists them, by id)";
                    for (Fixture.Reply r : List.of(events, ongoing, csv, ongoingCsv)) {
                        ok(r, 400);
                        assertThat(r.json().get("error").asText()).as(u + " " + z.getKey()).isEqualTo(why);
                    }
                }
            }
            Fixture.Reply none = Fixture.getAs(server, t, "/api/events?zone=nope");
            ok(none, 400);
            assertThat(none.json().get("error").asText()).isEqualTo("unknown zone 'nope': " + (u.equals("admin")
                    ? "no zone has had that id (GET /api/zones lists the zones held now, by id)"
                    : "no zone you may see has that id (GET /api/zones lists them, by id)"));
            // an id of the server's form past the last one given
            ok(Fixture.getAs(server, t, "/api/ongoing?zone=zone-999"), 400);
            ok(Fixture.getAs(server, t, "/api/export/events.geojson?zone=zone-0"), 400);
        }
        // a caller without a login sees no zone
        Fixture.Reply anonymous = Fixture.getAs(server, null, "/api/events?zone=" + ZONE_IDS.get("A-GREEN"));
        ok(anonymous, 400);
        assertThat(anonymous.json().get("error").asText()).startsWith("unknown zone '" + ZONE_IDS.get("A-GREEN") + "': no zone you may see");
        // a malformed id is still said as such
        assertThat(Fixture.getAs(server, TOKENS.get("admin"), "/api/events?zone=%20").json().get("error").asText())
                .startsWith("zone is a zone id (1-200 characters");
    }

    /** What a visible zone or watchlist event shows a user: its zone's marking, no zone count, attributes as the policy allows. */
    static void checkContent(String u, JsonNode e) {
        JsonNode full = ALL.get(e.get("id").asText());
        String zone = zoneOf(full);
        if (zone != null) {
            String[] m = ZONE_MARKING.get(zone);
            assertThat(e.get("tlp").asText()).as(u + " " + zone).isEqualTo(m[0]);
            assertThat(e.get("owner_org").asText()).as(u + " " + zone).isEqualTo(m[1]);
            assertThat(e.get("parameters").has("zones")).as(u + ": the number of zones").isEqualTo(u.equals("admin"));
            if (u.equals("sa") || u.equals("sv")) {
                assertThat(e.get("attributes").size()).as("south has no identities").isZero();
            } else {
                assertThat(zoneOf(e)).isEqualTo(zone);
            }
        } else {
            assertThat(e.get("tlp").asText()).isEqualTo("GREEN");
            assertThat(e.get("owner_org").asText()).isEqualTo("host");
        }
        if (e.get("kind").asText().startsWith("watchlist_")) {
            assertThat(HOST).contains(u);
            assertThat(e.get("attributes").get("note").toString()).contains(NOTE);
        }
        assertThat(e.toString().contains(NOTE)).isEqualTo(HOST.contains(u) && e.get("kind").asText().startsWith("watchlist_"));
    }

    @Test
    void eachEventByIdIsFoundExactlyByThoseWhoMaySeeIt() throws Exception {
        for (String u : USERS) {
            for (Map.Entry<String, JsonNode> x : ALL.entrySet()) {
                String kind = x.getValue().get("kind").asText();
                if (!kind.startsWith("zone_") && !kind.startsWith("watchlist_") && !x.getKey().equals(ALL.keySet().iterator().next())) {
                    continue; // the zone and watchlist events, and one other
                }
                Fixture.Reply r = Fixture.getAs(server, TOKENS.get(u), "/api/events/" + x.getKey());
                if (expected(u, x.getValue())) {
                    ok(r, 200);
                    checkContent(u, r.json());
                    assertThat(r.json().get("evidence")).isNotEmpty();
                } else {
                    ok(r, 404);
                    // as an id that does not exist
                    assertThat(r.json().get("error").asText()).isEqualTo("no event with id " + x.getKey());
                }
            }
        }
    }

    @Test
    void theLiveStreamCarriesExactlyWhatTheListShows() throws Exception {
        for (String u : USERS) {
            Set<String> got = new TreeSet<>();
            for (String[] m : STREAMED.get(u)) {
                if (m[0].equals("event")) {
                    JsonNode e = Rows.JSON.readTree(m[1]);
                    got.add(e.get("id").asText());
                    checkContent(u, e);
                }
            }
            assertThat(got).as(u).isEqualTo(expectedIds(u));
        }
    }

    @Test
    void exportsCarryExactlyWhatTheListShows() throws Exception {
        Pattern kmlId = Pattern.compile("<Data name=\"id\"><value>([^<]+)</value>");
        for (String u : USERS) {
            String t = TOKENS.get(u);
            Set<String> want = expectedIds(u);
            Fixture.Reply geo = Fixture.getAs(server, t, "/api/export/events.geojson?limit=100000");
            ok(geo, 200);
            Set<String> geoIds = new TreeSet<>();
            Map<String, String> marking = new HashMap<>();
            for (JsonNode f : geo.json().get("features")) {
                JsonNode p = f.get("properties");
                geoIds.add(p.get("id").asText());
                checkContent(u, p);
                marking.put(p.get("id").asText(), String.join(",", p.path("tlp").asText(), p.path("owner_org").asText(),
                        joined(p.get("shared_with")), joined(p.get("recipients"))));
            }
            assertThat(geoIds).as(u + " geojson").isEqualTo(want);

            Fixture.Reply csv = Fixture.getAs(server, t, "/api/export/events.csv?limit=100000");
            ok(csv, 200);
            Set<String> csvIds = new TreeSet<>();
            String[] lines = csv.body().split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String id = lines[i].substring(0, lines[i].indexOf(','));
                csvIds.add(id);
                // each row keeps its event's marking, owner and sharing, as the GeoJSON has them
                assertThat(lines[i]).as(u + " csv " + id).endsWith("," + marking.get(id));
            }
            assertThat(csvIds).as(u + " csv").isEqualTo(want);
            assertThat(csv.body().contains(NOTE)).isEqualTo(HOST.contains(u));

            Fixture.Reply kml = Fixture.getAs(server, t, "/api/export/events.kml?limit=100000");
            ok(kml, 200);
            Set<String> kmlIds = new TreeSet<>();
            Matcher m = kmlId.matcher(kml.body());
            while (m.find()) {
                kmlIds.add(m.group(1));
            }
            Set<String> positioned = new TreeSet<>(want);
            positioned.removeIf(id -> !ALL.get(id).has("lat"));
            assertThat(kmlIds).as(u + " kml").isEqualTo(positioned);
            for (String z : ZONE_SEES.keySet()) {
                assertThat(kml.body().contains(z)).as(u + " kml names " + z)
                        .isEqualTo(zoneNames(want).contains(z) && !u.startsWith("s"));
            }

            Fixture.Reply stix = Fixture.getAs(server, t, "/api/export/stix");
            ok(stix, 200);
            Set<String> stixIds = new TreeSet<>();
            Map<String, String> markingOf = new HashMap<>();
            for (JsonNode o : stix.json().get("objects")) {
                if (o.get("type").asText().equals("marking-definition")) {
                    markingOf.put(o.get("id").asText(), o.path("name").asText());
                }
            }
            for (JsonNode o : stix.json().get("objects")) {
                if (o.get("type").asText().equals("observed-data")) {
                    String id = o.get("x_watchkeeper_id").asText();
                    stixIds.add(id);
                    String zone = zoneOf(ALL.get(id));
                    if (zone != null) {
                        assertThat(markingOf.get(o.get("object_marking_refs").get(0).asText())).as(u + " stix " + zone)
                                .isEqualTo("TLP:" + ZONE_MARKING.get(zone)[0]);
                    }
                }
            }
            assertThat(stixIds).as(u + " stix").isEqualTo(want);
        }
    }

    /** A vessel's own page lists its events by the same rule. */
    @Test
    void aVesselsEventsFollowTheSameRule() throws Exception {
        for (String u : USERS) {
            for (String mmsi : List.of("538004030", "212123000")) {
                Fixture.Reply r = Fixture.getAs(server, TOKENS.get(u), "/api/vessels/" + mmsi);
                Set<String> want = new TreeSet<>(expectedIds(u));
                want.removeIf(id -> !ALL.get(id).get("vessels").toString().contains(mmsi));
                if (r.status() == 404) {
                    // north's area does not hold 212123000's last position: nothing of the vessel is shown
                    assertThat(u + " " + mmsi).isIn("na 212123000", "nv 212123000");
                    continue;
                }
                ok(r, 200);
                Set<String> got = ids(r.json().get("events"));
                assertThat(got).as(u + " " + mmsi).isEqualTo(want);
                assertThat(r.json().has("ongoing")).isTrue();
                r.json().get("ongoing").forEach(e -> assertThat(e.get("kind").asText()).doesNotStartWith("zone_"));
            }
            Fixture.Reply ongoing = Fixture.getAs(server, TOKENS.get(u), "/api/ongoing");
            if (ongoing.status() == 200) {
                ongoing.json().get("events").forEach(e -> assertThat(e.get("id").asText()).isNotIn(ALL.keySet().stream()
                        .filter(id -> !expected(u, ALL.get(id))).toList()));
            }
        }
    }

    /**
     * F6: a zone only its creator may see (RED, no other recipient) is listed for its creator and for
     * the host's administrators, who may delete any zone; its events then go to the host's
     * administrators only (the zone is no longer held); the history keeps them across restarts.
     */
    @Test
    @Order(Integer.MAX_VALUE) // last: it deletes a zone the other tests count on
    void anAdminDeletesAnyZoneAndItsEventsAreThenTheAdminsOnly() throws Exception {
        String ring = "[[[20,20],[20.1,20],[20.1,20.1],[20,20.1],[20,20]]]";
        Fixture.Reply made = Fixture.postAs(server, TOKENS.get("na"), "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":"
                + "\"N-RED-ALONE\",\"tlp\":\"RED\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}");
        ok(made, 201);
        String id = made.json().get("features").get(0).get("id").asText();
        assertThat(made.json().get("features").get(0).get("properties").get("recipients").toString()).isEqualTo("[\"na\"]");
        assertThat(zoneFeature("na", "N-RED-ALONE")).isNotNull();
        assertThat(zoneFeature("admin", "N-RED-ALONE")).isNotNull();
        for (String u : List.of("ha", "hv", "nv", "sa", "sv")) {
            assertThat(zoneFeature(u, "N-RED-ALONE")).as(u).isNull();
        }
        // a name held by a zone another may not see is free to them: the conflict would tell of the zone
        Fixture.Reply same = Fixture.postAs(server, TOKENS.get("sa"), "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":"
                + "\"n-red-alone\",\"tlp\":\"AMBER\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}");
        ok(same, 201);
        Fixture.Reply again = Fixture.postAs(server, TOKENS.get("na"), "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":"
                + "\"N-RED-ALONE\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + ring + "}}");
        ok(again, 409);
        // those who may not see it cannot tell it from a zone that does not exist
        ok(Fixture.deleteAs(server, TOKENS.get("sa"), "/api/zones/" + id), 404);
        ok(Fixture.deleteAs(server, TOKENS.get("ha"), "/api/zones/" + id), 404);
        ok(Fixture.deleteAs(server, TOKENS.get("admin"), "/api/zones/" + id), 204);
        ok(Fixture.deleteAs(server, TOKENS.get("admin"), "/api/zones/" + same.json().get("features").get(0).get("id").asText()), 204);
        // a zone deleted since is known to the host's administrators (no events here), unknown to its creator now
        Fixture.Reply deletedForAdmin = Fixture.getAs(server, TOKENS.get("admin"), "/api/events?zone=" + id);
        ok(deletedForAdmin, 200);
        assertThat(deletedForAdmin.json().get("events")).isEmpty();
        ok(Fixture.getAs(server, TOKENS.get("na"), "/api/events?zone=" + id), 400);

        // the events of a zone deleted since: the host's administrators only
        String green = ZONE_IDS.get("B-GREEN");
        Set<String> greenEvents = new TreeSet<>();
        ALL.forEach((eid, e) -> {
            if ("B-GREEN".equals(zoneOf(e))) {
                greenEvents.add(eid);
            }
        });
        assertThat(greenEvents).hasSize(2);
        ok(Fixture.deleteAs(server, TOKENS.get("sa"), "/api/zones/" + green), 403);
        ok(Fixture.deleteAs(server, TOKENS.get("admin"), "/api/zones/" + green), 204);
        try {
            for (String u : USERS) {
                Set<String> seen = ids(Fixture.getAs(server, TOKENS.get(u), "/api/events?kind=zone_entry,zone_exit&limit=100000")
                        .json().get("events"));
                if (u.equals("admin")) {
                    assertThat(seen).as(u).containsAll(greenEvents);
                } else {
                    assertThat(seen).as(u).doesNotContainAnyElementsOf(greenEvents);
                }
                // filtered by the deleted zone's id: its events for the host's administrators, who alone see
                // them; to anyone else the id names no zone
                for (String route : List.of("/api/events", "/api/export/events.csv")) {
                    Fixture.Reply byZone = Fixture.getAs(server, TOKENS.get(u), route + "?zone=" + green + "&limit=100000");
                    if (u.equals("admin")) {
                        ok(byZone, 200);
                        if (route.equals("/api/events")) {
                            assertThat(ids(byZone.json().get("events"))).isEqualTo(greenEvents);
                        } else {
                            assertThat(byZone.header(Exports.COUNT_HEADER)).isEqualTo("2");
                        }
                    } else {
                        ok(byZone, 400);
                        assertThat(byZone.json().get("error").asText()).as(u).isEqualTo("unknown zone '" + green
                                + "': no zone you may see has that id (GET /api/zones lists them, by id)");
                    }
                }
            }
        } finally {
            // under its name again (another id): its stored events name the old id and stay the admins'
            zone("ha", "B-GREEN", BOX_B, "\"tlp\":\"GREEN\"");
        }
        JsonNode seen = Fixture.getAs(server, TOKENS.get("sv"), "/api/events?kind=zone_entry,zone_exit&limit=100000").json().get("events");
        assertThat(ids(seen)).doesNotContainAnyElementsOf(greenEvents);
    }

    /** A JSON array's texts joined by spaces, as a CSV cell holds them; empty when absent. */
    private static String joined(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(x -> out.add(x.asText()));
        }
        return String.join(" ", out);
    }
}
