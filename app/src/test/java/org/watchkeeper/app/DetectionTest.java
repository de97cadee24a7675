package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;

class DetectionTest {
    /** analyze's table of detectors names each detector as it names itself, in core's default order, then zone. */
    @Test
    void namesAreTheDetectorsOwnNamesInCoresOrder() {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, Supplier<Detector<?>>> e : Detection.AVAILABLE.entrySet()) {
            if (!e.getKey().equals("zone")) {
                assertThat(e.getValue().get().name()).isEqualTo(e.getKey());
            }
            created.add(e.getKey());
        }
        List<String> core = new ArrayList<>(DetectorSuite.defaults().names());
        core.add("zone");
        assertThat(created).containsExactlyElementsOf(core);
        assertThat(Detection.DEFAULTS).containsExactly("gap", "loitering", "drift", "sudden_speed_change",
                "identity_conflict", "invalid_identity", "encounter", "port_visit", "chokepoint_transit");
    }
}
