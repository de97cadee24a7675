package org.watchkeeper.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Connection settings for the PostgreSQL tests: {@code WATCHKEEPER_PG_URL} (default
 * {@code jdbc:postgresql://localhost:5432/watchkeeper}), {@code WATCHKEEPER_PG_USER} and
 * {@code WATCHKEEPER_PG_PASSWORD} (default {@code watchkeeper}). When the server cannot be
 * reached the tests are skipped, except when {@code CI=true}: then they fail, because CI must
 * run them ({@code scripts/postgres-start.sh} starts the server).
 */
final class PostgresTestSupport {
    private PostgresTestSupport() {
    }

    static final String URL = env("WATCHKEEPER_PG_URL", "jdbc:postgresql://localhost:5432/watchkeeper");
    static final String USER = env("WATCHKEEPER_PG_USER", "watchkeeper");
    static final String PASSWORD = env("WATCHKEEPER_PG_PASSWORD", "watchkeeper");

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** @return null when PostgreSQL answers, else why not */
    static String unreachableReason() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(5) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Skips (or under CI fails) the calling test when PostgreSQL is not reachable. */
    static void requireServer() {
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

    /** @return a schema name no other test uses */
    static String freshSchema() {
        return "wk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static PostgresHistoryStore openFresh(String schema) {
        requireServer();
        return PostgresHistoryStore.open(URL, USER, PASSWORD, schema);
    }

    static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
