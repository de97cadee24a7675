package org.watchkeeper.server;

/**
 * The time a raw line carries, for pacing a replay: the tag block {@code c:} (seconds below
 * 10<sup>11</sup>, else milliseconds, as {@code org.watchkeeper.ais.nmea.TagBlock} reads it) or a last
 * field of 9-13 digits after the checksum (epoch seconds or milliseconds, as the AMSA and USCG logs
 * have). A cheap scan: the decoder reads the time again properly.
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
