package org.watchkeeper.flink;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;

/**
 * Hosts any core {@link Detector} in Flink, keyed by the detector's own keys
 * ({@link KeyedObservation#key()}): the per-key state lives in Flink value state (so checkpoints and
 * restores keep it), timers are Flink event-time timers, events go to the collector. The detector
 * class is the same one the in-process {@code DetectionEngine} runs.
 *
 * <h2>Same events as the in-process engine</h2>
 * The engine advances its watermark to {@code max time - lateness - 1} before each observation and
 * fires every due timer first. Flink's watermarks are periodic and lag behind, so a timer that the
 * engine would fire before the next observation of the key might still be pending when that
 * observation arrives here. This adapter therefore keeps the key's pending timer times in state and,
 * before handing an observation to the detector, fires (and deletes from Flink's timer service)
 * those at or before the observation's carried watermark ({@link KeyedObservation#watermark()},
 * the engine's rule applied to the records this subtask's upstream accepted). Timers still pending
 * fire through Flink as its watermark passes them. For input in time order at parallelism 1 the
 * detector then sees, per key, exactly the sequence of observations and timers the engine gives it;
 * at higher parallelism, timers never fire earlier than in the engine.
 *
 * <p>{@link DetectorContext#watermark()} is the larger of Flink's watermark and the carried one.
 *
 * @param <S> the detector's per-key state
 */
public final class DetectorFunction<S extends Serializable> extends KeyedProcessFunction<Long, KeyedObservation, Event> {
    private static final long serialVersionUID = 1L;

    private final DetectorFactory<S> factory;

    private transient Detector<S> detector;
    private transient ValueState<S> state;
    private transient ValueState<long[]> timers;
    private transient Ctx ctx;

    /** The context handed to the detector for one call. */
    private final class Ctx implements DetectorContext {
        long key;
        long watermark;
        TimerService timerService;
        Collector<Event> out;
        long[] pending;
        boolean pendingChanged;
        boolean cleared;

        @Override
        public long key() {
            return key;
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public void emit(Event event) {
            out.collect(event);
        }

        @Override
        public void registerTimer(long timestamp) {
            int i = Arrays.binarySearch(pending, timestamp);
            if (i < 0) {
                int at = -i - 1;
                long[] n = new long[pending.length + 1];
                System.arraycopy(pending, 0, n, 0, at);
                n[at] = timestamp;
                System.arraycopy(pending, at, n, at + 1, pending.length - at);
                pending = n;
                pendingChanged = true;
                timerService.registerEventTimeTimer(timestamp);
            }
        }

        @Override
        public void deleteTimer(long timestamp) {
            if (remove(timestamp)) {
                timerService.deleteEventTimeTimer(timestamp);
            }
        }

        boolean remove(long timestamp) {
            int i = Arrays.binarySearch(pending, timestamp);
            if (i < 0) {
                return false;
            }
            long[] n = new long[pending.length - 1];
            System.arraycopy(pending, 0, n, 0, i);
            System.arraycopy(pending, i + 1, n, i, pending.length - i - 1);
            pending = n;
            pendingChanged = true;
            return true;
        }

        @Override
        public void clearState() {
            cleared = true;
        }
    }

    /** @param factory builds the detector on each task */
    public DetectorFunction(DetectorFactory<S> factory) {
        this.factory = factory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext openContext) {
        detector = factory.get();
        Class<S> stateClass = (Class<S>) detector.createState().getClass();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("state", TypeInformation.of(stateClass)));
        timers = getRuntimeContext().getState(new ValueStateDescriptor<>("timers",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        ctx = new Ctx();
    }

    /** The name of the hosted detector (after {@link #open}). */
    public String detectorName() {
        return detector == null ? factory.get().name() : detector.name();
    }

    @Override
    public void processElement(KeyedObservation in, Context c, Collector<Event> out) throws Exception {
        begin(c.getCurrentKey(), Math.max(in.watermark(), c.timerService().currentWatermark()), c.timerService(), out);
        // Fire this key's timers that the engine would have fired before this observation.
        while (ctx.pending.length > 0 && ctx.pending[0] <= ctx.watermark) {
            long t = ctx.pending[0];
            ctx.remove(t);
            c.timerService().deleteEventTimeTimer(t);
            S s = currentState();
            detector.onTimer(t, s, ctx);
            store(s);
        }
        S s = currentState();
        detector.onObservation(in.observation(), s, ctx);
        store(s);
        end();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext c, Collector<Event> out) throws Exception {
        begin(c.getCurrentKey(), c.timerService().currentWatermark(), c.timerService(), out);
        if (ctx.remove(timestamp)) { // else it already fired before an observation
            S s = currentState();
            detector.onTimer(timestamp, s, ctx);
            store(s);
        }
        end();
    }

    private void begin(long key, long watermark, TimerService ts, Collector<Event> out) throws Exception {
        ctx.key = key;
        ctx.watermark = watermark;
        ctx.timerService = ts;
        ctx.out = out;
        long[] p = timers.value();
        ctx.pending = p == null ? new long[0] : p;
        ctx.pendingChanged = false;
    }

    private S currentState() throws Exception {
        ctx.cleared = false;
        S s = state.value();
        return s != null ? s : detector.createState();
    }

    private void store(S s) throws Exception {
        if (ctx.cleared) {
            state.clear();
        } else {
            state.update(s);
        }
    }

    private void end() throws Exception {
        if (ctx.pendingChanged) {
            if (ctx.pending.length == 0) {
                timers.clear();
            } else {
                timers.update(ctx.pending);
            }
        }
        ctx.out = null;
        ctx.timerService = null;
    }
}
