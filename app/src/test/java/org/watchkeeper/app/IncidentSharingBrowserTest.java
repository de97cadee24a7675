package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.AuditLog;
import org.watchkeeper.server.Source;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.ClosestApproach;
import org.watchkeeper.store.VesselRow;

/**
 * The browser test of issue 7 against the real server: a server runs in-process on DMA's real sample
 * log (Danish waters, November 2013) replayed from a file source, with the web site the {@code web}
 * module built; partner organisations, their sharing policies and users with passwords are made
 * through the API as the bootstrap admin. Then {@code web/e2e-incidents/incident-sharing.browser.test.js}
 * drives Debian's Chromium: a host analyst logs in through the login form, reports an incident by
 * clicking the map where the log has vessels, sees who was there, and shares it at TLP:AMBER with two
 * partners; it also edits a report known only to its date (with a local time) in the form, which stays
 * so; the partner whose policy grants incidents there sees it, the one whose policy area lies
 * elsewhere does not, nor does a partner it was not shared with. Screenshots go to
 * {@code app/target/browser-incidents/}.
 *
 * <p>Skips with a message when Chromium, the shared data or the web module's {@code node_modules} are
 * absent; with {@code CI=true} it fails instead.
 */
class IncidentSharingBrowserTest {
    static final String ADMIN_TOKEN = "wk_incident-browser-test-admin-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path WEB = REPO.resolve("web");
    static final Path OUT = Path.of("target", "browser-incidents").toAbsolutePath();
    /** Policy area of partner "faraway": the central Mediterranean, far from the Danish log. */
    static final String FARAWAY_AREA = "{\"type\":\"Polygon\",\"coordinates\":[[[10,35],[20,35],[20,40],[10,40],[10,35]]]}";

