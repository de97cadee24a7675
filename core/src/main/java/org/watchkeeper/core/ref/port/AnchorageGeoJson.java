package org.watchkeeper.core.ref.port;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.watchkeeper.core.util.PlainJson;

/**
 * Derived anchorages ({@link AnchorageFinder}) as an RFC 7946 GeoJSON FeatureCollection of Points,
 * in the form {@link PortLists} and {@link PortIndex#fromGeoJson} read, so that the file can be given
 * straight to {@code --ports} (analyze, serve, the Flink job).
 *
 * <p>Each Feature: geometry a {@code Point} {@code [longitude, latitude]} (WGS 84 degrees, 6
 * decimals); properties {@code name} (unique: {@code "<port> anchorage 1.2550N 103.8680E"} after the
 * nearest port of the naming index within {@value #NAMING_RADIUS_M} m, else
 * {@code "anchorage 1.2550N 103.8680E"}), {@code kind} ({@code "anchorage"}), {@code anchorage_id}
 * ({@link AnchorageFinder.Anchorage#id()}), {@code vessels}, {@code stops}, {@code stationary_hours}
 * (one decimal), {@code first} and {@code last} (ISO-8601 UTC), and, when a port of the naming index
 * lies within {@value #NAMING_RADIUS_M} m (distance 0 inside a port area), {@code near_port} (its
 * UN/LOCODE, else its id), {@code near_port_id}, {@code near_port_name}, {@code near_port_country}
 * (when known) and {@code near_port_km} (one decimal). Read back as a port list
 * ({@link PortIndex#fromGeoJson}), an anchorage with a near port belongs to that port: its visits are
 * the port's, with the anchorage's id beside. The naming index's own anchorages (a port list that
 * holds an earlier anchorages file) name nothing.
 */
public final class AnchorageGeoJson {
    /** How far a port may be to name an anchorage after it: 20 km (GFW groups anchorages into ports within a few km; outer anchorages lie farther out). */
    public static final double NAMING_RADIUS_M = 20_000;

    private AnchorageGeoJson() {
    }

    /**
     * Writes the anchorages.
     *
     * @param anchorages in the order to write
     * @param names ports and port areas to name anchorages after (e.g. {@link PortIndex#seaPorts()}, or
     *        the detectors' port list with the user's files); its anchorages are left out; null for none
     * @param out receives UTF-8 JSON; not closed
     * @throws IOException when writing fails
     */
    public static void write(List<AnchorageFinder.Anchorage> anchorages, PortIndex names, OutputStream out) throws IOException {
        if (names != null && names.ports().stream().anyMatch(Port::isAnchorage)) {
            names = new PortIndex(names.ports().stream().filter(p -> !p.isAnchorage()).toList());
        }
        try (JsonGenerator g = PlainJson.factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (AnchorageFinder.Anchorage a : anchorages) {
                PortIndex.Nearest near = names == null ? null
                        : names.nearest(a.latitude(), a.longitude(), NAMING_RADIUS_M);
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("geometry");
                g.writeStringField("type", "Point");
                g.writeArrayFieldStart("coordinates");
                g.writeNumber(round(a.longitude(), 1e6));
                g.writeNumber(round(a.latitude(), 1e6));
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", name(a, near == null ? null : near.port()));
                g.writeStringField("kind", "anchorage");
                g.writeStringField("anchorage_id", a.id());
                g.writeNumberField("vessels", a.vessels());
                g.writeNumberField("stops", a.stops());
                g.writeNumberField("stationary_hours", round(a.stationaryMillis() / 3_600_000.0, 10));
                g.writeStringField("first", Instant.ofEpochMilli(a.firstMillis()).toString());
                g.writeStringField("last", Instant.ofEpochMilli(a.lastMillis()).toString());
                if (near != null) {
                    Port p = near.port();
                    g.writeStringField("near_port", p.unlocode() != null ? p.unlocode() : p.id());
                    g.writeStringField("near_port_id", p.id());
                    g.writeStringField("near_port_name", p.name());
                    if (p.country() != null) {
                        g.writeStringField("near_port_country", p.country());
                    }
                    g.writeNumberField("near_port_km", round(near.distanceMetres() / 1000, 10));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    /** {@code "[<port name> ]anchorage 1.2550N 103.8680E"}: the position to 4 decimals (about 11 m) keeps names unique. */
    static String name(AnchorageFinder.Anchorage a, Port near) {
        String where = String.format(Locale.ROOT, "%.4f%s %.4f%s", Math.abs(a.latitude()), a.latitude() < 0 ? "S" : "N",
                Math.abs(a.longitude()), a.longitude() < 0 ? "W" : "E");
        return (near == null ? "" : near.name() + " ") + "anchorage " + where;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
