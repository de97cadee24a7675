package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PositionSpanTest {
    private static final long T0 = 1_327_664_822_000L; // 2012-01-27T11:47:02Z

    @Test
    void messagesWithoutAPositionFarOutsideThePositionsAreCountedAndMeasured() {
        PositionSpan s = new PositionSpan();
        assertThat(s.outside()).isNull(); // no position: nothing to judge by
        s.other(T0 - 6_515_964);
        assertThat(s.outside()).isNull();
        s.position(T0);
        s.position(T0 + 385_500);
        s.other(T0 - 2_000); // within the 1 min margin
        s.other(T0 + 100_000);
        s.other(T0 - 6_227_000);
        s.other(T0 + 385_500 + 300_000);
        assertThat(s.margin()).isEqualTo(60_000);
        assertThat(s.outside()).isEqualTo(new PositionSpan.Outside(2, 6_515_964, 1, 300_000, false));
        // a long span widens the margin to a tenth of it
        PositionSpan day = new PositionSpan();
        day.position(T0);
        day.position(T0 + 86_400_000);
        day.other(T0 - 8_000_000);
        assertThat(day.margin()).isEqualTo(8_640_000);
        assertThat(day.outside()).isNull();
    }

    @Test
    void partsAddUpAsTheWholeAndTheCountIsALowerBoundBeyondWhatIsKept() {
        PositionSpan a = new PositionSpan();
        PositionSpan b = new PositionSpan();
        PositionSpan whole = new PositionSpan();
        for (int i = 0; i < 1000; i++) {
            long t = T0 + i * 1000L;
            (i < 500 ? a : b).position(t);
            whole.position(t);
            long stray = T0 - 3_600_000 - i;
            (i % 2 == 0 ? a : b).other(stray);
            whole.other(stray);
        }
        a.add(b);
        assertThat(a.first()).isEqualTo(T0);
        assertThat(a.last()).isEqualTo(T0 + 999_000);
        assertThat(a.outside()).isEqualTo(whole.outside())
                .isEqualTo(new PositionSpan.Outside(PositionSpan.KEPT, 3_600_999, 0, 0, true));
    }

    @Test
    void positionReportsAreTheTypesThatReportTheStationsPosition() {
        for (int type = 0; type < 64; type++) {
            boolean reports = type == 1 || type == 2 || type == 3 || type == 4 || type == 9 || type == 11 || type == 18
                    || type == 19 || type == 21 || type == 27;
            assertThat(PositionSpan.reportsPosition(type)).as("type " + type).isEqualTo(reports);
        }
    }

    /**
     * Against a count over every time: whatever the order and the number of messages, what lies outside is
     * counted exactly while each end holds at most {@link PositionSpan#KEPT}, and as that many (a lower bound)
     * beyond; the distance is always that of the farthest.
     */
    @Property(tries = 300)
    void theKeptExtremesGiveWhatACountOverEveryTimeGives(@ForAll long seed, @ForAll @IntRange(min = 0, max = 900) int others) {
        Random r = new Random(seed);
        PositionSpan s = new PositionSpan();
        long first = T0 + 7_200_000;
        long last = first + 1 + r.nextInt(3_600_000);
        s.position(first);
        s.position(last);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            times.add(T0 + (long) r.nextInt(6 * 3_600_000)); // before, within and after the positions
        }
        if (r.nextBoolean()) {
            Collections.sort(times);
        }
        PositionSpan part = new PositionSpan();
        for (int i = 0; i < times.size(); i++) {
            (i % 3 == 0 ? part : s).other(times.get(i));
        }
        s.add(part);
        long m = s.margin();
        long before = times.stream().filter(t -> t < first - m).count();
        long after = times.stream().filter(t -> t > last + m).count();
        PositionSpan.Outside o = s.outside();
        if (before + after == 0) {
            assertThat(o).isNull();
            return;
        }
        assertThat(o.before()).isEqualTo(Math.min(before, PositionSpan.KEPT));
        assertThat(o.after()).isEqualTo(Math.min(after, PositionSpan.KEPT));
        assertThat(o.atLeast()).isEqualTo(before >= PositionSpan.KEPT || after >= PositionSpan.KEPT);
        assertThat(o.beforeMs()).isEqualTo(before == 0 ? 0 : first - Collections.min(times));
        assertThat(o.afterMs()).isEqualTo(after == 0 ? 0 : Collections.max(times) - last);
    }
}
