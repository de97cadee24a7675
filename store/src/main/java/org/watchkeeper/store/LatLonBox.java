package org.watchkeeper.store;

import java.util.List;

/**
 * A latitude/longitude box that does not cross the 180° meridian (minLon &lt;= maxLon), in
 * degrees, edges inclusive. A box that crosses the meridian is given to the queries as
 * minLon &gt; maxLon and split by {@link #pieces} into two of these.
 *
 * @param minLat southern edge, -90 to 90
 * @param maxLat northern edge, minLat to 90
 * @param minLon western edge, -180 to 180
 * @param maxLon eastern edge, minLon to 180
 */
public record LatLonBox(double minLat, double maxLat, double minLon, double maxLon) {

    /** Checks the ranges. */
    public LatLonBox {
        Rows.checkLatLon(minLat, minLon);
        Rows.checkLatLon(maxLat, maxLon);
        if (minLat > maxLat) {
            throw new IllegalArgumentException("minLat " + minLat + " is above maxLat " + maxLat);
        }
        if (minLon > maxLon) {
            throw new IllegalArgumentException("a piece must not cross the 180° meridian");
        }
    }

    /**
     * Splits a query box into pieces that do not cross the 180° meridian.
     *
     * @param minLat southern edge in degrees, -90 to 90
     * @param minLon western edge in degrees, -180 to 180
     * @param maxLat northern edge in degrees, minLat to 90
     * @param maxLon eastern edge in degrees, -180 to 180; when less than minLon the box crosses the
     *               180° meridian and covers minLon..180 and -180..maxLon
     * @return one piece, or two when the box crosses the meridian
     * @throws IllegalArgumentException when a value is out of range or minLat &gt; maxLat
     */
    public static List<LatLonBox> pieces(double minLat, double minLon, double maxLat, double maxLon) {
        Rows.checkLatLon(minLat, minLon);
        Rows.checkLatLon(maxLat, maxLon);
        if (minLon <= maxLon) {
            return List.of(new LatLonBox(minLat, maxLat, minLon, maxLon));
        }
        return List.of(new LatLonBox(minLat, maxLat, minLon, 180), new LatLonBox(minLat, maxLat, -180, maxLon));
    }

    /** @return whether the point lies in this box, edges included */
    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }
}
