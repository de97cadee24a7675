package org.watchkeeper.core.ref;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;

/**
 * Reads the polygons of one object of a TopoJSON topology (TopoJSON Format Specification 1.0):
 * arcs are shared polylines; in a quantized topology (with a {@code transform}) each arc's
 * positions are integers, the first absolute and the rest deltas from the previous position, and
 * x = q<sub>x</sub>·scale<sub>x</sub> + translate<sub>x</sub> (likewise y). A ring lists arc
 * indexes; index {@code ~i} (= -i-1) means arc i reversed; consecutive arcs share their joining
 * position, which is kept once. Coordinates come out as JTS x = longitude, y = latitude in degrees.
 *
 * <p>Topologies made with d3 (such as {@code world-atlas}) follow the spherical convention: a ring
 * may cross the 180° meridian, seen as two consecutive longitudes more than 180° apart, and a ring
 * around a pole (Antarctica) crosses it once. Such polygons are cut at ±180° here, so that every
 * polygon returned is planar and lies within -180..180; a ring around a pole is closed along that
 * pole's parallel (±90°).
 */
public final class TopoJson {
    private final double[][][] arcs; // arc -> position -> {x, y}
    private final JsonNode document;

    /**
     * @param topology the parsed TopoJSON document
     * @throws IllegalArgumentException when it is not a topology or an arc is malformed
     */
    public TopoJson(JsonNode topology) {
        if (!"Topology".equals(topology.path("type").asText())) {
            throw new IllegalArgumentException("not a TopoJSON Topology");
        }
        JsonNode arcNodes = topology.get("arcs");
        List<double[]> raw = new ArrayList<>(arcNodes.size());
        for (int a = 0; a < arcNodes.size(); a++) {
            JsonNode arc = arcNodes.get(a);
            double[] xy = new double[2 * arc.size()];
            for (int i = 0; i < arc.size(); i++) {
                JsonNode p = arc.get(i);
                if (p.size() < 2) {
                    throw new IllegalArgumentException("arc " + a + " position " + i + " has fewer than 2 numbers");
                }
                xy[2 * i] = p.get(0).asDouble();
                xy[2 * i + 1] = p.get(1).asDouble();
            }
            raw.add(xy);
        }
        this.document = topology;
        this.arcs = decode(raw, topology.get("transform"));
    }

    private TopoJson(JsonNode document, List<double[]> raw) {
        if (!"Topology".equals(document.path("type").asText())) {
            throw new IllegalArgumentException("not a TopoJSON Topology");
        }
        this.document = document;
        this.arcs = decode(raw, document.get("transform"));
    }

