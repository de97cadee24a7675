package org.watchkeeper.core.ref.port;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.watchkeeper.core.geo.BoundingBox;
import org.watchkeeper.core.geo.Geodesy;

/**
 * Ports and anchorages with a spatial index that answers "the nearest port within R metres" and
 * "the port area containing this point".
 *
 * <p>Sources: the shipped port list ({@link #seaPorts()}: the npm package {@code sea-ports@0.0.9},
 * UN/LOCODE ports with coordinates, MIT licence, fetched at build time, with its inland points moved
 * to their harbours from the World Port Index, {@link SeaPortCorrections}), user GeoJSON files
 * ({@link #fromGeoJson}) and ESRI shapefiles in zip files ({@link #fromShapefileZip}).
 *
 * <p>Index: a grid of {@value #CELL_DEG}° cells over longitude/latitude; a point port sits in one
 * cell, an area port in every cell its envelope touches. A radius query visits only the cells under
 * {@link Geodesy#boundingBox} of the circle (which wraps across the 180° meridian and spans all
 * longitudes near a pole) and confirms each candidate with the haversine distance, so the answer is
 * exact on the sphere and correct across ±180°. Distance to an area is 0 inside it, else the distance
 * to its boundary measured in a local equirectangular projection around the query point (error well
 * under 0.1 % for boundaries within tens of kilometres). A query costs a few hash lookups plus the
 * candidates in reach: about a microsecond. Immutable and thread safe.
 */
public final class PortIndex {
    /** Resource path of the shipped port list (relative to this package's parent). */
    public static final String SEA_PORTS_RESOURCE = "/org/watchkeeper/core/ref/sea-ports/ports.json";
    static final double CELL_DEG = 0.25;
    private static final int COLS = (int) (360 / CELL_DEG);
    private static final int ROWS = (int) (180 / CELL_DEG);
    private static final GeometryFactory GF = new GeometryFactory();
    /** A UN/LOCODE: two letters of the country, three letters or digits 2-9 of the place. */
    private static final java.util.regex.Pattern UNLOCODE = java.util.regex.Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
    private static volatile PortIndex seaPorts;

    private final List<Port> ports;
    private final PreparedGeometry[] prepared;
    /** Ports per grid cell, keyed by {@code row * COLS + col} (primitive keys: no boxing per query). */
    private final org.watchkeeper.core.util.LongHashMap<int[]> cells = new org.watchkeeper.core.util.LongHashMap<>();
    private final java.util.IdentityHashMap<Port, Integer> identity = new java.util.IdentityHashMap<>();

    /** The nearest port and its distance in metres (0 inside a port area). */
    public record Nearest(Port port, double distanceMetres) {
    }

