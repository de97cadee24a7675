package org.watchkeeper.core.track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Builds per-vessel track segments from position observations in event-time order, rejecting
 * noise and counting it by {@link NoiseReason}. For each fix, in this order:
 * <ol>
 * <li>no usable position → {@link NoiseReason#NOT_AVAILABLE};</li>
 * <li>more than {@code maxFutureMillis} ahead of the clock → {@link NoiseReason#FUTURE}: the live
 *     receive clock when one is given, else the wall clock (data replayed from a file can never be
 *     later than the moment it is replayed; this is the only use of the wall clock, and it cannot
 *     change the result for data recorded in the past);</li>
 * <li>same content as a fix of the same MMSI accepted within {@code duplicateWindowMillis} (one
 *     transmission heard by several stations) → {@link NoiseReason#DUPLICATE};</li>
 * <li>older than the vessel's newest accepted fix → {@link NoiseReason#OUT_OF_ORDER};</li>
 * <li>a low-resolution type 27 fix while a precise fix younger than {@code lowResolutionHoldMillis}
 *     exists → {@link NoiseReason#LOW_RESOLUTION} (case B32: the 1/10-minute fix of a moored vessel
 *     lies ~100 m off and would draw a zig-zag);</li>
 * <li>on land by the land mask's rule → {@link NoiseReason#ON_LAND};</li>
 * <li>otherwise accepted into the open segment of that vessel it fits best: among segments whose
 *     last fix is at most {@code maxGapMillis} old and from which the implied speed (after forgiving
 *     {@code noiseDistanceM}) is at most {@code maxSpeedKnots}, the one needing the lowest speed; if
 *     none fits, a new segment starts. Several open segments per MMSI keep two transmitters that
 *     share an MMSI (or a spoofed one) apart instead of joining them into a zig-zag.</li>
 * </ol>
 * The implied speed uses positions only, never the reported speed, so a speed "not available"
 * (code 1023) never becomes 102.3 kn (case B30).
 *
 * <p>Not thread safe: one tracker per stream (or per key partition). Bounded by
 * {@code maxVessels}: the least recently seen vessel is dropped and its segments closed.
 */
public final class Tracker {
    private static final int RECENT = 8;

    /** What happened to one fix. */
    public record Decision(boolean accepted, NoiseReason reason, Segment segment, boolean newSegment,
                           double derivedSpeedKnots) {
        static Decision reject(NoiseReason r) {
            return new Decision(false, r, null, false, Double.NaN);
        }
    }

    private static final class VesselTrack {
        final List<Segment> open = new ArrayList<>();
        final ArrayDeque<PositionObservation> recent = new ArrayDeque<>();
        long lastTime = Long.MIN_VALUE;
        long lastPreciseTime = Long.MIN_VALUE;
        int segments;
    }

    private final TrackerConfig config;
    private final Consumer<Segment> onClosed;
    private final LongSupplier clock;
    private final Map<NoiseReason, Long> rejected = new EnumMap<>(NoiseReason.class);
    private final LinkedHashMap<Integer, VesselTrack> vessels;
    private long accepted;

    /**
     * @param config settings
     * @param onClosed receives each segment when it is closed (may be null)
     * @param clock receive clock in epoch ms for the future bound; null for the wall clock
     */
    public Tracker(TrackerConfig config, Consumer<Segment> onClosed, LongSupplier clock) {
        this.config = config;
        this.onClosed = onClosed;
        this.clock = clock != null ? clock : System::currentTimeMillis;
        this.vessels = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, VesselTrack> eldest) {
                if (size() > config.maxVessels()) {
                    for (Segment s : eldest.getValue().open) {
                        close(s);
                    }
                    return true;
                }
                return false;
            }
        };
    }

    /** A replay tracker with default settings and no listener. */
    public Tracker() {
        this(TrackerConfig.defaults(), null, null);
    }

    /** Processes one fix. */
    public Decision accept(PositionObservation p) {
        Decision d = decide(p);
        if (d.accepted()) {
            accepted++;
        } else {
            rejected.merge(d.reason(), 1L, Long::sum);
        }
        return d;
    }

    private Decision decide(PositionObservation p) {
        if (!p.hasPosition()) {
            return Decision.reject(NoiseReason.NOT_AVAILABLE);
        }
        long t = p.time();
        long now = clock.getAsLong();
        if (t > now + config.maxFutureMillis()) {
            return Decision.reject(NoiseReason.FUTURE);
        }
        VesselTrack v = vessels.computeIfAbsent(p.mmsi(), k -> new VesselTrack());
        for (PositionObservation r : v.recent) {
            if (Math.abs(r.time() - t) <= config.duplicateWindowMillis() && r.sameContent(p)) {
                return Decision.reject(NoiseReason.DUPLICATE);
            }
        }
        if (t < v.lastTime) {
            return Decision.reject(NoiseReason.OUT_OF_ORDER);
        }
        if (p.lowResolution() && v.lastPreciseTime != Long.MIN_VALUE
                && t - v.lastPreciseTime <= config.lowResolutionHoldMillis()) {
            return Decision.reject(NoiseReason.LOW_RESOLUTION);
        }
        if (config.landMask() != null && config.landMask().isOnLand(p.latitude(), p.longitude(), config.landToleranceM())) {
            return Decision.reject(NoiseReason.ON_LAND);
        }
        // Close segments whose gap is too long; pick the best fitting open one.
        Segment best = null;
        double bestSpeed = Double.POSITIVE_INFINITY;
        for (Iterator<Segment> it = v.open.iterator(); it.hasNext(); ) {
            Segment s = it.next();
            PositionObservation last = s.last();
            long dt = t - last.time();
            if (dt > config.maxGapMillis()) {
                it.remove();
                close(s);
                continue;
            }
            double speed = impliedSpeed(last, p, dt);
            if (speed <= config.maxSpeedKnots() && speed < bestSpeed) {
                best = s;
                bestSpeed = speed;
            }
        }
        boolean fresh = best == null;
        if (fresh) {
            best = new Segment(p.mmsi(), ++v.segments);
            v.open.add(best);
            if (v.open.size() > config.maxOpenSegments()) {
                Segment stalest = Collections.min(v.open.subList(0, v.open.size() - 1),
                        (a, b) -> Long.compare(a.last().time(), b.last().time()));
                v.open.remove(stalest);
                close(stalest);
            }
        }
        double derived = best.add(p);
        v.lastTime = t;
        if (!p.lowResolution()) {
            v.lastPreciseTime = t;
        }
        v.recent.addLast(p);
        if (v.recent.size() > RECENT) {
            v.recent.removeFirst();
        }
        return new Decision(true, null, best, fresh, derived);
    }

    private double impliedSpeed(PositionObservation a, PositionObservation b, long dt) {
        double d = Geodesy.distance(a.latitude(), a.longitude(), b.latitude(), b.longitude()) - config.noiseDistanceM();
        if (d <= 0) {
            return 0;
        }
        if (dt <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
    }

    private void close(Segment s) {
        s.close();
        if (onClosed != null) {
            onClosed.accept(s);
        }
    }

    /** Closes every open segment (end of input); the listener receives each. */
    public void flush() {
        for (VesselTrack v : vessels.values()) {
            for (Segment s : v.open) {
                close(s);
            }
            v.open.clear();
        }
    }

    /** The open segments of a vessel, oldest first (empty if none). */
    public List<Segment> openSegments(int mmsi) {
        VesselTrack v = vessels.get(mmsi);
        return v == null ? List.of() : List.copyOf(v.open);
    }

    /** Rejected fixes by reason (reasons with no rejection are absent). */
    public Map<NoiseReason, Long> rejected() {
        return Collections.unmodifiableMap(new EnumMap<>(rejected));
    }

    /** Number of rejected fixes for one reason. */
    public long rejected(NoiseReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** Number of accepted fixes. */
    public long accepted() {
        return accepted;
    }

    /** Vessels currently held. */
    public int vesselCount() {
        return vessels.size();
    }

    /** The settings. */
    public TrackerConfig config() {
        return config;
    }
}
