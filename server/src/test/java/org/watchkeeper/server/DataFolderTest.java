package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PositionRow;

/**
 * The server never replaces a history store it did not build from its own raw archive, and a data
 * folder is used by one server at a time: a second one, in this process or another, is refused before
 * it changes anything there.
 */
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
    void aSecondServerOnTheSameFolderIsRefusedAndTheFirstGoesOn(@TempDir Path dir) throws Exception {
        try (WatchkeeperServer first = WatchkeeperServer.start(Fixture.config(dir))) {
            Path store = dir.resolve(DuckDbHistoryStore.FILE_NAME);
            Object file = Files.readAttributes(store, BasicFileAttributes.class).fileKey();
            List<String> before = listing(dir);
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(dir)))
                    .isInstanceOf(DataFolderLock.InUseException.class)
                    .hasMessage("the data folder " + dir.toAbsolutePath().normalize() + " is in use by this process (pid "
                            + ProcessHandle.current().pid() + ", watchkeeper server); one process at a time may write a data folder");
            // the running server's store is the file it opened, not replaced, and nothing else in the folder changed
            assertThat(Files.readAttributes(store, BasicFileAttributes.class).fileKey()).isEqualTo(file);
            assertThat(listing(dir)).isEqualTo(before);
            assertThat(Fixture.get(first, "/api/stats").status()).isEqualTo(200);
            first.store().appendPositions(List.of(new PositionRow(219000001, 1_700_000_000_000L, 55.0, 11.0, 10.0, 90.0, 90, 0, 1, 1, "a")));
            assertThat(first.store().counts().positions()).isEqualTo(1);
        }
        // released with the first server
        try (WatchkeeperServer again = WatchkeeperServer.start(Fixture.config(dir))) {
            assertThat(again.port()).isPositive();
        }
    }

    /** A server in another process (a child JVM) holds the folder: refused, naming that process, its store left alone. */
    @Test
    void aServerInAnotherProcessIsNamedAndLeftAlone(@TempDir Path dir) throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ServeFolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("serving")) {
                // the child's log
            }
            assertThat(line).startsWith("serving");
            Path store = dir.resolve(DuckDbHistoryStore.FILE_NAME);
            Object file = Files.readAttributes(store, BasicFileAttributes.class).fileKey();
            List<String> before = listing(dir);
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(dir)))
                    .isInstanceOf(DataFolderLock.InUseException.class)
                    .hasMessage("the data folder " + dir.toAbsolutePath().normalize() + " is in use by pid " + other.pid()
                            + " (watchkeeper server); one process at a time may write a data folder");
            assertThat(Files.readAttributes(store, BasicFileAttributes.class).fileKey()).isEqualTo(file);
            assertThat(listing(dir)).isEqualTo(before);
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(60, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        // the other server stopped: this one starts
        try (WatchkeeperServer mine = WatchkeeperServer.start(Fixture.config(dir))) {
            assertThat(mine.port()).isPositive();
        }
    }

    /** The files and folders under {@code dir}, with the sizes of those the server does not write while idle (not DuckDB's). */
    private static List<String> listing(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f) + (Files.isDirectory(f) ? "/"
                    : f.getFileName().toString().contains(".duckdb") ? "" : " " + f.toFile().length())).sorted().toList();
        }
    }

    /** Runs a server on the folder, says "serving", and stops it when its stdin closes. */
    public static final class ServeFolder {
        public static void main(String[] args) throws Exception {
            try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(Path.of(args[0])))) {
                System.out.println("serving " + s.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
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
