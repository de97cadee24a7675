package org.watchkeeper.core.detect.encounter;

/**
 * Thresholds of {@link EncounterDetector}. Distances in metres, speeds in knots, times in ms.
 *
 * <p>Defaults after Miller, N.A., Roan, A., Hochberg, T., Amos, J., Kroodsma, D.A. (2018),
 * "Identifying global patterns of transshipment behavior", Frontiers in Marine Science 5:240, and
 * Global Fishing Watch's encounter events documentation, which apply the same rule.
 *
 * @param maxDistanceMetres two vessels are "together" when their fixes are at most this far apart.
 *        Default 500 m (Miller et al. 2018: "within 500 m").
 * @param minDurationMillis an encounter lasts at least this long. Default 2 h (Miller et al. 2018: "for
 *        at least 2 hours").
 * @param maxMedianSpeedKnots the median speed of both vessels' fixes during the encounter is below
 *        this. Default 2 kn (Miller et al. 2018: "traveling at a median speed less than 2 knots").
 * @param minPortDistanceMetres the encounter's mean position is at least this far from any port or
 *        anchorage. Default 10 km (Miller et al. 2018: "at least 10 km from a coastal anchorage").
 * @param mergeGapMillis two encounters of the same pair whose gap is at most this are one. Default 4 h
 *        (GFW encounter events: "encounters of the same pair separated by less than 4 hours are merged").
 * @param maxFixAgeMillis two fixes are compared only when at most this far apart in time; a pair not
 *        seen together for longer ends its run at the last fix that was. Default 10 min: Miller et al.
 *        resample every track to 10-minute intervals before comparing positions.
 * @param cellSizeDegrees the grid cell (latitude and longitude degrees) that keys the detector's
 *        state. Default 0.5°; a Watchkeeper choice trading state per cell against how far an encounter
 *        may drift from the cell where it began (see {@link EncounterDetector}).
 * @param marginMetres a fix is also routed to each neighbour cell whose border is within this
 *        distance. Must be at least {@code maxDistanceMetres}. Default 5 km (Watchkeeper choice).
 * @param sampleIntervalMillis each vessel takes part with its first fix in each interval of this
 *        length (epoch-aligned; see {@link org.watchkeeper.core.detect.Detector#sampleIntervalMillis()});
 *        0 compares every fix. At most half of {@code maxFixAgeMillis}. Default 60 s: a Class A ship
 *        under way reports every 2-10 s (ITU-R M.1371-5, Annex 1, Table 1), some 6-30 fixes a minute that
 *        say the same for a 2-hour, 500-metre question; Miller et al. compare tracks resampled to 10
 *        minutes (GFW's feature pipeline interpolates each track to a fixed increment, then compares
 *        the vessels of each time step cell by cell).
 */
public record EncounterConfig(double maxDistanceMetres, long minDurationMillis, double maxMedianSpeedKnots,
        double minPortDistanceMetres, long mergeGapMillis, long maxFixAgeMillis, double cellSizeDegrees,
        double marginMetres, long sampleIntervalMillis) {

    /** The defaults documented on the components. */
    public static final EncounterConfig DEFAULTS = new EncounterConfig(500, 2 * 3_600_000L, 2.0, 10_000,
            4 * 3_600_000L, 10 * 60_000L, 0.5, 5_000, 60_000);

    /**
     * @throws IllegalArgumentException for non-positive values, a margin below the distance, a cell not
     *         dividing 180°, or a sample interval outside {@code 0 .. maxFixAgeMillis / 2}
     */
    public EncounterConfig {
        if (!(maxDistanceMetres > 0) || minDurationMillis < 0 || !(maxMedianSpeedKnots > 0)
                || !(minPortDistanceMetres >= 0) || mergeGapMillis < 0 || maxFixAgeMillis <= 0) {
            throw new IllegalArgumentException("encounter thresholds must be positive");
        }
        if (sampleIntervalMillis < 0 || sampleIntervalMillis > maxFixAgeMillis / 2) {
            throw new IllegalArgumentException("sample interval " + sampleIntervalMillis + " ms must lie in 0 .. "
                    + maxFixAgeMillis / 2 + " (half the fix age)");
        }
        if (!(marginMetres >= maxDistanceMetres)) {
            throw new IllegalArgumentException("margin " + marginMetres + " m must be >= distance " + maxDistanceMetres + " m");
        }
        double n = 180 / cellSizeDegrees;
        if (!(cellSizeDegrees > 0) || Math.abs(n - Math.rint(n)) > 1e-9
                || cellSizeDegrees * 111_000 * Math.cos(Math.toRadians(85)) < marginMetres / 10) {
            throw new IllegalArgumentException("cell size must divide 180 degrees and be much larger than the margin: " + cellSizeDegrees);
        }
    }
}
