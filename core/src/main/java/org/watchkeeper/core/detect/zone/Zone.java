package org.watchkeeper.core.detect.zone;

import org.locationtech.jts.geom.Geometry;

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
}
