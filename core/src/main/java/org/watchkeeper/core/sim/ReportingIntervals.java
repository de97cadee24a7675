package org.watchkeeper.core.sim;

/**
 * Autonomous reporting intervals of shipborne AIS, as the simulator transmits them.
 *
 * <p>Class A, ITU-R M.1371-5 Annex 1 Table 1: at anchor or moored and not faster than 3 kn: 3 min;
 * 0-14 kn: 10 s; 14-23 kn: 6 s; over 23 kn: 2 s. (The shorter intervals the table gives while
 * changing course are not simulated: simulated ships turn at waypoints without a turn phase.)
 * Static and voyage data (message 5): every 6 min. Class B "CS" units (IEC 62287-1): 30 s above
 * 2 kn, 3 min at 2 kn or less; static data report (message 24 parts A and B): every 6 min.
 */
public final class ReportingIntervals {
    /** Static data (message 5, and message 24 A and B) interval: 6 minutes. */
    public static final int STATIC_SECONDS = 360;

    private ReportingIntervals() {
    }

    /**
     * Class A position report interval.
     *
     * @param sogKnots speed over ground, knots (NaN counts as 0)
     * @param navigationStatus ITU navigational status (1 at anchor, 5 moored)
     * @return seconds: 180, 10, 6 or 2
     */
    public static int classASeconds(double sogKnots, int navigationStatus) {
        double v = Double.isNaN(sogKnots) ? 0 : sogKnots;
        if ((navigationStatus == 1 || navigationStatus == 5) && v <= 3) {
            return 180;
        }
        if (v > 23) {
            return 2;
        }
        if (v > 14) {
            return 6;
        }
        return 10;
    }

    /**
     * Class B "CS" position report interval.
     *
     * @param sogKnots speed over ground, knots (NaN counts as 0)
     * @return seconds: 30 or 180
     */
    public static int classBSeconds(double sogKnots) {
        return !Double.isNaN(sogKnots) && sogKnots > 2 ? 30 : 180;
    }
}
