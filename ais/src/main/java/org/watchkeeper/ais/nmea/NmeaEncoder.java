package org.watchkeeper.ais.nmea;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;

/**
 * Frames AIS messages as NMEA 0183 / IEC 61162-1 {@code !AIVDM} sentences, optionally each with an
 * IEC 61162-450 tag block: the inverse of {@link AisStreamDecoder}. Not thread safe (it numbers
 * multi-sentence messages).
 *
 * <p>Sentence: {@code !ttVDM,count,number,seq,channel,payload,fill*hh} (IEC 61162-1 §8.3.98
 * encapsulation of ITU-R M.1371 messages). A payload longer than {@link #maxPayloadChars()} 6-bit
 * characters is split into consecutive fragments of that many characters (the last one shorter);
 * fill bits go on the last fragment only, the others carry 0. Single-sentence messages have an
 * empty sequential message identifier; multi-sentence ones get 0..9 in turn. The default of
 * {@value #DEFAULT_MAX_PAYLOAD_CHARS} characters keeps a sentence within the 82-character limit of
 * NMEA 0183 (a 424-bit type 5 becomes 60 + 11 characters, as AIS transponders send it).
 *
 * <p>Tag block ({@link Tag}): {@code \s:source,c:seconds*hh\} in front of a single sentence. In
 * front of each sentence of a multi-sentence message the tag block also carries the sentence
 * grouping {@code g:n-t-id} (IEC 61162-450 §7.3.2), and only the first one carries {@code s:} and
 * {@code c:}: {@code \g:1-2-17,s:...,c:...*hh\} then {@code \g:2-2-17*hh\}. Group ids are
 * 1..{@value #MAX_GROUP_ID} in turn. {@code c:} is written in whole seconds when the time is a
 * whole second, else in milliseconds ({@link TagBlock} reads both). Checksums are the XOR of the
 * characters between the start delimiter and {@code *}, as two upper-case hex digits.
 */
public final class NmeaEncoder {
    /** Default maximum payload characters per sentence. */
    public static final int DEFAULT_MAX_PAYLOAD_CHARS = 60;
    /** Largest tag-block group id before the numbering starts again at 1. */
    public static final int MAX_GROUP_ID = 9999;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String address;
    private final int maxPayloadChars;
    private int sequence;
    private int group;

    /**
     * Tag block parameters of one message.
     *
     * @param source {@code s:} source identification (receiving station), null for none; must not
     *        contain {@code ,}, {@code *} or {@code \}
     * @param timeMillis {@code c:} receive time in UTC milliseconds since 1970, or
     *        {@link Long#MIN_VALUE} for none
     */
    public record Tag(String source, long timeMillis) {
        /**
         * @throws IllegalArgumentException if the source holds a tag-block delimiter, or the time
         *         is negative (other than {@link Long#MIN_VALUE})
         */
        public Tag {
            if (source != null && (source.isEmpty() || source.chars().anyMatch(ch -> ch == ',' || ch == '*' || ch == '\\' || ch < 0x20 || ch > 0x7e))) {
                throw new IllegalArgumentException("source must be printable ASCII without , * \\: " + source);
            }
            if (timeMillis < 0 && timeMillis != Long.MIN_VALUE) {
                throw new IllegalArgumentException("negative time " + timeMillis);
            }
        }
    }

    /** An encoder for {@code !AIVDM} with {@link #DEFAULT_MAX_PAYLOAD_CHARS}. */
    public NmeaEncoder() {
        this("AI", false, DEFAULT_MAX_PAYLOAD_CHARS);
    }

    /**
     * @param talker two printable characters, e.g. {@code AI}, {@code AB}, {@code BS}
     * @param ownShip true for {@code VDO} (own-ship report), false for {@code VDM}
     * @param maxPayloadChars payload characters per sentence, 1..60
     * @throws IllegalArgumentException for a talker that is not two printable non-delimiter
     *         characters, or a payload size outside 1..60
     */
    public NmeaEncoder(String talker, boolean ownShip, int maxPayloadChars) {
        Objects.requireNonNull(talker, "talker");
        if (talker.length() != 2 || talker.chars().anyMatch(ch -> ch <= 0x20 || ch > 0x7e || ch == ',' || ch == '*' || ch == '!' || ch == '$' || ch == '\\')) {
            throw new IllegalArgumentException("talker must be two printable characters: " + talker);
        }
        if (maxPayloadChars < 1 || maxPayloadChars > DEFAULT_MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException("maxPayloadChars must be 1.." + DEFAULT_MAX_PAYLOAD_CHARS + ": " + maxPayloadChars);
        }
        this.address = talker + (ownShip ? "VDO" : "VDM");
        this.maxPayloadChars = maxPayloadChars;
    }

