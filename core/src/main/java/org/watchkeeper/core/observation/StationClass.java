package org.watchkeeper.core.observation;

/**
 * The kind of AIS station, as far as the messages a station sends tell it (ITU-R M.1371-5
 * Annex 8 Table 42 "message types and station categories"): a Class A mobile station sends
 * 1, 2, 3 and 5; a Class B "CS"/"SO" unit sends 18, 19 and 24; a base station 4; an aid to
 * navigation 21; a SAR aircraft 9. Type 27 (long-range) is sent by Class A and Class B SO units
 * alike and says nothing. Type 11 (UTC/date response) has the layout of type 4 but is the reply of a
 * <em>mobile</em> station to a type 10 inquiry (a base station answers with type 4), so it says
 * nothing about the class either: the DMA drift log of MMSI 212123000, a Class A tanker, holds five.
 */
public enum StationClass {
    /** No evidence (type 27, or a source that does not tell). */
    UNKNOWN,
    /** Class A shipborne mobile station. */
    A,
    /** Class B shipborne mobile station. */
    B,
    /** Base (or coast) station. */
    BASE_STATION,
    /** Aid to navigation. */
    AID_TO_NAVIGATION,
    /** Search and rescue aircraft. */
    SAR_AIRCRAFT;

    /** The class a message type is evidence of ({@link #UNKNOWN} for 27 and types that say nothing). */
    public static StationClass ofMessageType(int type) {
        switch (type) {
            case 1:
            case 2:
            case 3:
            case 5:
                return A;
            case 18:
            case 19:
            case 24:
                return B;
            case 4:
                return BASE_STATION;
            case 21:
                return AID_TO_NAVIGATION;
            case 9:
                return SAR_AIRCRAFT;
            default:
                return UNKNOWN;
        }
    }
}
