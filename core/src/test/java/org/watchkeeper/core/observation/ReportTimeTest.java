package org.watchkeeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.detect.EvidenceBuffer;
import org.watchkeeper.core.detect.space.Fix;

class ReportTimeTest {

    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void reconcilesTheReportSecondWithTheReceiveTime() {
        // the latest second <= receive time + 2 s whose second of the minute is the time stamp
        assertThat(ReportTime.reconcile(t("2012-02-02T11:32:10.753Z"), 10, ReportTime.CLOCK_BEHIND_MILLIS))
                .isEqualTo(t("2012-02-02T11:32:10Z"));
        assertThat(ReportTime.reconcile(t("2012-02-02T11:32:06.933Z"), 10, ReportTime.CLOCK_BEHIND_MILLIS))
                .isEqualTo(t("2012-02-02T11:31:10Z"));
        // receive clock 1.247 s behind the transmitter
        assertThat(ReportTime.reconcile(t("2012-02-02T11:32:10.753Z"), 12, ReportTime.CLOCK_BEHIND_MILLIS))
                .isEqualTo(t("2012-02-02T11:32:12Z"));
        // one second more and it is the previous minute's
        assertThat(ReportTime.reconcile(t("2012-02-02T11:32:10.753Z"), 13, ReportTime.CLOCK_BEHIND_MILLIS))
                .isEqualTo(t("2012-02-02T11:31:13Z"));
        // without allowance, over an hour and a day boundary
        assertThat(ReportTime.reconcile(t("2012-02-03T00:00:00.500Z"), 59, 0)).isEqualTo(t("2012-02-02T23:59:59Z"));
        assertThat(ReportTime.reconcile(t("2012-02-03T00:00:00.500Z"), 0, 0)).isEqualTo(t("2012-02-03T00:00:00Z"));
        // 60 (not available) and 61-63 are no second: the receive time is kept
        for (int code : new int[] {60, 61, 62, 63, Observation.NOT_AVAILABLE}) {
            assertThat(ReportTime.reconcile(t("2012-02-02T11:32:10.753Z"), code, 2000)).isEqualTo(t("2012-02-02T11:32:10.753Z"));
        }
    }

    @Test
    void latencyAndAgreement() {
        assertThat(ReportTime.latencyMillis(t("2012-02-02T11:32:06.933Z"), 10)).isEqualTo(56_933);
        assertThat(ReportTime.latencyMillis(t("2012-02-02T11:32:10.753Z"), 12)).isEqualTo(-1_247);
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:10.753Z"), 10)).isTrue();
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:10.753Z"), 12)).isTrue();
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:15.999Z"), 10)).isTrue(); // 5.999 s late
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:16.000Z"), 10)).isFalse(); // 6 s late
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:10.753Z"), 13)).isFalse();
        assertThat(ReportTime.agrees(t("2012-02-02T11:32:10.753Z"), 60)).isFalse();
    }

    @Test
    void slackByTimeSourceSecondAndFeed() {
        long r = t("2012-02-02T11:32:10.753Z");
        long u = ReportTime.UNCERTAIN_INTERVAL_MILLIS;
        assertThat(u).isEqualTo(3 * 3_600_000L);
        // agreeing second: no slack, whatever the source
        for (TimeSource s : TimeSource.values()) {
            assertThat(ReportTime.slackMillis(r, s, 10, false)).isZero();
        }
        // disagreeing second in a trusted feed: the latency to the reconciled report time
        assertThat(ReportTime.slackMillis(r, TimeSource.PGHP, 50, false)).isEqualTo(20_753);
        // an untrusted feed: 3 h, even when this report's second agrees by chance
        assertThat(ReportTime.slackMillis(r, TimeSource.TRAILER, 10, true)).isEqualTo(u);
        // no second: an epoch suffix or a carried time cannot be checked; tag block, $PGHP and the
        // receive clock are receptions
        assertThat(ReportTime.slackMillis(r, TimeSource.TRAILER, 60, false)).isEqualTo(u);
        assertThat(ReportTime.slackMillis(r, TimeSource.NONE, Observation.NOT_AVAILABLE, false)).isEqualTo(u);
        assertThat(ReportTime.slackMillis(r, TimeSource.TAG_BLOCK, 60, false)).isZero();
        assertThat(ReportTime.slackMillis(r, TimeSource.PGHP, 63, false)).isZero();
        // not from an NMEA stream (CSV): the provider's fix time
        assertThat(ReportTime.slackMillis(r, null, 50, true)).isZero();
    }

