package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The "who was there" window of an incident, above all of a report that gives a local date and no time. */
class IncidentWindowTest {
    static final long SIX_HOURS = Duration.ofHours(6).toMillis();

    static String[] iso(long[] w) {
        return new String[] {Instant.ofEpochMilli(w[0]).toString(), Instant.ofEpochMilli(w[1]).toString()};
    }

    @Test
    void nauticalZonesFollowTheLongitude() {
        assertThat(IncidentApi.nauticalZoneHours(121.0)).isEqualTo(8); // Batangas
        assertThat(IncidentApi.nauticalZoneHours(103.8)).isEqualTo(7); // Singapore Strait (civil UTC+8)
        assertThat(IncidentApi.nauticalZoneHours(7.4)).isZero(); // 7.5°E is the zone's edge
        assertThat(IncidentApi.nauticalZoneHours(7.6)).isEqualTo(1);
        assertThat(IncidentApi.nauticalZoneHours(-66.9)).isEqualTo(-4); // Venezuela
        assertThat(IncidentApi.nauticalZoneHours(179.9)).isEqualTo(12);
        assertThat(IncidentApi.nauticalZoneHours(-179.9)).isEqualTo(-12);
    }

    @Test
    void aTimedReportIsItsTimePlusOrMinusTheHours() {
        assertThat(iso(IncidentApi.window(Instant.parse("2015-05-19T16:01:00Z"), false, 121.0, SIX_HOURS)))
                .containsExactly("2015-05-19T10:01:00Z", "2015-05-19T22:01:00Z");
    }

    /**
     * IMB's "20.05.2015: 0001 LT" at Batangas Anchorage (13.7°N 121.0°E, UTC+8) is 19 May 16:01 UTC: the
     * window of the date-only report is the local day, 2 h wider, and the UTC day, ± 6 h, and holds it
     * (the UTC day ± 6 h alone began at 19 May 18:00, after it).
     */
    @Test
    void aDateOnlyReportEastOfGreenwichCoversItsLocalDay() {
        long[] w = IncidentApi.window(Instant.parse("2015-05-20T00:00:00Z"), true, 121.0, SIX_HOURS);
        assertThat(iso(w)).containsExactly("2015-05-19T08:00:00Z", "2015-05-21T05:59:59.999Z");
        assertThat(w[0]).isLessThanOrEqualTo(Instant.parse("2015-05-19T16:01:00Z").toEpochMilli());
    }

    @Test
    void aDateOnlyReportWestOfGreenwichCoversItsLocalEvening() {
        // Gulf of Guinea is near zone 0: the UTC day, 2 h wider; off Venezuela (UTC-4) 23:30 LT is 03:30 UTC next day
        assertThat(iso(IncidentApi.window(Instant.parse("2020-03-01T00:00:00Z"), true, 3.4, 0)))
                .containsExactly("2020-02-29T22:00:00Z", "2020-03-02T01:59:59.999Z");
        long[] w = IncidentApi.window(Instant.parse("2020-03-01T00:00:00Z"), true, -66.9, 0);
        assertThat(iso(w)).containsExactly("2020-03-01T00:00:00Z", "2020-03-02T05:59:59.999Z");
        assertThat(w[1]).isGreaterThan(Instant.parse("2020-03-02T03:30:00Z").toEpochMilli());
    }

    /**
     * IMB's "08.01.2015: 1430 LT: Posn: 01:11N - 103:37E, Around 2.7nm NW of Pulau Nipah" (a date-only row
     * of the crime-at-sea file with the time 14:30 and no zone): the nautical zone at 103.6°E is UTC+7,
     * so 07:30 UTC, ± 2 h for the coastal clock (Singapore and Malaysia keep UTC+8: 06:30 UTC), ± 6 h; a
     * window of 16 h where the date alone gave 46.
     */
    @Test
    void aDateOnlyReportWithALocalTimeIsThatTimeAtThePlace() {
        long[] w = IncidentApi.window(Instant.parse("2015-01-08T00:00:00Z"), java.time.LocalTime.of(14, 30), 103.6167, SIX_HOURS);
        assertThat(iso(w)).containsExactly("2015-01-07T23:30:00Z", "2015-01-08T15:30:00Z");
        assertThat(w[0]).isLessThan(Instant.parse("2015-01-08T06:30:00Z").toEpochMilli());
        long[] day = IncidentApi.window(Instant.parse("2015-01-08T00:00:00Z"), true, 103.6167, SIX_HOURS);
        assertThat(day[1] - day[0] + 1).isEqualTo(java.time.Duration.ofHours(45).toMillis());
    }
}
