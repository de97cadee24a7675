package org.watchkeeper.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AntimeridianTest {
    @Test
    void aLineThatDoesNotCrossIsOnePart() {
        List<double[]> line = List.of(new double[] {170, -17}, new double[] {179.9, -17.1});
        assertThat(Antimeridian.split(line)).containsExactly(line);
    }

    @Test
    void aCrossingIsCutAtTheMeridianWithTheLatitudeInterpolated() {
        // 179.5°E to 179.5°W: one degree the short way, the crossing half-way, at -17.05
        List<List<double[]>> parts = Antimeridian.split(List.of(new double[] {179.5, -17.0}, new double[] {-179.5, -17.1},
                new double[] {-179.0, -17.2}));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).containsExactly(new double[] {179.5, -17.0}, new double[] {180, -17.05});
        assertThat(parts.get(1)).containsExactly(new double[] {-180, -17.05}, new double[] {-179.5, -17.1},
                new double[] {-179.0, -17.2});
        // and back west: cut at -180 / 180
        List<List<double[]>> back = Antimeridian.split(List.of(new double[] {-179.75, 10}, new double[] {179.75, 11}));
        assertThat(back.get(0)).containsExactly(new double[] {-179.75, 10}, new double[] {-180, 10.5});
        assertThat(back.get(1)).containsExactly(new double[] {180, 10.5}, new double[] {179.75, 11});
    }

    @Test
    void motionlessWhenEveryPositionIsTheSame() {
        assertThat(Antimeridian.motionless(List.of(new double[] {12.613717, 55.69725}, new double[] {12.613717, 55.69725})))
                .isTrue();
        assertThat(Antimeridian.motionless(List.of(new double[] {12.613717, 55.69725}, new double[] {12.613718, 55.69725})))
                .isFalse();
    }
}
