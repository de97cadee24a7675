package org.watchkeeper.core.detect.chokepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.UnderWay;
import org.watchkeeper.core.detect.space.SyntheticAis;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.ref.chokepoint.Chokepoint;
import org.watchkeeper.core.ref.chokepoint.Chokepoints;

class ChokepointTransitDetectorTest {
    static final long T0 = 1_700_000_000L; // 2023-11-14T22:13:20Z

    @Test
    void shippedChokepointsAreTheFourteenWithSourcesAndValidAreas() {
        List<Chokepoint> c = Chokepoints.shipped();
        assertThat(c).extracting(Chokepoint::id).containsExactly("gibraltar", "dover", "bosporus", "suez", "panama",
                "hormuz", "bab_el_mandeb", "malacca", "singapore", "sunda", "lombok", "taiwan", "luzon",
                "cape_of_good_hope");
        assertThat(c).allSatisfy(k -> {
            assertThat(k.source()).isNotBlank();
            assertThat(k.area().isValid()).isTrue();
        });
        // Named places lie inside their areas: mid-strait Gibraltar, Suez at Ismailia, Singapore Strait
        // off Changi, Bosporus at Rumeli Hisari, the Agulhas meridian at 36 S.
        assertThat(inside("gibraltar", 35.97, -5.6)).isTrue();
        assertThat(inside("suez", 30.57, 32.29)).isTrue();
        assertThat(inside("bosporus", 41.08, 29.06)).isTrue();
        assertThat(inside("cape_of_good_hope", -36.0, 20.05)).isTrue();
        assertThat(inside("singapore", 1.28, 104.09)).isTrue();
        assertThat(inside("gibraltar", 36.5, -4.5)).isFalse(); // Malaga, east of Europa Point
        assertThat(inside("hormuz", 26.5, 56.4)).isFalse(); // inside the Gulf, west of the gate
    }

