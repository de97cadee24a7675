package org.watchkeeper.ais;

/**
 * The 1-bit communication state selector followed by a 19-bit SOTDMA or ITDMA communication state,
 * as carried by messages 9 and 18 (ITU-R M.1371-5 Tables 48 and 49: selector 0 SOTDMA, 1 ITDMA).
 * The selector is implied by the kind of {@link CommunicationState} held, so records keep only the state.
 */
final class SelectedCommunicationState {
    /** Width of selector plus state. */
    static final int BITS = 1 + CommunicationState.BITS;

    private SelectedCommunicationState() {
    }

    /** Reads selector and state at {@code selectorBit}; {@code null} when the payload does not hold all 20 bits. */
    static CommunicationState read(BitReader b, int selectorBit) {
        if (!b.has(selectorBit, BITS)) {
            return null;
        }
        return b.bool(selectorBit)
                ? CommunicationState.readItdma(b, selectorBit + 1)
                : CommunicationState.readSotdma(b, selectorBit + 1);
    }

    /** Writes selector and state; nothing when {@code cs} is null. */
    static void write(BitWriter w, CommunicationState cs) {
        if (cs != null) {
            w.bool(cs instanceof CommunicationState.Itdma).unsigned(CommunicationState.BITS, cs.raw());
        }
    }

    /** gpsd's 20-bit {@code radio} value (selector and state), or {@link AisMessage#NOT_AVAILABLE} for null. */
    static int radio(CommunicationState cs) {
        if (cs == null) {
            return AisMessage.NOT_AVAILABLE;
        }
        return (cs instanceof CommunicationState.Itdma ? 1 << CommunicationState.BITS : 0) | cs.raw();
    }

    /** Writes {@code radio} and the state's sub-fields; nothing when {@code cs} is null. */
    static void writeFields(FieldSink out, CommunicationState cs) {
        if (cs != null) {
            out.field("radio", radio(cs));
            cs.writeFields(out);
        }
    }
}
