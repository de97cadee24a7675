package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DgnssBroadcastBinaryMessageTest {
    /** Case B23 (cases/inputs/B23.nmea), payload without the USCG trailer. */
    static final String B23 = "A;wUJKU>io;WlWuwH`W1PpnuN<isf;5iHtOM1S6q?vsvNrNGOqLcr5mfD6t";

    @Test
    void decodesCaseB23() {
        AisMessage m = AisDecoder.decode(B23, 2);
        assertThat(m).isInstanceOf(DgnssBroadcastBinaryMessage.class);
        DgnssBroadcastBinaryMessage d = (DgnssBroadcastBinaryMessage) m;
        assertThat(d.messageType()).isEqualTo(17);
        assertThat(d.mmsi()).isEqualTo(804870766);
        // longitude code 80669 and latitude code -26818 (17-bit two's complement), in 1/10 minute
        assertThat(d.longitude()).isCloseTo(134.448333, within(1e-6));
        assertThat(d.latitude()).isCloseTo(-44.696667, within(1e-6));
        assertThat(d.longitude()).isEqualTo(80669 / 600.0);
        assertThat(d.latitude()).isEqualTo(-26818 / 600.0);
        assertThat(d.spare()).isEqualTo(1);
        assertThat(d.spare2()).isEqualTo(18);
        assertThat(d.data().bitLength()).isEqualTo(272);
        assertThat(d.data().hex()).isEqualTo("7f7f6289c1838dbd78cc7bb8b17163c7dd0631b93feefe7ba7977f972be85d6e506f");
        assertThat(fields(d)).containsExactly(
                java.util.Map.entry("lon", 134.448333), java.util.Map.entry("lat", -44.696667),
                java.util.Map.entry("data", "272:7f7f6289c1838dbd78cc7bb8b17163c7dd0631b93feefe7ba7977f972be85d6e506f"));
        assertReencodes(d, B23, 2);
    }

    /** amsa-risky/ais.txt.gz: Australian base station 005030150 near Newcastle NSW, 448 correction bits. */
    @Test
    void decodesRealAustralianBroadcast() {
        String p = "A04k11QHtOIK@0@1U;2>7OqqChDNwhiJ?Q3wgUlb5gv9FC@JwqIO8AWuwVTT1gtWGmtEwLeL?i;ui5`j3ws2EkFb";
        DgnssBroadcastBinaryMessage d = (DgnssBroadcastBinaryMessage) AisDecoder.decode(p, 0);
        assertThat(Mmsi.format(d.mmsi())).isEqualTo("005030150");
        assertThat(d.longitude()).isEqualTo(91079 / 600.0); // 151.798333 E
        assertThat(d.latitude()).isEqualTo(-19750 / 600.0); // 32.916667 S
        assertThat(d.spare2()).isZero();
        assertThat(d.data().bitLength()).isEqualTo(448);
        assertThat(d.data().hex()).startsWith("040194b08e1dfe79").endsWith("ffec25735aa");
        assertReencodes(d, p, 0);
    }

    /**
     * amsa-risky/ais.txt.gz line 10 097, radio noise with a good checksum: longitude code -120 320
     * (-200.53°, beyond any position) and latitude 7.68°. The record keeps the code as sent; the
     * written fields leave the impossible longitude out, as they do a "not available" one.
     */
    @Test
    void aLongitudeBeyondAnyPositionIsKeptButNotWritten() {
        String p = "ARuJP82:P09001@P05184AOr@R9ISUi9Hn3QiS;9q457J5D<doh`";
        DgnssBroadcastBinaryMessage d = (DgnssBroadcastBinaryMessage) AisDecoder.decode(p, 0);
        assertThat(Mmsi.format(d.mmsi())).isEqualTo("198615072");
        assertThat(d.longitude()).isEqualTo(-120_320 / 600.0);
        assertThat(d.latitude()).isCloseTo(7.68, within(1e-9));
        assertThat(fields(d)).doesNotContainKey("lon").containsEntry("lat", 7.68);
        assertReencodes(d, p, 0);
    }

    @Test
    void notAvailablePositionIsNaNAndNotWritten() {
        DgnssBroadcastBinaryMessage d = new DgnssBroadcastBinaryMessage(0, 3669999, 0, Double.NaN, Double.NaN, 0, BinaryData.EMPTY);
        BitReader r = AisDecoder.encode(d).toReader();
        assertThat(r.signed(40, 18)).isEqualTo(181 * 600);
        assertThat(r.signed(58, 17)).isEqualTo(91 * 600);
        DgnssBroadcastBinaryMessage back = DgnssBroadcastBinaryMessage.decode(r);
        assertThat(back.longitude()).isNaN();
        assertThat(back.latitude()).isNaN();
        assertThat(fields(back)).containsOnlyKeys("data").containsEntry("data", "0:");
    }

    @Test
    void shortAndLongPayloads() {
        BitWriter w = AisDecoder.encode((DgnssBroadcastBinaryMessage) AisDecoder.decode(B23, 2));
        DgnssBroadcastBinaryMessage headerOnly = DgnssBroadcastBinaryMessage.decode(truncated(w, 80));
        assertThat(headerOnly.data()).isEqualTo(BinaryData.EMPTY);
        assertThat(headerOnly.spare2()).isEqualTo(18);
        DgnssBroadcastBinaryMessage noSpare = DgnssBroadcastBinaryMessage.decode(truncated(w, 75));
        assertThat(noSpare.spare2()).isZero();
        assertThat(noSpare.latitude()).isEqualTo(-26818 / 600.0);
        assertThatThrownBy(() -> DgnssBroadcastBinaryMessage.decode(truncated(w, 74)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        // data beyond 736 bits (816 in all) is not part of the message
        BitWriter big = new BitWriter().unsigned(6, 17).unsigned(2, 0).unsigned(30, 1).unsigned(2, 0)
                .signed(18, 0).signed(17, 0).unsigned(5, 0);
        for (int i = 0; i < 800; i++) {
            big.bool(true);
        }
        assertThat(DgnssBroadcastBinaryMessage.decode(big.toReader()).data().bitLength()).isEqualTo(736);
    }

    @Property
    void roundTrip(@ForAll("messages") DgnssBroadcastBinaryMessage m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<DgnssBroadcastBinaryMessage> messages() {
        Arbitrary<BinaryData> data = Arbitraries.integers().between(0, 736).flatMap(n ->
                Arbitraries.bytes().array(byte[].class).ofSize((n + 7) / 8).map(bytes -> {
                    if (n % 8 != 0) {
                        bytes[bytes.length - 1] &= (byte) (0xff << (8 - n % 8)); // unused bits are zero, as decoded
                    }
                    return new BinaryData(bytes, n);
                }));
        return Combinators.combine(bits(2), mmsis(), bits(2), longitudesTenthMinutes(), latitudesTenthMinutes(), bits(5), data)
                .as(DgnssBroadcastBinaryMessage::new);
    }
}
