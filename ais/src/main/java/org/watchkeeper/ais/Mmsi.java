package org.watchkeeper.ais;

/**
 * Maritime Mobile Service Identity helpers: 9-digit rendering, station kind and MID, following
 * Recommendation ITU-R M.585-9 (Annex 1 sections 2 to 5 and Annex 2).
 */
public final class Mmsi {
    /** Largest value that has 9 decimal digits. */
    public static final int MAX_VALID = 999_999_999;

    /**
     * Largest value the 30-bit MMSI field of an AIS message can carry (1 073 741 823). Stations do
     * send values above {@link #MAX_VALID}; they are kept and flagged, so an MMSI up to this one can be
     * a station of the picture.
     */
    public static final int MAX_FIELD = (1 << 30) - 1;

    /** The kind of station an MMSI's digit pattern denotes (ITU-R M.585-9). */
    public enum Kind {
        /** {@code MIDxxxxxx}, first digit 2..7: ship station. */
        SHIP,
        /** {@code 0MIDxxxxx}: group of ship stations. */
        GROUP,
        /** {@code 00MIDxxxx}: coast station, including AIS base stations. */
        COAST_STATION,
        /** {@code 111MIDxxx}: SAR aircraft. */
        SAR_AIRCRAFT,
        /** {@code 99MIDxxxx}: aid to navigation. */
        AID_TO_NAVIGATION,
        /** {@code 98MIDxxxx}: craft associated with a parent ship (tender, RIB). */
        CRAFT_ASSOCIATED_WITH_PARENT,
        /** {@code 8MIDxxxxx}: handheld VHF transceiver with DSC and GNSS. */
        HANDHELD_VHF,
        /** {@code 970xxyyyy}: AIS search and rescue transmitter (AIS-SART). */
        AIS_SART,
        /** {@code 972xxyyyy}: man-overboard device (MOB). */
        MOB_DEVICE,
        /** {@code 974xxyyyy}: EPIRB-AIS. */
        EPIRB_AIS,
        /** Anything else: 0, more than 9 digits, or a pattern M.585 does not assign. */
        INVALID
    }

    private static final String ZEROS = "000000000";

    private Mmsi() {
    }

    /**
     * The MMSI as the ITU writes it: 9 digits with leading zeros ({@code 3669702} → {@code "003669702"}).
     * Values with more than 9 digits are written in full (they are kept, not truncated).
     */
    public static String format(int mmsi) {
        String s = Integer.toString(mmsi);
        return s.length() >= 9 ? s : ZEROS.substring(s.length()) + s;
    }

    /**
     * An MMSI as a user writes it: digits only, leading zeros allowed ({@code 000000000} is the
     * placeholder 0 some transmitters send), up to {@link #MAX_FIELD}, as the vessel list can hold it.
     *
     * @param name what the value is called in a message ({@code mmsi}, {@code --mmsi})
     * @throws IllegalArgumentException naming {@code name} and the value as written
     */
    public static int parse(String s, String name) {
        if (s == null || !s.matches("\\d+")) {
            throw new IllegalArgumentException(name + " must be an MMSI, digits only: " + s);
        }
        String digits = s.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_FIELD) {
            throw new IllegalArgumentException(aboveField(name, s));
        }
        return Integer.parseInt(digits);
    }

    /** The message for an MMSI written as {@code written} that is above {@link #MAX_FIELD}. */
    public static String aboveField(String name, String written) {
        return name + " " + written + " is above " + MAX_FIELD + ", the largest MMSI an AIS message can carry";
    }

    /** Whether the value fits the 9-digit MMSI range (1..999 999 999). */
    public static boolean isValid(int mmsi) {
        return mmsi > 0 && mmsi <= MAX_VALID;
    }

    /** The station kind the digit pattern denotes. */
    public static Kind kind(int mmsi) {
        if (!isValid(mmsi)) {
            return Kind.INVALID;
        }
        int d1 = mmsi / 100_000_000;
        int d12 = mmsi / 10_000_000;
        int d123 = mmsi / 1_000_000;
        if (d1 >= 2 && d1 <= 7) {
            return Kind.SHIP;
        }
        if (d1 == 0) {
            if (d12 == 0) {
                return mmsi / 1_000_000 >= 2 ? Kind.COAST_STATION : Kind.INVALID; // 00MIDxxxx, MID starts 2..7
            }
            return d12 >= 2 ? Kind.GROUP : Kind.INVALID;
        }
        if (d123 == 111) {
            return Kind.SAR_AIRCRAFT;
        }
        if (d12 == 99) {
            return Kind.AID_TO_NAVIGATION;
        }
        if (d12 == 98) {
            return Kind.CRAFT_ASSOCIATED_WITH_PARENT;
        }
        if (d123 == 970) {
            return Kind.AIS_SART;
        }
        if (d123 == 972) {
            return Kind.MOB_DEVICE;
        }
        if (d123 == 974) {
            return Kind.EPIRB_AIS;
        }
        if (d1 == 8) {
            return Kind.HANDHELD_VHF;
        }
        return Kind.INVALID;
    }

    /**
     * The Maritime Identification Digits (3 digits, 201..775) embedded in the MMSI according to its
     * kind, or -1 when the kind carries no MID (SART, MOB, EPIRB, invalid).
     */
    public static int mid(int mmsi) {
        switch (kind(mmsi)) {
            case SHIP:
                return mmsi / 1_000_000;
            case GROUP:
            case HANDHELD_VHF:
                return (mmsi / 100_000) % 1000;
            case COAST_STATION:
            case AID_TO_NAVIGATION:
            case CRAFT_ASSOCIATED_WITH_PARENT:
                return (mmsi / 10_000) % 1000;
            case SAR_AIRCRAFT:
                return (mmsi / 1000) % 1000;
            default:
                return -1;
        }
    }
}
