package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measure below 0.001 is written as a plain decimal in the report's events files and in {@code query events},
 * as every other number there, not in Java's exponent form ({@code 4.4E-5}). DMA's {@code replay_dump.txt}
 * (10-11 June 2010) and {@code stream_example.txt} (18 March 2013) analyzed together give gaps of 1 011 days
 * across which ships moved a few nautical miles at most: implied speeds of 0.000001 to 0.000473 kn.
 */
class PlainNumbersReportTest {
    /** A number in exponent form, as Double.toString writes those below 0.001 and from 10^7 on ({@code 4.4E-5}). */
    private static final Pattern EXPONENT = Pattern.compile("\\d\\.\\d*[eE][-+]?\\d");
    /** The gap of 265548350, 2010-06-11T11:46:28.392Z to 2013-03-18T09:19:26.625Z: 1.077354 nm in 24 261.5 h. */
    private static final String GAP = "60ec5c706d44b73ae1a4538d49885865";

    @TempDir
    Path tmp;

    @Test
    void theReportAndQueryEventsWriteSmallMeasuresAsPlainDecimals() throws Exception {
        Path a = Cli.data("ais/dma-aislib/replay_dump.txt");
        Path b = Cli.data("ais/dma-aislib/stream_example.txt");
        Path report = tmp.resolve("report");
        String data = tmp.resolve("data").toString();
        Cli.Run r = Cli.run("analyze", "--quiet", "--data", data, "--report", report.toString(), a.toString(), b.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        String json = Files.readString(report.resolve("events.json"));
        String csv = Files.readString(report.resolve("events.csv"));
        String kml = Files.readString(report.resolve("events.kml"));
        assertThat(EXPONENT.matcher(json).find()).as("events.json").isFalse();
        assertThat(EXPONENT.matcher(csv).find()).as("events.csv").isFalse();
        assertThat(EXPONENT.matcher(kml).find()).as("events.kml").isFalse();

        // the events with an implied speed above 0 and below 0.001 kn (Java's exponent form): 8 gaps, each written plain
        int small = 0;
        for (JsonNode e : Cli.JSON.readTree(json)) {
            JsonNode v = e.path("evidence").path("attributes").path("implied_speed_kn");
            if (v.isNumber() && v.asDouble() > 0 && v.asDouble() < 0.001) {
                small++;
            }
        }
        assertThat(small).isEqualTo(8);
        assertThat(json).contains("\"implied_speed_kn\":0.000044,");
        CSVRecord gap;
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            gap = p.stream().filter(c -> c.get("id").equals(GAP)).findFirst().orElseThrow();
        }
        assertThat(gap.get("attributes")).startsWith("{\"duration_h\":24261.549509,\"distance_nm\":1.077354,\"implied_speed_kn\":0.000044,");
        assertThat(kml).contains("<Data name=\"attributes.implied_speed_kn\"><value>0.000044</value></Data>");

        // the store's copy, as query events gives it
        for (String format : List.of("json", "csv")) {
            Cli.Run q = Cli.run("query", "events", "--kind", "gap", "--mmsi", "265548350", "--format", format, "--data", data);
            assertThat(q.exit()).as(q.err()).isZero();
            assertThat(EXPONENT.matcher(q.out()).find()).as(format + ": " + q.out()).isFalse();
            assertThat(q.out()).contains(format.equals("json") ? "\"implied_speed_kn\":0.000044," : "\"\"implied_speed_kn\"\":0.000044,");
        }
    }
}
