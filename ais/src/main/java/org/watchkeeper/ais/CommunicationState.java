package org.watchkeeper.ais;

/**
 * The 19-bit communication state carried by position reports (ITU-R M.1371-5 Annex 2,
 * §3.3.7.2.2 Table 18 for SOTDMA and §3.3.7.3.2 Table 20 for ITDMA).
 */
public sealed interface CommunicationState permits CommunicationState.Sotdma, CommunicationState.Itdma {
    /** Width of the field in bits. */
    int BITS = 19;

    /**
     * Sync state, 0..3: 0 UTC direct, 1 UTC indirect, 2 synchronised to a base station,
     * 3 synchronised to another station with the most received stations.
     */
    int syncState();

    /** The raw 19-bit value (gpsd's {@code radio}). */
    int raw();

    /** Writes the decoded sub-fields with their AIS JSON names. */
    void writeFields(FieldSink out);

    /** Reads a SOTDMA state at bit {@code start}. */
    static Sotdma readSotdma(BitReader b, int start) {
        return Sotdma.fromRaw(b.unsigned(start, BITS));
    }

    /** Reads an ITDMA state at bit {@code start}. */
    static Itdma readItdma(BitReader b, int start) {
        return Itdma.fromRaw(b.unsigned(start, BITS));
    }

    /**
     * SOTDMA communication state (Table 18): sync state (2 bits), slot time-out (3 bits) and a 14-bit
     * sub message whose meaning depends on the time-out: 0 slot offset, 1 UTC hour and minute,
     * 2/4/6 slot number, 3/5/7 number of received stations.
     *
     * @param syncState 0..3
     * @param slotTimeout frames left until a new slot is selected, 0..7
     * @param subMessage the 14-bit sub message, raw
     */
    record Sotdma(int syncState, int slotTimeout, int subMessage) implements CommunicationState {
        static Sotdma fromRaw(int raw) {
            return new Sotdma((raw >>> 17) & 3, (raw >>> 14) & 7, raw & 0x3fff);
        }

        @Override
        public int raw() {
            return (syncState << 17) | (slotTimeout << 14) | subMessage;
        }

        /** UTC hour 0..23 of the sub message when {@code slotTimeout == 1} (bits 13..9), else {@link AisMessage#NOT_AVAILABLE}. */
        public int utcHour() {
            return slotTimeout == 1 ? (subMessage >>> 9) & 0x1f : AisMessage.NOT_AVAILABLE;
        }

        /** UTC minute 0..59 of the sub message when {@code slotTimeout == 1} (bits 8..2), else {@link AisMessage#NOT_AVAILABLE}. */
        public int utcMinute() {
            return slotTimeout == 1 ? (subMessage >>> 2) & 0x7f : AisMessage.NOT_AVAILABLE;
        }

        @Override
        public void writeFields(FieldSink out) {
            out.field("sync_state", syncState);
            out.field("slot_timeout", slotTimeout);
            switch (slotTimeout) {
                case 0 -> out.field("slot_offset", subMessage);
                case 1 -> {
                    out.field("utc_hour", utcHour());
                    out.field("utc_minute", utcMinute());
                }
                case 2, 4, 6 -> out.field("slot_number", subMessage);
                default -> out.field("received_stations", subMessage);
            }
        }
    }

    /**
     * ITDMA communication state (Table 20).
     *
     * @param syncState 0..3
     * @param slotIncrement offset to the next allocated slot, 0..8191 (0 = no more allocation)
     * @param numberOfSlots slots to allocate, 0..7 (values 5..7 mean 1..3 slots plus 8 192 increment)
     * @param keepFlag whether the slot is kept for one more frame
     */
    record Itdma(int syncState, int slotIncrement, int numberOfSlots, boolean keepFlag) implements CommunicationState {
        static Itdma fromRaw(int raw) {
            return new Itdma((raw >>> 17) & 3, (raw >>> 4) & 0x1fff, (raw >>> 1) & 7, (raw & 1) != 0);
        }

        @Override
        public int raw() {
            return (syncState << 17) | (slotIncrement << 4) | (numberOfSlots << 1) | (keepFlag ? 1 : 0);
        }

        @Override
        public void writeFields(FieldSink out) {
            out.field("sync_state", syncState);
            out.field("slot_increment", slotIncrement);
            out.field("slots", numberOfSlots);
            out.field("keep", keepFlag);
        }
    }
}
