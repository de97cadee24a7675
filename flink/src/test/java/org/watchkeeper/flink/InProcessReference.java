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
import org.watchkeeper.core.detect.DuplicateFilter;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.pipeline.StrayTimeFilter;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.track.Tracker;

/**
 * The single-machine pipeline on the same lines: one decoder, core's bounded event-time ordering
 * ({@link EventTimeOrder}, the job's out-of-orderness), the core vessel picture (tracker without
 * land mask), the core detection engine fed every observation in that order but duplicate receptions
 * (core's {@link DuplicateFilter}). What the Flink job
 * must reproduce, event for event and byte for byte, at any parallelism.
 *
 * <h2>Same as {@code watchkeeper analyze}?</h2>
 * Analyze (app {@code AnalyzeCommand} and {@code Detection}, core {@code Analysis}) runs the same
 * decoder, the same detector classes with the same settings (its default set is
 * {@link Detectors#standard()}: core's default suite without {@code position_on_land}) and feeds the
 * detection engine every observation but duplicate receptions through {@link EventTimeOrder} with
 * the job's default lateness, as this reference does, so on the DMA sample, drift and sudden-speed-change logs and the
 * simulator's log its events are these (see {@link MultiStationLogTest}). One input-dependent
 * difference remains: the job reassembles multi-sentence messages per source (the Kafka key or tag
 * block {@code s:}), while analyze and this class run one decoder over all lines, which joins
 * fragments by talker, sequence id and channel whatever their source. Real logs carry a message's
 * fragments from one station, so it does not show there; on the benchmark input of
 * {@code bench/analyze/MakeAnalyzeInput.java} (station assigned per sentence, round robin) the job
 * finds 2 587 events and this class 2 595.
 */
final class InProcessReference {
    final List<Event> events = new ArrayList<>();
    /** AIS messages decoded. */
    long messages;
    long observations;
    /** Positions the tracker accepted plus identities (one vessel state each in the job). */
    long accepted;
    /** Observations the detection engine was given (all that were not late or duplicate receptions). */
    long detected;
    long late;
    /** Observations dropped by the stray-time filter (0 without it). */
    long strays;

    InProcessReference(List<String> lines, List<DetectorFactory<?>> factories, long latenessMillis) {
        this(lines, factories, latenessMillis, false);
    }

    /**
     * @param strayTimes whether the observations first go through core's {@link StrayTimeFilter}, as
     *        each input of analyze does (the job drops stray times in its framing)
     */
    InProcessReference(List<String> lines, List<DetectorFactory<?>> factories, long latenessMillis, boolean strayTimes) {
        List<Detector<?>> detectors = new ArrayList<>();
        for (DetectorFactory<?> f : factories) {
            detectors.add(f.get());
        }
        DetectionEngine engine = new DetectionEngine(detectors, events::add, latenessMillis);
        VesselPicture picture = new VesselPicture(new Tracker(), 200_000);
        ObservationMapper mapper = new ObservationMapper();
        DuplicateFilter toDetectors = new DuplicateFilter(o -> {
            detected++;
            engine.accept(o);
        });
        EventTimeOrder order = new EventTimeOrder(o -> {
            if (!(o instanceof org.watchkeeper.core.observation.HeardObservation)) {
                // every position and identity but duplicate receptions, before the picture, as analyze does
                toDetectors.accept(o);
            }
            Tracker.Decision d = picture.accept(o);
            if (d == null || d.accepted()) {
                accepted++;
            }
        }, latenessMillis, 1_000_000);
        StrayTimeFilter filter = strayTimes ? new StrayTimeFilter(order) : null;
        java.util.function.Consumer<Observation> first = filter != null ? filter : order;
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                messages++;
                for (Observation o : mapper.map(m)) {
                    observations++;
                    first.accept(o);
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
        if (filter != null) {
            filter.finish();
            strays = filter.strays();
        }
        order.finish();
        engine.finish();
        late = order.late() + engine.lateObservations();
    }

    /** The events as the job writes them, sorted. */
    List<String> json() {
        return events.stream().map(Json::event).sorted().toList();
    }
}
