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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
     * add the port visits of ships at those places: 341 instead of 229.
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
        assertThat(AnalyzePortsTest.count(json(report.resolve("events.json")), "port_visit")).isEqualTo(229);
        assertThat(AnalyzePortsTest.count(json(tmp.resolve("q").resolve("events.json")), "port_visit")).isEqualTo(341);

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
        assertThat(d.out()).contains("\n  events:     3155 (position_on_land 3155)\n",
                "\n  anchorages: 0 (cells of 500 m where at least 20 vessels lay still within 500 m for 12 h;"
                        + " 311 stops of 311 vessels in 219 cells)\n");
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
