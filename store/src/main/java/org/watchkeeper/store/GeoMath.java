package org.watchkeeper.store;

import java.util.List;

/**
 * Great-circle distance on a spherical Earth, and the latitude/longitude boxes that enclose a
 * circle, as used by {@link HistoryStore#near}. Both store implementations evaluate the same
 * haversine formula (in SQL) so that their answers agree with {@link #haversineMetres}.
 */
public final class GeoMath {
    private GeoMath() {
    }

    /** Mean Earth radius in metres (IUGG mean radius R1 of the WGS 84 ellipsoid, 6 371 008.8 m). */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    /** Slack in degrees added to prefilter boxes so that rounding never drops a point on the circle. */
    static final double BOX_SLACK_DEGREES = 1e-7;

    /**
     * Great-circle distance by the haversine formula on a sphere of radius
     * {@link #EARTH_RADIUS_METRES}: {@code 2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))}.
     * Works across the 180° meridian and at the poles.
     *
     * @param lat1 latitude of the first point in degrees
     * @param lon1 longitude of the first point in degrees
     * @param lat2 latitude of the second point in degrees
     * @param lon2 longitude of the second point in degrees
     * @return distance in metres, 0 to π R
     */
    public static double haversineMetres(double lat1, double lon1, double lat2, double lon2) {
        double sLat = Math.sin(Math.toRadians(lat2 - lat1) / 2);
        double sLon = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h = sLat * sLat + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * sLon * sLon;
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(Math.min(1.0, h)));
    }

    /**
     * The boxes (at most two, split at the 180° meridian) that contain every point within
     * {@code radiusMetres} of (lat, lon). When the circle reaches a pole the boxes span all
     * longitudes.
     *
     * @param lat          centre latitude in degrees, -90 to 90
     * @param lon          centre longitude in degrees, -180 to 180
     * @param radiusMetres radius in metres, &gt; 0 and finite
     * @return one or two boxes, edges inclusive
     * @throws IllegalArgumentException when a value is out of range
     */
    public static List<LatLonBox> boxesAround(double lat, double lon, double radiusMetres) {
        Rows.checkLatLon(lat, lon);
        if (!(radiusMetres > 0 && radiusMetres < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("radius must be > 0 and finite: " + radiusMetres);
        }
        double angular = radiusMetres / EARTH_RADIUS_METRES;
        if (angular >= Math.PI) {
            return List.of(new LatLonBox(-90, 90, -180, 180));
        }
        double dLat = Math.toDegrees(angular) + BOX_SLACK_DEGREES;
        double minLat = lat - dLat;
        double maxLat = lat + dLat;
        if (minLat <= -90 || maxLat >= 90) {
            // The circle contains a pole: every longitude is reached.
            return List.of(new LatLonBox(Math.max(-90, minLat), Math.min(90, maxLat), -180, 180));
        }
        // Largest longitude offset reached on the circle: asin(sin(angular) / cos(lat)).
        double ratio = Math.sin(angular) / Math.cos(Math.toRadians(lat));
        if (ratio >= 1) {
            return List.of(new LatLonBox(minLat, maxLat, -180, 180));
        }
        double dLon = Math.toDegrees(Math.asin(ratio)) + BOX_SLACK_DEGREES;
        double minLon = lon - dLon;
        double maxLon = lon + dLon;
        if (minLon < -180) {
            return LatLonBox.pieces(minLat, minLon + 360, maxLat, maxLon);
        }
        if (maxLon > 180) {
            return LatLonBox.pieces(minLat, minLon, maxLat, maxLon - 360);
        }
        return List.of(new LatLonBox(minLat, maxLat, minLon, maxLon));
    }
}
