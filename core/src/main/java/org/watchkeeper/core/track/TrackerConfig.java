package org.watchkeeper.core.track;

import org.watchkeeper.core.ref.LandMask;

/**
 * Settings of the {@link Tracker}. The segmentation thresholds follow Global Fishing Watch's AIS
 * segmenter (gpsdio-segment, as used in Kroodsma et al., "Tracking the global footprint of
 * fisheries", Science 359, 2018): a new segment starts after a gap of more than 24 hours or when
 * reaching the next fix from the last good one would need more than 25 knots.
 *
 * @param maxGapMillis a gap longer than this starts a new segment (default 24 h)
 * @param maxSpeedKnots implied speed above which a fix cannot continue a segment (default 25 kn)
 * @param noiseDistanceM distance forgiven before the implied speed is computed, so that GNSS
 *        jitter between fixes a few seconds apart does not look like a jump (default 185.2 m =
 *        0.1 nmi, about the resolution of a type 27 fix)
 * @param duplicateWindowMillis the same MMSI with the same content within this time is one
 *        transmission heard by several stations (default 10 s)
 * @param maxFutureMillis a fix more than this ahead of the tracker's clock (the receive clock when
 *        live, the wall clock otherwise) is future-dated and rejected (default 10 min)
 * @param lowResolutionHoldMillis a low-resolution (type 27) fix is rejected while a precise fix of
 *        the same vessel younger than this exists (default 10 min; Class A vessels at anchor or moored
 *        report every 3 minutes)
 * @param maxOpenSegments open segments kept per vessel (different transmitters sharing an MMSI);
 *        the stalest is closed when a new one would exceed this (default 4)
 * @param landMask the land mask, or null not to reject positions on land
 * @param landToleranceM the tolerance of {@link LandMask#isOnLand(double, double, double)} (default 2 000 m)
 * @param maxVessels vessels held; the least recently seen one is dropped (its segments closed) beyond it
 * @param speedOutlierWindowMillis a reported speed over ground is judged against the vessel's newest
 *        accepted fix when that fix is at most this old (default 10 min, a little over three reporting
 *        intervals of a Class A ship at anchor); 0 turns the {@link NoiseReason#SPEED_OUTLIER} check off
 */
public record TrackerConfig(
        long maxGapMillis,
        double maxSpeedKnots,
        double noiseDistanceM,
        long duplicateWindowMillis,
        long maxFutureMillis,
        long lowResolutionHoldMillis,
        int maxOpenSegments,
        LandMask landMask,
        double landToleranceM,
        int maxVessels,
        long speedOutlierWindowMillis) {

    /** The settings before the speed outlier check existed, with its default window. */
    public TrackerConfig(long maxGapMillis, double maxSpeedKnots, double noiseDistanceM, long duplicateWindowMillis,
                         long maxFutureMillis, long lowResolutionHoldMillis, int maxOpenSegments, LandMask landMask,
                         double landToleranceM, int maxVessels) {
        this(maxGapMillis, maxSpeedKnots, noiseDistanceM, duplicateWindowMillis, maxFutureMillis, lowResolutionHoldMillis,
                maxOpenSegments, landMask, landToleranceM, maxVessels, DEFAULT_SPEED_OUTLIER_WINDOW_MILLIS);
    }

    /** Default of {@code speedOutlierWindowMillis}: 10 minutes. */
    public static final long DEFAULT_SPEED_OUTLIER_WINDOW_MILLIS = 600_000L;

    /** The defaults listed above, without a land mask. */
    public static TrackerConfig defaults() {
        return new TrackerConfig(24 * 3_600_000L, 25.0, 185.2, 10_000L, 600_000L, 600_000L, 4, null,
                LandMask.DEFAULT_INLAND_TOLERANCE_M, 200_000);
    }

    /** A copy with this land mask (null for none). */
    public TrackerConfig withLandMask(LandMask mask) {
        return new TrackerConfig(maxGapMillis, maxSpeedKnots, noiseDistanceM, duplicateWindowMillis, maxFutureMillis,
                lowResolutionHoldMillis, maxOpenSegments, mask, landToleranceM, maxVessels, speedOutlierWindowMillis);
    }

    /** A copy with these segmentation thresholds. */
    public TrackerConfig withSegmentation(long gapMillis, double speedKnots) {
        return new TrackerConfig(gapMillis, speedKnots, noiseDistanceM, duplicateWindowMillis, maxFutureMillis,
                lowResolutionHoldMillis, maxOpenSegments, landMask, landToleranceM, maxVessels, speedOutlierWindowMillis);
    }

    /** A copy with this speed outlier window (0: no speed outlier check). */
    public TrackerConfig withSpeedOutlierWindow(long millis) {
        return new TrackerConfig(maxGapMillis, maxSpeedKnots, noiseDistanceM, duplicateWindowMillis, maxFutureMillis,
                lowResolutionHoldMillis, maxOpenSegments, landMask, landToleranceM, maxVessels, millis);
    }

    /** A copy holding at most this many vessels. */
    public TrackerConfig withMaxVessels(int n) {
        return new TrackerConfig(maxGapMillis, maxSpeedKnots, noiseDistanceM, duplicateWindowMillis, maxFutureMillis,
                lowResolutionHoldMillis, maxOpenSegments, landMask, landToleranceM, n, speedOutlierWindowMillis);
    }
}
