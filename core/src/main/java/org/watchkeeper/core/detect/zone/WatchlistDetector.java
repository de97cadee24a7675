package org.watchkeeper.core.detect.zone;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Activity of listed vessels ({@link EventKind#WATCHLIST_ACTIVITY}). A vessel matches when its MMSI
 * is listed, or when the IMO number or (normalised) name it last reported in an identity message
 * (types 5, 19, 21, 24) is listed; a later identity with another IMO number or name ends that match.
 *
 * <p>Activity is a position report: the first position of a matching vessel in each period gives
 * one instantaneous event at that fix (start = end, the fix's position, the fix as evidence).
 * Periods are aligned to the epoch, i.e. UTC days for the default 24 h, so "once per vessel per day"
 * means once per UTC day. Identity observations only update the match, so every event has a
 * position. Attributes: {@code matched} (list of {@code mmsi:<9 digits>}, {@code imo:<n>},
 * {@code name:<normalised>}), {@code note} (the notes of the matched entries), {@code mmsi},
 * {@code period_start}.
 *
 * <p><b>Silence.</b> A listed vessel not heard (no position) for {@link Config#silenceMillis} (default
 * 1 h; 0 turns it off) is a {@link EventKind#WATCHLIST_GAP}: the watch officer's "a vessel we watch went
 * dark", far shorter than the 6 h of a {@link EventKind#GAP}, which is tuned to find disabling among all
 * traffic. It is an episode under way ({@link #ongoing}) as soon as the silence has lasted the threshold
 * by the watermark, and an event when the vessel is heard again: start = its last fix before, end = the
 * first fix after, position = the last fix before. Attributes: {@code duration_h}, {@code distance_nm}
 * and {@code implied_speed_kn} between the two fixes, {@code end_lat}, {@code end_lon} (none of these
 * four while under way), {@code matched}, {@code note}, {@code mmsi}. Evidence: the two fixes. A
 * silence still open when the input ends stays an episode under way, as a gap does. A vessel that
 * stops matching (another IMO number or name reported) is forgotten, its silence with it.
 *
 * <p>State is kept for vessels that match and for those that have reported an IMO number or a name
 * (the last ones they reported, about 100 bytes a vessel), so that a list that changes ({@link #carryOver})
 * matches a vessel by IMO number or name at its next position, not only after its next static report,
 * which a ship sends every 6 minutes and a satellite feed may bring hours apart; others are cleared at once.
 */
public final class WatchlistDetector implements Detector<WatchlistDetector.State> {

    /**
     * Settings.
     *
     * @param periodMillis at most one event per vessel per period of this length, aligned to the
     *        epoch (default 24 h: one alert per vessel per UTC day, the daily digest analysts use)
     * @param silenceMillis a listed vessel silent this long is a {@link EventKind#WATCHLIST_GAP} (default
     *        1 h, {@link #DEFAULT_SILENCE_MILLIS}: a ship under way reports every 2-10 s and at anchor every
     *        3 min, ITU-R M.1371-5 Table 1, so an hour without a fix within coverage is a loss of contact
     *        worth a watch officer's look); 0 turns the watch for silences off
     */
    public record Config(long periodMillis, long silenceMillis) {
        /** Default silence threshold: 1 h. */
        public static final long DEFAULT_SILENCE_MILLIS = 3_600_000L;

        /** Validates. */
        public Config {
            if (periodMillis <= 0) {
                throw new IllegalArgumentException("period must be > 0 ms: " + periodMillis);
            }
            if (silenceMillis < 0) {
                throw new IllegalArgumentException("silence must be >= 0 ms (0: off): " + silenceMillis);
            }
        }

        /** The defaults above. */
        public static Config defaults() {
            return new Config(86_400_000L, DEFAULT_SILENCE_MILLIS);
        }

        /** These settings with another silence threshold (0: off). */
        public Config withSilence(long millis) {
            return new Config(periodMillis, millis);
        }
    }

    /**
     * Per-vessel state: the IMO number and name it last reported, those of them the list holds, the last
     * period alerted and the last fix.
     */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 3L;
        /** The IMO number the vessel last reported, or {@link Observation#NOT_AVAILABLE}. */
        int reportedImo = Observation.NOT_AVAILABLE;
        /** The name the vessel last reported, or null. */
        String reportedName;
        /** {@link #reportedImo} when the list holds it, else {@link Observation#NOT_AVAILABLE}. */
        int imo = Observation.NOT_AVAILABLE;
        /** The list's normalised name that {@link #reportedName} matches, or null. */
        String name;
        long lastPeriod = Long.MIN_VALUE;
        /** The newest fix of the vessel while it matches, for its silences (null before the first). */
        PositionObservation last;
    }

    private final Watchlist list;
    private final Config config;

    /**
     * @param list the watchlist
     * @param config settings
     */
    public WatchlistDetector(Watchlist list, Config config) {
        this.list = list;
        this.config = config;
    }

    /** Watches a list with one event per vessel per UTC day, and silences of 1 h. */
    public static WatchlistDetector withDefaults(Watchlist list) {
        return new WatchlistDetector(list, Config.defaults());
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "watchlist";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (o instanceof IdentityObservation id) {
            if (id.imo() != Observation.NOT_AVAILABLE) {
                s.reportedImo = id.imo();
                s.imo = list.imo(id.imo()) != null ? id.imo() : Observation.NOT_AVAILABLE;
            }
            if (id.name() != null) {
                s.reportedName = id.name();
                s.name = list.matchName(id.name());
            }
        }
        String mmsiNote = list.mmsi(o.mmsi());
        if (mmsiNote == null && s.imo == Observation.NOT_AVAILABLE && s.name == null) {
            if (s.reportedImo == Observation.NOT_AVAILABLE && s.reportedName == null) {
                ctx.clearState();
            } else {
                // not watched: only its identity is kept, for a list that changes; a watch it had ends here
                s.lastPeriod = Long.MIN_VALUE;
                s.last = null;
            }
            return;
        }
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        if (config.silenceMillis() > 0 && s.last != null && p.time() - s.last.time() >= config.silenceMillis()) {
            ctx.emit(silence(s, o.mmsi(), p.time(), p));
        }
        if (s.last == null || p.time() >= s.last.time()) {
            s.last = p;
        }
        long period = Math.floorDiv(p.time(), config.periodMillis());
        if (period == s.lastPeriod) {
            return;
        }
        s.lastPeriod = period;
        Map<String, Object> at = matchAttributes(s, o.mmsi());
        at.put("period_start", java.time.Instant.ofEpochMilli(period * config.periodMillis()).toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("period_s", config.periodMillis() / 1000);
        parameters.put("entries", list.size());
        ctx.emit(Event.of(EventKind.WATCHLIST_ACTIVITY, p.time(), p.time(), List.of(p.mmsi()), p.latitude(), p.longitude(),
                null, parameters, at, List.of(p)));
    }

    /**
     * The vessel's state under this list: matched again by its MMSI, or the IMO number or name it last
     * reported, so that a vessel newly listed by IMO number or name matches at its next position. One
     * that matches keeps its last fix and the period it was last alerted in: its silence under way goes
     * on, and it is not alerted again the same period for the list having changed. One that no longer
     * matches keeps only its reported identity, or nothing (null) when it reported none.
     */
    @Override
    public State carryOver(Detector<?> previous, long key, Serializable previousState) {
        if (!(previous instanceof WatchlistDetector) || !(previousState instanceof State old)) {
            return null;
        }
        State s = new State();
        s.reportedImo = old.reportedImo;
        s.reportedName = old.reportedName;
        s.imo = old.reportedImo != Observation.NOT_AVAILABLE && list.imo(old.reportedImo) != null ? old.reportedImo
                : Observation.NOT_AVAILABLE;
        s.name = old.reportedName != null ? list.matchName(old.reportedName) : null;
        if (list.mmsi((int) key) == null && s.imo == Observation.NOT_AVAILABLE && s.name == null) {
            return s.reportedImo == Observation.NOT_AVAILABLE && s.reportedName == null ? null : s;
        }
        s.lastPeriod = old.lastPeriod;
        s.last = old.last;
        return s;
    }

    /** A silence that has lasted the threshold by the watermark: from the last fix to the watermark, no end position. */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        if (config.silenceMillis() > 0 && s.last != null && watermark - s.last.time() >= config.silenceMillis()) {
            out.accept(silence(s, s.last.mmsi(), watermark, null));
        }
    }

    /** The entries the vessel matches ({@code matched}), their notes ({@code note}) and its {@code mmsi}. */
    private Map<String, Object> matchAttributes(State s, int mmsi) {
        List<String> matched = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String mmsiNote = list.mmsi(mmsi);
        if (mmsiNote != null) {
            matched.add("mmsi:" + Mmsi.format(mmsi));
            notes.add(mmsiNote);
        }
        if (s.imo != Observation.NOT_AVAILABLE) {
            matched.add("imo:" + s.imo);
            notes.add(list.imo(s.imo));
        }
        if (s.name != null) {
            matched.add("name:" + s.name);
            notes.add(list.nameNote(s.name));
        }
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("matched", matched);
        at.put("note", notes.stream().filter(n -> n != null && !n.isEmpty()).distinct().toList());
        at.put("mmsi", Mmsi.format(mmsi));
        return at;
    }

    /** The silence from {@code s}'s last fix to {@code endTime}, ended by the fix {@code end} or (under way) by none. */
    private Event silence(State s, int mmsi, long endTime, PositionObservation end) {
        PositionObservation start = s.last;
        long duration = endTime - start.time();
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("duration_h", duration / 3_600_000.0);
        if (end != null) {
            at.put("distance_nm", Geodesy.distanceNm(start.latitude(), start.longitude(), end.latitude(), end.longitude()));
            at.put("implied_speed_kn", Geodesy.impliedSpeedKnots(start.latitude(), start.longitude(), end.latitude(),
                    end.longitude(), duration));
            at.put("end_lat", end.latitude());
            at.put("end_lon", end.longitude());
        }
        at.putAll(matchAttributes(s, mmsi));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("silence_s", config.silenceMillis() / 1000);
        parameters.put("entries", list.size());
        return Event.of(EventKind.WATCHLIST_GAP, start.time(), endTime, List.of(mmsi), start.latitude(), start.longitude(),
                null, parameters, at, end == null ? List.of(start) : List.of(start, end));
    }
}
