package org.watchkeeper.core.detect.identity;

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
import org.watchkeeper.core.detect.EvidenceBuffer;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.ReportTime;

/**
 * One MMSI in two places no ship could link: {@link EventKind#IDENTITY_CONFLICT} when the fixes of
 * one MMSI keep alternating between two places for longer than a short window (two transmitters
 * sharing an MMSI, or a spoofed copy), {@link EventKind#POSITION_JUMP} for a single fix that breaks an
 * otherwise consistent track.
 *
 * <p><b>Places.</b> Each MMSI's fixes are grouped into at most {@code maxPlaces} places (moving
 * clusters): a fix joins the live place it can reach at the lowest implied speed, if that speed is
 * at most {@code maxSpeedKnots} ({@code aircraftMaxSpeedKnots} for SAR aircraft: MMSI 111MIDxxx or
 * type 9); otherwise it opens a new place. The implied speed forgives {@code noiseDistanceMetres} of
 * distance (GNSS noise, type 27 resolution) and {@code clockSkewMillis} of time (receiving stations
 * whose clocks disagree), so one transmission heard by two stations never looks like two places.
 * The interval is also widened by both fixes' time slack ({@link PositionObservation#timeSlackMillis()}:
 * the latency to the reconciled report time for a late reception, {@link ReportTime#UNCERTAIN_INTERVAL_MILLIS}
 * for a satellite feed's batch delivery time), so fixes made minutes apart but delivered with times
 * seconds apart never open a place. A
 * place dies when it has had no fix for {@code placeTimeoutMillis}; the stalest dies when a new one
 * would exceed {@code maxPlaces}. The vessel picture's tracker keeps the same split (several open
 * segments per MMSI), so both transmitters reach detectors as accepted observations.
 *
 * <p><b>Identity conflict.</b> An episode starts at the first fix in a second place (start = that
 * fix's time) and follows that pair of places; each time the MMSI's next fix in the pair is in the
 * other place counts as an alternation (the first move to the second place counts as one). It ends
 * when one of the two places dies, with end = the last alternation. It is reported when it has at
 * least {@code minAlternations} alternations, each place at least two fixes, and end - start ≥
 * {@code minConflictMillis}. Position: the first place; attributes {@code lat_a, lon_a} (first place
 * at the start), {@code lat_b, lon_b} (second place), {@code distance_m} between them,
 * {@code implied_speed_kn} at the start, {@code max_implied_speed_kn}, {@code alternations},
 * {@code fixes_a}, {@code fixes_b}, {@code duration_s}. Evidence: the fixes at alternations (first
 * and last 25).
 *
 * <p><b>Position jump.</b> A place that dies with at most {@code jumpMaxFixes} fixes and was opened
 * from another place gives an instantaneous event at its fix: attributes {@code from_lat,
 * from_lon, from_time} (the last fix before it), {@code distance_m}, {@code implied_speed_kn} (no
 * forgiveness; over the interval widened by the two fixes' time slack), {@code time_slack_s} (that
 * slack, only when not 0), {@code returned} (whether the next fix went back to the place it left). The event
 * is emitted when the place dies, i.e. {@code placeTimeoutMillis} after the jump at the latest.
 */
public final class IdentityConflictDetector implements Detector<IdentityConflictDetector.State> {

