package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchkeeper.ais.nmea.Nmea.bang;
import static org.watchkeeper.ais.nmea.Nmea.fragments;
import static org.watchkeeper.ais.nmea.Nmea.messages;
import static org.watchkeeper.ais.nmea.Nmea.rejections;
import static org.watchkeeper.ais.nmea.Nmea.run;
import static org.watchkeeper.ais.nmea.Nmea.tag;
import static org.watchkeeper.ais.nmea.Nmea.type1;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.RejectReason;

/** Reassembly, eviction, bounds, times and counters of {@link AisStreamDecoder}. */
class StreamDecoderTest {
    private static final String P1 = type1(211000001, 10.5, 54.25);
    private static final String P2 = type1(211000002, -3.25, 50.125);
    private static final String P3 = type1(211000003, 151.5, -33.75);

    private static int mmsi(Object o) {
        return ((ReceivedMessage) o).message().mmsi();
    }

    private static RejectReason reason(Object o) {
        return ((Rejection) o).reason();
    }

    @Test
    void twoFragmentType1ReassemblesIntoOneMessage() {
        List<String> f = fragments("AIVDM", P1, 2, "3", "A", 0);
        List<Object> out = run(f.get(0), f.get(1));
        assertThat(out).hasSize(1);
        ReceivedMessage m = (ReceivedMessage) out.get(0);
        assertThat(m.message()).isEqualTo(org.watchkeeper.ais.AisDecoder.decode(P1, 0));
        assertThat(m.sentences()).isEqualTo(2);
        assertThat(m.lineNumber()).isEqualTo(1);
        assertThat(m.payloadBits()).isEqualTo(168);
        assertThat(m.lengthAnomaly()).isFalse();
        assertThat(m.channel()).isEqualTo('A');
    }

    @Test
    void nineFragmentsAndFillBitsOfTheLastOne() {
        // 29 chars in 9 fragments; 2 fill bits on the last fragment only -> 172 bits
        List<String> g = fragments("AIVDM", P2 + "0", 9, "", "B", 2);
        List<Object> out = run(g.toArray(String[]::new));
        assertThat(out).hasSize(1);
        ReceivedMessage m = (ReceivedMessage) out.get(0);
        assertThat(m.sentences()).isEqualTo(9);
        assertThat(m.payloadBits()).isEqualTo(29 * 6 - 2);
        assertThat(m.lengthAnomaly()).isTrue();
        assertThat(m.message().mmsi()).isEqualTo(211000002);
    }

    @Test
    void interleavedChannelsWithTheSameSequenceId() {
        List<String> a = fragments("AIVDM", P1, 2, "5", "A", 0);
        List<String> b = fragments("AIVDM", P2, 2, "5", "B", 0);
        List<Object> out = run(a.get(0), b.get(0), a.get(1), b.get(1));
        assertThat(out).hasSize(2);
        assertThat(mmsi(out.get(0))).isEqualTo(211000001);
        assertThat(((ReceivedMessage) out.get(0)).channel()).isEqualTo('A');
        assertThat(mmsi(out.get(1))).isEqualTo(211000002);
        assertThat(((ReceivedMessage) out.get(1)).channel()).isEqualTo('B');
    }

    @Test
    void tagBlockGroupIdsSeparateMessagesOnTheSameKey() {
        List<String> a = fragments("AIVDM", P1, 2, "1", "A", 0);
        List<String> b = fragments("AIVDM", P2, 2, "1", "A", 0);
        List<Object> out = run(tag("g:1-2-100,s:x") + a.get(0), tag("g:1-2-200") + b.get(0),
                tag("g:2-2-100") + a.get(1), tag("g:2-2-200") + b.get(1));
        assertThat(out).hasSize(2);
        assertThat(mmsi(out.get(0))).isEqualTo(211000001);
        assertThat(((ReceivedMessage) out.get(0)).source()).isEqualTo("x");
        assertThat(((ReceivedMessage) out.get(0)).tagBlock().g()).isEqualTo(new TagBlock.Group(1, 2, "100"));
        assertThat(mmsi(out.get(1))).isEqualTo(211000002);
    }

    @Test
    void outOfOrderFragmentsReassemble() {
        List<String> f = fragments("AIVDM", P1, 3, "7", "B", 0);
        List<Object> out = run(f.get(2), f.get(0), f.get(1), bang("GPZDA,114702.51,27,01,2012,,"));
        assertThat(out).hasSize(1);
        assertThat(mmsi(out.get(0))).isEqualTo(211000001);
        assertThat(((ReceivedMessage) out.get(0)).lineNumber()).isEqualTo(2);
    }

    @Test
    void continuationFirstThenFragmentOneIsHeldOneLineThenDecoded() {
        List<String> f = fragments("AIVDM", P1, 2, "7", "B", 0);
        List<Object> out = run(f.get(1), f.get(0));
        assertThat(out).hasSize(1);
        assertThat(mmsi(out.get(0))).isEqualTo(211000001);
    }

