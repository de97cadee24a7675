package org.watchkeeper.core.observation;

import org.watchkeeper.ais.nmea.TimeSource;

/**
 * A reported position and motion (AIS types 1-3, 4, 9, 11, 18, 19, 21, 27, or a CSV row).
 *
 * @param time epoch milliseconds UTC
 * @param source receiver/station id or file; may be null
 * @param mmsi source MMSI
 * @param messageType 1..27 or {@link Observation#NO_MESSAGE_TYPE}
 * @param classEvidence what the message says about the station class
 * @param latitude degrees -90..90; {@code NaN} when not available
 * @param longitude degrees -180..180; {@code NaN} when not available
 * @param speedOverGround knots; {@code NaN} when not available (never 102.3)
 * @param courseOverGround degrees 0..359.9; {@code NaN} when not available
 * @param heading degrees 0..359; {@link Observation#NOT_AVAILABLE} when not available
 * @param navigationStatus 0..15 (ITU-R M.1371-5 Table 45); {@link Observation#NOT_AVAILABLE} when
 *        the message has none (Class B, base station, SAR aircraft, AtoN)
 * @param highAccuracy position accuracy flag: true ≤ 10 m (DGNSS)
 * @param lowResolution true for a long-range type 27 fix (1/10 minute, about 190 m) that must not
 *        override recent precise fixes
 * @param timeSource where {@code time} came from when the observation was read from an NMEA stream
 *        (tag block, {@code $PGHP}, epoch suffix, receive clock); null otherwise (CSV rows, whose
 *        time column is the provider's fix time)
 * @param utcSecond the report's own time stamp as sent, 0..63 (ITU-R M.1371-5 Annex 8 "Time stamp": 0-59 the
 *        UTC second of the fix, 60 not available, 61 manual input, 62 dead reckoning, 63
 *        positioning system inoperative; the second of the UTC time for message 4);
 *        {@link Observation#NOT_AVAILABLE} when the message has none (type 27) or the observation
 *        did not come from a message. See {@link ReportTime}.
 * @param feedTimeUntrusted true when the stream this came from gives times that mostly disagree with
 *        the reports' own UTC seconds ({@link ReceiveTimeCheck}: e.g. a satellite feed's batch
 *        delivery times), so that no time of it can be trusted to the second
 */
