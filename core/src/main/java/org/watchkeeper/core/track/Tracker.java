package org.watchkeeper.core.track;

import java.util.Collections;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
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
 *     change the result for data recorded in the past; see {@link WallClock});</li>
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
 * {@code maxVessels}: the least recently used vessel is dropped and its segments closed. Its
 * per-vessel {@link Track records} can carry an owner's data, so that a picture built on the
 * tracker looks each vessel up once per observation ({@link #track}, then
 * {@link #accept(PositionObservation, Track)}); a vessel's use is then any look-up of its record,
 * the owner's included.
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

    /**
     * One vessel's record in the tracker's table: its decision memory (the record is the vessel's
     * {@link TrackState}, in use once a fix of it passed the checks that need no memory) and open
     * segments; its accepted fixes and the highest number of a segment they joined; and an
     * attachment, data the owner of the tracker keeps per vessel in the same record, so that one
     * look-up of the vessel serves the owner and the tracker and both lose the vessel together. An
     * owner can also make the records instances of its own subclass ({@link #recordFactory}; the
     * {@code VesselPicture} does), one object per vessel. Obtained from {@link #track(int)}; fed with
     * {@link #accept(PositionObservation, Track)}; the {@code TrackState} methods that judge fixes or
     * close segments throw {@link UnsupportedOperationException} on a record (the tracker drives it).
     */
    public static class Track extends TrackState {
        private static final long serialVersionUID = 1L;
        private final int mmsi;
        /** Whether the tracker judged a fix of this vessel (its state and open segments are in use). */
        boolean judged;
        /**
         * Open segments in the order they were opened (the same order as the state's), {@code [0,
         * openCount)}: the first in {@code open0} (the usual single open segment is read from the record
         * itself), the further ones in {@code more}; a few at most.
         */
        transient Segment open0;
        transient Segment[] more;
        int openCount;
        long acceptedFixes;
        int highestSegment;
        /** The tracker's use counter when it last judged a fix of this vessel or listed its open segments (the order of {@link #flush}). */
        long usedAt;
        private transient Object attachment;

        /**
         * A record of a vessel, for a {@link #recordFactory} (an owner's subclass keeps its per-vessel
         * data in the record itself).
         */
        protected Track(int mmsi) {
            this.mmsi = mmsi;
        }

        /** The vessel's MMSI. */
        public int mmsi() {
            return mmsi;
        }

        /** Fixes of this vessel the tracker accepted since it holds the vessel. */
        public long acceptedFixes() {
            return acceptedFixes;
        }

        /** The highest number of a segment an accepted fix joined (segments are numbered 1..), 0 when none. */
        public int highestSegment() {
            return highestSegment;
        }

        /** The owner's data for this vessel, or null when none was attached. */
        public Object attachment() {
            return attachment;
        }

        /** Open segment {@code i}, 0 ≤ i &lt; {@code openCount}. */
        final Segment openSegment(int i) {
            return i == 0 ? open0 : more[i - 1];
        }

        private void setOpen(int i, Segment s) {
            if (i == 0) {
                open0 = s;
                return;
            }
            if (more == null) {
                more = new Segment[2];
            } else if (i > more.length) {
                more = Arrays.copyOf(more, more.length * 2);
            }
            more[i - 1] = s;
        }

        /** Removes the open segment numbered {@code number}, keeping the order of the rest. */
        final Segment remove(int number) {
            for (int i = 0; i < openCount; i++) {
                Segment s = openSegment(i);
                if (s.number() == number) {
                    for (int j = i; j < openCount - 1; j++) {
                        setOpen(j, openSegment(j + 1));
                    }
                    setOpen(--openCount, null);
                    return s;
                }
            }
            throw new IllegalStateException("no open segment " + number + " of MMSI " + mmsi);
        }

        final void add(Segment s) {
            setOpen(openCount++, s);
        }

        final List<Segment> openList() {
            List<Segment> l = new ArrayList<>(openCount);
            for (int i = 0; i < openCount; i++) {
                l.add(openSegment(i));
            }
            return l;
        }

        /**
         * Not for a tracker's record: the tracker judges its fixes.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public final Step accept(PositionObservation p, TrackerConfig config, long now) {
            throw new UnsupportedOperationException("the tracker judges the fixes of its records");
        }

        /**
         * Not for a tracker's record: the tracker judges its fixes.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public final Step step(PositionObservation p, TrackerConfig config) {
            throw new UnsupportedOperationException("the tracker judges the fixes of its records");
        }

        /**
         * Not for a tracker's record: the tracker closes its segments.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public final List<Integer> closeAll() {
            throw new UnsupportedOperationException("the tracker closes the segments of its records");
        }
    }

    private IntFunction<? extends Track> newTrack = Track::new;

    private final TrackerConfig config;
    private final Consumer<Segment> onClosed;
    /**
     * The clock to judge a fix at a given event time against (epoch ms): the receive clock, read for
     * every fix, or the {@link WallClock}.
     */
    private final LongUnaryOperator clockFor;
    private static final NoiseReason[] REASONS = NoiseReason.values();
    private final long[] rejected = new long[REASONS.length];
    private final IntLruMap<Track> vessels;
    private long accepted;
    /** Vessels with {@link Track#judged}. */
    private int judgedVessels;
    /** Vessels with an attachment. */
    private int attachedVessels;
    private long uses;

    /**
     * @param config settings
     * @param onClosed receives each segment when it is closed (may be null)
     * @param clock receive clock in epoch ms for the future bound; null for the wall clock
     */
    public Tracker(TrackerConfig config, Consumer<Segment> onClosed, LongSupplier clock) {
        this.config = config;
        this.onClosed = onClosed;
        this.clockFor = clock != null ? time -> clock.getAsLong() : new WallClock(config.maxFutureMillis())::nowFor;
        this.vessels = new IntLruMap<>(config.maxVessels(), (mmsi, eldest) -> dropped(eldest));
    }

    /** The table drops {@code t} (least recently used beyond the bound): its open segments are closed. */
    private void dropped(Track t) {
        droppedVessels++;
        if (t.attachment != null) {
            attachedVessels--;
        }
        if (t.judged) {
            judgedVessels--;
            for (int i = 0; i < t.openCount; i++) {
                close(t.openSegment(i));
            }
        }
    }

    /** Vessels dropped so far for being the least recently seen beyond the bound on vessels held. */
    private long droppedVessels;

    /**
     * Vessels dropped so far for being the least recently seen beyond {@link TrackerConfig#maxVessels()}
     * (or {@link #limitVessels}); a vessel heard again after it was dropped, and dropped again, counts
     * each time.
     */
    public long droppedVessels() {
        return droppedVessels;
    }

    /** A replay tracker with default settings and no listener. */
    public Tracker() {
        this(TrackerConfig.defaults(), null, null);
    }

    /** Processes one fix. */
    public Decision accept(PositionObservation p) {
        return count(decide(p, null));
    }

    /**
     * Processes one fix of the vessel whose record the caller already holds, saving the look-up.
     *
     * @param track {@link #track(int) track(p.mmsi())} of this tracker, fetched for this fix
     * @throws IllegalArgumentException when the record is of another MMSI
     */
    public Decision accept(PositionObservation p, Track track) {
        if (track.mmsi != p.mmsi()) {
            throw new IllegalArgumentException("track of MMSI " + track.mmsi + " for a fix of " + p.mmsi());
        }
        return count(decide(p, track));
    }

    private Decision count(Decision d) {
        if (d.accepted()) {
            accepted++;
        } else {
            rejected[d.reason().ordinal()]++;
        }
        return d;
    }

    /**
     * The record of a vessel, created when absent; counts as a use of the vessel (the least recently
     * used one is dropped, its open segments closed, when a new one would exceed the bound).
     */
    public Track track(int mmsi) {
        return vessels.computeIfAbsent(mmsi, newTrack);
    }

    /** The record of a vessel, or null when not held; counts as a use when {@code use}. */
    public Track findTrack(int mmsi, boolean use) {
        return use ? vessels.get(mmsi) : vessels.peek(mmsi);
    }

    /** Every record held, least recently used first. */
    public List<Track> tracks() {
        return vessels.values();
    }

    /**
     * Makes the tracker create its per-vessel records with {@code factory} (given the MMSI; it
     * returns a new record of that MMSI), so that an owner keeps its per-vessel data in a subclass of
     * {@link Track}, one object with the tracker's (the {@code VesselPicture} does: one object per
     * vessel is fewer memory reads per fix than a record and an attachment).
     *
     * @throws IllegalStateException when the tracker already holds a vessel
     */
    public void recordFactory(IntFunction<? extends Track> factory) {
        Objects.requireNonNull(factory);
        if (vessels.size() > 0) {
            throw new IllegalStateException("the tracker already holds vessels");
        }
        newTrack = factory;
    }

    /** Sets the owner's data of a vessel (not null); {@link #attachedVessels()} counts the records that have some. */
    public void attach(Track track, Object attachment) {
        if (attachment == null) {
            throw new NullPointerException("attachment");
        }
        if (track.attachment == null) {
            attachedVessels++;
        }
        track.attachment = attachment;
    }

    /** Records held that carry an attachment. */
    public int attachedVessels() {
        return attachedVessels;
    }

    /**
     * Bounds the vessels held to at most {@code maxVessels} and the configuration's
     * {@link TrackerConfig#maxVessels()}, whichever is lower; vessels beyond it are dropped now, least
     * recently used first, their open segments closed.
     */
    public void limitVessels(int maxVessels) {
        if (maxVessels < 1) {
            throw new IllegalArgumentException("maxVessels must be >= 1");
        }
        vessels.setMaxSize(Math.min(maxVessels, config.maxVessels()));
    }

    private Decision decide(PositionObservation p, Track v) {
        NoiseReason pre = TrackState.precheck(p, config, clockFor.applyAsLong(p.time()));
        if (pre != null) {
            return Decision.reject(pre);
        }
        if (v == null) {
            v = vessels.computeIfAbsent(p.mmsi(), newTrack);
        }
        v.usedAt = ++uses;
        Track state = v;
        if (!v.judged) {
            v.judged = true;
            judgedVessels++;
        }
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
        int number = state.judgedSegment;
        Segment seg;
        if (fresh) {
            seg = new Segment(p.mmsi(), number);
            v.add(seg);
        } else {
            seg = v.openSegment(state.judgedIndex);
            if (seg.number() != number) {
                throw new IllegalStateException("open segments of MMSI " + v.mmsi + " out of step with its state");
            }
        }
        v.acceptedFixes++;
        if (number > v.highestSegment) {
            v.highestSegment = number;
        }
        double derived = seg.add(p, state.judgedDistanceM);
        return new Decision(true, null, seg, fresh, derived);
    }

    private void close(Segment s) {
        s.close();
        if (onClosed != null) {
            onClosed.accept(s);
        }
    }

    /**
     * Closes every open segment (end of input); the listener receives each, vessel by vessel in the
     * order the tracker last used them (judged a fix or listed their open segments; least recently first).
     */
    public void flush() {
        List<Track> judged = new ArrayList<>(judgedVessels);
        for (Track v : vessels.values()) {
            if (v.judged) {
                judged.add(v);
            }
        }
        judged.sort((a, b) -> Long.compare(a.usedAt, b.usedAt));
        for (Track v : judged) {
            v.clearOpen();
            for (int i = 0; i < v.openCount; i++) {
                close(v.openSegment(i));
            }
            v.open0 = null;
            v.more = null;
            v.openCount = 0;
        }
    }

    /** The open segments of a vessel, oldest first (empty if none). */
    public List<Segment> openSegments(int mmsi) {
        Track v = vessels.get(mmsi);
        if (v == null || !v.judged) {
            return List.of();
        }
        v.usedAt = ++uses;
        return List.copyOf(v.openList());
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

    /** Vessels currently held of which the tracker judged a fix. */
    public int vesselCount() {
        return judgedVessels;
    }

    /** The settings. */
    public TrackerConfig config() {
        return config;
    }
}
