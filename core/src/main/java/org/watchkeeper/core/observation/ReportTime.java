package org.watchkeeper.core.observation;

import org.watchkeeper.ais.nmea.TimeSource;

/**
 * When a position report was made, reconciled from its receive time and its own UTC second, and
 * whether its event time can be trusted to the second.
 *
 * <p><b>The two clocks.</b> An observation's {@link Observation#time() event time} is a receive time
 * written by the receiving side: the IEC 61162-450 tag block {@code c:} parameter, a Gatehouse
 * {@code $PGHP} line, an epoch after the sentence checksum, or the live receive clock. A position
 * report carries its own "time stamp": the UTC second (0-59) in which the transmitting station's
 * position fixing device made the fix, 60 when not available, 61 manual input, 62 dead reckoning,
 * 63 positioning system inoperative (ITU-R M.1371-5, Annex 8, field "Time stamp" of messages 1-3; the same
 * field in messages 9, 18, 19 and 21; message 4 sends the full UTC time). A terrestrial receiver
 * passes a report on within a second or two, so its receive time's second agrees with the report's
 * second to a few seconds. The real logs show that agreement for every feed that times receptions
 * (DMA national network {@code $PGHP}, AMSA terrestrial epoch suffixes: receive second minus report
 * second in [-2, +3] s for 86-100 % of fixes) and its absence where the written time is not the
 * reception (exactEarth satellite files: the epoch suffix is a delivery time shared by a batch of
 * messages, 18 to 113 minutes after the report according to the UTC hour and minute that SOTDMA
 * communication states carry; their seconds disagree uniformly).
 *
 * <p><b>Reconciliation.</b> The report was made in the latest UTC second at or before the receive
 * time (plus {@link #CLOCK_BEHIND_MILLIS} for a receiver clock that runs slightly behind) whose
 * second of the minute equals the report's time stamp. That is exact, to the second, for any feed
 * whose latency is below a minute; for a longer latency the true report time is that instant minus
 * a whole number of minutes, which nothing in a position report can tell.
 *
 * <p><b>Slack.</b> How much earlier than its event time a report may have been made, beyond a
 * receiver's normal latency ({@link #slackMillis}):
 * <ul>
 * <li>0 when the report's second agrees with the event time: it lies within
 *     [{@code -}{@link #CLOCK_BEHIND_MILLIS}, {@link #MAX_LATENCY_MILLIS}] of it; also for
 *     observations not read from an NMEA stream (CSV rows: the provider's fix time) and for
 *     receptions without a second timed by a tag block, {@code $PGHP} or the receive clock;</li>
 * <li>the latency to the reconciled report time (under a minute) when the second disagrees but the
 *     stream's times are otherwise receptions: a report passed on late (a repeater, a
 *     store-and-forward station);</li>
 * <li>{@link #UNCERTAIN_INTERVAL_MILLIS} when the time cannot be trusted at all: the stream's times
 *     mostly disagree with the reports' seconds ({@link ReceiveTimeCheck}: delivery times), or the
 *     report has no second and its time is an epoch suffix (a field of no standard meaning that
 *     some feeds fill with a delivery time) or was carried over from an earlier line of the log
 *     ({@link TimeSource#NONE}).</li>
 * </ul>
 * Checks that divide a distance by the time between two fixes add both fixes' slack to the
 * interval ({@link #maxIntervalMillis}), so a batch time shared by fixes made minutes apart never
 * implies an impossible speed.
 */
public final class ReportTime {

    /** A receive clock may run up to 2 s behind the transmitter's GNSS clock and still be trusted. */
    public static final long CLOCK_BEHIND_MILLIS = 2_000;
    /**
     * A receive time up to 5 s after the report's second is trusted: terrestrial feeds pass reports
     * on within 0-3 s (the DMA and AMSA terrestrial logs), plus a margin.
     */
    public static final long MAX_LATENCY_MILLIS = 5_000;
    /**
     * How much an uncertain event time may be off, for implied-speed checks: 3 h. The exactEarth
     * satellite logs deliver reports 18 to 113 minutes after they were made (a handful of outliers
     * aside), and satellite passes over one area recur within about 100 minutes.
     */
    public static final long UNCERTAIN_INTERVAL_MILLIS = 3 * 3_600_000L;

