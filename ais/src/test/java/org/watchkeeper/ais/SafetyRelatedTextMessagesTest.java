package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchkeeper.ais.OtherTypesTestSupport.*;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Types 12 (addressed) and 14 (broadcast) safety related text messages. */
class SafetyRelatedTextMessagesTest {

    /**
     * amsa-risky/ais.txt.gz line 31012, a type 12 whose content is line noise (repeat 2, MMSI
     * 495520390): every field is still read at its table offset and the 16 whole characters kept.
     */
    @Test
    void decodesRealType12() {
        String p = "<WHT:QenGgO8D5fOJii6bNhem=uk";
        AddressedSafetyRelatedMessage m = (AddressedSafetyRelatedMessage) AisDecoder.decode(p, 0);
        assertThat(m.messageType()).isEqualTo(12);
        assertThat(m.repeatIndicator()).isEqualTo(2);
        assertThat(m.mmsi()).isEqualTo(495520390);
        assertThat(m.sequenceNumber()).isEqualTo(3);
        assertThat(m.destinationMmsi()).isEqualTo(496483826);
        assertThat(m.retransmitted()).isFalse();
        assertThat(m.spare()).isZero();
        assertThat(m.text()).isEqualTo("TE._Z11F*^0-5M=3");
        assertThat(fields(m)).containsExactly(Map.entry("seqno", 3L), Map.entry("dest_mmsi", "496483826"),
                Map.entry("retransmit", false), Map.entry("text", "TE._Z11F*^0-5M=3"));
        assertReencodes(m, p, 0);
    }

    /** amsa-risky/ais.txt.gz line 1959, a type 14 (noise content); 184 bits = 24 characters. */
    @Test
    void decodesRealType14() {
        String p = ">l=<Q930900J284@90f4bS>N8<TEb7D";
        SafetyRelatedBroadcastMessage m = (SafetyRelatedBroadcastMessage) AisDecoder.decode(p, 2);
        assertThat(m.repeatIndicator()).isEqualTo(3);
        assertThat(m.mmsi()).isEqualTo(282272036);
        assertThat(m.spare()).isZero();
        // characters 0..3 are '0', 'B', 'P', '@' (code 0): the '@' ends the text
        assertThat(m.text()).isEqualTo("0BP");
        assertThat(fields(m)).containsExactly(Map.entry("text", "0BP"));
    }

    @Test
    void sartTextRoundTrips() {
        SafetyRelatedBroadcastMessage sart = new SafetyRelatedBroadcastMessage(0, 970012345, 0, "SART ACTIVE");
        BitWriter w = AisDecoder.encode(sart);
        assertThat(w.length()).isEqualTo(40 + 6 * 11);
        assertThat(reDecoded(sart)).isEqualTo(sart);
    }

    @Test
    void headerOnlyGivesEmptyTextAndShorterIsRejected() {
        BitWriter w12 = AisDecoder.encode(new AddressedSafetyRelatedMessage(0, 244670000, 1, 2442132, true, 0, "HELLO"));
        AddressedSafetyRelatedMessage bare = AddressedSafetyRelatedMessage.decode(truncated(w12, 72));
        assertThat(bare.text()).isEmpty();
        assertThat(bare.retransmitted()).isTrue();
        assertThat(fields(bare)).containsEntry("text", "");
        // 4 trailing bits that do not make a whole character are ignored
        assertThat(AddressedSafetyRelatedMessage.decode(truncated(w12, 72 + 6 * 3 + 4)).text()).isEqualTo("HEL");
        assertThatThrownBy(() -> AddressedSafetyRelatedMessage.decode(truncated(w12, 71)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));

        BitWriter w14 = AisDecoder.encode(new SafetyRelatedBroadcastMessage(0, 244670000, 0, "MOB TEST"));
        assertThat(SafetyRelatedBroadcastMessage.decode(truncated(w14, 40)).text()).isEmpty();
        assertThatThrownBy(() -> SafetyRelatedBroadcastMessage.decode(truncated(w14, 39)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Test
    void textIsCappedAtTheTableMaximum() {
        String longText = "A".repeat(200);
        BitWriter w = new BitWriter().unsigned(6, 14).unsigned(2, 0).unsigned(30, 1).unsigned(2, 0).text(200, longText);
        assertThat(SafetyRelatedBroadcastMessage.decode(w.toReader()).text()).hasSize(161);
        assertThat(AisDecoder.encode(new SafetyRelatedBroadcastMessage(0, 1, 0, longText)).length()).isEqualTo(40 + 6 * 161);
        assertThat(AisDecoder.encode(new AddressedSafetyRelatedMessage(0, 1, 0, 2, false, 0, longText)).length()).isEqualTo(72 + 6 * 156);
    }

    @Property
    void type12RoundTrip(@ForAll("addressed") AddressedSafetyRelatedMessage m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Property
    void type14RoundTrip(@ForAll("broadcast") SafetyRelatedBroadcastMessage m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<AddressedSafetyRelatedMessage> addressed() {
        return Combinators.combine(bits(2), mmsis(), bits(2), mmsis(), bits(1).map(b -> b == 1), bits(1), sixBitTexts(156))
                .as(AddressedSafetyRelatedMessage::new);
    }

    @Provide
    Arbitrary<SafetyRelatedBroadcastMessage> broadcast() {
        return Combinators.combine(bits(2), mmsis(), bits(2), sixBitTexts(161)).as(SafetyRelatedBroadcastMessage::new);
    }
}
