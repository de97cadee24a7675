package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import java.io.IOException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Type 24 parts A and B: {@link StaticDataReportPartA}, {@link StaticDataReportPartB}. */
class StaticDataReportTest {
    private static final String B20 = "H5NtsWDN7B=400500000001P0004";

    @Test
    void caseB12SatellitePartAOf166Bits() {
        StaticDataReportPartA three = (StaticDataReportPartA) AisDecoder.decode("H8IolWAHE=<Dj1@Q8DF222222200", 2);
        assertThat(three.mmsi()).isEqualTo(563999901);
        assertThat(three.shipName()).isEqualTo("VESSEL THREE");
        StaticDataReportPartA four = (StaticDataReportPartA) AisDecoder.decode("H7u@i7AHE=<Dj0HuE:2222222200", 2);
        assertThat(four.mmsi()).isEqualTo(533999901);
        assertThat(four.shipName()).isEqualTo("VESSEL FOUR");
        assertThat(TypesTestSupport.fields(four)).containsExactly(Map.entry("partno", 0L), Map.entry("shipname", "VESSEL FOUR"));
    }

    @Test
    void caseB06PartAOf160Bits() {
        String payload = "H3n347AHE=<Dj0DTLQ@00000000";
        StaticDataReportPartA m = (StaticDataReportPartA) AisDecoder.decode(payload, 2);
        assertThat(m.messageType()).isEqualTo(24);
        assertThat(m.mmsi()).isEqualTo(257999901);
        assertThat(m.shipName()).isEqualTo("VESSEL EIGHT");
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(payload);
    }

