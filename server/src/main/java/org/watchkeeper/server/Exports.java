package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.ref.VesselCriteria;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.PositionRow;

/**
 * {@code GET /api/export/vessels.geojson|csv|kml} and {@code /api/export/events.geojson|csv|kml}, with
 * the filters of the list routes. GeoJSON: one Point feature per vessel (properties = the vessel
 * object) or per event (properties = the event object without its geometry; an event without a
 * position has a null geometry). CSV: RFC 4180, a header row, the same fields. KML 2.2: one
 * Placemark per row. Rows are what the caller's sharing policy lets it see ({@link Sharing}); every
 * export is signed ({@link #signed}).
 *
 * <p>Completeness: an export holds every row its filters select, up to {@code limit} (default and
 * most {@link Api#MAX_LIMIT}: the body is built and signed in memory). Its headers say how many rows
 * it holds ({@link #COUNT_HEADER}) and whether more matched ({@link #TRUNCATED_HEADER}); when more
 * than {@link Api#MAX_LIMIT} match and the caller set no {@code limit}, the export is refused (422)
 * rather than cut short unseen.
 */
public final class Exports {
    static final List<String> VESSEL_FIELDS = List.of("mmsi", "name", "callsign", "imo", "shiptype", "shiptype_text",
            "class", "flag", "lat", "lon", "position_time", "speed", "course", "heading", "status", "status_text", "destination",
            "draught", "to_bow", "to_stern", "to_port", "to_starboard", "length", "beam", "first_seen", "last_seen");
    /** An event's columns: its TLP 2.0 marking and sharing last, so that a CSV handed on keeps each row's marking, as the GeoJSON and KML do. */
    static final List<String> EVENT_FIELDS = List.of("id", "kind", "start", "end", "vessels", "lat", "lon", "attributes",
            "tlp", "owner_org", "shared_with", "recipients");
    /**
     * An episode's columns ({@code /api/export/ongoing.csv}): an event's, with {@code ongoing} ({@code true} on every
     * row, as in the GeoJSON's properties and the KML's ExtendedData) before the marking, which stays last.
     */
    static final List<String> ONGOING_FIELDS = List.of("id", "kind", "start", "end", "vessels", "lat", "lon", "attributes",
            "ongoing", "tlp", "owner_org", "shared_with", "recipients");

    /** Every export there is, as the error of a misnamed one says. */
    static final String EXPORTS = "the exports are /api/export/vessels, /api/export/events, /api/export/ongoing (episodes under way)"
            + " and /api/export/incidents each as .geojson, .csv or .kml (e.g. /api/export/vessels.csv), and /api/export/stix"
            + " (STIX 2.1 JSON, no extension)";

    /** Header of every list export: the rows it holds. */
    public static final String COUNT_HEADER = "Watchkeeper-Export-Count";
    /** Header of every list export: {@code true} when more rows matched than {@code limit} let in. */
    public static final String TRUNCATED_HEADER = "Watchkeeper-Export-Truncated";

    private Exports() {
    }

    /** The rows an export of {@code what} may hold: the caller's {@code limit} (1 to {@link Api#MAX_LIMIT}), else the most. */
    static int limit(Context ctx) {
        return Api.integer(ctx, "limit", 1, Api.MAX_LIMIT, Api.MAX_LIMIT);
    }

    /**
     * The first {@code limit} of {@code rows} (fetched with {@code limit + 1} to tell), with the count and
     * truncation headers set.
     *
     * @throws Api.Unprocessable when more rows match than {@code limit} and the caller set no limit
     */
    static <T> List<T> fit(Context ctx, List<T> rows, int limit, String what) {
        List<T> out = fit(rows, limit, ctx.queryParam("limit") != null, what);
        ctx.header(COUNT_HEADER, Integer.toString(out.size()));
        ctx.header(TRUNCATED_HEADER, Boolean.toString(rows.size() > limit));
        return out;
    }

