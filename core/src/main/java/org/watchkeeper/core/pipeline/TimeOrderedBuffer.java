package org.watchkeeper.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;

/**
 * Collects observations and hands them on in event-time order. The tracker needs each vessel's
 * fixes in time order, and exports such as MarineCadastre's are sorted by vessel or not at all, so
 * a CSV input is read whole into this buffer, sorted, then replayed into the {@link Analysis}.
 *
 * <p><b>Memory.</b> Every observation of the input is held until {@link #drainTo}: about 150 bytes
 * per position (the record and its boxed fields) plus the identity observations, so a 100 000-row
 * MarineCadastre extract needs some 30 MB and a full daily US file (about 7 million rows) about
 * 1.5 GB of heap. Larger inputs should be split by time beforehand (the exports are daily files)
 * or sorted on disk. Observations with equal times keep their input order (the sort is stable), so
 * a row's position still precedes its identity.
 */
public final class TimeOrderedBuffer implements Consumer<Observation> {
    private final ArrayList<Observation> held = new ArrayList<>();

    @Override
    public void accept(Observation o) {
        held.add(o);
    }

    /** Observations held. */
    public int size() {
        return held.size();
    }

    /** Sorts what is held by event time (stable), hands every observation to {@code sink} and empties the buffer. */
    public void drainTo(Consumer<? super Observation> sink) {
        held.sort(Comparator.comparingLong(Observation::time));
        List<Observation> all = held;
        for (int i = 0, n = all.size(); i < n; i++) {
            sink.accept(all.get(i));
            all.set(i, null);
        }
        held.clear();
    }
}
