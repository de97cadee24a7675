package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchkeeper incidents import|list} on the shared public datasets. */
class IncidentsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void importBothDatasetsThenList() {
        Path asam = Cli.SHARED.resolve("data/incidents/nga-asam/ASAM 21 June 22.csv.gz");
        Path imb = Cli.SHARED.resolve("data/incidents/crime-at-sea/pirate_attacks.csv.gz");
        assumeTrue(Files.isRegularFile(asam) && Files.isRegularFile(imb), "shared incident data absent");
        String db = tmp.resolve("inc").toString();

        Cli.Run a = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", db);
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.json().get("imported").asInt()).isEqualTo(8640);
        assertThat(a.json().get("rejected").get(0).get("line").asInt()).isEqualTo(508);
        assertThat(a.err()).contains("8642 rows, 8640 imported (new), 0 updated, 0 unchanged, 2 rejected")
                .contains("line 706: duplicate reference 2021-161 (first at line 704, identical row)");
        Cli.Run b = Cli.run("incidents", "import", "--format", "imb", imb.toString(), "--db", db);
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.json().get("imported").asInt()).isEqualTo(7490);
        assertThat(b.json().get("rejected")).hasSize(21);
        // Importing again changes nothing: every row is counted unchanged, still 8640 + 7490.
        Cli.Run again = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", db);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.json().get("imported").asInt()).isZero();
        assertThat(again.json().get("updated").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(8640);
        assertThat(again.err()).contains("8642 rows, 0 imported (new), 0 updated, 8640 unchanged, 2 rejected");
        // another host organisation's import (the server's accounts.json beside the store says so) does not
        // touch the first's reports
        try {
            Files.writeString(tmp.resolve("accounts.json"), "{\"orgs\":[{\"id\":\"host\",\"name\":\"Host\",\"host\":true},"
                    + "{\"id\":\"mrcc-north\",\"name\":\"MRCC North\",\"host\":true},{\"id\":\"p1\",\"name\":\"Partner\",\"host\":false}]}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli.Run other = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", db, "--org", "mrcc-north");
        assertThat(other.exit()).as(other.err()).isZero();
        assertThat(other.json().get("rejected")).hasSize(8642);
        assertThat(other.err()).contains("0 imported (new), 0 updated, 0 unchanged, 8642 rejected")
                .contains("incident asam-2022-148 is owned by another organisation; the import does not change it");
        // a partner's import is kept apart under ids of its own: it neither takes nor is blocked by the host's
        Cli.Run partner = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", db, "--org", "p1");
        assertThat(partner.exit()).as(partner.err()).isZero();
        assertThat(partner.err()).contains("8642 rows, 8640 imported (new), 0 updated, 0 unchanged, 2 rejected");

        Cli.Run all = Cli.run("incidents", "list", "--db", db);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.json()).hasSize(8640 + 7490 + 8640);
        JsonNode p1 = java.util.stream.StreamSupport.stream(all.json().spliterator(), false)
                .filter(x -> x.get("id").asText().equals("p1.asam-2022-148")).findFirst().orElseThrow();
        assertThat(p1.get("owner_org").asText()).isEqualTo("p1");
        assertThat(p1.get("victim").get("name").asText()).isEqualTo("MAGNUM ENERGY");

        Cli.Run one = Cli.run("incidents", "list", "--db", db, "--from", "2022-05-28", "--to", "2022-05-28");
        JsonNode day = one.json();
        assertThat(day).extracting(x -> x.get("id").asText()).contains("asam-2022-148");
        JsonNode i = java.util.stream.StreamSupport.stream(day.spliterator(), false)
                .filter(x -> x.get("id").asText().equals("asam-2022-148")).findFirst().orElseThrow();
        assertThat(i.get("victim").get("name").asText()).isEqualTo("MAGNUM ENERGY");
        assertThat(i.get("category").asText()).isEqualTo("CAT 3");

        Cli.Run csv = Cli.run("incidents", "list", "--db", db, "--type", "hijacking", "--from", "2020-12-01",
                "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        String[] lines = csv.out().split("\r\n");
        assertThat(lines[0]).startsWith("id,time,date_only,local_time,lat,lon,place,type,category,");
        assertThat(lines.length).isGreaterThan(1);
        for (int k = 1; k < lines.length; k++) {
            assertThat(lines[k]).contains(",hijacking,CAT 1,");
        }

        assertThat(Cli.run("incidents", "list", "--db", db, "--type", "piracy").exit()).isEqualTo(2);
        assertThat(Cli.run("incidents", "list", "--db", tmp.resolve("none").toString()).exit()).isEqualTo(1);
        // a missing file is an I/O error, as a missing input is for analyze and decode
        Cli.Run missing = Cli.run("incidents", "import", "--format", "asam", tmp.resolve("missing.csv").toString(), "--db", db);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("watchkeeper incidents import: cannot read " + tmp.resolve("missing.csv")
                + ": no such file\n");
        Cli.Run countries = Cli.run("incidents", "import", "--format", "imb", tmp.resolve("missing.csv").toString(),
                "--countries", tmp.resolve("cc.csv").toString(), "--db", db);
        assertThat(countries.exit()).isEqualTo(1);
    }
}
