package org.watchkeeper.core.pipeline;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.watchkeeper.ais.nmea.AisStreamDecoder;

/**
 * Receive time from the GNSS sentences a shipborne receiver interleaves with its AIS sentences
 * (SignalK / NMEA multiplexer logs): {@code $--RMC} (UTC time and date, NMEA 0183 "recommended
 * minimum specific GNSS data", fields 1 = hhmmss.ss and 9 = ddmmyy) and {@code $--ZDA} (fields 1 =
 * hhmmss.ss, 2 = day, 3 = month, 4 = year) set the clock; {@code $--GLL} (field 5) and
 * {@code $--GGA} (field 1) give the time of day, used once a date is known (a time of day more than
 * 12 hours before the previous one is taken to be on the next day). A sentence whose {@code *hh}
 * checksum is wrong, or whose time or date does not parse, is ignored.
 *
 * <p>Used as the decoder's receive clock ({@link AisStreamDecoder#setReceiveClock}): an AIS message
 * then carries the newest GNSS time seen before it, {@link Long#MIN_VALUE} before the first one
 * ({@link NmeaInput} treats that as "no time"). The clock reads the {@code $} lines the decoder shows
 * it ({@link AisStreamDecoder#setParametricSentenceHook}) as the decoder reaches them, so the input is
 * split into lines once; a line is parsed only when its sentence formatter is one of the four above
 * (a {@code $PGHP} or {@code $PSTT} line costs four byte comparisons). Not thread safe.
 */
public final class GnssClock {
    private long dayStart = Long.MIN_VALUE;
    private long timeOfDay = Long.MIN_VALUE;
    private long now = Long.MIN_VALUE;
    private long sentences;

    /**
     * @param decoder the decoder whose input this clock reads: it becomes the decoder's receive clock
     *     and parametric-sentence hook, and then needs nothing more (feed the decoder as usual)
     */
    public GnssClock(AisStreamDecoder decoder) {
        decoder.setReceiveClock(this::now);
        decoder.setParametricSentenceHook(this::line);
    }

    /**
     * A clock fed by its caller ({@link #line}), for a reader of lines that does not decode them (the
     * Flink job's watermarks).
     */
    public GnssClock() {
    }

    /**
     * The clock's memory, for keeping it across a restart ({@link #restore}): the date, the time of
     * day, the time and the sentences counted.
     */
    public long[] state() {
        return new long[] {dayStart, timeOfDay, now, sentences};
    }

    /**
     * Resumes from a {@link #state()}; a null or malformed state leaves the clock as it is.
     *
     * @return this
     */
    public GnssClock restore(long[] state) {
        if (state != null && state.length == 4) {
            dayStart = state[0];
            timeOfDay = state[1];
            now = state[2];
            sentences = state[3];
        }
        return this;
    }

    /** The newest GNSS time seen (epoch ms UTC), or {@link Long#MIN_VALUE} before the first. */
    public long now() {
        return now;
    }

    /** GNSS sentences that set or advanced the clock. */
    public long sentences() {
        return sentences;
    }

    /**
     * Reads one input line (as the decoder shows it, without its terminator): a {@code $--RMC},
     * {@code $--ZDA}, {@code $--GLL} or {@code $--GGA} sentence with a good checksum sets or advances the
     * clock, anything else is passed over.
     */
    public void line(byte[] b, int off, int len) {
        if (len > 10 && len < 200 && b[off] == '$') {
            byte k0 = b[off + 3];
            byte k1 = b[off + 4];
            byte k2 = b[off + 5];
            if ((k0 == 'R' && k1 == 'M' && k2 == 'C') || (k0 == 'Z' && k1 == 'D' && k2 == 'A')
                    || (k0 == 'G' && k1 == 'L' && k2 == 'L') || (k0 == 'G' && k1 == 'G' && k2 == 'A')) {
                look(b, off, len);
            }
        }
    }

