package org.watchkeeper.core.ref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.watchkeeper.core.geo.BoundingBox;
import org.watchkeeper.core.geo.Geodesy;

/**
 * Where the land is: Natural Earth 1:10m land polygons (version 4.1.0, public domain) as shipped in
 * the npm package {@code world-atlas@2.0.2} ({@code land-10m.json}, a quantized TopoJSON whose
 * positions have a resolution of about 400 m east-west and 190 m north-south at the equator), put
 * into the jar at build time. The coastline itself is generalised at 1:10 000 000, so it may be a
 * few hundred metres off; harbours, estuaries and rivers narrower than that are land in it, and
 * lakes are not cut out (the Great Lakes, for instance, are land).
 *
 * <p><b>Rule for "position on land".</b> A position counts as on land only when it lies inside a
 * land polygon <em>and</em> more than a tolerance from the nearest coastline
 * ({@link #isOnLand(double, double, double)}); {@link #DEFAULT_INLAND_TOLERANCE_M} = 2 000 m by
 * default. So berths, quays, locks and coastal waters, which the generalised coast may put just
 * inland, are never rejected, while a fix tens of kilometres inside a continent (a wrong sign, a
 * swapped latitude/longitude, a GNSS fault) is. Inland waterways far from the sea (the Great Lakes,
 * the Rhine, the Mississippi above its delta) are land for this mask: callers tracking such traffic
 * should raise the tolerance or not use the land test. (Measured on the MarineCadastre US extract of
 * 2022-01-03: 38 % of fixes lie more than 2 km inside this land, nearly all on the Mississippi,
 * Gulf Coast waterways, Puget Sound inlets and the Great Lakes; the tracker therefore uses no land
 * mask unless given one.)
 *
 * <p>Lookups: a lazily filled grid of 0.25° cells remembers whether a cell is all sea, all land or
 * crossed by the coast; only coastal cells need a point-in-polygon test (indexed, per polygon), and
 * the distance to the coast scans only the coastline pieces near the point (an STR-tree of runs of
 * at most 32 segments). Longitudes are normalised, so the mask is correct across the 180° meridian;
 * the artificial edges where Natural Earth cuts land at ±180° and at the southern limit of
 * Antarctica are not coastline. Thread safe once built; loading the shipped mask takes about a
 * second.
 */
public final class LandMask {
    /** Default tolerance of {@link #isOnLand(double, double)}: 2 000 m inland of the coastline. */
    public static final double DEFAULT_INLAND_TOLERANCE_M = 2_000;
    /** Resource path of the shipped TopoJSON. */
    public static final String RESOURCE = "world-atlas/land-10m.json";

    private static final double CELL_DEG = 0.25;
    private static final int COLS = (int) (360 / CELL_DEG);
    private static final int ROWS = (int) (180 / CELL_DEG);
    private static final byte UNKNOWN = 0, SEA = 1, LAND = 2, MIXED = 3;
    private static final int CHUNK = 32;
    private static final double EPS = 1e-9;

    private static volatile LandMask naturalEarth;

    private final STRtree polygons = new STRtree();
    private final STRtree coast = new STRtree();
    private final byte[] cells = new byte[COLS * ROWS];
    private final double minX, maxX, minY;

    private record Area(Polygon polygon, IndexedPointInAreaLocator locator) {
    }

    /** A run of coastline: interleaved lon, lat. */
    private record CoastRun(double[] xy) {
    }

    /**
     * Builds a mask from land polygons (x = longitude, y = latitude in degrees, within -180..180).
     * Edges lying on x = ±180 or on the southern edge {@code southLimit} are treated as cuts, not coast.
     */
    public LandMask(List<Polygon> land, double southLimit) {
        this.minX = -180;
        this.maxX = 180;
        this.minY = southLimit;
        for (Polygon p : land) {
            IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(p);
            loc.locate(p.getInteriorPoint().getCoordinate()); // build the index now, not on a reader thread
            polygons.insert(p.getEnvelopeInternal(), new Area(p, loc));
            addCoast(p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                addCoast(p.getInteriorRingN(i));
            }
        }
        polygons.build();
        coast.build();
    }

    /** The shipped Natural Earth 1:10m land mask (loaded on first use, then shared). */
    public static LandMask naturalEarth10m() {
        LandMask m = naturalEarth;
        if (m == null) {
            synchronized (LandMask.class) {
                m = naturalEarth;
                if (m == null) {
                    try (InputStream in = LandMask.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("land mask resource " + RESOURCE
                                    + " is missing: it is fetched from npm (world-atlas@2.0.2) when the core module is built");
                        }
                        m = fromTopoJson(in, "land");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    naturalEarth = m;
                }
            }
        }
        return m;
    }

    /** Reads the polygons of {@code objectName} from a TopoJSON stream. */
    public static LandMask fromTopoJson(InputStream in, String objectName) throws IOException {
        JsonNode topo = new ObjectMapper().readTree(in);
        List<Polygon> polys = new TopoJson(topo).polygons(topo, objectName, new GeometryFactory());
        double south = topo.has("bbox") ? topo.get("bbox").get(1).asDouble() : -90;
        return new LandMask(polys, south);
    }

    private void addCoast(LineString ring) {
        Coordinate[] c = ring.getCoordinates();
        for (int start = 0; start < c.length - 1; start += CHUNK) {
            int end = Math.min(c.length - 1, start + CHUNK);
            double[] xy = new double[(end - start + 1) * 2];
            Envelope env = new Envelope();
            int n = 0;
            for (int i = start; i <= end; i++) {
                xy[n++] = c[i].x;
                xy[n++] = c[i].y;
                env.expandToInclude(c[i]);
            }
            coast.insert(env, new CoastRun(xy));
        }
    }

