package org.watchkeeper.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.nmea.PositionSpan;
import org.watchkeeper.ais.nmea.Stats;

/** The counters of all inputs of one {@code decode} run, and their human-readable summary. */
final class Summary {
    int files;
    long lines;
    long blank;
    long tagBlockOnly;
    long archiveRecords;
    long vdm;
    long vdo;
    long messages;
    long messageSentences;
    long lengthAnomalies;
    long dollarStart;
    long withoutChecksum;
    long unverifiedTagBlock;
    /** The options that keep lines unchecked, named where the summary counts what they kept. */
    boolean lenient;
    boolean acceptBadTagBlockChecksum;
    final long[] byType = new long[64];
    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    final Map<String, Long> other = new TreeMap<>();
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    final PositionSpan positions = new PositionSpan();

    /** Adds the final counters of one input. */
    void add(String name, Stats s) {
        files++;
        lines += s.lines();
        blank += s.blankLines();
        tagBlockOnly += s.tagBlockOnlyLines();
        archiveRecords += s.serverArchiveRecords();
        vdm += s.vdmSentences();
        vdo += s.vdoSentences();
        messages += s.messages();
        messageSentences += s.messageSentences();
        lengthAnomalies += s.lengthAnomalies();
        dollarStart += s.dollarStartSentences();
        withoutChecksum += s.messagesWithoutChecksum();
        unverifiedTagBlock += s.messagesWithUnverifiedTagBlock();
        for (int t = 0; t < byType.length; t++) {
            byType[t] += s.messages(t);
        }
        s.rejections().forEach((r, n) -> rejected.merge(r, n, Long::sum));
        s.otherSentences().forEach((k, n) -> other.merge(k, n, Long::sum));
        if (s.firstReceiveTimeMillis() != Long.MIN_VALUE) {
            first = first == Long.MIN_VALUE ? s.firstReceiveTimeMillis() : Math.min(first, s.firstReceiveTimeMillis());
            last = last == Long.MIN_VALUE ? s.lastReceiveTimeMillis() : Math.max(last, s.lastReceiveTimeMillis());
        }
        positions.add(s.positionSpan());
    }

    long rejectedLines() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    long otherLines() {
        return other.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Prints the summary, one topic per line. */
    void print(PrintWriter err, double seconds) {
        // "input", not "file": stdin counts as one, as in analyze's summary
        err.printf(Locale.ROOT, "decoded %d message%s from %d line%s (%d input%s) in %.2f s%n",
                messages, messages == 1 ? "" : "s", lines, lines == 1 ? "" : "s", files, files == 1 ? "" : "s", seconds);
        // each line is counted once: sentences of messages + rejected + other + tag-block-only + blank = lines
        err.printf(Locale.ROOT, "  sentences:      %d in messages (%d VDM, %d VDO); %d length anomal%s%s%n",
                messageSentences, vdm, vdo, lengthAnomalies, lengthAnomalies == 1 ? "y" : "ies",
                dollarStart == 0 ? "" : "; " + dollarStart + " VDM/VDO line" + (dollarStart == 1 ? "" : "s")
                        + " begun with '$', read as with '!'");
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < byType.length; t++) {
            if (byType[t] != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t).append(": ").append(byType[t]);
            }
        }
        err.println("  by type:        " + (sb.length() == 0 ? "none" : sb));
        sb.setLength(0);
        rejected.forEach((r, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(r.description()).append(": ").append(n));
        err.println("  rejected lines: " + rejectedLines() + (sb.length() == 0 ? "" : " (" + sb + ")"));
        long badTagBlock = rejected.getOrDefault(RejectReason.BAD_TAG_BLOCK_CHECKSUM, 0L);
        if (badTagBlock > 0) {
            err.println("                  " + badTagBlockChecksumHint(badTagBlock));
        }
        if (withoutChecksum + unverifiedTagBlock > 0) {
            err.println("  kept unverified: " + unverifiedText(withoutChecksum, unverifiedTagBlock, lenient, acceptBadTagBlockChecksum));
        }
        String byAddress = otherByAddress();
        err.println("  other lines:    " + otherLines() + (otherLines() == 1 ? " sentence" : " sentences") + (byAddress.isEmpty() ? "" : " (" + byAddress + ")")
                + ", " + tagBlockOnly + " tag-block-only, " + blank + " blank"
                + (archiveRecords > 0 ? ", " + archiveRecords + " server archive record" + (archiveRecords == 1 ? "" : "s") : ""));
        if (first == Long.MIN_VALUE) {
            err.println("  time span:      no receive times in the input");
        } else {
            err.println("  time span:      " + Instant.ofEpochMilli(first) + " .. " + Instant.ofEpochMilli(last)
                    + " (" + human(Duration.ofMillis(last - first)) + ")");
            PositionSpan.Outside outside = positions.outside();
            if (outside != null) {
                err.println("                  " + positionsSpan(positions.first(), positions.last(),
                        human(Duration.ofMillis(positions.last() - positions.first())), outside));
            }
        }
    }

