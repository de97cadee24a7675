package org.watchkeeper.core.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.util.LongHashMap;

/**
 * Hosts {@link Detector}s in one process: routes each observation to its keys, keeps per-key state,
 * and fires event-time timers as the watermark advances — the same semantics a Flink job gives the
 * same detector classes.
 *
 * <p>Watermark: {@code max event time seen - allowedLateness - 1} (Flink's bounded out-of-orderness
 * rule). An observation at or before the watermark is late: it is counted and not processed. Before
 * each observation is processed, every timer at or before the new watermark fires, in (time, key)
 * order. {@link #finish()} advances the watermark to {@code Long.MAX_VALUE}, as a bounded Flink source
 * does at its end, firing every remaining timer.
 *
 * <p>Not thread safe: one engine per input stream.
 */
public final class DetectionEngine {
    private final List<Hosted<?>> hosted = new ArrayList<>();
    private final Consumer<Event> sink;
    private final long allowedLatenessMillis;
    private long maxTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long late;
    private long emitted;

    /**
     * @param detectors the detectors to host (each gets its own state and timers)
     * @param sink receives every event, in the order detectors emit them
     * @param allowedLatenessMillis bounded out-of-orderness of the input, ms (0 for time-ordered input)
     * @throws IllegalArgumentException if {@code allowedLatenessMillis < 0}
     */
    public DetectionEngine(List<? extends Detector<?>> detectors, Consumer<Event> sink, long allowedLatenessMillis) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0: " + allowedLatenessMillis);
        }
        for (Detector<?> d : detectors) {
            hosted.add(new Hosted<>(d));
        }
        this.sink = e -> {
            emitted++;
            sink.accept(e);
        };
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /** Processes one observation (see the class description for lateness and timers). */
    public void accept(Observation o) {
        long t = o.time();
        if (watermark != Long.MIN_VALUE && t <= watermark) {
            late++;
            return;
        }
        if (t > maxTime) {
            maxTime = t;
            long wm = t - allowedLatenessMillis - 1;
            if (wm > watermark) {
                advanceTo(wm);
            }
        }
        for (Hosted<?> h : hosted) {
            h.route(o);
        }
    }

    /** End of input: fires every remaining timer. The engine accepts no more observations after. */
    public void finish() {
        advanceTo(Long.MAX_VALUE);
    }

    /** Observations dropped because they were older than the watermark. */
    public long lateObservations() {
        return late;
    }

    /** Events emitted so far. */
    public long eventsEmitted() {
        return emitted;
    }

    /** The current watermark (epoch ms), {@code Long.MIN_VALUE} before any input. */
    public long watermark() {
        return watermark;
    }

    /** Number of keys with state, per detector name (for monitoring and bounds). */
    public Map<String, Integer> keyCounts() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (Hosted<?> h : hosted) {
            m.put(h.detector.name(), h.states.size());
        }
        return m;
    }

    private void advanceTo(long wm) {
        watermark = wm;
        // Fire timers across detectors in (time, key) order; a timer may register further timers.
        while (true) {
            Hosted<?> next = null;
            long bestTime = 0;
            long bestKey = 0;
            for (Hosted<?> h : hosted) {
                TimerQueue q = h.timers;
                if (q.hasFirstAtOrBefore(wm)) {
                    long t = q.firstTime();
                    long k = q.firstKey();
                    if (next == null || t < bestTime || (t == bestTime && k < bestKey)) {
                        next = h;
                        bestTime = t;
                        bestKey = k;
                    }
                }
            }
            if (next == null) {
                return;
            }
            next.fire(bestTime, bestKey);
        }
    }

    /** One detector with its per-key states and timers. */
    private final class Hosted<S extends Serializable> implements DetectorContext, java.util.function.LongConsumer {
        final Detector<S> detector;
        final LongHashMap<S> states = new LongHashMap<>();
        final java.util.function.Supplier<S> create;
        /** The observation being routed (read by {@link #accept(long)}). */
        Observation routing;
        /** Registered timers, taken out in (time, key) order. */
        final TimerQueue timers = new TimerQueue();
        long currentKey;

        Hosted(Detector<S> detector) {
            this.detector = detector;
            this.create = detector::createState;
        }

        void route(Observation o) {
            Observation outer = routing;
            routing = o;
            try {
                detector.keys(o, this);
            } finally {
                routing = outer;
            }
        }

        /** One key of the observation being routed. */
        @Override
        public void accept(long key) {
            currentKey = key;
            S s = states.computeIfAbsent(key, create);
            detector.onObservation(routing, s, this);
        }

        /** Fires the first timer, which {@link TimerQueue#hasFirstAtOrBefore} has just named. */
        void fire(long time, long key) {
            timers.removeFirst();
            currentKey = key;
            S s = states.computeIfAbsent(key, create);
            detector.onTimer(time, s, this);
        }

        @Override
        public long key() {
            return currentKey;
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public void emit(Event event) {
            sink.accept(event);
        }

        @Override
        public void registerTimer(long timestamp) {
            timers.register(timestamp, currentKey);
        }

        @Override
        public void clearState() {
            states.remove(currentKey);
        }

        @Override
        public void deleteTimer(long timestamp) {
            timers.delete(timestamp, currentKey);
        }
    }
}
