package org.watchkeeper.flink;

import org.watchkeeper.ais.nmea.LineTimes;

/**
 * The receive time a raw NMEA line states about itself, read without decoding it, for event-time
 * watermarks at the Kafka source (one watermark per partition). Recognised, in the decoder's order
 * of preference: the IEC 61162-450 tag block {@code c:} parameter (UNIX time in seconds, or in
 * milliseconds when the value is at least 10<sup>11</sup>), a Gatehouse
 * {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line (the time of the sentence that follows it), and a
 * UNIX epoch of 9-10 (seconds) or 12-13 (milliseconds) digits as the last comma-separated field
 * after the sentence's {@code *hh} checksum; each time by the decoder's rules ({@link LineTimes}).
 *
 * <p>A watermark only needs a lower bound of the times still to come: a line whose time is not
 * recognised takes the last time of its partition, which can only hold the watermark back, never
 * push it past an observation. Such a line, and a sentence that takes the time of the {@code $PGHP}
 * line before it, does not state a time of its own ({@link #stated()}): the watermarks judge each
 * stated time once ({@link StrayTimeWatermarks}). Checksums are not verified here; the decoder does
 * that for the observations themselves.
 */
final class LineTime {
    private long last = Long.MIN_VALUE;
    private long armed = Long.MIN_VALUE;
    private int armedRef = -1;
    /** Checksum of the sentence on the last line ({@code *hh}), -1 when none. */
    private int checksum;
    /** Checksum reference of the last {@code $PGHP} line, -1 when none. */
    private int pghpRef;

    /**
     * The time of the next line of one stream (one Kafka partition): the time it states, where a
     * {@code $PGHP} line before it takes precedence over its trailer (as in the decoder), else the
     * last time of the stream; {@link Long#MIN_VALUE} before any.
     */
    long next(String line) {
        long t = ownTime(line);
        stated = t != Long.MIN_VALUE;
        if (kind == PGHP) {
            armed = t;
            armedRef = pghpRef;
            if (t != Long.MIN_VALUE) {
                last = t;
            }
        } else if (kind == BLANK) {
            // blank lines and lines holding only a tag block keep a $PGHP time armed
            if (t != Long.MIN_VALUE) {
                last = t;
            }
        } else {
            // as in the decoder: a $PGHP time applies when its checksum reference is absent or matches
            if (kind != TAG_BLOCK && armed != Long.MIN_VALUE && (armedRef < 0 || armedRef == checksum)) {
                t = armed;
                stated = false; // the $PGHP line stated it
            }
            armed = Long.MIN_VALUE;
            if (t != Long.MIN_VALUE) {
                last = t;
            }
        }
        return last;
    }

    /**
     * Whether the line last given to {@link #next} stated a time of its own (tag block {@code c:}, a
     * {@code $PGHP} line, an epoch trailer), which {@link #next} returned; false when it returned the
     * stream's last time, or the time of the {@code $PGHP} line before it.
     */
    boolean stated() {
        return stated;
    }

    private boolean stated;

    private static final int OTHER = 0;
    private static final int TAG_BLOCK = 1;
    private static final int PGHP = 2;
    private static final int BLANK = 3;
    /** What {@link #of} found on the last line of this thread's clock (see {@link #next}). */
    private int kind;

    LineTime() {
    }

    /** The line's own time (epoch ms UTC), or {@link Long#MIN_VALUE} when it states none. */
    static long of(String line) {
        return new LineTime().ownTime(line);
    }

    private long ownTime(String line) {
        kind = OTHER;
        checksum = -1;
        int n = line.length();
        int p = 0;
        while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        if (p < n && line.charAt(p) == '\\') {
            int close = line.indexOf('\\', p + 1);
            if (close < 0) {
                return Long.MIN_VALUE;
            }
            long c = tagBlockTime(line, p + 1, close);
            p = close + 1;
            while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
                p++;
            }
            if (c != Long.MIN_VALUE) {
                kind = p >= n ? BLANK : TAG_BLOCK;
                return c;
            }
        }
        if (p >= n) {
            kind = BLANK;
            return Long.MIN_VALUE;
        }
        if (line.startsWith("$PGHP,", p)) {
            kind = PGHP;
            return pghp(line, p + 6, n);
        }
        int star = line.indexOf('*', p);
        if (star >= 0 && star + 2 < n) {
            int hi = Character.digit(line.charAt(star + 1), 16);
            int lo = Character.digit(line.charAt(star + 2), 16);
            checksum = hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
        }
        if (star < 0 || star + 3 >= n || line.charAt(star + 3) != ',') {
            return Long.MIN_VALUE;
        }
        int s = n;
        while (s > star + 3 && line.charAt(s - 1) != ',') {
            s--;
        }
        long v = number(line, s, n);
        return v < 0 ? Long.MIN_VALUE : LineTimes.trailerMillis(v, n - s);
    }

    /** {@code c:} of a tag block's parameters between {@code from} and {@code to} (the closing backslash). */
    private static long tagBlockTime(String line, int from, int to) {
        int star = line.lastIndexOf('*', to);
        int end = star >= from ? star : to;
        int i = from;
        while (i < end) {
            int comma = line.indexOf(',', i);
            if (comma < 0 || comma > end) {
                comma = end;
            }
            if (comma - i >= 3 && line.charAt(i) == 'c' && line.charAt(i + 1) == ':') {
                long v = number(line, i + 2, comma);
                if (v < 0) {
                    return Long.MIN_VALUE;
                }
                return LineTimes.tagBlockMillis(v);
            }
            i = comma + 1;
        }
        return Long.MIN_VALUE;
    }

    /** {@code 1,yyyy,mm,dd,hh,mm,ss,ms} from {@code from}; MIN_VALUE when malformed. */
    private long pghp(String line, int from, int n) {
        int[] f = new int[8];
        int i = from;
        for (int k = 0; k < 8; k++) {
            int comma = line.indexOf(',', i);
            if (comma < 0 || comma == i || comma - i > 6) {
                return Long.MIN_VALUE;
            }
            long v = number(line, i, comma);
            if (v < 0) {
                return Long.MIN_VALUE;
            }
            f[k] = (int) v;
            i = comma + 1;
        }
        long time = LineTimes.pghpMillis(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
        if (time == LineTimes.NONE) {
            return Long.MIN_VALUE;
        }
        int star = line.indexOf('*', i);
        int lastComma = line.lastIndexOf(',', star < 0 ? n : star);
        int end = star < 0 ? n : star;
        pghpRef = -1;
        if (end - lastComma == 3) {
            int hi = Character.digit(line.charAt(lastComma + 1), 16);
            int lo = Character.digit(line.charAt(lastComma + 2), 16);
            if (hi >= 0 && lo >= 0 && (hi << 4 | lo) != 0) {
                pghpRef = hi << 4 | lo;
            }
        }
        return time;
    }

    /** Unsigned decimal between from and to (at most 18 digits), or -1. */
    private static long number(String s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
