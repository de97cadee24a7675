package org.watchkeeper.core.util;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The bounds of a time window as users write them, one rule for the command line and the HTTP API:
 * an ISO-8601 instant ({@code 2014-10-02T18:00:00Z}, or with an offset such as
 * {@code 2014-10-02T20:00+02:00}, taken as the same instant), a local date-time read as UTC
 * ({@code 2014-10-02T18:00}), or a date ({@code 2014-10-02}), which as a window's start means its
 * first millisecond and as its end its last, so that {@code from=2014-10-02&to=2014-10-02} is that
 * whole UTC day.
 */
public final class TimeBound {
    /** The forms accepted, for error messages. */
    public static final String FORMS = "e.g. 2014-10-02T18:00:00Z, 2014-10-02T18:00 (UTC), 2014-10-02T20:00+02:00 or 2014-10-02";

    private TimeBound() {
    }

    /**
     * Parses one bound.
     *
     * @param s the text; not null
     * @param end whether it ends a window (a date then means its last millisecond, UTC)
     * @return epoch milliseconds
     * @throws IllegalArgumentException if {@code s} is none of the forms, naming them
     */
    public static long parse(String s, boolean end) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            // a date
        }
        try {
            LocalDate d = LocalDate.parse(s);
            return end ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1
                    : d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time or date: " + s + " (" + FORMS + ")");
        }
    }
}
