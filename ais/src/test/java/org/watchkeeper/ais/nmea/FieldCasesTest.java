package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.nmea.Nmea.caseInput;
import static org.watchkeeper.ais.nmea.Nmea.feed;
import static org.watchkeeper.ais.nmea.Nmea.position;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.RejectReason;

/**
 * The framing cases of /work/shared/cases/README.md, read byte for byte from cases/inputs/ID.nmea.
 * Message types other than 1-3 may not be decodable in this module yet: for those the test accepts
 * either the decoded message (then checks its framing metadata) or an UNKNOWN_MESSAGE_TYPE rejection,
 * which proves the line got through framing.
 */
class FieldCasesTest {
    private static final double DEG = 0.0000006;

    private static void assertB13(Object o) {
        PositionReport p = position(o);
        assertThat(p.messageType()).isEqualTo(1);
        assertThat(p.mmsi()).isEqualTo(371798000);
        assertThat(p.navigationStatus()).isEqualTo(0);
        assertThat(p.rateOfTurnRaw()).isEqualTo(-127);
        assertThat(p.speedOverGround()).isCloseTo(12.3, within(1e-9));
        assertThat(p.positionAccuracy()).isTrue();
        assertThat(p.longitude()).isCloseTo(-123.395383, within(DEG));
        assertThat(p.latitude()).isCloseTo(48.381633, within(DEG));
        assertThat(p.courseOverGround()).isCloseTo(224.0, within(1e-9));
        assertThat(p.trueHeading()).isEqualTo(215);
        assertThat(p.timeStamp()).isEqualTo(33);
        ReceivedMessage m = (ReceivedMessage) o;
        assertThat(m.talker()).isEqualTo("AI");
        assertThat(m.channel()).isEqualTo('A');
        assertThat(m.checksumVerified()).isTrue();
        assertThat(m.payloadBits()).isEqualTo(168);
        assertThat(m.lengthAnomaly()).isFalse();
        assertThat(m.sentences()).isEqualTo(1);
        assertThat(m.timeSource()).isEqualTo(TimeSource.NONE);
        assertThat(m.receiveTimeMillis()).isEqualTo(Long.MIN_VALUE);
    }

    private static void assertB06Line2(Object o) {
        PositionReport p = position(o);
        assertThat(p.mmsi()).isEqualTo(259511000);
        assertThat(p.navigationStatus()).isEqualTo(0);
        assertThat(p.rateOfTurnRaw()).isEqualTo(0);
        assertThat(p.speedOverGround()).isEqualTo(0.0);
        assertThat(p.longitude()).isCloseTo(6.639907, within(DEG));
        assertThat(p.latitude()).isCloseTo(62.684303, within(DEG));
        assertThat(p.courseOverGround()).isCloseTo(289.7, within(1e-9));
        assertThat(p.trueHeading()).isEqualTo(140);
        assertThat(p.timeStamp()).isEqualTo(15);
        assertThat(((ReceivedMessage) o).talker()).isEqualTo("BS");
    }

    /** Either the decoded message of the given type, or its UNKNOWN_MESSAGE_TYPE rejection at the line. */
    private static ReceivedMessage decodedOrUnknown(Object o, int type, long line) {
        if (o instanceof Rejection r) {
            assertThat(r.reason()).as(r.toString()).isEqualTo(RejectReason.UNKNOWN_MESSAGE_TYPE);
            assertThat(r.lineNumber()).isEqualTo(line);
            return null;
        }
        ReceivedMessage m = (ReceivedMessage) o;
        assertThat(m.message().messageType()).isEqualTo(type);
        assertThat(m.lineNumber()).isEqualTo(line);
        return m;
    }