    @Test
    void realPartAOf168Bits() throws IOException {
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/amsa-risky/exact-earth-augmented-2.txt", "H7`B5aQ=J1@T4l4");
        assertThat(BitReader.of(line.payload(), line.fill()).length()).isEqualTo(168);
        StaticDataReportPartA m = (StaticDataReportPartA) line.decode();
        assertThat(m.mmsi()).isEqualTo(512001446);
        assertThat(m.shipName()).isEqualTo("SV TIAMA");
    }

    @Test
    void caseB20PartBVendorSplit() {
        StaticDataReportPartB m = (StaticDataReportPartB) AisDecoder.decode(B20, 0);
        assertThat(m.messageType()).isEqualTo(24);
        assertThat(m.mmsi()).isEqualTo(367999901);
        assertThat(m.shipType()).isEqualTo(30);
        assertThat(m.vendorId()).isEqualTo("GRM");
        assertThat(m.unitModel()).isEqualTo(1);
        assertThat(m.serialNumber()).isEqualTo(5);
        assertThat(m.callSign()).isEmpty();
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(12, 0, 0, 0);
        assertThat(m.mothershipMmsi()).isEqualTo(NOT_AVAILABLE);
        // bits 162..167 are 000100: EPFD 1 (GPS) and spare 0 under M.1371-5; under the older
        // layout the same bits are a non-zero 6-bit spare
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(m.spare()).isZero();
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B20);
        Map<String, Object> f = TypesTestSupport.fields(m);
        assertThat(f).containsEntry("partno", 1L).containsEntry("shiptype", 30L).containsEntry("shiptype_text", "Fishing")
                .containsEntry("vendorid", "GRM").containsEntry("model", 1L).containsEntry("serial", 5L)
                .containsEntry("to_bow", 12L).containsEntry("to_starboard", 0L)
                .doesNotContainKeys("shipname", "callsign", "mothership_mmsi");
    }

    @Test
    void auxiliaryCraftCarriesMothershipMmsiInsteadOfDimensions() {
        int craft = 982_351_234; // 98 + MID 235 + 4 digits
        assertThat(Mmsi.kind(craft)).isEqualTo(Mmsi.Kind.CRAFT_ASSOCIATED_WITH_PARENT);
        BitWriter w = new BitWriter().unsigned(6, 24).unsigned(2, 0).unsigned(30, craft).unsigned(2, 1)
                .unsigned(8, 37).text(3, "ACR").unsigned(4, 2).unsigned(20, 777).text(7, "2ABC4")
                .unsigned(30, 235_012_345).unsigned(4, 1).unsigned(2, 0);
        StaticDataReportPartB m = (StaticDataReportPartB) AisDecoder.decode(w.armoured(), w.fillBits());
        assertThat(m.mothershipMmsi()).isEqualTo(235_012_345);
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsOnly(NOT_AVAILABLE);
        assertThat(m.callSign()).isEqualTo("2ABC4");
        assertThat(m.vendorId()).isEqualTo("ACR");
        assertThat(TypesTestSupport.fields(m)).containsEntry("mothership_mmsi", "235012345")
                .doesNotContainKeys("to_bow", "to_stern", "to_port", "to_starboard");
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(w.armoured());
        // the same bits from an ordinary ship MMSI are dimensions
        BitWriter ship = new BitWriter().unsigned(6, 24).unsigned(2, 0).unsigned(30, 235_012_345).unsigned(2, 1)
                .unsigned(8, 37).text(3, "ACR").unsigned(4, 2).unsigned(20, 777).text(7, "2ABC4")
                .unsigned(9, 100).unsigned(9, 20).unsigned(6, 5).unsigned(6, 6).unsigned(4, 1).unsigned(2, 0);
        StaticDataReportPartB s = (StaticDataReportPartB) AisDecoder.decode(ship.armoured(), ship.fillBits());
        assertThat(s.mothershipMmsi()).isEqualTo(NOT_AVAILABLE);
        assertThat(new int[] {s.toBow(), s.toStern(), s.toPort(), s.toStarboard()}).containsExactly(100, 20, 5, 6);
    }

    @Test
    void undefinedPartNumbersAreRejected() throws IOException {
        for (int part = 2; part <= 3; part++) {
            BitWriter w = new BitWriter().unsigned(6, 24).unsigned(2, 0).unsigned(30, 235_012_345).unsigned(2, part)
                    .unsigned(128, 0);
            final int p = part;
            assertThatThrownBy(() -> AisDecoder.decode(w.armoured(), w.fillBits()))
                    .isInstanceOfSatisfying(AisDecodeException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_MESSAGE_TYPE);
                        assertThat(e.getMessage()).contains("type 24 part " + p);
                    });
        }
        // real satellite lines with part numbers 2 and 3 (bit errors)
        for (String prefix : new String[] {"HqrfegcW5;;=eCmP4", "H;4QC>OndadCf?nRM"}) {
            TypesTestSupport.Found line = TypesTestSupport.find("data/ais/amsa-risky/exact-earth-augmented-3.txt", prefix);
            assertThatThrownBy(line::decode).isInstanceOfSatisfying(AisDecodeException.class,
                    e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_MESSAGE_TYPE));
        }
    }

    @Test
    void shortPayloads() {
        String a = "H3n347AHE=<Dj0DTLQ@00000000";
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(a, 2, StaticDataReportPartA.BITS - 1)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(a, 2, 39)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(B20, 0, StaticDataReportPartB.MIN_BITS - 1)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        StaticDataReportPartB cut = (StaticDataReportPartB) AisDecoder.decode(TypesTestSupport.prefix(B20, 0, StaticDataReportPartB.MIN_BITS));
        assertThat(cut.toBow()).isEqualTo(12);
        assertThat(cut.epfd()).isZero();
    }

    @Property
    void roundTripPartA(@ForAll("partA") StaticDataReportPartA m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(StaticDataReportPartA.BITS);
    }

    @Property
    void roundTripPartB(@ForAll("partB") StaticDataReportPartB m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(StaticDataReportPartB.BITS);
    }

    @Provide
    Arbitrary<StaticDataReportPartA> partA() {
        return Arbitraries.randomValue(r -> new StaticDataReportPartA(24, TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30), TypesTestSupport.text(r, 20)));
    }

    @Provide
    Arbitrary<StaticDataReportPartB> partB() {
        return Arbitraries.randomValue(r -> {
            // one in three from an auxiliary craft 98MIDxxxx
            int mmsi = r.nextInt(3) == 0 ? 980_000_000 + r.nextInt(10_000_000) : TypesTestSupport.bits(r, 30);
            boolean craft = StaticDataReportPartB.carriesMothership(mmsi);
            return new StaticDataReportPartB(24, TypesTestSupport.bits(r, 2), mmsi,
                    TypesTestSupport.bits(r, 8),
                    TypesTestSupport.text(r, 3),
                    TypesTestSupport.bits(r, 4),
                    TypesTestSupport.bits(r, 20),
                    TypesTestSupport.text(r, 7),
                    craft ? NOT_AVAILABLE : TypesTestSupport.bits(r, 9),
                    craft ? NOT_AVAILABLE : TypesTestSupport.bits(r, 9),
                    craft ? NOT_AVAILABLE : TypesTestSupport.bits(r, 6),
                    craft ? NOT_AVAILABLE : TypesTestSupport.bits(r, 6),
                    craft ? TypesTestSupport.bits(r, 30) : NOT_AVAILABLE,
                    TypesTestSupport.bits(r, 4),
                    TypesTestSupport.bits(r, 2));
        });
    }
}
