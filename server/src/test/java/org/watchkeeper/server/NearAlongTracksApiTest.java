package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PositionRow;

/**
 * {@code /api/near} and an incident's {@code /nearby} along the tracks: a vessel reporting once an hour by
 * satellite, eastbound at lat -40.0 from lon 150.0 (2025-01-10T00:00Z) to 150.4 (01:00Z), 34.1 km; both fixes
 * lie 17 363.3 m from (-39.97, 150.2), its leg passes 0.03 degree of arc (3 335.9 m) south of it at 00:30Z.
 * Partner p4 may see positions in a box holding the point and the first fix but not the second.
 */
class NearAlongTracksApiTest {
    @TempDir
    static Path data;
    static WatchkeeperServer server;
    static String partner;

    static final int MMSI = 503_999_001;
    static final long T = 1_736_467_200_000L; // 2025-01-10T00:00:00Z
    static final String NEAR = "/api/near?lat=-39.97&lon=150.2";
    static final String P4_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[149.5,-40.5],[150.3,-40.5],[150.3,-39.5],"
            + "[149.5,-39.5],[149.5,-40.5]]]}";

    @BeforeAll
    static void start() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        server.store().appendPositions(List.of(
                new PositionRow(MMSI, T, -40.0, 150.0, 16.0, 90.0, 90, 0, 1, 0, "sat"),
                new PositionRow(MMSI, T + 3_600_000L, -40.0, 150.4, 16.0, 90.0, 90, 0, 1, 0, "sat")));
        String admin = Fixture.ADMIN_TOKEN;
        assertThat(Fixture.postAs(server, admin, "/api/orgs", "{\"id\":\"p4\",\"name\":\"Partner p4\"}").status()).isEqualTo(201);
        Fixture.Reply p = Fixture.putAs(server, admin, "/api/policies/p4",
                "{\"data_classes\":[\"incidents\",\"positions\",\"identities\"],\"areas\":" + P4_AREA + ",\"delay_s\":0}");
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        Fixture.Reply u = Fixture.postAs(server, admin, "/api/users", "{\"name\":\"pia\",\"org\":\"p4\",\"role\":\"analyst\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        Fixture.Reply t = Fixture.postAs(server, admin, "/api/tokens", "{\"user\":\"pia\",\"label\":\"test\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        partner = t.json().get("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode get(String token, String path) throws Exception {
        Fixture.Reply r = Fixture.getAs(server, token, path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void nearFindsTheVesselOnItsLegAndFixesOnlyDoesNot() throws Exception {
        JsonNode r = get(Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5").get("results");
        assertThat(r).hasSize(1);
        assertThat(r.get(0).toString()).isEqualTo("{\"mmsi\":\"503999001\",\"distance_m\":3335.9,"
                + "\"time\":\"2025-01-10T00:30:00Z\",\"lat\":-40.0,\"lon\":150.2,\"interpolated\":true,"
                + "\"between\":[\"2025-01-10T00:00:00Z\",\"2025-01-10T01:00:00Z\"]}");
        assertThat(get(Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5&fixes_only=false").get("results")).isEqualTo(r);
        assertThat(get(Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5&fixes_only=true").get("results")).isEmpty();
        // Fix by fix: the first fix (both are 17 363.3 m away; the earlier wins), not interpolated.
        assertThat(get(Fixture.ADMIN_TOKEN, NEAR + "&radius_km=20&fixes_only=true").get("results").get(0).toString())
                .isEqualTo("{\"mmsi\":\"503999001\",\"distance_m\":17363.3,\"time\":\"2025-01-10T00:00:00Z\","
                        + "\"lat\":-40.0,\"lon\":150.0,\"interpolated\":false}");
        Fixture.Reply bad = Fixture.getAs(server, Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5&fixes_only=yes");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("fixes_only must be true or false: yes");
        assertThat(Fixture.getAs(server, Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5&fixesonly=true").status()).isEqualTo(400);
    }

    @Test
    void aPartnerSeesNoPointBetweenFixesItMayNotSee() throws Exception {
        // The point and the first fix lie in p4's area, the second fix does not: the point would tell where it was.
        assertThat(get(partner, NEAR + "&radius_km=5").get("results")).isEmpty();
        JsonNode fix = get(partner, NEAR + "&radius_km=20&fixes_only=true").get("results");
        assertThat(fix).hasSize(1);
        assertThat(fix.get(0).get("time").asText()).isEqualTo("2025-01-10T00:00:00Z");
        // The host sees the point.
        assertThat(get(Fixture.ADMIN_TOKEN, NEAR + "&radius_km=5").get("results")).hasSize(1);
    }

    /**
     * /api/box, beside /api/near: the host sees both fixes in a box around the leg, partner p4 only the
     * first (the second lies outside its area), with its own count and times.
     */
    @Test
    void aPartnerSeesInABoxOnlyTheFixesItMaySee() throws Exception {
        String box = "/api/box?min_lat=-40.1&min_lon=149.9&max_lat=-39.9&max_lon=150.5";
        assertThat(get(Fixture.ADMIN_TOKEN, box).get("results").toString()).isEqualTo("[{\"mmsi\":\"503999001\",\"positions\":2,"
                + "\"first\":\"2025-01-10T00:00:00Z\",\"last\":\"2025-01-10T01:00:00Z\"}]");
        assertThat(get(partner, box).get("results").toString()).isEqualTo("[{\"mmsi\":\"503999001\",\"positions\":1,"
                + "\"first\":\"2025-01-10T00:00:00Z\",\"last\":\"2025-01-10T00:00:00Z\"}]");
        // a box holding the second fix alone: the partner sees nothing
        String east = "/api/box?min_lat=-40.1&min_lon=150.35&max_lat=-39.9&max_lon=150.5";
        assertThat(get(Fixture.ADMIN_TOKEN, east).get("results")).hasSize(1);
        assertThat(get(partner, east).get("results")).isEmpty();
    }

    @Test
    void anIncidentsNearbyVesselsFollowTheTracks() throws Exception {
        String body = "{\"time\":\"2025-01-10T00:30:00Z\",\"lat\":-39.97,\"lon\":150.2,\"type\":\"suspicious_approach\","
                + "\"victim\":{\"name\":\"SOMEONE\"}}";
        Fixture.Reply c = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/incidents", body);
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String id = c.json().get("id").asText();
        String nearby = "/api/incidents/" + id + "/nearby?radius_km=5&hours=1";
        JsonNode n = get(Fixture.ADMIN_TOKEN, nearby);
        assertThat(n.get("count").asInt()).isEqualTo(1);
        JsonNode v = n.get("vessels").get(0);
        assertThat(v.get("mmsi").asText()).isEqualTo("503999001");
        assertThat(v.get("distance_m").asDouble()).isEqualTo(3335.9);
        assertThat(v.get("time").asText()).isEqualTo("2025-01-10T00:30:00Z");
        assertThat(v.get("interpolated").asBoolean()).isTrue();
        assertThat(v.get("between").toString()).isEqualTo("[\"2025-01-10T00:00:00Z\",\"2025-01-10T01:00:00Z\"]");
        assertThat(v.get("track_points").asInt()).isEqualTo(2);
        assertThat(get(Fixture.ADMIN_TOKEN, nearby + "&fixes_only=true").get("count").asInt()).isZero();
        Fixture.Reply bad = Fixture.getAs(server, Fixture.ADMIN_TOKEN, nearby + "&fixes_only=1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("fixes_only must be true or false: 1");
        // Shared with everyone: p4 sees the incident, but not the vessel between a fix in its area and one outside.
        assertThat(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/incidents/" + id + "/share", "{\"tlp\":\"CLEAR\"}")
                .status()).isEqualTo(200);
        assertThat(get(partner, nearby).get("count").asInt()).isZero();
        JsonNode fixes = get(partner, "/api/incidents/" + id + "/nearby?radius_km=20&hours=1&fixes_only=true");
        assertThat(fixes.get("count").asInt()).isEqualTo(1);
        assertThat(fixes.get("vessels").get(0).get("interpolated").asBoolean()).isFalse();
        assertThat(fixes.get("vessels").get(0).has("between")).isFalse();
    }
}
