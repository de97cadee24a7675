package org.watchkeeper.core.ref.port;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.watchkeeper.core.util.PlainJson;

/**
 * Anchorage areas (ports whose {@link Port#anchorage()} is set and whose {@link Port#area()} is a
 * polygon, such as the simulated ports' anchorages) as an RFC 7946 GeoJSON FeatureCollection that
 * {@link PortIndex#fromGeoJson} reads back as the same ports, so that the file can be given to
 * {@code --ports} (analyze, serve, the Flink job).
 *
 * <p>Each Feature: geometry the area's {@code Polygon} ({@code [longitude, latitude]} in WGS 84 degrees,
 * 6 decimals, the exterior ring first, then any holes); properties {@code name} (the anchorage's name),
 * {@code kind} ({@code "anchorage"}), {@code anchorage_id}, and the port it belongs to:
 * {@code near_port_id} (its id), {@code near_port_name}, {@code near_port} (its UN/LOCODE, else its id),
 * and, when known, {@code unlocode} and {@code country}.
 */
public final class AnchorageAreaGeoJson {
    private AnchorageAreaGeoJson() {
    }

    /**
     * Writes the anchorage areas.
     *
     * @param areas anchorages with a polygon area, in the order to write
     * @param out   receives UTF-8 JSON; not closed
     * @throws IllegalArgumentException for a port that is not an anchorage or whose area is not a polygon
     * @throws IOException when writing fails
     */
    public static void write(List<Port> areas, OutputStream out) throws IOException {
        try (JsonGenerator g = PlainJson.factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Port p : areas) {
                if (!p.isAnchorage() || !(p.area() instanceof Polygon poly)) {
                    throw new IllegalArgumentException(p.id() + " is not an anchorage with a polygon area");
                }
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("geometry");
                g.writeStringField("type", "Polygon");
                g.writeArrayFieldStart("coordinates");
                ring(g, poly.getExteriorRing().getCoordinates());
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    ring(g, poly.getInteriorRingN(h).getCoordinates());
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", p.anchorage().name());
                g.writeStringField("kind", "anchorage");
                g.writeStringField("anchorage_id", p.anchorage().id());
                g.writeStringField("near_port_id", p.id());
                g.writeStringField("near_port_name", p.name());
                g.writeStringField("near_port", p.unlocode() != null ? p.unlocode() : p.id());
                if (p.unlocode() != null) {
                    g.writeStringField("unlocode", p.unlocode());
                }
                if (p.country() != null) {
                    g.writeStringField("country", p.country());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void ring(JsonGenerator g, Coordinate[] cs) throws IOException {
        g.writeStartArray();
        for (Coordinate c : cs) {
            g.writeStartArray();
            g.writeNumber(Math.round(c.x * 1e6) / 1e6);
            g.writeNumber(Math.round(c.y * 1e6) / 1e6);
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
