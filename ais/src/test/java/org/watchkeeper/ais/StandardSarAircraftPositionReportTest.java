package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StandardSarAircraftPositionReportTest {
    private static final String B29 = "91b55wi;hbOS@OdQAC062Ch2089h";

    @Test
    void caseB29WholeKnotsAndAltitude() {
        StandardSarAircraftPositionReport m = (StandardSarAircraftPositionReport) AisDecoder.decode(B29, 0);
        assertThat(m.messageType()).isEqualTo(9);
        assertThat(m.mmsi()).isEqualTo(111232511);
        assertThat(Mmsi.kind(m.mmsi())).isEqualTo(Mmsi.Kind.SAR_AIRCRAFT);
        assertThat(Mmsi.mid(m.mmsi())).isEqualTo(232);
        assertThat(m.altitude()).isEqualTo(303);
        assertThat(m.speedOverGround()).isEqualTo(42.0);
        assertThat(m.positionAccuracy()).isFalse();
        assertThat(m.longitude()).isCloseTo(-6.278843, within(1e-6));
        assertThat(m.latitude()).isCloseTo(58.144000, within(1e-6));
        assertThat(m.courseOverGround()).isEqualTo(154.5);
        assertThat(m.timeStamp()).isEqualTo(15);
        assertThat(m.barometricAltitude()).isFalse();
        assertThat(m.dte()).isEqualTo(1);
        assertThat(m.assignedMode()).isFalse();
        assertThat(m.raim()).isFalse();
        // selector 0: SOTDMA, sync 0, time-out 2, slot number 624
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Sotdma(0, 2, 624));
        assertThat(m.radio()).isEqualTo((2 << 14) | 624);
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B29);
        assertThat(TypesTestSupport.fields(m)).containsEntry("alt", 303L).containsEntry("speed", 42.0)
                .containsEntry("course", 154.5).containsEntry("dte", 1L).containsEntry("slot_number", 624L);
    }

    @Test
    void realReportWithEverythingNotAvailable() throws IOException {
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/dma-aislib/stream_example.txt", "91b55uOwww<tSF0l4Q");
        StandardSarAircraftPositionReport m = (StandardSarAircraftPositionReport) line.decode();
        assertThat(m.mmsi()).isEqualTo(111232501);
        assertThat(m.altitude()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.speedOverGround()).isNaN();
        assertThat(m.longitude()).isNaN();
        assertThat(m.latitude()).isNaN();
        assertThat(m.courseOverGround()).isNaN();
        assertThat(m.timeStamp()).isEqualTo(63);
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Sotdma(1, 4, 1042));
        assertThat(TypesTestSupport.fields(m)).doesNotContainKeys("alt", "speed", "lon", "lat", "course");
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(line.payload());
    }

    @Test
    void itdmaSelectedAndTopCodes() {
        BitWriter w = new BitWriter().unsigned(6, 9).unsigned(2, 3).unsigned(30, 111_257_000)
                .unsigned(12, 4094).unsigned(10, 1022).bool(true).signed(28, 0).signed(27, 0)
                .unsigned(12, 0).unsigned(6, 60).bool(true).unsigned(7, 0).unsigned(1, 0).unsigned(3, 5)
                .bool(true).bool(true).bool(true).unsigned(19, (2 << 17) | (100 << 4) | (2 << 1) | 1);
        StandardSarAircraftPositionReport m = (StandardSarAircraftPositionReport) AisDecoder.decode(w.armoured(), w.fillBits());
        assertThat(m.altitude()).isEqualTo(4094);
        assertThat(m.speedOverGround()).isEqualTo(1022.0);
        assertThat(m.barometricAltitude()).isTrue();
        assertThat(m.dte()).isZero();
        assertThat(m.spare2()).isEqualTo(5);
        assertThat(m.assignedMode()).isTrue();
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Itdma(2, 100, 2, true));
        assertThat(m.radio()).isEqualTo((1 << 19) | m.communicationState().raw());
    }

    @Test
    void shortPayloads() {
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(B29, 0, StandardSarAircraftPositionReport.MIN_BITS - 1)))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        StandardSarAircraftPositionReport cut = (StandardSarAircraftPositionReport)
                AisDecoder.decode(TypesTestSupport.prefix(B29, 0, StandardSarAircraftPositionReport.MIN_BITS));
        assertThat(cut.speedOverGround()).isEqualTo(42.0);
        assertThat(cut.timeStamp()).isEqualTo(15);
        assertThat(cut.dte()).isEqualTo(1);
        assertThat(cut.communicationState()).isNull();
        assertThat(cut.radio()).isEqualTo(NOT_AVAILABLE);
    }

    @Property
    void roundTrip(@ForAll("reports") StandardSarAircraftPositionReport m) {
        TypesTestSupport.assertRoundTrip(m);
    }

    @Provide
    Arbitrary<StandardSarAircraftPositionReport> reports() {
        return Arbitraries.randomValue(r -> new StandardSarAircraftPositionReport(
                9,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 12, 4095), 4095),
                Units.wholeUnits(TypesTestSupport.orCode(r, 10, 1023), 1023),
                r.nextBoolean(),
                Units.longitude(TypesTestSupport.orSignedCode(r, 28, Units.LON_NOT_AVAILABLE)),
                Units.latitude(TypesTestSupport.orSignedCode(r, 27, Units.LAT_NOT_AVAILABLE)),
                Units.courseTenths(TypesTestSupport.orCode(r, 12, Units.COURSE_NOT_AVAILABLE)),
                TypesTestSupport.bits(r, 6),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 7),
                TypesTestSupport.bits(r, 1),
                TypesTestSupport.bits(r, 3),
                r.nextBoolean(),
                r.nextBoolean(),
                TypesTestSupport.selectedState(r)));
    }
}
