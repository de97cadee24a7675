package org.watchkeeper.core.ref.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.encounter.EncounterConfig;
import org.watchkeeper.core.detect.encounter.EncounterDetector;
import org.watchkeeper.core.detect.port.PortVisitConfig;
import org.watchkeeper.core.detect.port.PortVisitDetector;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * Anchorages from synthetic tracks (type 1 reports written with the AIS encoder, read back through
 * the decoder and the tracker): ships that each lie still for 13 h at one spot off the coast of
 * Madagascar's east, far from any port.
 */
class AnchorageFinderTest {
    /** The anchorage spot: open water about 400 km east of Madagascar, no port within 50 km. */
    static final double LAT = -20.3;
    static final double LON = 61.2;
    static final long T0 = 1_700_000_000L; // 2023-11-14T22:13:20Z, epoch seconds
    static final long HOUR = 3600;

    /**
     * Vessel {@code k} comes in from 5 km north (one fix an hour before), lies at the spot (within
     * 30 m of it, a fix every 3 minutes) from {@code T0 + k * 6 h} for {@code hours}, and leaves 5 km
     * south (one fix an hour after).
     */
    static void stay(SyntheticAis ais, int mmsi, long start, double hours, double lat, double lon) {
        double[] in = Geodesy.destination(lat, lon, 0, 5_000);
        ais.fix(mmsi, start - HOUR, in[0], in[1], 2.7, 180);
        long end = start + Math.round(hours * HOUR);
        int i = 0;
        for (long t = start; t <= end; t += 180, i++) {
            double[] p = Geodesy.destination(lat, lon, (i * 37) % 360, 10 + (i * 7) % 20);
            ais.fix(mmsi, t, p[0], p[1], 0.1, 0);
        }
        double[] out = Geodesy.destination(lat, lon, 180, 5_000);
        ais.fix(mmsi, end + HOUR, out[0], out[1], 2.7, 180);
    }

    static AnchorageFinder run(List<Observation> obs, AnchorageFinder.Config config) {
        AnchorageFinder f = new AnchorageFinder(config);
        Analysis a = new Analysis(TrackerConfig.defaults(), List.of(f));
        obs.forEach(a::accept);
        a.finish();
        return f;
    }

    static SyntheticAis fleet(int vessels, double hours) {
        SyntheticAis ais = new SyntheticAis();
        for (int k = 0; k < vessels; k++) {
            stay(ais, 412_000_100 + k, T0 + k * 6 * HOUR, hours, LAT, LON);
        }
        return ais;
    }

    @Test
    void theSpotLiesInsideOneCell() {
        AnchorageFinder f = new AnchorageFinder(AnchorageFinder.Config.defaults());
        long key = f.cellKey(LAT, LON);
        for (int bearing = 0; bearing < 360; bearing += 45) {
            double[] p = Geodesy.destination(LAT, LON, bearing, 60);
            assertThat(f.cellKey(p[0], p[1])).as("60 m at %d°", bearing).isEqualTo(key);
        }
    }

    @Test
    void twentyShipsLyingStillTwelveHoursMakeAnAnchorage() {
        AnchorageFinder f = run(fleet(20, 13).observations(), AnchorageFinder.Config.defaults());
        List<AnchorageFinder.Anchorage> found = f.anchorages();
        assertThat(found).hasSize(1);
        AnchorageFinder.Anchorage a = found.get(0);
        assertThat(a.vessels()).isEqualTo(20);
        assertThat(a.stops()).isEqualTo(20);
        // each stop: its first fix at the spot to its last, 13 h (261 fixes 3 min apart)
        assertThat(a.stationaryMillis()).isEqualTo(20 * 13 * HOUR * 1000);
        assertThat(a.firstMillis()).isEqualTo(T0 * 1000);
        assertThat(a.lastMillis()).isEqualTo((T0 + 19 * 6 * HOUR + 13 * HOUR) * 1000);
        assertThat(Geodesy.distance(a.latitude(), a.longitude(), LAT, LON)).isLessThan(10);
        assertThat(a.id()).isEqualTo("anchorage-" + (f.cellKey(LAT, LON) >>> 32) + "-" + (f.cellKey(LAT, LON) & 0xFFFF_FFFFL));
        AnchorageFinder.Totals t = f.totals();
        assertThat(t.fixes()).isEqualTo(20 * (261 + 2));
        assertThat(t.stops()).isEqualTo(20);
        assertThat(t.vesselsWithStops()).isEqualTo(20);
        assertThat(t.cellsWithStops()).isEqualTo(1);
        assertThat(t.anchorages()).isEqualTo(1);
    }

