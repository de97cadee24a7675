package org.watchkeeper.ais.nmea;

/**
 * The rules by which a line states its receive time, in one place for every reader of raw lines (the
 * decoder, and the cheap scans that pace a replay or set event-time watermarks before decoding), so
 * that all of them take the same times and refuse the same ones.
 *
 * <ul>
 *   <li>IEC 61162-450 tag block {@code c:}: UNIX time in seconds, or in milliseconds when the value is
 *       at least 10<sup>11</sup> ({@link #tagBlockMillis}).</li>
 *   <li>Gatehouse {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...}: a UTC date and time that times the
 *       sentence after it ({@link #pghpMillis}); the date must exist (no 30 February), the year lies
 *       in 1970-2200, the second may be 60 (a leap second, counted as the next minute's first).</li>
 *   <li>A trailer after the {@code *hh} checksum whose last comma-separated field is a UNIX time of
 *       9-10 digits (seconds) or 12-13 digits (milliseconds), as the AMSA and USCG logs carry
 *       ({@link #trailerMillis}); 11 digits are neither and are refused.</li>
 * </ul>
 */
public final class LineTimes {
    /** What the methods return for a time that is absent or refused. */
    public static final long NONE = Long.MIN_VALUE;

    private LineTimes() {
    }

    /**
     * Milliseconds of a tag block {@code c:} value as sent.
     *
     * @param cv the value, non-negative
     * @return epoch ms UTC: {@code cv × 1000} below 10<sup>11</sup>, else {@code cv}
     */
    public static long tagBlockMillis(long cv) {
        return cv < 100_000_000_000L ? cv * 1000 : cv;
    }

    /**
     * The time of a {@code $PGHP} line from its first eight fields.
     *
     * @param kind the first field; only 1 (a time stamp) gives a time
     * @return epoch ms UTC, or {@link #NONE} when {@code kind} is not 1 or the date or time does not
     *         exist (month 1-12, day within the month's length, hour 0-23, minute 0-59, second 0-60,
     *         millisecond 0-999, year 1970-2200)
     */
    public static long pghpMillis(int kind, int year, int month, int day, int hour, int minute, int second, int milli) {
        if (kind != 1 || year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 60 || milli < 0 || milli > 999) {
            return NONE;
        }
        return minuteMillis(year, month, day, hour, minute) + second * 1000L + milli;
    }

    /**
     * Epoch ms of the start of a minute of a valid proleptic Gregorian date (not checked: see
     * {@link #pghpMillis}).
     */
    static long minuteMillis(int year, int month, int day, int hour, int minute) {
        return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000L;
    }

    /** Days of a month of the proleptic Gregorian calendar (month 1-12). */
    static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date. */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }

    /**
     * The time of an epoch trailer field.
     *
     * @param value the field's value (its digits read as a decimal number)
     * @param digits how many digits the field has
     * @return epoch ms UTC, or {@link #NONE} unless {@code digits} is 9-10 (seconds) or 12-13 (ms)
     */
    public static long trailerMillis(long value, int digits) {
        if (digits < 9 || digits > 13 || digits == 11 || value < 0) {
            return NONE;
        }
        return digits <= 10 ? value * 1000 : value;
    }
}