    /**
     * Whether the point is inside a land polygon (on its boundary counts as inside), with no
     * tolerance. NaN coordinates give false.
     *
     * @param lat degrees -90..90
     * @param lon degrees, any value (normalised to -180..180)
     */
    public boolean contains(double lat, double lon) {
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            return false;
        }
        double x = Geodesy.normalizeLongitude(lon);
        int cell = cellIndex(lat, x);
        byte state = cells[cell];
        if (state == UNKNOWN) {
            state = classify(cell);
            cells[cell] = state;
        }
        if (state == SEA) {
            return false;
        }
        if (state == LAND) {
            return true;
        }
        return locate(lat, x) || (x == -180 && locate(lat, 180));
    }

    /** {@link #isOnLand(double, double, double)} with {@link #DEFAULT_INLAND_TOLERANCE_M}. */
    public boolean isOnLand(double lat, double lon) {
        return isOnLand(lat, lon, DEFAULT_INLAND_TOLERANCE_M);
    }

    /**
     * Whether a position is on land by the rule in the class comment: inside land and more than
     * {@code toleranceM} from the coastline. NaN coordinates give false (they are not positions).
     *
     * @param toleranceM metres ≥ 0; 0 means "inside the land polygon"
     */
    public boolean isOnLand(double lat, double lon, double toleranceM) {
        if (!contains(lat, lon)) {
            return false;
        }
        return toleranceM <= 0 || distanceToCoast(lat, lon, toleranceM) > toleranceM;
    }

    /**
     * Approximate distance from the point to the nearest coastline, on land or at sea, computed in a
     * local equirectangular projection around the point (good to about 1 % up to a few hundred
     * kilometres, plus the coastline's own generalisation of a few hundred metres).
     *
     * @param maxM the search radius in metres; coastline farther than that is not looked at
     * @return metres, or {@code Double.POSITIVE_INFINITY} when no coastline lies within {@code maxM}
     *         (also for NaN coordinates)
     */
    public double distanceToCoast(double lat, double lon, double maxM) {
        if (Double.isNaN(lat) || Double.isNaN(lon) || !(maxM >= 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double x0 = Geodesy.normalizeLongitude(lon);
        BoundingBox box = Geodesy.boundingBox(Math.max(-90, Math.min(90, lat)), x0, maxM);
        double[] best = {Double.POSITIVE_INFINITY};
        double mPerDegY = Math.toRadians(Geodesy.EARTH_RADIUS_M);
        double mPerDegX = mPerDegY * Math.cos(Math.toRadians(lat));
        if (box.crossesAntimeridian()) {
            scan(new Envelope(box.minLon(), 180, box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
            scan(new Envelope(-180, box.maxLon(), box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
        } else {
            scan(new Envelope(box.minLon(), box.maxLon(), box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
        }
        return best[0] <= maxM ? best[0] : Double.POSITIVE_INFINITY;
    }

    private void scan(Envelope query, double lat, double x0, double kx, double ky, double[] best) {
        coast.query(query, item -> {
            double[] xy = ((CoastRun) item).xy();
            double px = Geodesy.longitudeDifference(x0, xy[0]) * kx;
            double py = (xy[1] - lat) * ky;
            for (int i = 2; i < xy.length; i += 2) {
                double qx = Geodesy.longitudeDifference(x0, xy[i]) * kx;
                double qy = (xy[i + 1] - lat) * ky;
                if (!isCut(xy[i - 2], xy[i - 1], xy[i], xy[i + 1])) {
                    double d = pointSegment(px, py, qx, qy);
                    if (d < best[0]) {
                        best[0] = d;
                    }
                }
                px = qx;
                py = qy;
            }
        });
    }

    /** Distance from the origin to segment p-q in the plane. */
    private static double pointSegment(double px, double py, double qx, double qy) {
        double dx = qx - px, dy = qy - py;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(px * dx + py * dy) / len2));
        double x = px + t * dx, y = py + t * dy;
        return Math.sqrt(x * x + y * y);
    }

    private boolean isCut(double x1, double y1, double x2, double y2) {
        return (Math.abs(x1 - minX) < EPS && Math.abs(x2 - minX) < EPS)
                || (Math.abs(x1 - maxX) < EPS && Math.abs(x2 - maxX) < EPS)
                || (Math.abs(y1 - minY) < EPS && Math.abs(y2 - minY) < EPS)
                || (y1 <= -90 + EPS && y2 <= -90 + EPS);
    }

    private boolean locate(double lat, double x) {
        Coordinate c = new Coordinate(x, lat);
        boolean[] hit = {false};
        polygons.query(new Envelope(c), item -> {
            if (!hit[0] && ((Area) item).locator().locate(c) != Location.EXTERIOR) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private static int cellIndex(double lat, double x) {
        int row = (int) Math.floor((lat + 90) / CELL_DEG);
        int col = (int) Math.floor((x + 180) / CELL_DEG);
        row = Math.max(0, Math.min(ROWS - 1, row));
        col = Math.max(0, Math.min(COLS - 1, col));
        return row * COLS + col;
    }

    private byte classify(int cell) {
        int row = cell / COLS, col = cell % COLS;
        double south = row * CELL_DEG - 90, west = col * CELL_DEG - 180;
        Envelope env = new Envelope(west, west + CELL_DEG, south, south + CELL_DEG);
        boolean[] coastal = {false};
        coast.query(env, item -> coastal[0] = true);
        if (coastal[0]) {
            return MIXED;
        }
        return locate(south + CELL_DEG / 2, west + CELL_DEG / 2) ? LAND : SEA;
    }
}
