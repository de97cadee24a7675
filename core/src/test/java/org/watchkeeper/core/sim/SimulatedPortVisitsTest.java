package org.watchkeeper.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.port.PortVisitConfig;
import org.watchkeeper.core.detect.port.PortVisitDetector;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * The demo's port list (the shipped ports plus {@link IndoPacific#anchorages}) on the default simulated
 * day (seed 42, 200 traffic vessels, 24 h): the lane ships waiting at anchor at a port's anchorage
 * make port visits of that port, each stop where the simulator's own hold at a berth says.
 */
class SimulatedPortVisitsTest {
    static Simulation sim;
    static List<Event> visits;
    static PortIndex ports;
    static List<Observation> observations;

    @BeforeAll
    static void runADay() throws IOException {
        sim = new Simulation(SimulationOptions.defaults(42));
        StringWriter w = new StringWriter();
        sim.writeTo(w);
        ObservationMapper mapper = new ObservationMapper();
        List<Observation> obs = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(w.toString(), Options.DEFAULT)) {
            if (o instanceof ReceivedMessage rm) {
                obs.addAll(mapper.map(rm));
            }
        }
        ports = PortIndex.seaPorts().with(IndoPacific.anchorages(PortIndex.seaPorts()));
        visits = SyntheticAis.run(obs, 60_000, new PortVisitDetector(ports, PortVisitConfig.DEFAULTS));
        observations = obs;
    }

    /**
     * The anchorage areas as a port file ({@code simulate --ports-out}) read back with {@code --ports}: the
     * same ports, field by field, and the same port visits as the demo's port list gives.
     */
    @Test
    void theAnchorageAreasWrittenAsAPortFileReadBackTheSame() throws IOException {
        List<org.watchkeeper.core.ref.port.Port> a = IndoPacific.anchorages(PortIndex.seaPorts());
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        org.watchkeeper.core.ref.port.AnchorageAreaGeoJson.write(a, file);
        List<org.watchkeeper.core.ref.port.Port> back = PortIndex.fromGeoJson(
                new java.io.ByteArrayInputStream(file.toByteArray()), "day-ports.geojson");
        assertThat(back).hasSize(a.size());
        for (int i = 0; i < a.size(); i++) {
            org.watchkeeper.core.ref.port.Port w = a.get(i);
            org.watchkeeper.core.ref.port.Port r = back.get(i);
            assertThat(r.id()).isEqualTo(w.id());
            assertThat(r.name()).isEqualTo(w.name());
            assertThat(r.unlocode()).isEqualTo(w.unlocode());
            assertThat(r.country()).isEqualTo(w.country());
            assertThat(r.anchorage()).isEqualTo(w.anchorage());
            assertThat(r.area().equalsExact(w.area(), 1e-6)).as(w.id()).isTrue();
            assertThat(r.latitude()).isCloseTo(w.latitude(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(r.longitude()).isCloseTo(w.longitude(), org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(back.get(0).id()).isEqualTo("SGSIN");
        assertThat(back.get(0).anchorage().id()).isEqualTo("sim:SGSIN");
        PortIndex fromFile = PortIndex.seaPorts().with(back);
        List<Event> again = SyntheticAis.run(observations, 60_000, new PortVisitDetector(fromFile, PortVisitConfig.DEFAULTS));
        assertThat(again).hasSize(91);
        assertThat(again).extracting(Event::id).containsExactlyElementsOf(visits.stream().map(Event::id).toList());
        // the same attributes, but the ports' source: the file's name instead of the simulator's
        java.util.function.Function<Event, Map<String, Object>> bySource = e -> {
            Map<String, Object> m = new TreeMap<>(e.attributes());
            m.remove("port_source");
            return m;
        };
        assertThat(again).extracting(bySource).containsExactlyElementsOf(visits.stream().map(bySource).toList());
        assertThat(again).allSatisfy(e -> assertThat(e.attributes()).containsEntry("port_source", "day-ports.geojson"));
    }

    @Test
    void everyAnchorageBelongsToItsListedPort() {
        List<org.watchkeeper.core.ref.port.Port> a = IndoPacific.anchorages(PortIndex.seaPorts());
        assertThat(a).hasSize(IndoPacific.PORTS.size());
        org.watchkeeper.core.ref.port.Port singapore = a.get(0);
        assertThat(singapore.id()).isEqualTo("SGSIN");
        assertThat(singapore.unlocode()).isEqualTo("SGSIN");
        assertThat(singapore.country()).isEqualTo("Singapore");
        assertThat(singapore.anchorage().id()).isEqualTo("sim:SGSIN");
        assertThat(singapore.anchorage().name()).isEqualTo("Singapore anchorage");
        // every berth inside its anchorage area, the area 7.3 km across
        for (Port p : IndoPacific.PORTS) {
            org.watchkeeper.core.ref.port.Port area = a.get(IndoPacific.PORTS.indexOf(p));
            for (int k = 0; k < Port.BERTHS; k++) {
                LatLon b = p.berth(k);
                assertThat(ports.containing(b.lat(), b.lon())).as(p.locode() + " berth " + k).isNotNull()
                        .extracting(org.watchkeeper.core.ref.port.Port::id).isEqualTo(area.id());
            }
            List<LatLon> ring = p.anchorageArea();
            assertThat(Geodesy.distance(ring.get(0).lat(), ring.get(0).lon(), ring.get(1).lat(), ring.get(1).lon()))
                    .isCloseTo(7_300, org.assertj.core.data.Offset.offset(15.0));
        }
    }

    @Test
    void shipsWaitingAtAnAnchorageVisitItsPort() {
        Map<String, Integer> byPort = new TreeMap<>();
        visits.forEach(e -> byPort.merge((String) e.attributes().get("unlocode"), 1, Integer::sum));
        assertThat(visits).allSatisfy(e -> assertThat(e.attributes()).containsEntry("anchorage_id",
                "sim:" + e.attributes().get("unlocode")));
        // Chittagong's lane ships are all under way this day
        assertThat(byPort).hasToString("{HKHKG=12, IDTPP=5, INHAL=1, INMAA=5, LKCMB=7, MYPKG=7, MYTPP=6, PHMNL=5, SGSIN=28,"
                + " TWKHH=9, VNSGN=6}");
        assertThat(visits).hasSize(91);
    }

    @Test
    void eachHoldWithinTheDayIsAVisitStoppedAtItsStart() {
        long start = sim.options().start().getEpochSecond();
        long end = start + sim.options().duration().getSeconds();
        int holds = 0;
        for (SimVessel v : sim.vessels()) {
            if (!v.role().startsWith("lane ")) {
                continue;
            }
            for (SimVessel.Leg leg : v.legs()) {
                // a hold that began after the first hour and ended before the day did: arrival and departure seen
                if (leg instanceof SimVessel.Hold h && h.start() > start + 3600 && h.end() < end - 3600) {
                    holds++;
                    Port at = IndoPacific.PORTS.stream().filter(p -> Geodesy.distance(p.anchorage().lat(),
                            p.anchorage().lon(), h.at().lat(), h.at().lon()) < 5_000).findFirst().orElseThrow();
                    List<Event> mine = visits.stream().filter(e -> e.vessels().equals(List.of(v.identity().mmsi()))
                            && at.locode().equals(e.attributes().get("unlocode"))).toList();
                    assertThat(mine).as(v.identity().mmsi() + " at " + at.locode()).hasSize(1);
                    Event visit = mine.get(0);
                    assertThat(visit.attributes()).containsEntry("confidence", 4);
                    long stop = ((Number) visit.attributes().get("first_stop_start_ms")).longValue();
                    assertThat(stop).isBetween(h.start() * 1000 - 60_000, h.start() * 1000 + 200_000);
                }
            }
        }
        assertThat(holds).isEqualTo(44);
    }
}
