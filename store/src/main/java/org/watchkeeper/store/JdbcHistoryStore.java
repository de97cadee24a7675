package org.watchkeeper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The SQL shared by the DuckDB and PostgreSQL stores: table layout, queries and the final
 * answer rules (haversine distance in SQL, point-in-polygon with JTS), so that both give the same
 * answers. Subclasses supply the connection, the schema DDL, the bulk position append and an
 * optional index prefilter for spatial queries.
 *
 * <p>Tables: {@code positions}, {@code vessels} (key mmsi), {@code identity_changes},
 * {@code events} (key id), {@code event_vessels} (event id, order, mmsi) and {@code incidents} (key id). Times are BIGINT
 * epoch milliseconds; "not available" values are stored as SQL NULL (the message type of a fix from a
 * CSV row too; stores made before held 0 there, read back as not available).
 */
abstract class JdbcHistoryStore implements HistoryStore {

    /** Columns of {@code positions} in the order of {@link PositionRow}'s components. */
    static final String POSITION_COLUMNS =
            "mmsi, time_ms, lat, lon, sog, cog, heading, nav_status, message_type, segment, source";

    static final String VESSEL_COLUMNS = "mmsi, name, callsign, imo, ship_type, vessel_class, flag, "
            + "to_bow, to_stern, to_port, to_starboard, draught, destination, eta, first_seen, last_seen, "
            + "last_lat, last_lon, positions, length, beam";

    static final String EVENT_COLUMNS = "id, kind, start_ms, end_ms, lat, lon, geometry_geojson, "
            + "parameters_json, evidence_json";

    static final String INCIDENT_COLUMNS = "id, time_ms, lat, lon, type, category, victim_mmsi, victim_imo, tlp, "
            + "owner_org, updated_ms, json";

    static final Comparator<IncidentRow> INCIDENT_ORDER = Comparator
            .comparingLong(IncidentRow::timeMillis).thenComparing(IncidentRow::id);

    /** Fixed order of positions: time, then every other field, so ties order the same everywhere. */
    static final Comparator<PositionRow> TRACK_ORDER = Comparator
            .comparingLong(PositionRow::timeMillis)
            .thenComparingInt(PositionRow::messageType)
            .thenComparingDouble(PositionRow::lat)
            .thenComparingDouble(PositionRow::lon)
            .thenComparingDouble(PositionRow::sog)
            .thenComparingDouble(PositionRow::cog)
            .thenComparingInt(PositionRow::heading)
            .thenComparingInt(PositionRow::navStatus)
            .thenComparingInt(PositionRow::segment)
            .thenComparing(PositionRow::source, Comparator.nullsFirst(Comparator.naturalOrder()));

    static final Comparator<IdentityChangeRow> IDENTITY_ORDER = Comparator
            .comparingLong(IdentityChangeRow::timeMillis)
            .thenComparing(IdentityChangeRow::field)
            .thenComparing(IdentityChangeRow::oldValue, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(IdentityChangeRow::newValue, Comparator.nullsFirst(Comparator.naturalOrder()));

    static final Comparator<EventRow> EVENT_ORDER = Comparator
            .comparingLong(EventRow::startMillis).thenComparing(EventRow::id);

    /** SQL for the haversine distance in metres from the bound point (lat0, lat0, lon0) to (lat, lon). */
    static final String HAVERSINE_SQL = "2 * CAST(" + GeoMath.EARTH_RADIUS_METRES + " AS DOUBLE PRECISION) * asin(sqrt(least("
            + "CAST(1 AS DOUBLE PRECISION), "
            + "sin(radians(lat - CAST(? AS DOUBLE PRECISION)) / 2) * sin(radians(lat - CAST(? AS DOUBLE PRECISION)) / 2)"
            + " + cos(radians(CAST(? AS DOUBLE PRECISION))) * cos(radians(lat))"
            + " * sin(radians(lon - CAST(? AS DOUBLE PRECISION)) / 2) * sin(radians(lon - CAST(? AS DOUBLE PRECISION)) / 2))))";

    private static final int FETCH_SIZE = 10_000;

    protected final Connection connection;
    private boolean closed;
    /** What {@link #vessel} and {@link #vessels} select: {@link #VESSEL_COLUMNS}, or NULLs for length and beam in an older store. */
    private String vesselSelect = VESSEL_COLUMNS;

    protected JdbcHistoryStore(Connection connection) {
        this.connection = connection;
    }

    // ---------------------------------------------------------------- hooks

    /** Appends positions inside the open transaction. */
    protected abstract void bulkAppendPositions(List<PositionRow> rows) throws SQLException;

    /**
     * Adds an index-backed prefilter for "position lies in one of these boxes" to a WHERE clause
     * (starting with " AND "), or nothing. The exact lat/lon test is always added as well.
     */
    protected void spatialPrefilter(StringBuilder sql, List<Object> params, List<LatLonBox> boxes) {
    }

    /** Name of this implementation, for messages. */
    protected abstract String name();

    // ---------------------------------------------------------------- writes

    @Override
    public synchronized void appendPositions(List<PositionRow> rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.isEmpty()) {
            return;
        }
        inTransaction("append positions", () -> bulkAppendPositions(rows));
    }