    /**
     * Settings.
     *
     * @param maxSpeedKnots speed above which no ship links two fixes (default 50 kn: above the
     *        service speed of merchant ships and fishing vessels and of most high-speed craft; the
     *        value DMA's AisAbnormal and most AIS-quality studies use for "impossible" speed lies
     *        between 40 and 50 kn)
     * @param aircraftMaxSpeedKnots the same bound for SAR aircraft (default 600 kn; type 9 reports up
     *        to 1 022 kn, ITU-R M.1371-5 Table 48, and SAR aircraft fly well below 600 kn)
     * @param noiseDistanceMetres distance forgiven before the speed is computed (default 185.2 m, the
     *        tracker's value, about the resolution of a type 27 fix)
     * @param clockSkewMillis time added to every interval (default 10 s: receive times of one
     *        network's stations agree to a few seconds)
     * @param placeTimeoutMillis a place without a fix for this long dies (default 30 min: Class A
     *        ships report at least every 3 minutes, Class B every 3 minutes at rest, ITU-R M.1371-5
     *        Tables 1 and 2, so a live place is refreshed many times within it)
     * @param maxPlaces places kept per MMSI (default 4, the tracker's open-segment limit)
     * @param minAlternations alternations between the two places an identity conflict needs (default 4)
     * @param minConflictMillis shortest conflict (default 10 min: longer than any single glitch)
     * @param jumpMaxFixes a place with at most this many fixes that dies is a jump (default 1)
     */
    public record Config(double maxSpeedKnots, double aircraftMaxSpeedKnots, double noiseDistanceMetres,
                         long clockSkewMillis, long placeTimeoutMillis, int maxPlaces, int minAlternations,
                         long minConflictMillis, int jumpMaxFixes) {
        /** Validates. */
        public Config {
            if (!(maxSpeedKnots > 0) || !(aircraftMaxSpeedKnots > 0) || !(noiseDistanceMetres >= 0) || clockSkewMillis < 0
                    || placeTimeoutMillis <= 0 || maxPlaces < 2 || minAlternations < 1 || minConflictMillis < 0
                    || jumpMaxFixes < 1) {
                throw new IllegalArgumentException("bad identity-conflict settings");
            }
        }

        /** The defaults above. */
        public static Config defaults() {
            return new Config(50, 600, 185.2, 10_000L, 1_800_000L, 4, 4, 600_000L, 1);
        }
    }

    /** One place: a moving cluster of fixes a single transmitter could have made. */
    static final class Place implements Serializable {
        private static final long serialVersionUID = 1L;
        int id;
        long firstTime;
        long lastTime;
        double lat;
        double lon;
        int fixes;
        int parent = -1;
        long fromTime;
        double fromLat;
        double fromLon;
        boolean returned;
        /** Slack of the newest fix's time ({@link PositionObservation#timeSlackMillis()}), ms. */
        long lastSlack;
        /** Slack of the place's first fix plus that of the fix it was opened from, ms. */
        long jumpSlack;
        final EvidenceBuffer first = new EvidenceBuffer(2);
    }

    /** The open identity-conflict episode. */
    static final class Episode implements Serializable {
        private static final long serialVersionUID = 1L;
        int a;
        int b;
        int lastSide;
        long start;
        long lastSwitch;
        int alternations;
        double latA, lonA, latB, lonB;
        double startSpeed;
        double maxSpeed;
        final EvidenceBuffer evidence = new EvidenceBuffer(50);
    }

