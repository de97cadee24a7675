package org.watchkeeper.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The server history store: PostgreSQL 15 with PostGIS 3.
 *
 * <p>Positions carry a generated PostGIS point column ({@code geom}, SRID 4326) with a GiST index
 * that prefilters box, polygon and radius queries; the final answer uses the same rules as
 * {@link DuckDbHistoryStore} (exact lat/lon box test, haversine distance in SQL, JTS
 * point-in-polygon) so both stores agree. Positions are appended with {@code COPY ... FROM STDIN};
 * vessels and events are upserted with {@code ON CONFLICT}.
 *
 * <p>The schema is created on open. The PostGIS extension must be installable by the user or
 * already installed in the database ({@code scripts/postgres-start.sh} does that). A writer that
 * keeps the schema for itself (the server, which empties it at each start) marks it with
 * {@link #claim} and holds {@link #tryLockSchema()}.
 */
public final class PostgresHistoryStore extends JdbcHistoryStore {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int COPY_CHUNK_BYTES = 1 << 16;

    private final String url;
    private final String schema;
    /** What {@link #open} connected with, for the connections of {@link #positionWriter()}. */
    private final Properties connectionProperties;

    private PostgresHistoryStore(Connection connection, String url, String schema, Properties connectionProperties) {
        super(connection);
        this.url = url;
        this.schema = schema;
        this.connectionProperties = connectionProperties;
    }

    /**
     * Opens the store in the {@code public} schema.
     *
     * @see #open(String, String, String, String)
     */
    public static PostgresHistoryStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, "public");
    }

    /**
     * Connects and creates what is missing: the PostGIS extension, the schema and its tables and
     * indexes.
     *
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://localhost:5432/watchkeeper}
     * @param user     database user
     * @param password its password
     * @param schema   schema holding the tables: lower-case letters, digits and underscores
     * @return the open store
     * @throws IllegalArgumentException when the URL is not a JDBC URL of PostgreSQL ({@link PostgresUrl#check}) or
     *                                  the schema name is not a plain identifier
     * @throws ConnectFailure           when the server cannot be reached or refuses the login
     * @throws StoreException           when the schema cannot be created
     */
    public static PostgresHistoryStore open(String jdbcUrl, String user, String password, String schema) {
        checkSchemaName(schema);
        Properties props = connectionProperties(user, password);
        Connection c = connect(jdbcUrl, props);
        PostgresHistoryStore store = new PostgresHistoryStore(c, jdbcUrl, schema, props);
        try {
            store.requirePostgis(user);
            store.createSchema();
        } catch (SQLException | StoreException e) {
            closeQuietly(c, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot create the schema " + schema + " at " + redactedUrl(jdbcUrl), e);
        }
        return store;
    }

    /**
     * Opens a history that is already there, for reading: unlike {@link #open(String, String, String, String)}
     * it creates nothing, neither the schema nor its tables, so that a mistyped schema name does not
     * leave an empty schema behind and answer "nothing found".
     *
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://localhost:5432/watchkeeper}
     * @param user     database user
     * @param password its password
     * @param schema   schema holding the tables: lower-case letters, digits and underscores
     * @return the open store
     * @throws IllegalArgumentException when the URL is not a JDBC URL of PostgreSQL ({@link PostgresUrl#check}) or
     *                                  the schema name is not a plain identifier
     * @throws NoHistoryException       when the schema holds no Watchkeeper history (its message names the
     *                                  schemas of that database that do)
     * @throws ConnectFailure           when the server cannot be reached or refuses the login
     */
    public static PostgresHistoryStore openExisting(String jdbcUrl, String user, String password, String schema) {
        checkSchemaName(schema);
        Properties props = connectionProperties(user, password);
        Connection c = connect(jdbcUrl, props);
        try {
            java.util.List<String> holding = new java.util.ArrayList<>();
            // a history is the five tables analyze and serve make; the others (analyzed_inputs, store_owner, and incidents
            // in a schema made before they moved out) are extras
            try (java.sql.PreparedStatement st = c.prepareStatement("SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name IN ('positions', 'vessels', 'identity_changes', 'events', 'event_vessels')"
                    + " GROUP BY table_schema HAVING count(DISTINCT table_name) = 5 ORDER BY table_schema");
                 java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    holding.add(rs.getString(1));
                }
            }
            if (!holding.contains(schema)) {
                throw new NoHistoryException("no Watchkeeper history in schema " + schema + " at " + redactedUrl(jdbcUrl)
                        + (holding.isEmpty() ? " (no schema of that database holds one: run 'watchkeeper analyze --store postgres'"
                                + " or 'watchkeeper serve --store postgres' first)"
                                : " (" + (holding.size() == 1 ? "the schema holding one is " : "the schemas holding one are ")
                                        + String.join(", ", holding) + ": give --pg-schema"
                                        + (holding.contains("watchkeeper_serve") ? "; a server's is watchkeeper_serve by default" : "")
                                        + ")"));
            }
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new StoreException("cannot read the schemas at " + redactedUrl(jdbcUrl), e);
        } catch (RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
        PostgresHistoryStore store = new PostgresHistoryStore(c, jdbcUrl, schema, props);
        try {
            // PostGIS lives in public; the tables in the chosen schema (as createSchema sets it)
            store.execute("SET search_path TO " + schema + ", public");
            // read as it is: a history made before vessels kept length and beam is not changed here
            store.readWithoutVesselSizeColumns(schema);
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new StoreException("cannot use the schema " + schema + " at " + redactedUrl(jdbcUrl), e);
        }
        return store;
    }

    private static Properties connectionProperties(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "watchkeeper-store");
        return props;
    }

    private static Connection connect(String jdbcUrl, Properties props) {
        String user = props.getProperty("user");
        PostgresUrl.check(jdbcUrl, user);
        try {
            return DriverManager.getConnection(jdbcUrl, props);
        } catch (SQLException e) {
            throw ConnectFailure.of(jdbcUrl, user, e);
        }
    }

    private static void closeQuietly(Connection c, Exception e) {
        try {
            c.close();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    /**
     * PostgreSQL could not be reached, or refused the login: its message is one line naming where (host and
     * port), the database, the user and why, e.g. {@code cannot connect to PostgreSQL at nosuchhost:5432
     * (database watchkeeper, user watchkeeper): unknown host nosuchhost}.
     */
    public static final class ConnectFailure extends StoreException {
        private static final long serialVersionUID = 1L;

        /** Why the connection failed. */
        public enum Reason {
            /** The host name does not resolve. */
            UNKNOWN_HOST,
            /** Nothing listens at that host and port. */
            REFUSED,
            /** No answer in time. */
            TIMED_OUT,
            /** The password is wrong, or the user does not exist (PostgreSQL does not tell which). */
            LOGIN_REFUSED,
            /** The database does not exist. */
            NO_DATABASE,
            /**
             * The server's {@code pg_hba.conf} has no entry for this host, user, database and encryption
             * (SQLSTATE 28000): a password would not help.
             */
            NOT_ALLOWED,
            /**
             * The SSL the URL asks for ({@code sslmode=require}, {@code verify-ca}, {@code verify-full}) cannot be had:
             * the server takes no SSL connections, or its certificate is not trusted.
             */
            SSL,
            /** Anything else: the driver's or the server's message says it. */
            OTHER
        }

        private final transient PostgresUrl.Endpoint endpoint;
        private final String user;
        private final Reason reason;

        private ConnectFailure(PostgresUrl.Endpoint endpoint, String user, Reason reason, String why, SQLException cause) {
            super("cannot connect to PostgreSQL at " + endpoint.address() + " (database "
                    + (endpoint.database() == null ? user : endpoint.database()) + ", user " + user + "): " + why, cause);
            this.endpoint = endpoint;
            this.user = user;
            this.reason = reason;
        }

        static ConnectFailure of(String jdbcUrl, String user, SQLException e) {
            PostgresUrl.Endpoint at = PostgresUrl.endpoint(jdbcUrl);
            String database = at.database() == null ? user : at.database();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (root instanceof java.net.UnknownHostException) {
                String host = root.getMessage() == null || root.getMessage().isBlank() ? at.host() : root.getMessage();
                return new ConnectFailure(at, user, Reason.UNKNOWN_HOST, "unknown host " + host, e);
            }
            if (root instanceof java.net.ConnectException) {
                return new ConnectFailure(at, user, Reason.REFUSED, "connection refused (nothing listens on that port)", e);
            }
            if (root instanceof javax.net.ssl.SSLException || root instanceof java.security.cert.CertificateException
                    || root instanceof java.security.GeneralSecurityException) {
                String m = root.getMessage() == null ? root.toString() : root.getMessage();
                return new ConnectFailure(at, user, Reason.SSL, "SSL failed: " + m.strip().replaceAll("\\s*\\R\\s*", "; "), e);
            }
            if (state.equals("08004") && e.getMessage() != null && e.getMessage().contains("SSL")) {
                return new ConnectFailure(at, user, Reason.SSL, "the server takes no SSL connections, and the URL asks for SSL", e);
            }
            if (root instanceof java.net.SocketTimeoutException) {
                return new ConnectFailure(at, user, Reason.TIMED_OUT, "no answer in time", e);
            }
            if (state.equals("28P01")) {
                return new ConnectFailure(at, user, Reason.LOGIN_REFUSED,
                        "password authentication failed for user " + user + " (a wrong password, or no such user)", e);
            }
            if (state.equals("28000")) {
                String m = e.getMessage() == null ? "" : e.getMessage().strip().replaceFirst("^FATAL: ", "");
                return new ConnectFailure(at, user, Reason.NOT_ALLOWED, "the server lets no such connection in ("
                        + (m.isEmpty() ? "invalid authorization" : m.replaceAll("\\s*\\R\\s*", "; ")) + ")", e);
            }
            if (state.equals("3D000")) {
                return new ConnectFailure(at, user, Reason.NO_DATABASE, "database " + database + " does not exist", e);
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceFirst("^FATAL: ", "");
            if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null) {
                why += ": " + e.getCause().getMessage();
            }
            return new ConnectFailure(at, user, Reason.OTHER, why.replaceAll("\\s*\\R\\s*", "; "), e);
        }

        /** @return why the connection failed */
        public Reason reason() {
            return reason;
        }

        /** @return where it was tried */
        public PostgresUrl.Endpoint endpoint() {
            return endpoint;
        }

        /** @return the user it was tried as */
        public String user() {
            return user;
        }
    }

    /** A schema asked for that holds no Watchkeeper history ({@link #openExisting}). */
    public static final class NoHistoryException extends StoreException {
        private static final long serialVersionUID = 1L;

        NoHistoryException(String message) {
            super(message, null);
        }
    }

    /**
     * Checks a schema name: lower-case letters, digits and underscores, not starting with a digit, at
     * most 63 characters (a PostgreSQL identifier that needs no quoting).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static void checkSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("the PostgreSQL schema name must be lower-case letters, digits and underscores,"
                    + " not starting with a digit, at most 63 characters: " + schema);
        }
    }

    /**
     * A JDBC URL fit to show: the values of its {@code password} and {@code sslpassword} parameters
     * replaced by {@code ***}.
     */
    public static String redactedUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        String s = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1$2=***");
        s = USER_INFO_PASSWORD.matcher(s).replaceAll("$1:***@");
        return KEYWORD_PASSWORD.matcher(s).replaceAll("$1$2=***");
    }

    private static final Pattern PASSWORD_PARAM = Pattern.compile("([?&])((?i:ssl)?(?i:password))=[^&]*");
    /** The password of a libpq URI's {@code user:password@}, which a user may give where a JDBC URL belongs. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/:@?]*):[^@/?]*@");
    /** The password of a libpq keyword/value string ({@code host=db password=secret}). */
    private static final Pattern KEYWORD_PASSWORD = Pattern.compile("(^|\\s)((?:ssl)?password)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)");

    /** @return the JDBC URL connected to, its passwords redacted ({@link #redactedUrl}) */
    public String url() {
        return redactedUrl(url);
    }

    /**
     * Makes sure PostGIS is there: installs it when missing (which takes a user allowed to), else
     * fails with a message saying so.
     */
    private void requirePostgis(String user) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")) {
            if (rs.next()) {
                return;
            }
        }
        try {
            execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new StoreException("PostGIS is not installed in the database at " + redactedUrl(url) + " and user " + user
                    + " cannot install it (a superuser runs CREATE EXTENSION postgis there; scripts/postgres-start.sh does it)", e);
        }
    }

    /** Key class of the advisory locks of {@link #tryLockSchema()}: "WK" in ASCII. */
    private static final int LOCK_CLASS = 0x574b;

    /**
     * Takes the session advisory lock of this store's schema, which this store holds until it is
     * closed: one holder at a time, whichever process.
     *
     * @return whether it was taken (false: another session holds it)
     * @throws StoreException when the database fails
     */
    public synchronized boolean tryLockSchema() {
        checkOpen();
        try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException(name() + ": cannot take the schema's advisory lock", e);
        }
    }

    /**
     * Who claimed this schema as its own ({@link #claim}), e.g. {@code watchkeeper serve /srv/wk}.
     *
     * @return the owner, or empty when nobody claimed it (a store written by {@code analyze})
     * @throws StoreException when the database fails
     */
    public synchronized java.util.Optional<String> owner() {
        checkOpen();
        try (java.sql.Statement st = connection.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".store_owner') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return java.util.Optional.empty();
                }
            }
            try (java.sql.ResultSet rs = st.executeQuery("SELECT owner FROM " + schema + ".store_owner LIMIT 1")) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(name() + ": cannot read the schema's owner", e);
        }
    }

    /**
     * Marks this schema as {@code owner}'s (table {@code store_owner}, one row, with the time in ms),
     * replacing any earlier owner.
     *
     * @throws StoreException when the database fails
     */
    public synchronized void claim(String owner) {
        inTransaction("claim the schema", () -> {
            execute("CREATE TABLE IF NOT EXISTS store_owner (owner text NOT NULL, claimed_ms bigint NOT NULL)",
                    "DELETE FROM store_owner");
            try (java.sql.PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO store_owner (owner, claimed_ms) VALUES (?, ?)")) {
                ps.setString(1, owner);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Empties the history tables: positions, vessels, identity changes, events and their vessels.
     * Incidents, the analyzed inputs and the owner are kept. A {@code TRUNCATE} waits for no reader
     * longer than {@value #TRUNCATE_LOCK_WAIT}: when another session (a SQL or GIS client inside a
     * transaction) still reads a table then, the rows are deleted instead, which readers do not block.
     *
     * @throws StoreException when the database fails
     */
    public synchronized void clearHistory() {
        try {
            inTransaction("empty the history tables", () -> {
                execute("SET LOCAL lock_timeout = '" + TRUNCATE_LOCK_WAIT + "'",
                        "TRUNCATE positions, vessels, identity_changes, events, event_vessels");
                return null;
            });
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql) || !LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                throw e;
            }
            inTransaction("empty the history tables", () -> {
                execute("DELETE FROM positions", "DELETE FROM vessels", "DELETE FROM identity_changes",
                        "DELETE FROM event_vessels", "DELETE FROM events");
                return null;
            });
        }
    }

    /** How long {@link #clearHistory} waits for readers before it deletes instead of truncating. */
    static final String TRUNCATE_LOCK_WAIT = "5s";
    /** SQLSTATE lock_not_available. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** @return the schema holding the tables */
    public String schema() {
        return schema;
    }

    private void createSchema() throws SQLException {
        execute("CREATE SCHEMA IF NOT EXISTS " + schema,
                // PostGIS lives in public; the tables in the chosen schema.
                "SET search_path TO " + schema + ", public",
                "CREATE TABLE IF NOT EXISTS positions (mmsi integer NOT NULL, time_ms bigint NOT NULL,"
                        + " lat double precision NOT NULL, lon double precision NOT NULL, sog double precision,"
                        + " cog double precision, heading integer, nav_status integer, message_type integer,"
                        + " segment integer NOT NULL, source text,"
                        + " geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED)",
                "CREATE INDEX IF NOT EXISTS positions_geom ON positions USING gist (geom)",
                "CREATE INDEX IF NOT EXISTS positions_mmsi_time ON positions (mmsi, time_ms)",
                "CREATE INDEX IF NOT EXISTS positions_time ON positions (time_ms)",
                "CREATE TABLE IF NOT EXISTS vessels (mmsi integer PRIMARY KEY, name text, callsign text,"
                        + " imo integer, ship_type integer, vessel_class text, flag text,"
                        + " to_bow integer NOT NULL, to_stern integer NOT NULL, to_port integer NOT NULL,"
                        + " to_starboard integer NOT NULL, draught double precision, destination text, eta text,"
                        + " first_seen bigint NOT NULL, last_seen bigint NOT NULL, last_lat double precision,"
                        + " last_lon double precision, positions bigint NOT NULL, length integer, beam integer)",
                "CREATE TABLE IF NOT EXISTS identity_changes (mmsi integer NOT NULL, time_ms bigint NOT NULL,"
                        + " field text NOT NULL, old_value text, new_value text)",
                "CREATE INDEX IF NOT EXISTS identity_changes_mmsi ON identity_changes (mmsi, time_ms)",
                "CREATE TABLE IF NOT EXISTS events (id text PRIMARY KEY, kind text NOT NULL,"
                        + " start_ms bigint NOT NULL, end_ms bigint NOT NULL, lat double precision,"
                        + " lon double precision, geometry_geojson text, parameters_json text, evidence_json text)",
                "CREATE INDEX IF NOT EXISTS events_kind_start ON events (kind, start_ms)",
                "CREATE TABLE IF NOT EXISTS event_vessels (event_id text NOT NULL, ord integer NOT NULL,"
                        + " mmsi integer NOT NULL, PRIMARY KEY (event_id, ord))",
                "CREATE INDEX IF NOT EXISTS event_vessels_mmsi ON event_vessels (mmsi)",
                ANALYZED_INPUTS_TABLE);
        allowMissingMessageType(schema);
        addVesselSizeColumns(schema);
    }

    /*
     * Incidents: the table is made when the first incident is stored, not with the schema. Neither analyze nor
     * serve keeps incidents here (a server keeps them in its data folder, DIR/incidents), so a schema they
     * write holds no empty incidents table; one made before, with or without rows, is read as it is.
     */

    /** Whether the incidents table is known to exist (it is never dropped by the store). */
    private boolean incidentsTable;

    /** Whether the schema has an incidents table; once it has, that is remembered. */
    private boolean hasIncidentsTable() {
        if (!incidentsTable) {
            try (java.sql.Statement st = connection.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".incidents') IS NOT NULL")) {
                rs.next();
                incidentsTable = rs.getBoolean(1);
            } catch (SQLException e) {
                throw new StoreException(name() + ": cannot look for the incidents table", e);
            }
        }
        return incidentsTable;
    }

    @Override
    public synchronized void upsertIncidents(List<IncidentRow> rows) {
        super.upsertIncidents(rows);
        if (!rows.isEmpty()) {
            incidentsTable = true; // made in that (committed) transaction, if it was not there
        }
    }

    @Override
    protected void writeIncidents(java.util.Collection<IncidentRow> rows) throws SQLException {
        if (!incidentsTable) {
            execute("CREATE TABLE IF NOT EXISTS incidents (id text PRIMARY KEY, time_ms bigint NOT NULL,"
                            + " lat double precision NOT NULL, lon double precision NOT NULL, type text NOT NULL,"
                            + " category text, victim_mmsi integer, victim_imo integer, tlp text NOT NULL,"
                            + " owner_org text NOT NULL, updated_ms bigint NOT NULL, json text NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS incidents_time ON incidents (time_ms)");
        }
        super.writeIncidents(rows);
    }

    @Override
    public synchronized java.util.Optional<IncidentRow> incident(String id) {
        java.util.Objects.requireNonNull(id, "id");
        checkOpen();
        return hasIncidentsTable() ? super.incident(id) : java.util.Optional.empty();
    }

    @Override
    public synchronized List<IncidentRow> incidents(IncidentQuery query) {
        java.util.Objects.requireNonNull(query, "query");
        checkOpen();
        return hasIncidentsTable() ? super.incidents(query) : List.of();
    }

    @Override
    public synchronized boolean deleteIncident(String id) {
        java.util.Objects.requireNonNull(id, "id");
        checkOpen();
        return hasIncidentsTable() && super.deleteIncident(id);
    }

    @Override
    public synchronized long incidentCount() {
        checkOpen();
        return hasIncidentsTable() ? super.incidentCount() : 0;
    }

    @Override
    protected void spatialPrefilter(StringBuilder sql, List<Object> params, List<LatLonBox> boxes) {
        sql.append(" AND (");
        for (int i = 0; i < boxes.size(); i++) {
            LatLonBox b = boxes.get(i);
            sql.append(i > 0 ? " OR " : "").append("geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
            params.add(b.minLon());
            params.add(b.minLat());
            params.add(b.maxLon());
            params.add(b.maxLat());
        }
        sql.append(')');
    }

    @Override
    protected void bulkAppendPositions(List<PositionRow> rows) throws SQLException {
        copyPositions(connection, rows);
    }

    /**
     * A writer with a connection of its own (its {@code COPY}s run in server processes of their own,
     * beside the other writers'; each batch commits on its own).
     */
    @Override
    public PositionWriter positionWriter() {
        checkOpen();
        Connection own;
        try {
            own = DriverManager.getConnection(url, connectionProperties);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + redactedUrl(url) + " for position appends", e);
        }
        return writerOn(own, List.of("SET search_path TO " + schema + ", public"), PostgresHistoryStore::copyPositions);
    }

    /** Streams the rows as COPY text format: tab separated, {@code \N} for NULL. */
    private static void copyPositions(Connection connection, List<PositionRow> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY positions (" + POSITION_COLUMNS + ") FROM STDIN (FORMAT text)");
        try {
            StringBuilder sb = new StringBuilder(COPY_CHUNK_BYTES + 512);
            for (PositionRow p : rows) {
                sb.append(p.mmsi()).append('\t').append(p.timeMillis()).append('\t')
                        .append(p.lat()).append('\t').append(p.lon()).append('\t');
                optDouble(sb, p.sog());
                optDouble(sb, p.cog());
                optInt(sb, p.heading());
                optInt(sb, p.navStatus());
                optInt(sb, p.messageType());
                sb.append(p.segment()).append('\t');
                if (p.source() == null) {
                    sb.append("\\N");
                } else {
                    escape(sb, p.source());
                }
                sb.append('\n');
                if (sb.length() >= COPY_CHUNK_BYTES) {
                    write(copy, sb);
                }
            }
            write(copy, sb);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder sb) throws SQLException {
        if (sb.length() > 0) {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        }
    }

    // Double.toString gives the shortest text that reads back to the same double; PostgreSQL's
    // float8 input is correctly rounded, so values arrive bit-exact.
    private static void optDouble(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("\\N\t");
        } else {
            sb.append(v).append('\t');
        }
    }

    private static void optInt(StringBuilder sb, int v) {
        if (v == PositionRow.NOT_AVAILABLE) {
            sb.append("\\N\t");
        } else {
            sb.append(v).append('\t');
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    @Override
    protected String name() {
        return "PostgreSQL history store " + redactedUrl(url) + " schema " + schema;
    }
}
