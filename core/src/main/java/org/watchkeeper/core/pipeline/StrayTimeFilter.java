package org.watchkeeper.core.pipeline;

import java.util.Objects;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;

/**
 * Drops observations whose event time strays far from the times of the observations around them in
 * one input, before anything orders the stream by time: one line stamped a year ahead (a receiver
 * whose clock jumped, a relayed static message carrying another station's tag-block time) would
 * otherwise move the watermark of {@link EventTimeOrder} a year on, and every later observation of
 * the input would come too late for the reorder window and the detectors.
 *
 * <p>The rule. The <em>frontier</em> is the newest time passed on. An observation at most
 * {@code maxJumpMillis} after the frontier passes at once (observations older than the frontier pass
 * too: putting them back in order, or dropping them as late, is the next stage's job). One further
 * ahead starts a <em>jump</em>: it is held, with the observations that follow it as long as each lies
 * within {@code maxJumpMillis} of the jump's first time. The jump is real, and the held observations
 * pass in their order (the frontier moving to the newest), when {@code confirmations} of them are held
 * (a log resuming after an outage, the next day of a daily file) or when an observation comes more than
 * {@code maxJumpMillis} after the jump's first time (a sparse input moving on: a vessel reported once
 * every few hours); the newcomer is then judged against the new frontier. When an observation comes more
 * than {@code maxJumpMillis} before the jump's first time, the input went back to its old times: the
 * held ones were strays, they are dropped and counted ({@link #strays()}), and the newcomer is judged
 * against the frontier. Before the first observation passes there is no frontier, so the input's first
 * observations form a jump too: a stray first line a year ahead cannot set the frontier.
 * {@link #finish()} passes what is still held: nothing came to contradict it.
 *
 * <p>So the order of what passes is the input's order, an observation is held only while a jump waits
 * for its confirmations, and a jump shorter than the confirmations followed by observations in the
 * input's old times is dropped whole; an observation far behind the frontier is not this filter's
 * concern (it passes, to be put back in order or counted late). The defaults: {@link #DEFAULT_MAX_JUMP_MILLIS} (3 h: the
 * satellite logs deliver reports up to about two hours out of order, see
 * {@link org.watchkeeper.core.observation.ReportTime#UNCERTAIN_INTERVAL_MILLIS}, so their honest
 * times never lead the frontier by more) and {@link #DEFAULT_CONFIRMATIONS} (8). Deterministic: the
 * result depends on the input's order only. Bounded: at most {@code confirmations} observations held.
 * Not thread safe. The rule on times alone, for a caller that keeps the held observations itself (the
 * Flink job's keyed state) or only needs the frontier (its watermarks), is {@link StrayTimeRule}; this
 * filter holds the observations and follows that rule's steps.
 */
public final class StrayTimeFilter implements Consumer<Observation> {
    /** How far ahead of the frontier an observation may be and pass at once by default, 3 h. */
    public static final long DEFAULT_MAX_JUMP_MILLIS = 3 * 3_600_000L;
    /** Observations that confirm a jump by default, 8. */
    public static final int DEFAULT_CONFIRMATIONS = 8;

    private final Consumer<? super Observation> sink;
    private final Consumer<? super Observation> onStray;
    private final StrayTimeRule rule;
    private final Observation[] held;
    private int heldCount;

    /** A filter with the defaults. */
    public StrayTimeFilter(Consumer<? super Observation> sink) {
        this(sink, DEFAULT_MAX_JUMP_MILLIS, DEFAULT_CONFIRMATIONS);
    }

    /** A filter with the defaults that also gives each stray to {@code onStray} (to count or show it; null: none). */
    public StrayTimeFilter(Consumer<? super Observation> sink, Consumer<? super Observation> onStray) {
        this(sink, DEFAULT_MAX_JUMP_MILLIS, DEFAULT_CONFIRMATIONS, true, onStray);
    }

    /**
     * A filter with the defaults for a live feed: its first observation sets the frontier at once
     * (a live feed's times are those of its receivers now, and a quiet feed's first reports should not
     * wait for seven more), so only a stray first line is let through; a jump waits for the feed's
     * next observations; each stray is also given to {@code onStray} (to count it).
     */
    public static StrayTimeFilter forLiveFeed(Consumer<? super Observation> sink, Consumer<? super Observation> onStray) {
        return new StrayTimeFilter(sink, DEFAULT_MAX_JUMP_MILLIS, DEFAULT_CONFIRMATIONS, false, onStray);
    }

    /**
     * @param sink receives the observations that pass, in the input's order
     * @param maxJumpMillis how far ahead of the frontier an observation passes at once, ms (&gt; 0)
     * @param confirmations observations a jump needs to pass (&ge; 1; 1 passes every jump)
     * @throws IllegalArgumentException for a jump or a count out of range
     */
    public StrayTimeFilter(Consumer<? super Observation> sink, long maxJumpMillis, int confirmations) {
        this(sink, maxJumpMillis, confirmations, true, null);
    }

    private StrayTimeFilter(Consumer<? super Observation> sink, long maxJumpMillis, int confirmations, boolean holdStart,
                            Consumer<? super Observation> onStray) {
        if (maxJumpMillis <= 0 || confirmations < 1) {
            throw new IllegalArgumentException("maxJumpMillis must be positive and confirmations at least 1");
        }
        this.rule = new StrayTimeRule(maxJumpMillis, confirmations, holdStart);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.onStray = onStray;
        this.held = new Observation[confirmations];
    }

    @Override
    public void accept(Observation o) {
        StrayTimeRule.Step step = rule.offer(o.time());
        if (step.dropsHeld()) {
            dropItems();
        } else if (step.releasesHeld()) {
            passHeld();
        }
        if (step.passes()) {
            sink.accept(o);
            return;
        }
        held[heldCount++] = o;
        if (step.confirms()) {
            passHeld();
        }
    }

    private void passHeld() {
        for (int i = 0; i < heldCount; i++) {
            Observation o = held[i];
            held[i] = null;
            sink.accept(o);
        }
        heldCount = 0;
    }

    /**
     * Passes what is held now, in its order, as a confirmed jump (the frontier moves to the newest of them):
     * for a caller that knows from outside the input that the jump is real, such as a live feed whose
     * held times agree with the clock it was received by. The filter goes on as before; nothing when
     * nothing is held.
     */
    public void releaseHeld() {
        rule.release();
        passHeld();
    }

    /**
     * Drops what is held now as strays, in its order (each to {@code onStray}, counted in {@link #strays()};
     * the frontier stays where it is): for a caller that knows from outside the input that the jump cannot
     * be real, such as held times later than the moment the input was received. The filter goes on as
     * before; nothing when nothing is held.
     */
    public void dropHeld() {
        rule.drop();
        dropItems();
    }

    /** Gives each held observation to {@code onStray}, in order, and forgets them. */
    private void dropItems() {
        for (int i = 0; i < heldCount; i++) {
            if (onStray != null) {
                onStray.accept(held[i]);
            }
            held[i] = null;
        }
        heldCount = 0;
    }

    /** Passes what is still held (the input ended: nothing contradicts it). */
    public void finish() {
        rule.release();
        passHeld();
    }

    /** Observations held now, waiting for a jump's confirmations (at most the confirmations less one). */
    public int held() {
        return heldCount;
    }

    /**
     * The event time of the first observation held now (the jump's first time), epoch ms, or
     * {@link Long#MIN_VALUE} when none is held.
     */
    public long heldSince() {
        return heldCount == 0 ? Long.MIN_VALUE : held[0].time();
    }

    /** Observations dropped as strays so far. */
    public long strays() {
        return rule.strays();
    }
}
