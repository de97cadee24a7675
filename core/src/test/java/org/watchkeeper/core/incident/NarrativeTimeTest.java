package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.incident.NarrativeTime.TimeOfDay;

/** The time of day a narrative gives for its record's date; the narratives are ASAM's own, by reference. */
class NarrativeTimeTest {
    private static TimeOfDay of(String text, String date) {
        return NarrativeTime.of(text, LocalDate.parse(date));
    }

    private static TimeOfDay utc(int h, int m) {
        return new TimeOfDay(LocalTime.of(h, m), true, 0);
    }

    private static TimeOfDay local(int h, int m) {
        return new TimeOfDay(LocalTime.of(h, m), false, 0);
    }

    @Test
    void aUtcTimeAfterTheDate() {
        // 2017-141
        assertThat(of("MALAYSIA: On 03 May at 1706Z, an underway tanker was boarded by robbers in 01-16.6N 103-17.6E.",
                "2017-05-03")).isEqualTo(utc(17, 6));
        // 2008-286: the year after the month ("24 Aug 08") is no day
        assertThat(of("NIGERIA: Oil supply vessel (BENUE) hijacked 24 Aug 08 at 1440 UTC, Bonny Channel, Rivers State.",
                "2008-08-24")).isEqualTo(utc(14, 40));
        // 2021-253: the day in digits, day first
        assertThat(of("04.12.2020: 2300 UTC: POSN: 15-15.4N 051-56.0E, AROUND 14NM SE OF YEMEN COAST, YEMEN.", "2020-12-04"))
                .isEqualTo(utc(23, 0));
    }

    @Test
    void aLocalTimeIsKeptAsLocal() {
        // 2022-148
        assertThat(of("INDONESIA: On 28 May, at 0259 local time, three robbers armed with knives were sighted", "2022-05-28"))
                .isEqualTo(local(2, 59));
        // 2008-131
        assertThat(of("INDIA: Research vessel reported attempting boarding 22 Apr 08 at 0430 local time, Mumbai anchorage.",
                "2008-04-22")).isEqualTo(local(4, 30));
        assertThat(of("PHILIPPINES: On 16 July at 1230LT in 07-10N 125-40E, robbers boarded", "2016-07-16"))
                .isEqualTo(local(12, 30));
        assertThat(of("INDONESIA: On 12 November at 0720 hours LT in the Belawan Outer Anchorage", "2015-11-12"))
                .isEqualTo(local(7, 20));
        // hours without a zone: the ship's clock
        assertThat(of("A BIMCO member reports that at 0030 hrs on 3 December 1994 a vessel anchored at Dar es Salaam",
                "1994-12-03")).isEqualTo(local(0, 30));
    }

    @Test
    void aTimeBeforeItsDate() {
        // 2011-81
        assertThat(of("ARABIAN SEA: Merchant vessel attacked in 11-14N 063-28E at 0450Z on 28 Jan. Vessels are advised",
                "2011-01-28")).isEqualTo(utc(4, 50));
        // 1995-4
        assertThat(of("M/V ULF RITSCHER ATTACKED BY A GROUP OF FOUR MEN ... AT ABOUT 0200 LOCAL TIME DEC. 26 WHILE ANCHORED",
                "1994-12-26")).isEqualTo(local(2, 0));
    }

    @Test
    void aDateTimeGroupAndARange() {
        // 2010-340: day 29, 09:15 UTC
        assertThat(of("OMAN: Four skiffs chasing a general cargo ship present in 17-35N 056-55E at 290915 UTC Sep.", "2010-09-29"))
                .isEqualTo(utc(9, 15));
        assertThat(of("OMAN: Four skiffs chasing a general cargo ship present in 17-35N 056-55E at 290915 UTC Sep.", "2010-09-28"))
                .isEqualTo(new TimeOfDay(LocalTime.of(9, 15), true, 1));
        assertThat(of("OMAN: Four skiffs chasing a general cargo ship present in 17-35N 056-55E at 290915 UTC Sep.", "2010-09-27"))
                .isNull();
        // 2005-334: the first time of the range, the zone written after the second
        assertThat(of("CHINA: Bulk carrier boarded and robbed 28 Oct between 1200 and 1600 UTC, while anchored", "2005-10-28"))
                .isEqualTo(utc(12, 0));
    }

    @Test
    void noDateBeforeTheTimeMeansTheRecordsOwn() {
        // 2007-303
        assertThat(of("BEIRA PORT, MOZAMBIQUE: 0400 LT: Robbers boarded a container ship at berth", "2007-11-05"))
                .isEqualTo(local(4, 0));
    }

    @Test
    void aUtcTimeOnADayBesideTheRecordsIsGivenWithItsDay() {
        // 2020-332: 1700 UTC on 13 August at Batangas is the 14th there, the record's (local) date
        assertThat(of("13.08.2020: 1700 UTC: POSN: 13-46.63N - 120-58.61E, BBTI TERMINAL, BATANGAS, PHILIPPINES.", "2020-08-14"))
                .isEqualTo(new TimeOfDay(LocalTime.of(17, 0), true, -1));
        // across a year's end
        assertThat(of("On 31 December at 2230 UTC robbers boarded", "2011-01-01")).isEqualTo(new TimeOfDay(LocalTime.of(22, 30), true, -1));
    }

    @Test
    void anotherDayThanTheRecordsGivesNoTime() {
        // 2010-130: a local time on the day after the record's
        assertThat(of("MALAYSIA: Tanker (SEMUA GEMBIRA) robbed 17 Apr 10 at 0600 local time while anchored", "2010-04-16")).isNull();
        assertThat(of("On 12 March at 0130 UTC, robbers boarded", "2014-03-14")).isNull();
        assertThat(of("On 30 February at 0130 UTC, robbers boarded", "2014-03-01")).isNull(); // no such day
    }

    @Test
    void onlyTheFirstTimeCountsAndNumbersAreNotTimes() {
        assertThat(of("On 2 March, at 0230 local time, four robbers boarded. At 0445 UTC the robbers escaped.", "2021-03-02"))
                .isEqualTo(local(2, 30));
        // years, tug names, positions and counts are no times
        assertThat(of("SOUTH CHINA SEA: Tug (PU 2008) boarded on 30 Apr 2008 in position 0130N 10330E; 1500 litres stolen",
                "2008-04-30")).isNull();
        assertThat(of("Gulf of Aden: pirates hijacked a general cargo ship underway in 12:46N 045:56E.", "2008-11-07")).isNull();
        assertThat(of(null, "2008-11-07")).isNull();
        assertThat(of("", "2008-11-07")).isNull();
    }
}
