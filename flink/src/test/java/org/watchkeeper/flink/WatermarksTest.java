package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The source's watermark strategy ({@link WatchkeeperJob#watermarks}) on one partition, driven by
 * a manual wall clock: a bounded read never goes idle however long a partition waits for its
 * records (a slow start on a loaded machine), a live feed does after {@code idleness.millis}.
 */
class WatermarksTest {
    static JobConfig config(boolean bounded) {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", "localhost:9092");
        p.setProperty("lateness.millis", "10000");
        p.setProperty("idleness.millis", "60000");
        p.setProperty("input.bounded", Boolean.toString(bounded));
        return JobConfig.of(p);
    }

    /** What a generator emitted: watermarks (ms) and "idle"/"active" marks, in order. */
    static final class Recorder implements WatermarkOutput {
        final List<String> out = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            out.add(Long.toString(w.getTimestamp()));
        }

        @Override
        public void markIdle() {
            out.add("idle");
        }

        @Override
        public void markActive() {
            out.add("active");
        }
    }

    static List<String> run(boolean bounded) {
        ManualClock clock = new ManualClock(1_000_000_000L);
        WatermarkGenerator<RawLine> g = WatchkeeperJob.watermarks(config(bounded))
                .createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public RelativeClock getInputActivityClock() {
                        return clock;
                    }
                });
        Recorder r = new Recorder();
        // the partition's first 8 stated times confirm where it stands (StrayTimeWatermarks)
        for (long t = 993_000; t <= 1_000_000; t += 1_000) {
            g.onEvent(new RawLine("a", "x", t), t, r);
        }
        g.onPeriodicEmit(r);
        g.onPeriodicEmit(r); // no new record since the last emit: the wall clock of inactivity starts
        clock.advanceTime(Duration.ofMinutes(5)); // no record for 5 minutes
        g.onPeriodicEmit(r);
        g.onPeriodicEmit(r);
        g.onEvent(new RawLine("a", "y", 1_005_000), 1_005_000, r);
        g.onPeriodicEmit(r);
        return r.out;
    }

    @Test
    void boundedReadIsNeverIdle() {
        // watermark = highest time - lateness - 1 ms; only watermarks, never an idle mark
        assertThat(run(true)).containsExactly("989999", "989999", "989999", "989999", "994999");
    }

    @Test
    void liveFeedGoesIdleAfterTheIdlenessTime() {
        assertThat(run(false)).containsExactly("989999", "989999", "idle", "994999");
    }
}
