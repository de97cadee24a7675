package org.watchkeeper.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.ref.LandMask;

class TrackerTest {
    static final long T0 = 1_700_000_000_000L;
    static final int MMSI = 244_123_456;

    static PositionObservation fix(long t, double lat, double lon, double sog) {
        return new PositionObservation(t, "test", MMSI, 1, StationClass.A, lat, lon, sog, 90, 90, 0, true, false);
    }

    /** A vessel steaming east along 10°N at a constant speed, one fix a minute. */
    static List<PositionObservation> steaming(long start, double lon0, double knots, int n) {
        List<PositionObservation> out = new ArrayList<>();
        double[] p = {10, lon0};
        for (int i = 0; i < n; i++) {
            out.add(fix(start + i * 60_000L, p[0], p[1], knots));
            p = Geodesy.destination(p[0], p[1], 90, knots * 1852 / 60);
        }
        return out;
    }

    @Test
    void caseB30SpeedNotAvailableNeverBecomes102() {
        // Real payloads of case B30 (type 1, SOG code 1023), one minute apart (tag block c:).
        String[] payloads = {"13Q4BW@P?wOe>m0Lj2`>4?v00000", "13Q4BW@P?wOe>m0Lj3k>4?v00000", "13Q4BW@P?wOe>m0Lj4v>4?v00000"};
        Tracker tracker = new Tracker();
        ObservationMapper mapper = new ObservationMapper();
        List<Double> derived = new ArrayList<>();
        Segment segment = null;
        for (int i = 0; i < payloads.length; i++) {
            Observation o = mapper.map(AisDecoder.decode(payloads[i], 0), T0 + i * 60_000L, "rTEST").get(0);
            PositionObservation p = (PositionObservation) o;
            assertThat(p.speedOverGround()).isNaN();
            Tracker.Decision d = tracker.accept(p);
            assertThat(d.accepted()).isTrue();
            segment = d.segment();
            derived.add(d.derivedSpeedKnots());
        }
        assertThat(derived.get(0)).isNaN();
        assertThat(derived.get(1)).isCloseTo(1.80, within(0.01));
        assertThat(derived.get(2)).isCloseTo(1.80, within(0.01));
        SegmentStats s = segment.stats();
        assertThat(s.points()).isEqualTo(3);
        assertThat(s.maxReportedSpeedKnots()).isNaN();
        assertThat(s.meanReportedSpeedKnots()).isNaN();
        assertThat(s.meanDerivedSpeedKnots()).isCloseTo(1.80, within(0.01));
        assertThat(s.maxDerivedSpeedKnots()).isCloseTo(1.80, within(0.01)).isLessThan(102);
        assertThat(s.distanceM()).isCloseTo(2 * 0.03 * 1852, within(2.0));
    }

    @Test
    void caseB32LowResolutionFixDoesNotMoveAMooredVessel() {
        Tracker tracker = new Tracker();
        PositionObservation precise = new PositionObservation(T0, "rTEST", 503_456_789, 1, StationClass.A,
                -37.654120, 176.182530, 0, 0, 0, 5, true, false);
        PositionObservation longRange = new PositionObservation(T0 + 60_000, "rTEST", 503_456_789, 27, StationClass.UNKNOWN,
                -37.653333, 176.181667, 0, 0, Observation.NOT_AVAILABLE, 5, false, true);
        PositionObservation again = new PositionObservation(T0 + 180_000, "rTEST", 503_456_789, 1, StationClass.A,
                -37.654120, 176.182530, 0, 0, 0, 5, true, false);
        assertThat(Geodesy.distance(-37.654120, 176.182530, -37.653333, 176.181667)).isCloseTo(115.9, within(0.5));
        assertThat(tracker.accept(precise).accepted()).isTrue();
        Tracker.Decision d27 = tracker.accept(longRange);
        assertThat(d27.accepted()).isFalse();
        assertThat(d27.reason()).isEqualTo(NoiseReason.LOW_RESOLUTION);
        Tracker.Decision d = tracker.accept(again);
        assertThat(d.accepted()).isTrue();
        assertThat(d.newSegment()).isFalse();
        assertThat(d.segment().stats().distanceM()).isZero();
        assertThat(d.segment().stats().maxDerivedSpeedKnots()).isZero();
        assertThat(tracker.rejected(NoiseReason.LOW_RESOLUTION)).isEqualTo(1);
        // Long after the last precise fix, a type 27 fix is the best there is and is kept.
        PositionObservation later = new PositionObservation(T0 + 3_600_000, "sat", 503_456_789, 27, StationClass.UNKNOWN,
                -37.653333, 176.181667, 0, 0, Observation.NOT_AVAILABLE, 5, false, true);
        assertThat(tracker.accept(later).accepted()).isTrue();
    }

