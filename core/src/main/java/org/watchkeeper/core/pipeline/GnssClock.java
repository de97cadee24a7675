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
 * ({@link NmeaInput} treats that as "no time"). {@link #feed} splits the input into lines, looks
 * at each, and hands it to the decoder, so it is only used for inputs that hold GNSS sentences
 * (the decoder's own line splitting is faster). Not thread safe.
 */
public final class GnssClock {
    private final AisStreamDecoder decoder;
    private final byte[] carry;
    private int carryLen;
    private boolean overlong;
    private boolean lastWasCr;
    private long dayStart = Long.MIN_VALUE;
    private long timeOfDay = Long.MIN_VALUE;
    private long now = Long.MIN_VALUE;
    private long sentences;

    /**
     * @param decoder the decoder the lines go to; this clock becomes its receive clock
     */
    public GnssClock(AisStreamDecoder decoder) {
        this.decoder = decoder;
        this.carry = new byte[decoder.options().maxLineLength() + 1];
        decoder.setReceiveClock(this::now);
    }

    /** The newest GNSS time seen (epoch ms UTC), or {@link Long#MIN_VALUE} before the first. */
    public long now() {
        return now;
    }

    /** GNSS sentences that set or advanced the clock. */
    public long sentences() {
        return sentences;
    }

    /** Feeds raw bytes (any line terminators); a partial last line waits for the next call or {@link #finish()}. */
    public void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            byte c = buf[i];
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (c == '\n' && lastWasCr && i == start && carryLen == 0 && !overlong) {
                lastWasCr = false;
                start = i + 1;
                continue;
            }
            lastWasCr = c == '\r';
            if (carryLen == 0 && !overlong) {
                line(buf, start, i - start);
            } else {
                append(buf, start, i - start);
                line(carry, 0, carryLen);
                carryLen = 0;
                overlong = false;
            }
            start = i + 1;
        }
        if (start < end) {
            lastWasCr = false;
            append(buf, start, end - start);
        }
    }

    /** Ends the input: hands over a last line without terminator and finishes the decoder. */
    public void finish() {
        if (carryLen > 0) {
            line(carry, 0, carryLen);
            carryLen = 0;
        }
        overlong = false;
        decoder.finish();
    }

    private void append(byte[] buf, int off, int len) {
        int n = Math.min(len, carry.length - carryLen);
        System.arraycopy(buf, off, carry, carryLen, n);
        carryLen += n;
        overlong |= n < len;
    }

    private void line(byte[] b, int off, int len) {
        if (len > 10 && b[off] == '$' && len < 200) {
            look(b, off, len);
        }
        decoder.line(b, off, len);
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
     * Whether the start of an input holds a GNSS time sentence ({@code $--RMC} or {@code $--ZDA}), so
     * that it is worth reading through this clock.
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
