package org.watchkeeper.core.ref.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.geo.Geodesy;

class PortIndexTest {

    @Test
    void shippedSeaPortsLoadWithUnlocodesAndCoordinates() {
        PortIndex idx = PortIndex.seaPorts();
        // sea-ports@0.0.9 lists 1 634 ports, 1 610 of them with coordinates.
        assertThat(idx.ports()).hasSize(1610);
        Port ajman = idx.ports().stream().filter(p -> p.id().equals("AEAJM")).findFirst().orElseThrow();
        assertThat(ajman.name()).isEqualTo("Ajman");
        assertThat(ajman.country()).isEqualTo("United Arab Emirates");
        // sea-ports lists Ajman 4.3 km inland (25.4052165 N 55.5136433 E): it is moved 8.2 km to its
        // World Port Index harbour (SeaPortCorrections), the listed point kept
        assertThat(ajman.latitude()).isEqualTo(25.416667);
        assertThat(ajman.longitude()).isEqualTo(55.433333);
        assertThat(ajman.moved()).isEqualTo(new Port.Moved(25.4052165, 55.5136433, "wpi:48270"));
        PortIndex.Nearest n = idx.nearest(25.41, 55.44, 3_000);
        assertThat(n.port().unlocode()).isEqualTo("AEAJM");
        assertThat(n.distanceMetres()).isCloseTo(Geodesy.distance(25.41, 55.44, 25.416667, 55.433333),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(idx.nearest(25.41, 55.51, 3_000)).isNull(); // the listed point: nothing there now
        assertThat(idx.nearest(-50, -140, 100_000)).isNull(); // South Pacific
    }

    @Test
    void nearestIsExactAgainstBruteForceIncludingAcrossTheAntimeridianAndNearThePoles() {
        Random r = new Random(7);
        List<Port> ports = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double lat = r.nextDouble() * 178 - 89;
            double lon = r.nextDouble() < 0.5 ? 179 + r.nextDouble() * 2 - 2 * (r.nextDouble() < 0.5 ? 0 : 1) : r.nextDouble() * 360 - 180;
            lon = Geodesy.normalizeLongitude(lon);
            ports.add(new Port("P" + i, "P" + i, null, null, lat, lon, null, "test"));
        }
        ports.add(new Port("E", "east", null, null, -16.0, 179.995, null, "test"));
        ports.add(new Port("W", "west", null, null, -16.0, -179.99, null, "test"));
        PortIndex idx = new PortIndex(ports);
        for (int q = 0; q < 3000; q++) {
            double lat = r.nextDouble() * 180 - 90;
            double lon = q % 3 == 0 ? Geodesy.normalizeLongitude(180 + r.nextGaussian()) : r.nextDouble() * 360 - 180;
            double radius = 1_000 + r.nextDouble() * 300_000;
            Port best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (Port p : ports) {
                double d = Geodesy.distance(lat, lon, p.latitude(), p.longitude());
                if (d <= radius && d < bestD) {
                    best = p;
                    bestD = d;
                }
            }
            PortIndex.Nearest n = idx.nearest(lat, lon, radius);
            if (best == null) {
                assertThat(n).isNull();
            } else {
                assertThat(n.port()).isEqualTo(best);
            }
        }
        // 179.999 E is 1.2 km from "W" at -179.99 and 0.4 km from "E".
        assertThat(idx.nearest(-16.0, 179.999, 3_000).port().id()).isEqualTo("E");
        assertThat(idx.nearest(-16.0, -179.995, 3_000).port().id()).isEqualTo("W");
        // -179.999 is 641 m from "E" (0.006° of longitude at 16° S) and 962 m from "W".
        assertThat(idx.nearest(-16.0, -179.999, 700).port().id()).isEqualTo("E");
        assertThat(idx.nearest(-16.0, -179.999, 600)).isNull();
    }

