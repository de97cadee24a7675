package org.watchkeeper.store;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The history of positions, vessels, identity changes and events, with the questions analysts
 * ask of it. Implemented by {@link DuckDbHistoryStore} (embedded, one file) and
 * {@link PostgresHistoryStore} (PostgreSQL + PostGIS); both give identical answers.
 *
 * <p>Conventions for every method:
 * <ul>
 *   <li>Times are UTC epoch milliseconds; a window {@code [from, to]} includes both ends and
 *       throws {@link IllegalArgumentException} when {@code from > to}.</li>
 *   <li>Latitudes and longitudes are WGS 84 degrees, lat -90..90, lon -180..180.</li>
 *   <li>Distances are great-circle metres on a sphere of radius
 *       {@link GeoMath#EARTH_RADIUS_METRES} (haversine).</li>
 *   <li>Database failures throw {@link StoreException}; writes of one call are atomic.</li>
 *   <li>Implementations are safe for use from several threads (calls are serialised).</li>
 * </ul>
 */
public interface HistoryStore extends AutoCloseable {

    /**
     * Appends position fixes in bulk. Positions are history: appending the same fix twice stores
     * it twice.
     *
     * @param rows the fixes, in any order
     */
    void appendPositions(List<PositionRow> rows);

    /**
     * A writer of positions for a thread of its own: several may append at once, beside each other
     * and beside this store's other calls, each batch in a transaction of its own. Where the store can
     * take appends in parallel (DuckDB and PostgreSQL: a connection of the writer's own) they run in
     * parallel; otherwise (the default) the writer calls {@link #appendPositions} and the store
     * serialises them. Close each writer before the store.
     *
     * @throws StoreException when the writer cannot be opened
     */
    default PositionWriter positionWriter() {
        return new PositionWriter() {
            @Override
            public void append(List<PositionRow> rows) {
                appendPositions(rows);
            }

            @Override
            public void close() {
            }
        };
    }

    /** See {@link #positionWriter()}. Use from one thread at a time. */
    interface PositionWriter extends AutoCloseable {
        /**
         * Appends position fixes in bulk, as {@link HistoryStore#appendPositions} does.
         *
         * @throws StoreException when the store fails
         */
        void append(List<PositionRow> rows);

        /** Releases what the writer holds (its connection). */
        @Override
        void close();
    }

    /**
     * Inserts or replaces vessels, keyed by MMSI. When the list holds the same MMSI more than once
     * the last one wins.
     *
     * @param rows the latest vessel states
     */
    void upsertVessels(List<VesselRow> rows);

    /**
     * Appends identity changes.
     *
     * @param rows the changes, in any order
     */
    void appendIdentityChanges(List<IdentityChangeRow> rows);

    /**
     * Inserts or replaces events, keyed by id: storing an id that exists replaces that event, so
     * the same id stored twice is one row. When the list holds an id more than once the last
     * one wins.
     *
     * @param rows the events
     */
    void upsertEvents(List<EventRow> rows);

    /**
     * The track of one vessel.
     *
     * @param mmsi       the vessel
     * @param fromMillis window start (inclusive)
     * @param toMillis   window end (inclusive)
     * @return its positions in the window, ordered by time (fixes with the same time in a fixed
     *         order of their other fields); empty when none
     */
    default List<PositionRow> track(int mmsi, long fromMillis, long toMillis) {
        return track(mmsi, fromMillis, toMillis, Integer.MAX_VALUE);
    }

    /**
     * The first fixes of the track of one vessel: as {@link #track(int, long, long)}, at most {@code limit}
     * of them (the earliest), so that a caller can bound what it reads and tell a cut track by asking one
     * more than it keeps.
     *
     * @param limit the most fixes to return, at least 1 ({@link Integer#MAX_VALUE}: all)
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    List<PositionRow> track(int mmsi, long fromMillis, long toMillis, int limit);

    /**
     * Vessels with positions inside a latitude/longitude box during a window. Box edges are
     * inclusive. {@code minLon > maxLon} means the box crosses the 180° meridian and covers
     * {@code minLon..180} and {@code -180..maxLon}.
     *
     * @return per vessel the number of positions inside, and the first and last time inside,
     *         ordered by MMSI
     * @throws IllegalArgumentException when a coordinate is out of range or minLat &gt; maxLat
     */
    List<VesselPresence> vesselsInBox(double minLat, double minLon, double maxLat, double maxLon,
                                      long fromMillis, long toMillis);

    /**
     * Vessels with positions inside an area during a window. A position on the area's boundary
     * counts as inside. The area is in lon/lat degrees (x = longitude, y = latitude); an area that
     * crosses the 180° meridian is given as a MultiPolygon split at ±180.
     *
     * @param area a {@link org.locationtech.jts.geom.Polygon} or
     *             {@link org.locationtech.jts.geom.MultiPolygon} with coordinates in range
     * @return per vessel the number of positions inside, and the first and last time inside,
     *         ordered by MMSI
     * @throws IllegalArgumentException when the area is not a non-empty polygon or multipolygon,
     *                                  or a coordinate is out of range
     */
    List<VesselPresence> vesselsInPolygon(Geometry area, long fromMillis, long toMillis);

    /**
     * {@link #vesselsInPolygon(Geometry, long, long)} for an area given as WKT, e.g.
     * {@code POLYGON((103.6 1.1, 104.1 1.1, 104.1 1.4, 103.6 1.4, 103.6 1.1))} (x = longitude).
     *
     * @throws IllegalArgumentException when the WKT does not parse or is not a valid area ({@link #area})
     */
    default List<VesselPresence> vesselsInPolygon(String wkt, long fromMillis, long toMillis) {
        return vesselsInPolygon(area(wkt), fromMillis, toMillis);
    }

    /** What a polygon's ring needs, in the words of the messages below. */
    String RING_RULE = "the polygon's ring must end where it starts (first and last point equal) and have at least 4 points";

    /**
     * An area given as WKT, checked as a user wrote it: the messages name what is wrong in the terms
     * of a polygon (ring not closed, too few points, edges that cross, not a polygon at all), not the
     * geometry library's.
     *
     * @throws IllegalArgumentException when the text is not WKT, not a POLYGON or MULTIPOLYGON, empty,
     *                                  or not a valid polygon
     */
    static Geometry area(String wkt) {
        Geometry g;
        try {
            g = new WKTReader().read(wkt);
        } catch (ParseException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().replaceFirst(" \\(line \\d+\\)$", "");
            throw new IllegalArgumentException("not valid WKT (" + why + "): an area is written"
                    + " POLYGON((lon lat, lon lat, lon lat, lon lat)), the first point repeated at the end, or MULTIPOLYGON", e);
        } catch (IllegalArgumentException e) {
            // the geometry library's check of a ring: not closed, or too few points
            throw new IllegalArgumentException(RING_RULE, e);
        }
        return checkArea(g);
    }

    /**
     * {@code g} when it is a valid area as {@link #area} describes it.
     *
     * @throws IllegalArgumentException naming what is wrong in the terms of a polygon
     */
    static Geometry checkArea(Geometry g) {
        if (!(g instanceof org.locationtech.jts.geom.Polygon || g instanceof org.locationtech.jts.geom.MultiPolygon)) {
            throw new IllegalArgumentException("the area must be a POLYGON or MULTIPOLYGON, not "
                    + g.getGeometryType().toUpperCase(java.util.Locale.ROOT));
        }
        if (g.isEmpty()) {
            throw new IllegalArgumentException("the area is empty: give a POLYGON with at least 4 points");
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            org.locationtech.jts.geom.Polygon p = (org.locationtech.jts.geom.Polygon) g.getGeometryN(i);
            for (int r = -1; r < p.getNumInteriorRing(); r++) {
                if ((r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r)).getNumPoints() < 4) {
                    throw new IllegalArgumentException(RING_RULE);
                }
            }
        }
        org.locationtech.jts.operation.valid.TopologyValidationError err =
                new org.locationtech.jts.operation.valid.IsValidOp(g).getValidationError();
        if (err != null) {
            Coordinate c = err.getCoordinate();
            String at = c == null ? "" : " (near lon " + c.x + ", lat " + c.y + ")";
            String what = switch (err.getErrorType()) {
                case org.locationtech.jts.operation.valid.TopologyValidationError.SELF_INTERSECTION,
                     org.locationtech.jts.operation.valid.TopologyValidationError.RING_SELF_INTERSECTION ->
                        "the polygon's edges cross or touch each other" + at + ": list its points in order around it";
                case org.locationtech.jts.operation.valid.TopologyValidationError.HOLE_OUTSIDE_SHELL ->
                        "a hole of the polygon lies outside it" + at;
                case org.locationtech.jts.operation.valid.TopologyValidationError.NESTED_HOLES ->
                        "a hole of the polygon lies inside another hole" + at;
                case org.locationtech.jts.operation.valid.TopologyValidationError.DISCONNECTED_INTERIOR ->
                        "the polygon's holes cut it in pieces" + at;
                case org.locationtech.jts.operation.valid.TopologyValidationError.NESTED_SHELLS ->
                        "a polygon of the MULTIPOLYGON lies inside another" + at;
                case org.locationtech.jts.operation.valid.TopologyValidationError.INVALID_COORDINATE ->
                        "a point of the polygon is not a number" + at;
                case org.locationtech.jts.operation.valid.TopologyValidationError.RING_NOT_CLOSED,
                     org.locationtech.jts.operation.valid.TopologyValidationError.TOO_FEW_POINTS -> RING_RULE;
                default -> "the polygon is not valid: " + err.getMessage() + at;
            };
            throw new IllegalArgumentException(what);
        }
        return g;
    }

    /**
     * {@link #vesselsInPolygon(Geometry, long, long)} for a single ring of {@code {lat, lon}}
     * vertices (note the order: latitude first, as everywhere else in this interface). The ring
     * is closed automatically when the last vertex differs from the first.
     *
     * @param latLonRing at least three vertices, each {@code {lat, lon}}
     * @throws IllegalArgumentException when there are fewer than three vertices or a vertex is
     *                                  not a {lat, lon} pair
     */
    default List<VesselPresence> vesselsInPolygon(double[][] latLonRing, long fromMillis, long toMillis) {
        if (latLonRing == null || latLonRing.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least three vertices");
        }
        boolean closed = latLonRing.length > 3 && latLonRing[0].length == 2
                && latLonRing[0][0] == latLonRing[latLonRing.length - 1][0]
                && latLonRing[0][1] == latLonRing[latLonRing.length - 1][1];
        Coordinate[] ring = new Coordinate[latLonRing.length + (closed ? 0 : 1)];
        for (int i = 0; i < latLonRing.length; i++) {
            if (latLonRing[i] == null || latLonRing[i].length != 2) {
                throw new IllegalArgumentException("vertex " + i + " is not a {lat, lon} pair");
            }
            double lat = latLonRing[i][0];
            double lon = latLonRing[i][1];
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                // the usual slip: lon,lat typed as WKT orders it
                throw new IllegalArgumentException("vertex " + (i + 1) + " (" + JdbcHistoryStore.plainNumber(lat) + ","
                        + JdbcHistoryStore.plainNumber(lon) + ") is outside lat -90..90, lon -180..180: a ring of vertices"
                        + " gives lat,lon (latitude first; WKT gives lon first)");
            }
            ring[i] = new Coordinate(lon, lat);
        }
        if (!closed) {
            ring[ring.length - 1] = ring[0].copy();
        }
        return vesselsInPolygon(checkArea(new GeometryFactory().createPolygon(ring)), fromMillis, toMillis);
    }

    /**
     * Who was within {@code radiusMetres} of (lat, lon) during a window: per vessel its closest
     * stored position. Works across the 180° meridian and around the poles.
     *
     * @param lat          centre latitude in degrees
     * @param lon          centre longitude in degrees
     * @param radiusMetres radius in metres, &gt; 0 and finite; positions at exactly this distance count
     * @return per vessel the closest approach (the earliest one on ties), ordered by distance, then
     *         MMSI
     * @throws IllegalArgumentException when a value is out of range
     */
    List<ClosestApproach> near(double lat, double lon, double radiusMetres, long fromMillis, long toMillis);

    /**
     * Longest time between two consecutive fixes of a track segment for the leg between them to be
     * interpolated by {@link #nearAlongTracks}: 2 h. Satellite AIS passes over a vessel come 1 to 2 h
     * apart, so this joins the fixes of consecutive passes; after a longer silence a straight line says
     * too little about where the vessel was in between.
     */
    long MAX_LEG_MILLIS = 2 * 3600_000L;

    /**
     * Longest great-circle distance between two consecutive fixes for the leg between them to be
     * interpolated by {@link #nearAlongTracks}: 60 km, what a vessel at 16 kn covers in
     * {@link #MAX_LEG_MILLIS}. Over a longer leg a vessel has room to turn, so a straight line between
     * its ends says too little about where it was in between.
     */
    double MAX_LEG_METRES = 60_000;

    /**
     * Who was within {@code radiusMetres} of (lat, lon) during a window, along the tracks: as
     * {@link #near}, but a vessel also counts when the straight leg between two consecutive fixes of one
     * track segment ({@link PositionRow#segment}) passes within the radius, when those fixes are at most
     * {@link #MAX_LEG_MILLIS} and {@link #MAX_LEG_METRES} apart. A vessel reporting rarely (by satellite)
     * is found when it passed through the radius between two fixes outside it.
     *
     * <p>On a leg, the position moves linearly in latitude and in longitude (taking the shorter way across
     * the 180° meridian) and linearly in time. The closest point of a leg is found in a local equirectangular
     * plane around (lat, lon), on the part of the leg inside the window (a leg that begins before
     * {@code fromMillis} or ends after {@code toMillis} contributes only that part), at a whole millisecond
     * (the position is that of the millisecond); its distance is then measured by
     * {@link GeoMath#haversineMetres}, as the fixes' are. The plane makes the chosen point's distance exceed the
     * least haversine distance along the leg by little (below 80° latitude less than 1 m, as the contract tests
     * check; more close to a pole); the distance given is always the true one of the point given. A point that is a stored fix is reported as that fix (not interpolated).
     *
     * <p>Cost: the candidate vessels are those with a fix within {@code radiusMetres} + {@link #MAX_LEG_METRES}
     * during the window widened by {@link #MAX_LEG_MILLIS} either side (found as {@link #near} finds fixes);
     * the database then orders all fixes of those vessels in the widened window, and returns those within that
     * distance with the next fix of their segment, which are read as a stream: memory holds one answer per
     * vessel. A long window over a busy place costs as many fixes as the candidate vessels have in it.
     *
     * @param lat          centre latitude in degrees
     * @param lon          centre longitude in degrees
     * @param radiusMetres radius in metres, &gt; 0 and finite; positions at exactly this distance count
     * @return per vessel the closest approach (the earliest one on ties; a fix before an interpolated point at
     *         the same time), ordered by distance, then MMSI
     * @throws IllegalArgumentException when a value is out of range
     */
    List<ClosestApproach> nearAlongTracks(double lat, double lon, double radiusMetres, long fromMillis,
                                          long toMillis);

    /**
     * @param mmsi the vessel
     * @return its stored vessel row, or empty
     */
    Optional<VesselRow> vessel(int mmsi);

    /** @return all stored vessels, ordered by MMSI */
    List<VesselRow> vessels();

    /**
     * @param mmsi the vessel
     * @return its identity changes ordered by time (then field, old value, new value; absent
     *         values first)
     */
    List<IdentityChangeRow> identityHistory(int mmsi);

    /**
     * @param id an event id
     * @return that event, or empty
     */
    Optional<EventRow> event(String id);

    /** The order of a list of events. */
    enum EventOrder {
        /** By start, then id: the oldest first. */
        OLDEST_FIRST,
        /** The reverse: by start, newest first, and of events that start together the greatest id first. */
        NEWEST_FIRST
    }

    /**
     * Events of a kind that overlap a window (start &lt;= to and end &gt;= from).
     *
     * @param kind the kind, or {@code null} for every kind
     * @return the events ordered by start, then id
     */
    default List<EventRow> events(String kind, long fromMillis, long toMillis) {
        return events(kind, fromMillis, toMillis, EventOrder.OLDEST_FIRST);
    }

    /**
     * Events of a kind that overlap a window (start &lt;= to and end &gt;= from), in the order asked.
     *
     * @param kind the kind, or {@code null} for every kind
     * @param order oldest or newest first
     * @return the events in that order
     */
    List<EventRow> events(String kind, long fromMillis, long toMillis, EventOrder order);

    /**
     * Events involving one vessel that overlap a window.
     *
     * @param mmsi the vessel
     * @return the events ordered by start, then id
     */
    default List<EventRow> eventsForVessel(int mmsi, long fromMillis, long toMillis) {
        return eventsForVessel(mmsi, fromMillis, toMillis, EventOrder.OLDEST_FIRST);
    }

    /**
     * Events involving one vessel that overlap a window, in the order asked.
     *
     * @param mmsi the vessel
     * @param order oldest or newest first
     * @return the events in that order
     */
    List<EventRow> eventsForVessel(int mmsi, long fromMillis, long toMillis, EventOrder order);

    /**
     * Inserts or replaces incident reports, keyed by id. When the list holds an id more than once
     * the last one wins.
     *
     * @param rows the incidents
     */
    void upsertIncidents(List<IncidentRow> rows);

    /**
     * @param id an incident id
     * @return that incident, or empty
     */
    Optional<IncidentRow> incident(String id);

    /**
     * Incidents matching the query.
     *
     * @return ordered by time, then id
     */
    List<IncidentRow> incidents(IncidentQuery query);

    /**
     * Deletes an incident.
     *
     * @return true when it existed
     */
    boolean deleteIncident(String id);

    /** @return the number of stored incidents */
    long incidentCount();

    /** @return the row counts */
    StoreCounts counts();

    /** The input files {@code analyze} stored here ({@link #recordAnalyzedInputs}), in no particular order. */
    java.util.List<AnalyzedInput> analyzedInputs();

    /** Records input files analyzed into this store; a fingerprint already there takes the newer name, size and time. */
    void recordAnalyzedInputs(java.util.List<AnalyzedInput> inputs);

    /** Closes the connection; further calls throw {@link StoreException}. */
    @Override
    void close();
}