    @Test
    void nineteenShipsOrStaysShorterThanTwelveHoursMakeNone() {
        AnchorageFinder f = run(fleet(19, 13).observations(), AnchorageFinder.Config.defaults());
        assertThat(f.anchorages()).isEmpty();
        assertThat(f.totals().stops()).isEqualTo(19);
        assertThat(f.totals().cellsWithStops()).isEqualTo(1);

        AnchorageFinder shortStays = run(fleet(20, 11.95).observations(), AnchorageFinder.Config.defaults());
        assertThat(shortStays.anchorages()).isEmpty();
        assertThat(shortStays.totals().stops()).isZero();

        // the same 19 ships make one with a threshold of 19 vessels, and the short stays with 11.9 h
        assertThat(run(fleet(19, 13).observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 19))
                .anchorages()).hasSize(1);
        assertThat(run(fleet(20, 11.95).observations(), AnchorageFinder.Config.defaults().with(Math.round(11.9 * HOUR * 1000), 20))
                .anchorages()).hasSize(1);
    }

    @Test
    void aShipDriftingSlowlyIsNotStationaryAndReturnsCountAsStops() {
        SyntheticAis ais = new SyntheticAis();
        // 0.03 kn east for 20 h: 1.1 km, so no 12 h within 500 m of where a period began (about 9 h each)
        for (long t = 0; t <= 20 * HOUR; t += 180) {
            double[] p = Geodesy.destination(LAT, LON, 90, 0.03 * Geodesy.METRES_PER_SECOND_PER_KNOT * t);
            ais.fix(412_000_001, T0 + t, p[0], p[1], 0.0, 90);
        }
        // one ship lies at the spot twice, 13 h each, with a voyage between: two stops of one vessel
        stay(ais, 412_000_002, T0 + 40 * HOUR, 13, LAT, LON);
        stay(ais, 412_000_002, T0 + 60 * HOUR, 13, LAT, LON);
        AnchorageFinder f = run(ais.observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 1));
        assertThat(f.totals().stops()).isEqualTo(2);
        assertThat(f.anchorages()).singleElement().satisfies(a -> {
            assertThat(a.vessels()).isEqualTo(1);
            assertThat(a.stops()).isEqualTo(2);
            assertThat(a.stationaryMillis()).isEqualTo(26 * HOUR * 1000);
        });
    }

    /** Vessel 412000003 at the spot from hour {@code from} to hour {@code to} after T0, a fix every 3 minutes. */
    private static void still(SyntheticAis ais, long from, long to) {
        for (long t = from * HOUR; t <= to * HOUR; t += 180) {
            ais.fix(412_000_003, T0 + t, LAT, LON, 0.0, 0);
        }
    }

    @Test
    void aGapThatStartsANewTrackSegmentEndsTheStationaryPeriod() {
        SyntheticAis ais = new SyntheticAis();
        // 8 h at the spot, silent 25 h (over the tracker's 24 h: a new segment), 8 h more at the spot
        still(ais, 0, 8);
        still(ais, 33, 41);
        AnchorageFinder f = run(ais.observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 1));
        assertThat(f.totals().stops()).isZero();
        // the same with a 20 h gap (one segment): one stop of 36 h
        SyntheticAis one = new SyntheticAis();
        still(one, 0, 8);
        still(one, 28, 36);
        AnchorageFinder g = run(one.observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 1));
        assertThat(g.anchorages()).singleElement().satisfies(a -> assertThat(a.stationaryMillis()).isEqualTo(36 * HOUR * 1000));
    }

    @Test
    void onlyShipStationsCount() {
        SyntheticAis ais = new SyntheticAis();
        // an aid to navigation's MMSI (99MIDxxxx) and a coast station's (00MIDxxxx) in type 1 reports
        for (long t = 0; t <= 13 * HOUR; t += 180) {
            ais.fix(992_351_001, T0 + t, LAT, LON, 0.0, 0);
            ais.fix(2_351_001, T0 + t, LAT + 0.01, LON, 0.0, 0);
        }
        AnchorageFinder f = run(ais.observations(), AnchorageFinder.Config.defaults().with(HOUR * 1000, 1));
        assertThat(f.totals().fixes()).isZero();
        assertThat(f.anchorages()).isEmpty();
    }

    @Test
    void anAnchorageOnTheAntimeridianStaysThere() {
        SyntheticAis ais = new SyntheticAis();
        // stops either side of 180°: their mean lies on the meridian, not at 0°
        for (int k = 0; k < 4; k++) {
            double lon = k % 2 == 0 ? 179.9996 : -179.9996;
            for (long t = 0; t <= 13 * HOUR; t += 180) {
                ais.fix(412_000_200 + k, T0 + k * 20 * HOUR + t, -16.8, lon, 0.0, 0);
            }
        }
        AnchorageFinder f = run(ais.observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 2));
        assertThat(f.totals().stops()).isEqualTo(4);
        // a column never spans 180°: the two sides are two cells, each at its own side
        assertThat(f.anchorages()).hasSize(2).allSatisfy(a -> {
            assertThat(Math.abs(a.longitude())).isCloseTo(179.9996, within(1e-6));
            assertThat(a.vessels()).isEqualTo(2);
        });
        // one vessel whose fixes straddle the meridian: its stop's mean is on it
        SyntheticAis straddle = new SyntheticAis();
        for (long t = 0, i = 0; t <= 13 * HOUR; t += 180, i++) {
            straddle.fix(412_000_300, T0 + t, -16.8, i % 2 == 0 ? 179.9999 : -179.9999, 0.0, 0);
        }
        AnchorageFinder g = run(straddle.observations(), AnchorageFinder.Config.defaults().with(12 * HOUR * 1000, 1));
        assertThat(g.anchorages()).singleElement().satisfies(a -> assertThat(Math.abs(a.longitude())).isGreaterThan(179.9998));
    }

    @Test
    void anEncounterAtADerivedAnchorageIsNoEncounterOnceTheAnchoragesAreAPortList() throws IOException {
        AnchorageFinder f = run(fleet(20, 13).observations(), AnchorageFinder.Config.defaults());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        AnchorageGeoJson.write(f.anchorages(), PortIndex.seaPorts(), file);
        JsonNode json = new ObjectMapper().readTree(file.toByteArray());
        JsonNode props = json.get("features").get(0).get("properties");
        assertThat(props.get("name").asText()).isEqualTo("anchorage 20.3000S 61.2000E"); // no port within 20 km
        assertThat(props.get("kind").asText()).isEqualTo("anchorage");
        assertThat(props.get("vessels").asInt()).isEqualTo(20);
        assertThat(props.get("stationary_hours").asDouble()).isEqualTo(260.0);
        assertThat(props.get("first").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(props.has("near_port")).isFalse();
        List<Port> anchorages = PortIndex.fromGeoJson(new ByteArrayInputStream(file.toByteArray()), "anchorages.geojson");
        // near no port: a port of its own, keyed by its cell (not by the file name and its name)
        String cell = "anchorage-" + (f.cellKey(LAT, LON) >>> 32) + "-" + (f.cellKey(LAT, LON) & 0xFFFF_FFFFL);
        assertThat(props.get("anchorage_id").asText()).isEqualTo(cell);
        assertThat(anchorages).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(cell);
            assertThat(p.name()).isEqualTo("anchorage 20.3000S 61.2000E");
            assertThat(p.unlocode()).isNull();
            assertThat(p.anchorage()).isEqualTo(new Port.Anchorage(cell, "anchorage 20.3000S 61.2000E"));
        });

        // two ships side by side at the spot for 3 h, later: an encounter with the shipped ports alone,
        // none once the derived anchorage is a port (Miller et al. 2018: 10 km from any anchorage)
        SyntheticAis pair = new SyntheticAis();
        long t1 = T0 + 200 * HOUR;
        for (long t = 0; t <= 3 * HOUR; t += 60) {
            double[] b = Geodesy.destination(LAT, LON, 90, 150);
            pair.fix(412_000_901, t1 + t, LAT, LON, 0.3, 0);
            pair.fix(412_000_902, t1 + t + 5, b[0], b[1], 0.3, 0);
        }
        List<Observation> obs = pair.observations();
        List<Event> without = SyntheticAis.run(obs, 0, new EncounterDetector(PortIndex.seaPorts(), EncounterConfig.DEFAULTS));
        assertThat(without).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(EventKind.ENCOUNTER));
        List<Event> with = SyntheticAis.run(obs, 0,
                new EncounterDetector(PortIndex.seaPorts().with(anchorages), EncounterConfig.DEFAULTS));
        assertThat(with).isEmpty();
    }

    /** Port Hedland's UN/LOCODE point in the shipped list (AUPHE). */
    static final double PHE_LAT = -20.3116266;
    static final double PHE_LON = 118.5752577;

    /**
     * Twenty ships lie 10 km north of Port Hedland's listed point: an anchorage named after it that,
     * given back as a port list, makes a ship stopping there a visit to Port Hedland (AUPHE), not to a
     * port of its own: the visits per UN/LOCODE only grow when anchorages are added.
     */
    @Test
    void anAnchorageNearAPortCountsItsVisitsForThatPort() throws IOException {
        double[] spot = Geodesy.destination(PHE_LAT, PHE_LON, 0, 10_000);
        SyntheticAis fleet = new SyntheticAis();
        for (int k = 0; k < 20; k++) {
            stay(fleet, 503_000_100 + k, T0 + k * 6 * HOUR, 13, spot[0], spot[1]);
        }
        AnchorageFinder f = run(fleet.observations(), AnchorageFinder.Config.defaults());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        AnchorageGeoJson.write(f.anchorages(), PortIndex.seaPorts(), file);
        JsonNode props = new ObjectMapper().readTree(file.toByteArray()).get("features").get(0).get("properties");
        String cell = f.anchorages().get(0).id();
        assertThat(props.get("name").asText()).isEqualTo("Port Hedland anchorage 20.2217S 118.5753E");
        assertThat(props.get("near_port").asText()).isEqualTo("AUPHE");
        assertThat(props.get("near_port_id").asText()).isEqualTo("AUPHE");
        assertThat(props.get("near_port_country").asText()).isEqualTo("Australia");
        assertThat(props.get("near_port_km").asDouble()).isEqualTo(10.0);

        List<Port> read = PortIndex.fromGeoJson(new ByteArrayInputStream(file.toByteArray()), "anchorages.geojson");
        assertThat(read).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("AUPHE");
            assertThat(p.name()).isEqualTo("Port Hedland");
            assertThat(p.unlocode()).isEqualTo("AUPHE");
            assertThat(p.country()).isEqualTo("Australia");
            assertThat(p.source()).isEqualTo("anchorages.geojson");
            assertThat(p.anchorage()).isEqualTo(new Port.Anchorage(cell, "Port Hedland anchorage 20.2217S 118.5753E"));
            assertThat(Geodesy.distance(p.latitude(), p.longitude(), spot[0], spot[1])).isLessThan(10);
        });

        // later: one ship comes to the anchorage, lies there 3 h and leaves; another to the listed point
        SyntheticAis later = new SyntheticAis();
        long t1 = T0 + 300 * HOUR;
        stay(later, 503_000_901, t1, 3, spot[0], spot[1]);
        stay(later, 503_000_902, t1, 3, PHE_LAT, PHE_LON);
        List<Observation> obs = later.observations();
        List<Event> plain = SyntheticAis.run(obs, 0, new PortVisitDetector(PortIndex.seaPorts(), PortVisitConfig.DEFAULTS));
        assertThat(plain).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(503_000_902);
            assertThat(e.attributes()).containsEntry("unlocode", "AUPHE").doesNotContainKey("anchorage_id");
        });
        PortIndex withAnchorages;
        try {
            withAnchorages = PortLists.of(read, true);
        } catch (PortLists.UnrecognisedException e) {
            throw new AssertionError(e);
        }
        List<Event> visits = SyntheticAis.run(obs, 0, new PortVisitDetector(withAnchorages, PortVisitConfig.DEFAULTS));
        assertThat(visits).hasSize(2).allSatisfy(e -> assertThat(e.attributes()).containsEntry("port_id", "AUPHE")
                .containsEntry("port_name", "Port Hedland").containsEntry("unlocode", "AUPHE").containsEntry("country", "Australia"));
        Event atAnchorage = visits.stream().filter(e -> e.vessels().contains(503_000_901)).findFirst().orElseThrow();
        assertThat(atAnchorage.attributes()).containsEntry("anchorage_id", cell)
                .containsEntry("anchorage_name", "Port Hedland anchorage 20.2217S 118.5753E")
                .containsEntry("port_source", "anchorages.geojson").containsEntry("confidence", 4);
        assertThat(atAnchorage.start()).isEqualTo(t1 * 1000); // arrival: the first fix within 3 km of the anchorage
        Event atBerth = visits.stream().filter(e -> e.vessels().contains(503_000_902)).findFirst().orElseThrow();
        assertThat(atBerth.attributes()).doesNotContainKey("anchorage_id").containsEntry("port_source", "sea-ports");
    }

    /**
     * A port of the user's list names an anchorage when it is nearer than the shipped one, and the
     * anchorage's visits then belong to it; an anchorage already in the naming list names nothing.
     */
    @Test
    void userPortsNameAnchoragesAndAnchoragesInTheListDoNot() throws IOException {
        double[] spot = Geodesy.destination(PHE_LAT, PHE_LON, 0, 10_000);
        double[] wharf = Geodesy.destination(spot[0], spot[1], 90, 2_000);
        AnchorageFinder.Anchorage a = new AnchorageFinder.Anchorage("anchorage-1-2", spot[0], spot[1], 3, 4, 7_200_000L,
                T0 * 1000, T0 * 1000 + 7_200_000L);
        Port user = new Port("ports.geojson:Outer Wharf", "Outer Wharf", null, null, wharf[0], wharf[1], null, "ports.geojson");
        Port earlier = new Port("AUPHE", "Port Hedland", "AUPHE", "Australia", spot[0], spot[1], null, "old.geojson",
                new Port.Anchorage("anchorage-9-9", "Port Hedland anchorage 20.2217S 118.5753E"));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        AnchorageGeoJson.write(List.of(a), PortIndex.seaPorts().with(List.of(earlier, user)), file);
        JsonNode props = new ObjectMapper().readTree(file.toByteArray()).get("features").get(0).get("properties");
        assertThat(props.get("name").asText()).isEqualTo("Outer Wharf anchorage 20.2217S 118.5753E");
        assertThat(props.get("near_port").asText()).isEqualTo("ports.geojson:Outer Wharf");
        assertThat(props.get("near_port_id").asText()).isEqualTo("ports.geojson:Outer Wharf");
        assertThat(props.get("near_port_km").asDouble()).isEqualTo(2.0);
        assertThat(props.has("near_port_country")).isFalse();
        assertThat(PortIndex.fromGeoJson(new ByteArrayInputStream(file.toByteArray()), "a.geojson")).singleElement()
                .satisfies(p -> {
                    assertThat(p.id()).isEqualTo("ports.geojson:Outer Wharf");
                    assertThat(p.name()).isEqualTo("Outer Wharf");
                    assertThat(p.unlocode()).isNull();
                    assertThat(p.anchorage().id()).isEqualTo("anchorage-1-2");
                });
        // without the user's port: the shipped one, 10 km off; the earlier anchorage at the very spot is no port
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        AnchorageGeoJson.write(List.of(a), PortIndex.seaPorts().with(List.of(earlier)), again);
        assertThat(new ObjectMapper().readTree(again.toByteArray()).get("features").get(0).get("properties")
                .get("name").asText()).isEqualTo("Port Hedland anchorage 20.2217S 118.5753E");
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new AnchorageFinder.Config(500, 0, 20, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stationary 0 ms");
        assertThatThrownBy(() -> AnchorageFinder.Config.defaults().with(HOUR, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vessels 0");
        assertThatThrownBy(() -> new AnchorageFinder.Config(500, HOUR, 20, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cell 50.0 m");
    }
}
