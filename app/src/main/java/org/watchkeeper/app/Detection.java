package org.watchkeeper.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.identity.IdentityConflictDetector;
import org.watchkeeper.core.detect.identity.InvalidIdentityDetector;
import org.watchkeeper.core.detect.identity.PositionOnLandDetector;
import org.watchkeeper.core.detect.vessel.DriftDetector;
import org.watchkeeper.core.detect.vessel.GapDetector;
import org.watchkeeper.core.detect.vessel.LoiteringDetector;
import org.watchkeeper.core.detect.vessel.SuddenSpeedChangeDetector;
import org.watchkeeper.core.detect.zone.ZoneDetector;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.store.EventRow;

/**
 * The detectors of {@code analyze}: every observation goes, in event time, into core's
 * {@link DetectionEngine}; the events it emits become the store's {@link EventRow}s (idempotent
 * by id) and the report's events files.
 *
 * <p>EventRow mapping: {@code kind} is the kind's id ({@code gap}, {@code drift}, ...);
 * {@code parametersJson} the thresholds that applied; {@code evidenceJson} an object with the
 * measured {@code attributes} and the evidence {@code observations} (mmsi, time, lat, lon, speed,
 * course, heading, status, type, source; "not available" values left out).
 */
final class Detection implements AnalysisListener {
    /** Detectors by name, in the order they run. */
    static final Map<String, Supplier<Detector<?>>> AVAILABLE = new LinkedHashMap<>();
    /** The default set: everything except the land and zone checks (inland waters, data load). */
    static final List<String> DEFAULTS = List.of("gap", "loitering", "drift", "sudden_speed_change",
            "identity_conflict", "invalid_identity");

    static {
        AVAILABLE.put("gap", GapDetector::withDefaults);
        AVAILABLE.put("loitering", LoiteringDetector::withDefaults);
        AVAILABLE.put("drift", DriftDetector::withDefaults);
        AVAILABLE.put("sudden_speed_change", SuddenSpeedChangeDetector::withDefaults);
        AVAILABLE.put("identity_conflict", IdentityConflictDetector::withDefaults);
        AVAILABLE.put("invalid_identity", InvalidIdentityDetector::withDefaults);
        AVAILABLE.put("position_on_land", PositionOnLandDetector::withDefaults);
        AVAILABLE.put("zone", () -> ZoneDetector.withDefaults(ZoneIndex.territorialSeas()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DetectionEngine engine;
    private final List<EventRow> events = new ArrayList<>();
    private final List<String> names;

    /**
     * @param names detector names from {@link #AVAILABLE}
     * @throws IllegalArgumentException for an unknown name
     */
    Detection(List<String> names) {
        List<Detector<?>> detectors = new ArrayList<>();
        for (String n : names) {
            Supplier<Detector<?>> s = AVAILABLE.get(n.strip().toLowerCase(Locale.ROOT));
            if (s == null) {
                throw new IllegalArgumentException("unknown detector '" + n + "'; known: " + String.join(", ", AVAILABLE.keySet()));
            }
            detectors.add(s.get());
        }
        this.names = List.copyOf(names);
        this.engine = new DetectionEngine(detectors, e -> events.add(row(e)), 0);
    }

    @Override
    public void observation(Observation o) {
        engine.accept(o);
    }

    @Override
    public void finished(Analysis analysis) {
        engine.finish();
    }

    /** The events emitted, in emission order. */
    List<EventRow> events() {
        return events;
    }

    /** Observations the engine dropped as older than its watermark (input not in time order). */
    long lateObservations() {
        return engine.lateObservations();
    }

    List<String> names() {
        return names;
    }

    static EventRow row(Event e) {
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
            ev.set("attributes", JSON.valueToTree(e.attributes()));
            ArrayNode obs = ev.putArray("observations");
            for (PositionObservation p : e.evidence()) {
                ObjectNode o = obs.addObject();
                o.put("mmsi", Mmsi.format(p.mmsi()));
                o.put("time", java.time.Instant.ofEpochMilli(p.time()).toString());
                if (p.hasPosition()) {
                    o.put("lat", p.latitude());
                    o.put("lon", p.longitude());
                }
                if (!Double.isNaN(p.speedOverGround())) {
                    o.put("speed", p.speedOverGround());
                }
                if (!Double.isNaN(p.courseOverGround())) {
                    o.put("course", p.courseOverGround());
                }
                if (p.heading() >= 0) {
                    o.put("heading", p.heading());
                }
                if (p.navigationStatus() >= 0) {
                    o.put("status", p.navigationStatus());
                }
                o.put("type", p.messageType());
                if (p.source() != null) {
                    o.put("source", p.source());
                }
            }
            return new EventRow(e.id(), e.kind().id(), e.start(), e.end(), mmsis, lat, lon, e.geometryGeoJson(), params,
                    JSON.writeValueAsString(ev));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("event " + e.id() + " cannot be written as JSON", x);
        }
    }
}
