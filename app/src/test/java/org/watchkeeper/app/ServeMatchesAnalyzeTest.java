package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.StoreCounts;
import org.watchkeeper.store.VesselRow;

/**
 * A real log sent through TCP into the server ({@code serve}'s {@code tcp-listen} source), or replayed
 * as a {@code file:} source, leaves the same history store as {@code watchkeeper analyze} on the same
 * file: every vessel row, every vessel's stored track, and every event row, where the episodes still
 * under way at the end of the log, which analyze closes at the end of its input, are the server's
 * ongoing episodes (unchanged by a stop).
 */
class ServeMatchesAnalyzeTest {
    /** DMA receivers, 5 minutes around the Danish straits: 1 508 vessels, 326 events. */
    private static final String LOG = "data/ais/dma-aisabnormal/ais-sample.txt.gz";

    @Test
    void tcpReplayIntoServeStoresWhatAnalyzeStores(@TempDir Path tmp) throws Exception {
        // Both run the same detectors by default.
        assertThat(org.watchkeeper.server.Pipeline.defaultDetectors().factories().stream().map(f -> f.get().name()).toList())
                .containsExactlyElementsOf(Detection.DEFAULTS);
        Path log = Cli.SHARED.resolve(LOG);
        assumeTrue(Files.isRegularFile(log), "shared real AIS log not found (set watchkeeper.shared): " + log);

        Path analyzed = tmp.resolve("analyze");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", analyzed.toString(), "--report", tmp.resolve("report").toString(),
                log.toString());
        assertThat(a.exit()).as(a.err()).isZero();

