package org.watchkeeper.core.detect.chokepoint;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.space.Evidence;
import org.watchkeeper.core.detect.space.Fix;
import org.watchkeeper.core.detect.space.GeoJsonGeometry;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.chokepoint.Chokepoint;
import org.watchkeeper.core.ref.chokepoint.Chokepoints;

/**
 * Chokepoint transits ({@link EventKind#CHOKEPOINT_TRANSIT}) after the IMF PortWatch method: each
 * passage of a vessel through a chokepoint area is one transit, counted once — a new passage within
 * {@link ChokepointConfig#recountWindowMillis()} (48 h) of the start of the last counted one through the
 * same chokepoint is not counted again. Keyed by MMSI; identity observations supply the ship type.
 *
 * <p>A passage starts at the first fix inside the area and ends at the first fix outside (event end =
 * the last fix inside), or after {@link ChokepointConfig#maxSilenceMillis()} without a fix. A fix outside
 * that no ship could have reached from the passage's last fix inside (faster than
 * {@link ChokepointConfig#maxCrossingSpeedKnots()}: an impostor on the same MMSI far away, a position
 * glitch) does not end it. A vessel
 * whose consecutive fixes lie outside but whose straight track between them crosses the area
 * (sparse satellite reports over a narrow gate) makes a passage from the earlier to the later fix
 * ({@code crossed_between_fixes=true}), provided a ship could link the two fixes: at most
 * {@link ChokepointConfig#maxSilenceMillis()} apart and at most {@link ChokepointConfig#maxCrossingSpeedKnots()}
 * between them. Tracks between fixes more than 180° of longitude apart are not tested.
 *
 * <p>Only a vessel passing through counts: a passage is a transit when its fixes lie at least
 * {@link ChokepointConfig#minTransitDistanceMetres()} apart (the greatest distance of a fix from the first)
 * or their mean reported speed over ground is at least {@link ChokepointConfig#minTransitSpeedKnots()}. A
 * ship at anchor or moored inside the area (Singapore Strait's anchorages lie inside its area) makes
 * no transit and does not start the 48 h window; when it weighs anchor and sails on, the same passage
 * becomes a transit.
 *
 * <p>Attributes: {@code chokepoint_id}, {@code chokepoint_name}, {@code ship_type} (ITU-R M.1371-5
 * Table 53 code, when known), {@code ship_type_group} ({@link #shipTypeGroup(int)}), {@code fixes},
 * {@code crossed_between_fixes}, {@code mean_speed_kn} (when reported), {@code span_m} (the greatest
 * distance of a fix in the passage from its first, metres, rounded). Per-day counts by ship type
 * group: {@link #dailyCounts(Collection)}.
 */
public final class ChokepointTransitDetector implements Detector<ChokepointTransitDetector.State> {
    private static final GeometryFactory GF = new GeometryFactory();
    private final List<Chokepoint> chokepoints;
    private final Envelope[] envelopes;
    private final Envelope all = new Envelope();
    private final ChokepointConfig config;
    private final Map<String, Object> parameters;

