package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.track.Tracker;

/**
 * The single-machine pipeline on the same lines: one decoder, core's bounded event-time ordering
 * ({@link EventTimeOrder}, the job's out-of-orderness), the core vessel picture (tracker without
 * land mask), the core detection engine. What the Flink job must reproduce.
 */
final class InProcessReference {
    final List<Event> events = new ArrayList<>();
    long observations;
    long accepted;
    long late;

    InProcessReference(List<String> lines, List<DetectorFactory<?>> factories, long latenessMillis) {
        List<Detector<?>> detectors = new ArrayList<>();
        for (DetectorFactory<?> f : factories) {
            detectors.add(f.get());
        }
        DetectionEngine engine = new DetectionEngine(detectors, events::add, latenessMillis);
        VesselPicture picture = new VesselPicture(new Tracker(), 200_000);
        ObservationMapper mapper = new ObservationMapper();
        EventTimeOrder order = new EventTimeOrder(o -> {
            Tracker.Decision d = picture.accept(o);
            if (d == null || d.accepted()) {
                accepted++;
                engine.accept(o);
            }
        }, latenessMillis, 1_000_000);
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                for (Observation o : mapper.map(m)) {
                    observations++;
                    order.accept(o);
                }
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
            decoder.line(b, 0, b.length);
        }
        decoder.finish();
        order.finish();
        engine.finish();
        late = order.late() + engine.lateObservations();
    }

    /** The events as the job writes them, sorted. */
    List<String> json() {
        return events.stream().map(Json::event).sorted().toList();
    }
}
