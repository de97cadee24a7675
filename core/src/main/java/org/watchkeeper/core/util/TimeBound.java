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

    /**
     * The earliest time a bound can be: half the least epoch millisecond a long holds (year
     * -146136543), so that the span between any two bounds fits in a long too, and the windows left
     * open (from {@code Long.MIN_VALUE / 2} to {@code Long.MAX_VALUE / 2}) hold every bound.
     */
    public static final Instant MIN = Instant.ofEpochMilli(Long.MIN_VALUE / 2);

    /** The latest time a bound can be: half the greatest epoch millisecond a long holds (year +146140482). */
    public static final Instant MAX = Instant.ofEpochMilli(Long.MAX_VALUE / 2);

    /** The range accepted, for error messages. */
    public static final String RANGE = MIN + " to " + MAX;

    /**
     * A time written in an accepted form but outside {@link #MIN}..{@link #MAX}: ISO-8601 reaches
     * year -999999999, where the epoch milliseconds no longer fit in a long at all.
     */
    public static final class OutOfRange extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        OutOfRange(String s) {
            super("out of range (a time from " + RANGE + "): " + s);
        }
    }

    private TimeBound() {
    }

    /**
     * The epoch milliseconds of an instant.
     *
     * @param written the time as written, for the message
     * @throws OutOfRange if the instant is outside {@link #MIN}..{@link #MAX} (beyond which
     *         {@link Instant#toEpochMilli} may throw an ArithmeticException)
     */
    public static long millis(Instant t, String written) {
        if (t.isBefore(MIN) || t.isAfter(MAX.plusNanos(999_999))) {
            throw new OutOfRange(written);
        }
        return t.toEpochMilli();
    }

    /**
     * Why a window whose start is after its end is refused, naming both bounds as they were read, e.g.
     * {@code from must not be after to: from 2010-06-12T00:00:00Z, to 2010-06-11T23:59:59.999Z} (a date
     * given as the end reads as its last millisecond, which the message shows): one wording for the HTTP
     * API's {@code from}/{@code to} and the command line's {@code --from}/{@code --to}.
     *
     * @param fromName the start's name as the user gave it ({@code from}, {@code --from})
     * @param fromMillis the start as read, epoch milliseconds
     * @param toName the end's name as the user gave it ({@code to}, {@code --to})
     * @param toMillis the end as read, epoch milliseconds
     * @return the message, or null when {@code fromMillis <= toMillis} (the window is not reversed)
     */
    public static String reversed(String fromName, long fromMillis, String toName, long toMillis) {
        if (fromMillis <= toMillis) {
            return null;
        }
        return fromName + " must not be after " + toName + ": " + fromName + " " + Instant.ofEpochMilli(fromMillis) + ", "
                + toName + " " + Instant.ofEpochMilli(toMillis);
    }

    /**
     * Parses one bound.
     *
     * @param s the text; not null
     * @param end whether it ends a window (a date then means its last millisecond, UTC)
     * @return epoch milliseconds
     * @throws OutOfRange if {@code s} is one of the forms but outside {@link #RANGE}
     * @throws IllegalArgumentException if {@code s} is none of the forms, naming them
     */
    public static long parse(String s, boolean end) {
        try {
            return millis(Instant.parse(s), s);
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return millis(java.time.OffsetDateTime.parse(s).toInstant(), s);
        } catch (DateTimeParseException e) {
            // the forms below
        }
        try {
            return millis(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC), s);
        } catch (DateTimeParseException e) {
            // a date
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time or date: " + s + " (" + FORMS + ")");
        }
        if (!end) {
            return millis(d.atStartOfDay().toInstant(ZoneOffset.UTC), s);
        }
        // the day's last millisecond; LocalDate.MAX has no next day to step back from
        return millis(d.atTime(java.time.LocalTime.MAX).toInstant(ZoneOffset.UTC), s);
    }
}
