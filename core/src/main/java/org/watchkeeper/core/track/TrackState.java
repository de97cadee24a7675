package org.watchkeeper.core.track;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.ReportTime;

/**
 * What the {@link Tracker} remembers about one vessel to judge its next fix: the newest fix of each
 * open segment, the last few accepted fixes (duplicate check), the newest accepted and newest
 * precise times, and the number of segments opened so far. Small and bounded
 * ({@link TrackerConfig#maxOpenSegments()} + {@value #RECENT} fixes) and {@link Serializable}, so a
 * distributed host can keep it per vessel in its own keyed state and make exactly the decisions the
 * in-process tracker makes. The rules are described on {@link Tracker}; this class is where they
 * are applied.
 *
 * <p>Not thread safe; mutated by {@link #step}.
 */
public final class TrackState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Accepted fixes kept for the duplicate check. */
    public static final int RECENT = 8;

    /** An open segment as the decision needs it: its number and newest fix. */
    private static final class Open implements Serializable {
        private static final long serialVersionUID = 1L;
        final int number;
        PositionObservation last;

        Open(int number, PositionObservation last) {
            this.number = number;
            this.last = last;
        }
    }

    /**
     * The result of one fix.
     *
     * @param reason why the fix was rejected, or null when accepted
     * @param segment the number of the segment the fix joined (0 when rejected)
     * @param newSegment whether that segment was opened by this fix
     * @param closed numbers of the segments this fix closed (gap too long, or too many open), in the
     *        order they were closed
     */
    public record Step(NoiseReason reason, int segment, boolean newSegment, List<Integer> closed) {
        /** Whether the fix was accepted. */
        public boolean accepted() {
            return reason == null;
        }

        /** One shared rejection per reason (records are immutable): rejections allocate nothing. */
        private static final Step[] REJECT = new Step[NoiseReason.values().length];

        static {
            for (NoiseReason r : NoiseReason.values()) {
                REJECT[r.ordinal()] = new Step(r, 0, false, List.of());
            }
        }

        static Step reject(NoiseReason r) {
            return REJECT[r.ordinal()];
        }
    }

    private final ArrayList<Open> open = new ArrayList<>();
    /** The last {@value #RECENT} accepted fixes, a ring; their times beside them, so the duplicate
     * check reads the fixes only when the time is within the window. */
    private final PositionObservation[] recent = new PositionObservation[RECENT];
    private final long[] recentTimes = new long[RECENT];
    private int recentCount;
    private int recentNext;
    private long lastTime = Long.MIN_VALUE;
    private long lastPreciseTime = Long.MIN_VALUE;
    private int segments;
    /** The accepted fix of the last {@link #judge}: its segment, whether it opened it, the segments it closed. */
    transient int judgedSegment;
    transient boolean judgedNewSegment;
    transient List<Integer> judgedClosed;
    /** Metres from the joined segment's previous newest fix to the accepted one (NaN when it opened a segment). */
    transient double judgedDistanceM;
    /** The newest fix rejected as a {@link NoiseReason#SPEED_OUTLIER}, so its other receptions count as duplicates. */
    private PositionObservation lastOutlier;

    /** A reported SOG more than this factor times the supported speed (plus the margin) is an outlier. */
    static final double SPEED_OUTLIER_FACTOR = 2.0;
    /** Knots added to the supported speed before comparing (GNSS and SOG sensor noise, acceleration). */
    static final double SPEED_OUTLIER_MARGIN_KNOTS = 5.0;
    /**
     * The tracker rejects only speeds at or above this (50 kn, beyond all but a few high-speed craft):
     * below it a ferry leaving its berth can report 12 kn one minute after 0 kn with little distance
     * between the two fixes of a one-minute sampled feed (MarineCadastre 2022-01-03 has 28 such
     * fixes, every one followed by more fast fixes), so only the detectors that need it apply the
     * general rule ({@link #isSpeedOutlier}).
     */
    static final double SPEED_OUTLIER_MIN_KNOTS = 50.0;

    /**
     * The checks that need no vessel memory: position available, and not beyond the future bound.
     *
     * @param now the clock in epoch ms (receive clock when live, else the wall clock)
     * @return the reason to reject, or null
     */
    public static NoiseReason precheck(PositionObservation p, TrackerConfig config, long now) {
        if (!p.hasPosition()) {
            return NoiseReason.NOT_AVAILABLE;
        }
        if (p.time() > now + config.maxFutureMillis()) {
            return NoiseReason.FUTURE;
        }
        return null;
    }

    /** {@link #precheck} and then {@link #step}: the whole decision for one fix. */
    public Step accept(PositionObservation p, TrackerConfig config, long now) {
        NoiseReason r = precheck(p, config, now);
        return r != null ? Step.reject(r) : step(p, config);
    }

    /**
     * Judges a fix that passed {@link #precheck} against this vessel's memory (duplicate, out of
     * order, low resolution, on land, segment choice) and, when it is accepted, remembers it.
     */
    public Step step(PositionObservation p, TrackerConfig config) {
        NoiseReason r = judge(p, config);
        return r != null ? Step.reject(r)
                : new Step(null, judgedSegment, judgedNewSegment, judgedClosed == null ? List.of() : judgedClosed);
    }

    /**
     * {@link #step} without a {@link Step} object (the in-process tracker's path, once per fix):
     * the reason to reject, or null when accepted; then {@link #judgedSegment},
     * {@link #judgedNewSegment} and {@link #judgedClosed} (null: none closed) describe it until the
     * next call.
     */
    NoiseReason judge(PositionObservation p, TrackerConfig config) {
        long t = p.time();
        long window = config.duplicateWindowMillis();
        for (int i = 0; i < recentCount; i++) {
            if (Math.abs(recentTimes[i] - t) <= window && recent[i].sameContent(p)) {
                return NoiseReason.DUPLICATE;
            }
        }
        if (lastOutlier != null && Math.abs(lastOutlier.time() - t) <= window && lastOutlier.sameContent(p)) {
            return NoiseReason.DUPLICATE;
        }
        if (t < lastTime) {
            return NoiseReason.OUT_OF_ORDER;
        }
        if (p.lowResolution() && lastPreciseTime != Long.MIN_VALUE
                && t - lastPreciseTime <= config.lowResolutionHoldMillis()) {
            return NoiseReason.LOW_RESOLUTION;
        }
        if (config.landMask() != null && config.landMask().isOnLand(p.latitude(), p.longitude(), config.landToleranceM())) {
            return NoiseReason.ON_LAND;
        }
        if (speedOutlier(p, config)) {
            lastOutlier = p;
            return NoiseReason.SPEED_OUTLIER;
        }
        // Close segments whose gap is too long; pick the best fitting open one.
        List<Integer> closed = null;
        Open best = null;
        double bestSpeed = Double.POSITIVE_INFINITY;
        double bestDistance = Double.NaN;
        for (var it = open.iterator(); it.hasNext(); ) {
            Open s = it.next();
            long dt = t - s.last.time();
            if (dt > config.maxGapMillis()) {
                it.remove();
                if (closed == null) {
                    closed = new ArrayList<>(2);
                }
                closed.add(s.number);
                continue;
            }
            double d = Geodesy.distance(s.last.latitude(), s.last.longitude(), p.latitude(), p.longitude());
            double speed = impliedSpeed(d, ReportTime.maxIntervalMillis(s.last, p), config.noiseDistanceM());
            if (speed <= config.maxSpeedKnots() && speed < bestSpeed) {
                best = s;
                bestSpeed = speed;
                bestDistance = d;
            }
        }
        boolean fresh = best == null;
        if (fresh) {
            best = new Open(++segments, p);
            open.add(best);
            if (open.size() > config.maxOpenSegments()) {
                Open stalest = null;
                for (int i = 0; i < open.size() - 1; i++) {
                    Open s = open.get(i);
                    if (stalest == null || s.last.time() < stalest.last.time()) {
                        stalest = s;
                    }
                }
                open.remove(stalest);
                if (closed == null) {
                    closed = new ArrayList<>(2);
                }
                closed.add(stalest.number);
            }
        }
        best.last = p;
        lastTime = t;
        if (!p.lowResolution()) {
            lastPreciseTime = t;
        }
        recent[recentNext] = p;
        recentTimes[recentNext] = t;
        recentNext = (recentNext + 1) % RECENT;
        if (recentCount < RECENT) {
            recentCount++;
        }
        judgedSegment = best.number;
        judgedNewSegment = fresh;
        judgedClosed = closed;
        judgedDistanceM = fresh ? Double.NaN : bestDistance;
        return null;
    }

    /**
     * Closes every open segment (end of input, or the vessel is dropped).
     *
     * @return their numbers, oldest opened first
     */
    public List<Integer> closeAll() {
        List<Integer> numbers = new ArrayList<>(open.size());
        for (Open s : open) {
            numbers.add(s.number);
        }
        open.clear();
        return numbers;
    }

    /** Numbers of the open segments, in the order they were opened. */
    public List<Integer> openSegments() {
        List<Integer> numbers = new ArrayList<>(open.size());
        for (Open s : open) {
            numbers.add(s.number);
        }
        return numbers;
    }

    /** Event time of the newest accepted fix, {@code Long.MIN_VALUE} before any. */
    public long lastTime() {
        return lastTime;
    }

    /**
     * Whether the fix reports a speed over ground of at least {@value #SPEED_OUTLIER_MIN_KNOTS} kn that
     * nothing supports: the newest accepted fix
     * {@code q} is at most {@link TrackerConfig#speedOutlierWindowMillis()} older, and the reported
     * SOG exceeds {@value #SPEED_OUTLIER_FACTOR} × max(q's SOG, the speed implied by the distance from
     * q with no noise forgiven) + {@value #SPEED_OUTLIER_MARGIN_KNOTS} kn. A ship cannot report
     * 102.2 kn after reporting 0 kn and moving two metres in a minute and a half (DMA AisAbnormal
     * test track 219165000, 2014-10-05 16:10:10); a ship that really got under way has either reported
     * speed before or moved. Not judged: fixes without SOG, the first fix of a vessel, fixes after a
     * longer silence, fixes at the same time as q, and pairs where either time is uncertain
     * ({@link PositionObservation#timeUncertain()}: the distance moved says nothing then).
     */
    private boolean speedOutlier(PositionObservation p, TrackerConfig config) {
        return recentCount > 0 && p.speedOverGround() >= SPEED_OUTLIER_MIN_KNOTS && isSpeedOutlier(recent[(recentNext - 1 + RECENT) % RECENT], p,
                config.speedOutlierWindowMillis());
    }

    /**
     * The speed outlier rule of {@link #speedOutlier} for any pair: whether {@code p}'s reported SOG
     * is unsupported by the vessel's previous good fix {@code q} (null: not judged).
     *
     * @param windowMillis q at most this much older than p is used (0 or less: never an outlier)
     */
    public static boolean isSpeedOutlier(PositionObservation q, PositionObservation p, long windowMillis) {
        double sog = p.speedOverGround();
        if (q == null || windowMillis <= 0 || Double.isNaN(sog) || !q.hasPosition() || !p.hasPosition()
                || q.timeUncertain() || p.timeUncertain()) {
            return false;
        }
        long dt = p.time() - q.time();
        if (dt <= 0 || dt > windowMillis) {
            return false;
        }
        double implied = impliedSpeed(q, p, dt, 0);
        double before = Double.isNaN(q.speedOverGround()) ? 0 : q.speedOverGround();
        return sog > SPEED_OUTLIER_FACTOR * Math.max(before, implied) + SPEED_OUTLIER_MARGIN_KNOTS;
    }

    /** Implied speed in knots between two fixes after forgiving {@code noiseDistanceM}. */
    static double impliedSpeed(PositionObservation a, PositionObservation b, long dt, double noiseDistanceM) {
        return impliedSpeed(Geodesy.distance(a.latitude(), a.longitude(), b.latitude(), b.longitude()), dt, noiseDistanceM);
    }

    /** {@link #impliedSpeed(PositionObservation, PositionObservation, long, double)} over a distance already measured. */
    private static double impliedSpeed(double distanceM, long dt, double noiseDistanceM) {
        double d = distanceM - noiseDistanceM;
        if (d <= 0) {
            return 0;
        }
        if (dt <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
    }
}
