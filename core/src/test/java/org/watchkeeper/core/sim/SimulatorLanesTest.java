package org.watchkeeper.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.LandMask;

/** The simulated ships stay at sea: every lane, fishing ground and planted track checked against the land mask. */
class SimulatorLanesTest {
    private static final double STEP_M = 1_000;
    private static LandMask land;

    @BeforeAll
    static void load() {
        land = LandMask.naturalEarth10m();
    }

    /** Points of the path every {@link #STEP_M} and its waypoints that lie inside land (no tolerance). */
    private static List<String> onLand(SeaPath path) {
        List<String> bad = new ArrayList<>();
        for (double d = 0; d <= path.length(); d += STEP_M) {
            double[] p = path.at(d);
            if (land.contains(p[0], p[1])) {
                bad.add(String.format("%.4f,%.4f at %.0f km", p[0], p[1], d / 1000));
            }
        }
        for (LatLon w : path.waypoints()) {
            if (land.contains(w.lat(), w.lon())) {
                bad.add("waypoint " + w);
            }
        }
        return bad;
    }

    @Test
    void everyLaneStaysAtSea() {
        assertThat(IndoPacific.LANES).hasSizeGreaterThanOrEqualTo(12);
        for (Lane lane : IndoPacific.LANES) {
            assertThat(onLand(lane.path())).as(lane.name()).isEmpty();
            assertThat(lane.path().length()).as(lane.name()).isGreaterThan(20_000);
        }
    }

    @Test
    void fishingGroundsStayAtSea() {
        for (IndoPacific.FishingGround g : IndoPacific.FISHING_GROUNDS) {
            assertThat(onLand(g.loop())).as(g.name()).isEmpty();
        }
    }

    @Test
    void anchoragesAreAtSeaAndNearTheirPorts() {
        for (Port p : IndoPacific.PORTS) {
            assertThat(land.contains(p.anchorage().lat(), p.anchorage().lon())).as(p.locode()).isFalse();
            // every berth at sea, and the way to it from the anchorage too
            for (int k = 0; k < Port.BERTHS; k++) {
                LatLon b = p.berth(k);
                assertThat(onLand(new SeaPath(List.of(p.anchorage(), b)))).as(p.locode() + " berth " + k).isEmpty();
                double d = Geodesy.distance(p.anchorage().lat(), p.anchorage().lon(), b.lat(), b.lon());
                assertThat(d).as(p.locode() + " berth " + k).isLessThan(4_500);
            }
            // neighbouring berths 700 m apart, more than an encounter's 500 m
            assertThat(Geodesy.distance(p.berth(0).lat(), p.berth(0).lon(), p.berth(1).lat(), p.berth(1).lon()))
                    .as(p.locode()).isCloseTo(700, org.assertj.core.data.Offset.offset(1.0));
            assertThat(Geodesy.distance(p.berth(0).lat(), p.berth(0).lon(), p.berth(10).lat(), p.berth(10).lon()))
                    .as(p.locode()).isCloseTo(700, org.assertj.core.data.Offset.offset(1.0));
            // the lane ends off the port: within 90 km of the UN/LOCODE position
            assertThat(Geodesy.distance(p.position().lat(), p.position().lon(), p.anchorage().lat(), p.anchorage().lon()))
                    .as(p.locode()).isLessThan(100_000);
        }
    }

    @Test
    void plantedTracksStayAtSeaAndNoLaneCrossesTheDemoZone() {
        Simulation sim = new Simulation(new SimulationOptions(7, 0, Instant.parse("2024-06-01T00:00:00Z"),
                Duration.ofHours(30), true, SimulationOptions.Noise.NONE));
        for (SimVessel v : sim.vessels()) {
            for (SimVessel.Leg leg : v.legs()) {
                if (leg instanceof SimVessel.Sail s) {
                    assertThat(onLand(s.path())).as(v.role()).isEmpty();
                }
            }
        }
        for (Lane lane : IndoPacific.LANES) {
            for (double d = 0; d <= lane.path().length(); d += STEP_M) {
                double[] p = lane.path().at(d);
                assertThat(IndoPacific.DEMO_ZONE.contains(p[0], p[1])).as(lane.name()).isFalse();
            }
        }
    }

    /**
     * Every spot of a port's berth grid lies within 500 m of a berth, so a planted ship that anchored
     * there would meet the traffic waiting at the next berth: an encounter nobody planted (the genuine ship of
     * the identity conflict did so at Port Klang in the 24 h demo). Planted ships hold clear of every berth.
     */
    @Test
    void plantedShipsHoldClearOfEveryBerth() {
        Simulation sim = new Simulation(SimulationOptions.defaults(1));
        int holds = 0;
        for (SimVessel v : sim.vessels()) {
            if (!v.role().startsWith("planted")) {
                continue;
            }
            for (SimVessel.Leg leg : v.legs()) {
                if (leg instanceof SimVessel.Hold h) {
                    holds++;
                    for (Port p : IndoPacific.PORTS) {
                        for (int k = 0; k < Port.BERTHS; k++) {
                            LatLon b = p.berth(k);
                            assertThat(Geodesy.distance(h.at().lat(), h.at().lon(), b.lat(), b.lon()))
                                    .as(v.role() + " at " + p.locode() + " berth " + k).isGreaterThan(1_000);
                        }
                    }
                }
            }
        }
        assertThat(holds).isPositive();
    }

    @Test
    void plantedEventsHappenFarFromShore() {
        Simulation sim = new Simulation(SimulationOptions.defaults(3));
        List<PlantedEvent> events = sim.plantedEvents();
        assertThat(events).extracting(PlantedEvent::kind).containsExactlyInAnyOrder(EventKind.ENCOUNTER, EventKind.GAP,
                EventKind.IDENTITY_CONFLICT, EventKind.ZONE_ENTRY, EventKind.LOITERING);
        for (PlantedEvent e : events) {
            double coast = land.distanceToCoast(e.position().lat(), e.position().lon(), 60 * 1852.0);
            switch (e.kind()) {
                case GAP, ENCOUNTER, LOITERING -> assertThat(coast).as(e.kind().id()).isGreaterThan(50 * 1852.0);
                default -> assertThat(land.contains(e.position().lat(), e.position().lon())).isFalse();
            }
            for (Port p : IndoPacific.PORTS) {
                assertThat(Geodesy.distanceNm(e.position().lat(), e.position().lon(), p.position().lat(), p.position().lon()))
                        .as(e.kind().id() + " from " + p.locode()).isGreaterThan(50);
            }
        }
    }

    @Test
    void pathPositionsFollowTheWaypoints() {
        SeaPath path = SeaPath.of(0, 100, 0, 101, 1, 101);
        assertThat(path.length()).isCloseTo(2 * Math.toRadians(1) * Geodesy.EARTH_RADIUS_M, org.assertj.core.data.Offset.offset(1.0));
        double[] mid = path.at(path.length() / 4);
        assertThat(mid[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mid[1]).isCloseTo(100.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(mid[2]).isCloseTo(90, org.assertj.core.data.Offset.offset(1e-6));
        double[] end = path.at(1e12);
        assertThat(end[0]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(end[2]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
