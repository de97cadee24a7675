package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AidToNavigationReportTest {

    @Test
    void realCardinalMarkWithoutExtension() throws IOException {
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/dma-aislib/stream_example.txt", "E>jQMD:Q7a2h97QUah");
        assertThat(line.fill()).isEqualTo(4);
        AidToNavigationReport m = (AidToNavigationReport) line.decode();
        assertThat(m.messageType()).isEqualTo(21);
        assertThat(m.mmsi()).isEqualTo(992501072);
        assertThat(Mmsi.kind(m.mmsi())).isEqualTo(Mmsi.Kind.AID_TO_NAVIGATION);
        assertThat(m.aidType()).isEqualTo(21);
        assertThat(Names.aidType(m.aidType())).isEqualTo("Cardinal mark E");
        assertThat(m.name()).isEqualTo("BORE ROCKS");
        assertThat(m.nameExtension()).isEmpty();
        assertThat(m.fullName()).isEqualTo("BORE ROCKS");
        assertThat(m.positionAccuracy()).isFalse();
        assertThat(m.longitude()).isCloseTo(-6.530195, within(1e-6));
        assertThat(m.latitude()).isCloseTo(52.101487, within(1e-6));
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(2, 2, 2, 2);
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(m.timeStamp()).isEqualTo(11);
        assertThat(m.offPosition()).isFalse();
        assertThat(m.atonStatus()).isEqualTo(228);
        assertThat(new boolean[] {m.raim(), m.virtual(), m.assignedMode()}).containsExactly(false, false, false);
        // the sender pads the name with spaces, the encoder with '@': all other bits are reproduced
        String sent = TypesTestSupport.bitString(BitReader.of(line.payload(), line.fill()));
        String again = TypesTestSupport.bitString(AisDecoder.encode(m).toReader());
        assertThat(again).hasSize(272);
        assertThat(again.substring(0, 43 + 6 * 10)).isEqualTo(sent.substring(0, 43 + 6 * 10));
        assertThat(again.substring(163)).isEqualTo(sent.substring(163));
        assertThat(TypesTestSupport.roundTrip(m)).isEqualTo(m);
        Map<String, Object> f = TypesTestSupport.fields(m);
        assertThat(f).containsEntry("aid_type", 21L).containsEntry("aid_type_text", "Cardinal mark E")
                .containsEntry("name", "BORE ROCKS").containsEntry("regional", 228L).containsEntry("virtual_aid", false)
                .containsEntry("off_position", false).containsEntry("to_bow", 2L);
    }

    @Test
    void realNameExtension() throws IOException {
        // AMSA feed, Darwin harbour: 344 bits = 272 + 12 extension characters
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/amsa-risky/ais.txt.gz", "E>lsou8pq0000000000000000004cP?utKO@`10888Q:`Tl1@j@C83@DRq");
        AidToNavigationReport m = (AidToNavigationReport) line.decode();
        assertThat(m.mmsi()).isEqualTo(995031028);
        assertThat(m.aidType()).isEqualTo(17);
        assertThat(Names.aidType(m.aidType())).isEqualTo("Beacon, isolated danger");
        assertThat(m.name()).isEqualTo("12");
        assertThat(m.nameExtension()).isEqualTo("SPECIAL MARK");
        assertThat(m.fullName()).isEqualTo("12SPECIAL MARK");
        assertThat(m.longitude()).isCloseTo(130.855248, within(1e-6));
        assertThat(m.latitude()).isCloseTo(-12.479778, within(1e-6));
        assertThat(m.timeStamp()).isEqualTo(2);
        assertThat(m.atonStatus()).isEqualTo(170);
        assertThat(m.assignedMode()).isTrue();
        assertThat(TypesTestSupport.fields(m)).containsEntry("name", "12SPECIAL MARK");
        // the re-encoding reproduces all 344 payload bits (the sender's non-zero fill bits aside)
        BitReader original = BitReader.of(line.payload(), line.fill());
        assertThat(original.length()).isEqualTo(344);
        assertThat(TypesTestSupport.bitString(AisDecoder.encode(m).toReader())).isEqualTo(TypesTestSupport.bitString(original));
    }

    @Test
    void realSatelliteLineWithBlankExtension() throws IOException {
        // exactEarth, Hauraki Gulf: 360 bits, the extension holds 14 spaces, i.e. no extension
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/amsa-risky/exact-earth-augmented-3.txt", "E7`B17t77oL@@@@@@@@@@@@@@@@6@7DPmNDE@");
        AidToNavigationReport m = (AidToNavigationReport) line.decode();
        assertThat(BitReader.of(line.payload(), line.fill()).length()).isEqualTo(AidToNavigationReport.MAX_BITS);
        assertThat(m.mmsi()).isEqualTo(512000287);
        assertThat(m.aidType()).isEqualTo(24);
        assertThat(m.name()).isEqualTo("NO.8");
        assertThat(m.nameExtension()).isEmpty();
        assertThat(m.longitude()).isCloseTo(174.812640, within(1e-6));
        assertThat(m.latitude()).isCloseTo(-36.792037, within(1e-6));
        assertThat(m.offPosition()).isTrue();
        assertThat(m.atonStatus()).isEqualTo(162);
    }

    @Test
    void shortPayloadsAndExtensionLengths() {
        String bore = "E>jQMD:Q7a2h97QUah@@@@@@@@@?i3KK>r0KP20@@@Uf@0";
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(bore, 4, AidToNavigationReport.MIN_BITS - 1)))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        AidToNavigationReport base = (AidToNavigationReport) AisDecoder.decode(bore, 4);
        AidToNavigationReport withExt = new AidToNavigationReport(21, 0, base.mmsi(), base.aidType(), base.name(),
                false, base.longitude(), base.latitude(), 2, 2, 2, 2, 1, 11, false, 228, false, false, false, 0, "X");
        BitWriter w = AisDecoder.encode(withExt);
        assertThat(w.length()).isEqualTo(280); // 272 + 6 + 2 bits to the byte boundary
        assertThat(TypesTestSupport.roundTrip(withExt)).isEqualTo(withExt);
        // the longest extension: 14 characters + 4 alignment bits
        AidToNavigationReport longest = new AidToNavigationReport(21, 0, base.mmsi(), 1, "ABCDEFGHIJKLMNOPQRST",
                true, 1.5, -2.5, 0, 0, 0, 0, 7, 60, false, 0, false, true, false, 0, "UVWXYZ 0123456");
        assertThat(AisDecoder.encode(longest).length()).isEqualTo(AidToNavigationReport.MAX_BITS);
        assertThat(TypesTestSupport.roundTrip(longest)).isEqualTo(longest);
        assertThat(longest.fullName()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456");
    }

    @Property
    void roundTrip(@ForAll("reports") AidToNavigationReport m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length() % 8).isZero();
    }

    @Provide
    Arbitrary<AidToNavigationReport> reports() {
        return Arbitraries.randomValue(r -> new AidToNavigationReport(
                21,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                TypesTestSupport.bits(r, 5),
                TypesTestSupport.text(r, 20),
                r.nextBoolean(),
                Units.longitude(TypesTestSupport.orSignedCode(r, 28, Units.LON_NOT_AVAILABLE)),
                Units.latitude(TypesTestSupport.orSignedCode(r, 27, Units.LAT_NOT_AVAILABLE)),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 4),
                TypesTestSupport.bits(r, 6),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 8),
                r.nextBoolean(),
                r.nextBoolean(),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 1),
                TypesTestSupport.text(r, AidToNavigationReport.MAX_EXTENSION_CHARS)));
    }
}
