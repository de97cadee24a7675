package org.watchkeeper.core.detect.vessel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * A bounded, deterministic sample of the observations behind an episode, for
 * {@link org.watchkeeper.core.detect.Event#evidence()}: the first observation, then every k-th, and
 * always the last. When the sample is full, every other kept observation is dropped and k doubles,
 * so at most {@code capacity} observations are held whatever the episode's length, spread evenly
 * over it, and the same input always keeps the same observations. An observation equal to the one
 * offered just before it (one reception logged twice) is not offered again, so the evidence never
 * lists the same line twice.
 */
final class EvidenceSampler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private final ArrayList<PositionObservation> kept = new ArrayList<>();
    private PositionObservation last;
    private long seen;
    private long stride = 1;

    /** @param capacity most observations kept (≥ 2) */
    EvidenceSampler(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
        }
        this.capacity = capacity;
    }

    void add(PositionObservation p) {
        if (p.equals(last)) {
            return; // the same reception again (observations are records: equal in every field)
        }
        if (seen % stride == 0) {
            if (kept.size() == capacity - 1) { // keep one slot for the last observation
                ArrayList<PositionObservation> half = new ArrayList<>(capacity);
                for (int i = 0; i < kept.size(); i += 2) {
                    half.add(kept.get(i));
                }
                kept.clear();
                kept.addAll(half);
                stride *= 2;
            }
            if (seen % stride == 0) {
                kept.add(p);
            }
        }
        last = p;
        seen++;
    }

    /** Observations offered so far (a repeat of the one before not counted). */
    long seen() {
        return seen;
    }

    /** The sample in time order, ending with the last observation offered. */
    List<PositionObservation> sample() {
        List<PositionObservation> out = new ArrayList<>(kept);
        if (last != null && (out.isEmpty() || out.get(out.size() - 1) != last)) {
            out.add(last);
        }
        return out;
    }

    void clear() {
        kept.clear();
        last = null;
        seen = 0;
        stride = 1;
    }
}
