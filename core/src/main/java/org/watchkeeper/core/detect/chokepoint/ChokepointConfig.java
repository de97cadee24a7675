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
 *        inside. Default 12 h (Watchkeeper choice; PortWatch works on daily snapshots and states none).
 */
public record ChokepointConfig(long recountWindowMillis, long maxSilenceMillis) {
    /** The defaults documented on the components. */
    public static final ChokepointConfig DEFAULTS = new ChokepointConfig(48 * 3_600_000L, 12 * 3_600_000L);

    /** @throws IllegalArgumentException for negative or zero times */
    public ChokepointConfig {
        if (recountWindowMillis < 0 || maxSilenceMillis <= 0) {
            throw new IllegalArgumentException("times must be positive");
        }
    }
}
