package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watchkeeper analyze} when an input fails part-way (here a zip of two logs on standard input, which ends
 * at the second one): the report of what was read before the error is written, marked partial, and the run
 * exits 1 naming the error and the input. It used to print the error alone and leave no report.
 */
class AnalyzeInputErrorTest {
    @TempDir
    Path tmp;

    /** Three stations in the first log, two others in the second. */
    private static final String FIRST = NmeaLines.report(211000001, 54.0, 10.0) + NmeaLines.report(211000002, 54.1, 10.1)
            + NmeaLines.report(211000003, 54.2, 10.2);
    private static final String SECOND = NmeaLines.report(211000004, 54.3, 10.3) + NmeaLines.report(211000005, 54.4, 10.4);

    private static byte[] zipOfTwo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("first.nmea"));
            z.write(FIRST.getBytes(StandardCharsets.US_ASCII));
            z.putNextEntry(new ZipEntry("second.nmea"));
            z.write(SECOND.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static final String ZIP_ERROR = "the zip archive holds more than one file (first.nmea, then second.nmea): unzip it"
            + " and name its files as inputs of their own (read back to back they would be one input out of time order)";

    @Test
    void aReadErrorPartWayWritesThePartialReportAndSaysSo() throws IOException {
        Path report = tmp.resolve("r");
        // an earlier run's good report in the folder: the partial one replaces it, and says so
        Path both = Files.writeString(tmp.resolve("both.nmea"), FIRST + SECOND);
        Cli.Run good = Cli.run("analyze", "--no-store", "--quiet", "--assume-time", "2024-01-01", "--report", report.toString(),
                both.toString());
        assertThat(good.exit()).as(good.err()).isZero();
        assertThat(Cli.summary(report).get("partial").asBoolean()).isFalse();
        assertThat(Cli.summary(report).get("vessels").get("total").asLong()).isEqualTo(5);

        Cli.Run r = Cli.runWithStdin(zipOfTwo(), "analyze", "--no-store", "--assume-time", "2024-01-01", "--report",
                report.toString(), "-");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode s = Cli.summary(report);
        assertThat(s.get("partial").asBoolean()).isTrue();
        JsonNode in = s.get("inputs").get(0);
        assertThat(in.get("read_error").asText()).isEqualTo(ZIP_ERROR);
        assertThat(in.get("lines").asLong()).isEqualTo(3);
        assertThat(s.get("messages").asLong()).isEqualTo(3);
        assertThat(s.get("vessels").get("total").asLong()).isEqualTo(3);
        List<String> rows = Files.readAllLines(report.resolve("vessels.csv"));
        assertThat(rows).hasSize(4); // the header and the three stations of the first log
        assertThat(String.join("\n", rows)).contains("211000001", "211000002", "211000003").doesNotContain("211000004");
        assertThat(r.out()).contains("report:");
        assertThat(r.err()).isEqualTo("watchkeeper analyze: I/O error on input stdin: " + ZIP_ERROR + ": its 3 lines read before"
                + " the error were analyzed, the rest of the input is not read; the report in " + report + " is partial"
                + " (\"partial\": true in summary.json) and replaces the earlier report there\n");
        // no report part left behind
        try (var files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))).isEmpty();
        }
    }

    /** With other inputs: they are analyzed whole, merged with what the failing one gave, and the run exits 1. */
    @Test
    void theOtherInputsAreAnalyzedWhole() throws IOException {
        Path report = tmp.resolve("r2");
        Path other = Files.writeString(tmp.resolve("other.nmea"), NmeaLines.report(211000009, 55.0, 11.0));
        Cli.Run r = Cli.runWithStdin(zipOfTwo(), "analyze", "--no-store", "--quiet", "--assume-time", "2024-01-01", "--report",
                report.toString(), "-", other.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode s = Cli.summary(report);
        assertThat(s.get("partial").asBoolean()).isTrue();
        assertThat(s.get("inputs").get(0).get("read_error").asText()).isEqualTo(ZIP_ERROR);
        assertThat(s.get("inputs").get(1).has("read_error")).isFalse();
        assertThat(s.get("inputs").get(1).get("lines").asLong()).isEqualTo(1);
        assertThat(s.get("vessels").get("total").asLong()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: I/O error on input stdin: " + ZIP_ERROR + ": its 3 lines read before"
                + " the error were analyzed, the rest of the input is not read; the report in " + report + " is partial"
                + " (\"partial\": true in summary.json)\n");
    }

    /** Into a store: the stored part is named, as analyzing the unpacked files into the same folder would store it twice. */
    @Test
    void aPartialInputIntoAStoreSaysWhatIsStored() throws IOException {
        Path report = tmp.resolve("r3");
        Path data = tmp.resolve("d3");
        Cli.Run r = Cli.runWithStdin(zipOfTwo(), "analyze", "--data", data.toString(), "--quiet", "--assume-time", "2024-01-01",
                "--report", report.toString(), "-");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode s = Cli.summary(report);
        assertThat(s.get("store").get("positions_appended").asLong()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: I/O error on input stdin: " + ZIP_ERROR + ": its 3 lines read before"
                + " the error were analyzed, the rest of the input is not read; the report in " + report + " is partial"
                + " (\"partial\": true in summary.json); what was read is stored in " + s.get("store").get("location").asText()
                + ", where analyzing the same lines again (the archive unpacked, say) stores them a second time: give those another"
                + " --data folder\n");
    }
}
