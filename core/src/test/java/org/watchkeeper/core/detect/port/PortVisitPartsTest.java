package org.watchkeeper.core.detect.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * A ship that waits at Port Hedland's outer anchorage and then goes in to berth makes one port visit
 * of two parts. The port is the shipped list's AUPHE point (20.3116 S 118.5753 E); the anchorage lies
 * 10 km due north of it, as an {@code analyze --anchorages} file would give it (it belongs to AUPHE).
 *
 * <p>The ship, one fix a minute while under way and every 10 minutes while still: from 16.1 km north
 * of AUPHE southbound at 10 kn (300 m a minute), within 3 km of the anchorage at minute 11 (12.8 km
 * north); anchored 10.4 km north at 0 kn from minute 19 to 379; under way at 8 kn (250 m a minute)
 * from minute 380, more than 4 km from the anchorage at minute 398 (5.9 km north of AUPHE), within
 * 3 km of AUPHE at minute 410 (2.9 km); at the berth 200 m north at 0 kn from minute 422 to 1142;
 * out at 8 kn west-north-west (bearing 300°, never within 8.6 km of the anchorage) from minute 1150,
 * more than 4 km from AUPHE at minute 1166 (4.2 km).
 */
class PortVisitPartsTest {
    static final int V = 503000123;
    static final long T0 = 1_700_000_000L;
    static final Port AUPHE = PortIndex.seaPorts().ports().stream().filter(p -> p.id().equals("AUPHE")).findFirst().orElseThrow();
    static final double[] ANCHORAGE_AT = Geodesy.destination(AUPHE.latitude(), AUPHE.longitude(), 0, 10_000);
    static final Port ANCHORAGE = new Port("AUPHE", "Port Hedland", "AUPHE", "Australia", ANCHORAGE_AT[0], ANCHORAGE_AT[1],
            null, "anchorages.geojson", new Port.Anchorage("anchorage-test-1", "Port Hedland anchorage 20.2217S 118.5753E"));
    static final PortIndex PORTS = new PortIndex(List.of(AUPHE, ANCHORAGE));

    static long ms(long minute) {
        return (T0 + minute * 60) * 1000;
    }

    /** A fix {@code metres} from AUPHE on the bearing. */
    static void at(SyntheticAis ais, long minute, double bearing, double metres, double sog) {
        double[] p = Geodesy.destination(AUPHE.latitude(), AUPHE.longitude(), bearing, metres);
        ais.fix(V, T0 + minute * 60, p[0], p[1], sog, bearing == 0 ? 180 : bearing);
    }

    /**
     * The track of the class comment; {@code delay} minutes are added to every fix from the first one
     * within 3 km of AUPHE on; {@code slowAtMinute405} gives the fix between the two stays 0.1 kn.
     */
    static List<Observation> track(long delay, boolean slowAtMinute405) {
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i <= 18; i++) {
            at(ais, i, 0, 16_100 - 300.0 * i, 10);
        }
        for (int m = 19; m < 380; m += 10) {
            at(ais, m, 0, 10_400, 0);
        }
        for (int k = 0; k <= 40; k++) {
            long minute = 380 + k;
            double d = 10_400 - 250.0 * k;
            boolean slow = slowAtMinute405 && minute == 405;
            at(ais, minute + (d < 3_000 ? delay : 0), 0, d, k == 0 ? 6 : slow ? 0.1 : 8);
        }
        for (int m = 422; m <= 1142; m += 10) {
            at(ais, m + delay, 0, 200, 0);
        }
        for (int j = 0; j <= 30; j++) {
            at(ais, 1150 + j + delay, 300, 200 + 250.0 * j, 8);
        }
        return ais.observations();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parts(Event e) {
        return (List<Map<String, Object>>) e.attributes().get("parts");
    }

