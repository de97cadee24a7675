package org.watchkeeper.core.sim;

/**
 * A simulated AIS receiver; its id is written as the tag block {@code s:} source.
 *
 * @param id source identification, e.g. {@code WK-SGSIN}
 * @param position receiver site (a terrestrial station), or null for a satellite, which receives
 *        every transmission
 * @param rangeM reception range in metres (terrestrial VHF: about 40 nautical miles)
 */
public record ReceivingStation(String id, LatLon position, double rangeM) {
    /** Whether this is a satellite receiver. */
    public boolean satellite() {
        return position == null;
    }
}
