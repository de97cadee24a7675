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
import org.watchkeeper.core.ref.DistanceToShore;

/**
 * AIS gaps and likely disabling ("going dark"), after Global Fishing Watch's gap events and Welch
 * et al. 2022, "Hot spots of unseen fishing vessels", Science Advances 8, eabq2109.
 *
 * <p><b>Gap.</b> Every silence of at least {@link Config#minGapMillis} (6 h) between two
 * consecutive positions of a vessel is an {@link EventKind#GAP} event: start = time of the last fix
 * before, end = time of the first fix after, position = the last fix before. Attributes:
 * {@code duration_h}, {@code distance_nm} between the two fixes, {@code implied_speed_kn},
 * {@code distance_from_shore_nm} at the start, {@code reception_positions_per_day} at the start
 * ({@link ReceptionMap}, {@code NaN} when unknown), {@code input_heard_after_start} (whether the
 * input received positions of any vessel in the whole hours of each half of the
 * {@link Config#minGapMillis} after the start, the start's own hour left out,
 * {@link ReceptionMap#inputPositions}: false when the input itself fell silent in that span, a feed
 * outage or two logs of different periods read together, even one that stopped an hour into the gap;
 * absent when no whole hour lies in it; a yes or no rather than a count, so that a distributed host, whose
 * tasks each see a share of the vessels, gives the same answer wherever its tasks are busy), {@code positions_12h_before} (counted up to
 * {@link Config#minPositionsBefore}), {@code likely_disabling}, and the end position
 * ({@code end_lat}, {@code end_lon}). Evidence: the two fixes.
 *
 * <p><b>Likely disabling.</b> True when all of these hold (Welch et al. 2022): the gap lasts at least
 * {@link Config#disablingMinGapMillis} (12 h); it starts more than
 * {@link Config#disablingMinShoreDistanceNm} (50 nm) from shore, where terrestrial receivers do not
 * explain it; it starts in a cell whose reception over the {@link Config#receptionWindowMillis}
 * (24 h) before the gap is at least {@link Config#minReceptionPositionsPerDay} positions per vessel
 * per day (so that a silence there is not just poor coverage); and the vessel was reporting
 * regularly: at least {@link Config#minPositionsBefore} (14) positions in the
 * {@link Config#regularWindowMillis} (12 h) up to and including the last fix (GFW's gap events count
 * the positions in the 12 hours before a gap for the same purpose); and the input went on being heard
 * after the start ({@code input_heard_after_start} not false): Welch et al. work on
 * a satellite feed without outages, while a terrestrial feed or a set of logs has periods in which
 * nothing at all was received, and a vessel silent in such a period says nothing about its
 * transponder. Short gaps, gaps near shore, gaps in poorly or unknown covered cells and gaps that
 * begin as the whole input falls silent are still gaps, never likely disabling.
 *
 * <p><b>Reception choice.</b> The reception map is estimated from the input itself (all vessels),
 * fed by this detector as positions arrive; the quality at a gap is computed from whole hours before
 * its start only, and frozen into the key's state when the gap has lasted {@code minGapMillis}
 * (an event-time timer) or at its end, whichever the engine reaches first. Both give the same number
 * (everything before the start is already in the map once the watermark passes it), so the event is
 * the same however the input is chunked or replayed, and equal to what a first pass over the input
 * would give. The map keeps {@link Config#receptionRetentionMillis} (48 h) of hours, enough for an
 * allowed lateness up to {@code retention - window - minGap} (18 h by default). The map is state
 * shared by every vessel ({@link #sharedState}): a distributed host runs this detector on one task,
 * so that the map hears every vessel as here, and checkpoints it; a map built beforehand (another
 * day's) can be given instead, and is then only read.
 *
 * <p><b>Open gaps.</b> A gap still open when the input ends (the vessel never reports again) is not
 * emitted: it has no end, and the vessel may simply be out of the area the input covers. The
 * key's state (last fix, the recent-fix ring and the frozen start facts) stays until the next fix.
 *
 * <p>Identity observations are ignored; positions without coordinates are ignored.
 */
public final class GapDetector implements Detector<GapDetector.State> {

