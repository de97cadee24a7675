package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.NmeaInput;
import org.watchkeeper.core.pipeline.StrayTimeFilter;
import org.watchkeeper.core.pipeline.StrayTimeRule;

/**
 * Framing, fragment reassembly and decoding per source: hosts one
 * {@link AisStreamDecoder} per source key and maps each decoded message to observations with
 * {@link ObservationMapper}. Rejected lines are counted (metric {@code rejectedLines}) and go, with
 * their reason, to the side output {@link #REJECTED} (the job writes them to {@code topic.rejects}).
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
 * <h2>Messages waiting for their time</h2>
 * A decoder in a feed whose {@code $PGHP} lines come apart from their sentences keeps a message back
 * until its {@code $PGHP} line or a few dozen lines of its source have come
 * ({@link org.watchkeeper.ais.nmea.Stats#heldMessageLines()}). The watermark comes from the
 * partition's lines, which carry other sources too: a source sparse in its partition could wait
 * there while the others move the watermark far past the waiting message, which downstream would
 * then be late and lost. So an event-time timer at the earliest waiting time
 * ({@link AisStreamDecoder#earliestWaitingTime()}) sends the source's waiting messages on once the
 * watermark reaches it, each with the time it has then.
 *
 * <h2>A server's raw archive</h2>
 * A message of a line of a Watchkeeper server's raw archive that has no time of its own is timed by
 * the archive's stamp ({@link TimeSource#ARCHIVE}: when the server received
 * the line). As {@code analyze} does ({@link org.watchkeeper.core.pipeline.NmeaInput}), such a message
 * of a source that has shown times of its own (tag block {@code c:}, {@code $PGHP}, epoch trailer)
 * takes the newest of them instead (keyed state, so a restore keeps it), and the archive of a replayed
 * log keeps the log's times. A stamp times a message only before its source's first time of its own:
 * analyze holds such messages until it knows whether the input has times of its own (up to
 * {@link org.watchkeeper.core.pipeline.NmeaInput#MAX_LEADING}), the job does not hold them.
 *
 * <h2>The receiver's GNSS clock</h2>
 * Each source's decoder has a {@link GnssClock}, as in {@code analyze} and the server: once the source's
 * {@code $--RMC}/{@code $--ZDA} lines (then {@code $--GGA}/{@code $--GLL}) have given a time, a message
 * without a tag block {@code c:}, {@code $PGHP} or epoch trailer takes the clock's time, before an
 * archive's stamp. The clock is keyed state ({@link GnssClock#state()} as it was before the lines kept
 * for the replay, which then bring it forward), so a restore keeps it. A message with no time at all
 * takes its source's last time, as analyze carries it; before the source's first time such messages
 * wait for it, as analyze holds them (at most {@link NmeaInput#MAX_LEADING}; the lines that made them
 * are keyed state, decoded again after a restore), and those still waiting at the end of a bounded input
 * are dropped and counted (metric {@code rejected.untimed}), as analyze drops them.
 *
 * <h2>Stray times</h2>
 * Each source's observations then go through core's stray-time rule ({@link StrayTimeRule}, as
 * {@code watchkeeper analyze} applies it to each input with {@link StrayTimeFilter}: 3 h, 8
 * confirmations), in the live-feed form of the server: a source's first observation sets its frontier.
 * An observation more than 3 h ahead of the source's frontier is held, with those that follow it
 * within 3 h of it; they pass in their order once 8 are held or the source moves on more than 3 h
 * beyond the jump, and they are dropped when the source goes back to its old times. A dropped
 * observation is counted (metric {@code rejected.stray_time}) and goes to the side output
 * {@link #STRAY}: nothing leaves silently. The rule's memory and the held observations (at most 7 per
 * source) are keyed Flink state, so a restore resumes the judgement where the checkpoint left it.
 *
 * <p>Where the job differs from analyze: the first observation of a source is trusted, so a stray
 * first line of a source is let through (analyze holds an input's first observations as a jump); and
 * held observations are also let through once the watermark passes the oldest of them (the
 * partition's lines, which confirm jumps by the same rule, have moved on to their time, and a held
 * observation released later would only arrive late), except at the end of a bounded read, where the
 * decoder is finished first and what is still held then passes, as analyze finishes an input.
 *
 * <p>At the end of a bounded input (the final watermark) each decoder is finished, as
 * {@link AisStreamDecoder#finish()} does in process.
 */
public final class FramingFunction extends KeyedProcessFunction<String, RawLine, Observation> {
    private static final long serialVersionUID = 1L;

