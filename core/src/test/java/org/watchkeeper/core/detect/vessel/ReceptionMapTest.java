package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceptionMapTest {
    private static final long H = 3_600_000L;
    private static final long MIN = 60_000L;

    @Test
    void inputPositionsCountsEveryCellInTheWholeHoursAfterTheFirst() {
        ReceptionMap m = new ReceptionMap(1.0, 6 * H, 48 * H);
        int a = m.cell(55.5, 11.5);
        int b = m.cell(-0.5, 3.5);
        assertThat(a).isNotEqualTo(b);
        // vessel 1 in cell a every 10 min from 10:00 to 14:50; vessel 2 in cell b at 12:30 and 13:30 only
        long prev = Long.MIN_VALUE;
        for (long t = 10 * H; t < 15 * H; t += 10 * MIN) {
            m.record(t, a, prev, a);
            prev = t;
            if (t == 12 * H + 30 * MIN || t == 13 * H + 30 * MIN) {
                m.record(t, b, t == 12 * H + 30 * MIN ? Long.MIN_VALUE : 12 * H + 30 * MIN, b);
            }
        }
        // from 10:15: its hour (10) left out, hours 11, 12, 13 end by 14:05; 6 + 7 + 7 positions
        assertThat(m.inputPositions(10 * H + 15 * MIN, 14 * H + 5 * MIN)).isEqualTo(20);
        // an hour only complete at `to` counts (hour 14 ends at 15:00)
        assertThat(m.inputPositions(13 * H, 15 * H)).isEqualTo(6);
        // no whole hour in between: not measured
        assertThat(m.inputPositions(10 * H + 15 * MIN, 11 * H + 59 * MIN)).isEqualTo(-1);
        // hours without any position count 0
        assertThat(m.inputPositions(20 * H, 26 * H)).isZero();
        // the per-cell quality is unchanged by the totals: cell b, 2 positions, 1 h of presence filed at 13:30
        assertThat(m.quality(b, 14 * H, 24 * H)).isCloseTo(2 / (1 / 24.0), within(1e-9));
    }

    @Test
    void inputPositionsForgetsHoursBeyondTheRetention() {
        ReceptionMap m = new ReceptionMap(1.0, 6 * H, 10 * H);
        int c = m.cell(10.5, 20.5);
        m.record(H + MIN, c, Long.MIN_VALUE, c);
        assertThat(m.inputPositions(0, 3 * H)).isEqualTo(1);
        m.record(30 * H, c, H + MIN, c); // 29 h later: hour 1 lies beyond the 10 h kept
        assertThat(m.inputPositions(0, 3 * H)).isZero();
        assertThat(m.inputPositions(29 * H - 1, 31 * H)).isEqualTo(1);
    }
}
