package org.watchkeeper.ais.nmea;

import org.watchkeeper.ais.AisMessage;

/**
 * A decoded AIS message with the metadata of the NMEA 0183 / IEC 61162-1 sentence(s) and the
 * IEC 61162-450 tag block it came in.
 *
 * @param message the decoded message (ITU-R M.1371-5 record)
 * @param receiveTimeMillis UTC receive time in milliseconds since 1970-01-01, or {@link Long#MIN_VALUE}
 *        when unknown ({@link TimeSource#NONE})
 * @param timeSource where {@code receiveTimeMillis} came from
 * @param source receiving station: the tag block {@code s:} parameter, else the USCG trailer field
 *        starting with {@code r} (e.g. {@code r09SCHA1}), else null
 * @param talker the two-character talker of the (first) sentence, e.g. {@code "AI"}, {@code "BS"},
 *        {@code "AB"}, kept as sent (see {@link AisStreamDecoder} for corrupt talkers)
 * @param ownShip true for {@code VDO} (own-station report), false for {@code VDM}
 * @param channel the AIS channel field as sent: {@code 'A'}, {@code 'B'}, {@code '1'}, {@code '2'}
 *        (or another single character), {@code '\0'} when the field is empty
 * @param checksumVerified true when every sentence's {@code *hh} checksum was present and correct;
 *        false only in lenient mode for sentences without a checksum
 * @param payloadBits payload length in bits after fill bits were removed
 * @param lengthAnomaly true when {@code payloadBits} differs from the nominal length(s) of the
 *        message type (see {@link NominalLength})
 * @param sentences number of sentences (fragments) the message was sent in, 1..9
 * @param lineNumber 1-based input line number of fragment 1
 * @param tagBlock the tag block of fragment 1 (or of the first fragment that had one), null if none;
 *        given with or without its {@code c:} time. When it has one, it must be
 *        {@code receiveTimeMillis} with {@code timeSource} {@link TimeSource#TAG_BLOCK} (a tag block
 *        time is always the message's time), and the message keeps the tag block without it (see
 *        {@link #tagBlockWithoutTime()}); {@link #tagBlock()} gives it back with its time
 * @param trailer the raw receiver-metadata fields after {@code *hh,} of fragment 1 (or of the first
 *        fragment that had them), without the leading comma; null if none
 */
public record ReceivedMessage(
        AisMessage message,
        long receiveTimeMillis,
        TimeSource timeSource,
        String source,
        String talker,
        boolean ownShip,
        char channel,
        boolean checksumVerified,
        int payloadBits,
        boolean lengthAnomaly,
        int sentences,
        long lineNumber,
        TagBlock tagBlock,
        String trailer) {

    /**
     * Keeps the tag block without its {@code c:} time, which is the message's receive time.
     *
     * @throws IllegalArgumentException when the tag block has a {@code c:} time other than
     *         {@code receiveTimeMillis} or {@code timeSource} is not {@link TimeSource#TAG_BLOCK}
     */
    public ReceivedMessage {
        if (tagBlock != null && tagBlock.hasTime()) {
            if (timeSource != TimeSource.TAG_BLOCK || tagBlock.c() != receiveTimeMillis) {
                throw new IllegalArgumentException("tag block time " + tagBlock.c() + " is not the receive time "
                        + receiveTimeMillis + " (" + timeSource + ")");
            }
            tagBlock = tagBlock.withTime(Long.MIN_VALUE);
        }
    }

    /** Whether the receive time is known. */
    public boolean hasReceiveTime() {
        return timeSource != TimeSource.NONE;
    }

    /**
     * The tag block of fragment 1 (or of the first fragment that had one) with all its parameters,
     * null if none. Its {@code c:} time is {@link #receiveTimeMillis()} when {@link #timeSource()} is
     * {@link TimeSource#TAG_BLOCK}; that tag block is made on each call (the decoder shares one tag
     * block without the time between the lines of a feed, see {@link #tagBlockWithoutTime()}).
     */
    @Override
    public TagBlock tagBlock() {
        return tagBlock == null || timeSource != TimeSource.TAG_BLOCK ? tagBlock : tagBlock.withTime(receiveTimeMillis);
    }

    /**
     * The tag block of {@link #tagBlock()} without its {@code c:} time ({@link TagBlock#c()} is
     * {@link Long#MIN_VALUE}; the time is {@link #receiveTimeMillis()} when {@link #timeSource()} is
     * {@link TimeSource#TAG_BLOCK}), null if none. Made without allocation: {@link AisStreamDecoder}
     * gives the same instance to consecutive messages whose tag blocks differ only in {@code c:}.
     */
    public TagBlock tagBlockWithoutTime() {
        return tagBlock;
    }

    /**
     * The receiving slot from a USCG-style trailer ({@code S1378}: the TDMA slot, 0..2249, in which
     * the receiver heard the first fragment), or -1 when there is no trailer, no {@code S} field, or
     * its value is not a slot number.
     */
    public int trailerSlot() {
        int v = trailerInt('S');
        return v >= 0 && v <= 2249 ? v : -1;
    }

    /**
     * The received signal strength from a USCG-style trailer ({@code d-127}: dBm), or
     * {@link Integer#MIN_VALUE} when there is no trailer, no {@code d} field, or its value is not a
     * whole number from -200 to 0.
     */
    public int trailerSignalDbm() {
        int v = trailerInt('d');
        return v >= -200 && v <= 0 ? v : Integer.MIN_VALUE;
    }

    /** The whole-number value of the first trailer field named {@code name} (one letter), or Integer.MIN_VALUE. */
    private int trailerInt(char name) {
        if (trailer == null) {
            return Integer.MIN_VALUE;
        }
        for (int s = 0; s < trailer.length(); ) {
            int e = trailer.indexOf(',', s);
            if (e < 0) {
                e = trailer.length();
            }
            if (e - s > 1 && trailer.charAt(s) == name) {
                // a whole number of a few digits only: the USCG fields are short (read for each message of such a feed)
                int i = s + 1;
                boolean negative = trailer.charAt(i) == '-';
                if (negative) {
                    i++;
                }
                if (i == e || e - i > 5) {
                    return Integer.MIN_VALUE;
                }
                int v = 0;
                for (; i < e; i++) {
                    char c = trailer.charAt(i);
                    if (c < '0' || c > '9') {
                        return Integer.MIN_VALUE;
                    }
                    v = v * 10 + (c - '0');
                }
                return negative ? -v : v;
            }
            s = e + 1;
        }
        return Integer.MIN_VALUE;
    }

    /** The components as a record shows them, the tag block with its time. */
    @Override
    public String toString() {
        return "ReceivedMessage[message=" + message + ", receiveTimeMillis=" + receiveTimeMillis
                + ", timeSource=" + timeSource + ", source=" + source + ", talker=" + talker
                + ", ownShip=" + ownShip + ", channel=" + channel + ", checksumVerified=" + checksumVerified
                + ", payloadBits=" + payloadBits + ", lengthAnomaly=" + lengthAnomaly + ", sentences=" + sentences
                + ", lineNumber=" + lineNumber + ", tagBlock=" + tagBlock() + ", trailer=" + trailer + "]";
    }
}
