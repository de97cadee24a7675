package org.watchkeeper.ais;

/**
 * Reads the bit fields of one AIS message payload, as laid out in the field tables of
 * ITU-R M.1371-5 (Annex 8): bit 0 is the most significant bit of the first 6-bit symbol.
 *
 * <p>The payload is given in its NMEA "armoured" form (IEC 61162-1 6-bit ASCII, characters
 * {@code 0}..{@code W} and {@code `}..{@code w}) and is unpacked into 64-bit words once. Fields
 * are then read by absolute bit offset, so a decoder reads like the ITU table it implements.
 * Bits past the end of the payload read as zero; use {@link #has(int, int)} to tell whether a
 * trailing field is actually present.
 *
 * <p>A reader is mutable and reusable ({@link #reset(byte[], int, int, int)}) so the hot path
 * allocates nothing per message. It is not thread safe.
 */
public final class BitReader {
    /** Largest payload accepted, in bits: a five-slot message (ITU-R M.1371-5 Annex 2, 1 064 bits of data) with room to spare. */
    public static final int MAX_BITS = 6 * 1024;

    private final long[] words = new long[MAX_BITS / 64 + 2];
    private int bitLength;
    private int symbols;

    /** Creates an empty reader (length 0). */
    public BitReader() {
    }

    /**
     * Creates a reader over an armoured payload string.
     *
     * @param payload armoured 6-bit payload, e.g. {@code "15RTgt0PAso;90TKcjM8h6g208CQ"}
     * @param fillBits number of fill bits (0..5) at the end of the last symbol
     * @throws AisDecodeException if a character is not a valid 6-bit armour character or the
     *                            payload is longer than {@link #MAX_BITS}
     */
    public static BitReader of(String payload, int fillBits) {
        BitReader r = new BitReader();
        byte[] b = payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        r.reset(b, 0, b.length, fillBits);
        return r;
    }

