package org.watchkeeper.core.detect.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

class AmsaPortVisitTest {
    static Path shared() {
        return Path.of(System.getProperty("watchkeeper.shared", "../shared"));
    }

    static PortIndex amsaPorts() throws IOException {
        Path dir = shared().resolve("data/geo/amsa-risky/port-visit-shapefiles");
        List<Port> ports = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path z : s.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                ports.addAll(PortIndex.fromShapefileZip(z));
            }
        }
        return new PortIndex(ports);
    }

    @Test
    void explore() throws IOException {
        Path log = shared().resolve("data/ais/amsa-risky/ais.txt.gz");
        Assumptions.assumeTrue(Files.exists(log), "shared data absent: " + log);
        PortIndex ports = amsaPorts();
        List<Observation> obs = AmsaLog.read(log);
        System.out.println("ports " + ports.ports().size() + " obs " + obs.size() + " first " + obs.get(0).time() + " last " + obs.get(obs.size() - 1).time());
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(new PortVisitDetector(ports, PortVisitConfig.DEFAULTS)), out::add, 60_000);
        obs.forEach(e::accept);
        e.finish();
        System.out.println("late " + e.lateObservations());
        for (Observation o : obs) {
            if ((o.mmsi() == 0) && o instanceof org.watchkeeper.core.observation.PositionObservation p) {
                Port port = ports.containing(p.latitude(), p.longitude());
                PortIndex.Nearest n = ports.nearest(p.latitude(), p.longitude(), 20000);
                System.out.println("FIX " + p.mmsi() + " " + java.time.Instant.ofEpochMilli(p.time()) + " " + p.latitude() + " " + p.longitude() + " sog " + p.speedOverGround() + " in " + (port == null ? null : port.name()) + " near " + (n == null ? null : n.port().name() + " " + n.distanceMetres()));
            }
        }
        for (Event ev : out) {
            System.out.println(ev.vessels() + " " + java.time.Instant.ofEpochMilli(ev.start()) + " " + java.time.Instant.ofEpochMilli(ev.end()) + " " + ev.attributes());
        }
    }
}
