package org.watchkeeper.ais.nmea;

/**
 * Nominal payload lengths of the ITU-R M.1371-5 messages (Annex 8, the "number of bits" row of each
 * message table), used to flag {@link ReceivedMessage#lengthAnomaly()}. Fixed-length messages have
 * one length; messages with a variable part have a range (and for 7/13, 16 and 24 a set).
 */
public final class NominalLength {
    // [type] = {min, max}; types with a variable binary/text part use the range the ITU table allows
    private static final int[][] RANGE = {
        null,
        {168, 168}, {168, 168}, {168, 168}, // 1-3 Table 45
        {168, 168},                         // 4 Table 46 (and 11)
        {424, 424},                         // 5 Table 48
        {88, 1008},                         // 6 Table 50: 72 header + 16 application ID + up to 920 data
        {72, 168},                          // 7 Table 51: 40 + 1..4 x 32
        {56, 1008},                         // 8 Table 52: 40 + 16 application ID + up to 952 data
        {168, 168},                         // 9 Table 53
        {72, 72},                           // 10 Table 54
        {168, 168},                         // 11 Table 46
        {72, 1008},                         // 12 Table 55: 72 + up to 936 text
        {72, 168},                          // 13 Table 51
        {40, 1008},                         // 14 Table 57: 40 + up to 968 text
        {88, 160},                          // 15 Table 58: 88, 110/112 or 160
        {96, 144},                          // 16 Table 59: 96 or 144
        {80, 816},                          // 17 Table 60: 80 + up to 736 data
        {168, 168},                         // 18 Table 61
        {312, 312},                         // 19 Table 62
        {72, 160},                          // 20 Table 63: 1..4 slot reservations
        {272, 360},                         // 21 Table 64: 272 + up to 88 name extension
        {168, 168},                         // 22 Table 65
        {160, 160},                         // 23 Table 66
        {160, 168},                         // 24 Table 67 (part A 160, part B 168)
        {40, 168},                          // 25 Table 68
        {60, 1064},                         // 26 Table 69
        {96, 96},                           // 27 Table 71
    };

    private NominalLength() {
    }

    /**
     * Whether a payload of {@code bits} bits is not a nominal length for its message.
     *
     * @param type message ID 1..27 (other values: always false)
     * @param part for type 24 the part number (bits 38-39: 0 = A, 1 = B); ignored otherwise
     * @param bits payload bits after fill bits
     */
    public static boolean isAnomalous(int type, int part, int bits) {
        if (type < 1 || type > 27) {
            return false;
        }
        switch (type) {
            case 7:
            case 13:
                return bits < 72 || bits > 168 || (bits - 40) % 32 != 0;
            case 16:
                return bits != 96 && bits != 144;
            case 24:
                return bits != (part == 0 ? 160 : 168);
            default:
                int[] r = RANGE[type];
                return bits < r[0] || bits > r[1];
        }
    }
}
