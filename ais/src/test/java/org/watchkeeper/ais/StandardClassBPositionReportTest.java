package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import java.io.IOException;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StandardClassBPositionReportTest {
    private static final String B04 = "B>qc:003wk?8mP=18D3Q3wgTiT;T";
    private static final String B34 = "B3ucF7@0=hDech8Nr60L;wg42000";

    @Test
    void caseB04EverythingNotAvailableAndTenDigitMmsi() {
        StandardClassBPositionReport m = (StandardClassBPositionReport) AisDecoder.decode(B04, 0);
        assertThat(m.messageType()).isEqualTo(18);
        assertThat(m.mmsi()).isEqualTo(1_000_000_000);
        assertThat(Mmsi.isValid(m.mmsi())).isFalse();
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("1000000000");
        assertThat(m.speedOverGround()).isNaN();
        assertThat(m.longitude()).isNaN();
        assertThat(m.latitude()).isNaN();
        assertThat(m.courseOverGround()).isNaN();
        assertThat(m.trueHeading()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.timeStamp()).isEqualTo(31);
        assertThat(m.carrierSense()).isTrue();
        assertThat(m.display()).isFalse();
        assertThat(m.dsc()).isFalse();
        assertThat(m.band()).isTrue();
        assertThat(m.message22()).isTrue();
        assertThat(m.assignedMode()).isFalse();
        assertThat(m.raim()).isFalse();
        // selector 0: SOTDMA with the UTC hour/minute sub message (time-out 1)
        CommunicationState.Sotdma cs = (CommunicationState.Sotdma) m.communicationState();
        assertThat(cs).isEqualTo(new CommunicationState.Sotdma(3, 1, 740));
        assertThat(cs.utcHour()).isEqualTo(1);
        assertThat(cs.utcMinute()).isEqualTo(57);
        Map<String, Object> f = TypesTestSupport.fields(m);
        assertThat(f).doesNotContainKeys("speed", "lon", "lat", "course", "heading")
                .containsEntry("second", 31L).containsEntry("cs", true).containsEntry("band", true)
                .containsEntry("msg22", true).containsEntry("display", false);
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B04);
    }

    @Test
    void caseB34ItdmaSelector() {
        StandardClassBPositionReport m = (StandardClassBPositionReport) AisDecoder.decode(B34, 0);
        assertThat(m.mmsi()).isEqualTo(265999901);
        assertThat(m.longitude()).isCloseTo(18.1, within(1e-9));
        assertThat(m.latitude()).isCloseTo(59.3, within(1e-9));
        assertThat(m.speedOverGround()).isEqualTo(5.5);
        assertThat(m.courseOverGround()).isEqualTo(45.0);
        assertThat(m.trueHeading()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.communicationState()).isInstanceOf(CommunicationState.Itdma.class);
        assertThat(m.radio()).isEqualTo(1 << 19);
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B34);
    }

    @Test
    void realClassBCsUnitWithFixedItdmaState() throws IOException {
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/dma-aislib/stream_example.txt", "B4vph:00@@:Smf8@");
        StandardClassBPositionReport m = (StandardClassBPositionReport) line.decode();
        assertThat(m.mmsi()).isEqualTo(334377000);
        assertThat(m.speedOverGround()).isEqualTo(6.5);
        assertThat(m.positionAccuracy()).isFalse();
        assertThat(m.longitude()).isCloseTo(9.227460, within(1e-6));
        assertThat(m.latitude()).isCloseTo(57.712688, within(1e-6));
        assertThat(m.courseOverGround()).isEqualTo(144.5);
        assertThat(m.trueHeading()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.timeStamp()).isEqualTo(12);
        assertThat(new boolean[] {m.carrierSense(), m.display(), m.dsc(), m.band(), m.message22(), m.assignedMode(), m.raim()})
                .containsExactly(true, false, true, true, true, false, true);
        // "CS" units send selector 1 and the fixed state 1100000000000000110
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Itdma(3, 0, 3, false));
        assertThat(m.communicationState().raw()).isEqualTo(0b1100000000000000110);
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(line.payload());
    }

    @Test
    void shortPayloads() {
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(B34, 0, StandardClassBPositionReport.MIN_BITS - 1)))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        StandardClassBPositionReport cut = (StandardClassBPositionReport)
                AisDecoder.decode(TypesTestSupport.prefix(B34, 0, StandardClassBPositionReport.MIN_BITS));
        assertThat(cut.speedOverGround()).isEqualTo(5.5);
        assertThat(cut.carrierSense()).isFalse(); // absent flags read as 0
        assertThat(cut.communicationState()).isNull();
        assertThat(TypesTestSupport.fields(cut)).doesNotContainKey("radio");
    }

    @Property
    void roundTrip(@ForAll("reports") StandardClassBPositionReport m) {
        TypesTestSupport.assertRoundTrip(m);
    }

    @Provide
    Arbitrary<StandardClassBPositionReport> reports() {
        return Arbitraries.randomValue(r -> new StandardClassBPositionReport(
                18,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                TypesTestSupport.bits(r, 8),
                Units.speedTenths(TypesTestSupport.orCode(r, 10, Units.SPEED_NOT_AVAILABLE)),
                r.nextBoolean(),
                Units.longitude(TypesTestSupport.orSignedCode(r, 28, Units.LON_NOT_AVAILABLE)),
                Units.latitude(TypesTestSupport.orSignedCode(r, 27, Units.LAT_NOT_AVAILABLE)),
                Units.courseTenths(TypesTestSupport.orCode(r, 12, Units.COURSE_NOT_AVAILABLE)),
                Units.heading(TypesTestSupport.orCode(r, 9, Units.HEADING_NOT_AVAILABLE)),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 2),
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean(), r.nextBoolean(),
                TypesTestSupport.selectedState(r)));
    }
}
