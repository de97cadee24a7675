package org.watchkeeper.ais;

import java.util.List;

/**
 * Message 20: data link management message (ITU-R M.1371-5 Annex 8, Message 20). A base station
 * reserves slots of the VHF data link for its own use (fixed access), announcing up to four
 * reservation blocks.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, then one to
 * four blocks of offset number 12, number of slots 4, time-out 3, increment 11 starting at bits
 * 40, 70, 100 and 130, then spare bits to the byte boundary: 72, 104, 136 or 160 bits (spare
 * 2, 4, 6 or 0 bits). The number of blocks follows from the payload length: every complete 30-bit
 * block after bit 40 is one reservation (at most four).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the base station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param reservations one to four reservation blocks in message order; unmodifiable
 * @param spare2 the trailing spare bits after the last block as sent (2 bits after one block,
 *        4 after two, 6 after three, none after four); 0 when absent
 */
public record DataLinkManagementMessage(
        int repeatIndicator,
        int mmsi,
        int spare,
        List<Reservation> reservations,
        int spare2) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 20;
    /** Shortest payload decoded: the header and one reservation block. */
    public static final int MIN_BITS = 70;
    /** Most reservation blocks. */
    public static final int MAX_RESERVATIONS = 4;

    /**
     * One reservation block. Fields are kept as sent; a block whose number of slots is 0 reserves
     * nothing (unused blocks of a 160-bit message are sent as zeros).
     *
     * @param offset 0..4095: the reserved offset number, the slot offset from the slot of this
     *        message to the first reserved slot
     * @param numberOfSlots 0..15: the number of consecutive slots reserved (1..15 in use)
     * @param timeout 0..7: the reservation time-out in minutes
     * @param increment 0..2047: the slot increment at which the block repeats within the frame
     *        (0 = one block per frame; values in use divide 2 250, up to 1 125)
     */
    public record Reservation(int offset, int numberOfSlots, int timeout, int increment) {
    }

    /**
     * @throws IllegalArgumentException unless there are one to four reservations, or if
     *         {@code spare2} does not fit the trailing spare width for that count
     * @throws NullPointerException if the list or an element is null
     */
    public DataLinkManagementMessage {
        reservations = List.copyOf(reservations);
        if (reservations.isEmpty() || reservations.size() > MAX_RESERVATIONS) {
            throw new IllegalArgumentException("1 to 4 reservations, got " + reservations.size());
        }
        if (spare2 < 0 || spare2 >= 1 << trailingSpareBits(reservations.size())) {
            throw new IllegalArgumentException("spare2 " + spare2 + " does not fit " + trailingSpareBits(reservations.size()) + " bits");
        }
    }

    /** Width of the spare after {@code n} blocks: 2, 4, 6, 0. */
    static int trailingSpareBits(int n) {
        return n >= MAX_RESERVATIONS ? 0 : 2 * n;
    }

    /**
     * Decodes type 20.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static DataLinkManagementMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 20: " + b.length() + " bits, need " + MIN_BITS);
        }
        int n = Math.min(MAX_RESERVATIONS, (b.length() - 40) / 30);
        Reservation[] r = new Reservation[n];
        for (int i = 0; i < n; i++) {
            int at = 40 + 30 * i;
            r[i] = new Reservation(b.unsigned(at, 12), b.unsigned(at + 12, 4), b.unsigned(at + 16, 3), b.unsigned(at + 19, 11));
        }
        int sw = trailingSpareBits(n);
        int end = 40 + 30 * n;
        int spare2 = sw > 0 && b.has(end, sw) ? b.unsigned(end, sw) : 0;
        return new DataLinkManagementMessage(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2), List.of(r), spare2);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code offset1}, {@code number1}, {@code timeout1}, {@code increment1} ... for each block present. */
    @Override
    public void writeFields(FieldSink out) {
        for (int i = 0; i < reservations.size(); i++) {
            Reservation r = reservations.get(i);
            String k = Integer.toString(i + 1);
            out.field("offset" + k, r.offset());
            out.field("number" + k, r.numberOfSlots());
            out.field("timeout" + k, r.timeout());
            out.field("increment" + k, r.increment());
        }
    }

    /** Writes 72, 104, 136 or 160 bits. */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare);
        for (Reservation r : reservations) {
            w.unsigned(12, r.offset()).unsigned(4, r.numberOfSlots()).unsigned(3, r.timeout()).unsigned(11, r.increment());
        }
        w.unsigned(trailingSpareBits(reservations.size()), spare2);
    }
}
