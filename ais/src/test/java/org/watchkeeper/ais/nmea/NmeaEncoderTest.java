package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.StaticDataReportPartA;
import org.watchkeeper.ais.StaticDataReportPartB;

/** {@link NmeaEncoder}: what it writes, {@link AisStreamDecoder} reads back exactly. */
class NmeaEncoderTest {
    /** A type 5 in two sentences with g: groups, as an ORBCOMM feed sends it (AMSA file, 2014-09-28). */
    private static final String ORBCOMM_1 =
            "\\g:1-2-6745,s:rORBCOMM000,c:1411920502*56\\!AIVDM,2,1,6,A,5815:?P2BL3UKMEG>20I8Tv2222222222222221@L@hEK6L`NGPEhBE2CQp3,0*5D";
    private static final String ORBCOMM_2 = "\\g:2-2-6745*5D\\!AIVDM,2,2,6,A,lQ1DTp88880,2*4E";

    private static StaticAndVoyageData type5() {
        return new StaticAndVoyageData(5, 0, 563012345, 2, 9074729, "9V1234", "STRAITS PEARL", 70,
                150, 40, 16, 16, 1, 6, 14, 8, 30, 11.2, "SGSIN", 0, 0);
    }

    @Test
    void reproducesTheFramingOfARealGroupedType5ByteForByte() {
        List<Object> out = Nmea.run(ORBCOMM_1, ORBCOMM_2);
        assertThat(Nmea.rejections(out)).isEmpty();
        assertThat(Nmea.messages(out).get(0).message()).isInstanceOf(StaticAndVoyageData.class);

        // the sender padded its text with spaces, not '@', so the payload is re-framed as sent
        String payload = "5815:?P2BL3UKMEG>20I8Tv2222222222222221@L@hEK6L`NGPEhBE2CQp3" + "lQ1DTp88880";
        NmeaEncoder enc = new NmeaEncoder();
        enc.continueNumbering(6, 6745);
        List<String> lines = enc.encode(payload, 2, 'A', new NmeaEncoder.Tag("rORBCOMM000", 1_411_920_502_000L));
        assertThat(lines).containsExactly(ORBCOMM_1, ORBCOMM_2);
    }

    @Test
    void singleSentenceWithTagBlock() {
        PositionReport r = new PositionReport(1, 0, 563012345, 0, 0, 12.3, true, 103.85, 1.25, 81.5, 82, 40, 0, 0, false,
                new CommunicationState.Sotdma(0, 1, (10 << 9) | (20 << 2)).raw());
        List<String> lines = new NmeaEncoder().encode(r, 'B', new NmeaEncoder.Tag("SG-SENTOSA", 1_718_000_040_000L));
        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        // checksums recomputed independently of the encoder
        int tagEnd = line.indexOf('*');
        String tagBody = line.substring(1, tagEnd);
        assertThat(tagBody).isEqualTo("s:SG-SENTOSA,c:1718000040");
        assertThat(line.substring(tagEnd + 1, tagEnd + 3)).isEqualTo(Nmea.checksum(tagBody));
        String sentence = line.substring(line.indexOf('!'));
        assertThat(sentence).startsWith("!AIVDM,1,1,,B,").endsWith("," + 0 + "*" + Nmea.checksum(sentence.substring(1, sentence.length() - 3)));
        assertThat(sentence.length()).isLessThanOrEqualTo(82 - 2);

        ReceivedMessage m = Nmea.messages(Nmea.run(line)).get(0);
        assertThat(m.message()).isEqualTo(r);
        assertThat(m.source()).isEqualTo("SG-SENTOSA");
        assertThat(m.receiveTimeMillis()).isEqualTo(1_718_000_040_000L);
        assertThat(m.timeSource()).isEqualTo(TimeSource.TAG_BLOCK);
        assertThat(m.channel()).isEqualTo('B');
        assertThat(m.sentences()).isEqualTo(1);
        assertThat(m.lengthAnomaly()).isFalse();
    }

    @Test
    void type5SplitsSixtyPlusElevenWithGroupTags() {
        NmeaEncoder enc = new NmeaEncoder();
        List<String> lines = enc.encode(type5(), 'A', new NmeaEncoder.Tag("MY-KLANG", 1_718_000_000_500L));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\\g:1-2-1,s:MY-KLANG,c:1718000000500*").contains("!AIVDM,2,1,0,A,");
        assertThat(lines.get(1)).startsWith("\\g:2-2-1*").contains("!AIVDM,2,2,0,A,").endsWith(",2*" + lines.get(1).substring(lines.get(1).length() - 2));
        String p1 = lines.get(0).split(",")[lines.get(0).split(",").length - 2];
        assertThat(p1).hasSize(60);

        List<Object> out = Nmea.run(lines.toArray(String[]::new));
        assertThat(Nmea.rejections(out)).isEmpty();
        ReceivedMessage m = Nmea.messages(out).get(0);
        assertThat(m.message()).isEqualTo(type5());
        assertThat(m.sentences()).isEqualTo(2);
        assertThat(m.payloadBits()).isEqualTo(424);
        assertThat(m.receiveTimeMillis()).isEqualTo(1_718_000_000_500L);
        assertThat(m.source()).isEqualTo("MY-KLANG");

        // the next multi-sentence message gets the next sequence id and group id
        List<String> next = enc.encode(type5(), 'B', new NmeaEncoder.Tag(null, 1_718_000_001_000L));
        assertThat(next.get(0)).startsWith("\\g:1-2-2,c:1718000001*").contains("!AIVDM,2,1,1,B,");
    }