    @Test
    void geoJsonPolygonsAreAreasWithDistanceZeroInsideAndToTheEdgeOutside() throws IOException {
        String json = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"Test Harbour","unlocode":"XXTST","country":"Nowhere"},
                  "geometry":{"type":"Polygon","coordinates":[[[10,0],[10.1,0],[10.1,0.1],[10,0.1],[10,0]]]}},
                 {"type":"Feature","properties":{"name":"pt"},"geometry":{"type":"Point","coordinates":[0,0]}}]}""";
        List<Port> ports = PortIndex.fromGeoJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.geojson");
        assertThat(ports).hasSize(2);
        assertThat(ports.get(0).id()).isEqualTo("XXTST");
        assertThat(ports.get(0).isArea()).isTrue();
        assertThat(ports.get(1).id()).isEqualTo("t.geojson:pt");
        assertThat(ports.get(1).isArea()).isFalse();
        assertThat(ports.get(1).latitude()).isZero();
        PortIndex idx = new PortIndex(ports);
        assertThat(idx.containing(0.05, 10.05).name()).isEqualTo("Test Harbour");
        assertThat(idx.nearest(0.05, 10.05, 10).distanceMetres()).isZero();
        // 0.01° east of the east edge on the equator: 1 112 m.
        assertThat(idx.nearest(0.05, 10.11, 5_000).distanceMetres()).isCloseTo(1111.95, org.assertj.core.data.Offset.offset(1.0));
        assertThat(idx.containing(0.05, 10.11)).isNull();
        assertThat(idx.nearest(0.001, 0.0, 500).port().name()).isEqualTo("pt");
        assertThatThrownBy(() -> PortIndex.fromGeoJson(new ByteArrayInputStream(
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,0]}}]}"
                        .getBytes()), "x")).isInstanceOf(IOException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> PortIndex.fromGeoJson(new ByteArrayInputStream("{}".getBytes()), "x")).isInstanceOf(IOException.class);
    }

    @Test
    void amsaShapefilesReadWithNamesAndRings() throws IOException {
        Path dir = Path.of(System.getProperty("watchkeeper.shared", "../shared"), "data/geo/amsa-risky/port-visit-shapefiles");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared AMSA shapefiles absent: " + dir);
        List<ShapefileReader.Feature> sydney = ShapefileReader.readZip(dir.resolve("sydney_visit_pl.zip"));
        assertThat(sydney).singleElement().satisfies(f -> {
            assertThat(f.attributes()).containsEntry("limit_name", "Port of Sydney").containsKey("OBJECTID");
            // Header box of dhi_sydney_port_pl.shp: x 151.0010..151.3094, y -33.8833..-33.7628.
            assertThat(f.geometry().getEnvelopeInternal().getMinX()).isCloseTo(151.0010, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(f.geometry().getEnvelopeInternal().getMaxY()).isCloseTo(-33.7627, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(f.geometry().isValid()).isTrue();
        });
        List<Port> burnie = PortIndex.fromShapefileZip(dir.resolve("burnie_visit_pl.zip"));
        assertThat(burnie).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("Port of Burnie"));
        // Sydney Harbour at Fort Denison is inside; the Tasman Sea 30 km east is not.
        PortIndex idx = new PortIndex(PortIndex.fromShapefileZip(dir.resolve("sydney_visit_pl.zip")));
        assertThat(idx.containing(-33.855, 151.225)).isNotNull();
        assertThat(idx.containing(-33.85, 151.6)).isNull();
    }

    private static List<ShapefileReader.Feature> assertDoesNotThrowRead(byte[] shp) {
        try {
            return ShapefileReader.read(shp, null, null, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void malformedShapefilesThrowIoException() {
        assertThatThrownBy(() -> ShapefileReader.read(new byte[50], null, null, null)).isInstanceOf(IOException.class);
        byte[] header = new byte[100];
        java.nio.ByteBuffer.wrap(header).putInt(0, 9994).putInt(24, 50);
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32, 1); // points
        assertThatThrownBy(() -> ShapefileReader.read(header, null, null, null)).hasMessageContaining("not a polygon");
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(32, 5);
        assertThat(assertDoesNotThrowRead(header)).isEmpty(); // a polygon file with no records
        java.nio.ByteBuffer.wrap(header).putInt(24, 70); // declares 140 bytes, holds 100
        assertThatThrownBy(() -> ShapefileReader.read(header, null, null, null)).hasMessageContaining("truncated")
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ShapefileReader.read(header, null, "PROJCS[\"x\"]".getBytes(), null))
                .hasMessageContaining("projected");
    }
}
