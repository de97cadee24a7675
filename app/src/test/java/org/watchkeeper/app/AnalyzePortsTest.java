package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchkeeper analyze --ports}: user port lists for encounter and port_visit. */
class AnalyzePortsTest {
    @TempDir
    Path tmp;

    private static Path shared(String rel) {
        Path p = Cli.SHARED.resolve(rel);
        assumeTrue(Files.isRegularFile(p), "shared data absent: " + p + " (set -Dwatchkeeper.shared)");
        return p;
    }

    private List<JsonNode> portVisits(Path report, String mmsi) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(report.resolve("events.json").toFile())) {
            if (e.path("kind").asText().equals("port_visit") && e.path("mmsis").get(0).asText().equals(mmsi)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void worldPortIndexAddsThyboronVisitsTheShippedListMisses() throws IOException {
        Path log = shared("data/ais/dma-aislib/stream_example.txt");
        Path wpi = shared("data/geo/wpi/UpdatedPub150.csv.gz");
        Cli.Run a = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("a").toString(), log.toString());
        assertThat(a.exit()).isZero();
        // A vessel moored in Thyborøn (DKTHN is not in the shipped UN/LOCODE list): no visit without --ports.
        assertThat(portVisits(tmp.resolve("a"), "219481000")).isEmpty();

        Cli.Run b = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("b").toString(),
                "--ports", wpi.toString(), log.toString());
        assertThat(b.exit()).isZero();
        // --quiet: nothing for a file read without trouble
        assertThat(b.err()).isEmpty();
        List<JsonNode> v = portVisits(tmp.resolve("b"), "219481000");
        assertThat(v).hasSize(1);
        JsonNode at = v.get(0).path("evidence").path("attributes");
        assertThat(at.path("port_id").asText()).isEqualTo("wpi:30460");
        assertThat(at.path("port_name").asText()).isEqualTo("Thyboron");
        assertThat(at.path("unlocode").asText()).isEqualTo("DKTHN");
        assertThat(at.path("port_source").asText()).isEqualTo("UpdatedPub150.csv.gz");
        assertThat(v.get(0).path("start").asText()).isEqualTo("2010-06-11T11:46:15.117Z");
        assertThat(v.get(0).path("lat").asDouble()).isEqualTo(56.7);
        assertThat(v.get(0).path("lon").asDouble()).isEqualTo(8.216667);
        // The shipped ports still count: visits found without --ports are found with it too.
        JsonNode all = new ObjectMapper().readTree(tmp.resolve("a").resolve("events.json").toFile());
        JsonNode more = new ObjectMapper().readTree(tmp.resolve("b").resolve("events.json").toFile());
        // (202 and 370 before the shipped list's inland points were moved to their World Port Index
        // harbours: Umeå, Ostend, Emden, Immingham and others gained visits; with the index given, its
        // entries at those harbours now tie with the shipped port, which wins, and St Petersburg and
        // Teesport each lost one, the index's point for them lying farther from the berths seen)
        assertThat(count(all, "port_visit")).isEqualTo(218);
        assertThat(count(more, "port_visit")).isEqualTo(368);
    }

    /**
     * MarineCadastre's 25 minutes of US waters (3 January 2022): the ships moored at the Los Angeles
     * terminals visit USLAX, whose shipped point is now the World Port Index's harbour position, not
     * downtown Los Angeles 35 km inland (0 visits there before, and 1 345 port visits in all, against
     * 1 594 now; the full World Port Index as --ports gives 63 at Los Angeles too). In San Pedro Bay
     * (33.6-33.9 N, 118.4-118.1 W): 63 at Los Angeles and 30 at Long Beach, whose point was already at
     * its harbour. Houston, moved from downtown to its ship channel, gets 19 (0 before).
     */
    @Test
    void marineCadastreShipsAtLosAngelesVisitItsHarbour() throws IOException {
        Path csv = shared("data/ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        Path report = tmp.resolve("mc");
        Cli.Run r = Cli.run("analyze", "--quiet", "--no-store", "--detect", "port_visit", "--report", report.toString(),
                csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode ev = new ObjectMapper().readTree(report.resolve("events.json").toFile());
        assertThat(count(ev, "port_visit")).isEqualTo(1594);
        java.util.Map<String, Integer> sanPedroBay = new java.util.TreeMap<>();
        java.util.Map<String, Integer> byPort = new java.util.TreeMap<>();
        JsonNode lax = null;
        for (JsonNode e : ev) {
            JsonNode at = e.path("evidence").path("attributes");
            String id = at.path("port_id").asText();
            byPort.merge(id, 1, Integer::sum);
            double lat = e.path("lat").asDouble();
            double lon = e.path("lon").asDouble();
            if (lat >= 33.6 && lat <= 33.9 && lon >= -118.4 && lon <= -118.1) {
                sanPedroBay.merge(id, 1, Integer::sum);
            }
            if (lax == null && id.equals("USLAX")) {
                lax = e;
            }
        }
        assertThat(sanPedroBay).containsExactly(java.util.Map.entry("USLAX", 63), java.util.Map.entry("USLGB", 30));
        assertThat(byPort).containsEntry("USHOU", 19);
        JsonNode at = lax.path("evidence").path("attributes");
        assertThat(lax.path("lat").asDouble()).isEqualTo(33.75);
        assertThat(lax.path("lon").asDouble()).isEqualTo(-118.25);
        assertThat(at.path("port_source").asText()).isEqualTo("sea-ports");
        assertThat(at.path("port_position_source").asText()).isEqualTo("wpi:16080");
        // the listed point (34.0522342 N 118.2436849 W), to the 6 decimals of the report's attributes
        assertThat(at.path("port_listed_lat").asDouble()).isEqualTo(34.052234);
        assertThat(at.path("port_listed_lon").asDouble()).isEqualTo(-118.243685);
    }

    @Test
    void geoJsonPointsAloneWithNoShippedPorts() throws IOException {
        Path log = shared("data/ais/dma-aislib/stream_example.txt");
        Path gj = tmp.resolve("thyboron.geojson");
        Files.writeString(gj, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"Thyborøn Havn","unlocode":"DKTHN","country":"Denmark"},
                  "geometry":{"type":"Point","coordinates":[8.2167,56.7]}}]}""");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(),
                "--ports", gj.toString(), "--no-shipped-ports", log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("ports: " + gj + ": 1 port\n");
        JsonNode ev = new ObjectMapper().readTree(tmp.resolve("r").resolve("events.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode e : ev) {
            if (e.path("kind").asText().equals("port_visit")) {
                names.add(e.path("evidence").path("attributes").path("port_name").asText());
            }
        }
        assertThat(names).isNotEmpty().allMatch("Thyborøn Havn"::equals);
        assertThat(portVisits(tmp.resolve("r"), "219481000")).hasSize(1);
    }

    @Test
    void badPortFilesAreUsageOrIoErrors() throws IOException {
        Path log = tmp.resolve("in.nmea");
        Files.writeString(log, "");
        Path txt = tmp.resolve("ports.txt");
        Files.writeString(txt, "name,lat,lon\nA,1,2\n");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", txt.toString(), log.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is neither a World Port Index CSV");
        // a missing file is an I/O error, as a missing input is
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", tmp.resolve("nope.csv").toString(), log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: cannot read ports: " + tmp.resolve("nope.csv")
                + ": no such file or directory\n");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--no-shipped-ports", log.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--no-shipped-ports needs at least one --ports FILE");
        Path badJson = tmp.resolve("bad.geojson");
        Files.writeString(badJson, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[8,95]}}]}");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", badJson.toString(), log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read ports").contains("out of range");
        // malformed JSON: the file and the reason, without the parser's source description
        Path cut = Files.writeString(tmp.resolve("cut.geojson"), "{\"type\":\"FeatureCollection\"");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", cut.toString(), log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: cannot read ports: " + cut + ": not valid JSON: Unexpected"
                + " end-of-input: expected close marker for Object (start marker at line 1, column 1) (line 1, column 28)\n");
    }

    /** A port file without ports is read, and named on stderr (even with --quiet) rather than passed over in silence. */
    @Test
    void aFileWithoutPortsIsWarnedOf() throws IOException {
        Path log = Files.writeString(tmp.resolve("in.nmea"), "");
        Path empty = Files.writeString(tmp.resolve("empty.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        String warning = "ports: " + empty + ": warning: no ports in it (no Point, Polygon or MultiPolygon feature): it adds"
                + " nothing to the port list\n";
        Cli.Run q = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("q").toString(), "--ports", empty.toString(),
                log.toString());
        assertThat(q.exit()).isZero();
        assertThat(q.err()).startsWith(warning);
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", empty.toString(),
                log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).startsWith(warning).doesNotContain(": 0 ports");
        // in a directory, beside a file with a port: the empty one is named, the directory counted
        Path dir = Files.createDirectories(tmp.resolve("ports"));
        Files.copy(empty, dir.resolve("a.geojson"));
        Files.writeString(dir.resolve("b.geojson"), point("Thyborøn Havn", 8.2167, 56.7));
        Cli.Run d = Cli.run("analyze", "--no-store", "--report", tmp.resolve("d").toString(), "--ports", dir.toString(),
                log.toString());
        assertThat(d.exit()).isZero();
        assertThat(d.err()).startsWith("ports: " + dir.resolve("a.geojson") + ": warning: no ports in it (no Point, Polygon or"
                + " MultiPolygon feature): it adds nothing to the port list\nports: " + dir + ": 1 port from 2 files\n");
        // with the shipped list left out, no port at all is still a usage error
        Cli.Run alone = Cli.run("analyze", "--no-store", "--report", tmp.resolve("e").toString(), "--ports", empty.toString(),
                "--no-shipped-ports", log.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).startsWith(warning).contains("hold no ports");
    }

    /** A directory gives every port file in it, in name order, and one line for them all; other files are left out. */
    @Test
    void aDirectoryOfPortFiles() throws Exception {
        // one timed position report: an empty log would have its own line on stderr (the input is empty)
        Path log = tmp.resolve("in.nmea");
        String tag = "c:1420030797";
        int checksum = 0;
        for (char c : tag.toCharArray()) {
            checksum ^= c;
        }
        Files.writeString(log, "\\" + tag + "*" + String.format("%02X", checksum) + "\\"
                + new org.watchkeeper.ais.nmea.NmeaEncoder().encode("15M" + "0".repeat(25), 0, 'A', null).get(0) + "\n");
        Path dir = Files.createDirectories(tmp.resolve("ports"));
        Files.writeString(dir.resolve("b.geojson"), point("Thyborøn Havn", 8.2167, 56.7));
        Files.writeString(dir.resolve("a.json"), point("Hanstholm Havn", 8.6, 57.12));
        Files.writeString(dir.resolve("README.txt"), "port areas\n");
        Files.writeString(dir.resolve(".hidden.geojson"), point("Hidden", 1, 1));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("c.geojson"), point("Below", 2, 2));
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", dir.toString(),
                "--no-shipped-ports", log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("ports: " + dir + ": 2 ports from 2 files (1 other file left out, 1 subfolder not read)\n");
        // the index holds the two, in name order
        assertThat(PortFiles.index(List.of(dir), false, new java.io.PrintWriter(new java.io.StringWriter()), true).ports()
                .stream().map(p -> p.name()).toList()).isEqualTo(List.of("Hanstholm Havn", "Thyborøn Havn"));
        // --quiet: nothing
        Cli.Run q = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("q").toString(), "--ports", dir.toString(),
                log.toString());
        assertThat(q.exit()).isZero();
        assertThat(q.err()).isEmpty();

        // a directory without port files is a mistake in the options (exit 2), as a file in no known format
        Path none = Files.createDirectories(tmp.resolve("none"));
        Cli.Run empty = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", none.toString(), log.toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("watchkeeper analyze: --ports: " + none + " is a directory without port files (World"
                + " Port Index CSV, GeoJSON or shapefile .zip; subdirectories are not read)\n"
                + "Try 'watchkeeper analyze --help' for the options.\n");
        Files.writeString(none.resolve("notes.txt"), "x\n");
        Cli.Run other = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", none.toString(), log.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).startsWith("watchkeeper analyze: --ports: " + none + " is a directory without port files (World"
                + " Port Index CSV, GeoJSON or shapefile .zip; 1 other file; subdirectories are not read)\n");
    }

    /** AMSA's 40 port-area shapefiles as one directory: one line on stderr, and the port visits of AMSA's feed. */
    @Test
    void amsaPortAreasAsADirectory() throws IOException {
        Path log = shared("data/ais/amsa-risky/ais.txt.gz");
        Path dir = Cli.SHARED.resolve("data/geo/amsa-risky/port-visit-shapefiles");
        assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir);
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", dir.toString(),
                log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).startsWith("ports: " + dir + ": 40 ports from 40 files\n");
        JsonNode ev = new ObjectMapper().readTree(tmp.resolve("r").resolve("events.json").toFile());
        assertThat(count(ev, "port_visit")).isEqualTo(AMSA_PORT_VISITS);
    }

    /**
     * Port visits in AMSA's ais.txt.gz with the shipped list and the 40 AMSA port areas (README): 468 (431
     * before the shipped list's inland points were moved to their harbours: the feed reaches Port Moresby,
     * Lae, Bahía Blanca and Baltimore, whose listed points were kilometres inland), MMSI 0
     * at Darwin being one visit of three parts (the fixes of another ship sending MMSI 0, off Kwinana,
     * interrupt it twice for a second or two).
     */
    static final long AMSA_PORT_VISITS = 468;

    private static String point(String name, double lon, double lat) {
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name
                + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}}]}";
    }

    static long count(JsonNode events, String kind) {
        long n = 0;
        for (JsonNode e : events) {
            if (e.path("kind").asText().equals(kind)) {
                n++;
            }
        }
        return n;
    }
}
