package org.watchkeeper.core.observation;

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
        boolean lowResolution) implements Observation {

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
}
