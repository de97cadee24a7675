package org.watchkeeper.core.detect.zone;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.watchkeeper.core.geo.Geodesy;

/**
 * A set of {@link Zone}s with a spatial index: every polygon of every zone is prepared (JTS
 * {@link PreparedGeometry}, an indexed point-in-polygon test) and put into an STR-tree by its
 * envelope, so a point lookup tests only the few polygons whose box contains it.
 *
 * <p><b>180° meridian.</b> Rings are unwrapped on loading (a step of more than 180° in longitude
 * between consecutive vertices is taken as a crossing of the meridian and the following vertices are
 * shifted by 360°), so a polygon that crosses it has continuous longitudes beyond ±180. A lookup
 * tests the point's normalised longitude and, when some polygon extends beyond ±180, the same
 * longitude ±360. Polygons that are already cut at ±180 (as RFC 7946 recommends, and as the shipped
 * territorial seas are) work unchanged; a point on the meridian itself is tested at both -180 and 180.
 *
 * <p>Loading GeoJSON: a FeatureCollection, a Feature or a bare geometry; Polygon and MultiPolygon
 * geometries are kept, others skipped. The file is read with a streaming parser, so the 38 MB
 * territorial-sea file never exists as a JSON tree. Immutable and thread safe once built.
 */
public final class ZoneIndex {
    /** Resource (gzipped GeoJSON) of the territorial seas fetched at build time; see NOTICE.md. */
    public static final String TERRITORIAL_SEAS_RESOURCE = "/org/watchkeeper/core/ref/geo-maps/countries-maritime-10m.geo.json.gz";
    /** Properties tried, in order, for a feature's name when the caller names none. */
    public static final List<String> NAME_PROPERTIES = List.of("name", "NAME", "Name", "GEONAME", "A3", "id");

    private static volatile ZoneIndex territorialSeas;

    private final List<Zone> zones;
    private final STRtree tree = new STRtree();
    private final boolean beyondEast;
    private final boolean beyondWest;

    private record Part(int zone, PreparedGeometry prepared) {
    }

    /**
     * @param zones the zones; ids must be unique
     * @throws IllegalArgumentException on a duplicate id
     */
    public ZoneIndex(List<Zone> zones) {
        this.zones = List.copyOf(zones);
        Set<String> ids = new HashSet<>();
        boolean east = false, west = false;
        for (int i = 0; i < this.zones.size(); i++) {
            Zone z = this.zones.get(i);
            if (!ids.add(z.id())) {
                throw new IllegalArgumentException("duplicate zone id " + z.id());
            }
            Geometry g = z.geometry();
            for (int k = 0; k < g.getNumGeometries(); k++) {
                Geometry part = g.getGeometryN(k);
                Envelope env = part.getEnvelopeInternal();
                east |= env.getMaxX() > 180;
                west |= env.getMinX() < -180;
                tree.insert(env, new Part(i, PreparedGeometryFactory.prepare(part)));
            }
        }
        tree.build();
        this.beyondEast = east;
        this.beyondWest = west;
    }

    /** The zones, in index order (the indexes {@link #zonesAt} returns). */
    public List<Zone> zones() {
        return zones;
    }

    /** The zone at an index. */
    public Zone zone(int index) {
        return zones.get(index);
    }

    /** Number of zones. */
    public int size() {
        return zones.size();
    }

