package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random payloads of every length 0..420 bits starting with one of the message IDs 4, 5, 9, 11,
 * 18, 19, 21, 24, 27: decoding either yields a record that survives encode → decode unchanged or
 * throws {@link AisDecodeException}, never anything else.
 */
class TypesFuzzTest {
    private static final int[] TYPES = {4, 5, 9, 11, 18, 19, 21, 24, 27};

    @Property(tries = 3000)
    void randomPayloadsDecodeOrAreRejected(@ForAll("payloads") BitWriter w) {
        AisMessage m;
        try {
            m = AisDecoder.decode(w.armoured(), w.fillBits());
        } catch (AisDecodeException e) {
            assertThat(e.reason()).isIn(RejectReason.EMPTY_PAYLOAD, RejectReason.PAYLOAD_TOO_SHORT, RejectReason.UNKNOWN_MESSAGE_TYPE);
            return;
        }
        assertThat(TypesTestSupport.roundTrip(m)).isEqualTo(m);
        TypesTestSupport.fields(m);
    }

    @Provide
    Arbitrary<BitWriter> payloads() {
        return Arbitraries.randomValue(r -> {
            int length = r.nextInt(421);
            BitWriter w = new BitWriter();
            int type = TYPES[r.nextInt(TYPES.length)];
            w.unsigned(Math.min(6, length), type >>> Math.max(0, 6 - length));
            for (int i = 6; i < length; i++) {
                w.bool(r.nextBoolean());
            }
            return w;
        });
    }
}
