package org.watchkeeper.core.detect.zone;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.util.PlainJson;

/**
 * Zone entry and exit ({@link EventKind#ZONE_ENTRY}, {@link EventKind#ZONE_EXIT}) for the zones of
 * a {@link ZoneIndex}: user polygons, territorial seas, EEZs, marine protected areas.
 *
 * <p>For each position of a moving station (every position type except base stations, type 4, and
 * aids to navigation, type 21, which do not move, nor a CSV row of such a station:
 * {@link PositionObservation#fixedStationReport()}) the detector looks up the zones containing it
 * and compares them with the zones of the vessel's previous fix. A zone in the new set only is an
 * entry, in the old set only an exit. <b>Crossing time:</b> the event time (start = end) is the
 * first fix inside (entry) or outside (exit), not an interpolation: the crossing happened between
 * the previous fix ({@code previous_time} attribute) and this one, and interpolating along a straight
 * line would invent a time the data does not show. A vessel's first fix gives no event (it was
 * already inside; the crossing was not observed).
 *
 * <p>Attributes: {@code zone_id}, {@code zone_name}, {@code zone_category}, {@code previous_time},
 * {@code previous_lat}, {@code previous_lon} (the last fix on the other side), and for an exit
 * {@code entered_at} and {@code dwell_s} when the entry was seen. Geometry: the zone as GeoJSON
 * when it has at most {@code maxGeometryVertices} vertices (territorial seas have many more; their
 * id names them). Evidence: the fix. The id of each event includes the zone id, so two zones
 * entered with one fix give two distinct events.
 *
 * <p>State per vessel: the zone indexes it is in and their entry times, and its last fix; zone
 * indexes refer to the {@link ZoneIndex} the detector was built with.
 */
public final class ZoneDetector implements Detector<ZoneDetector.State> {

    /**
     * Settings.
     *
     * @param maxGeometryVertices zones with at most this many vertices are attached to events as
     *        GeoJSON (default 2 000, a few tens of kilobytes)
     */
    public record Config(int maxGeometryVertices) {
        /** The default above. */
        public static Config defaults() {
            return new Config(2_000);
        }
    }

    /** Per-vessel state. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        boolean seen;
        int[] inside = new int[0];
        long[] enteredAt = new long[0];
        long lastTime;
        double lastLat;
        double lastLon;
    }

    private final ZoneIndex zones;
    private final Config config;
    private final String[] geoJson;

    /**
     * @param zones the zones to watch
     * @param config settings
     */
    public ZoneDetector(ZoneIndex zones, Config config) {
        this.zones = zones;
        this.config = config;
        this.geoJson = new String[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Geometry g = zones.zone(i).geometry();
            geoJson[i] = g.getNumPoints() <= config.maxGeometryVertices() ? toGeoJson(g) : null;
        }
    }

    /** Watches the given zones with default settings. */
    public static ZoneDetector withDefaults(ZoneIndex zones) {
        return new ZoneDetector(zones, Config.defaults());
    }

    @Override
    public String name() {
        return "zone";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        if (!(o instanceof PositionObservation p) || !p.hasPosition() || p.fixedStationReport()) {
            return;
        }
        int[] now = zones.zonesAt(p.latitude(), p.longitude());
        long[] entered = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            int k = Arrays.binarySearch(s.inside, now[i]);
            if (k >= 0) {
                entered[i] = s.enteredAt[k];
            } else if (s.seen) {
                entered[i] = p.time();
                emit(EventKind.ZONE_ENTRY, now[i], p, s, Long.MIN_VALUE, ctx);
            } else {
                entered[i] = Long.MIN_VALUE; // inside when first seen: entry not observed
            }
        }
        for (int i = 0; i < s.inside.length; i++) {
            if (Arrays.binarySearch(now, s.inside[i]) < 0) {
                emit(EventKind.ZONE_EXIT, s.inside[i], p, s, s.enteredAt[i], ctx);
            }
        }
        s.seen = true;
        s.inside = now;
        s.enteredAt = entered;
        s.lastTime = p.time();
        s.lastLat = p.latitude();
        s.lastLon = p.longitude();
    }

    /**
     * A vessel seen before the zones changed keeps its last fix and, for each zone it is in there, this
     * set's zones being judged at that fix: a zone of the previous set unchanged (same id, name, category
     * and geometry) keeps the time it was entered, so its exit gives the whole dwell; a zone that is new
     * or changed counts as one the vessel was in when first seen (no entry observed, none emitted).
     */
    @Override
    public State carryOver(Detector<?> previous, long key, Serializable previousState) {
        if (!(previous instanceof ZoneDetector before) || !(previousState instanceof State old) || !old.seen) {
            return null;
        }
        State s = new State();
        s.seen = true;
        s.lastTime = old.lastTime;
        s.lastLat = old.lastLat;
        s.lastLon = old.lastLon;
        s.inside = zones.zonesAt(old.lastLat, old.lastLon);
        s.enteredAt = new long[s.inside.length];
        for (int i = 0; i < s.inside.length; i++) {
            s.enteredAt[i] = Long.MIN_VALUE;
            Zone z = zones.zone(s.inside[i]);
            for (int k = 0; k < old.inside.length; k++) {
                if (before.zones.zone(old.inside[k]).equals(z)) {
                    s.enteredAt[i] = old.enteredAt[k];
                    break;
                }
            }
        }
        return s;
    }

    private void emit(EventKind kind, int zoneIndex, PositionObservation p, State s, long enteredAt, DetectorContext ctx) {
        Zone z = zones.zone(zoneIndex);
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("zone_id", z.id());
        at.put("zone_name", z.name());
        at.put("zone_category", z.category());
        at.put("previous_time", java.time.Instant.ofEpochMilli(s.lastTime).toString());
        at.put("previous_lat", s.lastLat);
        at.put("previous_lon", s.lastLon);
        if (kind == EventKind.ZONE_EXIT && enteredAt != Long.MIN_VALUE) {
            at.put("entered_at", java.time.Instant.ofEpochMilli(enteredAt).toString());
            at.put("dwell_s", (p.time() - enteredAt) / 1000);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("zones", zones.size());
        ctx.emit(Event.of(kind, p.time(), p.time(), List.of(p.mmsi()), p.latitude(), p.longitude(), geoJson[zoneIndex],
                parameters, at, List.of(p), z.id()));
    }

    /** RFC 7946 text of a polygon or multipolygon (coordinates as stored, see {@link Zone#geometry()}). */
    static String toGeoJson(Geometry g) {
        StringBuilder sb = new StringBuilder();
        if (g instanceof Polygon poly) {
            sb.append("{\"type\":\"Polygon\",\"coordinates\":");
            rings(sb, poly);
        } else {
            sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                rings(sb, (Polygon) g.getGeometryN(i));
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static void rings(StringBuilder sb, Polygon p) {
        sb.append('[');
        ring(sb, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(',');
            ring(sb, p.getInteriorRingN(i).getCoordinates());
        }
        sb.append(']');
    }

    private static void ring(StringBuilder sb, Coordinate[] c) {
        sb.append('[');
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            // plain decimals: Double.toString writes a vertex within 0.001° of Greenwich or the equator as 1.0E-4
            sb.append('[').append(PlainJson.number(c[i].x)).append(',').append(PlainJson.number(c[i].y)).append(']');
        }
        sb.append(']');
    }
}
