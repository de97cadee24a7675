package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.junit.jupiter.api.Test;

/**
 * One partition's watermarks ({@link StrayTimeWatermarks}, as {@link WatchkeeperJob#watermarks} makes
 * them): a line stamped a year ahead does not move the watermark; a jump the partition keeps to
 * does, once confirmed; lines that state no time of their own do not count.
 */
class StrayTimeWatermarksTest {
    static final long T0 = 1_411_920_000_000L; // 2014-09-28T16:00:00Z
    static final long S = 1_000;
    static final long H = 3_600_000;
    static final long YEAR = 365 * 24 * H;
    static final long BOUND = 10_000;

    final WatermarkGenerator<RawLine> g = new StrayTimeWatermarks(BOUND);
    final WatermarksTest.Recorder out = new WatermarksTest.Recorder();

    void line(long t) {
        g.onEvent(new RawLine("a", "x", t), t, out);
    }

    /** The watermark emitted now, or "none". */
    String emit() {
        int n = out.out.size();
        g.onPeriodicEmit(out);
        return out.out.size() == n ? "none" : out.out.get(out.out.size() - 1);
    }

    static String wm(long frontier) {
        return Long.toString(frontier - BOUND - 1);
    }

    /** The first 8 stated times, 10 s apart from T0. */
    void start() {
        for (int i = 0; i < 8; i++) {
            line(T0 + i * 10 * S);
        }
        assertThat(emit()).isEqualTo(wm(T0 + 70 * S));
    }

    @Test
    void theFirstWatermarkWaitsForEightStatedTimes() {
        for (int i = 0; i < 7; i++) {
            line(T0 + i * 10 * S);
            assertThat(emit()).isEqualTo("none");
        }
        line(T0 + 70 * S);
        assertThat(emit()).isEqualTo(wm(T0 + 70 * S));
    }

    @Test
    void aStrayFirstLineCannotSetTheWatermark() {
        line(T0 + YEAR);
        assertThat(emit()).isEqualTo("none");
        start();
        assertThat(((StrayTimeWatermarks) g).strays()).isEqualTo(1);
    }

    @Test
    void aLineAYearAheadDoesNotMoveTheWatermark() {
        start();
        line(T0 + YEAR);
        assertThat(emit()).isEqualTo(wm(T0 + 70 * S)); // held, not passed on
        line(T0 + 80 * S); // the partition goes on in its own time: the line was a stray
        assertThat(emit()).isEqualTo(wm(T0 + 80 * S));
        assertThat(((StrayTimeWatermarks) g).strays()).isEqualTo(1);
        for (int i = 9; i < 30; i++) {
            line(T0 + i * 10 * S);
        }
        assertThat(emit()).isEqualTo(wm(T0 + 290 * S));
    }

    @Test
    void aConfirmedJumpMovesTheWatermarkOn() {
        start();
        long resumed = T0 + 7 * H; // a log resuming after an outage
        for (int i = 0; i < 7; i++) {
            line(resumed + i * S);
            assertThat(emit()).isEqualTo(wm(T0 + 70 * S));
        }
        line(resumed + 7 * S); // the 8th: confirmed
        assertThat(emit()).isEqualTo(wm(resumed + 7 * S));
        line(resumed + 8 * S);
        assertThat(emit()).isEqualTo(wm(resumed + 8 * S));
    }

    @Test
    void aSparsePartitionMovingOnBeyondTheJumpMovesTheWatermarkOn() {
        start();
        line(T0 + 5 * H);
        assertThat(emit()).isEqualTo(wm(T0 + 70 * S));
        line(T0 + 10 * H); // more than 3 h beyond the jump: the jump was the way forward
        assertThat(emit()).isEqualTo(wm(T0 + 5 * H));
    }

    @Test
    void linesWithoutATimeOfTheirOwnDoNotCount() {
        start();
        line(T0 + YEAR);
        // fragments and untimed lines after the stray carry its time, but do not confirm it
        for (int i = 0; i < 20; i++) {
            g.onEvent(new RawLine("a", "x", T0 + YEAR, false), T0 + YEAR, out);
        }
        assertThat(emit()).isEqualTo(wm(T0 + 70 * S));
        line(T0 + 80 * S);
        assertThat(emit()).isEqualTo(wm(T0 + 80 * S));
        g.onEvent(new RawLine("a", "x", Long.MIN_VALUE), Long.MIN_VALUE, out); // no time at all
        assertThat(emit()).isEqualTo(wm(T0 + 80 * S));
    }

    @Test
    void theDeserializerSaysWhichLinesStateTheirTime() throws Exception {
        List<String> lines = List.of(
                "\\si:AISD*3F\\", // a tag block without c:
                "$PGHP,1,2014,9,28,16,0,4,684,219,21,992190921,1,14*22", // states the time
                "!AIVDM,1,1,,A,1815:?Pu@SPl2`LQ4kaeRr0400SS,0*14", // takes it from the $PGHP line
                "\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13",
                "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26"); // no time: the last one
        List<RawLine> read = NmeaLineDeserializerTest.read("k", String.join("\n", lines));
        assertThat(read).extracting(RawLine::timeStated).containsExactly(false, true, false, true, false);
        assertThat(read.get(4).time()).isEqualTo(1_241_544_035_000L);
    }
}
