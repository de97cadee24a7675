package org.watchkeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselRow;

/**
 * Core's model as the store's rows, written the same way as the {@code analyze} command writes
 * them, so that the server and {@code analyze} store identical rows for the same input.
 *
 * <p>{@link EventRow#parametersJson()} holds the detector parameters;
 * {@link EventRow#evidenceJson()} holds {@code {"attributes":{...},"observations":[...]}} with each
 * observation in gpsd's names ({@code mmsi} as 9 digits, {@code time} ISO-8601, {@code lat},
 * {@code lon}, {@code speed}, {@code course}, {@code heading}, {@code status}, {@code type} (the AIS
 * message type; absent for a CSV row's fix), {@code source}); not-available values are absent. The observations' {@code lat} and {@code lon}
 * are degrees to 6 decimals ({@link Coordinates#round6}), as in every report; attribute values are
 * written by {@link Event#writtenAttribute} (measured quantities to 6 decimals, a measure not
 * available left out).
 *
 * <p>{@link #JSON} writes numbers as plain decimals ({@link PlainJson}: an implied speed of 0.00078 kn as
 * {@code 0.00078}, not {@code 7.8E-4}), in the rows it stores and in every response the API gives through it.
 */
public final class Rows {
    static final ObjectMapper JSON = PlainJson.mapper();

    private Rows() {
    }

    /**
     * The store row of an accepted position. A true heading outside 0-359 (ITU-R M.1371 leaves
     * 360-510 unused and 511 means not available; real transponders send e.g. 377) is stored as not
     * available (-1) rather than refused. A fix from a CSV row has no message type: not available
     * (-1), never 0.
     */
    public static PositionRow position(PositionObservation p, int segment) {
        int heading = p.heading() >= 0 && p.heading() <= 359 ? p.heading() : -1;
        return new PositionRow(p.mmsi(), p.time(), p.latitude(), p.longitude(), p.speedOverGround(),
                p.courseOverGround(), heading, p.navigationStatus(), messageType(p), segment, p.source());
    }

    /** The observation's AIS message type, or {@link PositionRow#NOT_AVAILABLE} when it came from no message (a CSV row). */
    static int messageType(Observation o) {
        return o.messageType() == Observation.NO_MESSAGE_TYPE ? PositionRow.NOT_AVAILABLE : o.messageType();
    }

    /** The store names fields as gpsd's AIS JSON does ({@code shipname}); the picture says {@code name}. */
    static String storeField(String pictureField) {
        return pictureField.equals("name") ? "shipname" : pictureField;
    }

    /** The store row of a station of the picture, with its accepted positions. */
    public static VesselRow vessel(VesselSnapshot v, long positions) {
        Dimensions d = v.dimensions();
        // the store keeps 0 for a distance not available, as AIS sends it: all four when only the overall size is known
        boolean offsets = d != null && d.hasOffsets();
        PositionObservation p = v.position();
        return new VesselRow(v.mmsi(), v.name(), v.callSign(), v.imo(), v.shipType(), vesselClass(v), flag(v),
                offsets ? d.toBow() : 0, offsets ? d.toStern() : 0, offsets ? d.toPort() : 0, offsets ? d.toStarboard() : 0,
                d == null ? VesselRow.NOT_AVAILABLE : d.length(), d == null ? VesselRow.NOT_AVAILABLE : d.beam(),
                v.draught(), v.destination(), v.eta() == null ? null : v.eta().toString(),
                v.firstSeen(), v.lastSeen(), p == null ? Double.NaN : p.latitude(), p == null ? Double.NaN : p.longitude(),
                positions);
    }

    /** ISO 3166-1 alpha-2 of the flag state the MID gives, or null. */
    static String flag(VesselSnapshot v) {
        String c = v.flag() == null ? null : v.flag().iso2();
        return c != null && c.length() == 2 && isUpperAscii(c.charAt(0)) && isUpperAscii(c.charAt(1)) ? c : null;
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * The station's class as every output names it ({@link StationClass#id()}: A, B, base_station,
     * aid_to_navigation, sar_aircraft), or null when unknown.
     */
    static String vesselClass(VesselSnapshot v) {
        return v.stationClass().idOrNull();
    }

    /**
     * The store row of a detected event: kind id, vessels, position (absent when out of range),
     * parameters as JSON, and an evidence JSON object with the measured {@code attributes} and the
     * evidence {@code observations} ("not available" values left out). Used by the server and by
     * {@code analyze}, so both store events the same way.
     */
    /**
     * Writes one evidence position of an event's row into {@code o}, as every event's evidence holds them
     * (the server's own detectors' and the Flink job's, {@link ClusterEvents}): {@code mmsi} (9 digits) and
     * {@code time} (ISO-8601 UTC), then, each only when known, {@code lat} and {@code lon} (degrees to 6
     * decimals), {@code speed} (knots), {@code course} (degrees), {@code heading}, {@code status} (the
     * navigation status), {@code type} (the AIS message type) and {@code source}.
     *
     * @param lat NaN for no position (as {@code lon})
     * @param speed NaN when not available (as {@code course})
     * @param heading negative when not available (as {@code status} and {@code type})
     * @param source null when not known
     */
    static void observation(ObjectNode o, int mmsi, long time, double lat, double lon, double speed, double course,
                            int heading, int status, int type, String source) {
        o.put("mmsi", Mmsi.format(mmsi));
        o.put("time", Instant.ofEpochMilli(time).toString());
        if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
            o.put("lat", Coordinates.round6(lat));
            o.put("lon", Coordinates.round6(lon));
        }
        if (!Double.isNaN(speed)) {
            o.put("speed", speed);
        }
        if (!Double.isNaN(course)) {
            o.put("course", course);
        }
        if (heading >= 0) {
            o.put("heading", heading);
        }
        if (status >= 0) {
            o.put("status", status);
        }
        if (type >= 0) {
            o.put("type", type);
        }
        if (source != null) {
            o.put("source", source);
        }
    }

    public static EventRow event(Event e) {
        int[] mmsis = e.vessels().stream().mapToInt(Integer::intValue).toArray();
        double lat = e.latitude();
        double lon = e.longitude();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            lat = Double.NaN;
            lon = Double.NaN;
        }
        try {
            String params = JSON.writeValueAsString(e.parameters());
            ObjectNode ev = JSON.createObjectNode();
            ObjectNode attributes = ev.putObject("attributes");
            for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
                Object w = Event.writtenAttribute(a.getValue());
                if (w != null || a.getValue() == null) { // a measure not available is left out
                    attributes.set(a.getKey(), JSON.valueToTree(w));
                }
            }
            ArrayNode obs = ev.putArray("observations");
            for (PositionObservation p : e.evidence()) {
                observation(obs.addObject(), p.mmsi(), p.time(), p.hasPosition() ? p.latitude() : Double.NaN,
                        p.hasPosition() ? p.longitude() : Double.NaN, p.speedOverGround(), p.courseOverGround(), p.heading(),
                        p.navigationStatus(), p.messageType() != Observation.NO_MESSAGE_TYPE ? p.messageType() : -1, p.source());
            }
            return new EventRow(e.id(), e.kind().id(), e.start(), e.end(), mmsis, lat, lon, e.geometryGeoJson(), params,
                    JSON.writeValueAsString(ev));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("event " + e.id() + " cannot be written as JSON", x);
        }
    }
}
