package org.watchkeeper.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The set-up every PostgreSQL test shares (those of store, server and app, which take it from the store's
 * test jar): the connection settings {@code WATCHKEEPER_PG_URL} (default
 * {@code jdbc:postgresql://localhost:5432/watchkeeper}), {@code WATCHKEEPER_PG_USER} and
 * {@code WATCHKEEPER_PG_PASSWORD} (default {@code watchkeeper}); the rule that a test needing the server
 * is skipped, with a message saying so, when it cannot be reached, except when {@code CI=true}: then it
 * fails, because CI must run it ({@code scripts/postgres-start.sh} starts the server); and fresh schemas,
 * dropped after the test.
 */
public final class PostgresTestSupport {
    private PostgresTestSupport() {
    }

    /** The JDBC URL of the test server. */
    public static final String URL = env("WATCHKEEPER_PG_URL", "jdbc:postgresql://localhost:5432/watchkeeper");
    /** Its user. */
    public static final String USER = env("WATCHKEEPER_PG_USER", "watchkeeper");
    /** That user's password. */
    public static final String PASSWORD = env("WATCHKEEPER_PG_PASSWORD", "watchkeeper");

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** @return null when PostgreSQL answers, else why not */
    public static String unreachableReason() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(5) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Skips (or under {@code CI=true} fails) the calling test when PostgreSQL is not reachable. */
    public static void requireServer() {
        String reason = unreachableReason();
        if (reason != null) {
            String msg = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + reason
                    + "); start it with scripts/postgres-start.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true, the PostgreSQL tests must run: " + msg);
            }
            Assumptions.abort(msg);
        }
    }

    /** @return a connection to the test server, as {@link #USER} */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** @return a schema name no other test uses, {@code wk_test_} and 12 hex digits */
    public static String freshSchema() {
        return freshSchema("wk_test_");
    }

    /** @return a schema name no other test uses: {@code prefix} and 12 hex digits */
    public static String freshSchema(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Opens a store in {@code schema} (which it creates), after {@link #requireServer()}. */
    public static PostgresHistoryStore openFresh(String schema) {
        requireServer();
        return PostgresHistoryStore.open(URL, USER, PASSWORD, schema);
    }

    /** Drops {@code schema} and all it holds, when it exists. */
    public static void dropSchema(String schema) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }

    /** @return the rows of {@code schema.table}, as PostgreSQL counts them */
    public static long count(String schema, String table) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** @return whether {@code schema} exists */
    public static boolean schemaExists(String schema) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** @return the tables of {@code schema}, by name */
    public static List<String> tables(String schema) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                     + " ORDER BY table_name")) {
            ps.setString(1, schema);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * The schemas one test makes, dropped together after it ({@link #dropAll()} from an {@code @AfterEach}):
     * a test that was skipped made none, and nothing is asked of PostgreSQL then.
     */
    public static final class Schemas {
        private final String prefix;
        private final List<String> made = new ArrayList<>();

        /** @param prefix the start of each schema's name, e.g. {@code wk_serve_test_} */
        public Schemas(String prefix) {
            this.prefix = prefix;
        }

        /** @return a fresh schema name, dropped by {@link #dropAll()} */
        public String fresh() {
            String s = freshSchema(prefix);
            made.add(s);
            return s;
        }

        /** Also drops {@code schema} (one named otherwise) in {@link #dropAll()}. */
        public String add(String schema) {
            made.add(schema);
            return schema;
        }

        /** Drops every schema made, when it exists. */
        public void dropAll() {
            for (String s : made) {
                dropSchema(s);
            }
            made.clear();
        }
    }
}
