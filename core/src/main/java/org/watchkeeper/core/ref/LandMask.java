package org.watchkeeper.core.ref;

import com.fasterxml.jackson.databind.JsonNode;
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
 * crossed by the coast; only coastal cells need a point-in-polygon test (indexed, per polygon). The
 * distance to the coast searches a grid of 0.25° cells holding the coastline segments (built on first
 * use, about 405 000 segments), nearest cells first, and stops at the first cell farther than the
 * best segment found: about 6 µs near an intricate coast, some tens of µs hundreds of kilometres
 * offshore (a search box reaching the far side of the globe or Antarctica's southern cut falls back
 * to a scan of an STR-tree of runs of at most 32 segments). Longitudes are normalised, so the mask is correct across the 180° meridian;
 * the artificial edges where Natural Earth cuts land at ±180° and at the southern limit of
 * Antarctica are not coastline. Thread safe once built. The shipped mask is read from a binary form
 * of its polygons that the build writes from the TopoJSON ({@link LandMaskResource}).
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
    /** The coastline runs as inserted into {@link #coast}, for the segment grid. */
    private final java.util.ArrayList<double[]> runs = new java.util.ArrayList<>();
    private volatile SegmentGrid segmentGrid;
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
            // JTS builds a polygon's index on its first lookup, under a lock (jts-core 1.20: a volatile
            // index made in a synchronized method), so readers may share it; a mask used only for the
            // distance to the coast (the gap and loitering detectors) never builds one.
            polygons.insert(p.getEnvelopeInternal(), new Area(p, new IndexedPointInAreaLocator(p)));
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
                    // the binary form the build writes from the TopoJSON (LandMaskResource), else the TopoJSON
                    try (InputStream bin = LandMask.class.getResourceAsStream(LandMaskResource.RESOURCE)) {
                        if (bin != null) {
                            m = LandMaskResource.read(bin);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
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
                    }
                    naturalEarth = m;
                }
            }
        }
        return m;
    }

    /** Reads the polygons of {@code objectName} from a TopoJSON stream. */
    public static LandMask fromTopoJson(InputStream in, String objectName) throws IOException {
        TopoJson topology = TopoJson.read(in);
        JsonNode topo = topology.document();
        List<Polygon> polys = topology.polygons(topo, objectName, new GeometryFactory());
        return new LandMask(polys, southLimit(topo));
    }

    /** The southern limit of a topology's land: its bbox's, else -90°. */
    static double southLimit(JsonNode topology) {
        return topology.has("bbox") ? topology.get("bbox").get(1).asDouble() : -90;
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
            runs.add(xy);
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
        return distance(lat, lon, maxM, true);
    }

    /**
     * The distance of {@link #distanceToCoast} computed by a full scan of the coastline runs whose
     * envelopes meet the search box (the reference the segment grid is tested against).
     */
    double distanceToCoastByScan(double lat, double lon, double maxM) {
        return distance(lat, lon, maxM, false);
    }

    /** {@link #distanceToCoast}: through the segment grid when {@code useGrid} and it covers the search box, else by scan. */
    private double distance(double lat, double lon, double maxM, boolean useGrid) {
        if (Double.isNaN(lat) || Double.isNaN(lon) || !(maxM >= 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double x0 = Geodesy.normalizeLongitude(lon);
        BoundingBox box = Geodesy.boundingBox(Math.max(-90, Math.min(90, lat)), x0, maxM);
        double mPerDegY = Math.toRadians(Geodesy.EARTH_RADIUS_M);
        double mPerDegX = mPerDegY * Math.cos(Math.toRadians(lat));
        if (useGrid) {
            SegmentGrid grid = segmentGrid();
            if (grid.safe(box, lat)) {
                double d = grid.nearest(lat, x0, mPerDegX, mPerDegY, maxM);
                return d <= maxM ? d : Double.POSITIVE_INFINITY;
            }
        }
        double[] best = {Double.POSITIVE_INFINITY};
        if (box.crossesAntimeridian()) {
            scan(new Envelope(box.minLon(), 180, box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
            scan(new Envelope(-180, box.maxLon(), box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
        } else {
            scan(new Envelope(box.minLon(), box.maxLon(), box.minLat(), box.maxLat()), lat, x0, mPerDegX, mPerDegY, best);
        }
        return best[0] <= maxM ? best[0] : Double.POSITIVE_INFINITY;
    }

    private SegmentGrid segmentGrid() {
        SegmentGrid g = segmentGrid;
        if (g == null) {
            synchronized (this) {
                g = segmentGrid;
                if (g == null) {
                    g = new SegmentGrid();
                    segmentGrid = g;
                }
            }
        }
        return g;
    }

    /**
     * The coastline segments (cuts excluded) bucketed into cells of {@value #SEG_CELL_DEG}° (a segment
     * in every cell its envelope meets), searched outward from a point with a lower bound per cell.
     *
     * <p>The distance it returns is the one a scan of the runs meeting the search box computes: the
     * same projection and the same arithmetic per segment, and the minimum of a set of segments does
     * not depend on the order they are visited in. The search box of {@link #distanceToCoast} (from
     * {@link Geodesy#boundingBox}) contains every point within the radius in this projection (its
     * half-height is the radius in degrees of latitude, its half-width {@code asin(sin r / cos lat)}
     * ≥ {@code r / cos lat}), so a scan and the grid find the same nearest segment whenever it lies
     * within the radius. They differ only where the projection folds: a segment crossing the meridian
     * opposite the point, which the scan looks at when its box reaches that far; such boxes (near the
     * poles, or half-widths near 180°) are left to the scan.
     */
    private final class SegmentGrid {
        static final double SEG_CELL_DEG = 0.25;
        final int cols = (int) Math.round(360 / SEG_CELL_DEG);
        final int rows = (int) Math.round(180 / SEG_CELL_DEG);
        /** Cell c holds entries start[c] .. start[c + 1] - 1; entry e is xy[4e .. 4e + 3] = x1, y1, x2, y2. */
        final int[] start = new int[cols * rows + 1];
        double[] xy;
        /**
         * Boxes narrower than this (half-width, degrees) meet no run that crosses the meridian
         * opposite their centre: 170° less the widest run, runs wider than 90° (Antarctica's run
         * along its cut southern edge) aside: boxes reaching their latitudes are scanned.
         */
        final double safeHalfWidthDeg;
        /** Latitudes spanned by runs wider than 90° of longitude (none: south 90, north -90). */
        final double wideRunsSouth, wideRunsNorth;

        SegmentGrid() {
            double widest = 0, wideSouth = 90, wideNorth = -90;
            int[] count = new int[cols * rows];
            for (int pass = 0; pass < 2; pass++) {
                for (double[] run : runs) {
                    double runWest = 180, runEast = -180;
                    for (int i = 0; i < run.length; i += 2) {
                        runWest = Math.min(runWest, run[i]);
                        runEast = Math.max(runEast, run[i]);
                    }
                    if (runEast - runWest > 90) { // Antarctica's run along the cuts at its southern limit
                        double south = 90;
                        for (int i = 1; i < run.length; i += 2) {
                            south = Math.min(south, run[i]);
                        }
                        double north = -90;
                        for (int i = 1; i < run.length; i += 2) {
                            north = Math.max(north, run[i]);
                        }
                        wideSouth = Math.min(wideSouth, south);
                        wideNorth = Math.max(wideNorth, north);
                    } else {
                        widest = Math.max(widest, runEast - runWest);
                    }
                    for (int i = 2; i < run.length; i += 2) {
                        double x1 = run[i - 2], y1 = run[i - 1], x2 = run[i], y2 = run[i + 1];
                        if (isCut(x1, y1, x2, y2)) {
                            continue;
                        }
                        int r0 = row(Math.min(y1, y2)), r1 = row(Math.max(y1, y2));
                        int c0 = col(Math.min(x1, x2)), c1 = col(Math.max(x1, x2));
                        for (int r = r0; r <= r1; r++) {
                            for (int c = c0; c <= c1; c++) {
                                int cell = r * cols + c;
                                if (pass == 0) {
                                    count[cell]++;
                                } else {
                                    int e = start[cell] + --count[cell];
                                    xy[4 * e] = x1;
                                    xy[4 * e + 1] = y1;
                                    xy[4 * e + 2] = x2;
                                    xy[4 * e + 3] = y2;
                                }
                            }
                        }
                    }
                }
                if (pass == 0) {
                    for (int c = 0; c < count.length; c++) {
                        start[c + 1] = start[c] + count[c];
                    }
                    xy = new double[4 * start[count.length]];
                }
            }
            safeHalfWidthDeg = Math.max(0, 170 - widest);
            wideRunsSouth = wideSouth;
            wideRunsNorth = wideNorth;
        }

        /** Whether a scan of this box could meet a segment the projection folds (see the class comment). */
        boolean safe(BoundingBox box, double lat) {
            double halfWidth = box.crossesAntimeridian() ? (box.maxLon() + 360 - box.minLon()) / 2
                    : (box.maxLon() - box.minLon()) / 2;
            return halfWidth < safeHalfWidthDeg && lat > -90 && lat < 90
                    && (box.minLat() > wideRunsNorth || box.maxLat() < wideRunsSouth);
        }

        int row(double lat) {
            return Math.max(0, Math.min(rows - 1, (int) Math.floor((lat + 90) / SEG_CELL_DEG)));
        }

        int col(double lon) {
            return Math.max(0, Math.min(cols - 1, (int) Math.floor((lon + 180) / SEG_CELL_DEG)));
        }

        /**
         * Smallest projected distance from (lat, x0) to a segment, searching squares of growing
         * half-size R (metres) until the best distance found is within R or R reaches {@code maxM}.
         * Returns a value &gt; maxM when nothing lies within maxM.
         */
        double nearest(double lat, double x0, double kx, double ky, double maxM) {
            double best = Double.POSITIVE_INFINITY;
            int doneR0 = 0, doneR1 = -1, doneC0 = 0, doneC1 = -1; // cells already searched (cols unwrapped)
            double radius = Math.min(maxM, 10_000);
            long[] order = new long[64]; // (float bits of the cell's lower bound) << 32 | cell
            while (true) {
                double dLat = radius / ky * (1 + 1e-9), dLon = radius / kx * (1 + 1e-9);
                int r0 = row(lat - dLat), r1 = row(lat + dLat);
                int c0 = (int) Math.floor((x0 - dLon + 180) / SEG_CELL_DEG);
                int c1 = (int) Math.floor((x0 + dLon + 180) / SEG_CELL_DEG);
                int n = 0;
                for (int r = r0; r <= r1; r++) {
                    double south = r * SEG_CELL_DEG - 90;
                    double dy = Math.max(0, Math.max(south - lat, lat - (south + SEG_CELL_DEG))) * ky;
                    boolean doneRow = r >= doneR0 && r <= doneR1;
                    int rowBase = r * cols;
                    for (int c = c0; c <= c1; c++) {
                        if (doneRow && c >= doneC0 && c <= doneC1) {
                            c = doneC1;
                            continue;
                        }
                        int cell = rowBase + Math.floorMod(c, cols);
                        if (start[cell] == start[cell + 1]) {
                            continue;
                        }
                        double west = c * SEG_CELL_DEG - 180;
                        double dx = Math.max(0, Math.max(west - x0, x0 - (west + SEG_CELL_DEG))) * kx;
                        float bound = (float) Math.sqrt(dx * dx + dy * dy);
                        if (n == order.length) {
                            order = java.util.Arrays.copyOf(order, n * 2);
                        }
                        order[n++] = ((long) Float.floatToRawIntBits(bound) << 32) | cell;
                    }
                }
                java.util.Arrays.sort(order, 0, n); // nearest cells first: the best distance falls fast
                for (int j = 0; j < n; j++) {
                    double bound = Float.intBitsToFloat((int) (order[j] >>> 32));
                    if (bound > best * (1 + 1e-6)) { // slack for rounding at cell edges and in the float
                        break;
                    }
                    int cell = (int) order[j];
                    for (int e = start[cell], end = start[cell + 1]; e < end; e++) {
                        int k = 4 * e;
                        double px = Geodesy.longitudeDifference(x0, xy[k]) * kx;
                        double py = (xy[k + 1] - lat) * ky;
                        double qx = Geodesy.longitudeDifference(x0, xy[k + 2]) * kx;
                        double qy = (xy[k + 3] - lat) * ky;
                        double d = pointSegment(px, py, qx, qy);
                        if (d < best) {
                            best = d;
                        }
                    }
                }
                if (best <= radius || radius >= maxM) {
                    return best;
                }
                doneR0 = r0;
                doneR1 = r1;
                doneC0 = c0;
                doneC1 = c1;
                radius = Math.min(maxM, radius * 2);
            }
        }
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
