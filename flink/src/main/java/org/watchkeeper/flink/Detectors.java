package org.watchkeeper.flink;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.detect.encounter.EncounterConfig;
import org.watchkeeper.core.detect.encounter.EncounterDetector;
import org.watchkeeper.core.detect.port.PortVisitConfig;
import org.watchkeeper.core.detect.port.PortVisitDetector;

/**
 * The detectors the job hosts by default: those {@code watchkeeper analyze} runs by default, i.e.
 * core's {@link DetectorSuite#defaults()} without {@code position_on_land} (the Natural Earth land
 * mask counts rivers, lakes and estuaries as land, so inland waterways would raise false alarms),
 * each wrapped as a {@link DetectorFactory}, so the job runs exactly the classes and settings of the
 * in-process engine. {@link #of} wraps any other suite (e.g. the whole default suite).
 * {@link #standard(JobPorts)} gives encounter and port_visit the job's port lists, as
 * {@code analyze --ports} does.
 */
public final class Detectors {
    private Detectors() {
    }

    /**
     * Analyze's default set: core's default suite without the detectors run only on request
     * ({@link DetectorSuite#ON_REQUEST}; zones and watchlists need user data and are added by the caller).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<DetectorFactory<?>> standard() {
        List<DetectorFactory<?>> out = new ArrayList<>();
        for (DetectorSuite.Factory f : DetectorSuite.defaults().without(DetectorSuite.ON_REQUEST).factories()) {
            out.add((DetectorFactory) () -> (Detector) f.get());
        }
        return out;
    }

    /**
     * Analyze's default set with the given port lists for encounter and port_visit (their published
     * defaults otherwise, as {@code analyze --ports} builds them); {@link #standard()} when the
     * shipped list alone is asked for. The factories carry only the settings; each task reads the
     * files once ({@link JobPorts#index()}).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<DetectorFactory<?>> standard(JobPorts ports) {
        if (!ports.custom()) {
            return standard();
        }
        List<DetectorFactory<?>> out = new ArrayList<>();
        for (DetectorFactory<?> f : standard()) {
            Detector<?> d = f.get();
            if (d instanceof EncounterDetector) {
                out.add((DetectorFactory) () -> (Detector) new EncounterDetector(ports.index(), EncounterConfig.DEFAULTS));
            } else if (d instanceof PortVisitDetector) {
                out.add((DetectorFactory) () -> (Detector) new PortVisitDetector(ports.index(), PortVisitConfig.DEFAULTS));
            } else {
                out.add(f);
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
