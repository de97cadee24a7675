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

class UtcDateInquiryTest {

    /** dma-aisabnormal/219165000_ssc_1.ais: a Danish ship asks 261003890 for UTC and date. */
    @Test
    void decodesRealInquiry() {
        AisMessage m = AisDecoder.decode(":3A0iB0v>VW8", 0);
        assertThat(m).isEqualTo(new UtcDateInquiry(0, 219165000, 0, 261003890, 0));
        assertThat(m.messageType()).isEqualTo(10);
        assertThat(fields(m)).containsExactly(Map.entry("dest_mmsi", "261003890"));
        assertReencodes(m, ":3A0iB0v>VW8", 0);
    }

    /** amsa-risky/ais.txt.gz. */
    @Test
    void decodesSecondRealInquiry() {
        assertThat(AisDecoder.decode(":3mHUh2Gavn0", 0)).isEqualTo(new UtcDateInquiry(0, 257304000, 0, 636091232, 0));
    }

    @Test
    void trailingSpareMayBeMissing() {
        BitWriter w = AisDecoder.encode(new UtcDateInquiry(2, 1000000000, 1, 2655135, 3));
        assertThat(w.length()).isEqualTo(72);
        assertThat(UtcDateInquiry.decode(truncated(w, 70))).isEqualTo(new UtcDateInquiry(2, 1000000000, 1, 2655135, 0));
        assertThatThrownBy(() -> UtcDateInquiry.decode(truncated(w, 69)))
                .isInstanceOfSatisfying(AisDecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_SHORT));
    }

    @Property
    void roundTrip(@ForAll("inquiries") UtcDateInquiry m) {
        assertThat(reDecoded(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<UtcDateInquiry> inquiries() {
        return Combinators.combine(bits(2), mmsis(), bits(2), mmsis(), bits(2)).as(UtcDateInquiry::new);
    }
}
