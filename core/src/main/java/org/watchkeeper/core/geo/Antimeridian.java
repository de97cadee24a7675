package org.watchkeeper.core.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of positions cut at the 180° meridian, as GeoJSON (RFC 7946 §3.1.9) and KML viewers need them:
 * a line drawn from 179.9°E to 179.9°W without the cut crosses the whole map the other way.
 */
public final class Antimeridian {
    private Antimeridian() {
    }

    /**
     * The parts of a line cut at each crossing of the 180° meridian: a step between consecutive
     * positions of more than 180° of longitude is taken as the short way across it. Each part ends
     * (and the next begins) at ±180° with the crossing latitude interpolated linearly between the two
     * positions either side, rounded to 6 decimals.
     *
     * @param line positions {@code [longitude, latitude]} in degrees, longitude in [-180, 180]; not changed
     * @return one part (the line itself) when it does not cross, else two or more
     */
    public static List<List<double[]>> split(List<double[]> line) {
        List<List<double[]>> parts = new ArrayList<>();
        List<double[]> cur = new ArrayList<>();
        double[] prev = null;
        for (double[] q : line) {
            if (prev != null && Math.abs(q[0] - prev[0]) > 180) {
                // crossing: unwrap the next longitude next to the previous one, interpolate at ±180
                double edge = prev[0] > 0 ? 180 : -180;
                double lon2 = q[0] + (prev[0] > 0 ? 360 : -360);
                double f = (edge - prev[0]) / (lon2 - prev[0]);
                double lat = Coordinates.round6(prev[1] + f * (q[1] - prev[1]));
                cur.add(new double[] {edge, lat});
                parts.add(cur);
                cur = new ArrayList<>();
                cur.add(new double[] {-edge, lat});
            }
            cur.add(q);
            prev = q;
        }
        parts.add(cur);
        return parts;
    }

    /** Whether every position of a non-empty line is the same: it is a point (a line needs two distinct positions). */
    public static boolean motionless(List<double[]> line) {
        double[] first = line.get(0);
        for (double[] p : line) {
            if (p[0] != first[0] || p[1] != first[1]) {
                return false;
            }
        }
        return true;
    }
}
