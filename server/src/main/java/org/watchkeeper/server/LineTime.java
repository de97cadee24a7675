package org.watchkeeper.server;

import org.watchkeeper.ais.nmea.LineTimes;

/**
 * The time a raw line carries, for pacing a replay: the tag block {@code c:}, the time of a Gatehouse
 * {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line (UTC; it times the sentence after it, as in the DMA
 * logs), or an epoch field last after the checksum (as the AMSA and USCG logs have), each by the
 * decoder's rules ({@link LineTimes}). A cheap scan: the decoder reads the time again properly.
 *
 * <p>A line of a server's raw archive ({@link RawArchive}) begins with the archive's tag block
 * {@code \c:<ms>,x:<source>*hh\} (those two parameters alone), whose {@code c:} is when the server received it: the time is then
 * the one the line behind it carries, and the archive's {@code c:} only when it carries none (as the
 * decoder takes it, {@link org.watchkeeper.ais.nmea.TimeSource#ARCHIVE}), so that a log replayed from
 * an archive is paced by its own times.
 */
final class LineTime {
    private LineTime() {
    }

    /** @return epoch ms, or {@code Long.MIN_VALUE} when the line carries none */
    static long of(byte[] b) {
        return of(b, 0);
    }

    /** The time of the line from {@code b[from]} on. */
    private static long of(byte[] b, int from) {
        if (b.length > from + 3 && b[from] == '\\') {
            long c = Long.MIN_VALUE;
            boolean x = false;
            boolean other = false;
            int i = from + 1;
            for (; i + 1 < b.length && b[i] != '*' && b[i] != '\\'; i++) {
                if (b[i - 1] != '\\' && b[i - 1] != ',') {
                    continue;
                }
                if (b[i + 1] == ':' && b[i] == 'c' && c == Long.MIN_VALUE) {
                    long v = digits(b, i + 2);
                    c = v < 0 ? Long.MIN_VALUE : LineTimes.tagBlockMillis(v);
                } else if (b[i + 1] == ':' && b[i] == 'x') {
                    x = true;
                } else {
                    other = true;
                }
            }
            if (!x || other || c == Long.MIN_VALUE) {
                return c; // not the archive's c: and x: alone
            }
            while (i < b.length && b[i] != '\\') {
                i++; // the archive's tag block ends at its closing backslash
            }
            long own = i + 1 < b.length ? of(b, i + 1) : Long.MIN_VALUE;
            return own != Long.MIN_VALUE ? own : c;
        }
        if (b.length > from + 6 && b[from] == '$' && b[from + 1] == 'P' && b[from + 2] == 'G' && b[from + 3] == 'H'
                && b[from + 4] == 'P' && b[from + 5] == ',') {
            return pghp(b, from);
        }
        int star = -1;
        for (int i = b.length - 1; i >= from; i--) {
            if (b[i] == '*') {
                star = i;
                break;
            }
        }
        if (star < 0) {
            return Long.MIN_VALUE;
        }
        int comma = -1;
        for (int i = b.length - 1; i > star; i--) {
            if (b[i] == ',') {
                comma = i;
                break;
            }
        }
        if (comma < 0) {
            return Long.MIN_VALUE;
        }
        long v = digits(b, comma + 1);
        return v < 0 ? Long.MIN_VALUE : LineTimes.trailerMillis(v, digitCount(b, comma + 1));
    }

    /** {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...}: the date and time fields as epoch ms, or MIN_VALUE when malformed. */
    private static long pghp(byte[] b, int from) {
        int[] f = new int[8];
        int i = from + 6;
        for (int k = 0; k < 8; k++) {
            int v = 0;
            int n = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9' && n < 6) {
                v = v * 10 + (b[i++] - '0');
                n++;
            }
            if (n == 0 || i >= b.length || b[i] != ',') {
                return Long.MIN_VALUE;
            }
            f[k] = v;
            i++;
        }
        return LineTimes.pghpMillis(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
    }

    /** The decimal number of the digits from {@code from} (1-18 of them, up to the first non-digit), or -1. */
    private static long digits(byte[] b, int from) {
        int n = digitCount(b, from);
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < from + n; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static int digitCount(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - from;
    }
}