    /**
     * The zones containing a point (boundary counts as inside).
     *
     * @param lat degrees -90..90
     * @param lon degrees, any value (normalised)
     * @return zone indexes in ascending order; empty for NaN coordinates or no zone
     */
    public int[] zonesAt(double lat, double lon) {
        if (Double.isNaN(lat) || Double.isNaN(lon) || zones.isEmpty()) {
            return new int[0];
        }
        double x = Geodesy.normalizeLongitude(lon);
        int[] hits = new int[4];
        int[] n = {0};
        hits = probe(lat, x, hits, n);
        if (x == -180) {
            hits = probe(lat, 180, hits, n);
        }
        if (beyondEast) {
            hits = probe(lat, x + 360, hits, n);
        }
        if (beyondWest) {
            hits = probe(lat, x - 360, hits, n);
        }
        int[] out = Arrays.copyOf(hits, n[0]);
        Arrays.sort(out);
        int m = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[m++] = out[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static final GeometryFactory GF = new GeometryFactory();

    private int[] probe(double lat, double x, int[] hits, int[] n) {
        Point pt = GF.createPoint(new Coordinate(x, lat));
        List<?> candidates = tree.query(new Envelope(x, x, lat, lat));
        for (Object o : candidates) {
            Part p = (Part) o;
            if (p.prepared().covers(pt)) {
                if (n[0] == hits.length) {
                    hits = Arrays.copyOf(hits, hits.length * 2);
                }
                hits[n[0]++] = p.zone();
            }
        }
        return hits;
    }

    /**
     * The territorial seas shipped with Watchkeeper: {@code @geo-maps/countries-maritime-10m@0.6.0}
     * (OpenStreetMap, ODbL), one zone per country or territory, id {@code territorial_sea:<A3>}, name
     * the ISO 3166-1 alpha-3 code. Each polygon covers the land and the territorial sea (12 nmi) of
     * its country, so an entry from the high seas means entering the territorial sea. Loaded on
     * first use (some seconds and about 200 MB while parsing), then shared.
     *
     * @throws IllegalStateException when the resource is missing (it is fetched when the core module is built)
     */
    public static ZoneIndex territorialSeas() {
        ZoneIndex z = territorialSeas;
        if (z == null) {
            synchronized (ZoneIndex.class) {
                z = territorialSeas;
                if (z == null) {
                    try (InputStream in = ZoneIndex.class.getResourceAsStream(TERRITORIAL_SEAS_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("resource " + TERRITORIAL_SEAS_RESOURCE + " is missing: it is "
                                    + "fetched from npm (@geo-maps/countries-maritime-10m@0.6.0) when the core module is built");
                        }
                        z = new ZoneIndex(readGeoJson(new GZIPInputStream(in, 1 << 16), "territorial_sea", List.of("A3")));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    territorialSeas = z;
                }
            }
        }
        return z;
    }

    /**
     * Reads the Polygon and MultiPolygon features of a GeoJSON stream as zones (a user file, an EEZ or
     * a marine protected area file). A feature's name is the first of {@code nameProperties} it has
     * (as text); a feature with none is named {@code feature-<n>} (n counts from 0 in file order). Two
     * features with the same name become one zone.
     *
     * @param in the GeoJSON (not closed)
     * @param category the zones' category, e.g. {@code user}, {@code eez}, {@code mpa}
     * @param nameProperties properties to take the name from, tried in order (e.g. {@link #NAME_PROPERTIES})
     * @throws IOException on malformed JSON, a position outside longitude -180..180 or latitude
     *     -90..90 (RFC 7946 order: longitude first), or a polygon that cannot be built
     */
    public static List<Zone> readGeoJson(InputStream in, String category, List<String> nameProperties) throws IOException {
        JsonParser p = new JsonFactory().createParser(in);
        List<Zone> out = new ArrayList<>();
        java.util.Map<String, List<Polygon>> byName = new java.util.LinkedHashMap<>();
        int[] counter = {0};
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("GeoJSON must be an object");
        }
        readObject(p, byName, nameProperties, counter);
        for (var e : byName.entrySet()) {
            Geometry g = e.getValue().size() == 1 ? e.getValue().get(0)
                    : GF.createMultiPolygon(e.getValue().toArray(new Polygon[0]));
            out.add(new Zone(category + ":" + e.getKey(), e.getKey(), category, g));
        }
        return out;
    }

    /** Reads one GeoJSON object (FeatureCollection, Feature or geometry); the parser is on its START_OBJECT. */
    private static void readObject(JsonParser p, java.util.Map<String, List<Polygon>> byName, List<String> nameProperties,
            int[] counter) throws IOException {
        String type = null;
        JsonNode properties = null;
        Object coordinates = null;
        List<Polygon> geometry = null;
        String featureId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "type" -> type = p.getValueAsString();
                case "features" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readObject(p, byName, nameProperties, counter);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "properties" -> properties = t == JsonToken.START_OBJECT ? new ObjectMapper().readTree(p) : null;
                case "geometry" -> {
                    if (t == JsonToken.START_OBJECT) {
                        geometry = readGeometry(p);
                    }
                }
                case "coordinates" -> coordinates = t == JsonToken.START_ARRAY ? readCoordinates(p) : null;
                case "id" -> featureId = t.isScalarValue() ? p.getValueAsString() : null;
                default -> p.skipChildren();
            }
        }
        if ("Feature".equals(type)) {
            if (geometry != null && !geometry.isEmpty()) {
                String name = null;
                for (String prop : nameProperties) {
                    if (properties != null && properties.hasNonNull(prop) && !properties.get(prop).asText().isBlank()) {
                        name = properties.get(prop).asText().strip();
                        break;
                    }
                }
                if (name == null && nameProperties.contains("id") && featureId != null) {
                    name = featureId;
                }
                if (name == null) {
                    name = "feature-" + counter[0];
                }
                byName.computeIfAbsent(name, k -> new ArrayList<>()).addAll(geometry);
            }
            counter[0]++;
        } else if (type != null && coordinates != null && (type.equals("Polygon") || type.equals("MultiPolygon"))) {
            List<Polygon> g = polygons(type, coordinates);
            if (!g.isEmpty()) {
                byName.computeIfAbsent("feature-" + counter[0]++, k -> new ArrayList<>()).addAll(g);
            }
        }
    }