    static boolean inside(String id, double lat, double lon) {
        Chokepoint c = Chokepoints.shipped().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
        return c.area().covers(new org.locationtech.jts.geom.GeometryFactory()
                .createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)));
    }

    /** Eastbound through Gibraltar at 0.1° of longitude per 10 minutes (≈ 29 kn on paper, fine for a test). */
    static void gibraltarPassage(SyntheticAis ais, int mmsi, long startS, boolean eastbound) {
        for (int i = 0; i <= 20; i++) {
            double lon = eastbound ? -6.6 + 0.1 * i : -4.6 - 0.1 * i;
            ais.fix(mmsi, startS + 600L * i, 35.97, lon, 15, eastbound ? 90 : 270);
        }
    }

    /**
     * A second transmitter on the ship's MMSI far away (an impostor's fix off Luzon, 12 000 km from
     * Gibraltar, 5 min after the ship's fix inside) does not end the ship's passage: it would have cut the
     * transit short at that fix, and the rest of the passage fallen within the 48 h of the recount rule.
     */
    @Test
    void aFixNoShipCouldReachDoesNotEndThePassage() {
        SyntheticAis ais = new SyntheticAis();
        gibraltarPassage(ais, 247000001, T0, true); // inside from i = 7 to i = 12
        List<Observation> obs = new ArrayList<>(ais.observations());
        SyntheticAis impostor = new SyntheticAis();
        impostor.fix(247000001, T0 + 9 * 600 + 300, 14.0, 119.6, 11, 225);
        obs.addAll(impostor.observations());
        obs.sort(java.util.Comparator.comparingLong(Observation::time));
        List<Event> events = SyntheticAis.run(obs, 0, ChokepointTransitDetector.withDefaults());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo((T0 + 7 * 600) * 1000);
            assertThat(e.end()).isEqualTo((T0 + 12 * 600) * 1000);
            assertThat(e.attributes()).containsEntry("chokepoint_id", "gibraltar").containsEntry("fixes", 6);
        });
    }

    @Test
    void passageCountedOnceWithin48HoursAndAgainAfter() {
        SyntheticAis ais = new SyntheticAis();
        gibraltarPassage(ais, 247000001, T0, true); // inside from -5.9 (i=7) to -5.4 (i=12)
        gibraltarPassage(ais, 247000001, T0 + 10 * 3600, false); // back 10 h later: not counted
        gibraltarPassage(ais, 247000001, T0 + 50 * 3600, true); // 50 h after the first: counted
        List<Observation> obs = new ArrayList<>(ais.observations());
        obs.add(0, new IdentityObservation(T0 * 1000 - 1, "t", 247000001, 5, StationClass.A, "TEST", null, -1, 71,
                null, Double.NaN, null, null, -1));
        List<Event> events = SyntheticAis.run(obs, 0, ChokepointTransitDetector.withDefaults());
        assertThat(events).hasSize(2);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.CHOKEPOINT_TRANSIT);
        // The Cape Trafalgar–Cape Spartel line crosses 35.97 N at 5.971 W, Europa Point–Punta Almina at
        // 5.303 W: the first fix inside is -5.9 (i = 7), the last -5.4 (i = 12).
        assertThat(e.start()).isEqualTo((T0 + 7 * 600) * 1000);
        assertThat(e.end()).isEqualTo((T0 + 12 * 600) * 1000);
        assertThat(e.attributes()).containsEntry("chokepoint_id", "gibraltar").containsEntry("ship_type", 71)
                .containsEntry("ship_type_group", "cargo").containsEntry("crossed_between_fixes", false);
        assertThat(events.get(1).start()).isEqualTo((T0 + 50 * 3600 + 7 * 600) * 1000);
        var daily = ChokepointTransitDetector.dailyCounts(events);
        assertThat(daily.get("gibraltar")).containsOnlyKeys(LocalDate.of(2023, 11, 14), LocalDate.of(2023, 11, 17));
        assertThat(daily.get("gibraltar").get(LocalDate.of(2023, 11, 14))).containsEntry("cargo", 1);
        List<Event> chunked = SyntheticAis.runChunked(obs, 4, 24 * 3_600_000L, ChokepointTransitDetector.withDefaults());
        assertThat(SyntheticAis.sorted(chunked)).isEqualTo(SyntheticAis.sorted(events));
    }

    /** The first {@code fixes} fixes of an eastbound {@link #gibraltarPassage}. */
    static void gibraltarUntil(SyntheticAis ais, int mmsi, long startS, int fixes) {
        for (int i = 0; i < fixes; i++) {
            ais.fix(mmsi, startS + 600L * i, 35.97, -6.6 + 0.1 * i, 15, 90);
        }
    }

    /**
     * A passage still inside the strait where the input ends is under way as the end of the input emits
     * it, so a server, whose input does not end, shows what {@code analyze} reports: its ship type as
     * known now (a static report later updates it), its end at the latest fix inside; the fix outside
     * ends it under the same id and it is no longer under way.
     */
    @Test
    void aPassageStillInsideIsUnderWayAsTheEndOfTheInputEmitsIt() {
        SyntheticAis ais = new SyntheticAis();
        gibraltarUntil(ais, 247000001, T0, 10); // inside from i = 7 (-5.9) to the last, i = 9 (-5.7)
        UnderWay u = UnderWay.run(ais.observations(), ChokepointTransitDetector.withDefaults());
        assertThat(u.before()).isEmpty();
        Event shown = u.ongoing().get(0);
        assertThat(u.ongoing()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.CHOKEPOINT_TRANSIT);
            assertThat(e.vessels()).containsExactly(247000001);
            assertThat(e.start()).isEqualTo((T0 + 7 * 600) * 1000);
            assertThat(e.end()).isEqualTo((T0 + 9 * 600) * 1000);
            assertThat(e.attributes()).containsEntry("chokepoint_id", "gibraltar").containsEntry("fixes", 3)
                    .containsEntry("ship_type_group", "unknown").doesNotContainKey("ship_type");
        });

        // the ship's static report, heard after its last fix: the same passage, now a cargo ship's
        List<Observation> withType = new ArrayList<>(ais.observations());
        withType.add(new IdentityObservation((T0 + 9 * 600) * 1000 + 1, "t", 247000001, 5, StationClass.A, "TEST", null, -1,
                71, null, Double.NaN, null, null, -1));
        assertThat(UnderWay.run(withType, ChokepointTransitDetector.withDefaults()).ongoing()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(shown.id());
            assertThat(e.attributes()).containsEntry("ship_type", 71).containsEntry("ship_type_group", "cargo");
        });

        // on through the strait and out: the transit ends at its last fix inside, i = 12
        SyntheticAis through = new SyntheticAis();
        gibraltarUntil(through, 247000001, T0, 14);
        UnderWay out = UnderWay.run(through.observations(), ChokepointTransitDetector.withDefaults());
        assertThat(out.ongoing()).isEmpty();
        assertThat(out.before()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(shown.id());
            assertThat(e.end()).isEqualTo((T0 + 12 * 600) * 1000);
            assertThat(e.attributes()).containsEntry("fixes", 6);
        });
    }

    /**
     * What would not be counted at the end of the input is not under way either: a second passage
     * within 48 h of the counted one, and a ship at anchor inside.
     */
    @Test
    void aPassageNotCountedIsNotUnderWay() {
        SyntheticAis ais = new SyntheticAis();
        gibraltarPassage(ais, 247000001, T0, true);
        gibraltarUntil(ais, 247000001, T0 + 10 * 3600, 10); // back in the strait 10 h later
        for (int i = 0; i < 36; i++) { // at anchor in the Singapore Strait's eastern anchorage
            ais.fix(563000001, T0 + 600L * i, 1.2970 + 0.0005 * (i % 3), 104.0745, 0.1 * (i % 4), 0);
        }
        UnderWay u = UnderWay.run(ais.observations(), ChokepointTransitDetector.withDefaults());
        assertThat(u.before()).singleElement().satisfies(e -> assertThat(e.start()).isEqualTo((T0 + 7 * 600) * 1000));
        assertThat(u.ongoing()).isEmpty();
    }

    @Test
    void sparseFixesAcrossAGateCountAsACrossing() {
        SyntheticAis ais = new SyntheticAis();
        // Hormuz gate along Ras Limah–Ras al Kuh: fixes 40 km either side, one hour apart.
        ais.fix(636000001, T0, 26.2, 56.7, 14, 150);
        ais.fix(636000001, T0 + 3600, 25.6, 56.95, 14, 150);
        List<Event> events = SyntheticAis.run(ais.observations(), 0, ChokepointTransitDetector.withDefaults());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.attributes()).containsEntry("chokepoint_id", "hormuz").containsEntry("crossed_between_fixes", true)
                    .containsEntry("ship_type_group", "unknown");
            assertThat(e.start()).isEqualTo(T0 * 1000);
            assertThat(e.end()).isEqualTo((T0 + 3600) * 1000);
        });
    }

    @Test
    void shipsAtAnchorInsideAreNotTransitsUntilTheySailThrough() {
        SyntheticAis ais = new SyntheticAis();
        // Anchored in the Singapore Strait's eastern anchorage (inside the area) for six hours, swinging
        // within about 100 m at 0-0.3 kn: no transit.
        for (int i = 0; i < 36; i++) {
            ais.fix(563000001, T0 + 600L * i, 1.2970 + 0.0005 * (i % 3), 104.0745, 0.1 * (i % 4), 0);
        }
        // A second ship anchored there the whole time; a third reported once, stopped (a satellite pass).
        for (int i = 0; i < 60; i++) {
            ais.fix(563000002, T0 + 600L * i, 1.2900, 104.0800, 0, 0);
        }
        ais.fix(563000003, T0, 1.2960, 104.0740, 0.2, 0);
        // The first weighs anchor and sails east out of the strait at 12 kn, one fix every 10 min.
        for (int i = 1; i <= 40; i++) {
            ais.fix(563000001, T0 + 6 * 3600 + 600L * i, 1.2970, 104.0745 + 0.033 * i, 12, 90);
        }
        List<Event> events = SyntheticAis.run(ais.observations(), 0, ChokepointTransitDetector.withDefaults());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(563000001);
            assertThat(e.attributes()).containsEntry("chokepoint_id", "singapore").containsEntry("crossed_between_fixes", false);
            // One passage from the first fix at anchor to the last fix inside: the anchorage is part of it.
            assertThat(e.start()).isEqualTo(T0 * 1000);
            assertThat((long) e.attributes().get("span_m")).isGreaterThan(1_852);
        });
        List<Event> chunked = SyntheticAis.runChunked(ais.observations(), 7, 0, ChokepointTransitDetector.withDefaults());
        assertThat(SyntheticAis.sorted(chunked)).isEqualTo(SyntheticAis.sorted(events));
    }

    @Test
    void aSingleFixUnderWayIsATransitAndAStoppedOneIsNot() {
        SyntheticAis ais = new SyntheticAis();
        ais.fix(563000004, T0, 1.2660, 104.0830, 17.9, 80); // one satellite fix in the strait, under way
        ais.fix(563000005, T0, 1.2660, 104.0900, 1.9, 80); // one fix just under 2 kn
        List<Event> events = SyntheticAis.run(ais.observations(), 0, ChokepointTransitDetector.withDefaults());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(563000004);
            assertThat(e.start()).isEqualTo(T0 * 1000).isEqualTo(e.end());
            assertThat(e.attributes()).containsEntry("fixes", 1).containsEntry("mean_speed_kn", 17.9).containsEntry("span_m", 0L);
        });
    }

    @Test
    void fixesNoShipCouldLinkMakeNoCrossing() {
        SyntheticAis ais = new SyntheticAis();
        // A placeholder MMSI shared by two ships 150 km apart either side of the Sunda Strait, 85 s apart.
        ais.fix(0, T0, -6.0716, 106.8891, 0.2, 0);
        ais.fix(0, T0 + 85, -5.8477, 105.5434, 0, 0);
        // One ship reported north of the strait, then south of it two and a half months later.
        ais.fix(525018005, T0, -2.1934, 105.0172, 9.7, 180);
        ais.fix(525018005, T0 + 72 * 86_400L, -7.2202, 105.8514, 9.3, 180);
        // The Hormuz crossing of the test above, 40 km either side: too fast when 10 min apart, too
        // old when 13 h apart.
        ais.fix(636000001, T0, 26.2, 56.7, 14, 150);
        ais.fix(636000001, T0 + 600, 25.6, 56.95, 14, 150);
        ais.fix(636000002, T0, 26.2, 56.7, 14, 150);
        ais.fix(636000002, T0 + 13 * 3600, 25.6, 56.95, 14, 150);
        assertThat(SyntheticAis.run(ais.observations(), 0, ChokepointTransitDetector.withDefaults())).isEmpty();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new ChokepointConfig(0, 1, Double.NaN, 2, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChokepointConfig(0, 1, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChokepointConfig(0, 0, 1, 2, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trafficNearButOutsideIsNotATransit() {
        SyntheticAis ais = new SyntheticAis();
        for (int i = 0; i < 10; i++) {
            ais.fix(247000002, T0 + 600L * i, 36.6, -4.8 + 0.05 * i, 12, 90); // off Malaga
        }
        assertThat(SyntheticAis.run(ais.observations(), 0, ChokepointTransitDetector.withDefaults())).isEmpty();
    }

    @Test
    void fileEntriesNeedASourceAndValidPoints() {
        String noSource = "polygon | x | X | 1 1; 1 2; 2 2\n";
        assertThatThrownBy(() -> Chokepoints.parse(new ByteArrayInputStream(noSource.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1").hasMessageContaining("source");
        String bad = "# somewhere\ncorridor | y | Y | 5 | 91 0; 0 0\n";
        assertThatThrownBy(() -> Chokepoints.parse(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }
}
