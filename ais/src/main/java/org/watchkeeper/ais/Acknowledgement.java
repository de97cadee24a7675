package org.watchkeeper.ais;

import java.util.List;

/**
 * Messages 7 and 13: acknowledgement of addressed messages (ITU-R M.1371-5 Annex 8, Message 7
 * "binary acknowledge" and Message 13 "safety related acknowledge", which shares Message 7's field
 * table). Type 7 acknowledges addressed binary messages (type 6), type 13 acknowledges addressed
 * safety related messages (type 12). One message acknowledges up to four received messages.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, then one to
 * four blocks of destination MMSI 30 + sequence number 2 starting at bits 40, 72, 104 and 136 —
 * 72, 104, 136 or 168 bits. The number of blocks follows from the payload length: every complete
 * 32-bit block after bit 40 is one acknowledgement (at most four); a partial block is ignored.
 *
 * @param messageType 7 (binary acknowledge) or 13 (safety related acknowledge)
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the acknowledging station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param acknowledgements one to four acknowledged messages, in message order; unmodifiable
 */
public record Acknowledgement(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int spare,
        List<Acknowledged> acknowledgements) implements AisMessage {

    /** Shortest payload decoded: the header and one acknowledgement. */
    public static final int MIN_BITS = 72;
    /** Length with four acknowledgements. */
    public static final int MAX_BITS = 168;
    /** Most acknowledgements one message carries. */
    public static final int MAX_ACKNOWLEDGEMENTS = 4;

    /**
     * One acknowledged message.
     *
     * @param destinationMmsi the MMSI of the station whose message is acknowledged (30-bit value;
     *        see {@link Mmsi})
     * @param sequenceNumber 0..3, the sequence number of the acknowledged type 6 or type 12 message
     */
    public record Acknowledged(int destinationMmsi, int sequenceNumber) {
    }

    /**
     * @throws IllegalArgumentException unless there are one to four acknowledgements
     * @throws NullPointerException if the list or an element is null
     */
    public Acknowledgement {
        acknowledgements = List.copyOf(acknowledgements);
        if (acknowledgements.isEmpty() || acknowledgements.size() > MAX_ACKNOWLEDGEMENTS) {
            throw new IllegalArgumentException("1 to 4 acknowledgements, got " + acknowledgements.size());
        }
    }

    /**
     * Decodes types 7 and 13.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static Acknowledgement decode(BitReader b) {
        int type = b.unsigned(0, 6);
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + type + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        int n = Math.min(MAX_ACKNOWLEDGEMENTS, (b.length() - 40) / 32);
        Acknowledged[] acks = new Acknowledged[n];
        for (int i = 0; i < n; i++) {
            int at = 40 + 32 * i;
            acks[i] = new Acknowledged(b.unsigned(at, 30), b.unsigned(at + 30, 2));
        }
        return new Acknowledgement(type, b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2), List.of(acks));
    }

    /** Writes {@code mmsi1}, {@code seqno1} ... {@code mmsi4}, {@code seqno4} for the acknowledgements present. */
    @Override
    public void writeFields(FieldSink out) {
        for (int i = 0; i < acknowledgements.size(); i++) {
            Acknowledged a = acknowledgements.get(i);
            out.mmsiField("mmsi" + (i + 1), a.destinationMmsi());
            out.field("seqno" + (i + 1), a.sequenceNumber());
        }
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare);
        for (Acknowledged a : acknowledgements) {
            w.unsigned(30, a.destinationMmsi()).unsigned(2, a.sequenceNumber());
        }
    }
}
