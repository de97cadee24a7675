package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/** {@code serve --incidents}: the files load into the server, their rejected rows are listed, and each load is audited. */
class ServeIncidentsTest {
    @Test
    void incidentsLoadedAtStartAreCountedListedAndAudited(@TempDir Path tmp) throws Exception {
        Path asam = Cli.SHARED.resolve("data/incidents/nga-asam/ASAM 21 June 22.csv.gz");
        assumeTrue(Files.isRegularFile(asam), "shared incident data absent (set watchkeeper.shared): " + asam);
        Path data = tmp.resolve("d");
        StringWriter err = new StringWriter();
        try (LiveServer live = LiveServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
            WatchkeeperServer s = live.server;
            ServeCommand.loadIncidents(s, List.<Object[]>of(new Object[] {IncidentsCommand.Format.asam, asam}),
                    new PrintWriter(err, true));
            assertThat(s.incidentStore().incidents(new org.watchkeeper.store.IncidentQuery(
                    Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, null, null, null))).hasSize(8640);
            // the exports hold every report (they held the 1 000 oldest, 1978-1996, and said nothing)
            for (String format : List.of("csv", "geojson", "kml")) {
                java.net.http.HttpResponse<String> r = live.get("api/export/incidents." + format);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Watchkeeper-Export-Count")).hasValue("8640");
                assertThat(r.headers().firstValue("Watchkeeper-Export-Truncated")).hasValue("false");
                String body = r.body();
                long rows = switch (format) {
                    case "csv" -> body.split("\r\n").length - 1;
                    case "geojson" -> Cli.JSON.readTree(body).get("features").size();
                    default -> body.split("<Placemark>", -1).length - 1;
                };
                assertThat(rows).as(format).isEqualTo(8640);
            }
            assertThat(live.get("api/export/incidents.csv").body()).contains(",2022-05-28T00:00:00Z,"); // the newest, too
            java.net.http.HttpResponse<String> first = live.get("api/export/incidents.csv?limit=1000");
            assertThat(first.body().split("\r\n")).hasSize(1001);
            assertThat(first.headers().firstValue("Watchkeeper-Export-Count")).hasValue("1000");
            assertThat(first.headers().firstValue("Watchkeeper-Export-Truncated")).hasValue("true");
            java.net.http.HttpResponse<String> stix = live.get("api/export/stix");
            assertThat(stix.headers().firstValue("Watchkeeper-Export-Count")).hasValue("8640");
            assertThat(Cli.JSON.readTree(stix.body()).get("objects").findValuesAsText("type").stream()
                    .filter("incident"::equals).count()).isEqualTo(8640);
            // the list says when its limit (1 000 by default) cut it
            assertThat(live.json("api/incidents").get("truncated").asBoolean()).isTrue();
        }
        // the counts as watchkeeper incidents import gives them, then the rejected rows themselves
        assertThat(err.toString()).startsWith("incidents: " + asam + ": 8640 imported (new), 0 updated, 0 unchanged, 2 rejected\n  line 508: ")
                .contains("  line 706: duplicate reference 2021-161 (first at line 704, identical row)\n");
        List<String> audit = Files.readAllLines(data.resolve("audit.log"));
        String entry = audit.stream().filter(l -> l.contains("\"target\":\"serve --incidents asam\"")).findFirst().orElseThrow();
        assertThat(entry).contains("\"action\":\"create\"").contains("\"org\":\"host\"")
                .contains("\"imported\":\"8640\"").contains("\"updated\":\"0\"").contains("\"unchanged\":\"0\"")
                .contains("\"rejected\":\"2\"").contains(asam.getFileName().toString());
        Cli.Run verify = Cli.run("audit", "verify", data.resolve("audit.log").toString());
        assertThat(verify.exit()).as(verify.err() + verify.out()).isZero();
    }

