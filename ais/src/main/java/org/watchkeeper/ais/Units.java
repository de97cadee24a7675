package org.watchkeeper.ais;

/**
 * Conversions between ITU-R M.1371-5 field codes and scaled values, with the tables' "not
 * available" codes mapped to {@code NaN} / {@link AisMessage#NOT_AVAILABLE} and back. Shared by all
 * message records so each sentinel is handled in one place.
 */
public final class Units {
    /** Longitude code meaning "not available": 181° in 1/10 000 min. */
    public static final int LON_NOT_AVAILABLE = 181 * 600_000;
    /** Latitude code meaning "not available": 91° in 1/10 000 min. */
    public static final int LAT_NOT_AVAILABLE = 91 * 600_000;
    /** Speed code (0.1 kn) meaning "not available". */
    public static final int SPEED_NOT_AVAILABLE = 1023;
    /** Course code (0.1°) meaning "not available". */
    public static final int COURSE_NOT_AVAILABLE = 3600;
    /** Heading code meaning "not available". */
    public static final int HEADING_NOT_AVAILABLE = 511;

    private Units() {
    }

    /** Whether {@code deg} is a longitude: within ±180° (false for {@code NaN}). */
    public static boolean isLongitude(double deg) {
        return deg >= -180.0 && deg <= 180.0;
    }

    /** Whether {@code deg} is a latitude: within ±90° (false for {@code NaN}). */
    public static boolean isLatitude(double deg) {
        return deg >= -90.0 && deg <= 90.0;
    }

    /** Longitude from 1/10 000 min (28-bit field); {@code NaN} for 181°. */
    public static double longitude(int code) {
        return code == LON_NOT_AVAILABLE ? Double.NaN : code / 600_000.0;
    }

    /** Latitude from 1/10 000 min (27-bit field); {@code NaN} for 91°. */
    public static double latitude(int code) {
        return code == LAT_NOT_AVAILABLE ? Double.NaN : code / 600_000.0;
    }

    /** Inverse of {@link #longitude(int)}. */
    public static int longitudeCode(double deg) {
        return Double.isNaN(deg) ? LON_NOT_AVAILABLE : (int) Math.round(deg * 600_000.0);
    }

    /** Inverse of {@link #latitude(int)}. */
    public static int latitudeCode(double deg) {
        return Double.isNaN(deg) ? LAT_NOT_AVAILABLE : (int) Math.round(deg * 600_000.0);
    }

    /** Longitude from 1/10 min (18-bit fields of types 17 and 22 use 1/10 min; see each message); {@code NaN} for 181°. */
    public static double longitudeTenthMinutes(int code) {
        return code == 181 * 600 ? Double.NaN : code / 600.0;
    }

    /** Latitude from 1/10 min; {@code NaN} for 91°. */
    public static double latitudeTenthMinutes(int code) {
        return code == 91 * 600 ? Double.NaN : code / 600.0;
    }

    /** Inverse of {@link #longitudeTenthMinutes(int)}. */
    public static int longitudeTenthMinutesCode(double deg) {
        return Double.isNaN(deg) ? 181 * 600 : (int) Math.round(deg * 600.0);
    }

    /** Inverse of {@link #latitudeTenthMinutes(int)}. */
    public static int latitudeTenthMinutesCode(double deg) {
        return Double.isNaN(deg) ? 91 * 600 : (int) Math.round(deg * 600.0);
    }

    /** Speed in knots from 0.1 kn steps (10-bit field); {@code NaN} for 1023. */
    public static double speedTenths(int code) {
        return code == SPEED_NOT_AVAILABLE ? Double.NaN : code / 10.0;
    }

    /** Inverse of {@link #speedTenths(int)}. */
    public static int speedTenthsCode(double knots) {
        return Double.isNaN(knots) ? SPEED_NOT_AVAILABLE : (int) Math.round(knots * 10.0);
    }

    /** Course in degrees from 0.1° steps (12-bit field); {@code NaN} for 3600 (and the unused 3601..4095 is kept as sent). */
    public static double courseTenths(int code) {
        return code == COURSE_NOT_AVAILABLE ? Double.NaN : code / 10.0;
    }

    /** Inverse of {@link #courseTenths(int)}. */
    public static int courseTenthsCode(double deg) {
        return Double.isNaN(deg) ? COURSE_NOT_AVAILABLE : (int) Math.round(deg * 10.0);
    }

    /** True heading in degrees (9-bit field); {@link AisMessage#NOT_AVAILABLE} for 511. */
    public static int heading(int code) {
        return code == HEADING_NOT_AVAILABLE ? AisMessage.NOT_AVAILABLE : code;
    }

    /** Inverse of {@link #heading(int)}. */
    public static int headingCode(int heading) {
        return heading == AisMessage.NOT_AVAILABLE ? HEADING_NOT_AVAILABLE : heading;
    }

    /**
     * Rate of turn in degrees per minute from ROT<sub>AIS</sub> (Table 45):
     * sign(r)·(r/4.733)²; {@code NaN} for -128 (not available) and ±127 (no numeric rate).
     */
    public static double rateOfTurn(int raw) {
        if (raw == -128 || raw == 127 || raw == -127) {
            return Double.NaN;
        }
        double v = raw / 4.733;
        return Math.signum(raw) * v * v;
    }

