package org.watchkeeper.store;

import java.util.Objects;

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
 * @param before           when interpolated, the fix before it (earlier than {@code timeMillis}); else the
 *                         fix itself (time, lat and lon as above)
 * @param after            when interpolated, the fix after it (later than {@code timeMillis}); else the fix
 *                         itself
 * @throws IllegalArgumentException when the fixes do not enclose the time as described
 */
public record ClosestApproach(int mmsi, double distanceMetres, long timeMillis, double lat, double lon,
                              boolean interpolated, Fix before, Fix after) {

    /**
     * A stored fix that an answer lies on or between.
     *
     * @param timeMillis event time, UTC epoch milliseconds
     * @param lat        latitude in degrees
     * @param lon        longitude in degrees
     */
    public record Fix(long timeMillis, double lat, double lon) {
    }

    /** Checks the fixes against {@code interpolated}. */
    public ClosestApproach {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (interpolated ? !(before.timeMillis() < timeMillis && timeMillis < after.timeMillis())
                : !before.equals(after) || before.timeMillis() != timeMillis) {
            throw new IllegalArgumentException("fixes at " + before.timeMillis() + " and " + after.timeMillis()
                    + " do not fit " + (interpolated ? "an interpolated point at " : "a fix at ") + timeMillis);
        }
    }

    /** A stored fix: not interpolated, itself before and after. */
    public ClosestApproach(int mmsi, double distanceMetres, long timeMillis, double lat, double lon) {
        this(mmsi, distanceMetres, timeMillis, lat, lon, false, new Fix(timeMillis, lat, lon),
                new Fix(timeMillis, lat, lon));
    }
}
