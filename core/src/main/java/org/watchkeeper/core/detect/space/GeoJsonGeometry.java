package org.watchkeeper.core.detect.space;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/** Writes JTS polygons and points as RFC 7946 GeoJSON geometry text (x = longitude, y = latitude). */
public final class GeoJsonGeometry {
    private GeoJsonGeometry() {
    }

    /** A Point. */
    public static String point(double lat, double lon) {
        return String.format(Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}", lon, lat);
    }

    /**
     * A Polygon or MultiPolygon (other geometry types give their envelope as a Polygon).
     *
     * @return GeoJSON text, coordinates with 6 decimals (about 0.1 m)
     */
    public static String of(Geometry g) {
        StringBuilder sb = new StringBuilder();
        if (g instanceof Polygon p) {
            sb.append("{\"type\":\"Polygon\",\"coordinates\":");
            polygon(sb, p);
        } else if (g instanceof MultiPolygon mp) {
            sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                polygon(sb, (Polygon) mp.getGeometryN(i));
            }
            sb.append(']');
        } else {
            return of(g.getEnvelope());
        }
        return sb.append('}').toString();
    }

    private static void polygon(StringBuilder sb, Polygon p) {
        sb.append('[');
        ring(sb, p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(',');
            ring(sb, p.getInteriorRingN(i));
        }
        sb.append(']');
    }

    private static void ring(StringBuilder sb, LineString r) {
        sb.append('[');
        Coordinate[] cs = r.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "[%.6f,%.6f]", cs[i].x, cs[i].y));
        }
        sb.append(']');
    }
}
