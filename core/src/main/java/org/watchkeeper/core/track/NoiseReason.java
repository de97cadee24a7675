package org.watchkeeper.core.track;

import org.watchkeeper.ais.Reason;

/**
 * Why the {@link Tracker} did not put a position into a track. Counted per reason.
 *
 * <p>A reason has two spellings, as a rejected line's {@code RejectReason} has: {@link #code()}
 * ({@code duplicate}, {@code out_of_order}) wherever a program reads it (the keys of
 * {@code summary.json}'s {@code rejected.positions}, the Flink job's {@code noise.<code>} metrics), and
 * {@link #description()} ({@code duplicate}, {@code out of order}) in the summaries a person reads.
 */
public enum NoiseReason implements Reason {
    /** Latitude or longitude not available (91°/181°) or out of range. */
    NOT_AVAILABLE("not available"),
    /** More than the land tolerance inland (see {@code LandMask}). */
    ON_LAND("on land"),
    /**
     * Same MMSI and content as a fix accepted within the duplicate window (another receiving station),
     * or a moving vessel's report heard again later, where the vessel no longer is (a stale repeat:
     * {@link org.watchkeeper.core.observation.MovingReports}).
     */
    DUPLICATE("duplicate"),
    /** Older than the vessel's last accepted fix. */
    OUT_OF_ORDER("out of order"),
    /** Event time beyond the future bound. */
    FUTURE("in the future"),
    /** Long-range type 27 fix while a recent precise fix exists (case B32). */
    LOW_RESOLUTION("low resolution"),
    /**
     * Reported speed over ground of 50 kn or more that neither the vessel's previous report nor the distance it moved
     * supports (a single-fix glitch such as 102.2 kn from a ship at anchor); see {@link Tracker}.
     */
    SPEED_OUTLIER("speed outlier");

    private final String description;

    NoiseReason(String description) {
        this.description = description;
    }

    /** A short description for summaries a person reads: {@code duplicate}, {@code out of order}, {@code on land}. */
    @Override
    public String description() {
        return description;
    }

    /** The reason whose {@link #code()} is {@code code}, or null when none has it. */
    public static NoiseReason ofCode(String code) {
        return Reason.ofCode(NoiseReason.class, code);
    }
}
