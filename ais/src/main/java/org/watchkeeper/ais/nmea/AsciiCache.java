package org.watchkeeper.ais.nmea;

import java.nio.charset.StandardCharsets;

/**
 * A small direct-mapped cache of short strings made from bytes (talkers, sentence addresses, tag
 * block sources), so that recurring values are not allocated again for every line. Bounded: a
 * colliding value replaces the cached one.
 */
final class AsciiCache {
    private final String[] table;
    private final int mask;

    AsciiCache(int sizePowerOfTwo) {
        table = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String get(byte[] b, int off, int len) {
        int h = len;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        int idx = (h ^ (h >>> 16)) & mask;
        String s = table[idx];
        if (s != null && s.length() == len) {
            int i = 0;
            while (i < len && s.charAt(i) == (char) (b[off + i] & 0xff)) {
                i++;
            }
            if (i == len) {
                return s;
            }
        }
        s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        table[idx] = s;
        return s;
    }
}
