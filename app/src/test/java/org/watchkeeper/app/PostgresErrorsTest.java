package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.PostgresTestSupport;
import org.watchkeeper.store.PostgresUrl;

/**
 * What {@code query}, {@code analyze} and {@code serve} say when PostgreSQL cannot be used: a URL that is not a
 * JDBC URL (a usage error, exit 2, with the JDBC URL a libpq one means), a host that does not resolve, a port
 * nothing listens on, a wrong password, a database that does not exist (one line naming host, port and cause,
 * exit 1), and none of them leaves a file or folder behind; {@code query --data} on the folder of a server that
 * keeps its history in PostgreSQL names the options that reach it. The tests that need PostgreSQL skip without it
 * ({@link PostgresTestSupport}'s settings and rule); the others run anywhere.
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

    /**
     * Runs {@code command} against PostgreSQL with the given options (user watchkeeper unless they name one): a
     * query for events, an analyze of one line into {@code tmp/report}, a server on {@code tmp/serve/data}.
     */
    private Cli.Run run(String command, String... pg) throws IOException {
        List<String> args = new ArrayList<>();
        switch (command) {
            case "query" -> args.addAll(List.of("query", "events"));
            case "analyze" -> args.addAll(List.of("analyze", "--quiet", "--report", tmp.resolve("report").toString()));
            case "serve" -> args.addAll(List.of("serve", "--port", "0", "--data", tmp.resolve("serve/data").toString()));
            default -> throw new IllegalArgumentException(command);
        }
        args.addAll(List.of("--store", "postgres"));
        if (!List.of(pg).contains("--pg-user")) {
            args.addAll(List.of("--pg-user", "watchkeeper"));
        }
        args.addAll(List.of(pg));
        if (command.equals("analyze")) {
            Path input = tmp.resolve("one.nmea");
            Files.writeString(input, "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n", StandardCharsets.US_ASCII);
            args.add(input.toString());
        }
        return Cli.run(args.toArray(String[]::new));
    }

    /** The name a command's usage errors begin with. */
    private static String usageName(String command) {
        return command.equals("query") ? "watchkeeper query events" : "watchkeeper " + command;
    }

    /** The run left no report and no data folder. */
    private void nothingMade() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.filter(p -> !p.getFileName().toString().equals("one.nmea")).toList()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query", "analyze", "serve"})
    void aLibpqUrlIsAUsageErrorThatGivesTheJdbcUrl(String command) throws IOException {
        Cli.Run r = run(command, "--pg-url", "postgres://watchkeeper@localhost/watchkeeper");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(usageName(command) + ": --pg-url must be a JDBC URL jdbc:postgresql://host:port/database,"
                + " not postgres://watchkeeper@localhost/watchkeeper: give --pg-url jdbc:postgresql://localhost:5432/watchkeeper"
                + NL + "Try '" + usageName(command) + " --help' for the options." + NL);
        nothingMade();
    }

    @Test
    void aLibpqUrlWithUserPasswordAndParametersIsConvertedWithoutShowingThePassword() throws IOException {
        Cli.Run r = run("query", "--pg-url", "postgresql://bob:s3cret@db.example.org:6543/ais?sslmode=require&connect_timeout=5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper query events: --pg-url must be a JDBC URL jdbc:postgresql://host:port/database,"
                + " not postgresql://bob:***@db.example.org:6543/ais?sslmode=require&connect_timeout=5: give --pg-url"
                + " jdbc:postgresql://db.example.org:6543/ais?sslmode=require&connectTimeout=5 --pg-user bob and its password"
                + " with --pg-password (or WATCHKEEPER_PG_PASSWORD)" + NL + "Try 'watchkeeper query events --help' for the options." + NL);
        // libpq's keyword/value form, and a JDBC URL the driver does not take
        assertThat(run("analyze", "--pg-url", "host=db port=5433 dbname=ais user=bob").err().lines().findFirst().orElseThrow())
                .isEqualTo("watchkeeper analyze: --pg-url must be a JDBC URL jdbc:postgresql://host:port/database, not host=db"
                        + " port=5433 dbname=ais user=bob: give --pg-url jdbc:postgresql://db:5433/ais --pg-user bob");
        assertThat(run("serve", "--pg-url", "jdbc:postgresql://localhost:54x2/watchkeeper").err().lines().findFirst().orElseThrow())
                .isEqualTo("watchkeeper serve: --pg-url jdbc:postgresql://localhost:54x2/watchkeeper has a port that is not a"
                        + " number from 1 to 65535: 54x2 (the form is jdbc:postgresql://host:port/database)");
        nothingMade();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query", "analyze", "serve"})
    void anUnknownHostIsOneLineNamingHostPortAndCause(String command) throws IOException {
        Cli.Run r = run(command, "--pg-url", "jdbc:postgresql://nosuchhost.invalid/watchkeeper");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("watchkeeper " + command + ": cannot connect to PostgreSQL at nosuchhost.invalid:5432 (database"
                + " watchkeeper, user watchkeeper): unknown host nosuchhost.invalid; check the host in --pg-url" + NL);
        nothingMade();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query", "analyze", "serve"})
    void aPortNothingListensOnIsOneLine(String command) throws IOException {
        Cli.Run r = run(command, "--pg-url", "jdbc:postgresql://127.0.0.1:1/wk");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper " + command + ": cannot connect to PostgreSQL at 127.0.0.1:1 (database wk,"
                + " user watchkeeper): connection refused (nothing listens on that port); is PostgreSQL running there? check the"
                + " host and port in --pg-url" + NL);
        nothingMade();
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query", "analyze", "serve"})
    void aWrongPasswordIsOneLine(String command) throws IOException {
        PostgresTestSupport.requireServer();
        PostgresUrl.Endpoint at = PostgresUrl.endpoint(PostgresTestSupport.URL);
        Cli.Run r = run(command, "--pg-url", PostgresTestSupport.URL, "--pg-user", PostgresTestSupport.USER,
                "--pg-password", "not-" + PostgresTestSupport.PASSWORD);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper " + command + ": cannot connect to PostgreSQL at " + at.address() + " (database "
                + at.database() + ", user " + PostgresTestSupport.USER + "): password authentication failed for user "
                + PostgresTestSupport.USER + " (a wrong password, or no such user); check --pg-user and --pg-password (or"
                + " WATCHKEEPER_PG_USER and WATCHKEEPER_PG_PASSWORD)" + NL);
        nothingMade();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query", "analyze", "serve"})
    void aDatabaseThatDoesNotExistIsOneLine(String command) throws IOException {
        PostgresTestSupport.requireServer();
        PostgresUrl.Endpoint at = PostgresUrl.endpoint(PostgresTestSupport.URL);
        String url = "jdbc:postgresql://" + at.address() + "/wk_no_such_database";
        Cli.Run r = run(command, "--pg-url", url, "--pg-user", PostgresTestSupport.USER, "--pg-password", PostgresTestSupport.PASSWORD);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper " + command + ": cannot connect to PostgreSQL at " + at.address()
                + " (database wk_no_such_database, user " + PostgresTestSupport.USER + "): database wk_no_such_database does not"
                + " exist; name an existing database in --pg-url, or create it: createdb -h " + at.host() + " -p " + at.port()
                + " -U " + PostgresTestSupport.USER + " wk_no_such_database" + NL);
        nothingMade();
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
        // analyze there would make a second history (a history.duckdb) beside the server's: refused, nothing made
        Path log = Files.writeString(tmp.resolve("one.nmea"), "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        Cli.Run analyze = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("report").toString(),
                "--pg-url", PostgresTestSupport.URL, log.toString());
        assertThat(analyze.exit()).isEqualTo(2);
        assertThat(analyze.out()).isEmpty();
        assertThat(analyze.err()).isEqualTo("watchkeeper analyze: " + data + " is the data folder of a server that keeps its history"
                + " in PostgreSQL, in schema " + schema + " at " + PostgresTestSupport.URL + ", not in a history.duckdb here: give"
                + " --store postgres --pg-schema SCHEMA (not " + schema + ", which that server empties at each start) to keep this"
                + " history in PostgreSQL, another --data folder for a DuckDB store, or --no-store for the report alone" + NL);
        assertThat(data.resolve("history.duckdb")).doesNotExist();
        assertThat(tmp.resolve("report")).doesNotExist();
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

        // analyze names the server's URL when it is not the one it was given
        Path log = Files.writeString(tmp.resolve("one.nmea"), "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", data.toString(), "--report", tmp.resolve("report").toString(), log.toString());
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).isEqualTo("watchkeeper analyze: " + data + " is the data folder of a server that keeps its history in"
                + " PostgreSQL, in schema wk_live at jdbc:postgresql://db.example.org:6543/ais, not in a history.duckdb here: give"
                + " --store postgres --pg-url jdbc:postgresql://db.example.org:6543/ais --pg-schema SCHEMA (not wk_live, which that"
                + " server empties at each start) to keep this history in PostgreSQL, another --data folder for a DuckDB store, or"
                + " --no-store for the report alone" + NL);
        assertThat(data.resolve("history.duckdb")).doesNotExist();

        // serve there without --store postgres would switch that server to DuckDB without a word: refused
        Cli.Run serve = Cli.run("serve", "--data", data.toString(), "--port", "0");
        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err()).startsWith("watchkeeper serve: " + data + " is the data folder of a server that keeps its"
                + " history in PostgreSQL, in schema wk_live at jdbc:postgresql://db.example.org:6543/ais: go on with --store"
                + " postgres --pg-schema wk_live --pg-url jdbc:postgresql://db.example.org:6543/ais; to rebuild its history in "
                + data.resolve("history.duckdb") + " instead, delete " + data.resolve(PostgresLocation.MARKER_FILE) + NL);
        assertThat(data.resolve("history.duckdb")).doesNotExist();
        assertThat(data.resolve(PostgresLocation.MARKER_FILE)).exists();
        // and a PostgreSQL option without --store postgres says what it is for
        Path fresh = tmp.resolve("fresh");
        Cli.Run forgot = Cli.run("serve", "--data", fresh.toString(), "--port", "0", "--pg-schema", "wk_live");
        assertThat(forgot.exit()).isEqualTo(2);
        assertThat(forgot.err()).startsWith("watchkeeper serve: --pg-schema is for --store postgres: add --store postgres, or"
                + " leave --pg-schema out for the DuckDB store " + fresh.resolve("history.duckdb") + NL);
        assertThat(fresh).doesNotExist();
        // analyze and query alike: a --pg-url they would not use is said, not ignored
        Cli.Run analyzeForgot = Cli.run("analyze", "--data", fresh.toString(), "--report", tmp.resolve("r2").toString(),
                "--pg-url", "jdbc:postgresql://db.example.org/ais", log.toString());
        assertThat(analyzeForgot.exit()).isEqualTo(2);
        assertThat(analyzeForgot.err()).startsWith("watchkeeper analyze: --pg-url is for --store postgres: add --store postgres,"
                + " or leave --pg-url out for the DuckDB store " + fresh.resolve("history.duckdb") + NL);
        assertThat(fresh).doesNotExist();
        assertThat(tmp.resolve("r2")).doesNotExist();
        Path duck = tmp.resolve("duck");
        Cli.Run stored = Cli.run("analyze", "--quiet", "--data", duck.toString(), "--report", tmp.resolve("r3").toString(),
                log.toString());
        assertThat(stored.exit()).as(stored.err()).isZero();
        Cli.Run queryForgot = Cli.run("query", "events", "--data", duck.toString(), "--pg-user", "bob");
        assertThat(queryForgot.exit()).isEqualTo(2);
        assertThat(queryForgot.err()).startsWith("watchkeeper query events: --pg-user is for --store postgres: add --store"
                + " postgres, or leave --pg-user out for the DuckDB store " + duck.resolve("history.duckdb") + NL);
        // said before a missing store, and with what is wrong in the URL too, so that one try mends both
        Cli.Run libpq = Cli.run("query", "events", "--data", fresh.toString(), "--pg-url", "postgres://bob@db.example.org/ais");
        assertThat(libpq.exit()).isEqualTo(2);
        assertThat(libpq.err()).startsWith("watchkeeper query events: --pg-url is for --store postgres: add --store postgres,"
                + " or leave --pg-url out for the DuckDB store " + fresh.resolve("history.duckdb") + "; and --pg-url must be a JDBC"
                + " URL jdbc:postgresql://host:port/database, not postgres://bob@db.example.org/ais: give --pg-url"
                + " jdbc:postgresql://db.example.org:5432/ais --pg-user bob" + NL);
        assertThat(fresh).doesNotExist();
        // --no-store writes no history: the report alone is made
        Cli.Run report = Cli.run("analyze", "--quiet", "--no-store", "--data", data.toString(), "--report",
                tmp.resolve("report").toString(), log.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(data.resolve("history.duckdb")).doesNotExist();
        assertThat(tmp.resolve("report")).isDirectory();

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
