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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/** {@code watchkeeper analyze --anchorages}: anchorages derived from where ships lay still. */
class AnalyzeAnchoragesTest {
    @TempDir
    Path tmp;

    private static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }

    /**
     * AMSA's terrestrial log of 27 January 2012 holds about six minutes of most vessels (11:47-11:53
     * UTC), so "lay still" can only mean 6 minutes here: with 0.1 h and 2 vessels, the places where
     * several ships lay still are Australia's ports. Of the 29 anchorages, 27 lie inside one of AMSA's
     * 40 port-visit areas; the other two are an anchorage in Port Phillip 15.0 km from the Geelong
     * area and one 5.8 km outside the Dampier area (the shipped UN/LOCODE list has no Dampier: no port
     * within 20 km names those three, nor one 22.9 km from Hay Point). Given back as a port list, they
     * add the port visits of ships at those places: 373 instead of 268 (339 instead of 227 before the
     * shipped list's inland points, Brisbane's and Sydney's among them, were moved to their harbours).
     */
    @Test
    void amsaShipsLyingStillMarkTheAustralianPorts() throws IOException {
        Path log = Cli.SHARED.resolve("data/ais/amsa-risky/ais.txt.gz");
        Path dir = Cli.SHARED.resolve("data/geo/amsa-risky/port-visit-shapefiles");
        assumeTrue(Files.isRegularFile(log) && Files.isDirectory(dir), "shared data absent: " + log + ", " + dir);
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), "--anchorages",
                "--anchorage-hours", "0.1", "--anchorage-vessels", "2", log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\n  anchorages: 29 (cells of 500 m where at least 2 vessels lay still within 500 m for 0.1 h;"
                + " 187 stops of 187 vessels in 140 cells)\n")
                .contains(", events.kml, anchorages.geojson)\n");
        JsonNode summary = json(report.resolve("summary.json")).get("anchorages");
        assertThat(summary.get("anchorages").asInt()).isEqualTo(29);
        assertThat(summary.get("fixes").asLong()).isEqualTo(14_612); // ship stations' accepted fixes of 16 637
        assertThat(summary.get("min_stationary_hours").asDouble()).isEqualTo(0.1);

        List<Port> amsa = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path z : s.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                amsa.addAll(PortIndex.fromShapefileZip(z));
            }
        }
        PortIndex areas = new PortIndex(amsa);
        JsonNode features = json(report.resolve("anchorages.geojson")).get("features");
        assertThat(features).hasSize(29);
        int inside = 0;
        List<String> outside = new ArrayList<>();
        for (JsonNode f : features) {
            double lon = f.get("geometry").get("coordinates").get(0).asDouble();
            double lat = f.get("geometry").get("coordinates").get(1).asDouble();
            PortIndex.Nearest n = areas.nearest(lat, lon, 50_000);
            if (n.distanceMetres() == 0) {
                inside++;
            } else {
                outside.add(n.port().name() + " " + Math.round(n.distanceMetres() / 100) / 10.0);
            }
        }
        assertThat(inside).isEqualTo(27);
        assertThat(outside).containsExactlyInAnyOrder("Port of Geelong 15.0", "Port of Dampier 5.8");
        // the busiest: six ships within one cell at Port Hedland's berths, 0.3 km from its UN/LOCODE point
        JsonNode first = features.get(0).get("properties");
        assertThat(first.get("name").asText()).isEqualTo("Port Hedland anchorage 20.3126S 118.5726E");
        assertThat(first.get("vessels").asInt()).isEqualTo(6);
        assertThat(first.get("near_port").asText()).isEqualTo("AUPHE");
        assertThat(first.get("near_port_km").asDouble()).isEqualTo(0.3);
        assertThat(features.get(0).get("geometry").get("coordinates").get(1).asDouble()).isBetween(-20.31265, -20.31255);

        Cli.Run q = Cli.run("analyze", "--no-store", "--report", tmp.resolve("q").toString(), "--ports",
                report.resolve("anchorages.geojson").toString(), log.toString());
        assertThat(q.exit()).isZero();
        assertThat(q.err()).isEqualTo("ports: " + report.resolve("anchorages.geojson") + ": 29 ports\n");
        assertThat(AnalyzePortsTest.count(json(report.resolve("events.json")), "port_visit")).isEqualTo(268);
        assertThat(AnalyzePortsTest.count(json(tmp.resolve("q").resolve("events.json")), "port_visit")).isEqualTo(373);
        // an anchorage near a port counts for it: no UN/LOCODE loses a visit, Port Hedland gains one
        // (30 -> 31), Brisbane's outer anchorages 26 (8 -> 34; its point is the World Port Index's,
        // 1.4 km from the one sea-ports gives, 16.7 km inland); the 43 others are at the five anchorages
        // near no shipped port, each a port of its own keyed by its cell
        Map<String, Integer> plain = visitsPerPort(report);
        Map<String, Integer> with = visitsPerPort(tmp.resolve("q"));
        // Darwin: 8 and 25, MMSI 0 (a ship at Darwin and one off Kwinana sending it) being one visit of three
        // parts there, no longer three visits split by the Kwinana fixes
        assertThat(plain).containsEntry("AUPHE", 30).containsEntry("AUSYD", 27).containsEntry("AUGLT", 27)
                .containsEntry("AUFRE", 26).containsEntry("AUBNE", 8).containsEntry("AUDRW", 8).doesNotContainKey("-");
        assertThat(with).containsEntry("AUPHE", 31).containsEntry("AUSYD", 29).containsEntry("AUGLT", 36)
                .containsEntry("AUFRE", 28).containsEntry("AUBNE", 34).containsEntry("AUDRW", 25).containsEntry("-", 43);
        plain.forEach((code, n) -> assertThat(with.getOrDefault(code, 0)).as(code).isGreaterThanOrEqualTo(n));
        for (JsonNode e : json(tmp.resolve("q").resolve("events.json"))) {
            JsonNode at = e.get("evidence").get("attributes");
            if (at.has("anchorage_id") && !at.has("unlocode")) {
                assertThat(at.get("port_id").asText()).isEqualTo(at.get("anchorage_id").asText()).startsWith("anchorage-");
            }
        }

        // with AMSA's port areas given, they name the anchorages too: all 29 lie within 20 km of one
        Path named = tmp.resolve("n");
        Cli.Run n = Cli.run("analyze", "--quiet", "--no-store", "--no-detect", "--report", named.toString(), "--ports", dir.toString(),
                "--anchorages", "--anchorage-hours", "0.1", "--anchorage-vessels", "2", log.toString());
        assertThat(n.exit()).isZero();
        JsonNode byAreas = json(named.resolve("anchorages.geojson")).get("features");
        assertThat(byAreas).hasSize(29).allSatisfy(f -> assertThat(f.get("properties").has("near_port_id")).isTrue());
        assertThat(byAreas.get(0).get("properties").get("name").asText()).isEqualTo("Port of Port Hedland anchorage 20.3126S 118.5726E");
        assertThat(byAreas.get(0).get("properties").get("near_port_id").asText())
                .isEqualTo("port_hedland_visit_pl.zip:Port of Port Hedland");
        assertThat(byAreas.get(0).get("properties").get("near_port_km").asDouble()).isZero();

        // GFW's thresholds (20 ships, 12 h) find nothing in six minutes; a run without --anchorages
        // removes an earlier run's file from the report folder (it would pass for this input's)
        Cli.Run d = Cli.run("analyze", "--no-store", "--report", report.toString(), "--anchorages", log.toString());
        assertThat(d.out()).contains("\n  anchorages: 0 (cells of 500 m where at least 20 vessels lay still within 500 m for 12 h;"
                + " 0 stops of 0 vessels in 0 cells)\n");
        assertThat(json(report.resolve("anchorages.geojson")).get("features")).isEmpty();
        Cli.Run none = Cli.run("analyze", "--quiet", "--no-store", "--report", report.toString(), log.toString());
        assertThat(none.exit()).isZero();
        assertThat(report.resolve("anchorages.geojson")).doesNotExist();
        assertThat(json(report.resolve("summary.json")).has("anchorages")).isFalse();
    }

    /**
     * A MarineCadastre CSV export (US waters, 3 January 2022, mostly 00:00-00:25 at one fix a minute):
     * its rows carry no AIS message type, but each is a vessel's position (TransceiverClass A or B), so
     * they are the finder's fixes as a log's position reports are (before, the export gave 0 fixes).
     * With 0.3 h and 2 vessels: 1159 anchorages; with GFW's thresholds the few vessels still reporting
     * later in the day give 311 stops of 12 h and no anchorage. The land detector takes the rows too.
     */
    @Test
    void aCsvExportsRowsAreVesselFixes() throws IOException {
        Path csv = Cli.SHARED.resolve("data/ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        assumeTrue(Files.isRegularFile(csv), "shared data absent: " + csv);
        Path report = tmp.resolve("csv");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), "--anchorages",
                "--anchorage-hours", "0.3", "--anchorage-vessels", "2", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\n  anchorages: 1159 (cells of 500 m where at least 2 vessels lay still within 500 m for 0.3 h;"
                + " 6314 stops of 6314 vessels in 3602 cells)\n");
        JsonNode summary = json(report.resolve("summary.json")).get("anchorages");
        assertThat(summary.get("fixes").asLong()).isEqualTo(99_785); // of 99 999 rows, all accepted rows of ship MMSIs
        assertThat(json(report.resolve("anchorages.geojson")).get("features")).hasSize(1159);

        Cli.Run d = Cli.run("analyze", "--no-store", "--report", tmp.resolve("csv-land").toString(), "--anchorages",
                "--detect", "position_on_land", csv.toString());
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).contains("\n  events:     3155 (position_on_land: 3155)\n",
                "\n  anchorages: 0 (cells of 500 m where at least 20 vessels lay still within 500 m for 12 h;"
                        + " 311 stops of 311 vessels in 219 cells)\n");
    }

    /** Port Hedland's UN/LOCODE point in the shipped list (AUPHE). */
    private static final double PHE_LAT = -20.3116266;
    private static final double PHE_LON = 118.5752577;

    /** One timed type 1 report, framed as a receiver logs it (tag block with the epoch seconds). */
    private static String fix(int mmsi, long epochSeconds, double lat, double lon, double sog) {
        PositionReport r = new PositionReport(1, 0, mmsi, sog < 0.2 ? 1 : 0, -128, sog, true, lon, lat, 0, 511,
                (int) (epochSeconds % 60), 0, 0, false, AisMessage.NOT_AVAILABLE);
        BitWriter w = new BitWriter();
        r.encode(w);
        String s = "AIVDM,1,1,,A," + w.armoured() + "," + w.fillBits();
        String tag = "c:" + epochSeconds;
        return "\\" + tag + "*" + checksum(tag) + "\\!" + s + "*" + checksum(s) + "\n";
    }

    private static String checksum(String s) {
        int c = 0;
        for (char ch : s.toCharArray()) {
            c ^= ch;
        }
        return String.format("%02X", c);
    }

    /**
     * One ship lies 2 h still 10 km north of Port Hedland's listed point (a fix every 3 minutes), having
     * come from 5 km further north and leaving 5 km south: with 1 vessel and 1 h, one anchorage, named
     * after Port Hedland (or after a port of the user's list that is nearer); given back, the ship's stay
     * there is a visit to Port Hedland (AUPHE) that names the anchorage, where the shipped list alone
     * finds none. With GFW's defaults the file is empty, and given back it is read with a warning.
     */
    @Test
    void oneShipsAnchorageBelongsToTheNearestPortOfTheShippedOrTheUsersList() throws IOException {
        double[] spot = Geodesy.destination(PHE_LAT, PHE_LON, 0, 10_000);
        long t0 = 1_700_000_000L; // 2023-11-14T22:13:20Z
        StringBuilder nmea = new StringBuilder();
        double[] in = Geodesy.destination(spot[0], spot[1], 0, 5_000);
        nmea.append(fix(503_000_001, t0 - 3600, in[0], in[1], 8));
        for (long t = t0; t <= t0 + 7200; t += 180) {
            nmea.append(fix(503_000_001, t, spot[0], spot[1], 0));
        }
        double[] out = Geodesy.destination(spot[0], spot[1], 180, 5_000);
        nmea.append(fix(503_000_001, t0 + 10_800, out[0], out[1], 8));
        Path log = Files.writeString(tmp.resolve("hedland.nmea"), nmea.toString());

        Path a = tmp.resolve("a");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", a.toString(), "--anchorages", "--anchorage-vessels", "1",
                "--anchorage-hours", "1", log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\n  anchorages: 1 (cells of 500 m where at least 1 vessel lay still within 500 m for 1 h;"
                + " 1 stop of 1 vessel in 1 cell)\n");
        JsonNode p = json(a.resolve("anchorages.geojson")).get("features").get(0).get("properties");
        assertThat(p.get("name").asText()).isEqualTo("Port Hedland anchorage 20.2217S 118.5753E");
        assertThat(p.get("near_port_id").asText()).isEqualTo("AUPHE");
        assertThat(p.get("near_port_km").asDouble()).isEqualTo(10.0);
        String cell = p.get("anchorage_id").asText();
        assertThat(cell).matches("anchorage-\\d+-\\d+");
        assertThat(AnalyzePortsTest.count(json(a.resolve("events.json")), "port_visit")).isZero();

        // given back: the ship's stay is a visit to Port Hedland, at the anchorage
        Path b = tmp.resolve("b");
        Cli.Run back = Cli.run("analyze", "--no-store", "--report", b.toString(), "--ports", a.resolve("anchorages.geojson").toString(),
                log.toString());
        assertThat(back.exit()).isZero();
        assertThat(back.err()).isEqualTo("ports: " + a.resolve("anchorages.geojson") + ": 1 port\n");
        JsonNode visits = json(b.resolve("events.json"));
        assertThat(visits).singleElement().satisfies(v -> {
            assertThat(v.get("kind").asText()).isEqualTo("port_visit");
            assertThat(v.get("start").asText()).isEqualTo("2023-11-14T22:13:20Z");
            assertThat(v.get("end").asText()).isEqualTo("2023-11-15T01:13:20Z");
            JsonNode at = v.get("evidence").get("attributes");
            assertThat(at.get("port_id").asText()).isEqualTo("AUPHE");
            assertThat(at.get("port_name").asText()).isEqualTo("Port Hedland");
            assertThat(at.get("unlocode").asText()).isEqualTo("AUPHE");
            assertThat(at.get("country").asText()).isEqualTo("Australia");
            assertThat(at.get("anchorage_id").asText()).isEqualTo(cell);
            assertThat(at.get("anchorage_name").asText()).isEqualTo("Port Hedland anchorage 20.2217S 118.5753E");
            assertThat(at.get("port_source").asText()).isEqualTo("anchorages.geojson");
            assertThat(at.get("confidence").asInt()).isEqualTo(4);
        });

        // a port of the user's list 2 km away names it instead
        double[] wharf = Geodesy.destination(spot[0], spot[1], 90, 2_000);
        Path user = Files.writeString(tmp.resolve("wharf.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"properties\":{\"name\":\"Outer Wharf\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + wharf[1] + "," + wharf[0] + "]}}]}");
        Path c = tmp.resolve("c");
        Cli.Run named = Cli.run("analyze", "--quiet", "--no-store", "--no-detect", "--report", c.toString(), "--ports", user.toString(),
                "--anchorages", "--anchorage-vessels", "1", "--anchorage-hours", "1", log.toString());
        assertThat(named.exit()).isZero();
        JsonNode q = json(c.resolve("anchorages.geojson")).get("features").get(0).get("properties");
        assertThat(q.get("name").asText()).isEqualTo("Outer Wharf anchorage 20.2217S 118.5753E");
        assertThat(q.get("near_port").asText()).isEqualTo("wharf.geojson:Outer Wharf");
        assertThat(q.get("near_port_km").asDouble()).isEqualTo(2.0);

        // GFW's defaults: none, and the empty file given back is read with a warning naming it
        Path d = tmp.resolve("d");
        Cli.Run none = Cli.run("analyze", "--quiet", "--no-store", "--report", d.toString(), "--anchorages", log.toString());
        assertThat(none.exit()).isZero();
        assertThat(json(d.resolve("anchorages.geojson")).get("features")).isEmpty();
        Cli.Run empty = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("e").toString(), "--ports",
                d.resolve("anchorages.geojson").toString(), log.toString());
        assertThat(empty.exit()).isZero();
        assertThat(empty.err()).isEqualTo("ports: " + d.resolve("anchorages.geojson") + ": warning: no ports in it (no Point,"
                + " Polygon or MultiPolygon feature): it adds nothing to the port list\n");
    }

    /** Port visits of a report per UN/LOCODE ("-" for those without one). */
    private static Map<String, Integer> visitsPerPort(Path report) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode e : json(report.resolve("events.json"))) {
            if (e.get("kind").asText().equals("port_visit")) {
                out.merge(e.get("evidence").get("attributes").path("unlocode").asText("-"), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void thresholdsOutOfRangeOrWithoutAnchoragesAreRefused() {
        Path in = tmp.resolve("in.nmea");
        Cli.Run zero = Cli.run("analyze", "--no-store", "--anchorages", "--anchorage-hours", "0", in.toString());
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).startsWith("watchkeeper analyze: --anchorage-hours must be > 0 and at most a year (8784): 0.0\n");
        Cli.Run vessels = Cli.run("analyze", "--no-store", "--anchorages", "--anchorage-vessels", "0", in.toString());
        assertThat(vessels.exit()).isEqualTo(2);
        assertThat(vessels.err()).startsWith("watchkeeper analyze: --anchorage-vessels must be >= 1: 0\n");
        Cli.Run alone = Cli.run("analyze", "--no-store", "--anchorage-vessels", "3", in.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).startsWith("watchkeeper analyze: --anchorage-vessels and --anchorage-hours tune --anchorages:"
                + " give --anchorages too\n");
    }
}
