package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * The Danish Maritime Authority's AisAbnormal test tracks (shared data, dma-aisabnormal), decoded and
 * de-duplicated by the vessel picture (each message arrives via several base stations), run through
 * all four per-vessel detectors. Times checked by hand against the decoded fixes (SOG, COG, heading,
 * navigation status) around each boundary; see the comments.
 */
class DmaAisAbnormalTest {

    private static List<Event> run(String file) throws IOException {
        return run(file, new VesselPicture());
    }

    private static List<Event> run(String file, VesselPicture picture) throws IOException {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais/dma-aisabnormal", file);
        assumeTrue(Files.isRegularFile(p), "shared DMA AisAbnormal file absent: " + p);
        List<Observation> all = Tracks.decode(Files.readString(p, StandardCharsets.ISO_8859_1));
        List<Observation> accepted = new ArrayList<>();
        for (Observation o : all) {
            Tracker.Decision d = picture.accept(o);
            if (d == null || d.accepted()) {
                accepted.add(o);
            }
        }
        List<Event> whole = Tracks.runObservations(List.of(GapDetector.withDefaults(), LoiteringDetector.withDefaults(),
                DriftDetector.withDefaults(), SuddenSpeedChangeDetector.withDefaults()), accepted, Integer.MAX_VALUE);
        List<Event> chunked = Tracks.runObservations(List.of(GapDetector.withDefaults(), LoiteringDetector.withDefaults(),
                DriftDetector.withDefaults(), SuddenSpeedChangeDetector.withDefaults()), accepted, 97);
        assertThat(chunked).isEqualTo(whole);
        return whole;
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /**
     * DMA's own test expects a sudden speed change here (its analysis accepts any SOG up to 102.2 kn),
     * but the track is a ship at anchor (navigation status 1) reporting 0.0-0.1 kn from 15:56 on, then
     * one transmission at 16:10:10.659 with SOG 102.2 (the largest value AIS can send), COG 4.0 and
     * the position of the report before, then 0.0 kn again from 16:10:21.595: the ship never moved
     * (1.9 m between the fast and the stopped report). That is a transponder glitch, not a grounding.
     * The tracker rejects the 102.2 kn fix as a speed outlier (its four other receptions, heard by
     * other base stations up to 16:10:11.424, as duplicates), so a detector fed the track's accepted
     * fixes only sees no drop; one fed every reception flags it (next test).
     */
    @Test
    void suddenSpeedChange219165000IsASingleFixSpeedGlitch() throws IOException {
        VesselPicture picture = new VesselPicture();
        List<Event> events = run("219165000_ssc_1.ais", picture);
        assertThat(events).isEmpty();
        assertThat(picture.tracker().rejected(NoiseReason.SPEED_OUTLIER)).isEqualTo(1);
        // the tracker drops only the glitch
        VesselPicture unchecked = new VesselPicture(new Tracker(TrackerConfig.defaults().withSpeedOutlierWindow(0), null, null),
                1_000);
        run("219165000_ssc_1.ais", unchecked);
        assertThat(unchecked.tracker().accepted()).isEqualTo(picture.tracker().accepted() + 1);
    }

    /**
     * Hosts that feed the detector every reception (analyze, serve) get AisAbnormal's event, as DMA's
     * test asserts: start at the last fast copy (all five copies of the 102.2 kn report,
     * 16:10:10.659-16:10:11.424, are unsupported by the fix before), end at the first 0 kn report. The
     * event says the fast SOG was not supported and that the ship moved under 5 m. With
     * ignoreUnsupportedSpeeds the detector ignores the glitch instead.
     */
    @Test
    void suddenSpeedChangeOnRawReceptionsIsAisAbnormalsEventFlaggedUnsupported() throws IOException {
        Path p = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais/dma-aisabnormal",
                "219165000_ssc_1.ais");
        assumeTrue(Files.isRegularFile(p), "shared DMA AisAbnormal file absent: " + p);
        List<Observation> all = Tracks.decode(Files.readString(p, StandardCharsets.ISO_8859_1));
        SuddenSpeedChangeDetector d = SuddenSpeedChangeDetector.withDefaults();
        SuddenSpeedChangeDetector.State state = d.createState();
        List<Event> events = new ArrayList<>();
        org.watchkeeper.core.detect.DetectorContext ctx = new org.watchkeeper.core.detect.DetectorContext() {
            @Override public long key() { return 219165000; }
            @Override public long watermark() { return Long.MIN_VALUE; }
            @Override public void emit(Event e) { events.add(e); }
            @Override public void registerTimer(long timestamp) { }
            @Override public void deleteTimer(long timestamp) { }
            @Override public void clearState() { }
        };
        for (Observation o : all) {
            d.onObservation(o, state, ctx);
        }
        assertThat(state.speedOutliers()).isEqualTo(5);
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.SUDDEN_SPEED_CHANGE);
        assertThat(e.start()).isEqualTo(t("2014-10-05T16:10:11.424Z"));
        assertThat(e.end()).isEqualTo(t("2014-10-05T16:10:21.595Z"));
        assertThat((double) e.attributes().get("from_sog_kn")).isEqualTo(102.2);
        assertThat((double) e.attributes().get("to_sog_kn")).isEqualTo(0.0);
        assertThat((double) e.attributes().get("moved_m")).isLessThan(5);
        assertThat(e.attributes().get("from_sog_supported")).isEqualTo(false);
        // the log holds some receptions twice (same time, talker and content): the evidence lists each once
        assertThat(e.evidence()).doesNotHaveDuplicates().hasSize(11);
        assertThat(e.evidence().get(0).time()).isEqualTo(t("2014-10-05T16:10:11.424Z"));

