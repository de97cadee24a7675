package org.watchkeeper.core.pipeline;

/**
 * The stray-time rule of {@link StrayTimeFilter} on times alone, for a caller that keeps the held
 * items itself (in its own state, as a stream processor's keyed state) or only needs the frontier
 * (an event-time watermark that a stray time must not move on).
 *
 * <p>Feed it the input's times in order with {@link #offer}: each answer ({@link Step}) says what to
 * do with the items held so far (nothing, let them pass in their order, or drop them as strays) and
 * then with the newcomer (pass it, or hold it; a held newcomer may complete the confirmations, and
 * then everything held passes, the newcomer last). The rule itself keeps only a few numbers: the
 * frontier (the newest time passed on), the first time of the jump being held, how many are held and
 * the newest of them, and the strays counted; {@link #state()} and {@link #resume} carry them over a
 * checkpoint. See {@link StrayTimeFilter} for the rule, its defaults and why.
 *
 * <p>Deterministic (the answers depend on the times' order only), bounded (at most
 * {@code confirmations} held), not thread safe.
 */
public final class StrayTimeRule {
    /**
     * What to do on one {@link #offer}: first with the items held before it ({@link #releasesHeld()}:
     * they pass in their order; {@link #dropsHeld()}: they are strays), then with the newcomer
     * ({@link #passes()}, or held, after which {@link #confirms()} says that everything held, the
     * newcomer included, passes in order).
     */
    public enum Step {
        /** The newcomer passes; nothing was held. */
        PASS(false, false, true, false),
        /** The newcomer is held (it starts or joins a jump). */
        HOLD(false, false, false, false),
        /** The newcomer is held and completes the confirmations: everything held passes, in order. */
        CONFIRM(false, false, false, true),
        /** The input moved on beyond the jump: the held ones pass, in order, then the newcomer passes. */
        RELEASE_PASS(true, false, true, false),
        /** The held ones pass, in order; the newcomer starts a new jump and is held. */
        RELEASE_HOLD(true, false, false, false),
        /** The input went back to its old times: the held ones are strays; the newcomer passes. */
        DROP_PASS(false, true, true, false),
        /** The held ones are strays; the newcomer starts a new jump and is held. */
        DROP_HOLD(false, true, false, false);

        private final boolean release;
        private final boolean drop;
        private final boolean pass;
        private final boolean confirm;

        Step(boolean release, boolean drop, boolean pass, boolean confirm) {
            this.release = release;
            this.drop = drop;
            this.pass = pass;
            this.confirm = confirm;
        }

        /** Whether the items held before the newcomer pass, in their order, before anything else. */
        public boolean releasesHeld() {
            return release;
        }

        /** Whether the items held before the newcomer are strays (dropped) before anything else. */
        public boolean dropsHeld() {
            return drop;
        }

        /** Whether the newcomer passes at once (else it is held). */
        public boolean passes() {
            return pass;
        }

        /** Whether the newcomer, once held, completes the confirmations: everything held passes, in order. */
        public boolean confirms() {
            return confirm;
        }
    }

    private final long maxJumpMillis;
    private final int confirmations;
    /** Whether the first times wait as a jump (false: the first sets the frontier). */
    private final boolean holdStart;
    private long frontier = Long.MIN_VALUE;
    private long jumpStart;
    private int heldCount;
    private long heldMax = Long.MIN_VALUE;
    private long strays;

    /** The rule with {@link StrayTimeFilter}'s defaults, the input's first times held as a jump (as analyze's inputs). */
    public StrayTimeRule() {
        this(StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS, StrayTimeFilter.DEFAULT_CONFIRMATIONS, true);
    }

    /** The rule with the defaults for a live feed: the first time sets the frontier at once. */
    public static StrayTimeRule forLiveFeed() {
        return new StrayTimeRule(StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS, StrayTimeFilter.DEFAULT_CONFIRMATIONS, false);
    }

    /**
     * @param maxJumpMillis how far ahead of the frontier a time passes at once, ms (&gt; 0)
     * @param confirmations times a jump needs to pass (&ge; 1; 1 passes every jump)
     * @param holdStart whether the first times form a jump (true) or the first sets the frontier (false)
     * @throws IllegalArgumentException for a jump or a count out of range
     */
    public StrayTimeRule(long maxJumpMillis, int confirmations, boolean holdStart) {
        if (maxJumpMillis <= 0 || confirmations < 1) {
            throw new IllegalArgumentException("maxJumpMillis must be positive and confirmations at least 1");
        }
        this.maxJumpMillis = maxJumpMillis;
        this.confirmations = confirmations;
        this.holdStart = holdStart;
    }

