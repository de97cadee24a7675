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

        // each with its possible duplicates, as the API lists them: ASAM 2015-9 and an IMB row tell the same
        // robbery at Tanjung Uban on 10 January 2015 (1.0667N 104.1667E and 1.08N 104.1667E)
        Cli.Run uban = Cli.run("incidents", "list", "--db", db, "--from", "2015-01-10", "--to", "2015-01-10");
        JsonNode asam9 = java.util.stream.StreamSupport.stream(uban.json().spliterator(), false)
                .filter(x -> x.get("id").asText().equals("asam-2015-9")).findFirst().orElseThrow();
        assertThat(asam9.get("possible_duplicates")).extracting(x -> x.get("id").asText()).contains("imb-8da28d2d012c5bbe");
        Cli.Run ubanCsv = Cli.run("incidents", "list", "--db", db, "--from", "2015-01-10", "--to", "2015-01-10", "--format", "csv");
        assertThat(ubanCsv.out().lines().filter(l -> l.startsWith("asam-2015-9,"))).singleElement().asString()
                .contains("imb-8da28d2d012c5bbe");

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
        Cli.Run none = Cli.run("incidents", "list", "--db", tmp.resolve("none").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("watchkeeper incidents list: no incident store in " + tmp.resolve("none") + "\n");
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("watchkeeper-serve"))) {
            // without --db, the default folder is named as the default, with the option to name another
            assertThat(Cli.run("incidents", "list").err()).isEqualTo("watchkeeper incidents list: no incident store in "
                    + java.nio.file.Path.of("watchkeeper-serve", "incidents")
                    + " (the default; --db DIR names another, such as a server's DATA/incidents)\n");
        }
        // a missing file is an I/O error, as a missing input is for analyze and decode
        Cli.Run missing = Cli.run("incidents", "import", "--format", "asam", tmp.resolve("missing.csv").toString(), "--db", db);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("watchkeeper incidents import: cannot read " + tmp.resolve("missing.csv")
                + ": no such file\n");
        Cli.Run countries = Cli.run("incidents", "import", "--format", "imb", tmp.resolve("missing.csv").toString(),
                "--countries", tmp.resolve("cc.csv").toString(), "--db", db);
        assertThat(countries.exit()).isEqualTo(1);
    }

    /** Three ASAM rows in the export's form (header ending in a comma, positions on two lines). */
    static final String ASAM_CSV = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
            + "2022-148,2022-05-28,\"1°07'00\"\"N\n103°31'00\"\"E\",XI,71,,x,\"INDONESIA: three robbers armed with knives boarded\",\n"
            + "2022-149,2022-05-27,\"1°07'00\"\"N\n103°30'00\"\"E\",XI,71,Boarding,x,\"INDONESIA: four robbers boarded\",\n"
            + "2022-150,2022-05-26,\"1°00'00\"\"N\n103°00'00\"\"E\",XI,71,,x,\"INDONESIA: robbers boarded and stole stores\",\n";

    private String smallStore() throws java.io.IOException {
        Path csv = tmp.resolve("asam.csv");
        Files.writeString(csv, ASAM_CSV);
        String db = tmp.resolve("small").toString();
        Cli.Run r = Cli.run("incidents", "import", "--format", "asam", csv.toString(), "--db", db);
        assertThat(r.exit()).as(r.err()).isZero();
        return db;
    }

    private static Cli.Run runWithFailingStdout(String failure, String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.commandLine(new java.io.ByteArrayInputStream(new byte[0]), new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException(failure);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                throw new java.io.IOException(failure);
            }
        }, new java.io.PrintWriter(err, true)).execute(args);
        return new Cli.Run(code, "", err.toString());
    }

    /** {@code incidents list ... | head -3}: the reader leaving early ends the run quietly (exit 0); a full disk is an error. */
    @Test
    void listAndImportEndQuietlyWhenTheReaderOfStdoutGoesAway() throws Exception {
        String db = smallStore();
        for (String format : java.util.List.of("json", "csv")) {
            Cli.Run gone = runWithFailingStdout("Broken pipe", "incidents", "list", "--db", db, "--format", format);
            assertThat(gone.exit()).isZero();
            assertThat(gone.err()).isEmpty();
            Cli.Run full = runWithFailingStdout("No space left on device", "incidents", "list", "--db", db, "--format", format);
            assertThat(full.exit()).isEqualTo(1);
            assertThat(full.err()).isEqualTo("watchkeeper incidents list: cannot write the answer: No space left on device\n");
        }
        // import's answer on stdout: the import is done, and its summary still goes to stderr
        Cli.Run again = runWithFailingStdout("Broken pipe", "incidents", "import", "--format", "asam",
                tmp.resolve("asam.csv").toString(), "--db", db);
        assertThat(again.exit()).isZero();
        assertThat(again.err()).isEqualTo("asam.csv: 3 rows, 0 imported (new), 0 updated, 3 unchanged, 0 rejected\n");
    }

    /** A .gz file cut short, corrupt, empty or not gzip at all: named as not valid gzip, exit 1, nothing imported. */
    @Test
    void aDamagedGzipFileIsNamedAndNothingIsImported() throws Exception {
        StringBuilder big = new StringBuilder(ASAM_CSV);
        for (int k = 0; k < 2000; k++) {
            big.append("2023-").append(k).append(",2023-01-01,\"1°00'00\"\"N\n103°00'00\"\"E\",XI,71,,x,\"INDONESIA: row ")
                    .append(k * 7919 % 10007).append(" robbers boarded\",\n");
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        String db = tmp.resolve("gz").toString();

        Path cut = tmp.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Cli.Run r = Cli.run("incidents", "import", "--format", "asam", cut.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: " + cut + " is not valid gzip: it ends before its compressed"
                + " data does (the file was cut short, e.g. a copy or download not finished); nothing was imported\n");
        assertThat(r.out()).isEmpty();

        Path corrupt = tmp.resolve("corrupt.csv.gz");
        byte[] bad = whole.clone();
        bad[bad.length - 5] ^= 0x55; // the trailer's length no longer matches
        Files.write(corrupt, bad);
        r = Cli.run("incidents", "import", "--format", "asam", corrupt.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("watchkeeper incidents import: " + corrupt + " is not valid gzip: its compressed data is corrupt (")
                .endsWith("); nothing was imported\n");

        Path plain = tmp.resolve("plain.csv.gz");
        Files.writeString(plain, ASAM_CSV);
        r = Cli.run("incidents", "import", "--format", "asam", plain.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: " + plain + " is not valid gzip: it does not start with"
                + " gzip's signature 1f 8b (it starts with 72 65); nothing was imported\n");

        Path empty = tmp.resolve("empty.csv.gz");
        Files.write(empty, new byte[0]);
        r = Cli.run("incidents", "import", "--format", "asam", empty.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: " + empty + " is not valid gzip: the file is empty; nothing was imported\n");
        assertThat(Files.exists(Path.of(db))).isFalse();

        // the whole file imports, and gzip is known by its content too, whatever the name
        Path named = tmp.resolve("whole.csv");
        Files.write(named, whole);
        r = Cli.run("incidents", "import", "--format", "asam", named.toString(), "--db", db);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("imported").asInt()).isEqualTo(2003);
    }

    /** An empty time, and a window whose start is after its end, are usage errors naming the options. */
    @Test
    void anEmptyTimeAndAnInvertedWindowAreUsageErrors() throws Exception {
        String db = smallStore();
        Cli.Run empty = Cli.run("incidents", "list", "--db", db, "--from", "");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err()).startsWith("watchkeeper incidents list: --from is empty: give an ISO-8601 time or date (e.g."
                + " 2014-10-02T18:00:00Z, 2014-10-02T18:00 (UTC), 2014-10-02T20:00+02:00 or 2014-10-02), or leave the option"
                + " out for no bound\n");
        assertThat(Cli.run("incidents", "list", "--db", db, "--to", " ").err())
                .startsWith("watchkeeper incidents list: --to is empty: ");
        Cli.Run inverted = Cli.run("incidents", "list", "--db", db, "--from", "2022-05-28", "--to", "2022-05-27");
        assertThat(inverted.exit()).isEqualTo(2);
        assertThat(inverted.err()).startsWith("watchkeeper incidents list: --from must not be after --to: --from"
                + " 2022-05-28T00:00:00Z, --to 2022-05-27T23:59:59.999Z\n");
        // one day as both ends is that whole day
        Cli.Run day = Cli.run("incidents", "list", "--db", db, "--from", "2022-05-27", "--to", "2022-05-27");
        assertThat(day.exit()).as(day.err()).isZero();
        assertThat(day.json()).extracting(x -> x.get("id").asText()).containsExactly("asam-2022-149");
    }

    /** A file of the other format, a --countries file that is no country list, and a --db that is a file are each named. */
    @Test
    void theWrongFileIsNamedForWhatItIs() throws Exception {
        Path asam = tmp.resolve("asam.csv");
        Files.writeString(asam, ASAM_CSV);
        Path imb = tmp.resolve("attacks.csv");
        Files.writeString(imb, "date,time,longitude,latitude,attack_type,location_description,nearest_country,eez_country,"
                + "shore_distance,shore_longitude,shore_latitude,attack_description,vessel_name,vessel_type,vessel_status,data_source\n"
                + "2020-01-02,\"NA\",104.5,1.2,\"Boarded\",Singapore Strait,SGP,SGP,5,104,1.3,\"Robbers boarded.\",X,\"NA\",\"NA\",imb\n");
        String db = tmp.resolve("wrong").toString();
        Cli.Run r = Cli.run("incidents", "import", "--format", "imb", asam.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("watchkeeper incidents import: " + asam + ": the header lacks the column(s) [time, longitude,")
                .endsWith(" (its header is asam's: give --format asam); nothing was imported\n");
        r = Cli.run("incidents", "import", "--format", "asam", imb.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).endsWith(" (its header is imb's: give --format imb); nothing was imported\n");
        Path json = tmp.resolve("decoded.json");
        Files.writeString(json, "{\"mmsi\":258902000}\n");
        r = Cli.run("incidents", "import", "--format", "asam", json.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: " + json + ": the first line is not a header with the"
                + " columns [reference, date, position, navarea, subreg, hostility, victim, description] (it begins"
                + " '{\"mmsi\":258902000}'); nothing was imported\n");

        r = Cli.run("incidents", "import", "--format", "imb", imb.toString(), "--countries", asam.toString(), "--db", db);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: country names " + asam + ": the header lacks the column(s)"
                + " country and country_name (it has [reference, date, position, navArea, subreg, hostility, victim, description, ]):"
                + " not a country_codes.csv; nothing was imported\n");
        Path names = tmp.resolve("cc.csv");
        Files.writeString(names, "country,region,country_name\nSGP,Asia,Singapore\n");
        r = Cli.run("incidents", "import", "--format", "imb", imb.toString(), "--countries", names.toString(), "--db", db);
        assertThat(r.exit()).as(r.err()).isZero();
        Cli.Run list = Cli.run("incidents", "list", "--db", db);
        assertThat(list.json().get(0).get("place").asText()).isEqualTo("Singapore Strait, Singapore");

        r = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", names.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper incidents import: --db " + names + " is a file, not a folder: give the incident"
                + " store's folder (a server's is DATA/incidents)\n");
        r = Cli.run("incidents", "list", "--db", names.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper incidents list: --db " + names + " is a file, not an incident store's folder\n");
    }

    /** An IMB file read without country_codes.csv beside it keeps country codes in its places: said, not left to be found. */
    @Test
    void anImbFileWithoutCountryNamesBesideItIsWarnedOf() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("imb-alone"));
        Path imb = dir.resolve("attacks.csv");
        Files.writeString(imb, "date,time,longitude,latitude,attack_type,location_description,nearest_country,eez_country,"
                + "shore_distance,shore_longitude,shore_latitude,attack_description,vessel_name,vessel_type,vessel_status,data_source\n"
                + "2020-01-02,\"NA\",104.5,1.2,\"Boarded\",Singapore Strait,SGP,SGP,5,104,1.3,\"Robbers boarded.\",X,\"NA\",\"NA\",imb\n");
        String db = tmp.resolve("imb-alone-db").toString();
        Cli.Run r = Cli.run("incidents", "import", "--format", "imb", imb.toString(), "--db", db);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("watchkeeper incidents import: warning: no country names for " + imb + ": "
                + dir.toAbsolutePath().resolve("country_codes.csv") + " is not there, so places name countries by their ISO 3166"
                + " English names, which the dataset's file spells otherwise for some ('Congo - Kinshasa', not 'Congo, Dem. Rep.');"
                + " give --countries FILE for names\n");
        assertThat(Cli.run("incidents", "list", "--db", db).json().get(0).get("place").asText()).isEqualTo("Singapore Strait, Singapore");

        Files.writeString(dir.resolve("country_codes.csv"), "country,region,country_name\nSGP,Asia,Republic of Singapore\n");
        r = Cli.run("incidents", "import", "--format", "imb", imb.toString(), "--db", db);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(Cli.run("incidents", "list", "--db", db).json().get(0).get("place").asText())
                .isEqualTo("Singapore Strait, Republic of Singapore");
    }
}
