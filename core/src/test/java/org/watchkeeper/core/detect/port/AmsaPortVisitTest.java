package org.watchkeeper.core.detect.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * The AMSA port-visit polygons (40 Australian ports, ESRI shapefiles) with the AMSA terrestrial log of
 * 2012-01-27 11:47-11:53 UTC. Time assignment: see {@link AmsaLog}. The log is 6.5 minutes long, so
 * nearly every visit was already under way when it begins (arrival_observed=false) and is still under
 * way when it ends (departed=false, closed at the vessel's last fix when the input ends).
 */
class AmsaPortVisitTest {
    static Path shared() {
        return Path.of(System.getProperty("watchkeeper.shared", "../shared"));
    }

    static PortIndex amsaPorts(Path dir) throws IOException {
        List<Port> ports = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path z : s.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                ports.addAll(PortIndex.fromShapefileZip(z));
            }
        }
        return new PortIndex(ports);
    }

    static Event of(List<Event> events, int mmsi) {
        return events.stream().filter(e -> e.vessels().equals(List.of(mmsi))).findFirst().orElseThrow();
    }

    @Test
    void amsaPortPolygonsGivePortVisits() throws IOException {
        Path log = shared().resolve("data/ais/amsa-risky/ais.txt.gz");
        Path dir = shared().resolve("data/geo/amsa-risky/port-visit-shapefiles");
        Assumptions.assumeTrue(Files.exists(log) && Files.isDirectory(dir), "shared AMSA data absent under " + shared());
        PortIndex ports = amsaPorts(dir);
        // 40 zip files, 41 polygons: Burnie is drawn as two polygons, merged into one port.
        assertThat(ports.ports()).hasSize(40);
        List<Observation> obs = AmsaLog.read(log);
        assertThat(obs).hasSize(19_170);
        assertThat(obs.get(0).time()).isEqualTo(1_327_664_820_000L); // 2012-01-27T11:47:00Z (epoch trailer)
        List<Event> events = SyntheticAis.run(obs, 60_000, new PortVisitDetector(ports, PortVisitConfig.DEFAULTS));
        assertThat(events).hasSize(358);
        Map<String, Integer> byPort = new TreeMap<>();
        events.forEach(e -> byPort.merge((String) e.attributes().get("port_name"), 1, Integer::sum));
        assertThat(byPort).hasSize(27).containsEntry("Port of Gladstone", 60).containsEntry("Port of Brisbane", 44)
                .containsEntry("Port of Sydney", 36).containsEntry("Port of Port Hedland", 31)
                .containsEntry("Port of Burnie", 1);

        // Checked by hand against the decoded fixes of 503613000 (37 fixes at 32.177 S 115.710 E,
        // inside the Kwinana polygon): speeds 0.2-0.5 kn until 11:50:21.47, then 0.0-0.1 kn to the
        // end. 0.2 kn is not below the stop threshold, so the stop starts at 11:50:21.47.
        Event kwinana = of(events, 503613000);
        assertThat(kwinana.attributes()).containsEntry("port_name", "Port of Kwinana")
                .containsEntry("departed", false).containsEntry("arrival_observed", false)
                .containsEntry("stop_count", 1).containsEntry("first_stop_start_ms", 1_327_665_021_470L)
                .containsEntry("fixes", 37L);
        assertThat(kwinana.start()).isEqualTo(1_327_664_831_520L); // 11:47:11.52, first fix
        assertThat(kwinana.end()).isEqualTo(1_327_665_200_460L); // 11:53:20.46, last fix
        assertThat((Double) kwinana.attributes().get("stop_duration_s")).isEqualTo(178.99);

        // 351646000: two fixes, both at 41.0533 S 145.9111 E, 0.0 kn, in Burnie's second polygon.
        Event burnie = of(events, 351646000);
        assertThat(burnie.attributes()).containsEntry("port_name", "Port of Burnie").containsEntry("fixes", 2L);
        assertThat(burnie.start()).isEqualTo(1_327_664_894_550L);
        assertThat(burnie.end()).isEqualTo(1_327_665_073_480L);

        // The only departures: MMSI 0, sent by two stations (one at Darwin, one 813 m outside the
        // Kwinana polygon, moving): the Kwinana fix at 11:48:08.54 "departs" Darwin, the next Darwin fix
        // arrives again, and so at 11:51:07.48. Neither time did the vessel stop or reach another port,
        // and it was back within seconds: one Darwin visit of three parts, still under way at the end.
        assertThat(events.stream().filter(e -> Boolean.TRUE.equals(e.attributes().get("departed")))).isEmpty();
        Event zero = of(events, 0);
        assertThat(zero.attributes()).containsEntry("port_name", "Port of Darwin").containsEntry("part_count", 3)
                .containsEntry("stop_count", 3).containsEntry("fixes", 159L).containsEntry("departed", false);
        assertThat(zero.start()).isEqualTo(1_327_664_822_510L);
        assertThat(zero.end()).isEqualTo(1_327_665_205_480L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parts = (List<Map<String, Object>>) zero.attributes().get("parts");
        assertThat(parts).extracting(p -> p.get("start_ms"), p -> p.get("end_ms"), p -> p.get("departed"), p -> p.get("fixes"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1_327_664_822_510L, 1_327_664_888_540L, true, 29L),
                        org.assertj.core.groups.Tuple.tuple(1_327_664_890_540L, 1_327_665_067_480L, true, 54L),
                        org.assertj.core.groups.Tuple.tuple(1_327_665_068_510L, 1_327_665_205_480L, false, 76L));

        // Chunked replay and a later watermark give the same visits.
        PortVisitDetector again = new PortVisitDetector(ports, PortVisitConfig.DEFAULTS);
        assertThat(SyntheticAis.sorted(SyntheticAis.runChunked(obs, 997, 600_000, again)))
                .isEqualTo(SyntheticAis.sorted(events));
    }
}
