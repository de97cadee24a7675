package org.watchkeeper.flink;

import java.io.Serializable;
import java.util.function.Supplier;
import org.watchkeeper.core.detect.Detector;

/**
 * Builds a core {@link Detector} on each Flink task, e.g. {@code GapDetector::withDefaults}. The job
 * ships the factory, not the detector, so detectors and their configurations (land masks, zone
 * indexes) need not be serializable; the detector's per-key state must be.
 *
 * @param <S> the detector's per-key state
 */
@FunctionalInterface
public interface DetectorFactory<S extends Serializable> extends Supplier<Detector<S>>, Serializable {
}
