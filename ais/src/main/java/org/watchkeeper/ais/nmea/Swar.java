package org.watchkeeper.ais.nmea;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scanning eight bytes at a time ("SIMD within a register"): a line is read as little-endian
 * 64-bit words and each word is searched for a byte value with a few integer operations, so the
 * per-byte loops over every input line (line ends, checksum, field commas) take one step per eight
 * bytes.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    static final long STARS = 0x2A2A2A2A2A2A2A2AL;
    static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    static final long CRS = 0x0D0D0D0D0D0D0D0DL;

    private Swar() {
    }

    /** Bytes {@code i..i+7} of {@code b} as a little-endian word (byte {@code i} lowest). */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** 0x80 in every byte of {@code w} that equals the byte repeated in {@code pattern}, 0 elsewhere (exact, no false positives). */
    static long match(long w, long pattern) {
        long x = w ^ pattern;
        long t = (x & LOW7) + LOW7;
        return ~(t | x | LOW7);
    }

    /** Bytes below this are control characters for {@link #controls} (LF, CR, tab and the rest of 0x00-0x0D). */
    static final int CONTROL_LIMIT = 0x0E;
    private static final long CONTROL_LIMITS = 0x0E0E0E0E0E0E0E0EL;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * 0x80 in the lowest byte of {@code w} below {@link #CONTROL_LIMIT} (and possibly in higher
     * bytes, which may be false positives: a borrow from a flagged byte can flag the next one); 0 if
     * no byte is below it. The lowest flag is exact: the bytes under it are at least 0x0E, so no
     * borrow reaches it. One test covers both line ends, CR and LF.
     */
    static long controls(long w) {
        return (w - CONTROL_LIMITS) & ~w & HIGHS;
    }

    /** Index in the word (0..7) of the lowest byte flagged in a non-zero {@link #match} result. */
    static int firstByte(long matches) {
        return Long.numberOfTrailingZeros(matches) >>> 3;
    }

    /** XOR of the eight bytes of a word (in the low byte). */
    static int xorBytes(long w) {
        w ^= w >>> 32;
        w ^= w >>> 16;
        w ^= w >>> 8;
        return (int) w & 0xff;
    }

    /** XOR of the bytes {@code b[from, to)} (0..255). */
    static int xor(byte[] b, int from, int to) {
        long xw = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            xw ^= word(b, i);
        }
        int x = xorBytes(xw);
        for (; i < to; i++) {
            x ^= b[i] & 0xff;
        }
        return x;
    }

    /** The byte {@code '0'} in every byte: a word XOR this holds the digit values 0..9 of ASCII digits. */
    static final long ZEROS = 0x3030303030303030L;
    private static final long LOW_NIBBLES_MAX = 0x0606060606060606L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

    /**
     * Whether every byte of {@code d} under {@code mask} (0xFF bytes) is 0..9, {@code d} being a word
     * XOR {@link #ZEROS} and masked, i.e. whether those bytes of the word were ASCII digits. A byte
     * above 9 has a high nibble, or gets one when 6 is added; a carry out of it can only flag a
     * higher byte, which does not change the answer.
     */
    static boolean allDigits(long d, long mask) {
        return (((d + LOW_NIBBLES_MAX) | d) & HIGH_NIBBLES & mask) == 0;
    }

    /**
     * The number written by eight decimal digit values (0..9, one per byte, the most significant in
     * the lowest byte, as read from text): 0..99 999 999. Leading zero bytes are leading zeros.
     */
    static int decimal(long d) {
        d = (d * 10 + (d >>> 8)) & 0x00FF00FF00FF00FFL; // pairs of digits, 0..99 in each 16 bits
        d = (d * 100 + (d >>> 16)) & 0x0000FFFF0000FFFFL; // fours, 0..9999 in each 32 bits
        return (int) (d * 10000 + (d >>> 32)); // the low 32 bits
    }

    /** Index of the first byte of {@code b[from, to)} equal to the byte repeated in {@code pattern}, or -1. */
    static int indexOf(byte[] b, int from, int to, long pattern) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = match(word(b, i), pattern);
            if (m != 0) {
                return i + firstByte(m);
            }
        }
        byte c = (byte) pattern;
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first LF or CR in {@code b[from, end)}, or {@code end}. */
    static int lineEnd(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = word(b, i);
            long m = match(w, LFS) | match(w, CRS);
            if (m != 0) {
                return i + firstByte(m);
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return end;
    }
}
