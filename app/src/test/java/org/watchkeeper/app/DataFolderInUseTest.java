package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DuckDbHistoryStore;

/**
 * Every command that writes a data folder is refused, in one line naming the folder and its holder,
 * before it changes anything there, while a server holds the folder; reading commands beside it go on
 * saying the store is open in another process, as they did.
 */
class DataFolderInUseTest {
    @TempDir
    Path tmp;

    @Test
    void writersAreRefusedInOneLineAndChangeNothing() throws Exception {
        Path data = tmp.resolve("wk");
        Path log = tmp.resolve("one.nmea");
        Files.writeString(log, "\\c:1700000000*5F\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n");
        Path asam = tmp.resolve("asam.csv");
        Files.writeString(asam, "reference,date,position,navArea,subreg,hostility,victim,description,\n"
                + "2022-146,2022-06-01,\"46°37'50.89\"\"N 31°35'01.64\"\"E\",III,55,Robbery,tanker BRENTIX,\"robbers boarded\",\n");
        try (WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
            Path store = data.resolve(DuckDbHistoryStore.FILE_NAME);
            Object file = Files.readAttributes(store, BasicFileAttributes.class).fileKey();
            List<String> before = listing(data);
            String held = "the data folder " + data.toAbsolutePath().normalize() + " is in use by this process (pid "
                    + ProcessHandle.current().pid() + ", watchkeeper server); one process at a time may write a data folder";

            Cli.Run serve = Cli.run("serve", "--data", data.toString(), "--port", "0");
            assertThat(serve.exit()).isEqualTo(1);
            assertThat(serve.err()).isEqualTo("watchkeeper serve: " + held + " (stop that one first, or give serve another --data DIR)\n");

            Cli.Run analyze = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("report").toString(), log.toString());
            assertThat(analyze.exit()).isEqualTo(1);
            assertThat(analyze.err()).isEqualTo("watchkeeper analyze: " + held + " (give analyze another --data DIR)\n");
            assertThat(tmp.resolve("report")).doesNotExist();

            Path incidents = data.resolve(WatchkeeperServer.INCIDENTS_DIR);
            Cli.Run imported = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", incidents.toString());
            assertThat(imported.exit()).isEqualTo(1);
            assertThat(imported.err()).isEqualTo("watchkeeper incidents import: the data folder " + incidents.toAbsolutePath().normalize()
                    + " is in use by this process (pid " + ProcessHandle.current().pid() + ", watchkeeper server); one process at a time"
                    + " may write a data folder; while a server runs, import through it: POST /api/incidents/import?format=asam or imb\n");

            assertThat(Files.readAttributes(store, BasicFileAttributes.class).fileKey()).isEqualTo(file);
            assertThat(listing(data)).isEqualTo(before);
            assertThat(server.incidentStore().incidentCount()).isZero();
        }
        // the server gone, the same commands write the folder
        Path incidents = data.resolve(WatchkeeperServer.INCIDENTS_DIR);
        Cli.Run imported = Cli.run("incidents", "import", "--format", "asam", asam.toString(), "--db", incidents.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    /** The demo locks its folder before it removes the previous run's archive: a demo running there keeps it. */
    @Test
    void aSecondDemoLeavesTheRunningOnesArchive() throws Exception {
        Path data = tmp.resolve("demo");
        Path dir = DemoCommand.prepare(data, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        try (WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(dir).withPort(0))) {
            Files.writeString(dir.resolve("raw").resolve("2024-06-01.nmea"), "an archived line\n");
            List<String> before = listing(dir);
            Cli.Run demo = Cli.run("demo", "--data", data.toString(), "--port", "0");
            assertThat(demo.exit()).isEqualTo(1);
            assertThat(demo.err()).isEqualTo("watchkeeper demo: the data folder " + dir + " is in use by this process (pid "
                    + ProcessHandle.current().pid() + ", watchkeeper server); one process at a time may write a data folder"
                    + " (stop that one first, or give demo another --data DIR)\n");
            assertThat(listing(dir)).isEqualTo(before);
        }
    }

    /** The files and folders under {@code dir}, with the sizes of those the server does not write while idle (not DuckDB's). */
    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f) + (Files.isDirectory(f) ? "/"
                    : f.getFileName().toString().contains(".duckdb") ? "" : " " + f.toFile().length())).sorted().toList();
        }
    }
}