    /** Per-vessel state. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 3L;
        int shipType = -1;
        /** The vessel's previous fix with a position. */
        PositionObservation last;
        /** Position of {@link #last} (read here, so a fix far from every chokepoint touches no other object). */
        double lastLat = Double.NaN, lastLon = Double.NaN;
        /** Number of entries in {@link #open}. */
        int openCount;
        long timer = Long.MIN_VALUE;
        /** Open passages by chokepoint index. */
        final HashMap<Integer, Passage> open = new HashMap<>();
        /** Start of the last counted passage by chokepoint index. */
        final HashMap<Integer, Long> lastCounted = new HashMap<>();
    }

    static final class Passage implements Serializable {
        private static final long serialVersionUID = 3L;
        long start;
        /** Position of the first fix. */
        double firstLat, firstLon;
        /** Position of the last fix inside (at {@link #lastInside}). */
        double lastLat, lastLon;
        /** Greatest distance of a fix from the first, metres. */
        double span;
        long lastInside;
        int fixes;
        double speedSum;
        int speedCount;
        boolean crossed;
        final Evidence evidence = new Evidence(10, 40);
    }

    /**
     * @param chokepoints the areas to watch
     * @param config settings
     */
    public ChokepointTransitDetector(List<Chokepoint> chokepoints, ChokepointConfig config) {
        this.chokepoints = List.copyOf(chokepoints);
        this.config = Objects.requireNonNull(config, "config");
        this.envelopes = new Envelope[this.chokepoints.size()];
        for (int i = 0; i < envelopes.length; i++) {
            envelopes[i] = this.chokepoints.get(i).area().getEnvelopeInternal();
            all.expandToInclude(envelopes[i]);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("recount_window_s", config.recountWindowMillis() / 1000);
        p.put("max_silence_s", config.maxSilenceMillis() / 1000);
        p.put("min_transit_distance_m", config.minTransitDistanceMetres());
        p.put("min_transit_speed_kn", config.minTransitSpeedKnots());
        p.put("max_crossing_speed_kn", config.maxCrossingSpeedKnots());
        this.parameters = p;
    }

    /** Transits of the shipped chokepoints with the default settings. */
    public static ChokepointTransitDetector withDefaults() {
        return new ChokepointTransitDetector(Chokepoints.shipped(), ChokepointConfig.DEFAULTS);
    }

    @Override
    public String name() {
        return "chokepoint_transit";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (o instanceof IdentityObservation id) {
            if (id.shipType() > 0) {
                s.shipType = id.shipType();
            }
            return;
        }
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        // Passages silent for too long end before this fix is looked at (independent of timer delivery).
        closeSilent(s, ctx, p.time());
        double lon = p.longitude();
        double lat = p.latitude();
        PositionObservation last = s.last;
        // Far from every chokepoint (neither fix nor the track between them near one, nothing open): nothing to do.
        boolean near = s.openCount > 0 || all.contains(lon, lat)
                || (last != null && trackMeetsAll(s.lastLon, s.lastLat, lon, lat));
        Fix f = null;
        // whether the ship could have sailed from its last fix to this one: asked once, when a crossing is possible
        int linked = -1;
        for (int i = 0; near && i < chokepoints.size(); i++) {
            Envelope env = envelopes[i];
            boolean inEnvelope = env.contains(lon, lat);
            Passage open = s.openCount > 0 ? s.open.get(i) : null;
            if (!inEnvelope && open == null
                    && (last == null || !segmentMeets(env, s.lastLon, s.lastLat, lon, lat))) {
                continue; // neither inside, nor open, nor a crossing possible: the common case, with no allocation
            }
            boolean inside = inEnvelope && chokepoints.get(i).prepared().covers(GF.createPoint(new Coordinate(lon, lat)));
            if (inside) {
                if (open == null) {
                    open = new Passage();
                    open.start = p.time();
                    open.firstLat = lat;
                    open.firstLon = lon;
                    s.open.put(i, open);
                    s.openCount++;
                }
                open.lastInside = p.time();
                open.lastLat = lat;
                open.lastLon = lon;
                open.span = Math.max(open.span, Geodesy.distance(open.firstLat, open.firstLon, lat, lon));
                open.fixes++;
                if (f == null) {
                    f = Fix.of(p);
                }
                open.evidence.add(f);
                if (p.speedOverGround() >= 0) {
                    open.speedSum += p.speedOverGround();
                    open.speedCount++;
                }
            } else if (open != null) {
                // a fix no ship could have reached from the passage's last one (another transmitter on the
                // same MMSI far away, a position glitch) does not end the passage: the next fix of the ship does
                if (Geodesy.impliedSpeedKnots(open.lastLat, open.lastLon, lat, lon, p.time() - open.lastInside)
                        <= config.maxCrossingSpeedKnots()) {
                    close(s, ctx, i, open);
                }
            } else if (last != null && (linked < 0 ? (linked = linkable(last, p) ? 1 : 0) : linked) == 1 && crosses(i, last, p)) {
                Passage x = new Passage();
                x.start = last.time();
                x.lastInside = p.time();
                x.crossed = true;
                x.span = Geodesy.distance(last.latitude(), last.longitude(), lat, lon);
                x.evidence.add(Fix.of(last));
                if (f == null) {
                    f = Fix.of(p);
                }
                x.evidence.add(f);
                close(s, ctx, i, x);
            }
        }
        s.last = p;
        s.lastLat = lat;
        s.lastLon = lon;
        if (s.timer != Long.MIN_VALUE) {
            ctx.deleteTimer(s.timer);
            s.timer = Long.MIN_VALUE;
        }
        if (s.openCount > 0) {
            s.timer = p.time() + config.maxSilenceMillis();
            ctx.registerTimer(s.timer);
        }
    }

    /** Whether a ship could have sailed from one fix to the other (the crossing test's precondition). */
    private boolean linkable(PositionObservation a, PositionObservation b) {
        long dt = b.time() - a.time();
        return dt >= 0 && dt <= config.maxSilenceMillis() && Geodesy.impliedSpeedKnots(a.latitude(), a.longitude(),
                b.latitude(), b.longitude(), dt) <= config.maxCrossingSpeedKnots();
    }

    /** Whether the vessel passed through rather than lay at anchor or alongside. */
    private boolean passedThrough(Passage x) {
        return x.span >= config.minTransitDistanceMetres()
                || (x.speedCount > 0 && x.speedSum / x.speedCount >= config.minTransitSpeedKnots());
    }

    private boolean crosses(int i, PositionObservation a, PositionObservation b) {
        if (Math.abs(a.longitude() - b.longitude()) > 180) {
            return false;
        }
        Envelope seg = new Envelope(a.longitude(), b.longitude(), a.latitude(), b.latitude());
        if (!seg.intersects(envelopes[i])) {
            return false;
        }
        LineString l = GF.createLineString(new Coordinate[] {new Coordinate(a.longitude(), a.latitude()),
            new Coordinate(b.longitude(), b.latitude())});
        return chokepoints.get(i).prepared().intersects(l);
    }

    private void closeSilent(State s, DetectorContext ctx, long now) {
        if (s.openCount == 0) {
            return;
        }
        for (int i = 0; i < chokepoints.size(); i++) {
            Passage open = s.open.get(i);
            if (open != null && now - open.lastInside >= config.maxSilenceMillis()) {
                close(s, ctx, i, open);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (timestamp == s.timer) {
            s.timer = Long.MIN_VALUE;
            closeSilent(s, ctx, timestamp);
        }
    }

    /** Whether the envelope of the track from (lon1, lat1) to (lon2, lat2) meets that of all chokepoints. */
    /** Whether the bounding box of the segment between two positions meets {@code env} (a crossing's precondition, no allocation). */
    private static boolean segmentMeets(Envelope env, double lon1, double lat1, double lon2, double lat2) {
        return Math.min(lon1, lon2) <= env.getMaxX() && Math.max(lon1, lon2) >= env.getMinX()
                && Math.min(lat1, lat2) <= env.getMaxY() && Math.max(lat1, lat2) >= env.getMinY();
    }

    private boolean trackMeetsAll(double lon1, double lat1, double lon2, double lat2) {
        return !all.isNull() && Math.min(lon1, lon2) <= all.getMaxX() && Math.max(lon1, lon2) >= all.getMinX()
                && Math.min(lat1, lat2) <= all.getMaxY() && Math.max(lat1, lat2) >= all.getMinY();
    }

    private void close(State s, DetectorContext ctx, int i, Passage x) {
        if (s.open.remove(i) != null) {
            s.openCount--;
        }
        Event e = transit(s, i, x, ctx.key());
        if (e != null) {
            s.lastCounted.put(i, x.start);
            ctx.emit(e);
        }
    }

    /**
     * The passages open now as the end of the input closes them (after {@link ChokepointConfig#maxSilenceMillis()}
     * without a fix, at their last fix inside, which is the vessel's latest fix), those that are
     * transits counted: a host whose input goes on (the server) shows them as under way, with the ids
     * they keep when they end, so that what it stores and shows equals what {@code analyze} reports. A
     * later fix inside extends a passage; a fix outside ends it as it stands.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        if (s.openCount == 0) {
            return;
        }
        for (int i = 0; i < chokepoints.size(); i++) {
            Passage open = s.open.get(i);
            if (open != null) {
                Event e = transit(s, i, open, key);
                if (e != null) {
                    out.accept(e);
                }
            }
        }
    }

    /**
     * The transit event of passage {@code x} through chokepoint {@code i} were it closed now, or null
     * when it is no transit (a vessel at anchor or moored inside) or not counted (within the recount
     * window of the last counted one). Changes nothing.
     */
    private Event transit(State s, int i, Passage x, long key) {
        if (!x.crossed && !passedThrough(x)) {
            return null; // at anchor or moored inside: not a transit, and the 48 h window not started
        }
        Long counted = s.lastCounted.get(i);
        if (counted != null && x.start - counted < config.recountWindowMillis()) {
            return null; // the same vessel through the same chokepoint within 48 h: counted once
        }
        Chokepoint c = chokepoints.get(i);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("chokepoint_id", c.id());
        a.put("chokepoint_name", c.name());
        if (s.shipType > 0) {
            a.put("ship_type", s.shipType);
        }
        a.put("ship_type_group", shipTypeGroup(s.shipType));
        a.put("fixes", x.fixes);
        a.put("crossed_between_fixes", x.crossed);
        if (x.speedCount > 0) {
            a.put("mean_speed_kn", Math.round(x.speedSum / x.speedCount * 10) / 10.0);
        }
        a.put("span_m", Math.round(x.span));
        Coordinate centre = c.area().getInteriorPoint().getCoordinate();
        return Event.of(EventKind.CHOKEPOINT_TRANSIT, x.start, x.lastInside, List.of((int) key), centre.y,
                centre.x, GeoJsonGeometry.of(c.area()), parameters, a, x.evidence.observations());
    }

    /**
     * The ship type group of an ITU-R M.1371-5 Table 53 code, as PortWatch groups its counts as far as
     * AIS allows: 70-79 {@code cargo}, 80-89 {@code tanker}, 60-69 {@code passenger}, 30
     * {@code fishing}, 31, 32, 52 {@code tug}, 35 {@code military}, any other valid code 1..99
     * {@code other}, none or unknown {@code unknown}.
     */
    public static String shipTypeGroup(int shipType) {
        if (shipType >= 70 && shipType <= 79) {
            return "cargo";
        }
        if (shipType >= 80 && shipType <= 89) {
            return "tanker";
        }
        if (shipType >= 60 && shipType <= 69) {
            return "passenger";
        }
        if (shipType == 30) {
            return "fishing";
        }
        if (shipType == 31 || shipType == 32 || shipType == 52) {
            return "tug";
        }
        if (shipType == 35) {
            return "military";
        }
        return shipType >= 1 && shipType <= 99 ? "other" : "unknown";
    }

    /**
     * Transit counts per chokepoint, per UTC day of the transit's start, per ship type group — the
     * PortWatch daily series — from transit events (other kinds are ignored).
     *
     * @return chokepoint id → day → ship type group → count, all sorted
     */
    public static SortedMap<String, SortedMap<LocalDate, SortedMap<String, Integer>>> dailyCounts(Collection<Event> events) {
        SortedMap<String, SortedMap<LocalDate, SortedMap<String, Integer>>> out = new TreeMap<>();
        for (Event e : events) {
            if (e.kind() != EventKind.CHOKEPOINT_TRANSIT) {
                continue;
            }
            LocalDate day = Instant.ofEpochMilli(e.start()).atZone(ZoneOffset.UTC).toLocalDate();
            out.computeIfAbsent((String) e.attributes().get("chokepoint_id"), k -> new TreeMap<>())
                    .computeIfAbsent(day, k -> new TreeMap<>())
                    .merge((String) e.attributes().get("ship_type_group"), 1, Integer::sum);
        }
        return out;
    }
}