    @Test
    void anchorageThenBerthIsOneVisitOfTwoParts() {
        List<Observation> obs = track(0, false);
        List<Event> events = SyntheticAis.run(obs, 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.start()).isEqualTo(ms(11));
        assertThat(e.end()).isEqualTo(ms(1166));
        // the port's own point, not the anchorage's
        assertThat(e.latitude()).isEqualTo(AUPHE.latitude());
        assertThat(e.longitude()).isEqualTo(AUPHE.longitude());
        assertThat(e.attributes()).containsEntry("port_id", "AUPHE").containsEntry("unlocode", "AUPHE")
                .containsEntry("port_name", "Port Hedland").containsEntry("port_source", "sea-ports")
                .containsEntry("anchorage_id", "anchorage-test-1")
                .containsEntry("anchorage_name", "Port Hedland anchorage 20.2217S 118.5753E")
                .containsEntry("arrival_ms", ms(11)).containsEntry("departure_ms", ms(1166))
                .containsEntry("departed", true).containsEntry("arrival_observed", true)
                .containsEntry("stop_count", 2).containsEntry("stop_duration_s", (361 + 728) * 60.0)
                .containsEntry("first_stop_start_ms", ms(19)).containsEntry("last_stop_end_ms", ms(1150))
                .containsEntry("gap_count", 0).containsEntry("confidence", 4).containsEntry("part_count", 2)
                // 8 + 37 + 19 fixes at the anchorage (the last one the departure), 11 + 73 + 17 at the port
                .containsEntry("fixes", 64L + 101L);
        assertThat(parts(e)).extracting(p -> p.get("place"), p -> p.get("anchorage_id"), p -> p.get("start_ms"),
                p -> p.get("end_ms"), p -> p.get("departed"), p -> p.get("stop_count"), p -> p.get("stop_duration_s"),
                p -> p.get("fixes")).containsExactly(
                        tuple("anchorage", "anchorage-test-1", ms(11), ms(398), true, 1, 361 * 60.0, 64L),
                        tuple("port", null, ms(410), ms(1166), true, 1, 728 * 60.0, 101L));
        assertThat(parts(e).get(0)).containsEntry("lat", org.watchkeeper.core.geo.Coordinates.round6(ANCHORAGE.latitude()));
        assertThat(parts(e).get(1)).containsEntry("lat", org.watchkeeper.core.geo.Coordinates.round6(AUPHE.latitude()))
                .containsEntry("lon", org.watchkeeper.core.geo.Coordinates.round6(AUPHE.longitude()));
        assertThat(e.parameters()).containsEntry("merge_gap_s", 14_400L);
        assertThat(e.evidence()).hasSize(50);

        // the same however the input is chunked and whenever timers fire
        for (int chunk : new int[] {1, 7, 100}) {
            for (long lateness : new long[] {0, 60_000, 7_200_000}) {
                assertThat(SyntheticAis.runChunked(obs, chunk, lateness, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS)))
                        .as("chunk %d lateness %d", chunk, lateness).containsExactlyElementsOf(events);
            }
        }

