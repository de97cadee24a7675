package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.StrayTimeRule.Step;

class StrayTimeRuleTest {
    static final long T0 = StrayTimeFilterTest.T0;
    static final long S = 1_000;
    static final long H = 3_600_000;
    static final long YEAR = 365 * 24 * H;

    @Test
    void aTimeAYearAheadIsHeldThenDroppedWhenTheInputGoesBack() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        assertThat(r.offer(T0)).isEqualTo(Step.PASS);
        assertThat(r.offer(T0 + 10 * S)).isEqualTo(Step.PASS);
        assertThat(r.offer(T0 + YEAR)).isEqualTo(Step.HOLD);
        assertThat(r.held()).isEqualTo(1);
        assertThat(r.jumpStart()).isEqualTo(T0 + YEAR);
        assertThat(r.frontier()).isEqualTo(T0 + 10 * S); // the held time did not move the frontier
        assertThat(r.offer(T0 + 20 * S)).isEqualTo(Step.DROP_PASS);
        assertThat(r.strays()).isEqualTo(1);
        assertThat(r.held()).isZero();
        assertThat(r.frontier()).isEqualTo(T0 + 20 * S);
    }

    @Test
    void aJumpIsConfirmedByItsEighthTime() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        r.offer(T0);
        for (int i = 0; i < 7; i++) {
            assertThat(r.offer(T0 + 7 * H + i * S)).isEqualTo(Step.HOLD);
            assertThat(r.frontier()).isEqualTo(T0);
        }
        assertThat(r.offer(T0 + 7 * H + 7 * S)).isEqualTo(Step.CONFIRM);
        assertThat(r.frontier()).isEqualTo(T0 + 7 * H + 7 * S);
        assertThat(r.held()).isZero();
        assertThat(r.strays()).isZero();
    }

    @Test
    void theInputMovingOnBeyondTheJumpReleasesIt() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        r.offer(T0);
        assertThat(r.offer(T0 + 5 * H)).isEqualTo(Step.HOLD);
        assertThat(r.offer(T0 + 10 * H)).isEqualTo(Step.RELEASE_HOLD); // 5 h beyond the jump: a jump again
        assertThat(r.frontier()).isEqualTo(T0 + 5 * H);
        assertThat(r.offer(T0 + 12 * H)).isEqualTo(Step.HOLD); // within 3 h of the jump's first time
        // 4 h beyond the jump's first time, 2 h beyond its newest: the jump passes, then this one
        assertThat(r.offer(T0 + 14 * H)).isEqualTo(Step.RELEASE_PASS);
        assertThat(r.frontier()).isEqualTo(T0 + 14 * H);
    }

    @Test
    void aStrayJumpFollowedByAnotherJumpIsDroppedAndTheNewOneHeld() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        r.offer(T0 + 10 * H);
        assertThat(r.offer(T0 + YEAR)).isEqualTo(Step.HOLD);
        // back before the frontier by more than the jump: old times pass, the stray goes
        assertThat(r.offer(T0)).isEqualTo(Step.DROP_PASS);
        assertThat(r.offer(T0 + YEAR)).isEqualTo(Step.HOLD);
        // back again, but 10 h ahead of the frontier: the stray goes and a new jump starts
        assertThat(r.offer(T0 + 20 * H)).isEqualTo(Step.DROP_HOLD);
        assertThat(r.jumpStart()).isEqualTo(T0 + 20 * H);
        assertThat(r.strays()).isEqualTo(2);
    }

    @Test
    void withoutALiveFeedTheFirstTimesWaitAsAJump() {
        StrayTimeRule r = new StrayTimeRule();
        assertThat(r.offer(T0 + YEAR)).isEqualTo(Step.HOLD);
        assertThat(r.frontier()).isEqualTo(Long.MIN_VALUE);
        assertThat(r.offer(T0)).isEqualTo(Step.DROP_HOLD); // the stray start dropped; T0 starts the input's jump
        assertThat(r.strays()).isEqualTo(1);
        for (int i = 1; i < 7; i++) {
            assertThat(r.offer(T0 + i * S)).isEqualTo(Step.HOLD);
        }
        assertThat(r.offer(T0 + 7 * S)).isEqualTo(Step.CONFIRM);
        assertThat(r.frontier()).isEqualTo(T0 + 7 * S);
        assertThat(r.offer(T0 + 8 * S)).isEqualTo(Step.PASS);
    }

    @Test
    void releaseLetsTheHeldPass() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        r.offer(T0);
        r.offer(T0 + YEAR);
        r.offer(T0 + YEAR + S);
        assertThat(r.release()).isEqualTo(2);
        assertThat(r.frontier()).isEqualTo(T0 + YEAR + S);
        assertThat(r.held()).isZero();
        assertThat(r.release()).isZero();
    }

    @Test
    void dropCountsTheHeldAsStraysAndKeepsTheFrontier() {
        StrayTimeRule r = StrayTimeRule.forLiveFeed();
        r.offer(T0);
        r.offer(T0 + YEAR);
        r.offer(T0 + YEAR + S);
        assertThat(r.drop()).isEqualTo(2);
        assertThat(r.strays()).isEqualTo(2);
        assertThat(r.frontier()).isEqualTo(T0);
        assertThat(r.held()).isZero();
        assertThat(r.drop()).isZero();
        // the frontier is the old one: the next time beside it passes, and another year ahead is held again
        assertThat(r.offer(T0 + 10 * S)).isEqualTo(Step.PASS);
        assertThat(r.offer(T0 + YEAR + 2 * S)).isEqualTo(Step.HOLD);
    }

    @Test
    void oneConfirmationPassesEveryJumpAtOnce() {
        StrayTimeRule r = new StrayTimeRule(H, 1, true);
        assertThat(r.offer(T0 + YEAR)).isEqualTo(Step.PASS);
        assertThat(r.offer(T0)).isEqualTo(Step.PASS);
        assertThat(r.offer(T0 + 2 * YEAR)).isEqualTo(Step.PASS);
        assertThat(r.frontier()).isEqualTo(T0 + 2 * YEAR);
    }

    @Test
    void stateResumesTheSameRule() {
        Random random = new Random(7);
        long[] times = randomTimes(random, 500);
        StrayTimeRule whole = StrayTimeRule.forLiveFeed();
        StrayTimeRule cut = StrayTimeRule.forLiveFeed();
        for (int i = 0; i < times.length; i++) {
            if (i % 37 == 0) {
                cut = StrayTimeRule.resume(StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS, StrayTimeFilter.DEFAULT_CONFIRMATIONS,
                        false, cut.state());
            }
            assertThat(cut.offer(times[i])).as("time %d", i).isEqualTo(whole.offer(times[i]));
        }
        assertThat(cut.state()).containsExactly(whole.state());
        assertThat(whole.strays()).isPositive();
    }

    @Test
    void settingsAndStateAreChecked() {
        assertThatThrownBy(() -> new StrayTimeRule(0, 8, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StrayTimeRule(H, 0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrayTimeRule.resume(H, 8, true, new long[] {0, 0, 8, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrayTimeRule.resume(H, 8, true, new long[3])).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Random inputs with jumps ahead and back, short and long, strays alone and in bursts, a sparse
     * stretch, and a few times far behind: the filter built on the rule passes and drops exactly what
     * the filter's own code did before the rule was pulled out of it ({@link PreviousFilter}), in the
     * same order, for both forms (held start, live feed) and a few settings.
     */
    @Test
    void theFilterOnTheRuleDoesWhatItsPreviousCodeDid() {
        Random random = new Random(20_260_503L);
        long[][] settings = {{StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS, StrayTimeFilter.DEFAULT_CONFIRMATIONS},
                {H, 3}, {H, 1}, {10 * 60 * S, 2}};
        int sequences = 0;
        long strays = 0;
        long held = 0;
        for (int n = 0; n < 2_000; n++) {
            long[] times = randomTimes(random, 20 + random.nextInt(300));
            boolean live = n % 5 == 4; // the live form has the defaults only
            long[] setting = live ? settings[0] : settings[n % 5];
            List<Long> want = new ArrayList<>();
            List<Long> wantStrays = new ArrayList<>();
            PreviousFilter previous = new PreviousFilter(o -> want.add(o.time()), o -> wantStrays.add(o.time()),
                    setting[0], (int) setting[1], !live);
            List<Long> got = new ArrayList<>();
            List<Long> gotStrays = new ArrayList<>();
            StrayTimeFilter filter = live
                    ? StrayTimeFilter.forLiveFeed(o -> got.add(o.time()), o -> gotStrays.add(o.time()))
                    : new StrayTimeFilter(o -> got.add(o.time()), setting[0], (int) setting[1]);
            for (int i = 0; i < times.length; i++) {
                Observation o = EventTimeOrderTest.at(times[i], "s");
                previous.accept(o);
                filter.accept(o);
                assertThat(got).as("sequence %d after %d", n, i).hasSameSizeAs(want);
                held += i + 1 - got.size() - filter.strays();
            }
            previous.finish();
            filter.finish();
            assertThat(got).as("sequence %d", n).containsExactlyElementsOf(want);
            assertThat(filter.strays()).as("sequence %d", n).isEqualTo(previous.strays);
            if (live) {
                assertThat(gotStrays).containsExactlyElementsOf(wantStrays);
            }
            strays += filter.strays();
            sequences++;
        }
        // the sequences do exercise the rule: strays dropped and jumps held
        assertThat(sequences).isEqualTo(2_000);
        assertThat(strays).isGreaterThan(1_000);
        assertThat(held).isGreaterThan(1_000);
    }

    /** An input's times: steady steps with jumps ahead (kept or abandoned), strays, sparse stretches, old times. */
    static long[] randomTimes(Random random, int n) {
        long[] t = new long[n];
        long now = T0 + random.nextInt(1_000) * S;
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(100);
            if (k < 6) {
                t[i] = now + (long) (random.nextDouble() * 2 * YEAR) - YEAR / 2; // a stray a long way off either side
            } else if (k < 9) {
                now += 3 * H + random.nextInt(6) * H - H / 2; // a jump around the 3 h limit, kept
                t[i] = now;
            } else if (k < 11) {
                // a burst ahead of a few times, then back
                long ahead = now + 3 * H + random.nextInt(10 * 3_600) * S;
                int burst = 1 + random.nextInt(9);
                for (int j = 0; j < burst && i < n - 1; j++) {
                    t[i++] = ahead + j * S;
                }
                t[i] = now;
            } else if (k < 13) {
                t[i] = now - random.nextInt(8) * H; // behind: a satellite pass, an old static message
            } else {
                now += random.nextInt(20) * S;
                t[i] = now;
            }
        }
        return t;
    }

    /** The stray-time filter's code before the rule was pulled out of it, kept as the reference. */
    static final class PreviousFilter {
        final java.util.function.Consumer<Observation> sink;
        final java.util.function.Consumer<Observation> onStray;
        final long maxJumpMillis;
        final boolean holdStart;
        final Observation[] held;
        int heldCount;
        long jumpStart;
        long frontier = Long.MIN_VALUE;
        long strays;

        PreviousFilter(java.util.function.Consumer<Observation> sink, java.util.function.Consumer<Observation> onStray,
                       long maxJumpMillis, int confirmations, boolean holdStart) {
            this.sink = sink;
            this.onStray = onStray;
            this.maxJumpMillis = maxJumpMillis;
            this.held = new Observation[confirmations];
            this.holdStart = holdStart;
        }

        void accept(Observation o) {
            long t = o.time();
            if (heldCount > 0) {
                if (t - jumpStart > maxJumpMillis) {
                    release();
                } else if (jumpStart - t <= maxJumpMillis) {
                    hold(o);
                    return;
                } else {
                    strays += heldCount;
                    for (int i = 0; i < heldCount; i++) {
                        onStray.accept(held[i]);
                        held[i] = null;
                    }
                    heldCount = 0;
                }
            }
            if (frontier == Long.MIN_VALUE && !holdStart) {
                frontier = t;
            }
            if (frontier != Long.MIN_VALUE && t - frontier <= maxJumpMillis) {
                if (t > frontier) {
                    frontier = t;
                }
                sink.accept(o);
                return;
            }
            jumpStart = t;
            hold(o);
        }

        void hold(Observation o) {
            held[heldCount++] = o;
            if (heldCount == held.length) {
                release();
            }
        }

        void release() {
            for (int i = 0; i < heldCount; i++) {
                Observation o = held[i];
                held[i] = null;
                frontier = Math.max(frontier, o.time());
                sink.accept(o);
            }
            heldCount = 0;
        }

        void finish() {
            release();
        }
    }
}
