package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where {@code demo} keeps its data, and what a second run does with it. */
class DemoCommandTest {

    @Test
    void defaultDataFolderIsWatchkeeperDemoInTheCurrentFolder() {
        DemoCommand d = new DemoCommand();
        new CommandLine(d).parseArgs();
        assertThat(d.data).isEqualTo(Path.of("watchkeeper-demo"));
        assertThat(d.data.toAbsolutePath()).isEqualTo(Path.of("").toAbsolutePath().resolve("watchkeeper-demo"));
        Cli.Run help = Cli.run("demo", "--help");
        assertThat(help.exit()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("(default: watchkeeper-demo in the current folder). The next demo run reuses it");
    }

    @Test
    void secondRunReusesTheFolderKeepsZonesAndRestartsTheArchive(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("wk-demo");
        StringWriter first = new StringWriter();
        Path got = DemoCommand.prepare(dir, new PrintWriter(first, true));
        assertThat(got).isEqualTo(dir.toAbsolutePath().normalize()).isDirectory();
        assertThat(got.resolve(DemoCommand.MARKER)).isRegularFile();
        assertThat(first.toString()).isEmpty();

        // What a run leaves behind: the raw archive, the history store, the user's zones.
        Files.createDirectories(dir.resolve("raw"));
        Files.writeString(dir.resolve("raw/2024-06-01.nmea"), "\\c:1717200000000,x:demo*00\\!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        Files.writeString(dir.resolve("raw/2024-06-02.nmea"), "");
        Files.writeString(dir.resolve("zones.json"), "{\"zones\":[]}");

        StringWriter second = new StringWriter();
        assertThat(DemoCommand.prepare(dir, new PrintWriter(second, true))).isEqualTo(got);
        assertThat(second.toString()).contains("reusing " + got).contains("2 archive file(s) of the previous run removed");
        try (var files = Files.list(dir.resolve("raw"))) {
            assertThat(files).isEmpty();
        }
        assertThat(dir.resolve("zones.json")).hasContent("{\"zones\":[]}");
    }

    /** As serve: a port in use is said before the data folder is made. */
    @Test
    void aPortInUseIsSaidBeforeTheFolderIsMade(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo-data");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Cli.Run r = Cli.run("demo", "--port", String.valueOf(taken.getLocalPort()), "--data", dir.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith("watchkeeper demo: cannot listen on HTTP port " + taken.getLocalPort() + ": ")
                    .contains("(another program has it? choose one with --port)").doesNotContain("simulated vessels");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aServeDataFolderIsLeftAlone(@TempDir Path dir) throws Exception {
        Path archived = dir.resolve("raw/2014-10-02.nmea");
        Files.createDirectories(archived.getParent());
        Files.writeString(archived, "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        assertThatThrownBy(() -> DemoCommand.prepare(dir, new PrintWriter(new StringWriter())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("raw archive that the demo did not write");
        Cli.Run r = Cli.run("demo", "--port", "0", "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("give it a folder of its own");
        assertThat(archived).hasContent("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        assertThat(dir.resolve(DemoCommand.MARKER)).doesNotExist();
    }

    /** The other way round, as demo refuses a serve folder: serve refuses a demo's, and leaves it as it was. */
    @Test
    void serveRefusesADemoDataFolder(@TempDir Path tmp) throws Exception {
        Path dir = DemoCommand.prepare(tmp.resolve("watchkeeper-demo"), new PrintWriter(new StringWriter()));
        Path archived = dir.resolve("raw/2024-06-01.nmea");
        Files.createDirectories(archived.getParent());
        Files.writeString(archived, "\\c:1717200000000,x:demo*00\\!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
        Cli.Run r = Cli.run("serve", "--port", "0", "--data", dir.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper serve: " + dir + " is the data folder of 'watchkeeper demo' (it holds"
                + " watchkeeper-demo.txt): its archive is the simulated feed, which the next demo run starts again, so give serve"
                + " a folder of its own (--data DIR), or run the demo there: watchkeeper demo --data " + dir + System.lineSeparator());
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(DemoCommand.MARKER, "raw");
        }
        assertThat(archived).hasContent("\\c:1717200000000,x:demo*00\\!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n");
    }
}
