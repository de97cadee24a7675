package org.watchkeeper.core.detect.port;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.space.Evidence;
import org.watchkeeper.core.detect.space.Fix;
import org.watchkeeper.core.detect.space.GeoJsonGeometry;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;

/**
 * Port visits ({@link EventKind#PORT_VISIT}) after Global Fishing Watch's rule: a visit starts at the
 * first fix within {@link PortVisitConfig#entryRadiusMetres()} (3 km) of a port, or inside a port
 * polygon, and ends at the first fix beyond {@link PortVisitConfig#exitRadiusMetres()} (4 km) — or
 * more than {@link PortVisitConfig#polygonExitMarginMetres()} outside the polygon; within it, a stop
 * runs from a fix slower than 0.2 kn to the next fix faster than 0.5 kn. Keyed by MMSI.
 *
 * <p>Which port: a polygon containing the fix wins; else the nearest listed port point within the
 * entry radius (ties: the port given first to the index). The vessel stays at that place until it
 * departs from it.
 *
 * <p>Parts: GFW groups its anchorages into ports and counts one visit from port entry to port exit.
 * A stay that ended by departure is therefore held, not reported, for
 * {@link PortVisitConfig#mergeGapMillis()} (4 h): when the vessel reaches a place of the same port
 * ({@link Port#id()}: the port itself or another of its anchorages) less than that after the departure,
 * with no fix below the stop speed and no other port reached in between, the new stay is a further
 * part of the same visit (an outer anchorage, then the berth). The visit ends with its last part; it
 * is reported when the gap runs out, when the vessel stops or reaches another port, or at once when a
 * part ends for silence or the input ends.
 *
 * <p>Event: start = arrival of the first part (first fix in reach; if the vessel's first fix ever
 * seen is already in reach, {@code arrival_observed=false} and the start is only a bound); end =
 * departure of the last part (first fix beyond the exit rule) or, when the vessel falls silent for
 * {@link PortVisitConfig#silenceMillis()} or the input ends, its last fix ({@code departed=false}).
 * Position and geometry: those of the first part at the port itself (a listed port point or a port
 * polygon, not an anchorage), else of the first part; a polygon's geometry is the polygon, a point's
 * the point. Attributes: {@code port_id}, {@code port_name}, {@code unlocode}, {@code country} (when
 * known), {@code anchorage_id} and {@code anchorage_name} (of the first part at an anchorage,
 * {@link Port#anchorage()}, when there is one: the {@code port_*}, {@code unlocode} and
 * {@code country} are then those of the port it belongs to, or the anchorage's own when it belongs
 * to none), {@code port_source}, for a port whose listed point was moved to its harbour
 * ({@link Port#moved()}) {@code port_position_source} (e.g. {@code "wpi:16080"}) and
 * {@code port_listed_lat}/{@code port_listed_lon} (the point its list gives, degrees),
 * {@code arrival_ms}, {@code departure_ms} (when
 * departed), {@code departed}, {@code arrival_observed}, {@code stop_count}, {@code stop_duration_s}
 * (total time stopped), {@code first_stop_start_ms}, {@code last_stop_end_ms}, {@code gap_count} (port gaps:
 * two successive fixes of a part more than {@link #PORT_GAP_MILLIS} = 4 h apart, GFW's "port gap"),
 * {@code fixes} (all counted over every part), {@code confidence}, GFW's port visit confidence from the visit's parts:
 * <ul>
 * <li>1: entry and/or exit, no stop and no gap (a passing; only with {@code requireStopOrGap} off);
 * <li>2: a stop and/or gap, neither entry nor exit observed (e.g. a vessel seen only while moored);
 * <li>3: a stop and/or gap with either the entry or the exit;
 * <li>4: entry, stop and/or gap, and exit.
 * </ul>
 * Entry is {@code arrival_observed}, exit {@code departed}. (Global Fishing Watch, "Port visits"
 * confidence levels 1-4, introduced with its 2021 port events update; GFW publishes visits of
 * confidence 2 and above.) Then {@code part_count} (≥ 1) and {@code parts}, a list in time order of
 * objects, one per part: {@code place} ({@code "anchorage"} or {@code "port"}), {@code anchorage_id}
 * and {@code anchorage_name} (anchorages only), {@code lat} and {@code lon} (the place's point,
 * degrees), {@code start_ms}, {@code end_ms}, {@code departed}, {@code stop_count},
 * {@code stop_duration_s}, {@code fixes}; at most the first {@value #PARTS_HEAD} and the last
 * {@value #PARTS_TAIL} are listed. Evidence: first 10 and last 40 fixes of the visit's parts.
 *
 * <p>State: per vessel the open visit (bounded evidence and parts) or, out of port, two fields.
 */
