package org.watchkeeper.app;

import java.util.Optional;

import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.store.PostgresHistoryStore;
import org.watchkeeper.store.PostgresUrl;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How to reach PostgreSQL: the options {@code analyze}, {@code query} and {@code serve} share. */
final class PgOptions {
    @Option(names = "--pg-url", paramLabel = "URL",
            defaultValue = "${env:WATCHKEEPER_PG_URL:-jdbc:postgresql://localhost:5432/watchkeeper}",
            description = "JDBC URL of the PostgreSQL store, jdbc:postgresql://host:port/database (env WATCHKEEPER_PG_URL;"
                    + " a libpq URL such as postgres://user@host/db is refused with the JDBC URL it means)."
                    + " Default: ${DEFAULT-VALUE}.")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", defaultValue = "${env:WATCHKEEPER_PG_USER:-watchkeeper}",
            description = "PostgreSQL user (env WATCHKEEPER_PG_USER). Default: ${DEFAULT-VALUE}.")
    String pgUser;

    @Option(names = "--pg-password", paramLabel = "PASSWORD", defaultValue = "${env:WATCHKEEPER_PG_PASSWORD:-watchkeeper}",
            description = "PostgreSQL password (env WATCHKEEPER_PG_PASSWORD; default watchkeeper).", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String pgPassword;

    /**
     * {@code "DIR is the data folder of a server that keeps its history in PostgreSQL, in schema S at URL"}: the
     * start of what query, analyze and serve say of a folder whose {@link PostgresLocation#MARKER_FILE} names {@code at}.
     */
    static String serverFolder(java.nio.file.Path data, PostgresLocation at) {
        return data + " is the data folder of a server that keeps its history in PostgreSQL, in schema " + at.schema()
                + " at " + at.displayUrl();
    }

    /** {@code " --pg-url URL"} when {@code at} is at another URL than these options reach, else empty. */
    String urlIfOther(PostgresLocation at) {
        return at.url().equals(pgUrl) ? "" : " --pg-url " + at.displayUrl();
    }

    /**
     * Refuses a PostgreSQL option ({@code --pg-url}, {@code --pg-user}, {@code --pg-password},
     * {@code --pg-schema}) given on the command line without {@code --store postgres}: the command would use
     * its DuckDB store without a word, e.g. a restart that forgot {@code --store postgres}. The environment
     * variables do not count: they may be set for every command. A {@code --pg-url} that is not a JDBC URL
     * of PostgreSQL is named in the same message, so that adding {@code --store postgres} is not met by a
     * second refusal.
     *
     * @param duckDb the DuckDB store the command uses instead, named in the message
     * @throws CommandLine.ParameterException (exit 2) naming the first such option
     */
    void refuseWithoutPostgres(CommandSpec spec, java.nio.file.Path duckDb) {
        for (String o : new String[] {"--pg-url", "--pg-user", "--pg-password", "--pg-schema"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                String url = "";
                if (spec.commandLine().getParseResult().hasMatchedOption("--pg-url") && PostgresUrl.problem(pgUrl) != null) {
                    try {
                        check(spec);
                    } catch (CommandLine.ParameterException e) {
                        url = "; and " + e.getMessage();
                    }
                }
                throw new CommandLine.ParameterException(spec.commandLine(), o + " is for --store postgres: add --store"
                        + " postgres, or leave " + o + " out for the DuckDB store " + duckDb + url);
            }
        }
    }

    /**
     * Checks {@code --pg-url} before anything connects (or any file is made): a URL the JDBC driver does not
     * take is a usage error that says the form and, for a libpq URL ({@code postgres://user@host/db},
     * {@code host=... dbname=...}), the options that mean the same.
     *
     * @throws CommandLine.ParameterException when it is not a JDBC URL of PostgreSQL
     */
    void check(CommandSpec spec) {
        String problem = PostgresUrl.problem(pgUrl);
        if (problem == null) {
            return;
        }
        boolean fromEnv = !spec.commandLine().getParseResult().hasMatchedOption("--pg-url")
                && System.getenv("WATCHKEEPER_PG_URL") != null;
        String name = fromEnv ? "WATCHKEEPER_PG_URL (--pg-url)" : "--pg-url";
        String shown = PostgresHistoryStore.redactedUrl(pgUrl);
        if (pgUrl != null && pgUrl.startsWith("jdbc:postgresql:")) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " " + shown + " " + problem
                    + " (the form is " + PostgresUrl.FORM + ")");
        }
        if (pgUrl == null || pgUrl.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), name + " is empty: give a JDBC URL " + PostgresUrl.FORM);
        }
        Optional<PostgresUrl.Converted> c = PostgresUrl.convert(pgUrl, pgUser);
        throw new CommandLine.ParameterException(spec.commandLine(), name + " must be a JDBC URL " + PostgresUrl.FORM
                + ", not " + shown + c.map(this::suggestion).orElse(""));
    }

    /** {@code ": give --pg-url URL [--pg-user U] [--pg-password ...]"}, the options a converted libpq URL means. */
    private String suggestion(PostgresUrl.Converted c) {
        StringBuilder s = new StringBuilder(": give --pg-url ").append(PostgresHistoryStore.redactedUrl(c.jdbcUrl()));
        if (c.user() != null && !c.user().equals(pgUser)) {
            s.append(" --pg-user ").append(c.user());
        }
        if (c.password() != null && !c.password().equals(pgPassword)) {
            s.append(" and its password with --pg-password (or WATCHKEEPER_PG_PASSWORD)");
        }
        return s.toString();
    }

    /**
     * The one-line message of a connection that failed: the store's (where, as whom, why) and what to change,
     * e.g. {@code cannot connect to PostgreSQL at nosuchhost:5432 (database watchkeeper, user watchkeeper): unknown
     * host nosuchhost; check the host in --pg-url}.
     */
    static String message(PostgresHistoryStore.ConnectFailure e) {
        PostgresUrl.Endpoint at = e.endpoint();
        String hint = switch (e.reason()) {
            case UNKNOWN_HOST -> "check the host in --pg-url";
            case REFUSED -> "is PostgreSQL running there? check the host and port in --pg-url";
            case TIMED_OUT -> "check the host and port in --pg-url, and that no firewall drops the connection";
            case LOGIN_REFUSED -> "check --pg-user and --pg-password (or WATCHKEEPER_PG_USER and WATCHKEEPER_PG_PASSWORD)";
            case NO_DATABASE -> "name an existing database in --pg-url, or create it: createdb -h " + at.host() + " -p " + at.port()
                    + " -U " + e.user() + " " + (at.database() == null ? e.user() : at.database());
            case NOT_ALLOWED -> "the server's pg_hba.conf must allow this host, user and database (its administrator"
                    + " adds a line and reloads PostgreSQL); if it takes only SSL connections, add ?sslmode=require to --pg-url";
            case SSL -> "leave sslmode out of --pg-url (or sslmode=disable) for a server without SSL; for one whose"
                    + " certificate is not in Java's trust store, sslmode=require encrypts without checking it";
            case OTHER -> null;
        };
        return ServeCommand.oneLine(e.getMessage()) + (hint == null ? "" : "; " + hint);
    }
}
