package org.watchkeeper.core.detect.identity;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.detect.EvidenceBuffer;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.LandMask;

/**
 * Reports ships that repeatedly report positions on land ({@link EventKind#POSITION_ON_LAND}), a
 * sign of a faulty or spoofed position source. A fix is on land by {@link LandMask#isOnLand(double,
 * double, double)}: inside land and more than {@code toleranceMetres} from the coastline. Only ship
 * position reports count (types 1, 2, 3, 18, 19, 27, and a CSV export's rows of vessels,
 * {@link PositionObservation#vesselReport()}): base stations and aids to navigation stand on land,
 * SAR aircraft fly over it.
 *
 * <p>An episode is a run of on-land fixes in which consecutive on-land fixes are at most
 * {@code episodeGapMillis} apart (sea fixes in between do not end it: a spoofed track often
 * alternates). It closes when {@code episodeGapMillis} pass after its last on-land fix (an
 * event-time timer) and is reported when it has at least {@code minFixes} on-land fixes.
 * Start = first on-land fix, end = last on-land fix; position = the first on-land fix. Attributes:
 * {@code land_fixes}, {@code sea_fixes} (interleaved), {@code max_inland_m} (largest distance
 * inside the coastline, capped at {@code inlandSearchMetres}; a capped value means "at least"),
 * {@code duration_s}. Evidence: up to 50 of the on-land fixes (first and last).
 *
 * <p>The vessel picture's tracker drops on-land fixes as noise when it is given a land mask; this
 * detector must then be fed before the tracker (or the tracker run without a mask, its default),
 * otherwise it sees no on-land fix. Inland waterways far from the sea (the Great Lakes, the Rhine)
 * are land for the Natural Earth mask (see {@link LandMask}): raise the tolerance, or do not run this
 * detector, for traffic there.
 */
public final class PositionOnLandDetector implements Detector<PositionOnLandDetector.State> {

    /**
     * Settings. There is no published threshold for this rule; the defaults are chosen as follows.
     *
     * @param toleranceMetres distance inside the coastline a fix must exceed to count (default
     *        {@link LandMask#DEFAULT_INLAND_TOLERANCE_M} = 2 000 m, the land mask's own rule that keeps
     *        berths and coastal waters the generalised 1:10m coast puts inland)
     * @param minFixes on-land fixes an episode needs to be reported (default 3: a single bad fix is a
     *        glitch, repeated ones a faulty or falsified source)
     * @param episodeGapMillis longest time between two on-land fixes of one episode (default 1 h)
     * @param inlandSearchMetres how far inland the distance to the coast is measured (default 100 km)
     */
    public record Config(double toleranceMetres, int minFixes, long episodeGapMillis, double inlandSearchMetres) {
        /** Validates. */
        public Config {
            if (!(toleranceMetres >= 0) || minFixes < 1 || episodeGapMillis <= 0 || !(inlandSearchMetres >= toleranceMetres)) {
                throw new IllegalArgumentException("bad on-land settings");
            }
        }

        /** The defaults above. */
        public static Config defaults() {
            return new Config(LandMask.DEFAULT_INLAND_TOLERANCE_M, 3, 3_600_000L, 100_000);
        }
    }

    /** Per-vessel state: the open episode, if any. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        long start = Long.MIN_VALUE;
        long lastLand;
        double lat;
        double lon;
        int landFixes;
        int seaFixes;
        int seaSinceLand;
        double maxInland;
        final EvidenceBuffer evidence = new EvidenceBuffer(50);
    }

    private final Config config;
    private final LandMask land;

    /**
     * @param config settings
     * @param land the land mask ({@link LandMask#naturalEarth10m()} in production)
     */
    public PositionOnLandDetector(Config config, LandMask land) {
        this.config = config;
        this.land = land;
    }

    /** Default settings with the shipped Natural Earth land mask. */
    public static PositionOnLandDetector withDefaults() {
        return new PositionOnLandDetector(Config.defaults(), LandMask.naturalEarth10m());
    }

    @Override
    public String name() {
        return "position_on_land";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition() || !p.vesselReport()) {
            return;
        }
        boolean onLand = land.isOnLand(p.latitude(), p.longitude(), config.toleranceMetres());
        if (!onLand) {
            if (s.start != Long.MIN_VALUE) {
                s.seaSinceLand++;
            }
            return;
        }
        if (s.start != Long.MIN_VALUE) {
            ctx.deleteTimer(s.lastLand + config.episodeGapMillis());
        } else {
            s.start = p.time();
            s.lat = p.latitude();
            s.lon = p.longitude();
        }
        s.lastLand = p.time();
        s.landFixes++;
        s.seaFixes += s.seaSinceLand;
        s.seaSinceLand = 0;
        double inland = land.distanceToCoast(p.latitude(), p.longitude(), config.inlandSearchMetres());
        s.maxInland = Math.max(s.maxInland, Math.min(inland, config.inlandSearchMetres()));
        s.evidence.add(p);
        ctx.registerTimer(s.lastLand + config.episodeGapMillis());
    }

    @Override
    public void onTimer(long timestamp, State s, DetectorContext ctx) {
        if (s.start == Long.MIN_VALUE || timestamp != s.lastLand + config.episodeGapMillis()) {
            return;
        }
        Event e = episode(s, ctx.key());
        if (e != null) {
            ctx.emit(e);
        }
        ctx.clearState();
    }

    /**
     * The open episode as it closes when {@code episodeGapMillis} pass after its last on-land fix, as
     * the end of the input closes it, once it has {@code minFixes} on-land fixes: a host whose input goes
     * on (the server) shows it as under way, with the id it keeps when it ends, so that what it stores
     * and shows equals what {@code analyze} reports. A later on-land fix within the gap extends it.
     */
    @Override
    public void ongoing(State s, long key, long watermark, java.util.function.Consumer<Event> out) {
        Event e = s.start != Long.MIN_VALUE ? episode(s, key) : null;
        if (e != null) {
            out.accept(e);
        }
    }

    /** The event of the open episode, or null when it has too few on-land fixes. */
    private Event episode(State s, long key) {
        if (s.landFixes < config.minFixes()) {
            return null;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("tolerance_m", config.toleranceMetres());
        parameters.put("min_fixes", config.minFixes());
        parameters.put("episode_gap_s", config.episodeGapMillis() / 1000);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("land_fixes", s.landFixes);
        attributes.put("sea_fixes", s.seaFixes);
        attributes.put("max_inland_m", Math.round(s.maxInland));
        attributes.put("duration_s", (s.lastLand - s.start) / 1000);
        return Event.of(EventKind.POSITION_ON_LAND, s.start, s.lastLand, List.of((int) key), s.lat, s.lon,
                null, parameters, attributes, s.evidence.toList());
    }
}
