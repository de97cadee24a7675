package org.watchkeeper.core.sim;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A named polygon used by the demo's zone-entry event.
 *
 * @param name shown to users
 * @param ring closed ring of positions (first equals last), counter-clockwise
 */
public record DemoZone(String name, List<LatLon> ring) {
    private static final GeometryFactory GF = new GeometryFactory();

    /** @throws IllegalArgumentException if the ring is not closed or has fewer than 4 positions */
    public DemoZone {
        ring = List.copyOf(ring);
        if (ring.size() < 4 || !ring.get(0).equals(ring.get(ring.size() - 1))) {
            throw new IllegalArgumentException("zone ring must be closed with at least 4 positions");
        }
    }

    /** The zone as a JTS polygon with x = longitude, y = latitude (degrees). */
    public Polygon polygon() {
        Coordinate[] c = ring.stream().map(p -> new Coordinate(p.lon(), p.lat())).toArray(Coordinate[]::new);
        return GF.createPolygon(c);
    }

    /** Whether the position is inside the zone (planar test in degrees; the zone is small and far from the 180° meridian). */
    public boolean contains(double lat, double lon) {
        return polygon().contains(GF.createPoint(new Coordinate(lon, lat)));
    }
}