    /**
     * While the {@code --incidents} files load, a report not loaded yet answers 503 naming the file being read
     * and the list says it is not complete; once the loads have ended, a failed one too, 404 as always. Each file
     * is a named pipe, so that the test holds the import at a file until it writes the file's content.
     */
    @Test
    void aReportNotLoadedYetAnswers503WhileTheFilesLoad(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("asam-may.csv");
        Path second = tmp.resolve("broken.csv.gz");
        for (Path fifo : List.of(first, second)) {
            boolean made;
            try {
                made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
            } catch (java.io.IOException e) {
                made = false;
            }
            assumeTrue(made, "mkfifo is needed to hold the import at a file: " + fifo);
        }
        String asam = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2022-148,2022-05-28,\"1°07'00\"\"N\n103°31'00\"\"E\",XI,71,,bulk carrier,\"INDONESIA: three robbers boarded\",\n";
        StringWriter err = new StringWriter();
        try (LiveServer live = LiveServer.start(WatchkeeperServer.Config.of(tmp.resolve("d")).withPort(0))) {
            Thread loader = new Thread(() -> ServeCommand.loadIncidents(live.server, List.<Object[]>of(
                    new Object[] {IncidentsCommand.Format.asam, first}, new Object[] {IncidentsCommand.Format.asam, second}),
                    new PrintWriter(err, true)), "incidents-loader");
            loader.setDaemon(true);
            loader.start();
            try (java.io.OutputStream w = Files.newOutputStream(first)) {
                // opened: the loader reads the first file and waits for its content
                java.net.http.HttpResponse<String> r = live.get("api/incidents/asam-2022-148");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(Cli.JSON.readTree(r.body()).get("error").asText()).isEqualTo("no incident with id asam-2022-148 yet:"
                        + " incidents are still loading from asam-may.csv (1 of 2 files); try again shortly");
                JsonNode list = live.json("api/incidents");
                assertThat(list.get("count").asInt()).isZero();
                assertThat(list.get("loading").get("number").asInt()).isEqualTo(1);
                w.write(asam.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (java.io.OutputStream w = Files.newOutputStream(second)) {
                // the first file is in, the loader waits for the second
                assertThat(live.get("api/incidents/asam-2022-148").statusCode()).as(err.toString()).isEqualTo(200);
                java.net.http.HttpResponse<String> r = live.get("api/incidents/asam-2022-149");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
                assertThat(r.body()).contains("incidents are still loading from broken.csv.gz (2 of 2 files)");
                JsonNode list = live.json("api/incidents");
                assertThat(list.get("incidents")).extracting(x -> x.get("id").asText()).containsExactly("asam-2022-148");
                assertThat(list.get("loading").get("file").asText()).isEqualTo("broken.csv.gz");
                w.write("not gzip".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            loader.join(120_000);
            assertThat(loader.isAlive()).as("the loader ended").isFalse();
            // the second file failed; the import has ended all the same
            assertThat(err.toString()).contains("watchkeeper serve: incidents: " + second + " is not valid gzip: it does not start"
                    + " with gzip's signature 1f 8b (it starts with 6e 6f); nothing was imported");
            java.net.http.HttpResponse<String> r = live.get("api/incidents/asam-2022-149");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
            assertThat(live.json("api/incidents").has("loading")).isFalse();
        }
    }

    static java.net.http.HttpResponse<String> send(LiveServer live, String token, String method, String path, String body)
            throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(live.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A restart with the same {@code --incidents} file leaves the host's decisions on imported reports as they
     * were: a report marked AMBER+STRICT stays hidden from a partner, its category override stays.
     */
    @Test
    void loadingTheSameFileAgainKeepsMarkingAndCategoryOfHeldReports(@TempDir Path tmp) throws Exception {
        Path asam = Cli.SHARED.resolve("data/incidents/nga-asam/ASAM 21 June 22.csv.gz");
        assumeTrue(Files.isRegularFile(asam), "shared incident data absent (set watchkeeper.shared): " + asam);
        Path data = tmp.resolve("d");
        List<Object[]> loads = List.<Object[]>of(new Object[] {IncidentsCommand.Format.asam, asam});
        String nina;
        String held;
        try (LiveServer live = LiveServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
            ServeCommand.loadIncidents(live.server, loads, new PrintWriter(new StringWriter(), true));
            String admin = live.adminToken();
            assertThat(send(live, admin, "POST", "api/orgs", "{\"id\":\"mrcc-north\",\"name\":\"MRCC North\"}").statusCode()).isEqualTo(201);
            assertThat(send(live, admin, "PUT", "api/policies/mrcc-north",
                    "{\"data_classes\":[\"incidents\"],\"areas\":null,\"delay_s\":0}").statusCode()).isEqualTo(200);
            assertThat(send(live, admin, "POST", "api/users", "{\"name\":\"nina\",\"org\":\"mrcc-north\",\"role\":\"viewer\"}")
                    .statusCode()).isEqualTo(201);
            nina = Cli.JSON.readTree(send(live, admin, "POST", "api/tokens", "{\"user\":\"nina\",\"label\":\"t\"}").body()).get("token").asText();
            assertThat(send(live, nina, "GET", "api/incidents/asam-2022-148", null).statusCode()).isEqualTo(200);
            var share = send(live, admin, "POST", "api/incidents/asam-2022-148/share", "{\"tlp\":\"AMBER+STRICT\"}");
            assertThat(share.statusCode()).as(share.body()).isEqualTo(200);
            var cat = send(live, admin, "PUT", "api/incidents/asam-2022-148/category", "{\"category\":\"CAT 1\",\"reason\":\"crew taken hostage\"}");
            assertThat(cat.statusCode()).as(cat.body()).isEqualTo(200);
            assertThat(send(live, nina, "GET", "api/incidents/asam-2022-148", null).statusCode()).isEqualTo(404);
            held = send(live, admin, "GET", "api/incidents/asam-2022-148", null).body();
        }
        StringWriter err = new StringWriter();
        try (LiveServer live = LiveServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
            ServeCommand.loadIncidents(live.server, loads, new PrintWriter(err, true));
            var again = send(live, live.adminToken(), "GET", "api/incidents/asam-2022-148", null);
            assertThat(again.body()).isEqualTo(held);
            JsonNode i = Cli.JSON.readTree(again.body());
            assertThat(i.get("tlp").asText()).isEqualTo("AMBER+STRICT");
            assertThat(i.get("owner_org").asText()).isEqualTo("host");
            assertThat(i.get("category").asText()).isEqualTo("CAT 1");
            var partner = send(live, nina, "GET", "api/incidents/asam-2022-148", null);
            assertThat(partner.statusCode()).as(partner.body()).isEqualTo(404);
        }
        assertThat(err.toString()).startsWith("incidents: " + asam + ": 0 imported (new), 0 updated, 8640 unchanged, 2 rejected\n");
        List<String> audit = Files.readAllLines(data.resolve("audit.log"));
        List<String> loadsAudited = audit.stream().filter(l -> l.contains("\"target\":\"serve --incidents asam\"")).toList();
        assertThat(loadsAudited).hasSize(2);
        assertThat(loadsAudited.get(1))
                .contains("\"imported\":\"0\"").contains("\"unchanged\":\"8640\"");
    }

    /**
     * IMB's rows that only repeat another row (20 of its 21 rejections) are listed after the one that says
     * something is wrong with a row (a time of day of 18:85), which was hidden behind them as "1 more".
     */
    @Test
    void aRejectedRowThatIsNoCopyIsListedBeforeTheCopies(@TempDir Path tmp) throws Exception {
        Path imb = Cli.SHARED.resolve("data/incidents/crime-at-sea/pirate_attacks.csv.gz");
        assumeTrue(Files.isRegularFile(imb), "shared incident data absent (set watchkeeper.shared): " + imb);
        StringWriter err = new StringWriter();
        try (LiveServer live = LiveServer.start(WatchkeeperServer.Config.of(tmp.resolve("d")).withPort(0))) {
            ServeCommand.loadIncidents(live.server, List.<Object[]>of(new Object[] {IncidentsCommand.Format.imb, imb}),
                    new PrintWriter(err, true));
        }
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("incidents: " + imb + ": 7490 imported (new), 0 updated, 0 unchanged, 21 rejected");
        assertThat(lines.get(1)).isEqualTo("  line 8395: time '18:85 UTC' is not a time of day (hours 0-23, minutes 0-59)");
        assertThat(lines.subList(2, 21)).allMatch(l -> l.contains("identical to the row at line "));
        assertThat(lines.get(21)).isEqualTo("  ... and 1 more (watchkeeper incidents import lists them all)");
    }
}
