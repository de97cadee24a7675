package org.watchkeeper.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * {@link org.watchkeeper.core.detect.Detector#sampleIntervalMillis()} in the job: on the picture's MMSI
 * partitioning (each vessel's observations in event-time order), passes a vessel's first position fix
 * of each interval {@code [k × L, (k + 1) × L)} and every observation without a position, as the
 * in-process engine does. Keyed state: the interval of the vessel's last passed fix, cleared by an
 * event-time timer at the interval's end (no later fix of the vessel can fall into it then).
 */
public final class SampleFunction extends KeyedProcessFunction<Long, KeyedObservation, Observation> {
    private static final long serialVersionUID = 1L;
    private final long interval;
    private transient ValueState<Long> last;

    /**
     * @param intervalMillis the interval, ms
     * @throws IllegalArgumentException if {@code intervalMillis <= 0}
     */
    public SampleFunction(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("sample interval must be > 0 ms: " + intervalMillis);
        }
        this.interval = intervalMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("sampled-interval", Types.LONG));
    }

    @Override
    public void processElement(KeyedObservation ko, Context ctx, Collector<Observation> out) throws Exception {
        Observation o = ko.observation();
        if (!(o instanceof PositionObservation p) || !p.hasPosition()) {
            out.collect(o);
            return;
        }
        long k = Math.floorDiv(o.time(), interval);
        Long before = last.value();
        if (before != null && before == k) {
            return;
        }
        last.update(k);
        ctx.timerService().registerEventTimeTimer((k + 1) * interval - 1);
        out.collect(o);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        Long k = last.value();
        if (k != null && (k + 1) * interval - 1 <= timestamp) {
            last.clear();
        }
    }
}
