package org.watchkeeper.core.detect.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.vessel.Tracks.Fix;
import org.watchkeeper.core.observation.Observation;

/** Each detector's state survives a checkpoint (Java serialisation) mid-episode and goes on to the same events. */
class StateCheckpointTest {

    /** A context for one key without timers: enough to drive onObservation directly. */
    private static final class Ctx implements DetectorContext {
        final List<Event> events = new ArrayList<>();

        @Override public long key() { return 0; }
        @Override public long watermark() { return Long.MIN_VALUE; }
        @Override public void emit(Event e) { events.add(e); }
        @Override public void registerTimer(long t) { }
        @Override public void clearState() { }
        @Override public void deleteTimer(long t) { }
    }

    @SuppressWarnings("unchecked")
    private static <S extends Serializable> S roundTrip(S s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (S) in.readObject();
        }
    }

    private static <S extends Serializable> void check(Detector<S> d, List<Observation> obs) throws Exception {
        Ctx straight = new Ctx();
        S s = d.createState();
        for (Observation o : obs) {
            d.onObservation(o, s, straight);
        }
        Ctx restored = new Ctx();
        S r = d.createState();
        for (int i = 0; i < obs.size(); i++) {
            if (i == obs.size() / 2) {
                r = roundTrip(r);
            }
            d.onObservation(obs.get(i), r, restored);
        }
        assertThat(straight.events).isNotEmpty();
        assertThat(restored.events).isEqualTo(straight.events);
    }

    @Test
    void statesSerialiseMidEpisode() throws Exception {
        List<Fix> f = new ArrayList<>();
        for (long t = 0; t <= 6 * 3600; t += 120) { // slow, crabbing, far offshore; stops dead; 13 h gap
            f.add(new Fix(7001, t, 0.5, 3.5 + t * 1e-6, 1.5, 90, 0, 0));
        }
        f.add(new Fix(7001, 6 * 3600 + 120, 0.5, 3.6, 12, 90, 90, 0));
        f.add(new Fix(7001, 6 * 3600 + 140, 0.5, 3.6, 0.2, 90, 90, 0));
        f.add(new Fix(7001, 6 * 3600 + 240, 0.5, 3.6, 0.1, 90, 90, 0));
        f.add(new Fix(7001, 19 * 3600 + 240, 0.5, 3.7, 3, 90, 90, 0));
        List<Observation> obs = Tracks.decode(Tracks.nmea(f));
        check(new GapDetector(GapDetector.Config.defaults(), Tracks.islandShore()), obs);
        check(new LoiteringDetector(LoiteringDetector.Config.defaults(), Tracks.islandShore()), obs);
        check(DriftDetector.withDefaults(), obs);
        check(SuddenSpeedChangeDetector.withDefaults(), obs);
    }
}
