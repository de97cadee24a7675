package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LineTimesTest {
    @Test
    void pghpTimesExistingDatesOnly() {
        assertThat(LineTimes.pghpMillis(1, 2013, 11, 12, 12, 4, 59, 987)).isEqualTo(1_384_257_899_987L);
        assertThat(LineTimes.pghpMillis(1, 2013, 2, 29, 0, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2000, 2, 29, 0, 0, 0, 0)).isEqualTo(951_782_400_000L);
        assertThat(LineTimes.pghpMillis(1, 2100, 2, 29, 0, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2013, 6, 31, 0, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(2, 2013, 6, 1, 0, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 1969, 12, 31, 0, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2013, 6, 1, 24, 0, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2013, 6, 1, 0, 60, 0, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2013, 6, 1, 0, 0, 61, 0)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.pghpMillis(1, 2013, 6, 1, 0, 0, 0, 1000)).isEqualTo(LineTimes.NONE);
        // a leap second is the next minute's first
        assertThat(LineTimes.pghpMillis(1, 2016, 12, 31, 23, 59, 60, 0)).isEqualTo(1_483_228_800_000L);
    }

    @Test
    void monthLengthsFollowTheGregorianCalendar() {
        for (int y = 1970; y <= 2200; y++) {
            for (int m = 1; m <= 12; m++) {
                assertThat(LineTimes.daysInMonth(y, m)).as("%d-%d", y, m).isEqualTo(LocalDate.of(y, m, 1).lengthOfMonth());
                assertThat(LineTimes.pghpMillis(1, y, m, 1, 0, 0, 0, 0))
                        .isEqualTo(LocalDate.of(y, m, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            }
        }
    }

    @Test
    void trailerDigitsSaySecondsOrMilliseconds() {
        assertThat(LineTimes.trailerMillis(1_241_544_035L, 10)).isEqualTo(1_241_544_035_000L);
        assertThat(LineTimes.trailerMillis(999_999_999L, 9)).isEqualTo(999_999_999_000L);
        assertThat(LineTimes.trailerMillis(1_241_544_035_123L, 13)).isEqualTo(1_241_544_035_123L);
        assertThat(LineTimes.trailerMillis(124_154_403_512L, 12)).isEqualTo(124_154_403_512L);
        assertThat(LineTimes.trailerMillis(12_415_440_351L, 11)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.trailerMillis(12_345_678L, 8)).isEqualTo(LineTimes.NONE);
        assertThat(LineTimes.trailerMillis(12_345_678_901_234L, 14)).isEqualTo(LineTimes.NONE);
    }

    @Test
    void tagBlockTimeIsSecondsBelowOneHundredBillion() {
        assertThat(LineTimes.tagBlockMillis(1_646_956_800L)).isEqualTo(1_646_956_800_000L);
        assertThat(LineTimes.tagBlockMillis(99_999_999_999L)).isEqualTo(99_999_999_999_000L);
        assertThat(LineTimes.tagBlockMillis(100_000_000_000L)).isEqualTo(100_000_000_000L);
    }
}
