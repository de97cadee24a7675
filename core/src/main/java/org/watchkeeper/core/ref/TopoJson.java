package org.watchkeeper.core.ref;

import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * @param topology the parsed TopoJSON document
     * @throws IllegalArgumentException when it is not a topology or an arc is malformed
     */
    public TopoJson(JsonNode topology) {
        if (!"Topology".equals(topology.path("type").asText())) {
            throw new IllegalArgumentException("not a TopoJSON Topology");
        }
        JsonNode transform = topology.get("transform");
        double sx = 1, sy = 1, tx = 0, ty = 0;
        boolean quantized = transform != null && !transform.isNull();
        if (quantized) {
            sx = transform.get("scale").get(0).asDouble();
            sy = transform.get("scale").get(1).asDouble();
            tx = transform.get("translate").get(0).asDouble();
            ty = transform.get("translate").get(1).asDouble();
        }
        JsonNode arcNodes = topology.get("arcs");
        arcs = new double[arcNodes.size()][][];
        for (int a = 0; a < arcNodes.size(); a++) {
            JsonNode arc = arcNodes.get(a);
            double[][] pts = new double[arc.size()][];
            long qx = 0, qy = 0;
            for (int i = 0; i < arc.size(); i++) {
                JsonNode p = arc.get(i);
                if (p.size() < 2) {
                    throw new IllegalArgumentException("arc " + a + " position " + i + " has fewer than 2 numbers");
                }
                if (quantized) {
                    qx += p.get(0).asLong();
                    qy += p.get(1).asLong();
                    pts[i] = new double[] {qx * sx + tx, qy * sy + ty};
                } else {
                    pts[i] = new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
                }
            }
            arcs[a] = pts;
        }
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