    /** Reads a geometry object; returns its polygons (empty for other geometry types). */
    private static List<Polygon> readGeometry(JsonParser p) throws IOException {
        String type = null;
        Object coordinates = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("type")) {
                type = p.getValueAsString();
            } else if (field.equals("coordinates") && t == JsonToken.START_ARRAY) {
                coordinates = readCoordinates(p);
            } else {
                p.skipChildren();
            }
        }
        return type == null || coordinates == null ? List.of() : polygons(type, coordinates);
    }

    /** Nested arrays: a position becomes a Coordinate, an array of positions a Coordinate[], deeper ones lists. */
    private static Object readCoordinates(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double x = p.getDoubleValue();
            p.nextToken();
            double y = p.getDoubleValue();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                // altitude or other extra members are ignored
            }
            if (!(x >= -180 && x <= 180) || !(y >= -90 && y <= 90)) {
                // RFC 7946: longitude then latitude, in WGS 84 degrees (a file in another CRS, or with the two swapped)
                throw new IOException("position [" + x + ", " + y + "] out of range (longitude -180..180, then latitude -90..90)");
            }
            return new Coordinate(x, y);
        }
        List<Object> items = new ArrayList<>();
        while (t == JsonToken.START_ARRAY) {
            items.add(readCoordinates(p));
            t = p.nextToken();
        }
        if (!items.isEmpty() && items.get(0) instanceof Coordinate) {
            return items.toArray(new Coordinate[0]);
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Polygon> polygons(String type, Object coordinates) throws IOException {
        List<Polygon> out = new ArrayList<>();
        if (type.equals("Polygon") && coordinates instanceof List<?> rings) {
            out.add(polygon((List<Object>) rings));
        } else if (type.equals("MultiPolygon") && coordinates instanceof List<?> polys) {
            for (Object rings : polys) {
                if (rings instanceof List<?> r) {
                    out.add(polygon((List<Object>) r));
                }
            }
        }
        out.removeIf(Geometry::isEmpty);
        return out;
    }

    private static Polygon polygon(List<Object> rings) throws IOException {
        if (rings.isEmpty()) {
            return GF.createPolygon();
        }
        try {
            LinearRing shell = ring((Coordinate[]) rings.get(0), Double.NaN);
            double centre = shell.getEnvelopeInternal().centre().x;
            LinearRing[] holes = new LinearRing[rings.size() - 1];
            for (int i = 1; i < rings.size(); i++) {
                holes[i - 1] = ring((Coordinate[]) rings.get(i), centre);
            }
            return GF.createPolygon(shell, holes);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException("bad polygon: " + e.getMessage(), e);
        }
    }

    /** A ring with continuous longitudes; a hole is shifted by 360° to lie nearest to its shell's centre. */
    private static LinearRing ring(Coordinate[] c, double centre) {
        Coordinate[] u = new Coordinate[c.length];
        double shift = 0;
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                double step = c[i].x - c[i - 1].x;
                if (step > 180) {
                    shift -= 360;
                } else if (step < -180) {
                    shift += 360;
                }
            }
            u[i] = new Coordinate(c[i].x + shift, c[i].y);
        }
        if (!Double.isNaN(centre)) {
            double mid = (u[0].x + u[u.length - 1].x) / 2;
            double k = Math.round((centre - mid) / 360) * 360;
            if (k != 0) {
                for (Coordinate x : u) {
                    x.x += k;
                }
            }
        }
        if (u.length > 0 && !u[0].equals2D(u[u.length - 1])) {
            u = Arrays.copyOf(u, u.length + 1);
            u[u.length - 1] = new Coordinate(u[0]);
        }
        return GF.createLinearRing(u);
    }
}