    /**
     * The first {@code limit} of {@code rows}: all of them when they are no more; cut when the caller
     * asked for a limit, else refused.
     *
     * @param limitGiven whether the caller set {@code limit} (else {@code limit} is the most an export holds)
     * @param what what the rows are, for the message
     * @throws Api.Unprocessable when there are more rows than {@code limit} and the caller set none
     */
    static <T> List<T> fit(List<T> rows, int limit, boolean limitGiven, String what) {
        if (rows.size() <= limit) {
            return rows;
        }
        if (!limitGiven) {
            throw new Api.Unprocessable("more than " + limit + " " + what + " match, more than one export holds: narrow it"
                    + " (from, to, bbox, ...) or ask for the first N with limit=N (up to " + Api.MAX_LIMIT + ")");
        }
        return Api.firstOf(rows, limit);
    }

    /**
     * The saved file's name: the list and its filters, so that exports of different windows, kinds,
     * vessels or areas do not overwrite each other, e.g. {@code events-gap-219000001-from-20240601T000000Z-to-20240602T000000Z.csv},
     * {@code incidents-hijacking-CAT_1-bbox-103+0.5+105+2.kml} (only letters, digits, {@code + - _ .}; at most 150
     * characters before the format).
     */
    static String fileName(Context ctx, String what, String format) {
        StringBuilder b = new StringBuilder(what);
        for (String[] f : new String[][] {{"kind", ""}, {"type", ""}, {"category", ""}, {"mmsi", ""}, {"zone", "zone-"}, {"q", ""},
                {"shiptype", "type-"}, {"flag", "flag-"}, {"class", "class-"}, {"bbox", "bbox-"}, {"from", "from-"}, {"to", "to-"}}) {
            String v = canonical(f[0], QueryParameters.LISTS.contains(f[0]) ? Api.list(ctx, f[0]) : ctx.queryParam(f[0]));
            if (v != null && !v.isBlank()) {
                String part = f[0].equals("from") || f[0].equals("to") ? v.replaceAll("[-:]", "") : v;
                b.append('-').append(f[1]).append(part.strip().replace(',', '+').replaceAll("[^A-Za-z0-9+._-]", "_"));
            }
        }
        if (b.length() > 150) {
            b.setLength(150);
        }
        return b + "." + format;
    }

    /**
     * A vessel filter's value as the file name gives it: flags upper case ({@code dk} as {@code DK}), classes
     * as the API names them ({@code a} as {@code A}), ship types without blanks; any other value (or one that
     * does not parse) as given.
     */
    private static String canonical(String name, String v) {
        if (v == null || v.isBlank()) {
            return v;
        }
        try {
            return switch (name) {
                case "flag" -> String.join(",", VesselCriteria.flags(v, name));
                case "class" -> String.join(",", VesselCriteria.classes(v, name));
                case "shiptype" -> VesselCriteria.shipTypes(v, name) == null ? v : v.replaceAll("\\s+", "");
                default -> v;
            };
        } catch (IllegalArgumentException e) {
            return v;
        }
    }

