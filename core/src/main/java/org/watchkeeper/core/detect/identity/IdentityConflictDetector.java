package org.watchkeeper.core.detect.identity;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.EvidenceBuffer;
import org.watchkeeper.core.geo.DistanceBounds;
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
     * @param placeTimeoutMillis a place without a fix for this long dies (default 2 h: longer than the
     *        pause between the passes of AIS satellites over one area, which recur within about 100
     *        minutes ({@link ReportTime#UNCERTAIN_INTERVAL_MILLIS}), so two transmitters sharing an MMSI
     *        seen only on passes keep their places from one pass to the next; terrestrially heard
     *        places are refreshed far more often: Class A ships report at least every 3 minutes,
     *        Class B every 3 minutes at rest, ITU-R M.1371-5 Tables 1 and 2). An identity conflict
     *        or position jump is reported when its place dies, so up to this long after its last fix.
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
            return new Config(50, 600, 185.2, 10_000L, 7_200_000L, 4, 4, 600_000L, 1);
        }
    }

    // One place, a moving cluster of fixes a single transmitter could have made, is a run of PLACE
    // longs in State.places (doubles as their raw bits); the fields read for every fix come first.
    private static final int LAST_TIME = 0;
    private static final int LAT = 1;
    private static final int LON = 2;
    /** Slack of the newest fix's time ({@link PositionObservation#timeSlackMillis()}), ms. */
    private static final int LAST_SLACK = 3;
    private static final int ID = 4;
    private static final int FIXES = 5;
    /** Id of the place this one was opened from, or -1. */
    private static final int PARENT = 6;
    private static final int FIRST_TIME = 7;
    private static final int FROM_TIME = 8;
    private static final int FROM_LAT = 9;
    private static final int FROM_LON = 10;
    /** 1 when the next fix went back to the parent place. */
    private static final int RETURNED = 11;
    /** Slack of the place's first fix plus that of the fix it was opened from, ms. */
    private static final int JUMP_SLACK = 12;
    private static final int PLACE = 13;

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

    /**
     * Per-MMSI state. The live places are held in one primitive array in the order they were opened
     * (no object per place or per fix: a fix reads the state and that array). Serial version 3: the
     * places were objects in a list up to version 2.
     */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 3L;
        /** The live places, {@code PLACE} longs each, in the order they were opened; room for one at first. */
        long[] places = new long[PLACE];
        /** The first fix of each live place, same order. */
        EvidenceBuffer[] firsts = new EvidenceBuffer[1];
        /** Number of live places. */
        int count;
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

        /** Number of live places. */
        int placeCount() {
            return count;
        }

        /** Index of the live place with this id, or -1. */
        int find(int id) {
            long[] pl = places;
            for (int i = 0, o = ID; i < count; i++, o += PLACE) {
                if (pl[o] == id) {
                    return i;
                }
            }
            return -1;
        }

        double get(int i, int field) {
            return Double.longBitsToDouble(places[i * PLACE + field]);
        }

        long at(int i, int field) {
            return places[i * PLACE + field];
        }

        /** Appends an empty place (all fields 0) and returns its index. */
        int append() {
            if ((count + 1) * PLACE > places.length) {
                places = java.util.Arrays.copyOf(places, places.length * 2);
                firsts = java.util.Arrays.copyOf(firsts, firsts.length * 2);
            }
            int i = count++;
            java.util.Arrays.fill(places, i * PLACE, (i + 1) * PLACE, 0L);
            firsts[i] = null;
            return i;
        }

        /** Removes place {@code i}, keeping the others' order. */
        void remove(int i) {
            int tail = count - i - 1;
            System.arraycopy(places, (i + 1) * PLACE, places, i * PLACE, tail * PLACE);
            System.arraycopy(firsts, i + 1, firsts, i, tail);
            count--;
            firsts[count] = null;
        }
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
        long timeout = config.placeTimeoutMillis();
        // Places that died before this fix (the same rule the timer applies), in the order they were opened.
        for (int i = 0; i < s.count; ) {
            if (s.at(i, LAST_TIME) + timeout < t) {
                close(i, s, ctx);
            } else {
                i++;
            }
        }
        double bound = Mmsi.kind(p.mmsi()) == Mmsi.Kind.SAR_AIRCRAFT || p.aircraftReport()
                ? config.aircraftMaxSpeedKnots() : config.maxSpeedKnots();
        int best = -1;
        double bestSpeed = Double.POSITIVE_INFINITY;
        boolean single = s.count == 1;
        for (int i = 0; i < s.count; i++) {
            double v = forgivingSpeed(s, i, p, bound, single);
            if (v <= bound && v < bestSpeed) {
                best = i;
                bestSpeed = v;
            }
        }
        int prev = s.find(s.previous);
        if (best < 0) {
            if (s.count >= config.maxPlaces()) {
                int stalest = 0;
                for (int i = 1; i < s.count; i++) {
                    if (s.at(i, LAST_TIME) < s.at(stalest, LAST_TIME)) {
                        stalest = i;
                    }
                }
                close(stalest, s, ctx);
                prev = s.find(s.previous);
            }
            best = s.append();
            long[] pl = s.places;
            int o0 = best * PLACE;
            pl[o0 + ID] = s.nextId++;
            pl[o0 + FIRST_TIME] = t;
            pl[o0 + PARENT] = -1;
            if (prev >= 0) {
                int q = prev * PLACE;
                pl[o0 + PARENT] = pl[q + ID];
                pl[o0 + FROM_TIME] = pl[q + LAST_TIME];
                pl[o0 + FROM_LAT] = pl[q + LAT];
                pl[o0 + FROM_LON] = pl[q + LON];
                pl[o0 + JUMP_SLACK] = pl[q + LAST_SLACK] + p.timeSlackMillis();
            }
        }
        long[] pl = s.places;
        int ob = best * PLACE;
        if (prev >= 0 && prev != best && pl[prev * PLACE + FIXES] <= config.jumpMaxFixes()
                && pl[prev * PLACE + PARENT] == pl[ob + ID]) {
            pl[prev * PLACE + RETURNED] = 1;
        }
        alternate(prev, best, p, s);
        pl[ob + LAST_TIME] = t;
        pl[ob + LAST_SLACK] = p.timeSlackMillis();
        pl[ob + LAT] = Double.doubleToRawLongBits(p.latitude());
        pl[ob + LON] = Double.doubleToRawLongBits(p.longitude());
        if (pl[ob + FIXES] == 0) {
            EvidenceBuffer first = new EvidenceBuffer(2);
            first.add(p);
            s.firsts[best] = first;
        }
        pl[ob + FIXES]++;
        s.previous = (int) pl[ob + ID];
        s.newest = Math.max(s.newest, t);
        s.due = s.newest + timeout;
        if (s.timer == Long.MIN_VALUE) {
            s.timer = s.due;
            ctx.registerTimer(s.timer);
        }
    }

    private void alternate(int prev, int now, PositionObservation p, State s) {
        Episode e = s.episode;
        int nowId = (int) s.at(now, ID);
        if (e == null) {
            if (prev < 0 || prev == now) {
                return;
            }
            double prevLat = s.get(prev, LAT);
            double prevLon = s.get(prev, LON);
            e = new Episode();
            e.a = (int) s.at(prev, ID);
            e.b = nowId;
            e.lastSide = nowId;
            e.start = p.time();
            e.lastSwitch = p.time();
            e.alternations = 1;
            e.latA = prevLat;
            e.lonA = prevLon;
            e.latB = p.latitude();
            e.lonB = p.longitude();
            e.startSpeed = Geodesy.impliedSpeedKnots(prevLat, prevLon, p.latitude(), p.longitude(),
                    p.time() - s.at(prev, LAST_TIME));
            e.maxSpeed = e.startSpeed;
            e.evidence.add(p);
            s.episode = e;
            return;
        }
        if ((nowId == e.a || nowId == e.b) && nowId != e.lastSide) {
            int other = s.find(e.lastSide);
            e.alternations++;
            e.lastSwitch = p.time();
            e.lastSide = nowId;
            if (other >= 0) {
                double v = Geodesy.impliedSpeedKnots(s.get(other, LAT), s.get(other, LON), p.latitude(), p.longitude(),
                        p.time() - s.at(other, LAST_TIME));
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
        // Close the places that timed out, in the order they were opened.
        long timeout = config.placeTimeoutMillis();
        for (int i = 0; i < s.count; ) {
            if (s.at(i, LAST_TIME) + timeout <= timestamp) {
                close(i, s, ctx);
            } else {
                i++;
            }
        }
        if (s.count == 0) {
            ctx.clearState();
        }
    }

    /**
     * The speed (knots) a move from place {@code i}'s last fix to {@code p} implies, forgiving the
     * position noise, the clock skew and both fixes' time slack; or a stand-in when bounds on the
     * distance decide the comparison with {@code bound} (knots) by themselves: +∞ when the place is
     * surely out of reach, 0 when it is surely within reach and the only place ({@code only}: then no
     * other speed is compared with it). Most fixes are a few metres from their place's last one, and
     * the bounds spare the arcsine of the exact distance.
     */
    private double forgivingSpeed(State s, int i, PositionObservation p, double bound, boolean only) {
        long[] pl = s.places;
        int o = i * PLACE;
        long dt = Math.max(0, p.time() - pl[o + LAST_TIME]) + config.clockSkewMillis() + p.timeSlackMillis()
                + pl[o + LAST_SLACK];
        double h = Geodesy.haversine(Double.longBitsToDouble(pl[o + LAT]), Double.longBitsToDouble(pl[o + LON]),
                p.latitude(), p.longitude());
        if (dt > 0) {
            // the distance at which the forgiving speed equals the bound
            double reach = bound * Geodesy.METRES_PER_SECOND_PER_KNOT * (dt / 1000.0) + config.noiseDistanceMetres();
            if (DistanceBounds.lower(h) > reach * (1 + REACH_SLACK)) {
                return Double.POSITIVE_INFINITY;
            }
            if (only && DistanceBounds.upper(h) < reach * (1 - REACH_SLACK)) {
                return 0;
            }
        }
        double d = Geodesy.distanceOfHaversine(h) - config.noiseDistanceMetres();
        if (d <= 0) {
            return 0;
        }
        if (dt <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
    }

    /** Relative margin of the reach test against the rounding of the speed's own computation. */
    private static final double REACH_SLACK = 1e-9;

    /** Place {@code i} dies: report a jump or end the conflict it belongs to, then remove it. */
    private void close(int i, State s, DetectorContext ctx) {
        int id = (int) s.at(i, ID);
        Episode e = s.episode;
        if (e != null && (e.a == id || e.b == id)) {
            if (conflictReported(e, s)) {
                ctx.emit(conflict(e, s, ctx.key()));
            }
            s.episode = null;
        }
        if (isJump(s, i)) {
            ctx.emit(jump(s, i, ctx.key()));
        }
        s.remove(i);
    }

    /** Whether the conflict {@code e} is reported when one of its places dies now. */
    private boolean conflictReported(Episode e, State s) {
        int a = s.find(e.a);
        int b = s.find(e.b);
        return e.alternations >= config.minAlternations() && a >= 0 && b >= 0 && s.at(a, FIXES) >= 2
                && s.at(b, FIXES) >= 2 && e.lastSwitch - e.start >= config.minConflictMillis();
    }

    /** Whether place {@code i} is a position jump when it dies now. */
    private boolean isJump(State s, int i) {
        return s.at(i, FIXES) <= config.jumpMaxFixes() && s.at(i, PARENT) >= 0;
    }

    /**
     * What this vessel's places would report if they all died now, as they do at the end of the input
     * (in the order they were opened, all at one time): the conflict under way when it is long enough,
     * and each place that would be a position jump, whose event waits for the place to die (up to
     * {@code placeTimeoutMillis} after its fix; a second fix in the place makes it no jump). A
     * host whose input goes on (the server) shows these as under way, with the ids they keep when
     * their places die unchanged, so that what it stores and shows equals what {@code analyze} reports
     * for the same input.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        Episode e = s.episode;
        boolean conflictDone = false;
        for (int i = 0; i < s.count; i++) {
            int id = (int) s.at(i, ID);
            if (!conflictDone && e != null && (e.a == id || e.b == id)) {
                conflictDone = true;
                if (conflictReported(e, s)) {
                    out.accept(conflict(e, s, key));
                }
            }
            if (isJump(s, i)) {
                out.accept(jump(s, i, key));
            }
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

    private Event conflict(Episode e, State s, long key) {
        int fixesA = (int) s.at(s.find(e.a), FIXES);
        int fixesB = (int) s.at(s.find(e.b), FIXES);
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
        at.put("fixes_a", fixesA);
        at.put("fixes_b", fixesB);
        at.put("duration_s", (e.lastSwitch - e.start) / 1000);
        return Event.of(EventKind.IDENTITY_CONFLICT, e.start, e.lastSwitch, List.of((int) key), e.latA, e.lonA,
                null, parameters(), at, e.evidence.toList());
    }

    private Event jump(State s, int i, long key) {
        double fromLat = s.get(i, FROM_LAT);
        double fromLon = s.get(i, FROM_LON);
        double lat = s.get(i, LAT);
        double lon = s.get(i, LON);
        long fromTime = s.at(i, FROM_TIME);
        long firstTime = s.at(i, FIRST_TIME);
        long jumpSlack = s.at(i, JUMP_SLACK);
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("from_lat", fromLat);
        at.put("from_lon", fromLon);
        at.put("from_time", java.time.Instant.ofEpochMilli(fromTime).toString());
        at.put("distance_m", Math.round(Geodesy.distance(fromLat, fromLon, lat, lon)));
        long interval = Math.abs(firstTime - fromTime) + jumpSlack;
        double v = Geodesy.impliedSpeedKnots(fromLat, fromLon, lat, lon, interval);
        if (Double.isFinite(v)) {
            at.put("implied_speed_kn", round1(v));
        }
        if (jumpSlack != 0) {
            at.put("time_slack_s", jumpSlack / 1000.0);
        }
        at.put("returned", s.at(i, RETURNED) != 0);
        // several jumps of one vessel can start at one instant (rows of one time at several places, as a
        // MarineCadastre export's first second holds): the place jumped to tells them apart
        return Event.of(EventKind.POSITION_JUMP, firstTime, firstTime, List.of((int) key), lat, lon,
                null, parameters(), at, s.firsts[i].toList(), String.format(java.util.Locale.ROOT, "%.6f,%.6f", lat, lon));
    }

    private static double round1(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }
}
