package org.watchkeeper.core.detect.vessel;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.DistanceBounds;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.DistanceToShore;

/**
 * Loitering, after Global Fishing Watch's loitering events: a vessel moving slower than
 * {@link Config#maxSpeedKnots} (2 kn) on average for at least {@link Config#minDurationMillis} (2 h),
 * at least {@link Config#minShoreDistanceNm} (20 nm) from shore — the signature of a carrier waiting
 * for a transshipment or a vessel drifting at sea, and not of a ship at anchor off a port, which is
 * nearer the coast.
 *
 * <p><b>Episode.</b> A fix qualifies when its speed over ground is below the limit (when the fix has
 * none, the speed implied by the distance from the vessel's previous fix is used) and it lies at
 * least the minimum distance from shore. An episode is a run of qualifying fixes with no silence
 * longer than {@link Config#maxSilenceMillis} (6 h, the gap length: a gap ends the episode); it ends
 * at its last qualifying fix, when a fix does not qualify, when the next qualifying fix comes after
 * a longer silence, or when the silence passes (an event-time timer; at the end of input an open
 * episode is closed at its last fix and reported if it qualifies). It is a {@link
 * EventKind#LOITERING} event when it lasted at least the minimum duration and its average speed
 * (distance travelled along the fixes / duration) is below the limit too.
 *
 * <p>Event: start = first qualifying fix, end = last, position = mean position of the fixes
 * (longitudes averaged on the circle, so correct across the 180° meridian). Attributes:
 * {@code duration_h}, {@code mean_speed_kn} (distance / duration), {@code mean_sog_kn} (reported,
 * NaN if none), {@code distance_nm} travelled, {@code fixes}, {@code distance_from_shore_nm} of the
 * mean position. Evidence: up to 50 fixes spread over the episode.
 *
 * <p>The distance to shore is looked up only when it can have crossed the limit since the last
 * lookup (it changes by at most the distance moved), so slow vessels cost one lookup now and then.
 */
public final class LoiteringDetector implements Detector<LoiteringDetector.State> {

