package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StaticAndVoyageDataTest {
    /** Case B02 line 1: 71 characters, fill 0 = 426 bits (2 excess). */
    private static final String B02 = "5@00050000010;7;?@0Pm>1=04pdE:340000001?<Pj??<0Ht<U2C@UBm5@000000000008";
    /** Case B16: the same payload with fill 2 (424 bits) and fill 0 (426 bits). */
    private static final String B16 = "55M4lP01Wnrhd4Ht000<PDlT<4j10TtpDE80001AE8`>>4t>0J44SmRA1CPi@0000000000";
    /** Case B09: BILLWERDER, fragments 1 and 2 joined, fill 2. */
    private static final String B09 = "539p4OT00000@7W3K@08ThiLE8@E:0000000001S0h9135Pl?0R0C@UDQp00" + "00000000000";

    @Test
    void caseB02ExcessBitsIgnored() {
        StaticAndVoyageData m = (StaticAndVoyageData) AisDecoder.decode(B02, 0);
        assertThat(m.repeatIndicator()).isEqualTo(1);
        assertThat(m.mmsi()).isEqualTo(20);
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("000000020");
        assertThat(m.imoNumber()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.callSign()).isEqualTo("PB1234");
        assertThat(m.shipName()).isEqualTo("HMS SPANKER 1");
        assertThat(m.shipType()).isEqualTo(79);
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(100, 50, 15, 15);
        assertThat(m.epfd()).isEqualTo(3);
        assertThat(new int[] {m.etaMonth(), m.etaDay(), m.etaHour(), m.etaMinute()}).containsOnly(NOT_AVAILABLE);
        assertThat(m.etaText()).isNull();
        assertThat(m.draught()).isEqualTo(5.0);
        assertThat(m.destination()).isEqualTo("TIMBUKTU");
        assertThat(m.dte()).isEqualTo(1);
        Map<String, Object> f = TypesTestSupport.fields(m);
        assertThat(f).doesNotContainKeys("imo", "eta").containsEntry("draught", 5.0).containsEntry("dte", 1L)
                .containsEntry("shiptype_text", "Cargo, no additional information");
        // re-encoding gives the 424 nominal bits, equal to the first 424 received
        assertThat(TypesTestSupport.bitString(AisDecoder.encode(m).toReader()))
                .isEqualTo(TypesTestSupport.bitString(BitReader.of(B02, 0)).substring(0, 424));
    }

    @Test
    void caseB16BothFillVariantsDecodeIdentically() {
        StaticAndVoyageData correct = (StaticAndVoyageData) AisDecoder.decode(B16, 2);
        StaticAndVoyageData underReported = (StaticAndVoyageData) AisDecoder.decode(B16, 0);
        assertThat(underReported).isEqualTo(correct);
        StaticAndVoyageData m = correct;
        assertThat(m.mmsi()).isEqualTo(366032000);
        assertThat(m.aisVersion()).isZero();
        assertThat(m.imoNumber()).isEqualTo(6806444);
        assertThat(m.callSign()).isEqualTo("KAFO");
        assertThat(m.shipName()).isEqualTo("CHEMICAL PIONEER");
        assertThat(m.destination()).isEqualTo("PROVIDENCE");
        assertThat(m.shipType()).isEqualTo(81);
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(169, 40, 14, 14);
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(new int[] {m.etaMonth(), m.etaDay(), m.etaHour(), m.etaMinute()}).containsExactly(3, 24, 14, 0);
        assertThat(m.etaText()).isEqualTo("03-24T14:00Z");
        assertThat(m.draught()).isEqualTo(10.4);
        assertThat(m.dte()).isZero();
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B16);
        assertThat(TypesTestSupport.fields(m)).containsEntry("imo", 6806444L).containsEntry("eta", "03-24T14:00Z")
                .containsEntry("shipname", "CHEMICAL PIONEER").containsEntry("epfd_text", "GPS")
                .containsEntry("to_bow", 169L).containsEntry("to_starboard", 14L);
    }

    @Test
    void caseB09BillwerderHandChecked() {
        // hand-checked against Table 52 bit by bit: see the values below
        StaticAndVoyageData m = (StaticAndVoyageData) AisDecoder.decode(B09, 2);
        assertThat(m.repeatIndicator()).isZero();
        assertThat(m.mmsi()).isEqualTo(211682430);
        assertThat(m.aisVersion()).isEqualTo(1);
        assertThat(m.imoNumber()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.callSign()).isEqualTo("DA9064");
        assertThat(m.shipName()).isEqualTo("BILLWERDER");
        assertThat(m.shipType()).isEqualTo(99);
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(6, 9, 1, 3);
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(m.etaText()).isEqualTo("06-01T20:15Z");
        assertThat(m.draught()).isEqualTo(0.2);
        assertThat(m.destination()).isEqualTo("HAMBURG");
        assertThat(m.dte()).isZero();
    }

    @Test
    void etaTextLeavesOutAbsentParts() {
        assertThat(withEta(3, 24, 14, 0).etaText()).isEqualTo("03-24T14:00Z");
        assertThat(withEta(3, 24, NOT_AVAILABLE, NOT_AVAILABLE).etaText()).isEqualTo("03-24");
        assertThat(withEta(12, NOT_AVAILABLE, 5, NOT_AVAILABLE).etaText()).isEqualTo("12T05Z");
        assertThat(withEta(NOT_AVAILABLE, 9, 23, 59).etaText()).isEqualTo("T23:59Z");
        assertThat(withEta(NOT_AVAILABLE, 9, NOT_AVAILABLE, 7).etaText()).isNull();
    }

    private static StaticAndVoyageData withEta(int month, int day, int hour, int minute) {
        return new StaticAndVoyageData(5, 0, 1, 0, NOT_AVAILABLE, "", "", 0, 0, 0, 0, 0, 0,
                month, day, hour, minute, Double.NaN, "", 1, 0);
    }

    @Test
    void shortPayloads() {
        BitReader tooShort = TypesTestSupport.prefix(B16, 2, StaticAndVoyageData.MIN_BITS - 1);
        assertThatThrownBy(() -> AisDecoder.decode(tooShort))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        // destination cut after 5 characters; DTE absent → default 1
        StaticAndVoyageData cut = (StaticAndVoyageData) AisDecoder.decode(TypesTestSupport.prefix(B16, 2, 302 + 30 + 4));
        assertThat(cut.shipName()).isEqualTo("CHEMICAL PIONEER");
        assertThat(cut.draught()).isEqualTo(10.4);
        assertThat(cut.destination()).isEqualTo("PROVI");
        assertThat(cut.dte()).isEqualTo(1);
        StaticAndVoyageData noDestination = (StaticAndVoyageData) AisDecoder.decode(TypesTestSupport.prefix(B16, 2, 302));
        assertThat(noDestination.destination()).isEmpty();
        assertThat(TypesTestSupport.fields(noDestination)).doesNotContainKey("destination");
    }

    @Property
    void roundTrip(@ForAll("records") StaticAndVoyageData m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(StaticAndVoyageData.BITS);
    }

    @Provide
    Arbitrary<StaticAndVoyageData> records() {
        return Arbitraries.randomValue(r -> new StaticAndVoyageData(
                5,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                TypesTestSupport.bits(r, 2),
                Units.zeroNotAvailable(TypesTestSupport.orCode(r, 30, 0)),
                TypesTestSupport.text(r, 7),
                TypesTestSupport.text(r, 20),
                TypesTestSupport.bits(r, 8),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 4),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 4, 0), 0),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 5, 0), 0),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 5, 24), 24),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 6, 60), 60),
                Units.draught(TypesTestSupport.orCode(r, 8, 0)),
                TypesTestSupport.text(r, 20),
                TypesTestSupport.bits(r, 1),
                TypesTestSupport.bits(r, 1)));
    }
}
