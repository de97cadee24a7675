package org.watchkeeper.core.track;

import java.util.Collections;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.ReportTime;
import org.watchkeeper.core.util.IntLruMap;

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
 * <li>a reported speed over ground of 50 kn or more that neither the vessel's newest accepted fix (at
 *     most {@code speedOutlierWindowMillis} older) nor the distance moved since supports: more than twice
 *     the larger of the two plus 5 kn → {@link NoiseReason#SPEED_OUTLIER} (a single-fix glitch such as
 *     102.2 kn reported by a ship at anchor; its other receptions then count as duplicates); not
 *     judged when either fix's time is uncertain ({@link PositionObservation#timeUncertain()});</li>
 * <li>otherwise accepted into the open segment of that vessel it fits best: among segments whose
 *     last fix is at most {@code maxGapMillis} old and from which the implied speed (after forgiving
 *     {@code noiseDistanceM}) is at most {@code maxSpeedKnots}, the one needing the lowest speed; if
 *     none fits, a new segment starts. Several open segments per MMSI keep two transmitters that
 *     share an MMSI (or a spoofed one) apart instead of joining them into a zig-zag. The interval is
 *     widened by both fixes' time slack ({@link ReportTime#maxIntervalMillis}; e.g. 3 h for a
 *     satellite feed's batch delivery time), so fixes whose times are not their report times do
 *     not split a track.</li>
 * </ol>
 * The implied speed uses positions only, never the reported speed, so a speed "not available"
 * (code 1023) never becomes 102.3 kn (case B30).
 *
 * <p>Not thread safe: one tracker per stream (or per key partition). Bounded by
 * {@code maxVessels}: the least recently seen vessel is dropped and its segments closed.
 */
public final class Tracker {
    /** What happened to one fix. */
    public record Decision(boolean accepted, NoiseReason reason, Segment segment, boolean newSegment,
                           double derivedSpeedKnots) {
        /** One shared rejection per reason (records are immutable): rejections allocate nothing. */
        private static final Decision[] REJECT = new Decision[NoiseReason.values().length];

        static {
            for (NoiseReason r : NoiseReason.values()) {
                REJECT[r.ordinal()] = new Decision(false, r, null, false, Double.NaN);
            }
        }

        static Decision reject(NoiseReason r) {
            return REJECT[r.ordinal()];
        }
    }

    /** One vessel: its decision memory and the segment objects the tracker builds for it. */
    private static final class VesselTrack {
        final TrackState state = new TrackState();
        /** Open segments in the order they were opened (the same order as the state's); a few at most. */
        final ArrayList<Segment> open = new ArrayList<>(2);

        Segment segment(int number) {
            for (int i = 0, n = open.size(); i < n; i++) {
                Segment s = open.get(i);
                if (s.number() == number) {
                    return s;
                }
            }
            return null;
        }

        Segment remove(int number) {
            Segment s = segment(number);
            open.remove(s);
            return s;
        }
    }

    private static final java.util.function.IntFunction<VesselTrack> NEW_TRACK = k -> new VesselTrack();

    private final TrackerConfig config;
    private final Consumer<Segment> onClosed;
    private final LongSupplier clock;
    private static final NoiseReason[] REASONS = NoiseReason.values();
    private final long[] rejected = new long[REASONS.length];
    private final IntLruMap<VesselTrack> vessels;
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
        this.vessels = new IntLruMap<>(config.maxVessels(), (mmsi, eldest) -> {
            for (Segment s : eldest.open) {
                close(s);
            }
        });
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
            rejected[d.reason().ordinal()]++;
        }
        return d;
    }

    private Decision decide(PositionObservation p) {
        NoiseReason pre = TrackState.precheck(p, config, clock.getAsLong());
        if (pre != null) {
            return Decision.reject(pre);
        }
        VesselTrack v = vessels.computeIfAbsent(p.mmsi(), NEW_TRACK);
        TrackState state = v.state;
        NoiseReason reason = state.judge(p, config);
        if (reason != null) {
            return Decision.reject(reason);
        }
        List<Integer> closed = state.judgedClosed;
        if (closed != null) {
            for (int i = 0, n = closed.size(); i < n; i++) {
                close(v.remove(closed.get(i)));
            }
        }
        boolean fresh = state.judgedNewSegment;
        Segment seg;
        if (fresh) {
            seg = new Segment(p.mmsi(), state.judgedSegment);
            v.open.add(seg);
        } else {
            seg = v.segment(state.judgedSegment);
        }
        double derived = seg.add(p);
        return new Decision(true, null, seg, fresh, derived);
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
            v.state.closeAll();
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
        Map<NoiseReason, Long> m = new EnumMap<>(NoiseReason.class);
        for (NoiseReason r : REASONS) {
            if (rejected[r.ordinal()] > 0) {
                m.put(r, rejected[r.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Number of rejected fixes for one reason. */
    public long rejected(NoiseReason reason) {
        return rejected[reason.ordinal()];
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
