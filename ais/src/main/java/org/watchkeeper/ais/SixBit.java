package org.watchkeeper.ais;

/**
 * The two 6-bit alphabets of AIS: the NMEA payload armour (IEC 61162-1, ITU-R M.1371-5 Annex 8
 * Table 48 of the encapsulation) and the 6-bit ASCII used for text fields (ITU-R M.1371-5 Table 47).
 */
public final class SixBit {
    private static final byte[] ARMOUR_VALUE = new byte[256];
    private static final char[] TEXT = new char[64];

    static {
        java.util.Arrays.fill(ARMOUR_VALUE, (byte) -1);
        for (int c = '0'; c <= 'W'; c++) {
            ARMOUR_VALUE[c] = (byte) (c - 48);
        }
        for (int c = '`'; c <= 'w'; c++) {
            ARMOUR_VALUE[c] = (byte) (c - 56);
        }
        for (int v = 0; v < 64; v++) {
            TEXT[v] = (char) (v < 32 ? v + 64 : v);
        }
    }

    private SixBit() {
    }

    /** The 6-bit value (0..63) of an armour character, or -1 if the byte is not a legal armour character. */
    public static int value(byte armour) {
        return ARMOUR_VALUE[armour & 0xff];
    }

    /**
     * Whether every byte of {@code b[off, off + len)} is an armour character (see {@link #value}),
     * eight bytes at a time.
     */
    public static boolean validArmour(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int i = 0;
        long bad = 0L;
        for (; i + 8 <= len; i += 8) {
            bad |= BitReader.invalidArmour(BitReader.word(b, off + i));
        }
        for (; i < len; i++) {
            bad |= ARMOUR_VALUE[b[off + i] & 0xff] < 0 ? 1 : 0;
        }
        return bad == 0L;
    }

    /** The armour character for a 6-bit value 0..63. */
    public static char armour(int value) {
        return (char) (value < 40 ? value + 48 : value + 56);
    }

    /** The character a 6-bit text code (0..63) stands for (Table 47: 0 = {@code @}, 1..26 = A..Z, 32 = space, ...). */
    public static char toAscii(int code) {
        return TEXT[code & 63];
    }

    /**
     * The 6-bit text code of a character, or -1 when it cannot be represented. Lower-case letters map
     * to their upper-case codes.
     */
    public static int fromAscii(char c) {
        if (c >= 'a' && c <= 'z') {
            c = (char) (c - 32);
        }
        if (c >= 64 && c <= 95) {
            return c - 64;
        }
        if (c >= 32 && c <= 63) {
            return c;
        }
        return -1;
    }
}
