package org.watchkeeper.core.geo;

/**
 * Cheap bounds on {@link Geodesy#distance}, for rules that only compare a distance with a limit:
 * most comparisons are decided far from the limit, and then the arcsine (the costly part of the
 * haversine formula, not a CPU instruction) is not needed.
 *
 * <p>With the haversine term ({@link Geodesy#haversine}) {@code h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)} (0 ≤ h ≤ 1) the
 * distance is {@code d = 2R·asin(√h)}, and for 0 ≤ x &lt; 1 {@code x ≤ asin x ≤ x / √(1 - x²)} (the
 * sine and the tangent of an angle in [0, π/2) bound the angle from below and above), so
 * {@code 2R√h ≤ d ≤ 2R√h / √(1 - h)}. Both bounds are widened by a relative {@link #SLACK} of
 * 10⁻⁹, far above the rounding of either side (a few units in the last place, ~10⁻¹⁶), so a
 * comparison a bound decides is the one the exactly computed distance would give. A {@code NaN}
 * coordinate gives {@code NaN} bounds (every comparison false, as with the distance itself).
 * Stateless and thread safe.
 */
public final class DistanceBounds {
    /** Relative widening of both bounds, against rounding. */
    static final double SLACK = 1e-9;

    private DistanceBounds() {
    }

    /** A lower bound, metres, of the distance whose haversine term is {@code h}. */
    public static double lower(double h) {
        return 2 * Geodesy.EARTH_RADIUS_M * Math.sqrt(h) * (1 - SLACK);
    }

    /**
     * An upper bound, metres, of the distance whose haversine term is {@code h}; +∞ when
     * {@code h} is 1 (antipodes).
     */
    public static double upper(double h) {
        return 2 * Geodesy.EARTH_RADIUS_M * Math.sqrt(h) / Math.sqrt(1 - h) * (1 + SLACK);
    }
}
