package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.PostgresTestSupport;

/**
 * A server that cannot reach PostgreSQL leaves no file or folder behind, and {@code query --data} on the folder of a
 * server that keeps its history in PostgreSQL names the options that reach it. The tests that need PostgreSQL skip
 * without it ({@link PostgresTestSupport}'s settings and rule); the others run anywhere.
 */
class PostgresErrorsTest {
    private static final String NL = System.lineSeparator();

    private final PostgresTestSupport.Schemas schemas = new PostgresTestSupport.Schemas("wk_pg_errors_");

    @TempDir
    Path tmp;

    @AfterEach
    void dropSchemas() {
        schemas.dropAll();
    }

    @Test
    void aServeThatCannotConnectLeavesAFolderThatWasThereAsItWas() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("existing"));
        Cli.Run r = Cli.run("serve", "--port", "0", "--data", data.toString(), "--store", "postgres", "--pg-url",
                "jdbc:postgresql://127.0.0.1:1/wk");
        assertThat(r.exit()).isEqualTo(1);
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.toList()).isEmpty();
        }
        // a folder in a folder that is not there either: neither is made
        Cli.Run nested = Cli.run("serve", "--port", "0", "--data", tmp.resolve("a/b/c").toString(), "--store", "postgres",
                "--pg-url", "jdbc:postgresql://127.0.0.1:1/wk");
        assertThat(nested.exit()).isEqualTo(1);
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    @Test
    void queryOnTheFolderOfAServerOnPostgresNamesTheSchema() throws Exception {
        PostgresTestSupport.requireServer();
        String schema = schemas.fresh();
        Path data = tmp.resolve("served");
        try (var s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withAdminToken(LiveServer.ADMIN_TOKEN)
                .withPostgres(new PostgresLocation(PostgresTestSupport.URL, PostgresTestSupport.USER, PostgresTestSupport.PASSWORD,
                        schema)))) {
            assertThat(s.storeDescription()).contains("schema " + schema);
        }
        assertThat(data.resolve("history.duckdb")).doesNotExist();
        Cli.Run r = Cli.run("query", "events", "--data", data.toString(), "--pg-url", PostgresTestSupport.URL,
                "--pg-user", PostgresTestSupport.USER);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("watchkeeper query: no store at " + data.resolve("history.duckdb") + ": " + data
                + " is the data folder of a server that keeps its history in PostgreSQL, in schema " + schema + " at "
                + PostgresTestSupport.URL + "; ask it there with --store postgres --pg-schema " + schema + NL);
        // and that is where it is: the (empty) history answers
        Cli.Run there = Cli.run("query", "events", "--store", "postgres", "--pg-schema", schema, "--pg-url", PostgresTestSupport.URL,
                "--pg-user", PostgresTestSupport.USER, "--pg-password", PostgresTestSupport.PASSWORD);
        assertThat(there.exit()).as(there.err()).isZero();
        assertThat(Cli.JSON.readTree(there.out()).isArray()).isTrue();
        assertThat(Cli.JSON.readTree(there.out()).size()).isZero();
        assertThat(there.err()).isEqualTo("watchkeeper query events: nothing found; the store holds positions: 0, vessels: 0,"
                + " events: 0" + NL);
        // a server started on that folder without PostgreSQL keeps its history in DuckDB again: the file goes
        try (var s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withAdminToken(LiveServer.ADMIN_TOKEN))) {
            assertThat(s.storeDescription()).startsWith("duckdb ");
        }
        assertThat(data.resolve(PostgresLocation.MARKER_FILE)).doesNotExist();
        assertThat(data.resolve("history.duckdb")).exists();
    }

    @Test
    void queryNamesAnotherUrlAndUserThatTheFolderRecords() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(data.resolve(PostgresLocation.MARKER_FILE), "# a server's\nstore=postgres\n"
                + "url=jdbc:postgresql://db.example.org:6543/ais\nuser=bob\nschema=wk_live\n", StandardCharsets.UTF_8);
        Cli.Run r = Cli.run("query", "track", "219000001", "--data", data.toString(), "--pg-url",
                "jdbc:postgresql://localhost:5432/watchkeeper", "--pg-user", "watchkeeper");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper query: no store at " + data.resolve("history.duckdb") + ": " + data
                + " is the data folder of a server that keeps its history in PostgreSQL, in schema wk_live at"
                + " jdbc:postgresql://db.example.org:6543/ais; ask it there with --store postgres --pg-schema wk_live"
                + " --pg-url jdbc:postgresql://db.example.org:6543/ais --pg-user bob" + NL);

        // a server's folder from before servers named their schema: its raw archive says whose it is
        Path old = Files.createDirectories(tmp.resolve("old/raw"));
        Cli.Run o = Cli.run("query", "events", "--data", old.getParent().toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).isEqualTo("watchkeeper query: no store at " + old.getParent().resolve("history.duckdb") + ": "
                + old.getParent() + " is a server's data folder (raw/ is its archive) without its history; a server started"
                + " with --store postgres keeps it in PostgreSQL: ask it there with --store postgres --pg-schema SCHEMA"
                + " (watchkeeper_serve unless serve was given another --pg-schema)" + NL);
    }
}
