package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        assertThat(err.toString()).startsWith("incidents: " + asam + ": 8640 imported, 2 rejected\n  line 508: ")
                .contains("  line 706: duplicate reference 2021-161 (first at line 704, identical row)\n");
        List<String> audit = Files.readAllLines(data.resolve("audit.log"));
        String entry = audit.stream().filter(l -> l.contains("\"target\":\"serve --incidents asam\"")).findFirst().orElseThrow();
        assertThat(entry).contains("\"action\":\"create\"").contains("\"org\":\"host\"")
                .contains("\"imported\":\"8640\"").contains("\"rejected\":\"2\"").contains(asam.getFileName().toString());
        Cli.Run verify = Cli.run("audit", "verify", data.resolve("audit.log").toString());
        assertThat(verify.exit()).as(verify.err() + verify.out()).isZero();
    }
}
