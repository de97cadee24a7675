package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/** The start line of {@code serve} names the admin token the operator gave, not a generated one left from before. */
class ServeLoginLineTest {
    @Test
    void theStartLineNamesTheConfiguredTokenFile(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("d");
        WatchkeeperServer.Config generated = WatchkeeperServer.Config.of(data).withPort(0);
        try (WatchkeeperServer s = WatchkeeperServer.start(generated)) {
            assertThat(Files.exists(s.adminTokenFile())).isTrue();
            assertThat(ServeCommand.loginLine(s, generated, null)).isEqualTo("Log in as admin with the API token in "
                    + s.adminTokenFile().toAbsolutePath().normalize() + " (owner-only file), then create users under Admin.");
        }
        Path file = tmp.resolve("token.txt");
        Files.writeString(file, LiveServer.ADMIN_TOKEN + "\n");
        WatchkeeperServer.Config configured = generated.withAdminToken(LiveServer.ADMIN_TOKEN);
        try (WatchkeeperServer s = WatchkeeperServer.start(configured)) {
            // DATA/admin-token is still there, but holds the first token, not the one given
            assertThat(Files.exists(s.adminTokenFile())).isTrue();
            assertThat(ServeCommand.loginLine(s, configured, file)).isEqualTo("Log in as admin with the API token in "
                    + file.toAbsolutePath().normalize() + " (--admin-token-file), then create users under Admin.");
            assertThat(ServeCommand.loginLine(s, configured, null))
                    .isEqualTo("Log in as admin with the API token in WATCHKEEPER_ADMIN_TOKEN, then create users under Admin.");
        }
    }
}
