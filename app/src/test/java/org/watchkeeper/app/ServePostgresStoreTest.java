package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.PostgresTestSupport;

/**
 * {@code watchkeeper serve --store postgres}: what it says when it cannot start (one line, no stack trace,
 * non-zero), that it leaves a schema analyze wrote alone, and that analyze leaves serve's schema alone. The
 * messages of a PostgreSQL that cannot be reached, shared with query and analyze: {@link PostgresErrorsTest}.
 * The tests that need PostgreSQL skip without it ({@link PostgresTestSupport}'s settings and rule).
 */
class ServePostgresStoreTest {
    static final String URL = PostgresTestSupport.URL;
    static final String USER = PostgresTestSupport.USER;
    static final String PASSWORD = PostgresTestSupport.PASSWORD;

    private final PostgresTestSupport.Schemas schemas = new PostgresTestSupport.Schemas("wk_serve_cli_");

    @TempDir
    Path tmp;

    private String freshSchema() {
        return schemas.fresh();
    }

    @AfterEach
    void dropSchemas() {
        schemas.dropAll();
    }

    private Cli.Run serve(String... pg) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data", tmp.resolve("serve").toString(),
                "--store", "postgres"));
        args.addAll(List.of(pg));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The run printed exactly one line, the message, and no stack trace. */
    private static void oneLine(Cli.Run r) {
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOneAndLeavesTheFolderFree() {
        Cli.Run r = serve("--pg-url", "jdbc:postgresql://127.0.0.1:1/watchkeeper?connectTimeout=5&password=hidden",
                "--pg-user", "fusion");
        assertThat(r.exit()).isEqualTo(1);
        oneLine(r);
        assertThat(r.err()).isEqualTo("watchkeeper serve: cannot connect to PostgreSQL at 127.0.0.1:1 (database watchkeeper,"
                + " user fusion): connection refused (nothing listens on that port); is PostgreSQL running there? check the host"
                + " and port in --pg-url" + System.lineSeparator());
        // nothing was left running, nor made: the next start finds no folder in use
        assertThat(tmp.resolve("serve")).doesNotExist();
        assertThat(Cli.run("serve", "--port", "0", "--data", tmp.resolve("serve").toString(), "--store", "postgres",
                "--pg-url", "jdbc:postgresql://127.0.0.1:1/watchkeeper").err()).doesNotContain("in use");
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsAUsageError() {
        Cli.Run r = serve("--pg-schema", "Watch-Keeper");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the PostgreSQL schema name must be lower-case letters, digits and underscores")
                .contains("Watch-Keeper");
    }

    @Test
    void serveRefusesASchemaAnalyzeWroteAndAnalyzeRefusesServes() throws Exception {
        Path input = Cli.data("ais/amsa-risky/exact-earth-augmented-2.txt");
        PostgresTestSupport.requireServer();
        String analyzed = freshSchema();
        List<String> pg = List.of("--pg-url", URL, "--pg-user", USER, "--pg-password",
                PASSWORD);
        List<String> args = new ArrayList<>(List.of("analyze", "--quiet", "--report", tmp.resolve("report").toString(),
                "--store", "postgres", "--pg-schema", analyzed));
        args.addAll(pg);
        args.add(input.toString());
        Cli.Run a = Cli.run(args.toArray(String[]::new));
        assertThat(a.exit()).as(a.err()).isZero();
        long positions = count(analyzed, "positions");
        assertThat(positions).isPositive();

        List<String> serveArgs = new ArrayList<>(pg);
        serveArgs.addAll(List.of("--pg-schema", analyzed));
        Cli.Run r = serve(serveArgs.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        oneLine(r);
        assertThat(r.err()).startsWith("watchkeeper serve: schema " + analyzed + " at " + URL
                + " holds a history that no server wrote (" + positions + " positions");
        assertThat(count(analyzed, "positions")).isEqualTo(positions);

        // a schema a server keeps: analyze does not write there (the server would empty it at its next start)
        String served = freshSchema();
        Path data = tmp.resolve("served");
        try (var s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withAdminToken(LiveServer.ADMIN_TOKEN)
                .withPostgres(new PostgresLocation(URL, USER,
                        PASSWORD, served)))) {
            assertThat(s.storeDescription()).isEqualTo("postgres " + URL + " schema " + served + " as "
                    + USER);
        }
        args.set(args.indexOf(analyzed), served);
        args.set(args.indexOf(tmp.resolve("report").toString()), tmp.resolve("report2").toString());
        Cli.Run b = Cli.run(args.toArray(String[]::new));
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).isEqualTo("watchkeeper analyze: schema " + served + " at " + URL + " is kept by"
                + " watchkeeper serve " + data.toAbsolutePath().normalize() + ", which empties it at each start; analyze into"
                + " another --pg-schema" + System.lineSeparator());
        assertThat(count(served, "positions")).isZero();
        assertThat(Files.exists(tmp.resolve("report2"))).isFalse();
    }

    private static long count(String schema, String table) throws SQLException {
        return PostgresTestSupport.count(schema, table);
    }
}
