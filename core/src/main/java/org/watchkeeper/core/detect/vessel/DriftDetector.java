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
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Drift, as in the Danish Maritime Authority's AisAbnormal drift analysis: a vessel whose course
 * over ground is far from where its bow points, at low speed, for a sustained time and distance —
 * it is being set by wind and current rather than steering, e.g. after an engine failure.
 *
 * <p><b>Drifting fix.</b> A fix with speed over ground, course over ground and true heading all
 * available, {@link Config#minSpeedKnots} ≤ SOG ≤ {@link Config#maxSpeedKnots}, the smallest angle
 * between COG and heading greater than {@link Config#minCourseHeadingDeviationDeg}, and a navigation
 * status other than at anchor (1) or moored (5) (ITU-R M.1371-5 Table 45), whose swinging around an
 * anchor or a berth looks the same. A fix with SOG, COG and heading available that does not meet
 * this is a steady fix; fixes missing any of the three (type 27, many Class B) are neutral.
 *
 * <p><b>Episode.</b> Drifting fixes with no silence longer than {@link Config#maxSilenceMillis}
 * between them; steady fixes interrupt it only when they last: the episode ends at its last
 * drifting fix once the vessel has been steady for longer than {@link Config#steadyToleranceMillis}
 * (a lone fix in which the gyro and the GNSS course happen to agree does not end a drift), when
 * the next drifting fix comes after a longer silence, or when that silence passes (an event-time
 * timer; at the end of input an open episode is closed at its last drifting fix). It is a
 * {@link EventKind#DRIFT} event when it lasted at least {@link Config#minDurationMillis} and the
 * vessel moved more than {@link Config#minDistanceMetres} from where it started drifting
 * (AisAbnormal's observation period and distance).
 *
 * <p><b>Jumps.</b> A drifting fix that the episode's last drifting fix could not reach (the
 * distance between them, less {@link Config#noiseDistanceMetres}, needs more than
 * {@link Config#maxJumpSpeedKnots}: the segmentation rule of Global Fishing Watch's AIS segmenter,
 * gpsdio-segment, as the {@link org.watchkeeper.core.track.Tracker} applies it) is held, not added:
 * when the next drifting fix is reachable from the episode, the held fix was a stray position (a bad
 * GNSS fix, another transmitter with the same MMSI) and is dropped; when the next one is reachable
 * only from the held fix, the vessel is where the held fix says, so the episode ends at its last
 * drifting fix and a new one starts at the held fix. A drift's start and end, and so its distance,
 * are therefore never a lone stray position.
 *
 * <p>Event: start = first drifting fix, end = last, position = the last drifting fix. Attributes:
 * {@code duration_min}, {@code distance_m} (start to end, straight), {@code drift_speed_kn} (that
 * distance over the duration), {@code mean_sog_kn}, {@code mean_deviation_deg} (COG versus heading),
 * {@code drifting_fixes}, {@code steady_fixes} tolerated inside. Evidence: up to 50 drifting fixes.
 *
 * <p>Differences from AisAbnormal: no ship type or size filter (AisAbnormal looks only at long
 * cargo, tanker and passenger ships; here it can be done on the events with the vessel picture),
 * the low speed bound is 0.25 kn rather than 1 kn (a ship without propulsion in the Baltic drifts at
 * half a knot, see the DMA test track of MMSI 212123000), and short interruptions are tolerated.
 */
public final class DriftDetector implements Detector<DriftDetector.State> {

    /**
     * Parameters.
     *
     * @param minSpeedKnots lowest SOG of a drifting fix: 0.25 kn (AMSA's drift detector in amsa-code/risky
     *        "behaviour-detector": below it COG is GNSS noise)
     * @param maxSpeedKnots highest SOG of a drifting fix: 5 kn (AisAbnormal drift analysis)
     * @param minCourseHeadingDeviationDeg COG and heading differ by more than this: 45° (AisAbnormal;
     *        also AMSA's drift detector)
     * @param minDurationMillis shortest drift: 10 min (AisAbnormal's observation period)
     * @param minDistanceMetres drift must cover more than this, start to end: 500 m (AisAbnormal)
     * @param steadyToleranceMillis steady fixes lasting up to this do not end a drift: 5 min
     * @param maxSilenceMillis longest silence inside a drift: 30 min (a drifting class A ship reports
     *        every 3 min; a longer silence leaves what it did unknown)
     * @param maxEvidence observations kept as evidence: 50
     * @param maxJumpSpeedKnots a drifting fix that the last one could reach only faster than this is a
     *        jump (see the class comment): 25 kn (GFW's segmenter, as the tracker's default)
     * @param noiseDistanceMetres distance forgiven before that speed is taken, so that GNSS jitter
     *        between fixes seconds apart is no jump: 185.2 m (0.1 nmi, as the tracker's default)
     */
    public record Config(double minSpeedKnots, double maxSpeedKnots, double minCourseHeadingDeviationDeg,
            long minDurationMillis, double minDistanceMetres, long steadyToleranceMillis, long maxSilenceMillis,
            int maxEvidence, double maxJumpSpeedKnots, double noiseDistanceMetres) implements Serializable {

        /** The defaults cited above. */
        public static Config defaults() {
            return new Config(0.25, 5.0, 45, 10 * MINUTE, 500, 5 * MINUTE, 30 * MINUTE, 50, 25, 185.2);
        }

        /** Validates ranges. */
        public Config {
            if (!(minSpeedKnots >= 0 && maxSpeedKnots > minSpeedKnots) || !(minCourseHeadingDeviationDeg >= 0
                    && minCourseHeadingDeviationDeg < 180) || minDurationMillis < 0 || steadyToleranceMillis < 0
                    || maxSilenceMillis <= 0 || maxEvidence < 2 || !(maxJumpSpeedKnots > maxSpeedKnots)
                    || !(noiseDistanceMetres >= 0)) {
                throw new IllegalArgumentException("invalid drift configuration");
            }
        }

        Map<String, Object> asParameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("min_speed_kn", minSpeedKnots);
            m.put("max_speed_kn", maxSpeedKnots);
            m.put("min_course_heading_deviation_deg", minCourseHeadingDeviationDeg);
            m.put("min_duration_min", minDurationMillis / (double) MINUTE);
            m.put("min_distance_m", minDistanceMetres);
            m.put("steady_tolerance_min", steadyToleranceMillis / (double) MINUTE);
            m.put("max_silence_min", maxSilenceMillis / (double) MINUTE);
            m.put("max_jump_speed_kn", maxJumpSpeedKnots);
            return m;
        }
    }

    /** Per-vessel state: the open drift episode, if any. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        PositionObservation first;
        PositionObservation lastDrifting;
        int driftingFixes;
        int steadyFixes;
        double sumSog;
        double sumDeviation;
        /** Time of the first steady fix after the last drifting one, or Long.MIN_VALUE. */
        long steadySince = Long.MIN_VALUE;
        int steadyPending;
        EvidenceSampler evidence;
        long timerAt = Long.MIN_VALUE;
        /** A drifting fix the episode could not reach, held until the next drifting fix tells (see Jumps). */
        PositionObservation held;
    }

    static final long MINUTE = 60_000L;
    private static final int AT_ANCHOR = 1;
    private static final int MOORED = 5;

    private final Config config;
    private final Map<String, Object> parameters;

    /** @param config parameters */
    public DriftDetector(Config config) {
        this.config = config;
        this.parameters = config.asParameters();
    }

    /** The defaults cited in {@link Config}. */
    public static DriftDetector withDefaults() {
        return new DriftDetector(Config.defaults());
    }

    @Override
    public String name() {
        return "drift";
    }

    @Override
    public State createState() {
        return new State();
    }

    /** The smallest angle between two directions, degrees 0..180. */
    static double angleBetween(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        double sog = p.speedOverGround();
        double cog = p.courseOverGround();
        int hdg = p.heading();
        if (Double.isNaN(sog) || Double.isNaN(cog) || hdg == Observation.NOT_AVAILABLE) {
            return; // neutral
        }
        double deviation = angleBetween(cog, hdg);
        int nav = p.navigationStatus();
        boolean drifting = sog >= config.minSpeedKnots() && sog <= config.maxSpeedKnots()
                && deviation > config.minCourseHeadingDeviationDeg() && nav != AT_ANCHOR && nav != MOORED;
        long t = p.time();
        if (!drifting) {
            if (s.first != null) {
                if (s.steadySince == Long.MIN_VALUE) {
                    s.steadySince = t;
                }
                s.steadyPending++;
                if (t - s.steadySince > config.steadyToleranceMillis()) {
                    close(s, ctx);
                }
            }
            return;
        }
        if (s.first != null && t - s.lastDrifting.time() > config.maxSilenceMillis()) {
            close(s, ctx);
        }
        if (s.first != null && jump(s.lastDrifting, p)) {
            PositionObservation held = s.held;
            if (held == null || jump(held, p)) {
                s.held = p;
                return;
            }
            // the vessel is where the held fix put it: the episode ended before the jump
            close(s, ctx);
            add(held, angleBetween(held.courseOverGround(), held.heading()), s, ctx);
        }
        s.held = null;
        add(p, deviation, s, ctx);
    }

    /** Whether {@code b} lies beyond where the vessel at {@code a} could have got (see Jumps). */
    private boolean jump(PositionObservation a, PositionObservation b) {
        double d = Geodesy.distance(a.latitude(), a.longitude(), b.latitude(), b.longitude()) - config.noiseDistanceMetres();
        if (d <= 0) {
            return false;
        }
        long dt = b.time() - a.time();
        return dt <= 0 || d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT > config.maxJumpSpeedKnots();
    }

    /** Adds drifting fix {@code p} to the open episode, opening one when there is none. */
    private void add(PositionObservation p, double deviation, State s, DetectorContext ctx) {
        long t = p.time();
        double sog = p.speedOverGround();
        if (s.first == null) {
            s.first = p;
            s.evidence = new EvidenceSampler(config.maxEvidence());
        }
        s.steadyFixes += s.steadyPending;
        s.steadyPending = 0;
        s.steadySince = Long.MIN_VALUE;
        s.lastDrifting = p;
        s.driftingFixes++;
        s.sumSog += sog;
        s.sumDeviation += deviation;
        s.evidence.add(p);
        if (s.timerAt == Long.MIN_VALUE) {
            s.timerAt = t + config.maxSilenceMillis();
            ctx.registerTimer(s.timerAt);
        }
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (timestamp != s.timerAt) {
            return;
        }
        s.timerAt = Long.MIN_VALUE;
        if (s.first == null) {
            return;
        }
        long due = s.lastDrifting.time() + config.maxSilenceMillis();
        if (due > timestamp) {
            s.timerAt = due;
            ctx.registerTimer(due);
            return;
        }
        close(s, ctx);
    }

    private void close(State s, DetectorContext ctx) {
        if (s.first == null) {
            return;
        }
        Event e = episode(s);
        if (e != null) {
            ctx.emit(e);
        }
        s.first = null;
        s.lastDrifting = null;
        s.driftingFixes = 0;
        s.steadyFixes = 0;
        s.steadyPending = 0;
        s.sumSog = 0;
        s.sumDeviation = 0;
        s.steadySince = Long.MIN_VALUE;
        s.evidence = null;
        s.held = null;
    }

    /**
     * The open episode as the end of the input would close it (at its last drifting fix, a fix held
     * as a possible jump left out, steady fixes after the last drifting one not counted), once it is
     * long and far enough: a host whose input goes on (the server) shows it as under way, with the id
     * it keeps when it ends, so that what it stores and shows equals what {@code analyze} reports.
     * A later drifting fix extends it; steady fixes for longer than the tolerance, or a silence, end it
     * as it stands.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        Event e = s.first != null ? episode(s) : null;
        if (e != null) {
            out.accept(e);
        }
    }

    /** The event of the open episode (ending at its last drifting fix), or null when it is too short or too near. */
    private Event episode(State s) {
        PositionObservation a = s.first, b = s.lastDrifting;
        long duration = b.time() - a.time();
        double dist = Geodesy.distance(a.latitude(), a.longitude(), b.latitude(), b.longitude());
        if (duration < config.minDurationMillis() || !(dist > config.minDistanceMetres())) {
            return null;
        }
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("duration_min", duration / (double) MINUTE);
        at.put("distance_m", dist);
        at.put("drift_speed_kn", duration == 0 ? 0 : dist / (duration / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT);
        at.put("mean_sog_kn", s.sumSog / s.driftingFixes);
        at.put("mean_deviation_deg", s.sumDeviation / s.driftingFixes);
        at.put("drifting_fixes", s.driftingFixes);
        at.put("steady_fixes", s.steadyFixes);
        return Event.of(EventKind.DRIFT, a.time(), b.time(), List.of(a.mmsi()), b.latitude(), b.longitude(),
                null, parameters, at, s.evidence.sample());
    }
}
