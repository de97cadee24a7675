package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --zones} and {@code --watchlist} on the DMA logs. */
class AnalyzeZonesTest {
    @TempDir
    Path tmp;

    private static List<JsonNode> events(Path report, String kindPrefix) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(report.resolve("events.json").toFile())) {
            if (e.get("kind").asText().startsWith(kindPrefix)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The drifting 212123000 starts inside a box south of 55.62°N (its first fix inside gives no entry)
     * and leaves it once, between its fixes at 55.619953°N (20:11:45.768) and 55.620403°N (20:14:45.734),
     * as its track in tracks.geojson shows; it never comes back.
     */
    @Test
    void zonesFromAGeoJsonFileGiveTheirEntriesAndExits() throws IOException {
        Path zones = Files.writeString(tmp.resolve("south.geojson"), """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"South box"},
                 "geometry":{"type":"Polygon","coordinates":[[[15.2,55.5],[15.5,55.5],[15.5,55.62],[15.2,55.62],[15.2,55.5]]]}}]}
                """);
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), "--zones", zones.toString(),
                Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("zones: " + zones + ": 1 zone" + System.lineSeparator());
        List<JsonNode> z = events(report, "zone_");
        assertThat(z).hasSize(1);
        JsonNode exit = z.get(0);
        assertThat(exit.get("kind").asText()).isEqualTo("zone_exit");
        assertThat(exit.get("start").asText()).isEqualTo("2014-10-02T20:14:45.734Z");
        assertThat(exit.get("mmsis").get(0).asText()).isEqualTo("212123000");
        assertThat(exit.get("lat").asDouble()).isEqualTo(55.620403);
        JsonNode a = exit.get("evidence").get("attributes");
        assertThat(a.get("zone_name").asText()).isEqualTo("South box");
        assertThat(a.get("zone_category").asText()).isEqualTo("user");
        assertThat(a.get("previous_time").asText()).isEqualTo("2014-10-02T20:11:45.768Z");
        assertThat(a.get("previous_lat").asDouble()).isEqualTo(55.619953);
        // the default detectors ran beside it: the log's drift events are there too
        assertThat(events(report, "drift")).isNotEmpty();
        assertThat(Cli.summary(report).get("events").get("detectors").toString()).endsWith(",\"zone\"]");

        // the same zones gzipped (as inputs and --ports may be): the same event
        Path gz = tmp.resolve("south.geojson.gz");
        try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(zones));
        }
        Path report2 = tmp.resolve("r2");
        r = Cli.run("analyze", "--no-store", "--report", report2.toString(), "--zones", gz.toString(),
                Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(report2, "zone_")).isEqualTo(z);
    }

    /** In the five minutes of the DMA sample, one vessel listed by MMSI and one by name report once each. */
    @Test
    void aWatchlistReportsTheListedVesselsByMmsiAndByName() throws IOException {
        Path list = Files.writeString(tmp.resolve("watch.txt"), "mmsi 219000895 | ferry to follow\nname hjalmar\n");
        Path report = tmp.resolve("w");
        Cli.Run r = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), "--watchlist", list.toString(),
                Cli.data("ais/dma-aisabnormal/ais-sample.txt.gz").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("watchlist:"); // --quiet
        List<JsonNode> w = events(report, "watchlist_activity");
        assertThat(w).hasSize(2);
        assertThat(w.get(0).get("mmsis").get(0).asText()).isEqualTo("219000895");
        assertThat(w.get(0).get("start").asText()).isEqualTo("2013-11-12T12:01:22.877Z");
        assertThat(w.get(0).get("evidence").get("attributes").get("note").get(0).asText()).isEqualTo("ferry to follow");
        assertThat(w.get(1).get("mmsis").get(0).asText()).isEqualTo("220321000");
        assertThat(w.get(1).get("evidence").get("attributes").get("matched").get(0).asText()).isEqualTo("name:HJALMAR");
    }

    /**
     * A listed vessel silent for --watchlist-silence-min is a watchlist_gap: in the DMA sample 211457700 is
     * silent 4 min 18.8 s (12:00:27.030 to 12:04:45.799), 265645310 at most 3 min 9.1 s, so with 4 min only the
     * first is reported, with 3 min both, and with 0 none.
     */
    @Test
    void aListedVesselSilentForTheThresholdIsAWatchlistGap() throws IOException {
        Path list = Files.writeString(tmp.resolve("quiet.txt"), "mmsi 211457700 | follow\nmmsi 265645310\n");
        Path input = Cli.data("ais/dma-aisabnormal/ais-sample.txt.gz");
        Path four = tmp.resolve("g4");
        Cli.Run r = Cli.run("analyze", "--no-store", "--quiet", "--report", four.toString(), "--watchlist", list.toString(),
                "--watchlist-silence-min", "4", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> g = events(four, "watchlist_gap");
        assertThat(g).hasSize(1);
        assertThat(g.get(0).get("mmsis").get(0).asText()).isEqualTo("211457700");
        assertThat(g.get(0).get("start").asText()).isEqualTo("2013-11-12T12:00:27.030Z");
        assertThat(g.get(0).get("end").asText()).isEqualTo("2013-11-12T12:04:45.799Z");
        JsonNode at = g.get(0).get("evidence").get("attributes");
        assertThat(at.get("duration_h").asDouble()).isCloseTo(258.769 / 3600, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(at.get("note").get(0).asText()).isEqualTo("follow");
        assertThat(g.get(0).get("parameters").get("silence_s").asLong()).isEqualTo(240);

        Path three = tmp.resolve("g3");
        r = Cli.run("analyze", "--no-store", "--quiet", "--report", three.toString(), "--watchlist", list.toString(),
                "--watchlist-silence-min", "3", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(three, "watchlist_gap")).extracting(x -> x.get("mmsis").get(0).asText())
                .containsExactlyInAnyOrder("211457700", "265645310");

        Path off = tmp.resolve("g0");
        r = Cli.run("analyze", "--no-store", "--quiet", "--report", off.toString(), "--watchlist", list.toString(),
                "--watchlist-silence-min", "0", input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(events(off, "watchlist_gap")).isEmpty();
        assertThat(events(off, "watchlist_activity")).hasSize(2);

        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("bad").toString(), "--watchlist", list.toString(),
                "--watchlist-silence-min", "-1", input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--watchlist-silence-min must be in [0, 10080] (0: off): -1");
    }

    /** Two watchlist files are one list: the same two vessels, each once, the note from the file that has one. */
    @Test
    void watchlistFilesAreTakenTogether() throws IOException {
        Path first = Files.writeString(tmp.resolve("first.txt"), "mmsi 219000895\n");
        Path second = Files.writeString(tmp.resolve("second.txt"), "name hjalmar\nmmsi 219000895 | ferry to follow\n");
        Path report = tmp.resolve("w2");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), "--watchlist", first.toString(),
                "--watchlist", second.toString(), Cli.data("ais/dma-aisabnormal/ais-sample.txt.gz").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("watchlist: " + first + ": 1 entry").contains("watchlist: " + second + ": 2 entries");
        List<JsonNode> w = events(report, "watchlist_activity");
        assertThat(w).hasSize(2);
        assertThat(w.get(0).get("mmsis").get(0).asText()).isEqualTo("219000895");
        assertThat(w.get(0).get("evidence").get("attributes").get("note").get(0).asText()).isEqualTo("ferry to follow");
        assertThat(w.get(1).get("mmsis").get(0).asText()).isEqualTo("220321000");
    }

    @Test
    void badZoneAndWatchlistFilesAreRefusedWithTheirNames() throws IOException {
        Path input = Cli.data("ais/dma-aisabnormal/219165000_ssc_1.ais");
        Path missing = tmp.resolve("none.geojson");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("a").toString(), "--zones", missing.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: cannot read --zones " + missing + ": no such file"
                + System.lineSeparator());

        Path cut = Files.writeString(tmp.resolve("cut.geojson"), "{\"type\":\"FeatureCollection\"");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("e").toString(), "--zones", cut.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: --zones " + cut + ": not valid JSON: Unexpected end-of-input:"
                + " expected close marker for Object (start marker at line 1, column 1) (line 1, column 28)" + System.lineSeparator());

        Path points = Files.writeString(tmp.resolve("points.geojson"),
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("b").toString(), "--zones", points.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: --zones " + points + ": no Polygon or MultiPolygon feature"
                + System.lineSeparator());

        // RFC 7946 positions: longitude -180..180 first; a file with the two swapped or in another CRS is refused
        Path outside = Files.writeString(tmp.resolve("outside.geojson"), "{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[10,55],[200,95],[11,56],[10,55]]]}}");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("f").toString(), "--zones", outside.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: --zones " + outside + ": position [200.0, 95.0] out of range"
                + " (longitude -180..180, then latitude -90..90)" + System.lineSeparator());

        Path bad = Files.writeString(tmp.resolve("bad.txt"), "mmsi 219000895\ncallsign OXYZ\n");
        r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("c").toString(), "--watchlist", bad.toString(), input.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("watchkeeper analyze: --watchlist " + bad + ": watchlist line 2: expected mmsi, imo or name");

        r = Cli.run("analyze", "--no-store", "--no-detect", "--report", tmp.resolve("d").toString(), "--watchlist", bad.toString(),
                input.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("watchkeeper analyze: --zones and --watchlist report events: they cannot go with --no-detect");
    }

    /** A zone file's polygon that crosses itself is kept (published files have such faults) and said. */
    @Test
    void aZoneThatIsNotAValidPolygonIsSaid() throws IOException {
        Path input = Cli.data("ais/dma-aisabnormal/219165000_ssc_1.ais");
        Path bow = Files.writeString(tmp.resolve("bow.geojson"), "{\"type\":\"Feature\",\"properties\":{\"name\":\"bow tie\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), "--zones", bow.toString(), input.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("zones: " + bow + ": 1 zone" + System.lineSeparator() + "zones: " + bow
                + ": zone 'bow tie' is not a valid polygon (self-intersection at [1.0, 1.0]): its entries and exits near there may be wrong"
                + System.lineSeparator());
    }
}
