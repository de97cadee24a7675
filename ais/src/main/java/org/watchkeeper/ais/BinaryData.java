package org.watchkeeper.ais;

import java.util.Arrays;

/**
 * A run of raw bits kept from a message (binary application data, DGNSS corrections), most
 * significant bit of byte 0 first, the last byte zero-padded. Compares by content.
 *
 * @param bytes the bits, packed; not copied, do not modify
 * @param bitLength number of valid bits, {@code 0 <= bitLength <= 8 * bytes.length}
 */
public record BinaryData(byte[] bytes, int bitLength) {
    /** No bits. */
    public static final BinaryData EMPTY = new BinaryData(new byte[0], 0);

    /** Reads {@code count} bits (clipped to the payload) starting at {@code start}. */
    public static BinaryData read(BitReader b, int start, int count) {
        int n = Math.max(0, Math.min(count, b.length() - start));
        return new BinaryData(b.bytes(start, n), n);
    }

    /** Reads all bits from {@code start} to the end of the payload. */
    public static BinaryData readToEnd(BitReader b, int start) {
        return read(b, start, b.length() - start);
    }

    /** Appends these bits to a writer. */
    public void writeTo(BitWriter w) {
        w.bytes(bytes, bitLength);
    }

    /** The bits as lower-case hex, two digits per byte (the last byte zero-padded), as gpsd prints {@code data}. */
    public String hex() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            sb.append(Character.forDigit((x >>> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryData d && d.bitLength == bitLength && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + bitLength;
    }

    @Override
    public String toString() {
        return bitLength + ":" + hex();
    }
}
