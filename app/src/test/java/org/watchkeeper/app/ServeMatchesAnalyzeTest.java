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
    /** DMA receivers, 5 minutes around the Danish straits: 1 508 vessels, 330 events. */
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
            assertThat(events).hasSize(330);
            assertThat(events).extracting(EventRow::kind).contains("port_visit", "invalid_identity");

            assertThat(got.vessels()).containsExactlyElementsOf(vessels);
            List<EventRow> stored = got.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(stored).hasSize(6);
            assertThat(ongoing).hasSize(324);
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
            assertThat(events).hasSize(400);
            java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
            events.forEach(e -> byKind.merge(e.kind(), 1L, Long::sum));
            assertThat(byKind).isEqualTo(java.util.Map.of("invalid_identity", 131L, "port_visit", 268L,
                    "position_jump", 1L)); // the pilot boat 503123600 berthing is no sudden speed change
            long t0 = java.time.Instant.parse("2012-01-27T11:47:02.510Z").toEpochMilli();
            assertThat(events).filteredOn(e -> e.kind().equals("invalid_identity") && e.mmsis()[0] == 0)
                    .extracting(EventRow::startMillis).containsExactly(t0);
            assertThat(events).filteredOn(e -> e.kind().equals("position_jump"))
                    .extracting(e -> e.mmsis()[0], EventRow::startMillis)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(111_111_111,
                            java.time.Instant.parse("2012-01-27T11:50:06Z").toEpochMilli()));

            List<EventRow> stored = got.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(stored).hasSize(131);
            assertThat(ongoing).extracting(EventRow::kind).containsOnly("port_visit", "position_jump").hasSize(269);
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

    /**
     * A shipborne receiver's log whose receiver found its GNSS time only after the first 64 KiB (1 600
     * untimed reports of as many ships, then {@code $GPRMC} at 12:00:00 on 18 June 2012, 50 ships, a
     * {@code $GPGGA} at 12:01:00.5, 50 more): analyze times it by those sentences wherever they come, as
     * the server does. The first 1 600 wait for the first time and take the RMC's, the next 50 take it
     * too, the last 50 the GGA's. (analyze used to look for GNSS sentences in the first 64 KiB only, and
     * found no time at all in this log: its 1 700 messages were left out.)
     */
    @Test
    void aLogWhoseFirstGnssTimeComesLateIsTimedByItInAnalyzeAsInServe(@TempDir Path tmp) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 1600; i++) {
            log.append(NmeaLines.report(219_000_000 + i, 55.0 + i * 0.001, 11.0));
        }
        int rmcAt = log.length();
        log.append(NmeaLines.sentence("$", "GPRMC,120000.00,A,5500.000,N,01100.000,E,0.0,0.0,180612,,,A"));
        for (int i = 0; i < 50; i++) {
            log.append(NmeaLines.report(219_100_000 + i, 56.0 + i * 0.001, 11.0));
        }
        log.append(NmeaLines.sentence("$", "GPGGA,120100.50,5500.000,N,01100.000,E,1,08,1.0,10.0,M,40.0,M,,"));
        for (int i = 0; i < 50; i++) {
            log.append(NmeaLines.report(219_200_000 + i, 57.0 + i * 0.001, 11.0));
        }
        assertThat(rmcAt).as("bytes before the first GNSS sentence").isGreaterThan(1 << 16);
        Path file = tmp.resolve("late-gnss.nmea");
        Files.writeString(file, log, java.nio.charset.StandardCharsets.US_ASCII);

        Path analyzed = tmp.resolve("analyze");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", analyzed.toString(), "--report", tmp.resolve("report").toString(),
                file.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(a.err()).isEmpty();
        com.fasterxml.jackson.databind.JsonNode summary = Cli.summary(tmp.resolve("report"));
        assertThat(summary.get("inputs").get(0).get("gnss_time_sentences").asLong()).isEqualTo(2);
        assertThat(summary.get("time_span").get("start").asText()).isEqualTo("2012-06-18T12:00:00Z");
        assertThat(summary.get("time_span").get("end").asText()).isEqualTo("2012-06-18T12:01:00.500Z");

        Path served = tmp.resolve("serve");
        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(served).withPort(0)
                .withSources(List.of("ship=file:" + file.toAbsolutePath()));
        try (LiveServer s = LiveServer.start(cfg)) {
            org.watchkeeper.server.Source source = s.server.sources().get(0);
            source.join(60_000);
            assertThat(source.finished()).isTrue();
            assertThat(s.server.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(s.server.pipeline().lateObservations()).isZero();
        }

        long rmc = java.time.Instant.parse("2012-06-18T12:00:00Z").toEpochMilli();
        long gga = java.time.Instant.parse("2012-06-18T12:01:00.500Z").toEpochMilli();
        try (DuckDbHistoryStore want = DuckDbHistoryStore.open(analyzed); DuckDbHistoryStore got = DuckDbHistoryStore.open(served)) {
            List<VesselRow> vessels = want.vessels();
            assertThat(vessels).hasSize(1700);
            for (VesselRow v : vessels) {
                long t = v.mmsi() >= 219_200_000 ? gga : rmc;
                assertThat(v.firstSeen()).as("vessel %d", v.mmsi()).isEqualTo(t);
                assertThat(v.lastSeen()).as("vessel %d", v.mmsi()).isEqualTo(t);
                assertThat(v.positions()).as("vessel %d", v.mmsi()).isEqualTo(1);
            }
            assertThat(got.vessels()).containsExactlyElementsOf(vessels);
            for (int mmsi : new int[] {219_000_000, 219_000_999, 219_100_049, 219_200_000, 219_200_049}) {
                assertThat(got.track(mmsi, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).as("track of %d", mmsi).hasSize(1)
                        .containsExactlyElementsOf(want.track(mmsi, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
            }
        }
    }


}