    /** Per-MMSI state. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 2L;
        final ArrayList<Place> places = new ArrayList<>();
        int nextId;
        int previous = -1;
        long newest = Long.MIN_VALUE;
        /** The registered timer (at most one), or {@code Long.MIN_VALUE}. */
        long timer = Long.MIN_VALUE;
        /**
         * When the places are looked at again: the newest fix plus the place timeout. The timer is not
         * moved with every fix (a delete and a register each): when it fires before this, it is set
         * again for this time.
         */
        long due = Long.MIN_VALUE;
        Episode episode;
    }

    private final Config config;

    /** @param config settings */
    public IdentityConflictDetector(Config config) {
        this.config = config;
    }

    /** With {@link Config#defaults()}. */
    public static IdentityConflictDetector withDefaults() {
        return new IdentityConflictDetector(Config.defaults());
    }

    @Override
    public String name() {
        return "identity_conflict";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            return;
        }
        long t = p.time();
        // Places that died before this fix (the same rule the timer applies); the list is copied
        // only when one did (closing removes from it).
        boolean died = false;
        for (Place pl : s.places) {
            died |= pl.lastTime + config.placeTimeoutMillis() < t;
        }
        if (died) {
            for (Place pl : new ArrayList<>(s.places)) {
                if (pl.lastTime + config.placeTimeoutMillis() < t) {
                    close(pl, s, ctx);
                }
            }
        }
        double bound = Mmsi.kind(p.mmsi()) == Mmsi.Kind.SAR_AIRCRAFT || p.messageType() == 9
                ? config.aircraftMaxSpeedKnots() : config.maxSpeedKnots();
        Place best = null;
        double bestSpeed = Double.POSITIVE_INFINITY;
        for (Place pl : s.places) {
            double v = forgivingSpeed(pl, p);
            if (v <= bound && v < bestSpeed) {
                best = pl;
                bestSpeed = v;
            }
        }
        Place prev = find(s, s.previous);
        if (best == null) {
            if (s.places.size() >= config.maxPlaces()) {
                Place stalest = s.places.get(0);
                for (Place pl : s.places) {
                    if (pl.lastTime < stalest.lastTime) {
                        stalest = pl;
                    }
                }
                close(stalest, s, ctx);
                prev = find(s, s.previous);
            }
            best = new Place();
            best.id = s.nextId++;
            best.firstTime = t;
            if (prev != null) {
                best.parent = prev.id;
                best.fromTime = prev.lastTime;
                best.fromLat = prev.lat;
                best.fromLon = prev.lon;
                best.jumpSlack = prev.lastSlack + p.timeSlackMillis();
            }
            s.places.add(best);
        }
        if (prev != null && prev != best && prev.fixes <= config.jumpMaxFixes() && prev.parent == best.id) {
            prev.returned = true;
        }
        alternate(prev, best, p, s);
        best.lastTime = t;
        best.lastSlack = p.timeSlackMillis();
        best.lat = p.latitude();
        best.lon = p.longitude();
        if (best.fixes == 0) {
            best.first.add(p);
        }
        best.fixes++;
        s.previous = best.id;
        s.newest = Math.max(s.newest, t);
        s.due = s.newest + config.placeTimeoutMillis();
        if (s.timer == Long.MIN_VALUE) {
            s.timer = s.due;
            ctx.registerTimer(s.timer);
        }
    }

    private void alternate(Place prev, Place now, PositionObservation p, State s) {
        Episode e = s.episode;
        if (e == null) {
            if (prev == null || prev == now) {
                return;
            }
            e = new Episode();
            e.a = prev.id;
            e.b = now.id;
            e.lastSide = now.id;
            e.start = p.time();
            e.lastSwitch = p.time();
            e.alternations = 1;
            e.latA = prev.lat;
            e.lonA = prev.lon;
            e.latB = p.latitude();
            e.lonB = p.longitude();
            e.startSpeed = Geodesy.impliedSpeedKnots(prev.lat, prev.lon, p.latitude(), p.longitude(), p.time() - prev.lastTime);
            e.maxSpeed = e.startSpeed;
            e.evidence.add(p);
            s.episode = e;
            return;
        }
        if ((now.id == e.a || now.id == e.b) && now.id != e.lastSide) {
            Place other = find(s, e.lastSide);
            e.alternations++;
            e.lastSwitch = p.time();
            e.lastSide = now.id;
            if (other != null) {
                double v = Geodesy.impliedSpeedKnots(other.lat, other.lon, p.latitude(), p.longitude(), p.time() - other.lastTime);
                e.maxSpeed = Math.max(e.maxSpeed, v);
            }
            e.evidence.add(p);
        }
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (timestamp != s.timer) {
            return;
        }
        s.timer = Long.MIN_VALUE;
        if (s.due > timestamp) { // fixes came since the timer was set: look again when the newest times out
            s.timer = s.due;
            ctx.registerTimer(s.timer);
            return;
        }
        // Close the places that timed out, oldest first in list order (closing removes from the list:
        // the list is copied only when more than one place is left, the common case being one).
        if (s.places.size() == 1) {
            Place pl = s.places.get(0);
            if (pl.lastTime + config.placeTimeoutMillis() <= timestamp) {
                close(pl, s, ctx);
            }
        } else {
            for (Place pl : new ArrayList<>(s.places)) {
                if (pl.lastTime + config.placeTimeoutMillis() <= timestamp) {
                    close(pl, s, ctx);
                }
            }
        }
        if (s.places.isEmpty()) {
            ctx.clearState();
        }
    }

    private double forgivingSpeed(Place pl, PositionObservation p) {
        double d = Geodesy.distance(pl.lat, pl.lon, p.latitude(), p.longitude()) - config.noiseDistanceMetres();
        if (d <= 0) {
            return 0;
        }
        long dt = Math.max(0, p.time() - pl.lastTime) + config.clockSkewMillis() + p.timeSlackMillis()
                + pl.lastSlack;
        if (dt <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
    }

    private static Place find(State s, int id) {
        for (Place pl : s.places) {
            if (pl.id == id) {
                return pl;
            }
        }
        return null;
    }

    /** A place dies: report a jump or end the conflict it belongs to. */
    private void close(Place pl, State s, DetectorContext ctx) {
        s.places.remove(pl);
        Episode e = s.episode;
        if (e != null && (e.a == pl.id || e.b == pl.id)) {
            Place a = e.a == pl.id ? pl : find(s, e.a);
            Place b = e.b == pl.id ? pl : find(s, e.b);
            if (e.alternations >= config.minAlternations() && a != null && b != null && a.fixes >= 2 && b.fixes >= 2
                    && e.lastSwitch - e.start >= config.minConflictMillis()) {
                emitConflict(e, a, b, ctx);
            }
            s.episode = null;
        }
        if (pl.fixes <= config.jumpMaxFixes() && pl.parent >= 0) {
            emitJump(pl, ctx);
        }
    }

    private Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_speed_kn", config.maxSpeedKnots());
        m.put("aircraft_max_speed_kn", config.aircraftMaxSpeedKnots());
        m.put("noise_distance_m", config.noiseDistanceMetres());
        m.put("clock_skew_s", config.clockSkewMillis() / 1000.0);
        m.put("place_timeout_s", config.placeTimeoutMillis() / 1000);
        m.put("min_alternations", config.minAlternations());
        m.put("min_conflict_s", config.minConflictMillis() / 1000);
        return m;
    }

    private void emitConflict(Episode e, Place a, Place b, DetectorContext ctx) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("lat_a", e.latA);
        at.put("lon_a", e.lonA);
        at.put("lat_b", e.latB);
        at.put("lon_b", e.lonB);
        at.put("distance_m", Math.round(Geodesy.distance(e.latA, e.lonA, e.latB, e.lonB)));
        if (Double.isFinite(e.startSpeed)) {
            at.put("implied_speed_kn", round1(e.startSpeed));
        }
        if (Double.isFinite(e.maxSpeed)) {
            at.put("max_implied_speed_kn", round1(e.maxSpeed));
        }
        at.put("alternations", e.alternations);
        at.put("fixes_a", a.fixes);
        at.put("fixes_b", b.fixes);
        at.put("duration_s", (e.lastSwitch - e.start) / 1000);
        ctx.emit(Event.of(EventKind.IDENTITY_CONFLICT, e.start, e.lastSwitch, List.of((int) ctx.key()), e.latA, e.lonA,
                null, parameters(), at, e.evidence.toList()));
    }

    private void emitJump(Place pl, DetectorContext ctx) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("from_lat", pl.fromLat);
        at.put("from_lon", pl.fromLon);
        at.put("from_time", java.time.Instant.ofEpochMilli(pl.fromTime).toString());
        at.put("distance_m", Math.round(Geodesy.distance(pl.fromLat, pl.fromLon, pl.lat, pl.lon)));
        long interval = Math.abs(pl.firstTime - pl.fromTime) + pl.jumpSlack;
        double v = Geodesy.impliedSpeedKnots(pl.fromLat, pl.fromLon, pl.lat, pl.lon, interval);
        if (Double.isFinite(v)) {
            at.put("implied_speed_kn", round1(v));
        }
        if (pl.jumpSlack != 0) {
            at.put("time_slack_s", pl.jumpSlack / 1000.0);
        }
        at.put("returned", pl.returned);
        ctx.emit(Event.of(EventKind.POSITION_JUMP, pl.firstTime, pl.firstTime, List.of((int) ctx.key()), pl.lat, pl.lon,
                null, parameters(), at, pl.first.toList()));
    }

    private static double round1(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }
}