public record PositionObservation(
        long time,
        String source,
        int mmsi,
        int messageType,
        StationClass classEvidence,
        double latitude,
        double longitude,
        double speedOverGround,
        double courseOverGround,
        int heading,
        int navigationStatus,
        boolean highAccuracy,
        boolean lowResolution,
        TimeSource timeSource,
        int utcSecond,
        boolean feedTimeUntrusted) implements Observation {

    /** An observation without receive-time source or report second (CSV rows, tests, simulations). */
    public PositionObservation(long time, String source, int mmsi, int messageType, StationClass classEvidence,
            double latitude, double longitude, double speedOverGround, double courseOverGround, int heading,
            int navigationStatus, boolean highAccuracy, boolean lowResolution) {
        this(time, source, mmsi, messageType, classEvidence, latitude, longitude, speedOverGround, courseOverGround,
                heading, navigationStatus, highAccuracy, lowResolution, null, Observation.NOT_AVAILABLE, false);
    }

    /**
     * How much earlier than {@link #time()} the report may have been made, beyond the few seconds
     * of a receiver's latency ({@link ReportTime#slackMillis}): 0 for a time that agrees with the
     * report's second; the latency to the reconciled report time for a reception that disagrees
     * (under a minute); {@link ReportTime#UNCERTAIN_INTERVAL_MILLIS} for a time that cannot be
     * trusted at all. Implied-speed checks add it to the interval between two fixes.
     */
    public long timeSlackMillis() {
        return ReportTime.slackMillis(time, timeSource, utcSecond, feedTimeUntrusted);
    }

    /** Whether {@link #timeSlackMillis()} is not 0: the time cannot be trusted to a few seconds. */
    public boolean timeUncertain() {
        return timeSlackMillis() != 0;
    }

    /**
     * When the report was made: the start of the latest UTC second at or before {@link #time()}
     * (plus {@link ReportTime#CLOCK_BEHIND_MILLIS}) whose second is {@link #utcSecond()}; exact for
     * feeds with less than a minute of latency. {@link #time()} when the second is not available.
     */
    public long reportTime() {
        return ReportTime.reconcile(time, utcSecond, ReportTime.CLOCK_BEHIND_MILLIS);
    }

    /**
     * Whether this is a vessel's report of its own position: an AIS position report of a mobile
     * station at sea, message type 1, 2, 3 (Class A), 18, 19 (Class B) or 27 (long-range broadcast),
     * not a base station's (4), an aid to navigation's (21) or a SAR aircraft's (9). An observation
     * not read from an AIS message ({@link Observation#NO_MESSAGE_TYPE}: a row of a DMA or
     * MarineCadastre CSV export, which keeps no message type) is one unless its class says otherwise:
     * Class A, Class B and a row that gives no class are; a base station, aid to navigation or SAR
     * aircraft ({@link #classEvidence()}, from DMA's {@code Type of mobile}) is not.
     */
    public boolean vesselReport() {
        if (messageType == Observation.NO_MESSAGE_TYPE) {
            return classEvidence == StationClass.A || classEvidence == StationClass.B || classEvidence == StationClass.UNKNOWN;
        }
        return (messageType >= 1 && messageType <= 3) || messageType == 18 || messageType == 19 || messageType == 27;
    }

    /**
     * Whether this is the position of a station that does not move under way: a base station's
     * (message type 4) or an aid to navigation's (21), or a CSV row whose class is one of those.
     */
    public boolean fixedStationReport() {
        if (messageType == Observation.NO_MESSAGE_TYPE) {
            return classEvidence == StationClass.BASE_STATION || classEvidence == StationClass.AID_TO_NAVIGATION;
        }
        return messageType == 4 || messageType == 21;
    }

    /** Whether this is a SAR aircraft's position report: message type 9, or a CSV row of that class. */
    public boolean aircraftReport() {
        return messageType == 9 || (messageType == Observation.NO_MESSAGE_TYPE && classEvidence == StationClass.SAR_AIRCRAFT);
    }

    /** Whether both coordinates are available and in range. */
    public boolean hasPosition() {
        return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180;
    }

    /**
     * Whether another observation says the same thing (same MMSI, type and reported values; times
     * and sources may differ). Used to recognise one transmission heard by several stations.
     */
    public boolean sameContent(PositionObservation o) {
        return mmsi == o.mmsi && messageType == o.messageType
                && Double.compare(latitude, o.latitude) == 0 && Double.compare(longitude, o.longitude) == 0
                && Double.compare(speedOverGround, o.speedOverGround) == 0
                && Double.compare(courseOverGround, o.courseOverGround) == 0
                && heading == o.heading && navigationStatus == o.navigationStatus
                && lowResolution == o.lowResolution;
    }

    /**
     * A hash of what {@link #sameContent} compares: equal for observations with the same content (so a
     * differing hash proves different content), different for most others. Lets a duplicate check
     * compare numbers kept beside earlier observations before it reads any of them.
     */
    public long contentHash() {
        long h = mmsi * 0x9E3779B97F4A7C15L + messageType;
        h = (h ^ Double.doubleToLongBits(latitude)) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ Double.doubleToLongBits(longitude)) * 0x165667B19E3779F9L;
        h = (h ^ Double.doubleToLongBits(speedOverGround)) * 0x9E3779B97F4A7C15L;
        h = (h ^ Double.doubleToLongBits(courseOverGround)) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ ((long) heading << 32 | (navigationStatus & 0xffff_ffffL))) * 0x165667B19E3779F9L;
        return h ^ (lowResolution ? 1 : 0) ^ (h >>> 29);
    }
}
