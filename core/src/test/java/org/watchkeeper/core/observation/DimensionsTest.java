package org.watchkeeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DimensionsTest {
    static final int NA = Observation.NOT_AVAILABLE;

    @Test
    void offsetsAsSentGiveLengthAndBeamAsTheirSums() {
        Dimensions d = new Dimensions(169, 40, 14, 14); // type 5 of field case B16
        assertThat(d.hasOffsets()).isTrue();
        assertThat(d.length()).isEqualTo(209);
        assertThat(d.beam()).isEqualTo(28);
        assertThat(d.isEmpty()).isFalse();
        assertThat(d).isEqualTo(new Dimensions(169, 40, 14, 14, 209, 28));
        // 0 = not available for that side: a type 24B with only the bow distance
        Dimensions bow = new Dimensions(12, 0, 0, 0);
        assertThat(bow.length()).isEqualTo(12);
        assertThat(bow.beam()).isEqualTo(NA);
        assertThat(new Dimensions(0, 0, 0, 0).isEmpty()).isTrue();
        assertThat(new Dimensions(0, 0, 0, 0).hasOffsets()).isTrue();
    }

    @Test
    void overallSizeHasNoOffsets() {
        Dimensions d = Dimensions.overall(225, 23);
        assertThat(d.hasOffsets()).isFalse();
        assertThat(d.length()).isEqualTo(225);
        assertThat(d.beam()).isEqualTo(23);
        assertThat(new int[] {d.toBow(), d.toStern(), d.toPort(), d.toStarboard()}).containsOnly(NA);
        assertThat(d.isEmpty()).isFalse();
        assertThat(d).isNotEqualTo(new Dimensions(225, 0, 23, 0));
        Dimensions lengthOnly = Dimensions.overall(14, NA);
        assertThat(lengthOnly.length()).isEqualTo(14);
        assertThat(lengthOnly.beam()).isEqualTo(NA);
        assertThat(Dimensions.overall(NA, NA).isEmpty()).isTrue();
    }

    @Test
    void inconsistentValuesAreRefused() {
        assertThatThrownBy(() -> Dimensions.overall(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length must be >= 1 metre or NOT_AVAILABLE: 0");
        assertThatThrownBy(() -> Dimensions.overall(10, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beam must be >= 1 metre or NOT_AVAILABLE: -5");
        assertThatThrownBy(() -> new Dimensions(10, -1, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offsets must all be >= 0 or all NOT_AVAILABLE: 10, -1, 2, 2");
        assertThatThrownBy(() -> new Dimensions(100, 20, 5, 5, 121, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length and beam must be bow + stern and port + starboard: 121 x 10 for 100, 20, 5, 5");
    }
}
