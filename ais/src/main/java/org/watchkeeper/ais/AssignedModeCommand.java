package org.watchkeeper.ais;

import java.util.List;

/**
 * Message 16: assigned mode command (ITU-R M.1371-5 Annex 8, Message 16). A base station with
 * authority assigns one or two stations a reporting schedule, either by slots or as a reporting rate.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2; station A:
 * destination MMSI 40/30, offset 70/12, increment 82/10; then either spare 92/4 (one station,
 * 96 bits) or station B: destination MMSI 92/30, offset 122/12, increment 134/10 (two stations,
 * 144 bits). A payload of 144 bits or more is read as two assignments, anything shorter as one.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the commanding base station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param assignments one or two assignments (station A, then station B); unmodifiable
 * @param spare2 the 4 spare bits at 92 of the one-station form as sent (0 when absent); always 0
 *        with two assignments, whose layout has no such bits
 */
public record AssignedModeCommand(
        int repeatIndicator,
        int mmsi,
        int spare,
        List<Assignment> assignments,
        int spare2) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 16;
    /** Shortest payload decoded: the header and station A. */
    public static final int MIN_BITS = 92;
    /** Length of the one-station form. */
    public static final int ONE_STATION_BITS = 96;
    /** Length of the two-station form. */
    public static final int TWO_STATION_BITS = 144;

    /**
     * One assignment.
     *
     * @param destinationMmsi the assigned station (30-bit value; see {@link Mmsi})
     * @param offset 0..4095: the offset from the current slot to the first assigned slot, or, when
     *        {@code increment} is 0, the number of reports per 10 minutes (see {@link #reportsPerTenMinutes()})
     * @param increment 0..1023: the increment to the next assigned slot; 0 means {@code offset} is a
     *        reporting rate
     */
    public record Assignment(int destinationMmsi, int offset, int increment) {
        /** The assigned number of reports per 10 minutes when {@code increment} is 0, else {@link AisMessage#NOT_AVAILABLE}. */
        public int reportsPerTenMinutes() {
            return increment == 0 ? offset : AisMessage.NOT_AVAILABLE;
        }
    }

    /**
     * @throws IllegalArgumentException unless there are one or two assignments, or if
     *         {@code spare2} is not 0 with two assignments
     * @throws NullPointerException if the list or an element is null
     */
    public AssignedModeCommand {
        assignments = List.copyOf(assignments);
        if (assignments.isEmpty() || assignments.size() > 2) {
            throw new IllegalArgumentException("1 or 2 assignments, got " + assignments.size());
        }
        if (assignments.size() == 2 && spare2 != 0) {
            throw new IllegalArgumentException("the two-station form has no spare bits at 92");
        }
    }

    /**
     * Decodes type 16.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static AssignedModeCommand decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 16: " + b.length() + " bits, need " + MIN_BITS);
        }
        Assignment a = new Assignment(b.unsigned(40, 30), b.unsigned(70, 12), b.unsigned(82, 10));
        List<Assignment> list;
        int spare2 = 0;
        if (b.length() >= TWO_STATION_BITS) {
            list = List.of(a, new Assignment(b.unsigned(92, 30), b.unsigned(122, 12), b.unsigned(134, 10)));
        } else {
            list = List.of(a);
            spare2 = b.has(92, 4) ? b.unsigned(92, 4) : 0;
        }
        return new AssignedModeCommand(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2), list, spare2);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code mmsi1}, {@code offset1}, {@code increment1}, and {@code mmsi2}, {@code offset2}, {@code increment2} for station B. */
    @Override
    public void writeFields(FieldSink out) {
        for (int i = 0; i < assignments.size(); i++) {
            Assignment a = assignments.get(i);
            out.mmsiField("mmsi" + (i + 1), a.destinationMmsi());
            out.field("offset" + (i + 1), a.offset());
            out.field("increment" + (i + 1), a.increment());
        }
    }

    /** Writes 96 bits for one assignment, 144 for two. */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare);
        for (Assignment a : assignments) {
            w.unsigned(30, a.destinationMmsi()).unsigned(12, a.offset()).unsigned(10, a.increment());
        }
        if (assignments.size() == 1) {
            w.unsigned(4, spare2);
        }
    }
}
