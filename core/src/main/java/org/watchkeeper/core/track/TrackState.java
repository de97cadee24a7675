package org.watchkeeper.core.track;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.MovingReports;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * What the {@link Tracker} remembers about one vessel to judge its next fix: the newest fix of each
 * open segment, the last few accepted fixes (duplicate check), the hashes of the last accepted
 * moving reports ({@link MovingReports}: a moving vessel's report heard again minutes later, where
 * the vessel no longer is, is a {@link NoiseReason#DUPLICATE} too), the newest accepted and newest
 * precise times, and the number of segments opened so far. Small and bounded
 * ({@link TrackerConfig#maxOpenSegments()} + {@value #RECENT} fixes + {@value MovingReports#SIZE}
 * hashes) and {@link Serializable}, so a
 * distributed host can keep it per vessel in its own keyed state and make exactly the decisions the
 * in-process tracker makes. The rules are described on {@link Tracker}; this class is where they
 * are applied.
 *
 * <p>The in-process tracker's per-vessel record ({@link Tracker.Track}) is a {@code TrackState}
 * itself, so that judging a fix reads the vessel's memory from the record it looked up rather than
 * from a further object; the tracker alone drives such a record's state.
 *
 * <p>Not thread safe; mutated by {@link #step}. Serializable (the Flink job keeps it as keyed
 * state); version 2 keeps the open segments' newest fixes as numbers, so a checkpoint holding a
 * version 1 state (the fixes as objects) does not restore; version 3 adds the moving reports.
 */
public class TrackState implements Serializable {
    private static final long serialVersionUID = 3L;

    /** Accepted fixes kept for the duplicate check. */
    public static final int RECENT = 8;

    /**
     * Longs per open segment in {@link #open}: its number, then its newest fix's time (epoch ms),
     * latitude and longitude ({@link Double#doubleToRawLongBits}) and time slack
     * ({@link PositionObservation#timeSlackMillis()}): all the segment choice needs of that fix.
     */
    private static final int OPEN_STRIDE = 5;
    private static final int OPEN_NUMBER = 0;
    private static final int OPEN_TIME = 1;
    private static final int OPEN_LATITUDE = 2;
    private static final int OPEN_LONGITUDE = 3;
    private static final int OPEN_SLACK = 4;

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

    /**
     * The open segments in the order they were opened, {@value #OPEN_STRIDE} longs each (see
     * {@link #OPEN_STRIDE}), in one array so that judging a fix reads its vessel's open segments
     * from one place instead of from each segment's newest observation.
     */
    private long[] open = new long[2 * OPEN_STRIDE];
    private int openCount;
    /**
     * The last {@value #RECENT} accepted fixes, a ring; beside them (in {@link #recentKeys}) their
     * times and {@linkplain #contentKey content keys}, so the duplicate check reads a fix only when
     * its time is within the window and its key equals the new fix's.
     */
    private final PositionObservation[] recent = new PositionObservation[RECENT];
    /** Per ring slot {@code i}: time at {@code 2i}, content key at {@code 2i + 1}. */
    private final long[] recentKeys = new long[2 * RECENT];
    /** The accepted moving reports, to tell a stale repeat ({@link MovingReports}); null until there is one. */
    private MovingReports reports;
    private int recentCount;
    private int recentNext;
    private long lastTime = Long.MIN_VALUE;
    private long lastPreciseTime = Long.MIN_VALUE;
    private int segments;
    /** The accepted fix of the last {@link #judge}: its segment, whether it opened it, the segments it closed. */
    transient int judgedSegment;
    transient boolean judgedNewSegment;
    transient List<Integer> judgedClosed;
    /** The position of the joined segment among the open ones (in the order they were opened) after the last {@link #judge}. */
    transient int judgedIndex;
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
        long key = contentKey(p);
        if (recentCount > 0) {
            // Newest first; accepted times never decrease, so once one is older than the window all the rest are.
            long[] keys = recentKeys;
            for (int k = 0, i = recentNext; k < recentCount; k++) {
                i = (i - 1) & (RECENT - 1);
                long diff = keys[2 * i] - t;
                if (diff < -window) {
                    break;
                }
                if (Math.abs(diff) <= window && keys[2 * i + 1] == key && recent[i].sameContent(p)) {
                    return NoiseReason.DUPLICATE;
                }
            }
        }
        if (lastOutlier != null && Math.abs(lastOutlier.time() - t) <= window && lastOutlier.sameContent(p)) {
            return NoiseReason.DUPLICATE;
        }
        // a moving vessel's report heard again minutes later, where the vessel no longer is: a copy, not a second transmitter
        int reportHash = MovingReports.hash(p, key);
        boolean jump = false;
        if (recentCount > 0 && (reportHash != 0 || reports != null)) { // else nothing to look up, forget or remember
            PositionObservation q = recent[(recentNext - 1) & (RECENT - 1)];
            jump = MovingReports.unreachable(q.latitude(), q.longitude(), q.time(), p);
            if (jump && reportHash != 0 && reports != null && reports.contains(reportHash)) {
                return NoiseReason.DUPLICATE;
            }
        }
        if (t < lastTime) {
            return NoiseReason.OUT_OF_ORDER;
        }
        if (p.lowResolution() && lastPreciseTime != Long.MIN_VALUE
                && t - lastPreciseTime <= config.lowResolutionHoldMillis()) {
            return NoiseReason.LOW_RESOLUTION;
        }
        double lat = p.latitude();
        double lon = p.longitude();
        if (config.landMask() != null && config.landMask().isOnLand(lat, lon, config.landToleranceM())) {
            return NoiseReason.ON_LAND;
        }
        if (speedOutlier(p, config)) {
            lastOutlier = p;
            return NoiseReason.SPEED_OUTLIER;
        }
        // Close segments whose gap is too long (compacting the rest in place); pick the best fitting open one.
        long slack = p.timeSlackMillis();
        long[] o = open;
        List<Integer> closed = null;
        int best = -1;
        double bestSpeed = Double.POSITIVE_INFINITY;
        double bestDistance = Double.NaN;
        int kept = 0;
        for (int r = 0, n = openCount; r < n; r++) {
            int at = r * OPEN_STRIDE;
            long lastT = o[at + OPEN_TIME];
            if (t - lastT > config.maxGapMillis()) {
                if (closed == null) {
                    closed = new ArrayList<>(2);
                }
                closed.add((int) o[at + OPEN_NUMBER]);
                continue;
            }
            if (kept != r) {
                System.arraycopy(o, at, o, kept * OPEN_STRIDE, OPEN_STRIDE);
                at = kept * OPEN_STRIDE;
            }
            double d = Geodesy.distance(Double.longBitsToDouble(o[at + OPEN_LATITUDE]),
                    Double.longBitsToDouble(o[at + OPEN_LONGITUDE]), lat, lon);
            // ReportTime.maxIntervalMillis of the segment's newest fix and p
            long interval = Math.abs(t - lastT) + o[at + OPEN_SLACK] + slack;
            double speed = impliedSpeed(d, interval, config.noiseDistanceM());
            if (speed <= config.maxSpeedKnots() && speed < bestSpeed) {
                best = kept;
                bestSpeed = speed;
                bestDistance = d;
            }
            kept++;
        }
        openCount = kept;
        boolean fresh = best < 0;
        if (fresh) {
            if ((openCount + 1) * OPEN_STRIDE > o.length) {
                o = open = Arrays.copyOf(o, (openCount + 1) * OPEN_STRIDE * 2);
            }
            best = openCount++;
            o[best * OPEN_STRIDE + OPEN_NUMBER] = ++segments;
            if (openCount > config.maxOpenSegments()) {
                int stalest = 0;
                for (int i = 1; i < openCount - 1; i++) {
                    if (o[i * OPEN_STRIDE + OPEN_TIME] < o[stalest * OPEN_STRIDE + OPEN_TIME]) {
                        stalest = i;
                    }
                }
                if (closed == null) {
                    closed = new ArrayList<>(2);
                }
                closed.add((int) o[stalest * OPEN_STRIDE + OPEN_NUMBER]);
                System.arraycopy(o, (stalest + 1) * OPEN_STRIDE, o, stalest * OPEN_STRIDE,
                        (openCount - stalest - 1) * OPEN_STRIDE);
                openCount--;
                best--;
            }
        }
        int at = best * OPEN_STRIDE;
        o[at + OPEN_TIME] = t;
        o[at + OPEN_LATITUDE] = Double.doubleToRawLongBits(lat);
        o[at + OPEN_LONGITUDE] = Double.doubleToRawLongBits(lon);
        o[at + OPEN_SLACK] = slack;
        lastTime = t;
        if (!p.lowResolution()) {
            lastPreciseTime = t;
        }
        recent[recentNext] = p;
        recentKeys[2 * recentNext] = t;
        recentKeys[2 * recentNext + 1] = key;
        recentNext = (recentNext + 1) & (RECENT - 1);
        if (recentCount < RECENT) {
            recentCount++;
        }
        if (jump) {
            if (reports != null) {
                reports.clear(); // another place: its reports are no copies of the track left
            }
        } else if (reportHash != 0) {
            if (reports == null) {
                reports = new MovingReports();
            }
            reports.remember(reportHash);
        }
        judgedSegment = (int) o[at + OPEN_NUMBER];
        judgedIndex = best;
        judgedNewSegment = fresh;
        judgedClosed = closed;
        judgedDistanceM = fresh ? Double.NaN : bestDistance;
        return null;
    }

    /** {@link PositionObservation#contentHash()}: the key kept beside each recent fix. */
    static long contentKey(PositionObservation p) {
        return p.contentHash();
    }

    /**
     * Closes every open segment (end of input, or the vessel is dropped).
     *
     * @return their numbers, oldest opened first
     */
    public List<Integer> closeAll() {
        List<Integer> numbers = openSegments();
        clearOpen();
        return numbers;
    }

    /** Forgets every open segment. */
    final void clearOpen() {
        openCount = 0;
    }

    /** Numbers of the open segments, in the order they were opened. */
    public List<Integer> openSegments() {
        List<Integer> numbers = new ArrayList<>(openCount);
        for (int i = 0; i < openCount; i++) {
            numbers.add((int) open[i * OPEN_STRIDE + OPEN_NUMBER]);
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
        return recentCount > 0 && p.speedOverGround() >= SPEED_OUTLIER_MIN_KNOTS && isSpeedOutlier(recent[(recentNext - 1) & (RECENT - 1)], p,
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
