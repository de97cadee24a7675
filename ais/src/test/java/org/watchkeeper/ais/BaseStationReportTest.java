package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.AisMessage.NOT_AVAILABLE;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BaseStationReportTest {
    private static final String B28 = "403OviQuMGCqWrRO9>E6fE700@GO";

    @Test
    void caseB28BaseStationWithLeadingZeroMmsi() {
        BaseStationReport m = (BaseStationReport) AisDecoder.decode(B28, 0);
        assertThat(m.messageType()).isEqualTo(4);
        assertThat(m.repeatIndicator()).isZero();
        assertThat(m.mmsi()).isEqualTo(3669702);
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("003669702");
        assertThat(Mmsi.kind(m.mmsi())).isEqualTo(Mmsi.Kind.COAST_STATION);
        assertThat(Mmsi.mid(m.mmsi())).isEqualTo(366);
        assertThat(new int[] {m.year(), m.month(), m.day(), m.hour(), m.minute(), m.second()})
                .containsExactly(2007, 5, 14, 19, 57, 39);
        assertThat(m.utc()).isEqualTo(Instant.parse("2007-05-14T19:57:39Z"));
        assertThat(m.positionAccuracy()).isTrue();
        assertThat(m.longitude()).isCloseTo(-76.352362, within(1e-6));
        assertThat(m.latitude()).isCloseTo(36.883767, within(1e-6));
        assertThat(m.epfd()).isEqualTo(7);
        assertThat(Names.epfd(m.epfd())).isEqualTo("Surveyed");
        assertThat(m.longRangeControl()).isFalse();
        assertThat(m.spare()).isZero();
        assertThat(m.raim()).isFalse();
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Sotdma(0, 4, 1503));
        // the encoder reproduces the received payload bit for bit
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(B28);

        Map<String, Object> f = TypesTestSupport.fields(m);
        assertThat(f).containsEntry("year", 2007L).containsEntry("month", 5L).containsEntry("day", 14L)
                .containsEntry("hour", 19L).containsEntry("minute", 57L).containsEntry("second", 39L)
                .containsEntry("accuracy", true).containsEntry("epfd", 7L).containsEntry("epfd_text", "Surveyed")
                .containsEntry("raim", false).containsEntry("radio", (long) ((4 << 14) | 1503))
                .containsEntry("slot_number", 1503L);
    }

    @Test
    void realType11UtcResponseFromDriftScenario() throws IOException {
        TypesTestSupport.Found line = TypesTestSupport.find("data/ais/dma-aisabnormal/212123000_drift_1.ais", ";3:BuN1urQ@ND15");
        BaseStationReport m = (BaseStationReport) line.decode();
        assertThat(m.messageType()).isEqualTo(11);
        assertThat(m.mmsi()).isEqualTo(212123000);
        // the file's $PGHP times start 2014-10-02 16:30
        assertThat(m.utc()).isEqualTo(Instant.parse("2014-10-02T16:30:20Z"));
        assertThat(m.positionAccuracy()).isFalse();
        assertThat(m.longitude()).isCloseTo(15.256872, within(1e-6));
        assertThat(m.latitude()).isCloseTo(55.560603, within(1e-6));
        assertThat(m.epfd()).isEqualTo(1);
        assertThat(m.communicationState()).isEqualTo(new CommunicationState.Sotdma(0, 0, 0));
        assertThat(AisDecoder.encode(m).armoured()).isEqualTo(line.payload());
    }

    @Test
    void notAvailableDateAndTimeCodes() {
        // raw codes written field by field: year 0, month 0, day 0, hour 24, minute 60, second 60,
        // lon 181°, lat 91°
        BitWriter w = new BitWriter().unsigned(6, 4).unsigned(2, 0).unsigned(30, 2_300_001)
                .unsigned(14, 0).unsigned(4, 0).unsigned(5, 0).unsigned(5, 24).unsigned(6, 60).unsigned(6, 60)
                .bool(false).signed(28, 181 * 600_000).signed(27, 91 * 600_000).unsigned(4, 0)
                .bool(true).unsigned(9, 0x155).bool(true).unsigned(19, 0);
        BaseStationReport m = (BaseStationReport) AisDecoder.decode(w.armoured(), w.fillBits());
        assertThat(new int[] {m.year(), m.month(), m.day(), m.hour(), m.minute(), m.second()})
                .containsOnly(NOT_AVAILABLE);
        assertThat(m.utc()).isNull();
        assertThat(m.longitude()).isNaN();
        assertThat(m.latitude()).isNaN();
        assertThat(m.longRangeControl()).isTrue();
        assertThat(m.spare()).isEqualTo(0x155);
        assertThat(m.raim()).isTrue();
        assertThat(TypesTestSupport.fields(m)).doesNotContainKeys("year", "month", "day", "hour", "minute", "second", "lon", "lat");
        assertThat(TypesTestSupport.roundTrip(m)).isEqualTo(m);
    }

    @Test
    void impossibleDateGivesNoInstant() {
        BaseStationReport m = new BaseStationReport(4, 0, 2_300_001, 2023, 2, 30, 12, 0, 0, false, 0, 0, 1, false, 0, false, NOT_AVAILABLE);
        assertThat(m.utc()).isNull();
        assertThat(new BaseStationReport(4, 0, 2_300_001, 2023, 1, 1, 0, 0, 61, false, 0, 0, 1, false, 0, false, NOT_AVAILABLE).utc()).isNull();
        assertThat(new BaseStationReport(4, 0, 2_300_001, 2023, 1, 1, 0, 0, 59, false, 0, 0, 1, false, 0, false, NOT_AVAILABLE).utc())
                .isEqualTo(Instant.parse("2023-01-01T00:00:59Z"));
    }

    @Test
    void shortPayloads() {
        assertThatThrownBy(() -> BaseStationReport.decode(TypesTestSupport.prefix(B28, 0, BaseStationReport.MIN_BITS - 1)))
                .isInstanceOf(AisDecodeException.class)
                .extracting(e -> ((AisDecodeException) e).reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT);
        BaseStationReport cut = BaseStationReport.decode(TypesTestSupport.prefix(B28, 0, BaseStationReport.MIN_BITS));
        BaseStationReport full = (BaseStationReport) AisDecoder.decode(B28, 0);
        assertThat(cut.epfd()).isEqualTo(7);
        assertThat(cut.utc()).isEqualTo(full.utc());
        assertThat(cut.communicationState()).isNull();
        assertThat(TypesTestSupport.fields(cut)).doesNotContainKey("radio");
        // 167 bits: the communication state is incomplete and left out
        assertThat(BaseStationReport.decode(TypesTestSupport.prefix(B28, 0, 167)).communicationState()).isNull();
    }

    @Property
    void roundTrip(@ForAll("reports") BaseStationReport m) {
        TypesTestSupport.assertRoundTrip(m);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(m.communicationState() == null ? 149 : BaseStationReport.BITS);
    }

    @Provide
    Arbitrary<BaseStationReport> reports() {
        return Arbitraries.randomValue(r -> new BaseStationReport(
                r.nextBoolean() ? 4 : 11,
                TypesTestSupport.bits(r, 2),
                TypesTestSupport.bits(r, 30),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 14, 0), 0),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 4, 0), 0),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 5, 0), 0),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 5, 24), 24),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 6, 60), 60),
                Units.orNotAvailable(TypesTestSupport.orCode(r, 6, 60), 60),
                r.nextBoolean(),
                Units.longitude(TypesTestSupport.orSignedCode(r, 28, Units.LON_NOT_AVAILABLE)),
                Units.latitude(TypesTestSupport.orSignedCode(r, 27, Units.LAT_NOT_AVAILABLE)),
                TypesTestSupport.bits(r, 4),
                r.nextBoolean(),
                TypesTestSupport.bits(r, 9),
                r.nextBoolean(),
                r.nextInt(8) == 0 ? AisMessage.NOT_AVAILABLE : TypesTestSupport.sotdma(r)));
    }
}
