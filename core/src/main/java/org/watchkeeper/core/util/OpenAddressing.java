package org.watchkeeper.core.util;

/**
 * What the open-addressing hash tables of the hot paths share ({@link LongHashMap},
 * {@link IntLruMap}, the detection engine's vessel table, the encounter detector's pair table, the
 * detectors' timer sets): tables of a power-of-two length probed linearly from a key's home slot,
 * whose removal shifts the following entries of the probe run back instead of leaving tombstones
 * (Knuth, The Art of Computer Programming vol. 3, 6.4, Algorithm R).
 */
public final class OpenAddressing {
    private OpenAddressing() {
    }

    /**
     * The home slot of a key in a power-of-two table: MurmurHash3's 64-bit finaliser (fmix64,
     * Appleby) of the key, masked.
     *
     * @param mask the table length minus one (the length a power of two)
     */
    public static int slot(long k, int mask) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k & mask;
    }

    /**
     * During a backward-shift removal: whether the entry at slot {@code j}, whose home slot is
     * {@code home}, moves into the emptied slot {@code hole} (which lies before {@code j} in the same
     * probe run). It moves unless its home lies cyclically in {@code (hole, j]}, where a look-up
     * would still find it.
     */
    public static boolean shiftsBack(int home, int hole, int j) {
        return hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    }
}
