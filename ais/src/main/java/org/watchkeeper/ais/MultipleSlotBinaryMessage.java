package org.watchkeeper.ais;

/**
 * Message 26: multiple slot binary message with communication state (ITU-R M.1371-5 Annex 8
 * §3.25, Table 85). As {@link SingleSlotBinaryMessage} but up to five slots long and ending with
 * a communication state.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, destination indicator
 * 38/1, binary data flag 39/1, then when addressed destination MMSI 30 + spare 2, then when
 * structured the application identifier (DAC 10 + FI 6), then the binary data, then in the last
 * 20 bits of the payload the communication state selector flag (1 bit: 0 SOTDMA, 1 ITDMA) and
 * the 19-bit communication state (Annex 2 Tables 18 and 20). The binary data is every bit between
 * the header and those last 20 bits.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param addressed destination indicator: true addressed (destination MMSI present), false broadcast
 * @param structured binary data flag: true when the data starts with a 16-bit application identifier
 * @param destinationMmsi destination MMSI (30-bit value) when addressed, else {@link AisMessage#NOT_AVAILABLE}
 * @param spare the 2 spare bits after the destination MMSI as sent (0 when not addressed)
 * @param dac designated area code 0..1023 when structured, else {@link AisMessage#NOT_AVAILABLE}
 * @param fi function identifier 0..63 when structured, else {@link AisMessage#NOT_AVAILABLE}
 * @param data the binary data between the header and the communication state, kept raw
 * @param communicationState SOTDMA (selector 0) or ITDMA (selector 1) state; never null
 */
public record MultipleSlotBinaryMessage(
        int repeatIndicator,
        int mmsi,
        boolean addressed,
        boolean structured,
        int destinationMmsi,
        int spare,
        int dac,
        int fi,
        BinaryData data,
        CommunicationState communicationState) implements AisMessage {

    /** Message ID. */
    public static final int TYPE = 26;
    /** Width of the selector flag plus communication state at the end of the payload. */
    public static final int RADIO_BITS = 1 + CommunicationState.BITS;

    /**
     * Decodes a type 26 payload.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} when the payload cannot hold
     *                            the header its two flags call for plus the 20-bit communication state
     */
    public static MultipleSlotBinaryMessage decode(BitReader b) {
        int start = SingleSlotBinaryMessage.headerBits(b);
        int end = b.length() - RADIO_BITS;
        if (end < start) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT,
                    "type 26: " + b.length() + " bits, need " + (start + RADIO_BITS));
        }
        boolean addressed = b.bool(38);
        boolean structured = b.bool(39);
        int p = addressed ? 72 : 40;
        CommunicationState cs = b.bool(end)
                ? CommunicationState.readItdma(b, end + 1)
                : CommunicationState.readSotdma(b, end + 1);
        return new MultipleSlotBinaryMessage(
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                addressed,
                structured,
                addressed ? b.unsigned(40, 30) : NOT_AVAILABLE,
                addressed ? b.unsigned(70, 2) : 0,
                structured ? b.unsigned(p, 10) : NOT_AVAILABLE,
                structured ? b.unsigned(p + 10, 6) : NOT_AVAILABLE,
                BinaryData.read(b, start, end - start),
                cs);
    }

    /** The 16-bit application identifier (DAC × 64 + FI) as gpsd's {@code app_id}, or {@link AisMessage#NOT_AVAILABLE}. */
    public int applicationId() {
        return structured ? (dac << 6) | fi : NOT_AVAILABLE;
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("addressed", addressed);
        out.field("structured", structured);
        if (addressed) {
            out.mmsiField("dest_mmsi", destinationMmsi);
        }
        if (structured) {
            out.field("app_id", applicationId());
        }
        out.field("data", data.toString());
        out.field("radio", communicationState.raw());
        communicationState.writeFields(out);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).bool(addressed).bool(structured);
        if (addressed) {
            w.unsigned(30, destinationMmsi).unsigned(2, spare);
        }
        if (structured) {
            w.unsigned(10, dac).unsigned(6, fi);
        }
        data.writeTo(w);
        w.bool(communicationState instanceof CommunicationState.Itdma).unsigned(19, communicationState.raw());
    }
}
