package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.sim.SimVessel;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;
import org.watchkeeper.core.track.Tracker;

/**
 * Simulated arrivals are not sudden speed changes: a ship arriving at its anchorage (and the planted
 * rendezvous ships slowing to 0.6 kn, and planted ships reaching the end of their path) slows down over minutes, as ships do, so DMA AisAbnormal's rule
 * (above 7 kn to at most 1 kn within 30 s) must stay silent on the whole simulated feed.
 *
 * <p>Before the simulator decelerated, a ship went from its sea speed to 0 kn between two reports: with
 * seed 42, 150 vessels and 36 h this feed gave 76 sudden speed change events and a largest drop of
 * 20.8 kn between reports of one track segment at most 30 s apart; after, none and 0.7 kn.
 */
class SimulatedArrivalsTest {

    @Test
    void arrivalsSlowDownOverSeveralReportsAndFireNoSuddenSpeedChange() throws IOException {
        Instant start = Instant.parse("2024-06-01T00:00:00Z");
        Simulation sim = new Simulation(new SimulationOptions(42, 150, start, Duration.ofHours(36), true,
                SimulationOptions.Noise.NONE));
        // the feed holds arrivals: sailing legs followed by a hold at the anchorage inside the window
        long endS = start.getEpochSecond() + 36 * 3600;
        int arrivals = 0;
        for (SimVessel v : sim.vessels()) {
            for (int i = 0; i + 1 < v.legs().size(); i++) {
                if (v.legs().get(i) instanceof SimVessel.Sail s && v.legs().get(i + 1) instanceof SimVessel.Hold
                        && s.end() > start.getEpochSecond() && s.end() < endS) {
                    arrivals++;
                }
            }
        }
        assertThat(arrivals).isGreaterThan(20);

        StringWriter w = new StringWriter();
        sim.writeTo(w);
        List<Observation> all = Tracks.decode(w.toString());
        VesselPicture picture = new VesselPicture();
        List<Observation> accepted = new ArrayList<>();
        // per track segment: the planted identity conflict puts two ships (16 and 11 kn) on one MMSI
        Map<Object, PositionObservation> previous = new HashMap<>();
        double largestDrop = 0;
        for (Observation o : all) {
            Tracker.Decision d = picture.accept(o);
            if (d == null || d.accepted()) {
                accepted.add(o);
            }
            if (d != null && d.accepted() && o instanceof PositionObservation p && !Double.isNaN(p.speedOverGround())) {
                PositionObservation q = previous.put(d.segment(), p);
                if (q != null && p.time() - q.time() <= 30_000) {
                    largestDrop = Math.max(largestDrop, q.speedOverGround() - p.speedOverGround());
                }
            }
        }
        // 1 kn per minute: at most ~0.2 kn between reports 10 s apart, plus the sensor noise (0.1 kn sd)
        assertThat(largestDrop).isLessThan(1.5);
        List<Event> events = Tracks.runObservations(List.of(SuddenSpeedChangeDetector.withDefaults()), accepted,
                Integer.MAX_VALUE);
        assertThat(events).isEmpty();
    }
}
