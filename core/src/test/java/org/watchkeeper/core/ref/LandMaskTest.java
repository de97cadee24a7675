package org.watchkeeper.core.ref;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped Natural Earth 1:10m land mask at places whose answer is known. */
class LandMaskTest {
    private final LandMask land = LandMask.naturalEarth10m();

    @Test
    void openOceanIsSea() {
        assertThat(land.contains(30, -40)).isFalse();                        // mid-Atlantic
        assertThat(land.isOnLand(30, -40)).isFalse();
        assertThat(land.distanceToCoast(30, -40, 500_000)).isInfinite();     // > 500 km from any coast
        assertThat(land.contains(-50, -120)).isFalse();                      // South Pacific
    }

    @Test
    void inlandCitiesAreLand() {
        assertThat(land.isOnLand(48.8566, 2.3522)).isTrue();                 // Paris
        // Paris is ~150 km from the Channel coast near Le Havre / Dieppe.
        assertThat(land.distanceToCoast(48.8566, 2.3522, 500_000)).isBetween(130_000.0, 170_000.0);
        assertThat(land.isOnLand(52.0, -95.0)).isTrue();                     // Manitoba
        assertThat(land.isOnLand(-25, 135)).isTrue();                        // central Australia
        assertThat(land.isOnLand(-84, 100)).isTrue();                        // Antarctic plateau
    }

    @Test
    void straitsAndBerthsAreNotRejected() {
        assertThat(land.isOnLand(1.20, 103.85)).isFalse();                   // Singapore Strait
        assertThat(land.distanceToCoast(1.20, 103.85, 50_000)).isBetween(3_000.0, 12_000.0);
        assertThat(land.isOnLand(1.265, 103.84)).isFalse();                  // Tanjong Pagar terminal, Singapore
        assertThat(land.isOnLand(40.70, -74.02)).isFalse();                  // Upper New York Bay
        // Berths the 1:10m coast puts inside the land polygon, but within the tolerance of the coast:
        assertThat(land.contains(51.95, 4.05)).isTrue();                      // Maasvlakte, Rotterdam
        assertThat(land.isOnLand(51.95, 4.05)).isFalse();
        assertThat(land.contains(37.80, -122.40)).isTrue();                   // San Francisco piers
        assertThat(land.isOnLand(37.80, -122.40)).isFalse();
        // ...and a stricter caller can use no tolerance at all.
        assertThat(land.isOnLand(37.80, -122.40, 0)).isTrue();
    }

    @Test
    void acrossTheAntimeridian() {
        // Chukotka straddles 180°: land on both sides, also at exactly ±180.
        assertThat(land.isOnLand(67.0, 179.95)).isTrue();
        assertThat(land.isOnLand(67.0, -179.95)).isTrue();
        assertThat(land.isOnLand(67.0, 180.0)).isTrue();
        assertThat(land.isOnLand(67.0, -180.0)).isTrue();
        assertThat(land.isOnLand(67.0, 540.0)).isTrue();
        // Wrangel Island straddles it too.
        assertThat(land.contains(71.2, 179.9)).isTrue();
        assertThat(land.contains(71.2, -179.9)).isTrue();
        // The cut along 180° is not coastline: the distance to the coast is smooth across it.
        double west = land.distanceToCoast(67.0, 179.95, 500_000);
        double east = land.distanceToCoast(67.0, -179.95, 500_000);
        assertThat(west).isGreaterThan(50_000);
        assertThat(Math.abs(west - east)).isLessThan(5_000);
        // Bering Sea south of it is sea.
        assertThat(land.contains(60.0, 180.0)).isFalse();
        assertThat(land.contains(60.0, -179.99)).isFalse();
    }

    @Test
    void notAvailableCoordinatesAreNotLand() {
        assertThat(land.contains(Double.NaN, 10)).isFalse();
        assertThat(land.isOnLand(10, Double.NaN)).isFalse();
        assertThat(land.distanceToCoast(Double.NaN, 0, 1000)).isInfinite();
    }

    @Test
    void segmentGridGivesTheScansDistanceExactly() {
        // The indexed search must return the very same double as the scan of every run in the box,
        // so that grids of distances (DistanceToShore) and the events built on them do not change.
        java.util.Random r = new java.util.Random(11);
        double[] radii = {0, 2_000, 50_000, 200_000, 800_000, 3_200_000};
        int compared = 0, finite = 0;
        for (int i = 0; i < 1_200; i++) {
            double lat, lon;
            switch (i % 4) {
                case 0 -> { lat = 54 + 6 * r.nextDouble(); lon = 4 + 26 * r.nextDouble(); }   // North Sea, Baltic
                case 1 -> { lat = 60 + 25 * r.nextDouble(); lon = -180 + 360 * r.nextDouble(); } // Arctic
                case 2 -> { lat = -5 + 10 * r.nextDouble(); lon = 178 + 4 * r.nextDouble(); }   // Fiji, antimeridian
                default -> { lat = -85 + 170 * r.nextDouble(); lon = -180 + 360 * r.nextDouble(); }
            }
            double radius = radii[i % radii.length];
            double grid = land.distanceToCoast(lat, lon, radius);
            double scan = land.distanceToCoastByScan(lat, lon, radius);
            assertThat(grid).as("lat %s lon %s radius %s", lat, lon, radius).isEqualTo(scan);
            compared++;
            if (Double.isFinite(scan)) {
                finite++;
            }
        }
        assertThat(compared).isEqualTo(1_200);
        assertThat(finite).isGreaterThan(400); // most comparisons find a coast, not just "none within"
        // Nodes on cell edges and at the 180° meridian
        for (double lat = -60; lat <= 70; lat += 0.25) {
            for (double lon : new double[] {-180, -179.75, 179.75, 8.0, 12.5}) {
                assertThat(land.distanceToCoast(lat, lon, 200_000)).isEqualTo(land.distanceToCoastByScan(lat, lon, 200_000));
            }
        }
    }
}
