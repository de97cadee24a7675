package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.watchkeeper.core.geo.Geodesy;

class DistanceToShoreTest {
    private static Polygon box(double south, double west, double north, double east) {
        return new GeometryFactory().createPolygon(new Coordinate[] {new Coordinate(west, south),
            new Coordinate(east, south), new Coordinate(east, north), new Coordinate(west, north),
            new Coordinate(west, south)});
    }

    @Test
    void distanceToASquareIslandInMetresAndNauticalMiles() {
        DistanceToShore d = new DistanceToShore(new LandMask(List.of(box(0, 0, 1, 1)), -90));
        // 1° of longitude east of the east coast at 0.5°N: 111.19 km × cos 0.5°
        double expected = Math.toRadians(Geodesy.EARTH_RADIUS_M) * Math.cos(Math.toRadians(0.5));
        assertThat(d.metres(0.5, 2.0)).isCloseTo(expected, within(expected * 0.005));
        assertThat(d.nauticalMiles(0.5, 2.0)).isCloseTo(expected / 1852, within(expected / 1852 * 0.005));
        assertThat(d.metres(0.5, 0.5)).isCloseTo(expected / 2, within(expected * 0.005)); // inland: to the coast
        assertThat(d.metres(Double.NaN, 1)).isNaN();
        assertThat(d.metres(0.5, 362.0)).isEqualTo(d.metres(0.5, 2.0));
    }

    @Test
    void continuousAcrossTheAntimeridian() {
        // an island cut by Natural Earth's convention at 180°: two polygons whose ±180° edges are not coast
        LandMask m = new LandMask(List.of(box(0, 179.5, 1, 180), box(0, -180, 1, -179.5)), -90);
        DistanceToShore d = new DistanceToShore(m);
        double degree = Math.toRadians(Geodesy.EARTH_RADIUS_M);
        // 1° north of the island, straddling the meridian: distance to its north coast
        assertThat(d.metres(2.0, 179.99)).isCloseTo(degree, within(degree * 0.005));
        assertThat(d.metres(2.0, -179.99)).isCloseTo(d.metres(2.0, 179.99), within(50.0));
        assertThat(d.metres(2.0, 180.0)).isCloseTo(degree, within(degree * 0.005));
        // on the island at the meridian: 0.5° to the north/south coasts, not 0 to the cut
        assertThat(d.metres(0.5, 180.0)).isCloseTo(degree / 2, within(degree * 0.005));
        assertThat(d.metres(0.5, -179.95)).isCloseTo(m.distanceToCoast(0.5, -179.95, 1e6), within(1000.0));
    }

    @Test
    void naturalEarthGridAgreesWithDirectComputationAndIsFast() {
        LandMask land = LandMask.naturalEarth10m();
        DistanceToShore d = new DistanceToShore(land);
        Random r = new Random(7);
        int n = 400;
        double sumErr = 0, maxErr = 0;
        for (int i = 0; i < n; i++) { // Danish straits, Kattegat and western Baltic: an intricate coast
            double lat = 54 + 4 * r.nextDouble(), lon = 9 + 7 * r.nextDouble();
            double err = Math.abs(d.metres(lat, lon) - land.distanceToCoast(lat, lon, 1e6));
            sumErr += err;
            maxErr = Math.max(maxErr, err);
        }
        assertThat(sumErr / n).isLessThan(1_000);
        assertThat(maxErr).isLessThan(15_700); // the bound: one cell diagonal
        // 212123000's drift north-east of Bornholm, about as far from Bornholm as from Sweden: 27.9 nm
        // directly, 26.1 nm from the grid (interpolating across the ridge between two coasts
        // underestimates; within the bound of one cell diagonal)
        assertThat(land.distanceToCoast(55.64, 15.39, 1e6) / 1852).isCloseTo(27.94, within(0.01));
        assertThat(d.nauticalMiles(55.64, 15.39)).isCloseTo(27.94, within(2.0));
        // mid-Pacific (coarse grid) on both sides of the meridian
        assertThat(d.metres(10, 179.999)).isCloseTo(d.metres(10, -179.999), within(2_000.0));

        // informal benchmark: a vessel track of 200 000 fixes through the Kattegat, grid warm
        int fixes = 200_000;
        double sum = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < fixes; i++) {
                sum += d.metres(56.0 + i * 1e-5, 11.0 + i * 1e-5);
            }
            long ns = System.nanoTime() - t0;
            System.out.printf("DistanceToShore: %.0f ns per lookup (round %d, %d nodes)%n",
                    (double) ns / fixes, round, d.nodesComputed());
        }
        assertThat(sum).isPositive();
    }
}
