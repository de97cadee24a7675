package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PositionRow;

/** The server never replaces a history store it did not build from its own raw archive. */
class DataFolderTest {

    @Test
    void refusesAFolderHoldingAnAnalyzeStoreAndLeavesItAlone(@TempDir Path dir) throws Exception {
        try (HistoryStore s = DuckDbHistoryStore.open(dir)) {
            s.appendPositions(List.of(new PositionRow(219000001, 1_700_000_000_000L, 55.0, 11.0, 10.0, 90.0, 90, 0, 1, 1, "a")));
        }
        Path store = dir.resolve(DuckDbHistoryStore.FILE_NAME);
        byte[] before = Files.readAllBytes(store);
        assertThatThrownBy(() -> WatchkeeperServer.start(WatchkeeperServer.Config.of(dir).withPort(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a history store (history.duckdb) but no raw archive")
                .hasMessageContaining("--data DIR");
        assertThat(Files.readAllBytes(store)).isEqualTo(before);
        assertThat(dir.resolve("raw")).doesNotExist();
    }

    @Test
    void restartsOnItsOwnFolder(@TempDir Path dir) throws Exception {
        try (WatchkeeperServer first = WatchkeeperServer.start(WatchkeeperServer.Config.of(dir).withPort(0))) {
            assertThat(dir.resolve("raw")).isDirectory();
        }
        assertThat(dir.resolve(DuckDbHistoryStore.FILE_NAME)).exists();
        try (WatchkeeperServer again = WatchkeeperServer.start(WatchkeeperServer.Config.of(dir).withPort(0))) {
            assertThat(again.port()).isPositive();
        }
    }
}
