package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.core.observation.Observation;

/**
 * The framing's stray-time rule per source ({@link FramingFunction}): a line stamped a year ahead is
 * dropped, counted ({@code rejected.stray_time}) and given to {@link FramingFunction#STRAY}; a jump the
 * source keeps to passes once confirmed; the judgement survives a snapshot and restore; a source's
 * first observation is trusted.
 */
class FramingStrayTimeTest {
    static final long T0 = 1_411_920_000_000L; // 2014-09-28T16:00:00Z
    static final long S = 1_000;
    static final long H = 3_600_000;
    static final long YEAR = 365 * 24 * H;

    /** A position report of one vessel received at {@code t} (tag block {@code c:} in ms), source {@code source}. */
    static RawLine line(String source, long t) {
        String tag = "s:" + source + ",c:" + t;
        String sentence = "AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0";
        String l = "\\" + tag + "*" + hex(tag) + "\\!" + sentence + "*" + hex(sentence);
        return new RawLine(source, l, t);
    }

    static String hex(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x ^= s.charAt(i);
        }
        return String.format("%02X", x);
    }

    /** A harness around a fresh framing function whose metrics can be read through {@link #metrics}. */
    static final class Framing implements AutoCloseable {
        final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        final KeyedOneInputStreamOperatorTestHarness<String, RawLine, Observation> h;

        Framing(OperatorSubtaskState restored) throws Exception {
            var taskMetrics = new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                @Override
                public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                    java.util.Map<String, String> variables) {
                    return metrics;
                }
            };
            h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new FramingFunction(Options.DEFAULT, WatchkeeperJob.MAX_REPLAY_LINES)),
                    RawLine::source, Types.STRING, new MockEnvironmentBuilder().setMetricGroup(taskMetrics).build());
            h.setup(TypeInformation.of(Observation.class).createSerializer(h.getExecutionConfig().getSerializerConfig()));
            if (restored != null) {
                h.initializeState(restored);
            }
            h.open();
        }

        void feed(RawLine... lines) throws Exception {
            for (RawLine l : lines) {
                h.processElement(l, l.time());
            }
        }

        List<Long> passed() {
            return h.extractOutputValues().stream().map(Observation::time).toList();
        }

        List<Long> strays() {
            var q = h.getSideOutput(FramingFunction.STRAY);
            return q == null ? List.of() : q.stream().map(StreamRecord::getValue).map(Observation::time).toList();
        }

        long strayCount() {
            return ((Counter) metrics.get(FramingFunction.STRAY_METRIC)).getCount();
        }

        @Override
        public void close() throws Exception {
            h.close();
        }
    }

    @Test
    void aLineAYearAheadIsDroppedCountedAndOnTheSideOutput() throws Exception {
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0), line("a", T0 + 10 * S), line("a", T0 + YEAR));
            assertThat(f.passed()).containsExactly(T0, T0 + 10 * S); // the stray is held
            f.feed(line("a", T0 + 20 * S), line("a", T0 + 30 * S));
            assertThat(f.passed()).containsExactly(T0, T0 + 10 * S, T0 + 20 * S, T0 + 30 * S);
            assertThat(f.strays()).containsExactly(T0 + YEAR);
            assertThat(f.strayCount()).isEqualTo(1);
            f.h.processWatermark(Long.MAX_VALUE);
            assertThat(f.passed()).hasSize(4);
        }
    }

    @Test
    void eachSourceIsJudgedOnItsOwnTimes() throws Exception {
        try (Framing f = new Framing(null)) {
            // source b is a year ahead of a from its first line on: its own times, not strays
            f.feed(line("a", T0), line("b", T0 + YEAR), line("a", T0 + 10 * S), line("b", T0 + YEAR + 10 * S));
            assertThat(f.passed()).containsExactly(T0, T0 + YEAR, T0 + 10 * S, T0 + YEAR + 10 * S);
            assertThat(f.strays()).isEmpty();
            assertThat(f.strayCount()).isZero();
        }
    }

    @Test
    void aSourcesFirstObservationIsTrusted() throws Exception {
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0 + YEAR), line("a", T0), line("a", T0 + 10 * S));
            // the live-feed form: a stray first line sets the frontier and passes; the rest is behind it
            assertThat(f.passed()).containsExactly(T0 + YEAR, T0, T0 + 10 * S);
            assertThat(f.strayCount()).isZero();
        }
    }

    @Test
    void aJumpTheSourceKeepsToPassesOnceConfirmed() throws Exception {
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0));
            long resumed = T0 + 7 * H;
            for (int i = 0; i < 7; i++) {
                f.feed(line("a", resumed + i * S));
            }
            assertThat(f.passed()).containsExactly(T0);
            f.feed(line("a", resumed + 7 * S));
            assertThat(f.passed()).hasSize(9).endsWith(resumed + 7 * S);
            assertThat(f.strayCount()).isZero();
        }
    }

    @Test
    void theJudgementSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0), line("a", T0 + 10 * S), line("a", T0 + YEAR));
            assertThat(f.passed()).containsExactly(T0, T0 + 10 * S);
            snapshot = f.h.snapshot(1, 1);
        }
        try (Framing f = new Framing(snapshot)) {
            // the held stray and the source's frontier came back: the next line drops it
            f.feed(line("a", T0 + 20 * S));
            assertThat(f.passed()).containsExactly(T0 + 20 * S);
            assertThat(f.strays()).containsExactly(T0 + YEAR);
            assertThat(f.strayCount()).isEqualTo(1);
            // and the frontier is the source's, not a fresh one: another stray is held, not trusted
            f.feed(line("a", T0 + 2 * YEAR), line("a", T0 + 30 * S));
            assertThat(f.passed()).containsExactly(T0 + 20 * S, T0 + 30 * S);
            assertThat(f.strayCount()).isEqualTo(2);
        }
    }

    @Test
    void heldObservationsPassOnceTheWatermarkReachesThem() throws Exception {
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0), line("a", T0 + 5 * H), line("a", T0 + 5 * H + S));
            assertThat(f.passed()).containsExactly(T0);
            f.h.processWatermark(T0 + 5 * H - 1);
            assertThat(f.passed()).containsExactly(T0);
            f.h.processWatermark(T0 + 5 * H); // the partition has reached the jump's time
            assertThat(f.passed()).containsExactly(T0, T0 + 5 * H, T0 + 5 * H + S);
            f.feed(line("a", T0 + 5 * H + 2 * S)); // the frontier moved with them
            assertThat(f.passed()).hasSize(4);
            assertThat(f.strayCount()).isZero();
        }
    }

    @Test
    void theEndOfABoundedReadPassesWhatIsStillHeld() throws Exception {
        try (Framing f = new Framing(null)) {
            f.feed(line("a", T0), line("a", T0 + YEAR));
            f.h.processWatermark(Long.MAX_VALUE);
            // nothing came to contradict the jump: it passes, as analyze's filter passes it at the end
            assertThat(f.passed()).containsExactly(T0, T0 + YEAR);
            assertThat(f.strayCount()).isZero();
        }
    }
}
