package org.watchkeeper.ais;

/**
 * Message 15: interrogation (ITU-R M.1371-5 Annex 8, Message 15). A station asks one or two other
 * stations to transmit specific messages (e.g. type 5 static data), optionally in a given slot.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2;
 * station 1: destination MMSI 40/30, message ID 1.1 70/6, slot offset 1.1 76/12, spare 88/2,
 * message ID 1.2 90/6, slot offset 1.2 96/12, spare 108/2; station 2: destination MMSI 110/30,
 * message ID 2.1 140/6, slot offset 2.1 146/12, spare 158/2 — 160 bits at most. The payload length
 * gives the case: below 110 bits one request to one station (nominally 88 bits); 110 to 159 bits
 * two requests to one station (110 bits, or 112 when padded to a byte boundary); 160 bits or more
 * station 1 with two request slots and station 2 with one (when only one request is made to
 * station 1, its second request is sent as message ID 0 and offset 0, and is kept as sent).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the interrogating station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param station1 the first interrogated station; never null
 * @param station2 the second interrogated station with exactly one request, or {@code null} in the
 *        one-station cases
 */
public record Interrogation(
        int repeatIndicator,
        int mmsi,
        int spare,
        Station station1,
        Station station2) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 15;
    /** Shortest payload decoded: one request to one station. */
    public static final int MIN_BITS = 88;
    /** Shortest payload read as two requests to station 1 (110 bits in the ITU table). */
    public static final int TWO_REQUEST_BITS = 110;
    /** Length of the two-station case. */
    public static final int TWO_STATION_BITS = 160;

    /**
     * One requested message.
     *
     * @param messageType the requested message ID, 0..63 as sent (e.g. 3, 5, 9, 18, 19, 21, 24)
     * @param slotOffset the requested response slot offset, 0..4095 as sent
     * @param spare the 2 spare bits that follow the slot offset in the layout, as sent; 0 when the
     *        payload ends before them (the 88-bit one-request case)
     */
    public record Request(int messageType, int slotOffset, int spare) {
    }

    /**
     * One interrogated station.
     *
     * @param mmsi the interrogated station (30-bit value; see {@link Mmsi})
     * @param first the first requested message; never null
     * @param second the second requested message, or {@code null} when only one is requested
     */
    public record Station(int mmsi, Request first, Request second) {
        /** @throws NullPointerException if {@code first} is null */
        public Station {
            java.util.Objects.requireNonNull(first, "first request");
        }
    }

    /**
     * @throws NullPointerException if {@code station1} is null
     * @throws IllegalArgumentException if station 2 is given with a second request, or while
     *         station 1 has no second request slot (the two-station layout always carries it; use
     *         {@code new Request(0, 0, 0)} for "none")
     */
    public Interrogation {
        java.util.Objects.requireNonNull(station1, "station1");
        if (station2 != null && (station1.second() == null || station2.second() != null)) {
            throw new IllegalArgumentException("two-station interrogation needs station 1 with two request slots and station 2 with one");
        }
    }

    /**
     * Decodes type 15; the case follows from the payload length (see the class description).
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static Interrogation decode(BitReader b) {
        int len = b.length();
        if (len < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 15: " + len + " bits, need " + MIN_BITS);
        }
        Request r11 = new Request(b.unsigned(70, 6), b.unsigned(76, 12), b.has(88, 2) ? b.unsigned(88, 2) : 0);
        Request r12 = null;
        Station s2 = null;
        if (len >= TWO_REQUEST_BITS) {
            r12 = new Request(b.unsigned(90, 6), b.unsigned(96, 12), b.unsigned(108, 2));
        }
        if (len >= TWO_STATION_BITS) {
            s2 = new Station(b.unsigned(110, 30), new Request(b.unsigned(140, 6), b.unsigned(146, 12), b.unsigned(158, 2)), null);
        }
        return new Interrogation(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2),
                new Station(b.unsigned(40, 30), r11, r12), s2);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /**
     * Writes {@code mmsi1}, {@code type1_1}, {@code offset1_1}, then {@code type1_2},
     * {@code offset1_2} and {@code mmsi2}, {@code type2_1}, {@code offset2_1} when present.
     */
    @Override
    public void writeFields(FieldSink out) {
        out.mmsiField("mmsi1", station1.mmsi());
        out.field("type1_1", station1.first().messageType());
        out.field("offset1_1", station1.first().slotOffset());
        if (station1.second() != null) {
            out.field("type1_2", station1.second().messageType());
            out.field("offset1_2", station1.second().slotOffset());
        }
        if (station2 != null) {
            out.mmsiField("mmsi2", station2.mmsi());
            out.field("type2_1", station2.first().messageType());
            out.field("offset2_1", station2.first().slotOffset());
        }
    }

    /**
     * Writes 88, 110 or 160 bits according to the case. In the one-request case the spare after
     * slot offset 1.1 is written (making 90 bits) only when it is not zero, so that it survives.
     */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare);
        Request r11 = station1.first();
        Request r12 = station1.second();
        w.unsigned(30, station1.mmsi()).unsigned(6, r11.messageType()).unsigned(12, r11.slotOffset());
        if (r12 != null || r11.spare() != 0) {
            w.unsigned(2, r11.spare());
        }
        if (r12 != null) {
            w.unsigned(6, r12.messageType()).unsigned(12, r12.slotOffset()).unsigned(2, r12.spare());
        }
        if (station2 != null) {
            Request r21 = station2.first();
            w.unsigned(30, station2.mmsi()).unsigned(6, r21.messageType()).unsigned(12, r21.slotOffset()).unsigned(2, r21.spare());
        }
    }
}
