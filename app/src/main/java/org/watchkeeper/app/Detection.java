package org.watchkeeper.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;


import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.zone.ZoneDetector;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.Stage;
import org.watchkeeper.server.Rows;
import org.watchkeeper.store.EventRow;

/**
 * The detectors of {@code analyze}: every observation goes, in event time, into core's
 * {@link DetectionEngine} (on a thread of its own, fed through a bounded {@link Stage}, when the
 * machine has more than one core); the events it emits become the store's {@link EventRow}s (idempotent
 * by id) and the report's events files.
 *
 * <p>Events become store rows through {@link Rows#event}, the mapping the server uses too.
 */
final class Detection implements AnalysisListener {
    /** Detectors by name, in the order they run: core's default suite, then the zone check. */
    static final Map<String, Supplier<Detector<?>>> AVAILABLE = new LinkedHashMap<>();

    static {
        for (DetectorSuite.Factory f : DetectorSuite.defaults().factories()) {
            AVAILABLE.put(f.get().name(), f);
        }
        AVAILABLE.put("zone", () -> ZoneDetector.withDefaults(ZoneIndex.territorialSeas()));
    }

    /**
     * The default set: core's {@link DetectorSuite#defaults()} except the land check (Natural Earth
     * land covers rivers and lakes, so inland waterways would raise false alarms) and the zone check
     * (it loads the territorial seas); both can be asked for with {@code --detect}.
     */
    static final List<String> DEFAULTS = AVAILABLE.keySet().stream()
            .filter(n -> !n.equals("position_on_land") && !n.equals("zone")).toList();


    private final DetectionEngine engine;
    /** The detectors' own thread when there is more than one core (null: on the caller's thread). */
    private final Stage<Observation> stage;
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
        this.engine = new DetectionEngine(detectors, e -> events.add(Rows.event(e)), 0);
        this.stage = Runtime.getRuntime().availableProcessors() > 1
                ? new Stage<>("detectors", 4096, 8, engine::accept) : null;
    }

    @Override
    public void observation(Observation o) {
        if (stage != null) {
            stage.accept(o); // observations are immutable: safe to hand to the detectors' thread
        } else {
            engine.accept(o);
        }
    }

    @Override
    public void finished(Analysis analysis) {
        if (stage != null) {
            stage.close(); // waits for every observation, rethrows a detector's failure
        }
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
}
