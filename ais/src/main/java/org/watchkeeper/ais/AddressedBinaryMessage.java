package org.watchkeeper.ais;

import org.watchkeeper.ais.binary.BinaryApplication;
import org.watchkeeper.ais.binary.BinaryApplications;

/**
 * Message 6: addressed binary message (ITU-R M.1371-5 Annex 8 §3.6, Table 62). Binary data for
 * one destination station, identified by an application identifier (DAC + FI, Annex 5).
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, sequence number 38/2,
 * destination MMSI 40/30, retransmit flag 70/1, spare 71/1, DAC 72/10, FI 82/6, application data
 * 88/0..920 — at most 1 008 bits (five slots).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param sequenceNumber sequence number 0..3 of addressed messages to this destination
 * @param destinationMmsi destination MMSI (30-bit value; see {@link Mmsi})
 * @param retransmit true when the message has been retransmitted (Table 62: 0 no retransmission
 *        (default), 1 retransmitted)
 * @param spare the spare bit as sent
 * @param dac designated area code 0..1023 (1 international, 200 inland, 366 USA, ...)
 * @param fi function identifier 0..63
 * @param data the application data (all bits after the FI), always kept raw
 * @param application the decoded application for a known DAC/FI
 *        ({@link BinaryApplications#decodeAddressed}); {@code null} when unknown or malformed
 */
public record AddressedBinaryMessage(
        int repeatIndicator,
        int mmsi,
        int sequenceNumber,
        int destinationMmsi,
        boolean retransmit,
        int spare,
        int dac,
        int fi,
        BinaryData data,
        BinaryApplication application) implements AisMessage {

    /** Message ID. */
    public static final int TYPE = 6;
    /** Shortest payload decoded: the header up to the FI (no application data). */
    public static final int MIN_BITS = 88;

    /**
     * Decodes a type 6 payload. The application is decoded when its DAC/FI is known; an unknown or
     * malformed application never makes the message fail.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static AddressedBinaryMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 6: " + b.length() + " bits, need " + MIN_BITS);
        }
        int dac = b.unsigned(72, 10);
        int fi = b.unsigned(82, 6);
        return new AddressedBinaryMessage(
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 2),
                b.unsigned(40, 30),
                b.bool(70),
                b.unsigned(71, 1),
                dac,
                fi,
                BinaryData.readToEnd(b, MIN_BITS),
                BinaryApplications.decodeAddressed(dac, fi, b, MIN_BITS));
    }

    /** A message carrying {@code application}, its data being the application's encoding. */
    public static AddressedBinaryMessage of(int repeatIndicator, int mmsi, int sequenceNumber, int destinationMmsi,
                                            boolean retransmit, int dac, int fi, BinaryApplication application) {
        return new AddressedBinaryMessage(repeatIndicator, mmsi, sequenceNumber, destinationMmsi, retransmit, 0,
                dac, fi, BinaryApplications.encode(application), application);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("seqno", sequenceNumber);
        out.mmsiField("dest_mmsi", destinationMmsi);
        out.field("retransmit", retransmit);
        out.field("dac", dac);
        out.field("fi", fi);
        out.field("data", data.toString());
        if (application != null) {
            out.application(application);
        }
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(2, sequenceNumber).unsigned(30, destinationMmsi).bool(retransmit).unsigned(1, spare)
                .unsigned(10, dac).unsigned(6, fi);
        data.writeTo(w);
    }
}
