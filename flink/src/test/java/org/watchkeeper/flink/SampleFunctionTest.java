package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class SampleFunctionTest {
    static PositionObservation fix(int mmsi, long t) {
        return new PositionObservation(t, "test", mmsi, 1, StationClass.A, 1.0, 103.8, 10.0, 90.0, 90, 0, true, false);
    }

    @Test
    void passesEachVesselsFirstFixPerMinuteAndForgetsTheMinuteOnceTheWatermarkLeavesIt() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Long, KeyedObservation, Observation> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SampleFunction(60_000)),
                        KeyedObservation::key, Types.LONG);
        // Output typed as the job types it (any Observation), not after the first element.
        h.setup(TypeInformation.of(Observation.class).createSerializer(h.getExecutionConfig().getSerializerConfig()));
        h.open();
        IdentityObservation id = new IdentityObservation(61_000, "test", 1, 5, StationClass.A, "NAME", "CALL", 9_074_729,
                70, null, 5.5, "PORT", null, 0);
        List<Observation> in = List.of(fix(1, 60_000), fix(2, 60_500), fix(1, 70_000), id, fix(1, 119_999),
                fix(2, 120_000), fix(1, 120_000));
        for (Observation o : in) {
            h.processElement(new KeyedObservation(o.mmsi(), o), o.time());
        }
        assertThat(h.extractOutputValues()).containsExactly(in.get(0), in.get(1), id, in.get(5), in.get(6));
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(179_999); // the end of minute 2 for both vessels: nothing left to remember
        assertThat(h.numKeyedStateEntries()).isZero();
        h.processElement(new KeyedObservation(1, fix(1, 180_000)), 180_000);
        assertThat(h.extractOutputValues()).hasSize(6);
        h.close();
    }
}
