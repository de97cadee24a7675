package org.watchkeeper.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.watchkeeper.core.pipeline.StrayTimeRule;

/**
 * Watermarks of one Kafka partition that a stray time cannot move on: the times its lines state
 * themselves ({@link RawLine#timeStated()}) go through core's stray-time rule ({@link StrayTimeRule},
 * analyze's: 3 h, 8 confirmations), and the watermark is the rule's frontier, the newest time it let
 * pass, minus the out-of-orderness bound (and 1 ms, as Flink's bounded out-of-orderness watermarks).
 * One line stamped a year ahead (a receiver clock that jumped, a relayed message with another
 * station's tag-block time) is held and, when the next lines go back to the partition's times,
 * dropped: the watermark never saw it, so the partition's later observations are not late. A jump
 * the partition keeps to (a log resuming after an outage) moves the watermark on once confirmed: 8
 * stated times within 3 h of the jump's first, or one more than 3 h beyond it.
 *
 * <p>As analyze's inputs, the partition's first times wait as a jump: no watermark is emitted before
 * the first 8 stated times (or a later one 3 h beyond the first) have confirmed where the partition
 * stands, so a stray first line cannot set it. Lines that state no time of their own (they carry
 * the partition's last time, or that of the {@code $PGHP} line before them) do not count; a partition
 * whose lines state no time emits no watermark (until the end of a bounded read). Idleness is the
 * strategy's ({@code withIdleness}), around this generator. The generator keeps no Flink state: after
 * a restore the partition's first times are judged again.
 *
 * <p>The rule judges the partition's lines, whatever source they belong to; the framing judges each
 * source's observations with the same rule ({@link FramingFunction}). A partition carrying several
 * sources therefore confirms a jump on the lines of all of them.
 */
final class StrayTimeWatermarks implements WatermarkGenerator<RawLine> {
    private final long outOfOrdernessMillis;
    private final StrayTimeRule rule = new StrayTimeRule();

    /** @param outOfOrdernessMillis how far the watermark stays behind the frontier, ms (&ge; 0) */
    StrayTimeWatermarks(long outOfOrdernessMillis) {
        if (outOfOrdernessMillis < 0) {
            throw new IllegalArgumentException("outOfOrdernessMillis must not be negative");
        }
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void onEvent(RawLine line, long eventTimestamp, WatermarkOutput output) {
        if (line.timeStated() && line.time() != Long.MIN_VALUE) {
            rule.offer(line.time());
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long f = rule.frontier();
        if (f != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(f - outOfOrdernessMillis - 1));
        }
    }

    /** Stated times dropped as strays so far (they never moved the watermark). */
    long strays() {
        return rule.strays();
    }
}
