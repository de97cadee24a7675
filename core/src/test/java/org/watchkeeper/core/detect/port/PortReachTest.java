package org.watchkeeper.core.detect.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * {@link PortReach} never rules out a position the port index would give a port for: points scattered
 * around every port (inside, on and just beyond the entry radius, in every direction), around the
 * 180° meridian and the poles, and over the whole globe.
 */
class PortReachTest {
    private static final double ENTRY = PortVisitConfig.DEFAULTS.entryRadiusMetres();

    /** Whether the index finds a port where a visit starts (a containing area, or a point port in reach). */
    private static boolean indexFinds(PortIndex ports, double lat, double lon) {
        return ports.containing(lat, lon) != null || ports.nearest(lat, lon, ENTRY, true) != null;
    }

    /** Checks n points around each port and returns how many of them the index gave a port for. */
    private static int checkAround(PortIndex ports, PortReach reach, SplittableRandom rnd, int perPort, double maxMetres) {
        int found = 0;
        for (Port p : ports.ports()) {
            for (int k = 0; k < perPort; k++) {
                double bearing = rnd.nextDouble(360);
                // Half the points within 0.9-1.1 entry radii (the rim), the rest anywhere up to maxMetres.
                double d = k % 2 == 0 ? ENTRY * rnd.nextDouble(0.9, 1.1) : rnd.nextDouble(maxMetres);
                double[] q = Geodesy.destination(p.latitude(), p.longitude(), bearing, d);
                boolean finds = indexFinds(ports, q[0], q[1]);
                if (finds) {
                    found++;
                    assertThat(reach.mayReach(q[0], q[1])).as("port %s, point %f %f", p.id(), q[0], q[1]).isTrue();
                }
            }
        }
        return found;
    }

    @Test
    void neverRulesOutAPortTheIndexFinds() {
        PortIndex ports = PortIndex.seaPorts();
        PortReach reach = new PortReach(ports, ENTRY);
        SplittableRandom rnd = new SplittableRandom(42);
        int found = checkAround(ports, reach, rnd, 40, 30_000);
        // The test exercises positions in reach, not only far ones.
        assertThat(found).isGreaterThan(ports.ports().size() * 10);
        int ruledOut = 0;
        for (int k = 0; k < 200_000; k++) {
            double lat = Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1)));
            double lon = rnd.nextDouble(-180, 180);
            if (indexFinds(ports, lat, lon)) {
                assertThat(reach.mayReach(lat, lon)).isTrue();
            } else if (!reach.mayReach(lat, lon)) {
                ruledOut++;
            }
        }
        // Most of the globe is far from any port.
        assertThat(ruledOut).isGreaterThan(190_000);
    }

    @Test
    void wrapsAtTheMeridianAndSpansAllLongitudesAtThePoles() {
        List<Port> ps = List.of(
                new Port("E", "east", null, null, -17.0, 179.99, null, "test"),
                new Port("W", "west", null, null, 65.0, -179.995, null, "test"),
                new Port("N", "north", null, null, 89.99, 10.0, null, "test"));
        PortIndex ports = new PortIndex(ps);
        PortReach reach = new PortReach(ports, ENTRY);
        assertThat(reach.mayReach(-17.0, -179.99)).isTrue(); // 2 km east of E, across the meridian
        assertThat(reach.mayReach(65.0, 179.99)).isTrue(); // west of W, across the meridian
        assertThat(reach.mayReach(89.995, -170.0)).isTrue(); // across the pole from N
        assertThat(reach.mayReach(0, 0)).isFalse();
        assertThat(reach.mayReach(-17.0, 179.0)).isFalse(); // 106 km west of E
        checkAround(ports, reach, new SplittableRandom(7), 5_000, 10_000);
    }

    @Test
    void coversPortAreas() throws IOException {
        Path dir = AmsaPortVisitTest.shared().resolve("data/geo/amsa-risky/port-visit-shapefiles");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared AMSA port polygons absent under " + dir);
        PortIndex ports = AmsaPortVisitTest.amsaPorts(dir);
        PortReach reach = new PortReach(ports, ENTRY);
        int inside = 0;
        SplittableRandom rnd = new SplittableRandom(3);
        for (Port p : ports.ports()) {
            var e = p.area().getEnvelopeInternal();
            for (int k = 0; k < 500; k++) {
                double lat = rnd.nextDouble(e.getMinY() - 0.05, e.getMaxY() + 0.05);
                double lon = rnd.nextDouble(e.getMinX() - 0.05, e.getMaxX() + 0.05);
                if (ports.containing(lat, lon) != null) {
                    inside++;
                    assertThat(reach.mayReach(lat, lon)).isTrue();
                }
            }
        }
        assertThat(inside).isGreaterThan(1_000);
    }
}
