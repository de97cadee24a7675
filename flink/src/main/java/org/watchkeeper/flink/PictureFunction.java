package org.watchkeeper.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.LandMask;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.TrackState;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * The per-vessel picture, keyed by MMSI: each position goes through the core tracker's rules
 * ({@link TrackState}, the same code the in-process {@code Tracker} runs, its memory kept in Flink
 * value state); accepted positions and all identities go on to the detectors, rejected fixes are
 * counted by reason (metrics {@code noise.<REASON>}). After each accepted observation the vessel's
 * {@link VesselState} goes to the side output {@link #VESSELS}.
 *
 * <h2>Lateness</h2>
 * Like the in-process engine, an observation at or before the watermark — the highest event time
 * this subtask forwarded minus {@code allowedLatenessMillis} minus 1 ms, or Flink's own watermark
 * if that is ahead — is late: it still updates the picture, but it is not passed to the
 * detectors; it is counted (metric {@code lateObservations}) and sent to the side output
 * {@link #LATE}. The per-subtask high mark is operator state, so it survives restores.
 */
public final class PictureFunction extends KeyedProcessFunction<Integer, Observation, Accepted>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Observations that arrived after the watermark. */
    public static final OutputTag<Observation> LATE = new OutputTag<>("late", TypeInformation.of(Observation.class));
    /** Vessel state after each accepted observation. */
    public static final OutputTag<VesselState> VESSELS = new OutputTag<>("vessels", TypeInformation.of(VesselState.class));

    private final long allowedLatenessMillis;
    private final boolean landMask;

    private transient TrackerConfig config;
    private transient ValueState<TrackState> track;
    private transient ValueState<VesselState> vessel;
    private transient ListState<Long> highMarkState;
    private transient long highMark;
    private transient Counter late;
    private transient Counter[] noise;

    /**
     * @param allowedLatenessMillis bounded out-of-orderness of the input, ms (≥ 0)
     * @param landMask whether the tracker rejects fixes on land (Natural Earth 1:10m land mask)
     */
    public PictureFunction(long allowedLatenessMillis, boolean landMask) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0: " + allowedLatenessMillis);
        }
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.landMask = landMask;
    }

    @Override
    public void open(OpenContext ctx) {
        config = TrackerConfig.defaults().withLandMask(landMask ? LandMask.naturalEarth10m() : null);
        track = getRuntimeContext().getState(new ValueStateDescriptor<>("track", TypeInformation.of(TrackState.class)));
        vessel = getRuntimeContext().getState(new ValueStateDescriptor<>("vessel", TypeInformation.of(VesselState.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateObservations");
        NoiseReason[] reasons = NoiseReason.values();
        noise = new Counter[reasons.length];
        for (NoiseReason r : reasons) {
            noise[r.ordinal()] = getRuntimeContext().getMetricGroup().counter("noise." + r.name());
        }
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Accepted> out) throws Exception {
        VesselState v = vessel.value();
        if (v == null) {
            v = new VesselState();
            v.mmsi = o.mmsi();
        }
        boolean accepted;
        if (o instanceof PositionObservation p) {
            TrackState ts = track.value();
            if (ts == null) {
                ts = new TrackState();
            }
            TrackState.Step step = ts.accept(p, config, System.currentTimeMillis());
            accepted = step.accepted();
            if (accepted) {
                track.update(ts);
                v.position(p, step.segment());
            } else {
                noise[step.reason().ordinal()].inc();
            }
        } else {
            v.identity((IdentityObservation) o);
            accepted = true;
        }
        if (!accepted) {
            return;
        }
        vessel.update(v);
        ctx.output(VESSELS, v.copy());
        long t = o.time();
        long wm = Math.max(watermark(), ctx.timerService().currentWatermark());
        if (wm != Long.MIN_VALUE && t <= wm) {
            late.inc();
            ctx.output(LATE, o);
            return;
        }
        if (t > highMark) {
            highMark = t;
        }
        out.collect(new Accepted(o, watermark()));
    }

    private long watermark() {
        return highMark == Long.MIN_VALUE ? Long.MIN_VALUE : highMark - allowedLatenessMillis - 1;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        highMarkState.update(java.util.List.of(highMark));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        highMarkState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("highMark", Types.LONG));
        highMark = Long.MIN_VALUE;
        for (Long m : highMarkState.get()) {
            // After rescaling every subtask gets every old mark; the smallest is a safe lower bound.
            highMark = highMark == Long.MIN_VALUE ? m : Math.min(highMark, m);
        }
    }
}
