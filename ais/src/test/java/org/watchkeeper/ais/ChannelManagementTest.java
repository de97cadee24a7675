package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ChannelManagementTest {

    /**
     * amsa-risky/exact-earth-augmented.txt, the only 168-bit type 22 in the shared logs (satellite
     * feed, content is noise): broadcast case, corners read as signed 1/10-minute codes.
     */
    @Test
    void decodesRealBroadcastCase() {
        String p = "Fs5nR2gmNrn1:KNjgJ<>Hu=RNov7";
        ChannelManagement m = (ChannelManagement) AisDecoder.decode(p, 0);
        assertThat(m.repeatIndicator()).isEqualTo(3);
        assertThat(m.mmsi()).isEqualTo(744333834);
        assertThat(m.spare()).isEqualTo(3);
        assertThat(m.channelA()).isEqualTo(3927);
        assertThat(m.channelB()).isEqualTo(2989);
        assertThat(m.txRxMode()).isEqualTo(8);
        assertThat(m.lowPower()).isFalse();
        assertThat(m.addressed()).isFalse();
        assertThat(m.scope()).isEqualTo(new ChannelManagement.Area(38107 / 600.0, -19779 / 600.0, -95175 / 600.0, -57701 / 600.0));
        assertThat(m.bandA()).isFalse();
        assertThat(m.bandB()).isFalse();
        assertThat(m.zoneSize()).isEqualTo(4);
        assertThat(m.transitionalZoneNauticalMiles()).isEqualTo(5);
        assertThat(m.spare2()).isEqualTo(8093575);
        assertThat(fields(m)).containsExactly(
                Map.entry("channel_a", 3927L), Map.entry("channel_b", 2989L), Map.entry("txrx", 8L), Map.entry("power", false),
                Map.entry("ne_lon", 63.511667), Map.entry("ne_lat", -32.965), Map.entry("sw_lon", -158.625),
                // sw_lat -96.168333 (code -57701) is beyond any latitude: left out, kept in the record
                Map.entry("addressed", false), Map.entry("band_a", false),
                Map.entry("band_b", false), Map.entry("zonesize", 4L));
        assertReencodes(m, p, 0);
    }

    /** amsa-risky/ais.txt.gz: a 216-bit type 22 (noise); the 48 bits past 168 are ignored, band B set. */
    @Test
    void decodesRealOverlongPayload() {
        ChannelManagement m = (ChannelManagement) AisDecoder.decode("F=583LPkqkEPR6:<<ViaOfL4hS0qApP;iDP8", 0);
        assertThat(m.mmsi()).isEqualTo(877790066);
        assertThat(m.channelA()).isEqualTo(830);
        assertThat(m.channelB()).isEqualTo(1845);
        assertThat(m.txRxMode()).isEqualTo(6);
        // south-west longitude code 111013 is beyond 180 deg but not the "not available" code: kept
        assertThat(m.scope()).isEqualTo(new ChannelManagement.Area(17457 / 600.0, 35890 / 600.0, 111013 / 600.0, -2248 / 600.0));
        assertThat(m.bandB()).isTrue();
        assertThat(m.zoneSize()).isEqualTo(1);
        assertThat(m.spare2()).isEqualTo(4337721);
        assertThat(AisDecoder.encode(m).length()).isEqualTo(168);
        // the written fields leave the impossible corner longitude out (185.021667 deg), keep the rest
        assertThat(fields(m)).doesNotContainKey("sw_lon").containsEntry("sw_lat", -3.746667)
                .containsEntry("ne_lon", 29.095).containsEntry("ne_lat", 59.816667);
    }

    @Test
    void addressedCaseReadsTwoMmsisInTheAreaBits() {
        ChannelManagement m = new ChannelManagement(0, 2190047, 0, 2087, 2088, 1, true,
                new ChannelManagement.Addressed(219000001, 0, 219000002, 0), false, false, 4, 0);
        BitReader r = AisDecoder.encode(m).toReader();
        assertThat(r.length()).isEqualTo(168);
        assertThat(r.unsigned(69, 30)).isEqualTo(219000001);
        assertThat(r.unsigned(104, 30)).isEqualTo(219000002);
        assertThat(r.bool(139)).isTrue();
        ChannelManagement back = ChannelManagement.decode(r);
        assertThat(back).isEqualTo(m);
        assertThat(back.addressed()).isTrue();
        assertThat(fields(back)).containsExactly(
                Map.entry("channel_a", 2087L), Map.entry("channel_b", 2088L), Map.entry("txrx", 1L), Map.entry("power", true),
                Map.entry("dest1", "219000001"), Map.entry("dest2", "219000002"), Map.entry("addressed", true),
                Map.entry("band_a", false), Map.entry("band_b", false), Map.entry("zonesize", 4L));
    }

    @Test
    void notAvailableCornersAreNaNAndShortPayloads() {
        ChannelManagement m = new ChannelManagement(0, 2190047, 0, 2087, 2088, 0, false,
                new ChannelManagement.Area(Double.NaN, Double.NaN, 10.5, 55.25), false, false, 4, 0);
        BitWriter w = AisDecoder.encode(m);
        BitReader r = w.toReader();
        assertThat(r.signed(69, 18)).isEqualTo(108600);
        assertThat(r.signed(87, 17)).isEqualTo(54600);
        assertThat(fields(ChannelManagement.decode(r))).doesNotContainKeys("ne_lon", "ne_lat").containsEntry("sw_lat", 55.25);
        assertThat(ChannelManagement.decode(truncated(w, 145))).isEqualTo(m);
        assertThatThrownBy(() -> ChannelManagement.decode(truncated(w, 144)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Property
    void roundTrip(@ForAll("messages") ChannelManagement m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<ChannelManagement> messages() {
        Arbitrary<ChannelManagement.Scope> area = Combinators.combine(longitudesTenthMinutes(), latitudesTenthMinutes(),
                longitudesTenthMinutes(), latitudesTenthMinutes()).as(ChannelManagement.Area::new);
        Arbitrary<ChannelManagement.Scope> addressed = Combinators.combine(mmsis(), bits(5), mmsis(), bits(5)).as(ChannelManagement.Addressed::new);
        Arbitrary<ChannelManagement.Scope> scope = Arbitraries.oneOf(area, addressed);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(
                Combinators.combine(bits(2), mmsis(), bits(2), bits(12), bits(12), bits(4), flag).as(Header::new),
                scope, flag, flag, bits(3), bits(23))
                .as((h, s, a, b, z, sp) -> new ChannelManagement(h.repeat, h.mmsi, h.spare, h.channelA, h.channelB, h.txrx, h.low, s, a, b, z, sp));
    }

    private record Header(int repeat, int mmsi, int spare, int channelA, int channelB, int txrx, boolean low) {
    }
}