    private void look(byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        String s = new String(b, off, end - off, java.nio.charset.StandardCharsets.ISO_8859_1);
        int star = s.lastIndexOf('*');
        if (star < 0 || star + 3 > s.length()) {
            return;
        }
        int sum = 0;
        for (int i = 1; i < star; i++) {
            sum ^= s.charAt(i);
        }
        int given;
        try {
            given = Integer.parseInt(s.substring(star + 1, star + 3), 16);
        } catch (NumberFormatException e) {
            return;
        }
        if (given != sum || s.length() < 7) {
            return;
        }
        String kind = s.substring(3, 6);
        String[] f = s.substring(0, star).split(",", -1);
        try {
            switch (kind) {
                case "RMC" -> {
                    if (f.length > 9 && f[9].length() == 6) {
                        int dd = Integer.parseInt(f[9].substring(0, 2));
                        int mm = Integer.parseInt(f[9].substring(2, 4));
                        int yy = Integer.parseInt(f[9].substring(4, 6));
                        set(LocalDate.of(yy < 80 ? 2000 + yy : 1900 + yy, mm, dd), tod(f[1]));
                    }
                }
                case "ZDA" -> {
                    if (f.length > 4) {
                        set(LocalDate.of(Integer.parseInt(f[4]), Integer.parseInt(f[3]), Integer.parseInt(f[2])), tod(f[1]));
                    }
                }
                case "GLL" -> {
                    if (f.length > 5) {
                        advance(tod(f[5]));
                    }
                }
                case "GGA" -> {
                    if (f.length > 1) {
                        advance(tod(f[1]));
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            // a field that does not parse: not a usable time
        }
    }

    /** hhmmss(.sss) → milliseconds of the day; throws on garbage. */
    private static long tod(String t) {
        if (t.length() < 6) {
            throw new IllegalArgumentException("short time");
        }
        int h = Integer.parseInt(t.substring(0, 2));
        int m = Integer.parseInt(t.substring(2, 4));
        double sec = Double.parseDouble(t.substring(4));
        if (h > 23 || m > 59 || !(sec >= 0 && sec < 61)) {
            throw new IllegalArgumentException("time out of range");
        }
        return (h * 3600L + m * 60L) * 1000 + Math.round(sec * 1000);
    }

    private void set(LocalDate date, long tod) {
        dayStart = date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        timeOfDay = tod;
        now = dayStart + tod;
        sentences++;
    }

    private void advance(long tod) {
        if (dayStart == Long.MIN_VALUE) {
            return;
        }
        if (tod < timeOfDay - 12 * 3_600_000L) {
            dayStart += 86_400_000L;
        }
        timeOfDay = tod;
        now = dayStart + tod;
        sentences++;
    }

    /**
     * Whether a line, as the decoder's parametric-sentence hook is given it, may set this clock's
     * date ({@code $--RMC} or {@code $--ZDA}): every line that takes the clock from no time to a time
     * is one (a {@code $--GLL} or {@code $--GGA} only advances a clock that has a date). Used by
     * {@code decode} to decode the rest of a log on one decoder from there ({@code ParallelDecoder.StreamClock}).
     */
    public static boolean setsTime(byte[] b, int off, int len) {
        if (len > 10 && b[off] == '$') {
            byte k0 = b[off + 3];
            byte k1 = b[off + 4];
            byte k2 = b[off + 5];
            return (k0 == 'R' && k1 == 'M' && k2 == 'C') || (k0 == 'Z' && k1 == 'D' && k2 == 'A');
        }
        return false;
    }

    /**
     * Whether the start of an input holds a GNSS time sentence ({@code $--RMC} or {@code $--ZDA}):
     * {@code decode} then decodes it on one thread, as it will be timed by this clock nearly throughout.
     */
    public static boolean present(byte[] head, int len) {
        for (int i = 0; i + 7 <= len; i++) {
            if (head[i] == '$' && head[i + 6] == ','
                    && ((head[i + 3] == 'R' && head[i + 4] == 'M' && head[i + 5] == 'C')
                    || (head[i + 3] == 'Z' && head[i + 4] == 'D' && head[i + 5] == 'A'))) {
                return true;
            }
        }
        return false;
    }
}
