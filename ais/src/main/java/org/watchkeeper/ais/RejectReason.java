package org.watchkeeper.ais;

/**
 * Why a line, sentence or payload was not turned into a message. Every rejected input carries
 * exactly one reason; counts by reason are shown to the user.
 *
 * <p>A reason has two spellings, and every place that shows one uses them: {@link #code()}
 * ({@code bad_checksum}) wherever a program reads it (JSON keys and values of {@code summary.json},
 * {@code /api/stats} and the Flink job's rejects topic, the {@code --errors} file, metric tags), and
 * {@link #description()} ({@code checksum mismatch}) in the summaries written for a person.
 */
public enum RejectReason implements Reason {
    /** The line exceeds the configured maximum length (bounded buffers). */
    LINE_TOO_LONG("line too long"),
    /** Nothing that looks like an NMEA sentence ({@code !} or {@code $}) was found on the line. */
    NOT_A_SENTENCE("not an NMEA sentence"),
    /** The sentence has no {@code *hh} checksum field (IEC 61162-1 requires one on {@code !} sentences). */
    NO_CHECKSUM("no checksum"),
    /** The {@code *hh} checksum does not match the XOR of the characters between {@code !} and {@code *}. */
    BAD_CHECKSUM("checksum mismatch"),
    /** A tag block ({@code \...\}, IEC 61162-450) is malformed: no closing backslash, bad field syntax. */
    BAD_TAG_BLOCK("malformed tag block"),
    /** The tag block's own {@code *hh} checksum does not match. */
    BAD_TAG_BLOCK_CHECKSUM("tag block checksum mismatch"),
    /**
     * A VDM/VDO sentence without the seven fields it must have or with a non-numeric numeric field, or
     * any sentence whose address field is empty, too long or holds a character no address may.
     */
    MALFORMED_SENTENCE("malformed sentence"),
    /** Fragment count or number outside 1..9, or number greater than count. */
    BAD_FRAGMENT_HEADER("bad fragment count/number"),
    /** The fill-bits field is not 0..5. */
    BAD_FILL_BITS("bad fill bits"),
    /** The payload holds a character outside the 6-bit armour alphabet. */
    ILLEGAL_PAYLOAD_CHARACTER("illegal payload character"),
    /** The payload is empty. */
    EMPTY_PAYLOAD("empty payload"),
    /** The (reassembled) payload is longer than any AIS message can be. */
    PAYLOAD_TOO_LONG("payload too long"),
    /** The payload is shorter than the mandatory part of its message type. */
    PAYLOAD_TOO_SHORT("payload too short for its message type"),
    /** Message type 0 or 28..63: not defined by ITU-R M.1371-5. */
    UNKNOWN_MESSAGE_TYPE("unknown message type"),
    /** A continuation fragment with no matching first fragment, or a duplicate fragment number. */
    ORPHAN_FRAGMENT("orphan fragment"),
    /** A multi-sentence message whose remaining fragments never arrived (evicted by age or by buffer bound). */
    INCOMPLETE_MESSAGE("incomplete multi-sentence message");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** A short human-readable description, for summaries a person reads ({@code checksum mismatch}). */
    @Override
    public String description() {
        return description;
    }

    /** The reason whose {@link #code()} is {@code code}, or null when none has it. */
    public static RejectReason ofCode(String code) {
        return Reason.ofCode(RejectReason.class, code);
    }
}
