package org.watchkeeper.core.observation;

/**
 * Static and voyage identity a station reported (AIS types 5, 19, 21, 24 part A / part B, or a CSV
 * row). A field the message does not carry, or carries as "not available", is absent, meaning
 * "this observation does not say", not "the value is now empty".
 *
 * @param time epoch milliseconds UTC
 * @param source receiver/station id or file; may be null
 * @param mmsi source MMSI
 * @param messageType 5, 19, 21, 24, or {@link Observation#NO_MESSAGE_TYPE}
 * @param classEvidence what the message says about the station class
 * @param name ship (or aid) name, trimmed, up to 20 characters (35 for type 21 with its extension); null when absent
 * @param callSign call sign, trimmed; null when absent
 * @param imo IMO ship identification number 1..999 999 999 (type 5, CSV); {@link Observation#NOT_AVAILABLE} when absent or 0
 * @param shipType type of ship and cargo 1..255 (ITU-R M.1371-5 Table 53); for type 21 the aid type
 *        0..31 is not put here; {@link Observation#NOT_AVAILABLE} when absent or 0
 * @param dimensions reference-point distances (AIS), or an overall size only ({@link Dimensions#overall}); null when absent
 * @param draught metres 0.1..25.5; {@code NaN} when absent or 0
 * @param destination trimmed; null when absent
 * @param eta estimated time of arrival (month, day, hour, minute UTC; no year); null when absent
 * @param aidType aid-to-navigation type 0..31 (Table 74) for type 21; {@link Observation#NOT_AVAILABLE} otherwise
 */
public record IdentityObservation(
        long time,
        String source,
        int mmsi,
        int messageType,
        StationClass classEvidence,
        String name,
        String callSign,
        int imo,
        int shipType,
        Dimensions dimensions,
        double draught,
        String destination,
        Eta eta,
        int aidType) implements Observation {
}
