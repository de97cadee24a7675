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
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withAdminToken(LiveServer.ADMIN_TOKEN))) {
            ServeCommand.loadIncidents(s, List.<Object[]>of(new Object[] {IncidentsCommand.Format.asam, asam}),
                    new PrintWriter(err, true));
            assertThat(s.incidentStore().incidents(new org.watchkeeper.store.IncidentQuery(
                    Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, null, null, null))).hasSize(8640);
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
