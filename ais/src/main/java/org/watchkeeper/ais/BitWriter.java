package org.watchkeeper.ais;

/**
 * Builds an AIS payload field by field, in the order and widths of the ITU-R M.1371-5 tables, and
 * armours it for NMEA (the inverse of {@link BitReader}). Used by the encoder and the simulator.
 */
public final class BitWriter {
    private long[] words = new long[8];
    private int bits;

    /** Appends the low {@code width} bits (0..64) of {@code value}, most significant first. */
    public BitWriter unsigned(int width, long value) {
        if (width <= 0) {
            return this;
        }
        ensure(bits + width);
        for (int i = width - 1; i >= 0; i--) {
            if (((value >>> i) & 1L) != 0) {
                int p = bits;
                words[p >>> 6] |= 1L << (63 - (p & 63));
            }
            bits++;
        }
        return this;
    }

    /** Appends a two's-complement signed field of {@code width} bits. */
    public BitWriter signed(int width, long value) {
        return unsigned(width, value & (width == 64 ? -1L : (1L << width) - 1));
    }

    /** Appends a one-bit flag. */
    public BitWriter bool(boolean value) {
        return unsigned(1, value ? 1 : 0);
    }

    /**
     * Appends {@code chars} characters of 6-bit text (Table 47), padding with {@code @}. Characters
     * that 6-bit ASCII cannot represent are written as {@code ?}; text longer than {@code chars} is cut.
     */
    public BitWriter text(int chars, String text) {
        String s = text == null ? "" : text;
        for (int i = 0; i < chars; i++) {
            int code = 0;
            if (i < s.length()) {
                code = SixBit.fromAscii(s.charAt(i));
                if (code < 0) {
                    code = '?';
                }
            }
            unsigned(6, code);
        }
        return this;
    }

    /** Appends the first {@code count} bits of {@code data} (most significant bit of byte 0 first). */
    public BitWriter bytes(byte[] data, int count) {
        for (int i = 0; i < count; i++) {
            int b = data[i >>> 3] & 0xff;
            unsigned(1, (b >>> (7 - (i & 7))) & 1);
        }
        return this;
    }

    /** Number of bits written so far. */
    public int length() {
        return bits;
    }

    /** Fill bits needed to complete the last 6-bit symbol (0..5). */
    public int fillBits() {
        return (6 - bits % 6) % 6;
    }

    /** The armoured payload (fill bits set to zero). */
    public String armoured() {
        int symbols = (bits + 5) / 6;
        StringBuilder sb = new StringBuilder(symbols);
        for (int s = 0; s < symbols; s++) {
            int v = 0;
            for (int k = 0; k < 6; k++) {
                int p = s * 6 + k;
                int bit = p < bits ? (int) ((words[p >>> 6] >>> (63 - (p & 63))) & 1L) : 0;
                v = (v << 1) | bit;
            }
            sb.append(SixBit.armour(v));
        }
        return sb.toString();
    }

    /** A reader over what has been written, for round-trip checks. */
    public BitReader toReader() {
        return BitReader.of(armoured(), fillBits());
    }

    private void ensure(int nbits) {
        int need = (nbits + 63) >>> 6;
        if (need > words.length) {
            words = java.util.Arrays.copyOf(words, Math.max(need, words.length * 2));
        }
    }
}
