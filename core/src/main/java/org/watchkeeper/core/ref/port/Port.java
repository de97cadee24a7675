package org.watchkeeper.core.ref.port;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A port or anchorage: a point (from a port list) or an area (a user-supplied polygon).
 *
 * @param id stable identifier: the UN/LOCODE for listed ports, else {@code source + ":" + name}
 * @param name port name as given by the source, never null
 * @param unlocode five-character UN/LOCODE (ISO 3166-1 alpha-2 country + 3-character location), or
 *        null when the source has none (user polygons)
 * @param country country name as given by the source; null when unknown
 * @param latitude reference point, degrees -90..90 (for a polygon: its interior point)
 * @param longitude reference point, degrees -180..180
 * @param area the port area in lon/lat degrees (x = longitude, y = latitude, WGS 84), or null for a
 *        point port; an area must not cross the 180° meridian (split it, as RFC 7946 §3.1.9 asks)
 * @param source where it came from: {@code "sea-ports"}, a file name, ...
 */
public record Port(String id, String name, String unlocode, String country, double latitude, double longitude,
        Geometry area, String source) {

    /** Checks the components. @throws IllegalArgumentException for a bad coordinate or a null id/name */
    public Port {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("port " + id + " has no valid position: " + latitude + "," + longitude);
        }
    }

    /** Whether the port is an area (polygon) rather than a point. */
    public boolean isArea() {
        return area != null;
    }
}
