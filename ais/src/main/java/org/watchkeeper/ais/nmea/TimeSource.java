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
    /**
     * The {@code c:} of the tag block a Watchkeeper server's raw archive puts in front of each line it
     * keeps ({@code \c:<ms>,x:<source>*hh\}, told by its {@code x:} parameter): when the server
     * received the line, which for a log the server replayed is not when the message was heard. Used
     * only when the line has no time of its own (tag block {@code c:} of the receiver, {@code $PGHP},
     * epoch trailer) and there is no receive clock.
     */
    ARCHIVE,
    /** No time known; {@link ReceivedMessage#receiveTimeMillis()} is {@link Long#MIN_VALUE}. */
    NONE
}
