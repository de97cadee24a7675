package org.watchkeeper.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.LandMask;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.detect.DuplicateReceptions;
import org.watchkeeper.core.track.TrackState;
import org.watchkeeper.core.track.WallClock;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * The per-vessel picture, keyed by MMSI, in event-time order: each observation waits in keyed
 * state until the watermark passes its time, then the vessel's observations go through in time
 * order (equal times by source and MMSI, as core's {@link EventTimeOrder}). Every observation but a
 * duplicate reception (core's {@link DuplicateReceptions}: the same report from a second station)
 * goes on to the detectors in that order, as in {@code watchkeeper analyze}, where the detection
 * engine takes the event-time-ordered observations through core's {@code DuplicateFilter}: the
 * detectors judge other noise themselves. Each position also goes through the core tracker's rules
 * ({@link TrackState}, the same code the in-process {@code Tracker} runs, its memory kept in Flink
 * value state) for the vessel picture; rejected fixes are counted by reason (metrics
 * {@code noise.<reason>}, the reason's {@link NoiseReason#code()}) and do not change it. After each accepted observation the vessel's
 * {@link VesselState} goes to the side output {@link #VESSELS}. An observation of a message that
 * carries neither position nor identity ({@code HeardObservation}: binary, safety, management
 * messages) updates its station's state, which goes to {@link #VESSELS} too, and goes to no detector,
 * as in {@code watchkeeper analyze}.
 *
 * <h2>Lateness</h2>
 * The watermark comes from the Kafka source, one per partition (bounded out-of-orderness), the
 * smallest over all partitions reaching this operator. An observation at or before the current
 * watermark on arrival is late: the vessels after it have been released already. It is counted
 * (metric {@code lateObservations}), sent to the side output {@link #LATE} and not processed.
 * Waiting observations are bounded by the watermark's progress: a vessel holds at most the
 * observations of the last out-of-orderness interval plus the watermark's lag.
 */
public final class PictureFunction extends KeyedProcessFunction<Long, Observation, Observation> {
    private static final long serialVersionUID = 1L;

    /** Observations that arrived after the watermark. */
    public static final OutputTag<Observation> LATE = new OutputTag<>("late", TypeInformation.of(Observation.class));
    /** Vessel state after each accepted observation. */
    public static final OutputTag<VesselState> VESSELS = new OutputTag<>("vessels", TypeInformation.of(VesselState.class));

    private final boolean landMask;

    private transient TrackerConfig config;
    private transient WallClock wallClock;
    private transient ValueState<TrackState> track;
    private transient ValueState<VesselState> vessel;
    private transient ValueState<DuplicateReceptions> receptions;
    private transient MapState<Long, List<Observation>> waiting;
    private transient Counter late;
    private transient Counter[] noise;

    /** @param landMask whether the tracker rejects fixes on land (Natural Earth 1:10m land mask) */
    public PictureFunction(boolean landMask) {
        this.landMask = landMask;
    }

    @Override
    public void open(OpenContext ctx) {
        config = TrackerConfig.defaults().withLandMask(landMask ? LandMask.naturalEarth10m() : null);
        wallClock = new WallClock(config.maxFutureMillis());
        track = getRuntimeContext().getState(new ValueStateDescriptor<>("track", TypeInformation.of(TrackState.class)));
        vessel = getRuntimeContext().getState(new ValueStateDescriptor<>("vessel", TypeInformation.of(VesselState.class)));
        receptions = getRuntimeContext().getState(new ValueStateDescriptor<>("receptions",
                TypeInformation.of(DuplicateReceptions.class)));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                Types.LIST(TypeInformation.of(Observation.class))));
        late = getRuntimeContext().getMetricGroup().counter("lateObservations");
        NoiseReason[] reasons = NoiseReason.values();
        noise = new Counter[reasons.length];
        for (NoiseReason r : reasons) {
            noise[r.ordinal()] = getRuntimeContext().getMetricGroup().counter("noise." + r.code());
        }
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
        long t = o.time();
        long wm = ctx.timerService().currentWatermark();
        if (t <= wm) {
            late.inc();
            ctx.output(LATE, o);
            return;
        }
        List<Observation> at = waiting.get(t);
        if (at == null) {
            at = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(t);
        }
        EventTimeOrder.insertInOrder(at, o);
        waiting.put(t, at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        List<Observation> at = waiting.get(timestamp);
        if (at == null) {
            return;
        }
        waiting.remove(timestamp);
        for (Observation o : at) {
            step(o, ctx, out);
        }
    }

    private void step(Observation o, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        VesselState v = vessel.value();
        if (v == null) {
            v = new VesselState();
            v.mmsi = o.mmsi();
        }
        boolean detectable = true;
        if (o instanceof PositionObservation p) {
            // in event-time order, as analyze's DuplicateFilter: the first copy of a report goes on
            DuplicateReceptions r = receptions.value();
            if (r == null) {
                r = new DuplicateReceptions();
            }
            detectable = !r.repeats(p, DuplicateReceptions.DEFAULT_WINDOW_MILLIS);
            receptions.update(r);
            TrackState ts = track.value();
            if (ts == null) {
                ts = new TrackState();
            }
            TrackState.Step step = ts.accept(p, config, wallClock.nowFor(p.time()));
            if (!step.accepted()) {
                noise[step.reason().ordinal()].inc();
                if (detectable) {
                    out.collect(o); // the detectors see noise all the same (as in analyze), duplicates aside
                }
                return;
            }
            track.update(ts);
            v.position(p, step.segment());
        } else if (o instanceof IdentityObservation id) {
            v.identity(id);
        } else {
            // heard only (a binary, safety or management message): the station's state, no detector input
            v.heard(o);
            vessel.update(v);
            ctx.output(VESSELS, v.copy());
            return;
        }
        vessel.update(v);
        ctx.output(VESSELS, v.copy());
        if (detectable) {
            out.collect(o);
        }
    }

}
