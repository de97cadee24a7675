package org.watchkeeper.ais.nmea;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.watchkeeper.ais.AisDecodeException;
import org.watchkeeper.ais.RejectReason;

/**
 * An IEC 61162-450 (NMEA 0183 v4) tag block: {@code \k:v,k:v,...*hh\} in front of a sentence.
 * The parameter codes are those of IEC 61162-450 §7.3.2 (and NMEA 0183 v4.10); components are
 * named by their code letters.
 *
 * @param c receive time, UNIX time in milliseconds ({@code c:} is sent in seconds or milliseconds:
 *        a value below 10<sup>11</sup> is taken as seconds), {@link Long#MIN_VALUE} when absent
 * @param s source identification (e.g. {@code rORBCOMM999}), null when absent
 * @param d destination identification, null when absent
 * @param g sentence grouping ({@code g:} or {@code G:} as {@code n-t-id}, or the older
 *        {@code nGt:id} form), null when absent
 * @param n line count, -1 when absent
 * @param r relative time, -1 when absent
 * @param t free text, null when absent
 * @param i free text ({@code i:}, may contain colons), null when absent
 * @param other every other parameter as sent (code → value, input order); empty when none
 * @param checksumVerified whether the tag block's {@code *hh} was present and correct (it can be
 *        false only with {@link Options#lenientChecksum()} or {@link Options#acceptBadTagBlockChecksum()})
 */