    static void export(Context ctx, WatchkeeperServer server) throws InterruptedException {
        String file = ctx.pathParam("file");
        int dot = file.indexOf('.');
        String what = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "" : file.substring(dot + 1);
        // incidents.{geojson,csv,kml} and stix have routes of their own: here only when misnamed
        if (!what.equals("vessels") && !what.equals("events") && !what.equals("ongoing") && !what.equals("incidents")) {
            throw new Api.BadRequest("no export '" + file + "'; " + EXPORTS);
        }
        if (!format.equals("geojson") && !format.equals("csv") && !format.equals("kml")) {
            throw new Api.BadRequest("export format must be geojson, csv or kml: " + file + "; " + EXPORTS);
        }
        if (what.equals("incidents")) {
            IncidentApi.export(ctx, server, format);
            return;
        }
        // the filters of the list exported, and only those: the events export takes /api/events' (kind,
        // from, to, bbox, mmsi, order), the episodes' /api/ongoing's (kind, bbox, mmsi); a filter of
        // another list (shiptype or q on events) is refused with a 400 naming it, not ignored
        QueryParameters.API.check("GET", "/api/" + what, ctx.queryParamMap(), "an export of " + what);
        int limit = limit(ctx);
        List<ObjectNode> all;
        if (what.equals("ongoing")) {
            // the episodes under way (a shift report's open items), each ending as far as it is known to have lasted
            // (its last evidence so far; a silence the detectors' watermark), as /api/ongoing gives them
            Api.VisibleOngoing ongoing = Api.visibleOngoing(ctx, server);
            if (ongoing == null) {
                return;
            }
            all = ongoing.events();
        } else {
            all = what.equals("vessels") ? Api.vessels(ctx, server, limit + 1) : Api.visibleEvents(ctx, server, limit + 1);
        }
        List<ObjectNode> rows = fit(ctx, all, limit, what.equals("ongoing") ? "episodes under way" : what);
        List<String> fields = what.equals("vessels") ? VESSEL_FIELDS : what.equals("ongoing") ? ONGOING_FIELDS : EVENT_FIELDS;
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(ctx, what, format) + "\"");
        switch (format) {
            case "geojson" -> signed(ctx, server, "application/geo+json", PlainJson.write(geojson(rows)));
            case "csv" -> signed(ctx, server, "text/csv; charset=utf-8", csv(rows, fields));
            default -> signed(ctx, server, "application/vnd.google-earth.kml+xml", kml(rows, what));
        }
    }

    /**
     * Answers an export body with its Ed25519 signature in {@link ExportSigner#HEADER} (base64 over the
     * exact UTF-8 bytes sent; the public key is at {@code GET /api/signing-key}).
     */
    public static void signed(Context ctx, WatchkeeperServer server, String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ctx.header(ExportSigner.HEADER, server.signer().sign(b));
        ctx.contentType(contentType).result(b);
    }

    static ObjectNode geojson(List<ObjectNode> rows) {
        ObjectNode fc = Rows.JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode fs = fc.putArray("features");
        for (ObjectNode r : rows) {
            ObjectNode f = fs.addObject();
            f.put("type", "Feature");
            JsonNode g = r.remove("geometry");
            if (r.has("lat")) {
                ObjectNode p = f.putObject("geometry");
                p.put("type", "Point");
                p.putArray("coordinates").add(r.get("lon").asDouble()).add(r.get("lat").asDouble());
            } else if (g != null) {
                f.set("geometry", g);
            } else {
                f.putNull("geometry");
            }
            f.set("properties", r);
        }
        return fc;
    }

    /** RFC 4180 CSV of {@code rows} with a header row of {@code fields}; arrays joined by spaces, objects as compact JSON. */
    public static String csv(List<ObjectNode> rows, List<String> fields) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", fields)).append("\r\n");
        for (ObjectNode r : rows) {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                JsonNode v = r.get(fields.get(i));
                if (v == null || v.isNull()) {
                    continue;
                }
                String s = text(v);
                if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    s = '"' + s.replace("\"", "\"\"") + '"';
                }
                sb.append(s);
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /**
     * Events as KML 2.2, as {@code /api/export/events.kml} gives them: one Placemark per event with a
     * position (named by kind, vessels and start, its TimeSpan from start to end, every field as
     * ExtendedData), the events without one counted in the document's description. Used by
     * {@code analyze} for its report's {@code events.kml}.
     *
     * @param events the events, in the order of the placemarks
     * @param listedIn the files that list the events without a position, named in the description
     * @return the whole document
     */
    public static String eventsKml(List<EventRow> events, String listedIn) {
        List<ObjectNode> rows = new ArrayList<>(events.size());
        for (EventRow e : events) {
            rows.add(Api.event(e, false));
        }
        return kml(rows, "events", listedIn);
    }

    static String kml(List<ObjectNode> rows, String what) {
        return kml(rows, what, "the CSV and GeoJSON exports");
    }

    private static String kml(List<ObjectNode> rows, String what, String listedIn) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
        sb.append("<name>Watchkeeper ").append(what).append("</name>\n");
        long unplaced = rows.stream().filter(r -> !r.has("lat")).count();
        if (unplaced > 0) {
            // a placemark needs a place: say what the file leaves out (the CSV and GeoJSON exports hold them)
            sb.append("<description>").append(unplaced).append(" of ").append(rows.size()).append(' ').append(what)
                    .append(" have no position and are not placemarks here; ").append(listedIn).append(" list them")
                    .append("</description>\n");
        }
        for (ObjectNode r : rows) {
            if (!r.has("lat")) {
                continue;
            }
            String name;
            if (what.equals("vessels")) {
                name = r.has("name") ? r.get("name").asText() + " (" + r.get("mmsi").asText() + ")" : r.get("mmsi").asText();
            } else {
                StringBuilder n = new StringBuilder(r.get("kind").asText());
                for (JsonNode v : r.path("vessels")) {
                    n.append(' ').append(v.asText());
                }
                name = n.append(' ').append(when(r)).toString();
            }
            sb.append("<Placemark><name>").append(xml(name)).append("</name>");
            if (r.has("start") && r.has("end")) {
                // KML 2.2 TimeSpan: a viewer's time slider shows the event while it lasts
                sb.append("<TimeSpan><begin>").append(xml(r.get("start").asText())).append("</begin><end>")
                        .append(xml(r.get("end").asText())).append("</end></TimeSpan>");
            } else if (r.has("start")) {
                // KML 2.2 TimeStamp: an incident is a moment, or a day (xsd:date) when only its date is known
                sb.append("<TimeStamp><when>").append(xml(when(r))).append("</when></TimeStamp>");
            }
            sb.append("<ExtendedData>");
            r.fields().forEachRemaining(e -> data(sb, e.getKey(), e.getValue(), true));
            // plain decimals, as the track's coordinates: Double.toString writes a longitude within 0.001° of Greenwich as 1.0E-4
            sb.append("</ExtendedData><Point><coordinates>").append(PlainJson.number(r.get("lon").asDouble())).append(',')
                    .append(PlainJson.number(r.get("lat").asDouble())).append("</coordinates></Point></Placemark>\n");
        }
        sb.append("</Document>\n</kml>\n");
        return sb.toString();
    }

    /** A row's {@code start}: its date alone when the row is known only to the day ({@code date_only}, an incident's). */
    private static String when(ObjectNode r) {
        String start = r.get("start").asText();
        return r.path("date_only").asBoolean(false) && start.length() >= 10 ? start.substring(0, 10) : start;
    }

    /**
     * The columns of a track as CSV ({@code /api/vessels/{mmsi}/track?format=csv}): those of the command
     * line's {@code query track --format csv}, named as in the vessel export and gpsd's AIS JSON
     * ({@code status} the navigational status code, {@code type} the AIS message type).
     */
    static final List<String> TRACK_FIELDS = List.of("mmsi", "time", "lat", "lon", "speed", "course", "heading",
            "status", "type", "segment", "source");

    /** The file name a track export is offered under: {@code track-MMSI.csv}. */
    static String trackFile(int mmsi, String format) {
        return "track-" + Mmsi.format(mmsi) + "." + format;
    }

    /** A track as CSV: one row per fix in time order, columns {@link #TRACK_FIELDS}, "not available" cells empty. */
    static String trackCsv(List<PositionRow> rows) {
        List<ObjectNode> out = new ArrayList<>(rows.size());
        for (PositionRow r : rows) {
            ObjectNode o = Rows.JSON.createObjectNode();
            o.put("mmsi", Mmsi.format(r.mmsi()));
            o.put("time", Api.iso(r.timeMillis()));
            o.put("lat", Coordinates.round6(r.lat()));
            o.put("lon", Coordinates.round6(r.lon()));
            Api.putNumber(o, "speed", r.sog());
            Api.putNumber(o, "course", r.cog());
            putCode(o, "heading", r.heading());
            putCode(o, "status", r.navStatus());
            putCode(o, "type", r.messageType());
            o.put("segment", r.segment());
            Api.putText(o, "source", r.source());
            out.add(o);
        }
        return csv(out, TRACK_FIELDS);
    }

    /** A coordinate to 6 decimals as a plain decimal (no exponent), trailing zeros removed. */
    static String plain(double degrees) {
        return java.math.BigDecimal.valueOf(Coordinates.round6(degrees)).stripTrailingZeros().toPlainString();
    }

    private static void putCode(ObjectNode o, String name, int v) {
        if (v != PositionRow.NOT_AVAILABLE) {
            o.put(name, v);
        }
    }

    /**
     * A track as KML 2.2: one Placemark per track segment, named by the vessel (its name when the caller
     * may see it, and its MMSI) and the segment number, with a TimeSpan from its first to its last fix,
     * the segment's fields as ExtendedData (as the GeoJSON track's properties) and a LineString of its
     * fixes (a Point for a one-fix segment, as in the GeoJSON).
     *
     * @param name the vessel's name, or null when unknown or withheld from the caller
     */
    static String trackKml(int mmsi, String name, List<PositionRow> rows) {
        String vessel = name == null ? Mmsi.format(mmsi) : name + " (" + Mmsi.format(mmsi) + ")";
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
        sb.append("<name>Watchkeeper track ").append(xml(vessel)).append("</name>\n");
        Map<Integer, List<PositionRow>> bySegment = new TreeMap<>();
        for (PositionRow r : rows) {
            bySegment.computeIfAbsent(r.segment(), k -> new ArrayList<>()).add(r);
        }
        for (var e : bySegment.entrySet()) {
            List<PositionRow> seg = e.getValue();
            String start = Api.iso(seg.get(0).timeMillis());
            String end = Api.iso(seg.get(seg.size() - 1).timeMillis());
            sb.append("<Placemark><name>").append(xml(vessel + " segment " + e.getKey())).append("</name>");
            sb.append("<TimeSpan><begin>").append(start).append("</begin><end>").append(end).append("</end></TimeSpan>");
            ObjectNode p = Rows.JSON.createObjectNode();
            p.put("mmsi", Mmsi.format(mmsi));
            Api.putText(p, "name", name);
            p.put("segment", e.getKey());
            p.put("start", start);
            p.put("end", end);
            p.put("points", seg.size());
            sb.append("<ExtendedData>");
            p.fields().forEachRemaining(f -> data(sb, f.getKey(), f.getValue(), true));
            sb.append("</ExtendedData>");
            List<List<double[]>> parts = Api.lines(seg);
            if (parts == null) {
                sb.append("<Point><coordinates>").append(plain(seg.get(0).lon())).append(',').append(plain(seg.get(0).lat()))
                        .append("</coordinates></Point>");
            } else {
                sb.append(parts.size() > 1 ? "<MultiGeometry>" : "");
                for (List<double[]> part : parts) {
                    sb.append("<LineString><coordinates>");
                    for (int i = 0; i < part.size(); i++) {
                        // plain decimals: Double.toString writes a longitude within 0.001° of Greenwich as 1.0E-4
                        sb.append(i > 0 ? " " : "").append(plain(part.get(i)[0])).append(',').append(plain(part.get(i)[1]));
                    }
                    sb.append("</coordinates></LineString>");
                }
                sb.append(parts.size() > 1 ? "</MultiGeometry>" : "");
            }
            sb.append("</Placemark>\n");
        }
        sb.append("</Document>\n</kml>\n");
        return sb.toString();
    }

    /**
     * One KML {@code Data} element per value: a value node as its text, an array of values as their
     * texts joined by spaces (the vessels' MMSIs), an object's members one level down named
     * {@code parent.member} (an event's attributes and parameters), anything deeper as compact JSON;
     * the geometry is the placemark's own.
     */
    private static void data(StringBuilder sb, String name, JsonNode v, boolean top) {
        if (v == null || v.isNull() || name.equals("geometry")) {
            return;
        }
        if (v.isObject() && top) {
            v.fields().forEachRemaining(e -> data(sb, name + "." + e.getKey(), e.getValue(), false));
            return;
        }
        sb.append("<Data name=\"").append(xml(name)).append("\"><value>").append(xml(text(v))).append("</value></Data>");
    }

    /**
     * A field as export text: a value as itself, an array's elements joined by spaces, an object as compact JSON;
     * numbers as plain decimals ({@link PlainJson#text}: an attribute of 0.00078 as {@code 0.00078}, not {@code 7.8E-4}).
     */
    private static String text(JsonNode v) {
        if (v.isArray()) {
            StringBuilder j = new StringBuilder();
            for (JsonNode x : v) {
                j.append(j.length() > 0 ? " " : "").append(PlainJson.text(x));
            }
            return j.toString();
        }
        return PlainJson.text(v);
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
