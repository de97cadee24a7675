package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code file:} source replays NMEA 0183 logs only: a file that is none by its start (a CSV export, which
 * {@code analyze} reads, or JSON) is refused before a line of it is archived, and the source reports an
 * {@code error} as a failing source does, said once on stderr, instead of every line being rejected as
 * {@code not_a_sentence} under a source that looks fine.
 */
class FileSourceFormatTest {
    private static final String LINE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

    @TempDir
    Path tmp;

    /** The shared MarineCadastre export (100 000 lines), as the tester ran it. */
    @Test
    void aMarineCadastreCsvExportIsRefusedAndPointedToAnalyze() throws Exception {
        Path csv = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data", "ais-csv", "marinecadastre-20220103",
                "AISdata.csv.gz");
        assumeTrue(Files.isRegularFile(csv), "shared MarineCadastre export not found (set watchkeeper.shared): " + csv);
        refused(csv, csv + " is a MarineCadastre CSV export; serve's sources take NMEA 0183 AIS sentences: use watchkeeper analyze "
                + csv + " for it (nothing of it was read)");
    }

    /** A DMA export's header (written here: "# Timestamp" first, as DMA writes it), plain text. */
    @Test
    void aDmaCsvExportIsRefusedToo() throws Exception {
        Path csv = Files.writeString(tmp.resolve("aisdk.csv"), "# Timestamp,Type of mobile,MMSI,Latitude,Longitude\n"
                + "01/10/2014 00:00:00,Class A,219000001,55.5,10.5\n");
        refused(csv, csv + " is a DMA CSV export; serve's sources take NMEA 0183 AIS sentences: use watchkeeper analyze " + csv
                + " for it (nothing of it was read)");
    }

    /** gpsd-style JSON (what decode writes), gzipped: no line is a sentence, and analyze would not read it either. */
    @Test
    void aGzipOfJsonIsRefusedSayingHowItBegins() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 3; i++) {
                out.write(("{\"class\":\"AIS\",\"type\":1,\"mmsi\":21900000" + i + ",\"lat\":55.5,\"lon\":10.5}\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
        Path json = Files.write(tmp.resolve("decoded.json.gz"), gz.toByteArray());
        // the first line's first 60 characters
        refused(json, json + " holds no NMEA 0183 sentence in its first 3 lines (it begins '{\"class\":\"AIS\",\"type\":1,\"mmsi\":219000000,"
                + "\"lat\":55.5,\"lon\":10...'); serve's sources take NMEA 0183 AIS sentences (nothing of it was read)");
    }

    /** A log with a few lines of something else before its sentences is a log: it is read, those lines rejected. */
    @Test
    void aLogWithLinesOfSomethingElseFirstIsRead() throws Exception {
        Path log = Files.writeString(tmp.resolve("log.nmea"), "# receiver capture\nMMSI,BaseDateTime\n\n" + LINE + "\n");
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(tmp.resolve("data")).withSources(List.of("log=file:" + log)))) {
            Source f = s.sources().get(0);
            f.join(30_000);
            s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(f.error()).isNull();
            assertThat(f.finished()).isTrue();
            assertThat(f.lines()).isEqualTo(3); // the blank line is no line
            assertThat(s.pipeline().rejected()).containsEntry("not_a_sentence", 2L);
            assertThat(s.pipeline().messages()).isEqualTo(1);
        }
    }

    /**
     * Starts a server with the file as source {@code bad} beside a working one, and checks the refusal: the
     * source's error, one line on stderr, /health counting it as failing, no line delivered, rejected or
     * archived (a restart that no longer names it does not list it).
     */
    private void refused(Path file, String why) throws Exception {
        Path data = tmp.resolve("data");
        Path good = Files.writeString(tmp.resolve("good.nmea"), LINE + "\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(err, captured), true, StandardCharsets.UTF_8));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("bad=file:" + file, "good=file:" + good)))) {
            for (Source x : s.sources()) {
                x.join(30_000);
            }
            s.pipeline().awaitIdle(30, java.util.concurrent.TimeUnit.SECONDS);
            Source bad = s.sources().get(0);
            assertThat(bad.error()).isEqualTo(why);
            assertThat(bad.lines()).isZero();
            assertThat(bad.up()).isFalse();
            assertThat(bad.finished()).isFalse();
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            JsonNode src = source(stats, "bad");
            assertThat(src.get("error").asText()).isEqualTo(why);
            assertThat(src.get("lines").asLong()).isZero();
            assertThat(src.get("messages").asLong()).isZero();
            assertThat(src.has("error_time")).isTrue();
            assertThat(stats.get("rejected").path("not_a_sentence").asLong()).isZero();
            assertThat(source(stats, "good").get("messages").asLong()).isEqualTo(1);
            assertThat(source(stats, "good").has("error")).isFalse();
            JsonNode health = Fixture.get(s, "/health").json();
            assertThat(health.get("sources").asInt()).isEqualTo(2);
            assertThat(health.get("sources_failing").asInt()).isEqualTo(1);
            assertThat(Fixture.get(s, "/metrics").body()).contains("watchkeeper_source_failing{source=\"bad\"} 1.0");
        } finally {
            System.setErr(err);
        }
        List<String> said = new ArrayList<>();
        for (String l : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (l.startsWith("source bad:")) {
                said.add(l);
            }
        }
        assertThat(said).containsExactly("source bad: " + why);
        // nothing of it in the raw archive: a run without it does not know the source
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of()))) {
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            List<String> names = new ArrayList<>();
            stats.get("sources").forEach(x -> names.add(x.get("name").asText()));
            assertThat(names).containsExactly("good");
        }
    }

    private static JsonNode source(JsonNode stats, String name) {
        for (JsonNode x : stats.get("sources")) {
            if (x.get("name").asText().equals(name)) {
                return x;
            }
        }
        throw new AssertionError("no source " + name + " in " + stats);
    }

    /** Writes to two streams: the test's stderr as before, and a copy to read. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