public record TagBlock(long c, String s, String d, Group g, long n, long r, String t, String i,
                       Map<String, String> other, boolean checksumVerified) {

    /**
     * Sentence grouping of a multi-sentence message (IEC 61162-450 {@code g:} parameter).
     *
     * @param sentence this sentence's number within the group, 1..total
     * @param total number of sentences in the group
     * @param id group identifier as sent (the same on all sentences of the group)
     */
    public record Group(int sentence, int total, String id) {
    }

    /** Whether a {@code c:} receive time is present. */
    public boolean hasTime() {
        return c != Long.MIN_VALUE;
    }

    /**
     * Two tag blocks one after the other in front of one sentence, read as one: each parameter of
     * {@code inner} (the one nearer the sentence, as its sender wrote it), else of {@code outer} (one put
     * in front of it later, by a gateway or a server's archive); {@link #other} holds both, {@code inner}'s
     * value for a code in both; checksum verified when both were.
     */
    public static TagBlock nested(TagBlock outer, TagBlock inner) {
        Map<String, String> other = inner.other;
        if (!outer.other.isEmpty()) {
            Map<String, String> m = new LinkedHashMap<>(outer.other);
            m.putAll(inner.other);
            other = Collections.unmodifiableMap(m);
        }
        return new TagBlock(inner.hasTime() ? inner.c : outer.c, inner.s != null ? inner.s : outer.s,
                inner.d != null ? inner.d : outer.d, inner.g != null ? inner.g : outer.g, inner.n >= 0 ? inner.n : outer.n,
                inner.r >= 0 ? inner.r : outer.r, inner.t != null ? inner.t : outer.t, inner.i != null ? inner.i : outer.i,
                other, outer.checksumVerified && inner.checksumVerified);
    }

    /**
     * This tag block with {@code c} replaced (this instance itself when {@code c} is the same).
     *
     * @param c receive time, UNIX time in milliseconds, {@link Long#MIN_VALUE} for none
     */
    public TagBlock withTime(long c) {
        return c == this.c ? this : new TagBlock(c, s, d, g, n, r, t, i, other, checksumVerified);
    }

    /**
     * Parses the parameters of a tag block, i.e. the bytes between the opening backslash and the
     * {@code *} of its checksum (or the closing backslash when there is no checksum).
     *
     * @throws AisDecodeException {@link RejectReason#BAD_TAG_BLOCK} when a parameter has no
     *         {@code :}, or {@code c}, {@code n}, {@code r} are not unsigned integers, or a group is
     *         not {@code n-t-id}
     */
    static TagBlock parse(byte[] b, int from, int to, boolean checksumVerified) {
        return parse(b, from, to, checksumVerified, null);
    }

    /** As {@link #parse(byte[], int, int, boolean)}, the {@code s:} source taken from {@code sources} when given. */
    static TagBlock parse(byte[] b, int from, int to, boolean checksumVerified, AsciiCache sources) {
        return parse(b, from, to, checksumVerified, sources, null);
    }

    /**
     * As {@link #parse(byte[], int, int, boolean, AsciiCache)}; when {@code time} is given, the
     * {@code c:} receive time (milliseconds, {@link Long#MIN_VALUE} when absent) is stored in
     * {@code time[0]} instead, and the tag block returned has none.
     */
    static TagBlock parse(byte[] b, int from, int to, boolean checksumVerified, AsciiCache sources, long[] time) {
        long c = Long.MIN_VALUE;
        String s = null;
        String d = null;
        Group g = null;
        long n = -1;
        long r = -1;
        String t = null;
        String i = null;
        Map<String, String> other = null;
        int p = from;
        while (p <= to) {
            int end = p;
            while (end < to && b[end] != ',') {
                end++;
            }
            int colon = p;
            while (colon < end && b[colon] != ':') {
                colon++;
            }
            if (colon == end) {
                throw new AisDecodeException(RejectReason.BAD_TAG_BLOCK, "parameter without ':' " + str(b, p, end));
            }
            int keyLen = colon - p;
            int v = colon + 1;
            byte k = keyLen == 1 ? b[p] : 0;
            switch (k) {
                case 'c':
                    long cv = digits(b, v, end, "c");
                    c = millis(cv);
                    break;
                case 's':
                    s = sources != null ? sources.get(b, v, end - v) : str(b, v, end);
                    break;
                case 'd':
                    d = str(b, v, end);
                    break;
                case 'g':
                case 'G':
                    g = group(b, v, end);
                    break;
                case 'n':
                    n = digits(b, v, end, "n");
                    break;
                case 'r':
                    r = digits(b, v, end, "r");
                    break;
                case 't':
                    t = str(b, v, end);
                    break;
                case 'i':
                    i = str(b, v, end);
                    break;
                default:
                    if (keyLen == 3 && b[p + 1] == 'G' && isDigit(b[p]) && isDigit(b[p + 2])) {
                        // NMEA 4.0 draft form "1G2:0125": sentence 1 of a group of 2, id 0125
                        g = new Group(b[p] - '0', b[p + 2] - '0', str(b, v, end));
                    } else {
                        if (other == null) {
                            other = new LinkedHashMap<>();
                        }
                        other.put(str(b, p, colon), str(b, v, end));
                    }
            }
            p = end + 1;
        }
        if (time != null) {
            time[0] = c;
            c = Long.MIN_VALUE;
        }
        return new TagBlock(c, s, d, g, n, r, t, i,
                other == null ? Map.of() : Collections.unmodifiableMap(other), checksumVerified);
    }

    private static boolean isDigit(byte x) {
        return x >= '0' && x <= '9';
    }

    /** Milliseconds of a {@code c:} value as sent: below 10<sup>11</sup> it is in seconds. */
    static long millis(long cv) {
        return LineTimes.tagBlockMillis(cv);
    }

    private static long digits(byte[] b, int from, int to, String key) {
        if (from == to || to - from > 18) {
            throw new AisDecodeException(RejectReason.BAD_TAG_BLOCK, key + ": is not an unsigned integer");
        }
        long v = 0;
        for (int x = from; x < to; x++) {
            if (!isDigit(b[x])) {
                throw new AisDecodeException(RejectReason.BAD_TAG_BLOCK, key + ": is not an unsigned integer: " + str(b, from, to));
            }
            v = v * 10 + (b[x] - '0');
        }
        return v;
    }

    private static Group group(byte[] b, int from, int to) {
        int d1 = from;
        while (d1 < to && b[d1] != '-') {
            d1++;
        }
        int d2 = d1 + 1;
        while (d2 < to && b[d2] != '-') {
            d2++;
        }
        if (d1 >= to || d2 >= to || d1 - from > 2 || d2 - d1 - 1 > 2) {
            throw new AisDecodeException(RejectReason.BAD_TAG_BLOCK, "group is not n-t-id: " + str(b, from, to));
        }
        int sentence = (int) digits(b, from, d1, "g");
        int total = (int) digits(b, d1 + 1, d2, "g");
        if (sentence < 1 || sentence > total) {
            throw new AisDecodeException(RejectReason.BAD_TAG_BLOCK, "group sentence " + sentence + " of " + total);
        }
        return new Group(sentence, total, str(b, d2 + 1, to));
    }

    private static String str(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
