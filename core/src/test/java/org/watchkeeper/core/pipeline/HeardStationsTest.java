package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.HeardObservation;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * A station heard only through messages that carry neither position nor identity is in the picture,
 * with what they tell, and no detector sees them. The MMSIs are those of DMA AisLib's
 * stream_example.txt: the French base station 002275115 (one type 20) and the Belgian inland ship
 * 205464990 (one type 8).
 */
class HeardStationsTest {
    static final long T = 1_276_256_785_366L; // 2010-06-11T11:46:25.366Z
    static final int NA = Observation.NOT_AVAILABLE;

    @Test
    void aStationHeardOnlyThroughBinaryOrManagementMessagesIsInThePicture() {
        List<Observation> toDetectors = new ArrayList<>();
        Analysis analysis = new Analysis(TrackerConfig.defaults(), List.of(new AnalysisListener() {
            @Override
            public void observation(Observation o) {
                toDetectors.add(o);
            }
        }));
        analysis.accept(new HeardObservation(T, "AI", 205_464_990, 8, StationClass.UNKNOWN));
        analysis.accept(new HeardObservation(T + 3_563, "AI", 2_275_115, 20, StationClass.BASE_STATION));
        // a Class A ship: a position, its type 5 and two binary messages after them
        PositionObservation fix = new PositionObservation(T, "AI", 219_021_000, 1, StationClass.A, 55.46678, 11.0167,
                12.3, 182.4, 183, 0, true, false);
        analysis.accept(fix);
        analysis.accept(new IdentityObservation(T + 1_000, "AI", 219_021_000, 5, StationClass.A, "SKAGERRAK", null, NA, 70,
                null, Double.NaN, null, null, NA));
        analysis.accept(new HeardObservation(T + 5_000, "AI", 219_021_000, 6, StationClass.UNKNOWN));
        analysis.accept(new HeardObservation(T + 9_000, "AI", 219_021_000, 8, StationClass.UNKNOWN));

        assertThat(analysis.picture().size()).isEqualTo(3);
        VesselSnapshot ship = analysis.picture().get(205_464_990);
        assertThat(ship.stationClass()).isEqualTo(StationClass.UNKNOWN); // a ship's MMSI: neither A nor B
        assertThat(ship.position()).isNull();
        assertThat(ship.firstSeen()).isEqualTo(T);
        assertThat(ship.lastSeen()).isEqualTo(T);
        assertThat(ship.messages()).isEqualTo(1);
        assertThat(ship.flag().iso2()).isEqualTo("BE");
        VesselSnapshot base = analysis.picture().get(2_275_115);
        assertThat(base.stationClass()).isEqualTo(StationClass.BASE_STATION);
        assertThat(base.lastSeen()).isEqualTo(T + 3_563);
        assertThat(base.flag().iso2()).isEqualTo("FR");
        assertThat(analysis.tally(2_275_115)).isNull(); // no position: no tally
        VesselSnapshot a = analysis.picture().get(219_021_000);
        assertThat(a.messages()).isEqualTo(4);
        assertThat(a.lastSeen()).isEqualTo(T + 9_000);
        assertThat(a.position()).isSameAs(fix);
        assertThat(a.stationClass()).isEqualTo(StationClass.A);
        assertThat(a.name()).isEqualTo("SKAGERRAK");

        assertThat(analysis.heardObservations()).isEqualTo(4);
        assertThat(analysis.positionObservations()).isEqualTo(1);
        assertThat(analysis.identityObservations()).isEqualTo(1);
        assertThat(toDetectors).hasSize(2).noneMatch(o -> o instanceof HeardObservation);
        assertThat(analysis.firstTime()).isEqualTo(T);
        assertThat(analysis.lastTime()).isEqualTo(T + 9_000);
    }

    /**
     * A detection engine passes over a heard observation, whoever feeds it one: no detector sees it (the
     * chokepoint detector took every observation but an identity for a position), it reports no invalid
     * MMSI, moves no watermark and is not late.
     */
    @Test
    void detectorsJudgePositionsAndIdentitiesOnly() {
        List<org.watchkeeper.core.detect.Event> events = new ArrayList<>();
        org.watchkeeper.core.detect.DetectionEngine engine = new org.watchkeeper.core.detect.DetectionEngine(List.of(
                org.watchkeeper.core.detect.chokepoint.ChokepointTransitDetector.withDefaults(),
                org.watchkeeper.core.detect.identity.InvalidIdentityDetector.withDefaults()), events::add, 10_000);
        engine.accept(new PositionObservation(T, "AI", 219_021_000, 1, StationClass.A, 55.46678, 11.0167,
                12.3, 182.4, 183, 0, true, false));
        engine.accept(new HeardObservation(T + 3_600_000, "AI", 100_000_001, 8, StationClass.UNKNOWN));
        engine.accept(new HeardObservation(T - 60_000, "AI", 100_000_002, 6, StationClass.UNKNOWN));
        assertThat(engine.latestTime()).isEqualTo(T);
        assertThat(engine.lateObservations()).isZero();
        engine.accept(new PositionObservation(T + 1_000, "AI", 100_000_003, 1, StationClass.A, 55.1, 11.1, 10, 90, 90, 0,
                true, false));
        engine.finish();
        assertThat(events).extracting(e -> e.vessels().get(0)).containsExactly(100_000_003);
    }

    /** The position and identity of one type 19 or 21, or of one CSV row, are one message of their station. */
    @Test
    void aMessageThatGivesAPositionAndAnIdentityCountsOnce() {
        Analysis analysis = new Analysis(TrackerConfig.defaults(), List.of());
        for (int type : new int[] {21, 0}) {
            int mmsi = type == 21 ? 992_191_515 : 219_021_000;
            StationClass cls = type == 21 ? StationClass.AID_TO_NAVIGATION : StationClass.A;
            analysis.accept(new PositionObservation(T, "r", mmsi, type, cls, 56.3447, 4.271982, Double.NaN, Double.NaN, NA, NA,
                    false, false));
            analysis.accept(new IdentityObservation(T, "r", mmsi, type, cls, "HARALD A, B", null, NA, NA, null, Double.NaN,
                    null, null, 1));
            assertThat(analysis.picture().get(mmsi).messages()).as("type %d", type).isEqualTo(1);
        }
    }
}
