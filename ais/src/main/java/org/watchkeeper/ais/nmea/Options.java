package org.watchkeeper.ais.nmea;

/**
 * Settings of an {@link AisStreamDecoder}. Immutable; change with the {@code with...} methods,
 * starting from {@link #DEFAULT}.
 *
 * @param lenientChecksum accept a sentence (or tag block) that has no {@code *hh} checksum at all,
 *        marking it {@code checksumVerified = false}; a wrong checksum is always rejected. Default
 *        false: IEC 61162-1 §7.2.3 makes the checksum mandatory on encapsulation ({@code !}) sentences.
 * @param acceptBadTagBlockChecksum keep a sentence whose tag block checksum is wrong (the tag block
 *        is still parsed and marked unverified; the sentence's own checksum is still checked).
 *        Default false. Some feeds write {@code *00} as a placeholder tag-block checksum.
 * @param maxLineLength longest line accepted, in bytes, 16..1 000 000 (default 2048); longer lines
 *        are rejected as {@code LINE_TOO_LONG} and the buffer never grows past this bound
 * @param maxPendingGroups most incomplete multi-sentence messages held at once, 1..100 000 (default
 *        512); when full, the oldest is evicted
 * @param maxFragmentAgeLines an incomplete message is evicted when this many lines have passed since
 *        its first fragment arrived, 1.. (default 100)
 * @param maxFragmentAgeMillis an incomplete message is evicted when a fragment with a known receive
 *        time arrives more than this many milliseconds after it (default 60 000)
 */
public record Options(boolean lenientChecksum, boolean acceptBadTagBlockChecksum, int maxLineLength,
                      int maxPendingGroups, int maxFragmentAgeLines, long maxFragmentAgeMillis) {

    /** Strict checksums, 2048-byte lines, 512 pending groups, 100 lines / 60 s fragment age. */
    public static final Options DEFAULT = new Options(false, false, 2048, 512, 100, 60_000);

    /** Validates the bounds. */
    public Options {
        if (maxLineLength < 16 || maxLineLength > 1_000_000) {
            throw new IllegalArgumentException("maxLineLength " + maxLineLength + " outside 16..1000000");
        }
        if (maxPendingGroups < 1 || maxPendingGroups > 100_000) {
            throw new IllegalArgumentException("maxPendingGroups " + maxPendingGroups + " outside 1..100000");
        }
        if (maxFragmentAgeLines < 1) {
            throw new IllegalArgumentException("maxFragmentAgeLines must be positive");
        }
        if (maxFragmentAgeMillis < 1) {
            throw new IllegalArgumentException("maxFragmentAgeMillis must be positive");
        }
    }

    /** Copy with {@link #lenientChecksum()} set. */
    public Options withLenientChecksum(boolean v) {
        return new Options(v, acceptBadTagBlockChecksum, maxLineLength, maxPendingGroups, maxFragmentAgeLines, maxFragmentAgeMillis);
    }

    /** Copy with {@link #acceptBadTagBlockChecksum()} set. */
    public Options withAcceptBadTagBlockChecksum(boolean v) {
        return new Options(lenientChecksum, v, maxLineLength, maxPendingGroups, maxFragmentAgeLines, maxFragmentAgeMillis);
    }

    /** Copy with {@link #maxLineLength()} set. */
    public Options withMaxLineLength(int v) {
        return new Options(lenientChecksum, acceptBadTagBlockChecksum, v, maxPendingGroups, maxFragmentAgeLines, maxFragmentAgeMillis);
    }

    /** Copy with {@link #maxPendingGroups()} set. */
    public Options withMaxPendingGroups(int v) {
        return new Options(lenientChecksum, acceptBadTagBlockChecksum, maxLineLength, v, maxFragmentAgeLines, maxFragmentAgeMillis);
    }

    /** Copy with {@link #maxFragmentAgeLines()} set. */
    public Options withMaxFragmentAgeLines(int v) {
        return new Options(lenientChecksum, acceptBadTagBlockChecksum, maxLineLength, maxPendingGroups, v, maxFragmentAgeMillis);
    }

    /** Copy with {@link #maxFragmentAgeMillis()} set. */
    public Options withMaxFragmentAgeMillis(long v) {
        return new Options(lenientChecksum, acceptBadTagBlockChecksum, maxLineLength, maxPendingGroups, maxFragmentAgeLines, v);
    }
}