    /**
     * Writes gpsd's {@code turn} field: degrees per minute (1 decimal), or the strings
     * {@code "fastright"} / {@code "fastleft"} for ±127; nothing for -128.
     */
    public static void writeTurn(FieldSink out, int raw) {
        if (raw == 127) {
            out.field("turn", "fastright");
        } else if (raw == -127) {
            out.field("turn", "fastleft");
        } else if (raw != -128) {
            out.field("turn", rateOfTurn(raw), 1);
        }
    }

    /** A dimension or count field whose code 0 means "not available" (e.g. type 5 draught, dimensions): 0 → NOT_AVAILABLE. */
    public static int zeroNotAvailable(int code) {
        return code == 0 ? AisMessage.NOT_AVAILABLE : code;
    }

    /** Inverse of {@link #zeroNotAvailable(int)}. */
    public static int zeroNotAvailableCode(int value) {
        return value == AisMessage.NOT_AVAILABLE ? 0 : value;
    }

    /** Longitude code meaning "not available" in 1/1000 min (25-bit fields of IMO SN.1/Circ.289 binary applications): 181°. */
    public static final int LON_NOT_AVAILABLE_THOUSANDTH_MINUTES = 181 * 60_000;
    /** Latitude code meaning "not available" in 1/1000 min (24-bit fields): 91°. */
    public static final int LAT_NOT_AVAILABLE_THOUSANDTH_MINUTES = 91 * 60_000;

    /** Longitude in degrees from 1/1000 min (IMO SN.1/Circ.289 25-bit fields); {@code NaN} for 181°. */
    public static double longitudeThousandthMinutes(int code) {
        return code == LON_NOT_AVAILABLE_THOUSANDTH_MINUTES ? Double.NaN : code / 60_000.0;
    }

    /** Latitude in degrees from 1/1000 min (IMO SN.1/Circ.289 24-bit fields); {@code NaN} for 91°. */
    public static double latitudeThousandthMinutes(int code) {
        return code == LAT_NOT_AVAILABLE_THOUSANDTH_MINUTES ? Double.NaN : code / 60_000.0;
    }

    /** Inverse of {@link #longitudeThousandthMinutes(int)}. */
    public static int longitudeThousandthMinutesCode(double deg) {
        return Double.isNaN(deg) ? LON_NOT_AVAILABLE_THOUSANDTH_MINUTES : (int) Math.round(deg * 60_000.0);
    }

    /** Inverse of {@link #latitudeThousandthMinutes(int)}. */
    public static int latitudeThousandthMinutesCode(double deg) {
        return Double.isNaN(deg) ? LAT_NOT_AVAILABLE_THOUSANDTH_MINUTES : (int) Math.round(deg * 60_000.0);
    }

    /**
     * A scaled decimal field: {@code code / divisor} (e.g. divisor 10 for 0.1 steps), {@code NaN}
     * for the "not available" code {@code naCode}.
     */
    public static double scaled(int code, int naCode, double divisor) {
        return code == naCode ? Double.NaN : code / divisor;
    }

    /** Inverse of {@link #scaled(int, int, double)}: {@code NaN} gives {@code naCode}. */
    public static int scaledCode(double value, int naCode, double divisor) {
        return Double.isNaN(value) ? naCode : (int) Math.round(value * divisor);
    }

    /**
     * An integer field with one "not available" code (e.g. type 4 hour 24, type 5 ETA minute 60,
     * type 9 altitude 4095): {@code notAvailableCode} → {@link AisMessage#NOT_AVAILABLE}, anything
     * else kept as sent.
     */
    public static int orNotAvailable(int code, int notAvailableCode) {
        return code == notAvailableCode ? AisMessage.NOT_AVAILABLE : code;
    }

    /** Inverse of {@link #orNotAvailable(int, int)}. */
    public static int orNotAvailableCode(int value, int notAvailableCode) {
        return value == AisMessage.NOT_AVAILABLE ? notAvailableCode : value;
    }

    /**
     * A whole-unit decimal field (SOG in whole knots of types 9 and 27, COG in whole degrees of
     * type 27): the code itself as a {@code double}, {@code NaN} for {@code notAvailableCode}.
     */
    public static double wholeUnits(int code, int notAvailableCode) {
        return code == notAvailableCode ? Double.NaN : code;
    }

    /** Inverse of {@link #wholeUnits(int, int)} (rounds to the nearest whole unit). */
    public static int wholeUnitsCode(double value, int notAvailableCode) {
        return Double.isNaN(value) ? notAvailableCode : (int) Math.round(value);
    }

    /**
     * Draught in metres from 1/10 m (8-bit field of type 5, Table 52): 0 → {@code NaN} (not
     * available), 255 means 25.5 m or more.
     */
    public static double draught(int code) {
        return code == 0 ? Double.NaN : code / 10.0;
    }

    /** Inverse of {@link #draught(int)}. */
    public static int draughtCode(double metres) {
        return Double.isNaN(metres) ? 0 : (int) Math.round(metres * 10.0);
    }
}
