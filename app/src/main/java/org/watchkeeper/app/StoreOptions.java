package org.watchkeeper.app;

import java.nio.file.Path;

import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PostgresHistoryStore;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the history store lives: the options shared by {@code analyze} and {@code query}. */
final class StoreOptions {
    /** Store kinds. */
    enum Kind { duckdb, postgres }

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "duckdb",
            description = "History store: duckdb (embedded, one file in --data) or postgres (PostgreSQL + PostGIS at --pg-url). Default: ${DEFAULT-VALUE}.")
    Kind kind = Kind.duckdb;

    @Option(names = "--data", paramLabel = "DIR", converter = NormalPath.class, defaultValue = "watchkeeper-data",
            description = "Directory of the DuckDB store (file " + DuckDbHistoryStore.FILE_NAME + "); analyze creates it when missing"
                    + " and holds it while it runs (refused while another process, such as a server, holds it), query needs it"
                    + " (the folder of a server started with --store postgres: query names the --pg-schema that holds its history, and"
                    + " analyze refuses to make a second history beside it)."
                    + " Default: ./${DEFAULT-VALUE}.")
    Path data = Path.of("watchkeeper-data");

    @Mixin
    PgOptions pg = new PgOptions();

    @Option(names = "--pg-schema", paramLabel = "SCHEMA", defaultValue = "public",
            description = "PostgreSQL schema holding the tables (analyze creates it when missing; query needs it to hold a history). Default: ${DEFAULT-VALUE}.")
    String pgSchema = "public";

    /** Opens the chosen store (creating its tables when missing). */
    HistoryStore open() {
        return kind == Kind.postgres
                ? PostgresHistoryStore.open(pg.pgUrl, pg.pgUser, pg.pgPassword, pgSchema)
                : DuckDbHistoryStore.open(data);
    }

    /**
     * Opens the chosen store for reading: a DuckDB file as {@link #open()} does (the caller checks it exists);
     * a PostgreSQL schema only when it holds a history
     * ({@link PostgresHistoryStore#openExisting}: nothing is created).
     */
    HistoryStore openExisting() {
        return kind == Kind.postgres
                ? PostgresHistoryStore.openExisting(pg.pgUrl, pg.pgUser, pg.pgPassword, pgSchema)
                : DuckDbHistoryStore.open(data);
    }

    /**
     * What to say after "no store at DIR/history.duckdb": the data folder of a server that keeps its history in
     * PostgreSQL ({@link PostgresLocation#MARKER_FILE}) gets the options that reach that history; a server's
     * folder without that file (one started before servers wrote it) is said to be one; else, how to make a store.
     */
    String noDuckDbHint() {
        java.util.Optional<PostgresLocation> marked = PostgresLocation.markedIn(data);
        if (marked.isPresent()) {
            PostgresLocation at = marked.get();
            return ": " + PgOptions.serverFolder(data, at) + "; ask it there with --store postgres --pg-schema " + at.schema()
                    + pg.urlIfOther(at)
                    + (at.user().equals(pg.pgUser) ? "" : " --pg-user " + at.user());
        }
        if (java.nio.file.Files.isDirectory(data.resolve("raw"))) {
            return ": " + data + " is a server's data folder (raw/ is its archive) without its history; a server started"
                    + " with --store postgres keeps it in PostgreSQL: ask it there with --store postgres --pg-schema SCHEMA"
                    + " (" + PostgresLocation.DEFAULT_SCHEMA + " unless serve was given another --pg-schema)";
        }
        return " (run 'watchkeeper analyze' first, or give --data / --store)";
    }

    /**
     * Why analyze may not make a DuckDB store in {@code --data}: the folder is that of a server that keeps its
     * history in PostgreSQL ({@link PostgresLocation#MARKER_FILE}, read as query reads it), and a
     * {@code history.duckdb} beside it would be a second history nobody asks. That server empties its schema at
     * each start (analyze refuses to write there too), so the way out is another schema or another folder.
     *
     * @return the one-line reason, or null when {@code --data} is not such a folder
     */
    String refusedDuckDbFolder() {
        return PostgresLocation.markedIn(data).map(at -> PgOptions.serverFolder(data, at) + ", not in a "
                + DuckDbHistoryStore.FILE_NAME + " here: give --store postgres" + pg.urlIfOther(at) + " --pg-schema SCHEMA (not " + at.schema() + ", which that server empties at each start)"
                + " to keep this history in PostgreSQL, another --data folder for a DuckDB store, or --no-store for the report"
                + " alone").orElse(null);
    }

    /** Where the store is, for messages. */
    String describe() {
        return kind == Kind.postgres ? "postgres " + PostgresHistoryStore.redactedUrl(pg.pgUrl) + " (schema " + pgSchema + ")"
                : "duckdb " + data.resolve(DuckDbHistoryStore.FILE_NAME);
    }
}
