package org.watchkeeper.core.incident;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of day a report's narrative gives for its own date, for sources whose records carry a
 * date but no time (NGA ASAM: 1 700 of its 8 640 narratives state a UTC time, "On 15 November at
 * 0418 UTC", and 2 700 a local one, "boarded 24 Aug 08 at 0005 local time").
 *
 * <p>Rules, read against the whole ASAM file:
 * <ul>
 *   <li>A time is four digits {@code hhmm} (00-23, 00-59) or {@code h:mm}, optionally followed by
 *       {@code hrs}/{@code hours}, then a zone: {@code UTC}, {@code GMT}, {@code Z} or {@code ZULU} (UTC);
 *       {@code LT}, {@code L}, {@code local time} or {@code local} (the ship's or coastal state's
 *       clock); or no zone after {@code hrs}/{@code hours} (read as local, as the reporting centres'
 *       own "0234 hrs" is). A date-time group, day, hour and minute before the zone and the month
 *       ({@code 060855 UTC May}, {@code 242245Z APR}), gives its own day. A bare four-digit number is no
 *       time (it may be a year). A range,
 *       {@code between 0700 and 0900 UTC}, gives its first time with the zone written after the second.</li>
 *   <li>Only the narrative's first such time counts (later ones tell what followed: "at 0445 the
 *       robbers escaped"), and only when it belongs to the record's own date: a mention of that day
 *       of the month (with the record's month when a month is named: "24 Aug", "On 2 March",
 *       "July 7, 1996") before it, with no mention of another day between the two; or right after it
 *       ("at approximately 0900Z on 23 May"); days in digits are day first ("04.12.2020: 2300 UTC").
 *       A narrative that names no day before its first time is taken to be of the record's date
 *       ("BEIRA PORT, MOZAMBIQUE: 0400 LT: Robbers boarded"). ASAM records a local date, so a UTC
 *       time may fall on the day before or after it ("13.08.2020: 1700 UTC" at Batangas, UTC+8, is
 *       recorded on 14 August): such a time is given with its day ({@link TimeOfDay#days()}), for the
 *       caller to check against the place. Any other day than the record's, or a local time on a day
 *       beside it, gives no time: the record's date alone is kept.</li>
 * </ul>
 */
public final class NarrativeTime {
    /**
     * A time of day from a narrative.
     *
     * @param time the time of day, to the minute
     * @param utc true for a UTC time, false for a local one (zone unknown)
     * @param days the narrative's day less the record's: 0, or -1 or 1 for a UTC time on the day before or
     *     after the record's (local) date
     */
    public record TimeOfDay(LocalTime time, boolean utc, int days) {
    }

    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    /** "24 Aug", "2 March", "03 MAY": day then month. */
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})(?:\\s+|-)(" + MONTHS + ")\\.?\\b",
            Pattern.CASE_INSENSITIVE);
    /** "04.12.2020", "19-10-2021": day, month and year in digits (the reporting centres' order). */
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.-])(\\d{1,2})([.-])(\\d{1,2})\\2((?:19|20)\\d\\d)(?!\\d)");
    /** "July 7, 1996", "Aug. 12": month then day (not followed by a further digit, nor by ':'). */
    private static final Pattern MONTH_DAY = Pattern.compile("(?<!\\d\\s)(?<!\\d\\s\\s)\\b(" + MONTHS
            + ")\\.?\\s+(\\d{1,2})\\b(?![:\\d])", Pattern.CASE_INSENSITIVE);
    /** A date-time group, day hour minute, zone and month: "060855 UTC May", "242245Z APR". */
    private static final Pattern DTG = Pattern.compile("(?<![\\d.-])([0-3]\\d)([01]\\d|2[0-3])([0-5]\\d)\\s?(UTC|Z)\\s+("
            + MONTHS + ")\\b", Pattern.CASE_INSENSITIVE);
    private static final String ZONE = "(?<zone>UTC|GMT|ZULU|LT|local\\s+time|local)\\b";
    /**
     * A time: "0418 UTC", "0900Z", "1230LT", "0230L", "0720 hours LT", "2300 hrs", "8:30 local time". The
     * one-letter zones ({@code Z}, {@code L}) only written against the digits.
     */
    private static final Pattern TIME = Pattern.compile("(?<![\\d:.,/-])(?:(?<hh>[01]\\d|2[0-3])(?<mm>[0-5]\\d)"
            + "|(?<h>[01]?\\d|2[0-3]):(?<m>[0-5]\\d))(?![\\d:])"
            + "(?:(?<tight>Z|L|LT|UTC|GMT)\\b|(?<hrs>\\s*(?:hrs|hours|hr|h)\\b\\.?)?(?:\\s*(?:\\(\\s*)?" + ZONE + ")?)",
            Pattern.CASE_INSENSITIVE);
    /** "between 0700 and 0900 UTC": the first time of a range, the zone written after the second. */
    private static final Pattern RANGE_END = Pattern.compile("\\s*(?:and|to|-|–)\\s*(?:[01]\\d|2[0-3])[0-5]\\d(?:\\s*(?:hrs|hours))?\\s*"
            + ZONE, Pattern.CASE_INSENSITIVE);
    /** After a time, what may stand before the date it belongs to: "0900Z on 23 May", "0200 LOCAL TIME, DEC. 26". */
    private static final Pattern DATE_AFTER = Pattern.compile("\\s*(?:,\\s*)?(?:on\\s+)?", Pattern.CASE_INSENSITIVE);

    private NarrativeTime() {
    }

    /**
     * The time of day the narrative gives for {@code date} (see the class rules).
     *
     * @param text the narrative, or null
     * @param date the record's date
     * @return the time, or null when the narrative gives none for that date (nor, in UTC, for a day beside it)
     */
    public static TimeOfDay of(String text, LocalDate date) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Matcher g = DTG.matcher(text);
        int dtg = g.find() ? g.start() : Integer.MAX_VALUE;
        Matcher t = TIME.matcher(text);
        while (t.find() && t.start() < dtg) {
            String zone = t.group("tight") != null ? t.group("tight") : t.group("zone");
            int end = t.end();
            if (zone == null && t.group("hrs") == null) {
                Matcher range = RANGE_END.matcher(text).region(t.end(), text.length());
                if (!range.lookingAt()) {
                    continue; // a bare number, not a time
                }
                zone = range.group("zone");
                end = range.end();
            }
            int h = t.group("hh") != null ? Integer.parseInt(t.group("hh")) : Integer.parseInt(t.group("h"));
            int m = t.group("mm") != null ? Integer.parseInt(t.group("mm")) : Integer.parseInt(t.group("m"));
            boolean utc = zone != null && switch (zone.toUpperCase(Locale.ROOT)) {
                case "UTC", "GMT", "Z", "ZULU" -> true;
                default -> false;
            };
            // the first time decides: it belongs to the record's date (or, in UTC, a day beside it), or the
            // narrative gives none for it
            return time(LocalTime.of(h, m), utc, ofDate(text, t.start(), end, date));
        }
        if (dtg != Integer.MAX_VALUE) {
            return time(LocalTime.of(Integer.parseInt(g.group(2)), Integer.parseInt(g.group(3))), true,
                    days(g.group(1), g.group(5), date));
        }
        return null;
    }

    private static TimeOfDay time(LocalTime time, boolean utc, int days) {
        return days == 0 || utc && Math.abs(days) == 1 ? new TimeOfDay(time, utc, days) : null;
    }

    /** Not a day beside the record's. */
    private static final int FAR = Integer.MAX_VALUE;

    /**
     * The day of the time at {@code at..end} less {@code date}: of the last day mention before it (0 when there
     * is none), or of a mention right after it; {@link #FAR} for a day other than the record's or one beside it.
     */
    private static int ofDate(String text, int at, int end, LocalDate date) {
        Matcher lead = DATE_AFTER.matcher(text).region(end, text.length());
        int from = lead.lookingAt() ? lead.end() : end;
        Matcher after = DAY_MONTH.matcher(text).region(from, text.length());
        if (after.lookingAt()) {
            return days(after.group(1), after.group(2), date);
        }
        after = MONTH_DAY.matcher(text).region(from, text.length());
        if (after.lookingAt()) {
            return days(after.group(2), after.group(1), date);
        }
        int lastStart = -1;
        int last = 0;
        for (Matcher d = DAY_MONTH.matcher(text).region(0, at); d.find(); ) {
            if (d.start() > lastStart) {
                lastStart = d.start();
                last = days(d.group(1), d.group(2), date);
            }
        }
        for (Matcher d = MONTH_DAY.matcher(text).region(0, at); d.find(); ) {
            if (d.start() > lastStart) {
                lastStart = d.start();
                last = days(d.group(2), d.group(1), date);
            }
        }
        for (Matcher d = NUMERIC.matcher(text).region(0, at); d.find(); ) {
            if (d.start() > lastStart) {
                lastStart = d.start();
                last = days(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(3)), Integer.parseInt(d.group(4)), date);
            }
        }
        // no date before the time: the narrative's time is of the record's date ("0400 LT: Robbers boarded")
        return last;
    }

    /** The day {@code day month} (in the record's year, or the one before or after at a year's end) less {@code date}, or {@link #FAR}. */
    private static int days(String day, String month, LocalDate date) {
        int d = Integer.parseInt(day);
        int m = month(month).getValue();
        int best = FAR;
        for (int y = date.getYear() - 1; y <= date.getYear() + 1; y++) {
            int k = days(d, m, y, date);
            best = Math.abs(k) < Math.abs(best) ? k : best;
        }
        return best;
    }

    /** The day {@code d.m.y} less {@code date} when it is that day or one beside it, else {@link #FAR} (also for no such day). */
    private static int days(int d, int m, int y, LocalDate date) {
        if (m < 1 || m > 12 || d < 1 || d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
            return FAR;
        }
        long k = LocalDate.of(y, m, d).toEpochDay() - date.toEpochDay();
        return Math.abs(k) <= 1 ? (int) k : FAR;
    }

    private static Month month(String name) {
        String m = name.toLowerCase(Locale.ROOT).substring(0, 3);
        return switch (m) {
            case "jan" -> Month.JANUARY;
            case "feb" -> Month.FEBRUARY;
            case "mar" -> Month.MARCH;
            case "apr" -> Month.APRIL;
            case "may" -> Month.MAY;
            case "jun" -> Month.JUNE;
            case "jul" -> Month.JULY;
            case "aug" -> Month.AUGUST;
            case "sep" -> Month.SEPTEMBER;
            case "oct" -> Month.OCTOBER;
            case "nov" -> Month.NOVEMBER;
            default -> Month.DECEMBER;
        };
    }
}
