package org.watchkeeper.core.observation;

/**
 * Distances in metres from the position reference point to bow, stern, port and starboard
 * (ITU-R M.1371-5 Fig. 42 / Table 52), as sent: 0 means "not available" for that side, 511 (bow,
 * stern) and 63 (port, starboard) mean that value or more.
 */
public record Dimensions(int toBow, int toStern, int toPort, int toStarboard) implements java.io.Serializable {

    /** Length overall in metres (bow + stern), or {@link Observation#NOT_AVAILABLE} when both are 0. */
    public int length() {
        return toBow + toStern == 0 ? Observation.NOT_AVAILABLE : toBow + toStern;
    }

    /** Beam in metres (port + starboard), or {@link Observation#NOT_AVAILABLE} when both are 0. */
    public int beam() {
        return toPort + toStarboard == 0 ? Observation.NOT_AVAILABLE : toPort + toStarboard;
    }

    /** Whether every side is 0 (nothing reported). */
    public boolean isEmpty() {
        return toBow == 0 && toStern == 0 && toPort == 0 && toStarboard == 0;
    }
}
