package org.watchkeeper.core.observation;

/**
 * A vessel's size, in whole metres, in one of two forms.
 *
 * <ul>
 *   <li>Offsets as AIS sends them ({@link #Dimensions(int, int, int, int)}): the distances from the
 *       position reference point to bow, stern, port and starboard (ITU-R M.1371-5 Fig. 42 / Table 52,
 *       dimensions A, B, C, D). 0 means "not available" for that side, 511 (bow, stern) and 63 (port,
 *       starboard) mean that value or more. {@link #length()} is bow + stern and {@link #beam()}
 *       port + starboard.</li>
 *   <li>Overall size only ({@link #overall(int, int)}): length overall and beam as a register or a CSV
 *       export gives them (MarineCadastre's {@code Length} and {@code Width}), which say nothing about
 *       where the reference point is. The four offsets are then {@link Observation#NOT_AVAILABLE} and
 *       {@link #hasOffsets()} is false.</li>
 * </ul>
 *
 * @param toBow       reference point to bow in metres, 0 or more (0 = not available); NOT_AVAILABLE (-1)
 *                    when only the overall size is known
 * @param toStern     reference point to stern, as {@code toBow}
 * @param toPort      reference point to port side, as {@code toBow}
 * @param toStarboard reference point to starboard side, as {@code toBow}
 * @param length      length overall in metres, 1 or more, or NOT_AVAILABLE; with offsets, bow + stern
 *                    (NOT_AVAILABLE when both are 0)
 * @param beam        beam in metres, 1 or more, or NOT_AVAILABLE; with offsets, port + starboard
 *                    (NOT_AVAILABLE when both are 0)
 * @throws IllegalArgumentException when the offsets are neither all 0 or more nor all NOT_AVAILABLE, when
 *                                  with offsets the length or beam is not their sum, or when a length or
 *                                  beam is 0 or below -1
 */
public record Dimensions(int toBow, int toStern, int toPort, int toStarboard, int length, int beam)
        implements java.io.Serializable {

    /** Checks the rules documented on the record. */
    public Dimensions {
        boolean none = toBow == Observation.NOT_AVAILABLE && toStern == Observation.NOT_AVAILABLE
                && toPort == Observation.NOT_AVAILABLE && toStarboard == Observation.NOT_AVAILABLE;
        if (none) {
            if (length != Observation.NOT_AVAILABLE && length < 1) {
                throw new IllegalArgumentException("length must be >= 1 metre or NOT_AVAILABLE: " + length);
            }
            if (beam != Observation.NOT_AVAILABLE && beam < 1) {
                throw new IllegalArgumentException("beam must be >= 1 metre or NOT_AVAILABLE: " + beam);
            }
        } else {
            if (toBow < 0 || toStern < 0 || toPort < 0 || toStarboard < 0) {
                throw new IllegalArgumentException("offsets must all be >= 0 or all NOT_AVAILABLE: "
                        + toBow + ", " + toStern + ", " + toPort + ", " + toStarboard);
            }
            if (length != sum(toBow, toStern) || beam != sum(toPort, toStarboard)) {
                throw new IllegalArgumentException("length and beam must be bow + stern and port + starboard: "
                        + length + " x " + beam + " for " + toBow + ", " + toStern + ", " + toPort + ", " + toStarboard);
            }
        }
    }

    /**
     * Offsets as sent (ITU-R M.1371-5 dimensions A, B, C, D); length and beam are their sums.
     *
     * @param toBow       reference point to bow in metres, 0-511 as sent (0 = not available)
     * @param toStern     reference point to stern in metres, 0-511 as sent
     * @param toPort      reference point to port side in metres, 0-63 as sent
     * @param toStarboard reference point to starboard side in metres, 0-63 as sent
     * @throws IllegalArgumentException when an offset is negative
     */
    public Dimensions(int toBow, int toStern, int toPort, int toStarboard) {
        this(toBow, toStern, toPort, toStarboard, sum(toBow, toStern), sum(toPort, toStarboard));
    }

    /**
     * Overall size without the reference point's place: the four offsets are not available.
     *
     * @param length length overall in metres, 1 or more, or {@link Observation#NOT_AVAILABLE}
     * @param beam   beam in metres, 1 or more, or {@link Observation#NOT_AVAILABLE}
     * @return dimensions whose {@link #hasOffsets()} is false
     * @throws IllegalArgumentException when length or beam is 0 or below -1
     */
    public static Dimensions overall(int length, int beam) {
        int na = Observation.NOT_AVAILABLE;
        return new Dimensions(na, na, na, na, length, beam);
    }

    private static int sum(int a, int b) {
        return a + b == 0 ? Observation.NOT_AVAILABLE : a + b;
    }

    /** Whether the reference point's offsets are known (AIS dimensions), not only the overall size. */
    public boolean hasOffsets() {
        return toBow != Observation.NOT_AVAILABLE;
    }

    /** Whether nothing is known: every offset 0 (nothing reported), or an overall size without length and beam. */
    public boolean isEmpty() {
        return length == Observation.NOT_AVAILABLE && beam == Observation.NOT_AVAILABLE;
    }
}
