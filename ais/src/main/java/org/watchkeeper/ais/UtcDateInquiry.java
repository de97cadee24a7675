package org.watchkeeper.ais;

/**
 * Message 10: UTC and date inquiry (ITU-R M.1371-5 Annex 8, Message 10). A station asks another
 * station (usually a base station) for UTC and date; the answer is a type 11 report.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2,
 * destination MMSI 40/30, spare 70/2 — 72 bits.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the inquiring station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param destinationMmsi the station asked for UTC and date (30-bit value; see {@link Mmsi})
 * @param spare2 the 2 spare bits at 70 as sent; 0 when the payload ends before them
 */
public record UtcDateInquiry(
        int repeatIndicator,
        int mmsi,
        int spare,
        int destinationMmsi,
        int spare2) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 10;
    /** Nominal length in bits. */
    public static final int BITS = 72;
    /** Shortest payload decoded: up to and including the destination MMSI. */
    public static final int MIN_BITS = 70;

    /**
     * Decodes type 10.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static UtcDateInquiry decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 10: " + b.length() + " bits, need " + MIN_BITS);
        }
        return new UtcDateInquiry(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2), b.unsigned(40, 30),
                b.has(70, 2) ? b.unsigned(70, 2) : 0);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code dest_mmsi}. */
    @Override
    public void writeFields(FieldSink out) {
        out.mmsiField("dest_mmsi", destinationMmsi);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .unsigned(30, destinationMmsi).unsigned(2, spare2);
    }
}
