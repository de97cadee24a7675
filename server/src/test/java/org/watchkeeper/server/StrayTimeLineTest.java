package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live feed with one line stamped a year ahead: the DMA drift log of 212123000 with its 1 000th
 * {@code $PGHP} line moved from 2014 to 2015. That line is dropped and counted as {@code stray_time};
 * the rest of the feed reaches the detectors exactly as the log without it does. Without the filter
 * the one line carried the detectors' watermark a year on and the rest of the feed came late.
 */
class StrayTimeLineTest {

    static byte[] strayed(byte[] log) {
        String[] lines = new String(log, StandardCharsets.ISO_8859_1).split("\n", -1);
        int pghp = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$PGHP") && ++pghp == 1000) {
                String body = lines[i].substring(1, lines[i].indexOf('*')).replaceFirst(",2014,", ",2015,");
                int x = 0;
                for (char c : body.toCharArray()) {
                    x ^= c;
                }
                lines[i] = "$" + body + String.format("*%02X", x);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    static long[] run(Path data, byte[] feed) throws Exception {
        WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                .withLateness(Fixture.SHORT_LATENESS_MILLIS).withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        try {
            Fixture.sendAndWait(server, feed);
            return new long[] {server.pipeline().lateObservations(),
                server.pipeline().rejected().getOrDefault("stray_time", 0L),
                server.store().track(212123000, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).size()};
        } finally {
            server.close();
        }
    }

    @Test
    void aLineAYearAheadIsDroppedAndTheFeedGoesOn(@TempDir Path a, @TempDir Path b) throws Exception {
        byte[] log = Fixture.bytes(Fixture.log("dma-aisabnormal/212123000_drift_1.ais"));
        long[] plain = run(a, log);
        long[] withStray = run(b, strayed(log));
        assertThat(withStray[0]).isEqualTo(plain[0]); // late observations: none more
        assertThat(plain[1]).isZero();
        assertThat(withStray[1]).isEqualTo(1);
        assertThat(withStray[2]).isEqualTo(plain[2]).isPositive(); // the same stored track
    }
}
