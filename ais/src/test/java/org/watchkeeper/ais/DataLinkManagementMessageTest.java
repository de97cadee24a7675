package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DataLinkManagementMessageTest {
    private static DataLinkManagementMessage.Reservation r(int offset, int slots, int timeout, int increment) {
        return new DataLinkManagementMessage.Reservation(offset, slots, timeout, increment);
    }

    /** dma-aislib/decode_encode_messages.txt: base station 002655135, two blocks, 104 bits. */
    @Test
    void decodesRealTwoBlockMessage() {
        String p = "D02R3WhehNfq6DO6D0";
        DataLinkManagementMessage m = (DataLinkManagementMessage) AisDecoder.decode(p, 4);
        assertThat(m).isEqualTo(new DataLinkManagementMessage(0, 2655135, 0, List.of(r(732, 1, 7, 750), r(1125, 1, 7, 1125)), 0));
        assertThat(fields(m)).containsExactly(
                Map.entry("offset1", 732L), Map.entry("number1", 1L), Map.entry("timeout1", 7L), Map.entry("increment1", 750L),
                Map.entry("offset2", 1125L), Map.entry("number2", 1L), Map.entry("timeout2", 7L), Map.entry("increment2", 1125L));
        assertReencodes(m, p, 4);
    }

    /** dma-aislib/decode_encode_messages.txt: 160 bits, four blocks, the last one unused (all zero). */
    @Test
    void decodesRealFourBlockMessage() {
        String p = "D025boinDDfr<`D00BdT0000000";
        DataLinkManagementMessage m = (DataLinkManagementMessage) AisDecoder.decode(p, 2);
        assertThat(Mmsi.format(m.mmsi())).isEqualTo("002190047");
        assertThat(m.reservations()).containsExactly(r(1893, 1, 2, 750), r(2250, 1, 2, 0), r(299, 2, 2, 0), r(0, 0, 0, 0));
        assertThat(m.spare2()).isZero();
        assertReencodes(m, p, 2);
    }

    /** amsa-risky/ais.txt.gz: three blocks, 136 bits, repeat indicator 3. */
    @Test
    void decodesRealThreeBlockMessage() {
        String p = "Dh30pEQkTNfp00O6DBAO6D0";
        DataLinkManagementMessage m = (DataLinkManagementMessage) AisDecoder.decode(p, 2);
        assertThat(m.repeatIndicator()).isEqualTo(3);
        assertThat(m.mmsi()).isEqualTo(3160150);
        assertThat(m.reservations()).containsExactly(r(1849, 1, 7, 750), r(0, 1, 7, 1125), r(292, 5, 7, 1125));
        assertReencodes(m, p, 2);
    }

    /** dma-aislib/stream_example.txt: a single block, 72 bits. */
    @Test
    void decodesRealOneBlockMessage() {
        String p = "DvjQMEiG`v00";
        DataLinkManagementMessage m = (DataLinkManagementMessage) AisDecoder.decode(p, 0);
        assertThat(m.mmsi()).isEqualTo(992501079);
        assertThat(m.reservations()).containsExactly(r(1402, 3, 7, 0));
        assertReencodes(m, p, 0);
    }

    @Test
    void blockCountFollowsLength() {
        DataLinkManagementMessage three = new DataLinkManagementMessage(0, 2655135, 0,
                List.of(r(1, 2, 3, 4), r(5, 6, 7, 8), r(9, 10, 1, 12)), 37);
        BitWriter w = AisDecoder.encode(three);
        assertThat(w.length()).isEqualTo(136);
        assertThat(reDecoded(three)).isEqualTo(three);
        DataLinkManagementMessage cut = DataLinkManagementMessage.decode(truncated(w, 135));
        assertThat(cut.reservations()).hasSize(3);
        assertThat(cut.spare2()).isZero();
        assertThat(DataLinkManagementMessage.decode(truncated(w, 129)).reservations()).hasSize(2);
        assertThat(DataLinkManagementMessage.decode(truncated(w, 70)).reservations()).containsExactly(r(1, 2, 3, 4));
        assertThatThrownBy(() -> DataLinkManagementMessage.decode(truncated(w, 69)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
        assertThatThrownBy(() -> new DataLinkManagementMessage(0, 1, 0, List.of(r(1, 1, 1, 1)), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataLinkManagementMessage(0, 1, 0, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrip(@ForAll("messages") DataLinkManagementMessage m) {
        assertThat(AisDecoder.encode(m).length()).isIn(72, 104, 136, 160);
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<DataLinkManagementMessage> messages() {
        Arbitrary<DataLinkManagementMessage.Reservation> block =
                Combinators.combine(bits(12), bits(4), bits(3), bits(11)).as(DataLinkManagementMessage.Reservation::new);
        return Combinators.combine(bits(2), mmsis(), bits(2), block.list().ofMinSize(1).ofMaxSize(4), bits(6))
                .as((rep, m, s, list, sp) -> new DataLinkManagementMessage(rep, m, s, list,
                        sp & ((1 << DataLinkManagementMessage.trailingSpareBits(list.size())) - 1)));
    }
}