    /**
     * Sets the numbers the next multi-sentence message gets (then counting on as usual), e.g. to
     * continue a log.
     *
     * @param sequenceId 0..9
     * @param groupId 1..{@value #MAX_GROUP_ID}
     * @throws IllegalArgumentException outside those ranges
     */
    public void continueNumbering(int sequenceId, int groupId) {
        if (sequenceId < 0 || sequenceId > 9 || groupId < 1 || groupId > MAX_GROUP_ID) {
            throw new IllegalArgumentException("sequence id 0..9 and group id 1.." + MAX_GROUP_ID);
        }
        sequence = sequenceId;
        group = groupId - 1;
    }

    /** Payload characters per sentence. */
    public int maxPayloadChars() {
        return maxPayloadChars;
    }

    /**
     * The lines of one message: sentences with their tag blocks, in order, without line ends.
     *
     * @param message encoded with {@link AisMessage#encode(BitWriter)}
     * @param channel {@code 'A'}, {@code 'B'} (or another printable character), {@code '\0'} for an empty field
     * @param tag tag block parameters, or null for bare sentences
     */
    public List<String> encode(AisMessage message, char channel, Tag tag) {
        BitWriter w = new BitWriter();
        message.encode(w);
        return encode(w.armoured(), w.fillBits(), channel, tag);
    }

    /**
     * The lines of one armoured payload.
     *
     * @param payload 6-bit armoured characters (at least one)
     * @param fillBits 0..5
     * @throws IllegalArgumentException for an empty payload, fill bits outside 0..5, or a payload
     *         needing more than 9 sentences
     */
    public List<String> encode(String payload, int fillBits, char channel, Tag tag) {
        if (payload.isEmpty() || fillBits < 0 || fillBits > 5) {
            throw new IllegalArgumentException("payload must be non-empty and fill bits 0..5");
        }
        int count = (payload.length() + maxPayloadChars - 1) / maxPayloadChars;
        if (count > 9) {
            throw new IllegalArgumentException("payload of " + payload.length() + " characters needs " + count + " sentences (at most 9)");
        }
        String seq = "";
        int groupId = 0;
        if (count > 1) {
            seq = Integer.toString(sequence);
            sequence = (sequence + 1) % 10;
            if (tag != null) {
                group = group % MAX_GROUP_ID + 1;
                groupId = group;
            }
        }
        List<String> out = new ArrayList<>(count);
        StringBuilder sb = new StringBuilder(96);
        for (int i = 0; i < count; i++) {
            sb.setLength(0);
            if (tag != null) {
                StringBuilder t = new StringBuilder(48);
                if (count > 1) {
                    t.append("g:").append(i + 1).append('-').append(count).append('-').append(groupId);
                }
                if (i == 0) {
                    if (tag.source() != null) {
                        sep(t).append("s:").append(tag.source());
                    }
                    if (tag.timeMillis() != Long.MIN_VALUE) {
                        long ms = tag.timeMillis();
                        sep(t).append("c:").append(ms % 1000 == 0 ? ms / 1000 : ms);
                    }
                }
                if (t.length() > 0) {
                    sb.append('\\').append(t).append('*');
                    hex(sb, checksum(t, 0, t.length()));
                    sb.append('\\');
                }
            }
            int bodyStart = sb.length() + 1;
            sb.append('!').append(address).append(',').append(count).append(',').append(i + 1).append(',')
                    .append(seq).append(',');
            if (channel != '\0') {
                sb.append(channel);
            }
            sb.append(',').append(payload, i * maxPayloadChars, Math.min(payload.length(), (i + 1) * maxPayloadChars))
                    .append(',').append(i == count - 1 ? fillBits : 0);
            int x = checksum(sb, bodyStart, sb.length());
            sb.append('*');
            hex(sb, x);
            out.add(sb.toString());
        }
        return out;
    }

    /** XOR of the characters {@code from} (inclusive) to {@code to} (exclusive): the NMEA checksum. */
    public static int checksum(CharSequence s, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= s.charAt(i);
        }
        return x & 0xff;
    }

    private static StringBuilder sep(StringBuilder t) {
        if (t.length() > 0) {
            t.append(',');
        }
        return t;
    }

    private static void hex(StringBuilder sb, int x) {
        sb.append(HEX[(x >>> 4) & 15]).append(HEX[x & 15]);
    }
}