    @Test
    void lostFragmentOneIsNeverGluedToTheNextMessage() {
        // X2 (fragment 1 lost), then Y1 Y2 on the same sequence id and channel
        List<String> x = fragments("AIVDM", P1, 2, "4", "A", 0);
        List<String> y = fragments("AIVDM", P2, 2, "4", "A", 0);
        List<Object> out = run(x.get(1), y.get(0), y.get(1));
        assertThat(messages(out)).hasSize(1);
        assertThat(messages(out).get(0).message().mmsi()).isEqualTo(211000002);
        assertThat(messages(out).get(0).lineNumber()).isEqualTo(2);
        assertThat(rejections(out)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.ORPHAN_FRAGMENT);
            assertThat(r.lineNumber()).isEqualTo(1);
            assertThat(r.line()).isEqualTo(x.get(1));
        });
    }

    @Test
    void lostLastFragmentThenNewFragmentOneEvictsIncomplete() {
        List<String> x = fragments("AIVDM", P1, 2, "2", "A", 0);
        List<String> y = fragments("AIVDM", P2, 2, "2", "A", 0);
        List<Object> out = run(x.get(0), y.get(0), y.get(1));
        assertThat(out).hasSize(2);
        assertThat(reason(out.get(0))).isEqualTo(RejectReason.INCOMPLETE_MESSAGE);
        assertThat(((Rejection) out.get(0)).lineNumber()).isEqualTo(1);
        assertThat(((Rejection) out.get(0)).line()).isEqualTo(x.get(0));
        assertThat(mmsi(out.get(1))).isEqualTo(211000002);
    }

    @Test
    void lostMiddleFragmentGivesAllLinesIncompleteAtEnd() {
        List<String> x = fragments("AIVDM", P3, 3, "9", "B", 0);
        List<Object> out = run(x.get(0), x.get(2));
        assertThat(out).hasSize(2).allMatch(o -> reason(o) == RejectReason.INCOMPLETE_MESSAGE);
        assertThat(out).extracting(o -> ((Rejection) o).lineNumber()).containsExactly(1L, 2L);
    }

    @Test
    void continuationAloneIsOrphanAndNeverDecoded() {
        // a continuation whose payload would decode as type 1 on its own
        String lone = bang("AIVDM,2,2,3,A," + P1 + ",0");
        List<Object> out = run(lone);
        assertThat(out).singleElement().satisfies(o -> assertThat(reason(o)).isEqualTo(RejectReason.ORPHAN_FRAGMENT));
    }

    @Test
    void evictionByCount() {
        Options o = Options.DEFAULT.withMaxPendingGroups(2);
        List<String> a = fragments("AIVDM", P1, 2, "1", "A", 0);
        List<String> b = fragments("AIVDM", P2, 2, "2", "A", 0);
        List<String> c = fragments("AIVDM", P3, 2, "3", "A", 0);
        List<Object> out = run(o, a.get(0), b.get(0), c.get(0), b.get(1), c.get(1), a.get(1));
        assertThat(out).hasSize(4);
        assertThat(reason(out.get(0))).isEqualTo(RejectReason.INCOMPLETE_MESSAGE);
        assertThat(((Rejection) out.get(0)).lineNumber()).isEqualTo(1);
        assertThat(mmsi(out.get(1))).isEqualTo(211000002);
        assertThat(mmsi(out.get(2))).isEqualTo(211000003);
        assertThat(reason(out.get(3))).isEqualTo(RejectReason.ORPHAN_FRAGMENT);
        assertThat(((Rejection) out.get(3)).lineNumber()).isEqualTo(6);
    }

    @Test
    void evictionByLineAge() {
        Options o = Options.DEFAULT.withMaxFragmentAgeLines(3);
        List<String> a = fragments("AIVDM", P1, 2, "1", "A", 0);
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(o, Nmea.collector(out));
        byte[] text = (a.get(0) + "\n\n\n\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(text, 0, text.length);
        assertThat(out).singleElement().satisfies(x -> assertThat(reason(x)).isEqualTo(RejectReason.INCOMPLETE_MESSAGE));
        assertThat(d.stats().pendingFragmentLines()).isZero();
        byte[] late = (a.get(1) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(late, 0, late.length);
        d.finish();
        assertThat(out).hasSize(2);
        assertThat(reason(out.get(1))).isEqualTo(RejectReason.ORPHAN_FRAGMENT);
        assertThat(d.stats().lines()).isEqualTo(5).isEqualTo(d.stats().accountedLines());
        // within the bound (the last fragment 3 lines after the first) the message completes
        assertThat(messages(run(o, a.get(0), "", "", a.get(1)))).hasSize(1);
    }

    @Test
    void evictionByReceiveTimeAge() {
        List<String> a = fragments("AIVDM", P1, 2, "1", "A", 0);
        List<String> b = fragments("AIVDM", P2, 2, "2", "A", 0);
        List<Object> out = run(tag("c:1700000000") + a.get(0), tag("c:1700000061") + b.get(0),
                tag("c:1700000061") + b.get(1), a.get(1));
        assertThat(out).hasSize(3);
        assertThat(reason(out.get(0))).isEqualTo(RejectReason.INCOMPLETE_MESSAGE);
        assertThat(mmsi(out.get(1))).isEqualTo(211000002);
        assertThat(((ReceivedMessage) out.get(1)).receiveTimeMillis()).isEqualTo(1_700_000_061_000L);
        assertThat(reason(out.get(2))).isEqualTo(RejectReason.ORPHAN_FRAGMENT);
        // 59 s later is still in time
        assertThat(messages(run(tag("c:1700000000") + a.get(0), tag("c:1700000059") + b.get(0), a.get(1))))
                .extracting(m -> m.message().mmsi()).containsExactly(211000001);
    }

    @Test
    void overLongLineRejectedWithoutGrowingAndNextLineDecodes() {
        Options o = Options.DEFAULT.withMaxLineLength(100);
        StringBuilder sb = new StringBuilder("!AIVDM,1,1,,A,");
        while (sb.length() < 3000) {
            sb.append("0123456789");
        }
        String ok = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        byte[] in = (sb + "\r\n" + ok + "\r\n" + sb + "\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk : new int[] {1, 7, 64, 100, 101, 5000}) {
            List<Object> out = new ArrayList<>();
            AisStreamDecoder d = new AisStreamDecoder(o, Nmea.collector(out));
            for (int i = 0; i < in.length; i += chunk) {
                d.feed(in, i, Math.min(chunk, in.length - i));
            }
            d.finish();
            assertThat(out).as("chunk " + chunk).hasSize(3);
            assertThat(reason(out.get(0))).isEqualTo(RejectReason.LINE_TOO_LONG);
            assertThat(((Rejection) out.get(0)).line()).hasSize(100).isEqualTo(sb.substring(0, 100));
            assertThat(mmsi(out.get(1))).isEqualTo(371798000);
            assertThat(((ReceivedMessage) out.get(1)).lineNumber()).isEqualTo(2);
            assertThat(reason(out.get(2))).isEqualTo(RejectReason.LINE_TOO_LONG);
            assertThat(((Rejection) out.get(2)).lineNumber()).isEqualTo(3);
            assertThat(d.stats().lines()).isEqualTo(3);
        }
    }

    @Test
    void lineEndsRightAfterOrInsideTheChecksumAreLineEnds() {
        // '*' with zero, one or two characters before the line end, a tab inside a sentence, a
        // tag-block-only line, CR, LF and CRLF: the same lines and results whole and in every chunk size
        String ok = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        String text = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*\n!A\n"
                + "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4\r\n" + ok + "\r"
                + "!AIVDM,1,1,,A,15RTgt0P\tAso;90TKcjM8h6g208CQ,0*4A\n"
                + Nmea.tag("c:1272422678") + "\r\n" + ok + "\n$GPZDA,1*4\n" + ok + "\n";
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk = 1; chunk <= in.length; chunk++) {
            List<Object> out = new ArrayList<>();
            AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
            for (int i = 0; i < in.length; i += chunk) {
                d.feed(in, i, Math.min(chunk, in.length - i));
            }
            d.finish();
            assertThat(d.stats().lines()).as("chunk " + chunk).isEqualTo(9);
            assertThat(d.stats().tagBlockOnlyLines()).isEqualTo(1);
            assertThat(out).as("chunk " + chunk).extracting(o -> o instanceof Rejection r ? r.reason().name() + " " + r.lineNumber()
                            : "message " + ((ReceivedMessage) o).lineNumber())
                    .containsExactly("BAD_CHECKSUM 1", "NO_CHECKSUM 2", "BAD_CHECKSUM 3", "message 4",
                            "BAD_CHECKSUM 5", "message 7", "BAD_CHECKSUM 8", "message 9");
        }
    }

    @Test
    void lineTerminatorsAndBlankLines() {
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = (s + "\r\n\r\n" + s + "\n\n" + s + "\r\r" + s + "\r\n  \t\r\n" + s).getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        assertThat(out).hasSize(4); // last line waits for its terminator
        d.finish();
        assertThat(out).hasSize(5);
        assertThat(d.stats().blankLines()).isEqualTo(4);
        assertThat(d.stats().lines()).isEqualTo(9);
        assertThat(out).extracting(o -> ((ReceivedMessage) o).lineNumber()).containsExactly(1L, 3L, 5L, 7L, 9L);
    }

    @Test
    void tagBlockChecksumsAndTagBlockOnlyLines() {
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        // amsa-risky/nmea-timestamped.txt writes *00 as tag block checksum
        String placeholder = "\\c:1420030798*00\\" + s;
        assertThat(reason(run(placeholder).get(0))).isEqualTo(RejectReason.BAD_TAG_BLOCK_CHECKSUM);
        ReceivedMessage m = (ReceivedMessage) run(Options.DEFAULT.withAcceptBadTagBlockChecksum(true), placeholder).get(0);
        assertThat(m.tagBlock().checksumVerified()).isFalse();
        assertThat(m.receiveTimeMillis()).isEqualTo(1_420_030_798_000L);
        assertThat(reason(run("\\c:1420030798\\" + s).get(0))).isEqualTo(RejectReason.BAD_TAG_BLOCK);
        assertThat(reason(run("\\c:1420030798*5B" + s).get(0))).isEqualTo(RejectReason.BAD_TAG_BLOCK);
        assertThat(reason(run(tag("c:14200x0798") + s).get(0))).isEqualTo(RejectReason.BAD_TAG_BLOCK);

        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = ("\\si:AISD*3F\\\n" + tag("c:1420030798123,s:rX,i:a:b:c,n:12,r:7,d:DEST,t:text,x:y") + s + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().tagBlockOnlyLines()).isEqualTo(1);
        TagBlock tb = ((ReceivedMessage) out.get(0)).tagBlock();
        assertThat(tb.c()).isEqualTo(1_420_030_798_123L);
        assertThat(tb.s()).isEqualTo("rX");
        assertThat(tb.i()).isEqualTo("a:b:c");
        assertThat(tb.n()).isEqualTo(12);
        assertThat(tb.r()).isEqualTo(7);
        assertThat(tb.d()).isEqualTo("DEST");
        assertThat(tb.t()).isEqualTo("text");
        assertThat(tb.other()).containsExactly(java.util.Map.entry("x", "y"));
    }

    @Test
    void tagBlocksOneAfterTheOtherAreReadAsOneTheLaterWinning() {
        // a server archive's (or a gateway's) tag block in front of the receiver's own
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = (tag("c:1700000000000,x:dma") + "\\si:AISD*3F\\\n"
                + tag("c:1700000000100,x:dma") + tag("s:rX,c:1420030798") + s + "\n"
                + tag("c:1700000000200,x:dma,s:gw") + tag("n:12") + s + "\n"
                + tag("c:1700000000300,x:dma") + "\\s:rX*00\\" + s + "\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().tagBlockOnlyLines()).isEqualTo(1);
        assertThat(out).hasSize(3);
        ReceivedMessage first = (ReceivedMessage) out.get(0);
        assertThat(first.source()).isEqualTo("rX");
        assertThat(first.receiveTimeMillis()).isEqualTo(1_420_030_798_000L);
        assertThat(first.tagBlock().other()).containsExactly(java.util.Map.entry("x", "dma"));
        ReceivedMessage second = (ReceivedMessage) out.get(1);
        // what the inner one lacks comes from the outer one
        assertThat(second.source()).isEqualTo("gw");
        assertThat(second.receiveTimeMillis()).isEqualTo(1_700_000_000_200L);
        assertThat(second.tagBlock().n()).isEqualTo(12);
        assertThat(second.tagBlock().checksumVerified()).isTrue();
        // each is checked
        assertThat(reason(out.get(2))).isEqualTo(RejectReason.BAD_TAG_BLOCK_CHECKSUM);
        assertThat(d.stats().lines()).isEqualTo(4).isEqualTo(d.stats().accountedLines());
    }

    /**
     * Lines of a server's raw archive of a replayed log: the archive's {@code c:} (here 2023) is when
     * the server received the line; the time of the DMA and AMSA logs archived (2013, 2012) is the
     * one the line carries, whether it comes from a {@code $PGHP} line before it, an epoch after the
     * checksum or the receiver's tag block. Only a line without one takes the archive's time.
     */
    @Test
    void aServerArchivesReceiveTimeGivesWayToTheLinesOwnTime() {
        String s = "!BSVDM,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*28";
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = (tag("c:1700000000000,x:dma") + "\\si:AISD*3F\\\n"
                + tag("c:1700000000001,x:dma") + pghpLine("PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28") + "\n"
                + tag("c:1700000000002,x:dma") + s + "\n"
                + tag("c:1700000000003,x:amsa") + s + ",1328133720087\n"
                + tag("c:1700000000004,x:tagged") + tag("s:rX,c:1420030798") + s + "\n"
                + tag("c:1700000000005,x:live") + s + "\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        List<ReceivedMessage> m = messages(out);
        assertThat(m).extracting(ReceivedMessage::timeSource).containsExactly(TimeSource.PGHP, TimeSource.TRAILER,
                TimeSource.TAG_BLOCK, TimeSource.ARCHIVE);
        assertThat(m).extracting(ReceivedMessage::receiveTimeMillis).containsExactly(
                Instant.parse("2013-03-18T09:19:09.499Z").toEpochMilli(), 1_328_133_720_087L, 1_420_030_798_000L,
                1_700_000_000_005L);
        // the archive's source name stays with the message's tag block
        assertThat(m.get(0).tagBlock().other()).containsExactly(java.util.Map.entry("x", "dma"));
        assertThat(m.get(3).tagBlock().hasTime()).isFalse();
        assertThat(d.stats().lines()).isEqualTo(6).isEqualTo(d.stats().accountedLines());

        // a receive clock (the GNSS sentences of an archived shipborne log) comes before the archive's time,
        // and sees the log's $ sentences behind the archive's tag block
        List<Object> timed = new ArrayList<>();
        AisStreamDecoder g = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(timed));
        List<String> shown = new ArrayList<>();
        g.setParametricSentenceHook((b, off, len) -> shown.add(new String(b, off, len, StandardCharsets.ISO_8859_1)));
        g.setReceiveClock(() -> shown.isEmpty() ? Long.MIN_VALUE : 42_000L);
        String zda = pghpLine("GPZDA,114702.51,27,01,2012,,");
        in = (tag("c:1700000000000,x:ship") + s + "\n" + tag("c:1700000000001,x:ship") + zda + "\n"
                + tag("c:1700000000002,x:ship") + s + "\n").getBytes(StandardCharsets.ISO_8859_1);
        g.feed(in, 0, in.length);
        assertThat(shown).containsExactly(zda);
        assertThat(messages(timed)).extracting(ReceivedMessage::timeSource).containsExactly(TimeSource.ARCHIVE,
                TimeSource.RECEIVE_CLOCK);
        assertThat(messages(timed)).extracting(ReceivedMessage::receiveTimeMillis).containsExactly(1_700_000_000_000L, 42_000L);
    }

    @Test
    void aServerArchivesOwnRecordsArePassedOverNotRejected() {
        // a serve data folder's raw/YYYY-MM-DD.nmea: receivers' lines behind the archive's tag block, and
        // records of reserved sources (#...) that hold no sentence
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = (tag("c:1700000000000,x:#userdata") + "00000001.json\n"
                + tag("c:1700000000100,x:#cluster-events") + "{\"id\":\"g1\",\"kind\":\"gap\"}\n"
                + tag("c:1700000000200,x:k") + s + "\n"
                + tag("c:1700000000300,x:k") + "not a sentence\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().serverArchiveRecords()).isEqualTo(2);
        assertThat(d.stats().messages()).isEqualTo(1);
        // a receiver's line that is no sentence is still rejected
        assertThat(d.stats().rejectedLines()).isEqualTo(1);
        assertThat(out).hasSize(2);
        assertThat(((ReceivedMessage) out.get(0)).receiveTimeMillis()).isEqualTo(1_700_000_000_200L);
        assertThat(((Rejection) out.get(1)).reason()).isEqualTo(RejectReason.NOT_A_SENTENCE);
        assertThat(((Rejection) out.get(1)).lineNumber()).isEqualTo(4);
        assertThat(d.stats().lines()).isEqualTo(4).isEqualTo(d.stats().accountedLines());
    }

    @Test
    void repeatedShortTagBlocksWithoutTimeAreCheckedByTheirBytes() {
        // tag blocks of 8-16 bytes without c: are remembered by their bytes: a repeat gives the same
        // tag block, a block of the same length with other bytes is checked and parsed afresh
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        String ok = tag("s:AISD");
        String badSum = ok.replace("s:AISD", "s:AISE"); // same length, the checksum of s:AISD
        String other = tag("s:AISE");
        List<Object> out = run(ok, ok + s, ok + s, badSum + s, ok + s, other + s, other + s, badSum + s, ok + s,
                "\\" + s, "\\" + s);
        assertThat(out).extracting(o -> o instanceof Rejection r ? r.reason().name()
                        : ((ReceivedMessage) o).tagBlock().s() + " " + ((ReceivedMessage) o).lineNumber())
                .containsExactly("AISD 2", "AISD 3", "BAD_TAG_BLOCK_CHECKSUM", "AISD 5", "AISE 6", "AISE 7",
                        "BAD_TAG_BLOCK_CHECKSUM", "AISD 9", "BAD_TAG_BLOCK", "BAD_TAG_BLOCK");
        List<Object> accepting = run(Options.DEFAULT.withAcceptBadTagBlockChecksum(true), ok + s, badSum + s, badSum + s,
                ok + s);
        assertThat(accepting).extracting(o -> ((ReceivedMessage) o).tagBlock().s() + " "
                        + ((ReceivedMessage) o).tagBlock().checksumVerified())
                .containsExactly("AISD true", "AISE false", "AISE false", "AISD true");
    }

    @Test
    void tagBlocksDifferingOnlyInTheirTimeShareOneTagBlockWithoutIt() {
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<Object> out = run(Options.DEFAULT.withAcceptBadTagBlockChecksum(true),
                tag("s:BENCH0,c:1384257600011") + s,
                tag("s:BENCH0,c:1384257601") + s, // seconds
                tag("s:BENCH0,c:13842x7602") + s,
                tag("s:BENCH0,c:") + s,
                tag("s:BENCH0,c:1384257603000,") + s,
                tag("s:BENCH1,c:1384257604000") + s,
                tag("s:BENCH1,c:1384257605000,n:5") + s,
                tag("s:BENCH1,c:1384257606000,n:5") + s,
                tag("c:1,c:2") + s, // the last c: counts
                tag("c:1,c:3") + s,
                tag("c:1384257607000") + s,
                tag("c:1384257607001") + s,
                tag("c:1234567890123456789") + s, // 19 digits
                "\\c:1384257607002*00\\" + s, // placeholder checksum
                tag("s:BENCH1") + s);
        assertThat(out).hasSize(15);
        assertThat(rejections(out)).extracting(Rejection::reason).containsExactly(RejectReason.BAD_TAG_BLOCK,
                RejectReason.BAD_TAG_BLOCK, RejectReason.BAD_TAG_BLOCK, RejectReason.BAD_TAG_BLOCK);
        List<ReceivedMessage> ms = messages(out);
        assertThat(ms).extracting(ReceivedMessage::receiveTimeMillis).containsExactly(1_384_257_600_011L,
                1_384_257_601_000L, 1_384_257_604_000L, 1_384_257_605_000L, 1_384_257_606_000L, 2_000L, 3_000L,
                1_384_257_607_000L, 1_384_257_607_001L, 1_384_257_607_002L, Long.MIN_VALUE);
        assertThat(ms).extracting(m -> m.tagBlock().c()).containsExactly(1_384_257_600_011L,
                1_384_257_601_000L, 1_384_257_604_000L, 1_384_257_605_000L, 1_384_257_606_000L, 2_000L, 3_000L,
                1_384_257_607_000L, 1_384_257_607_001L, 1_384_257_607_002L, Long.MIN_VALUE);
        assertThat(ms).extracting(m -> m.tagBlockWithoutTime().c()).containsOnly(Long.MIN_VALUE);
        assertThat(ms).extracting(ReceivedMessage::source).containsExactly("BENCH0", "BENCH0", "BENCH1", "BENCH1",
                "BENCH1", null, null, null, null, null, "BENCH1");
        assertThat(ms).extracting(m -> m.tagBlock().n()).containsExactly(-1L, -1L, -1L, 5L, 5L, -1L, -1L, -1L, -1L,
                -1L, -1L);
        // one tag block without the time for each run of lines that differ only in c:
        assertThat(ms.get(1).tagBlockWithoutTime()).isSameAs(ms.get(0).tagBlockWithoutTime());
        assertThat(ms.get(2).tagBlockWithoutTime()).isNotSameAs(ms.get(1).tagBlockWithoutTime());
        assertThat(ms.get(4).tagBlockWithoutTime()).isSameAs(ms.get(3).tagBlockWithoutTime());
        assertThat(ms.get(8).tagBlockWithoutTime()).isSameAs(ms.get(7).tagBlockWithoutTime());
        assertThat(ms.get(9).tagBlock().checksumVerified()).isFalse();
        assertThat(ms.get(8).tagBlock().checksumVerified()).isTrue();
        assertThat(ms.get(10).timeSource()).isNotEqualTo(TimeSource.TAG_BLOCK);
        assertThat(ms.get(0).tagBlock()).isEqualTo(new TagBlock(1_384_257_600_011L, "BENCH0", null, null, -1, -1,
                null, null, java.util.Map.of(), true));

        // a message made with the whole tag block is the decoder's message
        ReceivedMessage m = ms.get(0);
        ReceivedMessage made = new ReceivedMessage(m.message(), m.receiveTimeMillis(), m.timeSource(), m.source(),
                m.talker(), m.ownShip(), m.channel(), m.checksumVerified(), m.payloadBits(), m.lengthAnomaly(),
                m.sentences(), m.lineNumber(), m.tagBlock(), m.trailer());
        assertThat(made).isEqualTo(m).hasSameHashCodeAs(m).hasToString(m.toString());
        assertThat(m.toString()).contains("tagBlock=TagBlock[c=1384257600011, s=BENCH0");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new ReceivedMessage(
                m.message(), m.receiveTimeMillis() + 1, m.timeSource(), m.source(), m.talker(), m.ownShip(),
                m.channel(), m.checksumVerified(), m.payloadBits(), m.lengthAnomaly(), m.sentences(),
                m.lineNumber(), m.tagBlock(), m.trailer()));
    }

    @Test
    void cValuesOfEveryLengthAndOffsetAreRead() {
        // 1 to 18 digits, starting at every offset within an eight-byte word, each value twice
        // (parsed, then taken from the tag block cache) and once more with a parameter after it
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<String> lines = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        String digits = "987654321098765432";
        for (int len = 1; len <= 18; len++) {
            long v = Long.parseLong(digits.substring(0, len));
            String station = "s:" + "ABCDEFGH".substring(0, len % 8);
            for (String params : List.of(station + ",c:" + v, station + ",c:" + v, "c:" + v + ",n:" + len)) {
                lines.add(tag(params) + s);
                expected.add(v < 100_000_000_000L ? v * 1000 : v);
            }
        }
        List<ReceivedMessage> ms = messages(run(lines.toArray(String[]::new)));
        assertThat(ms).extracting(ReceivedMessage::receiveTimeMillis).containsExactlyElementsOf(expected);
        assertThat(ms).extracting(m -> m.tagBlock().c()).containsExactlyElementsOf(expected);
    }

    @Test
    void interleavedStationsKeepTheirTagBlocksWithoutTime() {
        String s = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(tag("s:BENCH" + i % 7 + ",c:" + (1_384_257_600_011L + i)) + s);
        }
        List<ReceivedMessage> ms = messages(run(lines.toArray(String[]::new)));
        assertThat(ms).hasSize(40);
        for (int i = 0; i < 40; i++) {
            ReceivedMessage m = ms.get(i);
            assertThat(m.receiveTimeMillis()).isEqualTo(1_384_257_600_011L + i);
            assertThat(m.tagBlock()).isEqualTo(new TagBlock(1_384_257_600_011L + i, "BENCH" + i % 7, null, null,
                    -1, -1, null, null, java.util.Map.of(), true));
            assertThat(m.source()).isEqualTo("BENCH" + i % 7);
            if (i >= 7) {
                assertThat(m.tagBlockWithoutTime()).isSameAs(ms.get(i - 7).tagBlockWithoutTime());
            }
        }
    }

    @Test
    void receiveTimePreference() {
        String s = "!BSVDM,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*28";
        String pghp = "$PGHP,1,2013,3,18,9,19,9,499,219,,2190048,1,28*23"; // from dma-aislib/replay_dump.txt
        long pghpTime = Instant.parse("2013-03-18T09:19:09.499Z").toEpochMilli();
        ReceivedMessage viaPghp = messages(run(pghp, s)).get(0);
        assertThat(viaPghp.timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(viaPghp.receiveTimeMillis()).isEqualTo(pghpTime);
        // tag block beats PGHP
        ReceivedMessage viaTag = messages(run(pghp, tag("c:1363598350") + s)).get(0);
        assertThat(viaTag.timeSource()).isEqualTo(TimeSource.TAG_BLOCK);
        // PGHP beats the trailer
        ReceivedMessage both = messages(run(pghp, s + ",1363598000")).get(0);
        assertThat(both.timeSource()).isEqualTo(TimeSource.PGHP);
        // a PGHP whose checksum reference does not match the sentence is not used
        String other = "$PGHP,1,2013,3,18,9,19,10,624,219,,2190048,1,47*16";
        ReceivedMessage mismatch = messages(run(other, s + ",1363598000123")).get(0);
        assertThat(mismatch.timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(mismatch.receiveTimeMillis()).isEqualTo(1_363_598_000_123L);
        // a PGHP only applies to the next line
        assertThat(messages(run(pghp, bang("GPZDA,114702.51,27,01,2012,,"), s)).get(0).timeSource()).isEqualTo(TimeSource.NONE);
        // receive clock when nothing better
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        d.setReceiveClock(() -> 42_000L);
        byte[] in = (s + "\n" + s + ",1363598000\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        assertThat(((ReceivedMessage) out.get(0)).timeSource()).isEqualTo(TimeSource.RECEIVE_CLOCK);
        assertThat(((ReceivedMessage) out.get(0)).receiveTimeMillis()).isEqualTo(42_000L);
        assertThat(((ReceivedMessage) out.get(1)).timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(d.stats().firstReceiveTimeMillis()).isEqualTo(42_000L);
        assertThat(d.stats().lastReceiveTimeMillis()).isEqualTo(1_363_598_000_000L);
    }

    private static String pghpLine(String fields) {
        return bang(fields).replace('!', '$');
    }

    @Test
    void pghpWithADateThatDoesNotExistTimesNothing() {
        String s = "!BSVDM,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*28";
        // 30 February would roll over to 2 March if only the field ranges were checked
        ReceivedMessage m = messages(run(pghpLine("PGHP,1,2013,2,30,9,19,9,499,219,,2190048,1,28"), s + ",1363598000123")).get(0);
        assertThat(m.timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(m.receiveTimeMillis()).isEqualTo(1_363_598_000_123L);
        // a leap day exists
        m = messages(run(pghpLine("PGHP,1,2016,2,29,9,19,9,499,219,,2190048,1,28"), s)).get(0);
        assertThat(m.timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(m.receiveTimeMillis()).isEqualTo(Instant.parse("2016-02-29T09:19:09.499Z").toEpochMilli());
        // a valid line after it with the same date and minute prefix still takes the fast path correctly
        List<Object> out = run(pghpLine("PGHP,1,2016,2,29,9,19,9,499,219,,2190048,1,28"), s,
                pghpLine("PGHP,1,2016,2,29,9,19,10,1,219,,2190048,1,28"), s);
        assertThat(messages(out).get(1).receiveTimeMillis()).isEqualTo(Instant.parse("2016-02-29T09:19:10.001Z").toEpochMilli());
    }

    /** Messages (with their records), rejections and counters of {@code in} fed {@code chunk} bytes at a time. */
    private static List<String> fedInChunks(byte[] in, int chunk) {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        for (int o = 0; o < in.length; o += chunk) {
            d.feed(in, o, Math.min(chunk, in.length - o));
        }
        d.finish();
        List<String> r = new ArrayList<>();
        for (Object x : out) {
            r.add(x instanceof ReceivedMessage m ? m + " " + m.message() : x.toString());
        }
        r.add(d.stats().toString());
        r.add(d.stats().otherSentences().toString());
        return r;
    }

    /**
     * A {@code $PGHP} line that starts like the last valid one (same kind, date, hour and minute) is
     * read from its seconds on when the buffer holds the whole line; whatever follows that start
     * (good or wrong checksum, none, empty, non-numeric or out-of-range seconds and milliseconds,
     * too many digits, a trailer, junk after the checksum, trailing spaces, a tag block in front, a tab
     * or a byte above 127 before the checksum),
     * it gives the messages, times, rejections and counters of the general path (one byte per feed).
     */
    @Test
    void pghpLinesStartingLikeTheLastOneAgreeWithTheGeneralPath() {
        String s = "!BSVDM,1,1,,B,14VliT002O0q2DBP:dAu7JRD0<0s,0*28";
        String head = "PGHP,1,2013,3,18,9,19,";
        String[] tails = {"9,499,219,,2190048,1,28", "10,1,219,,2190048,1,28", ",5,219,,2190048,1,28",
            "7,,219,,2190048,1,28", "61,5,219,,2190048,1,28", "7,5x,219,,2190048,1,28", "60,999,219,,2190048,1,28",
            "59,1000,219,,2190048,1,28", "1234567,1,1", "3,4", "3,4,", "8,9,219,,2190048,1,00", "12,345", "",
            "9,1234567,28", "01,002,219,,2190048,1,28"};
        List<String> lines = new ArrayList<>(List.of(pghpLine(head + tails[0]), s));
        for (String t : tails) {
            for (String line : new String[] {pghpLine(head + t), "$" + head + t + "*00", "$" + head + t,
                pghpLine(head + t) + ",1363598000123", pghpLine(head + t) + "X", pghpLine(head + t) + "  ",
                tag("s:x") + pghpLine(head + t), pghpLine(head + t).replace('$', '!'), pghpLine(head + t + ",\t1"),
                pghpLine(head + t + ",\u00e9")}) {
                lines.add(line);
                lines.add(s);
            }
        }
        byte[] in = (String.join("\r\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = fedInChunks(in, in.length);
        assertThat(whole).isEqualTo(fedInChunks(in, 1));
        assertThat(whole).isEqualTo(fedInChunks(in, 61));
        // the first two lines of seconds: 09.499 and 10.001 (the second from its seconds on)
        List<ReceivedMessage> m = messages(AisStreamDecoder.decodeAll(String.join("\n", lines) + "\n", Options.DEFAULT));
        assertThat(m.get(1).timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(m.get(1).receiveTimeMillis()).isEqualTo(Instant.parse("2013-03-18T09:19:09.499Z").toEpochMilli());
        assertThat(m.get(11).timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(m.get(11).receiveTimeMillis()).isEqualTo(Instant.parse("2013-03-18T09:19:10.001Z").toEpochMilli());
        assertThat(m.get(21).timeSource()).isEqualTo(TimeSource.NONE); // empty seconds: no time
        assertThat(whole.get(whole.size() - 1)).contains("PGHP");
    }

    /**
     * A VDM/VDO line of the common shape ({@code ttVDM,c,n,s,ch,payload,f*hh}) is scanned with fewer
     * steps when the buffer holds it whole; every variant around that shape (sequence id, no channel,
     * payloads of 0 to 3 characters, bytes below {@code '0'} or above 127 in the payload, a payload
     * {@code *} or comma, no fill bits or two digits of them, a wrong or missing checksum, a trailer,
     * trailing spaces, a tab, CR or LF line ends, a tag block, {@code $} start, a comma or control
     * character in the talker) gives the messages, rejections and counters of the general path (one
     * byte per feed).
     */
    @Test
    void vdmLinesOfTheCommonShapeAgreeWithTheGeneralPath() {
        String p = "15RTgt0PAso;90TKcjM8h6g208CQ";
        String[] bodies = {"AIVDM,1,1,,A," + p + ",0", "AIVDO,1,1,,B," + p + ",0", "BSVDM,1,1,3,A," + p + ",0",
            "AIVDM,1,1,,," + p + ",0", "AIVDM,1,1,,A,,0", "AIVDM,1,1,,A,1,0", "AIVDM,1,1,,A,15,0", "AIVDM,1,1,,A,15R,0",
            "AIVDM,1,1,,A,15RTgt0P,0", "AIVDM,1,1,,A,15RTgt0PA,0", "AIVDM,1,1,,A,15RTgt0PAso;90TK,2",
            "AIVDM,1,1,,A,15RT t0PAso;90TKcjM8h6g208CQ,0", "AIVDM,1,1,,A,15RTgt0PAso;90TKc!M8h6g208CQ,0",
            "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208C\u0085,0", "AIVDM,1,1,,A,15RTgt0PAso;90T,cjM8h6g208CQ,0",
            "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g2*8CQ,0", "AIVDM,1,1,,A," + p + ",", "AIVDM,1,1,,A," + p + ",12",
            "AIVDM,1,1,,A," + p + ",X", "AIVDM,1,1,,A," + p, "AIVDM,1,1,,A," + p + ",0,0", "AIVDM,2,1,7,A," + p + ",0",
            "AIVDM,1,1,12,A," + p + ",0", "AIVDM,1,1,,AB," + p + ",0", "AIVDM,10,1,,A," + p + ",0", "A,VDM,1,1,,A," + p + ",0",
            "=IVDM,1,1,,A," + p + ",0", "AIVDMX,1,1,,A," + p + ",0", "AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ\t,0",
            "AIVDM,1,1,,A," + p + ",0\t", "AIVDM,1,1,,A,0" + p + ",0", "AIVDM,1,1,,A,1" + p + p + p + ",0"};
        List<String> lines = new ArrayList<>();
        for (String body : bodies) {
            String ok = bang(body);
            String star = ok.substring(0, ok.lastIndexOf('*'));
            for (String line : new String[] {ok, star + "*00", star, ok + ",1363598000123", ok + ",r09SCHA1,1272422678",
                ok + "X", ok + "  ", ok.substring(0, ok.length() - 1), tag("s:x,c:1363598000") + ok, ok.replace('!', '$'),
                ok + "\r"}) {
                lines.add(line);
            }
        }
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = fedInChunks(in, in.length);
        assertThat(whole).isEqualTo(fedInChunks(in, 1));
        assertThat(whole).isEqualTo(fedInChunks(in, 97));
        // lines without a terminator ending the buffer, and CRLF ends
        for (String line : lines) {
            byte[] one = line.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(fedInChunks(one, one.length)).as(line).isEqualTo(fedInChunks(one, 1));
        }
        byte[] crlf = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(fedInChunks(crlf, crlf.length)).isEqualTo(fedInChunks(crlf, 1));
        assertThat(whole.get(0)).contains("mmsi=371798000", "talker=AI"); // a message, decoded
        assertThat(whole.size()).isGreaterThan(lines.size() / 2);
    }

    /**
     * Single-sentence payloads of every length from 1 to 48 characters behind heads that start them at
     * different offsets in an eight-byte word, with an illegal armour character ({@code X}, {@code _},
     * {@code x}, DEL, a byte above 127) first, in the middle or last, each boundary character of the armour
     * ({@code 0}, {@code W}, {@code `}, {@code w}), every fill bit count 0..6 and a wrong checksum: the
     * common-shape scan gives the messages, rejections (reason and detail) and counters of the general
     * path (one byte per feed), and rejects exactly the lines it should.
     */
    @Test
    void payloadsOfTheCommonShapeWithIllegalCharactersFillBitsOrWrongChecksumsAgreeWithTheGeneralPath() {
        String valid = (P1 + P2).substring(0, 48);
        String[] heads = {"AIVDM,1,1,,A,", "BSVDM,1,1,3,B,", "AIVDO,1,1,,,", "ABVDM,1,1,7,2,"};
        char[] illegal = {'X', '_', 'x', '\u007f', '\u00b0', '\u00ff'};
        char[] boundary = {'0', 'W', '`', 'w'};
        List<String> lines = new ArrayList<>();
        int illegalAscii = 0;
        int wrongChecksums = 0;
        for (String head : heads) {
            for (int n = 1; n <= valid.length(); n++) {
                String pay = valid.substring(0, n);
                for (int fill = 0; fill <= 6; fill++) {
                    lines.add(bang(head + pay + "," + fill));
                }
                String ok = bang(head + pay + ",0");
                int given = Integer.parseInt(ok.substring(ok.length() - 2), 16);
                lines.add(ok.substring(0, ok.length() - 2) + String.format("%02X", given ^ 0x10));
                wrongChecksums++;
                for (int at : new int[] {0, n / 2, n - 1}) {
                    for (char c : illegal) {
                        lines.add(bang(head + pay.substring(0, at) + c + pay.substring(at + 1) + ",0"));
                        if (c < 0x80) {
                            illegalAscii++;
                        }
                    }
                    for (char c : boundary) {
                        lines.add(bang(head + pay.substring(0, at) + c + pay.substring(at + 1) + ",0"));
                    }
                }
            }
        }
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = fedInChunks(in, in.length);
        assertThat(whole).isEqualTo(fedInChunks(in, 1));
        assertThat(whole).isEqualTo(fedInChunks(in, 89));
        List<Object> out = AisStreamDecoder.decodeAll(String.join("\n", lines) + "\n", Options.DEFAULT);
        List<Rejection> r = rejections(out);
        // every line with an illegal ASCII character is rejected for it, and so is no other line
        assertThat(r.stream().filter(x -> x.reason() == RejectReason.ILLEGAL_PAYLOAD_CHARACTER
                && x.line().chars().anyMatch(c -> c == 'X' || c == '_' || c == 'x' || c == 0x7f)).count())
                .isEqualTo(illegalAscii);
        assertThat(r.stream().filter(x -> x.reason() == RejectReason.ILLEGAL_PAYLOAD_CHARACTER
                && x.line().chars().noneMatch(c -> c == 'X' || c == '_' || c == 'x' || c >= 0x7f)).count()).isZero();
        assertThat(r.stream().filter(x -> x.reason() == RejectReason.BAD_CHECKSUM).count()).isEqualTo(wrongChecksums);
        assertThat(r.stream().filter(x -> x.reason() == RejectReason.BAD_FILL_BITS).count()).isEqualTo(heads.length * valid.length());
        // the 28 characters of P1 with fill bits 0 decode to its vessel, whatever the head
        assertThat(messages(out).stream().filter(m -> m.message().mmsi() == 211000001).count()).isGreaterThanOrEqualTo(heads.length);
    }

    @Test
    void pghpForATwoSentenceMessageUsesTheXorOfBothChecksums() {
        List<String> f = fragments("BSVDM", P1, 2, "7", "A", 0);
        int x = Integer.parseInt(f.get(0).substring(f.get(0).length() - 2), 16)
                ^ Integer.parseInt(f.get(1).substring(f.get(1).length() - 2), 16);
        String pghp = bang("PGHP,1,2014,10,5,15,57,32,248,261,,,1," + String.format("%02X", x)).replace('!', '$');
        ReceivedMessage m = messages(run(pghp, f.get(0), f.get(1))).get(0);
        assertThat(m.timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(m.receiveTimeMillis()).isEqualTo(Instant.parse("2014-10-05T15:57:32.248Z").toEpochMilli());
    }

    @Test
    void headerValidation() {
        String p = "15RTgt0PAso;90TKcjM8h6g208CQ";
        assertThat(reason(run(bang("AIVDM,0,1,,A," + p + ",0")).get(0))).isEqualTo(RejectReason.BAD_FRAGMENT_HEADER);
        assertThat(reason(run(bang("AIVDM,1,2,,A," + p + ",0")).get(0))).isEqualTo(RejectReason.BAD_FRAGMENT_HEADER);
        assertThat(reason(run(bang("AIVDM,10,1,,A," + p + ",0")).get(0))).isEqualTo(RejectReason.BAD_FRAGMENT_HEADER);
        assertThat(reason(run(bang("AIVDM,X,1,,A," + p + ",0")).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,,A," + p + ",6")).get(0))).isEqualTo(RejectReason.BAD_FILL_BITS);
        assertThat(reason(run(bang("AIVDM,2,1,1,A," + p + ",2")).get(0))).isEqualTo(RejectReason.BAD_FILL_BITS);
        assertThat(reason(run(bang("AIVDM,1,1,,A," + p + ",")).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,,A," + p)).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,,A," + p + ",0,0")).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,12,A," + p + ",0")).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,,AB," + p + ",0")).get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run(bang("AIVDM,1,1,,A,,0")).get(0))).isEqualTo(RejectReason.EMPTY_PAYLOAD);
        assertThat(reason(run(bang("AIVDM,1,1,,A,15RTgt,0")).get(0))).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        assertThat(reason(run("!AIVDM,1,1,,A," + p + ",0*4").get(0))).isEqualTo(RejectReason.BAD_CHECKSUM);
        assertThat(reason(run("!AIVDM,1,1,,A," + p + ",0*4AB").get(0))).isEqualTo(RejectReason.MALFORMED_SENTENCE);
        assertThat(reason(run("# comment").get(0))).isEqualTo(RejectReason.NOT_A_SENTENCE);
        // channel 1/2 of satellite feeds, and the "=I" talker of the AMSA feed (checksum correct)
        assertThat(((ReceivedMessage) run(bang("AIVDM,1,1,,2," + p + ",0")).get(0)).channel()).isEqualTo('2');
        ReceivedMessage eq = (ReceivedMessage) run("!=IVDM,1,1,,A,18JSmJ001D8FqSClKd51JAD20D0W,0*2E").get(0);
        assertThat(eq.talker()).isEqualTo("=I");
    }

    @Test
    void otherSentencesAreCountedNotRejected() {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        String text = String.join("\n",
                "$GPRMC,114702.00,A,3255.2470,S,15146.8590,E,0.0,0.0,270112,,,A*6F".replace("*6F", ""), // no checksum: allowed for $
                "$ABVSI,Nobbys Head,7,114702,87,-70,42*79",
                "$PSTT,30C,A,1,00,009*26",
                "$ABVSI,Nobbys Head,7,114702,87,-70,42*78",
                "!AIPWR,UNIT=0,PWV") + "\n";
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().otherSentences()).containsEntry("GPRMC", 1L).containsEntry("ABVSI", 1L).containsEntry("PSTT", 1L);
        assertThat(d.stats().rejected(RejectReason.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(d.stats().rejected(RejectReason.NO_CHECKSUM)).isEqualTo(1);
        assertThat(d.stats().lines()).isEqualTo(5).isEqualTo(d.stats().accountedLines());
        assertThat(d.stats().summary()).contains("ABVSI=1").contains("checksum mismatch: 1");
    }

    /**
     * A sentence framed and then rejected, alone (a bad fragment number) or with its message (a type 5
     * of 186 bits, 424 needed), is a rejected line only, not a VDM sentence too: the VDM and VDO
     * counts are the sentences of messages decoded, so they and the rejected lines add up to the lines.
     */
    @Test
    void sentencesRejectedWithTheirMessageAreNotCountedTwice() {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        String text = String.join("\n",
                "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
                "!AIVDO,1,1,,,15RTgt0PAso;90TKcjM8h6g208CQ,0*09",
                "!AIVDM,1,1,,A,53nFBv01SJ<thHp6220H4heHTf2222222,0*03",
                "!AAVDM,0,1,,B,16UK7Fi0?w4tQF0l4Q@>401v1PS;,0*0F",
                "$PSTT,30C,A,1,00,009*26") + "\n";
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        Stats s = d.stats();
        assertThat(s.messages()).isEqualTo(2);
        assertThat(s.rejected(RejectReason.PAYLOAD_TOO_SHORT)).isEqualTo(1);
        assertThat(s.rejected(RejectReason.BAD_FRAGMENT_HEADER)).isEqualTo(1);
        assertThat(s.vdmSentences()).isEqualTo(1);
        assertThat(s.vdoSentences()).isEqualTo(1);
        assertThat(s.messageSentences()).isEqualTo(2);
        assertThat(s.vdmSentences() + s.vdoSentences() + s.rejectedLines() + s.otherSentenceLines()).isEqualTo(s.lines()).isEqualTo(5);
    }

    @Test
    void statsCountMessagesByTypeAndAnomalies() {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        String text = String.join("\n",
                "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A",
                "!AIVDM,1,1,,A,137b0v00270B2K<MI`7pgG2l08@K4cG>`<,0*29",
                "!BSVDM,1,1,,A,33eG6N0OiOPPnC0Q49irT8RL00n0,0*4A") + "\n";
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().messages()).isEqualTo(3);
        assertThat(d.stats().messages(1)).isEqualTo(2);
        assertThat(d.stats().messages(3)).isEqualTo(1);
        assertThat(d.stats().lengthAnomalies()).isEqualTo(1);
        assertThat(d.stats().vdmSentences()).isEqualTo(3);
    }

    @Test
    void nominalLengthTable() {
        assertThat(NominalLength.isAnomalous(1, 0, 168)).isFalse();
        assertThat(NominalLength.isAnomalous(1, 0, 204)).isTrue();
        assertThat(NominalLength.isAnomalous(5, 0, 424)).isFalse();
        assertThat(NominalLength.isAnomalous(5, 0, 426)).isTrue();
        assertThat(NominalLength.isAnomalous(24, 0, 160)).isFalse();
        assertThat(NominalLength.isAnomalous(24, 0, 168)).isTrue();
        assertThat(NominalLength.isAnomalous(24, 1, 168)).isFalse();
        assertThat(NominalLength.isAnomalous(27, 0, 96)).isFalse();
        assertThat(NominalLength.isAnomalous(7, 0, 104)).isFalse();
        assertThat(NominalLength.isAnomalous(7, 0, 100)).isTrue();
        assertThat(NominalLength.isAnomalous(16, 0, 144)).isFalse();
        assertThat(NominalLength.isAnomalous(8, 0, 1008)).isFalse();
        assertThat(NominalLength.isAnomalous(8, 0, 1014)).isTrue();
    }

    @Test
    void civilDays() {
        assertThat(LineTimes.daysFromCivil(1970, 1, 1)).isZero();
        assertThat(LineTimes.daysFromCivil(2024, 2, 29)).isEqualTo(java.time.LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(LineTimes.daysFromCivil(2100, 12, 31)).isEqualTo(java.time.LocalDate.of(2100, 12, 31).toEpochDay());
    }

    /**
     * IEC 61162-1 begins encapsulation sentences with '!', but some receivers and loggers write VDM/VDO
     * with '$': such a sentence is decoded as with '!' (one sentence and two fragments, VDM and VDO),
     * counted apart, and still held to its checksum and fields.
     */
    @Test
    void vdmAndVdoBegunWithADollarAreDecoded() {
        String one = bang("AIVDM,1,1,,A," + P1 + ",0").replace('!', '$');
        List<String> two = fragments("AIVDO", P2, 2, "4", "B", 0);
        String badFields = bang("AIVDM,1,1,,A," + P3).replace('!', '$');
        String badSum = "$AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23";
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = String.join("\n", one, two.get(0).replace('!', '$'), two.get(1).replace('!', '$'), badFields, badSum,
                "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A", "")
                .getBytes(StandardCharsets.ISO_8859_1);
        d.feed(in, 0, in.length);
        d.finish();
        List<ReceivedMessage> ms = messages(out);
        assertThat(ms).extracting(m -> m.message().mmsi()).containsExactly(211000001, 211000002);
        assertThat(ms.get(0).message()).isEqualTo(org.watchkeeper.ais.AisDecoder.decode(P1, 0));
        assertThat(ms.get(0).ownShip()).isFalse();
        assertThat(ms.get(1).ownShip()).isTrue();
        assertThat(ms.get(1).sentences()).isEqualTo(2);
        assertThat(ms.get(1).lineNumber()).isEqualTo(2);
        assertThat(rejections(out)).extracting(Rejection::reason, Rejection::lineNumber).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RejectReason.MALFORMED_SENTENCE, 4L),
                org.assertj.core.groups.Tuple.tuple(RejectReason.BAD_CHECKSUM, 5L));
        assertThat(d.stats().dollarStartSentences()).isEqualTo(4);
        assertThat(d.stats().vdmSentences()).isEqualTo(1);
        assertThat(d.stats().vdoSentences()).isEqualTo(2);
        assertThat(d.stats().otherSentences()).containsOnlyKeys("GPRMC");
        assertThat(d.stats().lines()).isEqualTo(6).isEqualTo(d.stats().accountedLines());
    }
}
