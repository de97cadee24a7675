package org.watchkeeper.server;

import org.watchkeeper.store.PostgresHistoryStore;

/**
 * Where in PostgreSQL + PostGIS a server keeps its history ({@link WatchkeeperServer.Config#withPostgres}).
 *
 * @param url      JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/watchkeeper}
 * @param user     database user
 * @param password its password (never part of the text form)
 * @param schema   the server's own schema (lower-case letters, digits and underscores), created when
 *                 missing; the server empties its history tables at each start
 */
public record PostgresLocation(String url, String user, String password, String schema) {
    /** The schema {@code serve --store postgres} uses unless told another. */
    public static final String DEFAULT_SCHEMA = "watchkeeper_serve";

    /**
     * @throws IllegalArgumentException when the URL or user is blank or the schema is not a plain
     *     lower-case identifier
     */
    public PostgresLocation {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL JDBC URL is empty");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the PostgreSQL JDBC URL must start with jdbc:postgresql: (e.g."
                    + " jdbc:postgresql://localhost:5432/watchkeeper): " + PostgresHistoryStore.redactedUrl(url));
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL user is empty");
        }
        PostgresHistoryStore.checkSchemaName(schema);
    }

    /** The URL fit to show (password parameters redacted). */
    public String displayUrl() {
        return PostgresHistoryStore.redactedUrl(url);
    }

    /** {@code postgres URL schema S}: the password is never part of it. */
    @Override
    public String toString() {
        return "postgres " + displayUrl() + " schema " + schema + " as " + user;
    }
}
