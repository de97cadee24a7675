package org.watchkeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;

/**
 * Reads the events the Flink job writes to its events topic (module {@code flink}, class {@code Json}),
 * one JSON object a line, into the rows the server stores and serves, in the same shape as the
 * server's own detectors' events ({@link Rows#event}), so that a server in front of the job
 * ({@code serve --cluster-events}) answers as a server that detected the events itself.
 *
 * <p>The job's event: {@code id} (the event's stable id), {@code kind} (an event kind id, e.g.
 * {@code gap}, {@code encounter}), {@code start} and {@code end} (UTC ISO-8601), {@code vessels} (9-digit
 * MMSI strings), {@code lat} and {@code lon} (degrees, absent when the event has no position),
 * {@code geometry} (a GeoJSON geometry object, optional), {@code parameters} and {@code attributes}
 * (objects), {@code evidence} (positions: {@code time, mmsi, lat, lon, speed, course, heading, status,
 * type, source}, each but {@code time} and {@code mmsi} optional). The row's evidence is
 * {@code {"attributes":{...},"observations":[...]}}, as {@link Rows#event} writes it.
 */
public final class ClusterEvents {
    /** The longest event line read, bytes (an event's evidence is a bounded selection of fixes; a few KiB in practice). */
    public static final int MAX_LINE = 4 << 20;

    private ClusterEvents() {
    }

    /** An event line that is not one of the job's events: {@link #getMessage()} says what is wrong. */
    public static final class BadEvent extends IllegalArgumentException {
        BadEvent(String message) {
            super(message);
        }
    }

    /**
     * The store row of one line of the job's events topic.
     *
     * @param line the line (UTF-8 or ASCII JSON, no line end)
     * @throws BadEvent when the line is not JSON, not an object, lacks {@code id}, {@code kind},
     *     {@code start} or {@code end}, has a time that is not ISO-8601, an end before the start, a vessel
     *     that is not a 9-digit MMSI, a position out of range, or an evidence item without a time or MMSI
     */
    public static EventRow parse(byte[] line) {
        JsonNode n;
        try {
            n = Rows.JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new BadEvent("not JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new BadEvent("not a JSON object");
        }
        String id = text(n, "id");
        String kind = text(n, "kind");
        if (!kind.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new BadEvent("kind is an event kind id (lower-case letters, digits and '_'), not '" + kind + "'");
        }
        long start = time(n, "start");
        long end = time(n, "end");
        if (end < start) {
            throw new BadEvent("end " + text(n, "end") + " is before start " + text(n, "start"));
        }
        JsonNode vs = n.get("vessels");
        int[] mmsis;
        if (vs == null || vs.isNull()) {
            mmsis = new int[0];
        } else if (!vs.isArray()) {
            throw new BadEvent("vessels is an array of 9-digit MMSI strings");
        } else {
            mmsis = new int[vs.size()];
            for (int i = 0; i < mmsis.length; i++) {
                mmsis[i] = mmsi(vs.get(i), "vessels[" + i + "]");
            }
        }
        double lat = degrees(n, "lat", 90);
        double lon = degrees(n, "lon", 180);
        if (Double.isNaN(lat) != Double.isNaN(lon)) {
            throw new BadEvent("lat and lon come together or not at all");
        }
        JsonNode geometry = n.get("geometry");
        String geometryJson = null;
        if (geometry != null && !geometry.isNull()) {
            if (!geometry.isObject() || !geometry.path("type").isTextual()) {
                throw new BadEvent("geometry is a GeoJSON geometry object");
            }
            geometryJson = PlainJson.write(geometry);
        }
        ObjectNode parameters = object(n, "parameters");
        ObjectNode evidence = Rows.JSON.createObjectNode();
        evidence.set("attributes", object(n, "attributes"));
        ArrayNode observations = evidence.putArray("observations");
        JsonNode ev = n.get("evidence");
        if (ev != null && !ev.isNull()) {
            if (!ev.isArray()) {
                throw new BadEvent("evidence is an array of positions");
            }
            for (int i = 0; i < ev.size(); i++) {
                observations.add(observation(ev.get(i), "evidence[" + i + "]"));
            }
        }
        try {
            return new EventRow(id, kind, start, end, mmsis, lat, lon, geometryJson,
                    Rows.JSON.writeValueAsString(parameters), Rows.JSON.writeValueAsString(evidence));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + id + " cannot be written as JSON", e);
        }
    }

    /** An evidence position as {@link Rows#observation} writes every event's. */
    private static ObjectNode observation(JsonNode p, String where) {
        if (p == null || !p.isObject()) {
            throw new BadEvent(where + " is a position object");
        }
        ObjectNode o = Rows.JSON.createObjectNode();
        Rows.observation(o, mmsi(p.get("mmsi"), where + ".mmsi"), time(p, "time", where + ".time"), degrees(p, "lat", 90),
                degrees(p, "lon", 180), number(p, "speed"), number(p, "course"), count(p, "heading"), count(p, "status"),
                count(p, "type"), p.path("source").isTextual() ? p.get("source").asText() : null);
        return o;
    }

    /** The number in {@code field}, NaN when absent or not a number. */
    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** The whole number ≥ 0 in {@code field}, -1 when absent or not one. */
    private static int count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0 ? v.intValue() : -1;
    }

    /** The non-empty string in {@code field}, which the event must have. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new BadEvent(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static long time(JsonNode n, String field) {
        return time(n, field, field);
    }

    private static long time(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadEvent(where + " is missing or not an ISO-8601 UTC time");
        }
        try {
            return Instant.parse(v.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadEvent(where + " is not an ISO-8601 UTC time: '" + v.asText() + "'");
        }
    }

    private static int mmsi(JsonNode v, String where) {
        if (v == null || !v.isTextual() || !v.asText().matches("[0-9]{9}")) {
            throw new BadEvent(where + " is not a 9-digit MMSI string: " + v);
        }
        return Integer.parseInt(v.asText());
    }

    /** The number in {@code field}, NaN when absent or null. */
    private static double degrees(JsonNode n, String field, double bound) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber() || !(Math.abs(v.doubleValue()) <= bound)) {
            throw new BadEvent(field + " is a number from -" + (int) bound + " to " + (int) bound + ", not " + v);
        }
        return v.doubleValue();
    }

    private static ObjectNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Rows.JSON.createObjectNode();
        }
        if (!v.isObject()) {
            throw new BadEvent(field + " is an object");
        }
        return (ObjectNode) v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