public final class PortVisitDetector implements Detector<PortVisitDetector.State> {
    private static final int EVIDENCE_HEAD = 10;
    private static final int EVIDENCE_TAIL = 40;
    /** Parts listed from a visit's start. */
    static final int PARTS_HEAD = 10;
    /** Parts listed from a visit's end. */
    static final int PARTS_TAIL = 10;
    /** Successive fixes of a visit further apart than this make a port gap (GFW: "an AIS gap of more than 4 hours in port"). */
    public static final long PORT_GAP_MILLIS = 4 * 3_600_000L;
    private final PortIndex ports;
    private final PortVisitConfig config;
    private final Map<String, Object> parameters;
    /** Cells where a visit may start (most fixes at sea are answered from it without a port query). */
    private final PortReach reach;

    /** One finished stay at one place (a port or one of its anchorages) within a visit. */
    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Index of the place in the port index. */
        int port;
        long start;
        long end;
        boolean departed;
        int stopCount;
        long stopMillis;
        long fixes;
    }

    /** Per-vessel state: the open visit, if any. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 3L;
        boolean seen;
        long lastTime = Long.MIN_VALUE;
        /** The registered timer (at most one), or {@code Long.MIN_VALUE}. */
        long timer = Long.MIN_VALUE;
        /**
         * When the visit ends unless a fix comes: the open part's last fix plus the silence limit, or,
         * while a visit waits for a further part, its departure plus the merge gap. The timer is not
         * moved with every fix (a delete and a register each): when it fires before this, it is set
         * again for this time.
         */
        long due = Long.MIN_VALUE;
        /** Index (in the port index) of the place of the open part, or -1 when no part is open. */
        int port = -1;
        /** Whether a visit whose last part ended by departure waits for a further part. */
        boolean pending;
        /** The waiting visit's departure (end of its last part). */
        long departure;
        /** The port index of the place whose position and geometry the visit takes. */
        int place = -1;
        /** The port index of the visit's first anchorage, or -1. */
        int anchorage = -1;
        /** The port id of the visit. */
        String portId;
        long arrival;
        boolean arrivalObserved;
        long lastInReach;
        boolean stopped;
        long stopStart;
        long stopMillis;
        int stopCount;
        int gapCount;
        long firstStopStart = Long.MIN_VALUE;
        long lastStopEnd = Long.MIN_VALUE;
        long fixes;
        Evidence evidence;
        /** Start of the open part and the visit's counters when it started. */
        long partStart;
        int partStopCount;
        long partStopMillis;
        long partFixes;
        /** The finished parts kept (the first {@link #PARTS_HEAD} and the last {@link #PARTS_TAIL}). */
        ArrayList<Part> parts;
        /** Finished parts, all of them. */
        int partCount;
    }

    /**
     * @param ports the ports and port areas to watch
     * @param config thresholds
     */
    public PortVisitDetector(PortIndex ports, PortVisitConfig config) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.config = Objects.requireNonNull(config, "config");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("entry_radius_m", config.entryRadiusMetres());
        p.put("exit_radius_m", config.exitRadiusMetres());
        p.put("polygon_exit_margin_m", config.polygonExitMarginMetres());
        p.put("stop_speed_kn", config.stopSpeedKnots());
        p.put("resume_speed_kn", config.resumeSpeedKnots());
        p.put("require_stop_or_gap", config.requireStopOrGap());
        p.put("silence_s", config.silenceMillis() / 1000);
        p.put("port_gap_s", PORT_GAP_MILLIS / 1000);
        p.put("merge_gap_s", config.mergeGapMillis() / 1000);
        this.parameters = p;
        this.reach = new PortReach(ports, config.entryRadiusMetres());
    }

    /** Port visits at the shipped {@code sea-ports} list with the default thresholds. */
    public static PortVisitDetector withDefaults() {
        return new PortVisitDetector(PortIndex.seaPorts(), PortVisitConfig.DEFAULTS);
    }

    @Override
    public String name() {
        return "port_visit";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition() || p.lowResolution()) {
            return;
        }
        boolean firstEver = !s.seen;
        s.seen = true;
        // A silence or merge timer that the host has not fired yet (slow watermark) is applied here
        // first, so the result never depends on when timers are delivered.
        if (s.port >= 0 && p.time() - s.lastTime >= config.silenceMillis()) {
            close(s, ctx, s.lastTime, false);
        }
        if (s.pending && p.time() - s.departure >= config.mergeGapMillis()) {
            report(s, ctx);
        }
        if (s.port < 0) {
            int port = arrivalPort(p.latitude(), p.longitude());
            if (port >= 0) {
                String id = ports.ports().get(port).id();
                if (s.pending && !id.equals(s.portId)) {
                    report(s, ctx); // another port: the waiting visit is over
                }
                if (s.pending) {
                    s.pending = false; // a further part of the same port's visit
                } else {
                    s.arrival = p.time();
                    s.arrivalObserved = !firstEver;
                    s.evidence = new Evidence(EVIDENCE_HEAD, EVIDENCE_TAIL);
                    s.portId = id;
                    s.place = -1;
                    s.anchorage = -1;
                    s.stopMillis = 0;
                    s.stopCount = 0;
                    s.gapCount = 0;
                    s.firstStopStart = Long.MIN_VALUE;
                    s.lastStopEnd = Long.MIN_VALUE;
                    s.fixes = 0;
                    s.parts = null;
                    s.partCount = 0;
                }
                startPart(s, port, p.time());
                inVisit(p, s);
            } else if (s.pending && p.speedOverGround() < config.stopSpeedKnots()) {
                report(s, ctx); // stopped elsewhere
            }
        } else {
            if (p.time() - s.lastTime > PORT_GAP_MILLIS) {
                s.gapCount++;
            }
            Port port = ports.ports().get(s.port);
            if (departed(s.port, port, p.latitude(), p.longitude())) {
                s.evidence.add(Fix.of(p));
                s.fixes++;
                s.lastTime = p.time();
                close(s, ctx, p.time(), true);
            } else {
                inVisit(p, s);
            }
        }
        s.lastTime = p.time();
        if (s.port >= 0) {
            s.due = p.time() + config.silenceMillis();
            if (s.timer == Long.MIN_VALUE) {
                s.timer = s.due;
                ctx.registerTimer(s.timer);
            }
        }
        // Out of port the state is two fields (seen, last time); it is kept so that a later arrival
        // is known to be observed rather than the first fix of the vessel.
    }

    private void startPart(State s, int port, long t) {
        s.port = port;
        s.stopped = false;
        s.partStart = t;
        s.partStopCount = s.stopCount;
        s.partStopMillis = s.stopMillis;
        s.partFixes = s.fixes;
        boolean anchorage = ports.ports().get(port).isAnchorage();
        if (s.place < 0 || !anchorage && ports.ports().get(s.place).isAnchorage()) {
            s.place = port; // the port itself wins over its anchorages
        }
        if (anchorage && s.anchorage < 0) {
            s.anchorage = port;
        }
    }

    private void inVisit(PositionObservation p, State s) {
        s.evidence.add(Fix.of(p));
        s.fixes++;
        s.lastInReach = p.time();
        double v = p.speedOverGround();
        if (!s.stopped && v < config.stopSpeedKnots()) {
            s.stopped = true;
            s.stopStart = p.time();
            s.stopCount++;
            if (s.firstStopStart == Long.MIN_VALUE) {
                s.firstStopStart = p.time();
            }
        } else if (s.stopped && v > config.resumeSpeedKnots()) {
            endStop(s, p.time());
        }
    }

    private static void endStop(State s, long t) {
        s.stopped = false;
        s.stopMillis += t - s.stopStart;
        s.lastStopEnd = t;
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (timestamp != s.timer) {
            return;
        }
        s.timer = Long.MIN_VALUE;
        if (s.port < 0 && !s.pending) { // the visit ended meanwhile
            return;
        }
        if (s.due > timestamp) { // fixes came since the timer was set: wait for the newest one's silence
            s.timer = s.due;
            ctx.registerTimer(s.timer);
            return;
        }
        if (s.port >= 0) {
            close(s, ctx, s.lastTime, false);
        } else {
            report(s, ctx); // no further part came within the merge gap
        }
    }

    /**
     * Ends the open part at {@code end}. A part ended by departure leaves the visit waiting for a
     * further part (when merging is on); else the visit is reported.
     */
    private void close(State s, DetectorContext ctx, long end, boolean departed) {
        if (s.stopped) {
            endStop(s, end);
        }
        addPart(s, part(s, end, departed, s.stopMillis));
        s.port = -1;
        s.stopped = false;
        if (departed && config.mergeGapMillis() > 0) {
            s.pending = true;
            s.departure = end;
            s.due = end + config.mergeGapMillis();
            if (s.timer == Long.MIN_VALUE || s.timer > s.due) {
                if (s.timer != Long.MIN_VALUE) {
                    ctx.deleteTimer(s.timer);
                }
                s.timer = s.due;
                ctx.registerTimer(s.timer);
            }
            return;
        }
        report(s, ctx);
    }

    /** Reports the visit (all its parts are finished) and forgets it. */
    private void report(State s, DetectorContext ctx) {
        Part last = s.parts.get(s.parts.size() - 1);
        Event e = visit(s, (int) ctx.key(), last.end, last.departed, s.stopMillis, s.lastStopEnd, null);
        if (e != null) {
            ctx.emit(e);
        }
        s.pending = false;
        s.port = -1;
        s.evidence = null;
        s.parts = null;
        s.stopped = false;
    }

    /** The open part as it stands at {@code end}, with the visit's stop time {@code stopMillis} up to then. */
    private static Part part(State s, long end, boolean departed, long stopMillis) {
        Part p = new Part();
        p.port = s.port;
        p.start = s.partStart;
        p.end = end;
        p.departed = departed;
        p.stopCount = s.stopCount - s.partStopCount;
        p.stopMillis = stopMillis - s.partStopMillis;
        p.fixes = s.fixes - s.partFixes;
        return p;
    }

    private static void addPart(State s, Part p) {
        if (s.parts == null) {
            s.parts = new ArrayList<>(2);
        }
        if (s.parts.size() == PARTS_HEAD + PARTS_TAIL) {
            s.parts.remove(PARTS_HEAD); // the oldest of the tail
        }
        s.parts.add(p);
        s.partCount++;
    }

    /**
     * The open visit as it stands: ending at the vessel's latest fix, not departed, a stop under way
     * counted up to that fix; a visit waiting for a further part as it would be reported.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        Event e;
        if (s.port >= 0) {
            long end = s.lastTime;
            long stopMillis = s.stopped ? s.stopMillis + (end - s.stopStart) : s.stopMillis;
            long lastStopEnd = s.stopped ? end : s.lastStopEnd;
            e = visit(s, (int) key, end, false, stopMillis, lastStopEnd, part(s, end, false, stopMillis));
        } else if (s.pending) {
            e = visit(s, (int) key, s.departure, true, s.stopMillis, s.lastStopEnd, null);
        } else {
            return;
        }
        if (e != null) {
            out.accept(e);
        }
    }

    /**
     * The visit event of {@code s}'s parts (and {@code open}, the open part, when not null), or null
     * when it does not qualify (see the class comment).
     */
    private Event visit(State s, int mmsi, long end, boolean departed, long stopMillis, long lastStopEnd, Part open) {
        Port port = ports.ports().get(s.place);
        boolean stopOrGap = s.stopCount > 0 || s.gapCount > 0;
        if (!stopOrGap && config.requireStopOrGap()) {
            return null;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("port_id", port.id());
        a.put("port_name", port.name());
        if (port.unlocode() != null) {
            a.put("unlocode", port.unlocode());
        }
        if (port.country() != null) {
            a.put("country", port.country());
        }
        if (s.anchorage >= 0) {
            Port.Anchorage anchorage = ports.ports().get(s.anchorage).anchorage();
            a.put("anchorage_id", anchorage.id());
            a.put("anchorage_name", anchorage.name());
        }
        a.put("port_source", port.source());
        if (port.moved() != null) {
            a.put("port_position_source", port.moved().by());
            a.put("port_listed_lat", port.moved().latitude());
            a.put("port_listed_lon", port.moved().longitude());
        }
        a.put("arrival_ms", s.arrival);
        if (departed) {
            a.put("departure_ms", end);
        }
        a.put("departed", departed);
        a.put("arrival_observed", s.arrivalObserved);
        a.put("stop_count", s.stopCount);
        a.put("stop_duration_s", stopMillis / 1000.0);
        if (s.firstStopStart != Long.MIN_VALUE) {
            a.put("first_stop_start_ms", s.firstStopStart);
        }
        if (lastStopEnd != Long.MIN_VALUE) {
            a.put("last_stop_end_ms", lastStopEnd);
        }
        a.put("gap_count", s.gapCount);
        a.put("fixes", s.fixes);
        a.put("confidence", confidence(s.arrivalObserved, departed, stopOrGap));
        List<Part> all = new ArrayList<>(s.parts == null ? List.of() : s.parts);
        int count = s.partCount;
        if (open != null) {
            if (all.size() == PARTS_HEAD + PARTS_TAIL) {
                all.remove(PARTS_HEAD);
            }
            all.add(open);
            count++;
        }
        a.put("part_count", count);
        ArrayList<Map<String, Object>> parts = new ArrayList<>(all.size());
        for (Part p : all) {
            parts.add(partAttributes(p));
        }
        a.put("parts", parts);
        String geometry = port.area() != null ? GeoJsonGeometry.of(port.area())
                : GeoJsonGeometry.point(port.latitude(), port.longitude());
        return Event.of(EventKind.PORT_VISIT, s.arrival, end, List.of(mmsi), port.latitude(),
                port.longitude(), geometry, parameters, a, s.evidence.observations());
    }

    /** One part as the {@code parts} attribute lists it (mutable collections: hosts copy events). */
    private Map<String, Object> partAttributes(Part p) {
        Port place = ports.ports().get(p.port);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("place", place.isAnchorage() ? "anchorage" : "port");
        if (place.isAnchorage()) {
            m.put("anchorage_id", place.anchorage().id());
            m.put("anchorage_name", place.anchorage().name());
        }
        m.put("lat", Coordinates.round6(place.latitude()));
        m.put("lon", Coordinates.round6(place.longitude()));
        m.put("start_ms", p.start);
        m.put("end_ms", p.end);
        m.put("departed", p.departed);
        m.put("stop_count", p.stopCount);
        m.put("stop_duration_s", p.stopMillis / 1000.0);
        m.put("fixes", p.fixes);
        return m;
    }

    /** GFW's port visit confidence (see the class comment) from whether entry, exit and a stop or gap were seen. */
    static int confidence(boolean entry, boolean exit, boolean stopOrGap) {
        if (!stopOrGap) {
            return 1;
        }
        if (entry && exit) {
            return 4;
        }
        return entry || exit ? 3 : 2;
    }

    /**
     * The port a fix arrives at, as an index into the port index: a containing polygon, else the
     * nearest point port within the entry radius; -1 for none.
     */
    int arrivalPort(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) || !reach.mayReach(lat, lon)) {
            return -1;
        }
        Port area = ports.containing(lat, lon);
        if (area == null) {
            PortIndex.Nearest n = ports.nearest(lat, lon, config.entryRadiusMetres(), true);
            area = n == null ? null : n.port();
        }
        return area == null ? -1 : ports.indexOf(area);
    }

    private boolean departed(int index, Port port, double lat, double lon) {
        double d = ports.distanceTo(index, lat, lon);
        return port.area() != null ? d > config.polygonExitMarginMetres() : d > config.exitRadiusMetres();
    }
}
