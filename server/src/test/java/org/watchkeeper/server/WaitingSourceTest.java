package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A satellite feed that writes its {@code $PGHP} lines apart from their sentences (AMSA's exactEarth
 * form) beside a busier terrestrial feed: the satellite feed's decoder keeps a report back for a
 * {@code $PGHP} naming it, and the terrestrial feed moves the detectors' watermark on meanwhile. The
 * report goes on, with its trailer's time, before the watermark passes it: it reaches the detectors
 * instead of being counted late against its source.
 */
class WaitingSourceTest {
    static final long T = 1_328_182_324_871L; // 2012-02-02T11:32:04.871Z, the report's trailer

    @Test
    void aWaitingReportOfASparseSourceIsNotOvertakenByABusierOne(@TempDir Path data) throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(5_000))) {
            Pipeline p = s.pipeline();
            long before = p.lines();
            offer(p, "sat", "$PGHP,1,2012,2,2,10,58,8,0,316,56,316999999,1AIS_S,20*70,1328182324847");
            offer(p, "sat", "$PGHP,1,2012,2,2,10,58,9,0,316,56,316999999,1AIS_S,26*77,1328182324859");
            offer(p, "sat", "!AIVDM,1,1,,B,17`B2qOP00<Q2O;bq3b00?v@05C`,0*1B,1328182324871");
            int n = 30;
            for (int i = 1; i <= n; i++) {
                String tag = "c:" + (T + i * 1_000L);
                String sentence = "AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0";
                offer(p, "coast", "\\" + tag + "*" + hex(tag) + "\\!" + sentence + "*" + hex(sentence));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (p.lines() < before + 3 + n && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            // past the idle release too (the lateness in wall-clock time), which sends on what still waits
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.messagesBySource()).containsEntry("sat", 1L).containsEntry("coast", (long) n);
            assertThat(p.lateObservations("sat")).isZero();
            assertThat(p.lateObservations()).isZero();
        }
    }

    private static void offer(Pipeline p, String source, String line) throws InterruptedException {
        p.sink().offer(new RawLine(source, System.currentTimeMillis(), line.getBytes(StandardCharsets.ISO_8859_1)), true);
    }

    private static String hex(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x ^= s.charAt(i);
        }
        return String.format("%02X", x);
    }
}
