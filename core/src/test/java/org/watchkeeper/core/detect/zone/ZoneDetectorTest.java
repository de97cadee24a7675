package org.watchkeeper.core.detect.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.watchkeeper.core.detect.identity.AisScript.min;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.identity.AisScript;

class ZoneDetectorTest {
    static final String USER = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"Box A"},"geometry":{"type":"Polygon","coordinates":
               [[[10.0,55.0],[10.3,55.0],[10.3,55.2],[10.0,55.2],[10.0,55.0]]]}},
             {"type":"Feature","properties":{"name":"Box B (inside A)"},"geometry":{"type":"Polygon","coordinates":
               [[[10.1,55.05],[10.2,55.05],[10.2,55.15],[10.1,55.15],[10.1,55.05]]]}},
             {"type":"Feature","properties":{"name":"Dateline"},"geometry":{"type":"Polygon","coordinates":
               [[[179.0,-17.0],[-179.0,-17.0],[-179.0,-16.0],[179.0,-16.0],[179.0,-17.0]]]}},
             {"type":"Feature","properties":{"name":"Cut at 180"},"geometry":{"type":"MultiPolygon","coordinates":
               [[[[179.5,-20.0],[180.0,-20.0],[180.0,-19.0],[179.5,-19.0],[179.5,-20.0]]],
                [[[-180.0,-20.0],[-179.5,-20.0],[-179.5,-19.0],[-180.0,-19.0],[-180.0,-20.0]]]]}},
             {"type":"Feature","properties":{"name":"a line"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
            ]}""";

    static ZoneIndex user() throws IOException {
        return new ZoneIndex(ZoneIndex.readGeoJson(new ByteArrayInputStream(USER.getBytes(StandardCharsets.UTF_8)), "user",
                ZoneIndex.NAME_PROPERTIES));
    }

    /**
     * Box B is added while one vessel sails through Box A and another lies inside where B is drawn: the
     * engine of the new zones carries each vessel's state over, so A's exit gives the whole dwell from
     * the entry before the change, B's entry after the change is an entry, and the vessel already inside
     * B when it was drawn is not said to enter it. Started afresh, A's exit would have no dwell.
     */
    @Test
    void aStayInAZoneGoesOnWhenZonesAreAdded() throws IOException {
        ZoneIndex all = user();
        ZoneIndex onlyA = new ZoneIndex(List.of(all.zone(0)));
        ZoneIndex withB = new ZoneIndex(List.of(all.zone(0), all.zone(1)));
        AisScript before = new AisScript();
        before.position(min(0), 219_000_001, 55.1, 9.95);
        before.position(min(1), 219_000_001, 55.1, 10.02); // enters A
        before.position(min(2), 219_000_001, 55.1, 10.05);
        before.position(min(2), 219_000_002, 55.1, 10.15); // lies where B will be
        AisScript after = new AisScript();
        after.position(min(3), 219_000_001, 55.1, 10.05);
        after.position(min(4), 219_000_001, 55.1, 10.15); // enters B
        after.position(min(4), 219_000_002, 55.1, 10.151);
        after.position(min(5), 219_000_001, 55.1, 10.35); // leaves both

        List<Event> out = new ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine first = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(ZoneDetector.withDefaults(onlyA)), out::add, 0);
        before.accepted().forEach(first::accept);
        org.watchkeeper.core.detect.DetectionEngine next = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(ZoneDetector.withDefaults(withB)), out::add, 0);
        next.carryOver(first);
        after.accepted().forEach(next::accept);
        assertThat(out).extracting(e -> e.vessels().get(0), Event::kind, Event::start, e -> e.attributes().get("zone_name"),
                e -> e.attributes().get("dwell_s")).containsExactly(
                        tuple(219_000_001, EventKind.ZONE_ENTRY, min(1), "Box A", null),
                        tuple(219_000_001, EventKind.ZONE_ENTRY, min(4), "Box B (inside A)", null),
                        tuple(219_000_001, EventKind.ZONE_EXIT, min(5), "Box A", 240L),
                        tuple(219_000_001, EventKind.ZONE_EXIT, min(5), "Box B (inside A)", 60L));

        // started afresh: A's exit has no dwell (the entry was before the change)
        List<Event> fresh = new ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine again = new org.watchkeeper.core.detect.DetectionEngine(
                List.of(ZoneDetector.withDefaults(withB)), fresh::add, 0);
        after.accepted().forEach(again::accept);
        assertThat(fresh).extracting(Event::kind, e -> e.attributes().get("zone_name"), e -> e.attributes().get("dwell_s"))
                .containsExactly(tuple(EventKind.ZONE_ENTRY, "Box B (inside A)", null),
                        tuple(EventKind.ZONE_EXIT, "Box A", null), tuple(EventKind.ZONE_EXIT, "Box B (inside A)", 60L));
    }

    @Test
    void lookupsIncludingAcrossTheAntimeridian() throws IOException {
        ZoneIndex z = user();
        assertThat(z.zones()).extracting(Zone::id).containsExactly("user:Box A", "user:Box B (inside A)", "user:Dateline",
                "user:Cut at 180");
        assertThat(z.zonesAt(55.1, 10.15)).containsExactly(0, 1);
        assertThat(z.zonesAt(55.1, 10.05)).containsExactly(0);
        assertThat(z.zonesAt(55.25, 10.15)).isEmpty();
        assertThat(z.zonesAt(-16.5, 179.5)).containsExactly(2);
        assertThat(z.zonesAt(-16.5, -179.5)).containsExactly(2);
        assertThat(z.zonesAt(-16.5, 180.5)).containsExactly(2); // same meridian as -179.5
        assertThat(z.zonesAt(-16.5, 178.5)).isEmpty();
        assertThat(z.zonesAt(-16.5, -178.5)).isEmpty();
        assertThat(z.zonesAt(-19.5, 179.9)).containsExactly(3);
        assertThat(z.zonesAt(-19.5, -179.9)).containsExactly(3);
        assertThat(z.zonesAt(-19.5, 180.0)).containsExactly(3);
        assertThat(z.zonesAt(Double.NaN, 0)).isEmpty();
    }

    /** Eastbound at 12 kn-ish, a fix every minute along 55.1N from 9.95E; another ship on 55.21N, just north of the box. */
    static AisScript crossing() {
        AisScript s = new AisScript();
        for (int m = 0; m <= 40; m++) {
            double lon = 9.95 + m * 0.01;
            s.position(min(m), 219_000_001, 55.1, lon, 12, 90, "STA");
            s.position(min(m) + 20_000, 219_000_002, 55.21, lon, 12, 90, "STA");
        }
        // crossing the 180° meridian at 16.5S, one fix every 5 min
        for (int m = 0; m <= 12; m++) {
            double lon = 178.6 + m * 0.25;
            s.position(min(m * 5), 503_000_001, -16.5, lon > 180 ? lon - 360 : lon, 14, 90, "STA");
        }
        return s;
    }

    @Test
    void entryAndExitAtTheFirstFixInsideAndOutside() throws IOException {
        ZoneDetector d = ZoneDetector.withDefaults(user());
        List<Event> events = AisScript.run(crossing().accepted(), d);
        // Box A spans 10.0..10.3: first fix inside at m = 5 (10.00), first outside at m = 36 (10.31).
        // Box B 10.1..10.2: m = 15 and m = 26. Dateline box 179..-179: first inside at 179.1 (10 min), first out
        // at 181.1 = -178.9 (50 min).
        assertThat(events).extracting(Event::kind, e -> e.vessels().get(0), e -> e.attributes().get("zone_name"), Event::start)
                .containsExactly(
                        tuple(EventKind.ZONE_ENTRY, 219_000_001, "Box A", min(5)),
                        tuple(EventKind.ZONE_ENTRY, 503_000_001, "Dateline", min(10)),
                        tuple(EventKind.ZONE_ENTRY, 219_000_001, "Box B (inside A)", min(15)),
                        tuple(EventKind.ZONE_EXIT, 219_000_001, "Box B (inside A)", min(26)),
                        tuple(EventKind.ZONE_EXIT, 219_000_001, "Box A", min(36)),
                        tuple(EventKind.ZONE_EXIT, 503_000_001, "Dateline", min(50)));
        Event exitA = events.get(4);
        assertThat(exitA.attributes()).containsEntry("zone_id", "user:Box A").containsEntry("dwell_s", 31L * 60)
                .containsEntry("previous_time", java.time.Instant.ofEpochMilli(min(35)).toString());
        assertThat(exitA.geometryGeoJson()).startsWith("{\"type\":\"Polygon\",\"coordinates\":[[[10.0,55.0],");
        assertThat(exitA.evidence()).hasSize(1);
        assertThat(exitA.longitude()).isEqualTo(10.31, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(events.stream().map(Event::id).distinct().count()).isEqualTo(events.size());
        for (long seed = 1; seed <= 2; seed++) {
            assertThat(AisScript.runChunked(crossing().text(), 120, seed, ZoneDetector.withDefaults(user()))).isEqualTo(events);
        }
    }

    @Test
    void firstFixInsideIsNoEntry() throws IOException {
        AisScript s = new AisScript();
        s.position(min(0), 219_000_001, 55.1, 10.05);
        s.position(min(1), 219_000_001, 55.1, 10.06);
        s.position(min(2), 219_000_001, 55.1, 10.35);
        List<Event> events = AisScript.run(s.accepted(), ZoneDetector.withDefaults(user()));
        assertThat(events).extracting(Event::kind, Event::start).containsExactly(tuple(EventKind.ZONE_EXIT, min(2)));
        assertThat(events.get(0).attributes()).doesNotContainKey("dwell_s");
    }

    static Path shared(String rel) {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), rel);
        assumeTrue(Files.isRegularFile(p), "shared data absent: " + p);
        return p;
    }

    @Test
    void coarseTerritorialSeasFromTheSharedCopy() throws IOException {
        List<Zone> zones;
        try (InputStream in = Files.newInputStream(shared("data/geo/geo-maps/countries-maritime-10km/map.geo.json"))) {
            zones = ZoneIndex.readGeoJson(in, "territorial_sea", List.of("A3"));
        }
        ZoneIndex z = new ZoneIndex(zones);
        assertThat(z.size()).isEqualTo(245);
        assertThat(names(z, 55.68, 12.60)).containsExactly("DNK"); // Copenhagen harbour
        assertThat(names(z, 56.5, 4.0)).isEmpty(); // central North Sea
        assertThat(names(z, -18.14, 178.44)).containsExactly("FJI"); // Suva
        assertThat(names(z, 65.0, -175.0)).containsExactly("RUS"); // Chukotka, west of 180° in longitude
        assertThat(names(z, 65.0, 178.0)).containsExactly("RUS");
        assertThat(names(z, 40.0, -170.0)).isEmpty(); // North Pacific
    }

    private static List<String> names(ZoneIndex z, double lat, double lon) {
        List<String> out = new ArrayList<>();
        for (int i : z.zonesAt(lat, lon)) {
            out.add(z.zone(i).name());
        }
        return out;
    }

    /**
     * A zone's polygon in its events' geometry has plain decimal coordinates: a box from 0.0005°W to 0.0005°E
     * (across Greenwich) was written with Java's exponent form, {@code [-5.0E-4,51.5]}.
     */
    @Test
    void aZonesGeometryNearGreenwichHasPlainCoordinates() throws IOException {
        String box = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"Greenwich"},"geometry":{"type":"Polygon","coordinates":
                   [[[-0.0005,51.4],[0.0005,51.4],[0.0005,51.5],[-0.0005,51.5],[-0.0005,51.4]]]}}]}""";
        Zone z = ZoneIndex.readGeoJson(new ByteArrayInputStream(box.getBytes(StandardCharsets.UTF_8)), "user",
                ZoneIndex.NAME_PROPERTIES).get(0);
        assertThat(ZoneDetector.toGeoJson(z.geometry())).isEqualTo("{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[-0.0005,51.4],[0.0005,51.4],[0.0005,51.5],[-0.0005,51.5],[-0.0005,51.4]]]}");
    }
}
