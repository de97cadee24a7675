package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.EventRow;

/**
 * A client that does not keep up loses positions first: events still reach it; and it is told in its
 * stream how many messages it lost, and of which kinds.
 */
class LiveStreamSheddingTest {

    @Test
    void aSlowClientLosesPositionsBeforeEvents() {
        LiveStream stream = new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
        LiveStream.Filter all = new LiveStream.Filter(true, true, true, null, null, null, 0, true, true);
        LiveStream.Client c = stream.connect(all, Access.LOCAL, SharingPolicy.UNRESTRICTED);
        int sent = LiveStream.CLIENT_QUEUE + 1000;
        for (int i = 0; i < sent; i++) {
            stream.position(new PositionObservation(1_700_000_000_000L + i, "test", 219000001 + i, 1, StationClass.A,
                    55.0, 11.0, 10.0, 90.0, 90, 0, true, false), null);
        }
        assertThat(c.queue).hasSize(LiveStream.POSITION_LIMIT);
        assertThat(stream.shed()).isEqualTo(sent - LiveStream.POSITION_LIMIT);
        for (int i = 0; i < 3; i++) {
            stream.event(new EventRow("e" + i, "gap", 1_700_000_000_000L, 1_700_000_060_000L, new int[] {219000001},
                    55.0, 11.0, null, null, null));
        }
        List<LiveStream.Item> events = c.queue.stream().filter(m -> m.name().equals("event")).toList();
        assertThat(events).hasSize(3);
        assertThat(events.get(2).json()).contains("\"id\":\"e2\"").contains("\"kind\":\"gap\"");
        assertThat(stream.shed()).isEqualTo(sent - LiveStream.POSITION_LIMIT);
    }

    static PositionObservation fix(int i) {
        return new PositionObservation(1_700_000_000_000L + i, "test", 219000001 + (i % 1000), 1, StationClass.A,
                55.0, 11.0, 10.0, 90.0, 90, 0, true, false);
    }

    static EventRow event(int i) {
        return new EventRow("e" + i, "gap", 1_700_000_000_000L, 1_700_000_060_000L, new int[] {219000001}, 55.0, 11.0, null, null, null);
    }

    @Test
    void aClientThatLostMessagesIsToldHowManyOfWhichKindsAndSinceWhen() throws Exception {
        LiveStream stream = new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
        LiveStream.Filter all = new LiveStream.Filter(true, true, true, null, null, null, 0, true, true);
        LiveStream.Client c = stream.connect(all, Access.LOCAL, SharingPolicy.UNRESTRICTED);
        LiveStream.Client other = stream.connect(all, Access.LOCAL, SharingPolicy.UNRESTRICTED);
        assertThat(c.lostNotice()).isNull();
        long before = System.currentTimeMillis();
        int positions = LiveStream.CLIENT_QUEUE + 1000;
        for (int i = 0; i < positions; i++) {
            stream.position(fix(i), null);
        }
        int events = LiveStream.CLIENT_QUEUE - LiveStream.POSITION_LIMIT + 7;
        for (int i = 0; i < events; i++) {
            stream.event(event(i));
        }
        stream.publish("incident", "{}", x -> x == c);
        assertThat(c.queue).hasSize(LiveStream.CLIENT_QUEUE);
        JsonNode lost = Rows.JSON.readTree(c.lostNotice());
        long lostPositions = positions - LiveStream.POSITION_LIMIT;
        assertThat(lost.get("messages").asLong()).isEqualTo(lostPositions + 7 + 1);
        assertThat(lost.get("by_kind").toString()).isEqualTo("{\"event\":7,\"incident\":1,\"position\":" + lostPositions + "}");
        assertThat(java.time.Instant.parse(lost.get("since").asText()).toEpochMilli()).isBetween(before, System.currentTimeMillis());
        assertThat(stream.shed()).isEqualTo(2 * (lostPositions + 7) + 1);
        // told once: the counts start again
        assertThat(c.lostNotice()).isNull();
        stream.event(event(99));
        assertThat(Rows.JSON.readTree(c.lostNotice()).get("by_kind").toString()).isEqualTo("{\"event\":1}");
        // each client is told of its own losses
        assertThat(Rows.JSON.readTree(other.lostNotice()).get("messages").asLong()).isEqualTo(lostPositions + 7 + 1);
    }

    /** The SSE stream as a client reads it: a lost message comes before the next message after the loss. */
    @Test
    void theLostMessageComesInTheStreamBeforeTheNextMessage() throws Exception {
        LiveStream stream = new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
        LiveStream.Filter positions = new LiveStream.Filter(true, false, false, null, null, null, 0, false, false);
        LiveStream.Client c = stream.connect(positions, Access.LOCAL, SharingPolicy.UNRESTRICTED);
        List<String[]> read = new ArrayList<>();
        int flood = LiveStream.POSITION_LIMIT + 250;
        stream.position(fix(0), null);
        stream.serve(new LiveStream.Out() {
            @Override
            public void event(String name, String data, String id) {
                read.add(new String[] {name, data, id});
                if (read.size() == 1) {
                    // while the client's thread writes its first message, the feed outruns it
                    for (int i = 1; i <= flood; i++) {
                        stream.position(fix(i), null);
                    }
                }
            }

            @Override
            public void comment(String text) {
            }

            @Override
            public boolean terminated() {
                return read.size() >= 4;
            }

            @Override
            public void close() {
            }
        }, c);
        assertThat(read.get(0)[0]).isEqualTo("position");
        assertThat(read.get(1)[0]).isEqualTo("lost");
        JsonNode lost = Rows.JSON.readTree(read.get(1)[1]);
        assertThat(lost.get("messages").asLong()).isEqualTo(flood - LiveStream.POSITION_LIMIT);
        assertThat(lost.get("by_kind").toString()).isEqualTo("{\"position\":" + (flood - LiveStream.POSITION_LIMIT) + "}");
        assertThat(read.get(2)[0]).isEqualTo("position");
        assertThat(read.get(2)[1]).contains("\"time\":\"2023-11-14T22:13:20.001Z\"");
        assertThat(read.get(3)[0]).isEqualTo("position");
        // each message numbered on the connection, the lost message too
        assertThat(read).extracting(m -> m[2]).containsExactly("1", "2", "3", "4");
        assertThat(stream.clients()).isZero();
    }
}