    @Test
    void b01MissingChecksumStrictRejectsLenientDecodesUnverified() throws IOException {
        byte[] in = caseInput("B01");
        List<Object> strict = feed(Options.DEFAULT, in);
        assertThat(strict).hasSize(1);
        Rejection r = (Rejection) strict.get(0);
        assertThat(r.reason()).isEqualTo(RejectReason.NO_CHECKSUM);
        assertThat(r.line()).isEqualTo("!AIVDM,1,1,,A,100u3FP04r28t0<WcshcQI<H0H79,0");
        assertThat(r.lineNumber()).isEqualTo(1);

        List<Object> lenient = feed(Options.DEFAULT.withLenientChecksum(true), in);
        assertThat(lenient).hasSize(1);
        ReceivedMessage m = (ReceivedMessage) lenient.get(0);
        assertThat(m.checksumVerified()).isFalse();
        PositionReport p = (PositionReport) m.message();
        assertThat(p.messageType()).isEqualTo(1);
        assertThat(p.mmsi()).isEqualTo(1000282);
        assertThat(p.speedOverGround()).isCloseTo(31.4, within(1e-9));
        assertThat(p.longitude()).isCloseTo(29.914463, within(DEG));
        assertThat(p.latitude()).isCloseTo(69.357123, within(DEG));
        assertThat(p.courseOverGround()).isCloseTo(294.9, within(1e-9));
        assertThat(p.trueHeading()).isEqualTo(294);
        assertThat(p.timeStamp()).isEqualTo(12);
    }

