package org.watchkeeper.core.detect.port;

import java.io.Serializable;
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
 * entry radius (ties: the port given first to the index). The vessel stays in that port's visit until
 * it departs from that port.
 *
 * <p>Event: start = arrival (first fix in reach; if the vessel's first fix ever seen is already in
 * reach, {@code arrival_observed=false} and the start is only a bound); end = departure (first fix
 * beyond the exit rule) or, when the vessel falls silent for {@link PortVisitConfig#silenceMillis()}
 * or the input ends, its last fix ({@code departed=false}). Position: the port's point; geometry: the
 * port polygon, or the port point. Attributes: {@code port_id}, {@code port_name}, {@code unlocode},
 * {@code country} (when known), {@code anchorage_id} and {@code anchorage_name} (when the place
 * reached is an anchorage, {@link Port#anchorage()}: the {@code port_*}, {@code unlocode} and
 * {@code country} are then those of the port it belongs to, or the anchorage's own when it belongs
 * to none), {@code port_source}, {@code arrival_ms}, {@code departure_ms} (when
 * departed), {@code departed}, {@code arrival_observed}, {@code stop_count}, {@code stop_duration_s}
 * (total time stopped), {@code first_stop_start_ms}, {@code last_stop_end_ms}, {@code gap_count} (port gaps:
 * two successive fixes of the visit more than {@link #PORT_GAP_MILLIS} = 4 h apart, GFW's "port gap"),
 * {@code fixes} and {@code confidence}, GFW's port visit confidence from the visit's parts:
 * <ul>
 * <li>1: entry and/or exit, no stop and no gap (a passing; only with {@code requireStopOrGap} off);
 * <li>2: a stop and/or gap, neither entry nor exit observed (e.g. a vessel seen only while moored);
 * <li>3: a stop and/or gap with either the entry or the exit;
 * <li>4: entry, stop and/or gap, and exit.
 * </ul>
 * Entry is {@code arrival_observed}, exit {@code departed}. (Global Fishing Watch, "Port visits"
 * confidence levels 1-4, introduced with its 2021 port events update; GFW publishes visits of
 * confidence 2 and above.) Evidence: first 10 and last 40 fixes of the visit.
 *
 * <p>State: per vessel the open visit (bounded evidence) or, out of port, two fields.
 */
public final class PortVisitDetector implements Detector<PortVisitDetector.State> {
    private static final int EVIDENCE_HEAD = 10;
    private static final int EVIDENCE_TAIL = 40;
    /** Successive fixes of a visit further apart than this make a port gap (GFW: "an AIS gap of more than 4 hours in port"). */
    public static final long PORT_GAP_MILLIS = 4 * 3_600_000L;
    private final PortIndex ports;
    private final PortVisitConfig config;
    private final Map<String, Object> parameters;
    /** Cells where a visit may start (most fixes at sea are answered from it without a port query). */
    private final PortReach reach;

    /** Per-vessel state: the open visit, if any. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 2L;
        boolean seen;
        long lastTime = Long.MIN_VALUE;
        /** The registered timer (at most one), or {@code Long.MIN_VALUE}. */
        long timer = Long.MIN_VALUE;
        /**
         * When the open visit ends for silence: its last fix plus the silence limit. The timer is not
         * moved with every fix (a delete and a register each): when it fires before this, it is set
         * again for this time.
         */
        long due = Long.MIN_VALUE;
        /** Index (in the port index) of the port of the open visit, or -1 when not in a visit. */
        int port = -1;
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
        // A silence timer that the host has not fired yet (slow watermark) is applied here first, so
        // the result never depends on when timers are delivered.
        if (s.port >= 0 && p.time() - s.lastTime >= config.silenceMillis()) {
            close(s, ctx, s.lastTime, false);
        }
        if (s.port < 0) {
            int port = arrivalPort(p.latitude(), p.longitude());
            if (port >= 0) {
                s.port = port;
                s.arrival = p.time();
                s.arrivalObserved = !firstEver;
                s.evidence = new Evidence(EVIDENCE_HEAD, EVIDENCE_TAIL);
                s.stopped = false;
                s.stopMillis = 0;
                s.stopCount = 0;
                s.gapCount = 0;
                s.firstStopStart = Long.MIN_VALUE;
                s.lastStopEnd = Long.MIN_VALUE;
                s.fixes = 0;
                inVisit(p, s);
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
        if (s.port < 0) { // the visit ended meanwhile
            return;
        }
        if (s.due > timestamp) { // fixes came since the timer was set: wait for the newest one's silence
            s.timer = s.due;
            ctx.registerTimer(s.timer);
            return;
        }
        close(s, ctx, s.lastTime, false);
    }

    private void close(State s, DetectorContext ctx, long end, boolean departed) {
        if (s.stopped) {
            endStop(s, end);
        }
        Event e = visit(s, (int) ctx.key(), end, departed, s.stopMillis, s.lastStopEnd);
        if (e != null) {
            ctx.emit(e);
        }
        s.port = -1;
        s.evidence = null;
        s.stopped = false;
    }

    /**
     * The open visit as it stands: ending at the vessel's latest fix, not departed, a stop under way
     * counted up to that fix.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        if (s.port < 0) {
            return;
        }
        long end = s.lastTime;
        long stopMillis = s.stopped ? s.stopMillis + (end - s.stopStart) : s.stopMillis;
        long lastStopEnd = s.stopped ? end : s.lastStopEnd;
        Event e = visit(s, (int) key, end, false, stopMillis, lastStopEnd);
        if (e != null) {
            out.accept(e);
        }
    }

    /** The visit event of {@code s}'s open visit, or null when it does not qualify (see the class comment). */
    private Event visit(State s, int mmsi, long end, boolean departed, long stopMillis, long lastStopEnd) {
        Port port = ports.ports().get(s.port);
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
        if (port.anchorage() != null) {
            a.put("anchorage_id", port.anchorage().id());
            a.put("anchorage_name", port.anchorage().name());
        }
        a.put("port_source", port.source());
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
        String geometry = port.area() != null ? GeoJsonGeometry.of(port.area())
                : GeoJsonGeometry.point(port.latitude(), port.longitude());
        return Event.of(EventKind.PORT_VISIT, s.arrival, end, List.of(mmsi), port.latitude(),
                port.longitude(), geometry, parameters, a, s.evidence.observations());
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
