package org.watchkeeper.ais;

/**
 * Message 14: safety related broadcast message (ITU-R M.1371-5 Annex 8, Message 14), a free text
 * message to all stations. AIS-SART, MOB and EPIRB-AIS devices send it with the texts
 * {@code "SART ACTIVE"}, {@code "MOB ACTIVE"}, {@code "EPIRB ACTIVE"} or the {@code "... TEST"} variants.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2,
 * safety related text 40/6·n — 40 to 1 008 bits, so at most 161 characters of 6-bit ASCII (Table 47).
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param text the text, 0..161 characters of the 6-bit alphabet; read as far as the payload holds
 *        whole characters, with trailing {@code @} padding and spaces removed and everything from
 *        the first {@code @} on dropped; never null (empty when the message carries no text)
 */
public record SafetyRelatedBroadcastMessage(
        int repeatIndicator,
        int mmsi,
        int spare,
        String text) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 14;
    /** Shortest payload decoded: the header without text. */
    public static final int MIN_BITS = 40;
    /** Most text characters: (1 008 - 40) / 6, rounded down. */
    public static final int MAX_TEXT = 161;

    /** @throws NullPointerException if {@code text} is null */
    public SafetyRelatedBroadcastMessage {
        java.util.Objects.requireNonNull(text, "text");
    }

    /**
     * Decodes type 14. Text beyond {@link #MAX_TEXT} characters and bits that do not make a whole
     * character are ignored.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static SafetyRelatedBroadcastMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 14: " + b.length() + " bits, need " + MIN_BITS);
        }
        return new SafetyRelatedBroadcastMessage(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2), b.text(40, MAX_TEXT));
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code text}. */
    @Override
    public void writeFields(FieldSink out) {
        out.field("text", text);
    }

    /** Writes the header and one 6-bit character per text character (text longer than {@link #MAX_TEXT} is cut). */
    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .text(Math.min(MAX_TEXT, text.length()), text);
    }
}
