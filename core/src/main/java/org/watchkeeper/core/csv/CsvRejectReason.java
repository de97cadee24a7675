package org.watchkeeper.core.csv;

/**
 * Why a row of a CSV export was not turned into observations. Every rejected row carries exactly
 * one reason; counts by reason are shown to the user, spelt as {@link org.watchkeeper.ais.RejectReason}'s
 * for NMEA lines: {@link #code()} ({@code bad_time}) where a program reads it, {@link #description()}
 * ({@code missing or bad time}) where a person does.
 */
public enum CsvRejectReason {
    /** The row is not valid CSV: a character after a closing quote, or a quote never closed. */
    MALFORMED_ROW("malformed CSV row"),
    /** The row is longer than 8 192 characters (bounded buffers; a quoted field may span lines up to that). */
    ROW_TOO_LONG("row too long"),
    /** The row has fewer fields than the header, or more that are not empty. */
    FIELD_COUNT("fields do not match the header"),
    /** The last row of an input that ends early (a gzip file cut short): its end is missing. */
    CUT_SHORT("row cut short by the end of the input"),
    /** The MMSI is missing, not a number, or out of range. */
    BAD_MMSI("missing or bad MMSI"),
    /** The time is missing or cannot be read. */
    BAD_TIME("missing or bad time"),
    /** Another field (a number, the ETA) cannot be read. */
    BAD_FIELD("field cannot be read");

    private final String description;
    private final String code;

    CsvRejectReason(String description) {
        this.description = description;
        this.code = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A short human-readable description, for summaries a person reads ({@code missing or bad time}). */
    public String description() {
        return description;
    }

    /**
     * The reason in machine-readable output: the constant's name in lower case ({@code bad_time},
     * {@code cut_short}), as {@code summary.json} and the {@code --errors} file give it.
     */
    public String code() {
        return code;
    }

    /** The reason whose {@link #code()} is {@code code}, or null when none has it. */
    public static CsvRejectReason ofCode(String code) {
        for (CsvRejectReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        return null;
    }
}
