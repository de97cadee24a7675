package org.watchkeeper.core.detect.port;

import org.locationtech.jts.geom.Envelope;
import org.watchkeeper.core.geo.BoundingBox;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * Which grid cells a port visit can start in: a bit per cell of {@value #CELL_DEG}° over
 * longitude/latitude, set when some part of the cell lies within reach of a port (the bounding box of
 * the entry circle around a point port, widened by a margin, or the envelope of a port area). A fix
 * in a cell whose bit is clear is certainly neither inside a port area nor within the entry radius of
 * a point port, so {@link PortVisitDetector} answers "no port" for it without querying the index; a
 * set bit only means the index must be asked. The margin ({@value #MARGIN_FRACTION} of the radius
 * plus {@value #MARGIN_METRES} m) covers rounding between the box and the haversine distance the index
 * confirms with. Boxes and envelopes that cross the 180° meridian wrap; boxes that reach a pole span
 * all longitudes ({@link Geodesy#boundingBox}).
 *
 * <p>Each set cell is split again into {@value #FINE} × {@value #FINE} cells of {@value #FINE_DEG}°
 * (about 1.1 km north-south) with a bit each, set the same way but one fine cell wider on every side
 * (so a fix that rounds into a neighbouring fine cell is still answered by the index): near the coast
 * most fixes lie in a coarse cell some port reaches, yet kilometres away from every port.
 *
 * <p>Size: 1 440 × 720 bits (127 KB) and a reference per coarse cell (4 MB), plus 80 bytes per set
 * coarse cell. Immutable and thread safe after construction.
 */
final class PortReach {
    static final double CELL_DEG = 0.25;
    private static final int COLS = (int) (360 / CELL_DEG);
    private static final int ROWS = (int) (180 / CELL_DEG);
    private static final double MARGIN_FRACTION = 0.001;
    private static final double MARGIN_METRES = 50;
    private final long[] bits = new long[(COLS * ROWS + 63) >>> 6];
    /** Fine cells per coarse cell side. */
    static final int FINE = 25;
    /** Side of a fine cell, degrees. */
    static final double FINE_DEG = CELL_DEG / FINE;
    /** Bits of the fine cells (row-major) of each set coarse cell; null for a clear one. */
    private final long[][] fine = new long[COLS * ROWS][];

    /**
     * @param ports the ports the detector watches
     * @param entryRadiusMetres the entry radius around point ports, metres ≥ 0
     */
    PortReach(PortIndex ports, double entryRadiusMetres) {
        double radius = entryRadiusMetres * (1 + MARGIN_FRACTION) + MARGIN_METRES;
        for (Port p : ports.ports()) {
            if (p.area() != null) {
                Envelope e = p.area().getEnvelopeInternal();
                mark(e.getMinY(), e.getMaxY(), e.getMinX(), e.getMaxX(), e.getWidth() >= 360);
            } else if (p.latitude() >= -90 && p.latitude() <= 90) {
                BoundingBox b = Geodesy.boundingBox(p.latitude(), p.longitude(), radius);
                mark(b.minLat(), b.maxLat(), b.minLon(), b.maxLon(), b.minLon() == -180 && b.maxLon() == 180);
            }
        }
    }

    private void mark(double minLat, double maxLat, double minLon, double maxLon, boolean allLongitudes) {
        int c0 = allLongitudes ? 0 : col(minLon);
        int c1 = allLongitudes ? COLS - 1 : col(maxLon);
        // fine rows and columns, counted from the south pole and from -180°, one wider on each side;
        // a box that wraps around the 180° meridian marks whole coarse cells
        boolean wraps = allLongitudes || c1 < c0;
        long fr0 = fineIndex(minLat + 90) - 1;
        long fr1 = fineIndex(maxLat + 90) + 1;
        long fc0 = wraps ? Long.MIN_VALUE : fineIndex(Geodesy.normalizeLongitude(minLon) + 180) - 1;
        long fc1 = wraps ? Long.MAX_VALUE : fineIndex(Geodesy.normalizeLongitude(maxLon) + 180) + 1;
        for (int r = row(minLat); r <= row(maxLat); r++) {
            for (int c = c0; ; c = (c + 1) % COLS) {
                int i = r * COLS + c;
                bits[i >>> 6] |= 1L << i;
                long[] f = fine[i];
                if (f == null) {
                    f = new long[(FINE * FINE + 63) >>> 6];
                    fine[i] = f;
                }
                int y0 = (int) Math.max(0, fr0 - (long) r * FINE);
                int y1 = (int) Math.min(FINE - 1, fr1 - (long) r * FINE);
                int x0 = (int) Math.max(0, Math.max(Long.MIN_VALUE / 2, fc0) - (long) c * FINE);
                int x1 = (int) Math.min(FINE - 1, Math.min(Long.MAX_VALUE / 2, fc1) - (long) c * FINE);
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        int k = y * FINE + x;
                        f[k >>> 6] |= 1L << k;
                    }
                }
                if (c == c1) {
                    break;
                }
            }
        }
    }

    /** Whether a port visit may start at the position (false: certainly no port in reach). */
    boolean mayReach(double lat, double lon) {
        int r = row(lat);
        int c = col(lon);
        int i = r * COLS + c;
        if ((bits[i >>> 6] & (1L << i)) == 0) {
            return false;
        }
        long[] f = fine[i];
        long y = fineIndex(lat + 90) - (long) r * FINE;
        long x = fineIndex(Geodesy.normalizeLongitude(lon) + 180) - (long) c * FINE;
        if (y < -1 || y > FINE || x < -1 || x > FINE) {
            return true; // the coarse cell was clamped or wrapped: let the index answer
        }
        // a fine index one outside the coarse cell (rounding at its edge) reads the edge cell, which
        // the one-cell widening has set whenever the outside one would be
        int k = (int) (Math.min(FINE - 1, Math.max(0, y)) * FINE + Math.min(FINE - 1, Math.max(0, x)));
        return (f[k >>> 6] & (1L << k)) != 0;
    }

    /** The fine cell an offset from the south pole or from -180° (degrees) falls in. */
    private static long fineIndex(double degrees) {
        return (long) Math.floor(degrees / FINE_DEG);
    }

    private static int row(double lat) {
        return Math.min(ROWS - 1, Math.max(0, (int) Math.floor((lat + 90) / CELL_DEG)));
    }

    private static int col(double lon) {
        int c = (int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / CELL_DEG);
        return Math.floorMod(c, COLS);
    }
}
