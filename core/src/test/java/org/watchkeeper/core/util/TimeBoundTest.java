package org.watchkeeper.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reversed window is said the same way by the HTTP API and the command line: both bounds as read. */
class TimeBoundTest {
    @Test
    void aReversedWindowNamesBothBoundsAsRead() {
        long from = TimeBound.parse("2010-06-12T00:00:00Z", false);
        long to = TimeBound.parse("2010-06-11", true);
        assertThat(to).isEqualTo(from - 1);
        assertThat(TimeBound.reversed("from", from, "to", to))
                .isEqualTo("from must not be after to: from 2010-06-12T00:00:00Z, to 2010-06-11T23:59:59.999Z");
        assertThat(TimeBound.reversed("--from", from, "--to", to))
                .isEqualTo("--from must not be after --to: --from 2010-06-12T00:00:00Z, --to 2010-06-11T23:59:59.999Z");
        // an offset is read as the instant it names
        assertThat(TimeBound.reversed("from", TimeBound.parse("2010-06-12T02:00:00.5+02:00", false), "to",
                TimeBound.parse("2010-06-11T23:00", true)))
                .isEqualTo("from must not be after to: from 2010-06-12T00:00:00.500Z, to 2010-06-11T23:00:00Z");
    }

    @Test
    void aWindowOfOneInstantOrInOrderIsNotReversed() {
        long t = TimeBound.parse("2010-06-11T12:00:00Z", false);
        assertThat(TimeBound.reversed("from", t, "to", t)).isNull();
        assertThat(TimeBound.reversed("from", t, "to", t + 1)).isNull();
        // a date as both bounds is that whole day
        assertThat(TimeBound.reversed("from", TimeBound.parse("2010-06-11", false), "to", TimeBound.parse("2010-06-11", true)))
                .isNull();
        assertThat(TimeBound.reversed("from", t + 1, "to", t)).isNotNull();
    }
}
