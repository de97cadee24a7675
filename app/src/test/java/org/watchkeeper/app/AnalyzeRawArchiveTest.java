package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.Pipeline;
import org.watchkeeper.server.RawArchive;
import org.watchkeeper.server.RawLine;

/**
 * {@code analyze} on a serve data folder's raw archive: the receivers' lines are analyzed as the log
 * they came from, and the archive's own records (a zones and watchlist mark, an event of the Flink job)
 * are passed over and counted, not rejected as lines that are no sentence.
 */
class AnalyzeRawArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void theArchivesOwnRecordsArePassedOverAndTheLogIsAnalyzedAsItself() throws Exception {
        Path log = Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isEmpty()).toList();
        Path data = tmp.resolve("serve-data");
        long t0 = 1_412_267_403_887L; // 2014-10-02T16:30:03.887Z, the log's first $PGHP time
        try (RawArchive archive = new RawArchive(data.resolve("raw"))) {
            archive.append(new RawLine(Pipeline.USER_SET_SOURCE, t0, "00000001.json".getBytes(StandardCharsets.ISO_8859_1)));
            for (int i = 0; i < lines.size(); i++) {
                archive.append(new RawLine("dma", t0 + i, lines.get(i).getBytes(StandardCharsets.ISO_8859_1)));
                if (i == lines.size() / 2) {
                    archive.append(new RawLine(Pipeline.CLUSTER_EVENTS_SOURCE, t0 + i, ("{\"id\":\"e1\",\"kind\":\"gap\","
                            + "\"start\":\"2014-10-02T18:00:00Z\",\"end\":\"2014-10-02T19:00:00Z\",\"vessels\":[\"212123000\"]}")
                            .getBytes(StandardCharsets.ISO_8859_1)));
                }
            }
            archive.append(new RawLine(Pipeline.END_OF_STREAM_SOURCE, t0 + lines.size(), "dma".getBytes(StandardCharsets.ISO_8859_1)));
            archive.awaitWritten();
        }
        Path day;
        try (Stream<Path> files = Files.list(data.resolve("raw"))) {
            day = files.filter(f -> f.getFileName().toString().endsWith(".nmea")).findFirst().orElseThrow();
        }

        Cli.Run a = Cli.run("analyze", "--no-store", "--report", tmp.resolve("archive").toString(), day.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        Cli.Run l = Cli.run("analyze", "--no-store", "--report", tmp.resolve("log").toString(), log.toString());
        assertThat(l.exit()).as(l.err()).isZero();
        JsonNode fromArchive = Cli.summary(tmp.resolve("archive"));
        JsonNode fromLog = Cli.summary(tmp.resolve("log"));

        assertThat(fromArchive.get("lines").asLong()).isEqualTo(lines.size() + 3);
        assertThat(fromArchive.get("server_archive_records").asLong()).isEqualTo(3);
        assertThat(fromLog.has("server_archive_records")).isFalse();
        assertThat(fromArchive.get("rejected").get("lines")).isEqualTo(fromLog.get("rejected").get("lines"));
        assertThat(fromArchive.get("messages").asLong()).isEqualTo(fromLog.get("messages").asLong()).isEqualTo(3130);
        assertThat(fromArchive.get("positions").get("accepted").asLong()).isEqualTo(902);
        // every line accounted for: 3692 sentences of the messages, 3196 other sentences, 3130 lines of a tag block only
        assertThat(fromLog.get("other_sentences").get("PGHP").asLong()).isEqualTo(3163);
        assertThat(fromLog.get("other_sentences").get("PSTT").asLong()).isEqualTo(33);
        assertThat(fromLog.get("tag_block_only_lines").asLong()).isEqualTo(3130);
        assertThat(fromLog.get("inputs").get(0).get("sentences").asLong() + 3163 + 33 + 3130).isEqualTo(fromLog.get("lines").asLong());
        assertThat(a.out()).contains("rejected:   0 lines\n",
                "passed over: 3196 other sentences (PGHP: 3163, PSTT: 33), 3130 tag-block-only lines,"
                        + " 3 records of a server's raw archive (zone and watchlist marks, cluster events, counts of lines too long,"
                        + " ends of streams, idle releases)");
        assertThat(l.out()).contains("passed over: 3196 other sentences (PGHP: 3163, PSTT: 33), 3130 tag-block-only lines\n")
                .doesNotContain("raw archive");
    }

    /** {@code lines} archived by a server that received them from {@code serverStart} on, one a millisecond. */
    private Path archive(String name, List<String> lines, long serverStart) throws Exception {
        Path data = tmp.resolve(name);
        try (RawArchive archive = new RawArchive(data.resolve("raw"))) {
            for (int i = 0; i < lines.size(); i++) {
                archive.append(new RawLine(name, serverStart + i, lines.get(i).getBytes(StandardCharsets.ISO_8859_1)));
            }
            archive.awaitWritten();
        }
        try (Stream<Path> files = Files.list(data.resolve("raw"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".nmea")).findFirst().orElseThrow();
        }
    }

    private static List<String> lines(Path log) throws Exception {
        byte[] b = Files.readAllBytes(log);
        if (log.toString().endsWith(".gz")) {
            b = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes();
        }
        return new String(b, StandardCharsets.ISO_8859_1).lines().filter(l -> !l.isEmpty()).toList();
    }

    /**
     * A server that replayed a log archives each line behind its own receive time (here December 2026);
     * analyzing that archive gives the log's times, as analyzing the log does: the same anchorages
     * (AMSA's feed of January 2012, timed by its $GPZDA sentences and epoch suffixes: 29 anchorages,
     * 187 stops) and the same events at the same times (the DMA drift of October 2014), where the
     * archive's times had put every fix within half a second of 2026 and found nothing.
     */
    @Test
    void anArchiveOfAReplayedLogGivesTheLogsOwnTimes() throws Exception {
        long server = 1_796_476_246_000L; // 2026-12-05T13:10:46Z
        Path amsa = Cli.data("ais/amsa-risky/ais.txt.gz");
        Path amsaArchive = archive("amsa", lines(amsa), server);
        String[] anchorages = {"--anchorages", "--anchorage-hours", "0.1", "--anchorage-vessels", "2"};
        for (Path in : List.of(amsa, amsaArchive)) {
            Cli.Run r = Cli.run(concat(new String[] {"analyze", "--no-store", "--report", tmp.resolve("r-" + in.getFileName()).toString()},
                    anchorages, in.toString()));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("\n  time span:  2012-01-27T09:58:26.036Z .. 2012-01-27T11:53:27.500Z (115.0 min);"
                    + " 11 messages without a time of their own took the one before or after them\n",
                    "\n  anchorages: 29 (cells of 500 m where at least 2 vessels lay still within 500 m for 0.1 h;"
                            + " 187 stops of 187 vessels in 140 cells)\n");
        }
        Path fromLog = tmp.resolve("r-" + amsa.getFileName());
        Path fromArchive = tmp.resolve("r-" + amsaArchive.getFileName());
        assertThat(Cli.summary(fromArchive).get("anchorages").get("fixes").asLong()).isEqualTo(14_612);
        for (String f : List.of("anchorages.geojson", "events.json", "tracks.geojson")) {
            assertThat(Files.readString(fromArchive.resolve(f))).as(f).isEqualTo(Files.readString(fromLog.resolve(f)));
        }

        Path drift = Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais");
        Path driftArchive = archive("dma", lines(drift), server);
        Cli.Run a = Cli.run("analyze", "--no-store", "--report", tmp.resolve("drift-archive").toString(), driftArchive.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.out()).contains("\n  time span:  2014-10-02T16:30:03.887Z .. 2014-10-03T06:59:53.142Z (14.5 h)\n",
                "\n  events:     2 (drift: 1, loitering: 1)\n");
        Cli.Run l = Cli.run("analyze", "--no-store", "--report", tmp.resolve("drift-log").toString(), drift.toString());
        assertThat(Files.readString(tmp.resolve("drift-archive").resolve("events.json")))
                .isEqualTo(Files.readString(tmp.resolve("drift-log").resolve("events.json")));
    }

    private static String[] concat(String[] a, String[] b, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length + 1);
        System.arraycopy(b, 0, out, a.length, b.length);
        out[out.length - 1] = last;
        return out;
    }
}
