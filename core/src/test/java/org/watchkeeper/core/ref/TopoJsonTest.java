package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class TopoJsonTest {
    private static InputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamedArcsGiveTheSamePolygonsAsTheTreeOnNaturalEarth() throws Exception {
        JsonNode tree;
        try (InputStream in = LandMask.class.getResourceAsStream(LandMask.RESOURCE)) {
            tree = new ObjectMapper().readTree(in);
        }
        TopoJson streamed;
        try (InputStream in = LandMask.class.getResourceAsStream(LandMask.RESOURCE)) {
            streamed = TopoJson.read(in);
        }
        GeometryFactory gf = new GeometryFactory();
        List<Polygon> a = new TopoJson(tree).polygons(tree, "land", gf);
        List<Polygon> b = streamed.polygons(streamed.document(), "land", gf);
        assertThat(b).hasSameSizeAs(a);
        assertThat(a.size()).isGreaterThan(4_000); // Natural Earth 1:10m land: thousands of islands
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).getCoordinates()).isEqualTo(a.get(i).getCoordinates());
        }
        assertThat(streamed.document().get("bbox").get(1).asDouble()).isEqualTo(tree.get("bbox").get(1).asDouble());
    }

    @Test
    void quantizedArcsAreDeltaDecodedWhateverTheKeyOrder() throws Exception {
        // transform after arcs (as world-atlas writes it); one square of side 2 at (10, 20), scale 0.5
        String doc = "{\"type\":\"Topology\",\"arcs\":[[[0,0],[4,0],[0,4],[-4,0],[0,-4]]],"
                + "\"objects\":{\"sq\":{\"type\":\"Polygon\",\"arcs\":[[0]]}},"
                + "\"transform\":{\"scale\":[0.5,0.5],\"translate\":[10,20]}}";
        TopoJson t = TopoJson.read(json(doc));
        List<Polygon> p = t.polygons(t.document(), "sq", new GeometryFactory());
        assertThat(p).hasSize(1);
        assertThat(p.get(0).getArea()).isEqualTo(4.0);
        assertThat(p.get(0).getEnvelopeInternal().getMinX()).isEqualTo(10.0);
        assertThat(p.get(0).getEnvelopeInternal().getMaxY()).isEqualTo(22.0);
    }

    @Test
    void malformedTopologiesAreRejected() {
        assertThatThrownBy(() -> TopoJson.read(json("{\"type\":\"FeatureCollection\",\"features\":[]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TopoJSON Topology");
        assertThatThrownBy(() -> TopoJson.read(json("{\"type\":\"Topology\",\"arcs\":[[[1,2],[3]]]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arc 0 position 1 has fewer than 2");
        assertThatThrownBy(() -> TopoJson.read(json("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
