package org.watchkeeper.core.geo;

/**
 * Great-circle geodesy on a sphere of radius {@link #EARTH_RADIUS_M} = 6 371 008.8 m, the mean
 * Earth radius R₁ = (2a + b)/3 of WGS 84 (IUGG). Against the ellipsoid the distance is within
 * about 0.5 % everywhere, which is ample for tracking, gap and encounter rules; it is not a
 * survey-grade (Vincenty/Karney) geodesic.
 *
 * <p>All angles are in decimal degrees: latitude -90..90 north positive, longitude east positive
 * and taken modulo 360 (so 179.9 and -180.1 are the same meridian); distances in metres;
 * bearings in degrees clockwise from true north, 0 ≤ b &lt; 360. The formulas (haversine for
 * distance, spherical trigonometry for bearing and destination) are valid for any pair of points,
 * including across the 180° meridian, at the poles and for antipodes. A {@code NaN} input gives a
 * {@code NaN} result. Stateless and thread safe.
 */
public final class Geodesy {
    /** Mean Earth radius R₁ of WGS 84 in metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** One international nautical mile in metres. */
    public static final double METRES_PER_NAUTICAL_MILE = 1852.0;
    /** One knot in metres per second (1852 m / 3600 s). */
    public static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600.0;

    private Geodesy() {
    }

    /**
     * Great-circle distance by the haversine formula (well conditioned for small distances; the
     * argument is clamped so antipodes give exactly π·R).
     *
     * @return metres, 0 ≤ d ≤ π·R (≈ 20 015 km)
     */
    public static double distance(double lat1, double lon1, double lat2, double lon2) {
        return distanceOfHaversine(haversine(lat1, lon1, lat2, lon2));
    }

