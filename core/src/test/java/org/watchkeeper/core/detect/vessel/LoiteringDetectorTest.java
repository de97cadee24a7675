package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.vessel.Tracks.Fix;
import org.watchkeeper.core.geo.Geodesy;

/** Loitering on synthetic tracks around the island 0..1°N 0..1°E. */
class LoiteringDetectorTest {
    private static LoiteringDetector detector() {
        return new LoiteringDetector(LoiteringDetector.Config.defaults(), Tracks.islandShore());
    }

    /** Appends fixes every {@code step} s for {@code seconds} s steaming east at {@code knots}; returns the end position. */
    private static double[] steam(List<Fix> out, int mmsi, long from, long seconds, long step, double[] pos, double knots) {
        double[] p = pos;
        for (long t = 0; t <= seconds; t += step) {
            out.add(new Fix(mmsi, from + t, p[0], p[1], knots, 90, 90, 0));
            p = Geodesy.destination(p[0], p[1], 90, knots * Geodesy.METRES_PER_SECOND_PER_KNOT * step);
        }
        return p;
    }

    @Test
    void slowFarOffshoreForThreeHoursIsLoitering() {
        List<Fix> fixes = new ArrayList<>();
        double[] p = steam(fixes, 5001, 0, 3600, 60, new double[] {0.5, 3.0}, 12);
        p = steam(fixes, 5001, 3660, 3 * 3600, 180, p, 1.0);
        steam(fixes, 5001, 3660 + 3 * 3600 + 60, 3600, 60, p, 12);
        List<Event> events = Tracks.run(detector(), fixes);
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.LOITERING);
        assertThat(e.start()).isEqualTo(Tracks.ms(3660));
        assertThat(e.end()).isEqualTo(Tracks.ms(3660 + 3 * 3600));
        assertThat((double) e.attributes().get("duration_h")).isEqualTo(3.0);
        assertThat((double) e.attributes().get("mean_speed_kn")).isCloseTo(1.0, within(0.01));
        assertThat((double) e.attributes().get("mean_sog_kn")).isCloseTo(1.0, within(1e-9));
        assertThat((double) e.attributes().get("distance_nm")).isCloseTo(3.0, within(0.03));
        assertThat(e.attributes().get("fixes")).isEqualTo(61);
        // the loiter starts 12.2 nm east of 3.0°E (61 minutes at 12 kn) and covers 3 nm: its mean is
        // 13.7 nm = 0.2283° east of 3.0°E, 2.2283° from the island's east coast ≈ 133.7 nm
        assertThat(e.latitude()).isCloseTo(0.5, within(1e-4));
        assertThat(e.longitude()).isCloseTo(3.0 + 13.7 / 60.0, within(0.0005));
        assertThat((double) e.attributes().get("distance_from_shore_nm")).isCloseTo(133.7, within(1.0));
        assertThat(e.evidence()).hasSizeBetween(2, 50);
        assertThat(e.evidence().get(0).time()).isEqualTo(e.start());
        assertThat(e.evidence().get(e.evidence().size() - 1).time()).isEqualTo(e.end());
    }

    @Test
    void loiteringUnderWayIsOngoingOnceLongEnough() {
        List<Fix> fixes = new ArrayList<>();
        double[] p = steam(fixes, 5001, 0, 3600, 60, new double[] {0.5, 3.0}, 12);
        steam(fixes, 5001, 3660, 3 * 3600, 180, p, 1.0);
        List<org.watchkeeper.core.observation.Observation> obs = Tracks.decode(Tracks.nmea(Tracks.sorted(fixes)));
        List<Event> emitted = new ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine engine = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(detector()), emitted::add, 0);
        List<Event> ongoing = new ArrayList<>();
        int shortOfTwoHours = 0;
        for (org.watchkeeper.core.observation.Observation o : obs) {
            engine.accept(o);
            if (o.time() == Tracks.ms(3660 + 7020)) { // 1 h 57 min into the slow part: not yet 2 h
                engine.ongoing(ongoing::add);
                shortOfTwoHours = ongoing.size();
            }
        }
        assertThat(shortOfTwoHours).isZero();
        engine.ongoing(ongoing::add);
        assertThat(emitted).isEmpty();
        assertThat(ongoing).hasSize(1);
        Event e = ongoing.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.LOITERING);
        assertThat(e.start()).isEqualTo(Tracks.ms(3660));
        assertThat(e.end()).isEqualTo(Tracks.ms(3660 + 3 * 3600));
        assertThat((double) e.attributes().get("duration_h")).isEqualTo(3.0);
        assertThat(e.attributes().get("fixes")).isEqualTo(61);
        engine.finish();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).id()).isEqualTo(e.id());
        assertThat(emitted.get(0).attributes()).isEqualTo(e.attributes());
    }

    @Test
    void atAnchorInPortIsNotLoitering() {
        List<Fix> fixes = new ArrayList<>();
        for (long t = 0; t <= 10 * 3600; t += 180) { // 1 nm off the island, swinging at 0.1 kn for 10 h
            fixes.add(new Fix(5002, t, 0.5 + 0.0003 * Math.sin(t / 3000.0), 1.017, 0.1, 200, 10, 1));
        }
        assertThat(Tracks.run(detector(), fixes)).isEmpty();
    }

    @Test
    void fastPassageAndShortSlowSpellAreNotLoitering() {
        List<Fix> fixes = new ArrayList<>();
        steam(fixes, 5003, 0, 5 * 3600, 60, new double[] {0.5, 3.0}, 12);
        assertThat(Tracks.run(detector(), fixes)).isEmpty();
        List<Fix> brief = new ArrayList<>();
        double[] p = steam(brief, 5004, 0, 5400, 180, new double[] {0.5, 3.0}, 1.0); // 1.5 h only
        steam(brief, 5004, 5460, 3600, 60, p, 12);
        assertThat(Tracks.run(detector(), brief)).isEmpty();
    }

    @Test
    void openEpisodeAtEndOfInputIsClosedAtItsLastFixAndChunkingChangesNothing() {
        List<Fix> fixes = new ArrayList<>();
        steam(fixes, 5005, 0, 4 * 3600, 300, new double[] {-0.5, 4.0}, 0.5);
        steam(fixes, 5006, 100, 3 * 3600, 300, new double[] {1.5, 3.0}, 1.5);
        List<Event> whole = Tracks.run(detector(), fixes);
        assertThat(whole).extracting(Event::start, Event::end).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Tracks.ms(0), Tracks.ms(4 * 3600)),
                org.assertj.core.groups.Tuple.tuple(Tracks.ms(100), Tracks.ms(100 + 3 * 3600)));
        assertThat(Tracks.runChunkedText(detector(), fixes, 5)).isEqualTo(whole);
    }
}
