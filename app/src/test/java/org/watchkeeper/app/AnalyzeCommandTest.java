package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code watchkeeper analyze} on every real log of the shared folder and on the MarineCadastre
 * CSV, run in-process without the store; the store itself is exercised by
 * {@link QueryStoresAgreeTest}.
 */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    private static Path data(String rel) {
        return Cli.data(rel);
    }

    private JsonNode analyze(Path input, Path report, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "--no-store", "--quiet", "--report", report.toString()));
        args.addAll(List.of(extra));
        args.add(input.toString());
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return Cli.summary(report);
    }

    /**
     * Per input: stations in the picture, decoded messages, accepted positions, track segments,
     * messages without any time. The stations are every MMSI {@code decode} finds in a timed log,
     * also those heard only through binary, safety or management messages (stream_example: 1 933,
     * 112 of them so), but those whose only messages were dropped for a stray time (small_cb_example:
     * 538002398). Logs without any time stamp give no vessel unless
     * {@code --assume-time} is given; {@code nmea-timestamped.txt} writes {@code *00} as its tag
     * block checksums and needs {@code --accept-bad-tag-block-checksum}; the AMSA feed and the
     * SignalK logs are timed by their {@code $GPZDA}/{@code $GPRMC} sentences. The MarineCadastre
     * file has 10 631 MMSIs (its source notes), every one a vessel here. Segments count fixes
     * whose times are not their report times with the time's slack (core {@code ReportTime}): late
     * receptions do not split tracks (stream_example MMSI 266252000: a report of 11:45:52
     * received 11:46:12, 375 m before one of 11:46:22, is 24.3 kn, its reported SOG 24.4 kn) or
     * reports of three minutes stamped with one GNSS time (nais300 MMSI 244670166). The exactEarth
     * files' reports are timed by the satellite's {@code $PGHP} where one names them, and their passes
     * come out of order: in the input's order most fixes are OUT_OF_ORDER, so analyze puts them back
     * in order within a window it chooses from each file's start (see
     * {@link #aSatelliteFeedBackInTimeOrder}): 795, 2 898 and 2 975 positions tracked, against 309, 681
     * and 1 817 in the input's order.
     */
    static Stream<Arguments> everyInput() {
        return Stream.of(
                Arguments.of("ais-csv/marinecadastre-20220103/AISdata.csv.gz", "", 10631, 0, 99997, 10801, 0),
                Arguments.of("ais/amsa-risky/ais.txt.gz", "", 2321, 33985, 16637, 1732, 0),
                Arguments.of("ais/amsa-risky/exact-earth-augmented-2.txt", "", 216, 1123, 795, 138, 0),
                Arguments.of("ais/amsa-risky/exact-earth-augmented-3.txt", "", 576, 4279, 2898, 371, 0),
                Arguments.of("ais/amsa-risky/exact-earth-augmented.txt", "", 1077, 3955, 2975, 1012, 0),
                Arguments.of("ais/amsa-risky/exact-earth-with-tag-block.txt", "", 121, 200, 179, 120, 0),
                Arguments.of("ais/amsa-risky/nmea-timestamped.txt", "--accept-bad-tag-block-checksum", 85, 100, 89, 85, 0),
                Arguments.of("ais/dma-aisabnormal/212123000_drift_1.ais", "", 1, 3130, 902, 1, 0),
                Arguments.of("ais/dma-aisabnormal/219165000_ssc_1.ais", "", 1, 80, 18, 1, 0),
                Arguments.of("ais/dma-aisabnormal/538004030_drift_1.ais", "", 1, 5252, 903, 1, 0), // 10 stale repeats left out: MovingReports
                Arguments.of("ais/dma-aisabnormal/ais-sample.txt.gz", "", 1508, 26077, 25258, 1503, 0),
                Arguments.of("ais/dma-aislib/ais250.txt", "", 0, 235, 0, 0, 235),
                Arguments.of("ais/dma-aislib/decode_encode_messages.txt", "", 0, 601, 0, 0, 601),
                Arguments.of("ais/dma-aislib/replay_dump.txt", "", 34, 50, 47, 32, 0),
                Arguments.of("ais/dma-aislib/retry_example.txt", "", 0, 6, 0, 0, 6),
                // a sample of lines from several years: the two fixes of 26 March 2013, between lines of
                // January 2013 and of December 2012, are dropped as stray times
                Arguments.of("ais/dma-aislib/small_cb_example.txt", "", 7, 11, 2, 2, 0),
                Arguments.of("ais/dma-aislib/stream_example.txt", "", 1933, 4051, 3089, 1481, 0),
                Arguments.of("ais/signalk/nais300-merrimac.log", "", 52, 536, 360, 50, 0),
                Arguments.of("ais/signalk/nais400-merrimac.log", "", 155, 668, 526, 141, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInput")
    void analyzesEveryRealInput(String rel, String extra, int vessels, long messages, long accepted, long segments,
                                long untimed) throws IOException {
        Path report = tmp.resolve("report");
        JsonNode s = analyze(data(rel), report, extra.isEmpty() ? new String[0] : new String[] {extra});
        assertThat(s.get("vessels").get("total").asInt()).isEqualTo(vessels);
        assertThat(s.get("messages").asLong()).isEqualTo(messages);
        assertThat(s.get("positions").get("accepted").asLong()).isEqualTo(accepted);
        assertThat(s.get("segments").asLong()).isEqualTo(segments);
        assertThat(s.get("rejected").get("messages_without_time").asLong()).isEqualTo(untimed);
        // every line counted once, and every station and message in each tally
        JsonNode in = s.get("inputs").get(0);
        if (in.has("sentences")) {
            assertThat(accountedLines(in)).as("%s", in).isEqualTo(in.get("lines").asLong());
            // and at the top, where the same fields sum the inputs'
            assertThat(accountedLines(s)).isEqualTo(s.get("lines").asLong());
            assertThat(s.get("rejected_lines").asLong()).isEqualTo(sum(s.get("rejected").get("lines")))
                    .isEqualTo(in.get("rejected_lines").asLong());
        }
        assertThat(sum(s.get("messages_by_type"))).isEqualTo(messages);
        for (String tally : List.of("by_class", "by_type", "by_flag")) {
            assertThat(sum(s.get("vessels").get(tally))).as(tally).isEqualTo(vessels);
        }
        // the report agrees with itself: one vessels.csv row per vessel, one Feature per segment
        assertThat(Cli.vessels(report)).hasSize(vessels);
        JsonNode tracks = Cli.tracks(report);
        assertThat(tracks.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(tracks.get("features")).hasSize((int) segments);
        long points = 0;
        for (JsonNode f : tracks.get("features")) {
            points += f.get("properties").get("points").asLong();
        }
        assertThat(points).isEqualTo(accepted);
        JsonNode events = Cli.JSON.readTree(report.resolve("events.json").toFile());
        assertThat(events.isArray()).isTrue();
        // every event its own id: the stores keep events by id, so two events of one id would lose one
        java.util.Set<String> ids = new java.util.HashSet<>();
        events.forEach(e -> assertThat(ids.add(e.get("id").asText())).as("a second event of id %s: %s", e.get("id"), e).isTrue());
        assertThat(Files.readString(report.resolve("events.csv"))).startsWith("id,kind,start,end,mmsis,lat,lon,attributes\r\n");
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode c : counts) {
            n += c.asLong();
        }
        return n;
    }

    /** An NMEA input's lines by what became of them, as the README adds them up. */
    private static long accountedLines(JsonNode in) {
        return in.get("sentences").asLong() + in.get("rejected_lines").asLong() + sum(in.get("other_sentences"))
                + in.get("tag_block_only_lines").asLong() + in.get("blank_lines").asLong()
                + in.path("server_archive_records").asLong(0);
    }

    /**
     * The lines of a log add up, each counted once: the AMSA feed's 44 687 lines are 33 985 sentences
     * of messages (all single-sentence), 128 rejected lines and 10 574 other sentences. Its 28
     * sentences framed and then rejected with their message (PAYLOAD_TOO_SHORT 23, INCOMPLETE_MESSAGE
     * 4, UNKNOWN_MESSAGE_TYPE 1) are rejected lines, not sentences too. DMA's stream_example: 4 500
     * sentences of 4 051 messages and 4 051 {@code $PGHP} lines, 8 551 lines. Ship types are given for
     * every station: AMSA's 84 base stations, 40 aids to navigation and 1 SAR aircraft are "not a ship".
     */
    @Test
    void linesAndStationsAddUp() throws IOException {
        JsonNode amsa = analyze(data("ais/amsa-risky/ais.txt.gz"), tmp.resolve("amsa"));
        JsonNode in = amsa.get("inputs").get(0);
        assertThat(in.get("lines").asLong()).isEqualTo(44687);
        assertThat(in.get("sentences").asLong()).isEqualTo(33985);
        assertThat(in.get("rejected_lines").asLong()).isEqualTo(128);
        assertThat(in.get("rejected_by_reason").get("payload_too_short").asLong()).isEqualTo(23);
        assertThat(sum(in.get("other_sentences"))).isEqualTo(10574);
        assertThat(accountedLines(in)).isEqualTo(44687);
        JsonNode types = amsa.get("vessels").get("by_type");
        assertThat(types.get("not a ship").asLong()).isEqualTo(84 + 40 + 1);
        assertThat(types.get("not reported").asLong()).isEqualTo(951);
        assertThat(types.get("Cargo").asLong()).isEqualTo(487);
        assertThat(sum(types)).isEqualTo(2321);

        JsonNode dma = analyze(data("ais/dma-aislib/stream_example.txt"), tmp.resolve("dma"));
        in = dma.get("inputs").get(0);
        assertThat(in.get("lines").asLong()).isEqualTo(8551);
        assertThat(in.get("sentences").asLong()).isEqualTo(4500);
        assertThat(in.get("rejected_lines").asLong()).isZero();
        assertThat(in.get("other_sentences").get("PGHP").asLong()).isEqualTo(4051);
        assertThat(accountedLines(in)).isEqualTo(8551);
    }

    /**
     * AMSA's exactEarth log of 2 February 2012: 2 820 position reports timed by the satellite's
     * {@code $PGHP}, whose passes arrive out of order by up to 70 minutes (per vessel 2 198 fixes
     * older than one before them). In the input's order ({@code --reorder-ms 0}) 2 220 positions are
     * OUT_OF_ORDER and analyze says how to keep them; with {@code --reorder-ms 7200000} 2 898 are
     * tracked, none late, and no segment's mean speed is above 30 kn (99 of 369 were when the batch
     * delivery time timed them). Without the option analyze sees the disorder in the file's start
     * and chooses a window itself: the same 2 898 positions and 64 events (one an identity conflict
     * across two satellite passes).
     */
    @Test
    void aSatelliteFeedBackInTimeOrder() throws IOException {
        Path in = data("ais/amsa-risky/exact-earth-augmented-3.txt");
        Cli.Run plain = Cli.run("analyze", "--no-store", "--reorder-ms", "0", "--report", tmp.resolve("plain").toString(),
                in.toString());
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).contains("positions:  681 accepted into 370 track segments, 2234 rejected (out of order: 2220");
        assertThat(plain.err()).contains("2220 of 2901 positions came after a later one of the same vessel (out of order)",
                "leave out --reorder-ms 0 to have a window chosen from each input's start, or give one,"
                        + " e.g. --reorder-ms 7200000");
        Path report = tmp.resolve("ordered");
        JsonNode s = analyze(in, report, "--reorder-ms", "7200000");
        assertThat(s.get("positions").get("accepted").asLong()).isEqualTo(2898);
        assertThat(s.get("rejected").get("positions").has("out_of_order")).isFalse();
        // one message is later than 2 h: a type 17 (DGNSS broadcast) of 496416412, heard only in it
        assertThat(s.get("rejected").get("too_late_to_reorder").asLong()).isEqualTo(1);
        assertThat(s.get("vessels").get("total").asLong()).isEqualTo(575);
        assertThat(s.get("settings").get("reorder_ms").asLong()).isEqualTo(7_200_000);
        assertThat(s.get("segments").asLong()).isEqualTo(371);
        for (JsonNode f : Cli.tracks(report).get("features")) {
            assertThat(f.get("properties").path("mean_speed_kn").asDouble(0)).isLessThanOrEqualTo(30);
        }
        // without --reorder-ms: the file's first 256 KiB hold 1 % or more observations over 10 s late
        // (the largest lag 120.3 min, of a type 17 DGNSS broadcast of 09:33:31; of the positions and
        // identities, 108.5 min), so a window of twice that, 241 min, is chosen for it
        Path auto = tmp.resolve("auto");
        JsonNode a = analyze(in, auto);
        assertThat(a.get("settings").get("reorder_ms").isNull()).isTrue();
        assertThat(a.get("inputs").get(0).get("reorder_ms").asLong()).isEqualTo(14_460_000);
        assertThat(a.get("positions").get("accepted").asLong()).isEqualTo(2898);
        assertThat(a.get("events").get("late_observations").asLong()).isZero();
        assertThat(a.get("rejected").get("too_late_to_reorder").asLong()).isZero();
        assertThat(a.get("vessels").get("total").asLong()).isEqualTo(576);
        // 39 port visits: MMSI 1193046 (Noumea), heard in and out of the port within seconds, makes
        // two visits of two parts each where it made four
        assertThat(a.get("events").get("total").asInt()).isEqualTo(64);
        assertThat(Files.readString(auto.resolve("events.json"))).isEqualTo(Files.readString(report.resolve("events.json")));
        Cli.Run bad = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("bad").toString(),
                "--reorder-ms", "-1", in.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("watchkeeper analyze: --reorder-ms must be in [0, 86400000]: -1");
    }

    /**
     * Inputs are merged in event-time order, whatever order they are named in: the DMA sample (12
     * November 2013) named after the drift logs of 2 and 28 September 2014 kept none of its events
     * (330: 324 port visits, 6 invalid identities) when inputs went in the order named, and the
     * drift log of 28 September named after that of 2 October lost its drift event, the detectors
     * taking their observations as late. Any order now gives the same events, standard input too.
     */
    @Test
    void inputsNamedOutOfTimeOrderGiveTheEventsOfTimeOrder() throws IOException {
        Path sample = data("ais/dma-aisabnormal/ais-sample.txt.gz");
        Path stoc = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        Path drift538 = data("ais/dma-aisabnormal/538004030_drift_1.ais");
        List<String> events = new ArrayList<>();
        for (List<Path> inputs : List.of(List.of(sample, drift538, stoc), List.of(stoc, drift538, sample))) {
            Path report = tmp.resolve("r" + events.size());
            List<String> args = new ArrayList<>(List.of("analyze", "--no-store", "--report", report.toString()));
            inputs.forEach(p -> args.add(p.toString()));
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode s = Cli.summary(report);
            assertThat(s.get("events").get("late_observations").asLong()).isZero();
            assertThat(s.get("events").get("by_kind").get("drift").asInt()).isEqualTo(2);
            assertThat(s.get("events").get("by_kind").get("port_visit").asInt()).isEqualTo(324);
            assertThat(s.get("events").get("by_kind").get("invalid_identity").asInt()).isEqualTo(6);
            // the summary lists the inputs as named
            assertThat(s.get("inputs").get(0).get("file").asText()).isEqualTo(inputs.get(0).toString());
            events.add(Files.readString(report.resolve("events.json")));
        }
        assertThat(events.get(1)).isEqualTo(events.get(0));
        // standard input, read once, takes part like a file (its start is read and kept for the analysis)
        Path report = tmp.resolve("stdin");
        Cli.Run r = Cli.runWithStdin(Files.readAllBytes(sample), "analyze", "--no-store", "--report", report.toString(),
                stoc.toString(), "-", drift538.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = Cli.summary(report);
        assertThat(s.get("events").get("late_observations").asLong()).isZero();
        assertThat(s.get("inputs").get(1).get("file").asText()).isEqualTo("-");
        assertThat(s.get("inputs").get(1).get("messages").asLong()).isEqualTo(26_077);
        assertThat(s.get("inputs").get(1).get("bytes").asLong()).isEqualTo(Files.size(sample)); // as read, gzip
        assertThat(Files.readString(report.resolve("events.json"))).isEqualTo(events.get(0));
        // read once, so named once
        Cli.Run twice = Cli.runWithStdin(new byte[0], "analyze", "--no-store", "--report", report.toString(), "-", "-");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).startsWith("watchkeeper analyze: standard input (-) can be named once: it is read once");
    }

    /**
     * Two stations' logs of the same hours: the DMA sample's 26 077 messages dealt alternately into
     * two files (each message with its tag block and $PGHP line) and analyzed together, named in
     * either order, give what the sample gives in one piece: the same 330 events, vessels and
     * segments, nothing late; and so does the sample given twice (its stations each heard twice as
     * often). Analyzed one after the other, the second file's hour came after the
     * first's and the detectors skipped it as late.
     */
    @Test
    void twoStationsLogsOfTheSameHoursAreMergedInTimeOrder() throws IOException {
        Path sample = data("ais/dma-aisabnormal/ais-sample.txt.gz");
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(sample))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).lines().toList();
        }
        StringBuilder[] station = {new StringBuilder(), new StringBuilder()};
        StringBuilder message = new StringBuilder();
        int messages = 0;
        for (String line : lines) {
            message.append(line).append('\n');
            String[] f = line.split(",", 4);
            if (line.startsWith("!") && f.length > 2 && f[1].equals(f[2])) { // the last sentence of a message
                station[messages++ % 2].append(message);
                message.setLength(0);
            }
        }
        station[messages % 2].append(message);
        assertThat(messages).isEqualTo(26_077);
        Path a = tmp.resolve("station-a.nmea");
        Path b = tmp.resolve("station-b.nmea");
        Files.writeString(a, station[0], java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.writeString(b, station[1], java.nio.charset.StandardCharsets.ISO_8859_1);

        Path whole = tmp.resolve("whole");
        assertThat(Cli.run("analyze", "--no-store", "--report", whole.toString(), sample.toString()).exit()).isZero();
        for (List<Path> inputs : List.of(List.of(a, b), List.of(b, a))) {
            Path report = tmp.resolve("merged-" + inputs.get(0).getFileName());
            Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), inputs.get(0).toString(),
                    inputs.get(1).toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            JsonNode s = Cli.summary(report);
            assertThat(s.get("events").get("late_observations").asLong()).isZero();
            assertThat(s.get("events").get("total").asInt()).isEqualTo(330);
            assertThat(s.get("segments").asLong()).isEqualTo(Cli.summary(whole).get("segments").asLong());
            for (String file : List.of("events.json", "events.csv", "vessels.csv")) {
                assertThat(Files.readString(report.resolve(file))).as(file).isEqualTo(Files.readString(whole.resolve(file)));
            }
        }
        // two stations that heard everything: the sample twice. Each second copy is a duplicate
        // reception, which the detectors do not see, so the events are the sample's to the byte (a
        // port visit's evidence listed each fix twice, and counted 100 fixes instead of 50, when they did)
        Path twice = tmp.resolve("twice");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", twice.toString(), sample.toString(), sample.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("watchkeeper analyze: " + sample + " is named more than once");
        JsonNode s = Cli.summary(twice);
        assertThat(s.get("events").get("late_observations").asLong()).isZero();
        assertThat(s.get("events").get("duplicate_receptions").asLong())
                .isEqualTo(Cli.summary(whole).get("events").get("duplicate_receptions").asLong() + 25_947);
        for (String file : List.of("events.json", "events.csv")) {
            assertThat(Files.readString(twice.resolve(file))).as(file).isEqualTo(Files.readString(whole.resolve(file)));
        }
        // the same stations as the sample's, each heard twice as often (messages counts receptions)
        Map<String, CSVRecord> once = Cli.vessels(whole);
        Map<String, CSVRecord> both = Cli.vessels(twice);
        assertThat(both.keySet()).containsExactlyElementsOf(once.keySet());
        for (String mmsi : once.keySet()) {
            Map<String, String> w = new java.util.HashMap<>(once.get(mmsi).toMap());
            Map<String, String> t = new java.util.HashMap<>(both.get(mmsi).toMap());
            assertThat(Long.parseLong(t.remove("messages"))).as(mmsi).isEqualTo(2 * Long.parseLong(w.remove("messages")));
            assertThat(t).as(mmsi).isEqualTo(w);
        }
    }

    /** The help renders every description (a bare % in one made picocli warn on stderr and drop the text). */
    @Test
    void helpRendersWithoutWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        Cli.Run r;
        try {
            r = Cli.run("analyze", "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(r.exit()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("at least 1 % of at least 100 observations");
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err()).doesNotContain("WARN");
    }

    /**
     * A gzip log cut short (the DMA sample's first 300 000 bytes, as a copy in progress leaves it):
     * every line inflated before the cut is analyzed, 28 828 with the cut one (9 381 messages, as
     * gunzip's text decodes to; the cut line is rejected), the summary marks the input truncated and
     * stderr says the rest is missing, with exit code 0; the whole run failed with "I/O error:
     * Unexpected end of ZLIB input stream" before.
     */
    @Test
    void aGzipLogCutShortIsAnalyzedUpToTheCutAndSaysSo() throws IOException {
        byte[] whole = Files.readAllBytes(data("ais/dma-aisabnormal/ais-sample.txt.gz"));
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, 300_000));
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), cut.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode in = Cli.summary(report).get("inputs").get(0);
        assertThat(in.get("truncated").asText()).isEqualTo("Unexpected end of ZLIB input stream");
        assertThat(in.get("lines").asLong()).isEqualTo(28_828);
        assertThat(in.get("messages").asLong()).isEqualTo(9_381);
        assertThat(in.get("rejected_lines").asLong()).isEqualTo(1);
        assertThat(r.err()).contains("watchkeeper analyze: " + cut + ": the input ends early (Unexpected end of ZLIB input"
                + " stream) after 28828 lines, the last one cut: they were analyzed, the rest of the file is missing");

        // cut within the gzip header (after its magic bytes), or right after a bare 10-byte header: nothing to analyze, said so
        for (int length : new int[] {2, 10}) {
            Path head = tmp.resolve("head" + length + ".gz");
            Files.write(head, length == 2 ? java.util.Arrays.copyOf(whole, 2) : new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
            r = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("h" + length).toString(), head.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("watchkeeper analyze: " + head + ": the input ends early ("
                    + (length == 2 ? "the gzip header is cut short" : "Unexpected end of ZLIB input stream") + ") after 0 lines:"
                    + " nothing was analyzed, the rest of the file is missing (a compressed file cut short?)" + System.lineSeparator());
        }
    }

    /**
     * The MarineCadastre gzip cut at 1 000 000 bytes, as a cut NMEA gzip: its 25 508 lines inflated
     * before the cut are analyzed, the last one, cut after its COG ({@code 368085860,"2022-01-03T00:05:19",
     * 29.5775,-90.60862,0,299.2,}), is rejected (CUT_SHORT) instead of becoming a station of class
     * unknown, the summary marks the input truncated and stderr says the rest is missing; exit code
     * 0. Before, exit 0 and nothing said: the cut file read as a complete one.
     */
    @Test
    void aCsvGzipCutShortIsAnalyzedUpToTheCutAndSaysSo() throws IOException {
        byte[] whole = Files.readAllBytes(data("ais-csv/marinecadastre-20220103/AISdata.csv.gz"));
        Path cut = tmp.resolve("mccut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, 1_000_000));
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), cut.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = Cli.summary(report);
        JsonNode in = s.get("inputs").get(0);
        assertThat(in.get("truncated").asText()).isEqualTo("Unexpected end of ZLIB input stream");
        assertThat(in.get("lines").asLong()).isEqualTo(25_508);
        assertThat(in.get("rows").asLong()).isEqualTo(25_507);
        assertThat(in.get("bad_rows").asLong()).isEqualTo(1);
        assertThat(in.get("rejected_by_reason").get("cut_short").asLong()).isEqualTo(1);
        assertThat(s.get("rejected").get("csv_rows_by_reason").get("cut_short").asLong()).isEqualTo(1);
        assertThat(s.get("vessels").get("total").asLong()).isEqualTo(9_538);
        assertThat(s.get("vessels").get("by_class").has("unknown")).isFalse();
        assertThat(r.err()).isEqualTo("watchkeeper analyze: " + cut + ": the input ends early (Unexpected end of ZLIB"
                + " input stream) after 25508 lines, the last one cut (its row rejected: row cut short by the end of the input):"
                + " they were analyzed,"
                + " the rest of the file is missing (a compressed file cut short?)\n");
        assertThat(r.out()).contains("rejected:   1 CSV row (row cut short by the end of the input: 1);");

        // cut inside the gzip header (5 bytes): nothing to analyze, said as such (it was "I/O error: null", exit 1)
        Path tiny = tmp.resolve("tiny.csv.gz");
        Files.write(tiny, java.util.Arrays.copyOf(whole, 5));
        Cli.Run t = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("t").toString(), tiny.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(Cli.summary(tmp.resolve("t")).get("inputs").get(0).get("truncated").asText()).isEqualTo("the gzip header is cut short");
        assertThat(t.err()).isEqualTo("watchkeeper analyze: " + tiny + ": the input ends early (the gzip header is cut short)"
                + " after 0 lines: nothing was analyzed, the rest of the file is missing (a compressed file cut short?)\n");
    }

    /**
     * A gzip CSV export corrupt inside, whether the corruption shows in the start analyze reads first
     * (to place the input in the merge) or only at its end (the trailer's CRC: the inflater ran on
     * through the damage, 40 539 lines where the file has 100 000, many of them plausible rows copied
     * from the wrong places): nothing of it is analyzed, since a CSV row has no checksum to tell the
     * damaged rows; the other input is analyzed and the report written; exit 1 with an I/O error
     * naming the input. Before, the run ended there and wrote no report.
     */
    @Test
    void aCorruptCsvGzipIsAnIoErrorAndNothingOfItIsAnalyzed() throws IOException {
        byte[] whole = Files.readAllBytes(data("ais-csv/marinecadastre-20220103/AISdata.csv.gz"));
        Path other = data("ais/dma-aislib/replay_dump.txt");
        for (int at : new int[] {30, 500_000}) {
            byte[] bad = whole.clone();
            for (int i = at; i < at + 8; i++) {
                bad[i] ^= (byte) 0xff;
            }
            Path in = tmp.resolve("corrupt-" + at + ".csv.gz");
            Files.write(in, bad);
            Path report = tmp.resolve("r" + at);
            String why = at == 30 ? "invalid bit length repeat" : "Corrupt GZIP trailer";
            String after = at == 30 ? "0" : "40539";
            Cli.Run two = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), other.toString(), in.toString());
            assertThat(two.exit()).isEqualTo(1);
            assertThat(two.err()).isEqualTo("watchkeeper analyze: I/O error on input " + in + ": corrupt gzip data (" + why + ") after "
                    + after + " lines: nothing in it was analyzed" + (at == 30 ? "" : " (a CSV row has no checksum, so rows from the damaged part"
                    + " cannot be told from good ones)") + "; the report in " + report + " is written without it\n");
            JsonNode s = Cli.summary(report);
            JsonNode bad0 = s.get("inputs").get(1);
            assertThat(bad0.get("corrupt").asText()).isEqualTo(why);
            assertThat(bad0.has("truncated")).isFalse();
            // the other input alone: replay_dump.txt's 50 messages, 34 stations
            assertThat(s.get("messages").asLong()).isEqualTo(50);
            assertThat(s.get("vessels").get("total").asLong()).isEqualTo(34);
            if (at == 500_000) {
                assertThat(bad0.get("observations_dropped_as_corrupt").asLong()).isEqualTo(25_299);
            }
        }
    }

    /**
     * An NMEA gzip log corrupt in its middle (40 bytes of the DMA drift log's compressed stream
     * altered): the lines inflated before the trailer's check failed are analyzed, nearly all of
     * those from the damaged part rejected by their checksums, the log given after it is analyzed too, the summary
     * marks the input {@code corrupt}, and the exit code is 1 with an I/O error naming it. Before,
     * the run ended at the check, "I/O error on input ...: Corrupt GZIP trailer", with no report.
     */
    @Test
    void aCorruptNmeaGzipIsAnalyzedUpToTheDamageThenReported() throws IOException {
        byte[] g = gzip(Files.readAllBytes(data("ais/dma-aisabnormal/212123000_drift_1.ais")));
        for (int i = g.length / 2; i < g.length / 2 + 40; i++) {
            g[i] ^= 0x5a;
        }
        Path in = tmp.resolve("corrupt.ais.gz");
        Files.write(in, g);
        Path other = data("ais/dma-aislib/replay_dump.txt");
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), in.toString(), other.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode s = Cli.summary(report);
        JsonNode bad = s.get("inputs").get(0);
        assertThat(bad.get("corrupt").asText()).isEqualTo("Corrupt GZIP trailer");
        long lines = bad.get("lines").asLong();
        assertThat(r.err()).isEqualTo("watchkeeper analyze: I/O error on input " + in + ": corrupt gzip data (Corrupt GZIP trailer)"
                + " after " + lines + " lines: they were analyzed, the rest of the file cannot be read; the report in " + report
                + " is written, but a line inflated from the damaged part passes its 8-bit checksum about once in 256, so events"
                + " of this input may be false: analyze an intact copy\n");
        assertThat(lines).isBetween(5_000L, 10_018L);
        assertThat(bad.get("rejected_by_reason").get("bad_checksum").asLong()).isPositive();
        assertThat(bad.get("messages").asLong()).isBetween(1_000L, 3_129L); // of the 3 130 the whole log gives
        assertThat(s.get("inputs").get(1).get("messages").asLong()).isEqualTo(50);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(b)) {
            z.write(plain);
        }
        return b.toByteArray();
    }

    /**
     * The MarineCadastre file with a quote inside a quoted name on line 31 (USNS GUADALUPE written
     * {@code "BAD "X" NAME"}), analyzed with another input: that row is rejected (malformed_row, with
     * its line in summary.json and in the --errors file), every other row and the other input are
     * analyzed, exit 0. Before, the whole run ended: "I/O error: Invalid character between
     * encapsulated token and delimiter at line: 31, position: 3,422", exit 1, naming no file.
     */
    @Test
    void aMalformedCsvRowIsRejectedAloneAndTheRestIsAnalyzed() throws IOException {
        String text;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(data("ais-csv/marinecadastre-20220103/AISdata.csv.gz")))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String row31 = "367219000,\"2022-01-03T00:00:17\",32.70519,-117.18541,0,231.6,109,\"USNS GUADALUPE\",\"IMO8822442\","
                + "\"NLUP\",80,5,206,29,,89,\"A\"";
        assertThat(text.split("\n", 32)[30]).isEqualTo(row31);
        String bad = row31.replace("\"USNS GUADALUPE\"", "\"BAD \"X\" NAME\"");
        Path csv = tmp.resolve("badquote.csv");
        Files.writeString(csv, text.replace(row31, bad));
        Path other = data("ais/dma-aislib/replay_dump.txt");
        Path report = tmp.resolve("r");
        Path errors = tmp.resolve("rejects.tsv");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), "--errors", errors.toString(),
                csv.toString(), other.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("analyzed 50 messages from 108 lines and 99999 CSV rows (2 inputs)")
                .contains("rejected:   0 lines, 1 CSV row (malformed CSV row: 1);");
        JsonNode s = Cli.summary(report);
        JsonNode in = s.get("inputs").get(0);
        assertThat(in.get("rows").asLong()).isEqualTo(99_999);
        assertThat(in.get("bad_rows").asLong()).isEqualTo(1);
        assertThat(in.get("rejected_by_reason").get("malformed_row").asLong()).isEqualTo(1);
        assertThat(in.get("first_rejected_row").get("line").asLong()).isEqualTo(31);
        assertThat(in.get("first_rejected_row").get("reason").asText()).isEqualTo("malformed_row");
        assertThat(in.get("first_rejected_row").get("row").asText()).isEqualTo(bad);
        assertThat(s.get("inputs").get(1).get("messages").asLong()).isEqualTo(50);
        // the file alone gives 10 631 stations and 99 997 positions (everyInput), replay_dump 34 and 47:
        // the one row lost is one fix of a vessel that has others
        assertThat(s.get("vessels").get("total").asLong()).isEqualTo(10_631 + 34);
        assertThat(s.get("positions").get("accepted").asLong()).isEqualTo(99_997 - 1 + 47);
        assertThat(Files.readString(errors)).isEqualTo("file\tline\treason\tdetail\ttext\n" + csv + "\t31\tmalformed_row\t"
                + "a character ('X') after the closing quote of field 8, where a comma or the end of the row must come (a"
                + " quote inside a quoted field is written twice)\t" + bad + "\n");
    }

    /**
     * An input that gives no observation at all says so on stderr, in one line naming it and why: a
     * CSV export whose every row is rejected (the line, reason and detail of the first), one with a
     * header only, an empty NMEA file. Before, exit 0 and at most "rejected: 19 CSV rows" on stdout.
     */
    @Test
    void anInputThatGivesNoObservationSaysWhy() throws IOException {
        String text;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(data("ais-csv/marinecadastre-20220103/AISdata.csv.gz")))) {
            text = new String(in.readNBytes(4000), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> lines = List.of(text.split("\n")).subList(0, 20); // the header and 19 rows
        Path allBad = tmp.resolve("allbad.csv");
        Files.writeString(allBad, String.join("\n", lines).replace("2022-01-03T", "2022-13-03T") + "\n");
        Path header = tmp.resolve("header.csv");
        Files.writeString(header, lines.get(0) + "\n");
        Path empty = tmp.resolve("empty.nmea");
        Files.writeString(empty, "");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), allBad.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rejected:   19 CSV rows (missing or bad time: 19);");
        assertThat(r.err()).isEqualTo("watchkeeper analyze: " + allBad + ": no observation: all 19 CSV rows were rejected"
                + " (missing or bad time: 19); the first, line 2: missing or bad time: BaseDateTime: Text '2022-13-03T00:00:00' could not be parsed:"
                + " Invalid value for MonthOfYear (valid values 1 - 12): 13 (--errors FILE lists each with its reason)\n");
        Path errors = tmp.resolve("e.tsv");
        Cli.Run all = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("r2").toString(), "--errors",
                errors.toString(), allBad.toString(), header.toString(), empty.toString());
        assertThat(all.exit()).isZero();
        assertThat(all.err()).isEqualTo("watchkeeper analyze: " + allBad + ": no observation: all 19 CSV rows were rejected"
                + " (missing or bad time: 19); the first, line 2: missing or bad time: BaseDateTime: Text '2022-13-03T00:00:00' could not be parsed:"
                + " Invalid value for MonthOfYear (valid values 1 - 12): 13 (each is listed with its reason in " + errors + ")\n"
                + "watchkeeper analyze: " + header + ": no observation: the MarineCadastre CSV export has a header and no row\n"
                + "watchkeeper analyze: " + empty + ": no AIS message: the input is empty\n");
        List<String> listed = Files.readAllLines(errors);
        assertThat(listed).hasSize(20);
        assertThat(listed.get(19)).isEqualTo(allBad + "\t20\tbad_time\tBaseDateTime: Text '2022-13-03T00:00:14' could not be"
                + " parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13\t367530120,\"2022-13-03T00:00:14\",43.31793,"
                + "-70.0012,7.2,325,511,\"TERA LYNN II\",\"IMO0000000\",\"WDG5016\",30,,17,6,,,\"B\"");
    }

    /**
     * --errors lists the rejected NMEA lines as decode --errors does, byte for byte (DMA AisLib's
     * ais250.txt: 8 malformed sentences); it cannot be standard output or an input.
     */
    @Test
    void errorsFileListsRejectedNmeaLinesAsDecodeDoes() throws IOException {
        Path in = data("ais/dma-aislib/ais250.txt");
        Path analyzed = tmp.resolve("analyze.tsv");
        Path decoded = tmp.resolve("decode.tsv");
        Cli.Run a = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("r").toString(), "--errors",
                analyzed.toString(), in.toString());
        assertThat(a.exit()).isZero();
        Cli.Run d = Cli.run("decode", "--quiet", "-o", tmp.resolve("m.jsonl").toString(), "--errors", decoded.toString(), in.toString());
        assertThat(d.exit()).isZero();
        assertThat(Files.readAllLines(analyzed)).hasSize(9).isEqualTo(Files.readAllLines(decoded));
        assertThat(Files.readAllLines(analyzed).get(1)).startsWith(in + "\t").contains("\tmalformed_sentence\t");

        Cli.Run stdout = Cli.run("analyze", "--no-store", "--errors", "-", in.toString());
        assertThat(stdout.exit()).isEqualTo(2);
        assertThat(stdout.err()).startsWith("watchkeeper analyze: --errors needs a file: standard output carries the summary");
        Path copy = tmp.resolve("copy.txt");
        Files.copy(in, copy);
        Cli.Run itself = Cli.run("analyze", "--no-store", "--errors", copy.toString(), copy.toString());
        assertThat(itself.exit()).isEqualTo(2);
        assertThat(itself.err()).startsWith("watchkeeper analyze: --errors " + copy + " is also an input");
        assertThat(Files.readAllLines(copy)).isEqualTo(Files.readAllLines(in));
        Path nowhere = tmp.resolve("no-such-dir").resolve("e.tsv");
        Cli.Run missing = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r3").toString(), "--errors", nowhere.toString(),
                in.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("watchkeeper analyze: cannot write --errors " + nowhere + ": no such directory\n");
    }

    /**
     * AMSA's exactEarth file with tag blocks: two of its base stations' type 5 (!BSVDM) carry
     * tag-block times 5.5 h ahead of the traffic around them (stray times, dropped before they can
     * move the reorder window), and 15 carry times 11 h to three months before it (stale: too late for
     * a 2 h window, or for the detectors when no window is chosen). The stdout summary and stderr say so.
     */
    @Test
    void strayAndStaleTimesAreShown() throws IOException {
        Path in = data("ais/amsa-risky/exact-earth-with-tag-block.txt");
        Path report = tmp.resolve("r");
        Cli.Run r = Cli.run("analyze", "--no-store", "--reorder-ms", "7200000", "--report", report.toString(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rejected:   0 lines, 15 observations too late to reorder, 2 with a stray time");
        assertThat(r.err()).contains("watchkeeper analyze: 15 observations came more than --reorder-ms (7200000 ms) after a"
                + " later one and were dropped (rejected.too_late_to_reorder): stale times (such as static messages"
                + " relayed with an old tag-block time), or a feed further out of order: a larger --reorder-ms may keep them");
        assertThat(r.err()).contains("exact-earth-with-tag-block.txt: 2 observations had a time more than 3 h away from the"
                + " input's times around them and were dropped (rejected.stray_time; the first stamped 2012-04-13T22:47:41Z, line 54)");
        assertThat(Cli.summary(report).get("rejected").get("too_late_to_reorder").asLong()).isEqualTo(15);
        assertThat(Cli.summary(report).get("positions").get("accepted").asLong()).isEqualTo(179);
        // without the option: the stale times do not choose a window (lags over 3 h do not count), the
        // detectors skip them as late
        Path auto = tmp.resolve("auto");
        Cli.Run a = Cli.run("analyze", "--no-store", "--report", auto.toString(), in.toString());
        JsonNode s = Cli.summary(auto);
        assertThat(s.get("inputs").get(0).get("reorder_ms").asLong()).isZero();
        assertThat(s.get("inputs").get(0).get("stray_time").asLong()).isEqualTo(2);
        assertThat(s.get("events").get("late_observations").asLong()).isEqualTo(15);
        assertThat(s.get("positions").get("accepted").asLong()).isEqualTo(179);
        assertThat(a.err()).contains("the detectors skipped 15 of 198 observations")
                .contains("or a feed delivered out of order, which --reorder-ms puts back in time order");
        // with --reorder-ms 0 given, the hint says to leave it out rather than to give the option
        Cli.Run zero = Cli.run("analyze", "--no-store", "--reorder-ms", "0", "--report", tmp.resolve("zero").toString(),
                in.toString());
        assertThat(zero.err()).contains("which a window puts back in time order: leave out --reorder-ms 0");
    }

    /**
     * One $PGHP line of the DMA drift log moved a year ahead: before, that one time moved the reorder
     * window and the watermark a year on and 2 145 of the log's observations were dropped as too late
     * (the drift event lost, a year-long gap found); now it alone is dropped and the events are the log's.
     */
    @Test
    void aTimeAYearAheadIsDroppedAloneAndTheLogIsAnalyzedAsIfItWereNotThere() throws IOException {
        Path drift = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        List<String> lines = new ArrayList<>(Files.readAllLines(drift));
        int pghp = 0;
        int sentence = 0; // 1-based line of the sentence the changed $PGHP times
        for (int i = 0; i < lines.size(); i++) {
            if (pghp == 1000 && sentence == 0 && lines.get(i).startsWith("!")) {
                sentence = i + 1;
            }
            if (lines.get(i).startsWith("$PGHP") && ++pghp == 1000) {
                String l = lines.get(i);
                String body = l.substring(1, l.indexOf('*')).replaceFirst(",2014,", ",2015,");
                int x = 0;
                for (char c : body.toCharArray()) {
                    x ^= c;
                }
                lines.set(i, "$" + body + String.format("*%02X", x));
            }
        }
        Path strayed = tmp.resolve("strayed.ais");
        Files.write(strayed, lines);
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("s").toString(), strayed.toString());
        Cli.Run o = Cli.run("analyze", "--no-store", "--report", tmp.resolve("o").toString(), drift.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("strayed.ais: 1 observation had a time more than 3 h away from the input's times"
                + " around it and was dropped (rejected.stray_time; stamped 2015-10-02T22:02:46.871Z, line " + sentence + ")");
        assertThat(sentence).isEqualTo(3204);
        assertThat(lines.get(sentence - 2)).startsWith("$PGHP,1,2015,");
        JsonNode s = Cli.summary(tmp.resolve("s"));
        assertThat(s.get("rejected").get("too_late_to_reorder").asLong()).isZero();
        assertThat(s.get("inputs").get(0).get("reorder_ms").asLong()).isZero();
        assertThat(s.get("time_span").get("end").asText()).isEqualTo(Cli.summary(tmp.resolve("o")).get("time_span").get("end").asText());
        assertThat(Files.readString(tmp.resolve("s/events.json"))).isEqualTo(Files.readString(tmp.resolve("o/events.json")));
    }

    @Test
    void aReportPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", file.toString(), data("ais/dma-aisabnormal/219165000_ssc_1.ais").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: cannot write the report to " + file + ": it is a file, not a directory"
                + System.lineSeparator());
    }

    /** Every log in the shared folder is covered by {@link #everyInput()}. */
    @Test
    void everySharedLogIsListed() throws IOException {
        Path root = Cli.SHARED.resolve("data");
        assumeTrue(Files.isDirectory(root.resolve("ais")), "shared data absent");
        TreeSet<String> found = new TreeSet<>();
        for (String dir : List.of("ais", "ais-csv")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(Files::isRegularFile).forEach(p -> found.add(root.relativize(p).toString().replace('\\', '/')));
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        everyInput().forEach(a -> listed.add((String) a.get()[0]));
        assertThat(listed).isEqualTo(found);
    }

    /**
     * MMSI 212123000, the tanker STOC MARCIA of the DMA drift scenario (checked against its type 5
     * messages: IMO 9390305, call sign C4XG2, type 80, 78+22 m by 13+2 m, draught 6.0, destination
     * "SE GOT>SE LAA"). MID 212 is Cyprus. It sends types 1, 3 and 5 (Class A) and five type 11
     * replies, which must not turn it into a base station. Its 14.5 hours near Bornholm have no gap
     * over 24 h and no jump: one segment. 3130 messages came through several base stations, so
     * 1666 of its 2568 positions are duplicates and 902 remain.
     */
    @Test
    void stocMarciaDrift() throws IOException {
        Path report = tmp.resolve("r");
        JsonNode s = analyze(data("ais/dma-aisabnormal/212123000_drift_1.ais"), report);
        CSVRecord v = Cli.vessels(report).get("212123000");
        assertThat(v.get("name")).isEqualTo("STOC MARCIA");
        assertThat(v.get("callsign")).isEqualTo("C4XG2");
        assertThat(v.get("imo")).isEqualTo("9390305");
        assertThat(v.get("shiptype")).isEqualTo("80");
        assertThat(v.get("shiptype_text")).isEqualTo("Tanker");
        assertThat(v.get("class")).isEqualTo("A");
        assertThat(v.get("flag")).isEqualTo("CY");
        assertThat(v.get("flag_name")).isEqualTo("Cyprus");
        assertThat(List.of(v.get("to_bow"), v.get("to_stern"), v.get("to_port"), v.get("to_starboard"), v.get("length")))
                .containsExactly("78", "22", "13", "2", "100");
        assertThat(v.get("draught")).isEqualTo("6.0");
        assertThat(v.get("destination")).isEqualTo("SE GOT>SE LAA");
        assertThat(v.get("segments")).isEqualTo("1");
        assertThat(v.get("positions")).isEqualTo("902");
        assertThat(s.get("rejected").get("positions").get("duplicate").asLong()).isEqualTo(1666);
        assertThat(s.get("vessels").get("by_class").get("A").asInt()).isEqualTo(1);
        assertThat(s.get("vessels").get("by_class").has("base_station")).isFalse();
        JsonNode f = Cli.tracks(report).get("features").get(0);
        assertThat(f.get("geometry").get("type").asText()).isEqualTo("LineString");
        assertThat(f.get("properties").get("start").asText()).isEqualTo("2014-10-02T16:30:03.887Z");
        // the log's last two lines (06:59:52.721, 06:59:53.142) repeat the fix first heard at 06:59:52.619
        assertThat(f.get("properties").get("end").asText()).isEqualTo("2014-10-03T06:59:52.619Z");
        assertThat(v.get("last_seen")).isEqualTo("2014-10-03T06:59:53.142Z");
        // the position of record is that fix, with its own time
        assertThat(v.get("last_position_time")).isEqualTo("2014-10-03T06:59:52.619Z");
        assertThat(v.get("last_lat")).isEqualTo("55.644758");
        assertThat(f.get("properties").get("name").asText()).isEqualTo("STOC MARCIA");
        // [lon, lat] order, first fix of the log: 55.560315 N 15.255965 E
        assertThat(f.get("geometry").get("coordinates").get(0).get(0).asDouble()).isEqualTo(15.255965);
        assertThat(f.get("geometry").get("coordinates").get(0).get(1).asDouble()).isEqualTo(55.560315);
        // the scenario is a drift (DMA AisAbnormal): the drift detector finds it
        assertThat(kinds(report)).contains("drift");
        assertThat(Files.readString(report.resolve("events.csv"))).contains(",drift,").contains(",212123000,")
                // the drift's measured attributes, to 6 decimals, as one quoted JSON object; it ends at
                // 05:17:47.412, the last drifting fix as first heard (a second station's copy at
                // 05:17:47.954, a duplicate reception, does not reach the detectors), and counts each
                // of its 229 fixes once
                .contains(",\"{\"\"duration_min\"\":720.02855,\"\"distance_m\"\":13097.635212,")
                .contains(",\"\"drifting_fixes\"\":229,");
        assertThat(s.get("events").get("duplicate_receptions").asLong()).isEqualTo(1666);
        // the same events for a KML viewer: one placemark per event with a position, shown while it lasts
        JsonNode drift = null;
        for (JsonNode e : Cli.JSON.readTree(report.resolve("events.json").toFile())) {
            if (e.get("kind").asText().equals("drift")) {
                drift = e;
            }
        }
        String kml = Files.readString(report.resolve("events.kml"));
        assertThat(kml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">")
                .contains("<Placemark><name>drift 212123000 " + drift.get("start").asText() + "</name><TimeSpan><begin>"
                        + drift.get("start").asText() + "</begin><end>" + drift.get("end").asText() + "</end></TimeSpan>")
                .contains("<coordinates>" + drift.get("lon").asDouble() + "," + drift.get("lat").asDouble() + "</coordinates>");
        assertThat(kml.split("<Placemark>", -1).length - 1).isEqualTo(kinds(report).size());
    }

    private static List<String> kinds(Path report) throws IOException {
        List<String> kinds = new ArrayList<>();
        Cli.JSON.readTree(report.resolve("events.json").toFile()).forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    /**
     * The DMA "sudden speed change" scenario of MMSI 219165000 is a ship at anchor reporting 102.2 kn
     * once between 0 kn reports without moving: the fix is rejected from the track as a speed
     * outlier, and the detector raises AisAbnormal's sudden_speed_change (102.2 to 0.0 kn, as DMA's own
     * test expects) flagged from_sog_supported=false so the analyst sees it is a glitch.
     */
    @Test
    void suddenSpeedChangeScenarioIsFlaggedAsASpeedGlitch() throws IOException {
        Path in = data("ais/dma-aisabnormal/219165000_ssc_1.ais");
        JsonNode s = analyze(in, tmp.resolve("r"));
        assertThat(kinds(tmp.resolve("r"))).containsExactly("sudden_speed_change");
        JsonNode events = Cli.JSON.readTree(tmp.resolve("r/events.json").toFile());
        JsonNode drop = events.isArray() ? events.get(0) : events.get("events").get(0);
        assertThat(drop.toString()).contains("\"from_sog_supported\":false").contains("\"from_sog_kn\":102.2");
        assertThat(s.get("rejected").get("positions").get("speed_outlier").asLong()).isEqualTo(1);
        JsonNode off = analyze(in, tmp.resolve("off"), "--no-detect");
        assertThat(off.get("events").get("total").asInt()).isZero();
        assertThat(kinds(tmp.resolve("off"))).isEmpty();
        // asking for detectors and for none at once is a usage error, not a silent choice
        Cli.Run both = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("both").toString(),
                "--detect", "drift", "--no-detect", in.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("watchkeeper analyze: --detect and --no-detect exclude each other");
        Cli.Run unknown = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("unknown").toString(),
                "--detect", "drift,foo", in.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("watchkeeper analyze: unknown detector 'foo'; known: gap, loitering,");
        Cli.Run trailing = Cli.run("analyze", "--quiet", "--no-store", "--report", tmp.resolve("trailing").toString(),
                "--detect", "drift,", in.toString());
        assertThat(trailing.exit()).isEqualTo(2);
        assertThat(trailing.err()).startsWith("watchkeeper analyze: --detect has an empty item in its list: drift,\n");
    }

    /**
     * MMSI 538004030, the tanker FRIO (Marshall Islands, MID 538) drifting in the Kattegat: 903
     * fixes form its track. Ten fixes between 16:50 and 18:19 lay 0.8 km behind it at their stated
     * times (16:50:12 at 57.81483 N while 16:50:04 and 16:50:14 put it at 57.8221 N, some 600 kn
     * apart) and made a second segment; each is a report the other stations heard 17 minutes
     * before, relayed again by base station 992190923 (a stale repeat), so the tracker rejects them
     * as duplicates and the track is one segment.
     */
    @Test
    void frioDriftIsOneTrackWithoutItsStaleRepeats() throws IOException {
        Path report = tmp.resolve("r");
        analyze(data("ais/dma-aisabnormal/538004030_drift_1.ais"), report);
        CSVRecord v = Cli.vessels(report).get("538004030");
        assertThat(v.get("name")).isEqualTo("FRIO");
        assertThat(v.get("flag")).isEqualTo("MH");
        assertThat(v.get("class")).isEqualTo("A");
        assertThat(v.get("segments")).isEqualTo("1");
        JsonNode features = Cli.tracks(report).get("features");
        List<Integer> sizes = new ArrayList<>();
        features.forEach(f -> sizes.add(f.get("properties").get("points").asInt()));
        assertThat(sizes).containsExactly(903);
    }

    /**
     * Three MarineCadastre vessels checked against their rows (zcat | grep): CL CONTIGO (Belgium, MID
     * 205; IMO 9703411, call sign ONLE, type 70, 180 m by 32 m, draught 10.2) has 20 rows at
     * about 1-minute steps down the Mississippi at New Orleans: one segment. MAERSK LAUNCHER
     * (MID 220 Denmark) has three rows at 00:00:00 at three places 120 km apart (two other
     * transmitters with its MMSI): three segments, the main one of 20 fixes. LAUREN FOSS (MID 303,
     * the USA) is at 48.29962 N 124.26856 W at 00:00:00 and 25 km away 7 s later: two segments.
     * The file is read out of time order and sorted first, so each of these is one run of fixes.
     */
    @Test
    void marineCadastreVessels() throws IOException {
        Path report = tmp.resolve("r");
        JsonNode s = analyze(data("ais-csv/marinecadastre-20220103/AISdata.csv.gz"), report);
        Map<String, CSVRecord> vessels = Cli.vessels(report);
        CSVRecord contigo = vessels.get("205125000");
        assertThat(contigo.get("name")).isEqualTo("CL CONTIGO");
        assertThat(contigo.get("callsign")).isEqualTo("ONLE");
        assertThat(contigo.get("imo")).isEqualTo("9703411");
        assertThat(contigo.get("shiptype")).isEqualTo("70");
        assertThat(contigo.get("class")).isEqualTo("A");
        assertThat(contigo.get("flag")).isEqualTo("BE");
        assertThat(contigo.get("length")).isEqualTo("180");
        assertThat(contigo.get("beam")).isEqualTo("32");
        // Length and Width are the overall size: where the antenna is, the export does not say
        assertThat(List.of(contigo.get("to_bow"), contigo.get("to_stern"), contigo.get("to_port"), contigo.get("to_starboard")))
                .containsOnly("");
        assertThat(vessels.values()).filteredOn(r -> !r.get("length").isEmpty()).hasSize(9548)
                .allMatch(r -> r.get("to_bow").isEmpty() && r.get("to_port").isEmpty());
        assertThat(contigo.get("draught")).isEqualTo("10.2");
        assertThat(contigo.get("positions")).isEqualTo("20");
        assertThat(contigo.get("segments")).isEqualTo("1");
        assertThat(contigo.get("last_lat")).isEqualTo("29.90817");
        assertThat(contigo.get("last_lon")).isEqualTo("-90.11227");

        CSVRecord launcher = vessels.get("220580000");
        assertThat(launcher.get("name")).isEqualTo("MAERSK LAUNCHER");
        assertThat(launcher.get("flag")).isEqualTo("DK");
        assertThat(launcher.get("segments")).isEqualTo("3");
        assertThat(launcher.get("positions")).isEqualTo("22");

        CSVRecord foss = vessels.get("303350200");
        assertThat(foss.get("name")).isEqualTo("LAUREN FOSS");
        assertThat(foss.get("flag")).isEqualTo("US");
        assertThat(foss.get("class")).isEqualTo("A");
        assertThat(foss.get("segments")).isEqualTo("2");

        assertThat(s.get("inputs").get(0).get("format").asText()).isEqualTo("marinecadastre_csv");
        assertThat(s.get("csv_rows").asLong()).isEqualTo(99999);
        assertThat(s.get("vessels").get("by_class").get("A").asInt() + s.get("vessels").get("by_class").get("B").asInt())
                .isEqualTo(10631);
        assertThat(s.get("vessels").get("by_flag").get("US").asInt()).isGreaterThan(8000);
    }

    /**
     * The land option: off by default; with a tolerance, positions further inland than it are
     * rejected. CL CONTIGO's fixes on the Mississippi at New Orleans lie inside Natural Earth's
     * land: 10 km rejects them, which is why the option is off by default.
     */
    @Test
    void landToleranceIsOptIn() throws IOException {
        Path csv = data("ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        JsonNode off = analyze(csv, tmp.resolve("off"));
        assertThat(off.get("rejected").get("positions").has("on_land")).isFalse();
        JsonNode ten = analyze(csv, tmp.resolve("ten"), "--land-tolerance-km", "10");
        JsonNode fifty = analyze(csv, tmp.resolve("fifty"), "--land-tolerance-km", "50");
        long tenKm = ten.get("rejected").get("positions").get("on_land").asLong();
        long fiftyKm = fifty.get("rejected").get("positions").get("on_land").asLong();
        assertThat(tenKm).isEqualTo(23782);
        assertThat(fiftyKm).isEqualTo(10292);
        assertThat(Cli.vessels(tmp.resolve("ten")).get("205125000").get("positions")).isEqualTo("0");
    }

    /** A log without any time stamp gives its picture when a time is assumed (ais250: 235 messages, no time). */
    @Test
    void assumedTimeForAnUntimedLog() throws IOException {
        Path report = tmp.resolve("r");
        JsonNode s = analyze(data("ais/dma-aislib/ais250.txt"), report, "--assume-time", "2020-01-01T00:00:00Z");
        assertThat(s.get("vessels").get("total").asInt()).isEqualTo(167); // every MMSI decode finds
        assertThat(s.get("messages_with_carried_time").asLong()).isEqualTo(235);
        assertThat(s.get("time_span").get("start").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(s.get("inputs").get(0).get("messages_at_assumed_time").asLong()).isEqualTo(235);
        // a log with times of its own does not use it, and stderr says so
        Cli.Run timed = Cli.run("analyze", "--no-store", "--assume-time", "2020-01-01T00:00:00Z", "--report",
                tmp.resolve("timed").toString(), data("ais/dma-aisabnormal/219165000_ssc_1.ais").toString());
        assertThat(timed.exit()).isZero();
        assertThat(timed.err()).contains("--assume-time was not used: every message had a time in the log");
        assertThat(Cli.summary(tmp.resolve("timed")).get("inputs").get(0).get("messages_at_assumed_time").asLong()).isZero();
        assertThat(Cli.summary(tmp.resolve("timed")).get("settings").get("assume_time").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(s.get("settings").get("accept_bad_tag_block_checksum").asBoolean()).isFalse();
    }

    /** The SignalK logs are timed only by the receiver's $GPRMC sentences (nais300: 18 June 2012, 16:33:18 UTC onwards). */
    @Test
    void gnssSentencesTimeAShipborneLog() throws IOException {
        JsonNode s = analyze(data("ais/signalk/nais300-merrimac.log"), tmp.resolve("r"));
        assertThat(s.get("time_span").get("start").asText()).isEqualTo("2012-06-18T16:33:18Z");
        assertThat(s.get("inputs").get(0).get("gnss_time_sentences").asLong()).isEqualTo(10);
    }

    @Test
    void humanSummaryOnStdout() {
        Path in = data("ais/dma-aisabnormal/219165000_ssc_1.ais");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("analyzed 80 messages from 249 lines (1 input)")
                .contains("stations:   1 (A: 1)").contains("flags:      DK: 1")
                .contains("positions:  18 accepted into 1 track segment, 41 rejected (duplicate: 40, speed outlier: 1)");
        assertThat(r.err()).isEmpty();
    }

    /**
     * A log without any time (DMA AisLib's ais250.txt: 235 messages, 8 malformed lines) analyzes to no
     * vessel; the summary says "none" where it lists nothing and stderr says how to give the time.
     */
    @Test
    void aLogWithoutTimesSaysHowToAnalyzeIt() {
        Path in = data("ais/dma-aislib/ais250.txt");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), in.toString());
        assertThat(r.exit()).isZero();
        // the summary line does not count as analyzed the messages that were left out
        assertThat(r.out()).startsWith("analyzed 0 of 235 messages from 243 lines, 235 left out for having no time (1 input) in ")
                .contains("stations:   0\n").contains("flags:      none").contains("ship types: none")
                .contains("rejected:   8 lines (malformed sentence: 8), 235 messages without any time;"
                        + " --errors FILE lists each rejected line with its reason\n");
        assertThat(r.err()).contains("235 messages had no time in the log (no tag block c:, $PGHP, epoch suffix or"
                + " receiver GNSS time) and were not analyzed (" + in + " 235); give the time")
                .contains("--assume-time, e.g. --assume-time 2024-05-01T00:00:00Z");
        // with the time given, no hint
        Cli.Run timed = Cli.run("analyze", "--no-store", "--assume-time", "2024-05-01T00:00:00Z", "--report",
                tmp.resolve("r2").toString(), in.toString());
        assertThat(timed.exit()).isZero();
        assertThat(timed.err()).isEmpty();
        // --quiet drops the summary, not the warning of what was lost
        Cli.Run quiet = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("rq").toString(), in.toString());
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).contains("235 messages had no time in the log");
        assertThat(timed.out()).startsWith("analyzed 235 messages from 243 lines (1 input) in ")
                .doesNotContain("without any time").doesNotContain("stations:   0");
        // a date is its start, as for query's --from; a time analyze cannot read is a usage error naming the option
        Cli.Run day = Cli.run("analyze", "--no-store", "--assume-time", "2024-05-01", "--report",
                tmp.resolve("r3").toString(), in.toString());
        assertThat(day.exit()).isZero();
        assertThat(day.out()).contains("time span:  2024-05-01T00:00:00Z .. 2024-05-01T00:00:00Z (0.0 s); 235 messages without a"
                + " time of their own took the assumed one\n");
        Cli.Run bad = Cli.run("analyze", "--no-store", "--assume-time", "yesterday", in.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("watchkeeper analyze: --assume-time: not an ISO-8601 time or date: yesterday (e.g. 2014-10-02T18:00:00Z,");
    }

    /**
     * exactEarth's augmented log of 31 January 2012: 17 type 5 reports of 192 bits (302 needed) are
     * rejected, and the summary says where each is listed; its 3 188 {@code $PGHP} lines, which time the
     * reports, are passed over and counted, so lines and messages add up (3 955 sentences of
     * messages, 17 rejected, 3 188 other: 7 160 lines).
     */
    @Test
    void rejectedLinesSayWhereTheyAreListedAndOtherLinesAreCounted() throws IOException {
        Path in = data("ais/amsa-risky/exact-earth-augmented.txt");
        Cli.Run plain = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r1").toString(), in.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("  rejected:   17 lines (payload too short for its message type: 17);"
                + " --errors FILE lists each with its reason\n  passed over: 3188 other sentences (PGHP: 3188)\n");
        Path errors = tmp.resolve("errors.tsv");
        Cli.Run listed = Cli.run("analyze", "--no-store", "--errors", errors.toString(), "--report", tmp.resolve("r2").toString(),
                in.toString());
        assertThat(listed.out()).contains("17 lines (payload too short for its message type: 17);"
                + " each is listed with its reason in " + errors + "\n");
        assertThat(Files.readAllLines(errors)).hasSize(18).element(1).asString()
                .contains("\t16\tpayload_too_short\tpayload too short for its message type: type 5: 192 bits, need 302\t");
        JsonNode s = Cli.summary(tmp.resolve("r1"));
        assertThat(s.get("other_sentences").get("PGHP").asLong()).isEqualTo(3188);
        assertThat(s.get("tag_block_only_lines").asLong()).isZero();
        assertThat(s.get("inputs").get(0).get("sentences").asLong()).isEqualTo(3955);
        assertThat(s.get("inputs").get(0).get("rejected_lines").asLong()).isEqualTo(17);
        assertThat(s.get("lines").asLong()).isEqualTo(3955 + 17 + 3188);
    }

    /** A file with no AIS message in it is analyzed (exit 0, its lines counted) and stderr asks whether it is an AIS log. */
    @Test
    void aFileWithoutAisSaysSo() throws IOException {
        Path in = tmp.resolve("notes.txt");
        Files.writeString(in, "hello\n!AIVDM,1,1,,A,garbage,0*00\n");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("analyzed 0 messages from 2 lines (1 input)")
                .contains("rejected:   2 lines (not an NMEA sentence: 1, checksum mismatch: 1);"
                        + " --errors FILE lists each with its reason\n")
                .doesNotContain("passed over");
        assertThat(r.err()).contains("notes.txt: no AIS message in 2 lines (2 rejected): not an AIS log?")
                .contains("--errors");
    }

    /** A zipped log (as logs and CSV exports are often handed out) is analyzed as the log itself. */
    @Test
    void aZippedLogIsAnalyzedAsTheLog() throws IOException {
        Path log = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        Path zip = tmp.resolve("drift.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("212123000_drift_1.ais"));
            z.write(Files.readAllBytes(log));
        }
        JsonNode plain = analyze(log, tmp.resolve("plain"));
        JsonNode zipped = analyze(zip, tmp.resolve("zipped"));
        for (String field : List.of("lines", "messages", "rejected_lines")) {
            assertThat(zipped.get("inputs").get(0).get(field)).as(field).isEqualTo(plain.get("inputs").get(0).get(field));
        }
        assertThat(zipped.get("inputs").get(0).get("messages").asInt()).isEqualTo(3130);
        assertThat(zipped.get("events").get("by_kind")).isEqualTo(plain.get("events").get("by_kind"));
        assertThat(zipped.get("events").get("by_kind").get("drift").asInt()).isEqualTo(1);
        // several logs in one zip would be one input out of time order: named on their own, they are merged in time
        Path two = tmp.resolve("two.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(two))) {
            z.putNextEntry(new java.util.zip.ZipEntry("b.ais"));
            z.write(Files.readAllBytes(log));
            z.putNextEntry(new java.util.zip.ZipEntry("a.ais"));
            z.write(Files.readAllBytes(log));
        }
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("two").toString(), two.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: " + two + " is a zip archive of 2 files (b.ais, a.ais): unzip it and"
                + " name its files as inputs of their own (read back to back they would be one input out of time order)"
                + " (nothing was analyzed)" + System.lineSeparator());
        assertThat(tmp.resolve("two")).doesNotExist();
    }

    /**
     * AMSA's terrestrial log: four observations without a position (types 14, 25, 12, 23, timed by satellite $PGHP
     * lines) stretch the time span to 115.0 min, where the positions span 385.5 s (6.4 min); summary.json gives both,
     * and the observations outside (4, the earliest 6 515.964 s before the first position), and the summary (on stdout) says
     * so under the time span. The README's drift log, whose messages all lie within its positions, gets neither.
     */
    @Test
    void thePositionsSpanIsGivenWhenObservationsWithoutAPositionStretchTheTimeSpan() throws IOException {
        Path report = tmp.resolve("amsa");
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), data("ais/amsa-risky/ais.txt.gz").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode span = Cli.summary(report).get("time_span");
        assertThat(span.get("start").asText()).isEqualTo("2012-01-27T09:58:26.036Z");
        assertThat(span.get("seconds").asDouble()).isEqualTo(6901.464);
        assertThat(span.get("positions").get("start").asText()).isEqualTo("2012-01-27T11:47:02Z");
        assertThat(span.get("positions").get("end").asText()).isEqualTo("2012-01-27T11:53:27.500Z");
        assertThat(span.get("positions").get("seconds").asDouble()).isEqualTo(385.5);
        JsonNode outside = span.get("outside_positions");
        assertThat(outside.get("before").asLong()).isEqualTo(4);
        assertThat(outside.get("before_seconds").asDouble()).isEqualTo(6515.964);
        assertThat(outside.get("after").asLong()).isZero();
        assertThat(outside.get("at_least").asBoolean()).isFalse();
        String nl = System.lineSeparator();
        assertThat(r.out()).contains("  time span:  2012-01-27T09:58:26.036Z .. 2012-01-27T11:53:27.500Z (115.0 min); 11 messages"
                + " without a time of their own took the one before or after them" + nl
                + "              positions span 2012-01-27T11:47:02Z .. 2012-01-27T11:53:27.500Z (6.4 min); 4 messages without a"
                + " position carry times up to 1 h 48 min before it" + nl + "  events:");

        Path drift = tmp.resolve("drift");
        Cli.Run d = Cli.run("analyze", "--no-store", "--report", drift.toString(),
                data("ais/dma-aisabnormal/212123000_drift_1.ais").toString());
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).contains("  time span:  2014-10-02T16:30:03.887Z .. 2014-10-03T06:59:53.142Z (14.5 h)" + nl + "  events:");
        assertThat(Cli.summary(drift).get("time_span").has("outside_positions")).isFalse();
    }

    /**
     * A tarred log, plain or gzipped, is analyzed as the log itself (it was refused as a tar archive to unpack); a
     * tar of several logs is refused as a zip of several is, nothing analyzed.
     */
    @Test
    void aTarredLogIsAnalyzedAsTheLog() throws IOException {
        Path log = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        byte[] tar = Tars.tar(java.util.Map.of("212123000_drift_1.ais", Files.readAllBytes(log)));
        JsonNode plain = analyze(log, tmp.resolve("plain"));
        for (Path in : List.of(Files.write(tmp.resolve("drift.tar"), tar), Files.write(tmp.resolve("drift.tar.gz"), Tars.gzip(tar)))) {
            JsonNode tarred = analyze(in, tmp.resolve("r-" + in.getFileName()));
            for (String field : List.of("lines", "messages", "rejected_lines")) {
                assertThat(tarred.get("inputs").get(0).get(field)).as(field).isEqualTo(plain.get("inputs").get(0).get(field));
            }
            assertThat(tarred.get("inputs").get(0).get("messages").asInt()).isEqualTo(3130);
            assertThat(tarred.get("events").get("by_kind").get("drift").asInt()).isEqualTo(1);
        }
        java.util.Map<String, byte[]> several = new java.util.LinkedHashMap<>();
        several.put("b.ais", Files.readAllBytes(log));
        several.put("a.ais", Files.readAllBytes(log));
        Path two = Files.write(tmp.resolve("two.tar"), Tars.tar(several));
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("two").toString(), two.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: " + two + " is a tar archive of 2 files (b.ais, a.ais): unpack it (tar -xf)"
                + " and name its files as inputs of their own (read back to back they would be one input out of time order)"
                + " (nothing was analyzed)" + System.lineSeparator());
        assertThat(tmp.resolve("two")).doesNotExist();
    }

    /**
     * What is neither an NMEA log nor a CSV export analyze reads is refused before anything is analyzed or written,
     * exit 1, naming the input and how it begins, as serve's file sources and send refuse it: the JSON decode writes
     * (plain, gzipped, or on standard input), a CSV of another layout, a zip. Named after a good log, the run is
     * refused all the same, and no report is left.
     */
    @Test
    void anInputThatIsNoLogNorCsvExportIsRefused() throws IOException {
        String json = "{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000000}\n{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000001}\n"
                + "{\"class\":\"AIS\",\"type\":5,\"mmsi\":219000000,\"shipname\":\"X\"}\n";
        Path decoded = Files.writeString(tmp.resolve("decoded.json"), json);
        Path gz = tmp.resolve("decoded.json.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(json.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path otherCsv = Files.writeString(tmp.resolve("positions.csv"), "time,mmsi,lat,lon\n2024-01-01T00:00:00Z,219000001,55.5,10.5\n");
        Path zip = tmp.resolve("logs.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("decoded.json"));
            out.write(json.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path png = tmp.resolve("chart.png");
        Files.write(png, "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\n!AIVDM,\u0001\u0002\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String tail = "; analyze reads NMEA 0183 AIS logs and MarineCadastre or DMA CSV exports, plain, gzip, zip or tar (nothing was analyzed)";
        String begins = "holds no NMEA 0183 sentence in its first 3 lines (it begins '{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000000}')";
        for (Path in : List.of(decoded, gz)) {
            Path report = tmp.resolve("r-" + in.getFileName());
            Cli.Run r = Cli.run("analyze", "--no-store", "--report", report.toString(), in.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("watchkeeper analyze: " + in + " " + begins + tail + System.lineSeparator());
            assertThat(r.out()).isEmpty();
            assertThat(report).doesNotExist();
        }
        Cli.Run csv = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r-csv").toString(), otherCsv.toString());
        assertThat(csv.exit()).isEqualTo(1);
        assertThat(csv.err()).isEqualTo("watchkeeper analyze: " + otherCsv + " holds no NMEA 0183 sentence in its first 2 lines"
                + " (it begins 'time,mmsi,lat,lon')" + tail + System.lineSeparator());
        Cli.Run zipped = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r-zip").toString(), zip.toString());
        assertThat(zipped.exit()).isEqualTo(1);
        assertThat(zipped.err()).as("a zip is judged by its files").isEqualTo("watchkeeper analyze: " + zip + ": the file decoded.json in it "
                + begins + tail + System.lineSeparator());
        // binary content is said what it is, although a line of it starts as a sentence
        Cli.Run image = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r-png").toString(), png.toString());
        assertThat(image.exit()).isEqualTo(1);
        assertThat(image.err()).isEqualTo("watchkeeper analyze: " + png + " is a PNG image" + tail + System.lineSeparator());
        // standard input is judged as a file is; a good log named first does not let the run go on
        Path log = data("ais/dma-aislib/replay_dump.txt");
        Path report = tmp.resolve("r-stdin");
        Cli.Run stdin = Cli.runWithStdin(json.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "analyze", "--data",
                tmp.resolve("data").toString(), "--report", report.toString(), log.toString(), "-");
        assertThat(stdin.exit()).isEqualTo(1);
        assertThat(stdin.err()).isEqualTo("watchkeeper analyze: standard input " + begins + tail + System.lineSeparator());
        assertThat(report).doesNotExist();
        assertThat(tmp.resolve("data")).doesNotExist();
        // the CSV exports analyze reads, and a log on standard input, are analyzed as before
        Cli.Run fromStdin = Cli.runWithStdin(Files.readAllBytes(log), "analyze", "--no-store", "--quiet", "--report",
                tmp.resolve("r-log").toString(), "-");
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        Path dma = Files.writeString(tmp.resolve("aisdk.csv"), "# Timestamp,Type of mobile,MMSI,Latitude,Longitude\n"
                + "01/10/2014 00:00:00,Class A,219000001,55.5,10.5\n");
        Cli.Run dmaRun = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("r-dma").toString(), dma.toString());
        assertThat(dmaRun.exit()).as(dmaRun.err()).isZero();
        assertThat(Cli.summary(tmp.resolve("r-dma")).get("inputs").get(0).get("observations").asLong()).isEqualTo(1);
    }

    /**
     * A log whose every tag block checksum is wrong (written as *00) is pointed at the option that keeps it:
     * on stderr, as it gave no message, and under the summary's rejected lines.
     */
    @Test
    void aLogWithWrongTagBlockChecksumsNamesTheOptionThatKeepsIt() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String sentence = new org.watchkeeper.ais.nmea.NmeaEncoder().encode("15M" + "0".repeat(24) + i, 0, 'A', null).get(0);
            text.append("\\c:").append(1_420_030_797 + i).append("*00\\").append(sentence).append('\n');
        }
        Path in = tmp.resolve("tagged.nmea");
        Files.writeString(in, text);
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), in.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("tagged.nmea: no AIS message in 3 lines (3 rejected): all were rejected for a"
                + " tag block checksum mismatch (some feeds write *00 there): --accept-bad-tag-block-checksum keeps them");
        assertThat(r.out()).contains("  rejected:   3 lines (tag block checksum mismatch: 3);"
                + " --errors FILE lists each with its reason\n              3 lines with a tag block checksum mismatch (some feeds"
                + " write *00 there): --accept-bad-tag-block-checksum keeps them, their tag block marked unverified\n");
        JsonNode summary = Cli.JSON.readTree(tmp.resolve("r/summary.json").toFile());
        assertThat(summary.get("inputs").get(0).get("rejected_by_reason").get("bad_tag_block_checksum").asLong()).isEqualTo(3);
        assertThat(summary.get("rejected").get("lines").toString()).isEqualTo("{\"bad_tag_block_checksum\":3}");
        Cli.Run kept = Cli.run("analyze", "--no-store", "--accept-bad-tag-block-checksum", "--report",
                tmp.resolve("r2").toString(), in.toString());
        // what the option kept is counted, not hidden: on stdout and in summary.json
        assertThat(kept.out()).contains("analyzed 3 messages from 3 lines (1 input)").contains("  rejected:   0 lines\n")
                .contains("\n  unverified: 3 messages with an unverified tag block checksum (kept by --accept-bad-tag-block-checksum)\n")
                .doesNotContain("--accept-bad-tag-block-checksum keeps");
        assertThat(kept.err()).doesNotContain("no AIS message");
        JsonNode keptSummary = Cli.JSON.readTree(tmp.resolve("r2/summary.json").toFile());
        assertThat(keptSummary.get("unverified_messages").toString()).isEqualTo("{\"checksum\":0,\"tag_block_checksum\":3}");
        assertThat(keptSummary.get("inputs").get(0).get("unverified_messages").get("tag_block_checksum").asLong()).isEqualTo(3);
        assertThat(summary.get("unverified_messages").toString()).isEqualTo("{\"checksum\":0,\"tag_block_checksum\":0}");
        assertThat(r.out()).doesNotContain("unverified:");
    }

    /**
     * Without --report the report goes to ./watchkeeper-report in the directory analyze runs in, with --no-store
     * too (which writes no store: no ./watchkeeper-data), and a second run there replaces the first's report;
     * analyze --help says so where --no-store and --report are described.
     */
    @Test
    void withoutReportTheReportGoesToWatchkeeperReportInTheCurrentDirectory() throws Exception {
        Path drift = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        Path ssc = data("ais/dma-aisabnormal/219165000_ssc_1.ais");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        for (Path in : List.of(drift, ssc)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "analyze", "--no-store", "--quiet", in.toString())
                    .directory(cwd.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            JsonNode summary = Cli.summary(cwd.resolve("watchkeeper-report"));
            assertThat(summary.get("inputs")).hasSize(1);
            assertThat(summary.get("inputs").get(0).get("file").asText()).isEqualTo(in.toString());
        }
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("watchkeeper-report");
        }
        // the second run's events (its one sudden speed change), not the first's drift
        assertThat(Files.readString(cwd.resolve("watchkeeper-report/events.csv"))).contains(",sudden_speed_change,")
                .doesNotContain(",drift,");
        // compared without white space: the help is wrapped to the terminal's width, also inside a word
        String help = Cli.run("analyze", "--help").out().replaceAll("\\s+", "");
        assertThat(help).contains(("--no-store Do not write the history store: only the report is written, to --report (default:"
                + " watchkeeper-report in the current directory, replacing an earlier run's report there).").replace(" ", ""))
                .contains(("--report=DIR Report directory, with or without --no-store; created when missing, the report files of an"
                + " earlier run in it replaced (give each run its own DIR to keep them). Default: ./watchkeeper-report, in the"
                + " current directory.").replace(" ", ""));
    }

    @Test
    void missingInputIsAnIoError() {
        Cli.Run r = Cli.run("analyze", "--no-store", "--report", tmp.resolve("r").toString(), tmp.resolve("nope.nmea").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read").contains("no such file");
    }

    /**
     * --max-vessels bounds the stations held; what it drops is said on stderr (also with --quiet) and
     * in summary.json, not left to be noticed in vessels.csv. The DMA AisLib replay dump holds 34
     * stations in 21 s; with 5 held, the least recently seen is dropped 44 times.
     */
    @Test
    void stationsDroppedBeyondMaxVesselsAreReported() throws IOException {
        Path report = tmp.resolve("mv");
        Cli.Run r = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), "--max-vessels", "5",
                data("ais/dma-aislib/replay_dump.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("watchkeeper analyze: --max-vessels 5 dropped the least recently seen station 44 times: each"
                + " drop closed that station's track segments, and a station not heard again after its drop is missing from"
                + " the stations counted and from vessels.csv" + System.lineSeparator());
        JsonNode s = Cli.summary(report);
        assertThat(s.get("vessels").get("total").asInt()).isEqualTo(5);
        assertThat(s.get("vessels").get("dropped_beyond_max").asLong()).isEqualTo(44);
        assertThat(s.get("settings").get("max_vessels").asInt()).isEqualTo(5);
        assertThat(Cli.vessels(report)).hasSize(5);

        Path all = tmp.resolve("all");
        r = Cli.run("analyze", "--no-store", "--quiet", "--report", all.toString(), data("ais/dma-aislib/replay_dump.txt").toString());
        assertThat(r.err()).isEmpty();
        assertThat(Cli.summary(all).get("vessels").get("dropped_beyond_max").asLong()).isZero();
    }

    /**
     * A run that fails part-way leaves the report of the run before it as it was, not half replaced,
     * and no part of its own. The failing input is Linux's {@code /proc/self/mem}: a readable file
     * whose first read fails with EIO.
     */
    @Test
    void aFailedRunLeavesTheEarlierReportAsItWas() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/mem")), "needs Linux's /proc/self/mem");
        Path report = tmp.resolve("kept");
        Cli.Run r = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), data("ais/dma-aislib/replay_dump.txt").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, byte[]> before = new java.util.TreeMap<>();
        try (var files = Files.list(report)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertThat(before.keySet()).containsExactly("events.csv", "events.json", "events.kml", "summary.json", "tracks.geojson",
                "vessels.csv");

        r = Cli.run("analyze", "--no-store", "--quiet", "--report", report.toString(), "/proc/self/mem");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("watchkeeper analyze: ");
        Map<String, byte[]> after = new java.util.TreeMap<>();
        try (var files = Files.list(report)) {
            for (Path f : files.toList()) {
                after.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    /**
     * The same log analyzed again into one store is refused before anything is written (its positions
     * would be there twice, and every track and "who was near" answer doubled); --store-again appends
     * them, and the summary says what the store held before. Another log goes in beside the first.
     */
    @Test
    void theSameLogIntoOneStoreTwiceIsRefusedUnlessAskedFor() throws IOException {
        Path data = tmp.resolve("store");
        Path original = data("ais/dma-aisabnormal/212123000_drift_1.ais");
        String log = original.toString();
        Cli.Run first = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("r1").toString(), log);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains(": 902 positions, 1 vessel, 0 identity changes written" + System.lineSeparator());

        Cli.Run second = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("r2").toString(), log);
        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err()).startsWith("watchkeeper analyze: this input was analyzed into this history store before: "
                + log + " on 20").contains("; its positions are there already, and analyzing it again would store them a"
                + " second time. Give another --data folder, --no-store for the report alone, or --store-again to append them anyway");
        assertThat(Files.exists(tmp.resolve("r2"))).isFalse();
        // a copy under another name is the same content
        Path copy = Files.copy(original, tmp.resolve("copy.ais"));
        Cli.Run renamed = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("r3").toString(), copy.toString());
        assertThat(renamed.exit()).isEqualTo(2);
        assertThat(renamed.err()).contains(copy + " (as " + log + ") on 20");

        Cli.Run again = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("r4").toString(), "--store-again", log);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains(": 902 positions, 1 vessel, 0 identity changes written, beside 902 positions held before"
                + System.lineSeparator());

        Cli.Run other = Cli.run("analyze", "--data", data.toString(), "--report", tmp.resolve("r5").toString(),
                data("ais/dma-aisabnormal/538004030_drift_1.ais").toString());
        assertThat(other.exit()).as(other.err()).isZero();
        assertThat(other.out()).contains("beside 1804 positions held before");
    }

    @Test
    void aSingleReasonLeftOverIsNamedNotCountedAsOthers() {
        // six reasons of rejection, where the summary names five: the sixth is named too
        String log = String.join("\n",
                "hello",
                "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*00",
                "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0",
                "!AIVDM,2,2,0,,0000000000,2*55",
                "\\s:blah,c:1747818025*38\\!AAVDM,0,1,,B,16UK7Fi0?w4tQF0l4Q@>401v1PS;,0*0F",
                "\\c:1420030798*00\\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22",
                "\\s:blah,c:1747818025*38\\!AIVDM,1,1,,A,35?dabP01a1e>ktEQVGT93Gp0000,0*51") + "\n";
        Cli.Run r = Cli.runWithStdin(log.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "analyze", "--no-store", "--report", tmp.resolve("six").toString(), "-");
        assertThat(r.exit()).as(r.err()).isZero();
        String rejected = r.out().lines().filter(l -> l.startsWith("  rejected:")).findFirst().orElseThrow();
        assertThat(rejected).startsWith("  rejected:   6 lines (").doesNotContain("others")
                .contains("not an NMEA sentence: 1", "checksum mismatch: 1", "no checksum: 1", "orphan fragment: 1",
                        "tag block checksum mismatch: 1", "bad fragment count/number: 1");
    }
}
