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
 * @param tagBlock the tag block of fragment 1 (or of the first fragment that had one), null if none
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

    /** Whether the receive time is known. */
    public boolean hasReceiveTime() {
        return timeSource != TimeSource.NONE;
    }
}
