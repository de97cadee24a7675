package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.incident.Incident;
import org.watchkeeper.core.incident.IncidentType;
import org.watchkeeper.core.incident.SameIncident;
import org.watchkeeper.core.incident.VesselStatus;
import org.watchkeeper.core.incident.VictimVessel;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;
import org.watchkeeper.store.GeoMath;
import org.watchkeeper.store.IncidentQuery;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselPresence;
import org.watchkeeper.store.VesselRow;

/**
 * Every incident route against a server fed a real DMA log, called with real API tokens of users of
 * the host and of three partner organisations whose sharing policies are set through the API.
 */
class IncidentApiTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;
    static final Map<String, String> TOKENS = new HashMap<>();

    static final String ALICE = "alice";   // host analyst
    static final String HADMIN = "hadmin"; // host admin
    static final String VIEWER = "vera";   // host viewer
    static final String PAT = "pat";       // partner p1 analyst: incidents + positions + identities everywhere
    static final String PAUL = "paul";     // partner p1 viewer, another user of the same partner
    static final String QUINN = "quinn";   // partner p2 analyst, no policy
    static final String RITA = "rita";     // partner p3 viewer: incidents only around Singapore
    static final String P3_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[103,0.5],[105,0.5],[105,2],[103,2],[103,0.5]]]}";

    @BeforeAll
    static void start() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        Fixture.sendAndWait(server, Fixture.bytes(Fixture.log("dma-aisabnormal/538004030_drift_1.ais")));
        Fixture.sendAndWait(server, Fixture.bytes(Fixture.log("dma-aisabnormal/ais-sample.txt.gz")));
        String admin = Fixture.ADMIN_TOKEN;
        for (String org : List.of("p1", "p2", "p3")) {
            Fixture.Reply o = Fixture.postAs(server, admin, "/api/orgs", "{\"id\":\"" + org + "\",\"name\":\"Partner " + org + "\"}");
            assertThat(o.status()).as(o.body()).isEqualTo(201);
        }
        Fixture.Reply p1 = Fixture.putAs(server, admin, "/api/policies/p1",
                "{\"data_classes\":[\"incidents\",\"positions\",\"identities\"],\"areas\":null,\"delay_s\":0}");
        assertThat(p1.status()).as(p1.body()).isEqualTo(200);
        Fixture.Reply p3 = Fixture.putAs(server, admin, "/api/policies/p3",
                "{\"data_classes\":[\"incidents\"],\"areas\":" + P3_AREA + ",\"delay_s\":0}");
        assertThat(p3.status()).as(p3.body()).isEqualTo(200);
        user(ALICE, "host", "analyst");
        user(HADMIN, "host", "admin");
        user(VIEWER, "host", "viewer");
        user(PAT, "p1", "analyst");
        user(PAUL, "p1", "viewer");
        user(QUINN, "p2", "analyst");
        user(RITA, "p3", "viewer");
    }

    static void user(String name, String org, String role) throws Exception {
        Fixture.Reply u = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"" + name + "\",\"org\":\"" + org + "\",\"role\":\"" + role + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
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

    record Reply(int status, String body, String type, String signature, String disposition, String retryAfter) {
        JsonNode json() throws Exception {
            return Rows.JSON.readTree(body);
        }
    }

    static Reply call(String who, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = Fixture.request(server, path, TOKENS.get(who))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = Fixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""),
                r.headers().firstValue(ExportSigner.HEADER).orElse(null), r.headers().firstValue("content-disposition").orElse(null),
                r.headers().firstValue("retry-after").orElse(null));
    }

    static Reply get(String who, String path) throws Exception {
        return call(who, "GET", path, null);
    }

    static String report(double lat, double lon, String extra) {
        return "{\"time\":\"2025-03-01T02:59:00Z\",\"lat\":" + lat + ",\"lon\":" + lon + ",\"type\":\"robbery\","
                + "\"place\":\"Singapore Strait\",\"victim\":{\"name\":\"OCEAN STAR\",\"imo\":9074729,\"status\":\"steaming\"},"
                + "\"perpetrators\":3,\"weapons\":\"knives\",\"crew_harm\":\"none\",\"items_stolen\":\"engine spares\","
                + "\"loss\":\"stores\",\"narrative\":\"three robbers with knives\"" + extra + "}";
    }

    static JsonNode create(String who, String body) throws Exception {
        Reply r = call(who, "POST", "/api/incidents", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static void assertError(Reply r, int status, String messagePart) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(messagePart);
    }

    @Test
    void createReadListAndBadInput() throws Exception {
        JsonNode c = create(ALICE, report(1.12, 103.52, ""));
        String id = c.get("id").asText();
        assertThat(id).startsWith("inc-");
        assertThat(c.get("tlp").asText()).isEqualTo("AMBER");
        assertThat(c.get("owner_org").asText()).isEqualTo("host");
        assertThat(c.get("created_by").asText()).isEqualTo("alice");
        assertThat(c.get("category").asText()).isEqualTo("CAT 3");
        assertThat(c.get("victim").get("imo").asInt()).isEqualTo(9074729);
        JsonNode got = get(ALICE, "/api/incidents/" + id).json();
        // what was stored, and the other centres' reports of that attack: none
        assertThat(((ObjectNode) got).remove("possible_duplicates")).isEmpty();
        assertThat(got).isEqualTo(c);
        JsonNode list = get(ALICE, "/api/incidents?type=robbery&category=CAT%203&bbox=103,1,104,2&q=ocean%20star").json();
        assertThat(list.get("incidents")).extracting(x -> x.get("id").asText()).contains(id);
        assertThat(get(ALICE, "/api/incidents?type=hijacking&bbox=103,1,104,2").json().get("incidents"))
                .noneMatch(x -> x.get("id").asText().equals(id));
        assertThat(get(ALICE, "/api/incidents?from=2025-03-02T00:00:00Z").json().get("incidents"))
                .noneMatch(x -> x.get("id").asText().equals(id));
        JsonNode summary = get(ALICE, "/api/incidents?summary=true&q=" + id).json().get("incidents").get(0);
        assertThat(summary.has("narrative")).isFalse();

        assertError(call(ALICE, "POST", "/api/incidents", "{nope"), 400, "not valid JSON");
        assertError(call(ALICE, "POST", "/api/incidents", ""), 400, "a JSON body is required");
        assertError(call(ALICE, "POST", "/api/incidents", "[1]"), 400, "the body must be a JSON object");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, ",\"colour\":\"red\"")), 400,
                "unknown field 'colour'; an incident has actions_taken, crew_harm, date_only, items_stolen, lat, local_time, lon, loss,"
                        + " narrative, perpetrators, place, reference, source, time, type, victim, weapons, and tlp, shared_with,"
                        + " recipients for its sharing");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, ",\"shared_with\":[\"p9\"]")), 400,
                "shared_with names no organisation of this server: 'p9'");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, ",\"tlp\":\"RED\",\"recipients\":[\"nobody\"]")), 400,
                "recipients names no user of this server: 'nobody'");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, "").replace("9074729", "9074728")), 400,
                "IMO number 9074728 fails its check digit");
        assertError(call(ALICE, "POST", "/api/incidents", report(95, 103, "")), 400, "lat must be in -90..90");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, "").replace("\"status\":\"steaming\"",
                "\"status\":\"steaming\",\"mmsi\":\"123\"")), 400, "victim.mmsi must be an MMSI of 9 digits, leading zeros included: 123");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, "").replace("robbery", "piracy")), 400,
                "unknown incident type 'piracy'");
        assertError(call(ALICE, "POST", "/api/incidents", report(1, 103, ",\"tlp\":\"PINK\"")), 400, "unknown TLP marking");
        assertError(call(ALICE, "POST", "/api/incidents", "{\"lat\":1,\"lon\":2,\"type\":\"boarding\"}"), 400, "time is required");
        assertError(call(VIEWER, "POST", "/api/incidents", report(1, 103, "")), 403, "analyst role");
        assertError(get(ALICE, "/api/incidents/no%20such"), 400, "an incident id is");
        assertError(get(ALICE, "/api/incidents/inc-missing"), 404, "no incident with id inc-missing");
        assertError(get(ALICE, "/api/incidents?type=piracy"), 400, "unknown incident type");
        assertError(get(ALICE, "/api/incidents?category=CAT%209"), 400, "unknown category");
        assertError(get(ALICE, "/api/incidents?bbox=1,2,3"), 400, "bbox must be");
        assertError(get(ALICE, "/api/incidents?limit=0"), 400, "limit must be in 1..");
        assertError(get(ALICE, "/api/incidents?from=yesterday"), 400, "from must be an ISO-8601");
        assertError(get(ALICE, "/api/incidents?q=" + "x".repeat(101)), 400, "q is longer than 100");
    }

    /** One attack reported by two centres: each report lists the other, nearest first; never itself or an unseen one. */
    @Test
    void aReportListsTheOtherCentresReportsOfTheSameAttack() throws Exception {
        String at = "{\"time\":\"%s\",\"lat\":%s,\"lon\":%s,\"type\":\"robbery\",\"source\":\"%s\"%s}";
        String asam = create(ALICE, String.format(at, "2024-06-10T00:00:00Z", 2.5, 101.2, "NGA ASAM", ",\"reference\":\"2024-88\"")).get("id").asText();
        // the IMB's report of that night, after midnight UTC and 1.1 km away
        String imb = create(ALICE, String.format(at, "2024-06-11T01:30:00Z", 2.51, 101.2, "IMB PRC", "")).get("id").asText();
        // farther, but within 20 km: a second candidate
        String other = create(ALICE, String.format(at, "2024-06-10T20:00:00Z", 2.6, 101.25, "Mapping Piracy", "")).get("id").asText();
        // the ASAM's own second report of that day, two days later, 30 km away, and one alice may not see
        String asamSecond = create(ALICE, String.format(at, "2024-06-10T05:00:00Z", 2.5, 101.21, "NGA ASAM", "")).get("id").asText();
        create(ALICE, String.format(at, "2024-06-12T05:00:00Z", 2.5, 101.2, "IMB PRC", ""));
        create(ALICE, String.format(at, "2024-06-10T05:00:00Z", 2.77, 101.2, "IMB PRC", ""));
        String hidden = create(PAT, String.format(at, "2024-06-10T05:00:00Z", 2.5, 101.2, "IMB PRC", ",\"tlp\":\"RED\"")).get("id").asText();

        JsonNode got = get(ALICE, "/api/incidents/" + asam).json();
        JsonNode d = got.get("possible_duplicates");
        assertThat(d).hasSize(2);
        assertThat(d.get(0).get("id").asText()).isEqualTo(imb);
        assertThat(d.get(0).get("source").asText()).isEqualTo("IMB PRC");
        assertThat(d.get(0).get("time").asText()).isEqualTo("2024-06-11T01:30:00Z");
        assertThat(d.get(0).get("distance_km").asDouble()).isEqualTo(1.112);
        assertThat(d.get(0).get("days_apart").asInt()).isEqualTo(1);
        assertThat(d.get(1).get("id").asText()).isEqualTo(other);
        assertThat(d.get(1).get("days_apart").asInt()).isZero();
        // and the other way round
        JsonNode back = get(ALICE, "/api/incidents/" + imb).json().get("possible_duplicates");
        assertThat(back.get(0).get("id").asText()).isEqualTo(asam);
        assertThat(back.get(0).get("reference").asText()).isEqualTo("2024-88");
        // the export gives each report's matches as ids, in the CSV a column of its own
        Reply csv = get(ALICE, "/api/export/incidents.csv?bbox=101,2.4,101.3,2.9&from=2024-06-09&to=2024-06-13");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).contains(",updated,possible_duplicates,narrative");
        assertThat(lines).filteredOn(l -> l.startsWith(asam + ",")).singleElement().asString()
                .contains("," + imb + " " + other + ",");
        JsonNode geo = get(ALICE, "/api/export/incidents.geojson?bbox=101,2.4,101.3,2.9&from=2024-06-09&to=2024-06-13").json();
        for (JsonNode f : geo.get("features")) {
            if (f.get("properties").get("id").asText().equals(imb)) {
                // the ASAM's second report of that day is as near to it as the first: both candidates, then the farther one
                assertThat(f.get("properties").get("possible_duplicates")).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder(asam, asamSecond, other);
            }
        }
        // pat sees his RED report's match with the ASAM one only if the ASAM report is visible to him: it is AMBER, not shared
        assertThat(get(PAT, "/api/incidents/" + hidden).json().get("possible_duplicates")).isEmpty();
    }

    /**
     * The list gives each report its possible duplicates as the report's own route does: among every report the
     * caller may see, also those the list's filters leave out, and never one the caller may not see.
     */
    @Test
    void theListGivesEachReportItsPossibleDuplicatesAsTheReportDoes() throws Exception {
        String at = "{\"time\":\"%s\",\"lat\":%s,\"lon\":%s,\"type\":\"%s\",\"source\":\"%s\"%s}";
        String asam = create(ALICE, String.format(at, "2023-02-14T00:00:00Z", 13.1, 48.6, "robbery", "NGA ASAM",
                ",\"reference\":\"2023-17\"")).get("id").asText();
        // the IMB's report of that evening, 1.1 km away, a boarding
        String imb = create(ALICE, String.format(at, "2023-02-14T21:10:00Z", 13.11, 48.6, "boarding", "IMB PRC", "")).get("id").asText();
        // a third centre's, on the next UTC date and farther
        String third = create(ALICE, String.format(at, "2023-02-15T03:00:00Z", 13.2, 48.65, "robbery", "Mapping Piracy", ""))
                .get("id").asText();
        // pat's own RED report of that night: alice may not see it, and pat may not see alice's AMBER ones
        String red = create(PAT, String.format(at, "2023-02-14T22:00:00Z", 13.1, 48.61, "robbery", "IMB PRC", ",\"tlp\":\"RED\""))
                .get("id").asText();
        String box = "bbox=48,12.5,49,13.5&from=2023-02-10&to=2023-02-20";

        JsonNode list = get(ALICE, "/api/incidents?" + box).json();
        assertThat(list.get("incidents")).extracting(x -> x.get("id").asText()).containsExactly(asam, imb, third);
        for (JsonNode x : list.get("incidents")) {
            // field for field what the report's own route gives
            assertThat(x.get("possible_duplicates")).as(x.get("id").asText())
                    .isEqualTo(get(ALICE, "/api/incidents/" + x.get("id").asText()).json().get("possible_duplicates"));
        }
        JsonNode d = list.get("incidents").get(0).get("possible_duplicates");
        assertThat(d).extracting(x -> x.get("id").asText()).containsExactly(imb, third);
        assertThat(d.get(0).get("source").asText()).isEqualTo("IMB PRC");
        assertThat(d.get(0).has("reference")).isFalse();
        assertThat(d.get(0).get("time").asText()).isEqualTo("2023-02-14T21:10:00Z");
        assertThat(d.get(0).get("type").asText()).isEqualTo("boarding");
        assertThat(d.get(0).get("distance_km").asDouble()).isEqualTo(1.112);
        assertThat(d.get(0).get("days_apart").asInt()).isZero();
        assertThat(d.get(1).get("days_apart").asInt()).isEqualTo(1);
        assertThat(list.get("incidents").get(1).get("possible_duplicates").get(0).get("reference").asText()).isEqualTo("2023-17");
        // the summary list too
        JsonNode summary = get(ALICE, "/api/incidents?summary=true&" + box).json().get("incidents").get(0);
        assertThat(summary.has("narrative")).isFalse();
        assertThat(summary.get("possible_duplicates")).isEqualTo(d);

        // reports the filters leave out are still found: another type, and a report after the list's window
        JsonNode robberies = get(ALICE, "/api/incidents?type=robbery&" + box).json().get("incidents");
        assertThat(robberies).extracting(x -> x.get("id").asText()).containsExactly(asam, third);
        assertThat(robberies.get(0).get("possible_duplicates")).isEqualTo(d);
        JsonNode firstDay = get(ALICE, "/api/incidents?bbox=48,12.5,49,13.5&from=2023-02-14&to=2023-02-14T23:59:59Z").json()
                .get("incidents");
        assertThat(firstDay).extracting(x -> x.get("id").asText()).containsExactly(asam, imb);
        assertThat(firstDay.get(0).get("possible_duplicates")).isEqualTo(d);
        // a list of every report of a period, whole and cut by its limit, finds the reports just outside it
        JsonNode day = get(ALICE, "/api/incidents?from=2023-02-14&to=2023-02-14T23:59:59Z").json().get("incidents");
        assertThat(day).extracting(x -> x.get("id").asText()).containsExactly(asam, imb);
        assertThat(day.get(0).get("possible_duplicates")).isEqualTo(d);
        JsonNode cut = get(ALICE, "/api/incidents?from=2023-02-14&to=2023-02-20&limit=2").json();
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("incidents").get(0).get("possible_duplicates")).isEqualTo(d);
        assertThat(cut.get("incidents").get(1).get("possible_duplicates")).extracting(x -> x.get("id").asText())
                .containsExactly(asam, third);
        JsonNode one = get(ALICE, "/api/incidents?q=" + third).json().get("incidents");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("possible_duplicates")).extracting(x -> x.get("id").asText()).containsExactly(imb, asam);

        // pat lists his RED report with no duplicates (he may see none of alice's), alice never sees it named
        JsonNode pats = get(PAT, "/api/incidents?" + box).json().get("incidents");
        assertThat(pats).extracting(x -> x.get("id").asText()).containsExactly(red);
        assertThat(pats.get(0).get("possible_duplicates")).isEmpty();
        assertThat(list.toString()).doesNotContain(red);
    }

    static List<JsonNode> relatedTo(JsonNode bundle) {
        List<JsonNode> out = new ArrayList<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asText().equals("relationship") && o.get("relationship_type").asText().equals("related-to")) {
                out.add(o);
            }
        });
        return out;
    }

    /** The STIX export links two exported reports of one attack once, and a report outside the export to none. */
    @Test
    void stixLinksTheReportsOfOneAttackThatItHolds() throws Exception {
        String at = "{\"time\":\"%s\",\"lat\":%s,\"lon\":%s,\"type\":\"%s\",\"source\":\"%s\",\"tlp\":\"%s\"%s}";
        String asam = create(ALICE, String.format(at, "2022-11-03T00:00:00Z", 4.2, 7.1, "robbery", "NGA ASAM", "CLEAR",
                ",\"reference\":\"2022-301\"")).get("id").asText();
        String imb = create(ALICE, String.format(at, "2022-11-03T23:00:00Z", 4.21, 7.1, "boarding", "IMB PRC", "CLEAR", ""))
                .get("id").asText();
        // pat's own RED report of the next night: a third match, which only pat may see
        String red = create(PAT, String.format(at, "2022-11-04T02:00:00Z", 4.2, 7.12, "robbery", "Mapping Piracy", "RED", ""))
                .get("id").asText();
        String area = "bbox=7,4,7.3,4.4&from=2022-11-01&to=2022-11-07";

        Reply stix = get(ALICE, "/api/export/stix?" + area);
        // named by its filters, as every export is
        assertThat(stix.disposition()).isEqualTo("attachment; filename=\"watchkeeper-stix-bbox-7+4+7.3+4.4-from-20221101-to-20221107.json\"");
        assertThat(get(ALICE, "/api/export/stix?type=robbery").disposition()).isEqualTo("attachment; filename=\"watchkeeper-stix-robbery.json\"");
        JsonNode bundle = stix.json();
        Map<String, String> sdo = new HashMap<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asText().equals("incident")) {
                sdo.put(o.get("x_watchkeeper_id").asText(), o.get("id").asText());
            }
        });
        assertThat(sdo.keySet()).containsExactlyInAnyOrder(asam, imb);
        List<JsonNode> rels = relatedTo(bundle);
        assertThat(rels).hasSize(1);
        JsonNode rel = rels.get(0);
        assertThat(rel.get("source_ref").asText()).isEqualTo(sdo.get(asam)); // the earlier report
        assertThat(rel.get("target_ref").asText()).isEqualTo(sdo.get(imb));
        assertThat(rel.get("spec_version").asText()).isEqualTo("2.1");
        assertThat(rel.get("id").asText()).startsWith("relationship--")
                .isEqualTo(IncidentApi.stixId("relationship", "incident:" + asam + ":related-to:incident:" + imb));
        assertThat(rel.get("description").asText()).isEqualTo("Possibly the same attack: NGA ASAM report 2022-301 and IMB PRC report "
                + imb + ", 1.112 km apart, on the same UTC date");
        assertThat(rel.get("x_watchkeeper_distance_km").asDouble()).isEqualTo(1.112);
        assertThat(rel.get("x_watchkeeper_days_apart").asInt()).isZero();
        assertThat(rel.get("object_marking_refs").get(0).asText()).isEqualTo(IncidentApi.STIX_TLP_IDS.get(Tlp.CLEAR));
        // every reference resolves to an object of the bundle, and a second export gives the same relationship
        assertThat(bundle.get("objects").findValuesAsText("id")).contains(rel.get("source_ref").asText(), rel.get("target_ref").asText());
        assertThat(relatedTo(get(ALICE, "/api/export/stix?" + area).json())).containsExactly(rel);

        // pat sees all three: each pair once, not twice; the link to his RED report is marked RED
        JsonNode pats = get(PAT, "/api/export/stix?" + area).json();
        List<JsonNode> three = relatedTo(pats);
        assertThat(three).hasSize(3);
        assertThat(three).extracting(r -> r.get("source_ref").asText() + " " + r.get("target_ref").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(sdo.get(asam) + " " + sdo.get(imb),
                        sdo.get(asam) + " " + IncidentApi.stixId("incident", "incident:" + red),
                        sdo.get(imb) + " " + IncidentApi.stixId("incident", "incident:" + red));
        JsonNode toRed = three.stream().filter(r -> r.get("source_ref").asText().equals(sdo.get(asam))
                && !r.get("target_ref").asText().equals(sdo.get(imb))).findFirst().orElseThrow();
        assertThat(toRed.get("object_marking_refs").get(0).asText()).isEqualTo(IncidentApi.STIX_TLP_IDS.get(Tlp.RED));
        assertThat(toRed.get("description").asText()).endsWith(", UTC dates 1 day apart");
        assertThat(three).contains(rel);

        // a pair of which one report is filtered out gives none
        assertThat(relatedTo(get(ALICE, "/api/export/stix?type=robbery&" + area).json())).isEmpty();
        assertThat(relatedTo(get(ALICE, "/api/export/stix?bbox=7,4,7.3,4.4&from=2022-11-01&to=2022-11-03T12:00:00Z").json())).isEmpty();
        // pat's export of robberies holds the ASAM report and his own: linked, the IMB boarding not
        List<JsonNode> robberies = relatedTo(get(PAT, "/api/export/stix?type=robbery&" + area).json());
        assertThat(robberies).extracting(r -> r.get("target_ref").asText()).containsExactly(IncidentApi.stixId("incident", "incident:" + red));
    }

    /**
     * Where a duplicate search looks: the reports' windows, joined where they overlap, read by few queries joined
     * across the shortest gaps, and not where all reports are known.
     */
    @Test
    void theDuplicateSearchReadsTheDaysAroundEachReport() {
        VictimVessel ship = new VictimVessel(null, 0, 0, null, null, VesselStatus.ANCHORED, null);
        Marking clear = new Marking(Tlp.CLEAR, "host", Set.of(), Set.of());
        BiFunction<String, double[], Incident> at = (time, pos) -> new Incident("r-" + time.substring(0, 10), Instant.parse(time), false,
                pos[0], pos[1], null, IncidentType.ROBBERY, ship, null, null, null, null, null, List.of(), "NGA ASAM", null, null, null,
                clear, "import", Instant.EPOCH, Instant.EPOCH);
        var a = at.apply("2020-01-10T12:00:00Z", new double[] {1, 104});
        var b = at.apply("2020-01-11T06:00:00Z", new double[] {2, 105}); // its window overlaps a's
        var c = at.apply("2020-01-20T00:00:00Z", new double[] {1.5, 103});
        var d = at.apply("2021-06-01T00:00:00Z", new double[] {-17, 179.95}); // its search box crosses 180°
        long day = 86_400_000L;
        long jan9 = Instant.parse("2020-01-09T00:00:00Z").toEpochMilli();
        List<IncidentQuery> q = new IncidentApi.SearchWindows(List.of(d, c, b, a), null).queries(32);
        assertThat(q).hasSize(3);
        assertThat(q.get(0).fromMillis()).isEqualTo(jan9);
        assertThat(q.get(0).toMillis()).isEqualTo(jan9 + 4 * day - 1); // 9 to 12 January
        double r = 20 / 111.195; // 20 km in degrees of latitude
        assertThat(q.get(0).box()[0]).isCloseTo(1 - r, within(1e-3));
        assertThat(q.get(0).box()[2]).isCloseTo(2 + r, within(1e-3));
        assertThat(q.get(0).box()[1]).isCloseTo(104 - r, within(1e-3));
        assertThat(q.get(0).box()[3]).isCloseTo(105 + r, within(1e-3));
        assertThat(q.get(1).fromMillis()).isEqualTo(jan9 + 10 * day);
        assertThat(q.get(1).toMillis()).isEqualTo(jan9 + 13 * day - 1);
        assertThat(q.get(2).box()[1]).isGreaterThan(q.get(2).box()[3]); // alone, its box as it is: across 180°
        // what a query gives is decoded only when in a report's window and box
        IncidentApi.SearchWindows w = new IncidentApi.SearchWindows(List.of(a, b, c, d), null);
        assertThat(w.holds(jan9 + day + 3_600_000, 1.1, 104.1)).isTrue();
        assertThat(w.holds(jan9 + 6 * day, 1.1, 104.1)).isFalse(); // 15 January: between the windows
        assertThat(w.holds(jan9 + day, 10, 104.1)).isFalse(); // 1 000 km north
        assertThat(w.holds(Instant.parse("2021-05-31T23:00:00Z").toEpochMilli(), -17, -179.95)).isTrue(); // across 180°
        assertThat(w.holds(Instant.parse("2021-05-31T23:00:00Z").toEpochMilli(), -17, 179)).isFalse();
        // at most two queries: joined across the shorter gap (January), the 16 months to June 2021 kept
        List<IncidentQuery> two = new IncidentApi.SearchWindows(List.of(a, b, c, d), null).queries(2);
        assertThat(two).hasSize(2);
        assertThat(two.get(0).fromMillis()).isEqualTo(jan9);
        assertThat(two.get(0).toMillis()).isEqualTo(jan9 + 13 * day - 1);
        assertThat(two.get(0).box()[1]).isCloseTo(103 - r, within(1e-3));
        // one query: every longitude, as the joined box would otherwise cross 180°
        List<IncidentQuery> one = new IncidentApi.SearchWindows(List.of(a, b, c, d), null).queries(1);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).toMillis()).isEqualTo(Instant.parse("2021-06-03T00:00:00Z").toEpochMilli() - 1);
        assertThat(one.get(0).box()).containsExactly(SameIncident.box(d)[0], -180, SameIncident.box(b)[2], 180);
        // a window whose reports are all known is not read: of January 2020 only the days before and after it
        long[] january = {Instant.parse("2020-01-10T00:00:00Z").toEpochMilli(), Instant.parse("2020-01-20T00:00:00Z").toEpochMilli()};
        List<IncidentQuery> outside = new IncidentApi.SearchWindows(List.of(a, b, c, d), january).queries(32);
        assertThat(outside).extracting(IncidentQuery::fromMillis, IncidentQuery::toMillis).containsExactly(
                tuple(jan9, january[0] - 1),
                tuple(january[1] + 1, jan9 + 13 * day - 1),
                tuple(q.get(2).fromMillis(), q.get(2).toMillis()));
        assertThat(new IncidentApi.SearchWindows(List.of(a, b, c, d), new long[] {jan9, Long.MAX_VALUE / 2}).queries(32)).isEmpty();
    }

    /**
     * While the start-up import runs, a report not found may be one not loaded yet: 503 with Retry-After, and
     * the list says it holds what is loaded so far; once it has ended, 404 and the list as before.
     */
    @Test
    void whileTheStartUpImportRunsAMissingReportIsNotYetThere() throws Exception {
        String id = create(ALICE, report(1.3, 103.9, "")).get("id").asText();
        String hidden = create(PAT, report(1.3, 103.9, ",\"tlp\":\"RED\"")).get("id").asText();
        server.startupImport().loading(Path.of("/srv/data/ASAM 21 June 22.csv.gz"), 1, 2);
        try {
            Reply missing = call(ALICE, "GET", "/api/incidents/asam-2022-999", null);
            assertError(missing, 503, "no incident with id asam-2022-999 yet: incidents are still loading from"
                    + " ASAM 21 June 22.csv.gz (1 of 2 files); try again shortly");
            assertThat(missing.retryAfter()).isEqualTo("5");
            assertThat(missing.body()).doesNotContain("/srv/data"); // the file's name, not the server's folders
            // a report the caller may not see answers as a missing one (it may not be told it exists)
            assertThat(call(ALICE, "GET", "/api/incidents/" + hidden, null).body())
                    .isEqualTo(missing.body().replace("asam-2022-999", hidden));
            assertError(call(HADMIN, "DELETE", "/api/incidents/asam-2022-999", null), 503, "incidents are still loading");
            // what is there is answered as always
            assertThat(get(ALICE, "/api/incidents/" + id).status()).isEqualTo(200);
            server.startupImport().loading(Path.of("pirate_attacks.csv.gz"), 2, 2);
            JsonNode list = get(ALICE, "/api/incidents?q=" + id).json();
            assertThat(list.get("incidents")).extracting(x -> x.get("id").asText()).containsExactly(id);
            JsonNode loading = list.get("loading");
            assertThat(loading.get("file").asText()).isEqualTo("pirate_attacks.csv.gz");
            assertThat(loading.get("number").asInt()).isEqualTo(2);
            assertThat(loading.get("files").asInt()).isEqualTo(2);
            assertThat(loading.get("message").asText()).isEqualTo("incidents are still loading from pirate_attacks.csv.gz"
                    + " (2 of 2 files); the list holds the reports loaded so far");
            assertError(get(ALICE, "/api/incidents/asam-2022-999"), 503, "(2 of 2 files)");
            // bad input is still 400
            assertError(get(ALICE, "/api/incidents/no%20such"), 400, "an incident id is");
        } finally {
            server.startupImport().done();
        }
        Reply gone = get(ALICE, "/api/incidents/asam-2022-999");
        assertError(gone, 404, "no incident with id asam-2022-999");
        assertThat(gone.retryAfter()).isNull();
        assertError(get(ALICE, "/api/incidents/" + hidden), 404, "no incident with id " + hidden);
        assertThat(get(ALICE, "/api/incidents?q=" + id).json().has("loading")).isFalse();
    }

    /**
     * A report known only to its date, with the local time it gives (IMB's "1430 LT"), stays so when
     * edited: sent back as read, or with only its narrative or type changed. A PUT that gives a UTC time
     * makes it timed; a local time beside a UTC time is refused, naming why.
     */
    @Test
    void aDateOnlyReportStaysDateOnlyWhenEdited() throws Exception {
        String dated = report(1.1833, 103.6167, "").replace("\"time\":\"2025-03-01T02:59:00Z\"",
                "\"time\":\"2015-01-08\",\"local_time\":\"14:30\"");
        JsonNode c = create(ALICE, dated);
        String id = c.get("id").asText();
        String path = "/api/incidents/" + id;
        assertThat(c.get("time").asText()).isEqualTo("2015-01-08T00:00:00Z");
        assertThat(c.get("date_only").asBoolean()).isTrue();
        assertThat(c.get("local_time").asText()).isEqualTo("14:30");

        // sent back as read (server-set fields and possible_duplicates too), the narrative changed
        ObjectNode read = (ObjectNode) get(ALICE, path).json();
        read.put("narrative", "Robbers in three small boats boarded a barge under tow.");
        Reply same = call(ALICE, "PUT", path, read.toString());
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().get("time").asText()).isEqualTo("2015-01-08T00:00:00Z");
        assertThat(same.json().get("date_only").asBoolean()).isTrue();
        assertThat(same.json().get("local_time").asText()).isEqualTo("14:30");
        assertThat(same.json().get("narrative").asText()).isEqualTo("Robbers in three small boats boarded a barge under tow.");
        // as the map's form sends it: date_only true with the date's 00:00Z, the type changed
        Reply form = call(ALICE, "PUT", path, report(1.1833, 103.6167, "").replace("\"time\":\"2025-03-01T02:59:00Z\"",
                "\"time\":\"2015-01-08T00:00:00Z\",\"date_only\":true,\"local_time\":\"14:30\"").replace("robbery", "boarding"));
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.json().get("type").asText()).isEqualTo("boarding");
        assertThat(form.json().get("date_only").asBoolean()).isTrue();
        assertThat(form.json().get("local_time").asText()).isEqualTo("14:30");
        assertThat(get(ALICE, path).json().get("local_time").asText()).isEqualTo("14:30");

        // a local time beside a UTC time is refused, whichever way the time is given, and nothing changes
        String utc = report(1.1833, 103.6167, "").replace("\"time\":\"2025-03-01T02:59:00Z\"",
                "\"time\":\"2015-01-08T06:30:00Z\",\"local_time\":\"14:30\"");
        assertError(call(ALICE, "PUT", path, utc), 400, "local_time is the local time of day of a report whose UTC time is not known:"
                + " it goes with date_only true (or a time given as a date)");
        assertError(call(ALICE, "PUT", path, utc.replace("\"local_time\"", "\"date_only\":false,\"local_time\"")), 400,
                "local_time is the local time of day of a report whose UTC time is not known");
        assertError(call(ALICE, "PUT", path, utc.replace("\"local_time\":\"14:30\"", "\"date_only\":\"yes\"")), 400,
                "date_only must be true or false");
        assertError(call(ALICE, "PUT", path, dated.replace("14:30", "2:30")), 400,
                "local_time must be a time of day hh:mm (00:00..23:59): \"2:30\"");
        assertThat(get(ALICE, path).json().get("date_only").asBoolean()).isTrue();

        // a UTC time given, without a local time: a timed report
        Reply timed = call(ALICE, "PUT", path, utc.replace(",\"local_time\":\"14:30\"", ",\"date_only\":false"));
        assertThat(timed.status()).as(timed.body()).isEqualTo(200);
        assertThat(timed.json().get("time").asText()).isEqualTo("2015-01-08T06:30:00Z");
        assertThat(timed.json().has("date_only")).isFalse();
        assertThat(timed.json().has("local_time")).isFalse();
    }

    @Test
    void editShareCategoryAndDelete() throws Exception {
        String id = create(ALICE, report(1.2, 103.8, "")).get("id").asText();
        Reply edit = call(ALICE, "PUT", "/api/incidents/" + id, report(1.2, 103.8, "").replace("\"knives\"", "\"guns\""));
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(edit.json().get("weapons").asText()).isEqualTo("guns");
        assertThat(edit.json().get("category_computed").asText()).isEqualTo("CAT 2");
        assertThat(edit.json().get("created").asText()).isNotEqualTo(edit.json().get("updated").asText());
        assertError(call(ALICE, "PUT", "/api/incidents/" + id, "{\"lat\":1}"), 400, "time is required");
        assertError(call(VIEWER, "PUT", "/api/incidents/" + id, report(1, 103, "")), 403, "analyst role");

        // Share with partner p1: pat (p1) sees it, then may not edit it (owner organisation only).
        assertError(get(PAT, "/api/incidents/" + id), 404, "no incident with id");
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"BLUE\"}"), 400, "unknown TLP marking");
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"orgs\":[\"p1\"]}"), 400, "unknown field 'orgs'");
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"shared_with\":\"p1\"}"), 400,
                "shared_with must be an array");
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"AMBER\",\"shared_with\":[\"p1\",\"no-such-org\"]}"),
                400, "shared_with names no organisation of this server: 'no-such-org' (names are exact, as the host's administrators"
                        + " gave them)");
        Reply share = call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"AMBER\",\"shared_with\":[\"p1\"]}");
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        assertThat(share.json().get("shared_with").get(0).asText()).isEqualTo("p1");
        assertThat(get(PAT, "/api/incidents/" + id).status()).isEqualTo(200);
        assertError(call(PAT, "PUT", "/api/incidents/" + id, report(1, 103, "")), 403, "only organisation host may edit");
        assertError(call(PAT, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"CLEAR\"}"), 403,
                "only organisation host may share");
        // a list the marking does not use is refused when given; one left out keeps its value across TLP changes
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"AMBER+STRICT\",\"shared_with\":[\"p1\"]}"),
                400, "shared_with has no effect under TLP:AMBER+STRICT (the owning organisation only): mark it AMBER to share it"
                        + " with other organisations, or leave shared_with out");
        assertError(call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"GREEN\",\"recipients\":[\"pat\"]}"),
                400, "recipients has no effect under TLP:GREEN: only RED limits an item to named recipients; mark it RED, or leave"
                        + " recipients out");
        Reply strict = call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"AMBER+STRICT\"}");
        assertThat(strict.status()).as(strict.body()).isEqualTo(200);
        assertError(get(PAT, "/api/incidents/" + id), 404, "no incident with id");
        Reply amberAgain = call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"AMBER\"}");
        assertThat(amberAgain.json().get("shared_with").get(0).asText()).as(amberAgain.body()).isEqualTo("p1");
        assertThat(get(PAT, "/api/incidents/" + id).status()).isEqualTo(200);

        // Category override: reason required; kept apart from the computed value; null returns to it.
        String path = "/api/incidents/" + id + "/category";
        assertError(call(ALICE, "PUT", path, "{\"category\":\"CAT 1\"}"), 400, "reason is required");
        assertError(call(ALICE, "PUT", path, "{\"category\":\"CAT 1\",\"reason\":\"  \"}"), 400, "reason is required");
        assertError(call(ALICE, "PUT", path, "{\"category\":\"CAT 7\",\"reason\":\"x\"}"), 400, "unknown category 'CAT 7'");
        assertError(call(ALICE, "PUT", path, "{\"reason\":\"x\"}"), 400, "category is required");
        assertError(call(ALICE, "PUT", path, "{}"), 400,
                "category is required: CAT 1..CAT 4, or null to return to the computed one");
        assertError(call(ALICE, "PUT", path, "{\"category\":\"\",\"reason\":\"x\"}"), 400,
                "category is empty: CAT 1..CAT 4, or null to return to the computed one");
        assertError(call(ALICE, "PUT", path, "{\"category\":null}"), 400,
                "reason is required: say why the computed category applies again");
        assertError(call(ALICE, "PUT", path, "{\"categroy\":\"CAT 1\",\"reason\":\"x\"}"), 400,
                "unknown field 'categroy'; a category override has category, reason");
        assertError(call(PAT, "PUT", path, "{\"category\":\"CAT 1\",\"reason\":\"x\"}"), 403, "only organisation host");
        Reply cat = call(ALICE, "PUT", path, "{\"category\":\"CAT 1\",\"reason\":\"master later reported a crew member missing\"}");
        assertThat(cat.status()).as(cat.body()).isEqualTo(200);
        assertThat(cat.json().get("category").asText()).isEqualTo("CAT 1");
        assertThat(cat.json().get("category_computed").asText()).isEqualTo("CAT 2");
        assertThat(cat.json().get("category_override").get("by").asText()).isEqualTo("alice");
        assertThat(get(ALICE, "/api/incidents?category=CAT%201&q=" + id).json().get("count").asInt()).isEqualTo(1);
        Reply back = call(ALICE, "PUT", path, "{\"category\":null,\"reason\":\"checked again\"}");
        assertThat(back.json().get("category").asText()).isEqualTo("CAT 2");
        assertThat(back.json().has("category_override")).isFalse();
        // an approach is not an actual incident: ReCAAP gives it no category, nor may an analyst
        String approach = create(ALICE, report(1.2, 103.8, "").replace("robbery", "suspicious_approach")).get("id").asText();
        assertError(call(ALICE, "PUT", "/api/incidents/" + approach + "/category", "{\"category\":\"CAT 2\",\"reason\":\"x\"}"),
                400, "a ReCAAP category is for actual incidents (boarding, robbery, hijacking, kidnapping), not a suspicious_approach");

        assertError(call(PAT, "DELETE", "/api/incidents/" + id, null), 403,
                "deleting incident " + id + " needs the admin role, or to be its creator (alice)");
        assertError(call(VIEWER, "DELETE", "/api/incidents/" + id, null), 403, "analyst role");
        assertThat(call(HADMIN, "DELETE", "/api/incidents/" + id, null).status()).isEqualTo(204);
        assertError(get(ALICE, "/api/incidents/" + id), 404, "no incident with id");
        assertError(call(HADMIN, "DELETE", "/api/incidents/" + id, null), 404, "no incident with id");
        // a RED report that names no admin: no admin sees it, so its creator withdraws it
        String red = create(ALICE, report(1.2, 103.8, ",\"tlp\":\"RED\",\"recipients\":[\"pat\"]")).get("id").asText();
        assertError(call(HADMIN, "DELETE", "/api/incidents/" + red, null), 404, "no incident with id");
        assertError(call(PAT, "DELETE", "/api/incidents/" + red, null), 403, "needs the admin role, or to be its creator (alice)");
        assertThat(call(ALICE, "DELETE", "/api/incidents/" + red, null).status()).isEqualTo(204);
        assertError(get(PAT, "/api/incidents/" + red), 404, "no incident with id");

        // The audit trail holds who created, changed, shared, categorised, read and deleted it, in order,
        // and its hash chain verifies.
        List<JsonNode> entries = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(data.resolve("audit.log"))) {
            JsonNode e = Rows.JSON.readTree(line);
            if (e.get("target").asText().equals("incident:" + id) || e.get("target").asText().contains("/api/incidents/" + id)) {
                entries.add(e);
            }
        }
        List<String> trail = new ArrayList<>();
        for (JsonNode e : entries) {
            if (e.path("detail").path("status").asText().startsWith("2")) {
                trail.add(e.get("user").asText() + " " + e.get("action").asText() + " "
                        + e.path("detail").path("change").asText(e.get("target").asText().startsWith("incident:") ? "-" : "read"));
            }
        }
        assertThat(trail).containsSubsequence("alice create -", "alice change report", "alice change share", "pat read read",
                "alice change category", "alice change category", "hadmin delete -");
        JsonNode shared = entries.stream().filter(e -> "share".equals(e.path("detail").path("change").asText())).findFirst().orElseThrow();
        assertThat(shared.get("org").asText()).isEqualTo("host");
        assertThat(shared.get("detail").get("tlp").asText()).isEqualTo("AMBER");
        assertThat(shared.get("detail").get("shared_with").asText()).isEqualTo("p1");
        assertThat(shared.get("detail").get("token").asText()).isNotBlank();
        assertThat(AuditLog.verify(data.resolve("audit.log"), null).ok()).isTrue();
    }

    @Test
    void visibilityFollowsTlpAndPolicyAnd404sTheRest() throws Exception {
        String red = create(ALICE, report(1.25, 103.9, ",\"tlp\":\"RED\",\"recipients\":[\"paul\"]")).get("id").asText();
        String strict = create(ALICE, report(1.25, 103.9, ",\"tlp\":\"AMBER+STRICT\"")).get("id").asText();
        String amber = create(ALICE, report(1.25, 103.9, ",\"shared_with\":[\"p1\",\"p3\"]")).get("id").asText();
        String clearIn = create(ALICE, report(1.25, 103.9, ",\"tlp\":\"CLEAR\"")).get("id").asText();
        String clearOut = create(ALICE, report(40.0, 10.0, ",\"tlp\":\"CLEAR\"")).get("id").asText();
        String patOwn = create(PAT, report(50.0, 0.0, ",\"tlp\":\"RED\"")).get("id").asText();
        Map<String, List<String>> seen = new TreeMap<>();
        for (String who : List.of(ALICE, VIEWER, PAT, PAUL, QUINN, RITA)) {
            List<String> ids = new ArrayList<>();
            for (String id : List.of(red, strict, amber, clearIn, clearOut, patOwn)) {
                Reply r = get(who, "/api/incidents/" + id);
                assertThat(r.status()).isIn(200, 404);
                if (r.status() == 200) {
                    ids.add(id);
                }
            }
            seen.put(who.split("\\|")[0], ids);
            // The list route agrees with the single-incident route.
            List<String> listed = new ArrayList<>();
            get(who, "/api/incidents?limit=100000").json().get("incidents").forEach(x -> listed.add(x.get("id").asText()));
            assertThat(listed).containsAll(ids);
            for (String id : List.of(red, strict, amber, clearIn, clearOut, patOwn)) {
                if (!ids.contains(id)) {
                    assertThat(listed).doesNotContain(id);
                }
            }
        }
        // alice: host organisation, creator of all but pat's RED report (pat is its only recipient).
        assertThat(seen.get("alice")).containsExactly(red, strict, amber, clearIn, clearOut);
        // vera (host, not a recipient): not the RED one.
        assertThat(seen.get("vera")).containsExactly(strict, amber, clearIn, clearOut);
        // pat (p1): AMBER shared with p1, both CLEAR (policy everywhere), his own RED report.
        assertThat(seen.get("pat")).containsExactly(amber, clearIn, clearOut, patOwn);
        // paul (p1): named recipient of the RED report.
        assertThat(seen.get("paul")).containsExactly(red, amber, clearIn, clearOut);
        // quinn (p2, no policy): nothing at all.
        assertThat(seen.get("quinn")).isEmpty();
        // rita (p3, incidents only around Singapore): the AMBER one shared with p3 and the CLEAR one inside the area.
        assertThat(seen.get("rita")).containsExactly(amber, clearIn);
        // Routes behind an incident 404 for an invisible incident too.
        assertError(get(QUINN, "/api/incidents/" + clearIn + "/nearby"), 404, "no incident with id");
        assertError(call(QUINN, "PUT", "/api/incidents/" + clearIn + "/category", "{\"category\":\"CAT 1\",\"reason\":\"x\"}"),
                404, "no incident with id");
        // STIX export for rita holds exactly her two incidents.
        JsonNode stix = get(RITA, "/api/export/stix").json();
        List<String> ids = new ArrayList<>();
        stix.get("objects").forEach(o -> {
            if (o.get("type").asText().equals("incident")) {
                ids.add(o.get("x_watchkeeper_id").asText());
            }
        });
        ids.retainAll(List.of(red, strict, amber, clearIn, clearOut, patOwn)); // other tests' reports may be visible too
        assertThat(ids).containsExactlyInAnyOrder(amber, clearIn);
        for (String id : List.of(red, strict, amber, clearIn, clearOut, patOwn)) {
            assertThat(call(HADMIN, "DELETE", "/api/incidents/" + id, null).status()).isIn(204, 404);
        }
    }

    /** Brute force over every stored track: per vessel its closest fix within {@code radiusM}, {distance, time}. */
    static Map<String, double[]> bruteForce(double lat, double lon, double radiusM, long from, long to) {
        Map<String, double[]> expected = new TreeMap<>();
        for (VesselPresence v : server.store().vesselsInBox(-90, -180, 90, 180, from, to)) {
            double best = Double.MAX_VALUE;
            long when = 0;
            for (PositionRow p : server.store().track(v.mmsi(), from, to)) {
                double d = GeoMath.haversineMetres(lat, lon, p.lat(), p.lon());
                if (d < best) {
                    best = d;
                    when = p.timeMillis();
                }
            }
            if (best <= radiusM) {
                expected.put(String.format("%09d", v.mmsi()), new double[] {best, when});
            }
        }
        return expected;
    }

    static void assertMatchesBruteForce(JsonNode near, Map<String, double[]> expected) {
        Map<String, double[]> got = new TreeMap<>();
        near.get("vessels").forEach(v -> got.put(v.get("mmsi").asText(),
                new double[] {v.get("distance_m").asDouble(), Instant.parse(v.get("time").asText()).toEpochMilli()}));
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        assertThat(near.get("count").asInt()).isEqualTo(expected.size());
        double last = 0;
        for (JsonNode v : near.get("vessels")) {
            String m = v.get("mmsi").asText();
            assertThat(got.get(m)[0]).as(m).isCloseTo(expected.get(m)[0], org.assertj.core.data.Offset.offset(0.06));
            assertThat(got.get(m)[0]).isGreaterThanOrEqualTo(last); // closest first
            last = got.get(m)[0];
        }
    }

    /**
     * Along the tracks every vessel found at its fixes is found again, no farther, with the same fix when not
     * interpolated, and an interpolated approach lies strictly between the two fixes it names.
     */
    static void assertAlongTracksNoFarther(JsonNode along, JsonNode fixes) {
        Map<String, JsonNode> byMmsi = new TreeMap<>();
        along.get("vessels").forEach(v -> byMmsi.put(v.get("mmsi").asText(), v));
        assertThat(along.get("count").asInt()).isGreaterThanOrEqualTo(fixes.get("count").asInt());
        for (JsonNode f : fixes.get("vessels")) {
            JsonNode a = byMmsi.get(f.get("mmsi").asText());
            assertThat(a).as(f.get("mmsi").asText()).isNotNull();
            assertThat(a.get("distance_m").asDouble()).isLessThanOrEqualTo(f.get("distance_m").asDouble());
        }
        for (JsonNode a : along.get("vessels")) {
            if (a.get("interpolated").asBoolean()) {
                Instant t = Instant.parse(a.get("time").asText());
                assertThat(Instant.parse(a.get("between").get(0).asText())).isBefore(t);
                assertThat(Instant.parse(a.get("between").get(1).asText())).isAfter(t);
            } else {
                assertThat(a.has("between")).isFalse();
            }
        }
    }

    @Test
    void whoWasThereOnTheVictimsOwnTrack() throws Exception {
        // The incident is put on the 538004030 track (DMA "drift" case, Kattegat, 2014-09-28) at its middle fix.
        List<PositionRow> track = server.store().track(538004030, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
        assertThat(track).hasSizeGreaterThan(IncidentApi.MAX_SNIPPET_POINTS);
        PositionRow fix = track.get(track.size() / 2);
        String body = "{\"time\":\"" + Instant.ofEpochMilli(fix.timeMillis()) + "\",\"lat\":" + fix.lat() + ",\"lon\":"
                + fix.lon() + ",\"type\":\"suspicious_approach\",\"victim\":{\"mmsi\":\"538004030\"}}";
        String id = create(ALICE, body).get("id").asText();
        JsonNode near = get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=20&hours=2&fixes_only=true").json();
        long from = fix.timeMillis() - 2 * 3600_000L;
        long to = fix.timeMillis() + 2 * 3600_000L;
        assertThat(near.get("from").asText()).isEqualTo(Instant.ofEpochMilli(from).toString());
        assertMatchesBruteForce(near, bruteForce(fix.lat(), fix.lon(), 20_000, from, to));
        JsonNode self = near.get("vessels").get(0);
        assertThat(self.get("mmsi").asText()).isEqualTo("538004030");
        assertThat(self.get("name").asText()).isEqualTo("FRIO");
        // flag and class beside the name, as /api/near and query near give them
        assertThat(self.get("flag").asText()).isEqualTo("MH");
        assertThat(self.get("class").asText()).isEqualTo("A");
        assertThat(self.get("distance_m").asDouble()).isEqualTo(0.0);
        assertThat(self.get("time").asText()).isEqualTo(Instant.ofEpochMilli(fix.timeMillis()).toString());
        assertThat(self.get("interpolated").asBoolean()).isFalse();
        assertAlongTracksNoFarther(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=20&hours=2").json(), near);
        long inWindow = track.stream().filter(p -> p.timeMillis() >= from && p.timeMillis() <= to).count();
        assertThat(inWindow).isGreaterThan(IncidentApi.MAX_SNIPPET_POINTS);
        assertThat(self.get("track_points").asLong()).isEqualTo(IncidentApi.MAX_SNIPPET_POINTS); // thinned
        assertThat(self.get("track").get("type").asText()).isEqualTo("LineString");
        // The victim's own track, by MMSI, from its first fix in the window.
        assertThat(near.get("victim").get("mmsi").asText()).isEqualTo("538004030");
        assertThat(near.get("victim").get("matched_by").asText()).isEqualTo("mmsi");
        assertThat(near.get("victim").get("track_times").get(0).asText())
                .isEqualTo(Instant.ofEpochMilli(track.stream().filter(p -> p.timeMillis() >= from).findFirst()
                        .orElseThrow().timeMillis()).toString());
        // Shared as CLEAR: rita's policy (incidents around Singapore only) still hides it; pat's shows it and the vessels.
        call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"tlp\":\"CLEAR\"}");
        assertError(get(RITA, "/api/incidents/" + id + "/nearby?radius_km=20&hours=2"), 404, "no incident with id");
        assertThat(get(PAT, "/api/incidents/" + id + "/nearby?radius_km=20&hours=2").json().get("count").asInt()).isEqualTo(1);
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=0"), 400, "radius_km must be > 0 and <= 500: 0");
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=900"), 400, "radius_km must be > 0 and <= 500: 900");
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?hours=-1"), 400, "hours must be in 0..168");
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?hours=abc"), 400, "hours must be a number");
        // given empty, a measure is a 400 naming it, not its default unseen
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km="), 400,
                "radius_km is empty: give a radius in km, > 0 and <= 500, or leave it out for 10 km");
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=5&hours="), 400,
                "hours is empty: give hours either side of the incident time, 0..168, or leave it out for 6 h");
        assertError(get(ALICE, "/api/incidents/" + id + "/nearby?fixes_only="), 400,
                "fixes_only is empty: give true or false, or leave it out for false");
    }

    @Test
    void whoWasThereInTheSoundOnABusyLog() throws Exception {
        // DMA ais-sample: Danish waters, 2013-11-12 12:00-12:05 UTC. An incident in the Sound off Helsingør at 12:02:30.
        double lat = 56.04;
        double lon = 12.62;
        Instant t = Instant.parse("2013-11-12T12:02:30Z");
        // The victim is named by IMO only: a vessel of the log with a valid IMO number and a track in the window.
        VesselRow victim = server.store().vessels().stream()
                .filter(v -> v.imo() > 0 && org.watchkeeper.core.incident.Imo.isValid(v.imo()) && !server.store()
                        .track(v.mmsi(), t.toEpochMilli() - 3600_000L, t.toEpochMilli() + 3600_000L).isEmpty())
                .findFirst().orElseThrow();
        String body = "{\"time\":\"" + t + "\",\"lat\":" + lat + ",\"lon\":" + lon + ",\"type\":\"boarding\","
                + "\"victim\":{\"imo\":" + victim.imo() + "}}";
        String id = create(ALICE, body).get("id").asText();
        JsonNode near = get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=5&hours=1&fixes_only=true").json();
        Map<String, double[]> expected = bruteForce(lat, lon, 5000, t.toEpochMilli() - 3600_000L, t.toEpochMilli() + 3600_000L);
        assertThat(expected.size()).isGreaterThanOrEqualTo(5);
        assertMatchesBruteForce(near, expected);
        assertAlongTracksNoFarther(get(ALICE, "/api/incidents/" + id + "/nearby?radius_km=5&hours=1").json(), near);
        assertThat(near.get("vessels")).allMatch(v -> v.has("track") && v.get("track_points").asInt() >= 1);
        // track coordinates to 6 decimals (about 0.1 m), as every coordinate the API gives
        List<Double> coords = new java.util.ArrayList<>();
        near.get("vessels").forEach(v -> collectNumbers(v.get("track").get("coordinates"), coords));
        assertThat(coords).isNotEmpty().allMatch(x -> x == Math.round(x * 1e6) / 1e6);
        assertThat(near.get("victim").get("mmsi").asText()).isEqualTo(String.format("%09d", victim.mmsi()));
        assertThat(near.get("victim").get("matched_by").asText()).isEqualTo("imo");
        assertThat(near.get("victim").get("track_points").asInt()).isGreaterThanOrEqualTo(1);
        StringBuilder sb = new StringBuilder();
        near.get("vessels").forEach(v -> sb.append(v.get("mmsi").asText()).append(' ').append(v.path("name").asText("?"))
                .append(' ').append(v.get("distance_m").asText()).append(" m at ").append(v.get("time").asText()).append("; "));
        System.out.println("who was there (Sound, 5 km, ±1 h): " + near.get("count") + " vessels: " + sb);
    }

    @Test
    void importExportsAndOpenApi() throws Exception {
        String head = String.join("\n", List.of(
                "reference,date,position,navArea,subreg,hostility,victim,description,",
                "2022-148,2022-05-28,\"1°07'00\"\"N", "103°31'00\"\"E\",XI,71,,Marshall Islands-flagged bulk carrier MAGNUM ENERG,"
                        + "\"INDONESIA: three robbers armed with knives boarded MAGNUM ENERGY underway and escaped with stolen engine spare parts.\",",
                "bad-1,2022-13-01,\"1°07'00\"\"N", "103°31'00\"\"E\",XI,71,,x,y,"));
        assertError(call(ALICE, "POST", "/api/incidents/import?format=asam", head), 403, "admin role");
        assertError(call(HADMIN, "POST", "/api/incidents/import?format=xls", head), 400, "format must be asam or imb");
        assertError(call(HADMIN, "POST", "/api/incidents/import?format=asam", ""), 400, "a CSV body is required");
        assertError(call(HADMIN, "POST", "/api/incidents/import?format=imb", head), 400, "lacks the column(s) [time");
        Reply imp = call(HADMIN, "POST", "/api/incidents/import?format=asam", head);
        assertThat(imp.status()).as(imp.body()).isEqualTo(200);
        assertThat(imp.json().get("imported").asInt()).isEqualTo(1);
        assertThat(imp.json().get("updated").asInt()).isZero();
        assertThat(imp.json().get("unchanged").asInt()).isZero();
        assertThat(imp.json().get("rejected").toString()).isEqualTo("[{\"line\":4,\"reason\":\"date '2022-13-01' is not YYYY-MM-DD\"}]");
        JsonNode i = get(QUINN, "/api/incidents/asam-2022-148").json();
        assertThat(i.has("error")).isTrue(); // CLEAR, but p2's policy grants no incidents
        i = get(PAT, "/api/incidents/asam-2022-148").json();
        assertThat(i.get("tlp").asText()).isEqualTo("CLEAR");
        assertThat(i.get("victim").get("name").asText()).isEqualTo("MAGNUM ENERGY");
        assertThat(i.get("category").asText()).isEqualTo("CAT 3");
        // a list the limit cut says so
        JsonNode everything = get(HADMIN, "/api/incidents?limit=100000").json();
        assertThat(everything.get("truncated").asBoolean()).isFalse();
        assertThat(everything.get("count").asInt()).isGreaterThan(1);
        JsonNode one = get(HADMIN, "/api/incidents?limit=1").json();
        assertThat(one.get("count").asInt()).isEqualTo(1);
        assertThat(one.get("truncated").asBoolean()).isTrue();
        JsonNode exact = get(HADMIN, "/api/incidents?limit=" + everything.get("count").asInt()).json();
        assertThat(exact.get("truncated").asBoolean()).isFalse();

        Reply geo = get(PAT, "/api/export/incidents.geojson?q=asam-2022-148");
        assertThat(geo.type()).startsWith("application/geo+json");
        JsonNode f = geo.json().get("features").get(0);
        assertThat(f.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(103.516667); // 103° 31', kept to 6 decimals
        assertThat(f.get("properties").get("reference").asText()).isEqualTo("2022-148");
        Reply csv = get(PAT, "/api/export/incidents.csv?q=asam-2022-148");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,time,date_only,local_time,lat,lon,place,type,category,");
        assertThat(lines[1]).startsWith("asam-2022-148,2022-05-28T00:00:00Z,true,,1.116667,103.516667,"
                + "INDONESIA,robbery,CAT 3,CAT 3,MAGNUM ENERGY,");
        assertThat(lines).hasSize(2);
        // sharing (none here) and the narrative last
        assertThat(lines[0]).endsWith(",tlp,owner_org,shared_with,recipients,created_by,created,updated,possible_duplicates,narrative");
        assertThat(lines[1]).contains(",CLEAR,host,,,hadmin,").endsWith(",INDONESIA: three robbers armed with knives boarded"
                + " MAGNUM ENERGY underway and escaped with stolen engine spare parts.");
        Reply kml = get(PAT, "/api/export/incidents.kml?q=asam-2022-148");
        // known to the day only: named and stamped with its date, not a midnight it does not know
        assertThat(kml.body()).contains("<name>robbery 2022-05-28</name><TimeStamp><when>2022-05-28</when></TimeStamp>")
                .contains("<coordinates>103.516667,1.116667</coordinates>");
        assertThat(kml.disposition()).isEqualTo("attachment; filename=\"incidents-asam-2022-148.kml\"");
        assertThat(get(PAT, "/api/export/incidents.csv?type=robbery&category=CAT%203&bbox=103,0.5,105,2&from=2022-01-01")
                .disposition()).isEqualTo("attachment; filename=\"incidents-robbery-CAT_3-bbox-103+0.5+105+2-from-20220101.csv\"");
        assertError(get(PAT, "/api/export/incidents.xls"), 400, "export format must be geojson, csv or kml: incidents.xls");
        // Every incident export is signed with the server's Ed25519 key, over the exact body bytes.
        java.security.PublicKey key = ExportSigner.readPublicKey(data.resolve("signing-key.pub.pem"));
        for (Reply x : List.of(geo, csv, kml)) {
            assertThat(x.signature()).as(x.type()).isNotNull();
            assertThat(ExportSigner.verify(key, x.body().getBytes(StandardCharsets.UTF_8), x.signature())).isTrue();
            assertThat(ExportSigner.verify(key, (x.body() + " ").getBytes(StandardCharsets.UTF_8), x.signature())).isFalse();
        }

        Reply stixReply = get(PAT, "/api/export/stix?q=asam-2022-148&from=2022-05-01&to=2022-06-01");
        assertThat(ExportSigner.verify(key, stixReply.body().getBytes(StandardCharsets.UTF_8), stixReply.signature())).isTrue();
        JsonNode stix = stixReply.json();
        assertThat(stix.get("type").asText()).isEqualTo("bundle");
        JsonNode md = stix.get("objects").get(0);
        assertThat(md.get("type").asText()).isEqualTo("marking-definition");
        assertThat(md.get("id").asText()).isEqualTo("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487");
        assertThat(md.get("name").asText()).isEqualTo("TLP:CLEAR");
        assertThat(md.get("extensions").get("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
                .get("tlp_2_0").asText()).isEqualTo("clear");
        List<String> types = new ArrayList<>();
        stix.get("objects").forEach(o -> types.add(o.get("type").asText()));
        assertThat(types).containsExactly("marking-definition", "incident", "location", "relationship");
        JsonNode inc = stix.get("objects").get(1);
        assertThat(inc.get("object_marking_refs").get(0).asText()).isEqualTo(md.get("id").asText());
        assertThat(inc.get("external_references").get(0).get("external_id").asText()).isEqualTo("2022-148");
        assertThat(stix.get("objects").get(2).get("latitude").asDouble()).isEqualTo(1.116667); // 1° 07' N to 6 decimals
        assertThat(stix.get("objects").get(3).get("source_ref").asText()).isEqualTo(inc.get("id").asText());
        // With the detector events of the real log (a GREEN marking definition joins).
        JsonNode all = get(ALICE, "/api/export/stix").json();
        assertThat(all.get("objects")).anyMatch(o -> o.get("type").asText().equals("observed-data"));
        assertThat(all.get("objects")).anyMatch(o -> o.get("id").asText()
                .equals("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"));

        JsonNode api = get(ALICE, "/openapi.json").json();
        List<String> paths = new ArrayList<>();
        api.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/share",
                "/api/incidents/{id}/category", "/api/incidents/{id}/nearby", "/api/incidents/import",
                "/api/export/incidents.geojson", "/api/export/stix", "/api/vessels", "/api/stream");
        assertThat(api.get("components").get("schemas").has("Incident")).isTrue();
        assertThat(api.get("components").get("schemas").has("Vessel")).isTrue();
    }

    static String asamRow(String reference, String description) {
        return reference + ",2022-05-27,\"1°09'00\"\"N\n103°40'00\"\"E\",XI,71,,bulk carrier,\"" + description + "\",";
    }

    static final String ASAM_HEAD = "reference,date,position,navArea,subreg,hostility,victim,description,\n";

    @Test
    void importKeepsTheMarkingSharingAndCategoryOfReportsHeldAndNeverTouchesAnotherOrganisations() throws Exception {
        user("pam", "p1", "admin");
        String csv = ASAM_HEAD + asamRow("2031-146", "SINGAPORE: three robbers armed with knives boarded and stole engine spares.") + "\n"
                + asamRow("2031-147", "SINGAPORE: robbers boarded and escaped with stores.") + "\n";
        Reply first = call(HADMIN, "POST", "/api/incidents/import?format=asam", csv);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().toString()).isEqualTo("{\"imported\":2,\"updated\":0,\"unchanged\":0,\"rejected\":[]}");
        // the host marks one AMBER+STRICT and overrides its category
        Reply share = call(HADMIN, "POST", "/api/incidents/asam-2031-146/share", "{\"tlp\":\"AMBER+STRICT\"}");
        assertThat(share.status()).as(share.body()).isEqualTo(200);
        Reply cat = call(HADMIN, "PUT", "/api/incidents/asam-2031-146/category", "{\"category\":\"CAT 1\",\"reason\":\"crew threatened\"}");
        assertThat(cat.status()).as(cat.body()).isEqualTo(200);
        assertError(get(PAT, "/api/incidents/asam-2031-146"), 404, "no incident");
        JsonNode before = get(HADMIN, "/api/incidents/asam-2031-146").json();

        // the same file again: nothing is changed, nothing counted as imported
        Reply again = call(HADMIN, "POST", "/api/incidents/import?format=asam", csv);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().toString()).isEqualTo("{\"imported\":0,\"updated\":0,\"unchanged\":2,\"rejected\":[]}");
        assertThat(get(HADMIN, "/api/incidents/asam-2031-146").json()).isEqualTo(before);
        assertError(get(PAT, "/api/incidents/asam-2031-146"), 404, "no incident");

        // a changed row updates the report fields only, and is audited on the incident
        String changed = ASAM_HEAD + asamRow("2031-146", "SINGAPORE: four robbers armed with knives boarded and stole engine spares.") + "\n";
        Reply upd = call(HADMIN, "POST", "/api/incidents/import?format=asam", changed);
        assertThat(upd.json().toString()).isEqualTo("{\"imported\":0,\"updated\":1,\"unchanged\":0,\"rejected\":[]}");
        JsonNode after = get(HADMIN, "/api/incidents/asam-2031-146").json();
        assertThat(after.get("narrative").asText()).startsWith("SINGAPORE: four robbers");
        assertThat(after.get("tlp").asText()).isEqualTo("AMBER+STRICT");
        assertThat(after.get("owner_org").asText()).isEqualTo("host");
        assertThat(after.get("created_by").asText()).isEqualTo(HADMIN);
        assertThat(after.get("category").asText()).isEqualTo("CAT 1");
        assertThat(after.get("category_override").get("reason").asText()).isEqualTo("crew threatened");
        assertError(get(PAT, "/api/incidents/asam-2031-146"), 404, "no incident");
        List<String> audit = java.nio.file.Files.readAllLines(data.resolve("audit.log"));
        assertThat(audit).anyMatch(l -> l.contains("\"action\":\"change\"") && l.contains("\"target\":\"incident:asam-2031-146\"")
                && l.contains("\"change\":\"import\"") && l.contains("\"user\":\"hadmin\""));
        assertThat(audit).anyMatch(l -> l.contains("\"target\":\"POST /api/incidents/import?format=asam\"")
                && l.contains("\"imported\":\"0\"") && l.contains("\"updated\":\"1\"") && l.contains("\"unchanged\":\"0\""));

        // a partner's admin reusing the reference: its rows become reports of its own (ids prefixed with its
        // organisation), the host's report is not touched
        String forged = ASAM_HEAD + asamRow("2031-146", "FORGED BY PARTNER ADMIN PAM") + "\n"
                + asamRow("2031-900", "SINGAPORE: a report of p1's own.") + "\n";
        Reply pam = call("pam", "POST", "/api/incidents/import?format=asam", forged);
        assertThat(pam.status()).as(pam.body()).isEqualTo(200);
        assertThat(pam.json().toString()).isEqualTo("{\"imported\":2,\"updated\":0,\"unchanged\":0,\"rejected\":[]}");
        assertThat(get(HADMIN, "/api/incidents/asam-2031-146").json()).isEqualTo(after);
        assertThat(get(PAT, "/api/incidents/p1.asam-2031-146").json().get("narrative").asText()).isEqualTo("FORGED BY PARTNER ADMIN PAM");
        assertThat(get(PAT, "/api/incidents/p1.asam-2031-900").json().get("owner_org").asText()).isEqualTo("p1");
        // nor does the partner's import block the host's later import of a reference it imported first
        Reply hostAgain = call(HADMIN, "POST", "/api/incidents/import?format=asam", ASAM_HEAD + asamRow("2031-900", "host text") + "\n");
        assertThat(hostAgain.json().toString()).isEqualTo("{\"imported\":1,\"updated\":0,\"unchanged\":0,\"rejected\":[]}");
        assertThat(get(HADMIN, "/api/incidents/asam-2031-900").json().get("owner_org").asText()).isEqualTo("host");
        assertThat(get(PAT, "/api/incidents/p1.asam-2031-900").json().get("narrative").asText()).isEqualTo("SINGAPORE: a report of p1's own.");
        // the partner importing again updates its own copy only
        Reply pamAgain = call("pam", "POST", "/api/incidents/import?format=asam", ASAM_HEAD + asamRow("2031-900", "SINGAPORE: p1 revised.") + "\n");
        assertThat(pamAgain.json().toString()).isEqualTo("{\"imported\":0,\"updated\":1,\"unchanged\":0,\"rejected\":[]}");
        assertThat(get(HADMIN, "/api/incidents/asam-2031-900").json().get("narrative").asText()).startsWith("host text");
    }

    @Test
    void streamSendsIncidentsOnlyToCallersWhoMaySeeThem() throws Exception {
        BlockingQueue<String> pat = open(PAT);
        BlockingQueue<String> quinn = open(QUINN);
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.stream().clients() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        // 1: AMBER, not shared — neither partner. 2: CLEAR — pat (policy grants incidents), not quinn (no policy).
        // 3: AMBER shared with p2 — not pat (not shared with p1), not quinn (its policy grants no incidents).
        // 4: quinn's own report — quinn (owner organisation). Then 1 is shared with p1 — pat.
        String first = create(ALICE, report(1.3, 103.9, "")).get("id").asText();
        String second = create(ALICE, report(1.3, 103.9, ",\"tlp\":\"CLEAR\"")).get("id").asText();
        String third = create(ALICE, report(1.3, 103.9, ",\"shared_with\":[\"p2\"]")).get("id").asText();
        String fourth = create(QUINN, report(1.3, 103.9, "")).get("id").asText();
        Reply sh = call(ALICE, "POST", "/api/incidents/" + first + "/share", "{\"shared_with\":[\"p1\"]}");
        assertThat(sh.status()).isEqualTo(200);
        List<String> patGot = incidents(pat, 2);
        assertThat(patGot).containsExactly(second, first);
        List<String> quinnGot = incidents(quinn, 1);
        assertThat(quinnGot).containsExactly(fourth);
        assertThat(third).isNotIn(patGot);
        for (String id : List.of(first, second, third, fourth)) {
            call(HADMIN, "DELETE", "/api/incidents/" + id, null);
        }
    }

    @Test
    void incidentsSurviveARestartWhileHistoryIsRebuilt(@TempDir Path dir) throws Exception {
        String id;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(dir))) {
            Fixture.Reply r = Fixture.post(s, "/api/incidents", report(1.2, 103.8, ""));
            assertThat(r.status()).isEqualTo(201);
            id = r.json().get("id").asText();
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(dir))) {
            Fixture.Reply r = Fixture.get(s, "/api/incidents/" + id);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("narrative").asText()).isEqualTo("three robbers with knives");
            assertThat(s.incidentStore().incidentCount()).isEqualTo(1);
        }
    }

    /**
     * A partner who saw an incident on the open stream is told it is withdrawn when the owner shares
     * it with fewer (reason {@code not_visible}) or an admin deletes it ({@code deleted}); the owner's
     * own stream gets the changed report, and a withdrawal only when it is deleted. Before, the
     * partner's open map kept showing the report until reloaded.
     */
    @Test
    void streamWithdrawsAnIncidentFromThoseWhoMayNoLongerSeeIt() throws Exception {
        BlockingQueue<String> pat = open(PAT);
        BlockingQueue<String> alice = open(ALICE);
        long deadline = System.currentTimeMillis() + 10_000;
        while (server.stream().clients() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        String id = create(ALICE, report(1.3, 103.9, ",\"shared_with\":[\"p1\"]")).get("id").asText();
        assertThat(messages(pat, 1)).containsExactly("incident " + id);
        Reply unshare = call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"shared_with\":[]}");
        assertThat(unshare.status()).as(unshare.body()).isEqualTo(200);
        assertThat(messages(pat, 1)).containsExactly("incident_withdrawn " + id + " not_visible");
        Reply reshare = call(ALICE, "POST", "/api/incidents/" + id + "/share", "{\"shared_with\":[\"p1\"]}");
        assertThat(reshare.status()).as(reshare.body()).isEqualTo(200);
        assertThat(messages(pat, 1)).containsExactly("incident " + id);
        assertThat(call(HADMIN, "DELETE", "/api/incidents/" + id, null).status()).isEqualTo(204);
        assertThat(messages(pat, 1)).containsExactly("incident_withdrawn " + id + " deleted");
        assertThat(messages(alice, 4)).containsExactly("incident " + id, "incident " + id, "incident " + id,
                "incident_withdrawn " + id + " deleted");
    }

    /** The first {@code n} incident messages, as "name id [reason]" (waits at most 20 s). */
    private static List<String> messages(BlockingQueue<String> q, int n) throws Exception {
        return messages(q, n, name -> name.startsWith("incident"));
    }

    /** The first {@code n} messages whose event name {@code names} admits, as "name id [reason]" (waits at most 20 s). */
    private static List<String> messages(BlockingQueue<String> q, int n, java.util.function.Predicate<String> names) throws Exception {
        List<String> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        String name = null;
        while (out.size() < n && System.currentTimeMillis() < deadline) {
            String line = q.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:") && name != null && names.test(name)) {
                JsonNode m = Rows.JSON.readTree(line.substring(5).strip());
                out.add(name + " " + m.get("id").asText() + (m.has("reason") ? " " + m.get("reason").asText() : ""));
                name = null;
            }
        }
        return out;
    }

    private static BlockingQueue<String> open(String who) {
        return LiveStreamTest.open(server, "/api/stream?kinds=incident", TOKENS.get(who));
    }

    /** The ids of the first {@code n} incident messages (waits at most 20 s). */
    private static List<String> incidents(BlockingQueue<String> q, int n) throws Exception {
        return messages(q, n, "incident"::equals).stream().map(m -> m.substring("incident ".length())).toList();
    }

    /** Every number in a nested coordinate array. */
    private static void collectNumbers(JsonNode n, List<Double> out) {
        if (n.isNumber()) {
            out.add(n.asDouble());
        } else {
            n.forEach(c -> collectNumbers(c, out));
        }
    }
}
