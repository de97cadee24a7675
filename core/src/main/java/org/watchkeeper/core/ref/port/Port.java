package org.watchkeeper.core.ref.port;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A port or anchorage: a point (from a port list) or an area (a user-supplied polygon).
 *
 * <p>An anchorage ({@link #anchorage()} not null, e.g. from a file {@link AnchorageGeoJson} wrote)
 * belongs to the port it lies near, as Global Fishing Watch groups its anchorages into ports: its
 * {@code id}, {@code name}, {@code unlocode} and {@code country} are that port's, so that a visit to
 * it counts as a visit to the port; the anchorage's own id and name are in {@link #anchorage()}. An
 * anchorage near no known port is a port of its own: {@code id} and {@code name} are the anchorage's.
 *
 * @param id stable identifier: the UN/LOCODE for listed ports, else {@code source + ":" + name}
 *        (World Port Index: {@code wpi:<number>}; an anchorage: its port's id, or its own
 *        {@code anchorage_id} when near no port)
 * @param name port name as given by the source, never null
 * @param unlocode five-character UN/LOCODE (ISO 3166-1 alpha-2 country + 3-character location), or
 *        null when the source has none (user polygons)
 * @param country country name as given by the source; null when unknown
 * @param latitude reference point, degrees -90..90 (for a polygon: its interior point)
 * @param longitude reference point, degrees -180..180
 * @param area the port area in lon/lat degrees (x = longitude, y = latitude, WGS 84), or null for a
 *        point port; an area must not cross the 180° meridian (split it, as RFC 7946 §3.1.9 asks)
 * @param source where it came from: {@code "sea-ports"}, a file name, ...
 * @param anchorage for an anchorage, its own id and name; null for a port
 * @param moved for a port whose source's point was replaced by a better one (the shipped list's
 *        inland points moved to their harbour, {@link SeaPortCorrections}): the point the source gave
 *        and where the new one came from; null when {@code latitude}/{@code longitude} are the source's
 */
public record Port(String id, String name, String unlocode, String country, double latitude, double longitude,
        Geometry area, String source, Anchorage anchorage, Moved moved) {

    /**
     * The anchorage a {@link Port} entry stands for.
     *
     * @param id the anchorage's id ({@code anchorage_id}, e.g. {@code anchorage-14035-56143}), never null
     * @param name its name (e.g. {@code "Port Hedland anchorage 20.3126S 118.5726E"}), never null
     */
    public record Anchorage(String id, String name) {
        /** @throws NullPointerException for a null id or name */
        public Anchorage {
            Objects.requireNonNull(id, "anchorage id");
            Objects.requireNonNull(name, "anchorage name");
        }
    }

    /**
     * The point a port list gave for a port whose position was corrected.
     *
     * @param latitude the listed latitude, degrees -90..90
     * @param longitude the listed longitude, degrees -180..180
     * @param by where the position in use came from, e.g. {@code "wpi:16080"} (World Port Index
     *        number 16080, the id that port has when the World Port Index is given as a port file)
     */
    public record Moved(double latitude, double longitude, String by) {
        /** @throws IllegalArgumentException for a bad coordinate; NullPointerException for a null {@code by} */
        public Moved {
            Objects.requireNonNull(by, "by");
            if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException("listed position out of range: " + latitude + "," + longitude);
            }
        }
    }

    /** Checks the components. @throws IllegalArgumentException for a bad coordinate or a null id/name */
    public Port {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("port " + id + " has no valid position: " + latitude + "," + longitude);
        }
    }

    /** A port (not an anchorage). @throws IllegalArgumentException for a bad coordinate or a null id/name */
    public Port(String id, String name, String unlocode, String country, double latitude, double longitude,
            Geometry area, String source) {
        this(id, name, unlocode, country, latitude, longitude, area, source, null, null);
    }

    /**
     * A port or anchorage whose position is its source's own.
     *
     * @throws IllegalArgumentException for a bad coordinate or a null id/name
     */
    public Port(String id, String name, String unlocode, String country, double latitude, double longitude,
            Geometry area, String source, Anchorage anchorage) {
        this(id, name, unlocode, country, latitude, longitude, area, source, anchorage, null);
    }

    /** This port at another position, the present one kept in {@link #moved()} as the listed point. */
    public Port movedTo(double lat, double lon, String by) {
        return new Port(id, name, unlocode, country, lat, lon, area, source, anchorage, new Moved(latitude, longitude, by));
    }

    /** Whether the port is an area (polygon) rather than a point. */
    public boolean isArea() {
        return area != null;
    }

    /** Whether this entry is an anchorage ({@link #anchorage()} not null). */
    public boolean isAnchorage() {
        return anchorage != null;
    }
}
