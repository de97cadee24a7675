package org.watchkeeper.store;

/**
 * How one vessel was present in an area during a time window: the answer rows of
 * {@link HistoryStore#vesselsInBox} and {@link HistoryStore#vesselsInPolygon}.
 *
 * @param mmsi            Maritime Mobile Service Identity, raw 30-bit value
 * @param positions       number of stored positions inside the area and window, 1 or more
 * @param firstTimeMillis event time of the first such position, UTC epoch milliseconds
 * @param lastTimeMillis  event time of the last such position, UTC epoch milliseconds
 */
public record VesselPresence(int mmsi, long positions, long firstTimeMillis, long lastTimeMillis) {
}
