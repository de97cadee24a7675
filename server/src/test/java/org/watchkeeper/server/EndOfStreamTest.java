package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PositionRow;

/**
 * The end of a source's stream lets go of what its stray-time check holds ({@link Pipeline#endOfStream}):
 * a log that ends 4 h after a silence with fewer reports than the 8 that confirm the jump keeps them, as
 * {@code analyze} does, instead of holding them for ever. The end is recorded in the raw archive
 * ({@link Pipeline#END_OF_STREAM_SOURCE}), so a restart lets them go at the same point and gives the same
 * track and events; the record is neither a line nor a source.
 */
class EndOfStreamTest {
    /** A type 1 report of 371798000. */
    private static final String SENTENCE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    private static final int MMSI = 371798000;
    private static final long T0 = 1_764_547_200L; // 2025-12-01T00:00:00Z
    /** 4 h after the first reports: more than the 3 h a time may lead the source's times and pass at once. */
    private static final long RESUMED = T0 + 4 * 3600;

    @TempDir
    Path tmp;

    /** Lines {@code step} seconds apart from {@code start} (epoch seconds), each behind a tag block {@code c:}. */
    private static List<String> lines(long start, int n, long step) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "c:" + (start + i * step);
            int x = 0;
            for (int k = 0; k < body.length(); k++) {
                x ^= body.charAt(k);
            }
            out.add(String.format("\\%s*%02X\\%s", body, x, SENTENCE));
        }
        return out;
    }

    /** 10 reports every 3 min, then 5 more 4 h later: fewer than the 8 that confirm the jump. */
    private Path log() throws Exception {
        List<String> all = new ArrayList<>(lines(T0, 10, 180));
        all.addAll(lines(RESUMED, 5, 180));
        return Files.write(tmp.resolve("log.nmea"), all, StandardCharsets.ISO_8859_1);
    }

    private static WatchkeeperServer start(Path data, List<String> sources) throws Exception {
        WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withSources(sources));
        for (Source x : s.sources()) {
            x.join(60_000); // a file source ends by itself, after its end of stream is queued
        }
        s.pipeline().awaitIdle(60, TimeUnit.SECONDS);
        assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).isTrue();
        return s;
    }

    private static List<Long> trackTimes(WatchkeeperServer s) {
        return s.store().track(MMSI, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).stream().map(PositionRow::timeMillis).toList();
    }

    private static List<Long> expectedTimes() {
        List<Long> t = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            t.add((T0 + i * 180) * 1000);
        }
        for (int i = 0; i < 5; i++) {
            t.add((RESUMED + i * 180) * 1000);
        }
        return t;
    }

    /** The archive's records of ends of streams, as source names. */
    private static List<String> endRecords(Path data) {
        List<String> out = new ArrayList<>();
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals(Pipeline.END_OF_STREAM_SOURCE)) {
                out.add(new String(l.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
        return out;
    }

    private static List<String> sourceNames(JsonNode stats) {
        List<String> names = new ArrayList<>();
        stats.get("sources").forEach(x -> names.add(x.get("name").asText()));
        return names;
    }

    private static JsonNode source(JsonNode stats, String name) {
        for (JsonNode x : stats.get("sources")) {
            if (x.get("name").asText().equals(name)) {
                return x;
            }
        }
        throw new AssertionError("no source " + name + " in " + stats);
    }

    @Test
    void theEndOfAFileLetsGoOfWhatItHeldAndARestartDoesTheSame() throws Exception {
        Path data = tmp.resolve("data");
        Path log = log();
        JsonNode liveEvents;
        JsonNode liveVessel;
        try (WatchkeeperServer s = start(data, List.of("f=file:" + log))) {
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            assertThat(source(stats, "f").get("held_observations").asLong()).isZero();
            assertThat(source(stats, "f").has("held_since")).isFalse();
            assertThat(stats.get("held_observations").asLong()).isZero();
            assertThat(stats.get("rejected").path("stray_time").asLong()).isZero();
            assertThat(trackTimes(s)).containsExactlyElementsOf(expectedTimes());
            liveVessel = Fixture.get(s, "/api/vessels").json().get("vessels").get(0);
            assertThat(liveVessel.get("position_time").asText()).isEqualTo(java.time.Instant.ofEpochSecond(RESUMED + 4 * 180).toString());
            liveEvents = Fixture.get(s, "/api/events").json();
        }
        assertThat(endRecords(data)).containsExactly("f");

        // the same file again: it was read to its end, nothing more is read, and the rebuild let go of the five there
        try (WatchkeeperServer s = start(data, List.of("f=file:" + log))) {
            assertThat(s.sources().get(0).lines()).isZero();
            assertThat(s.rebuiltLines()).isEqualTo(15); // the record is no line
            assertThat(s.pipeline().archivedBySource()).containsOnlyKeys("f");
            assertThat(s.pipeline().heldObservations()).isZero();
            assertThat(trackTimes(s)).containsExactlyElementsOf(expectedTimes());
            assertThat(Fixture.get(s, "/api/vessels").json().get("vessels").get(0)).isEqualTo(liveVessel);
            assertThat(Fixture.get(s, "/api/events").json()).isEqualTo(liveEvents);
            assertThat(sourceNames(Fixture.get(s, "/api/stats").json())).containsExactly("f");
        }
        // a stream that delivered nothing records no end
        assertThat(endRecords(data)).containsExactly("f");

        // a run that no longer names the file lists its lines' source, not the record's
        try (WatchkeeperServer s = start(data, List.of())) {
            JsonNode stats = Fixture.get(s, "/api/stats").json();
            assertThat(sourceNames(stats)).containsExactly("f");
            assertThat(source(stats, "f").get("configured").asBoolean()).isFalse();
            assertThat(source(stats, "f").get("messages").asLong()).isEqualTo(15);
            assertThat(source(stats, "f").get("held_observations").asLong()).isZero();
            assertThat(stats.get("held_observations").asLong()).isZero();
            assertThat(trackTimes(s)).containsExactlyElementsOf(expectedTimes());
            assertThat(Fixture.get(s, "/api/events").json()).isEqualTo(liveEvents);
        }
    }

    /**
     * Times held at the end of a file that lie after the moment the file ended (a clock ten years ahead)
     * cannot be reports': they are dropped as strays there, live and after a restart alike.
     */
    @Test
    void timesAfterTheEndAreDroppedAsStraysLiveAndAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        List<String> all = new ArrayList<>(lines(T0, 10, 180));
        all.addAll(lines(T0 + 10L * 365 * 86400, 3, 180));
        Path log = Files.write(tmp.resolve("ahead.nmea"), all, StandardCharsets.ISO_8859_1);
        for (List<String> sources : List.of(List.of("f=file:" + log), List.<String>of())) {
            try (WatchkeeperServer s = start(data, sources)) {
                JsonNode stats = Fixture.get(s, "/api/stats").json();
                assertThat(source(stats, "f").get("held_observations").asLong()).as("sources " + sources).isZero();
                assertThat(source(stats, "f").get("rejected").path("stray_time").asLong()).as("sources " + sources).isEqualTo(3);
                assertThat(trackTimes(s)).hasSize(10).last().isEqualTo((T0 + 9 * 180) * 1000);
                assertThat(s.pipeline().lateObservations()).isZero();
            }
        }
        assertThat(endRecords(data)).containsExactly("f");
    }
}
