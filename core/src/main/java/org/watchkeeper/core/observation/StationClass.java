package org.watchkeeper.core.observation;

/**
 * The kind of AIS station, as far as the messages a station sends tell it (ITU-R M.1371-5
 * Annex 8 Table 42 "message types and station categories"): a Class A mobile station sends
 * 1, 2, 3 and 5; a Class B "CS"/"SO" unit sends 18, 19 and 24; a base station 4, and it alone
 * 16 (assigned mode command), 17 (GNSS broadcast), 20 (data link management), 22 (channel
 * management) and 23 (group assignment) (Annex 2 Table 44, "message summary"); an aid to
 * navigation 21; a SAR aircraft 9. The other types (6-8, 10, 12-15, 25, 26) any kind of station may send. Type 27 (long-range) is sent by Class A and Class B SO units
 * alike and says nothing. Type 11 (UTC/date response) has the layout of type 4 but is the reply of a
 * <em>mobile</em> station to a type 10 inquiry (a base station answers with type 4), so it says
 * nothing about the class either: the DMA drift log of MMSI 212123000, a Class A tanker, holds five.
 */
public enum StationClass {
    /** No evidence (type 27, or a source that does not tell). */
    UNKNOWN("unknown"),
    /** Class A shipborne mobile station. */
    A("A"),
    /** Class B shipborne mobile station. */
    B("B"),
    /** Base (or coast) station. */
    BASE_STATION("base_station"),
    /** Aid to navigation. */
    AID_TO_NAVIGATION("aid_to_navigation"),
    /** Search and rescue aircraft. */
    SAR_AIRCRAFT("sar_aircraft");

    private final String id;

    StationClass(String id) {
        this.id = id;
    }

    /**
     * The class as every output names it (the report's {@code vessels.csv} and {@code tracks.geojson},
     * the history store's vessels, {@code query}, the HTTP API and its exports): {@code A}, {@code B},
     * {@code base_station}, {@code aid_to_navigation}, {@code sar_aircraft}; {@code unknown} for
     * {@link #UNKNOWN}, which names it in a tally ({@code summary.json}'s {@code vessels.by_class}) only:
     * a station's unknown class is left out (an empty cell in CSV), as every "not available" value is.
     */
    public String id() {
        return id;
    }

    /** {@link #id()}, or null for {@link #UNKNOWN}: the class as a station's field is written. */
    public String idOrNull() {
        return this == UNKNOWN ? null : id;
    }

    /** The class named {@code id} ({@link #id()}), or null when none is. */
    public static StationClass ofId(String id) {
        for (StationClass c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    /**
     * What the MMSI alone says (ITU-R M.585-9): {@code 00MIDxxxx}, a coast station, is a base
     * station; {@code 99MIDxxxx} an aid to navigation; {@code 111MIDxxx} a SAR aircraft; a ship's
     * MMSI (or any other) does not tell Class A from Class B: {@link #UNKNOWN}. The picture falls back
     * on it for a station none of whose messages told its class (one heard only through binary or
     * management messages, such as a base station's type 20).
     */
    public static StationClass ofMmsi(int mmsi) {
        return switch (org.watchkeeper.ais.Mmsi.kind(mmsi)) {
            case COAST_STATION -> BASE_STATION;
            case AID_TO_NAVIGATION -> AID_TO_NAVIGATION;
            case SAR_AIRCRAFT -> SAR_AIRCRAFT;
            default -> UNKNOWN;
        };
    }

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
            case 16:
            case 17:
            case 20:
            case 22:
            case 23:
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
