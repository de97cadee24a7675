package org.watchkeeper.core.ref;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.watchkeeper.core.geo.Geodesy;

/**
 * Fast distance from a position to the nearest coastline of a {@link LandMask}, for detectors that
 * look at every position (gaps, loitering). A direct {@link LandMask#distanceToCoast} call searches
 * the coastline near the point and costs about 6 µs near shore and tens of µs far offshore (JIT
 * compiled; the first calls cost more); this class answers from a grid of precomputed distances in well under a microsecond once the grid
 * around the point is filled.
 *
 * <p><b>Method.</b> Two lazily filled grids of exact distances (each node computed once with
 * {@link LandMask#distanceToCoast}, searching outward until a coastline is found):
 * <ul>
 *   <li>a fine grid with nodes every {@value #FINE_DEG}° of latitude and longitude, used when the
 *       point is within {@link #FAR_M} of the coast: the answer is the bilinear interpolation of
 *       the four nodes around the point;</li>
 *   <li>a coarse grid with nodes every {@value #COARSE_DEG}°, consulted first: when all four coarse
 *       nodes around the point are farther than {@link #FAR_M} from the coast, the point is at least
 *       {@code FAR_M} minus half a coarse cell diagonal (≥ 220 km) from it and the coarse bilinear
 *       interpolation is returned.</li>
 * </ul>
 * The distance to a coastline changes by at most the distance moved (it is 1-Lipschitz), so the
 * interpolated value is within the largest node-to-point distance of the truth: at most a fine cell
 * diagonal (15.7 km at the equator, less at higher latitudes). Measured against direct computation
 * over the Danish straits and western Baltic (an intricate coast): about 0.5 km on average, up to
 * 4-5 km where a point is about equally far from two coasts (interpolating across that ridge
 * underestimates: 26.1 instead of 27.9 nm north-east of Bornholm); beyond about
 * 220 km from shore the value is approximate (within a coarse cell diagonal), which does not
 * matter for thresholds of tens of nautical miles. On top of this comes the generalisation of the
 * coastline of the mask itself (a few hundred metres for Natural Earth 1:10m).
 *
 * <p>The distance is unsigned: a point inland has its distance to the coastline too (harbour basins
 * that the generalised mask puts on land get small distances, as they should). Longitudes are
 * normalised and the grid wraps at the 180° meridian (the node at -180° is the node at 180°), so the
 * answer is continuous across it. Thread safe: nodes are filled idempotently; concurrent readers may
 * compute a node twice, never see a wrong value.
 */
public final class DistanceToShore {
    /** Fine grid spacing, degrees. */
    public static final double FINE_DEG = 0.1;
    /** Coarse grid spacing, degrees. */
    public static final double COARSE_DEG = 1.0;
    /** Beyond this distance from the coast (at all four coarse nodes) the coarse grid answers, metres. */
    public static final double FAR_M = 300_000;

    private static final int TILE_BITS = 6;
    private static final int TILE = 1 << TILE_BITS; // nodes per tile side
    private static final int TILE_MASK = TILE - 1;
    private static volatile DistanceToShore naturalEarth;

    private final LandMask land;
    private final Grid fine;
    private final Grid coarse;

    /** A distance function over the given land mask. */
    public DistanceToShore(LandMask land) {
        this.land = land;
        this.fine = new Grid(FINE_DEG);
        this.coarse = new Grid(COARSE_DEG);
    }

    /** The shared instance over {@link LandMask#naturalEarth10m()} (built on first use). */
    public static DistanceToShore naturalEarth10m() {
        DistanceToShore d = naturalEarth;
        if (d == null) {
            synchronized (DistanceToShore.class) {
                d = naturalEarth;
                if (d == null) {
                    d = new DistanceToShore(LandMask.naturalEarth10m());
                    naturalEarth = d;
                }
            }
        }
        return d;
    }