        // Without merging (merge gap 0): the anchorage and the berth are two visits, as before.
        PortVisitConfig apart = new PortVisitConfig(3_000, 4_000, 1_000, 0.2, 0.5, true, 24 * 3_600_000L, 0);
        List<Event> two = SyntheticAis.run(obs, 0, new PortVisitDetector(PORTS, apart));
        assertThat(two).extracting(Event::start, Event::end, x -> x.attributes().get("anchorage_id"), x -> x.attributes().get("part_count"))
                .containsExactly(tuple(ms(11), ms(398), "anchorage-test-1", 1), tuple(ms(410), ms(1166), null, 1));
        assertThat(two.get(0).latitude()).isEqualTo(ANCHORAGE.latitude());
    }

    /**
     * Under way the visit is given by {@code ongoing} with the id it ends with: at the anchorage, on the
     * way in (as it would be reported if no further part came: departed at minute 398), at the berth.
     */
    @Test
    void theVisitIsOngoingUnderOneIdFromAnchorageToBerth() {
        List<Observation> obs = track(0, false);
        List<Event> emitted = new ArrayList<>();
        DetectionEngine engine = new DetectionEngine(List.of(new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS)), emitted::add, 0);
        List<List<Event>> seen = new ArrayList<>();
        long[] lookAt = {ms(200), ms(405), ms(600)};
        int next = 0;
        for (Observation o : obs) {
            if (next < lookAt.length && o.time() > lookAt[next]) {
                List<Event> now = new ArrayList<>();
                engine.ongoing(now::add);
                seen.add(now);
                next++;
            }
            engine.accept(o);
        }
        engine.finish();
        assertThat(emitted).hasSize(1);
        String id = emitted.get(0).id();
        assertThat(seen).hasSize(3).allSatisfy(now -> assertThat(now).singleElement().satisfies(x -> assertThat(x.id()).isEqualTo(id)));
        assertThat(seen.get(0).get(0).attributes()).containsEntry("departed", false).containsEntry("part_count", 1)
                .containsEntry("anchorage_id", "anchorage-test-1");
        assertThat(seen.get(0).get(0).latitude()).isEqualTo(ANCHORAGE.latitude());
        assertThat(seen.get(1).get(0).end()).isEqualTo(ms(398));
        assertThat(seen.get(1).get(0).attributes()).containsEntry("departed", true).containsEntry("departure_ms", ms(398))
                .containsEntry("part_count", 1);
        assertThat(seen.get(2).get(0).end()).isEqualTo(ms(592)); // the latest fix at the berth
        assertThat(seen.get(2).get(0).attributes()).containsEntry("departed", false).containsEntry("part_count", 2)
                .doesNotContainKey("departure_ms");
        assertThat(seen.get(2).get(0).latitude()).isEqualTo(AUPHE.latitude());
        assertThat(parts(seen.get(2).get(0))).extracting(p -> p.get("end_ms"), p -> p.get("departed"))
                .containsExactly(tuple(ms(398), true), tuple(ms(592), false));
    }

    /** The berth reached 4 h or more after leaving the anchorage, or after a stop on the way: two visits. */
    @Test
    void aLongGapOrAStopBetweenKeepsTwoVisits() {
        // 227 minutes later: AUPHE reached 239 minutes after the departure, still one visit
        List<Event> one = SyntheticAis.run(track(227, false), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(one).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(ms(11));
            assertThat(e.end()).isEqualTo(ms(1166 + 227));
            assertThat(parts(e)).extracting(p -> p.get("start_ms")).containsExactly(ms(11), ms(410 + 227));
        });
        // 228 minutes later: 240 minutes, the merge gap: two
        List<Event> late = SyntheticAis.run(track(228, false), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(late).extracting(Event::start, Event::end, e -> e.attributes().get("part_count"))
                .containsExactly(tuple(ms(11), ms(398), 1), tuple(ms(410 + 228), ms(1166 + 228), 1));
        // a fix at 0.1 kn at minute 405, 4.15 km north of AUPHE (outside both places): stopped elsewhere
        List<Event> stopped = SyntheticAis.run(track(0, true), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(stopped).extracting(Event::start, Event::end)
                .containsExactly(tuple(ms(11), ms(398)), tuple(ms(410), ms(1166)));
        // another port on the way (2 km east of the track, 4.5 km north of AUPHE) reached in between (at
        // minute 399, left at 418): two
        double[] other = Geodesy.destination(AUPHE.latitude(), AUPHE.longitude(), 0, 4_500);
        other = Geodesy.destination(other[0], other[1], 90, 2_000);
        PortIndex withOther = new PortIndex(List.of(AUPHE, ANCHORAGE,
                new Port("AUZZZ", "Elsewhere", "AUZZZ", "Australia", other[0], other[1], null, "test")));
        List<Event> via = SyntheticAis.run(track(0, false), 0, new PortVisitDetector(withOther, PortVisitConfig.DEFAULTS));
        assertThat(via).extracting(Event::start, e -> e.attributes().get("port_id"))
                .containsExactly(tuple(ms(11), "AUPHE"), tuple(ms(419), "AUPHE"));
    }
}
