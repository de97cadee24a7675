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
    static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    static final long COLONS = 0x3A3A3A3A3A3A3A3AL;

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

    private static final long ZEROS = 0x3030303030303030L;
    private static final long DIGIT_LIMITS = 0x7676767676767676L;
    private static final long LOW4 = 0x0F0F0F0F0F0F0F0FL;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    /** Number (0..8) of ASCII decimal digits at the start (lowest bytes) of {@code w}. */
    static int leadingDigits(long w) {
        long x = w ^ ZEROS; // a digit becomes 0..9, any other byte something else
        long notDigit = (((x & LOW7) + DIGIT_LIMITS) | x) & HIGHS; // byte >= 0x0A or high bit set
        return Long.numberOfTrailingZeros(notDigit) >>> 3 & 15; // 64 >>> 3 = 8: all digits
    }

    /**
     * The value of the first {@code n} (1..8) bytes of {@code w}, which are ASCII decimal digits,
     * the lowest byte being the most significant digit.
     */
    static long digitsValue(long w, int n) {
        long x = ((w ^ ZEROS) << ((8 - n) << 3)) & LOW4; // the digits in the top n bytes, zeros below
        x = (x * (10 * 256 + 1)) >>> 8; // pairs of digits in every other byte
        x = ((x & 0x00FF00FF00FF00FFL) * (100 * 65536 + 1)) >>> 16; // groups of four in 16 bits
        return ((x & 0x0000FFFF0000FFFFL) * (10000L * (1L << 32) + 1)) >>> 32; // all eight
    }

    /** 10 to the power {@code n}, 0 <= n <= 8. */
    static long powerOfTen(int n) {
        return POWERS_OF_TEN[n];
    }
}
