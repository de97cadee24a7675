package org.watchkeeper.ais;

/**
 * Message 12: addressed safety related message (ITU-R M.1371-5 Annex 8, Message 12), a free text
 * message to one station, acknowledged by a type 13 {@link Acknowledgement}.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, sequence number 38/2,
 * destination MMSI 40/30, retransmit flag 70/1, spare 71/1, safety related text 72/6·n — 72 to
 * 1 008 bits, so at most 156 characters of 6-bit ASCII (Table 47).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param sequenceNumber 0..3, the number the acknowledgement refers to
 * @param destinationMmsi the addressed station (30-bit value; see {@link Mmsi})
 * @param retransmitted false: not retransmitted (default); true: retransmitted
 * @param spare the spare bit at 71 as sent
 * @param text the text, 0..156 characters of the 6-bit alphabet; read as far as the payload holds
 *        whole characters, with trailing {@code @} padding and spaces removed and everything from
 *        the first {@code @} on dropped; never null (empty when the message carries no text)
 */
public record AddressedSafetyRelatedMessage(
        int repeatIndicator,
        int mmsi,
        int sequenceNumber,
        int destinationMmsi,
        boolean retransmitted,
        int spare,
        String text) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 12;
    /** Shortest payload decoded: the header without text. */
    public static final int MIN_BITS = 72;
    /** Most text characters: (1 008 - 72) / 6. */
    public static final int MAX_TEXT = 156;

    /** @throws NullPointerException if {@code text} is null */
    public AddressedSafetyRelatedMessage {
        java.util.Objects.requireNonNull(text, "text");
    }

    /**
     * Decodes type 12. Text beyond {@link #MAX_TEXT} characters and bits that do not make a whole
     * character are ignored.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static AddressedSafetyRelatedMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 12: " + b.length() + " bits, need " + MIN_BITS);
        }
        return new AddressedSafetyRelatedMessage(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2),
                b.unsigned(40, 30), b.bool(70), b.unsigned(71, 1), b.text(72, MAX_TEXT));
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code seqno}, {@code dest_mmsi}, {@code retransmit}, {@code text}. */
    @Override
    public void writeFields(FieldSink out) {
        out.field("seqno", sequenceNumber);
        out.mmsiField("dest_mmsi", destinationMmsi);
        out.field("retransmit", retransmitted);
        out.field("text", text);
    }

    /** Writes the header and one 6-bit character per text character (text longer than {@link #MAX_TEXT} is cut). */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, sequenceNumber)
                .unsigned(30, destinationMmsi).bool(retransmitted).unsigned(1, spare)
                .text(Math.min(MAX_TEXT, text.length()), text);
    }
}
