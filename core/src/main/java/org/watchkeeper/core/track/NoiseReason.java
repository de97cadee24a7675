package org.watchkeeper.core.track;

/** Why the {@link Tracker} did not put a position into a track. Counted per reason. */
public enum NoiseReason {
    /** Latitude or longitude not available (91°/181°) or out of range. */
    NOT_AVAILABLE,
    /** More than the land tolerance inland (see {@code LandMask}). */
    ON_LAND,
    /**
     * Same MMSI and content as a fix accepted within the duplicate window (another receiving station),
     * or a moving vessel's report heard again later, where the vessel no longer is (a stale repeat:
     * {@link org.watchkeeper.core.observation.MovingReports}).
     */
    DUPLICATE,
    /** Older than the vessel's last accepted fix. */
    OUT_OF_ORDER,
    /** Event time beyond the future bound. */
    FUTURE,
    /** Long-range type 27 fix while a recent precise fix exists (case B32). */
    LOW_RESOLUTION,
    /**
     * Reported speed over ground of 50 kn or more that neither the vessel's previous report nor the distance it moved
     * supports (a single-fix glitch such as 102.2 kn from a ship at anchor); see {@link Tracker}.
     */
    SPEED_OUTLIER
}
