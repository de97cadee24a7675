package org.watchkeeper.core.geo;

/**
 * A latitude/longitude box in degrees. Longitudes are in -180..180; a box that crosses the 180°
 * meridian has {@code minLon > maxLon} (it covers minLon..180 and -180..maxLon). A box with
 * {@code minLon == -180 && maxLon == 180} covers every longitude.
 *
 * @param minLat southern edge, -90..90
 * @param maxLat northern edge, ≥ minLat
 * @param minLon western edge
 * @param maxLon eastern edge
 */
public record BoundingBox(double minLat, double maxLat, double minLon, double maxLon) {

    /** Whether the box crosses the 180° meridian. */
    public boolean crossesAntimeridian() {
        return minLon > maxLon;
    }

    /** Whether the point lies in the box (edges included); the longitude is normalised first. */
    public boolean contains(double lat, double lon) {
        if (lat < minLat || lat > maxLat) {
            return false;
        }
        double x = Geodesy.normalizeLongitude(lon);
        if (maxLon >= 180 && minLon <= -180) {
            return true;
        }
        if (crossesAntimeridian()) {
            return x >= minLon || x <= maxLon;
        }
        return (x >= minLon && x <= maxLon) || (maxLon == 180 && x == -180);
    }
}