    @Override
    public synchronized void upsertVessels(List<VesselRow> rows) {
        Objects.requireNonNull(rows, "rows");
        Map<Integer, VesselRow> last = new LinkedHashMap<>();
        for (VesselRow r : rows) {
            last.put(r.mmsi(), r);
        }
        if (!last.isEmpty()) {
            inTransaction("upsert vessels", () -> writeVessels(last.values()));
        }
    }

    /** {@code INSERT ... ON CONFLICT (mmsi) DO UPDATE} of every column but the key. */
    static String vesselUpsertSql(String valuesOrSelect) {
        return upsertSql("vessels", VESSEL_COLUMNS, "mmsi", valuesOrSelect);
    }

    /** {@code INSERT ... ON CONFLICT (id) DO UPDATE} of every column but the key. */
    static String eventUpsertSql(String valuesOrSelect) {
        return upsertSql("events", EVENT_COLUMNS, "id", valuesOrSelect);
    }

    private static String upsertSql(String table, String columns, String key, String valuesOrSelect) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns)
                .append(") ").append(valuesOrSelect).append(" ON CONFLICT (").append(key).append(") DO UPDATE SET ");
        String[] cols = columns.split(", ");
        for (int i = 1; i < cols.length; i++) {
            sql.append(i > 1 ? ", " : "").append(cols[i]).append(" = excluded.").append(cols[i]);
        }
        return sql.toString();
    }

    /**
     * Writes vessels (distinct MMSIs) inside the open transaction. This version uses a JDBC
     * batch of {@link #vesselUpsertSql}.
     */
    protected void writeVessels(Collection<VesselRow> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(vesselUpsertSql("VALUES (" + placeholders(21) + ")"))) {
            for (VesselRow v : rows) {
                int i = 1;
                ps.setInt(i++, v.mmsi());
                setText(ps, i++, v.name());
                setText(ps, i++, v.callsign());
                setOptInt(ps, i++, v.imo());
                setOptInt(ps, i++, v.shipType());
                setText(ps, i++, v.vesselClass());
                setText(ps, i++, v.flag());
                ps.setInt(i++, v.toBow());
                ps.setInt(i++, v.toStern());
                ps.setInt(i++, v.toPort());
                ps.setInt(i++, v.toStarboard());
                setOptDouble(ps, i++, v.draught());
                setText(ps, i++, v.destination());
                setText(ps, i++, v.eta());
                ps.setLong(i++, v.firstSeen());
                ps.setLong(i++, v.lastSeen());
                setOptDouble(ps, i++, v.lastLat());
                setOptDouble(ps, i++, v.lastLon());
                ps.setLong(i++, v.positions());
                setOptInt(ps, i++, v.length());
                setOptInt(ps, i, v.beam());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public synchronized void appendIdentityChanges(List<IdentityChangeRow> rows) {
        Objects.requireNonNull(rows, "rows");
        if (!rows.isEmpty()) {
            inTransaction("append identity changes", () -> writeIdentityChanges(rows));
        }
    }

    /** Appends identity changes inside the open transaction. This version uses a JDBC batch. */
    protected void writeIdentityChanges(List<IdentityChangeRow> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO identity_changes (mmsi, time_ms, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)")) {
            for (IdentityChangeRow r : rows) {
                ps.setInt(1, r.mmsi());
                ps.setLong(2, r.timeMillis());
                ps.setString(3, r.field());
                setText(ps, 4, r.oldValue());
                setText(ps, 5, r.newValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public synchronized void upsertEvents(List<EventRow> rows) {
        Objects.requireNonNull(rows, "rows");
        Map<String, EventRow> last = new LinkedHashMap<>();
        for (EventRow e : rows) {
            last.put(e.id(), e);
        }
        if (!last.isEmpty()) {
            inTransaction("upsert events", () -> writeEvents(last.values()));
        }
    }

    /**
     * Writes events (distinct ids) inside the open transaction: upserts the event rows and
     * replaces their vessel lists. This version uses JDBC batches.
     */
    protected void writeEvents(Collection<EventRow> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(eventUpsertSql("VALUES (" + placeholders(9) + ")"));
             PreparedStatement del = connection.prepareStatement("DELETE FROM event_vessels WHERE event_id = ?");
             PreparedStatement ins = connection.prepareStatement(
                     "INSERT INTO event_vessels (event_id, ord, mmsi) VALUES (?, ?, ?)")) {
            boolean anyVessel = false;
            for (EventRow e : rows) {
                int i = 1;
                ps.setString(i++, e.id());
                ps.setString(i++, e.kind());
                ps.setLong(i++, e.startMillis());
                ps.setLong(i++, e.endMillis());
                setOptDouble(ps, i++, e.lat());
                setOptDouble(ps, i++, e.lon());
                setText(ps, i++, e.geometryGeoJson());
                setText(ps, i++, e.parametersJson());
                setText(ps, i, e.evidenceJson());
                ps.addBatch();
                del.setString(1, e.id());
                del.addBatch();
            }
            ps.executeBatch();
            del.executeBatch();
            for (EventRow e : rows) {
                int[] mmsis = e.mmsis();
                for (int k = 0; k < mmsis.length; k++) {
                    ins.setString(1, e.id());
                    ins.setInt(2, k);
                    ins.setInt(3, mmsis[k]);
                    ins.addBatch();
                    anyVessel = true;
                }
            }
            if (anyVessel) {
                ins.executeBatch();
            }
        }
    }

    @Override
    public synchronized void upsertIncidents(List<IncidentRow> rows) {
        Objects.requireNonNull(rows, "rows");
        Map<String, IncidentRow> last = new LinkedHashMap<>();
        for (IncidentRow r : rows) {
            last.put(r.id(), r);
        }
        if (!last.isEmpty()) {
            inTransaction("upsert incidents", () -> writeIncidents(last.values()));
        }
    }

    /** {@code INSERT ... ON CONFLICT (id) DO UPDATE} of every incident column but the key. */
    static String incidentUpsertSql(String valuesOrSelect) {
        return upsertSql("incidents", INCIDENT_COLUMNS, "id", valuesOrSelect);
    }

    /** Writes incidents (distinct ids) inside the open transaction. This version uses a JDBC batch. */
    protected void writeIncidents(Collection<IncidentRow> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(incidentUpsertSql("VALUES (" + placeholders(12) + ")"))) {
            for (IncidentRow r : rows) {
                int i = 1;
                ps.setString(i++, r.id());
                ps.setLong(i++, r.timeMillis());
                ps.setDouble(i++, r.lat());
                ps.setDouble(i++, r.lon());
                ps.setString(i++, r.type());
                setText(ps, i++, r.category());
                setOptInt(ps, i++, r.victimMmsi());
                setOptInt(ps, i++, r.victimImo());
                ps.setString(i++, r.tlp());
                ps.setString(i++, r.ownerOrg());
                ps.setLong(i++, r.updatedMillis());
                ps.setString(i, r.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public synchronized Optional<IncidentRow> incident(String id) {
        Objects.requireNonNull(id, "id");
        return query("incident", "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE id = ?", List.of(id),
                JdbcHistoryStore::readIncidents).stream().findFirst();
    }

    @Override
    public synchronized List<IncidentRow> incidents(IncidentQuery q) {
        Objects.requireNonNull(q, "query");
        List<Object> params = new ArrayList<>(List.of(q.fromMillis(), q.toMillis()));
        StringBuilder sql = new StringBuilder("SELECT " + INCIDENT_COLUMNS
                + " FROM incidents WHERE time_ms BETWEEN ? AND ?");
        if (q.box() != null) {
            double[] b = q.box();
            List<LatLonBox> boxes = LatLonBox.pieces(b[0], b[1], b[2], b[3]);
            sql.append(" AND (");
            for (int i = 0; i < boxes.size(); i++) {
                LatLonBox x = boxes.get(i);
                sql.append(i > 0 ? " OR " : "").append("(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)");
                params.addAll(List.of(x.minLat(), x.maxLat(), x.minLon(), x.maxLon()));
            }
            sql.append(')');
        }
        if (q.type() != null) {
            sql.append(" AND type = ?");
            params.add(q.type());
        }
        if (q.category() != null) {
            sql.append(" AND category = ?");
            params.add(q.category());
        }
        sql.append(" ORDER BY time_ms, id");
        return query("incidents", sql.toString(), params, rs -> {
            List<IncidentRow> out = readIncidents(rs);
            out.sort(INCIDENT_ORDER); // id order independent of the database collation
            return out;
        });
    }

    @Override
    public synchronized boolean deleteIncident(String id) {
        Objects.requireNonNull(id, "id");
        return inTransaction("delete incident", () -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public synchronized long incidentCount() {
        return query("incident count", "SELECT count(*) FROM incidents", List.of(), rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    static List<IncidentRow> readIncidents(ResultSet rs) throws SQLException {
        List<IncidentRow> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new IncidentRow(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5),
                    rs.getString(6), optInt(rs, 7), optInt(rs, 8), rs.getString(9), rs.getString(10), rs.getLong(11),
                    rs.getString(12)));
        }
        return out;
    }

    // ---------------------------------------------------------------- queries

    @Override
    public synchronized List<PositionRow> track(int mmsi, long fromMillis, long toMillis, int limit) {
        Rows.checkTimeRange(fromMillis, toMillis);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        String sql = "SELECT " + POSITION_COLUMNS + " FROM positions WHERE mmsi = ? AND time_ms BETWEEN ? AND ?"
                + (limit == Integer.MAX_VALUE ? " ORDER BY time_ms"
                // a cut track is cut in TRACK_ORDER, so that fixes of one time at the cut are the same ones each time
                // (not available: a missing type, heading or status is -1, first; a missing speed or course NaN, last)
                : " ORDER BY time_ms, message_type NULLS FIRST, lat, lon, sog NULLS LAST, cog NULLS LAST, heading NULLS FIRST,"
                        + " nav_status NULLS FIRST, segment, source NULLS FIRST LIMIT " + limit);
        return query("track", sql, List.of(mmsi, fromMillis, toMillis), rs -> {
            List<PositionRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(readPosition(rs));
            }
            out.sort(TRACK_ORDER); // fixes ties on time; cheap on sorted input
            return out;
        });
    }

    @Override
    public synchronized List<VesselPresence> vesselsInBox(double minLat, double minLon, double maxLat, double maxLon,
                                                         long fromMillis, long toMillis) {
        Rows.checkTimeRange(fromMillis, toMillis);
        List<LatLonBox> boxes = LatLonBox.pieces(minLat, minLon, maxLat, maxLon);
        List<Object> params = new ArrayList<>(List.of(fromMillis, toMillis));
        StringBuilder sql = new StringBuilder(
                "SELECT mmsi, count(*), min(time_ms), max(time_ms) FROM positions WHERE time_ms BETWEEN ? AND ?");
        boxCondition(sql, params, boxes);
        sql.append(" GROUP BY mmsi ORDER BY mmsi");
        return query("vessels in box", sql.toString(), params, rs -> {
            List<VesselPresence> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new VesselPresence(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
        });
    }

    @Override
    public synchronized List<VesselPresence> vesselsInPolygon(Geometry area, long fromMillis, long toMillis) {
        Rows.checkTimeRange(fromMillis, toMillis);
        List<LatLonBox> boxes = areaBoxes(area);
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        GeometryFactory gf = area.getFactory();
        List<Object> params = new ArrayList<>(List.of(fromMillis, toMillis));
        StringBuilder sql = new StringBuilder(
                "SELECT mmsi, time_ms, lat, lon FROM positions WHERE time_ms BETWEEN ? AND ?");
        boxCondition(sql, params, boxes);
        // Streams through the candidates: a large area over a long window may match many rows.
        return inTransaction("vessels in polygon", () -> {
            Map<Integer, long[]> acc = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                ps.setFetchSize(FETCH_SIZE);
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double lat = rs.getDouble(3);
                        double lon = rs.getDouble(4);
                        if (!prepared.intersects(gf.createPoint(new Coordinate(lon, lat)))) {
                            continue;
                        }
                        long t = rs.getLong(2);
                        long[] a = acc.computeIfAbsent(rs.getInt(1), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                        a[0]++;
                        a[1] = Math.min(a[1], t);
                        a[2] = Math.max(a[2], t);
                    }
                }
            }
            List<VesselPresence> out = new ArrayList<>(acc.size());
            acc.forEach((m, a) -> out.add(new VesselPresence(m, a[0], a[1], a[2])));
            out.sort(Comparator.comparingInt(VesselPresence::mmsi));
            return out;
        });
    }

    @Override
    public synchronized List<ClosestApproach> near(double lat, double lon, double radiusMetres,
                                                   long fromMillis, long toMillis) {
        Rows.checkTimeRange(fromMillis, toMillis);
        List<LatLonBox> boxes = GeoMath.boxesAround(lat, lon, radiusMetres);
        List<Object> params = new ArrayList<>(List.of(lat, lat, lat, lon, lon, fromMillis, toMillis));
        StringBuilder inner = new StringBuilder("SELECT mmsi, time_ms, lat, lon, ").append(HAVERSINE_SQL)
                .append(" AS dist FROM positions WHERE time_ms BETWEEN ? AND ?");
        boxCondition(inner, params, boxes);
        params.add(radiusMetres);
        String sql = "SELECT mmsi, dist, time_ms, lat, lon FROM ("
                + "SELECT DISTINCT ON (mmsi) mmsi, dist, time_ms, lat, lon FROM (" + inner + ") c"
                + " WHERE dist <= ? ORDER BY mmsi, dist, time_ms) best ORDER BY dist, mmsi";
        return query("near", sql, params, rs -> {
            List<ClosestApproach> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ClosestApproach(rs.getInt(1), rs.getDouble(2), rs.getLong(3), rs.getDouble(4),
                        rs.getDouble(5)));
            }
            out.sort(Comparator.comparingDouble(ClosestApproach::distanceMetres)
                    .thenComparingInt(ClosestApproach::mmsi));
            return out;
        });
    }

    /**
     * Slack added to the candidates' reach in {@link #nearAlongTracks}: a leg's points move linearly in
     * latitude and longitude, not along the great circle, so one can lie a little farther from an end than
     * the ends lie apart.
     */
    private static final double LEG_REACH_SLACK_METRES = 1_000;

    @Override
    public synchronized List<ClosestApproach> nearAlongTracks(double lat, double lon, double radiusMetres,
                                                              long fromMillis, long toMillis) {
        Rows.checkTimeRange(fromMillis, toMillis);
        GeoMath.boxesAround(lat, lon, radiusMetres); // checks the arguments
        // A leg of at most MAX_LEG_METRES with a point within the radius has both ends within this reach.
        double reach = radiusMetres + MAX_LEG_METRES + LEG_REACH_SLACK_METRES;
        long wideFrom = fromMillis < Long.MIN_VALUE + MAX_LEG_MILLIS ? Long.MIN_VALUE : fromMillis - MAX_LEG_MILLIS;
        long wideTo = toMillis > Long.MAX_VALUE - MAX_LEG_MILLIS ? Long.MAX_VALUE : toMillis + MAX_LEG_MILLIS;
        List<Object> params = new ArrayList<>(List.of(wideFrom, wideTo));
        StringBuilder candidates = new StringBuilder("SELECT DISTINCT mmsi FROM positions WHERE time_ms BETWEEN ? AND ?");
        boxCondition(candidates, params, GeoMath.boxesAround(lat, lon, reach));
        candidates.append(" AND ").append(HAVERSINE_SQL).append(" <= ?");
        params.addAll(List.of(lat, lat, lat, lon, lon, reach));
        // Each fix with the next one of its segment (ties on time in a fixed order, so that both stores pair
        // the same fixes), kept when it lies within reach and it or its leg reaches into the window.
        String sql = "SELECT mmsi, time_ms, lat, lon, next_ms, next_lat, next_lon FROM ("
                + "SELECT p.mmsi, p.time_ms, p.lat, p.lon, lead(p.time_ms) OVER w AS next_ms,"
                + " lead(p.lat) OVER w AS next_lat, lead(p.lon) OVER w AS next_lon"
                + " FROM positions p WHERE p.mmsi IN (" + candidates + ") AND p.time_ms BETWEEN ? AND ?"
                + " WINDOW w AS (PARTITION BY p.mmsi, p.segment ORDER BY p.time_ms, p.lat, p.lon)) legs"
                + " WHERE time_ms <= ? AND coalesce(next_ms, time_ms) >= ? AND " + HAVERSINE_SQL + " <= ?";
        params.addAll(List.of(wideFrom, wideTo, toMillis, fromMillis, lat, lat, lat, lon, lon, reach));
        AlongTrack along = new AlongTrack(lat, lon, radiusMetres, fromMillis, toMillis);
        // Streams through the rows: a long window may give many.
        return inTransaction("near along tracks", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long next = rs.getLong(5);
                        boolean hasNext = !rs.wasNull();
                        along.accept(rs.getInt(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), hasNext, next,
                                rs.getDouble(6), rs.getDouble(7));
                    }
                }
            }
            return along.result();
        });
    }

    @Override
    public synchronized Optional<VesselRow> vessel(int mmsi) {
        List<VesselRow> rows = query("vessel", "SELECT " + vesselSelect + " FROM vessels WHERE mmsi = ?",
                List.of(mmsi), JdbcHistoryStore::readVessels);
        return rows.stream().findFirst();
    }

    @Override
    public synchronized List<VesselRow> vessels() {
        return query("vessels", "SELECT " + vesselSelect + " FROM vessels ORDER BY mmsi", List.of(),
                JdbcHistoryStore::readVessels);
    }

    @Override
    public synchronized List<IdentityChangeRow> identityHistory(int mmsi) {
        return query("identity history",
                "SELECT mmsi, time_ms, field, old_value, new_value FROM identity_changes WHERE mmsi = ? ORDER BY time_ms",
                List.of(mmsi), rs -> {
                    List<IdentityChangeRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new IdentityChangeRow(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                    out.sort(IDENTITY_ORDER); // text order independent of the database collation
                    return out;
                });
    }

    @Override
    public synchronized Optional<EventRow> event(String id) {
        Objects.requireNonNull(id, "id");
        return readEvents("event", "e.id = ?", List.of(id), EventOrder.OLDEST_FIRST).stream().findFirst();
    }

    @Override
    public synchronized List<EventRow> events(String kind, long fromMillis, long toMillis, EventOrder order) {
        Rows.checkTimeRange(fromMillis, toMillis);
        Objects.requireNonNull(order, "order");
        if (kind == null) {
            return readEvents("events", "e.start_ms <= ? AND e.end_ms >= ?", List.of(toMillis, fromMillis), order);
        }
        return readEvents("events", "e.kind = ? AND e.start_ms <= ? AND e.end_ms >= ?",
                List.of(kind, toMillis, fromMillis), order);
    }

    @Override
    public synchronized List<EventRow> eventsForVessel(int mmsi, long fromMillis, long toMillis, EventOrder order) {
        Rows.checkTimeRange(fromMillis, toMillis);
        Objects.requireNonNull(order, "order");
        return readEvents("events for vessel",
                "e.id IN (SELECT event_id FROM event_vessels WHERE mmsi = ?) AND e.start_ms <= ? AND e.end_ms >= ?",
                List.of(mmsi, toMillis, fromMillis), order);
    }

    @Override
    public synchronized StoreCounts counts() {
        return query("counts", "SELECT (SELECT count(*) FROM positions), (SELECT count(*) FROM vessels),"
                + " (SELECT count(*) FROM identity_changes), (SELECT count(*) FROM events)", List.of(), rs -> {
                    rs.next();
                    return new StoreCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(name() + ": close failed", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<EventRow> readEvents(String what, String where, List<Object> params, EventOrder order) {
        String sql = "SELECT e.id, e.kind, e.start_ms, e.end_ms, e.lat, e.lon, e.geometry_geojson, e.parameters_json,"
                + " e.evidence_json, v.mmsi FROM events e LEFT JOIN event_vessels v ON v.event_id = e.id WHERE "
                + where + " ORDER BY e.id, v.ord";
        return query(what, sql, params, rs -> {
            Map<String, Object[]> cols = new LinkedHashMap<>();
            Map<String, List<Integer>> vessels = new HashMap<>();
            while (rs.next()) {
                String id = rs.getString(1);
                if (!cols.containsKey(id)) {
                    cols.put(id, new Object[] {rs.getString(2), rs.getLong(3), rs.getLong(4), optDouble(rs, 5),
                        optDouble(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9)});
                    vessels.put(id, new ArrayList<>());
                }
                int m = rs.getInt(10);
                if (!rs.wasNull()) {
                    vessels.get(id).add(m);
                }
            }
            List<EventRow> out = new ArrayList<>(cols.size());
            cols.forEach((id, c) -> out.add(new EventRow(id, (String) c[0], (Long) c[1], (Long) c[2],
                    vessels.get(id).stream().mapToInt(Integer::intValue).toArray(), (Double) c[3], (Double) c[4],
                    (String) c[5], (String) c[6], (String) c[7])));
            out.sort(order == EventOrder.NEWEST_FIRST ? EVENT_ORDER.reversed() : EVENT_ORDER);
            return out;
        });
    }

    /** Adds the exact "in one of the boxes" test on lat/lon, and the subclass's index prefilter. */
    private void boxCondition(StringBuilder sql, List<Object> params, List<LatLonBox> boxes) {
        sql.append(" AND (");
        for (int i = 0; i < boxes.size(); i++) {
            LatLonBox b = boxes.get(i);
            sql.append(i > 0 ? " OR " : "").append("(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)");
            params.add(b.minLat());
            params.add(b.maxLat());
            params.add(b.minLon());
            params.add(b.maxLon());
        }
        sql.append(')');
        spatialPrefilter(sql, params, boxes);
    }

    /** A coordinate as typed: 200 rather than 200.0. */
    private static String plain(double d) {
        return plainNumber(d);
    }

    /** A coordinate as typed: 200 rather than 200.0, 151.5 as 151.5. */
    static String plainNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** One prefilter box per polygon of the area, after checking that it is a valid lon/lat area. */
    static List<LatLonBox> areaBoxes(Geometry area) {
        if (!(area instanceof Polygon || area instanceof MultiPolygon) || area.isEmpty()) {
            throw new IllegalArgumentException("the area must be a non-empty Polygon or MultiPolygon, not "
                    + (area == null ? "null" : area.getGeometryType()));
        }
        List<LatLonBox> boxes = new ArrayList<>();
        for (int i = 0; i < area.getNumGeometries(); i++) {
            Geometry part = area.getGeometryN(i);
            if (part.isEmpty()) {
                continue;
            }
            Envelope e = part.getEnvelopeInternal();
            if (!(e.getMinY() >= -90 && e.getMaxY() <= 90 && e.getMinX() >= -180 && e.getMaxX() <= 180)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "area coordinates must be lon"
                        + " -180..180, lat -90..90; this area spans lon %s..%s, lat %s..%s (WKT gives lon first)",
                        plain(e.getMinX()), plain(e.getMaxX()), plain(e.getMinY()), plain(e.getMaxY())));
            }
            boxes.add(new LatLonBox(e.getMinY(), e.getMaxY(), e.getMinX(), e.getMaxX()));
        }
        return boxes;
    }

    static PositionRow readPosition(ResultSet rs) throws SQLException {
        return new PositionRow(rs.getInt(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), optDouble(rs, 5),
                optDouble(rs, 6), optInt(rs, 7), optInt(rs, 8), messageType(rs, 9), rs.getInt(10), rs.getString(11));
    }

    /**
     * A stored message type: NULL, and the 0 that stores made before the column took NULL hold for a
     * fix from a CSV row, are "not available" ({@link PositionRow#NOT_AVAILABLE}).
     */
    static int messageType(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() || v == 0 ? PositionRow.NOT_AVAILABLE : v;
    }

    /**
     * Lets {@code positions.message_type} take NULL in a store made when the column was
     * {@code NOT NULL} (a fix from a CSV row was stored with type 0 then); a store made since is left
     * as it is. Part of opening a store, before any other statement uses the table.
     *
     * @param schema the schema that holds the tables
     */
    protected void allowMissingMessageType(String schema) throws SQLException {
        boolean notNull;
        try (PreparedStatement ps = connection.prepareStatement("SELECT is_nullable FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'positions' AND column_name = 'message_type'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                notNull = rs.next() && "NO".equalsIgnoreCase(rs.getString(1));
            }
        }
        if (notNull) {
            execute("ALTER TABLE positions ALTER COLUMN message_type DROP NOT NULL");
        }
    }

    /**
     * Adds {@code vessels.length} and {@code vessels.beam} (metres, NULL when not available) to a store
     * made before they were kept, filled with the sums of its distances from the reference point (what
     * its length and beam were then); a store made since is left as it is. Part of opening a store for
     * writing, before any other statement uses the table. A vessel of such a store whose size came from
     * a CSV export's length and width keeps them as distances to bow and port until it is written again.
     *
     * @param schema the schema that holds the tables
     */
    protected void addVesselSizeColumns(String schema) throws SQLException {
        if (!hasVesselSizeColumns(schema)) {
            // safe when two open the store at once: neither adds a column twice nor overwrites a size written since
            execute("ALTER TABLE vessels ADD COLUMN IF NOT EXISTS length INTEGER",
                    "ALTER TABLE vessels ADD COLUMN IF NOT EXISTS beam INTEGER",
                    "UPDATE vessels SET length = CASE WHEN to_bow + to_stern > 0 THEN to_bow + to_stern END,"
                            + " beam = CASE WHEN to_port + to_starboard > 0 THEN to_port + to_starboard END"
                            + " WHERE length IS NULL AND beam IS NULL AND to_bow + to_stern + to_port + to_starboard > 0");
        }
    }

    /**
     * Reads a store made before {@code vessels.length} and {@code vessels.beam} were kept without
     * changing it (opened to read only): each vessel's length and beam are then the sums of its
     * distances from the reference point. A store that has them is read as it is.
     *
     * @param schema the schema that holds the tables
     */
    protected void readWithoutVesselSizeColumns(String schema) throws SQLException {
        if (!hasVesselSizeColumns(schema)) {
            vesselSelect = VESSEL_COLUMNS.replace(", length, beam", ", CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)");
        }
    }

    private boolean hasVesselSizeColumns(String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'vessels' AND column_name IN ('length', 'beam')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 2;
            }
        }
    }

    static List<VesselRow> readVessels(ResultSet rs) throws SQLException {
        List<VesselRow> out = new ArrayList<>();
        while (rs.next()) {
            int toBow = rs.getInt(8);
            int toStern = rs.getInt(9);
            int toPort = rs.getInt(10);
            int toStarboard = rs.getInt(11);
            int length = optInt(rs, 20);
            int beam = optInt(rs, 21);
            // a store read as it was before length and beam were kept: the sums of the distances
            if (length == PositionRow.NOT_AVAILABLE && toBow + toStern > 0) {
                length = toBow + toStern;
            }
            if (beam == PositionRow.NOT_AVAILABLE && toPort + toStarboard > 0) {
                beam = toPort + toStarboard;
            }
            out.add(new VesselRow(rs.getInt(1), rs.getString(2), rs.getString(3), optInt(rs, 4), optInt(rs, 5),
                    rs.getString(6), rs.getString(7), toBow, toStern, toPort, toStarboard, length, beam,
                    optDouble(rs, 12), rs.getString(13), rs.getString(14), rs.getLong(15), rs.getLong(16),
                    optDouble(rs, 17), optDouble(rs, 18), rs.getLong(19)));
        }
        return out;
    }

    static double optDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    static int optInt(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? PositionRow.NOT_AVAILABLE : v;
    }

    static void setOptDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void setOptInt(PreparedStatement ps, int i, int v) throws SQLException {
        if (v == PositionRow.NOT_AVAILABLE) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static void setText(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer v) {
                ps.setInt(i + 1, v);
            } else if (p instanceof Long v) {
                ps.setLong(i + 1, v);
            } else if (p instanceof Double v) {
                ps.setDouble(i + 1, v);
            } else if (p instanceof String v) {
                ps.setString(i + 1, v);
            } else {
                throw new IllegalStateException("unsupported parameter " + p);
            }
        }
    }

    /** Runs DDL statements one by one. */
    protected void execute(String... statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }

    /** Appends position rows through a given connection (inside its open transaction). */
    @FunctionalInterface
    interface RowsAppend {
        void append(Connection c, List<PositionRow> rows) throws SQLException;
    }

    /**
     * A {@link PositionWriter} on {@code own}, a connection of the writer's own: runs {@code setup} on
     * it and turns auto-commit off (closing it and throwing when that fails); then each batch is
     * appended by {@code append} in a transaction of its own. Closing the writer closes the connection.
     */
    protected final PositionWriter writerOn(Connection own, List<String> setup, RowsAppend append) {
        try (Statement st = own.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
            own.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                own.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StoreException(name() + ": cannot prepare a connection for position appends", e);
        }
        return new PositionWriter() {
            @Override
            public void append(List<PositionRow> rows) {
                if (rows.isEmpty()) {
                    return;
                }
                try {
                    commitOrRollback(own, () -> {
                        append.append(own, rows);
                        return null;
                    });
                } catch (SQLException e) {
                    throw new StoreException(name() + ": append positions failed", e);
                }
            }

            @Override
            public void close() {
                try {
                    own.close();
                } catch (SQLException e) {
                    throw new StoreException(name() + ": cannot close a position writer's connection", e);
                }
            }
        };
    }

    @FunctionalInterface
    interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String what, String sql, List<Object> params, RowsReader<T> reader) {
        checkOpen();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new StoreException(name() + ": " + what + " failed", e);
        }
    }

    private void inTransaction(String what, SqlAction action) {
        inTransaction(what, () -> {
            action.run();
            return null;
        });
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    protected <T> T inTransaction(String what, SqlWork<T> work) {
        checkOpen();
        try {
            connection.setAutoCommit(false);
            try {
                return commitOrRollback(connection, work);
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(name() + ": " + what + " failed", e);
        }
    }

    /** Runs work on {@code c} (auto-commit off) and commits; rolls back and rethrows when it throws. */
    private static <T> T commitOrRollback(Connection c, SqlWork<T> work) throws SQLException {
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The table of {@link #analyzedInputs}, made where it is missing (a store written before it). */
    static final String ANALYZED_INPUTS_TABLE = "CREATE TABLE IF NOT EXISTS analyzed_inputs (fingerprint VARCHAR PRIMARY KEY,"
            + " name VARCHAR NOT NULL, bytes BIGINT NOT NULL, analyzed_ms BIGINT NOT NULL)";

    @Override
    public synchronized List<AnalyzedInput> analyzedInputs() {
        return query("analyzed inputs", "SELECT fingerprint, name, bytes, analyzed_ms FROM analyzed_inputs", List.of(), rs -> {
            List<AnalyzedInput> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new AnalyzedInput(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
        });
    }

    @Override
    public synchronized void recordAnalyzedInputs(List<AnalyzedInput> inputs) {
        inTransaction("record analyzed inputs", () -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO analyzed_inputs (fingerprint, name, bytes,"
                    + " analyzed_ms) VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name,"
                    + " bytes = excluded.bytes, analyzed_ms = excluded.analyzed_ms")) {
                for (AnalyzedInput in : inputs) {
                    ps.setString(1, in.fingerprint());
                    ps.setString(2, in.name());
                    ps.setLong(3, in.bytes());
                    ps.setLong(4, in.analyzedMillis());
                    ps.executeUpdate();
                }
            }
        });
    }

    protected void checkOpen() {
        if (closed) {
            throw new StoreException(name() + " is closed", null);
        }
    }
}
