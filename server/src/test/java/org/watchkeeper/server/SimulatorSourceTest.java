package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.sim.PlantedEvent;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;
import org.watchkeeper.store.EventRow;

/**
 * The demo feed: the simulator played live into the server. Every line decodes (a tagged
 * two-sentence message keeps its feed's time line for the untagged second sentence), and the
 * planted identity conflict is found live.
 */
class SimulatorSourceTest {

    @Test
    void simulatedFeedDecodesCleanlyAndPlantedEventsAreFound(@TempDir Path data) throws Exception {
        // the impostor transmits until 7 h; a live server reports the conflict when its place dies, 2 h
        // after its last fix (IdentityConflictDetector's place timeout), so the feed runs 10 h
        SimulationOptions o = new SimulationOptions(7, 20, Instant.parse("2024-06-01T00:00:00Z"), Duration.ofHours(10), true,
                SimulationOptions.Noise.NONE);
        List<PlantedEvent> planted = new Simulation(o).plantedEvents();
        try (WatchkeeperServer server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
            SimulatorSource src = new SimulatorSource("demo", server.pipeline(), new Simulation(o), 1e7);
            server.addSource(src);
            src.join(120_000);
            server.pipeline().awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(server.pipeline().rejected()).isEmpty();
            assertThat(server.pipeline().lines()).isEqualTo(src.lines()).isPositive();
            assertThat(server.pipeline().messagesBySource().get("demo")).isPositive();
            PlantedEvent conflict = planted.stream().filter(p -> p.kind() == EventKind.IDENTITY_CONFLICT).findFirst().orElseThrow();
            List<EventRow> found = server.store().events("identity_conflict", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(found).anySatisfy(e -> assertThat(e.mmsis()).contains(conflict.mmsis().get(0)));
        }
    }
}
