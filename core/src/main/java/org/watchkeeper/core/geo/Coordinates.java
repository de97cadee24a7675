package org.watchkeeper.core.geo;

/**
 * Coordinates as written in reports and exports.
 *
 * <p>AIS gives latitude and longitude in 1/10 000 minute (ITU-R M.1371-5, table 50), so a decoded
 * value in degrees is a multiple of 1/600 000 and, as a binary double, prints with up to 16 digits
 * (57.58695299999999). Reports write degrees rounded to 6 decimals (0.11 m of latitude), finer than
 * the 0.19 m AIS resolution, so no information is lost and the figures read as a person expects.
 */
public final class Coordinates {

    private Coordinates() {
    }

    /**
     * The double nearest to {@code degrees} rounded to 6 decimals; its shortest decimal form has at
     * most 6 decimals. NaN and infinities are returned unchanged.
     *
     * @param degrees latitude or longitude in degrees
     * @return the rounded value in degrees
     */
    public static double round6(double degrees) {
        if (Double.isNaN(degrees) || Double.isInfinite(degrees)) {
            return degrees;
        }
        return Math.round(degrees * 1e6) / 1e6;
    }
}
