package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;

class StrayTimeFilterTest {
    static final long T0 = 1_412_265_600_000L; // 2014-10-02T16:00:00Z
    static final long S = 1_000;
    static final long H = 3_600_000;
    static final long YEAR = 365 * 24 * H;

    /** Runs the times through a default filter: the times that pass, in order, and the strays. */
    static Result run(long... times) {
        List<Long> out = new ArrayList<>();
        StrayTimeFilter f = new StrayTimeFilter(o -> out.add(o.time()));
        int seen = 0;
        for (long t : times) {
            f.accept(EventTimeOrderTest.at(t, "s"));
            seen++;
            // bounded: never more than the confirmations held
            assertThat(seen - out.size() - f.strays()).isLessThanOrEqualTo(StrayTimeFilter.DEFAULT_CONFIRMATIONS);
        }
        f.finish();
        return new Result(out, f.strays());
    }

    record Result(List<Long> passed, long strays) {
    }

    static long[] everyTenSeconds(long from, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = from + i * 10 * S;
        }
        return t;
    }

    static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] all = new long[n];
        int i = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        return all;
    }

    /**
     * A jump confirmed from outside the input ({@link StrayTimeFilter#releaseHeld}): the held ones pass in
     * their order, the frontier moves to them (the next one, 4 h on from the old times but beside the jump,
     * passes at once), and heldSince tells the first held time until then.
     */
    @Test
    void aJumpReleasedFromOutsidePassesAndMovesTheFrontier() {
        List<Long> out = new ArrayList<>();
        StrayTimeFilter f = StrayTimeFilter.forLiveFeed(o -> out.add(o.time()), null);
        f.accept(EventTimeOrderTest.at(T0, "s"));
        assertThat(f.heldSince()).isEqualTo(Long.MIN_VALUE);
        f.accept(EventTimeOrderTest.at(T0 + 4 * H, "s"));
        f.accept(EventTimeOrderTest.at(T0 + 4 * H + 180 * S, "s"));
        assertThat(f.held()).isEqualTo(2);
        assertThat(f.heldSince()).isEqualTo(T0 + 4 * H);
        assertThat(out).containsExactly(T0);
        f.releaseHeld();
        assertThat(f.held()).isZero();
        assertThat(f.heldSince()).isEqualTo(Long.MIN_VALUE);
        f.accept(EventTimeOrderTest.at(T0 + 4 * H + 360 * S, "s"));
        assertThat(out).containsExactly(T0, T0 + 4 * H, T0 + 4 * H + 180 * S, T0 + 4 * H + 360 * S);
        assertThat(f.strays()).isZero();
        f.releaseHeld(); // nothing held: nothing happens
        assertThat(out).hasSize(4);
    }

    /**
     * A jump dropped from outside the input ({@link StrayTimeFilter#dropHeld}): the held ones go to the
     * strays in their order, are counted, and the frontier stays (the next one in the old times passes).
     */
    @Test
    void aJumpDroppedFromOutsideGoesToTheStraysAndKeepsTheFrontier() {
        List<Long> out = new ArrayList<>();
        List<Long> strays = new ArrayList<>();
        StrayTimeFilter f = StrayTimeFilter.forLiveFeed(o -> out.add(o.time()), o -> strays.add(o.time()));
        f.accept(EventTimeOrderTest.at(T0, "s"));
        f.accept(EventTimeOrderTest.at(T0 + YEAR, "s"));
        f.accept(EventTimeOrderTest.at(T0 + YEAR + 10 * S, "s"));
        assertThat(f.held()).isEqualTo(2);
        f.dropHeld();
        assertThat(f.held()).isZero();
        assertThat(f.heldSince()).isEqualTo(Long.MIN_VALUE);
        assertThat(strays).containsExactly(T0 + YEAR, T0 + YEAR + 10 * S);
        assertThat(f.strays()).isEqualTo(2);
        f.accept(EventTimeOrderTest.at(T0 + 10 * S, "s"));
        assertThat(out).containsExactly(T0, T0 + 10 * S);
        f.dropHeld(); // nothing held: nothing happens
        assertThat(f.strays()).isEqualTo(2);
        assertThat(out).hasSize(2);
    }

    @Test
    void aTimeAYearAheadInTheMiddleIsDroppedAndNothingElse() {
        long[] before = everyTenSeconds(T0, 50);
        long[] after = everyTenSeconds(T0 + 500 * S, 50);
        Result r = run(concat(before, new long[] {T0 + 495 * S + YEAR}, after));
        assertThat(r.strays()).isEqualTo(1);
        assertThat(r.passed()).hasSize(100).doesNotContain(T0 + 495 * S + YEAR);
        assertThat(r.passed()).startsWith(T0).endsWith(T0 + 990 * S);
    }

    @Test
    void aStrayFirstLineCannotSetTheFrontier() {
        Result r = run(concat(new long[] {T0 + YEAR}, everyTenSeconds(T0, 20)));
        assertThat(r.strays()).isEqualTo(1);
        assertThat(r.passed()).hasSize(20).first().isEqualTo(T0);
    }

    @Test
    void aLogResumingAfterAnOutageIsConfirmedByItsNextObservations() {
        long[] before = everyTenSeconds(T0, 30);
        long[] after = everyTenSeconds(T0 + 7 * H, 30);
        Result r = run(concat(before, after));
        assertThat(r.strays()).isZero();
        assertThat(r.passed()).hasSize(60).endsWith(T0 + 7 * H + 290 * S);
    }

    @Test
    void aSparseInputMovingOnEveryFewHoursLosesNothing() {
        long[] t = new long[12];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0 + i * 5 * H; // a vessel seen once every 5 h (a satellite track export)
        }
        Result r = run(t);
        assertThat(r.strays()).isZero();
        assertThat(r.passed()).containsExactly(java.util.Arrays.stream(t).boxed().toArray(Long[]::new));
    }

    @Test
    void aBurstAheadShorterThanTheConfirmationsIsDroppedWhole() {
        // seven relayed messages carrying another station's times 5.5 h ahead, then the log goes on
        long[] burst = everyTenSeconds(T0 + 100 * S + 5 * H + H / 2, 7);
        Result r = run(concat(everyTenSeconds(T0, 10), burst, everyTenSeconds(T0 + 100 * S, 10)));
        assertThat(r.strays()).isEqualTo(7);
        assertThat(r.passed()).hasSize(20).allMatch(t -> t < T0 + H);
    }

    @Test
    void aStationWhoseClockIsFiveHoursAheadLosesItsObservationsOnly() {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            times.add(T0 + i * 10 * S); // the good station
            if (i % 4 == 1) {
                times.add(T0 + i * 10 * S + 5 * H); // the station whose clock runs 5 h ahead
            }
        }
        Result r = run(times.stream().mapToLong(Long::longValue).toArray());
        assertThat(r.strays()).isEqualTo(10);
        assertThat(r.passed()).hasSize(40).allMatch(t -> t < T0 + H);
    }

    @Test
    void timesBehindAndAFewHoursOutOfOrderPassInTheInputsOrder() {
        // a satellite feed: passes 2 h out of order, and a static message stamped three months before
        long[] t = concat(everyTenSeconds(T0 + 2 * H, 10), everyTenSeconds(T0, 10), new long[] {T0 - 90 * 24 * H},
                everyTenSeconds(T0 + 2 * H + 100 * S, 10));
        Result r = run(t);
        assertThat(r.strays()).isZero();
        assertThat(r.passed()).containsExactly(java.util.Arrays.stream(t).boxed().toArray(Long[]::new));
    }

    @Test
    void aLiveFeedsFirstObservationPassesAtOnceAndStraysAreReported() {
        List<Long> out = new ArrayList<>();
        List<Long> strays = new ArrayList<>();
        StrayTimeFilter f = StrayTimeFilter.forLiveFeed(o -> out.add(o.time()), o -> strays.add(o.time()));
        f.accept(EventTimeOrderTest.at(T0, "s"));
        assertThat(out).containsExactly(T0); // not held for seven more
        f.accept(EventTimeOrderTest.at(T0 + YEAR, "s"));
        f.accept(EventTimeOrderTest.at(T0 + 10 * S, "s"));
        assertThat(out).containsExactly(T0, T0 + 10 * S);
        assertThat(strays).containsExactly(T0 + YEAR);
        assertThat(f.strays()).isEqualTo(1);
    }

    @Test
    void settingsAreChecked() {
        List<Observation> sink = new ArrayList<>();
        assertThatThrownBy(() -> new StrayTimeFilter(sink::add, 0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StrayTimeFilter(sink::add, H, 0)).isInstanceOf(IllegalArgumentException.class);
        StrayTimeFilter one = new StrayTimeFilter(sink::add, H, 1); // every jump passes at once
        one.accept(EventTimeOrderTest.at(T0 + YEAR, "s"));
        one.accept(EventTimeOrderTest.at(T0, "s"));
        assertThat(sink).hasSize(2);
        assertThat(one.strays()).isZero();
    }
}
