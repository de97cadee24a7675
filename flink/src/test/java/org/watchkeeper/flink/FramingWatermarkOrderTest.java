package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.EventTimeOrder;

/**
 * The framing never lets an observation out behind a watermark it has already passed on, whatever
 * the moment the source emits its watermarks. Each partition of a real log published by base station
 * (as {@link MultiStationLogTest} publishes it) goes through the job's reading steps: the Kafka
 * record deserializer (source = record key, else the tag block {@code s:}), the partition's
 * {@link StrayTimeWatermarks}, and a {@link FramingFunction} in a test harness, with a watermark
 * after every line, the most the source can emit. A source whose lines are sparse in its partition
 * (here the DMA lines whose {@code $PGHP} names no station) must not keep a decoded message back
 * while the partition's other sources move the watermark past it: downstream it would arrive late
 * and be lost.
 */
class FramingWatermarkOrderTest {

    @Test
    void noObservationOfTheDriftLogComesOutBehindItsPartitionsWatermark() throws Exception {
        List<String> lines = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais");
        List<List<String[]>> parts = MultiStationLogTest.byBaseStation(lines, 2);
        long total = 0;
        for (int p = 0; p < parts.size(); p++) {
            Result r = run(p, parts.get(p));
            System.out.printf("partition %d: %d lines, %d observations, %d behind the watermark%n", p,
                    parts.get(p).size(), r.observations, r.behind.size());
            assertThat(r.behind).as("observations of partition %d that came out behind the watermark", p).isEmpty();
            total += r.observations;
        }
        // every position report of the vessel reaches the picture, as received by each station
        assertThat(total).isGreaterThan(5_000);
    }

    /**
     * Source {@code a} writes its {@code $PGHP} lines apart from their sentences (AMSA's exactEarth
     * form), so its decoder keeps a report back for a {@code $PGHP} naming it; source {@code b}, in the
     * same partition, moves the watermark past that report's time: the report goes out then, ahead of
     * the watermark, with its trailer's time.
     */
    @Test
    void aWaitingMessageGoesOutWhenTheWatermarkReachesItsTime() throws Exception {
        long t = 1_328_182_324_871L;
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            f.feed(new RawLine("a", "$PGHP,1,2012,2,2,10,58,8,0,316,56,316999999,1AIS_S,20*70,1328182324847", t - 24),
                    new RawLine("a", "$PGHP,1,2012,2,2,10,58,9,0,316,56,316999999,1AIS_S,26*77,1328182324859", t - 12),
                    new RawLine("a", "!AIVDM,1,1,,B,17`B2qOP00<Q2O;bq3b00?v@05C`,0*1B,1328182324871", t));
            assertThat(f.passed()).isEmpty(); // a waits for a $PGHP naming 1B
            f.feed(FramingStrayTimeTest.line("b", t + 20_000));
            assertThat(f.passed()).containsExactly(t + 20_000);
            f.h.processWatermark(t - 1);
            assertThat(f.passed()).containsExactly(t + 20_000);
            f.h.processWatermark(t + 9_999);
            assertThat(f.passed()).containsExactly(t + 20_000, t);
            List<Object> out = new ArrayList<>(f.h.getOutput());
            int report = -1;
            int watermark = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i) instanceof StreamRecord<?> r && ((Observation) r.getValue()).time() == t) {
                    report = i;
                } else if (out.get(i) instanceof org.apache.flink.streaming.api.watermark.Watermark w
                        && w.getTimestamp() == t + 9_999) {
                    watermark = i;
                }
            }
            assertThat(report).isNotNegative().isLessThan(watermark);
            // a's decoder goes on: the next $PGHP pairs as before, and nothing is sent twice
            f.h.processWatermark(Long.MAX_VALUE);
            assertThat(f.passed()).containsExactly(t + 20_000, t);
        }
    }

    record Result(long observations, List<String> behind) {
    }

    static Result run(int partition, List<String[]> records) throws Exception {
        NmeaLineDeserializer deserializer = new NmeaLineDeserializer();
        StrayTimeWatermarks watermarks = new StrayTimeWatermarks(EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        long[] emitted = {Long.MIN_VALUE};
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                emitted[0] = Math.max(emitted[0], w.getTimestamp());
            }

            @Override
            public void markIdle() {
            }

            @Override
            public void markActive() {
            }
        };
        List<RawLine> raw = new ArrayList<>();
        Collector<RawLine> collect = new Collector<>() {
            @Override
            public void collect(RawLine r) {
                raw.add(r);
            }

            @Override
            public void close() {
            }
        };
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            long offset = 0;
            long forwarded = Long.MIN_VALUE;
            for (String[] rec : records) {
                raw.clear();
                deserializer.deserialize(new ConsumerRecord<>("ais", partition, offset++,
                        rec[0].getBytes(StandardCharsets.UTF_8), rec[1].getBytes(StandardCharsets.ISO_8859_1)), collect);
                for (RawLine r : raw) {
                    f.h.processElement(r, r.time());
                    watermarks.onEvent(r, r.time(), output);
                    watermarks.onPeriodicEmit(output);
                    if (emitted[0] > forwarded) {
                        forwarded = emitted[0];
                        f.h.processWatermark(forwarded);
                    }
                }
            }
            f.h.processWatermark(Long.MAX_VALUE);
            long watermark = Long.MIN_VALUE;
            long observations = 0;
            List<String> behind = new ArrayList<>();
            for (Object o : f.h.getOutput()) {
                if (o instanceof org.apache.flink.streaming.api.watermark.Watermark w) {
                    watermark = Math.max(watermark, w.getTimestamp());
                } else if (o instanceof StreamRecord<?> s && s.getValue() instanceof Observation ob) {
                    observations++;
                    if (ob.time() <= watermark) {
                        behind.add(ob.time() + " (" + (watermark - ob.time()) + " ms behind) " + ob);
                    }
                }
            }
            return new Result(observations, behind);
        }
    }
}
