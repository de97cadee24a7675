package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code watchkeeper help} walks the whole command path it is given. */
class HelpCommandTest {
    @Test
    void helpOfASubcommandIsItsOwnUsage() {
        Cli.Run r = Cli.run("help", "query", "near");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: watchkeeper query near ").contains("--radius-km")
                .isEqualTo(Cli.run("query", "near", "--help").out());
    }

    @Test
    void helpOfACommandAndOfNothing() {
        assertThat(Cli.run("help", "analyze").out()).startsWith("Usage: watchkeeper analyze ");
        assertThat(Cli.run("help").out()).startsWith("Usage: watchkeeper ").contains("Exit codes: 0 success");
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheCommandsThere() {
        Cli.Run r = Cli.run("help", "query", "nearby");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'watchkeeper query' has no command 'nearby'; its commands are ")
                .contains("near").contains("track");
    }
}
