package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {

    /** dma-aislib/stream_example.txt: a ship acknowledges a Belgian base station's binary message. */
    @Test
    void decodesRealType7WithOneDestination() {
        AisMessage m = AisDecoder.decode("73dnov00OEH=", 0);
        assertThat(m).isInstanceOf(Acknowledgement.class);
        Acknowledgement a = (Acknowledgement) m;
        assertThat(a.messageType()).isEqualTo(7);
        assertThat(a.repeatIndicator()).isZero();
        assertThat(a.mmsi()).isEqualTo(248363000);
        assertThat(a.spare()).isZero();
        assertThat(a.acknowledgements()).containsExactly(new Acknowledgement.Acknowledged(2053507, 1));
        assertThat(Mmsi.format(a.acknowledgements().get(0).destinationMmsi())).isEqualTo("002053507");
        assertThat(fields(a)).containsExactly(
                java.util.Map.entry("mmsi1", "002053507"), java.util.Map.entry("seqno1", 1L));
        assertReencodes(a, "73dnov00OEH=", 0);
    }

    @Test
    void decodesSecondRealType7() {
        Acknowledgement a = (Acknowledgement) AisDecoder.decode("733WuF00U@qB", 0);
        assertThat(a.mmsi()).isEqualTo(205127000);
        assertThat(a.acknowledgements()).containsExactly(new Acknowledgement.Acknowledged(2442132, 2));
    }

    /** A real 168-bit type 13 (satellite feed): four acknowledgements, read as the table lays them out. */
    @Test
    void decodesFourAcknowledgementsOfType13() {
        String p = "=<GcPFP0@7=QkkN8biP?QaSL<H9T";
        Acknowledgement a = (Acknowledgement) AisDecoder.decode(p, 0);
        assertThat(a.messageType()).isEqualTo(13);
        assertThat(a.mmsi()).isEqualTo(830136410);
        assertThat(a.acknowledgements()).containsExactly(
                new Acknowledgement.Acknowledged(1055960, 1),
                new Acknowledgement.Acknowledged(869130794, 3),
                new Acknowledgement.Acknowledged(100917670, 0),
                new Acknowledgement.Acknowledged(923558041, 0));
        assertThat(fields(a)).containsKeys("mmsi4", "seqno4");
        assertReencodes(a, p, 0);
    }

    @Test
    void countFollowsLengthAndPartialBlocksAreIgnored() {
        Acknowledgement two = new Acknowledgement(13, 1, 3669702, 0,
                List.of(new Acknowledgement.Acknowledged(211000000, 3), new Acknowledgement.Acknowledged(2470014, 2)));
        BitWriter w = AisDecoder.encode(two);
        assertThat(w.length()).isEqualTo(104);
        assertThat(Acknowledgement.decode(truncated(w, 103)).acknowledgements())
                .containsExactly(new Acknowledgement.Acknowledged(211000000, 3));
        assertThat(Acknowledgement.decode(truncated(w, 72)).acknowledgements()).hasSize(1);
        assertThatThrownBy(() -> Acknowledgement.decode(truncated(w, 71)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Test
    void moreThanFourBlocksAreIgnored() {
        // a 240-bit type 7 from the satellite feed (exact-earth-augmented-3.txt) would hold 6 blocks
        BitWriter w = new BitWriter().unsigned(6, 7).unsigned(2, 0).unsigned(30, 123456789).unsigned(2, 0);
        for (int i = 1; i <= 6; i++) {
            w.unsigned(30, i).unsigned(2, i & 3);
        }
        Acknowledgement a = (Acknowledgement) AisDecoder.decode(w.armoured(), w.fillBits());
        assertThat(a.acknowledgements()).extracting(Acknowledgement.Acknowledged::destinationMmsi).containsExactly(1, 2, 3, 4);
    }

    @Test
    void constructorRejectsWrongCounts() {
        assertThatThrownBy(() -> new Acknowledgement(7, 0, 1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Acknowledgement.Acknowledged> five = java.util.Collections.nCopies(5, new Acknowledgement.Acknowledged(1, 0));
        assertThatThrownBy(() -> new Acknowledgement(7, 0, 1, 0, five)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrip(@ForAll("acknowledgements") Acknowledgement m) {
        assertThat(AisDecoder.encode(m).length()).isEqualTo(40 + 32 * m.acknowledgements().size());
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<Acknowledgement> acknowledgements() {
        Arbitrary<Acknowledgement.Acknowledged> one = Combinators.combine(mmsis(), bits(2)).as(Acknowledgement.Acknowledged::new);
        return Combinators.combine(Arbitraries.of(7, 13), bits(2), mmsis(), bits(2), one.list().ofMinSize(1).ofMaxSize(4))
                .as(Acknowledgement::new);
    }
}
