package org.watchkeeper.core.detect.chokepoint;

/**
 * Settings of {@link ChokepointTransitDetector}. Times in ms.
 *
 * @param recountWindowMillis a vessel's passage through a chokepoint starting within this time after
 *        the start of its last counted passage through the same chokepoint is not counted again.
 *        Default 48 h: IMF PortWatch, "Monitoring trade disruptions from space: chokepoint transit
 *        calls" (Arslanalp, Koepke and Verschuur, IMF Working Paper 2023), which counts a vessel once
 *        per chokepoint within 48 hours.
 * @param maxSilenceMillis a passage whose vessel sends nothing for this long is closed at its last fix
 *        inside; two fixes further apart than this are never joined into a crossing. Default 12 h
 *        (Watchkeeper choice; PortWatch works on daily snapshots and states none).
 * @param minTransitDistanceMetres a passage is a transit when the vessel's fixes in it lie at least
 *        this far apart (or its mean reported speed reaches {@code minTransitSpeedKnots}); a vessel at
 *        anchor or moored inside the area is not passing through it. Default 1 852 m (1 nautical mile:
 *        wider than the swinging circle of a ship at anchor, which is its length plus the cable paid
 *        out, a few hundred metres). Watchkeeper choice: PortWatch counts ships passing through.
 * @param minTransitSpeedKnots a passage whose fixes lie closer together than
 *        {@code minTransitDistanceMetres} (a single fix from a sparse satellite log, or a log that
 *        starts or ends while the vessel is inside) is a transit when its mean reported speed over
 *        ground is at least this. Default 2 kn, the speed under which Global Fishing Watch counts a
 *        vessel as slow in its encounter and loitering methods.
 * @param maxCrossingSpeedKnots two fixes outside an area whose straight track crosses it make a
 *        crossing only if a ship could link them: the great-circle speed between them at most this.
 *        Default 50 kn, the bound {@code IdentityConflictDetector} uses for a ship (a placeholder MMSI
 *        such as 000000000 shared by ships far apart otherwise "crosses" a strait).
 */
public record ChokepointConfig(long recountWindowMillis, long maxSilenceMillis, double minTransitDistanceMetres,
        double minTransitSpeedKnots, double maxCrossingSpeedKnots) {
    /** The defaults documented on the components. */
    public static final ChokepointConfig DEFAULTS = new ChokepointConfig(48 * 3_600_000L, 12 * 3_600_000L, 1_852, 2,
            50);

    /** @throws IllegalArgumentException for negative or zero times, negative distance or speed, a NaN */
    public ChokepointConfig {
        if (recountWindowMillis < 0 || maxSilenceMillis <= 0) {
            throw new IllegalArgumentException("times must be positive");
        }
        if (!(minTransitDistanceMetres >= 0) || !(minTransitSpeedKnots >= 0) || !(maxCrossingSpeedKnots > 0)) {
            throw new IllegalArgumentException("distance and speeds must be non-negative numbers, the crossing speed positive");
        }
    }
}