    /** Observations dropped because their time strayed from their source's (see the class comment). */
    public static final OutputTag<Observation> STRAY = new OutputTag<>("stray-time", TypeInformation.of(Observation.class));
    /** The metric counting them. */
    public static final String STRAY_METRIC = "rejected.stray_time";
    /**
     * Every line the decoder rejected, with its reason: one per count of the {@code rejectedLines}
     * metric (a rejection while the decoder is rebuilt after a restore is neither counted nor sent
     * again, as its line's output is not).
     */
    public static final OutputTag<RejectedLine> REJECTED = new OutputTag<>("rejected-lines",
            TypeInformation.of(RejectedLine.class));

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
    private transient Counter strays;
    /** The lines read and messages decoded, for the line a bounded run ends with ({@link WatchkeeperJob#summary}). */
    private transient org.apache.flink.api.common.accumulators.LongCounter readLines;
    private transient org.apache.flink.api.common.accumulators.LongCounter decodedMessages;
    /** The stray-time rule's memory of the source ({@link StrayTimeRule#state()}). */
    private transient ValueState<long[]> strayRule;
    /** The source's observations held by the rule, in order. */
    private transient ListState<Observation> strayHeld;
    /** The source's newest time of its own (not an archive's stamp); absent before the first. */
    private transient ValueState<Long> ownTime;
    /**
     * The source's GNSS clock ({@link GnssClock#state()}) as it was before the first line of
     * {@link #replay}: restored, then the replayed lines bring it to where it was. Absent before the
     * source's first GNSS time sentence.
     */
    private transient ValueState<long[]> gnssState;
    /**
     * The source's lines from the one that ended its first message without any time (and the lines of that
     * message's other fragments) while such messages wait for the source's first time: decoded again after a
     * restore, they give the waiting messages back.
     */
    private transient ListState<String> leadingLines;
    /** Messages dropped for want of any time: at the end of the input, or beyond the {@link NmeaInput#MAX_LEADING} waiting. */
    private transient Counter untimed;
    /** The metric counting them. */
    public static final String UNTIMED_METRIC = "rejected.untimed";

    /** One source's decoder and where its output goes. */
    private final class Host implements AisListener {
        final AisStreamDecoder decoder = new AisStreamDecoder(options, this);
        /** The source's receiver GNSS clock, its decoder's receive clock, as analyze and the server time a source. */
        final GnssClock gnss = new GnssClock(decoder);
        /** {@link GnssClock#sentences()} when {@link #gnssState} was last written. */
        long savedSentences;
        /** Messages without any time, before the source's first time, waiting for it (as analyze holds them). */
        final List<ReceivedMessage> leading = new ArrayList<>();
        /** Per source, so that each feed's receive times are judged on their own ({@link ObservationMapper#forStream()}). */
        final ObservationMapper mapper = ObservationMapper.forStream();
        /** Observations decoded from the line being fed, to be judged for stray times. */
        final List<Observation> decoded = new ArrayList<>(2);
        /** Lines rejected while the line was fed, to go to {@link #REJECTED}. */
        final List<Rejection> rejections = new ArrayList<>(1);
        /** The source key. */
        final String source;

        Host(String source) {
            this.source = source;
        }
        boolean muted;
        boolean armed;
        /** The earliest waiting time a timer was last set for (after a restore the restored timers stand). */
        long waitingTimer = Long.MIN_VALUE;

        @Override
        public void message(ReceivedMessage m) {
            if (!muted) {
                messages.inc();
                decodedMessages.add(1L);
                decoded.addAll(observations(m));
            }
        }

