package org.watchkeeper.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded history store: one DuckDB database file, {@value #FILE_NAME}, in a data
 * directory. Nothing to install or run beside the application.
 *
 * <p>Positions and identity changes are appended through DuckDB's Appender (columnar bulk
 * load); vessels and events go through the Appender into per-connection staging tables and are
 * merged with one {@code INSERT ... ON CONFLICT} statement. No DuckDB extension
 * is used: the radius query evaluates the haversine formula in SQL after a latitude/longitude
 * box prefilter, and polygon queries test candidates from a box prefilter with JTS, exactly as
 * {@link PostgresHistoryStore} does, so both give the same answers. DuckDB's per-block min/max
 * statistics serve as the index on time and coordinates.
 *
 * <p>One process may open a database file for writing at a time (DuckDB locks the file).
 */
public final class DuckDbHistoryStore extends JdbcHistoryStore {

    /** Name of the database file inside the data directory. */
    public static final String FILE_NAME = "history.duckdb";

    private final Path file;

    private DuckDbHistoryStore(Connection connection, Path file) {
        super(connection);
        this.file = file;
    }

    /**
     * Opens (creating when needed) the store in {@code dataDirectory}/{@value #FILE_NAME} and
     * creates the tables that are missing. The directory is made absolute and normalised first
     * ({@code ./a/../b} is {@code b} under the working directory, whether or not {@code a} exists),
     * so that {@link #file()} and the messages name the one file however the path was written.
     *
     * @param dataDirectory directory for the database file; created when missing
     * @return the open store
     * @throws StoreException when the directory or database cannot be created or opened (for
     *                        example when another process holds the file)
     */
    public static DuckDbHistoryStore open(Path dataDirectory) {
        return open(dataDirectory, 0);
    }

