package org.watchkeeper.flink;

import org.watchkeeper.core.observation.Observation;

/**
 * An observation routed to one key of one detector ({@code Detector.keys}): an MMSI for
 * per-vessel detectors, a cell id for spatial ones.
 *
 * @param key the detector key
 * @param observation the observation
 */
public record KeyedObservation(long key, Observation observation) {
}