        List<Event> ignoring = Tracks.runObservations(List.of(new SuddenSpeedChangeDetector(
                SuddenSpeedChangeDetector.Config.defaults().withIgnoreUnsupportedSpeeds(true))), all, Integer.MAX_VALUE);
        assertThat(ignoring).isEmpty();
    }

    @Test
    void drift212123000NearBornholm() throws IOException {
        List<Event> events = run("212123000_drift_1.ais");
        assertThat(events).extracting(Event::kind).containsExactlyInAnyOrder(EventKind.DRIFT, EventKind.LOITERING);
        Event drift = events.stream().filter(e -> e.kind() == EventKind.DRIFT).findFirst().orElseThrow();
        // Not under command from 16:53:50; slows to 0.1-0.2 kn by 17:08-17:14 (below the 0.25 kn floor);
        // 17:17:45.699 SOG 0.4, COG 0.1, heading 177: set north stern first. Last drifting fix
        // 05:17:47.412 (0.5 kn, COG 335.8, heading 281); 05:20:46 COG 315 vs heading 280 (35°) and
        // then 1.2, 1.8, 2.7 kn on her heading: under way again.
        assertThat(drift.start()).isEqualTo(t("2014-10-02T17:17:45.699Z"));
        assertThat(drift.end()).isEqualTo(t("2014-10-03T05:17:47.412Z"));
        assertThat((double) drift.attributes().get("distance_m")).isCloseTo(13_098, within(5.0));
        assertThat(drift.attributes().get("steady_fixes")).isEqualTo(0);
        Event loiter = events.stream().filter(e -> e.kind() == EventKind.LOITERING).findFirst().orElseThrow();
        // 16:54:30 SOG 2.0 then 16:54:40.045 SOG 1.9: first fix below 2 kn; 05:26:46.878 SOG 1.8 is the
        // last, 05:29:46 SOG 2.7. Some 26 nm from Bornholm and Sweden, so GFW's rule calls it loitering.
        assertThat(loiter.start()).isEqualTo(t("2014-10-02T16:54:40.045Z"));
        assertThat(loiter.end()).isEqualTo(t("2014-10-03T05:26:46.878Z"));
        assertThat((double) loiter.attributes().get("distance_from_shore_nm")).isCloseTo(26.1, within(1.0));
    }

    @Test
    void drift538004030InTheKattegat() throws IOException {
        List<Event> events = run("538004030_drift_1.ais");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.kind()).isEqualTo(EventKind.DRIFT);
        // 16:37:35.387 COG 22.0 / heading 337 is exactly 45° off (not more); 16:37:54.051 COG 22.7 /
        // 337, 1.9 kn: first drifting fix. 16:57:24.744 COG 21.0 / 335 (46°) is the last; from
        // 16:57:35 (COG 17.7 / 333, 44.7°) the course closes on the heading. 16:50:12.080 (a position
        // 900 m back, COG 5.5), once a steady fix within the episode, is the report of 16:33:13 relayed
        // again 17 min late: a stale repeat the tracker leaves out (MovingReports).
        assertThat(e.start()).isEqualTo(t("2014-09-28T16:37:54.051Z"));
        assertThat(e.end()).isEqualTo(t("2014-09-28T16:57:24.744Z"));
        assertThat(e.attributes().get("steady_fixes")).isEqualTo(0);
        assertThat((double) e.attributes().get("mean_sog_kn")).isCloseTo(1.95, within(0.01));
    }
}
