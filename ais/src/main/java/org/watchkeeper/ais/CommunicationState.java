package org.watchkeeper.ais;

/**
 * The 19-bit communication state carried by position reports (ITU-R M.1371-5 Annex 2,
 * §3.3.7.2.2 Table 18 for SOTDMA and §3.3.7.3.2 Table 20 for ITDMA).
 *
 * <p>The position report records (types 1-4, 9 and 18) keep the state as sent, as an {@code int}
 * (gpsd's {@code radio}), and decode it into this type only when asked ({@code communicationState()});
 * the static methods here convert between the two forms. For types 9 and 18 the kept value is 20 bits:
 * the selector (bit 19: 0 SOTDMA, 1 ITDMA, Tables 48 and 49) followed by the state.
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

    /** Bit 19 of a selector-and-state value ({@link #selected(CommunicationState)}): set for ITDMA. */
    int ITDMA_SELECTOR = 1 << BITS;

    /**
     * Decodes a 19-bit state as SOTDMA (Table 18) or ITDMA (Table 20).
     *
     * @param raw the state, 0..2<sup>19</sup>-1, or {@link AisMessage#NOT_AVAILABLE} (or any negative value) for absent
     * @return the decoded state, null when {@code raw} is negative
     */
    static CommunicationState of(int raw, boolean itdma) {
        if (raw < 0) {
            return null;
        }
        return itdma ? Itdma.fromRaw(raw) : Sotdma.fromRaw(raw);
    }

    /**
     * Decodes a 20-bit selector-and-state value of messages 9 and 18 (Tables 48 and 49): bit 19 set
     * for ITDMA, the low 19 bits the state.
     *
     * @param radio 0..2<sup>20</sup>-1, or {@link AisMessage#NOT_AVAILABLE} (or any negative value) for absent
     * @return the decoded state, null when {@code radio} is negative
     */
    static CommunicationState ofSelected(int radio) {
        return of(radio & ~ITDMA_SELECTOR, (radio & ITDMA_SELECTOR) != 0);
    }

    /**
     * The 20-bit selector-and-state value of messages 9 and 18 (gpsd's {@code radio} there): bit 19
     * set for ITDMA, then the 19-bit state.
     *
     * @return 0..2<sup>20</sup>-1, or {@link AisMessage#NOT_AVAILABLE} for null
     */
    static int selected(CommunicationState cs) {
        if (cs == null) {
            return AisMessage.NOT_AVAILABLE;
        }
        return (cs instanceof Itdma ? ITDMA_SELECTOR : 0) | cs.raw();
    }

    /** The 19-bit state, or {@link AisMessage#NOT_AVAILABLE} for null. */
    static int rawOf(CommunicationState cs) {
        return cs == null ? AisMessage.NOT_AVAILABLE : cs.raw();
    }

    /**
     * Writes the decoded sub-fields of a 19-bit state with their AIS JSON names, as
     * {@link #writeFields(FieldSink)} of the decoded state does, without decoding it into an object.
     *
     * @param raw the state, 0..2<sup>19</sup>-1
     */
    static void writeFields(FieldSink out, int raw, boolean itdma) {
        out.field("sync_state", (raw >>> 17) & 3);
        if (itdma) {
            out.field("slot_increment", (raw >>> 4) & 0x1fff);
            out.field("slots", (raw >>> 1) & 7);
            out.field("keep", (raw & 1) != 0);
            return;
        }
        int timeout = (raw >>> 14) & 7;
        int sub = raw & 0x3fff;
        out.field("slot_timeout", timeout);
        switch (timeout) {
            case 0 -> out.field("slot_offset", sub);
            case 1 -> {
                out.field("utc_hour", (sub >>> 9) & 0x1f);
                out.field("utc_minute", (sub >>> 2) & 0x7f);
            }
            case 2, 4, 6 -> out.field("slot_number", sub);
            default -> out.field("received_stations", sub);
        }
    }

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
        /** Decodes a 19-bit state, 0..2<sup>19</sup>-1 (higher bits are ignored). */
        public static Sotdma fromRaw(int raw) {
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
            CommunicationState.writeFields(out, raw(), false);
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
        /** Decodes a 19-bit state, 0..2<sup>19</sup>-1 (higher bits are ignored). */
        public static Itdma fromRaw(int raw) {
            return new Itdma((raw >>> 17) & 3, (raw >>> 4) & 0x1fff, (raw >>> 1) & 7, (raw & 1) != 0);
        }

        @Override
        public int raw() {
            return (syncState << 17) | (slotIncrement << 4) | (numberOfSlots << 1) | (keepFlag ? 1 : 0);
        }

        @Override
        public void writeFields(FieldSink out) {
            CommunicationState.writeFields(out, raw(), true);
        }
    }
}
