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
 * <p>Size: 1 440 × 720 bits (127 KB) whatever the port list. Immutable and thread safe after construction.
 */
final class PortReach {
    static final double CELL_DEG = 0.25;
    private static final int COLS = (int) (360 / CELL_DEG);
    private static final int ROWS = (int) (180 / CELL_DEG);
    private static final double MARGIN_FRACTION = 0.001;
    private static final double MARGIN_METRES = 50;
    private final long[] bits = new long[(COLS * ROWS + 63) >>> 6];

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
        for (int r = row(minLat); r <= row(maxLat); r++) {
            for (int c = c0; ; c = (c + 1) % COLS) {
                int i = r * COLS + c;
                bits[i >>> 6] |= 1L << i;
                if (c == c1) {
                    break;
                }
            }
        }
    }

    /** Whether a port visit may start at the position (false: certainly no port in reach). */
    boolean mayReach(double lat, double lon) {
        int i = row(lat) * COLS + col(lon);
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static int row(double lat) {
        return Math.min(ROWS - 1, Math.max(0, (int) Math.floor((lat + 90) / CELL_DEG)));
    }

    private static int col(double lon) {
        int c = (int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / CELL_DEG);
        return Math.floorMod(c, COLS);
    }
}
