package org.watchkeeper.ais.nmea;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.watchkeeper.ais.RejectReason;

/**
 * Counters of one {@link AisStreamDecoder}. Every input line lands in exactly one of: blank,
 * tag-block-only, other sentence, server archive record, part of a decoded message, rejected, or (until
 * {@link AisStreamDecoder#finish()}) pending in an incomplete multi-sentence message, so
 * {@code lines() == accountedLines()} at all times. Live view: read it on the feeding thread.
 */
public final class Stats {
    private static final RejectReason[] REASONS = RejectReason.values();

    long lines;
    long blankLines;
    long tagBlockOnlyLines;
    long archiveRecords;
    long vdmSentences;
    long vdoSentences;
    long otherSentenceLines;
    final Map<String, long[]> other = new HashMap<>();
    long messages;
    final long[] byType = new long[64];
    long messageSentences;
    final long[] rejected = new long[REASONS.length];
    long lengthAnomalies;
    long dollarStartSentences;
    long withoutChecksum;
    long unverifiedTagBlock;
    long pendingFragmentLines;
    /** Sentence lines of messages waiting for their {@code $PGHP} time (see {@link #heldMessageLines()}). */
    long heldLines;
    long firstReceiveTime = Long.MIN_VALUE;
    long lastReceiveTime = Long.MIN_VALUE;
    final PositionSpan positionSpan = new PositionSpan();

    Stats() {
    }

    // the counter of the address seen last: logs alternate few addresses, so most lines skip the map
    private String lastOther;
    private long[] lastOtherCount;

    void other(String address) {
        otherSentenceLines++;
        if (address.equals(lastOther)) {
            lastOtherCount[0]++;
            return;
        }
        long[] c = other.get(address);
        if (c == null) {
            other.put(address, c = new long[1]);
        }
        c[0]++;
        lastOther = address;
        lastOtherCount = c;
    }

    void message(ReceivedMessage m) {
        message(m, m.message().messageType());
    }

    /** {@link #message(ReceivedMessage)} for a message whose type the caller knows ({@code m.message().messageType()}). */
    void message(ReceivedMessage m, int type) {
        messages++;
        byType[type & 63]++;
        messageSentences += m.sentences();
        if (m.ownShip()) {
            vdoSentences += m.sentences();
        } else {
            vdmSentences += m.sentences();
        }
        if (m.lengthAnomaly()) {
            lengthAnomalies++;
        }
        if (!m.checksumVerified()) {
            withoutChecksum++;
        }
        TagBlock tag = m.tagBlockWithoutTime();
        if (tag != null && !tag.checksumVerified()) {
            unverifiedTagBlock++;
        }
        long t = m.receiveTimeMillis();
        if (t != Long.MIN_VALUE) {
            if (firstReceiveTime == Long.MIN_VALUE || t < firstReceiveTime) {
                firstReceiveTime = t;
            }
            if (lastReceiveTime == Long.MIN_VALUE || t > lastReceiveTime) {
                lastReceiveTime = t;
            }
            if (PositionSpan.reportsPosition(type)) {
                positionSpan.position(t);
            } else {
                positionSpan.other(t);
            }
        }
    }

