package org.watchkeeper.core.detect.vessel;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.track.TrackState;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * Sudden speed change, as in the Danish Maritime Authority's AisAbnormal sudden-speed-change
 * analysis: speed over ground falling from above {@link Config#highSpeedKnots} (7 kn) to at most
 * {@link Config#lowSpeedKnots} (1 kn) within {@link Config#maxDropMillis} (30 s), and staying at or
 * below it for {@link Config#sustainMillis} (1 min) — an indicator of a grounding or collision.
 *
 * <p><b>Rule.</b> The detector remembers the vessel's last fix with SOG at or above the high mark (and
 * at most 102.2 kn, the largest value AIS can send, ITU-R M.1371-5 Table 50). A fix at or below the
 * low mark no more than {@code maxDropMillis} after it opens a candidate drop; any later fix above
 * the low mark cancels the candidate; a fix at or below the low mark at least {@code sustainMillis}
 * after the first low fix confirms it and emits one {@link EventKind#SUDDEN_SPEED_CHANGE} event.
 * A drop that is never confirmed (the vessel stops reporting) is not emitted. Fixes without SOG are
 * ignored, and by default so are Class B stations (AisAbnormal analyses Class A only). So are fixes
 * whose time is uncertain ({@link PositionObservation#timeUncertain()}, counted in
 * {@link State#uncertainTimes()}): a drop "within 30 s" cannot be judged on a satellite feed's
 * batch delivery time that may be minutes away from when the report was made.
 *
 * <p><b>Special craft.</b> Unlike AisAbnormal, a vessel whose last static report (type 5) gives a ship
 * type of 50-59, ITU-R M.1371-5 Table 53's special craft (pilot vessels, search and rescue, tugs, port
 * tenders, anti-pollution, law enforcement, medical transports), raises no event by default
 * ({@link Config#exemptSpecialCraft}): stopping from 7 kn within half a minute alongside a quay or a
 * ship is what such craft do all day (a 16 m pilot boat berthing at Fremantle in AMSA's log), not a
 * sign of grounding. The type is judged when the drop is confirmed, so a static report that comes
 * during the minute of low speed counts; a drop suppressed so is counted in
 * {@link State#specialCraftDrops()}.
 *
 * <p><b>Speed outliers.</b> Like AisAbnormal, which accepts any SOG up to 102.2 kn (its own test
 * track 219165000 fires on a ship at anchor reporting 102.2 kn once between 0 kn reports), a fast fix
 * opens a drop even when neither the vessel's previous fix nor the distance moved since supports its
 * SOG ({@link TrackState#isSpeedOutlier}, the tracker's {@code SPEED_OUTLIER} rule). Such an event says
 * so: attribute {@code from_sog_supported} is false, and {@code moved_m} shows how far the ship really
 * went, so an analyst can tell a transponder glitch from a grounding. With
 * {@link Config#ignoreUnsupportedSpeeds} set, unsupported fixes are ignored instead (counted in
 * {@link State#speedOutliers()}). A low fix farther from the high fix than the high speed could cover
 * (plus {@value #REACH_NOISE_M} m) opens no drop: it is another transmitter on the same MMSI, not the
 * same ship stopping.
 *
 * <p>Event: start = the last high fix, end = the first low fix (AisAbnormal's t1 and t2), position =
 * the first low fix. Attributes: {@code from_sog_kn}, {@code to_sog_kn}, {@code drop_s},
 * {@code moved_m} between the two fixes (a drop with no movement behind it — the ship did not move
 * between a fast and a stopped report — is worth a look at the data before the ship),
 * {@code sustained_s} (time below the low mark when confirmed), {@code navigation_status} of the
 * first low fix (ITU-R M.1371-5 Table 45, 0..15; left out when the fix has none, as a CSV row may),
 * {@code from_sog_supported} (whether the fast fix's SOG is supported by the fix before it or by
 * the distance moved). Evidence: the high fix, the low fixes up to confirmation (at most 50).
 */
public final class SuddenSpeedChangeDetector implements Detector<SuddenSpeedChangeDetector.State> {

    /**
     * Parameters.
     *
     * @param highSpeedKnots SOG before the drop at least this: 7 kn (AisAbnormal SPEED_HIGH_MARK)
     * @param lowSpeedKnots SOG after the drop at most this: 1 kn (AisAbnormal SPEED_LOW_MARK)
     * @param maxDropMillis drop within this time: 30 s (AisAbnormal SUDDEN_TIME_SECS)
     * @param sustainMillis low speed kept at least this long after the drop: 60 s (AisAbnormal
     *        SUSTAIN_LOW_SPEED_SECS)
     * @param classAOnly ignore Class B stations: true (AisAbnormal)
     * @param maxEvidence observations kept as evidence: 50
     * @param speedOutlierWindowMillis a fix whose SOG its predecessor (at most this older) does not
     *        support is unsupported: 10 min, the tracker's rule ({@link TrackState#isSpeedOutlier});
     *        0 turns the check off
     * @param ignoreUnsupportedSpeeds ignore fixes with unsupported SOG instead of flagging the event
     *        ({@code from_sog_supported: false}): false, as AisAbnormal, which has no such check
     * @param exemptSpecialCraft raise no event for a vessel that reported ship type 50-59 (special
     *        craft, ITU-R M.1371-5 Table 53): true; AisAbnormal has no such exemption
     */
    public record Config(double highSpeedKnots, double lowSpeedKnots, long maxDropMillis, long sustainMillis,
            boolean classAOnly, int maxEvidence, long speedOutlierWindowMillis, boolean ignoreUnsupportedSpeeds,
            boolean exemptSpecialCraft)
            implements Serializable {

        /** The defaults cited above. */
        public static Config defaults() {
            return new Config(7.0, 1.0, 30_000, 60_000, true, 50, TrackerConfig.DEFAULT_SPEED_OUTLIER_WINDOW_MILLIS,
                    false, true);
        }

        /** These parameters, ignoring fixes with unsupported SOG or not. */
        public Config withIgnoreUnsupportedSpeeds(boolean ignore) {
            return new Config(highSpeedKnots, lowSpeedKnots, maxDropMillis, sustainMillis, classAOnly, maxEvidence,
                    speedOutlierWindowMillis, ignore, exemptSpecialCraft);
        }

        /** These parameters, exempting special craft (ship types 50-59) or not. */
        public Config withExemptSpecialCraft(boolean exempt) {
            return new Config(highSpeedKnots, lowSpeedKnots, maxDropMillis, sustainMillis, classAOnly, maxEvidence,
                    speedOutlierWindowMillis, ignoreUnsupportedSpeeds, exempt);
        }

        /** Validates ranges. */
        public Config {
            if (!(lowSpeedKnots >= 0 && highSpeedKnots > lowSpeedKnots) || maxDropMillis < 0 || sustainMillis < 0
                    || maxEvidence < 2) {
                throw new IllegalArgumentException("invalid sudden speed change configuration");
            }
        }

        Map<String, Object> asParameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("high_speed_kn", highSpeedKnots);
            m.put("low_speed_kn", lowSpeedKnots);
            m.put("max_drop_s", maxDropMillis / 1000.0);
            m.put("sustain_s", sustainMillis / 1000.0);
            m.put("class_a_only", classAOnly);
            m.put("speed_outlier_window_s", speedOutlierWindowMillis / 1000.0);
            m.put("ignore_unsupported_speeds", ignoreUnsupportedSpeeds);
            m.put("exempt_ship_types", exemptSpecialCraft ? "50-59" : "none");
            return m;
        }
    }

    /** Per-vessel state: the last fast fix and a candidate drop. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The newest fix with SOG that was not a speed outlier. */
        PositionObservation previous;
        /** Fixes of this vessel with a SOG not supported by the fix before (ignored or flagged). */
        long speedOutliers;
        PositionObservation lastHigh;
        boolean lastHighSupported;
        boolean dropHighSupported;
        /** The high fix of the candidate drop, or null when there is none. */
        PositionObservation dropHigh;
        PositionObservation dropLow;
        EvidenceSampler evidence;
        /** Fixes of this vessel ignored because their time was uncertain. */
        long uncertainTimes;
        /** The ship type of the vessel's last static report that gave one, or 0 (not available). */
        int shipType;
        /** Confirmed drops raising no event because the vessel is a special craft. */
        long specialCraftDrops;

        /** Confirmed drops that raised no event because the vessel reported ship type 50-59, so far. */
        public long specialCraftDrops() {
            return specialCraftDrops;
        }

        /** Fixes of this vessel whose SOG was not supported by the fix before, so far. */
        public long speedOutliers() {
            return speedOutliers;
        }

        /** Fixes of this vessel ignored because their time was uncertain, so far. */
        public long uncertainTimes() {
            return uncertainTimes;
        }
    }

    /** Largest SOG AIS can report, knots (ITU-R M.1371-5 Table 50: 1022 = 102.2 kn or more). */
    static final double MAX_REPORTABLE_KNOTS = 102.2;

    private final Config config;
    private final Map<String, Object> parameters;

    /** @param config parameters */
    public SuddenSpeedChangeDetector(Config config) {
        this.config = config;
        this.parameters = config.asParameters();
    }

    /** The defaults cited in {@link Config}. */
    public static SuddenSpeedChangeDetector withDefaults() {
        return new SuddenSpeedChangeDetector(Config.defaults());
    }

    @Override
    public String name() {
        return "sudden_speed_change";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (o instanceof IdentityObservation id && id.shipType() > 0) {
            s.shipType = id.shipType();
            return;
        }
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        double sog = p.speedOverGround();
        if (Double.isNaN(sog) || (config.classAOnly() && p.classEvidence() == StationClass.B)) {
            return;
        }
        if (p.timeUncertain()) {
            // A drop within 30 s cannot be judged on a time that may be minutes off.
            s.uncertainTimes++;
            return;
        }
        boolean supported = true;
        if (TrackState.isSpeedOutlier(s.previous, p, config.speedOutlierWindowMillis())) {
            s.speedOutliers++;
            if (config.ignoreUnsupportedSpeeds()) {
                return;
            }
            supported = false;
        } else {
            s.previous = p;
        }
        if (sog > config.lowSpeedKnots()) {
            s.dropHigh = null;
            s.dropLow = null;
            s.evidence = null;
            if (sog >= config.highSpeedKnots() && sog <= MAX_REPORTABLE_KNOTS) {
                s.lastHigh = p;
                s.lastHighSupported = supported;
            }
            return;
        }
        if (s.dropHigh == null) {
            if (s.lastHigh != null && p.time() - s.lastHigh.time() <= config.maxDropMillis() && reachable(s.lastHigh, p)) {
                s.dropHigh = s.lastHigh;
                s.dropHighSupported = s.lastHighSupported;
                s.dropLow = p;
                s.evidence = new EvidenceSampler(config.maxEvidence());
                s.evidence.add(s.lastHigh);
                s.evidence.add(p);
            }
            return;
        }
        s.evidence.add(p);
        long sustained = p.time() - s.dropLow.time();
        if (sustained >= config.sustainMillis()) {
            if (config.exemptSpecialCraft() && s.shipType >= 50 && s.shipType <= 59) {
                s.specialCraftDrops++;
            } else {
                ctx.emit(event(s, sustained));
            }
            s.lastHigh = null;
            s.dropHigh = null;
            s.dropLow = null;
            s.evidence = null;
        }
    }

    /** Positions within this of each other are one place whatever the time between them (GNSS noise), m. */
    static final double REACH_NOISE_M = 500;

    /**
     * Whether the low fix can be the same ship as the high fix: no farther from it than the high
     * speed covers in the time between, plus {@link #REACH_NOISE_M}. Two transmitters sharing an
     * MMSI (one under way, one moored tens of kilometres away) otherwise look like a stop in seconds.
     */
    private static boolean reachable(PositionObservation hi, PositionObservation lo) {
        double d = Geodesy.distance(hi.latitude(), hi.longitude(), lo.latitude(), lo.longitude());
        return d <= hi.speedOverGround() * Geodesy.METRES_PER_SECOND_PER_KNOT * ((lo.time() - hi.time()) / 1000.0) + REACH_NOISE_M;
    }

    private Event event(State s, long sustained) {
        PositionObservation hi = s.dropHigh, lo = s.dropLow;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("from_sog_kn", hi.speedOverGround());
        a.put("to_sog_kn", lo.speedOverGround());
        a.put("drop_s", (lo.time() - hi.time()) / 1000.0);
        a.put("moved_m", Geodesy.distance(hi.latitude(), hi.longitude(), lo.latitude(), lo.longitude()));
        a.put("sustained_s", sustained / 1000.0);
        if (lo.navigationStatus() != Observation.NOT_AVAILABLE) { // a CSV row may give none: left out, not written as -1
            a.put("navigation_status", lo.navigationStatus());
        }
        a.put("from_sog_supported", s.dropHighSupported);
        return Event.of(EventKind.SUDDEN_SPEED_CHANGE, hi.time(), lo.time(), List.of(hi.mmsi()), lo.latitude(),
                lo.longitude(), null, parameters, a, s.evidence.sample());
    }
}
