package org.watchkeeper.app;

import picocli.CommandLine.Option;

/** How to reach PostgreSQL: the options {@code analyze}, {@code query} and {@code serve} share. */
final class PgOptions {
    @Option(names = "--pg-url", paramLabel = "URL",
            defaultValue = "${env:WATCHKEEPER_PG_URL:-jdbc:postgresql://localhost:5432/watchkeeper}",
            description = "JDBC URL of the PostgreSQL store (env WATCHKEEPER_PG_URL). Default: ${DEFAULT-VALUE}.")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", defaultValue = "${env:WATCHKEEPER_PG_USER:-watchkeeper}",
            description = "PostgreSQL user (env WATCHKEEPER_PG_USER). Default: ${DEFAULT-VALUE}.")
    String pgUser;

    @Option(names = "--pg-password", paramLabel = "PASSWORD", defaultValue = "${env:WATCHKEEPER_PG_PASSWORD:-watchkeeper}",
            description = "PostgreSQL password (env WATCHKEEPER_PG_PASSWORD; default watchkeeper).", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String pgPassword;
}
