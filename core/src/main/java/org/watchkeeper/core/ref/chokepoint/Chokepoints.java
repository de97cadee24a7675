package org.watchkeeper.core.ref.chokepoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The chokepoint areas shipped with Watchkeeper ({@code chokepoints/chokepoints.txt}: 14 straits,
 * canals and gates written from public coordinates, each with its source) and the parser of that
 * format, so users can supply their own file.
 *
 * <p>Format (UTF-8 text): {@code #} comment lines; the comment lines directly above an entry are its
 * source. {@code polygon | id | name | lat lon; lat lon; ...} gives a ring (closed automatically);
 * {@code corridor | id | name | halfWidthKm | lat lon; lat lon; ...} a band of that half-width around the
 * line through the points, built in a local equirectangular projection (x scaled by the cosine of the
 * mean latitude), accurate to a few percent of the width. Areas must not cross the 180° meridian.
 */
public final class Chokepoints {
    /** Resource path of the shipped file. */
    public static final String RESOURCE = "/org/watchkeeper/core/ref/chokepoints/chokepoints.txt";
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double KM_PER_DEG = 111.195;
    private static volatile List<Chokepoint> shipped;

    private Chokepoints() {
    }

    /** The shipped chokepoints, in file order. */
    public static List<Chokepoint> shipped() {
        List<Chokepoint> s = shipped;
        if (s == null) {
            try (InputStream in = Chokepoints.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing");
                }
                s = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = s;
        }
        return s;
    }

    /**
     * Parses the format described in the class documentation.
     *
     * @throws IOException for a malformed line (with its line number), an entry without a source
     *         comment, or a duplicate id
     */
    public static List<Chokepoint> parse(InputStream in) throws IOException {
        List<Chokepoint> out = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty()) {
                source.setLength(0);
                continue;
            }
            if (t.startsWith("#")) {
                if (source.length() > 0) {
                    source.append(' ');
                }
                source.append(t.substring(1).strip());
                continue;
            }
            String[] f = t.split("\\|");
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].strip();
            }
            try {
                if (source.length() == 0) {
                    throw new IllegalArgumentException("entry without a source comment above it");
                }
                Polygon p;
                if (f[0].equals("polygon") && f.length == 4) {
                    List<Coordinate> cs = points(f[3]);
                    cs.add(cs.get(0));
                    if (cs.size() < 4) {
                        throw new IllegalArgumentException("a polygon needs at least 3 points");
                    }
                    p = GF.createPolygon(cs.toArray(new Coordinate[0]));
                } else if (f[0].equals("corridor") && f.length == 5) {
                    p = corridor(points(f[4]), Double.parseDouble(f[3]));
                } else {
                    throw new IllegalArgumentException("expected 'polygon | id | name | points' or 'corridor | id | name | km | points'");
                }
                if (!p.isValid()) {
                    throw new IllegalArgumentException("polygon is not valid (self-intersecting?)");
                }
                for (Chokepoint c : out) {
                    if (c.id().equals(f[1])) {
                        throw new IllegalArgumentException("duplicate id " + f[1]);
                    }
                }
                out.add(new Chokepoint(f[1], f[2], p, PreparedGeometryFactory.prepare(p), source.toString()));
            } catch (RuntimeException e) {
                throw new IOException("line " + n + ": " + e.getMessage(), e);
            }
            source.setLength(0);
        }
        return List.copyOf(out);
    }

    private static List<Coordinate> points(String s) {
        List<Coordinate> cs = new ArrayList<>();
        for (String pt : s.split(";")) {
            String[] ll = pt.strip().split("\\s+");
            if (ll.length != 2) {
                throw new IllegalArgumentException("point '" + pt.strip() + "' is not 'lat lon'");
            }
            double lat = Double.parseDouble(ll[0]);
            double lon = Double.parseDouble(ll[1]);
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                throw new IllegalArgumentException("point out of range: " + pt.strip());
            }
            cs.add(new Coordinate(lon, lat));
        }
        return cs;
    }

    private static Polygon corridor(List<Coordinate> line, double halfWidthKm) {
        if (line.size() < 2 || !(halfWidthKm > 0)) {
            throw new IllegalArgumentException("a corridor needs 2+ points and a positive half-width");
        }
        double lat0 = line.stream().mapToDouble(c -> c.y).average().orElse(0);
        double k = Math.cos(Math.toRadians(lat0));
        Coordinate[] proj = new Coordinate[line.size()];
        for (int i = 0; i < proj.length; i++) {
            proj[i] = new Coordinate(line.get(i).x * k, line.get(i).y);
        }
        Geometry band = GF.createLineString(proj).buffer(halfWidthKm / KM_PER_DEG, 8);
        Coordinate[] cs = band.getCoordinates();
        Coordinate[] back = new Coordinate[cs.length];
        for (int i = 0; i < cs.length; i++) {
            back[i] = new Coordinate(cs[i].x / k, cs[i].y);
        }
        return GF.createPolygon(back);
    }
}