    /**
     * Distance to the nearest coastline (see the class comment for its accuracy).
     *
     * @param lat degrees -90..90
     * @param lon degrees, any value (normalised)
     * @return metres ≥ 0; {@code NaN} for NaN or out-of-range coordinates; {@code +∞} when the mask has
     *         no coastline at all
     */
    public double metres(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || Double.isNaN(lon) || Double.isInfinite(lon)) {
            return Double.NaN;
        }
        double x = Geodesy.normalizeLongitude(lon);
        double c = coarse.interpolate(lat, x, FAR_M);
        if (!Double.isNaN(c)) {
            return c;
        }
        return fine.interpolate(lat, x, Double.NEGATIVE_INFINITY);
    }

    /** {@link #metres} in nautical miles (1 852 m). */
    public double nauticalMiles(double lat, double lon) {
        return metres(lat, lon) / Geodesy.METRES_PER_NAUTICAL_MILE;
    }

    /** Number of grid nodes computed so far (fine + coarse), for monitoring. */
    public long nodesComputed() {
        return fine.computed.get() + coarse.computed.get();
    }

    /** Exact distance of one node: search outward from 50 km until a coastline is found. */
    private double exact(double lat, double lon) {
        for (double r = 50_000; ; r *= 4) {
            double d = land.distanceToCoast(lat, lon, r);
            if (d != Double.POSITIVE_INFINITY) {
                return d;
            }
            if (r > Math.PI * Geodesy.EARTH_RADIUS_M) {
                return Double.POSITIVE_INFINITY;
            }
        }
    }

    /** A lazily filled regular grid of node distances, stored in tiles of TILE × TILE floats. */
    private final class Grid {
        final double step;
        final int cols; // nodes per row; node cols wraps to 0 (the 180° meridian)
        final int rows; // -90..90 inclusive
        final int tileCols;
        final AtomicReferenceArray<float[]> tiles;
        final java.util.concurrent.atomic.AtomicLong computed = new java.util.concurrent.atomic.AtomicLong();

        Grid(double step) {
            this.step = step;
            this.cols = (int) Math.round(360 / step);
            this.rows = (int) Math.round(180 / step) + 1;
            this.tileCols = (cols + TILE - 1) / TILE;
            int tileRows = (rows + TILE - 1) / TILE;
            this.tiles = new AtomicReferenceArray<>(tileCols * tileRows);
        }

        /**
         * Bilinear interpolation of the four nodes around (lat, x); when {@code farM} is finite, NaN
         * is returned unless all four nodes are farther than {@code farM}.
         */
        double interpolate(double lat, double x, double farM) {
            double fy = (lat + 90) / step;
            double fx = (x + 180) / step;
            int r0 = Math.min((int) Math.floor(fy), rows - 2);
            int c0 = (int) Math.floor(fx);
            double ty = fy - r0;
            double tx = fx - c0;
            int c1 = c0 + 1;
            double d00 = node(r0, c0), d01 = node(r0, c1), d10 = node(r0 + 1, c0), d11 = node(r0 + 1, c1);
            if (farM != Double.NEGATIVE_INFINITY && !(d00 > farM && d01 > farM && d10 > farM && d11 > farM)) {
                return Double.NaN;
            }
            double south = d00 + (d01 - d00) * tx;
            double north = d10 + (d11 - d10) * tx;
            return south + (north - south) * ty;
        }

        double node(int row, int col) {
            if (col >= cols) {
                col -= cols;
            }
            int t = (row >>> TILE_BITS) * tileCols + (col >>> TILE_BITS);
            float[] tile = tiles.get(t);
            if (tile == null) {
                float[] fresh = new float[TILE * TILE];
                java.util.Arrays.fill(fresh, Float.NaN);
                tiles.compareAndSet(t, null, fresh);
                tile = tiles.get(t);
            }
            int i = ((row & TILE_MASK) << TILE_BITS) | (col & TILE_MASK);
            float v = tile[i];
            if (Float.isNaN(v)) {
                double lat = row * step - 90;
                double lon = col * step - 180;
                v = (float) exact(lat, lon);
                tile[i] = v;
                computed.incrementAndGet();
            }
            return v;
        }
    }
}
