package org.watchkeeper.ais.nmea;

/**
 * Where the receive time of a {@link ReceivedMessage} came from, in order of preference
 * (the first available one is used).
 */
public enum TimeSource {
    /** The {@code c:} parameter of the IEC 61162-450 tag block in front of the (first) sentence. */
    TAG_BLOCK,
    /**
     * A Gatehouse {@code $PGHP,1,...} line directly before the first sentence, whose checksum reference
     * matches the message; or, in a stream that writes them apart (exactEarth satellite feeds), the
     * nearest {@code $PGHP} within 32 lines before or after a single-sentence message that names its
     * checksum, for a message otherwise timed by its epoch suffix ({@link #TRAILER}) or not at all.
     */
    PGHP,
    /** A UNIX epoch (seconds or milliseconds) as the last receiver-metadata field after {@code *hh}. */
    TRAILER,
    /** The receive clock set with {@link AisStreamDecoder#setReceiveClock}, sampled when the first sentence arrived. */
    RECEIVE_CLOCK,
    /** No time known; {@link ReceivedMessage#receiveTimeMillis()} is {@link Long#MIN_VALUE}. */
    NONE
}
