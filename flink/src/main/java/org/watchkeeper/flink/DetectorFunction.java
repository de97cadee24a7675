package org.watchkeeper.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * Hosts any core {@link Detector} in Flink, keyed by the detector's own keys
 * ({@link KeyedObservation#key()}): the per-key state lives in Flink value state (so checkpoints and
 * restores keep it), timers are Flink event-time timers, events go to the collector. The detector
 * class is the same one the in-process {@code DetectionEngine} runs.
 *
 * <h2>Event-time order</h2>
 * A key's observations must reach the detector in time order. Per-vessel detectors get them from
 * the picture, which releases each vessel's observations in time order on the same key
 * ({@code ordered = true}). A key fed by many vessels (an encounter cell gets the fixes of every
 * vessel in it and its neighbours, from every picture subtask) buffers them in keyed state until the
 * watermark passes their time and then hands them on in time order ({@code ordered = false}); so does a
 * detector with state shared by all its keys ({@link Detector#sharedState}, run on one task), which
 * must see every key's observations and timers in one event-time order, as in the engine. That shared
 * state is kept in operator state, serialised, in each checkpoint.
 *
 * <h2>Same timers as the in-process engine</h2>
 * The engine's watermark before an observation at time {@code t} of a time-ordered stream is
 * {@code t - lateness - 1}, and it fires every timer at or before it first. This adapter keeps the
 * key's pending timer times in state and does the same before each observation; a timer that no
 * further observation of the key precedes fires as a Flink event-time timer once the watermark
 * reaches {@code timer + lateness + 1}, i.e. when the engine would have fired it too. So a key sees
 * the same interleaving of observations and timers as in the engine whatever the parallelism.
 * {@link DetectorContext#watermark()} is that engine watermark.
 *
 * @param <S> the detector's per-key state
 */
public final class DetectorFunction<S extends Serializable> extends KeyedProcessFunction<Long, KeyedObservation, Event>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final DetectorFactory<S> factory;
    private final long latenessMillis;
    private final boolean ordered;

    private transient Detector<S> detector;
    private transient ValueState<S> state;
    private transient ValueState<long[]> timers;
    private transient MapState<Long, List<Observation>> waiting;
    private transient Counter late;
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
                timerService.registerEventTimeTimer(flinkTime(timestamp));
            }
        }

        @Override
        public void deleteTimer(long timestamp) {
            // The Flink timer stays when an observation waits at the same time (unordered keys).
            if (remove(timestamp) && ordered) {
                timerService.deleteEventTimeTimer(flinkTime(timestamp));
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

    /**
     * @param factory builds the detector on each task
     * @param latenessMillis the job's bounded out-of-orderness, ms (≥ 0)
     * @param ordered whether each key's observations already arrive in time order (keys are MMSIs,
     *        fed by the picture); false to buffer them until the watermark
     */
    public DetectorFunction(DetectorFactory<S> factory, long latenessMillis, boolean ordered) {
        if (latenessMillis < 0) {
            throw new IllegalArgumentException("lateness must be >= 0: " + latenessMillis);
        }
        this.factory = factory;
        this.latenessMillis = latenessMillis;
        this.ordered = ordered;
    }

    /** The detector's {@link Detector#sharedState}, serialised, in operator state (the job runs such a detector on one task). */
    private transient ListState<byte[]> shared;
    /** What a restore gave {@link #shared}, handed to the detector in {@link #open}; null when nothing. */
    private transient byte[] restoredShared;

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        shared = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("shared", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        restoredShared = null;
        if (context.isRestored()) {
            for (byte[] b : shared.get()) {
                restoredShared = b;
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        shared.clear();
        Serializable s = detector == null ? null : detector.sharedState();
        if (s != null) {
            shared.add(InstantiationUtil.serializeObject(s));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext openContext) throws Exception {
        detector = factory.get();
        if (restoredShared != null) {
            detector.restoreSharedState(InstantiationUtil.deserializeObject(restoredShared,
                    getRuntimeContext().getUserCodeClassLoader()));
            restoredShared = null;
        }
        Class<S> stateClass = (Class<S>) detector.createState().getClass();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("state", TypeInformation.of(stateClass)));
        timers = getRuntimeContext().getState(new ValueStateDescriptor<>("timers",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        if (!ordered) {
            waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                    Types.LIST(TypeInformation.of(Observation.class))));
        }
        late = getRuntimeContext().getMetricGroup().counter("lateObservations");
        ctx = new Ctx();
    }

    /** The name of the hosted detector (after {@link #open}). */
    public String detectorName() {
        return detector == null ? factory.get().name() : detector.name();
    }

    /** The Flink event time at which the engine timer {@code t} is due. */
    private long flinkTime(long t) {
        return t > Long.MAX_VALUE - latenessMillis - 1 ? Long.MAX_VALUE : t + latenessMillis + 1;
    }

    /** The engine watermark when the Flink watermark is {@code w}. */
    private long engineWatermark(long w) {
        return w == Long.MAX_VALUE || w == Long.MIN_VALUE ? w : w - latenessMillis - 1;
    }

    @Override
    public void processElement(KeyedObservation in, Context c, Collector<Event> out) throws Exception {
        Observation o = in.observation();
        if (ordered) {
            begin(c.getCurrentKey(), c.timerService(), out);
            observe(o);
            end();
            return;
        }
        long t = o.time();
        if (t <= c.timerService().currentWatermark()) {
            late.inc(); // not expected: the picture releases observations ahead of the watermark
            return;
        }
        List<Observation> at = waiting.get(t);
        if (at == null) {
            at = new ArrayList<>(4);
            c.timerService().registerEventTimeTimer(t);
        }
        EventTimeOrder.insertInOrder(at, o);
        waiting.put(t, at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext c, Collector<Event> out) throws Exception {
        begin(c.getCurrentKey(), c.timerService(), out);
        if (!ordered) {
            List<Observation> at = waiting.get(timestamp);
            if (at != null) {
                waiting.remove(timestamp);
                for (Observation o : at) {
                    observe(o);
                }
            }
        }
        fireUpTo(engineWatermark(timestamp));
        end();
    }

    /** One observation: the timers the engine fires before it, then the observation. */
    private void observe(Observation o) throws Exception {
        fireUpTo(engineWatermark(o.time()));
        ctx.watermark = engineWatermark(o.time());
        S s = currentState();
        detector.onObservation(o, s, ctx);
        store(s);
    }

    /** Fires this key's pending timers at or before {@code wm}, in time order (a timer may add more). */
    private void fireUpTo(long wm) throws Exception {
        while (ctx.pending.length > 0 && ctx.pending[0] <= wm) {
            long t = ctx.pending[0];
            ctx.remove(t);
            ctx.watermark = Math.max(wm, t);
            S s = currentState();
            detector.onTimer(t, s, ctx);
            store(s);
        }
    }

    private void begin(long key, TimerService ts, Collector<Event> out) throws Exception {
        ctx.key = key;
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
