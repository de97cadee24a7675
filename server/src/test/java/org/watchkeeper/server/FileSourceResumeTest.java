package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.StoreCounts;

/**
 * A restart with the same {@code file:} source goes on after the lines the last run read: each line
 * of the log is archived and stored once, however the runs split it; a changed file is read again
 * from its start.
 */
class FileSourceResumeTest {
    /** A type 1 report of 219000001 (payload from the DMA logs' layout), one per line with its own time. */
    private static final String SENTENCE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

    @TempDir
    Path tmp;

    /** {@code n} lines one second apart from 2026-12-01T00:00:00Z, each behind a tag block with {@code c:}. */
    private static List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "c:" + (1_764_547_200L + i);
            int x = 0;
            for (int k = 0; k < body.length(); k++) {
                x ^= body.charAt(k);
            }
            out.add(String.format("\\%s*%02X\\%s", body, x, SENTENCE));
        }
        return out;
    }

    /** The archived lines of {@code source}, in archive order. */
    private static List<String> archived(Path data, String source) {
        List<String> out = new ArrayList<>();
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals(source)) {
                out.add(new String(l.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
        return out;
    }

    private static Source.FileSource fileSource(WatchkeeperServer s) throws InterruptedException {
        Source.FileSource f = (Source.FileSource) s.sources().get(0);
        f.join(60_000);
        return f;
    }

    @Test
    void aLogStoppedPartWayGoesOnAfterTheLinesAlreadyReadAndEachLineIsStoredOnce() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        List<String> lines = lines(40);
        Files.write(log, lines);
        // first run at real pace: one line a second; stopped after a few
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log + "?speed=1")))) {
            Source f = s.sources().get(0);
            long deadline = System.currentTimeMillis() + 20_000;
            while (f.lines() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.lines()).isBetween(3L, 39L);
        }
        int first = archived(data, "dma").size();
        assertThat(first).isBetween(3, 39);
        assertThat(archived(data, "dma")).isEqualTo(lines.subList(0, first));

        // second run, same file, as fast as it goes: the rest only
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log + "?speed=1000000")))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(first);
            assertThat(f.lines()).isEqualTo(40 - first);
        }
        assertThat(archived(data, "dma")).isEqualTo(lines);

        // third run: everything was read; nothing more is delivered or stored
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(40);
            assertThat(f.lines()).isZero();
            assertThat(s.rebuiltLines()).isEqualTo(40);
        }
        assertThat(archived(data, "dma")).isEqualTo(lines);
        JsonNode progress = Rows.JSON.readTree(data.resolve(FileSourceProgress.FILE).toFile()).path("dma");
        assertThat(progress.path("path").asText()).isEqualTo(log.toAbsolutePath().normalize().toString());
        assertThat(progress.path("size").asLong()).isEqualTo(Files.size(log));
        assertThat(progress.path("archived_before").asLong()).isZero();
    }

    @Test
    void aChangedFileIsReadFromItsStart() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        Files.write(log, lines(5));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            assertThat(fileSource(s).lines()).isEqualTo(5);
        }
        // the same lines but the first: not the file read before, nor that file grown
        List<String> other = new ArrayList<>(lines(8).subList(1, 8));
        other.add(lines(9).get(8));
        Files.write(log, other);
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isZero();
            assertThat(f.lines()).isEqualTo(8);
        }
        assertThat(archived(data, "dma")).hasSize(13);
        assertThat(Rows.JSON.readTree(data.resolve(FileSourceProgress.FILE).toFile()).path("dma").path("archived_before").asLong())
                .isEqualTo(5);
        // and the changed file, now read, is not read a third time
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(8);
            assertThat(f.lines()).isZero();
        }
    }

    /** A receiver's log written on between two starts: the lines added since are read, the others not again. */
    @Test
    void aFileAppendedToGoesOnAfterTheLinesReadBefore() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        List<String> all = lines(12);
        Files.write(log, all.subList(0, 5));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            assertThat(fileSource(s).lines()).isEqualTo(5);
        }
        Files.write(log, all.subList(5, 12), java.nio.file.StandardOpenOption.APPEND);
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(5);
            assertThat(f.lines()).isEqualTo(7);
            JsonNode stats = Fixture.get(s, "/api/stats").json().path("sources").get(0);
            assertThat(stats.path("finished").asBoolean()).isTrue();
            assertThat(stats.path("up").asBoolean()).isFalse();
            assertThat(stats.path("lines_read_before").asLong()).isEqualTo(5);
            assertThat(stats.path("lines").asLong()).isEqualTo(7);
        }
        assertThat(archived(data, "dma")).isEqualTo(all);
        // read to its end: a third start delivers nothing
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(12);
            assertThat(f.lines()).isZero();
        }
        assertThat(archived(data, "dma")).isEqualTo(all);
        // a file cut shorter is another file: read from its start
        Files.write(log, all.subList(0, 3));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isZero();
            assertThat(f.lines()).isEqualTo(3);
        }
    }

    /**
     * A source of an earlier run that this one does not name: its archived lines are read again at the
     * start, and /api/stats lists it, not configured, so that the sources add up to the total.
     */
    @Test
    void aSourceOfAnEarlierRunIsListedWithTheMessagesItAddsToTheTotal() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        Files.write(log, lines(12));
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            assertThat(fileSource(s).lines()).isEqualTo(12);
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of()))) {
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            com.fasterxml.jackson.databind.JsonNode stats = Fixture.get(s, "/api/stats").json();
            assertThat(stats.path("messages").asLong()).isEqualTo(12);
            com.fasterxml.jackson.databind.JsonNode dma = stats.path("sources").get(0);
            assertThat(dma.path("name").asText()).isEqualTo("dma");
            assertThat(dma.path("configured").asBoolean(true)).isFalse();
            assertThat(dma.path("up").asBoolean(true)).isFalse();
            assertThat(dma.path("messages").asLong()).isEqualTo(12);
        }
    }

    /**
     * A log read while its last line was half written: that line was delivered in part (and rejected);
     * once the writer has finished it, the next start delivers it whole, so its message is not lost
     * and the history is the one of the whole file read at once.
     */
    @Test
    void aLineHalfWrittenAtTheFirstReadIsReadWholeAfterTheRestart() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("log.nmea");
        List<String> all = lines(12);
        String sixth = all.get(5);
        int cut = sixth.length() - 9; // inside the payload: the part read first fails its checksum
        Files.writeString(log, String.join("\n", all.subList(0, 5)) + "\n" + sixth.substring(0, cut), StandardCharsets.ISO_8859_1);
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            assertThat(fileSource(s).lines()).isEqualTo(6);
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Fixture.get(s, "/api/stats").json().path("sources").get(0).path("messages").asLong()).isEqualTo(5);
        }
        Files.writeString(log, sixth.substring(cut) + "\n" + String.join("\n", all.subList(6, 12)) + "\n", StandardCharsets.ISO_8859_1,
                java.nio.file.StandardOpenOption.APPEND);
        StoreCounts resumed;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(6);
            assertThat(f.lines()).isEqualTo(7); // the sixth line whole, then the six after it
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // the source's whole history: the five before, the sixth now whole and the six after it
            assertThat(Fixture.get(s, "/api/stats").json().path("sources").get(0).path("messages").asLong()).isEqualTo(12);
            resumed = s.store().counts();
        }
        List<String> expected = new ArrayList<>(all.subList(0, 5));
        expected.add(sixth.substring(0, cut));
        expected.addAll(all.subList(5, 12));
        assertThat(archived(data, "dma")).isEqualTo(expected);
        Path once = tmp.resolve("once");
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(once).withSources(List.of("dma=file:" + log)))) {
            assertThat(fileSource(s).lines()).isEqualTo(12);
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(s.store().counts()).isEqualTo(resumed);
        }
        // the part archived first is no line of the file: 12 of the archive's 13 lines are the file's
        assertThat(Rows.JSON.readTree(data.resolve(FileSourceProgress.FILE).toFile()).path("dma").path("archived_before").asLong())
                .isEqualTo(1);
        // a third start: the file was read to its end, nothing is delivered again
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("dma=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.linesReadBefore()).isEqualTo(12);
            assertThat(f.lines()).isZero();
        }
        assertThat(archived(data, "dma")).isEqualTo(expected);
    }

    @Test
    void completedSinceTellsALineFinishedFromAnother() {
        byte[] part = "!AIVDM,1,1,,A,15RT".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Source.completedSince(part, SENTENCE.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        assertThat(Source.completedSince(part, part)).isFalse();
        assertThat(Source.completedSince(null, part)).isFalse();
        assertThat(Source.completedSince(part, "!AIVDM,1,1,,B,15RTgt0P".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    }

    @Test
    void aRealLogRestartedWithTheSameSourceKeepsTheSameHistory() throws Exception {
        Path log = Fixture.log("dma-aisabnormal/212123000_drift_1.ais");
        Path data = tmp.resolve("data");
        StoreCounts once;
        long vessels;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("drift=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.lines()).isEqualTo(Fixture.lines(Fixture.bytes(log)));
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            once = s.store().counts();
            vessels = s.pipeline().vessels().size();
        }
        assertThat(once.positions()).isPositive();
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(List.of("drift=file:" + log)))) {
            Source.FileSource f = fileSource(s);
            assertThat(f.lines()).isZero();
            assertThat(s.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(s.store().counts()).isEqualTo(once);
            assertThat(s.pipeline().vessels()).hasSize((int) vessels);
        }
    }
}