    static void require(boolean ok, String why) {
        if (ok) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(why + " (CI=true: the browser test must run)");
        }
        Assumptions.abort("SKIPPING the incident sharing browser test: " + why);
    }

    @Test
    void analystSharesAnIncidentThatOnlyThePartnerInsideItsPolicySees(@TempDir Path dir) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        require(Files.isExecutable(chromium), chromium + " not found (apt-get install -y chromium)");
        Path log = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data", "ais", "dma-aisabnormal",
                "ais-sample.txt.gz");
        require(Files.isRegularFile(log), "shared real AIS log not found (set watchkeeper.shared): " + log);
        Path vitest = WEB.resolve("node_modules/vitest/vitest.mjs");
        require(Files.isRegularFile(vitest), vitest + " missing: build the web module first (its npm ci)");
        require(IncidentSharingBrowserTest.class.getResource("/web/index.html") != null,
                "the web site is not on the class path: build the web module first");

        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(dir.resolve("data")).withPort(0).withAdminToken(ADMIN_TOKEN)
                .withSources(List.of("sample=file:" + log.toAbsolutePath()));
        try (WatchkeeperServer server = WatchkeeperServer.start(cfg)) {
            for (Source s : server.sources()) {
                s.join(300_000);
            }
            server.pipeline().awaitIdle(120, TimeUnit.SECONDS);
            server.pipeline().awaitIdle(120, TimeUnit.SECONDS);

            // The place and time: the vessel whose last position had the most others within 10 km and ±6 h.
            VesselRow best = null;
            int bestCount = -1;
            int tried = 0;
            for (VesselRow v : server.store().vessels()) {
                if (Double.isNaN(v.lastLat()) || tried >= 60) {
                    continue;
                }
                tried++;
                long t = v.lastSeen() / 60_000 * 60_000;
                List<ClosestApproach> near = server.store().near(v.lastLat(), v.lastLon(), 10_000, t - 6 * 3600_000L, t + 6 * 3600_000L);
                if (near.stream().anyMatch(c -> c.mmsi() == v.mmsi()) && near.size() > bestCount) {
                    best = v;
                    bestCount = near.size();
                }
            }
            assertThat(best).as("a vessel of the log with a stored position").isNotNull();
            assertThat(bestCount).isGreaterThanOrEqualTo(2);
            String mmsi = String.format("%09d", best.mmsi());
            String time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochMilli(best.lastSeen()));

            String base = "http://127.0.0.1:" + server.port();
            for (String org : List.of("allied", "faraway", "other")) {
                call(base, "POST", "/api/orgs", "{\"id\":\"" + org + "\",\"name\":\"Partner " + org + "\"}", 201);
            }
            call(base, "PUT", "/api/policies/allied",
                    "{\"data_classes\":[\"incidents\",\"positions\",\"identities\"],\"areas\":null,\"delay_s\":0}", 200);
            call(base, "PUT", "/api/policies/faraway",
                    "{\"data_classes\":[\"incidents\",\"positions\"],\"areas\":" + FARAWAY_AREA + ",\"delay_s\":0}", 200);
            call(base, "PUT", "/api/policies/other",
                    "{\"data_classes\":[\"incidents\",\"positions\"],\"areas\":null,\"delay_s\":0}", 200);
            Map<String, String> users = Map.of("hana", "host:analyst", "ally", "allied:viewer", "fara", "faraway:viewer",
                    "otto", "other:viewer");
            for (var u : users.entrySet()) {
                String[] f = u.getValue().split(":");
                call(base, "POST", "/api/users", "{\"name\":\"" + u.getKey() + "\",\"org\":\"" + f[0] + "\",\"role\":\"" + f[1]
                        + "\",\"password\":\"" + password(u.getKey()) + "\"}", 201);
            }

            Files.createDirectories(OUT);
            Path vitestLog = OUT.resolve("vitest.log");
            ProcessBuilder pb = new ProcessBuilder("node", vitest.toString(), "run", "--dir", "e2e-incidents",
                    "--testTimeout=180000", "--hookTimeout=120000")
                    .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(vitestLog.toFile());
            Map<String, String> env = pb.environment();
            env.put("WK_URL", base + "/");
            env.put("WK_ANALYST", "hana:" + password("hana"));
            env.put("WK_PARTNER_IN", "ally:" + password("ally"));
            env.put("WK_PARTNER_OUTSIDE", "fara:" + password("fara"));
            env.put("WK_PARTNER_UNSHARED", "otto:" + password("otto"));
            env.put("WK_SHARE_ORGS", "allied, faraway");
            env.put("WK_LAT", Double.toString(best.lastLat()));
            env.put("WK_LON", Double.toString(best.lastLon()));
            env.put("WK_TIME", time);
            env.put("WK_NEAR_MMSI", mmsi);
            env.put("WK_OUT", OUT.toString());
            env.put("CHROMIUM_PATH", chromium.toString());
            Process p = pb.start();
            boolean done = p.waitFor(12, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String output = Files.readString(vitestLog);
            assertThat(done).as("vitest finished in 12 minutes:\n" + output).isTrue();
            assertThat(p.exitValue()).as("vitest run of e2e-incidents:\n" + output).isZero();
            assertThat(output).contains("4 passed");

            // What the browser did is on the server: the report, its marking, and the audit trail.
            JsonNode result = JSON.readTree(OUT.resolve("result.json").toFile());
            String id = result.get("id").asText();
            JsonNode incident = call(base, "GET", "/api/incidents/" + id, null, 200);
            assertThat(incident.get("created_by").asText()).isEqualTo("hana");
            assertThat(incident.get("owner_org").asText()).isEqualTo("host");
            assertThat(incident.get("tlp").asText()).isEqualTo("AMBER");
            assertThat(incident.get("shared_with").toString()).isEqualTo("[\"allied\",\"faraway\"]");
            assertThat(incident.get("time").asText()).isEqualTo(time + ":00Z");
            assertThat(result.get("nearby").toString()).contains(mmsi);
            // the date-only report the analyst edited in the form (its narrative alone) is date-only still, its local time kept
            JsonNode dated = call(base, "GET", "/api/incidents/" + result.get("dateOnly").get("id").asText(), null, 200);
            String day = result.get("dateOnly").get("day").asText();
            assertThat(day).isEqualTo(time.substring(0, 10));
            assertThat(dated.get("time").asText()).isEqualTo(day + "T00:00:00Z");
            assertThat(dated.get("date_only").asBoolean()).isTrue();
            assertThat(dated.get("local_time").asText()).isEqualTo("14:30");
            assertThat(dated.get("narrative").asText()).isEqualTo(result.get("dateOnly").get("narrative").asText());
            assertThat(dated.get("updated").asText()).isNotEqualTo(dated.get("created").asText());
            List<String> trail = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("data/audit.log"))) {
                JsonNode e = JSON.readTree(line);
                String target = e.get("target").asText();
                if (target.equals("incident:" + id) || target.contains("/api/incidents/" + id)) {
                    trail.add(e.get("user").asText() + " " + e.get("action").asText() + " " + e.path("detail").path("status").asText());
                }
            }
            assertThat(trail).containsSubsequence("hana create 201", "hana read 200", "hana change 200", "ally read 200")
                    .contains("fara read 404", "otto read 404");
            assertThat(AuditLog.verify(dir.resolve("data/audit.log"), null).ok()).isTrue();
            for (String shot : List.of("incident-who-was-there.png", "incident-shared.png", "incident-partner-sees.png")) {
                assertThat(OUT.resolve(shot)).isRegularFile();
                assertThat(Files.size(OUT.resolve(shot))).isGreaterThan(10_000);
            }
        }
    }

    static String password(String user) {
        return "correct horse battery " + user;
    }

    static JsonNode call(String base, String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }
}
