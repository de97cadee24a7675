package org.watchkeeper.ais;

import org.watchkeeper.ais.binary.BinaryApplication;
import org.watchkeeper.ais.binary.BinaryApplications;

/**
 * Message 8: binary broadcast message (ITU-R M.1371-5 Annex 8 §3.8, Table 64). Binary data for
 * all stations, identified by an application identifier (DAC + FI, Annex 5).
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, DAC 40/10,
 * FI 50/6, application data 56/0..952 — at most 1 008 bits (five slots).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits as sent
 * @param dac designated area code 0..1023 (1 international, 200 inland, 366 USA, ...)
 * @param fi function identifier 0..63
 * @param data the application data (all bits after the FI), always kept raw
 * @param application the decoded application for a known DAC/FI ({@link BinaryApplications#decode});
 *        {@code null} when unknown or malformed
 */
public record BinaryBroadcastMessage(
        int repeatIndicator,
        int mmsi,
        int spare,
        int dac,
        int fi,
        BinaryData data,
        BinaryApplication application) implements AisMessage {

    /** Message ID. */
    public static final int TYPE = 8;
    /** Shortest payload decoded: the header up to the FI (no application data). */
    public static final int MIN_BITS = 56;

    /**
     * Decodes a type 8 payload. The application is decoded when its DAC/FI is known; an unknown or
     * malformed application never makes the message fail.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static BinaryBroadcastMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 8: " + b.length() + " bits, need " + MIN_BITS);
        }
        int dac = b.unsigned(40, 10);
        int fi = b.unsigned(50, 6);
        return new BinaryBroadcastMessage(
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 2),
                dac,
                fi,
                BinaryData.readToEnd(b, MIN_BITS),
                BinaryApplications.decode(dac, fi, b, MIN_BITS));
    }

    /** A message carrying {@code application}, its data being the application's encoding. */
    public static BinaryBroadcastMessage of(int repeatIndicator, int mmsi, int dac, int fi, BinaryApplication application) {
        return new BinaryBroadcastMessage(repeatIndicator, mmsi, 0, dac, fi, BinaryApplications.encode(application), application);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("dac", dac);
        out.field("fi", fi);
        out.field("data", data.toString());
        if (application != null) {
            out.application(application);
        }
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .unsigned(10, dac).unsigned(6, fi);
        data.writeTo(w);
    }
}
