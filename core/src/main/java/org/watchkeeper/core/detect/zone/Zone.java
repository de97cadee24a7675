package org.watchkeeper.core.detect.zone;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.watchkeeper.core.geo.Coordinates;

/**
 * A named area for zone entry and exit: a user polygon, a territorial sea, an EEZ or a marine
 * protected area.
 *
 * @param id stable identifier {@code category:name} (e.g. {@code territorial_sea:DNK}), unique in a
 *        {@link ZoneIndex}
 * @param name the feature's name (its {@code name} property, or the property the loader was told)
 * @param category where the zone comes from: {@code territorial_sea}, {@code eez}, {@code mpa},
 *        {@code user} or what the caller passed
 * @param geometry polygon or multipolygon, x = longitude and y = latitude in degrees (WGS 84); rings
 *        that cross the 180° meridian are unwrapped so that their longitudes are continuous (they may
 *        then exceed 180 or be below -180)
 */
public record Zone(String id, String name, String category, Geometry geometry) {
    /**
     * What makes the geometry not a valid polygon in the OGC Simple Features sense (JTS
     * {@code IsValidOp}), e.g. {@code self-intersection at [1.0, 1.0]}, or null when it is valid.
     * Where a ring crosses or touches itself (a bow tie) inside and outside are not well defined, nor
     * therefore entries and exits.
     */
    public String invalidity() {
        IsValidOp v = new IsValidOp(geometry);
        if (v.isValid()) {
            return null;
        }
        TopologyValidationError e = v.getValidationError();
        Coordinate c = e.getCoordinate();
        return e.getMessage().toLowerCase(Locale.ROOT)
                + (c == null ? "" : " at [" + Coordinates.round6(c.x) + ", " + Coordinates.round6(c.y) + "]");
    }
}
