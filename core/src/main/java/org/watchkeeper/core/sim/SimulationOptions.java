package org.watchkeeper.core.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate. The same options give the same output, byte for byte.
 *
 * @param seed random seed
 * @param vessels number of background vessels (merchant ships on the lanes and Class B fishing
 *        boats); the vessels planted for events come in addition
 * @param start simulated start time (UTC), truncated to whole seconds
 * @param duration simulated time, at least one second
 * @param plantEvents whether to add the planted vessels and behaviours
 * @param noise receive noise; {@link Noise#NONE} for a clean feed
 */
public record SimulationOptions(long seed, int vessels, Instant start, Duration duration, boolean plantEvents, Noise noise) {

    /**
     * Receive noise, each a probability per transmission.
     *
     * @param duplicate the message is also received by a second station (written twice, different {@code s:})
     * @param drop no station received the message
     * @param corrupt one of the message's sentences arrives with a damaged payload character (its checksum fails)
     */
    public record Noise(double duplicate, double drop, double corrupt) {
        /** No noise. */
        public static final Noise NONE = new Noise(0, 0, 0);
        /** Noise as in a busy real feed: 5 % duplicates, 1 % lost, 0.2 % corrupted. */
        public static final Noise DEFAULT = new Noise(0.05, 0.01, 0.002);

        /** @throws IllegalArgumentException for a probability outside 0..1 */
        public Noise {
            for (double p : new double[] {duplicate, drop, corrupt}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probability outside 0..1: " + p);
                }
            }
        }

        /** Whether any noise is added. */
        public boolean any() {
            return duplicate > 0 || drop > 0 || corrupt > 0;
        }
    }

    /** @throws IllegalArgumentException for a negative vessel count or a duration under one second */
    public SimulationOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(noise, "noise");
        if (vessels < 0) {
            throw new IllegalArgumentException("vessels must be >= 0");
        }
        if (duration.getSeconds() < 1) {
            throw new IllegalArgumentException("duration must be at least 1 s");
        }
        start = Instant.ofEpochSecond(start.getEpochSecond());
    }

    /** 200 background vessels for 24 hours from 2024-06-01T00:00:00Z, events planted, no noise. */
    public static SimulationOptions defaults(long seed) {
        return new SimulationOptions(seed, 200, Instant.parse("2024-06-01T00:00:00Z"), Duration.ofHours(24), true, Noise.NONE);
    }
}
