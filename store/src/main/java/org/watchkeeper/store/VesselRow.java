package org.watchkeeper.store;

/**
 * The latest known identity and state of one vessel, one row per MMSI, replaced as a whole by
 * {@link HistoryStore#upsertVessels}.
 *
 * <p>Identity fields come from static reports (ITU-R M.1371-5 message 5 for class A, 24 parts A
 * and B for class B, 19 for extended class B). Text is {@code null} when never received.
 *
 * @param mmsi        Maritime Mobile Service Identity, raw 30-bit value
 * @param name        vessel name as sent (trailing {@code @} and spaces trimmed), or {@code null}
 * @param callsign    call sign, or {@code null}
 * @param imo         IMO ship identification number, -1 when not available
 * @param shipType    ship and cargo type code 0-99 (ITU-R M.1371-5 table 53), -1 when not available
 * @param vesselClass the kind of AIS station as every output names it: {@code "A"} or {@code "B"} (the
 *                    shipborne equipment class), {@code "base_station"}, {@code "aid_to_navigation"}
 *                    or {@code "sar_aircraft"}; {@code null} when unknown (a store written before these
 *                    were kept holds {@code null} for the last three until the vessel is written again)
 * @param flag        flag state as ISO 3166-1 alpha-2 code from the MMSI's MID, or {@code null}
 * @param toBow       distance from the reference point to the bow in metres, as sent (0 = not available);
 *                    all four 0 when the reference point's place is not known (no size, or only the
 *                    overall size, as a CSV export's length and width give it)
 * @param toStern     distance to the stern in metres, as sent
 * @param toPort      distance to port in metres, as sent
 * @param toStarboard distance to starboard in metres, as sent
 * @param length      length overall in metres, 1 or more, -1 when not available; toBow + toStern when
 *                    either is above 0
 * @param beam        beam in metres, 1 or more, -1 when not available; toPort + toStarboard when either
 *                    is above 0
 * @param draught     maximum present static draught in metres, NaN when not available
 * @param destination destination as sent, or {@code null}
 * @param eta         estimated time of arrival as sent, {@code "MM-DDTHH:MMZ"}, or {@code null}
 * @param firstSeen   event time of the first message seen, UTC epoch milliseconds
 * @param lastSeen    event time of the latest message seen, UTC epoch milliseconds, not before firstSeen
 * @param lastLat     latitude of the latest position in degrees, NaN when no position was seen
 * @param lastLon     longitude of the latest position in degrees, NaN when no position was seen
 * @param positions   number of positions seen, 0 or more
 * @throws IllegalArgumentException when a value is outside the ranges above
 */
public record VesselRow(int mmsi, String name, String callsign, int imo, int shipType, String vesselClass,
                        String flag, int toBow, int toStern, int toPort, int toStarboard, int length, int beam,
                        double draught,
                        String destination, String eta, long firstSeen, long lastSeen, double lastLat,
                        double lastLon, long positions) {

    /** Value of {@link #imo}, {@link #shipType}, {@link #length} and {@link #beam} when not available. */
    public static final int NOT_AVAILABLE = -1;

    /** The values {@link #vesselClass()} takes besides null. */
    public static final java.util.List<String> CLASSES =
            java.util.List.of("A", "B", "base_station", "aid_to_navigation", "sar_aircraft");

    /** Checks the ranges documented on the record. */
    public VesselRow {
        Rows.checkMmsi(mmsi);
        if (imo < -1) {
            throw new IllegalArgumentException("imo must be >= 0 or -1: " + imo);
        }
        if (shipType < -1 || shipType > 255) {
            throw new IllegalArgumentException("shipType must be 0-255 or -1: " + shipType);
        }
        if (vesselClass != null && !CLASSES.contains(vesselClass)) {
            throw new IllegalArgumentException("vesselClass must be one of " + CLASSES + " or null: " + vesselClass);
        }
        if (flag != null && !flag.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("flag must be an ISO 3166-1 alpha-2 code: " + flag);
        }
        if (toBow < 0 || toStern < 0 || toPort < 0 || toStarboard < 0) {
            throw new IllegalArgumentException("dimensions must be >= 0");
        }
        if (length == 0 || length < -1 || beam == 0 || beam < -1) {
            throw new IllegalArgumentException("length and beam must be >= 1 metre or -1: " + length + ", " + beam);
        }
        if (toBow + toStern > 0 && length != toBow + toStern) {
            throw new IllegalArgumentException("length must be toBow + toStern (" + (toBow + toStern) + "): " + length);
        }
        if (toPort + toStarboard > 0 && beam != toPort + toStarboard) {
            throw new IllegalArgumentException("beam must be toPort + toStarboard (" + (toPort + toStarboard) + "): " + beam);
        }
        if (!Double.isNaN(draught) && !(draught >= 0 && draught < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("draught must be >= 0 metres or NaN: " + draught);
        }
        if (lastSeen < firstSeen) {
            throw new IllegalArgumentException("lastSeen is before firstSeen");
        }
        Rows.checkOptionalLatLon(lastLat, lastLon);
        if (positions < 0) {
            throw new IllegalArgumentException("positions must be >= 0: " + positions);
        }
    }
}
