package org.watchkeeper.ais;

/**
 * Message 25: single slot binary message (ITU-R M.1371-5 Annex 8 §3.24, Table 84). Short binary
 * data, addressed or broadcast, unstructured or with a 16-bit application identifier; at most
 * 168 bits (one slot).
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, destination indicator
 * 38/1, binary data flag 39/1, then when addressed destination MMSI 30 + spare 2, then when
 * structured the application identifier (DAC 10 + FI 6), then the binary data to the end of the
 * payload (up to 128 bits, less header).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param addressed destination indicator: true addressed (destination MMSI present), false broadcast
 * @param structured binary data flag: true when the data starts with a 16-bit application identifier
 * @param destinationMmsi destination MMSI (30-bit value) when addressed, else {@link AisMessage#NOT_AVAILABLE}
 * @param spare the 2 spare bits after the destination MMSI as sent (0 when not addressed)
 * @param dac designated area code 0..1023 when structured, else {@link AisMessage#NOT_AVAILABLE}
 * @param fi function identifier 0..63 when structured, else {@link AisMessage#NOT_AVAILABLE}
 * @param data the binary data after the header, kept raw
 */
public record SingleSlotBinaryMessage(
        int repeatIndicator,
        int mmsi,
        boolean addressed,
        boolean structured,
        int destinationMmsi,
        int spare,
        int dac,
        int fi,
        BinaryData data) implements AisMessage {

    /** Message ID. */
    public static final int TYPE = 25;

    /**
     * Decodes a type 25 payload.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} when the payload ends
     *                            before the header its two flags call for (40, 56, 72 or 88 bits)
     */
    public static SingleSlotBinaryMessage decode(BitReader b) {
        int start = headerBits(b);
        if (b.length() < start) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 25: " + b.length() + " bits, need " + start);
        }
        boolean addressed = b.bool(38);
        boolean structured = b.bool(39);
        int p = addressed ? 72 : 40;
        return new SingleSlotBinaryMessage(
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                addressed,
                structured,
                addressed ? b.unsigned(40, 30) : NOT_AVAILABLE,
                addressed ? b.unsigned(70, 2) : 0,
                structured ? b.unsigned(p, 10) : NOT_AVAILABLE,
                structured ? b.unsigned(p + 10, 6) : NOT_AVAILABLE,
                BinaryData.readToEnd(b, start));
    }

    /** Bits before the binary data of a type 25 or 26 payload, from its two flags (needs 40 bits). */
    static int headerBits(BitReader b) {
        if (b.length() < 40) {
            return 40;
        }
        return 40 + (b.bool(38) ? 32 : 0) + (b.bool(39) ? 16 : 0);
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
    }
}