    /**
     * Opens the store as {@link #open(Path)} does, with a bound on DuckDB's own worker threads.
     * DuckDB runs as many threads as the machine has cores unless told otherwise (its {@code threads}
     * setting); the thread that calls the store counts as one of them. A process whose latency
     * matters more than the store's write throughput (the live server) passes 1: DuckDB then does
     * its work (appends, merges, write-ahead-log checkpoints) on the calling thread only, and never
     * takes a core from the threads that feed the live picture.
     *
     * @param dataDirectory directory for the database file; created when missing
     * @param threads       DuckDB threads, 1 or more; 0 keeps DuckDB's default (one per core)
     * @return the open store
     * @throws IllegalArgumentException when {@code threads} is negative
     * @throws StoreException           when the directory or database cannot be created or opened
     */
    public static DuckDbHistoryStore open(Path dataDirectory, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("DuckDB threads must be >= 0: " + threads);
        }
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir, e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:" + file);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("Could not set lock")) {
                throw new StoreLockedException(file, e);
            }
            throw new StoreException("cannot open DuckDB database " + file, e);
        }
        DuckDbHistoryStore store = new DuckDbHistoryStore(c, file);
        try {
            if (threads > 0) {
                store.execute("SET threads = " + threads);
            }
            store.createSchema();
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StoreException("cannot create the schema in " + file, e);
        }
        return store;
    }

    /** @return the database file, absolute and normalised */
    public Path file() {
        return file;
    }

    private void createSchema() throws SQLException {
        execute(
                "CREATE TABLE IF NOT EXISTS positions (mmsi INTEGER NOT NULL, time_ms BIGINT NOT NULL,"
                        + " lat DOUBLE NOT NULL, lon DOUBLE NOT NULL, sog DOUBLE, cog DOUBLE, heading INTEGER,"
                        + " nav_status INTEGER, message_type INTEGER, segment INTEGER NOT NULL, source VARCHAR)",
                "CREATE TABLE IF NOT EXISTS vessels (mmsi INTEGER PRIMARY KEY, name VARCHAR, callsign VARCHAR,"
                        + " imo INTEGER, ship_type INTEGER, vessel_class VARCHAR, flag VARCHAR,"
                        + " to_bow INTEGER NOT NULL, to_stern INTEGER NOT NULL, to_port INTEGER NOT NULL,"
                        + " to_starboard INTEGER NOT NULL, draught DOUBLE, destination VARCHAR, eta VARCHAR,"
                        + " first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, last_lat DOUBLE, last_lon DOUBLE,"
                        + " positions BIGINT NOT NULL, length INTEGER, beam INTEGER)",
                "CREATE TABLE IF NOT EXISTS identity_changes (mmsi INTEGER NOT NULL, time_ms BIGINT NOT NULL,"
                        + " field VARCHAR NOT NULL, old_value VARCHAR, new_value VARCHAR)",
                "CREATE TABLE IF NOT EXISTS events (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL,"
                        + " start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL, lat DOUBLE, lon DOUBLE,"
                        + " geometry_geojson VARCHAR, parameters_json VARCHAR, evidence_json VARCHAR)",
                "CREATE TABLE IF NOT EXISTS event_vessels (event_id VARCHAR NOT NULL, ord INTEGER NOT NULL,"
                        + " mmsi INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS incidents (id VARCHAR PRIMARY KEY, time_ms BIGINT NOT NULL,"
                        + " lat DOUBLE NOT NULL, lon DOUBLE NOT NULL, type VARCHAR NOT NULL, category VARCHAR,"
                        + " victim_mmsi INTEGER, victim_imo INTEGER, tlp VARCHAR NOT NULL, owner_org VARCHAR NOT NULL,"
                        + " updated_ms BIGINT NOT NULL, json VARCHAR NOT NULL)",
                ANALYZED_INPUTS_TABLE);
        // before the staging tables copy the table's columns
        addVesselSizeColumns("main");
        execute(
                // Per-connection staging tables: rows arrive through the Appender, then one
                // set-based statement merges them (DuckDB runs row-by-row prepared batches slowly).
                "CREATE TEMP TABLE staging_vessels AS SELECT * FROM vessels LIMIT 0",
                "CREATE TEMP TABLE staging_events AS SELECT * FROM events LIMIT 0",
                "CREATE TEMP TABLE staging_event_vessels AS SELECT * FROM event_vessels LIMIT 0",
                "CREATE TEMP TABLE staging_incidents AS SELECT * FROM incidents LIMIT 0");
        allowMissingMessageType("main");
    }

    private DuckDBAppender appender(String table) throws SQLException {
        return connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    private DuckDBAppender stagingAppender(String table) throws SQLException {
        return connection.unwrap(DuckDBConnection.class).createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    @Override
    protected void writeVessels(Collection<VesselRow> rows) throws SQLException {
        execute("DELETE FROM staging_vessels");
        try (DuckDBAppender a = stagingAppender("staging_vessels")) {
            for (VesselRow v : rows) {
                a.beginRow();
                a.append(v.mmsi());
                appendText(a, v.name());
                appendText(a, v.callsign());
                appendOpt(a, v.imo());
                appendOpt(a, v.shipType());
                appendText(a, v.vesselClass());
                appendText(a, v.flag());
                a.append(v.toBow());
                a.append(v.toStern());
                a.append(v.toPort());
                a.append(v.toStarboard());
                appendOpt(a, v.draught());
                appendText(a, v.destination());
                appendText(a, v.eta());
                a.append(v.firstSeen());
                a.append(v.lastSeen());
                appendOpt(a, v.lastLat());
                appendOpt(a, v.lastLon());
                a.append(v.positions());
                appendOpt(a, v.length());
                appendOpt(a, v.beam());
                a.endRow();
            }
        }
        execute(vesselUpsertSql("SELECT " + VESSEL_COLUMNS + " FROM staging_vessels"),
                "DELETE FROM staging_vessels");
    }

    @Override
    protected void writeIdentityChanges(List<IdentityChangeRow> rows) throws SQLException {
        try (DuckDBAppender a = appender("identity_changes")) {
            for (IdentityChangeRow r : rows) {
                a.beginRow();
                a.append(r.mmsi());
                a.append(r.timeMillis());
                a.append(r.field());
                appendText(a, r.oldValue());
                appendText(a, r.newValue());
                a.endRow();
            }
        }
    }

    @Override
    protected void writeEvents(Collection<EventRow> rows) throws SQLException {
        execute("DELETE FROM staging_events", "DELETE FROM staging_event_vessels");
        try (DuckDBAppender a = stagingAppender("staging_events");
             DuckDBAppender v = stagingAppender("staging_event_vessels")) {
            for (EventRow e : rows) {
                a.beginRow();
                a.append(e.id());
                a.append(e.kind());
                a.append(e.startMillis());
                a.append(e.endMillis());
                appendOpt(a, e.lat());
                appendOpt(a, e.lon());
                appendText(a, e.geometryGeoJson());
                appendText(a, e.parametersJson());
                appendText(a, e.evidenceJson());
                a.endRow();
                int[] mmsis = e.mmsis();
                for (int k = 0; k < mmsis.length; k++) {
                    v.beginRow();
                    v.append(e.id());
                    v.append(k);
                    v.append(mmsis[k]);
                    v.endRow();
                }
            }
        }
        execute(eventUpsertSql("SELECT " + EVENT_COLUMNS + " FROM staging_events"),
                "DELETE FROM event_vessels WHERE event_id IN (SELECT id FROM staging_events)",
                "INSERT INTO event_vessels SELECT event_id, ord, mmsi FROM staging_event_vessels",
                "DELETE FROM staging_events",
                "DELETE FROM staging_event_vessels");
    }

    @Override
    protected void writeIncidents(Collection<IncidentRow> rows) throws SQLException {
        execute("DELETE FROM staging_incidents");
        try (DuckDBAppender a = stagingAppender("staging_incidents")) {
            for (IncidentRow r : rows) {
                a.beginRow();
                a.append(r.id());
                a.append(r.timeMillis());
                a.append(r.lat());
                a.append(r.lon());
                a.append(r.type());
                appendText(a, r.category());
                appendOpt(a, r.victimMmsi());
                appendOpt(a, r.victimImo());
                a.append(r.tlp());
                a.append(r.ownerOrg());
                a.append(r.updatedMillis());
                a.append(r.json());
                a.endRow();
            }
        }
        execute(incidentUpsertSql("SELECT " + INCIDENT_COLUMNS + " FROM staging_incidents"),
                "DELETE FROM staging_incidents");
    }

    @Override
    protected void bulkAppendPositions(List<PositionRow> rows) throws SQLException {
        appendRows(connection, rows);
    }

    /**
     * A writer with a connection of its own to this database (DuckDB appends of several connections
     * to one table run in parallel; each batch commits on its own).
     */
    @Override
    public PositionWriter positionWriter() {
        checkOpen();
        Connection own;
        try {
            own = connection.unwrap(DuckDBConnection.class).duplicate();
        } catch (SQLException e) {
            throw new StoreException(name() + ": cannot open a connection for position appends", e);
        }
        return writerOn(own, List.of(), DuckDbHistoryStore::appendRows);
    }

    private static void appendRows(Connection c, List<PositionRow> rows) throws SQLException {
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "positions")) {
            for (PositionRow p : rows) {
                a.beginRow();
                a.append(p.mmsi());
                a.append(p.timeMillis());
                a.append(p.lat());
                a.append(p.lon());
                appendOpt(a, p.sog());
                appendOpt(a, p.cog());
                appendOpt(a, p.heading());
                appendOpt(a, p.navStatus());
                appendOpt(a, p.messageType());
                a.append(p.segment());
                appendText(a, p.source());
                a.endRow();
            }
        }
    }

    private static void appendText(DuckDBAppender a, String v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    private static void appendOpt(DuckDBAppender a, double v) throws SQLException {
        if (Double.isNaN(v)) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    private static void appendOpt(DuckDBAppender a, int v) throws SQLException {
        if (v == PositionRow.NOT_AVAILABLE) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    @Override
    protected String name() {
        return "DuckDB history store " + file;
    }
}
