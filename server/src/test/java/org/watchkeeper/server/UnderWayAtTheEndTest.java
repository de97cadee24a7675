package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.DuplicateFilter;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * On real logs, what the server's detectors show under way where a log ends (what {@code /api/ongoing}
 * lists) is exactly what the end of the input emits ({@code analyze}'s last events), kind by kind: the
 * chokepoint transits of ships still inside a strait among them, which the server showed nowhere
 * before. The detectors run as the server runs them: its default set, in event-time order within the
 * default lateness, duplicate receptions left out.
 */
class UnderWayAtTheEndTest {

    /** DMA's stream example ends with MMSI 376503000 in the Strait of Dover (one fix, at 16.1 kn). */
    @Test
    void dmaStreamExample() throws Exception {
        List<Event> atEnd = underWayThenEmitted("dma-aislib/stream_example.txt");
        assertThat(kinds(atEnd)).isEqualTo(Map.of("CHOKEPOINT_TRANSIT", 1, "PORT_VISIT", 218, "POSITION_JUMP", 1));
        assertThat(atEnd).filteredOn(e -> e.kind().toString().equals("CHOKEPOINT_TRANSIT")).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(376_503_000);
            assertThat(e.attributes()).containsEntry("chokepoint_id", "dover").containsEntry("fixes", 1);
            assertThat(e.start()).isEqualTo(java.time.Instant.parse("2010-06-11T11:46:28.929Z").toEpochMilli());
        });
    }

    /**
     * AMSA's satellite sample ends with a cargo ship in the Singapore Strait and another ship in the
     * Strait of Malacca, and MMSI 525015658 in Jakarta's harbour, seen there at 06:50:38 (the shipped
     * IDJKT point is the World Port Index's, 6.8 km from the one sea-ports gives, 3.1 km inland).
     */
    @Test
    void amsaSatelliteSample() throws Exception {
        List<Event> atEnd = underWayThenEmitted("amsa-risky/exact-earth-augmented.txt");
        assertThat(kinds(atEnd)).isEqualTo(Map.of("CHOKEPOINT_TRANSIT", 2, "PORT_VISIT", 1));
        assertThat(atEnd).filteredOn(e -> e.kind().toString().equals("PORT_VISIT")).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(525_015_658);
            assertThat(e.attributes()).containsEntry("port_id", "IDJKT").containsEntry("port_position_source", "wpi:50970");
        });
        assertThat(atEnd).filteredOn(e -> e.kind().toString().equals("CHOKEPOINT_TRANSIT"))
                .extracting(e -> e.vessels().get(0), e -> e.attributes().get("chokepoint_id"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(218_600_000, "singapore"),
                        org.assertj.core.groups.Tuple.tuple(271_000_393, "malacca"));
    }

    /**
     * Runs the log through the server's detectors, takes what they show under way, ends the input, and
     * checks that the end emitted exactly those events; returns them.
     */
    private static List<Event> underWayThenEmitted(String log) throws Exception {
        byte[] content = Fixture.bytes(Fixture.log(log));
        List<Event> emitted = new ArrayList<>();
        DetectionEngine engine = new DetectionEngine(Pipeline.defaultDetectors().create(), emitted::add,
                EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        EventTimeOrder order = new EventTimeOrder(new DuplicateFilter(engine::accept), EventTimeOrder.DEFAULT_LATENESS_MILLIS,
                EventTimeOrder.DEFAULT_MAX_HELD);
        ObservationMapper mapper = new ObservationMapper();
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                for (Observation o : mapper.map(m)) {
                    order.accept(o);
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        decoder.feed(content, 0, content.length);
        decoder.feed(new byte[] {'\n'}, 0, 1);
        decoder.finish();
        order.finish(); // what the event-time order held goes on, as the server's idle release sends it
        List<Event> ongoing = new ArrayList<>();
        engine.ongoing(ongoing::add);
        int before = emitted.size();
        engine.finish();
        List<Event> atEnd = emitted.subList(before, emitted.size());
        assertThat(atEnd).as("emitted at the end of %s", log).containsExactlyInAnyOrderElementsOf(ongoing);
        return new ArrayList<>(atEnd);
    }

    private static Map<String, Integer> kinds(List<Event> events) {
        Map<String, Integer> m = new TreeMap<>();
        events.forEach(e -> m.merge(e.kind().toString(), 1, Integer::sum));
        return m;
    }
}
