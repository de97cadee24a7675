package org.watchkeeper.store;

/**
 * The closest position of one vessel to a point: the answer rows of {@link HistoryStore#near} (always a
 * stored fix) and of {@link HistoryStore#nearAlongTracks} (a stored fix, or a point interpolated on the
 * leg between two consecutive fixes).
 *
 * @param mmsi             Maritime Mobile Service Identity, raw 30-bit value
 * @param distanceMetres   great-circle distance from the query point in metres, on a sphere of radius
 *                         {@link GeoMath#EARTH_RADIUS_METRES} (haversine formula)
 * @param timeMillis       event time of that position, UTC epoch milliseconds (the earliest one when the
 *                         vessel was at the same smallest distance more than once)
 * @param lat              latitude of that position in degrees
 * @param lon              longitude of that position in degrees, -180 to 180
 * @param interpolated     whether the position lies between two fixes (false: it is a stored fix)
 * @param fixBeforeMillis  when interpolated, the time of the fix before it (less than {@code timeMillis});
 *                         else {@code timeMillis}
 * @param fixAfterMillis   when interpolated, the time of the fix after it (greater than {@code timeMillis});
 *                         else {@code timeMillis}
 * @throws IllegalArgumentException when the fix times do not enclose the time as described
 */
public record ClosestApproach(int mmsi, double distanceMetres, long timeMillis, double lat, double lon,
                              boolean interpolated, long fixBeforeMillis, long fixAfterMillis) {

    /** Checks the fix times against {@code interpolated}. */
    public ClosestApproach {
        if (interpolated ? !(fixBeforeMillis < timeMillis && timeMillis < fixAfterMillis)
                : fixBeforeMillis != timeMillis || fixAfterMillis != timeMillis) {
            throw new IllegalArgumentException("fix times " + fixBeforeMillis + ", " + fixAfterMillis + " do not fit "
                    + (interpolated ? "an interpolated point at " : "a fix at ") + timeMillis);
        }
    }

    /** A stored fix: not interpolated, both fix times its own. */
    public ClosestApproach(int mmsi, double distanceMetres, long timeMillis, double lat, double lon) {
        this(mmsi, distanceMetres, timeMillis, lat, lon, false, timeMillis, timeMillis);
    }
}