    /**
     * The haversine term {@code h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)} of {@link #distance} for two
     * points (degrees), clamped to [0, 1]; {@code NaN} for a {@code NaN} coordinate. For rules that
     * compare a distance with a limit: {@link DistanceBounds} bounds the distance from it without the
     * arcsine, and {@link #distanceOfHaversine} finishes the exact distance from it.
     */
    public static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double sp = sine(Math.toRadians(lat2 - lat1) / 2);
        double sl = sine(Math.toRadians(lon2 - lon1) / 2);
        // cos φ₁ cos φ₂ = (cos(φ₁ + φ₂) + cos(φ₁ - φ₂)) / 2 = cos² φm - sin²(Δφ/2), φm the mean latitude:
        // one cosine instead of two.
        double cm = cosine((p1 + p2) / 2);
        double sp2 = sp * sp;
        double h = sp2 + (cm * cm - sp2) * sl * sl;
        return Math.min(1.0, Math.max(0.0, h));
    }

    /** Below this magnitude (radians, about 64 km of arc) {@link #sine} sums its series. */
    private static final double SINE_SERIES_BELOW = 0.01;
    private static final double SIN_C3 = -1.0 / 6;
    private static final double SIN_C5 = 1.0 / 120;
    private static final double SIN_C7 = -1.0 / 5040;

    /**
     * {@code sin x}: for {@code |x| < 0.01} (half the angle between two points under about 127 km apart,
     * which is nearly every pair of successive fixes of one vessel) the Maclaurin series
     * {@code x - x³/6 + x⁵/120 - x⁷/5040}, whose first omitted term is below 3·10⁻²² of {@code x} (far
     * under the last bit of a double), at a fraction of the cost of {@link Math#sin}; else {@link Math#sin}.
     */
    static double sine(double x) {
        if (Math.abs(x) < SINE_SERIES_BELOW) {
            double x2 = x * x;
            return x + x * x2 * (SIN_C3 + x2 * (SIN_C5 + x2 * SIN_C7));
        }
        return Math.sin(x);
    }

    /** Steps of the cosine table over [0, π/2]. */
    private static final int COS_STEPS = 256;
    private static final double COS_STEP = (Math.PI / 2) / COS_STEPS;
    private static final double COS_INV_STEP = 1 / COS_STEP;
    /** {@code cos(k·COS_STEP)} and {@code sin(k·COS_STEP)}, k = 0..COS_STEPS ({@code k·COS_STEP} as {@link #cosine} computes it). */
    private static final double[] COS_TABLE = new double[COS_STEPS + 1];
    private static final double[] SIN_TABLE = new double[COS_STEPS + 1];

    static {
        for (int k = 0; k <= COS_STEPS; k++) {
            double a = k * COS_STEP;
            COS_TABLE[k] = Math.cos(a);
            SIN_TABLE[k] = Math.sin(a);
        }
    }

    private static final double COS_C2 = -1.0 / 2;
    private static final double COS_C4 = 1.0 / 24;
    private static final double COS_C6 = -1.0 / 720;

    /**
     * {@code cos x} for a latitude in radians: for {@code |x| ≤ π/2} the nearest of 257 tabulated
     * angles {@code a} (every π/512) and {@code cos(a + r) = cos a · cos r − sin a · sin r}, with
     * {@code |r| ≤ π/1024}, {@code cos r − 1} from its Maclaurin series to {@code r⁶} (first omitted term
     * below 3·10⁻²⁵) and {@code sin r} from {@link #sine}'s; {@code r} is exact because
     * {@code |x|} and {@code a} are within a factor of two of each other (Sterbenz). Within a few units in
     * the last place of {@link Math#cos} (GeodesyTest) at a fraction of its cost; {@link Math#cos} for
     * other {@code x} (and {@code NaN}).
     */
    static double cosine(double x) {
        double ax = Math.abs(x);
        if (!(ax <= Math.PI / 2)) {
            return Math.cos(x);
        }
        int k = (int) (ax * COS_INV_STEP + 0.5);
        double r = ax - k * COS_STEP;
        double r2 = r * r;
        double cosRMinus1 = r2 * (COS_C2 + r2 * (COS_C4 + r2 * COS_C6));
        double c = COS_TABLE[k];
        return c + (c * cosRMinus1 - SIN_TABLE[k] * sine(r));
    }

    /** Below this haversine term (a distance under about 127 km) the arcsine is taken from its series. */
    private static final double SERIES_BELOW = 1e-4;
    private static final double ASIN_C3 = 1.0 / 6;
    private static final double ASIN_C5 = 3.0 / 40;
    private static final double ASIN_C7 = 15.0 / 336;
    private static final double ASIN_C9 = 105.0 / 3456;

    /**
     * The distance, metres, whose {@link #haversine} term is {@code h}: exactly {@link #distance}'s value.
     *
     * <p>For {@code h < 1e-4} (distances under about 127 km, which is nearly every pair of successive
     * fixes of one vessel) the arcsine of {@code x = √h ≤ 0.01} is the Maclaurin series
     * {@code x + x³/6 + 3x⁵/40 + 15x⁷/336 + 105x⁹/3456}: the first omitted term is below 3·10⁻²⁰ of
     * {@code x}, far under the last bit of a double, so the value agrees with {@link Math#asin} to
     * within its rounding (at most one unit in the last place) at a fraction of its cost.
     */
    public static double distanceOfHaversine(double h) {
        double x = Math.sqrt(h);
        if (h < SERIES_BELOW) {
            double x2 = h;
            return 2 * EARTH_RADIUS_M * (x + x * x2 * (ASIN_C3 + x2 * (ASIN_C5 + x2 * (ASIN_C7 + x2 * ASIN_C9))));
        }
        return 2 * EARTH_RADIUS_M * Math.asin(x);
    }

    /** {@link #distance} in nautical miles. */
    public static double distanceNm(double lat1, double lon1, double lat2, double lon2) {
        return distance(lat1, lon1, lat2, lon2) / METRES_PER_NAUTICAL_MILE;
    }

    /**
     * Initial great-circle bearing (forward azimuth) from point 1 towards point 2.
     *
     * @return degrees 0 ≤ b &lt; 360; 0 when the points coincide; at a pole the bearing follows the
     *         convention that "north" is the direction of the given longitude's meridian
     */
    public static double initialBearing(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        if (x == 0 && y == 0) {
            return 0;
        }
        return normalizeBearing(Math.toDegrees(Math.atan2(y, x)));
    }

    /**
     * The point reached by following a great circle from a start point.
     *
     * @param bearingDeg initial bearing, degrees clockwise from north (any value, taken modulo 360)
     * @param distanceM  metres (negative goes the other way)
     * @return {lat, lon} with latitude in -90..90 and longitude normalised to -180 ≤ lon &lt; 180
     */
    public static double[] destination(double lat, double lon, double bearingDeg, double distanceM) {
        double p1 = Math.toRadians(lat);
        double l1 = Math.toRadians(lon);
        double t = Math.toRadians(bearingDeg);
        double d = distanceM / EARTH_RADIUS_M;
        double sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(t);
        sinP2 = Math.min(1.0, Math.max(-1.0, sinP2));
        double p2 = Math.asin(sinP2);
        double l2 = l1 + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
        return new double[] {Math.toDegrees(p2), normalizeLongitude(Math.toDegrees(l2))};
    }

    /** Longitude normalised to -180 ≤ lon &lt; 180 ({@code NaN} stays {@code NaN}). */
    public static double normalizeLongitude(double lon) {
        if (lon >= -180 && lon < 180) {
            return lon;
        }
        double r = ((lon + 180) % 360 + 360) % 360 - 180;
        return r;
    }

    /** Bearing normalised to 0 ≤ b &lt; 360. */
    public static double normalizeBearing(double deg) {
        double r = deg % 360;
        if (r < 0) {
            r += 360;
        }
        return r == 360 ? 0 : r;
    }

    /** Signed difference lon2 - lon1 taken the short way round, in -180 ≤ d &lt; 180 degrees. */
    public static double longitudeDifference(double lon1, double lon2) {
        return normalizeLongitude(lon2 - lon1);
    }

    /**
     * Speed needed to go from one fix to another along the great circle.
     *
     * @param millis elapsed time; if ≤ 0 the result is +∞ for a positive distance and 0 for none
     * @return knots
     */
    public static double impliedSpeedKnots(double lat1, double lon1, double lat2, double lon2, long millis) {
        double d = distance(lat1, lon1, lat2, lon2);
        if (millis <= 0) {
            return d > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return d / (millis / 1000.0) / METRES_PER_SECOND_PER_KNOT;
    }

    /**
     * A bounding box that contains every point within {@code radiusM} of the centre (a cheap
     * pre-filter for radius queries; confirm with {@link #distance}). Near a pole, or when the
     * radius reaches one, the box spans all longitudes and extends to that pole. A box crossing the
     * 180° meridian has {@code minLon > maxLon}.
     *
     * @param radiusM metres, ≥ 0
     * @throws IllegalArgumentException for a negative or NaN radius or a latitude outside -90..90
     */
    public static BoundingBox boundingBox(double lat, double lon, double radiusM) {
        if (!(radiusM >= 0)) {
            throw new IllegalArgumentException("radius must be >= 0 metres: " + radiusM);
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude outside -90..90: " + lat);
        }
        double dLat = Math.toDegrees(radiusM / EARTH_RADIUS_M);
        double minLat = lat - dLat;
        double maxLat = lat + dLat;
        if (maxLat >= 90 || minLat <= -90 || dLat >= 90) {
            return new BoundingBox(Math.max(-90, minLat), Math.min(90, maxLat), -180, 180);
        }
        // Widest longitude extent of a small circle: asin(sin(r)/cos(lat)) (exact on the sphere).
        double s = Math.sin(radiusM / EARTH_RADIUS_M) / Math.cos(Math.toRadians(lat));
        if (s >= 1) {
            return new BoundingBox(minLat, maxLat, -180, 180);
        }
        double dLon = Math.toDegrees(Math.asin(s));
        double centre = normalizeLongitude(lon);
        return new BoundingBox(minLat, maxLat, normalizeLongitude(centre - dLon), normalizeLongitude(centre + dLon));
    }
}