    /**
     * Loads an armoured payload.
     *
     * @param buf bytes holding the armoured characters
     * @param off first character
     * @param len number of characters
     * @param fillBits fill bits (0..5) to drop from the end; values outside 0..5 are rejected
     * @throws AisDecodeException with reason {@link RejectReason#ILLEGAL_PAYLOAD_CHARACTER},
     *                            {@link RejectReason#BAD_FILL_BITS} or {@link RejectReason#PAYLOAD_TOO_LONG}
     */
    public void reset(byte[] buf, int off, int len, int fillBits) {
        if (fillBits < 0 || fillBits > 5) {
            throw new AisDecodeException(RejectReason.BAD_FILL_BITS, "fill bits " + fillBits + " outside 0..5");
        }
        if (len * 6 > MAX_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_LONG, "payload of " + len + " characters");
        }
        // Eight characters per step: validated and turned into 6-bit values in one 64-bit word
        // (SWAR), packed to 48 bits, and shifted into a 64-bit accumulator that is stored whole.
        long acc = 0L;
        int nAcc = 0; // bits held in acc, from its top
        int wi = 0;
        long bad = 0L;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = word(buf, off + i);
            bad |= invalidArmour(w);
            long r = pack8(armourValues(w));
            if (nAcc <= 16) {
                acc |= r << (16 - nAcc);
                nAcc += 48;
                if (nAcc == 64) {
                    words[wi++] = acc;
                    acc = 0L;
                    nAcc = 0;
                }
            } else {
                int rest = nAcc - 16; // bits of r that do not fit
                words[wi++] = acc | (r >>> rest);
                acc = r << (64 - rest);
                nAcc = rest;
            }
        }
        int tail = len - i; // 0..7 characters left
        if (tail > 0) {
            // the last characters as one more word, the bytes after them read as '0' (value 0, which adds
            // only zero bits past the payload's end): no loop of a character at a time
            long keep = -1L >>> (8 * (8 - tail));
            long w = off + i + 8 <= buf.length ? word(buf, off + i) & keep : tailWord(buf, off + i, tail);
            w |= ARMOUR_ZEROS & ~keep;
            bad |= invalidArmour(w);
            long r = pack8(armourValues(w));
            if (nAcc <= 16) {
                acc |= r << (16 - nAcc);
                nAcc += 48;
                if (nAcc == 64) {
                    words[wi++] = acc;
                    acc = 0L;
                }
            } else {
                int rest = nAcc - 16;
                words[wi++] = acc | (r >>> rest);
                acc = r << (64 - rest);
            }
        }
        words[wi] = acc;
        if (wi + 1 < words.length) {
            words[wi + 1] = 0L;
        }
        if (bad != 0L) {
            for (int k = 0; k < len; k++) {
                if (SixBit.value(buf[off + k]) < 0) {
                    throw new AisDecodeException(RejectReason.ILLEGAL_PAYLOAD_CHARACTER,
                            "'" + (char) (buf[off + k] & 0xff) + "' at " + k);
                }
            }
        }
        this.symbols = len;
        this.bitLength = Math.max(0, len * 6 - fillBits);
    }

    /**
     * Loads a payload from already unpacked 6-bit symbol values (0..63), as kept by fragment assembly.
     * Same contract as {@link #reset(byte[], int, int, int)} but without armour validation.
     */
    public void resetFromWords(long[] src, int bitLength) {
        if (bitLength > MAX_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_LONG, bitLength + " bits");
        }
        int nWords = (bitLength + 63) >>> 6;
        System.arraycopy(src, 0, words, 0, nWords);
        if (nWords < words.length) {
            words[nWords] = 0L;
        }
        this.bitLength = bitLength;
        this.symbols = (bitLength + 5) / 6;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    /** The armour character {@code '0'} (value 0) in every byte. */
    private static final long ARMOUR_ZEROS = 0x3030303030303030L;

    /** Bytes {@code i..i+n-1} of {@code b} (n 1..7) in the low bytes of a word, as {@link #word} would place them; the rest 0. */
    private static long tailWord(byte[] b, int i, int n) {
        long w = 0L;
        for (int k = n - 1; k >= 0; k--) {
            w = w << 8 | (b[i + k] & 0xffL);
        }
        return w;
    }

    /** Bytes {@code i..i+7} of {@code b} as a little-endian word (byte {@code i} lowest). */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }
    private static final long HIGH = 0x8080808080808080L;

    /** 0x80 in each byte of {@code w} (a byte below 0x80) that is at least {@code lo} (1..128). */
    private static long atLeast(long w, int lo) {
        return (w + (0x80 - lo) * ONES) & HIGH;
    }

    /**
     * Non-zero when one of the eight bytes is not an armour character ('0'..'W' or '`'..'w').
     */
    static long invalidArmour(long w) {
        long high = w & HIGH;
        long v = w & ~HIGH;
        long ok = (atLeast(v, '0') & ~atLeast(v, 'X')) | (atLeast(v, '`') & ~atLeast(v, 'x'));
        return high | (~ok & HIGH);
    }

    /** The 6-bit values of eight armour characters, one per byte (valid input only). */
    static long armourValues(long w) {
        long upper = atLeast(w & ~HIGH, '`') >>> 4; // 8 in each byte from '`' on
        return w - 0x30 * ONES - upper;
    }

    /** Eight 6-bit values, one per byte with the first character in the lowest byte, packed to 48 bits, first most significant. */
    static long pack8(long v) {
        long t = ((v & 0x003F003F003F003FL) << 6) | ((v >>> 8) & 0x003F003F003F003FL);
        long u = ((t & 0x00000FFF00000FFFL) << 12) | ((t >>> 16) & 0x00000FFF00000FFFL);
        return ((u & 0xFFFFFFL) << 24) | (u >>> 32);
    }

    /** Number of payload bits after fill bits are removed. */
    public int length() {
        return bitLength;
    }

    /** Number of armoured characters loaded. */
    public int symbols() {
        return symbols;
    }

    /** Whether the payload holds all bits {@code [start, start + width)}. */
    public boolean has(int start, int width) {
        return start + width <= bitLength;
    }

    /**
     * Unsigned field of {@code width} bits (1..63) starting at bit {@code start}.
     * Bits beyond the payload read as 0.
     */
    public long unsignedLong(int start, int width) {
        if (width == 0) {
            return 0L;
        }
        int wi = start >>> 6;
        int bo = start & 63;
        long v;
        if (bo + width <= 64) {
            v = (words[wi] << bo) >>> (64 - width);
        } else {
            int hiBits = 64 - bo;
            int loBits = width - hiBits;
            long hi = (words[wi] << bo) >>> bo;
            long lo = words[wi + 1] >>> (64 - loBits);
            v = (hi << loBits) | lo;
        }
        // mask bits past the end of the payload (they may hold fill bits)
        int end = start + width;
        if (end > bitLength) {
            int missing = Math.min(width, end - bitLength);
            v = (v >>> missing) << missing;
        }
        return v;
    }

    /** Unsigned field of up to 32 bits, as an int (a 32-bit field may come back negative: mask with 0xffffffffL). */
    public int unsigned(int start, int width) {
        return (int) unsignedLong(start, width);
    }

    /** Two's-complement signed field of {@code width} bits (2..63). */
    public long signedLong(int start, int width) {
        long v = unsignedLong(start, width);
        return (v << (64 - width)) >> (64 - width);
    }

    /** Two's-complement signed field of up to 32 bits. */
    public int signed(int start, int width) {
        return (int) signedLong(start, width);
    }

    /** One-bit flag. */
    public boolean bool(int start) {
        return unsignedLong(start, 1) != 0;
    }

    /**
     * 6-bit ASCII text field (ITU-R M.1371-5 Table 47) of {@code chars} characters starting at bit
     * {@code start}. Reading stops at the end of the payload. Trailing {@code @} (padding) and spaces
     * are removed; everything from the first {@code @} on is dropped as padding.
     *
     * <p>Names, call signs and destinations repeat from message to message (a vessel sends the same
     * static data every few minutes), so a field of up to {@value #CACHED_TEXT_CHARS} characters that
     * lies wholly in the payload is looked up by its 6-bit codes among the texts this reader made
     * recently, and the same {@code String} is returned for the same codes.
     *
     * @return the text, possibly empty, never null
     */
    public String text(int start, int chars) {
        int avail = Math.max(0, Math.min(chars, (bitLength - start) / 6));
        if (avail != chars || chars > CACHED_TEXT_CHARS) {
            return makeText(start, avail);
        }
        // the codes of the first (up to) ten characters and of the rest, as two keys
        long hi = unsignedLong(start, 6 * Math.min(chars, 10));
        long lo = chars > 10 ? unsignedLong(start + 60, 6 * (chars - 10)) : 0L;
        if (textValues == null) {
            textKeys = new long[2 * TEXT_CACHE_SIZE];
            textChars = new int[TEXT_CACHE_SIZE];
            textValues = new String[TEXT_CACHE_SIZE];
        }
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ chars;
        int k = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (TEXT_CACHE_SIZE - 1);
        String t = textValues[k];
        if (t != null && textKeys[2 * k] == hi && textKeys[2 * k + 1] == lo && textChars[k] == chars) {
            return t;
        }
        t = makeText(start, chars);
        textKeys[2 * k] = hi;
        textKeys[2 * k + 1] = lo;
        textChars[k] = chars;
        textValues[k] = t;
        return t;
    }

    /** Longest text field kept for reuse by {@link #text}: 20 characters, the names and destinations of ITU-R M.1371-5. */
    static final int CACHED_TEXT_CHARS = 20;
    /** Texts kept for reuse by {@link #text}, direct-mapped by a hash of their codes. */
    private static final int TEXT_CACHE_SIZE = 256;
    // made on the first text field read: codes (two words per entry), character count and text
    private long[] textKeys;
    private int[] textChars;
    private String[] textValues;
    /** The characters of the text being made; large enough for a whole payload. */
    private final byte[] textBytes = new byte[MAX_BITS / 6];

    /** The text of {@code avail} characters from bit {@code start}, all in the payload: read ten characters (60 bits) at a time. */
    private String makeText(int start, int avail) {
        int n = 0;
        text:
        for (int i = 0; i < avail; i += 10) {
            int m = Math.min(10, avail - i);
            long w = unsignedLong(start + 6 * i, 6 * m);
            for (int j = m - 1; j >= 0; j--) {
                int c = (int) (w >>> (6 * j)) & 63;
                if (c == 0) {
                    break text; // '@' terminates
                }
                textBytes[n++] = (byte) SixBit.toAscii(c);
            }
        }
        while (n > 0 && textBytes[n - 1] == ' ') {
            n--;
        }
        return n == 0 ? "" : new String(textBytes, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies bits {@code [start, start + count)} into a new byte array, most significant bit first,
     * the last byte zero-padded. Bits beyond the payload are not copied: {@code count} is clipped.
     */
    public byte[] bytes(int start, int count) {
        int n = Math.max(0, Math.min(count, bitLength - start));
        byte[] out = new byte[(n + 7) >>> 3];
        for (int i = 0; i < out.length; i++) {
            int w = Math.min(8, n - 8 * i);
            out[i] = (byte) (unsigned(start + 8 * i, w) << (8 - w));
        }
        return out;
    }

    /** Direct access to the packed words (read-only by contract), for fragment assembly and encoders. */
    long[] words() {
        return words;
    }
}
