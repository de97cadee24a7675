package org.watchkeeper.core.detect.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

class PortVisitDetectorTest {
    static final int V = 563000001;
    static final long T0 = 1_700_000_000L;
    static final double LAT = 1.26;
    static final double LON = 103.84;
    static final PortIndex PORTS = new PortIndex(List.of(
            new Port("SGSIN", "Singapore", "SGSIN", "Singapore", LAT, LON, null, "test")));

    /** A fix at the given distance due west of the port. */
    static void at(SyntheticAis ais, long minute, double westMetres, double sog) {
        double[] p = Geodesy.destination(LAT, LON, 270, westMetres);
        ais.fix(V, T0 + minute * 60, p[0], p[1], sog, 90);
    }

    @Test
    void arrivalStopAndDepartureWithHysteresis() {
        SyntheticAis ais = new SyntheticAis();
        // Inbound at 10 kn from 6 km: 6000, 5000, 4000, 3500 (inside exit but outside entry), 2900 (arrival)...
        double[] in = {6000, 5000, 4000, 3500, 2900, 2000, 1000};
        for (int i = 0; i < in.length; i++) {
            at(ais, i, in[i], 10);
        }
        // Stopped 0.0 kn minutes 7..126, then 0.3 kn (between thresholds: still stopped), 0.8 kn from 130.
        for (int i = 7; i <= 129; i++) {
            at(ais, i, 1000, i < 127 ? 0.0 : 0.3);
        }
        // Outbound: 3500 m (beyond entry, within exit: still in port), 3900, 4100 (departure).
        double[] out = {1000, 2000, 3500, 3900, 4100, 5000};
        for (int i = 0; i < out.length; i++) {
            at(ais, 130 + i, out[i], i == 0 ? 0.8 : 10);
        }
        List<Observation> obs = ais.observations();
        List<Event> events = SyntheticAis.run(obs, 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.PORT_VISIT);
        assertThat(e.vessels()).containsExactly(V);
        assertThat(e.start()).isEqualTo((T0 + 4 * 60) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 134 * 60) * 1000);
        assertThat(e.attributes()).containsEntry("port_name", "Singapore").containsEntry("unlocode", "SGSIN")
                .containsEntry("country", "Singapore").containsEntry("departed", true)
                .containsEntry("arrival_observed", true).containsEntry("stop_count", 1)
                .containsEntry("first_stop_start_ms", (T0 + 7 * 60) * 1000)
                .containsEntry("last_stop_end_ms", (T0 + 130 * 60) * 1000)
                .containsEntry("stop_duration_s", 123 * 60.0).containsEntry("gap_count", 0)
                .containsEntry("confidence", 4); // entry, stop and exit
        assertThat(e.latitude()).isEqualTo(LAT);
        assertThat(e.geometryGeoJson()).contains("\"Point\"");
        assertThat(SyntheticAis.sorted(SyntheticAis.runChunked(obs, 5, 7_200_000,
                new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS)))).isEqualTo(events);
    }

    /**
     * A ship moored at the Los Angeles container terminals (33.74 N 118.26 W) visits the shipped
     * list's USLAX, whose listed point (downtown, 34.0522 N 118.2437 W) was moved to its World Port
     * Index harbour: the visit names the World Port Index entry and gives the listed point.
     */
    @Test
    void aVisitToAMovedShippedPortSaysWhereItsPositionCameFrom() {
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i <= 60; i++) {
            ais.fix(V, T0 + i * 60, 33.74, -118.26, 0.0, 90);
        }
        List<Event> events = SyntheticAis.run(ais.observations(), 0,
                new PortVisitDetector(PortIndex.seaPorts(), PortVisitConfig.DEFAULTS));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.attributes()).containsEntry("port_id", "USLAX").containsEntry("port_name", "Los Angeles")
                    .containsEntry("port_source", "sea-ports").containsEntry("port_position_source", "wpi:16080")
                    .containsEntry("port_listed_lat", 34.0522342).containsEntry("port_listed_lon", -118.2436849)
                    .containsEntry("confidence", 2);
            assertThat(e.latitude()).isEqualTo(33.75);
            assertThat(e.longitude()).isEqualTo(-118.25);
        });
        // a port whose point is its list's own has none of them
        assertThat(SyntheticAis.run(atSingapore(), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS)))
                .singleElement().satisfies(e -> assertThat(e.attributes()).doesNotContainKeys("port_position_source",
                        "port_listed_lat", "port_listed_lon"));
    }

    private static List<Observation> atSingapore() {
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i <= 60; i++) {
            at(ais, i, 500, 0.0);
        }
        return ais.observations();
    }

    @Test
    void aVisitUnderWayIsGivenAsOngoingWithTheIdItWillEndWith() {
        SyntheticAis ais = new SyntheticAis();
        double[] in = {6000, 5000, 4000, 3500, 2900, 2000, 1000};
        for (int i = 0; i < in.length; i++) {
            at(ais, i, in[i], 10);
        }
        for (int i = 7; i <= 129; i++) {
            at(ais, i, 1000, 0.0); // stopped from minute 7
        }
        List<Observation> obs = ais.observations();
        List<Event> emitted = new java.util.ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine engine = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS)), emitted::add, 0);
        obs.forEach(engine::accept);
        List<Event> ongoing = new java.util.ArrayList<>();
        engine.ongoing(ongoing::add);
        assertThat(emitted).isEmpty();
        assertThat(ongoing).hasSize(1);
        Event now = ongoing.get(0);
        assertThat(now.start()).isEqualTo((T0 + 4 * 60) * 1000);
        assertThat(now.end()).isEqualTo((T0 + 129 * 60) * 1000); // the latest fix
        assertThat(now.attributes()).containsEntry("departed", false).containsEntry("stop_count", 1)
                .containsEntry("stop_duration_s", 122 * 60.0) // the stop under way, up to the latest fix
                .containsEntry("last_stop_end_ms", (T0 + 129 * 60) * 1000)
                .containsEntry("confidence", 3).containsEntry("fixes", 126L).doesNotContainKey("departure_ms");
        // asking changes nothing: the same again, and the visit goes on to end as it would have
        List<Event> again = new java.util.ArrayList<>();
        engine.ongoing(again::add);
        assertThat(again).isEqualTo(ongoing);
        double[] out = {1000, 2000, 3500, 3900, 4100, 5000};
        for (int i = 0; i < out.length; i++) {
            at(ais, 130 + i, out[i], i == 0 ? 0.8 : 10);
        }
        ais.observations().subList(obs.size(), ais.observations().size()).forEach(engine::accept);
        engine.finish();
        assertThat(emitted).hasSize(1);
        assertThat(emitted.get(0).id()).isEqualTo(now.id());
        assertThat(emitted.get(0).attributes()).containsEntry("departed", true).containsEntry("stop_duration_s", 123 * 60.0);
        List<Event> after = new java.util.ArrayList<>();
        engine.ongoing(after::add);
        assertThat(after).isEmpty();
    }

    @Test
    void passingCloseWithoutStoppingIsNoVisit() {
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i <= 20; i++) {
            at(ais, i, 6000 - 600.0 * i, 12); // through the port at 12 kn
        }
        assertThat(SyntheticAis.run(ais.observations(), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS))).isEmpty();
    }

    @Test
    void openVisitIsClosedAtTheLastFixWhenTheInputEnds() {
        SyntheticAis ais = new SyntheticAis();
        at(ais, 0, 500, 0);
        at(ais, 10, 500, 0);
        List<Event> events = SyntheticAis.run(ais.observations(), 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(T0 * 1000);
            assertThat(e.end()).isEqualTo((T0 + 600) * 1000);
            assertThat(e.attributes()).containsEntry("departed", false).containsEntry("arrival_observed", false)
                    .containsEntry("stop_duration_s", 600.0)
                    .containsEntry("confidence", 2); // a stop, neither entry nor exit seen
        });
    }

    /**
     * GFW's port gap: more than 4 h between two fixes in port counts like a stop. A vessel that arrives,
     * drifts at 1-3 kn (never below the stop speed) and falls silent for 4 h 1 min before leaving has a
     * visit of confidence 4 (entry, gap, exit); with a silence of exactly 4 h it has neither stop nor gap
     * and, by default, no visit at all; without the stop-or-gap rule that visit has confidence 1.
     */
    @Test
    void aPortGapOfMoreThanFourHoursCountsLikeAStop() {
        for (long silentMinutes : new long[] {241, 240}) {
            SyntheticAis ais = new SyntheticAis();
            double[] in = {6000, 4000, 2900, 2000, 1500};
            for (int i = 0; i < in.length; i++) {
                at(ais, i, in[i], i < 2 ? 10 : 1 + i % 2);
            }
            long back = 4 + silentMinutes;
            at(ais, back, 1500, 2);
            at(ais, back + 1, 3000, 8);
            at(ais, back + 2, 4500, 10); // departure
            List<Observation> obs = ais.observations();
            List<Event> events = SyntheticAis.run(obs, 0, new PortVisitDetector(PORTS, PortVisitConfig.DEFAULTS));
            PortVisitConfig any = new PortVisitConfig(3_000, 4_000, 1_000, 0.2, 0.5, false, 24 * 3_600_000L, 4 * 3_600_000L);
            List<Event> all = SyntheticAis.run(obs, 0, new PortVisitDetector(PORTS, any));
            assertThat(all).singleElement().satisfies(e -> {
                assertThat(e.start()).isEqualTo((T0 + 2 * 60) * 1000);
                assertThat(e.end()).isEqualTo((T0 + (back + 2) * 60) * 1000);
                assertThat(e.attributes()).containsEntry("stop_count", 0).containsEntry("departed", true)
                        .containsEntry("arrival_observed", true);
            });
            if (silentMinutes > 240) {
                assertThat(events).singleElement().satisfies(e -> {
                    assertThat(e.start()).isEqualTo(all.get(0).start());
                    assertThat(e.end()).isEqualTo(all.get(0).end());
                    assertThat(e.attributes()).isEqualTo(all.get(0).attributes())
                            .containsEntry("gap_count", 1).containsEntry("confidence", 4);
                });
            } else {
                assertThat(events).isEmpty();
                assertThat(all.get(0).attributes()).containsEntry("gap_count", 0).containsEntry("confidence", 1);
            }
        }
    }

    @Test
    void confidenceFollowsGfwLevels() {
        assertThat(PortVisitDetector.confidence(true, true, false)).isEqualTo(1);
        assertThat(PortVisitDetector.confidence(true, false, false)).isEqualTo(1);
        assertThat(PortVisitDetector.confidence(false, false, true)).isEqualTo(2);
        assertThat(PortVisitDetector.confidence(true, false, true)).isEqualTo(3);
        assertThat(PortVisitDetector.confidence(false, true, true)).isEqualTo(3);
        assertThat(PortVisitDetector.confidence(true, true, true)).isEqualTo(4);
    }
}
