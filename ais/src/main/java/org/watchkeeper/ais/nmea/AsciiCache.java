package org.watchkeeper.ais.nmea;

import java.nio.charset.StandardCharsets;

/**
 * A small direct-mapped cache of short strings made from bytes (talkers, sentence addresses, tag
 * block sources), so that recurring values are not allocated again for every line. Bounded: a
 * colliding value replaces the cached one. A value of at most eight bytes is looked up by its bytes
 * read as one word (its own table), so a hit costs a multiply and two compares; longer values by a
 * hash of their bytes and a character comparison.
 */
final class AsciiCache {
    private final String[] table;
    private final int mask;

    /** Values of 1..8 bytes and their bytes as a little-endian word, zero above the value. */
    private final String[] shortTable;
    private final long[] shortKeys;
    private final int shortShift;

    AsciiCache(int sizePowerOfTwo) {
        table = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
        shortTable = new String[sizePowerOfTwo];
        shortKeys = new long[sizePowerOfTwo];
        shortShift = 64 - Integer.numberOfTrailingZeros(sizePowerOfTwo);
    }

    String get(byte[] b, int off, int len) {
        if (len >= 1 && len <= 8 && off + 8 <= b.length) {
            // equal lengths and equal words mean equal bytes
            long key = Swar.word(b, off) & (-1L >>> (8 * (8 - len)));
            int idx = (int) ((key * 0x9E3779B97F4A7C15L) >>> shortShift); // the top bits depend on every byte
            String s = shortTable[idx];
            if (s != null && shortKeys[idx] == key && s.length() == len) {
                return s;
            }
            s = new String(b, off, len, StandardCharsets.ISO_8859_1);
            shortTable[idx] = s;
            shortKeys[idx] = key;
            return s;
        }
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
