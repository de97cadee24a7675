package org.watchkeeper.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceBoundsTest {
    @Test
    void boundsBracketTheHaversineDistanceFromMetresToAntipodes() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            double lat1 = rnd.nextDouble(-90, 90);
            double lon1 = rnd.nextDouble(-180, 180);
            // mostly near pairs (what the detectors compare), some anywhere on the globe
            double scale = k % 10 == 0 ? 180 : Math.pow(10, rnd.nextDouble(-6, 0));
            double lat2 = Math.max(-90, Math.min(90, lat1 + rnd.nextDouble(-scale, scale)));
            double lon2 = lon1 + rnd.nextDouble(-2 * scale, 2 * scale);
            double d = Geodesy.distance(lat1, lon1, lat2, lon2);
            double h = Geodesy.haversine(lat1, lon1, lat2, lon2);
            assertThat(DistanceBounds.lower(h)).isLessThanOrEqualTo(d);
            assertThat(DistanceBounds.upper(h)).isGreaterThanOrEqualTo(d);
        }
    }

    @Test
    void boundsAreTightForShipScaleDistances() {
        // 1 km east at 55° N: both bounds within a millimetre of the distance
        double lon2 = 12 + Math.toDegrees(1000 / (Geodesy.EARTH_RADIUS_M * Math.cos(Math.toRadians(55))));
        double d = Geodesy.distance(55, 12, 55, lon2);
        double h = Geodesy.haversine(55, 12, 55, lon2);
        assertThat(d).isBetween(999.0, 1001.0);
        assertThat(DistanceBounds.upper(h) - DistanceBounds.lower(h)).isLessThan(1e-3);
        assertThat(DistanceBounds.lower(Geodesy.haversine(55, 12, 55, 12))).isZero();
    }

    @Test
    void antipodesAndNaN() {
        double h = Geodesy.haversine(0, 0, 0, 180);
        assertThat(h).isEqualTo(1.0);
        assertThat(DistanceBounds.upper(h)).isInfinite();
        assertThat(DistanceBounds.lower(h)).isLessThanOrEqualTo(Geodesy.distance(0, 0, 0, 180));
        assertThat(DistanceBounds.upper(Geodesy.haversine(Double.NaN, 0, 0, 0))).isNaN();
    }
}
