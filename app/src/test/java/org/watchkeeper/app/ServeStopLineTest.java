package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/**
 * The line {@code serve} ends with when it is stopped: what this run received (not what it rebuilt
 * from its archive), the messages in all, and that the data folder keeps them.
 */
class ServeStopLineTest {
    @Test
    void aStoppedServerSaysWhatItReceivedAndThatItIsKept(@TempDir Path tmp) throws Exception {
        Path log = Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais");
        Path data = tmp.resolve("d");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(data).withPort(0).withSources(List.of("dma=file:" + log));
        WatchkeeperServer first = WatchkeeperServer.start(cfg);
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (first.pipeline().lines() < 10_018 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            first.close();
        }
        assertThat(ServeCommand.stopLine(first, first.rebuiltLines(), cfg)).isEqualTo("Watchkeeper stopped: 10018 lines received"
                + " since the start, 3130 messages decoded in all; the data folder " + data + " keeps them for the next start");
        // the demo's next run starts its feed and history again: its folder keeps what the users added
        assertThat(ServeCommand.stopLine("demo", first, first.rebuiltLines(), cfg)).isEqualTo("Watchkeeper stopped: 10018 lines"
                + " received since the start, 3130 messages decoded in all; the data folder " + data + " keeps the zones, watchlist,"
                + " accounts and incidents; the next demo starts the simulated feed and its history again");

        // a restart rebuilds the 10 018 lines from its archive: received since this start, none
        WatchkeeperServer.Config again = WatchkeeperServer.Config.of(data).withPort(0);
        WatchkeeperServer second = WatchkeeperServer.start(again);
        second.close();
        assertThat(second.rebuiltLines()).isEqualTo(10_018);
        assertThat(ServeCommand.stopLine(second, second.rebuiltLines(), again)).isEqualTo("Watchkeeper stopped: 0 lines received"
                + " since the start, 3130 messages decoded in all; the data folder " + data + " keeps them for the next start");
    }
}
