package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import org.watchkeeper.ais.nmea.LineTimes;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.NmeaInput;

/**
 * The receive time a raw NMEA line states about itself, read without decoding it, for event-time
 * watermarks at the Kafka source (one watermark per partition). Recognised, in the decoder's order
 * of preference: the IEC 61162-450 tag block {@code c:} parameter (UNIX time in seconds, or in
 * milliseconds when the value is at least 10<sup>11</sup>), a Gatehouse
 * {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line (the time of the sentence that follows it), and a
 * UNIX epoch of 9-10 (seconds) or 12-13 (milliseconds) digits as the last comma-separated field
 * after the sentence's {@code *hh} checksum; each time by the decoder's rules ({@link LineTimes}).
 *
 * <p>A line of a Watchkeeper server's raw archive carries the archive's tag block
 * {@code \c:<receive ms>,x:<source>*hh\} (those two parameters alone) in front of the line as
 * received, whose own tag block may follow. The archive's {@code c:} is when the server received the
 * line, which for a log the server replayed says nothing of when the message was heard, so it is the
 * time of last resort, as {@code analyze} takes it ({@link org.watchkeeper.core.pipeline.NmeaInput}):
 * the line's own tag block {@code c:}, the {@code $PGHP} line before it and its epoch trailer come
 * first; a {@code !} sentence that has none of them carries the stream's last time, as any line
 * without a time does (analyze gives such a message the newest time of the input before it), and
 * states none; only in a stream whose first {@link NmeaInput#MAX_LEADING} sentences carry no time of
 * their own (the archive of a feed without times) are the archive's stamps its sentences' times, until
 * a time of their own comes. A line holding no sentence (a tag block alone, a record of a reserved
 * source such as {@code x:#userdata}) gives no message, so its archive {@code c:} is no time of it;
 * such a record, as a tag-block-only line, keeps a {@code $PGHP} time armed.
 *
 * <p>A receiver's GNSS sentences ({@code $--RMC}, {@code $--ZDA}, {@code $--GLL}, {@code $--GGA}) run a
 * {@link GnssClock}, the one {@code analyze} and the job's framing time a source by: such a line states
 * the clock's time, and a {@code !} sentence without a tag block {@code c:}, {@code $PGHP} or epoch
 * trailer takes the clock's time (before an archive's stamp), as the decoder gives it, and states none.
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
    /** Whether the last line's time (from {@link #ownTime}) is an archive's stamp, not the line's own. */
    private boolean archiveTime;
    /** Whether a sentence of this stream has had a time of its own (tag block {@code c:}, {@code $PGHP}, trailer). */
    private boolean ownTimes;
    /** Sentences of this stream before its first time of its own (counted up to {@link NmeaInput#MAX_LEADING}). */
    private int leading;
    /** Whether this stream is timed by its archive stamps (no time of its own in its first sentences). */
    private boolean stampsOnly;
    /** The stream's receiver GNSS clock. */
    private final GnssClock gnss = new GnssClock();

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
                archiveTime = false;
            }
            armed = Long.MIN_VALUE;
            if (kind == SENTENCE && (t == Long.MIN_VALUE || archiveTime) && gnss.now() != Long.MIN_VALUE) {
                t = gnss.now(); // the receiver's GNSS clock, before an archive stamp, as in the decoder
                archiveTime = false;
                stated = false; // the GNSS sentence stated it
            }
            if (kind == SENTENCE || kind == TAG_BLOCK) {
                t = sentence(t);
            }
            if (t != Long.MIN_VALUE) {
                last = t;
            }
        }
        return last;
    }

    /**
     * The time of a message's sentence whose own time (or archive stamp) is {@code t}, as analyze gives
     * it: its own time; an archive stamp only in a stream timed by its stamps, else none (the stream's
     * last time is carried).
     */
    private long sentence(long t) {
        if (t != Long.MIN_VALUE && !archiveTime) {
            ownTimes = true;
            return t;
        }
        if (ownTimes) {
            stated = false;
            return Long.MIN_VALUE;
        }
        if (!stampsOnly && t != Long.MIN_VALUE && leading >= NmeaInput.MAX_LEADING) {
            stampsOnly = true; // as analyze: the first MAX_LEADING messages carried no time of their own
        }
        if (leading < NmeaInput.MAX_LEADING) {
            leading++;
        }
        if (stampsOnly) {
            return t;
        }
        stated = false;
        return Long.MIN_VALUE;
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
    /** A {@code !} sentence without a tag block time of its own. */
    private static final int SENTENCE = 4;
    /** What {@link #of} found on the last line of this thread's clock (see {@link #next}). */
    private int kind;

    LineTime() {
    }

    /**
     * The time the line states on its own (epoch ms UTC), or {@link Long#MIN_VALUE} when it states none:
     * for a sentence of a server's raw archive without a time of its own, the archive's stamp, which
     * {@link #next} takes only in a stream timed by its stamps.
     */
    static long of(String line) {
        return new LineTime().ownTime(line);
    }

    private long ownTime(String line) {
        kind = OTHER;
        checksum = -1;
        archiveTime = false;
        int n = line.length();
        int p = 0;
        while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        // tag blocks one after the other read as one, the later one's c: winning (as the decoder's
        // TagBlock.nested); a server archive's own (c: and x: alone) gives only the stamp of last resort
        long tagTime = Long.MIN_VALUE;
        long stamp = Long.MIN_VALUE;
        boolean reserved = false;
        // the decoder shows its GNSS clock a $ line only without leading blanks or a tag block other than an archive's
        boolean plain = p == 0;
        while (p < n && line.charAt(p) == '\\') {
            int close = line.indexOf('\\', p + 1);
            if (close < 0) {
                return Long.MIN_VALUE;
            }
            long c = tagBlock(line, p + 1, close);
            if (archiveStamp) {
                if (c != Long.MIN_VALUE) {
                    stamp = c;
                }
                reserved = archiveReserved;
            } else {
                plain = false;
                if (c != Long.MIN_VALUE) {
                    tagTime = c;
                }
            }
            p = close + 1;
        }
        while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        if (tagTime != Long.MIN_VALUE) {
            kind = p >= n ? BLANK : TAG_BLOCK;
            return tagTime;
        }
        if (p >= n) {
            kind = BLANK;
            return Long.MIN_VALUE;
        }
        char start = line.charAt(p);
        if (start != '!' && start != '$') {
            if (reserved) {
                kind = BLANK; // a server archive's own record: passed over, as a tag-block-only line
            }
            return Long.MIN_VALUE;
        }
        if (line.startsWith("$PGHP,", p)) {
            kind = PGHP;
            return pghp(line, p + 6, n);
        }
        if (start == '!') {
            kind = SENTENCE;
        } else if (plain && gnssSentence(line, p, n)) {
            long before = gnss.sentences();
            byte[] b = line.substring(p).getBytes(StandardCharsets.ISO_8859_1);
            gnss.line(b, 0, b.length);
            return gnss.sentences() != before ? gnss.now() : Long.MIN_VALUE;
        }
        int star = line.indexOf('*', p);
        if (star >= 0 && star + 2 < n) {
            int hi = Character.digit(line.charAt(star + 1), 16);
            int lo = Character.digit(line.charAt(star + 2), 16);
            checksum = hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
        }
        long trailer = Long.MIN_VALUE;
        if (star >= 0 && star + 3 < n && line.charAt(star + 3) == ',') {
            int s = n;
            while (s > star + 3 && line.charAt(s - 1) != ',') {
                s--;
            }
            long v = number(line, s, n);
            trailer = v < 0 ? Long.MIN_VALUE : LineTimes.trailerMillis(v, n - s);
        }
        if (trailer != Long.MIN_VALUE) {
            return trailer;
        }
        // only a message's sentence may take the archive's receive stamp, and a $PGHP time armed before it
        // still wins (see next), as does the stream's last time where it has times of its own (see sentence)
        archiveTime = start == '!' && stamp != Long.MIN_VALUE;
        return start == '!' ? stamp : Long.MIN_VALUE;
    }

    /** Whether the line holds, from {@code p}, a sentence the GNSS clock reads ({@code $--RMC}, ZDA, GLL, GGA). */
    private static boolean gnssSentence(String line, int p, int n) {
        if (n - p <= 10) {
            return false;
        }
        String f = line.substring(p + 3, p + 6);
        return f.equals("RMC") || f.equals("ZDA") || f.equals("GLL") || f.equals("GGA");
    }

    /** Whether the tag block {@link #tagBlock} read last is a server archive's (c: and x: alone). */
    private boolean archiveStamp;
    /** Whether that archive tag block's {@code x:} names a reserved source (starting with {@code #}). */
    private boolean archiveReserved;

    /**
     * {@code c:} of a tag block's parameters between {@code from} and {@code to} (the closing backslash),
     * MIN_VALUE when it has none or a malformed one; notes whether it is a server archive's
     * ({@link #archiveStamp}: an {@code x:} and no other parameter than {@code c:}).
     */
    private long tagBlock(String line, int from, int to) {
        int star = line.lastIndexOf('*', to);
        int end = star >= from ? star : to;
        long time = Long.MIN_VALUE;
        boolean timeSeen = false;
        boolean x = false;
        boolean other = false;
        boolean reservedX = false;
        int i = from;
        while (i < end) {
            int comma = line.indexOf(',', i);
            if (comma < 0 || comma > end) {
                comma = end;
            }
            if (comma - i >= 2 && line.charAt(i + 1) == ':' && line.charAt(i) == 'c') {
                if (!timeSeen) {
                    long v = number(line, i + 2, comma);
                    time = v < 0 ? Long.MIN_VALUE : LineTimes.tagBlockMillis(v);
                    timeSeen = true;
                }
            } else if (comma - i >= 2 && line.charAt(i + 1) == ':' && line.charAt(i) == 'x') {
                x = true;
                reservedX = comma - i > 2 && line.charAt(i + 2) == '#';
            } else {
                other = true;
            }
            i = comma + 1;
        }
        archiveStamp = x && !other;
        archiveReserved = archiveStamp && reservedX;
        return time;
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