        /** The message's observations, at its time of its own, else as analyze times it (see the class comment). */
        private List<Observation> observations(ReceivedMessage m) {
            try {
                TimeSource ts = m.timeSource();
                if (ts == TimeSource.ARCHIVE || ts == TimeSource.NONE) {
                    Long own = ownTime.value();
                    if (own != null) {
                        return mapper.mapAt(m, own);
                    }
                    if (ts == TimeSource.NONE) {
                        if (leading.size() < NmeaInput.MAX_LEADING) {
                            leading.add(m); // until the source's first time
                        } else {
                            untimed.inc();
                        }
                        return List.of();
                    }
                } else if (m.receiveTimeMillis() != Long.MIN_VALUE) {
                    long t = m.receiveTimeMillis();
                    ownTime.update(t); // tag block, $PGHP, trailer or the GNSS clock
                    for (ReceivedMessage w : leading) {
                        decoded.addAll(mapper.mapAt(w, t));
                    }
                    leading.clear();
                }
                return mapper.map(m);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void rejected(Rejection r) {
            if (!muted) {
                rejected.inc();
                rejections.add(r);
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
        strays = getRuntimeContext().getMetricGroup().counter(STRAY_METRIC);
        readLines = getRuntimeContext().getLongCounter(WatchkeeperJob.READ_LINES);
        decodedMessages = getRuntimeContext().getLongCounter(WatchkeeperJob.DECODED_MESSAGES);
        strayRule = getRuntimeContext().getState(new ValueStateDescriptor<>("strayRule",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        strayHeld = getRuntimeContext().getListState(new ListStateDescriptor<>("strayHeld", TypeInformation.of(Observation.class)));
        ownTime = getRuntimeContext().getState(new ValueStateDescriptor<>("ownTime", Types.LONG));
        gnssState = getRuntimeContext().getState(new ValueStateDescriptor<>("gnssClock",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        untimed = getRuntimeContext().getMetricGroup().counter(UNTIMED_METRIC);
        leadingLines = getRuntimeContext().getListState(new ListStateDescriptor<>("leadingLines", Types.STRING));
    }

    @Override
    public void processElement(RawLine in, Context ctx, Collector<Observation> out) throws Exception {
        readLines.add(1L);
        Host h = host(ctx.getCurrentKey());
        Integer n = replayCount.value();
        int count = n == null ? 0 : n;
        long[] clockBefore = count >= maxReplayLines ? h.gnss.state() : null;
        int waitingBefore = h.leading.size();
        h.line(in.line());
        judge(h, ctx, out);
        if (!h.leading.isEmpty()) {
            if (waitingBefore == 0) {
                // the first message to wait for a time: its other fragments' lines are in the replay
                List<String> kept = new ArrayList<>();
                Iterable<String> before = replay.get();
                if (before != null) {
                    before.forEach(kept::add);
                }
                kept.add(in.line());
                leadingLines.update(kept);
            } else if (h.leading.size() > waitingBefore || h.leading.size() < NmeaInput.MAX_LEADING) {
                leadingLines.add(in.line());
            }
        } else if (waitingBefore > 0) {
            leadingLines.clear(); // they have their time
        }
        if (h.idle()) {
            if (count > 0) {
                replay.clear();
                replayCount.clear();
            }
            saveClock(h, null);
        } else if (count >= maxReplayLines) {
            replay.update(java.util.List.of(in.line()));
            replayCount.update(1);
            saveClock(h, clockBefore); // the replay now starts at this line
        } else {
            replay.add(in.line());
            replayCount.update(count + 1);
        }
        long waiting = h.decoder.earliestWaitingTime();
        if (waiting != h.waitingTimer && waiting != Long.MIN_VALUE && waiting != Long.MAX_VALUE) {
            // once per waiting time, not once per line while it waits
            ctx.timerService().registerEventTimeTimer(waiting); // see releaseWaitingOnWatermark
            h.waitingTimer = waiting;
        }
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out) throws Exception {
        if (timestamp != Long.MAX_VALUE) {
            // a held observation's or a waiting message's time: the watermark has passed it
            if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
                releaseWaitingOnWatermark(timestamp, ctx, out);
                releaseOnWatermark(timestamp, ctx, out);
            }
            return; // at the end of a bounded read, what is held passes after the decoder's last output
        }
        Host h = host(ctx.getCurrentKey());
        h.decoder.finish();
        h.armed = false;
        judge(h, ctx, out);
        if (!h.leading.isEmpty()) {
            untimed.inc(h.leading.size()); // the source never had a time
            h.leading.clear();
            leadingLines.clear();
        }
        replay.clear();
        replayCount.clear();
        long[] st = strayRule.value();
        if (st != null) {
            StrayTimeRule rule = rule(st);
            if (rule.release() > 0) {
                passHeld(ctx, out);
            }
            strayRule.update(rule.state());
        }
    }

    /** The source's stray-time rule from its memory (null: the source's first observation is to come). */
    private static StrayTimeRule rule(long[] state) {
        return state == null ? StrayTimeRule.forLiveFeed()
                : StrayTimeRule.resume(StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS, StrayTimeFilter.DEFAULT_CONFIRMATIONS, false,
                        state);
    }

    /**
     * Sends the lines rejected since the last call to {@link #REJECTED}, then judges the observations just
     * decoded for the current source: passed on, held, or dropped as strays.
     */
    private void judge(Host h, Context ctx, Collector<Observation> out) throws Exception {
        if (!h.rejections.isEmpty()) {
            for (Rejection r : h.rejections) {
                ctx.output(REJECTED, RejectedLine.of(h.source, r));
            }
            h.rejections.clear();
        }
        if (h.decoded.isEmpty()) {
            return;
        }
        StrayTimeRule rule = rule(strayRule.value());
        for (Observation o : h.decoded) {
            StrayTimeRule.Step step = rule.offer(o.time());
            if (step.dropsHeld()) {
                for (Observation s : strayHeld.get()) {
                    strays.inc();
                    ctx.output(STRAY, s);
                    if (s.time() != Long.MAX_VALUE) {
                        ctx.timerService().deleteEventTimeTimer(s.time());
                    }
                }
                strayHeld.clear();
            } else if (step.releasesHeld()) {
                passHeld(ctx, out);
            }
            if (step.passes()) {
                out.collect(o);
            } else {
                strayHeld.add(o);
                if (o.time() != Long.MAX_VALUE) {
                    ctx.timerService().registerEventTimeTimer(o.time()); // see releaseOnWatermark
                }
                if (step.confirms()) {
                    passHeld(ctx, out);
                }
            }
        }
        h.decoded.clear();
        strayRule.update(rule.state());
    }

    /** Passes the held observations on, in order, and forgets them. */
    private void passHeld(Context ctx, Collector<Observation> out) throws Exception {
        for (Observation o : strayHeld.get()) {
            if (o.time() != Long.MAX_VALUE) {
                ctx.timerService().deleteEventTimeTimer(o.time());
            }
            out.collect(o);
        }
        strayHeld.clear();
    }

    /**
     * The watermark reached {@code timestamp}: if the oldest held observation is that old, the
     * partition has moved on to the jump's times, and the held observations pass (later they would
     * only be late).
     */
    private void releaseOnWatermark(long timestamp, Context ctx, Collector<Observation> out) throws Exception {
        long[] st = strayRule.value();
        if (st == null) {
            return;
        }
        StrayTimeRule rule = rule(st);
        if (rule.held() == 0) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (Observation o : strayHeld.get()) {
            oldest = Math.min(oldest, o.time());
        }
        if (oldest <= timestamp) {
            rule.release();
            passHeld(ctx, out);
            strayRule.update(rule.state());
        }
    }

    /**
     * The watermark reached {@code timestamp}: if the source's decoder holds a message waiting for a
     * {@code $PGHP} time that old, its waiting messages go out now. The watermark comes from the
     * partition's lines, and the partition carries other sources: a source sparse in it may not see
     * its next line until the others have moved the watermark well past the waiting message, which
     * would then arrive downstream behind it, late, and be lost.
     */
    private void releaseWaitingOnWatermark(long timestamp, Context ctx, Collector<Observation> out) throws Exception {
        Host h = host(ctx.getCurrentKey());
        if (h.waitingTimer <= timestamp) {
            h.waitingTimer = Long.MIN_VALUE; // fired: a later wait at that same time needs a timer again
        }
        long waiting = h.decoder.earliestWaitingTime();
        if (waiting == Long.MIN_VALUE || waiting > timestamp) {
            return;
        }
        h.decoder.releaseWaitingMessages();
        judge(h, ctx, out);
        if (h.idle()) {
            // what was replayed to rebuild the decoder has gone out: a restore must not send it twice
            replay.clear();
            replayCount.clear();
            saveClock(h, null);
        }
    }

    /** The decoder of a source; after a restore, rebuilt by replaying the kept lines muted. */
    private Host host(String source) throws Exception {
        Host h = hosts.get(source);
        if (h == null) {
            h = new Host(source);
            hosts.put(source, h);
            long[] clock = gnssState.value();
            if (clock != null) {
                h.gnss.restore(clock); // as it was before the replayed lines
                h.savedSentences = h.gnss.sentences();
            }
            Iterable<String> waiting = leadingLines.get();
            if (waiting != null && waiting.iterator().hasNext()) {
                Host w = h;
                AisStreamDecoder again = new AisStreamDecoder(options, new AisListener() {
                    @Override
                    public void message(ReceivedMessage m) {
                        if (m.timeSource() == TimeSource.NONE) {
                            w.leading.add(m);
                        }
                    }

                    @Override
                    public void rejected(Rejection r) {
                    }
                });
                for (String l : waiting) {
                    byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
                    again.line(b, 0, b.length);
                }
            }
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
     * Keeps the source's GNSS clock as it is when {@link #replay} starts: {@code before} (the clock before
     * the line the replay now starts with), or, when null, the clock now (the replay is empty), written
     * only when a GNSS sentence has moved it since it was last kept.
     */
    private void saveClock(Host h, long[] before) throws Exception {
        if (before != null) {
            gnssState.update(before);
            h.savedSentences = before[3];
        } else if (h.gnss.sentences() != h.savedSentences) {
            gnssState.update(h.gnss.state());
            h.savedSentences = h.gnss.sentences();
        }
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
