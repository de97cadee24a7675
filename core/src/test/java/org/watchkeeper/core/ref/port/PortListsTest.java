package org.watchkeeper.core.ref.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PortLists}: recognising the three formats, the order of the index, and the errors. */
class PortListsTest {
    @TempDir
    Path tmp;

    private static final String THYBORON = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"Thyborøn Havn","unlocode":"DKTHN"},
              "geometry":{"type":"Point","coordinates":[8.2167,56.7]}}]}""";

    private static Path shared(String rel) {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../shared"), rel);
        assumeTrue(Files.exists(p), "shared data absent: " + p + ": skipped");
        return p;
    }

    @Test
    void allThreeFormatsInOrderAfterTheShippedList() throws Exception {
        Path wpi = shared("data/geo/wpi/UpdatedPub150.csv.gz");
        Path zip = shared("data/geo/amsa-risky/port-visit-shapefiles/burnie_visit_pl.zip");
        // GeoJSON behind a byte order mark and blank lines, gzip-named but plain: recognised by content.
        Path gj = tmp.resolve("thyboron.json");
        Files.write(gj, ("\uFEFF\n  " + THYBORON).getBytes(StandardCharsets.UTF_8));
        List<String> notes = new ArrayList<>();
        PortIndex idx = PortLists.index(List.of(wpi, zip, gj), true, notes::add);
        int shipped = PortIndex.seaPorts().ports().size();
        assertThat(idx.ports()).hasSize(shipped + 3768 + 1 + 1);
        assertThat(idx.ports().get(0)).isSameAs(PortIndex.seaPorts().ports().get(0));
        assertThat(idx.ports().get(shipped).id()).startsWith("wpi:");
        assertThat(idx.ports().get(shipped + 3768).name()).isEqualTo("Port of Burnie");
        assertThat(idx.ports().get(shipped + 3769).name()).isEqualTo("Thyborøn Havn");
        assertThat(notes).containsExactly(wpi + ": 3768 ports", zip + ": 1 port", gj + ": 1 port");

        PortIndex only = PortLists.index(List.of(gj), false, n -> { });
        assertThat(only.ports()).singleElement().satisfies(p -> assertThat(p.unlocode()).isEqualTo("DKTHN"));
        assertThat(PortLists.index(List.of(), true, n -> { })).isNull();
    }

    @Test
    void gzipWorldPortIndexWithARejectedRowIsNoted() throws Exception {
        Path wpi = shared("data/geo/wpi/UpdatedPub150.csv.gz");
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(wpi))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(3).toList();
        }
        Path small = tmp.resolve("two.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(small))) {
            // the header, one good row, one row cut short
            out.write((lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 20) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> notes = new ArrayList<>();
        List<Port> got = PortLists.read(small, notes::add);
        assertThat(got).hasSize(1);
        assertThat(notes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(notes.get(0)).isEqualTo(small + ": 1 of 2 rows rejected");
        assertThat(notes.get(1)).startsWith("  ");
    }

    @Test
    void missingUnknownEmptyAndMalformedFiles() throws Exception {
        Path txt = tmp.resolve("ports.txt");
        Files.writeString(txt, "name,lat,lon\nA,1,2\n");
        assertThatThrownBy(() -> PortLists.index(List.of(txt), true, n -> { }))
                .isInstanceOf(PortLists.UnrecognisedException.class)
                .hasMessage(txt + " is neither a World Port Index CSV (header starting 'World Port Index Number'),"
                        + " GeoJSON nor a shapefile .zip");
        Path none = tmp.resolve("nope.geojson");
        assertThatThrownBy(() -> PortLists.index(List.of(none), true, n -> { }))
                .isInstanceOf(PortLists.UnrecognisedException.class).hasMessage("no such file: " + none);
        assertThatThrownBy(() -> PortLists.index(List.of(), false, n -> { }))
                .isInstanceOf(PortLists.UnrecognisedException.class).hasMessageContaining("no ports at all");
        Path empty = tmp.resolve("empty.geojson");
        Files.writeString(empty, "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThatThrownBy(() -> PortLists.index(List.of(empty), false, n -> { }))
                .isInstanceOf(PortLists.UnrecognisedException.class).hasMessageContaining("hold no ports");
        List<String> notes = new ArrayList<>();
        assertThat(PortLists.index(List.of(empty), true, notes::add).ports()).hasSize(PortIndex.seaPorts().ports().size());
        // read, but not silently: the file is named and what it lacks said
        assertThat(notes).containsExactly(empty + ": warning: no ports in it (no Point, Polygon or MultiPolygon feature):"
                + " it adds nothing to the port list", empty + ": 0 ports");
        Path lines = tmp.resolve("lines.geojson");
        Files.writeString(lines, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"LineString\",\"coordinates\":[[8,55],[9,56]]}}]}");
        notes.clear();
        assertThat(PortLists.read(lines, notes::add)).isEmpty();
        assertThat(notes).singleElement().asString().startsWith(lines + ": warning: no ports in it");
        Path bad = tmp.resolve("bad.geojson");
        Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"Point\",\"coordinates\":[8,95]}}]}");
        assertThatThrownBy(() -> PortLists.index(List.of(bad), true, n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("out of range");
    }
}