    /**
     * Parameters.
     *
     * @param minGapMillis shortest silence reported as a gap: 6 h (GFW gap events record gaps of 6 h
     *        and more; Welch et al. 2022 analyse gaps of 12 h and more)
     * @param disablingMinGapMillis shortest gap that can be a likely disabling: 12 h (Welch et al. 2022)
     * @param disablingMinShoreDistanceNm gap must start farther than this from shore: 50 nm (Welch et
     *        al. 2022, beyond the reach of terrestrial receivers)
     * @param minReceptionPositionsPerDay reception at the start cell at least this many positions per
     *        vessel per day: 10 (Welch et al. 2022 keep only cells with sufficient satellite reception;
     *        10 a day means a 12 h silence is not expected from coverage alone)
     * @param receptionCellDeg reception grid cell, degrees: 1° (Welch et al. 2022)
     * @param receptionWindowMillis reception measured over this window before the start: 24 h
     * @param receptionPresenceCapMillis longest time one fix counts as a vessel's presence in a cell:
     *        6 h (one gap length)
     * @param receptionRetentionMillis hours of reception data kept: 48 h
     * @param minPositionsBefore positions in the regular window needed for "reporting regularly": 14
     *        (about one an hour, allowing for a short interruption; GFW's filter on positions in the
     *        12 h before a gap)
     * @param regularWindowMillis the window ending at the last fix: 12 h
     */
    public record Config(
            long minGapMillis,
            long disablingMinGapMillis,
            double disablingMinShoreDistanceNm,
            double minReceptionPositionsPerDay,
            double receptionCellDeg,
            long receptionWindowMillis,
            long receptionPresenceCapMillis,
            long receptionRetentionMillis,
            int minPositionsBefore,
            long regularWindowMillis) implements Serializable {

        /** The defaults cited above. */
        public static Config defaults() {
            return new Config(6 * HOUR, 12 * HOUR, 50, 10, 1.0, 24 * HOUR, 6 * HOUR, 48 * HOUR, 14, 12 * HOUR);
        }

        /** Validates ranges. */
        public Config {
            if (minGapMillis <= 0 || disablingMinGapMillis < minGapMillis) {
                throw new IllegalArgumentException("need 0 < minGapMillis <= disablingMinGapMillis");
            }
            if (minPositionsBefore < 1 || regularWindowMillis <= 0 || receptionWindowMillis <= 0) {
                throw new IllegalArgumentException("positions and windows must be positive");
            }
            if (receptionRetentionMillis < receptionWindowMillis + minGapMillis) {
                throw new IllegalArgumentException("reception retention must cover window + minimum gap");
            }
        }

        Map<String, Object> asParameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("min_gap_h", minGapMillis / (double) HOUR);
            m.put("disabling_min_gap_h", disablingMinGapMillis / (double) HOUR);
            m.put("disabling_min_shore_distance_nm", disablingMinShoreDistanceNm);
            m.put("min_reception_positions_per_day", minReceptionPositionsPerDay);
            m.put("reception_cell_deg", receptionCellDeg);
            m.put("reception_window_h", receptionWindowMillis / (double) HOUR);
            m.put("min_positions_before", minPositionsBefore);
            m.put("regular_window_h", regularWindowMillis / (double) HOUR);
            return m;
        }
    }

    /** Per-vessel state: the last fix, the times of the last few fixes and the facts of an open gap. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 3L;
        PositionObservation last;
        /** Time of {@link #last} (kept here so a fix's hot path reads no older observation), ms. */
        long lastTime = Long.MIN_VALUE;
        int lastCell;
        /** Ring of the times of the most recent fixes (capacity = minPositionsBefore). */
        long[] recent;
        int recentCount;
        int recentHead;
        /** Time of the pending timer, or Long.MIN_VALUE. */
        long timerAt = Long.MIN_VALUE;
        /** Facts of the open gap frozen at its start (valid when factsFor == last.time()). */
        long factsFor = Long.MIN_VALUE;
        double shoreNm;
        double reception;
        int positionsBefore;
        /** Positions of the whole input after the start, -1 when not measured. */
        long inputAfter;
    }

    static final long HOUR = 3_600_000L;

    private final Config config;
    private final DistanceToShore shore;
    private ReceptionMap reception;
    private final boolean feedReception;
    private final Map<String, Object> parameters;

    /**
     * A detector that estimates reception from its own input.
     *
     * @param config parameters
     * @param shore distance to shore
     */
    public GapDetector(Config config, DistanceToShore shore) {
        this(config, shore, new ReceptionMap(config.receptionCellDeg(), config.receptionPresenceCapMillis(),
                config.receptionRetentionMillis()), true);
    }

    /**
     * @param config parameters
     * @param shore distance to shore
     * @param reception the reception map to consult
     * @param feedReception whether this detector records its input into {@code reception} (false when
     *        the map was built beforehand, e.g. from another day)
     */
    public GapDetector(Config config, DistanceToShore shore, ReceptionMap reception, boolean feedReception) {
        this.config = config;
        this.shore = shore;
        this.reception = reception;
        this.feedReception = feedReception;
        this.parameters = config.asParameters();
    }

    /** Defaults over the Natural Earth land mask. */
    public static GapDetector withDefaults() {
        return new GapDetector(Config.defaults(), DistanceToShore.naturalEarth10m());
    }

    /** The reception map this detector consults. */
    public ReceptionMap receptionMap() {
        return reception;
    }

    /**
     * The reception map when this detector feeds it from its own input (then every vessel's positions
     * must reach this one detector: a distributed host runs it on one task), else null.
     */
    @Override
    public java.io.Serializable sharedState() {
        return feedReception ? reception : null;
    }

    /** Takes back the reception map of a checkpoint. */
    @Override
    public void restoreSharedState(java.io.Serializable state) {
        if (feedReception && state instanceof ReceptionMap m) {
            reception = m;
        }
    }

    @Override
    public String name() {
        return "gap";
    }

    @Override
    public State createState() {
        State s = new State();
        s.recent = new long[config.minPositionsBefore()];
        return s;
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        long t = p.time();
        int cell = reception.cell(p.latitude(), p.longitude());
        long prevTime = s.lastTime; // Long.MIN_VALUE before the first fix
        if (feedReception) {
            reception.record(t, cell, prevTime, s.lastCell);
        }
        if (prevTime != Long.MIN_VALUE && t - prevTime >= config.minGapMillis()) {
            ensureFacts(s);
            ctx.emit(gapEvent(s, p));
        }
        s.last = p;
        s.lastTime = t;
        s.lastCell = cell;
        s.recent[s.recentHead] = t;
        if (++s.recentHead == s.recent.length) {
            s.recentHead = 0;
        }
        s.recentCount = Math.min(s.recentCount + 1, s.recent.length);
        if (s.timerAt == Long.MIN_VALUE) {
            s.timerAt = t + config.minGapMillis();
            ctx.registerTimer(s.timerAt);
        }
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (timestamp != s.timerAt || s.last == null) {
            return;
        }
        long due = s.lastTime + config.minGapMillis();
        if (due > timestamp) { // the vessel reported since: wait for its newest fix
            s.timerAt = due;
            ctx.registerTimer(due);
            return;
        }
        s.timerAt = Long.MIN_VALUE;
        ensureFacts(s); // the gap has lasted minGap: freeze what is known about its start
    }

    /**
     * Whether the whole input went on being heard through the first {@link Config#minGapMillis} of a
     * gap that starts at {@code start}: the positions of every vessel in the whole hours of each half of
     * that span ({@link ReceptionMap#inputPositions}); 0 when either half heard nothing (the input fell
     * silent in the gap's first hours, or was never heard in them), -1 when neither half holds a whole
     * hour. Both halves, because a feed that stops an hour into a vessel's gap was heard after the start
     * and still explains the silence.
     */
    private long inputHeard(long start) {
        long mid = start + config.minGapMillis() / 2;
        long first = reception.inputPositions(start, mid);
        long second = reception.inputPositions(mid, start + config.minGapMillis());
        if (first == 0 || second == 0) {
            return 0;
        }
        return first < 0 && second < 0 ? -1 : Math.max(first, 0) + Math.max(second, 0);
    }

    /** Computes the facts of the gap that starts at the last fix, once. */
    private void ensureFacts(State s) {
        PositionObservation start = s.last;
        if (s.factsFor == start.time()) {
            return;
        }
        s.factsFor = start.time();
        s.shoreNm = shore.nauticalMiles(start.latitude(), start.longitude());
        s.reception = reception.quality(s.lastCell, start.time(), config.receptionWindowMillis());
        s.inputAfter = inputHeard(start.time());
        int n = 0;
        for (int i = 0; i < s.recentCount; i++) {
            if (s.recent[i] > start.time() - config.regularWindowMillis()) {
                n++;
            }
        }
        s.positionsBefore = n;
    }

    /**
     * A silence that has lasted the minimum gap by the watermark: the gap as far as it goes, from the
     * last fix to the watermark, without an end position (no {@code distance_nm},
     * {@code implied_speed_kn}, {@code end_lat}, {@code end_lon}); {@code likely_disabling} judged on
     * the duration so far.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        if (s.last != null && s.factsFor == s.lastTime && watermark - s.lastTime >= config.minGapMillis()) {
            out.accept(gapEvent(s, watermark, null));
        }
    }

    private Event gapEvent(State s, PositionObservation end) {
        return gapEvent(s, end.time(), end);
    }

    /** The gap from {@code s}'s last fix to {@code endTime}, ended by the fix {@code end} or (ongoing) by none. */
    private Event gapEvent(State s, long endTime, PositionObservation end) {
        PositionObservation start = s.last;
        long duration = endTime - start.time();
        boolean disabling = duration >= config.disablingMinGapMillis()
                && s.shoreNm > config.disablingMinShoreDistanceNm()
                && s.reception >= config.minReceptionPositionsPerDay() // false for NaN
                && s.positionsBefore >= config.minPositionsBefore()
                && s.inputAfter != 0;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("duration_h", duration / (double) HOUR);
        if (end != null) {
            a.put("distance_nm", Geodesy.distanceNm(start.latitude(), start.longitude(), end.latitude(), end.longitude()));
            a.put("implied_speed_kn", Geodesy.impliedSpeedKnots(start.latitude(), start.longitude(), end.latitude(),
                    end.longitude(), duration));
        }
        a.put("distance_from_shore_nm", s.shoreNm);
        a.put("reception_positions_per_day", s.reception);
        if (s.inputAfter >= 0) {
            a.put("input_heard_after_start", s.inputAfter > 0);
        }
        a.put("positions_12h_before", s.positionsBefore);
        a.put("likely_disabling", disabling);
        if (end != null) {
            a.put("end_lat", end.latitude());
            a.put("end_lon", end.longitude());
        }
        return Event.of(EventKind.GAP, start.time(), endTime, List.of(start.mmsi()), start.latitude(),
                start.longitude(), null, parameters, a, end == null ? List.of(start) : List.of(start, end));
    }
}
