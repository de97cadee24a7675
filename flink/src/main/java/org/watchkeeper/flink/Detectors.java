package org.watchkeeper.flink;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;

/**
 * The detectors the job hosts by default: core's {@link DetectorSuite#defaults()}, each wrapped as a
 * {@link DetectorFactory}, so the job runs exactly the classes and settings of the in-process engine.
 */
public final class Detectors {
    private Detectors() {
    }

    /** Core's default suite (zones and watchlists need user data and are added by the caller). */
    public static List<DetectorFactory<?>> standard() {
        return of(DetectorSuite.defaults());
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
