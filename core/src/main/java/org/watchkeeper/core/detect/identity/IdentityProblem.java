package org.watchkeeper.core.detect.identity;

/**
 * Why an identity is invalid ({@link InvalidIdentityDetector}); each is reported at most once per
 * vessel. The {@link #id()} is the {@code reason} attribute of the event.
 */
public enum IdentityProblem {
    /** The 30-bit MMSI field holds more than nine decimal digits (≥ 1 000 000 000). ITU-R M.585-9 §1. */
    MMSI_NOT_NINE_DIGITS("mmsi_not_nine_digits"),
    /** Nine digits, but a pattern ITU-R M.585-9 does not assign (e.g. 0, 1xxxxxxxx other than 111, 9xxxxxxxx other than 98/99/970/972/974). */
    MMSI_INVALID_PATTERN("mmsi_invalid_pattern"),
    /** The MID at the place M.585-9 puts it for the MMSI's kind is not in the ITU Table of MIDs. */
    MID_NOT_ALLOCATED("mid_not_allocated"),
    /**
     * The message type is one the MMSI's kind of station does not send (ITU-R M.1371-5 Annex 8
     * Table 42 with M.585-9): e.g. a Class A position report (1-3) or static data (5) from a
     * coast-station, aid-to-navigation or SAR-aircraft MMSI, a base station report (4) from a ship
     * MMSI, an aid-to-navigation report (21) from a non-99 MMSI, a SAR aircraft report (9) from a
     * non-111 MMSI.
     */
    STATION_KIND_MISMATCH("station_kind_mismatch"),
    /**
     * An IMO number that does not have seven digits (type 5 field present, non-zero and not the
     * all-ones filler 1 073 741 823).
     */
    IMO_NOT_SEVEN_DIGITS("imo_not_seven_digits"),
    /** A seven-digit IMO number whose last digit is not its check digit ({@link ImoNumber}). */
    IMO_BAD_CHECK_DIGIT("imo_bad_check_digit"),
    /** A type 5, 19 or 21 message whose name field is empty (all {@code @} or spaces). */
    NAME_EMPTY("name_empty"),
    /** A name with no letter A-Z, or with a {@code @} (6-bit code 0, "no character") inside it. */
    NAME_GARBAGE("name_garbage");

    private final String id;

    IdentityProblem(String id) {
        this.id = id;
    }

    /** Lower-case id used in event attributes. */
    public String id() {
        return id;
    }
}
