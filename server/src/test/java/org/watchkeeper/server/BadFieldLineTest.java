package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PositionRow;

/**
 * A real exactEarth report whose true heading is 377 (outside 0-359, not the not-available 511)
 * is stored with the heading not available; the line neither stops the pipeline nor counts as an
 * internal error, and the lines after it are processed.
 */
class BadFieldLineTest {
    private static final String PAYLOAD = "1815:v0022<bUr3eJLF9vcj69R1q";

    @Test
    void headingOutOfRangeIsStoredAsNotAvailable(@TempDir Path data) throws Exception {
        String line = Files.readAllLines(Fixture.log("amsa-risky/exact-earth-augmented-3.txt"), StandardCharsets.ISO_8859_1)
                .stream().filter(l -> l.contains(PAYLOAD)).findFirst().orElseThrow();
        byte[] replay = Fixture.bytes(Fixture.log("dma-aisabnormal/219165000_ssc_1.ais"));
        WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        try {
            Fixture.sendAndWait(server, (line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            Fixture.sendAndWait(server, replay);
            assertThat(server.pipeline().failure()).isNull();
            assertThat(server.pipeline().rejected()).doesNotContainKey("internal_error");
            assertThat(server.pipeline().lines()).isEqualTo(1 + Fixture.lines(replay));
            // MMSI 538004216, true heading field 377.
            List<PositionRow> track = server.store().track(538004216, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(track).hasSize(1);
            assertThat(track.get(0).heading()).isEqualTo(-1);
            assertThat(server.store().track(219165000, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).isNotEmpty();
        } finally {
            server.close();
        }
    }
}
