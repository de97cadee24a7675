package org.watchkeeper.server;

/**
 * The time a raw line carries, for pacing a replay: the tag block {@code c:} (seconds below
 * 10<sup>11</sup>, else milliseconds, as {@code org.watchkeeper.ais.nmea.TagBlock} reads it), the
 * time of a Gatehouse {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...} line (UTC; it times the sentence after
 * it, as in the DMA logs), or a last field of 9-13 digits after the checksum (epoch seconds or
 * milliseconds, as the AMSA and USCG logs have). A cheap scan: the decoder reads the time again
 * properly.
 */
final class LineTime {
    private LineTime() {
    }

    /** @return epoch ms, or {@code Long.MIN_VALUE} when the line carries none */
    static long of(byte[] b) {
        if (b.length > 3 && b[0] == '\\') {
            for (int i = 1; i + 2 < b.length && b[i] != '*' && b[i] != '\\'; i++) {
                if (b[i] == 'c' && b[i + 1] == ':' && (b[i - 1] == '\\' || b[i - 1] == ',')) {
                    return digits(b, i + 2);
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
        return comma < 0 ? Long.MIN_VALUE : digits(b, comma + 1);
    }

    /** {@code $PGHP,1,yyyy,mm,dd,hh,mm,ss,ms,...}: the date and time fields as epoch ms, or MIN_VALUE when malformed. */
    private static long pghp(byte[] b) {
        int[] f = new int[8];
        int i = 6;
        for (int k = 0; k < 8; k++) {
            int v = 0;
            int n = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9' && n < 5) {
                v = v * 10 + (b[i++] - '0');
                n++;
            }
            if (n == 0 || i >= b.length || b[i] != ',') {
                return Long.MIN_VALUE;
            }
            f[k] = v;
            i++;
        }
        if (f[0] != 1 || f[1] < 1970 || f[1] > 2200 || f[2] < 1 || f[2] > 12 || f[3] < 1
                || f[3] > java.time.YearMonth.of(f[1], f[2]).lengthOfMonth() || f[4] > 23 || f[5] > 59 || f[6] > 60
                || f[7] > 999) {
            return Long.MIN_VALUE;
        }
        long days = java.time.LocalDate.of(f[1], f[2], f[3]).toEpochDay();
        return ((days * 24 + f[4]) * 60 + f[5]) * 60_000L + f[6] * 1000L + f[7];
    }

    private static long digits(byte[] b, int from) {
        long v = 0;
        int n = 0;
        for (int i = from; i < b.length && b[i] >= '0' && b[i] <= '9'; i++, n++) {
            v = v * 10 + (b[i] - '0');
        }
        if (n < 9 || n > 13) {
            return Long.MIN_VALUE;
        }
        return v < 100_000_000_000L ? v * 1000 : v;
    }
}