    @Test
    void gapAndImpliedSpeedSplitSegments() {
        List<Segment> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults(), closed::add, null);
        List<PositionObservation> leg1 = steaming(T0, 0, 12, 60);
        leg1.forEach(tracker::accept);
        // 25 hours later: a new journey.
        List<PositionObservation> leg2 = steaming(T0 + 25 * 3_600_000L, 5, 12, 30);
        Tracker.Decision first2 = tracker.accept(leg2.get(0));
        assertThat(first2.newSegment()).isTrue();
        assertThat(closed).hasSize(1);
        leg2.subList(1, leg2.size()).forEach(tracker::accept);
        Segment s1 = closed.get(0);
        assertThat(s1.number()).isEqualTo(1);
        SegmentStats st = s1.stats();
        assertThat(st.points()).isEqualTo(60);
        assertThat(st.endTime() - st.startTime()).isEqualTo(59 * 60_000L);
        assertThat(st.distanceM()).isCloseTo(59 * 12 * 1852 / 60.0, within(1.0));
        assertThat(st.meanDerivedSpeedKnots()).isCloseTo(12, within(0.01));
        assertThat(st.maxDerivedSpeedKnots()).isCloseTo(12, within(0.01));
        assertThat(st.meanReportedSpeedKnots()).isEqualTo(12);
        assertThat(st.maxReportedSpeedKnots()).isEqualTo(12);
        // A fix that would need ~600 kn from the last one: another transmitter, another segment...
        long t = leg2.get(29).time() + 60_000;
        Tracker.Decision jump = tracker.accept(fix(t, 10.0, 8.0, 12));
        assertThat(jump.accepted()).isTrue();
        assertThat(jump.newSegment()).isTrue();
        // ...while the real vessel's next fix still continues its own segment.
        double[] next = Geodesy.destination(leg2.get(29).latitude(), leg2.get(29).longitude(), 90, 2 * 12 * 1852 / 60.0);
        Tracker.Decision cont = tracker.accept(fix(t + 60_000, next[0], next[1], 12));
        assertThat(cont.newSegment()).isFalse();
        assertThat(cont.segment().number()).isEqualTo(2);
        assertThat(cont.segment().size()).isEqualTo(31);
        assertThat(tracker.openSegments(MMSI)).hasSize(2);
        tracker.flush();
        assertThat(closed).hasSize(3);
    }

    @Test
    void thresholdsAreConfigurable() {
        Tracker strict = new Tracker(TrackerConfig.defaults().withSegmentation(30 * 60_000L, 10), null, null);
        List<PositionObservation> leg = steaming(T0, 0, 24, 3);
        assertThat(strict.accept(leg.get(0)).newSegment()).isTrue();
        // 741 m in a minute, 556 m beyond the noise allowance = 18 kn: above 10 kn, below the default 25 kn.
        assertThat(strict.accept(leg.get(1)).newSegment()).isTrue();
        Tracker lenient = new Tracker();
        lenient.accept(leg.get(0));
        assertThat(lenient.accept(leg.get(1)).newSegment()).isFalse();
        Tracker gap = new Tracker(TrackerConfig.defaults().withSegmentation(30 * 60_000L, 25), null, null);
        gap.accept(fix(T0, 10, 0, 0));
        assertThat(gap.accept(fix(T0 + 31 * 60_000L, 10, 0, 0)).newSegment()).isTrue();
    }

    @Test
    void noiseIsRejectedAndCountedByReason() {
        Tracker tracker = new Tracker(TrackerConfig.defaults().withLandMask(LandMask.naturalEarth10m()), null, null);
        PositionObservation a = fix(T0, 10, -30, 10);
        assertThat(tracker.accept(a).accepted()).isTrue();
        // Same transmission heard by another station 2 s later.
        PositionObservation dup = new PositionObservation(T0 + 2000, "other", MMSI, 1, StationClass.A, 10, -30, 10, 90, 90, 0, true, false);
        assertThat(tracker.accept(dup).reason()).isEqualTo(NoiseReason.DUPLICATE);
        assertThat(tracker.accept(fix(T0 + 60_000, Double.NaN, Double.NaN, 10)).reason()).isEqualTo(NoiseReason.NOT_AVAILABLE);
        PositionObservation b = fix(T0 + 60_000, 10, -29.9995, 10);
        assertThat(tracker.accept(b).accepted()).isTrue();
        assertThat(tracker.accept(fix(T0 + 30_000, 10, -29.9997, 10)).reason()).isEqualTo(NoiseReason.OUT_OF_ORDER);
        assertThat(tracker.accept(fix(4_102_444_800_000L, 10, -29.999, 10)).reason()).isEqualTo(NoiseReason.FUTURE); // 2100-01-01
        // Paris: well inland.
        PositionObservation paris = new PositionObservation(T0 + 120_000, "x", 227_000_001, 1, StationClass.A, 48.8566, 2.3522, 0, 0, 0, 5, true, false);
        assertThat(tracker.accept(paris).reason()).isEqualTo(NoiseReason.ON_LAND);
        // A berth in Rotterdam is not rejected.
        PositionObservation berth = new PositionObservation(T0 + 120_000, "x", 244_000_001, 1, StationClass.A, 51.95, 4.05, 0, 0, 0, 5, true, false);
        assertThat(tracker.accept(berth).accepted()).isTrue();
        assertThat(tracker.rejected()).containsEntry(NoiseReason.DUPLICATE, 1L).containsEntry(NoiseReason.NOT_AVAILABLE, 1L)
                .containsEntry(NoiseReason.OUT_OF_ORDER, 1L).containsEntry(NoiseReason.FUTURE, 1L).containsEntry(NoiseReason.ON_LAND, 1L);
        assertThat(tracker.accepted()).isEqualTo(3);
    }

    @Test
    void aRecordHeldByTheCallerServesTheTrackerAndCarriesItsData() {
        List<Segment> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults().withMaxVessels(2), closed::add, null);
        Tracker.Track t = tracker.track(MMSI);
        tracker.attach(t, "picture data");
        assertThat(tracker.vesselCount()).isZero(); // no fix judged yet
        assertThat(tracker.accept(fix(T0, 10, 0, 10), t).newSegment()).isTrue();
        assertThat(tracker.accept(fix(T0 + 60_000, 10, 10 / 60.0 / 60, 10), t).derivedSpeedKnots()).isCloseTo(9.855, within(0.01));
        assertThat(tracker.accept(fix(T0 + 60_000, 10, 10 / 60.0 / 60, 10), t).reason()).isEqualTo(NoiseReason.DUPLICATE);
        assertThat(t.acceptedFixes()).isEqualTo(2);
        assertThat(t.highestSegment()).isEqualTo(1);
        assertThat(tracker.findTrack(MMSI, false)).isSameAs(t);
        assertThat(tracker.vesselCount()).isEqualTo(1);
        assertThat(tracker.attachedVessels()).isEqualTo(1);
        PositionObservation other = new PositionObservation(T0, "x", 200_000_001, 1, StationClass.A, 10, 1, 0, 0, 0, 0, true, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.accept(other, t))
                .isInstanceOf(IllegalArgumentException.class);
        tracker.accept(other);
        tracker.track(200_000_002); // a third vessel: MMSI, the least recently used, goes with its data and segment
        assertThat(closed).extracting(Segment::mmsi, Segment::size).containsExactly(org.assertj.core.groups.Tuple.tuple(MMSI, 2));
        assertThat(tracker.findTrack(MMSI, true)).isNull();
        assertThat(tracker.attachedVessels()).isZero();
        assertThat(tracker.vesselCount()).isEqualTo(1);
        assertThat(tracker.tracks()).extracting(Tracker.Track::mmsi).containsExactly(200_000_001, 200_000_002);
    }

    /** A fix of MMSI from transmitter {@code k} of five far apart (10° of longitude between them), each moving east at ~3.5 kn. */
    private static PositionObservation from(int k, long t) {
        return fix(t, 10, 10 * k + (t - T0) / 60_000.0 * 0.001, 10);
    }

    private static int segmentOf(Tracker tracker, PositionObservation p) {
        Tracker.Decision d = tracker.accept(p);
        assertThat(d.accepted()).isTrue();
        return d.segment().number();
    }

    @Test
    void transmittersSharingAnMmsiKeepTheirOwnSegmentsWhileOthersClose() {
        List<Integer> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults(), s -> closed.add(s.number()), null);
        for (int k = 0; k < 4; k++) {
            assertThat(segmentOf(tracker, from(k, T0 + k * 1000))).isEqualTo(k + 1);
        }
        // Each joins its own segment, in any order.
        assertThat(segmentOf(tracker, from(3, T0 + 60_000))).isEqualTo(4);
        assertThat(segmentOf(tracker, from(1, T0 + 61_000))).isEqualTo(2);
        assertThat(segmentOf(tracker, from(0, T0 + 62_000))).isEqualTo(1);
        assertThat(segmentOf(tracker, from(2, T0 + 63_000))).isEqualTo(3);
        // A fifth transmitter: the stalest (transmitter 3's, last fix at +60 s) closes, from the middle of the open ones.
        assertThat(segmentOf(tracker, from(4, T0 + 120_000))).isEqualTo(5);
        assertThat(closed).containsExactly(4);
        assertThat(tracker.openSegments(MMSI)).extracting(Segment::number).containsExactly(1, 2, 3, 5);
        assertThat(segmentOf(tracker, from(2, T0 + 121_000))).isEqualTo(3);
        assertThat(segmentOf(tracker, from(0, T0 + 122_000))).isEqualTo(1);
        assertThat(segmentOf(tracker, from(4, T0 + 123_000))).isEqualTo(5);
        assertThat(segmentOf(tracker, from(1, T0 + 124_000))).isEqualTo(2);
        assertThat(tracker.openSegments(MMSI)).extracting(Segment::size).containsExactly(3, 3, 3, 2);
        // After more than 24 h every open segment closes, oldest opened first, and transmitter 1 opens the sixth.
        assertThat(segmentOf(tracker, from(1, T0 + 25 * 3_600_000L))).isEqualTo(6);
        assertThat(closed).containsExactly(4, 1, 2, 3, 5);
        assertThat(tracker.openSegments(MMSI)).extracting(Segment::number).containsExactly(6);
    }

    @Test
    void duplicatesAreFoundAmongTheRecentFixesByContentOnly() {
        Tracker tracker = new Tracker();
        // Ten fixes 1 s apart, 1 m apart: more than the ring of recent fixes holds.
        for (int i = 0; i < 10; i++) {
            assertThat(tracker.accept(fix(T0 + i * 1000, 10, i * 0.00001, 5)).accepted()).isTrue();
        }
        // The fix of +8 s heard again at +9.5 s (within 10 s of it): a duplicate, though not the newest.
        assertThat(tracker.accept(fix(T0 + 9500, 10, 8 * 0.00001, 5)).reason()).isEqualTo(NoiseReason.DUPLICATE);
        // Same position and time window, another heading, navigation status or message type: new content.
        PositionObservation heading = new PositionObservation(T0 + 9600, "x", MMSI, 1, StationClass.A, 10, 0, 5, 90, 91, 0, true, false);
        assertThat(tracker.accept(heading).accepted()).isTrue();
        PositionObservation status = new PositionObservation(T0 + 9700, "x", MMSI, 1, StationClass.A, 10, 0, 5, 90, 91, 5, true, false);
        assertThat(tracker.accept(status).accepted()).isTrue();
        PositionObservation type3 = new PositionObservation(T0 + 9800, "x", MMSI, 3, StationClass.A, 10, 0, 5, 90, 91, 5, true, false);
        assertThat(tracker.accept(type3).accepted()).isTrue();
        // The first fix (+0 s) again at +10.5 s: outside the window of it, so not a duplicate.
        assertThat(tracker.accept(fix(T0 + 10_500, 10, 0, 5)).accepted()).isTrue();
        assertThat(tracker.rejected()).containsOnlyKeys(NoiseReason.DUPLICATE).containsEntry(NoiseReason.DUPLICATE, 1L);
        assertThat(TrackState.contentKey(fix(T0, 10, 0, 5))).isEqualTo(TrackState.contentKey(fix(T0 + 5000, 10, 0, 5)))
                .isNotEqualTo(TrackState.contentKey(fix(T0, 10, 0, 6)));
    }

    @Test
    void aRecordsStateIsDrivenByItsTrackerOnly() {
        Tracker tracker = new Tracker();
        Tracker.Track t = tracker.track(MMSI);
        tracker.accept(fix(T0, 10, 0, 5), t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.step(fix(T0 + 1000, 10, 0, 5), tracker.config()))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(t::closeAll).isInstanceOf(UnsupportedOperationException.class);
        assertThat(t.openSegments()).containsExactly(1);
        assertThat(t.lastTime()).isEqualTo(T0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.recordFactory(Tracker.Track::new))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void futureBoundFollowsTheClockWhenLive() {
        Tracker live = new Tracker(TrackerConfig.defaults(), null, () -> T0);
        assertThat(live.accept(fix(T0 + 11 * 60_000L, 10, 0, 0)).reason()).isEqualTo(NoiseReason.FUTURE);
        assertThat(live.accept(fix(T0 + 9 * 60_000L, 10, 0, 0)).accepted()).isTrue();
    }

    /** A given receive clock is asked for every fix: a fix beyond its bound is accepted once it has moved on. */
    @Test
    void aReceiveClockIsReadForEveryFix() {
        long[] clock = {T0};
        Tracker live = new Tracker(TrackerConfig.defaults(), null, () -> clock[0]);
        assertThat(live.accept(fix(T0 + 11 * 60_000L, 10, 0, 0)).reason()).isEqualTo(NoiseReason.FUTURE);
        clock[0] = T0 + 2 * 60_000L;
        assertThat(live.accept(fix(T0 + 11 * 60_000L, 10, 0, 0)).accepted()).isTrue();
    }

    /** The wall clock is read again for a fix beyond the bound of its last reading. */
    @Test
    void theWallClockIsReadAgainForAFixBeyondTheLastReading() {
        Tracker tracker = new Tracker(TrackerConfig.defaults(), null, null);
        assertThat(tracker.accept(fix(T0, 10, 0, 0)).accepted()).isTrue(); // reads the clock
        long now = System.currentTimeMillis();
        assertThat(tracker.accept(fix(now, 10, 0.001, 0)).accepted()).isTrue();
        assertThat(tracker.accept(fix(now + 3_600_000L, 10, 0.002, 0)).reason()).isEqualTo(NoiseReason.FUTURE);
    }

    @Test
    void vesselsAreBounded() {
        List<Segment> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults().withMaxVessels(10), closed::add, null);
        for (int i = 0; i < 25; i++) {
            tracker.accept(new PositionObservation(T0 + i, "x", 200_000_000 + i, 1, StationClass.A, 10, i * 0.01, 0, 0, 0, 0, true, false));
        }
        assertThat(tracker.vesselCount()).isEqualTo(10);
        assertThat(closed).hasSize(15);
    }

    @Test
    void aSpeedNothingSupportsIsAnOutlierAndGettingUnderWayIsNot() {
        Tracker tracker = new Tracker(TrackerConfig.defaults(), null, () -> T0 + 3_600_000L);
        // at anchor: 0 kn, then one report of 102.2 kn 91 s later, 2 m away; then 0 kn again
        assertThat(tracker.accept(fix(T0, 10, 0, 0)).accepted()).isTrue();
        PositionObservation glitch = fix(T0 + 91_000, 10.00002, 0, 102.2);
        assertThat(tracker.accept(glitch).reason()).isEqualTo(NoiseReason.SPEED_OUTLIER);
        // the same transmission heard by a second station: a duplicate, not a second outlier
        PositionObservation copy = new PositionObservation(T0 + 91_500, "other", MMSI, 1, StationClass.A, 10.00002, 0, 102.2,
                90, 90, 0, true, false);
        assertThat(tracker.accept(copy).reason()).isEqualTo(NoiseReason.DUPLICATE);
        assertThat(tracker.accept(fix(T0 + 101_000, 10.00002, 0, 0)).accepted()).isTrue();
        // getting under way: 0 kn, 3 min later 8 kn after moving 0.2 nm (4 kn on average): supported
        assertThat(tracker.accept(fix(T0 + 281_000, 10.00002 + 0.2 / 60, 0, 8)).accepted()).isTrue();
        // a fast craft 10 s after standing still: 25 kn, 64 m moved (12.4 kn implied): supported
        assertThat(tracker.accept(fix(T0 + 291_000, 10.00002 + 0.2 / 60 + 64 / 111_195.0, 0, 25)).accepted()).isTrue();
        // a ferry leaving its berth in a one-minute sampled feed (MarineCadastre MMSI 368130870): 0 kn,
        // 63 s later 12.7 kn 36 m away. Unsupported by the general rule, but under 50 kn: the tracker keeps it
        PositionObservation berth = fix(T0 + 400_000, 11, 0, 0);
        PositionObservation leaving = fix(T0 + 463_000, 11 + 36 / 111_195.0, 0, 12.7);
        assertThat(TrackState.isSpeedOutlier(berth, leaving, 600_000)).isTrue();
        assertThat(tracker.accept(berth).accepted()).isTrue();
        assertThat(tracker.accept(leaving).accepted()).isTrue();
        assertThat(tracker.rejected()).containsOnlyKeys(NoiseReason.SPEED_OUTLIER, NoiseReason.DUPLICATE);
        assertThat(tracker.rejected(NoiseReason.SPEED_OUTLIER)).isEqualTo(1);
        // after more than the window the first fast report is not judged
        Tracker late = new Tracker(TrackerConfig.defaults(), null, () -> T0 + 3_600_000L);
        late.accept(fix(T0, 10, 0, 0));
        assertThat(late.accept(fix(T0 + 601_000, 10, 0, 102.2)).accepted()).isTrue();
        // and the check can be turned off
        Tracker off = new Tracker(TrackerConfig.defaults().withSpeedOutlierWindow(0), null, () -> T0 + 3_600_000L);
        off.accept(fix(T0, 10, 0, 0));
        assertThat(off.accept(glitch).accepted()).isTrue();
    }

    /** A report of a vessel steaming north at 2 kn from 57.8°N, made at T0 + {@code made} ms, received at T0 + {@code received}. */
    static PositionObservation report(long made, long received, int utcSecondShift) {
        double lat = 57.8 + 2 * 1852.0 / 3_600_000.0 * made / 111_195.0;
        return new PositionObservation(T0 + received, "test", MMSI, 1, StationClass.A, lat, 11.3, 2.0, 0.0, 0, 0, true, false,
                org.watchkeeper.ais.nmea.TimeSource.PGHP, (int) ((T0 + made) / 1000 % 60 + utcSecondShift) % 60, false);
    }

    /**
     * A moving vessel's report relayed again 17 minutes late (the DMA drift log's base station
     * 992190923 did so for 538004030): rejected as a duplicate, so the track keeps one segment; a fix
     * at the same old place with another UTC second is a report of its own (a second transmitter) and
     * opens a segment beside the first.
     */
    @Test
    void aMovingVesselsReportRelayedMinutesLateIsADuplicate() {
        Tracker tracker = new Tracker();
        for (long t = 0; t <= 1_800_000; t += 10_000) {
            assertThat(tracker.accept(report(t, t + 400, 0)).accepted()).isTrue();
        }
        Tracker.Decision stale = tracker.accept(report(780_000, 1_803_400, 0));
        assertThat(stale.accepted()).isFalse();
        assertThat(stale.reason()).isEqualTo(NoiseReason.DUPLICATE);
        Tracker.Decision other = tracker.accept(report(780_000, 1_803_500, 1));
        assertThat(other.accepted()).isTrue();
        assertThat(other.newSegment()).isTrue();
    }
}
