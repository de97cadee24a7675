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

class InterrogationTest {
    private static Interrogation.Request req(int type, int offset) {
        return new Interrogation.Request(type, offset, 0);
    }

    /** dma-aislib/stream_example.txt: a Norwegian ship asks 235674000 for its static data (type 5); 88 bits. */
    @Test
    void decodesRealOneRequestCase() {
        String p = "?3oL?R0p<6I0D00";
        Interrogation m = (Interrogation) AisDecoder.decode(p, 2);
        assertThat(m).isEqualTo(new Interrogation(0, 259461000, 0, new Interrogation.Station(235674000, req(5, 0), null), null));
        assertThat(fields(m)).containsExactly(
                Map.entry("mmsi1", "235674000"), Map.entry("type1_1", 5L), Map.entry("offset1_1", 0L));
        assertReencodes(m, p, 2);
    }

    /** signalk/nais400-merrimac.log: source MMSI 116 (not a valid 9-digit MMSI, kept as sent) asks 244688000 for type 5. */
    @Test
    void decodesSecondRealOneRequestCase() {
        Interrogation m = (Interrogation) AisDecoder.decode("?0000M0rEa80D00", 2);
        assertThat(m.mmsi()).isEqualTo(116);
        assertThat(m.station1()).isEqualTo(new Interrogation.Station(244688000, req(5, 0), null));
    }

    /** amsa-risky/exact-earth-augmented-2.txt: a 160-bit (two-station) interrogation from the satellite feed. */
    @Test
    void decodesRealTwoStationCase() {
        String p = "?dCM>`HM6TtpPkQ81H<RTPdl9Fp";
        Interrogation m = (Interrogation) AisDecoder.decode(p, 2);
        assertThat(m.repeatIndicator()).isEqualTo(2);
        assertThat(m.mmsi()).isEqualTo(825708193);
        assertThat(m.spare()).isEqualTo(2);
        assertThat(m.station1()).isEqualTo(new Interrogation.Station(122065870,
                new Interrogation.Request(8, 824, 1), new Interrogation.Request(8, 88, 0)));
        assertThat(m.station2()).isEqualTo(new Interrogation.Station(841556147, new Interrogation.Request(16, 2395, 2), null));
        assertThat(fields(m)).containsExactly(
                Map.entry("mmsi1", "122065870"), Map.entry("type1_1", 8L), Map.entry("offset1_1", 824L),
                Map.entry("type1_2", 8L), Map.entry("offset1_2", 88L),
                Map.entry("mmsi2", "841556147"), Map.entry("type2_1", 16L), Map.entry("offset2_1", 2395L));
        assertReencodes(m, p, 2);
    }

    @Test
    void caseFollowsLength() {
        Interrogation two = new Interrogation(0, 2190047, 0,
                new Interrogation.Station(219000001, req(5, 10), req(24, 20)), null);
        BitWriter w = AisDecoder.encode(two);
        assertThat(w.length()).isEqualTo(110);
        assertThat(reDecoded(two)).isEqualTo(two);
        // padded to 112 bits: still two requests to one station
        BitWriter padded = AisDecoder.encode(two).unsigned(2, 0);
        assertThat(Interrogation.decode(padded.toReader())).isEqualTo(two);
        // 109 bits: the second request is incomplete, so this is the one-request case
        Interrogation one = Interrogation.decode(truncated(w, 109));
        assertThat(one.station1().second()).isNull();
        assertThat(one.station1().first()).isEqualTo(req(5, 10));
        assertThat(Interrogation.decode(truncated(w, 88)).station1().first()).isEqualTo(req(5, 10));
        assertThatThrownBy(() -> Interrogation.decode(truncated(w, 87)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Test
    void oneRequestSpareSurvivesOnlyWhenSet() {
        Interrogation plain = new Interrogation(0, 1, 0, new Interrogation.Station(2, req(3, 0), null), null);
        assertThat(AisDecoder.encode(plain).length()).isEqualTo(88);
        Interrogation withSpare = new Interrogation(0, 1, 0, new Interrogation.Station(2, new Interrogation.Request(3, 0, 2), null), null);
        assertThat(AisDecoder.encode(withSpare).length()).isEqualTo(90);
        assertThat(reDecoded(withSpare)).isEqualTo(withSpare);
    }

    @Test
    void constructorKeepsTheLayoutConsistent() {
        Interrogation.Station single = new Interrogation.Station(2, req(5, 0), null);
        assertThatThrownBy(() -> new Interrogation(0, 1, 0, single, single)).isInstanceOf(IllegalArgumentException.class);
        Interrogation.Station dbl = new Interrogation.Station(2, req(5, 0), req(0, 0));
        assertThatThrownBy(() -> new Interrogation(0, 1, 0, dbl, dbl)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Interrogation(0, 1, 0, dbl, single).station2()).isEqualTo(single);
    }

    @Property
    void roundTrip(@ForAll("interrogations") Interrogation m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<Interrogation> interrogations() {
        Arbitrary<Interrogation.Request> request = Combinators.combine(bits(6), bits(12), bits(2)).as(Interrogation.Request::new);
        Arbitrary<Interrogation> oneRequest = Combinators.combine(bits(2), mmsis(), bits(2), mmsis(), request)
                .as((r, m, s, d, q) -> new Interrogation(r, m, s, new Interrogation.Station(d, q, null), null));
        Arbitrary<Interrogation> twoRequests = Combinators.combine(bits(2), mmsis(), bits(2), mmsis(), request, request)
                .as((r, m, s, d, q1, q2) -> new Interrogation(r, m, s, new Interrogation.Station(d, q1, q2), null));
        Arbitrary<Interrogation> twoStations = Combinators.combine(bits(2), mmsis(), bits(2), mmsis(), request, request, mmsis(), request)
                .as((r, m, s, d, q1, q2, d2, q3) -> new Interrogation(r, m, s,
                        new Interrogation.Station(d, q1, q2), new Interrogation.Station(d2, q3, null)));
        return Arbitraries.oneOf(oneRequest, twoRequests, twoStations);
    }
}
