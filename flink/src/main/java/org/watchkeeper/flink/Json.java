package org.watchkeeper.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.util.PlainJson;

/**
 * The JSON the job writes to Kafka (Jackson). Names follow gpsd's AIS JSON where one exists
 * ({@code mmsi}, {@code lat}, {@code lon}, {@code speed} in knots, {@code course} and {@code heading}
 * in degrees, {@code status}, {@code shipname}, {@code callsign}, {@code imo}, {@code shiptype},
 * {@code destination}); times are UTC ISO-8601. A value that is not available is left out, never
 * written as a number.
 *
 * <p>Event: {@code id, kind, start, end, vessels[], lat, lon, geometry (GeoJSON object, if any),
 * parameters{}, attributes{}, evidence[]} where each evidence item is a position
 * {@code {time, mmsi, lat, lon, speed, course, heading, status, source, type}} ({@code type}: the AIS
 * message type, absent for a fix from a CSV row). {@code serve --cluster-events} reads these events
 * (the server's {@code ClusterEvents}).
 *
 * <p>Rejects topic ({@link #rejectedLine}, {@link #dropped}): one object per line or observation the job
 * did not use, with {@code kind} saying why: {@code rejected_line} (a line the framing rejected:
 * {@code source, reason, description, detail, line}), {@code stray_time} (an observation whose time
 * strayed from its source's) or {@code late} (an observation behind the watermark), the last two with
 * {@code type} ({@code position}, {@code identity} or {@code heard}), the AIS {@code message_type} and the
 * observation's values: a position's as in evidence, an identity's {@code shipname, callsign, imo,
 * shiptype, destination} where available.
 */
public final class Json {
    /** Writes numbers as every host does, plain decimals ({@link PlainJson}: 0.00078, not 7.8E-4). */
    private static final ObjectMapper MAPPER = PlainJson.mapper();

    private Json() {
    }

    /** The JSON text of an event (one line). */
    public static String event(Event e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("kind", e.kind().id());
        n.put("start", Instant.ofEpochMilli(e.start()).toString());
        n.put("end", Instant.ofEpochMilli(e.end()).toString());
        ArrayNode vs = n.putArray("vessels");
        for (int v : e.vessels()) {
            vs.add(Mmsi.format(v));
        }
        degrees(n, "lat", e.latitude());
        degrees(n, "lon", e.longitude());
        if (e.geometryGeoJson() != null) {
            try {
                n.set("geometry", MAPPER.readTree(e.geometryGeoJson()));
            } catch (Exception ex) {
                n.put("geometry", e.geometryGeoJson());
            }
        }
        n.set("parameters", values(e.parameters(), false));
        n.set("attributes", values(e.attributes(), true));
        ArrayNode ev = n.putArray("evidence");
        for (PositionObservation p : e.evidence()) {
            ObjectNode o = position(p);
            if (p.messageType() != Observation.NO_MESSAGE_TYPE) {
                o.put("type", p.messageType());
            }
            ev.add(o);
        }
        return PlainJson.write(n);
    }

    /** The JSON text of a vessel state (one line). */
    public static String vessel(VesselState v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("mmsi", Mmsi.format(v.mmsi));
        if (v.lastSeen != Long.MIN_VALUE) {
            n.put("last_seen", Instant.ofEpochMilli(v.lastSeen).toString());
        }
        if (v.positionTime != Long.MIN_VALUE) {
            n.put("time", Instant.ofEpochMilli(v.positionTime).toString());
            degrees(n, "lat", v.latitude);
            degrees(n, "lon", v.longitude);
            number(n, "speed", v.speedOverGround);
            number(n, "course", v.courseOverGround);
            if (v.heading != Observation.NOT_AVAILABLE) {
                n.put("heading", v.heading);
            }
            n.put("segment", v.segment);
        }
        if (v.navigationStatus != Observation.NOT_AVAILABLE) {
            n.put("status", v.navigationStatus);
        }
        identity(n, v.name, v.callSign, v.imo, v.shipType, v.destination);
        return PlainJson.write(n);
    }

    /** The rejects topic's JSON text of a rejected line (one line). */
    public static String rejectedLine(RejectedLine r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", "rejected_line");
        n.put("source", r.source());
        n.put("reason", r.reason().code());
        n.put("description", r.reason().description());
        n.put("detail", r.detail());
        n.put("line", r.line());
        return PlainJson.write(n);
    }

    /** Kinds of {@link #dropped} observations. */
    public static final String STRAY_TIME = "stray_time";
    /** Kinds of {@link #dropped} observations. */
    public static final String LATE = "late";

    /**
     * The rejects topic's JSON text of an observation the job dropped (one line).
     *
     * @param kind {@link #STRAY_TIME} or {@link #LATE}
     */
    public static String dropped(String kind, Observation o) {
        ObjectNode n;
        String type;
        if (o instanceof PositionObservation p) {
            n = position(p);
            type = "position";
        } else {
            n = MAPPER.createObjectNode();
            n.put("time", Instant.ofEpochMilli(o.time()).toString());
            n.put("mmsi", Mmsi.format(o.mmsi()));
            if (o.source() != null) {
                n.put("source", o.source());
            }
            type = "heard";
            if (o instanceof org.watchkeeper.core.observation.IdentityObservation i) {
                type = "identity";
                identity(n, i.name(), i.callSign(), i.imo(), i.shipType(), i.destination());
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("kind", kind);
        out.put("type", type);
        if (o.messageType() != Observation.NO_MESSAGE_TYPE) {
            out.put("message_type", o.messageType());
        }
        out.setAll(n);
        return PlainJson.write(out);
    }

    /** The identity fields in gpsd's names, each left out when not available (null, or {@link Observation#NOT_AVAILABLE}). */
    private static void identity(ObjectNode n, String name, String callSign, int imo, int shipType, String destination) {
        if (name != null) {
            n.put("shipname", name);
        }
        if (callSign != null) {
            n.put("callsign", callSign);
        }
        if (imo != Observation.NOT_AVAILABLE) {
            n.put("imo", imo);
        }
        if (shipType != Observation.NOT_AVAILABLE) {
            n.put("shiptype", shipType);
        }
        if (destination != null) {
            n.put("destination", destination);
        }
    }

    /** Parses JSON text (for consumers and tests). */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static ObjectNode position(PositionObservation p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("time", Instant.ofEpochMilli(p.time()).toString());
        n.put("mmsi", Mmsi.format(p.mmsi()));
        degrees(n, "lat", p.latitude());
        degrees(n, "lon", p.longitude());
        number(n, "speed", p.speedOverGround());
        number(n, "course", p.courseOverGround());
        if (p.heading() != Observation.NOT_AVAILABLE) {
            n.put("heading", p.heading());
        }
        if (p.navigationStatus() != Observation.NOT_AVAILABLE) {
            n.put("status", p.navigationStatus());
        }
        if (p.source() != null) {
            n.put("source", p.source());
        }
        return n;
    }

    /**
     * @param measured write the values as every host writes event attributes ({@link Event#writtenAttribute});
     *        else as they are. Null and not-finite values are left out either way.
     */
    private static ObjectNode values(Map<String, Object> m, boolean measured) {
        ObjectNode n = MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f) || v == null) {
                continue;
            }
            Object w = measured ? Event.writtenAttribute(v) : v;
            n.set(e.getKey(), MAPPER.valueToTree(w instanceof Enum<?> en ? en.name() : w));
        }
        return n;
    }

    private static void degrees(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, org.watchkeeper.core.geo.Coordinates.round6(v));
        }
    }

    private static void number(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        }
    }
}
