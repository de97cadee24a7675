package org.watchkeeper.core.csv;

import org.apache.commons.csv.CSVRecord;
import org.watchkeeper.core.observation.Observation;

/** Field parsing shared by the CSV readers; "not available" as in the observation model. */
final class CsvFields {
    private CsvFields() {
    }

    static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).strip() : "";
    }

    static String text(CSVRecord r, String column) {
        String s = get(r, column);
        return s.isEmpty() ? null : s;
    }

    /** A decimal, NaN when empty; throws NumberFormatException on garbage. */
    static double decimal(CSVRecord r, String column) {
        String s = get(r, column);
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** An integer, NOT_AVAILABLE when empty; decimals like "37.0" are accepted. */
    static int integer(CSVRecord r, String column) {
        String s = get(r, column);
        if (s.isEmpty()) {
            return Observation.NOT_AVAILABLE;
        }
        double d = Double.parseDouble(s);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new NumberFormatException(column + " is not an integer: " + s);
        }
        return (int) d;
    }

    static String raw(CSVRecord r) {
        return String.join(",", r.values());
    }
}