    /** Adds the counters of {@code o} (the stats of a later part of the same stream) to these. */
    void add(Stats o) {
        lines += o.lines;
        blankLines += o.blankLines;
        tagBlockOnlyLines += o.tagBlockOnlyLines;
        archiveRecords += o.archiveRecords;
        vdmSentences += o.vdmSentences;
        vdoSentences += o.vdoSentences;
        otherSentenceLines += o.otherSentenceLines;
        o.other.forEach((k, v) -> other.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        messages += o.messages;
        for (int t = 0; t < byType.length; t++) {
            byType[t] += o.byType[t];
        }
        messageSentences += o.messageSentences;
        for (int r = 0; r < rejected.length; r++) {
            rejected[r] += o.rejected[r];
        }
        lengthAnomalies += o.lengthAnomalies;
        dollarStartSentences += o.dollarStartSentences;
        withoutChecksum += o.withoutChecksum;
        unverifiedTagBlock += o.unverifiedTagBlock;
        pendingFragmentLines += o.pendingFragmentLines;
        heldLines += o.heldLines;
        if (o.firstReceiveTime != Long.MIN_VALUE && (firstReceiveTime == Long.MIN_VALUE || o.firstReceiveTime < firstReceiveTime)) {
            firstReceiveTime = o.firstReceiveTime;
        }
        if (o.lastReceiveTime != Long.MIN_VALUE && (lastReceiveTime == Long.MIN_VALUE || o.lastReceiveTime > lastReceiveTime)) {
            lastReceiveTime = o.lastReceiveTime;
        }
        positionSpan.add(o.positionSpan);
    }

    /** Input lines seen (every terminator-delimited line, including blank and over-long ones). */
    public long lines() {
        return lines;
    }

    /** Lines that were empty or held only whitespace. */
    public long blankLines() {
        return blankLines;
    }

    /** Lines that held only a (valid) tag block and no sentence, e.g. {@code \si:AISD*3F\}. */
    public long tagBlockOnlyLines() {
        return tagBlockOnlyLines;
    }

    /**
     * Lines of a Watchkeeper server's raw archive that are no receiver's line and hold no sentence: a
     * tag block whose {@code x:} (the archive's source name) is a reserved name starting with {@code #}
     * (the zones and watchlist marks of {@code #userdata}, the Flink job's events of
     * {@code #cluster-events}), followed by the record. Passed over, not rejected.
     */
    public long serverArchiveRecords() {
        return archiveRecords;
    }

    /**
     * VDM sentence lines of decoded messages. A sentence rejected on its own or with its message
     * (e.g. {@link RejectReason#PAYLOAD_TOO_SHORT}) is counted among the rejected lines only, so
     * {@code vdmSentences() + vdoSentences() == messageSentences()}.
     */
    public long vdmSentences() {
        return vdmSentences;
    }

    /** VDO (own-ship) sentence lines of decoded messages (see {@link #vdmSentences()}). */
    public long vdoSentences() {
        return vdoSentences;
    }

    /** Lines holding a valid sentence other than VDM/VDO ({@code $GPRMC}, {@code $PGHP}, {@code !AIABM} ...). */
    public long otherSentenceLines() {
        return otherSentenceLines;
    }

    /** Other sentences by address field (talker + formatter, e.g. {@code GPRMC}, {@code PGHP}, {@code ABVSI}), sorted. */
    public Map<String, Long> otherSentences() {
        Map<String, Long> m = new TreeMap<>();
        other.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /** Decoded messages. */
    public long messages() {
        return messages;
    }

    /** Decoded messages of one type (1..27; 0 for other values). */
    public long messages(int type) {
        return type < 0 || type > 63 ? 0 : byType[type];
    }

    /** Lines (sentences) used by decoded messages. */
    public long messageSentences() {
        return messageSentences;
    }

    /** Rejected lines for one reason. */
    public long rejected(RejectReason reason) {
        return rejected[reason.ordinal()];
    }

    /** Rejected lines by reason (reasons with a count of zero are left out). */
    public Map<RejectReason, Long> rejections() {
        EnumMap<RejectReason, Long> m = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            if (rejected[r.ordinal()] != 0) {
                m.put(r, rejected[r.ordinal()]);
            }
        }
        return m;
    }

    /** All rejected lines. */
    public long rejectedLines() {
        long n = 0;
        for (long c : rejected) {
            n += c;
        }
        return n;
    }

    /**
     * VDM/VDO sentence lines that began with {@code $} instead of the {@code !} IEC 61162-1 gives
     * encapsulation sentences, read as VDM/VDO all the same (each is also in the VDM/VDO or rejected
     * counts, as its content decides).
     */
    public long dollarStartSentences() {
        return dollarStartSentences;
    }

    /** Decoded messages whose payload length is not nominal for their type. */
    public long lengthAnomalies() {
        return lengthAnomalies;
    }

    /**
     * Decoded messages kept although a sentence of theirs had no checksum (only with
     * {@link Options#lenientChecksum()}; marked {@code "checksum":"unverified"} in decode's JSON).
     */
    public long messagesWithoutChecksum() {
        return withoutChecksum;
    }

    /**
     * Decoded messages kept although their tag block's checksum was wrong (only with
     * {@link Options#acceptBadTagBlockChecksum()}; marked {@code "tag_block_checksum":"unverified"}).
     */
    public long messagesWithUnverifiedTagBlock() {
        return unverifiedTagBlock;
    }

    /** Fragment lines held in incomplete multi-sentence messages right now (0 after {@code finish()}). */
    public long pendingFragmentLines() {
        return pendingFragmentLines;
    }

    /**
     * The receive times of the position reports, and of the messages without a position that lie far outside
     * them ({@link PositionSpan}); live, not a copy.
     */
    public PositionSpan positionSpan() {
        return positionSpan;
    }

    /** Earliest known message receive time (UTC ms), {@link Long#MIN_VALUE} if none. */
    public long firstReceiveTimeMillis() {
        return firstReceiveTime;
    }

    /** Latest known message receive time (UTC ms), {@link Long#MIN_VALUE} if none. */
    public long lastReceiveTimeMillis() {
        return lastReceiveTime;
    }

    /** Sum of the per-kind line counts; equals {@link #lines()} (the accounting invariant). */
    public long accountedLines() {
        return blankLines + tagBlockOnlyLines + archiveRecords + otherSentenceLines + messageSentences + rejectedLines() + pendingFragmentLines
                + heldLines;
    }

    /**
     * Sentence lines of decoded messages not yet passed on: in a stream whose {@code $PGHP} lines come
     * apart from their sentences, a message waits up to 32 lines for its {@code $PGHP} time (0 after
     * {@link AisStreamDecoder#finish()}).
     */
    public long heldMessageLines() {
        return heldLines;
    }

    /** A multi-line human-readable summary. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("lines ").append(lines).append(": messages ").append(messages)
                .append(" (from ").append(messageSentences).append(" sentences), other sentences ").append(otherSentenceLines)
                .append(", tag-block-only ").append(tagBlockOnlyLines).append(", blank ").append(blankLines)
                .append(", rejected ").append(rejectedLines());
        if (archiveRecords > 0) {
            sb.append(", server archive records ").append(archiveRecords);
        }
        if (pendingFragmentLines > 0) {
            sb.append(", pending fragments ").append(pendingFragmentLines);
        }
        sb.append('\n').append("VDM ").append(vdmSentences).append(", VDO ").append(vdoSentences)
                .append(", length anomalies ").append(lengthAnomalies);
        if (dollarStartSentences > 0) {
            sb.append(", begun with '$' ").append(dollarStartSentences);
        }
        sb.append('\n');
        if (firstReceiveTime != Long.MIN_VALUE) {
            sb.append("receive time ").append(Instant.ofEpochMilli(firstReceiveTime)).append(" .. ")
                    .append(Instant.ofEpochMilli(lastReceiveTime)).append('\n');
        }
        sb.append("by type:");
        for (int t = 0; t < byType.length; t++) {
            if (byType[t] != 0) {
                sb.append(' ').append(t).append('=').append(byType[t]);
            }
        }
        sb.append('\n');
        if (!other.isEmpty()) {
            sb.append("other sentences:");
            otherSentences().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            sb.append('\n');
        }
        for (RejectReason r : REASONS) {
            if (rejected[r.ordinal()] != 0) {
                sb.append("rejected ").append(r.description()).append(": ").append(rejected[r.ordinal()]).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