    private ReportTime() {
    }

    /**
     * Whether a UTC second is a real second of the minute (0..59); 60 (not available), 61-63
     * (manual input, dead reckoning, positioning system inoperative) and
     * {@link Observation#NOT_AVAILABLE} are not.
     */
    public static boolean isSecond(int utcSecond) {
        return utcSecond >= 0 && utcSecond <= 59;
    }

    /**
     * The start of the latest UTC second at or before {@code receiveMillis + allowanceMillis} whose
     * second of the minute is {@code utcSecond}.
     *
     * @param receiveMillis receive time, epoch milliseconds UTC
     * @param utcSecond the report's time stamp
     * @param allowanceMillis how far after the receive time the report may lie (receiver clock
     *        behind), ≥ 0
     * @return epoch milliseconds UTC (a whole second), or {@code receiveMillis} when
     *         {@code utcSecond} is not a second ({@link #isSecond})
     */
    public static long reconcile(long receiveMillis, int utcSecond, long allowanceMillis) {
        if (!isSecond(utcSecond)) {
            return receiveMillis;
        }
        long s = Math.floorDiv(receiveMillis + allowanceMillis, 1000L);
        long back = Math.floorMod(s - utcSecond, 60L);
        return (s - back) * 1000L;
    }

    /**
     * The receive time minus the reconciled report time, in milliseconds: from
     * {@code -CLOCK_BEHIND_MILLIS} to a little under a minute; 0 when {@code utcSecond} is not a
     * second.
     */
    public static long latencyMillis(long receiveMillis, int utcSecond) {
        return receiveMillis - reconcile(receiveMillis, utcSecond, CLOCK_BEHIND_MILLIS);
    }

    /**
     * Whether a report's second agrees with its receive time: it lies within
     * [{@code -}{@link #CLOCK_BEHIND_MILLIS}, {@link #MAX_LATENCY_MILLIS}] of it (whole seconds).
     *
     * @return false when {@code utcSecond} is not a second ({@link #isSecond})
     */
    public static boolean agrees(long receiveMillis, int utcSecond) {
        return isSecond(utcSecond) && latencyMillis(receiveMillis, utcSecond) < MAX_LATENCY_MILLIS + 1000L;
    }

    /**
     * How much earlier than {@code receiveMillis} the report may have been made (rules in the class
     * comment).
     *
     * @param receiveMillis event time, epoch milliseconds UTC
     * @param source where it came from; {@link TimeSource#NONE} for a time carried over from an
     *        earlier line or assumed; null for an observation not read from an NMEA stream
     * @param utcSecond the report's time stamp, {@link Observation#NOT_AVAILABLE} when it has none
     * @param feedUntrusted whether the stream's times mostly disagree with reports' seconds
     * @return milliseconds: 0, up to 59 999, or {@link #UNCERTAIN_INTERVAL_MILLIS}
     */
    public static long slackMillis(long receiveMillis, TimeSource source, int utcSecond, boolean feedUntrusted) {
        if (source == null) {
            return 0;
        }
        if (feedUntrusted) {
            return UNCERTAIN_INTERVAL_MILLIS;
        }
        if (!isSecond(utcSecond)) {
            return source == TimeSource.TRAILER || source == TimeSource.NONE ? UNCERTAIN_INTERVAL_MILLIS : 0;
        }
        long lag = latencyMillis(receiveMillis, utcSecond);
        return lag < MAX_LATENCY_MILLIS + 1000L ? 0 : lag;
    }

    /**
     * The longest the time between two fixes can have been: the difference of their event times
     * plus each fix's {@linkplain PositionObservation#timeSlackMillis() slack}. Implied-speed checks
     * divide by this to get the lowest speed the two fixes are consistent with.
     *
     * @return milliseconds, ≥ 0
     */
    public static long maxIntervalMillis(PositionObservation a, PositionObservation b) {
        return Math.abs(b.time() - a.time()) + a.timeSlackMillis() + b.timeSlackMillis();
    }
}