    @Test
    void b02LowerCaseHexChecksumsPass() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B02"));
        assertThat(out).hasSize(2);
        ReceivedMessage t5 = decodedOrUnknown(out.get(0), 5, 1);
        if (t5 != null) {
            assertThat(t5.message().mmsi()).isEqualTo(20);
            assertThat(t5.payloadBits()).isEqualTo(426);
            assertThat(t5.lengthAnomaly()).isTrue();
        }
        assertB13(out.get(1));
    }

    @Test
    void b04OwnShipVdoWithEmptyChannel() throws IOException {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = caseInput("B04");
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(d.stats().vdoSentences()).isEqualTo(1);
        assertThat(out).hasSize(1);
        ReceivedMessage m = decodedOrUnknown(out.get(0), 18, 1);
        if (m != null) {
            assertThat(m.ownShip()).isTrue();
            assertThat(m.channel()).isEqualTo('\0');
            assertThat(m.message().mmsi()).isEqualTo(1000000000);
        }
        // a type 1 own-ship report with an empty channel, from dma-aislib/ais250.txt
        List<Object> vdo = Nmea.run("!AIVDO,1,1,,,11auciwP00GRV:4CBpK8N?wF2000,0*51");
        ReceivedMessage own = (ReceivedMessage) vdo.get(0);
        assertThat(own.ownShip()).isTrue();
        assertThat(own.channel()).isEqualTo('\0');
        assertThat(own.talker()).isEqualTo("AI");
        assertThat(own.message().messageType()).isEqualTo(1);
    }

    @Test
    void b05WhitespaceAndTerminatorVariants() throws IOException {
        for (String id : new String[] {"B05a", "B05b"}) {
            List<Object> out = feed(Options.DEFAULT, caseInput(id));
            assertThat(out).as(id).hasSize(1);
            assertB13(out.get(0));
        }
        List<Object> c = feed(Options.DEFAULT, caseInput("B05c"));
        assertThat(c).hasSize(2);
        assertB13(c.get(0));
        assertB06Line2(c.get(1));
        assertThat(((ReceivedMessage) c.get(1)).lineNumber()).isEqualTo(2);
    }

    @Test
    void b05cBareCrSplitAtEveryByteBoundary() throws IOException {
        byte[] in = caseInput("B05c");
        for (int cut = 0; cut <= in.length; cut++) {
            List<Object> out = new ArrayList<>();
            AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
            d.feed(in, 0, cut);
            d.feed(in, cut, in.length - cut);
            d.finish();
            assertThat(out).as("cut at " + cut).hasSize(2);
            assertThat(d.stats().lines()).isEqualTo(2);
            assertB13(out.get(0));
            assertB06Line2(out.get(1));
        }
    }

    @Test
    void b06OtherTalkers() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B06"));
        assertThat(out).hasSize(3);
        ReceivedMessage t24 = decodedOrUnknown(out.get(0), 24, 1);
        if (t24 != null) {
            assertThat(t24.talker()).isEqualTo("BS");
            assertThat(t24.message().mmsi()).isEqualTo(257999901);
        }
        assertB06Line2(out.get(1));
        ReceivedMessage m3 = (ReceivedMessage) out.get(2);
        assertThat(m3.talker()).isEqualTo("BS");
        PositionReport p = position(m3);
        assertThat(p.messageType()).isEqualTo(3);
        assertThat(p.mmsi()).isEqualTo(248891000);
        assertThat(p.rateOfTurnRaw()).isEqualTo(127);
        assertThat(p.speedOverGround()).isCloseTo(9.5, within(1e-9));
        assertThat(p.positionAccuracy()).isTrue();
        assertThat(p.longitude()).isCloseTo(7.175840, within(DEG));
        assertThat(p.latitude()).isCloseTo(57.785078, within(DEG));
        assertThat(p.courseOverGround()).isCloseTo(270.4, within(1e-9));
        assertThat(p.trueHeading()).isEqualTo(273);
        assertThat(p.timeStamp()).isEqualTo(14);
    }

    @Test
    void b07BadLineRejectedAndProcessingContinues() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B07"));
        assertThat(out).hasSize(2);
        Rejection r = (Rejection) out.get(0);
        assertThat(r.reason()).isEqualTo(RejectReason.BAD_CHECKSUM);
        assertThat(r.lineNumber()).isEqualTo(1);
        PositionReport p = position(out.get(1));
        assertThat(p.messageType()).isEqualTo(3);
        assertThat(p.mmsi()).isEqualTo(338075797);
        assertThat(p.navigationStatus()).isEqualTo(0);
        assertThat(p.rateOfTurnRaw()).isEqualTo(0);
        assertThat(p.speedOverGround()).isEqualTo(0.0);
        assertThat(p.positionAccuracy()).isFalse();
        assertThat(p.longitude()).isCloseTo(-76.332150, within(DEG));
        assertThat(p.latitude()).isCloseTo(38.978977, within(DEG));
        assertThat(p.courseOverGround()).isCloseTo(239.0, within(1e-9));
        assertThat(p.trueHeading()).isEqualTo(239);
        assertThat(p.timeStamp()).isEqualTo(60);
        assertThat(p.raim()).isFalse();
        // with its checksum corrected, the illegal '!' in the payload is still rejected
        String body = "AIVDM,1,1,,B,3815;`100!PhmnPPwL=3OmUd0Dg:,0";
        List<Object> fixed = Nmea.run(Nmea.bang(body));
        assertThat(((Rejection) fixed.get(0)).reason()).isEqualTo(RejectReason.ILLEGAL_PAYLOAD_CHARACTER);
    }

    @Test
    void b09OrphansAroundOneTwoSentenceMessage() throws IOException {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, Nmea.collector(out));
        byte[] in = caseInput("B09");
        d.feed(in, 0, in.length);
        d.finish();
        assertThat(out).noneMatch(o -> o instanceof ReceivedMessage m
                && (m.message().messageType() == 0 || m.message().messageType() == 8));
        List<ReceivedMessage> messages = Nmea.messages(out);
        List<Rejection> rejections = Nmea.rejections(out);
        assertThat(rejections).filteredOn(r -> r.reason() == RejectReason.ORPHAN_FRAGMENT)
                .extracting(Rejection::lineNumber).containsExactlyInAnyOrder(1L, 4L);
        if (messages.isEmpty()) {
            // type 5 not decodable here: both of its lines rejected together, as one message
            assertThat(rejections).filteredOn(r -> r.reason() == RejectReason.UNKNOWN_MESSAGE_TYPE)
                    .extracting(Rejection::lineNumber).containsExactly(2L, 3L);
            assertThat(rejections).hasSize(4);
        } else {
            assertThat(messages).hasSize(1);
            ReceivedMessage m = messages.get(0);
            assertThat(m.message().messageType()).isEqualTo(5);
            assertThat(m.sentences()).isEqualTo(2);
            assertThat(m.lineNumber()).isEqualTo(2);
            assertThat(m.payloadBits()).isEqualTo(424);
            assertThat(m.lengthAnomaly()).isFalse();
            assertThat(rejections).hasSize(2);
        }
        assertThat(d.stats().lines()).isEqualTo(4);
        assertThat(d.stats().accountedLines()).isEqualTo(4);
    }

    @Test
    void b10FragmentNumberZeroAndTagBlockTime() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B10"));
        assertThat(out).hasSize(3);
        assertThat(((Rejection) out.get(1)).reason()).isEqualTo(RejectReason.BAD_FRAGMENT_HEADER);
        long t = java.time.Instant.parse("2025-05-21T09:00:25Z").toEpochMilli();
        for (int i : new int[] {0, 2}) {
            ReceivedMessage m = (ReceivedMessage) out.get(i);
            assertThat(m.receiveTimeMillis()).isEqualTo(t);
            assertThat(m.timeSource()).isEqualTo(TimeSource.TAG_BLOCK);
            assertThat(m.source()).isEqualTo("blah");
            assertThat(m.tagBlock().s()).isEqualTo("blah");
            assertThat(m.tagBlock().checksumVerified()).isTrue();
        }
        PositionReport p1 = position(out.get(0));
        assertThat(p1.messageType()).isEqualTo(3);
        assertThat(p1.mmsi()).isEqualTo(352004522);
        assertThat(p1.speedOverGround()).isCloseTo(10.5, within(1e-9));
        assertThat(p1.longitude()).isCloseTo(23.861970, within(DEG));
        assertThat(p1.latitude()).isCloseTo(37.617650, within(DEG));
        assertThat(p1.courseOverGround()).isCloseTo(106.0, within(1e-9));
        assertThat(p1.trueHeading()).isEqualTo(107);
        assertThat(p1.timeStamp()).isEqualTo(60);
        PositionReport p3 = position(out.get(2));
        assertThat(p3.messageType()).isEqualTo(1);
        assertThat(p3.mmsi()).isEqualTo(240999901);
        assertThat(p3.navigationStatus()).isEqualTo(8);
        assertThat(p3.rateOfTurnRaw()).isEqualTo(-128);
        assertThat(p3.speedOverGround()).isEqualTo(0.0);
        assertThat(p3.longitude()).isCloseTo(23.682275, within(DEG));
        assertThat(p3.latitude()).isCloseTo(37.932223, within(DEG));
        assertThat(p3.courseOverGround()).isEqualTo(0.0);
        assertThat(p3.trueHeading()).isEqualTo(AisMessage.NOT_AVAILABLE);
        assertThat(p3.timeStamp()).isEqualTo(25);
    }

    @Test
    void b12SatelliteTagBlocksAndEmptyChannel() throws IOException {
        byte[] in = caseInput("B12");
        List<Object> out = feed(Options.DEFAULT, in);
        assertThat(out).hasSize(2);
        long[] times = {java.time.Instant.parse("2022-10-10T07:50:07Z").toEpochMilli(),
            java.time.Instant.parse("2022-10-10T07:50:13Z").toEpochMilli()};
        String[] lines = new String(in, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n");
        for (int i = 0; i < 2; i++) {
            ReceivedMessage m = decodedOrUnknown(out.get(i), 24, i + 1);
            if (m != null) {
                assertThat(m.source()).isEqualTo("rORBCOMM999");
                assertThat(m.receiveTimeMillis()).isEqualTo(times[i]);
                assertThat(m.payloadBits()).isEqualTo(166);
                assertThat(m.lengthAnomaly()).isTrue();
                assertThat(m.channel()).isEqualTo('\0');
            }
            // the same tag block in front of a decodable sentence: its metadata must come through
            String tagBlock = lines[i].substring(0, lines[i].indexOf('!'));
            ReceivedMessage t = (ReceivedMessage) Nmea.run(tagBlock + "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A").get(0);
            assertThat(t.source()).isEqualTo("rORBCOMM999");
            assertThat(t.receiveTimeMillis()).isEqualTo(times[i]);
            assertThat(t.timeSource()).isEqualTo(TimeSource.TAG_BLOCK);
        }
    }

    @Test
    void b13SignedPosition() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B13"));
        assertThat(out).hasSize(1);
        assertB13(out.get(0));
    }

    @Test
    void b18LongType1PayloadsDecodeWithLengthAnomaly() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B18"));
        assertThat(out).hasSize(2);
        ReceivedMessage m1 = (ReceivedMessage) out.get(0);
        assertThat(m1.payloadBits()).isEqualTo(204);
        assertThat(m1.lengthAnomaly()).isTrue();
        PositionReport p1 = (PositionReport) m1.message();
        assertThat(p1.mmsi()).isEqualTo(209355000);
        assertThat(p1.speedOverGround()).isCloseTo(13.5, within(1e-9));
        assertThat(p1.longitude()).isCloseTo(3.940437, within(DEG));
        assertThat(p1.latitude()).isCloseTo(51.380958, within(DEG));
        assertThat(p1.courseOverGround()).isCloseTo(223.7, within(1e-9));
        assertThat(p1.trueHeading()).isEqualTo(225);
        assertThat(p1.timeStamp()).isEqualTo(26);
        ReceivedMessage m2 = (ReceivedMessage) out.get(1);
        assertThat(m2.lengthAnomaly()).isTrue();
        PositionReport p2 = (PositionReport) m2.message();
        assertThat(p2.mmsi()).isEqualTo(245137000);
        assertThat(p2.speedOverGround()).isEqualTo(0.0);
        assertThat(p2.longitude()).isCloseTo(16.211898, within(DEG));
        assertThat(p2.latitude()).isCloseTo(58.596460, within(DEG));
        assertThat(p2.courseOverGround()).isCloseTo(336.8, within(1e-9));
        assertThat(p2.trueHeading()).isEqualTo(56);
        assertThat(p2.timeStamp()).isEqualTo(29);
    }

    @Test
    void b23UscgTrailer() throws IOException {
        List<Object> out = feed(Options.DEFAULT, caseInput("B23"));
        assertThat(out).hasSize(1);
        String trailer = "d-127,S1378,t024436.00,T36.76385108,r09SCHA1,1272422678";
        ReceivedMessage m = decodedOrUnknown(out.get(0), 17, 1);
        if (m != null) {
            assertThat(m.trailer()).isEqualTo(trailer);
            assertThat(m.source()).isEqualTo("r09SCHA1");
            assertThat(m.receiveTimeMillis()).isEqualTo(1272422678000L);
            assertThat(m.trailerSlot()).isEqualTo(1378);
            assertThat(m.trailerSignalDbm()).isEqualTo(-127);
        }
        // the same trailer after a decodable sentence (the trailer is outside the checksum)
        ReceivedMessage t = (ReceivedMessage) Nmea.run("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A," + trailer).get(0);
        assertThat(t.trailer()).isEqualTo(trailer);
        assertThat(t.source()).isEqualTo("r09SCHA1");
        assertThat(t.receiveTimeMillis()).isEqualTo(java.time.Instant.parse("2010-04-28T02:44:38Z").toEpochMilli());
        assertThat(t.timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(t.checksumVerified()).isTrue();
        assertThat(((PositionReport) t.message()).mmsi()).isEqualTo(371798000);
        assertThat(t.trailerSlot()).isEqualTo(1378);
        assertThat(t.trailerSignalDbm()).isEqualTo(-127);
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        org.watchkeeper.ais.json.GpsdJsonWriter w = new org.watchkeeper.ais.json.GpsdJsonWriter(json);
        w.write(t);
        w.flush();
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(",\"slot\":1378,\"signal_dbm\":-127");
        // without those fields, or with values that are no slot or signal: absent
        ReceivedMessage none = (ReceivedMessage) Nmea.run("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A,dx,S9999,r1,1272422678").get(0);
        assertThat(none.trailerSlot()).isEqualTo(-1);
        assertThat(none.trailerSignalDbm()).isEqualTo(Integer.MIN_VALUE);
    }
}
