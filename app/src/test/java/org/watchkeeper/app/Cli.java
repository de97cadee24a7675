package org.watchkeeper.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Runs the command line in-process and reads the report files, for the tests. */
final class Cli {
    static final Path SHARED = Path.of(System.getProperty("watchkeeper.shared", "../../shared"));
    static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** The result of one run. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A file under the shared folder's {@code data/}; the test is skipped, saying so, when it is absent. */
    static Path data(String rel) {
        Path p = SHARED.resolve("data").resolve(rel);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(p),
                "shared data absent: " + p + " (set -Dwatchkeeper.shared)");
        return p;
    }

    /**
     * Analyzes the shared log at {@code relative} (under the shared data folder) into a DuckDB store in a
     * new folder under {@code tmp} and returns that folder; skips the test when the shared data is absent.
     */
    static String analyzedInto(Path tmp, String relative) {
        Path input = SHARED.resolve(relative);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(input), "shared data absent: " + input);
        String data = tmp.resolve("data").toString();
        Run r = run("analyze", "--quiet", "--data", data, "--report", tmp.resolve("r").toString(), input.toString());
        org.assertj.core.api.Assertions.assertThat(r.exit()).as(r.err()).isZero();
        return data;
    }

    static Run run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    /** As {@link #run} with {@code stdin} as standard input. */
    static Run runWithStdin(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(stdin), out, new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    static JsonNode summary(Path report) throws IOException {
        return JSON.readTree(report.resolve("summary.json").toFile());
    }

    static JsonNode tracks(Path report) throws IOException {
        return JSON.readTree(report.resolve("tracks.geojson").toFile());
    }

    /** vessels.csv rows by MMSI (9-digit text). */
    static Map<String, CSVRecord> vessels(Path report) throws IOException {
        Map<String, CSVRecord> out = new LinkedHashMap<>();
        try (CSVParser p = CSVParser.parse(Files.newBufferedReader(report.resolve("vessels.csv")),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : p) {
                out.put(r.get("mmsi"), r);
            }
        }
        return out;
    }
}
