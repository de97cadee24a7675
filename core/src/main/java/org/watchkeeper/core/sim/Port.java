package org.watchkeeper.core.sim;

/**
 * A port of the simulated traffic.
 *
 * @param locode UN/LOCODE (country code + 3-letter location code), also written as the AIS
 *        destination
 * @param name English name
 * @param position the port as listed in UN/LOCODE (degrees, rounded to the minute there)
 * @param anchorage where the simulated ships wait and where their lanes end: an anchorage or pilot
 *        boarding area in open water off the port (chosen for the simulator, clear of the land mask)
 */
public record Port(String locode, String name, LatLon position, LatLon anchorage) {
}
