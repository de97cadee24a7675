package org.watchkeeper.store;

/**
 * The closest stored position of one vessel to a point: the answer rows of
 * {@link HistoryStore#near}.
 *
 * @param mmsi             Maritime Mobile Service Identity, raw 30-bit value
 * @param distanceMetres   great-circle distance from the query point in metres, on a sphere of radius
 *                         {@link GeoMath#EARTH_RADIUS_METRES} (haversine formula)
 * @param timeMillis       event time of that position, UTC epoch milliseconds (the earliest one when the
 *                         vessel was at the same smallest distance more than once)
 * @param lat              latitude of that position in degrees
 * @param lon              longitude of that position in degrees
 */
public record ClosestApproach(int mmsi, double distanceMetres, long timeMillis, double lat, double lon) {
}