    static PositionObservation fix(long time, TimeSource s, int second, boolean feed) {
        return new PositionObservation(time, "AI", 271042567, 1, StationClass.A, -34.449213, 167.904735, 14.5, 40, 40, 0,
                false, false, s, second, feed);
    }

    @Test
    void maxIntervalAddsBothSlacks() {
        PositionObservation a = fix(t("2012-02-02T11:32:06.933Z"), TimeSource.TRAILER, 10, false);
        PositionObservation b = fix(t("2012-02-02T11:32:10.753Z"), TimeSource.TRAILER, 10, false);
        assertThat(a.timeSlackMillis()).isEqualTo(56_933);
        assertThat(b.timeSlackMillis()).isZero();
        assertThat(a.timeUncertain()).isTrue();
        assertThat(b.timeUncertain()).isFalse();
        assertThat(a.reportTime()).isEqualTo(t("2012-02-02T11:31:10Z"));
        assertThat(ReportTime.maxIntervalMillis(a, b)).isEqualTo(3_820 + 56_933);
        assertThat(ReportTime.maxIntervalMillis(b, a)).isEqualTo(3_820 + 56_933);
        PositionObservation c = fix(b.time(), TimeSource.TRAILER, 10, true);
        assertThat(ReportTime.maxIntervalMillis(a, c)).isEqualTo(3_820 + 56_933 + ReportTime.UNCERTAIN_INTERVAL_MILLIS);
        // the 13-argument constructor: no source, no second, trusted
        PositionObservation csv = new PositionObservation(b.time(), "csv", 1, 0, StationClass.A, 1, 2, 3, 4, 5, 0, false,
                false);
        assertThat(csv.timeSource()).isNull();
        assertThat(csv.utcSecond()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(csv.timeSlackMillis()).isZero();
    }

    @Test
    void feedCheckUntrustsAFeedWhoseTimesMostlyDisagree() {
        ReceiveTimeCheck check = new ReceiveTimeCheck();
        long r = t("2012-02-02T11:32:10.753Z");
        // a terrestrial-like feed: every second agrees
        for (int i = 0; i < 100; i++) {
            assertThat(check.record("BS", TimeSource.PGHP, r + i * 1000L, (10 + i) % 60)).isFalse();
        }
        // a delivery-time feed: 1 in 4 agree; not judged before 20 reports, untrusted from then on
        boolean[] verdict = new boolean[40];
        for (int i = 0; i < 40; i++) {
            verdict[i] = check.record("AI", TimeSource.TRAILER, r, i % 4 == 0 ? 10 : 30);
        }
        for (int i = 0; i < 19; i++) {
            assertThat(verdict[i]).as("report %d", i).isFalse();
        }
        for (int i = 19; i < 40; i++) {
            assertThat(verdict[i]).as("report %d", i).isTrue();
        }
        // reports without a second take the feed's verdict and are not counted
        assertThat(check.record("AI", TimeSource.TRAILER, r, 60)).isTrue();
        assertThat(check.record("AI", TimeSource.PGHP, r, 60)).isFalse();
        assertThat(check.untrusted("BS", TimeSource.PGHP)).isFalse();
        assertThat(check.untrusted("AI", TimeSource.TRAILER)).isTrue();
        // not from a stream: never
        assertThat(check.record("csv", null, r, 30)).isFalse();
        // a feed recovers when agreement returns above half of the window
        for (int i = 0; i < 60; i++) {
            check.record("AI", TimeSource.TRAILER, r, 10);
        }
        assertThat(check.untrusted("AI", TimeSource.TRAILER)).isFalse();
    }

    @Test
    void interleavedFeedsAreJudgedApartAndTheLeastRecentlyUsedIsForgotten() {
        ReceiveTimeCheck check = new ReceiveTimeCheck();
        long r = t("2012-02-02T11:32:10.753Z");
        // stations taking turns line by line (as a multi-station log does), two of them delivery-time
        // feeds; "Aa" and "BB" have the same String hash, null is a feed of its own
        String[] sources = {"S0", "Aa", "BB", null, "S4", "S5", "S6"};
        for (int i = 0; i < 7 * 60; i++) {
            String s = sources[i % 7];
            boolean delivery = "Aa".equals(s) || s == null;
            check.record(s, TimeSource.TAG_BLOCK, r, delivery ? 30 : 10);
        }
        assertThat(check.untrusted("Aa", TimeSource.TAG_BLOCK)).isTrue();
        assertThat(check.untrusted(null, TimeSource.TAG_BLOCK)).isTrue();
        assertThat(check.untrusted("BB", TimeSource.TAG_BLOCK)).isFalse();
        assertThat(check.untrusted("S0", TimeSource.TAG_BLOCK)).isFalse();
        assertThat(check.untrusted("Aa", TimeSource.PGHP)).isFalse(); // another time source, another feed

        // 1024 feeds are kept: 1022 new ones drop the five looked at longest ago ("S4", "S5", "S6",
        // "BB", "S0"); "Aa" (looked at again half-way) and null (just before) stay
        check.record(null, TimeSource.TAG_BLOCK, r, 60);
        for (int i = 0; i < ReceiveTimeCheck.MAX_FEEDS - 2; i++) {
            check.record("X" + i, TimeSource.TAG_BLOCK, r, 10);
            if (i == 500) {
                assertThat(check.untrusted("Aa", TimeSource.TAG_BLOCK)).isTrue();
            }
        }
        assertThat(check.untrusted("Aa", TimeSource.TAG_BLOCK)).isTrue();
        assertThat(check.untrusted(null, TimeSource.TAG_BLOCK)).isTrue();
        // "Aa" is forgotten once 1024 other feeds were used after it
        check.record("Y", TimeSource.TAG_BLOCK, r, 10);
        for (int i = 0; i < ReceiveTimeCheck.MAX_FEEDS; i++) {
            check.record("Z" + i, TimeSource.TAG_BLOCK, r, 10);
        }
        assertThat(check.untrusted("Aa", TimeSource.TAG_BLOCK)).isFalse();
        assertThat(check.record("Aa", TimeSource.TAG_BLOCK, r, 30)).isFalse(); // a new feed, one report
    }

    @Test
    void mapperCarriesTimeSourceAndSecondAndEvidenceKeepsThem() throws Exception {
        // type 1 of MMSI 371641000 from exact-earth-augmented.txt line 40: time stamp 18 s, SOTDMA UTC
        // 06:16, epoch suffix 06:50:19.684
        AisMessage m = AisDecoder.decode("15RK:b002H8<wr5d;fvcT9DT04i0", 0);
        assertThat(m.messageType()).isEqualTo(1);
        assertThat(m.mmsi()).isEqualTo(371641000);
        long time = t("2012-01-31T06:50:19.684Z");
        List<Observation> obs = new ObservationMapper().map(m, time, "AI", TimeSource.TRAILER);
        PositionObservation p = (PositionObservation) obs.get(0);
        assertThat(p.timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(p.utcSecond()).isEqualTo(18);
        assertThat(p.feedTimeUntrusted()).isFalse();
        assertThat(p.reportTime()).isEqualTo(t("2012-01-31T06:50:18Z"));
        // it agrees by chance (SOTDMA says the report was made at 06:16:18): one report cannot tell,
        // its feed can (ReceiveTimeCheck, SatelliteTimeTest)
        assertThat(p.timeSlackMillis()).isZero();
        PositionObservation legacy = (PositionObservation) new ObservationMapper().map(m, time, "AI").get(0);
        assertThat(legacy.timeSource()).isNull();
        assertThat(legacy.utcSecond()).isEqualTo(18);

        PositionObservation q = fix(time, TimeSource.TRAILER, 10, true);
        PositionObservation n = new PositionObservation(time, null, 5, 27, StationClass.UNKNOWN, 1, 2, 3, 4, -1, 0, false,
                true, null, Observation.NOT_AVAILABLE, false);
        EvidenceBuffer buf = new EvidenceBuffer(4);
        buf.add(p);
        buf.add(q);
        buf.add(n);
        assertThat(buf.toList()).containsExactly(p, q, n);
        assertThat(Fix.of(q).toObservation()).isEqualTo(q);
    }
}