    @Test
    void interleavedGroupsOnTheSameChannelDecodeApart() {
        NmeaEncoder enc = new NmeaEncoder();
        enc.continueNumbering(3, 40);
        List<String> a = enc.encode(type5(), 'A', new NmeaEncoder.Tag("S1", 1_000_000_000_000L));
        enc.continueNumbering(3, 41); // same sequence id on purpose: only g: tells them apart
        StaticAndVoyageData other = new StaticAndVoyageData(5, 0, 477000111, 2, 9123455, "VRAB3", "HARBOUR LIGHT", 80,
                200, 50, 20, 22, 1, 12, 1, 0, 0, 14.5, "HKHKG", 0, 0);
        List<String> b = enc.encode(other, 'A', new NmeaEncoder.Tag("S2", 1_000_000_001_000L));
        List<Object> out = Nmea.run(a.get(0), b.get(0), b.get(1), a.get(1));
        assertThat(Nmea.rejections(out)).isEmpty();
        assertThat(Nmea.messages(out)).extracting(ReceivedMessage::message).containsExactly(other, type5());
    }

    @Test
    void bareSentencesWithoutTagBlocks() {
        StaticDataReportPartA a = new StaticDataReportPartA(24, 0, 563900123, "SEA BREEZE");
        StaticDataReportPartB b = new StaticDataReportPartB(24, 0, 563900123, 37, "SRT", 2, 12345, "9V7788", 8, 4, 2, 2,
                AisMessage.NOT_AVAILABLE, 1, 0);
        NmeaEncoder enc = new NmeaEncoder("AB", false, 60);
        List<String> lines = new ArrayList<>(enc.encode(a, 'A', null));
        lines.addAll(enc.encode(b, 'B', null));
        assertThat(lines).allMatch(l -> l.startsWith("!ABVDM,1,1,,"));
        List<ReceivedMessage> ms = Nmea.messages(Nmea.run(lines.toArray(String[]::new)));
        assertThat(ms).extracting(ReceivedMessage::message).containsExactly(a, b);
        assertThat(ms).allMatch(m -> m.tagBlock() == null && !m.hasReceiveTime());
    }

    @Test
    void rejectsWhatCannotBeFramed() {
        assertThatThrownBy(() -> new NmeaEncoder("A", false, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NmeaEncoder("AI", false, 61)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NmeaEncoder.Tag("a,b", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NmeaEncoder.Tag("x", -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NmeaEncoder("AI", false, 1).encode("0".repeat(10), 0, 'A', null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NmeaEncoder().encode("", 0, 'A', null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anyPayloadSplitAnyWayDecodesBack(@ForAll("positions") PositionReport r, @ForAll("sizes") int perSentence,
                                          @ForAll boolean tagged) {
        NmeaEncoder enc = new NmeaEncoder("AI", false, perSentence);
        List<String> lines = enc.encode(r, 'A', tagged ? new NmeaEncoder.Tag("SIM", 1_700_000_000_000L) : null);
        assertThat(lines).hasSize((28 + perSentence - 1) / perSentence);
        List<Object> out = Nmea.run(lines.toArray(String[]::new));
        assertThat(Nmea.rejections(out)).isEmpty();
        List<ReceivedMessage> ms = Nmea.messages(out);
        assertThat(ms).hasSize(1);
        assertThat(ms.get(0).message()).isEqualTo(r);
        assertThat(AisDecoder.encode(ms.get(0).message()).length()).isEqualTo(168);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(4, 60);
    }

    @Provide
    Arbitrary<PositionReport> positions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 999_999_999),
                        Arbitraries.integers().between(0, 1022).map(v -> v / 10.0),
                        Arbitraries.integers().between(-108_000_000, 108_000_000).map(v -> v / 600_000.0),
                        Arbitraries.integers().between(-54_000_000, 54_000_000).map(v -> v / 600_000.0),
                        Arbitraries.integers().between(0, 3599).map(v -> v / 10.0),
                        Arbitraries.integers().between(0, 59))
                .as((mmsi, sog, lon, lat, cog, sec) -> new PositionReport(1, 0, mmsi, 0, 0, sog, false, lon, lat, cog,
                        AisMessage.NOT_AVAILABLE, sec, 0, 0, false, new CommunicationState.Sotdma(0, 0, 0).raw()));
    }
}
