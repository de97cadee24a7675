package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process at a time holds a data folder; the holder is named; the lock goes when its process does, even by a crash. */
class DataFolderLockTest {

    @Test
    void aSecondHolderInThisProcessIsRefusedUntilTheFirstReleases(@TempDir Path dir) {
        Path folder = dir.resolve("wk");
        long pid = ProcessHandle.current().pid();
        try (DataFolderLock first = DataFolderLock.acquire(folder, "watchkeeper serve")) {
            assertThat(first.folder()).isEqualTo(folder.toAbsolutePath().normalize());
            assertThat(folder.resolve(DataFolderLock.FILE_NAME)).hasContent(pid + " watchkeeper serve");
            assertThatThrownBy(() -> DataFolderLock.acquire(folder, "watchkeeper analyze"))
                    .isInstanceOf(DataFolderLock.InUseException.class)
                    .hasMessage("the data folder " + folder.toAbsolutePath() + " is in use by this process (pid " + pid
                            + ", watchkeeper serve); one process at a time may write a data folder");
            // the refusal changed nothing: the holder is still named
            assertThat(folder.resolve(DataFolderLock.FILE_NAME)).hasContent(pid + " watchkeeper serve");
        }
        try (DataFolderLock again = DataFolderLock.acquire(folder, "watchkeeper analyze")) {
            assertThat(folder.resolve(DataFolderLock.FILE_NAME)).hasContent(pid + " watchkeeper analyze");
        }
    }

    @Test
    void anotherProcessIsNamedAndItsCrashReleasesTheFolder(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("wk");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("history.duckdb"), "the holder's");
        Process holder = hold(folder);
        try {
            assertThatThrownBy(() -> DataFolderLock.acquire(folder, "watchkeeper serve"))
                    .isInstanceOf(DataFolderLock.InUseException.class)
                    .hasMessage("the data folder " + folder.toAbsolutePath() + " is in use by pid " + holder.pid()
                            + " (watchkeeper serve on port 18701); one process at a time may write a data folder")
                    .satisfies(e -> assertThat(((DataFolderLock.InUseException) e).folder()).isEqualTo(folder.toAbsolutePath()));
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release by the holder itself
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // the operating system released the lock with the process; the file stays, naming its last holder
        assertThat(folder.resolve(DataFolderLock.FILE_NAME)).exists();
        try (DataFolderLock mine = DataFolderLock.acquire(folder, "watchkeeper serve")) {
            assertThat(folder.resolve(DataFolderLock.FILE_NAME)).hasContent(ProcessHandle.current().pid() + " watchkeeper serve");
        }
        assertThat(folder.resolve("history.duckdb")).hasContent("the holder's");
    }

    /** A child JVM that holds {@code folder} until its stdin closes or it is killed; returns once it holds it. */
    static Process hold(Path folder) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldFolder.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).isEqualTo("locked");
        return p;
    }

    /** Locks the folder, says "locked", and keeps it until its stdin closes. */
    public static final class HoldFolder {
        public static void main(String[] args) throws Exception {
            try (DataFolderLock lock = DataFolderLock.acquire(Path.of(args[0]), "watchkeeper serve on port 18701")) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
    }
}
