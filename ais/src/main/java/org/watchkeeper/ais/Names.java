package org.watchkeeper.ais;

/**
 * Human-readable names for the coded fields of ITU-R M.1371-5: navigational status (Table 45),
 * type of ship and cargo (Table 53), type of electronic position fixing device (Table 51
 * "EPFD"), aid-to-navigation type (Table 74).
 */
public final class Names {
    private static final String[] NAV_STATUS = {
        "Under way using engine", "At anchor", "Not under command", "Restricted manoeuvrability",
        "Constrained by her draught", "Moored", "Aground", "Engaged in fishing", "Under way sailing",
        "Reserved for HSC", "Reserved for WIG", "Power-driven vessel towing astern",
        "Power-driven vessel pushing ahead or towing alongside", "Reserved",
        "AIS-SART, MOB-AIS or EPIRB-AIS active", "Not defined"
    };

    private static final String[] EPFD = {
        "Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C", "Chayka",
        "Integrated navigation system", "Surveyed", "Galileo"
    };

    private static final String[] SHIP_TYPE_3X = {
        "Fishing", "Towing", "Towing: length exceeds 200 m or breadth exceeds 25 m",
        "Dredging or underwater operations", "Diving operations", "Military operations", "Sailing",
        "Pleasure craft", "Reserved", "Reserved"
    };

    private static final String[] SHIP_TYPE_5X = {
        "Pilot vessel", "Search and rescue vessel", "Tug", "Port tender",
        "Vessel with anti-pollution facilities", "Law enforcement vessel", "Local vessel",
        "Local vessel", "Medical transport", "Ship not party to an armed conflict"
    };

    private static final String[] ATON_TYPE = {
        "Default, type not specified", "Reference point", "RACON", "Fixed structure off shore",
        "Spare", "Light, without sectors", "Light, with sectors", "Leading light front",
        "Leading light rear", "Beacon, cardinal N", "Beacon, cardinal E", "Beacon, cardinal S",
        "Beacon, cardinal W", "Beacon, port hand", "Beacon, starboard hand",
        "Beacon, preferred channel port hand", "Beacon, preferred channel starboard hand",
        "Beacon, isolated danger", "Beacon, safe water", "Beacon, special mark",
        "Cardinal mark N", "Cardinal mark E", "Cardinal mark S", "Cardinal mark W",
        "Port hand mark", "Starboard hand mark", "Preferred channel port hand",
        "Preferred channel starboard hand", "Isolated danger", "Safe water", "Special mark",
        "Light vessel / LANBY / rigs"
    };

    private static final String[] REPORTING_INTERVAL = {
        "As given by the autonomous mode", "10 min", "6 min", "3 min", "1 min", "30 s", "15 s", "10 s",
        "5 s", "Next shorter reporting interval", "Next longer reporting interval"
    };

    private Names() {
    }

    /** Name of a navigational status code 0..15 (Table 45), or null outside that range. */
    public static String navigationStatus(int code) {
        return code >= 0 && code < NAV_STATUS.length ? NAV_STATUS[code] : null;
    }

    /** Name of an EPFD code (Table 51: 0..8, 15 internal GNSS), "Reserved" for 9..14, null otherwise. */
    public static String epfd(int code) {
        if (code >= 0 && code < EPFD.length) {
            return EPFD[code];
        }
        if (code == 15) {
            return "Internal GNSS";
        }
        return code > 8 && code < 15 ? "Reserved" : null;
    }

    /** Name of an aid-to-navigation type 0..31 (Table 74), or null. */
    public static String aidType(int code) {
        return code >= 0 && code < ATON_TYPE.length ? ATON_TYPE[code] : null;
    }

    /**
     * Name of a "type of ship and cargo" code 0..255 (Table 53). Second digits of 2x, 4x, 6x..9x give
     * the hazard category (1 X, 2 Y, 3 Z, 4 OS, per IMO); null for 0 (not available).
     */
    public static String shipType(int code) {
        if (code <= 0 || code > 255) {
            return null;
        }
        if (code >= 100) {
            return code < 200 ? "Reserved for regional use" : "Reserved for future use";
        }
        int first = code / 10;
        int second = code % 10;
        switch (first) {
            case 3:
                return SHIP_TYPE_3X[second];
            case 5:
                return SHIP_TYPE_5X[second];
            case 2:
                return "Wing in ground (WIG)" + hazard(second);
            case 4:
                return "High-speed craft (HSC)" + hazard(second);
            case 6:
                return "Passenger" + hazard(second);
            case 7:
                return "Cargo" + hazard(second);
            case 8:
                return "Tanker" + hazard(second);
            case 9:
                return "Other type" + hazard(second);
            default:
                return "Reserved";
        }
    }

    /** Broad category of a ship type code: the word before the hazard qualifier, e.g. "Cargo", "Tanker", "Fishing". */
    public static String shipTypeCategory(int code) {
        String n = shipType(code);
        if (n == null) {
            return null;
        }
        int comma = n.indexOf(',');
        return comma < 0 ? n : n.substring(0, comma);
    }

    private static String hazard(int second) {
        switch (second) {
            case 0:
                return "";
            case 1:
                return ", hazardous category A";
            case 2:
                return ", hazardous category B";
            case 3:
                return ", hazardous category C";
            case 4:
                return ", hazardous category D";
            case 9:
                return ", no additional information";
            default:
                return ", reserved";
        }
    }

    /**
     * Name of a reporting interval code of the group assignment command (message 23): 0 as given by
     * the autonomous mode, 1 10 min, 2 6 min, 3 3 min, 4 1 min, 5 30 s, 6 15 s, 7 10 s, 8 5 s,
     * 9 next shorter, 10 next longer reporting interval; "Reserved" for 11..15; null otherwise.
     * With Tx/Rx mode 1 or 2 (one channel) the actual interval is twice the one named.
     */
    public static String reportingInterval(int code) {
        if (code >= 0 && code < REPORTING_INTERVAL.length) {
            return REPORTING_INTERVAL[code];
        }
        return code > 10 && code < 16 ? "Reserved" : null;
    }
}
