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

    /** The start says what the detectors watch from the data folder: zones and watchlist entries given or added before. */
    @Test
    void theStartSaysWhatIsWatched(@TempDir Path tmp) throws Exception {
        Path list = Files.writeString(tmp.resolve("list.txt"), "mmsi 219000158 | test\nname CORAL DRAGON 5\n");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(tmp.resolve("d")).withPort(0).withWatchlists(java.util.List.of(list));
        try (WatchkeeperServer s = WatchkeeperServer.start(cfg)) {
            assertThat(ServeCommand.watchingLine(s.userData().zones().size(), s.userData().watchlist().size()))
                    .isEqualTo("Watching: 0 zones, 2 watchlist entries (GET /api/zones, /api/watchlist)");
        }
        assertThat(ServeCommand.watchingLine(1, 1)).isEqualTo("Watching: 1 zone, 1 watchlist entry (GET /api/zones, /api/watchlist)");
        assertThat(ServeCommand.watchingLine(0, 0)).isNull();
    }
}
