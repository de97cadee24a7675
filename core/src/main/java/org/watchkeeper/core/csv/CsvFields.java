package org.watchkeeper.core.csv;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.watchkeeper.core.csv.CsvRecords.Rejected;
import org.watchkeeper.core.csv.CsvRecords.Row;
import org.watchkeeper.core.observation.Observation;

/**
 * Field parsing shared by the CSV readers; "not available" as in the observation model. A field
 * that cannot be read rejects its row ({@link Rejected}) with the column's name and the value.
 */
final class CsvFields {
    private CsvFields() {
    }

    static String get(Row r, String column) {
        return r.get(column);
    }

    static String text(Row r, String column) {
        String s = get(r, column);
        return s.isEmpty() ? null : s;
    }

    /** A decimal, NaN when empty; a row with anything else there is rejected ({@link CsvRejectReason#BAD_FIELD}). */
    static double decimal(Row r, String column) {
        String s = get(r, column);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new Rejected(CsvRejectReason.BAD_FIELD, column + " is not a number: '" + s + "'");
        }
    }

    /** An integer, NOT_AVAILABLE when empty; decimals like "37.0" are accepted; else the row is rejected. */
    static int integer(Row r, String column) {
        String s = get(r, column);
        if (s.isEmpty()) {
            return Observation.NOT_AVAILABLE;
        }
        double d = decimal(r, column);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new Rejected(CsvRejectReason.BAD_FIELD, column + " is not an integer: '" + s + "'");
        }
        return (int) d;
    }

    /**
     * The MMSI, 1 .. 2^30 - 1; a row where it is missing, not a number or out of range is rejected
     * ({@link CsvRejectReason#BAD_MMSI}).
     */
    static int mmsi(Row r, String column) {
        String s = get(r, column);
        if (s.isEmpty()) {
            throw new Rejected(CsvRejectReason.BAD_MMSI, column + " missing");
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Rejected(CsvRejectReason.BAD_MMSI, column + " is not a number: '" + s + "'");
        }
        if (v <= 0 || v >= (1L << 30)) {
            throw new Rejected(CsvRejectReason.BAD_MMSI, column + " out of range: " + s);
        }
        return (int) v;
    }

    /**
     * A date and time in {@code format} (ISO-8601 local date-time when null); a row where it is
     * missing or cannot be read is rejected ({@link CsvRejectReason#BAD_TIME}).
     */
    static LocalDateTime time(Row r, String column, DateTimeFormatter format) {
        String s = get(r, column);
        if (s.isEmpty()) {
            throw new Rejected(CsvRejectReason.BAD_TIME, column + " missing");
        }
        try {
            return format == null ? LocalDateTime.parse(s) : LocalDateTime.parse(s, format);
        } catch (DateTimeParseException e) {
            throw new Rejected(CsvRejectReason.BAD_TIME, column + ": " + e.getMessage());
        }
    }

    /** Latitude in degrees from {@code column}, NaN when absent or beyond ±90 (91 = not available, ITU-R M.1371-5). */
    static double latitude(Row r, String column) {
        double lat = decimal(r, column);
        return Math.abs(lat) > 90 ? Double.NaN : lat;
    }

    /** Longitude in degrees from {@code column}, NaN when absent or beyond ±180 (181 = not available, ITU-R M.1371-5). */
    static double longitude(Row r, String column) {
        double lon = decimal(r, column);
        return Math.abs(lon) > 180 ? Double.NaN : lon;
    }

    /**
     * Speed over ground in knots from {@code column}, NaN when absent or "not available" (102.3 kn and
     * above, ITU-R M.1371-5 Table 48) or negative.
     */
    static double speedOverGround(Row r, String column) {
        double sog = decimal(r, column);
        return sog >= 102.3 || sog < 0 ? Double.NaN : sog;
    }

    /** Course over ground in degrees from {@code column}, NaN when absent or outside 0 .. &lt;360 (360 = not available). */
    static double courseOverGround(Row r, String column) {
        double cog = decimal(r, column);
        return cog >= 360 || cog < 0 ? Double.NaN : cog;
    }

    /** True heading in degrees from {@code column}, {@link Observation#NOT_AVAILABLE} when absent or outside 0..359 (511). */
    static int heading(Row r, String column) {
        int heading = integer(r, column);
        return heading < 0 || heading > 359 ? Observation.NOT_AVAILABLE : heading;
    }
}
