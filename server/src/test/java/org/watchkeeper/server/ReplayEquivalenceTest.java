package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.DuplicateFilter;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.VesselRow;

/**
 * Real DMA logs sent through TCP into the server give the same stored vessels and events as the
 * core pipeline run in-process on the same files (decoder → observations → picture, and in
 * event-time order within the default lateness → default detectors, finished at the end); a restart rebuilds the same history from the raw archive.
 */
class ReplayEquivalenceTest {
    private static final String[] FILES = {"dma-aisabnormal/538004030_drift_1.ais", "dma-aisabnormal/219165000_ssc_1.ais",
            "dma-aislib/replay_dump.txt"};

    @Test
    void tcpReplayStoresWhatTheInProcessPipelineFinds(@TempDir Path data, @TempDir Path ref) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (String f : FILES) {
            contents.add(Fixture.bytes(Fixture.log(f)));
        }

        // In-process reference: one decoder for the source, finished at the end of each file as the
        // server finishes it when the connection closes.
        ObservationMapper mapper = new ObservationMapper();
        VesselPicture picture = new VesselPicture(new Tracker(), 200_000);
        Map<String, EventRow> refEvents = new java.util.TreeMap<>();
        DetectionEngine engine = new DetectionEngine(Pipeline.defaultDetectors().create(),
                e -> refEvents.put(e.id(), Rows.event(e)), EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        // the detectors' input in event-time order, duplicate receptions left out, as the server (and analyze, and the Flink job) put it
        EventTimeOrder order = new EventTimeOrder(new DuplicateFilter(engine::accept), EventTimeOrder.DEFAULT_LATENESS_MILLIS,
                EventTimeOrder.DEFAULT_MAX_HELD);
        Map<Integer, Long> positions = new HashMap<>();
        long[] untimed = {0};
        AisStreamDecoder dec = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                if (!m.hasReceiveTime()) {
                    untimed[0]++;
                }
                for (Observation o : mapper.map(m)) {
                    order.accept(o);
                    Tracker.Decision d = picture.accept(o);
                    if (o instanceof PositionObservation && d.accepted()) {
                        positions.merge(o.mmsi(), 1L, Long::sum);
                    }
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        for (byte[] c : contents) {
            dec.feed(c, 0, c.length);
            dec.feed(new byte[] {'\n'}, 0, 1);
            dec.finish();
        }
        order.finish();
        // a stop is not the end of the input: what the detectors have open stays open, and is shown as ongoing
        List<String> refOngoing = new ArrayList<>();
        engine.ongoing(e -> refOngoing.add(e.id()));
        java.util.Collections.sort(refOngoing);
        assertThat(refOngoing).as("these logs end with episodes under way").isNotEmpty();
        assertThat(untimed[0]).as("every message of these logs carries its own time").isZero();
        List<VesselRow> refVessels = new ArrayList<>();
        for (VesselSnapshot v : picture.vessels()) {
            refVessels.add(Rows.vessel(v, positions.getOrDefault(v.mmsi(), 0L)));
        }
        refVessels.sort(java.util.Comparator.comparingInt(VesselRow::mmsi));
        try (DuckDbHistoryStore refStore = DuckDbHistoryStore.open(ref)) {
            refStore.upsertVessels(refVessels);
            refStore.upsertEvents(new ArrayList<>(refEvents.values()));
            refVessels = refStore.vessels();
            List<EventRow> expectedEvents = refStore.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(refVessels).hasSizeGreaterThan(30);
            assertThat(expectedEvents).isNotEmpty();

            WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(data).withPort(0).withSources(List.of("feed=tcp-listen://127.0.0.1:0"));
            WatchkeeperServer server = WatchkeeperServer.start(cfg);
            String asOf;
            try {
                for (byte[] c : contents) {
                    Fixture.sendAndWait(server, c);
                }
                // once the feed has been quiet for the lateness, what the event-time order held has gone on
                assertThat(server.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(ongoingIds(server)).isEqualTo(refOngoing);
                asOf = Fixture.get(server, "/api/ongoing").json().get("as_of").asText();
            } finally {
                server.close();
            }
            List<VesselRow> got;
            List<EventRow> gotEvents;
            try (DuckDbHistoryStore s = DuckDbHistoryStore.open(data)) {
                got = s.vessels();
                gotEvents = s.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
                assertThat(s.track(538004030, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))
                        .hasSize((int) (long) positions.get(538004030));
            }
            assertThat(got).containsExactlyElementsOf(refVessels);
            assertThat(gotEvents).containsExactlyElementsOf(expectedEvents);

            // Restart on the same data directory: history is rebuilt from the raw archive.
            WatchkeeperServer again = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0));
            assertThat(again.rebuiltLines()).isEqualTo(contents.stream().mapToLong(Fixture::lines).sum());
            assertThat(again.pipeline().awaitReleased(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(ongoingIds(again)).isEqualTo(refOngoing);
            // the input held for event-time order went on after the rebuild too: the detectors stand where they stood
            assertThat(Fixture.get(again, "/api/ongoing").json().get("as_of").asText()).isEqualTo(asOf);
            assertThat(Fixture.get(again, "/api/events?limit=10000").json().get("count").asInt()).isEqualTo(expectedEvents.size());
            again.close();
            try (DuckDbHistoryStore s = DuckDbHistoryStore.open(data)) {
                assertThat(s.vessels()).containsExactlyElementsOf(refVessels);
                assertThat(s.events(null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).containsExactlyElementsOf(expectedEvents);
            }
        }
    }

    /** The ids of the events {@code /api/ongoing} gives, sorted; checks that each is marked ongoing. */
    private static List<String> ongoingIds(WatchkeeperServer server) throws Exception {
        com.fasterxml.jackson.databind.JsonNode r = Fixture.get(server, "/api/ongoing?limit=10000").json();
        List<String> ids = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : r.get("events")) {
            assertThat(e.get("ongoing").asBoolean()).isTrue();
            ids.add(e.get("id").asText());
        }
        assertThat(r.get("count").asInt()).isEqualTo(ids.size()).isEqualTo(r.get("total").asInt());
        assertThat(r.get("as_of").asText()).startsWith("20");
        java.util.Collections.sort(ids);
        return ids;
    }
}
