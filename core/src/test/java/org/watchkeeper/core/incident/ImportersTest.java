package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.sharing.Tlp;

/**
 * The two public incident datasets in ../shared/data/incidents, imported whole: counts of imported and
 * rejected rows, every rejected row with its reason, and rows checked field by field against the file
 * (the row is named in each test; its fields were read off the CSV by hand).
 */
class ImportersTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Path shared(String rel) {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/incidents", rel);
        assumeTrue(Files.isRegularFile(p), "shared incident data not found (set watchkeeper.shared): " + p);
        return p;
    }

    static Reader gz(Path p) throws IOException {
        return new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8);
    }

    private static ImportResult asam;
    private static ImportResult imb;

    static synchronized ImportResult asam() throws IOException {
        if (asam == null) {
            asam = readAsam();
        }
        return asam;
    }

    static synchronized ImportResult imb() throws IOException {
        if (imb == null) {
            imb = readImb();
        }
        return imb;
    }

    static ImportResult readAsam() throws IOException {
        try (Reader r = gz(shared("nga-asam/ASAM 21 June 22.csv.gz"))) {
            return AsamImporter.read(r, "host", "import", NOW);
        }
    }

    static ImportResult readImb() throws IOException {
        Map<String, String> names;
        try (Reader r = Files.newBufferedReader(shared("crime-at-sea/country_codes.csv"))) {
            names = ImbImporter.countryNames(r);
        }
        try (Reader r = gz(shared("crime-at-sea/pirate_attacks.csv.gz"))) {
            return ImbImporter.read(r, names, "host", "import", NOW);
        }
    }

    static Incident byId(ImportResult r, String id) {
        return r.incidents().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A narrative that denies a theft ("Nothing reported stolen", "nothing was found to be stolen", "no
     * items were reported stolen") is a loss of nothing, not of stores: ASAM 2009-226 ("The robbers escaped
     * in their boat upon seeing the crew alertness. Nothing reported stolen.") and 2008-232 are CAT 4, not
     * CAT 3; IMB's attempted attack f9417427c6c5646a loses nothing. Over both datasets, no incident whose
     * narrative denies a theft and reports none is a loss of stores.
     */
    @Test
    void aDeniedTheftIsNoLoss() throws IOException {
        for (String id : List.of("asam-2009-226", "asam-2008-232")) {
            Incident i = byId(asam(), id);
            assertThat(i.narrative()).as(id).containsIgnoringCase("nothing reported stolen");
            assertThat(i.loss()).as(id).isEqualTo(EconomicLoss.NOTHING);
            assertThat(i.itemsStolen()).as(id).isNull();
        }
        assertThat(byId(asam(), "asam-2009-226").category()).isEqualTo(RecaapCategory.CAT_4);
        assertThat(byId(imb(), "imb-f9417427c6c5646a").loss()).isEqualTo(EconomicLoss.NOTHING);
        java.util.regex.Pattern denied = java.util.regex.Pattern.compile("(?i)\\bnothing\\s+(\\w+\\s+){0,4}?(stolen|taken|missing)");
        java.util.regex.Pattern reported = java.util.regex.Pattern.compile("(?i)\\b(stole|escaped with|robbed)\\b");
        Map<EconomicLoss, Long> byLoss = new java.util.TreeMap<>();
        for (ImportResult r : List.of(asam(), imb())) {
            for (Incident i : r.incidents()) {
                String t = i.narrative() == null ? "" : i.narrative();
                if (denied.matcher(t).find() && !reported.matcher(t).find()) {
                    byLoss.merge(i.loss(), 1L, Long::sum);
                }
            }
        }
        assertThat(byLoss).isEqualTo(Map.of(EconomicLoss.NOTHING, 338L));
    }

    /**
     * The incidents of both files by type (16 130 in all), the ASAM ones read from the narrative by {@link TextRules}, the
     * IMB ones mostly from their attack type column.
     */
    @Test
    void countsByType() throws IOException {
        Map<IncidentType, Long> byType = new java.util.EnumMap<>(IncidentType.class);
        for (ImportResult r : List.of(asam(), imb())) {
            for (Incident i : r.incidents()) {
                byType.merge(i.type(), 1L, Long::sum);
            }
        }
        assertThat(byType).isEqualTo(Map.of(IncidentType.BOARDING, 5686L, IncidentType.ROBBERY, 3597L,
                IncidentType.ATTEMPTED_ATTACK, 2849L, IncidentType.HIJACKING, 1119L, IncidentType.SUSPICIOUS_APPROACH, 910L,
                IncidentType.OTHER, 870L, IncidentType.FIRING_UPON, 782L, IncidentType.KIDNAPPING, 317L));
    }

    @Test
    void asamCountsAndRejectedRows() throws IOException {
        ImportResult r = asam();
        assertThat(r.rows()).isEqualTo(8642);
        assertThat(r.incidents()).hasSize(8640);
        // The file repeats two reports verbatim (each record spans two lines: the position holds a line break).
        assertThat(r.rejected()).containsExactly(
                new ImportResult.Rejection(508, "duplicate reference 2021-207 (first at line 506, identical row)"),
                new ImportResult.Rejection(706, "duplicate reference 2021-161 (first at line 704, identical row)"));
        assertThat(r.incidents()).allMatch(i -> i.marking().tlp() == Tlp.CLEAR);
        // the time of day from the narrative (NarrativeTime): UTC, local, or none (date only)
        assertThat(r.incidents()).filteredOn(i -> !i.dateOnly()).hasSize(1650)
                .allMatch(i -> i.localTime() == null && i.narrative().matches("(?is).*\\d(?:\\s*(?:hrs|hours))?\\s*(?:UTC|GMT|Z|ZULU)\\b.*"));
        assertThat(r.incidents()).filteredOn(i -> i.localTime() != null).hasSize(2712)
                .allMatch(i -> i.dateOnly() && i.time().equals(i.time().truncatedTo(java.time.temporal.ChronoUnit.DAYS)));
        assertThat(r.incidents().stream().map(Incident::id).distinct().count()).isEqualTo(8640);
    }

    @Test
    void asamRow2022148FieldByField() throws IOException {
        // Lines 4-5: 2022-148,2022-05-28,"1°07'00""N\n103°31'00""E",XI,71,,Marshall Islands-flagged bulk carrier
        // MAGNUM ENERG,"INDONESIA: ... three robbers armed with knives ... escaped with stolen engine spare parts ..."
        Incident i = byId(asam(), "asam-2022-148");
        assertThat(i.time()).isEqualTo(Instant.parse("2022-05-28T00:00:00Z"));
        assertThat(i.dateOnly()).isTrue();
        assertThat(i.localTime()).isEqualTo(java.time.LocalTime.of(2, 59)); // "On 28 May, at 0259 local time"
        // "13.08.2020: 1700 UTC" at Batangas (121°E), recorded on 14 August, the date there
        assertThat(byId(asam(), "asam-2020-332").time()).isEqualTo(Instant.parse("2020-08-13T17:00:00Z"));
        // its place is the one after the position line, not the date stamp before it
        assertThat(byId(asam(), "asam-2020-332").place()).isEqualTo("BBTI TERMINAL, BATANGAS, PHILIPPINES");
        // "0206Z: 06-14N 003-22E: LAGOS ANCHORAGE, NIGERIA: Two pirates ...": the stamps passed over
        assertThat(byId(asam(), "asam-2007-317").place()).isEqualTo("LAGOS ANCHORAGE, NIGERIA");
        // "Tuesday, April 14, 2020 8:03 AM On 8 April ...": a bulletin's clock and no heading, so the NAVAREA
        assertThat(byId(asam(), "asam-2020-125").place()).isEqualTo("NAVAREA XII, subregion 22");
        // and no place of the whole file is a date, a time or a bulletin's clock
        assertThat(asam().incidents()).extracting(Incident::place).filteredOn(java.util.Objects::nonNull).noneMatch(p -> p.matches("(?i)\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{3,4}\\s*(LT|UTC|Z)|\\d+|(monday|tuesday|wednesday|thursday"
                + "|friday|saturday|sunday),.*|posn|.*\\bdated\\b.*"));
        // "19 July at 2130 UTC" at Belawan (98.8°E) is 20 July there, the record's date
        assertThat(byId(asam(), "asam-2011-332").time()).isEqualTo(Instant.parse("2011-07-19T21:30:00Z"));
        assertThat(i.lat()).isCloseTo(1 + 7 / 60.0, within(5e-7));
        assertThat(i.lon()).isCloseTo(103 + 31 / 60.0, within(5e-7));
        assertThat(i.place()).isEqualTo("INDONESIA");
        assertThat(i.type()).isEqualTo(IncidentType.ROBBERY);
        assertThat(i.victim()).isEqualTo(new VictimVessel("MAGNUM ENERGY", 0, 0, "Marshall Islands", "bulk carrier",
                VesselStatus.STEAMING, null)); // name completed from the description; "underway" → steaming
        assertThat(i.perpetrators()).isEqualTo(3);
        assertThat(i.weapons()).isEqualTo(Weapons.KNIVES);
        assertThat(i.crewHarm()).isEqualTo(CrewHarm.NONE); // "The ship and all crew were reported safe"
        assertThat(i.itemsStolen()).isEqualTo("engine spare parts");
        assertThat(i.loss()).isEqualTo(EconomicLoss.STORES);
        assertThat(i.actionsTaken()).containsExactly("alarm raised", "vessel searched", "reported to authorities");
        assertThat(i.source()).isEqualTo("NGA ASAM");
        assertThat(i.reference()).isEqualTo("2022-148");
        assertThat(i.narrative()).startsWith("INDONESIA: On 28 May, at 0259 local time").endsWith("continued her voyage.");
        assertThat(i.category()).isEqualTo(RecaapCategory.CAT_3);
    }

    @Test
    void asamRow2022149FieldByField() throws IOException {
        // Lines 6-7: 2022-149,2022-05-27,"1°07'00""N\n103°30'00""E",XI,71,Boarding,Panama-flagged tanker
        // YONG XING SHUN HANG,"... three robbers boarded ... escaped empty-handed ..."
        Incident i = byId(asam(), "asam-2022-149");
        assertThat(i.time()).isEqualTo(Instant.parse("2022-05-27T00:00:00Z"));
        assertThat(i.lat()).isCloseTo(1 + 7 / 60.0, within(5e-7));
        assertThat(i.lon()).isCloseTo(103.5, within(5e-7));
        assertThat(i.type()).isEqualTo(IncidentType.BOARDING);
        assertThat(i.victim().name()).isEqualTo("YONG XING SHUN HANG");
        assertThat(i.victim().flag()).isEqualTo("Panama");
        assertThat(i.victim().type()).isEqualTo("tanker");
        assertThat(i.perpetrators()).isEqualTo(3);
        assertThat(i.weapons()).isEqualTo(Weapons.NOT_STATED);
        assertThat(i.itemsStolen()).isNull();
        assertThat(i.loss()).isEqualTo(EconomicLoss.NOTHING);
        assertThat(i.actionsTaken()).containsExactly("alarm raised", "crew mustered", "vessel searched",
                "reported to authorities");
        assertThat(i.category()).isEqualTo(RecaapCategory.CAT_4);
    }

    @Test
    void asamRow2022146AndOldestRows() throws IOException {
        ImportResult r = asam();
        // Lines 2-3: 2022-146,2022-06-01,"46°37'50.89""N\n31°35'01.64""E",III,55,Military activity,
        // Tanzania-flagged tanker BRENTIX,"UKRAINE: ... struck by a shell while berthed ... no crewmembers were injured"
        Incident i = byId(r, "asam-2022-146");
        assertThat(i.lat()).isCloseTo(46 + 37 / 60.0 + 50.89 / 3600, within(5e-7));
        assertThat(i.lon()).isCloseTo(31 + 35 / 60.0 + 1.64 / 3600, within(5e-7));
        // kept to 6 decimals, as written out: not 46.63080277777778
        assertThat(i.lat()).isEqualTo(46.630803);
        assertThat(i.lon()).isEqualTo(31.583789);
        assertThat(i.type()).isEqualTo(IncidentType.OTHER);
        assertThat(i.victim().status()).isEqualTo(VesselStatus.BERTHED);
        assertThat(i.crewHarm()).isEqualTo(CrewHarm.NOT_STATED); // "no crewmembers were injured" is not read as injured
        assertThat(i.category()).isNull();
        // Last record, lines 17285-17286: 1989-12,1978-05-01,"5°60'00""N\n119°30'00""E" — 60 minutes carry: 6°N.
        Incident old = byId(r, "asam-1989-12");
        assertThat(old.lat()).isEqualTo(6.0);
        assertThat(old.lon()).isEqualTo(119.5);
        assertThat(old.victim().description()).isNull(); // "UNKNOWN VESSEL" means nothing known
        assertThat(old.victim().name()).isNull();
        assertThat(old.weapons()).isEqualTo(Weapons.GUNS); // "HAND GRENADES AND RIFLE FIRE"
        // 2021-61-ish rows write seconds with three digits: 5°37'30"N 0°02'010"W (asam-1999-... ) are read, not rejected.
        assertThat(r.incidents()).anyMatch(x -> Math.abs(x.lon() - -(2 / 60.0 + 10 / 3600.0)) < 5e-7);
    }

    @Test
    void imbCountsAndRejectedRows() throws IOException {
        ImportResult r = imb();
        assertThat(r.rows()).isEqualTo(7511);
        assertThat(r.incidents()).hasSize(7490);
        List<ImportResult.Rejection> rej = r.rejected();
        assertThat(rej).hasSize(21);
        assertThat(rej.get(0)).isEqualTo(new ImportResult.Rejection(1597, "identical to the row at line 1596"));
        assertThat(rej.subList(1, 6)).extracting(ImportResult.Rejection::line).containsExactly(1870L, 1871L, 1872L, 1873L, 1874L);
        assertThat(rej.subList(1, 6)).allMatch(x -> x.reason().equals("identical to the row at line 1869"));
        assertThat(rej.subList(0, 20)).allMatch(x -> x.reason().startsWith("identical to the row at line "));
        assertThat(rej.get(20)).isEqualTo(new ImportResult.Rejection(8395,
                "time '18:85 UTC' is not a time of day (hours 0-23, minutes 0-59)"));
        assertThat(r.incidents()).allMatch(i -> i.marking().tlp() == Tlp.CLEAR);
        // a time without "UTC" is the IMB's local time ("0234 LT" in the narrative): date only, with that time of day
        assertThat(r.incidents()).filteredOn(i -> i.localTime() != null).hasSize(405).allMatch(Incident::dateOnly);
        assertThat(r.incidents()).filteredOn(i -> !i.dateOnly()).hasSize(743); // "hh:mm UTC"
        // a description ending in a comma ("Tanjung Uban Anchorage, Pulau Bintan,") gets the country after one comma
        assertThat(r.incidents()).extracting(Incident::place).filteredOn(p -> p != null)
                .noneMatch(p -> p.contains(",,") || p.endsWith(","))
                .contains("Tanjung Uban Anchorage, Pulau Bintan, Indonesia");
    }

    @Test
    void imbLocalTimeIsKeptWithTheDate() throws IOException {
        // 2015-01-08,14:30,103.61666666666667,1.1833333333333333,... "08.01.2015: 1430 LT: Posn: 01:11N - 103:37E,
        // Around 2.7nm NW of Pulau Nipah, Indonesia. ..."
        Incident i = imbAt(imb(), "2015-01-08T00:00:00Z", 1.183333);
        assertThat(i.dateOnly()).isTrue();
        assertThat(i.localTime()).isEqualTo(java.time.LocalTime.of(14, 30));
        assertThat(i.narrative()).startsWith("08.01.2015: 1430 LT: Posn: 01:11N - 103:37E");
        assertThat(IncidentJson.write(i).get("local_time").asText()).isEqualTo("14:30");
        assertThat(IncidentJson.read(IncidentJson.write(i))).isEqualTo(i);
    }

    static Incident imbAt(ImportResult r, String time, double lat) {
        return r.incidents().stream().filter(i -> i.time().equals(Instant.parse(time)) && i.lat() == lat)
                .findFirst().orElseThrow();
    }

    @Test
    void imbRowLine8680FieldByField() throws IOException {
        // Line 8680: 2020-12-29,16:40 UTC,6.4,2.7333333333333334,Attempted,Around 94nm South of Brass,STP,STP,...,
        // "... Five armed pirates in a skiff ... attempted to board a tanker underway. Master took evasive manoeuvres
        // ... The tanker and crew safe.",NA,Tanker,NA,imb
        Incident i = imbAt(imb(), "2020-12-29T16:40:00Z", 2.733333);
        assertThat(i.dateOnly()).isFalse();
        assertThat(i.lon()).isEqualTo(6.4);
        assertThat(i.place()).isEqualTo("Around 94nm South of Brass, São Tomé and Principe");
        assertThat(i.type()).isEqualTo(IncidentType.ATTEMPTED_ATTACK);
        assertThat(i.victim()).isEqualTo(new VictimVessel(null, 0, 0, null, "Tanker", VesselStatus.STEAMING, null));
        assertThat(i.perpetrators()).isEqualTo(5);
        assertThat(i.weapons()).isEqualTo(Weapons.ARMED_UNSPECIFIED);
        assertThat(i.crewHarm()).isEqualTo(CrewHarm.NONE);
        assertThat(i.loss()).isEqualTo(EconomicLoss.NOT_STATED);
        assertThat(i.actionsTaken()).containsExactly("evasive manoeuvres");
        assertThat(i.source()).isEqualTo("IMB PRC");
        assertThat(i.reference()).isNull();
        assertThat(i.category()).isNull(); // attempted: no ReCAAP category
    }

    @Test
    void imbRowLine8678FieldByField() throws IOException {
        // Line 8678: 2020-12-26,01:30 UTC,-1.6833333333333333,4.883333333333333,Boarded,Takoradi Anchorage,GHA,...,
        // "... noticed one robber on the forecastle, stealing ship’s stores and properties. Alarm raised and crew
        // mustered. ...",NA,General Cargo,Anchored,imb
        Incident i = imbAt(imb(), "2020-12-26T01:30:00Z", 4.883333);
        assertThat(i.lon()).isEqualTo(-1.683333); // kept to 6 decimals
        assertThat(i.place()).isEqualTo("Takoradi Anchorage, Ghana");
        assertThat(i.type()).isEqualTo(IncidentType.ROBBERY);
        assertThat(i.victim().type()).isEqualTo("General Cargo");
        assertThat(i.victim().status()).isEqualTo(VesselStatus.ANCHORED);
        assertThat(i.perpetrators()).isEqualTo(1);
        assertThat(i.itemsStolen()).isEqualTo("ship's stores and properties");
        assertThat(i.loss()).isEqualTo(EconomicLoss.STORES);
        assertThat(i.actionsTaken()).containsExactly("alarm raised", "crew mustered");
        assertThat(i.category()).isEqualTo(RecaapCategory.CAT_3);
    }

    @Test
    void imbRowLine7695AndFirstRow() throws IOException {
        ImportResult r = imb();
        // Line 7695: 2018-03-22,01:15 UTC,2.5,6.25,Boarded,Around 7.50nm SE of Cotonou,BEN,... "Eight persons in a
        // small boat, armed with guns and knives boarded an anchored reefer ship ... stole ship and crew property and
        // left the vessel ...",NA,Refrigerated Cargo,Anchored,imb
        Incident i = imbAt(r, "2018-03-22T01:15:00Z", 6.25);
        assertThat(i.place()).isEqualTo("Around 7.50nm SE of Cotonou, Benin");
        assertThat(i.type()).isEqualTo(IncidentType.ROBBERY);
        assertThat(i.perpetrators()).isEqualTo(8);
        assertThat(i.weapons()).isEqualTo(Weapons.GUNS);
        assertThat(i.itemsStolen()).isEqualTo("ship and crew property");
        assertThat(i.loss()).isEqualTo(EconomicLoss.PROPERTY);
        assertThat(i.category()).isEqualTo(RecaapCategory.CAT_2);
        assertThat(i.assessment().basis()).containsExactly("weapons guns → CAT 2", "8 perpetrators → CAT 2",
                "loss cash or property → CAT 2");
        // Line 2: 1993-01-02,"NA",116.9667,19.7,"NA",Hong Kong - Luzon - Hainan,CHN,TWN,...,"NA",Mv Cosmic Leader,"NA","NA",mappingpiracy
        Incident first = r.incidents().get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("1993-01-02T00:00:00Z"));
        assertThat(first.dateOnly()).isTrue();
        assertThat(first.lat()).isEqualTo(19.7);
        assertThat(first.lon()).isEqualTo(116.9667);
        assertThat(first.place()).isEqualTo("Hong Kong - Luzon - Hainan, China");
        assertThat(first.type()).isEqualTo(IncidentType.OTHER);
        assertThat(first.victim().name()).isEqualTo("Mv Cosmic Leader");
        assertThat(first.narrative()).isNull();
        assertThat(first.source()).isEqualTo("Mapping Piracy");

        // a location that already names its country keeps it alone: line 12, "Port of Luanda, Angola" with AGO, and
        // line 6002, "Nipah Anchorage, Indonesia" with nearest country SGP (not "..., Indonesia, Singapore")
        assertThat(imbAt(r, "1993-01-27T00:00:00Z", -8.8).place()).isEqualTo("Port of Luanda, Angola");
        assertThat(imbAt(r, "2013-08-02T00:00:00Z", 1.1).place()).isEqualTo("Nipah Anchorage, Indonesia");
        assertThat(imbAt(r, "2013-08-02T00:00:00Z", 1.3833).place()).isEqualTo("South China Sea, Indonesia");

        // items stolen end where the narrative goes on, and a person taken somewhere is no item: 2016-08-07 off Pulau
        // Aur, "The pirates then took the Master to his cabin and stole ship's cash and locked him in the mess room"
        Incident aur = r.incidents().stream().filter(x -> x.lat() == 2.0025 && x.lon() == 104.869167).findFirst().orElseThrow();
        assertThat(aur.itemsStolen()).isEqualTo("ship's cash");
        // 2020-07-17 off Bayelsa: "stole the tanker's documents and valuables and kidnapped 13 crew members before escaping"
        Incident bayelsa = imbAt(r, "2020-07-17T10:00:00Z", 2.95);
        assertThat(bayelsa.itemsStolen()).isEqualTo("tanker's documents and valuables");
    }

    @Test
    void badRowsAreReportedWithLineAndReasonAndTheRestIsRead() {
        String csv = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2024-1,2024-02-30,\"1°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x,\"A: boarded\",\n"
                + "2024-2,2024-02-01,\"91°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x,\"A: boarded\",\n"
                + "2024-3,2024-02-01,\"1°00'00\"\"N\n2°61'00\"\"E\",XI,71,,x,\"A: boarded\",\n"
                + "2024-4,2024-02-01,somewhere,XI,71,,x,\"A: boarded\",\n"
                + "2024-5,2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\",XI\n"
                + ",2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x,\"A: boarded\",\n"
                + "2024-6,2024-02-01,\"1°30'00\"\"S\n2°00'00\"\"W\",XI,71,,x,\"A: robbers boarded\",\n";
        ImportResult r = AsamImporter.read(new StringReader(csv), "host", "import", NOW);
        assertThat(r.rows()).isEqualTo(7);
        assertThat(r.incidents()).extracting(Incident::id).containsExactly("asam-2024-6");
        assertThat(r.incidents().get(0).lat()).isEqualTo(-1.5);
        assertThat(r.incidents().get(0).lon()).isEqualTo(-2.0);
        assertThat(r.rejected()).containsExactly(
                new ImportResult.Rejection(2, "date '2024-02-30' is not YYYY-MM-DD"),
                new ImportResult.Rejection(4, "latitude 91.0 is beyond 90° in '91°00'00\"N\\n2°00'00\"E'"),
                new ImportResult.Rejection(6, "longitude minutes must be 0..60 and seconds below 60 in '1°00'00\"N\\n2°61'00\"E'"),
                new ImportResult.Rejection(8, "position 'somewhere' is not degrees°minutes'seconds\"N/S followed by degrees°minutes'seconds\"E/W"),
                new ImportResult.Rejection(9, "expected 9 columns, found 4 (it ends before the column subreg)"),
                new ImportResult.Rejection(11, "reference is empty"));
        assertThatThrownBy(() -> AsamImporter.read(new StringReader("reference,date\n"), "host", "import", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks the column(s) [position");
        // a file of another kind (decode's JSON) is named by its first line, not only by the CSV reader's complaint
        assertThatThrownBy(() -> AsamImporter.read(new StringReader("{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1,"
                + "\"mmsi\":258902000}\n"), "host", "import", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the first line is not a CSV header with the columns [reference, date, position, navarea,")
                .hasMessageEndingWith("(it begins '{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1...'; the CSV reader says:"
                        + " Invalid character between encapsulated token and delimiter)");
        // a first line that is CSV but has none of the columns is not called a header lacking them all
        assertThatThrownBy(() -> AsamImporter.read(new StringReader("{\"mmsi\":258902000}\n"), "host", "import", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first line is not a header with the columns [reference, date, position, navarea, subreg,"
                        + " hostility, victim, description] (it begins '{\"mmsi\":258902000}')");
    }

    /**
     * A CSV syntax error costs its row, not the rest of the file: a stray character after a closing quote,
     * and a quote never closed (which would take every later row into one field), are rejected by line and
     * reading goes on with the next line.
     */
    @Test
    void aCsvSyntaxErrorSkipsItsRowAndReadingGoesOn() {
        String row = ",XI,71,,x,\"A: boarded\",";
        String csv = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2024-1,2024-02-01,\"1°00'00\"\"N 2°00'00\"\"E\"" + row + "\r\n"
                + "2024-2,2024-02-01,\"1°00'00\"\"N 2°00'00\"\"E\"x" + row + "\n"      // line 3: stray x after the quote
                + "2024-3,2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\"" + row + "\n"     // lines 4-5: a quoted line break
                + "2024-4,2024-02-01,\"1°00'00\"\"N 2°00'00\"\"E" + row + "\n"        // line 6: quote never closed
                + "2024-5,2024-02-01,\"1°30'00\"\"S 2°00'00\"\"W\"" + row + "\n"
                + "2024-6,2024-02-01,\"1°00'00\"\"N 3°00'00\"\"E\"" + row + "\n";
        ImportResult r = AsamImporter.read(new StringReader(csv), "host", "import", NOW);
        assertThat(r.incidents()).extracting(Incident::id).containsExactly("asam-2024-1", "asam-2024-3", "asam-2024-5", "asam-2024-6");
        assertThat(r.incidents().get(2).lat()).isEqualTo(-1.5);
        assertThat(r.incidents().get(3).lon()).isEqualTo(3.0);
        assertThat(r.rejected()).extracting(ImportResult.Rejection::line).containsExactly(3L, 6L);
        assertThat(r.rejected().get(0).reason()).isEqualTo("CSV syntax error, row skipped (line 3; reading goes on at line 4):"
                + " quote not doubled: the quoted field opened on line 3 (\"1°00'00\"\"N 2°00'00\"\"E\"x,XI,71...) holds a quote"
                + " on line 3 followed by 'x', not by a comma or the line's end (a quote inside a quoted field is written \"\")");
        assertThat(r.rejected().get(1).reason()).isEqualTo("CSV syntax error, row skipped (line 6; reading goes on at line 7):"
                + " unclosed quote: the quoted field opened on line 6 (\"1°00'00\"\"N 2°00'00\"\"E,XI,71,,...) has no closing"
                + " quote, so the quote opening a later field, on line 6 (\"A: boarded\", 2024-5,2024-02-0...), was read as its end");
        assertThat(r.rows()).isEqualTo(6);

        // the last row's error: nothing after it to go on with
        ImportResult last = AsamImporter.read(new StringReader("reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2024-7,2024-02-01,\"1°00'00\"\"N 2°00'00\"\"E" + row), "host", "import", NOW);
        assertThat(last.incidents()).isEmpty();
        assertThat(last.rejected()).hasSize(1);
        assertThat(last.rejected().get(0).line()).isEqualTo(2L);
        assertThat(last.rejected().get(0).reason()).startsWith("CSV syntax error, row skipped (line 2; no row follows it): unclosed quote: ");
        assertThat(CsvRows.lineStarts("a\r\nb\rc\nd\n")).containsExactly(0, 3, 5, 7);
    }

    /**
     * A row of the ASAM export (its position spans two lines) whose description lost its closing quote: one
     * rejection, naming the row's line and the quote left open, and the rows after it are read. The quote
     * that opens the next row's position is taken as the description's end by a CSV parser, which then
     * fails on that next row's line; the row is skipped whole, not again line by line.
     */
    @Test
    void anUnclosedQuoteIsOneRejectionNamingItsLine() {
        String header = "reference,date,position,navArea,subreg,hostility,victim,description,\n";
        String csv = header
                + "2022-148,2022-05-28,\"1°07'00\"\"N\n103°31'00\"\"E\",XI,71,,x,\"INDONESIA: three robbers boarded.,\n"
                + "2022-149,2022-05-27,\"1°07'00\"\"N\n103°30'00\"\"E\",XI,71,Boarding,x,\"INDONESIA: boarded\",\n"
                + "2022-150,2022-05-27,\"1°00'00\"\"N\n103°00'00\"\"E\",XI,71,,x,\"INDONESIA: robbers boarded\",\n";
        ImportResult r = AsamImporter.read(new StringReader(csv), "host", "import", NOW);
        assertThat(r.incidents()).extracting(Incident::id).containsExactly("asam-2022-149", "asam-2022-150");
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.rejected()).containsExactly(new ImportResult.Rejection(2, "CSV syntax error, row skipped (lines 2-3;"
                + " reading goes on at line 4): unclosed quote: the quoted field opened on line 3 (\"INDONESIA: three robbers"
                + " boar...) has no closing quote, so the quote opening a later field, on line 4 (\"1°07'00\"\"N 103°30'00\"\"E\",XI,7...),"
                + " was read as its end"));

        // an unclosed quote in the last row runs to the end of the file: still one rejection
        ImportResult end = AsamImporter.read(new StringReader(header
                + "2022-150,2022-05-27,\"1°00'00\"\"N\n103°00'00\"\"E\",XI,71,,x,\"INDONESIA: robbers boarded\",\n"
                + "2022-151,2022-05-27,\"1°00'00\"\"N\n103°00'00\"\"E\",XI,71,,x,\"INDONESIA: robbers\nboarded,\n"), "host", "import", NOW);
        assertThat(end.incidents()).extracting(Incident::id).containsExactly("asam-2022-150");
        assertThat(end.rejected()).containsExactly(new ImportResult.Rejection(4, "CSV syntax error, row skipped (lines 4-6;"
                + " no row follows it): unclosed quote: the quoted field opened on line 5 (\"INDONESIA: robbers boarded,) has no"
                + " closing quote and runs to the end of the file"));
    }

    /**
     * The ASAM export's header ends in a comma (a ninth, unnamed column); a row without that trailing comma has
     * all eight named fields and is read, and so is one with an empty value more; a row lacking a named field is not.
     */
    @Test
    void asamRowsWithoutTheTrailingEmptyColumnAreRead() {
        String csv = "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2024-1,2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x,\"A: robbers boarded\"\n"
                + "2024-2,2024-02-01,\"1°30'00\"\"S\n2°00'00\"\"W\",XI,71,,x,\"A: robbers boarded\",,\n"
                + "2024-3,2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x\n"
                + "2024-4,2024-02-01,\"1°00'00\"\"N\n2°00'00\"\"E\",XI,71,,x,\"A: boarded\",,extra\n";
        ImportResult r = AsamImporter.read(new StringReader(csv), "host", "import", NOW);
        assertThat(r.incidents()).extracting(Incident::id).containsExactly("asam-2024-1", "asam-2024-2");
        assertThat(r.incidents().get(0).narrative()).isEqualTo("A: robbers boarded");
        assertThat(r.incidents().get(1).lat()).isEqualTo(-1.5);
        assertThat(r.rejected()).containsExactly(
                new ImportResult.Rejection(6, "expected 9 columns, found 7 (it ends before the column description)"),
                new ImportResult.Rejection(8, "expected 9 columns, found 10 (the ones after the header's are not empty)"));
    }
}
