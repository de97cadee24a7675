package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.EventRow;

/** A client that does not keep up loses positions first: events still reach it. */
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
}
