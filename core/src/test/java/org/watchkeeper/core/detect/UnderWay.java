package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.observation.Observation;

/**
 * The parity a host whose input does not end (the server) relies on: what the detectors give as under
 * way ({@link DetectionEngine#ongoing}) after some input is exactly what the end of that input
 * ({@link DetectionEngine#finish()}) then emits, events, ids and attributes alike.
 *
 * @param before the events emitted before the end of the input
 * @param ongoing the episodes under way before the end, which the end emitted
 */
public record UnderWay(List<Event> before, List<Event> ongoing) {

    /**
     * Runs {@code obs} (in time order) through one engine hosting {@code detectors} with no lateness,
     * takes what {@code ongoing} gives, ends the input, and checks that the end emitted exactly those
     * events (in any order: the end fires its timers in time order, {@code ongoing} goes by key).
     */
    public static UnderWay run(List<? extends Observation> obs, Detector<?>... detectors) {
        List<Event> emitted = new ArrayList<>();
        DetectionEngine engine = new DetectionEngine(List.of(detectors), emitted::add, 0);
        obs.forEach(engine::accept);
        assertThat(engine.lateObservations()).as("observations out of time order").isZero();
        List<Event> ongoing = new ArrayList<>();
        engine.ongoing(ongoing::add);
        List<Event> before = List.copyOf(emitted);
        engine.finish();
        assertThat(emitted.subList(before.size(), emitted.size())).as("emitted at the end of the input")
                .containsExactlyInAnyOrderElementsOf(ongoing);
        return new UnderWay(before, List.copyOf(ongoing));
    }
}
