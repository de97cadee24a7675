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
        assertThat(b.err()).contains("ports: " + wpi + ": 3768 ports");
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
        assertThat(count(all, "port_visit")).isEqualTo(202);
        assertThat(count(more, "port_visit")).isEqualTo(370);
    }

    @Test
    void geoJsonPointsAloneWithNoShippedPorts() throws IOException {
        Path log = shared("data/ais/dma-aislib/stream_example.txt");
        Path gj = tmp.resolve("thyboron.geojson");
        Files.writeString(gj, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"Thyborøn Havn","unlocode":"DKTHN","country":"Denmark"},
                  "geometry":{"type":"Point","coordinates":[8.2167,56.7]}}]}""");
        Cli.Run r = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("r").toString(),
                "--ports", gj.toString(), "--no-shipped-ports", log.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("ports: " + gj + ": 1 ports");
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
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", tmp.resolve("nope.csv").toString(), log.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--ports: no such file");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--no-shipped-ports", log.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--no-shipped-ports needs at least one --ports FILE");
        Path badJson = tmp.resolve("bad.geojson");
        Files.writeString(badJson, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[8,95]}}]}");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--ports", badJson.toString(), log.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read ports").contains("out of range");
    }

    private static long count(JsonNode events, String kind) {
        long n = 0;
        for (JsonNode e : events) {
            if (e.path("kind").asText().equals(kind)) {
                n++;
            }
        }
        return n;
    }
}