    /**
     * Indexes the given ports.
     *
     * @throws IllegalArgumentException if an area crosses the 180° meridian (its envelope is wider than 180°)
     */
    public PortIndex(List<Port> ports) {
        this.ports = List.copyOf(ports);
        this.prepared = new PreparedGeometry[this.ports.size()];
        Map<Integer, List<Integer>> tmp = new HashMap<>();
        for (int i = 0; i < this.ports.size(); i++) {
            Port p = this.ports.get(i);
            identity.putIfAbsent(p, i);
            if (p.area() == null) {
                tmp.computeIfAbsent(cell(row(p.latitude()), col(p.longitude())), k -> new ArrayList<>()).add(i);
            } else {
                Envelope e = p.area().getEnvelopeInternal();
                if (e.getWidth() > 180) {
                    throw new IllegalArgumentException("port area " + p.id() + " crosses the 180° meridian: split it");
                }
                prepared[i] = PreparedGeometryFactory.prepare(p.area());
                for (int r = row(e.getMinY()); r <= row(e.getMaxY()); r++) {
                    for (int c = col(e.getMinX()); c <= col(e.getMaxX()); c++) {
                        tmp.computeIfAbsent(cell(r, c), k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        tmp.forEach((k, v) -> cells.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Position of a port (by identity) in {@link #ports()}, -1 if absent. */
    public int indexOf(Port p) {
        Integer i = identity.get(p);
        return i == null ? -1 : i;
    }

    /** The indexed ports, in the order given. */
    public List<Port> ports() {
        return ports;
    }

    /** This index plus more ports (e.g. the shipped list plus user polygons). */
    public PortIndex with(List<Port> more) {
        List<Port> all = new ArrayList<>(ports);
        all.addAll(more);
        return new PortIndex(all);
    }

    /**
     * The nearest port within {@code maxMetres} of a position; ties go to the port given first.
     *
     * @param maxMetres search radius, metres ≥ 0
     * @return the nearest port and its distance, or null when none is within reach or the position is
     *         not available (NaN or out of range)
     */
    public Nearest nearest(double lat, double lon, double maxMetres) {
        return nearest(lat, lon, maxMetres, false);
    }

    /**
     * As {@link #nearest(double, double, double)}, considering only point ports (no areas) when
     * {@code pointsOnly}.
     */
    public Nearest nearest(double lat, double lon, double maxMetres, boolean pointsOnly) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            return null;
        }
        BoundingBox b = Geodesy.boundingBox(lat, lon, maxMetres);
        int r0 = row(b.minLat());
        int r1 = row(b.maxLat());
        int c0 = col(b.minLon());
        int c1 = col(b.maxLon());
        int ncols = c1 >= c0 ? c1 - c0 + 1 : COLS - c0 + c1 + 1;
        if (b.minLon() == -180 && b.maxLon() == 180) {
            c0 = 0;
            ncols = COLS;
        }
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int r = r0; r <= r1; r++) {
            for (int k = 0; k < ncols; k++) {
                int[] in = cells.get(cell(r, (c0 + k) % COLS));
                if (in == null) {
                    continue;
                }
                for (int i : in) {
                    if (i == best || (pointsOnly && prepared[i] != null)) {
                        continue;
                    }
                    double d = distance(i, lat, lon, bestD);
                    if (d <= maxMetres && (d < bestD || (d == bestD && i < best))) {
                        best = i;
                        bestD = d;
                    }
                }
            }
        }
        return best < 0 ? null : new Nearest(ports.get(best), bestD);
    }

    /** Distance in metres to the nearest port within {@code maxMetres}, else +∞. */
    public double distanceToNearest(double lat, double lon, double maxMetres) {
        Nearest n = nearest(lat, lon, maxMetres);
        return n == null ? Double.POSITIVE_INFINITY : n.distanceMetres();
    }

    /** The first port area (in the order given) that contains the position, or null. */
    public Port containing(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            return null;
        }
        int[] in = cells.get(cell(row(lat), col(lon)));
        if (in == null) {
            return null;
        }
        for (int i : in) {
            if (prepared[i] != null && prepared[i].covers(GF.createPoint(new Coordinate(lon, lat)))) {
                return ports.get(i);
            }
        }
        return null;
    }

    /**
     * Distance in metres from a position to a port: haversine to a point port; 0 inside an area,
     * else the distance to the area's boundary (local projection around the position).
     */
    public static double distance(Port p, double lat, double lon) {
        if (p.area() == null) {
            return Geodesy.distance(lat, lon, p.latitude(), p.longitude());
        }
        if (PreparedGeometryFactory.prepare(p.area()).covers(GF.createPoint(new Coordinate(lon, lat)))) {
            return 0;
        }
        return boundaryDistance(p.area(), lat, lon);
    }

    /**
     * Distance in metres from a position to the port at {@code index} in {@link #ports()} (as
     * {@link #distance(Port, double, double)}, using the index's prepared polygon).
     */
    public double distanceTo(int index, double lat, double lon) {
        return distance(index, lat, lon, Double.POSITIVE_INFINITY);
    }

    private double distance(int i, double lat, double lon, double bestSoFar) {
        Port p = ports.get(i);
        if (prepared[i] == null) {
            return Geodesy.distance(lat, lon, p.latitude(), p.longitude());
        }
        if (prepared[i].covers(GF.createPoint(new Coordinate(lon, lat)))) {
            return 0;
        }
        return boundaryDistance(p.area(), lat, lon);
    }

    private static double boundaryDistance(Geometry area, double lat, double lon) {
        double kx = Math.toRadians(Geodesy.EARTH_RADIUS_M) * Math.cos(Math.toRadians(lat));
        double ky = Math.toRadians(Geodesy.EARTH_RADIUS_M);
        double best = Double.POSITIVE_INFINITY;
        Coordinate[] cs = area.getCoordinates();
        // Rings are listed one after another, each closed; a segment joining two rings would span
        // from one ring's closing point to the next ring's first point, so skip where the previous
        // point closed a ring.
        int ringStart = 0;
        for (int i = 1; i < cs.length; i++) {
            if (i - 1 > ringStart && cs[i - 1].equals2D(cs[ringStart])) {
                ringStart = i;
                continue;
            }
            double ax = Geodesy.longitudeDifference(lon, cs[i - 1].x) * kx;
            double ay = (cs[i - 1].y - lat) * ky;
            double bx = Geodesy.longitudeDifference(lon, cs[i].x) * kx;
            double by = (cs[i].y - lat) * ky;
            double dx = bx - ax;
            double dy = by - ay;
            double l2 = dx * dx + dy * dy;
            double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
            double px = ax + t * dx;
            double py = ay + t * dy;
            best = Math.min(best, Math.sqrt(px * px + py * py));
        }
        return best;
    }

    private static int row(double lat) {
        return Math.min(ROWS - 1, Math.max(0, (int) Math.floor((lat + 90) / CELL_DEG)));
    }

    private static int col(double lon) {
        int c = (int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / CELL_DEG);
        return Math.floorMod(c, COLS);
    }

    private static int cell(int row, int col) {
        return row * COLS + col;
    }

    // ------------------------------------------------------------------ loading

    /**
     * The shipped port list as an index (loaded once). The list is put into the jar at build time
     * from the npm package {@code sea-ports@0.0.9}; its ports whose point lies well inland (a city
     * centre rather than the harbour) are moved to their World Port Index harbour position as the
     * shipped table {@link SeaPortCorrections} says, with the listed point kept in
     * {@link Port#moved()}.
     *
     * @throws IllegalStateException if a resource is missing (the build did not fetch the list) or
     *         the corrections table is malformed
     */
    public static PortIndex seaPorts() {
        PortIndex p = seaPorts;
        if (p == null) {
            synchronized (PortIndex.class) {
                p = seaPorts;
                if (p == null) {
                    try (InputStream in = PortIndex.class.getResourceAsStream(SEA_PORTS_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("resource " + SEA_PORTS_RESOURCE
                                    + " missing: the build fetches it from npm (core/src/build/fetch-sea-ports.sh)");
                        }
                        p = new PortIndex(SeaPortCorrections.apply(readSeaPorts(in), SeaPortCorrections.shipped()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    seaPorts = p;
                }
            }
        }
        return p;
    }

    /**
     * Parses the {@code sea-ports} JSON: an object keyed by UN/LOCODE whose values carry {@code name},
     * {@code country} and {@code coordinates} as [longitude, latitude]. Entries without valid
     * coordinates are skipped. Ports are returned in key order, at the points the file gives (no
     * {@link SeaPortCorrections} applied).
     *
     * @throws IOException for malformed JSON
     */
    public static List<Port> readSeaPorts(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException("sea-ports JSON must be an object keyed by UN/LOCODE");
        }
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        Collections.sort(keys);
        List<Port> out = new ArrayList<>();
        for (String code : keys) {
            JsonNode n = root.get(code);
            JsonNode c = n.get("coordinates");
            if (c == null || !c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
                continue;
            }
            double lon = c.get(0).asDouble();
            double lat = c.get(1).asDouble();
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                continue;
            }
            String name = n.hasNonNull("name") ? n.get("name").asText() : code;
            String country = n.hasNonNull("country") ? n.get("country").asText() : null;
            out.add(new Port(code, name, code.length() == 5 ? code : null, country, lat, lon, null, "sea-ports"));
        }
        return out;
    }

    /**
     * Ports from a GeoJSON FeatureCollection (RFC 7946): Polygon / MultiPolygon features become port
     * areas, Point features point ports (listed after the areas, in file order). The name is the first present property of {@code name}, {@code port_name}, {@code limit_name},
     * {@code NAME}; the UN/LOCODE the property {@code unlocode} or {@code locode}; the country the
     * property {@code country}. Features of other geometry types are skipped; a Point without two
     * numeric in-range coordinates is an error.
     *
     * <p>A Point with an {@code anchorage_id} property or {@code kind} {@code "anchorage"} (as
     * {@link AnchorageGeoJson} writes them) is an anchorage ({@link Port#anchorage()}: that id, else
     * {@code source + ":" + name}, and the name): it belongs to its near port, whose id is
     * {@code near_port_id} (else {@code near_port}), name {@code near_port_name}, country
     * {@code near_port_country}, and UN/LOCODE {@code near_port} when that is one (a {@code unlocode}
     * of the feature's own wins); with no near port the anchorage is a port of its own, of the
     * anchorage's id and name. A Polygon or MultiPolygon with those properties is an anchorage area,
     * read the same way (as {@code simulate --ports-out} writes the simulated ports' anchorages); its
     * point is the area's interior point, and areas of one name are not joined.
     *
     * @param source label for the ports' {@link Port#source()} and ids, e.g. the file name
     * @throws IOException for malformed GeoJSON
     */
    public static List<Port> fromGeoJson(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new IOException(source + ": not a GeoJSON FeatureCollection");
        }
        List<Geometry> geoms = new ArrayList<>();
        List<Map<String, String>> attrList = new ArrayList<>();
        List<Port> points = new ArrayList<>();
        List<Port> anchorageAreas = new ArrayList<>();
        int i = 0;
        for (Iterator<JsonNode> it = root.path("features").elements(); it.hasNext(); i++) {
            JsonNode f = it.next();
            JsonNode g = f.get("geometry");
            String type = g == null ? "" : g.path("type").asText();
            if (type.equals("Point")) {
                points.add(pointPort(g.path("coordinates"), f.path("properties"), source, i));
                continue;
            }
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                continue;
            }
            Geometry geom;
            try {
                geom = type.equals("Polygon") ? polygon(g.path("coordinates"))
                        : multiPolygon(g.path("coordinates"));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": feature " + i + ": " + e.getMessage(), e);
            }
            JsonNode props = f.path("properties");
            Map<String, String> attrs = new HashMap<>();
            props.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    attrs.put(e.getKey(), e.getValue().asText());
                }
            });
            String anchorageId = first(attrs, "anchorage_id");
            if (anchorageId != null || "anchorage".equalsIgnoreCase(first(attrs, "kind"))) {
                // an anchorage area: its own, never joined to another feature of the same name
                String name = first(attrs, "name", "port_name", "limit_name", "NAME", "Name");
                if (name == null) {
                    name = source + "#" + i;
                }
                Coordinate c = geom.getInteriorPoint().getCoordinate();
                anchorageAreas.add(anchoragePort(attrs, anchorageId != null ? anchorageId : source + ":" + name, name,
                        first(attrs, "unlocode", "locode", "UNLOCODE"), first(attrs, "country", "COUNTRY"), c.y, c.x, geom, source));
                continue;
            }
            geoms.add(geom);
            attrList.add(attrs);
        }
        List<Port> out = new ArrayList<>(areaPorts(geoms, attrList, source));
        out.addAll(anchorageAreas);
        out.addAll(points);
        return out;
    }

    private static Port pointPort(JsonNode c, JsonNode props, String source, int index) throws IOException {
        if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw new IOException(source + ": feature " + index + ": bad Point coordinates " + c);
        }
        double lon = c.get(0).asDouble();
        double lat = c.get(1).asDouble();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IOException(source + ": feature " + index + ": Point out of range " + c);
        }
        Map<String, String> attrs = new HashMap<>();
        props.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                attrs.put(e.getKey(), e.getValue().asText());
            }
        });
        String name = first(attrs, "name", "port_name", "limit_name", "NAME", "Name");
        if (name == null) {
            name = source + "#" + index;
        }
        String locode = first(attrs, "unlocode", "locode", "UNLOCODE");
        String country = first(attrs, "country", "COUNTRY");
        String anchorageId = first(attrs, "anchorage_id");
        if (anchorageId != null || "anchorage".equalsIgnoreCase(first(attrs, "kind"))) {
            return anchoragePort(attrs, anchorageId != null ? anchorageId : source + ":" + name, name, locode, country,
                    lat, lon, null, source);
        }
        String id = locode != null ? locode.toUpperCase(Locale.ROOT) : source + ":" + name;
        return new Port(id, name, locode, country, lat, lon, null, source);
    }

    /**
     * An anchorage point (see {@link AnchorageGeoJson}): it belongs to the port in {@code near_port_id}
     * (else {@code near_port}), named {@code near_port_name}, in {@code near_port_country}, whose
     * UN/LOCODE is {@code near_port} when that is one; a {@code unlocode} property of its own wins.
     * Without a near port it is a port of its own, of id {@code anchorageId}.
     */
    private static Port anchoragePort(Map<String, String> attrs, String anchorageId, String name, String locode,
            String country, double lat, double lon, Geometry area, String source) {
        Port.Anchorage anchorage = new Port.Anchorage(anchorageId, name);
        String nearCode = first(attrs, "near_port");
        String nearId = first(attrs, "near_port_id");
        String nearName = first(attrs, "near_port_name");
        if (country == null) {
            country = first(attrs, "near_port_country");
        }
        if (locode != null) { // a UN/LOCODE of its own: the anchorage belongs to that port
            String code = locode.toUpperCase(Locale.ROOT);
            boolean same = code.equals(nearCode) && nearName != null;
            return new Port(code, same ? nearName : name, locode, country, lat, lon, area, source, anchorage);
        }
        if (nearId == null) {
            nearId = nearCode;
        }
        if (nearId == null) {
            return new Port(anchorageId, name, null, country, lat, lon, area, source, anchorage);
        }
        String nearLocode = nearCode != null && UNLOCODE.matcher(nearCode).matches() ? nearCode : null;
        return new Port(nearId, nearName != null ? nearName : nearId, nearLocode, country, lat, lon, area, source, anchorage);
    }

    /**
     * Port areas from ESRI polygon shapefiles in a zip file (see {@link ShapefileReader}); names as in
     * {@link #fromGeoJson}.
     *
     * @throws IOException when the file cannot be read or is malformed
     */
    public static List<Port> fromShapefileZip(Path zip) throws IOException {
        String source = zip.getFileName().toString();
        List<Geometry> geoms = new ArrayList<>();
        List<Map<String, String>> attrs = new ArrayList<>();
        for (ShapefileReader.Feature f : ShapefileReader.readZip(zip)) {
            geoms.add(f.geometry());
            attrs.add(f.attributes());
        }
        return areaPorts(geoms, attrs, source);
    }

    private static Geometry multiPolygon(JsonNode coords) {
        if (!coords.isArray() || coords.isEmpty()) {
            throw new IllegalArgumentException("MultiPolygon without polygons");
        }
        Polygon[] ps = new Polygon[coords.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = polygon(coords.get(i));
        }
        return ps.length == 1 ? ps[0] : GF.createMultiPolygon(ps);
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("Polygon without rings");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GF.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode pts) {
        if (!pts.isArray() || pts.size() < 4) {
            throw new IllegalArgumentException("a linear ring needs at least 4 positions");
        }
        Coordinate[] cs = new Coordinate[pts.size()];
        for (int i = 0; i < cs.length; i++) {
            JsonNode p = pts.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("bad position " + p);
            }
            cs[i] = new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("linear ring is not closed");
        }
        return GF.createLinearRing(cs);
    }

    /**
     * One port per distinct name (or UN/LOCODE) in a file: features that share it are one port whose
     * area is the union of their polygons (a port drawn as several polygons, e.g. two harbour basins).
     */
    private static List<Port> areaPorts(List<Geometry> geoms, List<Map<String, String>> attrs, String source) {
        Map<String, List<Integer>> byId = new LinkedHashMap<>();
        List<Port> first = new ArrayList<>();
        for (int i = 0; i < geoms.size(); i++) {
            Port p = areaPort(geoms.get(i), attrs.get(i), source, i);
            first.add(p);
            byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(i);
        }
        List<Port> out = new ArrayList<>();
        for (List<Integer> idx : byId.values()) {
            Port p = first.get(idx.get(0));
            if (idx.size() == 1) {
                out.add(p);
                continue;
            }
            List<Polygon> parts = new ArrayList<>();
            for (int i : idx) {
                Geometry g = geoms.get(i);
                for (int k = 0; k < g.getNumGeometries(); k++) {
                    parts.add((Polygon) g.getGeometryN(k));
                }
            }
            Geometry union = GF.createMultiPolygon(parts.toArray(new Polygon[0])).union();
            Coordinate c = union.getInteriorPoint().getCoordinate();
            out.add(new Port(p.id(), p.name(), p.unlocode(), p.country(), c.y, c.x, union, source));
        }
        return out;
    }

    private static Port areaPort(Geometry geom, Map<String, String> attrs, String source, int index) {
        String name = first(attrs, "name", "port_name", "limit_name", "NAME", "Name");
        if (name == null) {
            name = source + "#" + index;
        }
        String locode = first(attrs, "unlocode", "locode", "UNLOCODE");
        String country = first(attrs, "country", "COUNTRY");
        Coordinate c = geom.getInteriorPoint().getCoordinate();
        String id = locode != null ? locode.toUpperCase(Locale.ROOT) : source + ":" + name;
        return new Port(id, name, locode, country, c.y, c.x, geom, source);
    }

    private static String first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
