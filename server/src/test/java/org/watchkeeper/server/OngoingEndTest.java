package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * An episode under way ends as far as it is known to have lasted: its last evidence so far (for a port visit
 * the vessel's last fix in port), the end its stored event would have if the input ended now
 * ({@link UnderWayAtTheEndTest} shows the two are the same events), not the detectors' as-of time. A silence's
 * end, the detectors' watermark, is in {@link ApiTest}.
 */
class OngoingEndTest {
    @TempDir
    Path data;

    /** DMA's stream example (30 s of 2010-06-11): 218 port visits, a chokepoint transit and a position jump under way. */
    @Test
    void anEpisodeEndsAtItsLastEvidenceSoFar() throws Exception {
        byte[] log = Fixture.bytes(Fixture.log("dma-aislib/stream_example.txt"));
        // the default lateness, as analyze has it: the log is a merge of many stations, out of order by seconds
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(EventTimeOrder.DEFAULT_LATENESS_MILLIS)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")))) {
            Fixture.sendAndWait(s, log);
            assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).as("the held input released").isTrue();
            JsonNode all = Fixture.get(s, "/api/ongoing?limit=100000").json();
            long asOf = Instant.parse(all.get("as_of").asText()).toEpochMilli();
            Map<String, Integer> kinds = new TreeMap<>();
            int endIsStart = 0;
            int beforeAsOf = 0;
            for (JsonNode e : all.get("events")) {
                String kind = e.get("kind").asText();
                kinds.merge(kind, 1, Integer::sum);
                long start = Instant.parse(e.get("start").asText()).toEpochMilli();
                long end = Instant.parse(e.get("end").asText()).toEpochMilli();
                assertThat(end).as(e.toString()).isBetween(start, asOf);
                endIsStart += end == start ? 1 : 0;
                beforeAsOf += end < asOf ? 1 : 0;
                if (kind.equals("position_jump")) {
                    assertThat(end).as("a jump is its one fix").isEqualTo(start);
                    continue;
                }
                int mmsi = Integer.parseInt(e.get("vessels").get(0).asText());
                // the end is a fix of the vessel (a port visit lasts while the ship is heard in port, a transit
                // while it is inside), not a time of the detectors
                assertThat(s.store().track(mmsi, end, end)).as("a fix at the end of " + e).isNotEmpty();
                if (kind.equals("port_visit")) {
                    // its last stop, or its last fix in port, is as far as it goes
                    JsonNode a = e.get("attributes");
                    assertThat(end).as(e.toString()).isEqualTo(a.get("parts").get(a.get("parts").size() - 1).get("end_ms").asLong());
                }
            }
            assertThat(kinds).isEqualTo(Map.of("port_visit", 218, "chokepoint_transit", 1, "position_jump", 1));
            assertThat(endIsStart).as("episodes of one fix so far").isPositive().isLessThan(204);
            assertThat(beforeAsOf).isEqualTo(all.get("events").size() - (int) all.get("events").findValuesAsText("end").stream()
                    .filter(t -> Instant.parse(t).toEpochMilli() == asOf).count());
            assertThat(beforeAsOf).as("most end before as_of").isGreaterThan(100);

            // the export gives each the same end, and says it is under way
            String[] rows = Fixture.get(s, "/api/export/ongoing.csv?kind=chokepoint_transit").body().split("\r\n");
            JsonNode transit = Fixture.get(s, "/api/ongoing?kind=chokepoint_transit").json().get("events").get(0);
            assertThat(rows).hasSize(2);
            assertThat(rows[1]).startsWith(transit.get("id").asText() + ",chokepoint_transit," + transit.get("start").asText() + ","
                    + transit.get("end").asText() + ",376503000,").endsWith(",true,GREEN,host,,");
        }
    }
}
