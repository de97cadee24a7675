package org.watchkeeper.ais;

/**
 * Message 24 part A (part number 0): static data report, name (ITU-R M.1371-5 Annex 8 §3.3,
 * Table 76). Class B "CS" units and some other stations send their static data in two parts;
 * part B is {@link StaticDataReportPartB}.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, part number 38/2 (0),
 * name 40/120 (20 characters) — 160 bits. Payloads of 166 or 168 bits occur (padding after the
 * name); bits after 160 are ignored.
 *
 * @param messageType always 24
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param shipName up to 20 characters of 6-bit text, trailing {@code @} and spaces removed; empty
 *        when not available
 */
public record StaticDataReportPartA(
        int messageType,
        int repeatIndicator,
        int mmsi,
        String shipName) implements AisMessage {

    /** Nominal length in bits, and the shortest payload decoded. */
    public static final int BITS = 160;
    /** The part number of part A. */
    public static final int PART_NUMBER = 0;

    /**
     * Decodes a type 24 payload whose part number is 0.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #BITS};
     *                            {@link RejectReason#UNKNOWN_MESSAGE_TYPE} if the part number is not 0
     */
    public static StaticDataReportPartA decode(BitReader b) {
        if (b.length() < BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + " part A: " + b.length() + " bits, need " + BITS);
        }
        int part = b.unsigned(38, 2);
        if (part != PART_NUMBER) {
            throw new AisDecodeException(RejectReason.UNKNOWN_MESSAGE_TYPE, "type 24 part " + part + " is not part A");
        }
        return new StaticDataReportPartA(b.unsigned(0, 6), b.unsigned(6, 2), b.unsigned(8, 30), b.text(40, 20));
    }

    /**
     * Decodes any type 24 payload: part A (0) or part B (1).
     *
     * @throws AisDecodeException {@link RejectReason#UNKNOWN_MESSAGE_TYPE} with detail
     *                            "type 24 part N" for the undefined part numbers 2 and 3;
     *                            {@link RejectReason#PAYLOAD_TOO_SHORT} when the part is too short
     */
    public static AisMessage decodeEitherPart(BitReader b) {
        if (!b.has(38, 2)) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 24: " + b.length() + " bits, no part number");
        }
        int part = b.unsigned(38, 2);
        switch (part) {
            case PART_NUMBER:
                return decode(b);
            case StaticDataReportPartB.PART_NUMBER:
                return StaticDataReportPartB.decode(b);
            default:
                throw new AisDecodeException(RejectReason.UNKNOWN_MESSAGE_TYPE, "type 24 part " + part);
        }
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("partno", PART_NUMBER);
        out.field("shipname", shipName.isEmpty() ? null : shipName);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(2, PART_NUMBER).text(20, shipName);
    }
}
