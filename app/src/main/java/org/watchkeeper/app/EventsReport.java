package org.watchkeeper.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;

/**
 * {@code events.json} and {@code events.csv}: the events the detectors found, ordered by start
 * then id. JSON: an array of objects {@code id, kind, start, end} (ISO-8601 UTC), {@code mmsis}
 * (9-digit strings), {@code lat}, {@code lon} (absent when the event has no position), and
 * {@code geometry}, {@code parameters}, {@code evidence} as the detector gave them (JSON values).
 * CSV: {@code id,kind,start,end,mmsis,lat,lon,attributes} with the MMSIs separated by spaces and
 * the evidence's measured attributes as one compact JSON object (e.g. {@code {"duration_h":12.535409,...}}).
 * Numbers are plain decimals in both ({@link PlainJson}: an implied speed of {@code 0.00078}, not {@code 7.8E-4}).
 */
final class EventsReport {
    static final String[] CSV_HEADER = {"id", "kind", "start", "end", "mmsis", "lat", "lon", "attributes"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsReport() {
    }

    static void writeJson(List<EventRow> events, OutputStream out) throws IOException {
        try (JsonGenerator g = PlainJson.factory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (EventRow e : events) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeStringField("kind", e.kind());
                g.writeStringField("start", Instant.ofEpochMilli(e.startMillis()).toString());
                g.writeStringField("end", Instant.ofEpochMilli(e.endMillis()).toString());
                g.writeArrayFieldStart("mmsis");
                for (int m : e.mmsis()) {
                    g.writeString(Mmsi.format(m));
                }
                g.writeEndArray();
                if (!Double.isNaN(e.lat())) {
                    g.writeNumberField("lat", Coordinates.round6(e.lat()));
                    g.writeNumberField("lon", Coordinates.round6(e.lon()));
                }
                raw(g, "geometry", e.geometryGeoJson());
                raw(g, "parameters", e.parametersJson());
                raw(g, "evidence", e.evidenceJson());
                g.writeEndObject();
            }
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeRaw('\n');
        }
    }

    private static void raw(JsonGenerator g, String field, String json) throws IOException {
        if (json != null) {
            g.writeFieldName(field);
            g.writeRawValue(PlainJson.write(JSON.readTree(json)));
        }
    }

    /**
     * The evidence's {@code attributes} object, what the detector measured, or null when the event has none:
     * {@code events.csv}'s last column and {@code query events}' {@code attributes}.
     */
    static com.fasterxml.jackson.databind.JsonNode attributes(EventRow e) throws IOException {
        if (e.evidenceJson() == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode a = JSON.readTree(e.evidenceJson()).get("attributes");
        return a == null || a.isEmpty() ? null : a;
    }

    /** {@link #attributes} as one CSV cell, its compact JSON with plain numbers, or null when the event has none. */
    static String attributesText(EventRow e) throws IOException {
        com.fasterxml.jackson.databind.JsonNode a = attributes(e);
        return a == null ? null : PlainJson.write(a);
    }

    static void writeCsv(List<EventRow> events, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get();
        try (CSVPrinter p = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            for (EventRow e : events) {
                p.printRecord(e.id(), e.kind(), Instant.ofEpochMilli(e.startMillis()), Instant.ofEpochMilli(e.endMillis()),
                        Arrays.stream(e.mmsis()).mapToObj(Mmsi::format).collect(Collectors.joining(" ")),
                        Double.isNaN(e.lat()) ? null : PlainJson.number(Coordinates.round6(e.lat())),
                        Double.isNaN(e.lon()) ? null : PlainJson.number(Coordinates.round6(e.lon())),
                        attributesText(e));
            }
        }
    }
}
