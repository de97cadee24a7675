package org.watchkeeper.ais;

/**
 * The 1-bit communication state selector followed by a 19-bit SOTDMA or ITDMA communication state,
 * as carried by messages 9 and 18 (ITU-R M.1371-5 Tables 48 and 49: selector 0 SOTDMA, 1 ITDMA).
 * Records keep both as one 20-bit value (gpsd's {@code radio}); see {@link CommunicationState#ofSelected(int)}.
 */
final class SelectedCommunicationState {
    /** Width of selector plus state. */
    static final int BITS = 1 + CommunicationState.BITS;

    private SelectedCommunicationState() {
    }

    /** Reads selector and state at {@code selectorBit}; {@link AisMessage#NOT_AVAILABLE} when the payload does not hold all 20 bits. */
    static int read(BitReader b, int selectorBit) {
        return b.has(selectorBit, BITS) ? b.unsigned(selectorBit, BITS) : AisMessage.NOT_AVAILABLE;
    }

    /** Writes selector and state; nothing when {@code radio} is negative (not available). */
    static void write(BitWriter w, int radio) {
        if (radio >= 0) {
            w.unsigned(BITS, radio);
        }
    }

    /** Writes {@code radio} and the state's sub-fields; nothing when {@code radio} is negative (not available). */
    static void writeFields(FieldSink out, int radio) {
        if (radio >= 0) {
            out.field("radio", radio);
            CommunicationState.writeFields(out, radio & ~CommunicationState.ITDMA_SELECTOR,
                    (radio & CommunicationState.ITDMA_SELECTOR) != 0);
        }
    }
}