    /**
     * Reads a topology from a stream. The arcs, nearly all of a topology's size, are read number by
     * number without building a JSON tree (for the Natural Earth 1:10m land: about 400 000
     * positions); the rest of the document is kept as a tree, {@link #document()}.
     *
     * @throws IOException on malformed JSON or a read error
     * @throws IllegalArgumentException when it is not a topology or an arc is malformed
     */
    public static TopoJson read(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a TopoJSON Topology: the document is not an object");
            }
            ObjectNode rest = mapper.createObjectNode();
            List<double[]> raw = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("arcs".equals(name) && value == JsonToken.START_ARRAY) {
                    readArcs(p, raw);
                    rest.putArray("arcs"); // present, its content read above
                } else {
                    rest.set(name, mapper.readTree(p));
                }
            }
            return new TopoJson(rest, raw);
        }
    }

    /** Arcs from the parser positioned on the START_ARRAY of "arcs": each as x0, y0, x1, y1, ... */
    private static void readArcs(JsonParser p, List<double[]> out) throws IOException {
        double[] buf = new double[256];
        while (p.nextToken() == JsonToken.START_ARRAY) {
            int a = out.size(), n = 0, i = 0;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                int k = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (!t.isNumeric()) {
                        throw new IllegalArgumentException("arc " + a + " position " + i + " holds a non-number");
                    }
                    if (k < 2) {
                        if (n == buf.length) {
                            buf = java.util.Arrays.copyOf(buf, 2 * n);
                        }
                        buf[n++] = p.getDoubleValue();
                    }
                    k++;
                }
                if (k < 2) {
                    throw new IllegalArgumentException("arc " + a + " position " + i + " has fewer than 2 numbers");
                }
                i++;
            }
            out.add(java.util.Arrays.copyOf(buf, n));
        }
    }

    /** Positions of the arcs, delta-decoded and transformed when the topology is quantized. */
    private static double[][][] decode(List<double[]> raw, JsonNode transform) {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        boolean quantized = transform != null && !transform.isNull();
        if (quantized) {
            sx = transform.get("scale").get(0).asDouble();
            sy = transform.get("scale").get(1).asDouble();
            tx = transform.get("translate").get(0).asDouble();
            ty = transform.get("translate").get(1).asDouble();
        }
        double[][][] arcs = new double[raw.size()][][];
        for (int a = 0; a < arcs.length; a++) {
            double[] xy = raw.get(a);
            double[][] pts = new double[xy.length / 2][];
            long qx = 0, qy = 0;
            for (int i = 0; i < pts.length; i++) {
                if (quantized) {
                    qx += (long) xy[2 * i];
                    qy += (long) xy[2 * i + 1];
                    pts[i] = new double[] {qx * sx + tx, qy * sy + ty};
                } else {
                    pts[i] = new double[] {xy[2 * i], xy[2 * i + 1]};
                }
            }
            arcs[a] = pts;
        }
        return arcs;
    }

    /** The topology's document: as given, or as read by {@link #read} (with its arcs left empty). */
    public JsonNode document() {
        return document;
    }

    /**
     * The polygons of a named object (its Polygon and MultiPolygon geometries, also inside
     * GeometryCollections); other geometry types are skipped. Rings with fewer than 4 positions after
     * joining are dropped.
     *
     * @throws IllegalArgumentException when the object is missing
     */
    public List<Polygon> polygons(JsonNode topology, String objectName, GeometryFactory gf) {
        JsonNode obj = topology.path("objects").get(objectName);
        if (obj == null) {
            throw new IllegalArgumentException("no object '" + objectName + "' in the topology");
        }
        List<Polygon> out = new ArrayList<>();
        collect(obj, gf, out);
        return out;
    }

    private void collect(JsonNode g, GeometryFactory gf, List<Polygon> out) {
        switch (g.path("type").asText()) {
            case "GeometryCollection":
                for (JsonNode child : g.path("geometries")) {
                    collect(child, gf, out);
                }
                break;
            case "Polygon":
                addPolygon(g.get("arcs"), gf, out);
                break;
            case "MultiPolygon":
                for (JsonNode poly : g.get("arcs")) {
                    addPolygon(poly, gf, out);
                }
                break;
            default:
                break;
        }
    }

    private void addPolygon(JsonNode rings, GeometryFactory gf, List<Polygon> out) {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (JsonNode ring : rings) {
            Coordinate[] c = ring(ring);
            if (c.length < 4) {
                continue;
            }
            LinearRing lr = gf.createLinearRing(c);
            if (shell == null) {
                shell = lr;
            } else {
                holes.add(lr);
            }
        }
        if (shell == null) {
            return;
        }
        boolean crossing = crossesAntimeridian(shell.getCoordinates());
        for (LinearRing h : holes) {
            crossing |= crossesAntimeridian(h.getCoordinates());
        }
        if (!crossing) {
            out.add(gf.createPolygon(shell, holes.toArray(new LinearRing[0])));
            return;
        }
        Geometry land = cut(shell.getCoordinates(), gf);
        List<Polygon> pieces = new ArrayList<>();
        for (int i = 0; i < land.getNumGeometries(); i++) {
            pieces.add((Polygon) land.getGeometryN(i));
        }
        for (LinearRing h : holes) {
            if (crossesAntimeridian(h.getCoordinates())) {
                Geometry rest = polygonal(gf.createMultiPolygon(pieces.toArray(new Polygon[0])).difference(cut(h.getCoordinates(), gf)), gf);
                pieces.clear();
                for (int i = 0; i < rest.getNumGeometries(); i++) {
                    pieces.add((Polygon) rest.getGeometryN(i));
                }
                continue;
            }
            // A hole that does not cross lies inside exactly one piece: add it there.
            Point inside = gf.createPoint(h.getCoordinateN(0));
            for (int i = 0; i < pieces.size(); i++) {
                Polygon p = pieces.get(i);
                if (p.getEnvelopeInternal().covers(h.getEnvelopeInternal()) && p.covers(inside)) {
                    LinearRing[] withHole = new LinearRing[p.getNumInteriorRing() + 1];
                    for (int k = 0; k < p.getNumInteriorRing(); k++) {
                        withHole[k] = p.getInteriorRingN(k);
                    }
                    withHole[withHole.length - 1] = h;
                    pieces.set(i, gf.createPolygon(p.getExteriorRing(), withHole));
                    break;
                }
            }
        }
        for (Polygon p : pieces) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
    }

    /**
     * Sutherland-Hodgman clip of a closed ring (last position = first) to the half-plane x ≥ edge
     * ({@code keepGreater}) or x ≤ edge; returns the open ring (without the closing position).
     * Crossing points are put exactly on the edge.
     */
    private static List<Coordinate> clip(List<Coordinate> ring, double edge, boolean keepGreater) {
        List<Coordinate> out = new ArrayList<>(ring.size());
        int n = ring.size();
        if (n > 1 && ring.get(0).equals2D(ring.get(n - 1))) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            Coordinate cur = ring.get(i);
            Coordinate prev = ring.get((i + n - 1) % n);
            boolean curIn = keepGreater ? cur.x >= edge : cur.x <= edge;
            boolean prevIn = keepGreater ? prev.x >= edge : prev.x <= edge;
            if (curIn != prevIn) {
                double t = (edge - prev.x) / (cur.x - prev.x);
                out.add(new Coordinate(edge, prev.y + t * (cur.y - prev.y)));
            }
            if (curIn) {
                out.add(cur);
            }
        }
        return out;
    }

    /** Only the polygons of an overlay result (drops slivers that came out as lines or points). */
    private static Geometry polygonal(Geometry g, GeometryFactory gf) {
        @SuppressWarnings("unchecked")
        List<Polygon> polys = PolygonExtracter.getPolygons(g);
        return gf.createMultiPolygon(polys.toArray(new Polygon[0]));
    }

    private static boolean crossesAntimeridian(Coordinate[] c) {
        for (int i = 1; i < c.length; i++) {
            if (Math.abs(c[i].x - c[i - 1].x) > 180) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unwraps a ring's longitudes so they change continuously (adding multiples of 360°), closes a
     * ring that goes round a pole along that pole's parallel, and returns the area it encloses cut
     * to -180..180 (the pieces shifted by ±360° brought back).
     */
    private static Geometry cut(Coordinate[] ring, GeometryFactory gf) {
        List<Coordinate> u = new ArrayList<>(ring.length + 3);
        double shift = 0;
        for (int i = 0; i < ring.length; i++) {
            if (i > 0) {
                double d = ring[i].x - ring[i - 1].x;
                if (d > 180) {
                    shift -= 360;
                } else if (d < -180) {
                    shift += 360;
                }
            }
            u.add(new Coordinate(ring[i].x + shift, ring[i].y));
        }
        if (shift != 0) { // went round a pole: close along the pole's parallel
            Coordinate last = u.get(u.size() - 1);
            Coordinate first = u.get(0);
            double meanY = 0;
            for (Coordinate c : u) {
                meanY += c.y;
            }
            double pole = meanY < 0 ? -90 : 90;
            u.add(new Coordinate(last.x, pole));
            u.add(new Coordinate(first.x, pole));
            u.add(new Coordinate(first));
        }
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        for (Coordinate c : u) {
            minX = Math.min(minX, c.x);
            maxX = Math.max(maxX, c.x);
        }
        List<Polygon> pieces = new ArrayList<>();
        for (int k = -2; k <= 2; k++) {
            double dx = k * 360.0;
            if (maxX + dx <= -180 || minX + dx >= 180) {
                continue;
            }
            List<Coordinate> shifted = new ArrayList<>(u.size());
            for (Coordinate c : u) {
                shifted.add(new Coordinate(c.x + dx, c.y));
            }
            List<Coordinate> clipped = clip(clip(shifted, -180, true), 180, false);
            if (clipped.size() >= 3) {
                clipped.add(new Coordinate(clipped.get(0)));
                if (clipped.size() >= 4) {
                    pieces.add(gf.createPolygon(clipped.toArray(new Coordinate[0])));
                }
            }
        }
        return gf.createMultiPolygon(pieces.toArray(new Polygon[0]));
    }

    /** Joins the arcs of one ring into closed coordinates. */
    Coordinate[] ring(JsonNode arcIndexes) {
        List<Coordinate> pts = new ArrayList<>();
        for (JsonNode idx : arcIndexes) {
            int i = idx.asInt();
            boolean reversed = i < 0;
            double[][] arc = arcs[reversed ? ~i : i];
            int n = arc.length;
            for (int k = 0; k < n; k++) {
                double[] p = arc[reversed ? n - 1 - k : k];
                if (k == 0 && !pts.isEmpty()) {
                    continue; // shared with the previous arc's last position
                }
                pts.add(new Coordinate(p[0], p[1]));
            }
        }
        if (!pts.isEmpty() && !pts.get(0).equals2D(pts.get(pts.size() - 1))) {
            pts.add(new Coordinate(pts.get(0)));
        }
        return pts.toArray(new Coordinate[0]);
    }
}