    /**
     * The line under the time span of {@code decode} and {@code analyze} when messages without a position lie far
     * outside the span of the position reports ({@link PositionSpan#outside}), stretching the whole span:
     * {@code positions span 2012-01-27T11:47:02Z .. 2012-01-27T11:53:27.500Z (6 min 25 s); 4 messages without a
     * position carry times up to 1 h 48 min before it}.
     *
     * @param first time of the first position report, UTC ms
     * @param last time of the last position report, UTC ms
     * @param length the positions' span in the summary's words ({@code 6 min 25 s}, {@code 6.4 min})
     */
    static String positionsSpan(long first, long last, String length, PositionSpan.Outside outside) {
        StringBuilder sb = new StringBuilder("positions span " + Instant.ofEpochMilli(first) + " .. " + Instant.ofEpochMilli(last)
                + " (" + length + "); ");
        String atLeast = outside.atLeast() ? "at least " : "";
        long n = outside.before() > 0 ? outside.before() : outside.after();
        sb.append(atLeast).append(n).append(n == 1 ? " message" : " messages").append(" without a position ")
                .append(n == 1 ? "carries a time " : "carry times ");
        if (outside.before() > 0) {
            sb.append(n == 1 ? "" : "up to ").append(roughly(outside.beforeMs())).append(" before it");
            if (outside.after() > 0) {
                sb.append(", ").append(atLeast).append(outside.after()).append(outside.after() == 1 ? " message " : " up to ")
                        .append(roughly(outside.afterMs())).append(" after it");
            }
        } else {
            sb.append(n == 1 ? "" : "up to ").append(roughly(outside.afterMs())).append(" after it");
        }
        return sb.toString();
    }

    /** A length of time to the minute ({@code 1 h 48 min}, {@code 12 min}), to the second under 2 min. */
    static String roughly(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + " s";
        }
        long min = s / 60;
        return min < 60 ? min + " min" : min / 60 + " h " + min % 60 + " min";
    }

    /** How many addresses the summary names before it counts the rest as {@code others}. */
    static final int OTHER_ADDRESSES_SHOWN = 12;

    /**
     * The other sentences by address, {@code "PGHP: 4051"}: every address in name order while there
     * are at most {@link #OTHER_ADDRESSES_SHOWN} + 1, else the most frequent ones and {@code others: N}, so
     * that the lines of a damaged file, each with an address of its own, do not make a summary line
     * of thousands of characters.
     */
    String otherByAddress() {
        StringBuilder sb = new StringBuilder();
        if (other.size() <= OTHER_ADDRESSES_SHOWN + 1) { // a single one left over is named, not counted
            other.forEach((k, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(": ").append(n));
            return sb.toString();
        }
        int more = other.size() - OTHER_ADDRESSES_SHOWN;
        return largestFirst(other, OTHER_ADDRESSES_SHOWN, java.util.function.UnaryOperator.identity()) + " (" + more
                + (more == 1 ? " address)" : " addresses)");
    }

    /**
     * Counts as the summaries spell them, {@code "key: n, key: n, others: n"}: the {@code max} largest first
     * (ties in the map's order), each key as {@code label} spells it, the rest summed as {@code others}, except
     * that a single one left over is named ("others: 1" would take its place and say less).
     */
    static String largestFirst(Map<String, Long> counts, int max, java.util.function.UnaryOperator<String> label) {
        StringBuilder sb = new StringBuilder();
        int shown = counts.size() == max + 1 ? max + 1 : max;
        int i = 0;
        long rest = 0;
        for (var e : counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
            if (i++ < shown) {
                sb.append(sb.length() == 0 ? "" : ", ").append(label.apply(e.getKey())).append(": ").append(e.getValue());
            } else {
                rest += e.getValue();
            }
        }
        if (rest > 0) {
            sb.append(", others: ").append(rest);
        }
        return sb.toString();
    }

    /**
     * The line under the rejected lines of {@code decode} and {@code analyze} when lines were rejected
     * for a wrong tag block checksum: how many, and the option that keeps them.
     */
    static String badTagBlockChecksumHint(long n) {
        return String.format(Locale.ROOT, "%d line%s with a %s (some feeds write *00 there):"
                + " --accept-bad-tag-block-checksum keeps %s, %s tag block marked unverified", n, n == 1 ? "" : "s",
                RejectReason.BAD_TAG_BLOCK_CHECKSUM.description(), n == 1 ? "it" : "them", n == 1 ? "its" : "their");
    }

    /**
     * The messages kept although a check could not be made, for the summaries of {@code decode} and
     * {@code analyze}: {@code "3 messages with an unverified tag block checksum, 1 without a checksum (kept by
     * --lenient, --accept-bad-tag-block-checksum)"}, each count only when not 0, the options those given.
     * A tag block checksum is unverified when wrong ({@code --accept-bad-tag-block-checksum}) or missing
     * ({@code --lenient}); a sentence's own checksum only when missing ({@code --lenient}): a wrong one is
     * always rejected.
     */
    static String unverifiedText(long withoutChecksum, long unverifiedTagBlock, boolean lenient, boolean acceptBadTagBlockChecksum) {
        StringBuilder sb = new StringBuilder();
        if (unverifiedTagBlock > 0) {
            sb.append(unverifiedTagBlock).append(unverifiedTagBlock == 1 ? " message" : " messages")
                    .append(" with an unverified tag block checksum");
        }
        if (withoutChecksum > 0) {
            sb.append(sb.length() == 0 ? withoutChecksum + (withoutChecksum == 1 ? " message" : " messages") : ", " + withoutChecksum)
                    .append(" without a checksum");
        }
        String by = (lenient ? "--lenient" : "") + (lenient && acceptBadTagBlockChecksum ? ", " : "")
                + (acceptBadTagBlockChecksum ? "--accept-bad-tag-block-checksum" : "");
        return sb + (by.isEmpty() ? "" : " (kept by " + by + ")");
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s / 60 % 60);
    }
}
