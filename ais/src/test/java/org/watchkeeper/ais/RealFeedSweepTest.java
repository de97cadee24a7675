package org.watchkeeper.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every single-sentence message of types 4, 5, 9, 11, 18, 19, 21, 24 and 27 in the shared real
 * logs either decodes, and then survives encode → decode unchanged, or is rejected with an
 * {@link AisDecodeException}; nothing else is thrown.
 */
class RealFeedSweepTest {
    private static final Set<Integer> TYPES = Set.of(4, 5, 9, 11, 18, 19, 21, 24, 27);

    @ParameterizedTest
    @ValueSource(strings = {
        "data/ais/dma-aislib/stream_example.txt",
        "data/ais/dma-aislib/ais250.txt",
        "data/ais/amsa-risky/ais.txt.gz",
        "data/ais/amsa-risky/exact-earth-augmented-3.txt",
        "data/ais/dma-aisabnormal/ais-sample.txt.gz"
    })
    void decodesOrRejectsAndRoundTrips(String file) throws IOException {
        Map<Integer, Integer> decoded = new TreeMap<>();
        Map<RejectReason, Integer> rejected = new TreeMap<>();
        for (TypesTestSupport.Found f : TypesTestSupport.singleSentences(file)) {
            int type = SixBit.value((byte) f.payload().charAt(0));
            if (!TYPES.contains(type)) {
                continue;
            }
            AisMessage m;
            try {
                m = f.decode();
            } catch (AisDecodeException e) {
                rejected.merge(e.reason(), 1, Integer::sum);
                continue;
            }
            assertThat(m.messageType()).isEqualTo(type);
            assertThat(TypesTestSupport.roundTrip(m)).as(f.line()).isEqualTo(m);
            TypesTestSupport.fields(m); // writing fields never fails
            decoded.merge(type, 1, Integer::sum);
        }
        assertThat(decoded).as("decoded per type, rejected " + rejected).isNotEmpty();
        // satellite noise aside, real feeds are overwhelmingly decodable
        int ok = decoded.values().stream().mapToInt(Integer::intValue).sum();
        int bad = rejected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(bad).as("rejected " + rejected + " vs decoded " + decoded).isLessThan(Math.max(5, ok / 20));
    }
}
