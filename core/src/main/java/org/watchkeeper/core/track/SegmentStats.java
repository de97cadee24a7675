package org.watchkeeper.core.track;

/**
 * Summary of a track segment. Not-available values never enter it: reported speeds that were
 * "not available" (code 1023) are left out of the reported-speed figures, which are {@code NaN}
 * when no fix reported a speed.
 *
 * @param startTime epoch ms UTC of the first fix
 * @param endTime epoch ms UTC of the last fix
 * @param points number of fixes
 * @param distanceM great-circle distance along the fixes, metres
 * @param meanDerivedSpeedKnots distance / duration in knots; NaN when the segment lasts less than 30 s
 *        (a single fix, or fixes so close in time that GNSS jitter and time uncertainty dominate)
 * @param maxDerivedSpeedKnots largest speed between consecutive fixes at least 30 s apart, knots
 *        (closer fixes are too sensitive to GNSS jitter); 0 when there is no such pair
 * @param meanReportedSpeedKnots mean of the available reported speeds over ground; NaN if none
 * @param maxReportedSpeedKnots largest available reported speed; NaN if none
 */
public record SegmentStats(
        long startTime,
        long endTime,
        int points,
        double distanceM,
        double meanDerivedSpeedKnots,
        double maxDerivedSpeedKnots,
        double meanReportedSpeedKnots,
        double maxReportedSpeedKnots) {
}