        byte[] content;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(log))) {
            content = in.readAllBytes();
        }
        Path served = tmp.resolve("serve");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(served).withPort(0)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0"));
        long lines = LiveServer.lines(content);
        List<EventRow> ongoing;
        try (LiveServer s = LiveServer.start(cfg)) {
            s.sendOverTcp(content, lines, 300_000);
            assertThat(s.server.pipeline().lines()).isEqualTo(lines).isEqualTo(80_246);
            assertThat(s.server.sources().get(0).lines()).isEqualTo(lines);
            assertThat(s.server.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ongoing = s.server.pipeline().ongoing(60, java.util.concurrent.TimeUnit.SECONDS).events();
        } // a stop does not end what is under way

        try (DuckDbHistoryStore want = DuckDbHistoryStore.open(analyzed); DuckDbHistoryStore got = DuckDbHistoryStore.open(served)) {
            List<VesselRow> vessels = want.vessels();
            List<EventRow> events = want.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(vessels).hasSize(1508);
            assertThat(events).hasSize(326);
            assertThat(events).extracting(EventRow::kind).contains("port_visit", "invalid_identity");

            assertThat(got.vessels()).containsExactlyElementsOf(vessels);
            List<EventRow> stored = got.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(stored).hasSize(6);
            assertThat(ongoing).hasSize(320);
            List<EventRow> gotEvents = new java.util.ArrayList<>(stored);
            gotEvents.addAll(ongoing);
            gotEvents.sort(java.util.Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
            events = new java.util.ArrayList<>(events);
            events.sort(java.util.Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
            // Same ids and kinds first (a short message when they differ), then the same rows.
            assertThat(gotEvents.stream().map(e -> e.kind() + " " + e.id()).sorted().toList())
                    .containsExactlyElementsOf(events.stream().map(e -> e.kind() + " " + e.id()).sorted().toList());
            assertThat(gotEvents).containsExactlyElementsOf(events);
            StoreCounts wc = want.counts();
            StoreCounts gc = got.counts();
            assertThat(gc).isEqualTo(new StoreCounts(wc.positions(), wc.vessels(), wc.identityChanges(), wc.events() - ongoing.size()));
            long positions = vessels.stream().mapToLong(VesselRow::positions).sum();
            assertThat(positions).isGreaterThan(10_000);
            for (VesselRow v : vessels.subList(0, 200)) {
                assertThat(got.track(v.mmsi(), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))
                        .as("track of %d", v.mmsi())
                        .containsExactlyElementsOf(want.track(v.mmsi(), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
            }
        }
    }

    /**
     * AMSA's terrestrial log, replayed as a file source: its messages are timed by their epoch trailers
     * and by the receivers' {@code $GPZDA}/{@code $GPGGA} sentences, and its first 15 lines, before the
     * first {@code $GPZDA}, carry no time. The server gives those waiting messages the first time the
     * log shows, the {@code $GPZDA}'s 11:47:02.51, as analyze does (it gave them the first epoch
     * trailer's 11:47:01, 39 lines on: the invalid_identity of MMSI 0 and four port visits started 1.51 s
     * early, and a base station's fix that analyze finds out of order was stored). The position jump of
     * MMSI 111111111, whose place has not died where the log ends, is under way in the server as analyze
     * reports it at the end of its input.
     */
    @Test
    void amsaFileSourceStoresWhatAnalyzeStores(@TempDir Path tmp) throws Exception {
        Path log = Cli.SHARED.resolve("data/ais/amsa-risky/ais.txt.gz");
        assumeTrue(Files.isRegularFile(log), "shared real AIS log not found (set watchkeeper.shared): " + log);

        Path analyzed = tmp.resolve("analyze");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", analyzed.toString(), "--report", tmp.resolve("report").toString(),
                log.toString());
        assertThat(a.exit()).as(a.err()).isZero();

        Path served = tmp.resolve("serve");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(served).withPort(0)
                .withSources(List.of("amsa=file:" + log.toAbsolutePath()));
        List<EventRow> ongoing;
        try (LiveServer s = LiveServer.start(cfg)) {
            org.watchkeeper.server.Source source = s.server.sources().get(0);
            source.join(300_000);
            assertThat(source.finished()).isTrue();
            assertThat(source.lines()).isEqualTo(44_687);
            assertThat(s.server.pipeline().awaitReleased(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(s.server.pipeline().lines()).isEqualTo(44_687);
            assertThat(s.server.pipeline().lateObservations()).isZero();
            ongoing = s.server.pipeline().ongoing(60, java.util.concurrent.TimeUnit.SECONDS).events();
        }

        try (DuckDbHistoryStore want = DuckDbHistoryStore.open(analyzed); DuckDbHistoryStore got = DuckDbHistoryStore.open(served)) {
            List<EventRow> events = new java.util.ArrayList<>(want.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
            assertThat(events).hasSize(360);
            java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
            events.forEach(e -> byKind.merge(e.kind(), 1L, Long::sum));
            assertThat(byKind).isEqualTo(java.util.Map.of("invalid_identity", 131L, "port_visit", 227L,
                    "position_jump", 1L, "sudden_speed_change", 1L));
            long t0 = java.time.Instant.parse("2012-01-27T11:47:02.510Z").toEpochMilli();
            assertThat(events).filteredOn(e -> e.kind().equals("invalid_identity") && e.mmsis()[0] == 0)
                    .extracting(EventRow::startMillis).containsExactly(t0);
            assertThat(events).filteredOn(e -> e.kind().equals("position_jump"))
                    .extracting(e -> e.mmsis()[0], EventRow::startMillis)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(111_111_111,
                            java.time.Instant.parse("2012-01-27T11:50:06Z").toEpochMilli()));

            List<EventRow> stored = got.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(stored).hasSize(132);
            assertThat(ongoing).extracting(EventRow::kind).containsOnly("port_visit", "position_jump").hasSize(228);
            List<EventRow> gotEvents = new java.util.ArrayList<>(stored);
            gotEvents.addAll(ongoing);
            gotEvents.sort(java.util.Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
            events.sort(java.util.Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
            assertThat(gotEvents.stream().map(e -> e.kind() + " " + e.id() + " " + java.time.Instant.ofEpochMilli(e.startMillis()))
                    .sorted().toList())
                    .containsExactlyElementsOf(events.stream()
                            .map(e -> e.kind() + " " + e.id() + " " + java.time.Instant.ofEpochMilli(e.startMillis())).sorted().toList());
            assertThat(gotEvents).containsExactlyElementsOf(events);

            List<VesselRow> vessels = want.vessels();
            assertThat(vessels).hasSize(2321);
            assertThat(got.vessels()).containsExactlyElementsOf(vessels);
            StoreCounts wc = want.counts();
            assertThat(wc.positions()).isEqualTo(16_637);
            assertThat(got.counts()).isEqualTo(new StoreCounts(wc.positions(), wc.vessels(), wc.identityChanges(),
                    wc.events() - ongoing.size()));
            // the base station whose leading report took the first time: 30 fixes, the first at 11:47:02.51
            assertThat(got.track(5_030_044, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))
                    .hasSize(30)
                    .containsExactlyElementsOf(want.track(5_030_044, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
        }
    }
}
