package org.watchkeeper.flink;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;

/**
 * The detectors the job hosts by default: those {@code watchkeeper analyze} runs by default, i.e.
 * core's {@link DetectorSuite#defaults()} without {@code position_on_land} (the Natural Earth land
 * mask counts rivers, lakes and estuaries as land, so inland waterways would raise false alarms),
 * each wrapped as a {@link DetectorFactory}, so the job runs exactly the classes and settings of the
 * in-process engine. {@link #of} wraps any other suite (e.g. the whole default suite).
 */
public final class Detectors {
    private Detectors() {
    }

    /** The detector analyze leaves out by default. */
    static final String NOT_BY_DEFAULT = "position_on_land";

    /**
     * Analyze's default set: core's default suite without {@code position_on_land} (zones and
     * watchlists need user data and are added by the caller).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<DetectorFactory<?>> standard() {
        List<DetectorFactory<?>> out = new ArrayList<>();
        for (DetectorSuite.Factory f : DetectorSuite.defaults().factories()) {
            if (!f.get().name().equals(NOT_BY_DEFAULT)) {
                out.add((DetectorFactory) () -> (Detector) f.get());
            }
        }
        return out;
    }

    /** Wraps every factory of a core suite. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<DetectorFactory<?>> of(DetectorSuite suite) {
        List<DetectorFactory<?>> out = new ArrayList<>();
        for (DetectorSuite.Factory f : suite.factories()) {
            DetectorFactory<?> wrapped = (DetectorFactory) () -> (Detector) f.get();
            out.add(wrapped);
        }
        return out;
    }
}
