package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class LandMaskResourceTest {
    /** The polygons the shipped TopoJSON gives, as the JSON path reads them. */
    private static LandMaskResource.Polygons fromJson() throws IOException {
        try (InputStream in = LandMask.class.getResourceAsStream(LandMask.RESOURCE)) {
            TopoJson t = TopoJson.read(in);
            return new LandMaskResource.Polygons(t.polygons(t.document(), "land", new GeometryFactory()),
                    LandMask.southLimit(t.document()));
        }
    }

    /** The binary form the build wrote holds the TopoJSON's polygons, every coordinate the same double. */
    @Test
    void theShippedBinaryFormHoldsTheTopoJsonPolygonsExactly() throws IOException {
        LandMaskResource.Polygons json = fromJson();
        LandMaskResource.Polygons bin;
        try (InputStream in = LandMask.class.getResourceAsStream(LandMaskResource.RESOURCE)) {
            assertThat(in).as("the build writes " + LandMaskResource.RESOURCE + " (core/pom.xml, land-mask-binary)").isNotNull();
            bin = LandMaskResource.readPolygons(in);
        }
        assertThat(bin.south()).isEqualTo(json.south()).isEqualTo(-85.22193775799991);
        assertThat(bin.polygons()).hasSameSizeAs(json.polygons()).hasSize(4049);
        long positions = 0;
        for (int i = 0; i < json.polygons().size(); i++) {
            Polygon a = json.polygons().get(i);
            Polygon b = bin.polygons().get(i);
            assertThat(b.getNumInteriorRing()).isEqualTo(a.getNumInteriorRing());
            assertThat(Arrays.equals(b.getCoordinates(), a.getCoordinates())).as("polygon %d", i).isTrue();
            assertThat(b.equalsExact(a)).as("polygon %d", i).isTrue();
            positions += a.getNumPoints();
        }
        assertThat(positions).isGreaterThan(400_000);
    }

    @Test
    void roundTripAndDamagedInput() throws IOException {
        LandMaskResource.Polygons json = fromJson();
        List<Polygon> some = json.polygons().subList(0, 50);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LandMaskResource.write(some, -60, out);
        byte[] bytes = out.toByteArray();
        LandMaskResource.Polygons back = LandMaskResource.readPolygons(new ByteArrayInputStream(bytes));
        assertThat(back.south()).isEqualTo(-60);
        for (int i = 0; i < some.size(); i++) {
            assertThat(back.polygons().get(i).equalsExact(some.get(i))).isTrue();
        }
        assertThatThrownBy(() -> LandMaskResource.readPolygons(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        byte[] wrong = bytes.clone();
        wrong[0] = 'X';
        assertThatThrownBy(() -> LandMaskResource.readPolygons(new ByteArrayInputStream(wrong)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a Watchkeeper land mask");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
        assertThatThrownBy(() -> LandMaskResource.readPolygons(new ByteArrayInputStream(longer)))
                .isInstanceOf(IOException.class).hasMessageContaining("4 bytes after the last polygon");
    }
}
