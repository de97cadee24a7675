package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LongRangePositionReportTest {
    private static final String B32 = "K7a?1oAFLsM?P000";

    @Test
    void caseB32LowResolutionFix() {
        LongRangePositionReport m = (LongRangePositionReport) AisDecoder.decode(B32, 0);
        assertThat(m.messageType()).isEqualTo(27);
        assertThat(m.mmsi()).isEqualTo(512999901);
        assertThat(m.positionAccuracy()).isFalse();
        assertThat(m.raim()).isFalse();
        assertThat(m.navigationStatus()).isEqualTo(5); // moored
        assertThat(m.latitude()).isCloseTo(-37.653333, within(1e-6));
        assertThat(m.longitude()).isCloseTo(176.181667, within(1e-6));
        // 1/10 minute codes: exactly -22592 and 105709 tenths of a minute
        assertThat(m.latitude() * 600).isCloseTo(-22592, within(1e-9));
        assertThat(m.longitude() * 600).isCloseTo(105709, within(1e-9));
        assertThat(m.speedOverGround()).isZero();
        assertThat(m.courseOverGround()).isZero();
        assertThat(m.notCurrentGnssPosition()).isFalse();
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B32);
        assertThat(TypesTestSupport.fields(m)).containsEntry("status", 5L).containsEntry("status_text", "Moored")
                .containsEntry("speed", 0.0).containsEntry("course", 0.0).containsEntry("gnss", false);
    }

    @Test
    void realSatelliteLineOf208BitsIsDecodedFromItsFirst96() throws IOException {
        // the only type 27 in this exactEarth file: 208 bits, so a garbled or mis-framed reception;
        // the fields are decoded as sent and the out-of-range latitude code is kept, not clamped
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/amsa-risky/exact-earth-augmented-3.txt", "KCI4ducn>GWQT<W<");
        assertThat(BitReader.of(line.payload(), line.fill()).length()).isEqualTo(208);
        LongRangePositionReport m = (LongRangePositionReport) line.decode();
        assertThat(m.repeatIndicator()).isEqualTo(1);
        assertThat(m.mmsi()).isEqualTo(227618038);
        assertThat(m.positionAccuracy()).isTrue();
        assertThat(m.navigationStatus()).isEqualTo(15);
        assertThat(m.longitude()).isCloseTo(169.97, within(1e-9));
        assertThat(m.latitude()).isCloseTo(102.733333, within(1e-6));
        assertThat(m.speedOverGround()).isEqualTo(25.0);
        assertThat(m.courseOverGround()).isEqualTo(115.0);
        assertThat(TypesTestSupport.bitString(AisDecoder.encode(m).toReader()))
                .isEqualTo(TypesTestSupport.bitString(BitReader.of(line.payload(), line.fill())).substring(0, 96));
    }

    @Test
    void notAvailableCodes() {
        BitWriter w = new BitWriter().unsigned(6, 27).unsigned(2, 0).unsigned(30, 235_012_345)
                .bool(true).bool(true).unsigned(4, 0).signed(18, 181 * 600).signed(17, 91 * 600)
                .unsigned(6, 63).unsigned(9, 511).bool(true).unsigned(1, 1);
        LongRangePositionReport m = (LongRangePositionReport) AisDecoder.decode(w.armoured(), w.fillBits());
        assertThat(m.longitude()).isNaN();
        assertThat(m.latitude()).isNaN();
        assertThat(m.speedOverGround()).isNaN();
        assertThat(m.courseOverGround()).isNaN();
        assertThat(m.notCurrentGnssPosition()).isTrue();
        assertThat(m.spare()).isEqualTo(1);
        assertThat(TypesTestSupport.fields(m)).doesNotContainKeys("lon", "lat", "speed", "course");
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(w.armoured());
    }

    @Test
    void shortPayloads() {
        assertThatThrownBy(() -> AisDecoder.decode(TypesTestSupport.prefix(B32, 0, LongRangePositionReport.MIN_BITS - 1)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        LongRangePositionReport cut = (LongRangePositionReport) AisDecoder.decode(TypesTestSupport.prefix(B32, 0, LongRangePositionReport.MIN_BITS));
        assertThat(cut).isEqualTo(AisDecoder.decode(B32, 0));
    }

    @Property
    void roundTrip(@ForAll("reports") LongRangePositionReport m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(LongRangePositionReport.BITS);
    }

    @Provide
    Arbitrary<LongRangePositionReport> reports() {
        return Arbitraries.randomValue(r -> new LongRangePositionReport(
                27,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                r.nextBoolean(),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 4),
                Units.longitudeTenthMinutes(TypesTestSupport.orSignedCode(r, 18, 181 * 600)),
                Units.latitudeTenthMinutes(TypesTestSupport.orSignedCode(r, 17, 91 * 600)),
                Units.wholeUnits(TypesTestSupport.orCode(r, 6, 63), 63),
                Units.wholeUnits(TypesTestSupport.orCode(r, 9, 511), 511),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 1)));
    }
}
