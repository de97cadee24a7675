package org.watchkeeper.core.detect.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.core.detect.identity.AisScript.min;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

class IdentityConflictDetectorTest {
    static final int MMSI = 235_000_001;

    /** Transmitter A steams east at 10 kn from 51.0N 1.5E, fixes every minute 0..40; B, 220 km away, every minute 5.5..24.5. */
    static AisScript twoTransmitters() {
        AisScript s = new AisScript();
        for (int m = 0; m <= 40; m++) {
            double[] a = Geodesy.destination(51.0, 1.5, 90, m * 10 * 1852.0 / 60);
            s.position(min(m), MMSI, a[0], a[1], 10, 90, "STA");
            if (m >= 5 && m <= 24) {
                double[] b = Geodesy.destination(53.0, 3.0, 0, (m + 0.5) * 8 * 1852.0 / 60);
                s.position(min(m + 0.5), MMSI, b[0], b[1], 8, 0, "STB");
            }
        }
        return s;
    }

    @Test
    void twoTransmittersSharingAnMmsiAreAConflictFromTheFirstFixInTheSecondPlaceToTheLastAlternation() {
        List<Observation> obs = twoTransmitters().accepted();
        // The picture's tracker keeps both transmitters (separate open segments), so every fix reaches detectors.
        assertThat(obs).hasSize(41 + 20);
        List<Event> events = AisScript.run(obs, IdentityConflictDetector.withDefaults());
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.IDENTITY_CONFLICT);
        assertThat(e.vessels()).containsExactly(MMSI);
        assertThat(e.start()).isEqualTo(min(5.5));
        assertThat(e.end()).isEqualTo(min(25));
        assertThat(e.attributes().get("alternations")).isEqualTo(40);
        assertThat(e.attributes().get("fixes_a")).isEqualTo(41);
        assertThat(e.attributes().get("fixes_b")).isEqualTo(20);
        assertThat(e.attributes().get("duration_s")).isEqualTo(19L * 60 + 30);
        assertThat((double) e.attributes().get("lat_a")).isCloseTo(51.0, within(0.01));
        assertThat((double) e.attributes().get("lat_b")).isCloseTo(53.01, within(0.01));
        long d = (long) e.attributes().get("distance_m");
        assertThat(d).isBetween(240_000L, 250_000L);
        // 244 km in 30 s
        assertThat((double) e.attributes().get("implied_speed_kn")).isGreaterThan(15_000);
        assertThat(e.evidence()).hasSize(40);
        assertThat(e.parameters()).containsEntry("max_speed_kn", 50.0).containsEntry("min_conflict_s", 600L);
    }

    /**
     * Two transmitters on one MMSI heard only on two satellite passes 44 minutes apart (as 001193046 at
     * Auckland and Noumea in an exactEarth log): each pass alone is too short for a conflict, together
     * they are one, because places outlive the pause between passes.
     */
    @Test
    void twoTransmittersSeenOnlyOnSatellitePassesAreOneConflict() {
        AisScript s = new AisScript();
        for (int pass : new int[] {0, 50}) {
            for (int m = pass; m <= pass + 6; m++) {
                s.position(min(m), MMSI, -36.8416, 174.7619, 0, 0, "SAT");
                if (m < pass + 6) {
                    s.position(min(m + 0.5), MMSI, -22.2689, 166.4370, 0, 0, "SAT");
                }
            }
        }
        List<Observation> obs = s.accepted();
        assertThat(obs).hasSize(26);
        List<Event> events = AisScript.run(obs, IdentityConflictDetector.withDefaults());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.IDENTITY_CONFLICT);
            assertThat(e.start()).isEqualTo(min(0.5));
            assertThat(e.end()).isEqualTo(min(56));
            assertThat(e.attributes()).containsEntry("alternations", 24).containsEntry("fixes_a", 14)
                    .containsEntry("fixes_b", 12);
        });
        // places that lived 30 minutes, as a terrestrial feed would need, split it into two short episodes
        IdentityConflictDetector.Config c = IdentityConflictDetector.Config.defaults();
        IdentityConflictDetector thirtyMinutes = new IdentityConflictDetector(new IdentityConflictDetector.Config(
                c.maxSpeedKnots(), c.aircraftMaxSpeedKnots(), c.noiseDistanceMetres(), c.clockSkewMillis(), 1_800_000L,
                c.maxPlaces(), c.minAlternations(), c.minConflictMillis(), c.jumpMaxFixes()));
        assertThat(AisScript.run(obs, thirtyMinutes)).isEmpty();
    }

    @Test
    void sameEventsFromTheNmeaFedInChunks() {
        AisScript s = twoTransmitters();
        for (int m = 50; m <= 70; m++) { // another vessel with one bad fix
            double lon = 4.0 + m * 0.003;
            s.position(min(m), 232_000_002, m == 60 ? 55.0 : 54.0, lon);
        }
        List<Event> whole = AisScript.run(s.accepted(), IdentityConflictDetector.withDefaults());
        assertThat(whole).extracting(Event::kind).containsExactlyInAnyOrder(EventKind.IDENTITY_CONFLICT, EventKind.POSITION_JUMP);
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(AisScript.runChunked(s.text(), 97, seed, IdentityConflictDetector.withDefaults())).isEqualTo(whole);
        }
    }

    @Test
    void aSingleImpossibleFixIsAJumpThatReturns() {
        AisScript s = new AisScript();
        for (int m = 0; m <= 30; m++) {
            double[] a = Geodesy.destination(51.0, 1.5, 90, m * 12 * 1852.0 / 60);
            s.position(min(m), MMSI, m == 10 ? 52.0 : a[0], a[1]);
        }
        List<Event> events = AisScript.run(s.accepted(), IdentityConflictDetector.withDefaults());
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.POSITION_JUMP);
        assertThat(e.start()).isEqualTo(min(10)).isEqualTo(e.end());
        assertThat(e.latitude()).isCloseTo(52.0, within(1e-5));
        assertThat(e.attributes()).containsEntry("returned", true);
        assertThat((long) e.attributes().get("distance_m")).isBetween(110_000L, 112_500L);
        assertThat((double) e.attributes().get("implied_speed_kn")).isBetween(3500.0, 3650.0);
        assertThat(e.attributes().get("from_time")).isEqualTo(java.time.Instant.ofEpochMilli(min(9)).toString());
        assertThat(e.evidence()).hasSize(1);
        assertThat(e.evidence().get(0).time()).isEqualTo(min(10));
    }

    /**
     * A jump whose place has not died (the input stops within the place timeout of it) is under way:
     * {@code ongoing} gives it as the end of the input will emit it, so a server, whose input does not
     * end, shows what {@code analyze} reports. A second fix in the new place makes it no jump, under way
     * or at the end.
     */
    @Test
    void aJumpWhosePlaceHasNotDiedIsUnderWayAsTheEndOfTheInputEmitsIt() {
        AisScript s = new AisScript();
        for (int m = 0; m <= 10; m++) {
            double[] a = Geodesy.destination(51.0, 1.5, 90, m * 12 * 1852.0 / 60);
            s.position(min(m), MMSI, m == 10 ? 52.0 : a[0], a[1]);
        }
        List<Event> ongoing = underWayThenEmitted(s.accepted());
        assertThat(ongoing).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.POSITION_JUMP);
            assertThat(e.start()).isEqualTo(min(10)).isEqualTo(e.end());
            assertThat(e.latitude()).isCloseTo(52.0, within(1e-5));
            assertThat(e.attributes()).containsEntry("returned", false)
                    .containsEntry("from_time", java.time.Instant.ofEpochMilli(min(9)).toString());
        });

        // the next fix a minute on, at ship speed from the jump's fix: the new place is a track of its own
        double jumpLon = Geodesy.destination(51.0, 1.5, 90, 10 * 12 * 1852.0 / 60)[1];
        s.position(min(11), MMSI, 52.0, jumpLon + 0.002);
        assertThat(underWayThenEmitted(s.accepted())).isEmpty();
    }

    /** A conflict long enough whose places have not died is under way as the end of the input emits it. */
    @Test
    void aConflictWhosePlacesHaveNotDiedIsUnderWayAsTheEndOfTheInputEmitsIt() {
        List<Event> ongoing = underWayThenEmitted(twoTransmitters().accepted());
        assertThat(ongoing).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.IDENTITY_CONFLICT);
            assertThat(e.start()).isEqualTo(min(5.5));
            assertThat(e.end()).isEqualTo(min(25));
            assertThat(e.attributes()).containsEntry("alternations", 40).containsEntry("fixes_a", 41).containsEntry("fixes_b", 20);
        });
        // half of it, 5.5 to 10 min of alternation, is too short to be reported, under way or at the end
        List<Observation> shortOne = twoTransmitters().accepted().stream().filter(o -> o.time() <= min(10)).toList();
        assertThat(underWayThenEmitted(shortOne)).isEmpty();
    }

    /**
     * Runs {@code obs} through the detector, takes what {@code ongoing} gives (nothing emitted yet),
     * ends the input, and checks that exactly those events were emitted; returns them.
     */
    private static List<Event> underWayThenEmitted(List<Observation> obs) {
        org.watchkeeper.core.detect.UnderWay u = org.watchkeeper.core.detect.UnderWay.run(obs, IdentityConflictDetector.withDefaults());
        assertThat(u.before()).as("emitted before the end").isEmpty();
        return u.ongoing();
    }

    @Test
    void fastFerryAndSarAircraftAreNotConflicts() {
        AisScript s = new AisScript();
        for (int i = 0; i <= 120; i++) {
            long t = AisScript.T0 + i * 10_000L; // every 10 s for 20 min
            double[] ferry = Geodesy.destination(57.0, 10.0, 45, i * 10 * 42 * Geodesy.METRES_PER_SECOND_PER_KNOT);
            s.position(t, 219_000_003, ferry[0], ferry[1], 42, 45, "STA");
            double[] plane = Geodesy.destination(56.0, 11.0, 200, i * 10 * 280 * Geodesy.METRES_PER_SECOND_PER_KNOT);
            s.sarAircraft(t + 5_000, 111_219_001, plane[0], plane[1], 280, 200);
        }
        assertThat(AisScript.run(s.accepted(), IdentityConflictDetector.withDefaults())).isEmpty();
    }

    @Test
    void oneTransmissionHeardByTwoStationsIsNotAConflict() {
        AisScript s = new AisScript();
        for (int m = 0; m <= 30; m++) {
            double[] a = Geodesy.destination(51.0, 1.5, 90, m * 14 * 1852.0 / 60);
            s.position(min(m), MMSI, a[0], a[1], 14, 90, "STA");
            // the same sentence content through a second station whose clock is 4 s late
            s.position(min(m) + 4_000, MMSI, a[0], a[1], 14, 90, "STB");
        }
        assertThat(AisScript.run(s.accepted(), IdentityConflictDetector.withDefaults())).isEmpty();
        // Even without the picture's duplicate filter: same place, no conflict and no jump.
        List<Observation> raw = new java.util.ArrayList<>();
        new org.watchkeeper.core.observation.ObservationMapper();
        for (Object o : org.watchkeeper.ais.nmea.AisStreamDecoder.decodeAll(s.text(), org.watchkeeper.ais.nmea.Options.DEFAULT)) {
            raw.addAll(new org.watchkeeper.core.observation.ObservationMapper().map((org.watchkeeper.ais.nmea.ReceivedMessage) o));
        }
        assertThat(raw).hasSize(62);
        assertThat(AisScript.run(raw, IdentityConflictDetector.withDefaults())).isEmpty();
    }

    @Test
    void briefAlternationIsNotAConflict() {
        // B appears for 4 minutes only: below the 10-minute window, and its fixes are not single jumps either.
        AisScript s = new AisScript();
        for (int m = 0; m <= 20; m++) {
            s.position(min(m), MMSI, 51.0, 1.5 + m * 0.002);
            if (m >= 5 && m < 9) {
                s.position(min(m + 0.5), MMSI, 53.0, 3.0);
            }
        }
        assertThat(AisScript.run(s.accepted(), IdentityConflictDetector.withDefaults())).isEmpty();
        // With no minimum duration the same input is a conflict of 8 alternations from 5.5 to 9 min.
        IdentityConflictDetector.Config c = IdentityConflictDetector.Config.defaults();
        List<Event> e = AisScript.run(s.accepted(), new IdentityConflictDetector(new IdentityConflictDetector.Config(
                c.maxSpeedKnots(), c.aircraftMaxSpeedKnots(), c.noiseDistanceMetres(), c.clockSkewMillis(),
                c.placeTimeoutMillis(), c.maxPlaces(), c.minAlternations(), 0, c.jumpMaxFixes())));
        assertThat(e).extracting(Event::kind, Event::start, Event::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.IDENTITY_CONFLICT, min(5.5), min(9)));
        assertThat(e.get(0).attributes()).containsEntry("alternations", 8);
    }

    @Test
    void stateIsSerialisable() throws Exception {
        IdentityConflictDetector d = IdentityConflictDetector.withDefaults();
        IdentityConflictDetector.State st = d.createState();
        List<Event> out = new java.util.ArrayList<>();
        org.watchkeeper.core.detect.DetectorContext ctx = new org.watchkeeper.core.detect.DetectorContext() {
            public long key() { return MMSI; }
            public long watermark() { return Long.MIN_VALUE; }
            public void emit(Event e) { out.add(e); }
            public void registerTimer(long t) { }
            public void clearState() { }
            public void deleteTimer(long t) { }
        };
        for (Observation o : twoTransmitters().accepted().subList(0, 20)) {
            d.onObservation(o, st, ctx);
        }
        try (ObjectOutputStream oos = new ObjectOutputStream(new ByteArrayOutputStream())) {
            oos.writeObject(st);
        }
        assertThat(st.placeCount()).isEqualTo(2);
        assertThat(out).isEmpty();
        PositionObservation p = (PositionObservation) twoTransmitters().accepted().get(0);
        assertThat(p.mmsi()).isEqualTo(MMSI);
    }
}
