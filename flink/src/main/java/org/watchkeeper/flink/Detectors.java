package org.watchkeeper.flink;

import java.util.List;
import org.watchkeeper.core.detect.identity.IdentityConflictDetector;
import org.watchkeeper.core.detect.identity.InvalidIdentityDetector;
import org.watchkeeper.core.detect.identity.PositionOnLandDetector;
import org.watchkeeper.core.detect.vessel.DriftDetector;
import org.watchkeeper.core.detect.vessel.GapDetector;
import org.watchkeeper.core.detect.vessel.LoiteringDetector;
import org.watchkeeper.core.detect.vessel.SuddenSpeedChangeDetector;

/**
 * The detectors the job hosts by default. Each entry is a factory of a core detector class, so the
 * job runs exactly the classes the in-process engine runs.
 */
public final class Detectors {
    private Detectors() {
    }

    /**
     * The per-vessel and identity detectors of core with their default settings. Zone, watchlist,
     * port and encounter detectors need user configuration (zones, lists) and are added by the caller.
     */
    public static List<DetectorFactory<?>> standard() {
        DetectorFactory<GapDetector.State> gap = GapDetector::withDefaults;
        DetectorFactory<DriftDetector.State> drift = DriftDetector::withDefaults;
        DetectorFactory<SuddenSpeedChangeDetector.State> speed = SuddenSpeedChangeDetector::withDefaults;
        DetectorFactory<LoiteringDetector.State> loitering = LoiteringDetector::withDefaults;
        DetectorFactory<IdentityConflictDetector.State> conflict = IdentityConflictDetector::withDefaults;
        DetectorFactory<InvalidIdentityDetector.State> invalid = InvalidIdentityDetector::withDefaults;
        DetectorFactory<PositionOnLandDetector.State> onLand = PositionOnLandDetector::withDefaults;
        return List.of(gap, drift, speed, loitering, conflict, invalid, onLand);
    }
}
