package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.pipeline.NmeaInput;
import org.watchkeeper.store.EventRow;

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

    /**
     * With two or more cores the detectors run on a thread of their own and the encounter cells on a
     * further one, fed by the per-vessel engine only the fixes they sample; the events are those of one
     * engine on one thread. A simulated day (seed 3: five vessels, one planted encounter, a gap, a
     * loitering, an identity conflict) decoded to observations and fed to both.
     */
    @Test
    void splitEnginesEmitWhatOneEngineEmits(@TempDir Path tmp) throws Exception {
        Path nmea = tmp.resolve("day.nmea");
        Cli.Run sim = Cli.run("simulate", "--quiet", "--seed", "3", "--vessels", "5", "--hours", "18",
                "--start", "2025-01-10T06:00:00Z", "--out", nmea.toString());
        assertThat(sim.exit()).as(sim.err()).isZero();
        List<Observation> obs = new ArrayList<>(); // decoded as analyze decodes its input
        NmeaInput input = new NmeaInput(obs::add, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, input);
        byte[] text = Files.readAllBytes(nmea);
        decoder.feed(text, 0, text.length);
        decoder.finish();
        input.finish();
        assertThat(obs).hasSize(74_172);

        Detection one = new Detection(Detection.DEFAULTS, null, 1);
        Detection split = new Detection(Detection.DEFAULTS, null, 2);
        for (Observation o : obs) {
            one.observation(o);
            split.observation(o);
        }
        one.finished(null);
        split.finished(null);

        Comparator<EventRow> byId = Comparator.comparing(EventRow::id);
        List<EventRow> want = one.events().stream().sorted(byId).toList();
        List<EventRow> got = split.events().stream().sorted(byId).toList();
        assertThat(want).extracting(EventRow::kind).containsExactlyInAnyOrder("encounter", "gap", "loitering",
                "loitering", "loitering", "identity_conflict", "chokepoint_transit");
        assertThat(got).containsExactlyElementsOf(want);
        assertThat(split.lateObservations()).isEqualTo(one.lateObservations());
        assertThat(split.duplicateReceptions()).isEqualTo(one.duplicateReceptions());
    }
}
