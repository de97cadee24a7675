package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;

/**
 * Framing, fragment reassembly and decoding per source: hosts one
 * {@link AisStreamDecoder} per source key and maps each decoded message to observations with
 * {@link ObservationMapper}. Rejected lines are counted (metric {@code rejectedLines}).
 *
 * <h2>State</h2>
 * The decoder's memory (incomplete multi-sentence messages, a {@code $PGHP} time waiting for its
 * sentence, a completed message held back one line) is not serializable, so it is rebuilt
 * deterministically instead: Flink list state keeps, per source, the lines fed since the decoder was
 * last <em>idle</em> (no fragment pending, no {@code $PGHP} armed, no message waiting for its
 * {@code $PGHP}). An idle decoder's future output
 * depends only on the lines that follow, so after a restore a fresh decoder replays those lines
 * with its output muted (their output was emitted before the checkpoint) and is then in the state
 * the lost one had. The buffer is bounded: in a normal feed it holds a few lines; if a source never
 * becomes idle within {@code maxReplayLines} lines (a continuous overlap of fragments), the buffer
 * is restarted there, and a restore at that moment loses at most the fragments then pending (they
 * are rejected as orphans), never a complete message.
 *
 * <p>At the end of a bounded input (the final watermark) each decoder is finished, as
 * {@link AisStreamDecoder#finish()} does in process.
 */
public final class FramingFunction extends KeyedProcessFunction<String, RawLine, Observation> {
    private static final long serialVersionUID = 1L;

    // Options is not serializable: its values travel and it is rebuilt on the task.
    private final boolean lenientChecksum;
    private final boolean acceptBadTagBlockChecksum;
    private final int maxLineLength;
    private final int maxPendingGroups;
    private final int maxFragmentAgeLines;
    private final long maxFragmentAgeMillis;
    private final int maxReplayLines;

    private transient Options options;

    private transient ListState<String> replay;
    private transient ValueState<Integer> replayCount;
    private transient Map<String, Host> hosts;
    private transient Counter rejected;
    private transient Counter messages;
    private transient Counter replayed;

    /** One source's decoder and where its output goes. */
    private final class Host implements AisListener {
        final AisStreamDecoder decoder = new AisStreamDecoder(options, this);
        /** Per source, so that each feed's receive times are judged on their own ({@link ObservationMapper#forStream()}). */
        final ObservationMapper mapper = ObservationMapper.forStream();
        Collector<Observation> out;
        boolean muted;
        boolean armed;

        @Override
        public void message(ReceivedMessage m) {
            if (!muted) {
                messages.inc();
                for (Observation o : mapper.map(m)) {
                    out.collect(o);
                }
            }
        }

        @Override
        public void rejected(Rejection r) {
            if (!muted) {
                rejected.inc();
            }
        }

        void line(String line) {
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            decoder.line(b, 0, b.length);
            armed = armsPghp(line, armed);
        }

        boolean idle() {
            // also no message waiting for a $PGHP time (a feed writing them apart from their sentences)
            return decoder.stats().pendingFragmentLines() == 0 && decoder.stats().heldMessageLines() == 0 && !armed;
        }
    }

    /**
     * @param options decoder bounds and leniency
     * @param maxReplayLines most lines kept per source for rebuilding its decoder (≥ 1); a few times
     *        {@link Options#maxFragmentAgeLines()} is ample
     */
    public FramingFunction(Options options, int maxReplayLines) {
        if (maxReplayLines < 1) {
            throw new IllegalArgumentException("maxReplayLines must be >= 1");
        }
        this.lenientChecksum = options.lenientChecksum();
        this.acceptBadTagBlockChecksum = options.acceptBadTagBlockChecksum();
        this.maxLineLength = options.maxLineLength();
        this.maxPendingGroups = options.maxPendingGroups();
        this.maxFragmentAgeLines = options.maxFragmentAgeLines();
        this.maxFragmentAgeMillis = options.maxFragmentAgeMillis();
        this.maxReplayLines = maxReplayLines;
    }

    @Override
    public void open(OpenContext ctx) {
        options = new Options(lenientChecksum, acceptBadTagBlockChecksum, maxLineLength, maxPendingGroups,
                maxFragmentAgeLines, maxFragmentAgeMillis);
        replay = getRuntimeContext().getListState(new ListStateDescriptor<>("replay", Types.STRING));
        replayCount = getRuntimeContext().getState(new ValueStateDescriptor<>("replayCount", Types.INT));
        hosts = new HashMap<>();
        rejected = getRuntimeContext().getMetricGroup().counter("rejectedLines");
        messages = getRuntimeContext().getMetricGroup().counter("messages");
        replayed = getRuntimeContext().getMetricGroup().counter("replayedLines");
    }

    @Override
    public void processElement(RawLine in, Context ctx, Collector<Observation> out) throws Exception {
        Host h = host(ctx.getCurrentKey());
        h.out = out;
        h.line(in.line());
        Integer n = replayCount.value();
        int count = n == null ? 0 : n;
        if (h.idle()) {
            if (count > 0) {
                replay.clear();
                replayCount.clear();
            }
        } else if (count >= maxReplayLines) {
            replay.update(java.util.List.of(in.line()));
            replayCount.update(1);
        } else {
            replay.add(in.line());
            replayCount.update(count + 1);
        }
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        if (timestamp != Long.MAX_VALUE) {
            return;
        }
        Host h = host(ctx.getCurrentKey());
        h.out = out;
        h.decoder.finish();
        h.armed = false;
        replay.clear();
        replayCount.clear();
    }

    /** The decoder of a source; after a restore, rebuilt by replaying the kept lines muted. */
    private Host host(String source) throws Exception {
        Host h = hosts.get(source);
        if (h == null) {
            h = new Host();
            hosts.put(source, h);
            Iterable<String> lines = replay.get();
            if (lines != null) {
                h.muted = true;
                for (String l : lines) {
                    h.line(l);
                    replayed.inc();
                }
                h.muted = false;
            }
        }
        return h;
    }

    /**
     * Whether the decoder has a {@code $PGHP} time armed after this line: a {@code $PGHP} sentence
     * arms it, a blank line or a line holding only a tag block keeps it, anything else uses or drops it.
     */
    static boolean armsPghp(String line, boolean armedBefore) {
        String s = line.strip();
        if (s.isEmpty()) {
            return armedBefore; // blank lines are passed over
        }
        if (s.startsWith("\\")) {
            int close = s.indexOf('\\', 1);
            if (close < 0) {
                return false;
            }
            s = s.substring(close + 1).strip();
            if (s.isEmpty()) {
                return armedBefore;
            }
        }
        return s.startsWith("$PGHP");
    }
}
