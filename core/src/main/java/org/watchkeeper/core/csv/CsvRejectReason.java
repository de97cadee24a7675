package org.watchkeeper.core.csv;

import org.watchkeeper.ais.Reason;

/**
 * Why a row of a CSV export was not turned into observations. Every rejected row carries exactly
 * one reason; counts by reason are shown to the user, spelt as {@link org.watchkeeper.ais.RejectReason}'s
 * for NMEA lines: {@link #code()} ({@code bad_time}) where a program reads it, {@link #description()}
 * ({@code missing or bad time}) where a person does.
 */
public enum CsvRejectReason implements Reason {
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

    CsvRejectReason(String description) {
        this.description = description;
    }

    /** A short human-readable description, for summaries a person reads ({@code missing or bad time}). */
    @Override
    public String description() {
        return description;
    }

    /** The reason whose {@link #code()} is {@code code}, or null when none has it. */
    public static CsvRejectReason ofCode(String code) {
        return Reason.ofCode(CsvRejectReason.class, code);
    }
}
