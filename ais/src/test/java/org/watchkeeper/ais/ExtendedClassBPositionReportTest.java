package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ExtendedClassBPositionReportTest {
    private static final String B22 = "C69oPo@0Ar8;JH3R6<4O7wWPd:VV:I0VBh0000000000?104222P";

    @Test
    void caseB22() {
        ExtendedClassBPositionReport m = (ExtendedClassBPositionReport) AisDecoder.decode(B22, 0);
        assertThat(m.messageType()).isEqualTo(19);
        assertThat(m.mmsi()).isEqualTo(412999901);
        assertThat(m.reserved()).isZero();
        assertThat(m.speedOverGround()).isEqualTo(7.1);
        assertThat(m.positionAccuracy()).isTrue();
        assertThat(m.longitude()).isCloseTo(118.994427, within(1e-6));
        assertThat(m.latitude()).isCloseTo(24.695788, within(1e-6));
        assertThat(m.courseOverGround()).isEqualTo(49.7);
        assertThat(m.trueHeading()).isEqualTo(NOT_AVAILABLE);
        assertThat(m.timeStamp()).isEqualTo(15);
        assertThat(m.shipName()).isEqualTo("VESSEL SIX");
        assertThat(m.shipType()).isEqualTo(30);
        assertThat(new int[] {m.toBow(), m.toStern(), m.toPort(), m.toStarboard()}).containsExactly(16, 8, 4, 4);
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(m.raim()).isFalse();
        assertThat(m.dte()).isEqualTo(1);
        assertThat(m.assignedMode()).isFalse();
        assertThat(m.spare()).isZero();
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B22);
        assertThat(TypesTestSupport.fields(m)).containsEntry("speed", 7.1).containsEntry("shipname", "VESSEL SIX")
                .containsEntry("shiptype", 30L).containsEntry("shiptype_text", "Fishing").containsEntry("to_bow", 16L)
                .containsEntry("dte", 1L).doesNotContainKey("heading");
    }

    @Test
    void shortPayloads() {
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(B22, 0, ExtendedClassBPositionReport.MIN_BITS - 1)))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        ExtendedClassBPositionReport cut = (ExtendedClassBPositionReport)
                AisDecoder.decode(TypesTestSupport.prefix(B22, 0, ExtendedClassBPositionReport.MIN_BITS));
        assertThat(cut.shipName()).isEqualTo("VESSEL SIX");
        assertThat(cut.epfd()).isEqualTo(1);
        assertThat(cut.dte()).isEqualTo(1);
        // the 4 spare bits are optional: 308 bits decode like 312
        ExtendedClassBPositionReport full = (ExtendedClassBPositionReport) AisDecoder.decode(B22, 0);
        assertThat(AisDecoder.decode(TypesTestSupport.prefix(B22, 0, 308))).isEqualTo(full);
    }

    @Property
    void roundTrip(@ForAll("reports") ExtendedClassBPositionReport m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(ExtendedClassBPositionReport.BITS);
    }

    @Provide
    Arbitrary<ExtendedClassBPositionReport> reports() {
        return Arbitraries.randomValue(r -> new ExtendedClassBPositionReport(
                19,
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
                TypesTestSupport.bits(r, 4),
                TypesTestSupport.text(r, 20),
                TypesTestSupport.bits(r, 8),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 9),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 6),
                TypesTestSupport.bits(r, 4),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 1),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 4)));
    }
}
