package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.EventRow;

/** {@code watchkeeper serve --ports}: the live pipeline's port_visit uses the user's ports. */
class ServePortsTest {
    @Test
    void servedStreamFindsTheThyboronVisitWithTheWorldPortIndex(@TempDir Path tmp) throws Exception {
        Path log = Cli.SHARED.resolve("data/ais/dma-aislib/stream_example.txt");
        Path wpi = Cli.SHARED.resolve("data/geo/wpi/UpdatedPub150.csv.gz");
        assumeTrue(Files.isRegularFile(log) && Files.isRegularFile(wpi), "shared data absent (set watchkeeper.shared)");
        StringWriter msgs = new StringWriter();
        PortIndex ports = PortFiles.index(List.of(wpi), true, new PrintWriter(msgs), false);
        assertThat(ports.ports()).hasSize(PortIndex.seaPorts().ports().size() + 3768);
        byte[] content = Files.readAllBytes(log);
        Path served = tmp.resolve("serve");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(served).withPort(0)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")).withPorts(ports);
        List<EventRow> ongoing;
        try (LiveServer s = LiveServer.start(cfg)) {
            s.sendOverTcp(content, LiveServer.lines(content), 300_000);
            assertThat(s.server.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ongoing = s.server.pipeline().ongoing(60, java.util.concurrent.TimeUnit.SECONDS).events();
        }
        try (DuckDbHistoryStore got = DuckDbHistoryStore.open(served)) {
            List<EventRow> visits = new java.util.ArrayList<>(got.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
            visits.addAll(ongoing); // visits not over where the log ends, which analyze closes at its end
            visits.removeIf(e -> !e.kind().equals("port_visit"));
            // the same count as analyze --ports finds on this log (AnalyzePortsTest)
            assertThat(visits).hasSize(368);
            assertThat(visits).filteredOn(e -> e.mmsis().length == 1 && e.mmsis()[0] == 219481000)
                    .singleElement().satisfies(e -> {
                        assertThat(e.lat()).isEqualTo(56.7);
                        assertThat(e.lon()).isEqualTo(8.216667);
                        assertThat(e.evidenceJson()).contains("\"port_id\":\"wpi:30460\"").contains("\"unlocode\":\"DKTHN\"");
                    });
        }
    }

    /** serve's start line names each feed with the port it bound (given as 0 here) or the file and pace it replays. */
    @Test
    void theStartLineNamesEachFeedWithItsBoundPortOrFile(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("one.nmea");
        Files.writeString(log, "!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*5C\n");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(tmp.resolve("serve")).withPort(0)
                .withSources(List.of("station=tcp-listen://127.0.0.1:0", "catcher=udp://127.0.0.1:0",
                        "replay=file:" + log + "?speed=60"));
        try (LiveServer s = LiveServer.start(cfg)) {
            List<org.watchkeeper.server.Source> sources = s.server.sources();
            int tcp = sources.get(0).listeningPort();
            int udp = sources.get(1).listeningPort();
            assertThat(tcp).isPositive();
            assertThat(udp).isPositive();
            assertThat(ServeCommand.feedsLine(sources)).isEqualTo("Feeds: station (tcp-listen on TCP port " + tcp
                    + "), catcher (udp on UDP port " + udp + "), replay (file " + log + " at 60x)  (each one's counts: /api/stats)");
        }
    }

    @Test
    void badPortsFileIsAUsageErrorBeforeTheServerStarts(@TempDir Path tmp) throws Exception {
        Path txt = tmp.resolve("ports.txt");
        Files.writeString(txt, "not ports\n");
        Cli.Run r = Cli.run("serve", "--data", tmp.resolve("d").toString(), "--port", "0", "--ports", txt.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is neither a World Port Index CSV");
        assertThat(Files.exists(tmp.resolve("d"))).isFalse();
    }
}
