package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PositionRow;

/**
 * The idle release ({@link Pipeline.IDLE_RELEASE_SOURCE}) is recorded in the raw archive where it happened,
 * so a restart lets go at the same point: a report that came after a quiet spell and is older than what the
 * release let go is late after the restart as it was live. Before, the rebuild read the archive without the
 * quiet spell, ordered that report among the others, and gave a picture the live run never had.
 */
class IdleReleaseRestartTest {
    /** A type 1 report of 371798000. */
    private static final String SENTENCE = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    private static final int MMSI = 371798000;
    private static final long T0 = 1_764_547_200_000L; // 2025-12-01T00:00:00Z
    private static final long LATENESS = 3_000;

    private static String line(long millis) {
        String body = "c:" + millis;
        int x = 0;
        for (int k = 0; k < body.length(); k++) {
            x ^= body.charAt(k);
        }
        return String.format("\\%s*%02X\\%s", body, x, SENTENCE);
    }

    private static void offer(Pipeline p, String line) throws InterruptedException {
        p.sink().offer(new RawLine("coast", System.currentTimeMillis(), line.getBytes(StandardCharsets.ISO_8859_1)), true);
    }

    private static void awaitLines(Pipeline p, long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (p.lines() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(p.lines()).isEqualTo(n);
    }

    private static List<Long> trackTimes(WatchkeeperServer s) {
        return s.store().track(MMSI, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).stream().map(PositionRow::timeMillis).toList();
    }

    private static List<String> releaseRecords(Path data) {
        List<String> out = new ArrayList<>();
        new RawArchive(data.resolve("raw")).replay(l -> {
            if (l.source().equals(Pipeline.IDLE_RELEASE_SOURCE)) {
                out.add(new String(l.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
        return out;
    }

    @Test
    void aReportLateAfterAQuietSpellIsLateAfterARestartToo(@TempDir Path data) throws Exception {
        List<Long> live;
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(LATENESS))) {
            Pipeline p = s.pipeline();
            for (int i = 0; i <= 20; i++) {
                offer(p, line(T0 + i * 1_000L)); // reports each second up to T0 + 20 s
            }
            awaitLines(p, 21);
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            // 2 s older than the newest released: within the lateness, but the release has let go past it
            offer(p, line(T0 + 18_500L));
            awaitLines(p, 22);
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.lateObservations()).isEqualTo(1);
            live = trackTimes(s);
        }
        // one record for each quiet spell after input
        assertThat(releaseRecords(data)).containsExactly("idle", "idle");

        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(LATENESS))) {
            assertThat(s.rebuiltLines()).isEqualTo(22); // the records are no lines
            assertThat(s.pipeline().lateObservations()).isEqualTo(1);
            assertThat(trackTimes(s)).isEqualTo(live);
            assertThat(s.pipeline().archivedBySource()).containsOnlyKeys("coast");
        }
    }
}
