package org.watchkeeper.core.detect.encounter;

import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * Whether a position lies within a fixed distance of any port or anchorage of a {@link PortIndex}
 * (as {@code ports.nearest(lat, lon, radius) != null}: distance ≤ radius), answered mostly from a
 * raster built lazily as positions arrive.
 *
 * <p>Two levels: a grid cell of the encounter detector (0.5° by default) is classified once as "far"
 * when no port lies within the radius of any point of it (then every position in it is answered by
 * one array read); any other cell gets a fine raster of about 0.01° (1.1 km) whose boxes are
 * classified on first use as all-far, all-near or mixed. Only a position in a mixed box (a band about
 * 1.6 km wide along the radius around each port) costs an exact {@link PortIndex#nearest} query. A box
 * is classified from its centre c and the distance h from c to its farthest corner: by the triangle
 * inequality every point p of it has {@code d(c) - h ≤ d(p) ≤ d(c) + h}; a slack of 1 % of the
 * distances plus 10 m covers the planar approximation {@link PortIndex} uses near port areas, so the
 * raster never answers otherwise than the exact query would.
 *
 * <p>Not thread safe (lazy tables); one instance per detector instance, which one thread drives.
 */
final class PortProximity {
    /** Target size of a fine box, degrees. */
    private static final double FINE_DEG = 0.01;
    private static final byte UNKNOWN = 0;
    private static final byte FAR = 1;
    private static final byte NEAR = 2;
    private static final byte MIXED = 3;

    private final PortIndex ports;
    private final double radius;
    private final boolean none;
    private final double cellDeg;
    private final int rows;
    private final int cols;
    private final int sub;
    private final double subDeg;
    /** Per coarse cell (row × cols + col): UNKNOWN, FAR or MIXED; null until first needed. */
    private byte[] coarse;
    /** Per coarse cell that is not FAR: its fine boxes (row × sub + col), null until first needed. */
    private byte[][] fine;

    /**
     * @param ports ports and anchorages
     * @param radiusMetres the distance, metres ≥ 0
     * @param cellDeg the coarse cell, degrees, dividing 180
     */
    PortProximity(PortIndex ports, double radiusMetres, double cellDeg) {
        this.ports = ports;
        this.radius = radiusMetres;
        this.none = ports.ports().isEmpty();
        this.cellDeg = cellDeg;
        this.rows = (int) Math.round(180 / cellDeg);
        this.cols = 2 * rows;
        this.sub = Math.max(1, (int) Math.round(cellDeg / FINE_DEG));
        this.subDeg = cellDeg / sub;
    }

    /**
     * True when a port lies within the radius of the position (latitude -90..90, longitude normalised
     * to [-180, 180)); false for NaN positions.
     */
    boolean near(double lat, double lon) {
        if (none || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon < 180)) {
            return false;
        }
        int r = Math.min(rows - 1, (int) ((lat + 90) / cellDeg));
        int c = Math.min(cols - 1, (int) ((lon + 180) / cellDeg));
        int cell = r * cols + c;
        byte[] co = coarse;
        if (co == null) {
            co = coarse = new byte[rows * cols];
        }
        byte k = co[cell];
        if (k == UNKNOWN) {
            double la0 = r * cellDeg - 90;
            double lo0 = c * cellDeg - 180;
            k = classify(la0, lo0, la0 + cellDeg, lo0 + cellDeg);
            k = k == FAR ? FAR : MIXED;
            co[cell] = k;
        }
        if (k == FAR) {
            return false;
        }
        if (fine == null) {
            fine = new byte[rows * cols][];
        }
        byte[] f = fine[cell];
        if (f == null) {
            f = fine[cell] = new byte[sub * sub];
        }
        double la0 = r * cellDeg - 90;
        double lo0 = c * cellDeg - 180;
        int fr = Math.max(0, Math.min(sub - 1, (int) ((lat - la0) / subDeg)));
        int fc = Math.max(0, Math.min(sub - 1, (int) ((lon - lo0) / subDeg)));
        int box = fr * sub + fc;
        byte b = f[box];
        if (b == UNKNOWN) {
            double bla = la0 + fr * subDeg;
            double blo = lo0 + fc * subDeg;
            b = classify(bla, blo, bla + subDeg, blo + subDeg);
            f[box] = b;
        }
        if (b != MIXED) {
            return b == NEAR;
        }
        return ports.nearest(lat, lon, radius) != null;
    }

    /** FAR, NEAR or MIXED for the box [la0, la1] × [lo0, lo1] (degrees, lo0 < lo1 ≤ 180). */
    private byte classify(double la0, double lo0, double la1, double lo1) {
        double cla = (la0 + la1) / 2;
        double clo = Geodesy.normalizeLongitude((lo0 + lo1) / 2);
        double h = Math.max(Math.max(Geodesy.distance(cla, clo, la0, lo0), Geodesy.distance(cla, clo, la0, lo1)),
                Math.max(Geodesy.distance(cla, clo, la1, lo0), Geodesy.distance(cla, clo, la1, lo1)));
        double slack = 0.01 * (radius + h) + 10;
        PortIndex.Nearest n = ports.nearest(cla, clo, radius + h + slack);
        if (n == null) {
            return FAR;
        }
        return n.distanceMetres() + h + slack <= radius ? NEAR : MIXED;
    }
}
