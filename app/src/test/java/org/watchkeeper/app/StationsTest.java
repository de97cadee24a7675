package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/**
 * The stations of a real log, as every output lists and names them: the report's
 * {@code vessels.csv}, the history store ({@code query}) and the live server's vessel list, near
 * route and export. DMA AisLib's {@code stream_example.txt}: the Danish base station 002194005 (type
 * 4) and the aid to navigation 992191515 (type 21, "HARALD A, B") beside it on the Harald field,
 * 56.34° N 4.27° E.
 */
class StationsTest {
    private static final String LOG = "ais/dma-aislib/stream_example.txt";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aBaseStationAndAnAidToNavigationAreNamedAlikeEverywhere() throws Exception {
        Path log = Cli.data(LOG);
        String data = tmp.resolve("data").toString();
        Path report = tmp.resolve("report");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", data, "--report", report.toString(), log.toString());
        assertThat(a.exit()).as(a.err()).isZero();

        Map<String, CSVRecord> csv = Cli.vessels(report);
        assertThat(csv.get("002194005").get("class")).isEqualTo("base_station");
        assertThat(csv.get("992191515").get("class")).isEqualTo("aid_to_navigation");
        assertThat(csv.get("992191515").get("name")).isEqualTo("HARALD A, B");

        // the store: query near and query box give the class the report gives
        Cli.Run near = Cli.run("query", "near", "56.3445", "4.272", "--radius-km", "1", "--data", data);
        assertThat(near.exit()).as(near.err()).isZero();
        assertThat(classes(near.json())).containsEntry("002194005", "base_station")
                .containsEntry("992191515", "aid_to_navigation");
        Cli.Run box = Cli.run("query", "box", "56.3", "4.2", "56.4", "4.3", "--data", data);
        assertThat(classes(box.json())).containsEntry("002194005", "base_station")
                .containsEntry("992191515", "aid_to_navigation");

        // the live server fed the same log: its vessel list, near route and export say the same
        byte[] content = Files.readAllBytes(log);
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(tmp.resolve("serve")).withPort(0)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0"));
        try (LiveServer s = LiveServer.start(cfg)) {
            s.sendOverTcp(content, LiveServer.lines(content), 120_000);
            assertThat(s.json("api/vessels/002194005").get("class").asText()).isEqualTo("base_station");
            assertThat(s.json("api/vessels/992191515").get("class").asText()).isEqualTo("aid_to_navigation");
            assertThat(classes(s.json("api/near?lat=56.3445&lon=4.272&radius_km=1").get("results")))
                    .containsEntry("002194005", "base_station").containsEntry("992191515", "aid_to_navigation");
            // every station heard, as in the report: also the French base station heard once, in a type 20
            assertThat(s.json("api/vessels").get("count").asInt()).isEqualTo(csv.size()).isEqualTo(1933);
            JsonNode french = s.json("api/vessels/002275115");
            assertThat(french.get("class").asText()).isEqualTo("base_station");
            assertThat(french.get("flag").asText()).isEqualTo("FR");
            assertThat(french.has("lat")).isFalse();
            JsonNode aton = s.json("api/vessels?class=aid_to_navigation");
            assertThat(aton.get("count").asInt()).isEqualTo(count(csv, "aid_to_navigation")).isGreaterThan(1);
            aton.get("vessels").forEach(v -> assertThat(v.get("class").asText()).isEqualTo("aid_to_navigation"));

            HttpResponse<String> export = HTTP.send(s.request("api/export/vessels.csv").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(export.statusCode()).isEqualTo(200);
            Map<String, String> exported = new HashMap<>();
            try (CSVParser p = CSVParser.parse(new StringReader(export.body()),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                for (CSVRecord r : p) {
                    exported.put(r.get("mmsi"), r.get("class"));
                }
            }
            assertThat(exported).containsEntry("002194005", "base_station").containsEntry("992191515", "aid_to_navigation");
            // every station's class, as the report gives it (empty when unknown)
            Map<String, String> reported = new HashMap<>();
            csv.forEach((mmsi, r) -> reported.put(mmsi, r.get("class")));
            assertThat(exported).isEqualTo(reported);
        }
    }

    /**
     * Every station heard is counted and listed: the 1 933 MMSIs {@code decode} finds, 112 of them heard
     * only through binary, safety or management messages, such as the French base station 002275115
     * (one type 20, a data link management message) and the Belgian inland ship 205464990 (one type 8,
     * its inland static data), listed with what those tell: class, flag, when heard, how many messages,
     * and no position. The messages column adds up to the messages analyzed.
     */
    @Test
    void everyStationHeardIsCountedAndListed() throws Exception {
        Path log = Cli.data(LOG);
        Cli.Run decoded = Cli.run("decode", log.toString());
        assertThat(decoded.exit()).as(decoded.err()).isZero();
        java.util.Set<String> mmsis = new java.util.HashSet<>();
        for (String line : decoded.out().split("\n")) {
            mmsis.add(Cli.JSON.readTree(line).get("mmsi").asText());
        }
        assertThat(mmsis).hasSize(1933);

        Path data = tmp.resolve("data");
        Path report = tmp.resolve("report");
        Cli.Run a = Cli.run("analyze", "--data", data.toString(), "--report", report.toString(), log.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.out()).contains("  stations:   1933 (A: 1568, base_station: 161, B: 158, aid_to_navigation: 26, unknown: 19,"
                + " sar_aircraft: 1)\n");
        JsonNode summary = Cli.summary(report);
        assertThat(summary.get("vessels").get("total").asInt()).isEqualTo(1933);
        assertThat(summary.get("observations").get("heard_only").asLong()).isEqualTo(398);
        Map<String, CSVRecord> csv = Cli.vessels(report);
        assertThat(csv.keySet()).isEqualTo(mmsis);
        assertThat(csv.values().stream().mapToLong(r -> Long.parseLong(r.get("messages"))).sum())
                .isEqualTo(summary.get("messages").asLong()).isEqualTo(4051);

        CSVRecord french = csv.get("002275115");
        assertThat(french.get("class")).isEqualTo("base_station");
        assertThat(french.get("flag")).isEqualTo("FR");
        assertThat(french.get("first_seen")).isEqualTo("2010-06-11T11:46:28.929Z");
        assertThat(french.get("last_seen")).isEqualTo("2010-06-11T11:46:28.929Z");
        assertThat(french.get("messages")).isEqualTo("1");
        assertThat(french.get("positions")).isEqualTo("0");
        assertThat(french.get("segments")).isEqualTo("0");
        for (String empty : List.of("last_lat", "last_lon", "last_position_time", "name", "shiptype")) {
            assertThat(french.get(empty)).as(empty).isEmpty();
        }
        CSVRecord belgian = csv.get("205464990");
        assertThat(belgian.get("class")).isEmpty(); // a ship's MMSI tells neither A nor B
        assertThat(belgian.get("flag")).isEqualTo("BE");
        assertThat(belgian.get("last_seen")).isEqualTo("2010-06-11T11:46:25.366Z");
        assertThat(belgian.get("messages")).isEqualTo("1");
        assertThat(belgian.get("last_lat")).isEmpty();
        // a station heard once in a type 4 and once more: both messages counted
        assertThat(csv.get("002194005").get("messages")).isEqualTo("2");

        try (org.watchkeeper.store.DuckDbHistoryStore store = org.watchkeeper.store.DuckDbHistoryStore.open(data)) {
            assertThat(store.vessels()).hasSize(1933);
            org.watchkeeper.store.VesselRow v = store.vessel(2_275_115).orElseThrow();
            assertThat(v.vesselClass()).isEqualTo("base_station");
            assertThat(v.lastLat()).isNaN();
            assertThat(v.positions()).isZero();
            assertThat(v.lastSeen()).isEqualTo(java.time.Instant.parse("2010-06-11T11:46:28.929Z").toEpochMilli());
        }
    }

    private static long count(Map<String, CSVRecord> csv, String cls) {
        return csv.values().stream().filter(r -> r.get("class").equals(cls)).count();
    }

    private static Map<String, String> classes(JsonNode rows) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode r : rows) {
            out.put(r.get("mmsi").asText(), r.path("class").asText(""));
        }
        return out;
    }
}
