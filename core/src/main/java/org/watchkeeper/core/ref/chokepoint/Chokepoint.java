package org.watchkeeper.core.ref.chokepoint;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * A chokepoint area (strait, canal or gate across a route) in which transits are counted.
 *
 * @param id short identifier, e.g. {@code "malacca"}
 * @param name display name, e.g. {@code "Strait of Malacca"}
 * @param area the polygon in lon/lat degrees (x = longitude, y = latitude, WGS 84)
 * @param prepared the same polygon prepared for fast point and line tests
 * @param source where the coordinates come from (the comment lines above the entry in the resource file)
 */
public record Chokepoint(String id, String name, Polygon area, PreparedGeometry prepared, String source) {
    /** The polygon as a geometry. */
    public Geometry geometry() {
        return area;
    }
}
