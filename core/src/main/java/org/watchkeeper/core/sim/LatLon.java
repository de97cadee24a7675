package org.watchkeeper.core.sim;

/**
 * A position on the WGS 84 ellipsoid as used by AIS.
 *
 * @param lat degrees, -90..90, north positive
 * @param lon degrees, -180..180, east positive
 */
public record LatLon(double lat, double lon) {
    /** @throws IllegalArgumentException outside the ranges above or NaN */
    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a position: " + lat + ", " + lon);
        }
    }
}
