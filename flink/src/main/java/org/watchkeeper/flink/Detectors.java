package org.watchkeeper.flink;

import java.util.List;

/**
 * The detectors the job hosts by default: the core detection suite. Each entry is a factory of a
 * core detector class (e.g. {@code GapDetector::withDefaults}), so the job runs exactly the classes
 * the in-process engine runs.
 */
public final class Detectors {
    private Detectors() {
    }

    /**
     * The standard suite. Empty until core's detector families are assembled into a default suite;
     * the job then still decodes, tracks and publishes vessel states.
     */
    public static List<DetectorFactory<?>> standard() {
        return List.of();
    }
}
