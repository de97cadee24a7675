package org.watchkeeper.server;

import org.watchkeeper.ais.nmea.LineTimes;

/**
 * The time a raw line carries, for pacing a replay: the tag block {@code c:}, the time of a Gatehouse
 * {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line (UTC; it times the sentence after it, as in the DMA
 * logs), or an epoch field last after the checksum (as the AMSA and USCG logs have), each by the
 * decoder's rules ({@link LineTimes}). A cheap scan: the decoder reads the time again properly.
 */
final class LineTime {
    private LineTime() {
    }

    /** @return epoch ms, or {@code Long.MIN_VALUE} when the line carries none */
    static long of(byte[] b) {
        if (b.length > 3 && b[0] == '\\') {
            for (int i = 1; i + 2 < b.length && b[i] != '*' && b[i] != '\\'; i++) {
                if (b[i] == 'c' && b[i + 1] == ':' && (b[i - 1] == '\\' || b[i - 1] == ',')) {
                    long v = digits(b, i + 2);
                    return v < 0 ? Long.MIN_VALUE : LineTimes.tagBlockMillis(v);
                }
            }
            return Long.MIN_VALUE;
        }
        if (b.length > 6 && b[0] == '$' && b[1] == 'P' && b[2] == 'G' && b[3] == 'H' && b[4] == 'P' && b[5] == ',') {
            return pghp(b);
        }
        int star = -1;
        for (int i = b.length - 1; i >= 0; i--) {
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
    private static long pghp(byte[] b) {
        int[] f = new int[8];
        int i = 6;
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