    /**
     * Parameters.
     *
     * @param maxSpeedKnots speed limit of a loitering vessel: 2 kn (GFW loitering events)
     * @param minDurationMillis shortest episode: 2 h (GFW loitering events)
     * @param minShoreDistanceNm at least this far from shore: 20 nm (GFW loitering events)
     * @param maxSilenceMillis longest silence inside an episode: 6 h (the minimum AIS gap of
     *        {@link GapDetector.Config#minGapMillis()})
     * @param maxEvidence observations kept as evidence: 50
     */
    public record Config(double maxSpeedKnots, long minDurationMillis, double minShoreDistanceNm,
            long maxSilenceMillis, int maxEvidence) implements Serializable {

        /** The defaults cited above. */
        public static Config defaults() {
            return new Config(2.0, 2 * GapDetector.HOUR, 20, 6 * GapDetector.HOUR, 50);
        }

        /** Validates ranges. */
        public Config {
            if (!(maxSpeedKnots > 0) || minDurationMillis <= 0 || !(minShoreDistanceNm >= 0)
                    || maxSilenceMillis <= 0 || maxEvidence < 2) {
                throw new IllegalArgumentException("invalid loitering configuration");
            }
        }

        Map<String, Object> asParameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("max_speed_kn", maxSpeedKnots);
            m.put("min_duration_h", minDurationMillis / (double) GapDetector.HOUR);
            m.put("min_shore_distance_nm", minShoreDistanceNm);
            m.put("max_silence_h", maxSilenceMillis / (double) GapDetector.HOUR);
            return m;
        }
    }

    /** Per-vessel state: the previous fix, the open episode and a cached distance to shore. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        PositionObservation previous;
        // open episode (first == null when none)
        PositionObservation first;
        PositionObservation lastQualifying;
        int fixes;
        double distanceM;
        double sumLat, sumCosLon, sumSinLon;
        double sumSog;
        int sogCount;
        EvidenceSampler evidence;
        long timerAt = Long.MIN_VALUE;
        // distance-to-shore cache
        double shoreLat = Double.NaN, shoreLon = Double.NaN, shoreM = Double.NaN;
    }

    private final Config config;
    private final DistanceToShore shore;
    private final Map<String, Object> parameters;

    /**
     * @param config parameters
     * @param shore distance to shore
     */
    public LoiteringDetector(Config config, DistanceToShore shore) {
        this.config = config;
        this.shore = shore;
        this.parameters = config.asParameters();
    }

    /** Defaults over the Natural Earth land mask. */
    public static LoiteringDetector withDefaults() {
        return new LoiteringDetector(Config.defaults(), DistanceToShore.naturalEarth10m());
    }

    @Override
    public String name() {
        return "loitering";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        PositionObservation prev = s.previous;
        s.previous = p;
        double speed = p.speedOverGround();
        if (Double.isNaN(speed)) {
            speed = prev == null ? Double.NaN : Geodesy.impliedSpeedKnots(prev.latitude(), prev.longitude(),
                    p.latitude(), p.longitude(), p.time() - prev.time());
        }
        boolean qualifies = speed < config.maxSpeedKnots() && farFromShore(s, p);
        if (!qualifies) {
            close(s, ctx);
            return;
        }
        if (s.first != null && p.time() - s.lastQualifying.time() > config.maxSilenceMillis()) {
            close(s, ctx);
        }
        if (s.first == null) {
            s.first = p;
            s.evidence = new EvidenceSampler(config.maxEvidence());
        } else {
            PositionObservation l = s.lastQualifying;
            s.distanceM += Geodesy.distance(l.latitude(), l.longitude(), p.latitude(), p.longitude());
        }
        s.lastQualifying = p;
        s.fixes++;
        s.sumLat += p.latitude();
        double lon = Math.toRadians(p.longitude());
        s.sumCosLon += Math.cos(lon);
        s.sumSinLon += Math.sin(lon);
        if (!Double.isNaN(p.speedOverGround())) {
            s.sumSog += p.speedOverGround();
            s.sogCount++;
        }
        s.evidence.add(p);
        if (s.timerAt == Long.MIN_VALUE) {
            s.timerAt = p.time() + config.maxSilenceMillis();
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
        long due = s.lastQualifying.time() + config.maxSilenceMillis();
        if (due > timestamp) {
            s.timerAt = due;
            ctx.registerTimer(due);
            return;
        }
        close(s, ctx);
    }

    private boolean farFromShore(State s, PositionObservation p) {
        double limitM = config.minShoreDistanceNm() * Geodesy.METRES_PER_NAUTICAL_MILE;
        if (!Double.isNaN(s.shoreM)) {
            // bounds on the distance moved decide most fixes without the exact distance
            double h = Geodesy.haversine(s.shoreLat, s.shoreLon, p.latitude(), p.longitude());
            double margin = 1e-6 + 1e-9 * (s.shoreM + limitM);
            if (s.shoreM - DistanceBounds.upper(h) >= limitM + margin) {
                return true;
            }
            if (s.shoreM + DistanceBounds.upper(h) < limitM - margin) {
                return false;
            }
            double moved = Geodesy.distanceOfHaversine(h);
            if (s.shoreM - moved >= limitM) {
                return true;
            }
            if (s.shoreM + moved < limitM) {
                return false;
            }
        }
        s.shoreLat = p.latitude();
        s.shoreLon = p.longitude();
        s.shoreM = shore.metres(p.latitude(), p.longitude());
        return s.shoreM >= limitM;
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
        s.lastQualifying = null;
        s.fixes = 0;
        s.distanceM = 0;
        s.sumLat = s.sumCosLon = s.sumSinLon = s.sumSog = 0;
        s.sogCount = 0;
        s.evidence = null;
    }

    /** The open episode up to its latest slow fix far from shore, once it is long and slow enough. */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        Event e = s.first != null ? episode(s) : null;
        if (e != null) {
            out.accept(e);
        }
    }

    /** The event of the open episode, or null when it is too short or too fast. */
    private Event episode(State s) {
        long duration = s.lastQualifying.time() - s.first.time();
        double meanSpeed = duration == 0 ? 0 : s.distanceM / (duration / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
        if (duration < config.minDurationMillis() || !(meanSpeed < config.maxSpeedKnots())) {
            return null;
        }
        double lat = s.sumLat / s.fixes;
        double lon = Math.toDegrees(Math.atan2(s.sumSinLon, s.sumCosLon));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("duration_h", duration / (double) GapDetector.HOUR);
        a.put("mean_speed_kn", meanSpeed);
        a.put("mean_sog_kn", s.sogCount == 0 ? Double.NaN : s.sumSog / s.sogCount);
        a.put("distance_nm", s.distanceM / Geodesy.METRES_PER_NAUTICAL_MILE);
        a.put("fixes", s.fixes);
        a.put("distance_from_shore_nm", shore.nauticalMiles(lat, lon));
        return Event.of(EventKind.LOITERING, s.first.time(), s.lastQualifying.time(),
                List.of(s.first.mmsi()), lat, lon, null, parameters, a, s.evidence.sample());
    }
}
