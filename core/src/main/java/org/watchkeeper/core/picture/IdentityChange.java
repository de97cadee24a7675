package org.watchkeeper.core.picture;

/**
 * One change of a station's identity as its own messages reported it: a rename, a new call sign,
 * IMO number, ship type or class. (The flag comes from the MID of the MMSI, so a change of flag is
 * a change of MMSI: it shows as a new station with the same IMO number.)
 *
 * @param time epoch ms UTC of the observation that brought the new value
 * @param field {@code "name"}, {@code "callsign"}, {@code "imo"}, {@code "shiptype"} or {@code "class"}
 * @param oldValue the value before (never null: the first value of a field is not a change)
 * @param newValue the value after
 */
public record IdentityChange(long time, String field, String oldValue, String newValue) {
}
