package org.watchkeeper.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

import org.watchkeeper.store.PostgresHistoryStore;
import org.watchkeeper.store.PostgresUrl;

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
     * @throws IllegalArgumentException when the user is blank, the URL is not a JDBC URL of PostgreSQL
     *     ({@link PostgresUrl#check}: its message gives the JDBC URL a libpq one means) or the schema is not a
     *     plain lower-case identifier
     */
    public PostgresLocation {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL user is empty");
        }
        PostgresUrl.check(url, user);
        PostgresHistoryStore.checkSchemaName(schema);
    }

    /**
     * The file a server keeping its history here writes into its data folder, naming the URL (without its
     * password parameters), user and schema, never the password: a reader of the folder can say where the
     * history is ({@link #markedIn}).
     */
    public static final String MARKER_FILE = "history-store.properties";

    /** Writes {@link #MARKER_FILE} into {@code dir} (replacing any). */
    void mark(Path dir) throws IOException {
        // a properties file, written plainly so that a reader sees the URL as it is given to --pg-url
        String text = "# The history of the server on this data folder is in PostgreSQL (the password is not kept here):\n"
                + "#   watchkeeper query ... --store postgres --pg-schema " + schema + "\n"
                + "store=postgres\n"
                + "url=" + escape(withoutPassword(url)) + "\n"
                + "user=" + escape(user) + "\n"
                + "schema=" + schema + "\n";
        Path tmp = dir.resolve(MARKER_FILE + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(MARKER_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Where the server on data folder {@code dir} keeps its history, as its {@link #MARKER_FILE} says (the
     * password empty: it is not kept there).
     *
     * @return empty when the folder has no such file, or one that cannot be read or names no valid location
     */
    public static Optional<PostgresLocation> markedIn(Path dir) {
        Path f = dir.resolve(MARKER_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            if (!"postgres".equals(p.getProperty("store"))) {
                return Optional.empty();
            }
            return Optional.of(new PostgresLocation(p.getProperty("url"), p.getProperty("user"), "", p.getProperty("schema")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A value as a properties file holds it: backslashes and line breaks escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The URL without its {@code password} and {@code sslpassword} parameters. */
    static String withoutPassword(String url) {
        String s = url.replaceAll("([?&])(?i:(?:ssl)?password)=[^&]*&?", "$1");
        return s.endsWith("?") || s.endsWith("&") ? s.substring(0, s.length() - 1) : s;
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
