package org.watchkeeper.core.detect.port;

/**
 * Thresholds of {@link PortVisitDetector}. Distances in metres, speeds in knots, times in ms.
 *
 * @param entryRadiusMetres a visit starts at the first fix within this distance of a listed port
 *        point, or inside a port polygon. Default 3 000 m: Global Fishing Watch's port visit rule
 *        ("port entry: within 3 km of an anchorage", GFW anchorages and port visits documentation,
 *        globalfishingwatch.org/datasets-and-code-anchorages).
 * @param exitRadiusMetres the visit ends at the first fix farther than this from the point port.
 *        Default 4 000 m: GFW's "port exit: beyond 4 km", the 1 km band making entry/exit a hysteresis.
 * @param polygonExitMarginMetres for a port polygon, the visit ends at the first fix outside the
 *        polygon by more than this margin. Default 1 000 m: GFW's 4 km − 3 km hysteresis band applied
 *        to the polygon's edge.
 * @param stopSpeedKnots a stop starts at a fix slower than this. Default 0.2 kn (GFW: "port stop
 *        begins when speed drops below 0.2 knots").
 * @param resumeSpeedKnots a stop ends at a fix faster than this. Default 0.5 kn (GFW: "... ends when
 *        speed rises above 0.5 knots").
 * @param requireStopOrGap emit only visits with at least one stop or port gap (more than 4 h between two
 *        fixes in port). Default true: a vessel that passes within 3 km of a port without stopping is
 *        transiting, not visiting; GFW gives such entry/exit pairs its lowest confidence, 1, and
 *        publishes visits of confidence 2 and above, which all have a stop or a gap.
 * @param silenceMillis a visit whose vessel sends nothing for this long is closed at its last fix
 *        (attribute {@code departed=false}). Default 24 h; GFW's published rule does not bound a visit
 *        in time, this bound is Watchkeeper's choice so that state and open visits stay bounded and
 *        a visit open at the end of the input is reported.
 * @param mergeGapMillis a visit that ended by departure and the vessel's next visit to the same port
 *        (same {@link org.watchkeeper.core.ref.port.Port#id()}: the port itself or one of its
 *        anchorages) are one visit, of two parts, when the next arrival comes less than this after the
 *        departure and the vessel neither stopped (a fix below {@code stopSpeedKnots}) nor reached
 *        another port in between: a ship that waits at an outer anchorage and then goes in to berth
 *        makes one port call. Default 4 h: Global Fishing Watch counts one visit from port entry to port
 *        exit, an entry being within 3 km of any anchorage point of the port and the exit more than 4 km
 *        from the last ("these may be different anchorage points", GFW technical documentation,
 *        "Anchorages, voyages and port visits"), and keeps the vessel in that visit through an AIS
 *        silence in port, which its port gap marks from 4 h; GFW's dense anchorage points cover the way
 *        from anchorage to berth, a port list's few points do not, so the time between two of them is
 *        allowed up to GFW's port gap. 0 merges nothing (every stay at a listed point is its own visit).
 */
public record PortVisitConfig(double entryRadiusMetres, double exitRadiusMetres, double polygonExitMarginMetres,
        double stopSpeedKnots, double resumeSpeedKnots, boolean requireStopOrGap, long silenceMillis,
        long mergeGapMillis) {

    /** The defaults documented on the components. */
    public static final PortVisitConfig DEFAULTS = new PortVisitConfig(3_000, 4_000, 1_000, 0.2, 0.5, true,
            24 * 3_600_000L, 4 * 3_600_000L);

    /** @throws IllegalArgumentException when exit < entry, resume < stop, a value is not positive or the merge gap is negative */
    public PortVisitConfig {
        if (!(entryRadiusMetres > 0) || !(exitRadiusMetres >= entryRadiusMetres) || !(polygonExitMarginMetres >= 0)) {
            throw new IllegalArgumentException("need 0 < entry <= exit radius and margin >= 0");
        }
        if (!(stopSpeedKnots > 0) || !(resumeSpeedKnots >= stopSpeedKnots) || silenceMillis <= 0) {
            throw new IllegalArgumentException("need 0 < stop <= resume speed and silence > 0");
        }
        if (mergeGapMillis < 0) {
            throw new IllegalArgumentException("need merge gap >= 0, got " + mergeGapMillis);
        }
    }
}
