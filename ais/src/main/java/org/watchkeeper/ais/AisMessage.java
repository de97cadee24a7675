package org.watchkeeper.ais;

/**
 * One decoded AIS message (ITU-R M.1371-5, Annex 8). Each message kind is a record named by
 * meaning, with the message type number in its javadoc:
 * {@link PositionReport} (1, 2, 3), {@link BaseStationReport} (4, 11), {@link StaticAndVoyageData} (5),
 * {@link AddressedBinaryMessage} (6), {@link Acknowledgement} (7, 13), {@link BinaryBroadcastMessage} (8),
 * {@link StandardSarAircraftPositionReport} (9), {@link UtcDateInquiry} (10),
 * {@link AddressedSafetyRelatedMessage} (12), {@link SafetyRelatedBroadcastMessage} (14),
 * {@link Interrogation} (15), {@link AssignedModeCommand} (16), {@link DgnssBroadcastBinaryMessage} (17),
 * {@link StandardClassBPositionReport} (18), {@link ExtendedClassBPositionReport} (19),
 * {@link DataLinkManagementMessage} (20), {@link AidToNavigationReport} (21), {@link ChannelManagement} (22),
 * {@link GroupAssignmentCommand} (23), {@link StaticDataReportPartA} and {@link StaticDataReportPartB} (24),
 * {@link SingleSlotBinaryMessage} (25), {@link MultipleSlotBinaryMessage} (26) and
 * {@link LongRangePositionReport} (27). The records hold values in the scaled units of the ITU
 * tables (knots, degrees, metres); a field whose ITU code says "not available" holds
 * {@code Double.NaN} (decimal fields), {@link #NOT_AVAILABLE} (integer fields whose valid range is
 * non-negative) or {@code null} (text and structured fields). Each record documents its own fields.
 *
 * <p>Records are immutable and compare by value, so {@code decode(encode(m)).equals(m)}.
 */
public sealed interface AisMessage permits PositionReport, BaseStationReport, StaticAndVoyageData,
        AddressedBinaryMessage, Acknowledgement, BinaryBroadcastMessage, StandardSarAircraftPositionReport,
        UtcDateInquiry, AddressedSafetyRelatedMessage, SafetyRelatedBroadcastMessage, Interrogation,
        AssignedModeCommand, DgnssBroadcastBinaryMessage, StandardClassBPositionReport,
        ExtendedClassBPositionReport, DataLinkManagementMessage, AidToNavigationReport, ChannelManagement,
        GroupAssignmentCommand, StaticDataReportPartA, StaticDataReportPartB, SingleSlotBinaryMessage,
        MultipleSlotBinaryMessage, LongRangePositionReport {
    /** The integer value an integer field holds when the message says "not available". */
    int NOT_AVAILABLE = -1;

    /** Message ID, 1..27 (ITU-R M.1371-5 Table 44 ff., first 6 bits). */
    int messageType();

    /** Repeat indicator, 0..3 (0 = not repeated, 3 = do not repeat any more). */
    int repeatIndicator();

    /**
     * Source MMSI as the 30-bit number sent (0..1 073 741 823). Render with {@link Mmsi#format(int)}
     * to keep leading zeros; values above 999 999 999 are kept and flagged by {@link Mmsi#isValid(int)}.
     */
    int mmsi();

    /**
     * Writes the fields that follow {@code type}, {@code repeat} and {@code mmsi}, in table order,
     * with gpsd AIS JSON names and scaled units; "not available" values are not written.
     */
    void writeFields(FieldSink out);

    /** Appends the whole payload (starting with the 6-bit message ID) to {@code out}. */
    void encode(BitWriter out);
}