    /** The step for the input's next time. */
    public Step offer(long t) {
        int before = 0; // 0 nothing, 1 released, 2 dropped
        if (heldCount > 0) {
            if (t - jumpStart > maxJumpMillis) {
                releaseHeld(); // the input moved on even further: the jump was its way forward
                before = 1;
            } else if (jumpStart - t <= maxJumpMillis) {
                return hold(t); // fits the jump
            } else {
                strays += heldCount; // the input went back to its old times: the jump strayed
                heldCount = 0;
                heldMax = Long.MIN_VALUE;
                before = 2;
            }
        }
        if (frontier == Long.MIN_VALUE && !holdStart) {
            frontier = t;
        }
        if (frontier != Long.MIN_VALUE && t - frontier <= maxJumpMillis) {
            if (t > frontier) {
                frontier = t;
            }
            return before == 0 ? Step.PASS : before == 1 ? Step.RELEASE_PASS : Step.DROP_PASS;
        }
        jumpStart = t;
        Step s = hold(t);
        if (s == Step.CONFIRM) {
            // one confirmation: the jump passes at once, as if it had passed
            return before == 0 ? Step.PASS : before == 1 ? Step.RELEASE_PASS : Step.DROP_PASS;
        }
        return before == 0 ? Step.HOLD : before == 1 ? Step.RELEASE_HOLD : Step.DROP_HOLD;
    }

    private Step hold(long t) {
        heldCount++;
        heldMax = Math.max(heldMax, t);
        if (heldCount == confirmations) {
            releaseHeld();
            return Step.CONFIRM;
        }
        return Step.HOLD;
    }

    private void releaseHeld() {
        if (heldCount > 0) {
            frontier = Math.max(frontier, heldMax);
        }
        heldCount = 0;
        heldMax = Long.MIN_VALUE;
    }

    /**
     * Lets what is held pass (the input ended, or something outside the input showed it moved on:
     * nothing contradicts the jump): the caller passes its held items in their order.
     *
     * @return how many were held
     */
    public int release() {
        int n = heldCount;
        releaseHeld();
        return n;
    }

    /**
     * Drops what is held as strays (counted in {@link #strays()}; the frontier stays): for a caller that
     * knows from outside the input that the jump cannot be real, such as times later than the moment the
     * input was received. The caller drops its held items.
     *
     * @return how many were held
     */
    public int drop() {
        int n = heldCount;
        strays += n;
        heldCount = 0;
        heldMax = Long.MIN_VALUE;
        return n;
    }

    /** The newest time passed on, {@link Long#MIN_VALUE} before any. */
    public long frontier() {
        return frontier;
    }

    /** Times held, waiting for the jump's confirmations (at most {@code confirmations - 1}). */
    public int held() {
        return heldCount;
    }

    /** The first time of the jump being held (meaningful when {@link #held()} &gt; 0). */
    public long jumpStart() {
        return jumpStart;
    }

    /** Times dropped as strays so far. */
    public long strays() {
        return strays;
    }

    /** The rule's memory: frontier, jump start, held count, newest held time, strays (see {@link #resume}). */
    public long[] state() {
        return new long[] {frontier, jumpStart, heldCount, heldMax, strays};
    }

    /**
     * A rule with the given settings in the memory {@link #state()} gave.
     *
     * @throws IllegalArgumentException for a memory of the wrong shape or holding more than the confirmations allow
     */
    public static StrayTimeRule resume(long maxJumpMillis, int confirmations, boolean holdStart, long[] state) {
        StrayTimeRule r = new StrayTimeRule(maxJumpMillis, confirmations, holdStart);
        if (state == null || state.length != 5 || state[2] < 0 || state[2] >= confirmations) {
            throw new IllegalArgumentException("not a stray-time rule's state for these settings");
        }
        r.frontier = state[0];
        r.jumpStart = state[1];
        r.heldCount = (int) state[2];
        r.heldMax = state[3];
        r.strays = state[4];
        return r;
    }
}
