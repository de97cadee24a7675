package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input the API refuses, as a new user's trial of it found it answered wrongly: each refusal is the
 * exact status and message, for every route of the kind. A server without sources or data is enough.
 */
class ApiInputTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.post(server, "/api/orgs", "{\"id\":\"p1\",\"name\":\"Partner one\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- HEAD ----

    @Test
    void headAnswersTheStatusGetWouldWithoutABody() throws Exception {
        for (String path : List.of("/api/vessels?limit=abc", "/api/vessels", "/api/vessels/abc", "/api/vessels/123456789",
                "/api/events?kinds=gap", "/api/near?lat=0&lon=0&radius_km=0", "/api/export/nosuch.csv", "/api/export/vessels.csv",
                "/api/incidents?limit=0", "/api/orgs", "/api/stats/series?metric=bytes", "/openapi.json", "/health")) {
            Fixture.Reply get = Fixture.get(server, path);
            Fixture.Reply head = head(path, Fixture.ADMIN_TOKEN, null);
            assertThat(head.status()).as("HEAD %s", path).isEqualTo(get.status());
            assertThat(head.contentType()).as("HEAD %s", path).isEqualTo(get.contentType());
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
        }
        Fixture.Reply get = Fixture.get(server, "/api/vessels?limit=abc");
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.json().get("error").asText()).isEqualTo("limit must be an integer: abc");
        assertThat(head("/api/vessels?limit=abc", Fixture.ADMIN_TOKEN, null).contentType()).isEqualTo("application/json");
        // and it needs a login as GET does (it skipped the login check too)
        Fixture.Reply stranger = head("/api/vessels", null, null);
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"watchkeeper\"");
    }

    @Test
    void headOfTheStreamChecksItWithoutStartingIt() throws Exception {
        assertThat(head("/api/stream?kinds=bogus", Fixture.ADMIN_TOKEN, "text/event-stream").status()).isEqualTo(400);
        assertThat(head("/api/stream", Fixture.ADMIN_TOKEN, "application/json").status()).isEqualTo(406);
        Fixture.Reply ok = head("/api/stream?kinds=stats", Fixture.ADMIN_TOKEN, "text/event-stream");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).startsWith("text/event-stream");
        assertThat(ok.body()).isEmpty();
        assertThat(server.stream().clients()).isZero();
    }

    // ---- the query string ----

    @Test
    void aQueryStringThatDoesNotDecodeIsA400NamingTheParameter() throws Exception {
        String escape = " (a % begins two hex digits, as %2C; a literal % is written %25)";
        assertRaw("GET /api/vessels?bbox=%zz", 400, "query parameter 'bbox': malformed percent-escape '%zz'" + escape);
        assertRaw("GET /api/vessels?bbox=%", 400, "query parameter 'bbox': malformed percent-escape '%'" + escape);
        assertRaw("GET /api/vessels?q=ab%4", 400, "query parameter 'q': malformed percent-escape '%4'" + escape);
        assertRaw("GET /api/events?kind=gap&from=2014%2g01", 400, "query parameter 'from': malformed percent-escape '%2g'" + escape);
        assertRaw("GET /api/vessels?%zz=1", 400, "query parameter name '%zz': malformed percent-escape '%zz'" + escape);
        assertRaw("GET /api/incidents?q=%FF", 400, "query parameter 'q': the percent-escapes are not UTF-8 (a character is"
                + " escaped as the %XX of each of its UTF-8 bytes: é is %C3%A9)");
        assertRaw("GET /api/export/vessels.csv?bbox=%zz", 400, "query parameter 'bbox': malformed percent-escape '%zz'" + escape);
        assertRaw("HEAD /api/vessels?bbox=%zz", 400, null);
        // well-formed escapes still decode: %25 is a %, which no bbox is
        assertRaw("GET /api/vessels?bbox=%25", 400, "bbox must be minLon,minLat,maxLon,maxLat: %");
        assertThat(Fixture.get(server, "/api/vessels?q=%C3%A9").status()).isEqualTo(200);
    }

    @Test
    void anIntegerParameterOutOfRangeSaysSoWhateverItsLength() throws Exception {
        assertError(Fixture.get(server, "/api/vessels?limit=99999999999999"), 400, "limit must be in 1..100000: 99999999999999");
        assertError(Fixture.get(server, "/api/events?limit=-99999999999999999999"), 400,
                "limit must be in 1..100000: -99999999999999999999");
        assertError(Fixture.get(server, "/api/vessels?shiptype=99999999999"), 400, "shiptype must be in 0..255: 99999999999");
        assertError(Fixture.get(server, "/api/incidents?limit=99999999999999"), 400, "limit must be in 1..100000: 99999999999999");
        assertError(Fixture.get(server, "/api/export/events.csv?limit=99999999999999"), 400, "limit must be in 1..100000: 99999999999999");
        assertError(Fixture.get(server, "/api/vessels?limit=12a"), 400, "limit must be an integer: 12a");
    }

    @Test
    void aRadiusStatesItsRealRange() throws Exception {
        for (String r : List.of("-1", "0", "20001")) {
            assertError(Fixture.get(server, "/api/near?lat=0&lon=0&radius_km=" + r), 400, "radius_km must be > 0 and <= 20000: " + r);
        }
        assertThat(Fixture.get(server, "/api/near?lat=0&lon=0&radius_km=20000").status()).isEqualTo(200);
        String id = Fixture.post(server, "/api/incidents", report("")).json().get("id").asText();
        for (String r : List.of("-1", "0", "501")) {
            assertError(Fixture.get(server, "/api/incidents/" + id + "/nearby?radius_km=" + r), 400, "radius_km must be > 0 and <= 500: " + r);
        }
        assertThat(Fixture.get(server, "/api/incidents/" + id + "/nearby?radius_km=500").status()).isEqualTo(200);
    }

    @Test
    void aMisnamedExportListsEveryExport() throws Exception {
        String all = "the exports are /api/export/vessels, /api/export/events, /api/export/ongoing (episodes under way)"
                + " and /api/export/incidents each as .geojson, .csv or .kml (e.g. /api/export/vessels.csv), and /api/export/stix"
                + " (STIX 2.1 JSON, no extension)";
        assertError(Fixture.get(server, "/api/export/nosuch.csv"), 400, "no export 'nosuch.csv'; " + all);
        assertError(Fixture.get(server, "/api/export/stix.json"), 400, "no export 'stix.json'; " + all);
        assertError(Fixture.get(server, "/api/export/incidents.xls"), 400, "export format must be geojson, csv or kml: incidents.xls; " + all);
        assertError(Fixture.get(server, "/api/export/events"), 400, "export format must be geojson, csv or kml: events; " + all);
        assertThat(Fixture.get(server, "/api/export/incidents.csv").status()).isEqualTo(200);
        assertThat(Fixture.get(server, "/api/export/stix").status()).isEqualTo(200);
    }

    // ---- times ----

    static final String TIME_RANGE = "-146136543-09-08T08:23:32.096Z to +146140482-04-24T15:36:27.903Z";

    /**
     * ISO-8601 reaches year -999999999, where the epoch milliseconds of a time no longer fit in a long:
     * a time outside the range (half a long's either way, so a window's span fits too) is a 400 naming
     * the parameter and the range on every route that takes a time (it was a plain-text 500 of a long
     * overflow), and the range's own ends are answered.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/events?from=", "/api/events?to=", "/api/vessels?since=", "/api/near?lat=0&lon=0&radius_km=10&from=",
            "/api/near?lat=0&lon=0&radius_km=10&to=", "/api/incidents?from=", "/api/incidents?to=", "/api/stats/series?from=",
            "/api/stats/port-calls?from=", "/api/stats/port-calls?to=", "/api/export/events.csv?from=", "/api/export/stix?from=",
            "/api/export/stix?to=", "/api/vessels/219622000/track?to=", "/api/vessels/219622000/track?from="})
    void aTimeBeyondTheEpochMillisecondsOfALongIsA400NamingTheParameterAndRange(String route) throws Exception {
        String name = route.substring(route.lastIndexOf('?') + 1).replaceAll(".*&", "").replace("=", "");
        for (String t : List.of("-999999999-01-01T00:00:00Z", "-146136543-09-08T08:23:32.095Z", "-999999999-01-01T00:00",
                "-999999999-01-01", "%2B999999999-12-31", "%2B146140482-04-24T15:36:27.904Z", "-999999999-01-01T00:00%2B02:00")) {
            assertRaw("GET " + route + t, 400, name + " must be from " + TIME_RANGE + ": " + t.replace("%2B", "+"));
        }
        for (String t : List.of("-146136543-09-08T08:23:32.096Z", "%2B146140482-04-24T15:36:27.903Z", "-1000000-01-01")) {
            Fixture.Reply r = raw("GET " + route + t, Fixture.ADMIN_TOKEN);
            assertThat(r.status()).as(route + t + ": " + r.body()).isIn(200, 404);
        }
    }

    @Test
    void anIncidentTimeBeyondTheEpochMillisecondsOfALongIsA400() throws Exception {
        for (String t : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01")) {
            assertError(Fixture.post(server, "/api/incidents", "{\"time\":\"" + t + "\",\"lat\":1.2,\"lon\":103.8,\"type\":\"robbery\"}"),
                    400, "time must be from " + TIME_RANGE + ": " + t);
        }
        String id = Fixture.post(server, "/api/incidents", report("")).json().get("id").asText();
        assertError(Fixture.put(server, "/api/incidents/" + id, "{\"time\":\"-999999999-01-01T00:00:00Z\",\"lat\":1.2,\"lon\":103.8,"
                + "\"type\":\"robbery\"}"), 400, "time must be from " + TIME_RANGE + ": -999999999-01-01T00:00:00Z");
        assertThat(Fixture.get(server, "/api/incidents/" + id).json().get("time").asText()).isEqualTo("2025-03-01T02:59:00Z");
    }

    // ---- bodies ----

    static final String SURROGATE = " holds an unpaired UTF-16 surrogate (\\ud800 at character 2), which is no character: a character"
            + " beyond U+FFFF is written as its pair of surrogates (\\ud83d\\ude80) or as itself in UTF-8";
    static final String NUL = " holds the control character U+0000 (at character 1); of the control characters, text takes only tab,"
            + " line feed and carriage return";

    /**
     * Text UTF-8 cannot hold (an unpaired surrogate) or a C0 control character is refused with a 400
     * naming the member, before anything changes: such a watchlist note made every later save of the
     * zones and watchlist a 500, and an incident or organisation name held it as "?".
     */
    @Test
    void textWithAnUnpairedSurrogateOrAControlCharacterIsRefusedNamingTheMember() throws Exception {
        String square = "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[20,50],[21,50],[21,51],[20,51],[20,50]]]}}";
        int watch = Fixture.get(server, "/api/watchlist").json().get("entries").size();
        int zones = Fixture.get(server, "/api/zones").json().get("features").size();
        int incidents = Fixture.get(server, "/api/incidents").json().get("count").asInt();
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219622000\",\"note\":\"\\u0000\\ud800\"}"), 400, "note" + NUL);
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219622000\",\"note\":\"a\\ud800\"}"), 400, "note" + SURROGATE);
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219622000\",\"note\":\"a\\udc00b\"}"), 400,
                "note" + SURROGATE.replace("ud800", "udc00"));
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219622000\",\"n\\ud800\":1}"), 400, "a member name" + SURROGATE);
        assertError(Fixture.post(server, "/api/zones", String.format(square, "a\\ud800")), 400, "properties.name" + SURROGATE);
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"FeatureCollection\",\"features\":[" + String.format(square, "ok")
                + "," + String.format(square, "\\u0000") + "]}"), 400, "features[1].properties.name" + NUL);
        assertError(Fixture.post(server, "/api/incidents", report(",\"description\":\"x\\ud800\"")), 400, "description" + SURROGATE);
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":\"p9\",\"name\":\"\\u0000\"}"), 400, "name" + NUL);
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":\"p9\",\"name\":\"\\u001f\"}"), 400,
                "name" + NUL.replace("U+0000", "U+001F"));
        assertError(Fixture.post(server, "/api/watchlist", "\"\\ud800\""), 400, "the body" + SURROGATE.replace("character 2", "character 1"));
        assertThat(Fixture.get(server, "/api/watchlist").json().get("entries").size()).isEqualTo(watch);
        assertThat(Fixture.get(server, "/api/zones").json().get("features").size()).isEqualTo(zones);
        assertThat(Fixture.get(server, "/api/incidents").json().get("count").asInt()).isEqualTo(incidents);
        assertThat(Fixture.get(server, "/api/orgs").body()).doesNotContain("p9");
        // a pair is a character (here U+1F680), and tab, line feed and carriage return are text
        Fixture.Reply ok = Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"219622000\",\"note\":\"\\ud83d\\ude80\\tone\\r\\ntwo\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("note").asText()).isEqualTo("\ud83d\ude80\tone\r\ntwo");
        assertThat(Fixture.post(server, "/api/zones", String.format(square, "Rocket \\ud83d\\ude80")).status()).isEqualTo(201);
    }

    /** A zone or watchlist name is a name: 200 characters at most (a 900 KB one was taken). */
    @Test
    void zoneAndWatchlistNamesHaveABound() throws Exception {
        String square = "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[22,52],[23,52],[23,53],[22,53],[22,52]]]}}";
        String long201 = "z".repeat(201);
        assertError(Fixture.post(server, "/api/zones", String.format(square, long201)), 400,
                "feature 0: properties.name is longer than 200 characters");
        assertError(Fixture.post(server, "/api/watchlist", "{\"name\":\"" + long201 + "\"}"), 400,
                "name is longer than 200 characters");
        Fixture.Reply ok = Fixture.post(server, "/api/zones", String.format(square, "y".repeat(200)));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void anOrganisationOrUserABodyNamesMustExist() throws Exception {
        String polygon = "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}";
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"typo\",\"owner_org\":\"nosuch\"},"
                + polygon + "}"), 400, "feature 0: owner_org names no organisation of this server: 'nosuch' (GET /api/orgs lists them)");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"typo\",\"owner_org\":5},"
                + polygon + "}"), 400, "feature 0: properties.owner_org must be a string, not a JSON number: 5");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"typo\",\"shared_with\":[null]},"
                + polygon + "}"), 400, "feature 0: shared_with must be an array of strings, not holding null: null");
        assertThat(Fixture.get(server, "/api/zones").body()).doesNotContain("typo");
        Fixture.Reply owned = Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"partner zone\","
                + "\"owner_org\":\"p1\"}," + polygon + "}");
        assertThat(owned.status()).as(owned.body()).isEqualTo(201);
        // a partner's analyst makes zones of the partner's own: not one the host seems to own
        assertThat(Fixture.post(server, "/api/users", "{\"name\":\"p1-analyst\",\"org\":\"p1\",\"role\":\"analyst\","
                + "\"password\":\"correct horse p1\"}").status()).isEqualTo(201);
        String token = Fixture.post(server, "/api/tokens", "{\"user\":\"p1-analyst\",\"label\":\"test\"}").json().get("token").asText();
        assertError(Fixture.postAs(server, token, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"host's?\","
                + "\"owner_org\":\"host\"}," + polygon + "}"), 403, "feature 0: properties.owner_org is your organisation, 'p1', and cannot"
                + " be set to 'host' (an administrator of the host organisation may)");
        Fixture.Reply own = Fixture.postAs(server, token, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"p1 own\","
                + "\"owner_org\":\"p1\"}," + polygon + "}");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("features").get(0).path("properties").path("owner_org").asText()).isEqualTo("p1");
        // a caller who may not list users and organisations is not pointed to the lists (403 for them);
        // a name the server sets is refused by one message, whether or not the server has that name
        assertError(Fixture.postAs(server, token, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"p1 typo\","
                + "\"tlp\":\"AMBER\",\"shared_with\":[\"nosuchorg\"]}," + polygon + "}"), 400,
                "feature 0: shared_with names no organisation of this server: 'nosuchorg' (names are exact, as the host's administrators"
                        + " gave them)");
        assertError(Fixture.postAs(server, token, "/api/incidents", report(",\"tlp\":\"RED\",\"recipients\":[\"nobody\"]")), 400,
                "recipients names no user of this server: 'nobody' (names are exact, as the host's administrators gave them)");
        for (String name : List.of("admin", "nobody")) {
            assertError(Fixture.postAs(server, token, "/api/incidents", report(",\"created_by\":\"" + name + "\"")), 400,
                    "created_by is the reporting user, 'p1-analyst', and cannot be set to '" + name + "'");
        }
        for (String org : List.of("host", "nosuch")) {
            assertError(Fixture.postAs(server, token, "/api/incidents", report(",\"owner_org\":\"" + org + "\"")), 400,
                    "owner_org is the reporting user's organisation, 'p1', and cannot be set to '" + org + "'");
        }

        // the server sets these two: any other value gets one message, whether or not the server has that name
        assertError(Fixture.post(server, "/api/incidents", report(",\"owner_org\":\"nosuch\"")), 400,
                "owner_org is the reporting user's organisation, 'host', and cannot be set to 'nosuch'");
        assertError(Fixture.post(server, "/api/incidents", report(",\"owner_org\":\"p1\"")), 400,
                "owner_org is the reporting user's organisation, 'host', and cannot be set to 'p1'");
        assertError(Fixture.post(server, "/api/incidents", report(",\"created_by\":\"nobody\"")), 400,
                "created_by is the reporting user, 'admin', and cannot be set to 'nobody'");
        assertError(Fixture.post(server, "/api/incidents", report(",\"created_by\":\"p1-analyst\"")), 400,
                "created_by is the reporting user, 'admin', and cannot be set to 'p1-analyst'");
        assertError(Fixture.post(server, "/api/incidents", report(",\"shared_with\":[\"nosuchorg\"]")), 400,
                "shared_with names no organisation of this server: 'nosuchorg' (GET /api/orgs lists them)");
        JsonNode made = Fixture.post(server, "/api/incidents", report(",\"owner_org\":\"host\",\"created_by\":\"admin\"")).json();
        String id = made.get("id").asText();
        // a PUT of what was read is taken; the sharing it names is checked, and changes through /share
        made = Fixture.get(server, "/api/incidents/" + id).json();
        assertThat(made.has("possible_duplicates")).isTrue();
        ((com.fasterxml.jackson.databind.node.ObjectNode) made).put("narrative", "edited");
        Fixture.Reply put = Fixture.put(server, "/api/incidents/" + id, made.toString());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertError(Fixture.put(server, "/api/incidents/" + id, report(",\"shared_with\":[\"nosuchorg\"]")), 400,
                "shared_with names no organisation of this server: 'nosuchorg' (GET /api/orgs lists them)");
        assertError(Fixture.put(server, "/api/incidents/" + id, report(",\"tlp\":\"RED\",\"recipients\":[\"nobody\"]")), 400,
                "recipients names no user of this server: 'nobody' (GET /api/users lists them)");
        assertError(Fixture.put(server, "/api/incidents/" + id, report(",\"shared_with\":[\"p1\"]")), 400,
                "tlp, shared_with and recipients differ from the incident's: a PUT edits the report, POST /api/incidents/"
                        + id + "/share changes its sharing");
        assertError(Fixture.put(server, "/api/incidents/" + id, report(",\"created_by\":\"nobody\"")), 400,
                "created_by is the reporting user, 'admin', and cannot be set to 'nobody'");
        assertThat(Fixture.get(server, "/api/incidents/" + id).json().get("shared_with")).isEmpty();

        // a watchlist entry has no owner or other field: one is named, not dropped
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":219165000,\"owner_org\":\"nosuch\"}"), 400,
                "unknown field 'owner_org'; known: mmsi, imo, name, note");
    }

    @Test
    void anIntegerOutOfRangeIsReportedAsWrittenNeverWrapped() throws Exception {
        String huge = "99999999999999999999999";
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":" + huge + "}"), 400,
                "mmsi " + huge + " is above 1073741823, the largest MMSI an AIS message can carry");
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"" + huge + "\"}"), 400,
                "mmsi " + huge + " is above 1073741823, the largest MMSI an AIS message can carry");
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":-" + huge + "}"), 400, "mmsi must be 1..1073741823: -" + huge);
        assertError(Fixture.post(server, "/api/watchlist", "{\"imo\":" + huge + "}"), 400, "imo must be 1000000..9999999: " + huge);
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":2191650.5}"), 400,
                "mmsi must be an integer or a string of digits: 2191650.5");
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":1e400}"), 400,
                "mmsi is above 1073741823, the largest MMSI an AIS message can carry: too large");
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":219165000.0}").status()).isEqualTo(201);
        assertError(Fixture.post(server, "/api/tokens", "{\"ttl_s\":" + huge + "}"), 400, "ttl_s must be 1..158112000 seconds: " + huge);
        assertError(Fixture.post(server, "/api/tokens", "{\"ttl_s\":1.5}"), 400, "ttl_s must be an integer: 1.5");
        assertError(Fixture.post(server, "/api/tokens", "{\"ttl_s\":\"60\"}"), 400, "ttl_s must be an integer: \"60\"");
        assertError(Fixture.put(server, "/api/policies/p1", "{\"data_classes\":[],\"delay_s\":" + huge + "}"), 400,
                "delay_s must be 0..3162240000 seconds: " + huge);
        assertError(Fixture.put(server, "/api/policies/p1", "{\"data_classes\":[],\"delay_s\":0.5}"), 400, "delay_s must be an integer: 0.5");
        assertError(Fixture.post(server, "/api/incidents", report(",\"perpetrators\":" + huge).replace("\"perpetrators\":3,", "")), 400,
                "perpetrators must be a whole number 0..10000: " + huge);
    }

    @Test
    void aZoneBodySaysWhatWasExpectedAndWhatCame() throws Exception {
        String expected = "expected a GeoJSON Feature or FeatureCollection whose features have a Polygon or MultiPolygon geometry"
                + " and properties.name; got ";
        assertError(Fixture.post(server, "/api/zones", "[]"), 400, expected + "a JSON array");
        assertError(Fixture.post(server, "/api/zones", "{}"), 400, expected + "an object without type");
        assertError(Fixture.post(server, "/api/zones", "\"zone\""), 400, expected + "a JSON string");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":7}"), 400, expected + "an object whose type is not a string");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Point\",\"coordinates\":[0,0]}"), 400,
                expected + "an object of type 'Point'");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"), 400,
                expected + "a bare Polygon geometry (put it in a Feature's geometry, with properties.name)");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"FeatureCollection\",\"features\":[1]}"), 400,
                "feature 0 is not an object but a JSON number: 1; a feature is {\"type\":\"Feature\",\"properties\":{\"name\":...},"
                        + "\"geometry\":{\"type\":\"Polygon\",...}}");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"}}"), 400,
                "feature 0: geometry must be a Polygon or MultiPolygon, got no geometry");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"z\"},\"geometry\":{}}"), 400,
                "feature 0: geometry must be a Polygon or MultiPolygon, got an object without type");
        // a partner's areas alike
        assertError(Fixture.put(server, "/api/policies/p1", "{\"areas\":[]}"), 400,
                "areas must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection (or null for everywhere), got a JSON array");
        assertError(Fixture.put(server, "/api/policies/p1", "{\"areas\":{}}"), 400,
                "areas must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection (or null for everywhere), got an object without type");
        assertError(Fixture.put(server, "/api/policies/p1", "{\"areas\":{\"type\":\"FeatureCollection\",\"features\":[1]}}"), 400,
                "area 0 is not a Feature but a JSON number: 1");
        assertError(Fixture.put(server, "/api/policies/p1", "{\"areas\":{\"type\":\"Feature\",\"properties\":{}}}"), 400,
                "area 0 must be a Polygon or MultiPolygon, got no geometry");
    }

    /** A ring that crosses itself has no well-defined inside: refused with where it crosses, nothing stored. */
    @Test
    void aZoneWhoseRingCrossesItselfIsRefused() throws Exception {
        int before = Fixture.get(server, "/api/zones").json().path("features").size();
        // a bow tie: the edges (0,0)-(2,2) and (2,0)-(0,2) cross at (1,1)
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"bow tie\"},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}"), 400,
                "feature 0: zone 'bow tie' is not a valid polygon: self-intersection at [1.0, 1.0] (a ring must not cross or touch itself,"
                        + " and holes must lie inside their shell without crossing it)");
        assertThat(Fixture.get(server, "/api/zones").json().path("features").size()).isEqualTo(before);
        // the same four corners in order make a square, which is taken
        Fixture.Reply ok = Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"square\"},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void aMissingFieldIsNamedNotPrintedAsNull() throws Exception {
        Fixture.Reply noFormat = Fixture.send(Fixture.request(server, "/api/incidents/import", Fixture.ADMIN_TOKEN)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")).build());
        assertError(noFormat, 400, "format is required: asam or imb (POST /api/incidents/import?format=asam)");
        assertError(Fixture.post(server, "/api/orgs", "{}"), 400,
                "id is required: an organisation id is 1-64 lower-case letters, digits or '-', starting with a letter or digit");
        assertError(Fixture.post(server, "/api/users", "{}"), 400,
                "name is required: a user name is 1-64 letters, digits, '.', '_', '@' or '-'");
        assertError(Fixture.post(server, "/api/users", "{\"name\":\"nobody-yet\"}"), 400,
                "org is required: the id of the user's organisation (GET /api/orgs lists them)");
        assertError(Fixture.put(server, "/api/published", "{\"data_classes\":[null]}"), 400,
                "data_classes holds names (positions, identities, events, incidents), not null: null");
        // a member given as null is not given
        assertError(Fixture.post(server, "/api/watchlist", "{\"mmsi\":null}"), 400, "give exactly one of mmsi, imo or name");
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":null,\"imo\":9074729}").status()).isEqualTo(201);
        // the number as registries print it is the same entry
        var printed = Fixture.post(server, "/api/watchlist", "{\"imo\":\"IMO 9239185\"}");
        assertThat(printed.status()).isEqualTo(201);
        assertThat(printed.body()).contains("\"imo\":9239185");
        assertThat(Fixture.post(server, "/api/watchlist", "{\"imo\":\"imo9239185\"}").status()).isEqualTo(409);
        assertError(Fixture.post(server, "/api/watchlist", "{\"imo\":\"IMO 92391\"}"), 400, "imo must be 1000000..9999999: 92391");
    }

    /**
     * A member given twice would be read as its last value, and text after the value would be dropped, so
     * that a body could mean other than it seems (a policy's areas given as null and then as an area).
     */
    @Test
    void aMemberGivenTwiceOrTextAfterTheBodyIsA400() throws Exception {
        assertError(Fixture.post(server, "/api/incidents",
                        "{\"time\":\"2014-10-05T16:00:00Z\",\"lat\":54.46,\"lat\":10,\"lon\":15.94,\"type\":\"boarding\"}"), 400,
                "the body gives the member \"lat\" twice in one object at line 1, column 49: give each member once");
        assertError(Fixture.put(server, "/api/policies/p1", "{\"data_classes\":[\"incidents\"],\"areas\":null,\n \"areas\":[]}"), 400,
                "the body gives the member \"areas\" twice in one object at line 2, column 9: give each member once");
        // the same member in two different objects ("type" of the feature and of its geometry) is no repetition
        Fixture.Reply zone = Fixture.post(server, "/api/zones", "{\"type\":\"Feature\",\"properties\":{\"name\":\"Twice typed\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[20,50],[21,50],[21,51],[20,51],[20,50]]]}}");
        assertThat(zone.status()).as(zone.body()).isEqualTo(201);
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":\"trail-org\",\"name\":\"x\"} xyz"), 400,
                "the body holds text after its JSON value, from line 1, column 31: send one JSON value");
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":\"trail-org\"}{\"id\":\"trail-org-2\"}"), 400,
                "the body holds text after its JSON value, from line 1, column 19: send one JSON value");
        assertThat(Fixture.get(server, "/api/orgs").body()).doesNotContain("trail-org");
        // white space after the value is no extra text
        assertThat(Fixture.post(server, "/api/orgs", "{\"id\":\"trail-org-3\"}\n\n ").status()).isEqualTo(201);
    }

    /** A zone marked AMBER+STRICT "shared with" a partner would read as shared while no partner sees it. */
    @Test
    void aZoneMarkingListItsTlpDoesNotUseIsA400() throws Exception {
        String zone = "{\"type\":\"Feature\",\"properties\":{\"name\":\"Strict %s\",\"tlp\":\"%s\",%s},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}}";
        assertError(Fixture.post(server, "/api/zones", String.format(zone, "a", "AMBER+STRICT", "\"shared_with\":[\"host\"]")), 400,
                "feature 0: properties.shared_with has no effect under TLP:AMBER+STRICT (the owning organisation only): mark it AMBER"
                        + " to share it with other organisations, or leave shared_with out");
        assertError(Fixture.post(server, "/api/zones", String.format(zone, "b", "AMBER", "\"recipients\":[\"admin\"]")), 400,
                "feature 0: properties.recipients has no effect under TLP:AMBER: only RED limits an item to named recipients;"
                        + " mark it RED, or leave recipients out");
        assertThat(Fixture.post(server, "/api/zones", String.format(zone, "c", "AMBER", "\"shared_with\":[]")).status()).isEqualTo(201);
    }

    @Test
    void aFieldOfTheWrongTypeIsA400SayingWhatItMustBe() throws Exception {
        assertError(login("{\"token\":123}"), 400, "token must be a string, not a JSON number");
        assertError(login("{\"token\":{\"secret\":\"x\"}}"), 400, "token must be a string, not an object without type");
        assertError(login("{\"user\":1,\"password\":\"a long passphrase\"}"), 400, "user must be a string, not a JSON number: 1");
        assertError(login("{\"user\":\"admin\",\"password\":123456789012}"), 400, "password must be a string, not a JSON number");
        assertThat(login("{\"token\":\"wk_unknown\"}").status()).isEqualTo(401);
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":7}"), 400, "id must be a string, not a JSON number: 7");
        assertError(Fixture.post(server, "/api/orgs", "{\"id\":\"p9\",\"host\":\"yes\"}"), 400,
                "host must be true or false, not a JSON string: \"yes\"");
        assertError(Fixture.post(server, "/api/users", "{\"name\":\"ann\",\"org\":\"host\",\"password\":123456789012}"), 400,
                "password must be a string, not a JSON number");
        assertError(Fixture.put(server, "/api/users/admin", "{\"disabled\":\"no\"}"), 400,
                "disabled must be true or false, not a JSON string: \"no\"");
        assertError(Fixture.post(server, "/api/tokens", "{\"label\":5}"), 400, "label must be a string, not a JSON number: 5");
        String id = Fixture.post(server, "/api/incidents", report("")).json().get("id").asText();
        assertError(Fixture.put(server, "/api/incidents/" + id + "/category", "{\"reason\":5,\"category\":\"CAT 1\"}"), 400,
                "reason must be a string, not a JSON number: 5");
        assertError(Fixture.put(server, "/api/incidents/" + id + "/category", "{\"reason\":\"seen\",\"category\":{}}"), 400,
                "category must be a string, CAT 1..CAT 4, or null to return to the computed one, not an object without type: {}");
    }

    @Test
    void theTokenListTakesTheUserFilterItsDescriptionNames() throws Exception {
        Fixture.Reply r = Fixture.get(server, "/api/tokens?user=admin");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("tokens")).isNotEmpty().allSatisfy(t -> assertThat(t.get("user").asText()).isEqualTo("admin"));
        assertThat(Fixture.get(server, "/api/tokens?user=nobody").json().get("tokens")).isEmpty();
    }

    // ---- what Jetty answers itself ----

    @Test
    void aRequestJettyRefusesIsAnsweredInTheApisJsonErrorShape() throws Exception {
        for (String path : List.of("/api/../../etc/passwd", "/api/vessels/%00", "/api/vessels/%zz")) {
            Fixture.Reply r = raw("GET " + path, Fixture.ADMIN_TOKEN);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.contentType()).as(path).isEqualTo("application/json");
            assertThat(r.json().get("status").asInt()).as(path).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(path).isEqualTo("bad request: the request line or a header cannot be read"
                    + " (a path that climbs above the root with /../, an encoded NUL %00 or a malformed %-escape in the path,"
                    + " or a malformed header)");
            assertThat(r.body()).doesNotContain("<h1>");
            // with the headers every answer carries
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).as(path).isEqualTo(Security.CSP);
        }
        // a method no route has is named as sent (Javalin calls it INVALID)
        Fixture.Reply brew = raw("BREW /api/vessels", Fixture.ADMIN_TOKEN);
        assertError(brew, 405, "BREW is not allowed on /api/vessels; allowed: GET, HEAD");
    }

    // ---- oversized bodies ----

    @Test
    void anOversizedBodyIs413WithoutAWarningInTheLog() throws Exception {
        String body = Fixture.repeat(1_200_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Fixture.Reply sized;
        try {
            sized = Fixture.post(server, "/api/zones", body);
        } finally {
            System.setErr(err);
        }
        assertError(sized, 413, "the request body is larger than the 1000000 bytes the API takes (" + bytes.length + " bytes sent)");
        // the client has its answer: the server's log has no line for it (Javalin logged a WARN for each)
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();

        // a chunked body has no Content-Length: it is refused once more than 1 000 000 bytes have come, not read whole
        Fixture.Reply chunked = Fixture.send(Fixture.request(server, "/api/zones", Fixture.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertError(chunked, 413, "the request body is larger than the 1000000 bytes the API takes");
        assertThat(Fixture.get(server, "/api/zones").body()).doesNotContain("xxxx");
    }

    /**
     * The import route takes whole public datasets (the ASAM export is 4.1 MB), plain or gzip as shared
     * ({@code .csv.gz}), and still refuses a body, or a gzip body's CSV, above its own bound, naming it.
     */
    @Test
    void theImportRouteTakesADatasetGzipOrPlainWithinItsOwnBound() throws Exception {
        String csv = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2031-%s,2022-05-27,\"1°09'00\"\"N\n103°40'00\"\"E\",XI,71,,bulk carrier,\"SINGAPORE: robbers boarded.\",\n";
        // gzip told by its signature, as curl --data-binary @file.csv.gz sends it
        Fixture.Reply bySignature = importAsam(gzip(String.format(csv, "701").getBytes(StandardCharsets.UTF_8)), null);
        assertThat(bySignature.status()).as(bySignature.body()).isEqualTo(200);
        assertThat(bySignature.json().get("imported").asInt()).isEqualTo(1);
        assertThat(bySignature.json().get("rejected").size()).isZero();
        // and by Content-Encoding: gzip
        Fixture.Reply byHeader = importAsam(gzip(String.format(csv, "702").getBytes(StandardCharsets.UTF_8)), "gzip");
        assertThat(byHeader.status()).as(byHeader.body()).isEqualTo(200);
        assertThat(byHeader.json().get("imported").asInt()).isEqualTo(1);
        assertError(importAsam(String.format(csv, "703").getBytes(StandardCharsets.UTF_8), "gzip"), 400,
                "the body is sent as gzip (Content-Encoding: gzip) but does not start with gzip's signature 1f 8b");
        byte[] gz = gzip(String.format(csv, "704").getBytes(StandardCharsets.UTF_8));
        assertError(importAsam(java.util.Arrays.copyOf(gz, gz.length - 12), null), 400, "the gzip body ends before its compressed data does (cut short)");
        // a body above the plain bound of 1 000 000 bytes is taken here
        StringBuilder big = new StringBuilder(String.format(csv, "705"));
        while (big.length() < 1_200_000) {
            big.append(String.format(csv, "705").substring(csv.indexOf('\n') + 1));
        }
        Fixture.Reply large = importAsam(big.toString().getBytes(StandardCharsets.UTF_8), null);
        assertThat(large.status()).as(large.body()).isEqualTo(200);

        // above the route's bound, sent chunked (no Content-Length): refused naming the bound
        long over = Api.MAX_IMPORT_BODY + 1;
        Fixture.Reply tooBig = Fixture.send(Fixture.request(server, "/api/incidents/import?format=asam", Fixture.ADMIN_TOKEN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long left = over;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                        left -= n;
                        return n;
                    }
                })).build());
        assertError(tooBig, 413, "the request body is larger than the 64000000 bytes POST /api/incidents/import takes");
        // a small gzip body that unpacks to more than the bound
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream z = new java.util.zip.GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (long n = 0; n <= Api.MAX_IMPORT_BODY; n += zeros.length) {
                z.write(zeros);
            }
        }
        assertError(importAsam(bomb.toByteArray(), null), 413, "the gzip body unpacks to more than the 64000000 bytes"
                + " POST /api/incidents/import takes");
        // the other routes keep theirs
        String zones = Fixture.repeat(1_200_000);
        assertError(Fixture.post(server, "/api/zones", zones), 413, "the request body is larger than the 1000000 bytes the API takes ("
                + zones.getBytes(StandardCharsets.UTF_8).length + " bytes sent)");
    }

    static Fixture.Reply importAsam(byte[] body, String contentEncoding) throws Exception {
        HttpRequest.Builder b = Fixture.request(server, "/api/incidents/import?format=asam", Fixture.ADMIN_TOKEN)
                .header("Content-Type", "text/csv");
        if (contentEncoding != null) {
            b.header("Content-Encoding", contentEncoding);
        }
        return Fixture.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static byte[] gzip(byte[] plain) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    @Test
    void theOpenApiDescriptionOfA413SaysStatus413() throws Exception {
        JsonNode paths = Fixture.get(server, "/openapi.json").json().get("paths");
        int seen = 0;
        for (var e = paths.fields(); e.hasNext(); ) {
            var path = e.next();
            String p = path.getKey();
            for (var m = path.getValue().fields(); m.hasNext(); ) {
                JsonNode r = m.next().getValue().path("responses").path("413");
                if (!r.isMissingNode()) {
                    seen++;
                    // the import route takes whole datasets, and says its own bound
                    assertThat(r.get("description").asText()).isEqualTo(p.equals("/api/incidents/import")
                            ? "the request body is larger than the 64000000 bytes POST /api/incidents/import takes (or a gzip body"
                                    + " unpacks to more): {\"error\": message, \"status\": 413}"
                            : "the request body is larger than the 1000000 bytes the API takes: {\"error\": message, \"status\": 413}");
                }
            }
        }
        assertThat(seen).isPositive();
    }

    // ---- helpers ----

    static String report(String extra) {
        return "{\"time\":\"2025-03-01T02:59:00Z\",\"lat\":1.2,\"lon\":103.8,\"type\":\"robbery\",\"perpetrators\":3" + extra + "}";
    }

    static Fixture.Reply login(String body) throws Exception {
        return Fixture.postAs(server, null, "/api/login", body);
    }

    static void assertError(Fixture.Reply r, int status, String message) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith("application/json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(message);
    }

    /** A zone's events name it, so two zones of one name are refused; a watchlist entry given twice too. */
    @Test
    void aZoneNameOrWatchlistEntryGivenTwiceIsAConflict() throws Exception {
        String square = "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[10,50],[11,50],[11,51],[10,51],[10,50]]]}}";
        Fixture.Reply first = Fixture.post(server, "/api/zones", String.format(square, "Anchorage East"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String id = first.json().path("features").get(0).path("id").asText();
        assertError(Fixture.post(server, "/api/zones", String.format(square, "anchorage east ")), 409,
                "feature 0: the name 'anchorage east' is held by zone " + id + " ('Anchorage East'); give each zone its own name (a zone's"
                        + " events name it)");
        assertError(Fixture.post(server, "/api/zones", "{\"type\":\"FeatureCollection\",\"features\":[" + String.format(square, "North")
                + "," + String.format(square, "North") + "]}"), 409,
                "feature 1: the name 'North' is that of feature 0 too; give each zone its own name (a zone's events name it)");
        Fixture.Reply w = Fixture.post(server, "/api/watchlist", "{\"name\":\"Ever Given\"}");
        assertThat(w.status()).as(w.body()).isEqualTo(201);
        assertError(Fixture.post(server, "/api/watchlist", "{\"name\":\"EVER  GIVEN\",\"note\":\"again\"}"), 409,
                "the watchlist holds this name as " + w.json().path("id").asText() + "; change its note by deleting it and adding it again");
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":\"563000001\"}").status()).isEqualTo(201);
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":563000001}").status()).isEqualTo(409);
    }

    /** A HEAD of an export sends no export: the audit trail has it as a read of the route, not an export. */
    @Test
    void aHeadOfAnExportIsAuditedAsARead() throws Exception {
        Fixture.Reply h = head("/api/export/vessels.csv", Fixture.ADMIN_TOKEN, null);
        assertThat(h.status()).isEqualTo(200);
        String line = Files.readAllLines(data.resolve("audit.log")).stream().filter(l -> l.contains("HEAD /api/export/vessels.csv"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(line).contains("\"action\":\"read\"").doesNotContain("\"action\":\"export\"");
    }

    static Fixture.Reply head(String path, String token, String accept) throws Exception {
        HttpRequest.Builder b = Fixture.request(server, path, token).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(java.time.Duration.ofSeconds(20));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return Fixture.send(b.build());
    }

    /** A request line sent as written ({@code GET /path?query}; a URI would refuse or normalise it), as the admin. */
    static void assertRaw(String requestLine, int status, String message) throws Exception {
        Fixture.Reply r = raw(requestLine, Fixture.ADMIN_TOKEN);
        assertThat(r.status()).as(requestLine + ": " + r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(requestLine).startsWith("application/json");
        if (message != null) {
            assertThat(r.json().get("error").asText()).as(requestLine).isEqualTo(message);
        } else {
            assertThat(r.body()).as(requestLine).isEmpty();
        }
    }

    /** Sends one HTTP/1.1 request over a socket, as written, and reads the answer (Connection: close). */
    static Fixture.Reply raw(String requestLine, String token) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            int end = 0;
            while (!(all[end] == '\r' && all[end + 1] == '\n' && all[end + 2] == '\r' && all[end + 3] == '\n')) {
                end++;
            }
            String[] head = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.computeIfAbsent(head[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                        .add(head[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            List<String> te = headers.get("Transfer-Encoding");
            if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                body = unchunk(body);
            }
            List<String> type = headers.get("Content-Type");
            return new Fixture.Reply(status, new String(body, StandardCharsets.UTF_8), type == null ? "" : type.get(0), headers);
        }
    }

    private static byte[] unchunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int eol = i;
            while (b[eol] != '\r') {
                eol++;
            }
            int n = Integer.parseInt(new String(b, i, eol - i, StandardCharsets.ISO_8859_1).strip(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(b, eol + 2, n);
            i = eol + 2 + n + 2;
        }
    }
}
