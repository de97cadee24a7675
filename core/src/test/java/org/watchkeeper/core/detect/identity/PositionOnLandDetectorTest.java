package org.watchkeeper.core.detect.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchkeeper.core.detect.identity.AisScript.min;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.UnderWay;
import org.watchkeeper.core.ref.LandMask;

class PositionOnLandDetectorTest {
    static final LandMask LAND = LandMask.naturalEarth10m();

    @Test
    void repeatedFixesFarInlandAreAnEpisode() {
        AisScript s = new AisScript();
        // 235000001 at sea in the Channel (50.2N 0.5W), then 5 fixes near Oxford (51.75N 1.25W), then at sea again
        for (int m = 0; m < 5; m++) {
            s.position(min(m), 235_000_001, 50.2, -0.5);
        }
        for (int m = 5; m < 10; m++) {
            s.position(min(m), 235_000_001, 51.75, -1.25);
        }
        s.position(min(10), 235_000_001, 50.2, -0.49);
        s.position(min(12), 235_000_001, 51.75, -1.25); // once more inland, within the hour
        s.position(min(14), 235_000_001, 50.2, -0.48);
        // look-alikes: one glitch inland; a base station on land; a ship 500 m off the coast
        s.position(min(3), 235_000_002, 50.2, -0.6);
        s.position(min(4), 235_000_002, 51.75, -1.25);
        s.position(min(5), 235_000_002, 50.2, -0.6);
        s.baseStation(min(6), 2_320_001, 51.75, -1.25);
        s.baseStation(min(7), 2_320_001, 51.75, -1.25);
        s.baseStation(min(8), 2_320_001, 51.75, -1.25);
        for (int m = 0; m < 10; m++) {
            s.position(min(m), 235_000_003, 50.7775, 0.1); // off Newhaven... south of the coast
        }
        var obs = s.accepted();
        obs.sort(java.util.Comparator.comparingLong(o -> o.time()));
        PositionOnLandDetector d = new PositionOnLandDetector(PositionOnLandDetector.Config.defaults(), LAND);
        List<Event> events = AisScript.run(obs, d);
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.POSITION_ON_LAND);
        assertThat(e.vessels()).containsExactly(235_000_001);
        assertThat(e.start()).isEqualTo(min(5));
        assertThat(e.end()).isEqualTo(min(12));
        assertThat(e.attributes()).containsEntry("land_fixes", 6).containsEntry("sea_fixes", 1).containsEntry("duration_s", 420L);
        // Oxford is roughly 60-80 km from the nearest coast of the generalised land
        assertThat((long) e.attributes().get("max_inland_m")).isBetween(40_000L, 100_000L);
        assertThat(e.evidence()).hasSize(6);
        assertThat(AisScript.runChunked(s.text(), 61, 3, d)).hasSize(1);
    }

    /** 235000001 at sea in the Channel for 5 min, then {@code inland} fixes near Oxford a minute apart, where the log ends. */
    private static AisScript inlandAtTheEnd(int inland) {
        AisScript s = new AisScript();
        for (int m = 0; m < 5; m++) {
            s.position(min(m), 235_000_001, 50.2, -0.5);
        }
        for (int m = 5; m < 5 + inland; m++) {
            s.position(min(m), 235_000_001, 51.75, -1.25);
        }
        return s;
    }

    private static UnderWay underWay(AisScript s) {
        return UnderWay.run(s.accepted(), new PositionOnLandDetector(PositionOnLandDetector.Config.defaults(), LAND));
    }

    /**
     * An episode whose hour without an on-land fix has not passed where the input ends is under way as
     * the end of the input emits it, so a server, whose input does not end, shows what {@code analyze}
     * reports; a later on-land fix within the hour extends it under the same id, and once the hour has
     * passed (any vessel heard later) it is emitted as it was shown and is no longer under way.
     */
    @Test
    void anEpisodeWhoseHourHasNotPassedIsUnderWayAsTheEndOfTheInputEmitsIt() {
        UnderWay u = underWay(inlandAtTheEnd(5));
        assertThat(u.before()).isEmpty();
        Event shown = u.ongoing().get(0);
        assertThat(u.ongoing()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.POSITION_ON_LAND);
            assertThat(e.vessels()).containsExactly(235_000_001);
            assertThat(e.start()).isEqualTo(min(5));
            assertThat(e.end()).isEqualTo(min(9));
            assertThat(e.attributes()).containsEntry("land_fixes", 5).containsEntry("sea_fixes", 0).containsEntry("duration_s", 240L);
        });

        // back at sea, then inland once more 50 min after the last: the same episode, longer
        AisScript more = inlandAtTheEnd(5);
        more.position(min(10), 235_000_001, 50.2, -0.49);
        more.position(min(59), 235_000_001, 51.75, -1.25);
        assertThat(underWay(more).ongoing()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(shown.id());
            assertThat(e.end()).isEqualTo(min(59));
            assertThat(e.attributes()).containsEntry("land_fixes", 6).containsEntry("sea_fixes", 1);
        });

        // another vessel heard an hour and a minute after the last on-land fix: the episode has ended
        AisScript later = inlandAtTheEnd(5);
        later.position(min(70), 235_000_009, 50.2, -0.6);
        UnderWay ended = underWay(later);
        assertThat(ended.before()).containsExactly(shown);
        assertThat(ended.ongoing()).isEmpty();

        // two on-land fixes are a glitch, under way or at the end
        UnderWay two = underWay(inlandAtTheEnd(2));
        assertThat(two.before()).isEmpty();
        assertThat(two.ongoing()).isEmpty();
    }
}
