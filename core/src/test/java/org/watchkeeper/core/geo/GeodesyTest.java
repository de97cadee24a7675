package org.watchkeeper.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GeodesyTest {

    /** The series below 127 km agrees with the arcsine to the last bit or one unit in it, across its whole range. */
    @Test
    void distanceOfHaversineAgreesWithTheArcsineToOneUlp() {
        java.util.Random r = new java.util.Random(42);
        int differing = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // spread over the decades 1e-16 .. 1e-4 of h (metres to 127 km), plus the boundary
            double h = i == 0 ? Math.nextDown(1e-4) : Math.pow(10, -16 + 12 * r.nextDouble());
            double exact = 2 * Geodesy.EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
            double got = Geodesy.distanceOfHaversine(h);
            assertThat(Math.abs(got - exact)).as("h = %s", h).isLessThanOrEqualTo(Math.ulp(exact));
            if (got != exact) {
                differing++;
            }
        }
        assertThat(differing).isLessThan(100_000); // mostly bit-identical
        assertThat(Geodesy.distanceOfHaversine(0)).isEqualTo(0.0);
        assertThat(Geodesy.distanceOfHaversine(Double.NaN)).isNaN();
        assertThat(Geodesy.distanceOfHaversine(1e-4)).isEqualTo(2 * Geodesy.EARTH_RADIUS_M * Math.asin(0.01));
        assertThat(Geodesy.distanceOfHaversine(1)).isEqualTo(Math.PI * Geodesy.EARTH_RADIUS_M);
    }

    /** The series below 0.01 rad agrees with Math.sin to one unit in the last place, across its whole range. */
    @Test
    void sineSeriesAgreesWithMathSinToOneUlp() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            double x = i == 0 ? Math.nextDown(0.01) : Math.copySign(Math.pow(10, -12 + 10 * r.nextDouble()), r.nextDouble() - 0.5);
            double exact = Math.sin(x);
            assertThat(Math.abs(Geodesy.sine(x) - exact)).as("x = %s", x).isLessThanOrEqualTo(Math.ulp(exact));
        }
        assertThat(Geodesy.sine(0.0)).isEqualTo(0.0);
        assertThat(Geodesy.sine(0.5)).isEqualTo(Math.sin(0.5));
        assertThat(Geodesy.sine(Double.NaN)).isNaN();
    }

    /**
     * The tabulated cosine of a latitude agrees with Math.cos to within two units in the last place of
     * 1 (an absolute 4.4e-16) over the whole range, and exactly at the tabulated angles; outside
     * ±π/2 and for NaN it is Math.cos itself.
     */
    @Test
    void tabulatedCosineAgreesWithMathCos() {
        java.util.Random r = new java.util.Random(5);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = i < 2 ? (i == 0 ? Math.PI / 2 : -Math.PI / 2) : (r.nextDouble() - 0.5) * Math.PI;
            double err = Math.abs(Geodesy.cosine(x) - Math.cos(x));
            worst = Math.max(worst, err);
            assertThat(err).as("x = %s", x).isLessThanOrEqualTo(2 * Math.ulp(1.0));
        }
        assertThat(worst).isGreaterThan(0.0); // the table path was taken, not Math.cos
        assertThat(Geodesy.cosine(0.0)).isEqualTo(1.0);
        assertThat(Geodesy.cosine(Math.toRadians(60))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(Geodesy.cosine(2.0)).isEqualTo(Math.cos(2.0));
        assertThat(Geodesy.cosine(Double.NaN)).isNaN();
    }

    /**
     * The haversine term with one cosine of the mean latitude equals the textbook form
     * sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) to rounding, from metres apart to antipodes, across the
     * antimeridian and near the poles.
     */
    @Test
    void haversineEqualsTheTextbookForm() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 1_000_000; i++) {
            double lat1 = -89.9 + 179.8 * r.nextDouble();
            double lon1 = -180 + 360 * r.nextDouble();
            double scale = Math.pow(10, -5 + 7 * r.nextDouble()); // degrees apart: 1e-5 (a metre) .. 100
            double lat2 = Math.max(-90, Math.min(90, lat1 + scale * (r.nextDouble() - 0.5)));
            double lon2 = Geodesy.normalizeLongitude(lon1 + scale * (r.nextDouble() - 0.5));
            double p1 = Math.toRadians(lat1);
            double p2 = Math.toRadians(lat2);
            double sp = Math.sin(Math.toRadians(lat2 - lat1) / 2); // difference in degrees: exact for near latitudes
            double sl = Math.sin(Math.toRadians(lon2 - lon1) / 2);
            double textbook = sp * sp + Math.cos(p1) * Math.cos(p2) * sl * sl;
            double got = Geodesy.haversine(lat1, lon1, lat2, lon2);
            assertThat(got).as("%s %s %s %s", lat1, lon1, lat2, lon2).isCloseTo(textbook, within(1e-12 * textbook));
            // metres: the distances agree to a micrometre
            assertThat(Geodesy.distanceOfHaversine(got))
                    .isCloseTo(2 * Geodesy.EARTH_RADIUS_M * Math.asin(Math.sqrt(textbook)), within(1e-6));
        }
        assertThat(Geodesy.haversine(55.1, 12.2, 55.1, 12.2)).isEqualTo(0.0);
        assertThat(Geodesy.haversine(Double.NaN, 0, 0, 0)).isNaN();
    }

    @Test
    void antipodesAreHalfACircumferenceApart() {
        // π · 6 371 008.8 m
        assertThat(Geodesy.distance(0, 0, 0, 180)).isCloseTo(20_015_114.44, within(0.01));
        assertThat(Geodesy.distance(0, 0, 0, -180)).isCloseTo(20_015_114.44, within(0.01));
        assertThat(Geodesy.distance(90, 0, -90, 0)).isCloseTo(20_015_114.44, within(0.01));
        assertThat(Geodesy.distance(35.5, 139.7, -35.5, -40.3)).isCloseTo(20_015_114.44, within(0.01));
    }

    @Test
    void acrossTheAntimeridianIsTheShortWay() {
        // 0.2° of the equator = 0.2 · π/180 · R
        assertThat(Geodesy.distance(0, 179.9, 0, -179.9)).isCloseTo(22_239.016, within(0.01));
        assertThat(Geodesy.initialBearing(0, 179.9, 0, -179.9)).isCloseTo(90, within(1e-9));
        assertThat(Geodesy.initialBearing(0, -179.9, 0, 179.9)).isCloseTo(270, within(1e-9));
        double[] p = Geodesy.destination(0, 179.95, 90, 11_119.508);
        assertThat(p[0]).isCloseTo(0, within(1e-9));
        assertThat(p[1]).isCloseTo(-179.95, within(1e-6));
    }

    @Test
    void nearThePoleTheGreatCircleCrossesIt() {
        assertThat(Geodesy.distance(89.9, 0, 89.9, 180)).isCloseTo(22_239.016, within(0.01));
        assertThat(Geodesy.initialBearing(89.9, 0, 89.9, 180)).isCloseTo(0, within(1e-9));
        double[] p = Geodesy.destination(89.9, 0, 0, 22_239.016);
        assertThat(p[0]).isCloseTo(89.9, within(1e-6));
        assertThat(Math.abs(p[1])).isCloseTo(180, within(1e-6));
    }

    @Test
    void knownCityPairs() {
        // Paris Notre-Dame to London Charing Cross: 343.56 km on the mean sphere.
        assertThat(Geodesy.distance(48.8566, 2.3522, 51.5074, -0.1278)).isCloseTo(343_556.5, within(1.0));
        // LAX to JFK: 3 974.3 km on the sphere (3 983 km on WGS 84; the sphere is within 0.5 %).
        assertThat(Geodesy.distance(33.9425, -118.4081, 40.6413, -73.7781)).isCloseTo(3_974_267, within(10.0));
        // One degree of latitude.
        assertThat(Geodesy.distance(0, 0, 1, 0)).isCloseTo(111_195.08, within(0.01));
        assertThat(Geodesy.distanceNm(0, 0, 1, 0)).isCloseTo(60.04, within(0.01));
    }

    @Test
    void bearingsOnTheCardinalDirections() {
        assertThat(Geodesy.initialBearing(0, 0, 10, 0)).isEqualTo(0);
        assertThat(Geodesy.initialBearing(0, 0, 0, 10)).isCloseTo(90, within(1e-9));
        assertThat(Geodesy.initialBearing(0, 0, -10, 0)).isCloseTo(180, within(1e-9));
        assertThat(Geodesy.initialBearing(0, 0, 0, -10)).isCloseTo(270, within(1e-9));
        assertThat(Geodesy.initialBearing(10, 10, 10, 10)).isEqualTo(0);
        // Paris to London heads north-west (~330°).
        assertThat(Geodesy.initialBearing(48.8566, 2.3522, 51.5074, -0.1278)).isBetween(328.0, 332.0);
    }

    @Test
    void impliedSpeedOfCaseB30() {
        // 0.0300 nmi in 60 s = 1.80 kn
        double[] p = Geodesy.destination(10, 20, 0, 0.03 * 1852);
        assertThat(Geodesy.impliedSpeedKnots(10, 20, p[0], p[1], 60_000)).isCloseTo(1.80, within(1e-6));
        assertThat(Geodesy.impliedSpeedKnots(10, 20, 10, 20, 0)).isZero();
        assertThat(Geodesy.impliedSpeedKnots(10, 20, 10, 21, 0)).isInfinite();
    }

    @Test
    void boundingBoxes() {
        BoundingBox b = Geodesy.boundingBox(0, 179.99, 10_000);
        assertThat(b.crossesAntimeridian()).isTrue();
        assertThat(b.contains(0, -179.95)).isTrue();
        assertThat(b.contains(0, 179.95)).isTrue();
        assertThat(b.contains(0, 0)).isFalse();
        BoundingBox polar = Geodesy.boundingBox(89.95, 10, 10_000);
        assertThat(polar.maxLat()).isEqualTo(90);
        assertThat(polar.contains(89.95, -170)).isTrue();
        assertThatThrownBy(() -> Geodesy.boundingBox(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geodesy.boundingBox(91, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void destinationInvertsDistanceAndBearing(@ForAll @DoubleRange(min = -89, max = 89) double lat,
                                              @ForAll @DoubleRange(min = -180, max = 180) double lon,
                                              @ForAll @DoubleRange(min = 0, max = 359.99) double bearing,
                                              @ForAll @DoubleRange(min = 1, max = 5_000_000) double dist) {
        double[] p = Geodesy.destination(lat, lon, bearing, dist);
        assertThat(p[1]).isBetween(-180.0, 180.0);
        assertThat(Geodesy.distance(lat, lon, p[0], p[1])).isCloseTo(dist, within(1e-6 * dist + 1e-3));
        double back = Geodesy.initialBearing(lat, lon, p[0], p[1]);
        double diff = Math.abs(Geodesy.longitudeDifference(bearing, back));
        assertThat(diff).isLessThan(1e-5);
    }

    @Property(tries = 500)
    void boundingBoxContainsEveryPointWithinTheRadius(@ForAll @DoubleRange(min = -89.9, max = 89.9) double lat,
                                                      @ForAll @DoubleRange(min = -180, max = 180) double lon,
                                                      @ForAll @DoubleRange(min = 0, max = 359.99) double bearing,
                                                      @ForAll @DoubleRange(min = 0, max = 1) double fraction,
                                                      @ForAll @DoubleRange(min = 1, max = 500_000) double radius) {
        BoundingBox box = Geodesy.boundingBox(lat, lon, radius);
        double[] p = Geodesy.destination(lat, lon, bearing, radius * fraction * 0.999_999);
        assertThat(box.contains(p[0], p[1])).as("box %s point %s,%s", box, p[0], p[1]).isTrue();
    }
}
