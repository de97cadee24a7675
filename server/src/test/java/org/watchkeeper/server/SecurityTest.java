package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, roles, sharing policies and TLP over a server fed DMA's real multi-vessel sample log
 * (about 80 000 lines of Danish waters, November 2013). Three partner organisations: {@code north}
 * (positions and events north of 56°N, no identities), {@code south} (positions and identities south of
 * 56°N, no events, later a delay) and {@code none} (no policy); the host has a viewer, an analyst and the
 * admin. Live streams of each are open while the log arrives.
 */
class SecurityTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;
    static final Map<String, String> TOKENS = new HashMap<>();
    static final List<String[]> HOST_STREAM = new ArrayList<>();
    static final List<String[]> NORTH_STREAM = new ArrayList<>();
    static final List<String[]> SOUTH_STREAM = new ArrayList<>();
    static final List<String[]> NONE_STREAM = new ArrayList<>();

    static final String NORTH_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[-20,56],[40,56],[40,70],[-20,70],[-20,56]]]}";
    static final String SOUTH_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[-20,40],[40,40],[40,56],[-20,56],[-20,40]]]}";

    @BeforeAll
    static void start() throws Exception {
        Path log = Fixture.log("dma-aisabnormal/ais-sample.txt.gz");
        // Fixture.config has a short lateness and sendAndWait awaits its idle release: every stream has had every event before it is read
        server = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        String admin = Fixture.ADMIN_TOKEN;
        for (String org : List.of("north", "south", "none")) {
            assertThat(Fixture.postAs(server, admin, "/api/orgs", "{\"id\":\"" + org + "\",\"name\":\"Partner " + org + "\"}").status())
                    .isEqualTo(201);
        }
        assertThat(Fixture.putAs(server, admin, "/api/policies/north",
                "{\"data_classes\":[\"positions\",\"events\"],\"areas\":" + NORTH_AREA + ",\"delay_s\":0}").status()).isEqualTo(200);
        assertThat(Fixture.putAs(server, admin, "/api/policies/south",
                "{\"data_classes\":[\"positions\",\"identities\"],\"areas\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{},\"geometry\":" + SOUTH_AREA + "}]},\"delay_s\":0}").status()).isEqualTo(200);
        user("hv", "host", "viewer");
        user("ha", "host", "analyst");
        user("nv", "north", "viewer");
        user("na", "north", "analyst");
        user("nadm", "north", "admin");
        user("sv", "south", "viewer");
        user("zv", "none", "viewer");
        TOKENS.put("admin", admin);

        BlockingQueue<String> host = LiveStreamTest.open(server, "/api/stream?kinds=position,event&throttle=0", admin);
        BlockingQueue<String> north = LiveStreamTest.open(server, "/api/stream?kinds=position,event&throttle=0", TOKENS.get("nv"));
        BlockingQueue<String> south = LiveStreamTest.open(server, "/api/stream?throttle=0", TOKENS.get("sv"));
        BlockingQueue<String> none = LiveStreamTest.open(server, "/api/stream?throttle=0", TOKENS.get("zv"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.stream().clients() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.stream().clients()).isEqualTo(4);
        Fixture.sendAndWait(server, Fixture.bytes(log));
        HOST_STREAM.addAll(LiveStreamTest.drain(host));
        NORTH_STREAM.addAll(LiveStreamTest.drain(north));
        SOUTH_STREAM.addAll(LiveStreamTest.drain(south));
        NONE_STREAM.addAll(LiveStreamTest.drain(none));
    }

    static void user(String name, String org, String role) throws Exception {
        Fixture.Reply r = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"" + name + "\",\"org\":\"" + org + "\",\"role\":\"" + role + "\",\"password\":\"correct horse " + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Fixture.Reply t = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/tokens", "{\"user\":\"" + name + "\",\"label\":\"test\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        TOKENS.put(name, t.json().get("token").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- every route: 401 without a valid token, 403 outside role or policy ----

    /** What a route needs beyond a valid login, and the callers that must get 403. */
    enum Need {
        OPEN, ANY, HOST, ANALYST, HOST_ANALYST, HOST_ADMIN, ADMIN, POSITIONS, EVENTS, VESSELS, FILTERED;

        List<String> forbidden() {
            return switch (this) {
                case HOST -> List.of("nv");
                case ANALYST -> List.of("hv");
                case HOST_ANALYST -> List.of("hv", "na");
                case HOST_ADMIN -> List.of("ha", "nadm");
                case ADMIN -> List.of("ha");
                case POSITIONS, VESSELS -> List.of("zv");
                case EVENTS -> List.of("sv", "zv");
                default -> List.of();
            };
        }
    }

    /**
     * Every route the server may have, with what it needs. A route missing here fails the test, so a new
     * route cannot escape the checks. Incident routes (registered by IncidentApi) are listed as the
     * sharing contract fixes them.
     */
    static final Map<String, Need> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("GET /health", Need.OPEN);
        ROUTES.put("POST /api/login", Need.OPEN);
        ROUTES.put("GET /api/session", Need.OPEN);
        ROUTES.put("GET /metrics", Need.HOST);
        ROUTES.put("GET /openapi.json", Need.ANY);
        ROUTES.put("GET /api/vessels", Need.VESSELS);
        ROUTES.put("GET /api/vessels/{mmsi}", Need.FILTERED);
        ROUTES.put("GET /api/vessels/{mmsi}/track", Need.POSITIONS);
        ROUTES.put("GET /api/events", Need.EVENTS);
        ROUTES.put("GET /api/events/{id}", Need.EVENTS);
        ROUTES.put("GET /api/ongoing", Need.EVENTS);
        ROUTES.put("GET /api/near", Need.POSITIONS);
        ROUTES.put("GET /api/box", Need.POSITIONS);
        ROUTES.put("GET /api/zones", Need.ANY);
        ROUTES.put("POST /api/zones", Need.ANALYST);
        ROUTES.put("DELETE /api/zones/{id}", Need.ANALYST);
        ROUTES.put("GET /api/watchlist", Need.HOST);
        ROUTES.put("POST /api/watchlist", Need.HOST_ANALYST);
        ROUTES.put("DELETE /api/watchlist/{id}", Need.HOST_ANALYST);
        ROUTES.put("GET /api/stats", Need.HOST);
        ROUTES.put("GET /api/stats/series", Need.HOST);
        ROUTES.put("GET /api/stats/chokepoints", Need.EVENTS);
        ROUTES.put("GET /api/stats/port-calls", Need.EVENTS);
        ROUTES.put("GET /api/export/{file}", Need.VESSELS);
        ROUTES.put("GET /api/stream", Need.FILTERED);
        ROUTES.put("POST /api/logout", Need.ANY);
        ROUTES.put("GET /api/me", Need.ANY);
        ROUTES.put("GET /api/signing-key", Need.ANY);
        ROUTES.put("GET /api/orgs", Need.HOST_ADMIN);
        ROUTES.put("POST /api/orgs", Need.HOST_ADMIN);
        ROUTES.put("DELETE /api/orgs/{id}", Need.HOST_ADMIN);
        ROUTES.put("PUT /api/orgs/{id}", Need.HOST_ADMIN);
        ROUTES.put("GET /api/users", Need.HOST_ADMIN);
        ROUTES.put("POST /api/users", Need.HOST_ADMIN);
        ROUTES.put("PUT /api/users/{name}", Need.HOST_ADMIN);
        ROUTES.put("DELETE /api/users/{name}", Need.HOST_ADMIN);
        ROUTES.put("GET /api/tokens", Need.ANY);
        ROUTES.put("POST /api/tokens", Need.ANY);
        ROUTES.put("DELETE /api/tokens/{id}", Need.ANY);
        ROUTES.put("GET /api/policies", Need.HOST_ADMIN);
        ROUTES.put("GET /api/policies/{org}", Need.HOST_ADMIN);
        ROUTES.put("PUT /api/policies/{org}", Need.HOST_ADMIN);
        ROUTES.put("GET /api/published", Need.HOST_ADMIN);
        ROUTES.put("PUT /api/published", Need.HOST_ADMIN);
        // Incidents (contract-sharing.md): reads are filtered (404 for an invisible incident), writes need roles.
        ROUTES.put("GET /api/incidents", Need.FILTERED);
        ROUTES.put("GET /api/incidents/{id}", Need.FILTERED);
        ROUTES.put("POST /api/incidents", Need.ANALYST);
        ROUTES.put("PUT /api/incidents/{id}", Need.ANALYST);
        ROUTES.put("DELETE /api/incidents/{id}", Need.ANALYST); // and then admin or the report's creator (IncidentApiTest)
        ROUTES.put("POST /api/incidents/{id}/share", Need.ANALYST);
        ROUTES.put("PUT /api/incidents/{id}/category", Need.ANALYST);
        ROUTES.put("GET /api/incidents/{id}/nearby", Need.FILTERED);
        ROUTES.put("POST /api/incidents/import", Need.ADMIN);
        ROUTES.put("GET /api/export/incidents.geojson", Need.FILTERED);
        ROUTES.put("GET /api/export/incidents.csv", Need.FILTERED);
        ROUTES.put("GET /api/export/incidents.kml", Need.FILTERED);
        ROUTES.put("GET /api/export/stix", Need.FILTERED);
    }

    static String concrete(String route) {
        String path = route.substring(route.indexOf(' ') + 1)
                .replace("{mmsi}", "219000000").replace("{file}", "vessels.csv").replace("{org}", "north")
                .replace("{name}", "nobody").replace("{id}", "x-1");
        if (path.equals("/api/near")) {
            path += "?lat=56&lon=11&radius_km=10";
        }
        if (path.equals("/api/box")) {
            path += "?min_lat=55&min_lon=10&max_lat=57&max_lon=12";
        }
        return path;
    }

    static Fixture.Reply call(String route, String token) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        HttpRequest.Builder b = Fixture.request(server, concrete(route), token).header("Accept", "text/event-stream, application/json");
        HttpRequest r = switch (method) {
            case "GET" -> b.GET().build();
            case "DELETE" -> b.DELETE().build();
            default -> b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        };
        return Fixture.send(r);
    }

    @Test
    void everyRouteDeniesWithoutAValidToken() throws Exception {
        List<String> routes = server.routes();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(40).contains("GET /api/vessels", "GET /api/stream", "PUT /api/policies/{org}");
        assertThat(ROUTES.keySet()).as("routes without an entry in the access table").containsAll(routes);

        Accounts.NewToken expired = server.accounts().createToken("hv", "api", "expires at once", Duration.ofMillis(1));
        Accounts.NewToken revoked = server.accounts().createToken("hv", "api", "to revoke", null);
        assertThat(Fixture.getAs(server, revoked.secret(), "/api/me").status()).isEqualTo(200);
        assertThat(Fixture.deleteAs(server, TOKENS.get("hv"), "/api/tokens/" + revoked.token().id()).status()).isEqualTo(204);
        Thread.sleep(5);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("none", null);
        bad.put("unknown", "wk_" + "A".repeat(43));
        bad.put("expired", expired.secret());
        bad.put("revoked", revoked.secret());
        int checked = 0;
        for (String route : routes) {
            if (ROUTES.get(route) == Need.OPEN) {
                continue;
            }
            for (var b : bad.entrySet()) {
                Fixture.Reply r = call(route, b.getValue());
                assertThat(r.status()).as(route + " with " + b.getKey() + " token: " + r.body()).isEqualTo(401);
                assertThat(r.json().get("status").asInt()).isEqualTo(401);
                assertThat(r.json().get("error").asText()).isNotBlank();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(4 * 37);
        Fixture.Reply wrongScheme = Fixture.send(Fixture.request(server, "/api/vessels", null)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
        assertThat(wrongScheme.status()).isEqualTo(401);
        assertThat(wrongScheme.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(Fixture.getAs(server, null, "/health").status()).isEqualTo(200);
        // Refusals are in the audit trail, with the token's id, never its secret.
        String audit = Files.readString(data.resolve("audit.log"));
        assertThat(audit).contains("\"token.refused\"", "the token expired", "the token was revoked", expired.token().id())
                .doesNotContain(expired.secret(), revoked.secret(), Fixture.ADMIN_TOKEN);
    }

    @Test
    void everyRouteAnswers403OutsideRoleOrPolicy() throws Exception {
        int checked = 0;
        for (String route : server.routes()) {
            Need need = ROUTES.get(route);
            assertThat(need).as("access table entry for " + route).isNotNull();
            for (String user : need.forbidden()) {
                Fixture.Reply r = call(route, TOKENS.get(user));
                assertThat(r.status()).as(route + " as " + user + ": " + r.body()).isEqualTo(403);
                assertThat(r.json().get("status").asInt()).isEqualTo(403);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
        // The same routes admit those with the role or policy.
        assertThat(Fixture.getAs(server, TOKENS.get("nv"), "/api/events").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, TOKENS.get("sv"), "/api/vessels").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, TOKENS.get("ha"), "/api/watchlist").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, TOKENS.get("hv"), "/api/stats").status()).isEqualTo(200);
    }

    // ---- partners never see what their policy excludes ----

    static boolean inNorth(JsonNode o) {
        return o.get("lat").asDouble() >= 56 && o.get("lat").asDouble() <= 70 && o.get("lon").asDouble() >= -20
                && o.get("lon").asDouble() <= 40;
    }

    static boolean inSouth(JsonNode o) {
        return o.get("lat").asDouble() >= 40 && o.get("lat").asDouble() <= 56 && o.get("lon").asDouble() >= -20
                && o.get("lon").asDouble() <= 40;
    }

    static final Set<String> IDENTITY = Set.copyOf(Sharing.IDENTITY_FIELDS);

    /** A policy area with a ring left open or too short is a 400 naming the ring, not the geometry library's message. */
    @Test
    void badPolicyAreasAreExplainedInThePolygonsTerms() throws Exception {
        String admin = Fixture.ADMIN_TOKEN;
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4]]]}",
                "area 0: a ring needs at least 4 positions (closed: the first repeated at the end), got 2");
        cases.put("{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4],[5,6],[7,8]]]}",
                "area 0: a ring must end where it starts (first and last position equal)");
        cases.put("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5]]]]}",
                "area 0: a ring needs at least 4 positions (closed: the first repeated at the end), got 2");
        for (var c : cases.entrySet()) {
            Fixture.Reply r = Fixture.putAs(server, admin, "/api/policies/none",
                    "{\"data_classes\":[\"positions\"],\"areas\":" + c.getKey() + "}");
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void partnersSeeOnlyTheirPolicysVessels() throws Exception {
        JsonNode all = Fixture.get(server, "/api/vessels").json().get("vessels");
        JsonNode north = Fixture.getAs(server, TOKENS.get("nv"), "/api/vessels").json().get("vessels");
        JsonNode south = Fixture.getAs(server, TOKENS.get("sv"), "/api/vessels").json().get("vessels");
        assertThat(all.size()).isGreaterThan(100);
        long allNorth = 0;
        long allSouth = 0;
        for (JsonNode v : all) {
            if (v.has("lat") && inNorth(v)) {
                allNorth++;
            }
            if (v.has("lat") && inSouth(v)) {
                allSouth++;
            }
        }
        assertThat(allNorth).isPositive();
        assertThat(allSouth).isPositive();
        // north: exactly the vessels whose last position lies in its area, positions without identities.
        assertThat(north.size()).isEqualTo((int) allNorth);
        for (JsonNode v : north) {
            assertThat(inNorth(v)).as(v.toString()).isTrue();
            assertThat(IDENTITY).noneMatch(v::has);
        }
        assertThat(south.size()).isEqualTo((int) allSouth);
        for (JsonNode v : south) {
            assertThat(inSouth(v)).as(v.toString()).isTrue();
        }
        assertThat(south.findValues("name")).isNotEmpty();
        // Filters cannot probe withheld fields: north searches a name it may not see.
        JsonNode named = null;
        for (JsonNode v : all) {
            if (v.has("name") && v.has("lat") && inNorth(v)) {
                named = v;
                break;
            }
        }
        assertThat(named).isNotNull();
        String q = java.net.URLEncoder.encode(named.get("name").asText(), StandardCharsets.UTF_8);
        assertThat(Fixture.get(server, "/api/vessels?q=" + q).json().get("count").asInt()).isPositive();
        assertThat(Fixture.getAs(server, TOKENS.get("nv"), "/api/vessels?q=" + q).json().get("count").asInt()).isZero();

        // One vessel: north sees its own area's vessels (no identity, no identity history), 404 outside.
        String mmsiNorth = north.get(0).get("mmsi").asText();
        String mmsiSouth = south.get(0).get("mmsi").asText();
        JsonNode one = Fixture.getAs(server, TOKENS.get("nv"), "/api/vessels/" + mmsiNorth).json();
        assertThat(IDENTITY).noneMatch(one::has);
        assertThat(one.get("identity_history").size()).isZero();
        assertThat(Fixture.getAs(server, TOKENS.get("nv"), "/api/vessels/" + mmsiSouth).status()).isEqualTo(404);
        assertThat(Fixture.getAs(server, TOKENS.get("zv"), "/api/vessels/" + mmsiNorth).status()).isEqualTo(404);

        // Exports: the same rows, signed.
        JsonNode gj = Fixture.getAs(server, TOKENS.get("nv"), "/api/export/vessels.geojson").json();
        assertThat(gj.get("features").size()).isEqualTo(north.size());
        for (JsonNode f : gj.get("features")) {
            assertThat(inNorth(f.get("properties"))).isTrue();
            assertThat(IDENTITY).noneMatch(f.get("properties")::has);
        }
        String csv = Fixture.getAs(server, TOKENS.get("sv"), "/api/export/vessels.csv").body();
        assertThat(csv.split("\r\n")).hasSize(south.size() + 1);
    }

    @Test
    void partnersSeeOnlyTheirPolicysTracksAndNear() throws Exception {
        // The vessel with the most fixes among the first 50, and a partner whose area is north of its median fix.
        int best = 0;
        List<org.watchkeeper.store.PositionRow> rows = List.of();
        int n = 0;
        for (JsonNode v : Fixture.get(server, "/api/vessels").json().get("vessels")) {
            if (n++ >= 50) {
                break;
            }
            var t = server.store().track(v.get("mmsi").asInt(), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            if (t.size() > rows.size()) {
                rows = t;
                best = v.get("mmsi").asInt();
            }
        }
        assertThat(rows.size()).isGreaterThan(20);
        List<Double> lats = new ArrayList<>(rows.stream().map(org.watchkeeper.store.PositionRow::lat).toList());
        lats.sort(null);
        double cut = lats.get(lats.size() / 2);
        long above = lats.stream().filter(l -> l >= cut).count();
        if (Fixture.get(server, "/api/orgs").body().indexOf("\"split\"") < 0) {
            Fixture.post(server, "/api/orgs", "{\"id\":\"split\"}");
            user("spv", "split", "viewer");
        }
        String area = "{\"type\":\"Polygon\",\"coordinates\":[[[-20," + cut + "],[40," + cut + "],[40,80],[-20,80],[-20," + cut + "]]]}";
        assertThat(Fixture.put(server, "/api/policies/split", "{\"data_classes\":[\"positions\"],\"areas\":" + area + "}").status())
                .isEqualTo(200);
        String mmsi = org.watchkeeper.ais.Mmsi.format(best);
        int hostFixes = fixes(Fixture.get(server, "/api/vessels/" + mmsi + "/track?points=true").json(), Double.NaN);
        int splitFixes = fixes(Fixture.getAs(server, TOKENS.get("spv"), "/api/vessels/" + mmsi + "/track?points=true").json(), cut);
        assertThat(hostFixes).isEqualTo(rows.size());
        assertThat(splitFixes).isEqualTo((int) above).isLessThan(hostFixes);

        JsonNode near = Fixture.getAs(server, TOKENS.get("nv"), "/api/near?lat=56&lon=11&radius_km=200").json().get("results");
        JsonNode nearHost = Fixture.get(server, "/api/near?lat=56&lon=11&radius_km=200").json().get("results");
        assertThat(nearHost.size()).isGreaterThan(near.size());
        assertThat(near.size()).isPositive();
        for (JsonNode r : near) {
            assertThat(inNorth(r)).isTrue();
            assertThat(r.has("name")).isFalse();
        }
    }

    /** Fixes in a track; with a finite {@code minLat}, asserts every coordinate is at or north of it. */
    static int fixes(JsonNode fc, double minLat) {
        int n = 0;
        for (JsonNode f : fc.get("features")) {
            JsonNode c = f.get("geometry").get("coordinates");
            if (f.get("properties").has("time")) {
                n++;
                if (Double.isFinite(minLat)) {
                    assertThat(c.get(1).asDouble()).isGreaterThanOrEqualTo(minLat);
                }
            } else if (Double.isFinite(minLat) && f.get("geometry").get("type").asText().equals("LineString")) {
                for (JsonNode p : c) {
                    assertThat(p.get(1).asDouble()).isGreaterThanOrEqualTo(minLat);
                }
            }
        }
        return n;
    }

    @Test
    void partnersSeeOnlyTheirPolicysEvents() throws Exception {
        JsonNode all = Fixture.get(server, "/api/events").json().get("events");
        JsonNode north = Fixture.getAs(server, TOKENS.get("nv"), "/api/events").json().get("events");
        long allNorth = 0;
        JsonNode outside = null;
        for (JsonNode e : all) {
            assertThat(e.get("tlp").asText()).isEqualTo("GREEN");
            if (e.has("lat") && inNorth(e)) {
                allNorth++;
            } else if (outside == null) {
                outside = e;
            }
        }
        assertThat(allNorth).isPositive();
        assertThat(outside).isNotNull();
        assertThat(north.size()).isEqualTo((int) allNorth);
        for (JsonNode e : north) {
            assertThat(inNorth(e)).isTrue();
            assertThat(e.get("attributes").size()).as("identities withheld in attributes").isZero();
        }
        assertThat(Fixture.getAs(server, TOKENS.get("nv"), "/api/events/" + outside.get("id").asText()).status()).isEqualTo(404);
        JsonNode inside = Fixture.getAs(server, TOKENS.get("nv"), "/api/events/" + north.get(0).get("id").asText()).json();
        for (JsonNode x : inside.get("evidence")) {
            assertThat(inNorth(x)).isTrue();
        }
        JsonNode exp = Fixture.getAs(server, TOKENS.get("nv"), "/api/export/events.geojson").json();
        assertThat(exp.get("features").size()).isEqualTo(north.size());
        int chokeAll = sum(Fixture.get(server, "/api/stats/port-calls").json());
        int chokeNorth = sum(Fixture.getAs(server, TOKENS.get("nv"), "/api/stats/port-calls").json());
        assertThat(chokeNorth).isLessThanOrEqualTo(chokeAll);
        long portNorth = 0;
        for (JsonNode e : all) {
            if (e.get("kind").asText().equals("port_visit") && e.has("lat") && inNorth(e)) {
                portNorth++;
            }
        }
        assertThat(chokeNorth).isEqualTo((int) portNorth);
    }

    static int sum(JsonNode days) {
        int n = 0;
        for (JsonNode d : days.get("days")) {
            n += d.get("count").asInt();
        }
        return n;
    }

    @Test
    void aDelayHidesRecentItems() throws Exception {
        // Delay south so that only items older than the middle of the sample are visible.
        JsonNode all = Fixture.getAs(server, TOKENS.get("sv"), "/api/vessels").json().get("vessels");
        List<Instant> seen = new ArrayList<>();
        all.forEach(v -> seen.add(Instant.parse(v.get("last_seen").asText())));
        seen.sort(null);
        Instant cut = seen.get(seen.size() / 2);
        long delay = Duration.between(cut, Instant.now()).toSeconds();
        try {
            assertThat(Fixture.put(server, "/api/policies/south", "{\"data_classes\":[\"positions\",\"identities\"],\"areas\":"
                    + SOUTH_AREA + ",\"delay_s\":" + delay + "}").status()).isEqualTo(200);
            JsonNode delayed = Fixture.getAs(server, TOKENS.get("sv"), "/api/vessels").json().get("vessels");
            assertThat(delayed.size()).isPositive().isLessThan(all.size());
            Instant horizon = Instant.now().minusSeconds(delay);
            for (JsonNode v : delayed) {
                assertThat(Instant.parse(v.get("last_seen").asText())).isBefore(horizon.plusSeconds(5));
            }
        } finally {
            Fixture.put(server, "/api/policies/south", "{\"data_classes\":[\"positions\",\"identities\"],\"areas\":" + SOUTH_AREA + "}");
        }
    }

    @Test
    void theLiveStreamIsFilteredPerClient() throws Exception {
        long hostPositions = HOST_STREAM.stream().filter(m -> m[0].equals("position")).count();
        long hostEvents = HOST_STREAM.stream().filter(m -> m[0].equals("event")).count();
        assertThat(hostPositions).isGreaterThan(1000);
        assertThat(hostEvents).isPositive();
        long northPositions = 0;
        long northEvents = 0;
        long hostNorthEvents = 0;
        for (String[] m : HOST_STREAM) {
            if (m[0].equals("event")) {
                JsonNode e = Rows.JSON.readTree(m[1]);
                if (e.has("lat") && inNorth(e)) {
                    hostNorthEvents++;
                }
            }
        }
        for (String[] m : NORTH_STREAM) {
            JsonNode o = Rows.JSON.readTree(m[1]);
            if (m[0].equals("lost")) { // a client that fell behind is told what it lost: positions only
                assertThat(o.get("by_kind").fieldNames()).toIterable().containsOnly("position");
                continue;
            }
            assertThat(m[0]).isIn("position", "event");
            assertThat(inNorth(o)).as(m[1]).isTrue();
            if (m[0].equals("position")) {
                northPositions++;
                assertThat(o.has("name") || o.has("shiptype")).isFalse();
            } else {
                northEvents++;
                assertThat(o.get("attributes").size()).isZero();
            }
        }
        // A client that falls behind the replay loses positions (LiveStream sheds them, never events), so
        // each client's count is at most what it was sent: north's share is less than all the host was sent.
        long shed = server.stream().shed();
        assertThat(northPositions).isPositive().isLessThan(hostPositions + shed);
        assertThat(northEvents).isEqualTo(hostNorthEvents);
        long southPositions = 0;
        for (String[] m : SOUTH_STREAM) {
            if (m[0].equals("lost")) {
                assertThat(Rows.JSON.readTree(m[1]).get("by_kind").fieldNames()).toIterable().containsOnly("position");
                continue;
            }
            assertThat(m[0]).as("south gets neither events nor stats").isEqualTo("position");
            assertThat(inSouth(Rows.JSON.readTree(m[1]))).isTrue();
            southPositions++;
        }
        assertThat(southPositions).isPositive().isLessThan(hostPositions + shed);
        assertThat(northPositions + southPositions).isGreaterThanOrEqualTo(hostPositions - shed);
        assertThat(NONE_STREAM).isEmpty();
    }

    // ---- TLP on zones ----

    @Test
    void tlpMarkingsDecideWhoSeesAZone() throws Exception {
        String ring = "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[10,55],[11,55],[11,56],[10,56],[10,55]]]}";
        Fixture.Reply c = Fixture.postAs(server, TOKENS.get("ha"), "/api/zones", "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"red\",\"tlp\":\"RED\",\"recipients\":[\"ha\",\"nv\"]}," + ring + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"strict\",\"tlp\":\"AMBER+STRICT\"}," + ring + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"amber\",\"tlp\":\"amber\",\"shared_with\":[\"north\"]}," + ring + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"plain\"}," + ring + "}]}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        // a zone shared with an organisation or user the server does not have is refused, and none is added
        int before = zoneNames("ha").size();
        Fixture.Reply typo = Fixture.postAs(server, TOKENS.get("ha"), "/api/zones", "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"ok\"}," + ring + "},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"typo\",\"tlp\":\"amber\",\"shared_with\":[\"nrth\"]}," + ring + "}]}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body()).contains("feature 1: shared_with names no organisation of this server: 'nrth'");
        Fixture.Reply nobody = Fixture.postAs(server, TOKENS.get("ha"), "/api/zones",
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"r\",\"tlp\":\"RED\",\"recipients\":[\"ha\",\"nobody\"]}," + ring + "}");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.body()).contains("recipients names no user of this server: 'nobody'");
        assertThat(zoneNames("ha")).hasSize(before);
        assertThat(c.json().get("features").get(3).get("properties").get("tlp").asText()).isEqualTo("GREEN");
        assertThat(c.json().get("features").get(0).get("properties").get("owner_org").asText()).isEqualTo("host");
        try {
            assertThat(zoneNames("ha")).contains("red", "strict", "amber", "plain");
            assertThat(zoneNames("hv")).contains("strict", "amber", "plain").doesNotContain("red");
            // a host administrator answers for every detection zone: lists (and may delete) each
            assertThat(zoneNames("admin")).contains("red", "strict", "amber", "plain");
            assertThat(zoneNames("nv")).contains("red", "amber", "plain").doesNotContain("strict");
            assertThat(zoneNames("na")).contains("amber", "plain").doesNotContain("red", "strict");
            assertThat(zoneNames("sv")).contains("plain").doesNotContain("red", "strict", "amber");
            // A partner analyst cannot delete the host's zone, and does not learn of the one it may not see.
            String red = c.json().get("features").get(0).get("id").asText();
            String plain = c.json().get("features").get(3).get("id").asText();
            assertThat(Fixture.deleteAs(server, TOKENS.get("na"), "/api/zones/" + plain).status()).isEqualTo(403);
            assertThat(Fixture.deleteAs(server, TOKENS.get("na"), "/api/zones/" + red).status()).isEqualTo(404);

            // The creator of a RED zone is always one of its recipients (as of a RED incident): a zone no
            // one could see could be neither listed nor deleted, and would go on firing events.
            Fixture.Reply alone = Fixture.postAs(server, TOKENS.get("ha"), "/api/zones",
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"red alone\",\"tlp\":\"RED\"}," + ring + "}");
            assertThat(alone.status()).as(alone.body()).isEqualTo(201);
            assertThat(alone.json().get("features").get(0).get("properties").get("recipients").toString()).isEqualTo("[\"ha\"]");
            String aloneId = alone.json().get("features").get(0).get("id").asText();
            assertThat(zoneNames("ha")).contains("red alone");
            assertThat(zoneNames("admin")).contains("red alone");
            assertThat(zoneNames("hv")).doesNotContain("red alone");
            assertThat(zoneNames("nv")).doesNotContain("red alone");
            // a name held by a zone the caller may not see is free: a 409 would tell of that zone
            Fixture.Reply namesake = Fixture.postAs(server, TOKENS.get("na"), "/api/zones",
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Red Alone\"}," + ring + "}");
            assertThat(namesake.status()).as(namesake.body()).isEqualTo(201);
            assertThat(Fixture.postAs(server, TOKENS.get("ha"), "/api/zones",
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"Red Alone\"}," + ring + "}").status()).isEqualTo(409);
            // a host administrator deletes any zone, a partner's too
            assertThat(Fixture.deleteAs(server, TOKENS.get("admin"), "/api/zones/" + aloneId).status()).isEqualTo(204);
            assertThat(Fixture.deleteAs(server, TOKENS.get("admin"), "/api/zones/"
                    + namesake.json().get("features").get(0).get("id").asText()).status()).isEqualTo(204);
            assertThat(zoneNames("ha")).doesNotContain("red alone");
        } finally {
            for (JsonNode f : c.json().get("features")) {
                Fixture.deleteAs(server, TOKENS.get("ha"), "/api/zones/" + f.get("id").asText());
            }
        }
    }

    static List<String> zoneNames(String user) throws Exception {
        List<String> out = new ArrayList<>();
        Fixture.getAs(server, TOKENS.get(user), "/api/zones").json().get("features")
                .forEach(f -> out.add(f.get("properties").get("name").asText()));
        return out;
    }

    // ---- login, logout, published data, headers, signatures, audit ----

    @Test
    void webLoginSetsAStrictHttpOnlyCookieAndLogoutEndsIt() throws Exception {
        Fixture.Reply noPassword = Fixture.postAs(server, null, "/api/login", "{\"user\":\"hv\"}");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.body()).contains("a login needs user and password, or token");
        // a form left blank is said as such, not taken for a wrong password
        for (String blank : new String[] {"{\"user\":\"\",\"password\":\"x\"}", "{\"user\":\" \",\"password\":\"x\"}",
                "{\"user\":\"hv\",\"password\":\"\"}"}) {
            Fixture.Reply r = Fixture.postAs(server, null, "/api/login", blank);
            assertThat(r.status()).as(blank).isEqualTo(400);
            assertThat(r.body()).contains("a login needs user and password, or token");
        }
        Fixture.Reply wrong = Fixture.postAs(server, null, "/api/login", "{\"user\":\"hv\",\"password\":\"not the password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        Fixture.Reply ok = Fixture.postAs(server, null, "/api/login", "{\"user\":\"hv\",\"password\":\"correct horse hv\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("role").asText()).isEqualTo("viewer");
        String cookie = ok.header("Set-Cookie");
        assertThat(cookie).startsWith(Security.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String value = cookie.substring(0, cookie.indexOf(';'));
        Fixture.Reply me = Fixture.send(Fixture.request(server, "/api/me", null).header("Cookie", value).GET().build());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user").asText()).isEqualTo("hv");
        assertThat(Fixture.send(Fixture.request(server, "/api/logout", null).header("Cookie", value)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(204);
        assertThat(Fixture.send(Fixture.request(server, "/api/me", null).header("Cookie", value).GET().build()).status()).isEqualTo(401);
        // Token login (the bootstrap admin has no password).
        Fixture.Reply t = Fixture.postAs(server, null, "/api/login", "{\"token\":\"" + Fixture.ADMIN_TOKEN + "\"}");
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.json().get("role").asText()).isEqualTo("admin");
        String audit = Files.readString(data.resolve("audit.log"));
        assertThat(audit).contains("\"action\":\"login\"", "\"action\":\"login.failed\"", "\"action\":\"logout\"")
                .doesNotContain("correct horse", "not the password");
    }

    @Test
    void publishedClassesAreReadableAnonymouslyAndNothingElse() throws Exception {
        assertThat(Fixture.getAs(server, null, "/api/vessels").status()).isEqualTo(401);
        try {
            assertThat(Fixture.put(server, "/api/published", "{\"data_classes\":[\"positions\"]}").status()).isEqualTo(200);
            JsonNode v = Fixture.getAs(server, null, "/api/vessels").json();
            assertThat(v.get("count").asInt()).isPositive();
            for (JsonNode x : v.get("vessels")) {
                assertThat(IDENTITY).noneMatch(x::has);
            }
            assertThat(Fixture.getAs(server, null, "/api/events").status()).isEqualTo(401);
            assertThat(Fixture.getAs(server, null, "/api/stats").status()).isEqualTo(401);
            assertThat(Fixture.postAs(server, null, "/api/zones", "{}").status()).isEqualTo(401);
            assertThat(Fixture.getAs(server, null, "/api/users").status()).isEqualTo(401);
        } finally {
            Fixture.put(server, "/api/published", "{\"data_classes\":[]}");
        }
        assertThat(Fixture.getAs(server, null, "/api/vessels").status()).isEqualTo(401);
    }

    /**
     * The page asks GET /api/session before its login form: 200 whoever calls, saying who is signed in or
     * why nobody is (a refused token judged and audited as any route does), never the 401 another route gives.
     */
    @Test
    void sessionSaysWhoIsSignedInWithoutAnErrorAnswer() throws Exception {
        Fixture.Reply none = Fixture.getAs(server, null, "/api/session");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.header("WWW-Authenticate")).isNull();
        assertThat(none.json().get("signed_in").asBoolean()).isFalse();
        assertThat(none.json().get("anonymous").asBoolean()).isFalse();
        assertThat(none.json().get("refused").asBoolean()).isFalse();
        assertThat(none.json().get("reason").asText()).isEqualTo(Security.AUTHENTICATION_REQUIRED);
        assertThat(none.json().has("user")).isFalse();

        JsonNode hv = Fixture.getAs(server, TOKENS.get("hv"), "/api/session").json();
        JsonNode me = Fixture.getAs(server, TOKENS.get("hv"), "/api/me").json();
        assertThat(hv.get("signed_in").asBoolean()).isTrue();
        assertThat(hv.get("user").asText()).isEqualTo("hv");
        assertThat(hv.get("role").asText()).isEqualTo("viewer");
        me.fieldNames().forEachRemaining(f -> assertThat(hv.get(f)).as(f).isEqualTo(me.get(f)));
        JsonNode nv = Fixture.getAs(server, TOKENS.get("nv"), "/api/session").json();
        assertThat(nv.get("org").asText()).isEqualTo("north");
        assertThat(nv.get("policy").get("data_classes").toString()).isEqualTo("[\"positions\",\"events\"]");

        // a session cookie that has ended: refused, with the reason every other route gives, and audited
        Accounts.NewToken revoked = server.accounts().createToken("hv", "session", "to revoke", null);
        assertThat(Fixture.deleteAs(server, TOKENS.get("hv"), "/api/tokens/" + revoked.token().id()).status()).isEqualTo(204);
        Fixture.Reply ended = Fixture.send(Fixture.request(server, "/api/session", null)
                .header("Cookie", Security.COOKIE + "=" + revoked.secret()).GET().build());
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.header("WWW-Authenticate")).isNull();
        assertThat(ended.json().get("signed_in").asBoolean()).isFalse();
        assertThat(ended.json().get("refused").asBoolean()).isTrue();
        assertThat(ended.json().get("reason").asText()).isEqualTo("the token was revoked");
        assertThat(Fixture.send(Fixture.request(server, "/api/me", null)
                .header("Cookie", Security.COOKIE + "=" + revoked.secret()).GET().build()).status()).isEqualTo(401);
        Fixture.Reply basic = Fixture.send(Fixture.request(server, "/api/session", null)
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build());
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.json().get("refused").asBoolean()).isTrue();
        assertThat(basic.json().get("reason").asText()).isEqualTo("the Authorization header must be 'Bearer <token>'");
        String audit = Files.readString(data.resolve("audit.log"));
        assertThat(audit).contains("GET /api/session").contains(revoked.token().id()).doesNotContain(revoked.secret());

        // published data: the anonymous reader, not signed in
        try {
            assertThat(Fixture.put(server, "/api/published", "{\"data_classes\":[\"positions\"]}").status()).isEqualTo(200);
            JsonNode anon = Fixture.getAs(server, null, "/api/session").json();
            assertThat(anon.get("signed_in").asBoolean()).isFalse();
            assertThat(anon.get("anonymous").asBoolean()).isTrue();
            assertThat(anon.get("user").asText()).isEqualTo("anonymous");
            assertThat(anon.get("policy").get("data_classes").toString()).isEqualTo("[\"positions\"]");
        } finally {
            Fixture.put(server, "/api/published", "{\"data_classes\":[]}");
        }
    }

    @Test
    void secureHeadersOnEveryAnswer() throws Exception {
        for (String path : List.of("/health", "/api/vessels", "/no-such-page")) {
            Fixture.Reply r = Fixture.getAs(server, null, path);
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'", "worker-src 'self' blob:");
            assertThat(r.header("Server")).isNull();
        }
    }

    @Test
    void exportsAreSignedWithTheServersEd25519Key() throws Exception {
        Fixture.Reply csv = Fixture.get(server, "/api/export/events.csv");
        String sig = csv.header(ExportSigner.HEADER);
        assertThat(sig).isNotBlank();
        String pem = Fixture.get(server, "/api/signing-key").body();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        byte[] body = csv.body().getBytes(StandardCharsets.UTF_8);
        assertThat(ExportSigner.verify(key, body, sig)).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(ExportSigner.verify(key, tampered, sig)).isFalse();
        // another character at position 10 (the signature's own may be 'A')
        char other = sig.charAt(10) == 'A' ? 'B' : 'A';
        assertThat(ExportSigner.verify(key, body, sig.substring(0, 10) + other + sig.substring(11))).isFalse();
        // The export is in the audit trail with its signature.
        assertThat(Files.readString(data.resolve("audit.log"))).contains("\"action\":\"export\"", sig);
    }

    @Test
    void theServersAuditLogVerifies() throws Exception {
        Fixture.get(server, "/api/vessels?limit=1");
        AuditLog.Verification v = AuditLog.verify(data.resolve("audit.log"), null);
        assertThat(v.ok()).as(v.message()).isTrue();
        assertThat(v.entries()).isGreaterThan(20);
        String log = Files.readString(data.resolve("audit.log"));
        assertThat(log).contains("\"action\":\"read\"", "\"target\":\"GET /api/vessels?limit=1\"", "\"action\":\"create\"",
                "\"action\":\"change\"", "\"user\":\"admin\"");
        for (String t : TOKENS.values()) {
            assertThat(log).doesNotContain(t);
        }
        assertThat(Files.readString(data.resolve(Accounts.FILE_NAME))).doesNotContain(TOKENS.get("nv"), "correct horse");
    }
}
