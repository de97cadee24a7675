/**
 * Per-vessel behaviour detectors, keyed by MMSI: AIS gaps and likely disabling
 * ({@link org.watchkeeper.core.detect.vessel.GapDetector}, with the data-derived
 * {@link org.watchkeeper.core.detect.vessel.ReceptionMap}), loitering
 * ({@link org.watchkeeper.core.detect.vessel.LoiteringDetector}), drift
 * ({@link org.watchkeeper.core.detect.vessel.DriftDetector}) and sudden speed change
 * ({@link org.watchkeeper.core.detect.vessel.SuddenSpeedChangeDetector}). Each has a {@code Config}
 * record whose defaults cite their source and a {@code withDefaults()} factory.
 */
package org.watchkeeper.core.detect.vessel;
