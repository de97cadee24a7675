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
 * <p>State is kept only for vessels that match (others are cleared at once).
 */
public final class WatchlistDetector implements Detector<WatchlistDetector.State> {

    /**
     * Settings.
     *
     * @param periodMillis at most one event per vessel per period of this length, aligned to the
     *        epoch (default 24 h: one alert per vessel per UTC day, the daily digest analysts use)
     */
    public record Config(long periodMillis) {
        /** Validates. */
        public Config {
            if (periodMillis <= 0) {
                throw new IllegalArgumentException("period must be > 0 ms: " + periodMillis);
            }
        }

        /** The default above. */
        public static Config defaults() {
            return new Config(86_400_000L);
        }
    }

    /** Per-vessel state: the listed IMO and name it reported, and the last period alerted. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        int imo = Observation.NOT_AVAILABLE;
        String name;
        long lastPeriod = Long.MIN_VALUE;
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

    /** Watches a list with one event per vessel per UTC day. */
    public static WatchlistDetector withDefaults(Watchlist list) {
        return new WatchlistDetector(list, Config.defaults());
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
                s.imo = list.imo(id.imo()) != null ? id.imo() : Observation.NOT_AVAILABLE;
            }
            if (id.name() != null) {
                s.name = list.matchName(id.name());
            }
        }
        String mmsiNote = list.mmsi(o.mmsi());
        if (mmsiNote == null && s.imo == Observation.NOT_AVAILABLE && s.name == null) {
            ctx.clearState();
            return;
        }
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        long period = Math.floorDiv(p.time(), config.periodMillis());
        if (period == s.lastPeriod) {
            return;
        }
        s.lastPeriod = period;
        List<String> matched = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (mmsiNote != null) {
            matched.add("mmsi:" + Mmsi.format(o.mmsi()));
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
        at.put("mmsi", Mmsi.format(o.mmsi()));
        at.put("period_start", java.time.Instant.ofEpochMilli(period * config.periodMillis()).toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("period_s", config.periodMillis() / 1000);
        parameters.put("entries", list.size());
        ctx.emit(Event.of(EventKind.WATCHLIST_ACTIVITY, p.time(), p.time(), List.of(p.mmsi()), p.latitude(), p.longitude(),
                null, parameters, at, List.of(p)));
    }
}
