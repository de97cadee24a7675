package org.watchkeeper.core.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

/**
 * A bounded, serialisable store of the observations behind an episode, for {@link Event#evidence()}:
 * keeps the first {@code capacity / 2} observations added and the most recent
 * {@code capacity - capacity / 2}, and counts the rest. Observations are kept as columns of
 * primitives (an observation record is not {@link Serializable}), so detector state holding a
 * buffer stays serialisable for checkpoints. Not thread safe.
 */
public final class EvidenceBuffer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final StationClass[] CLASSES = StationClass.values();
    private static final TimeSource[] TIME_SOURCES = TimeSource.values();

    private final int headCapacity;
    private final int tailCapacity;
    private int size;
    private int tailStart;
    private long added;
    private final long[] time;
    private final String[] source;
    private final int[] mmsi;
    private final int[] ints; // messageType, class ordinal, heading, navStatus, flags | time source | UTC second
    private final double[] doubles; // lat, lon, sog, cog

    /**
     * @param capacity observations kept, ≥ 2
     * @throws IllegalArgumentException if {@code capacity < 2}
     */
    public EvidenceBuffer(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
        }
        headCapacity = capacity / 2;
        tailCapacity = capacity - headCapacity;
        time = new long[capacity];
        source = new String[capacity];
        mmsi = new int[capacity];
        ints = new int[capacity * 5];
        doubles = new double[capacity * 4];
    }

    /** Adds an observation (after the head is full, it replaces the oldest of the tail). */
    public void add(PositionObservation p) {
        added++;
        int slot;
        if (size < headCapacity + tailCapacity) {
            slot = size++;
        } else {
            slot = headCapacity + tailStart;
            tailStart = (tailStart + 1) % tailCapacity;
        }
        time[slot] = p.time();
        source[slot] = p.source();
        mmsi[slot] = p.mmsi();
        ints[slot * 5] = p.messageType();
        ints[slot * 5 + 1] = p.classEvidence().ordinal();
        ints[slot * 5 + 2] = p.heading();
        ints[slot * 5 + 3] = p.navigationStatus();
        // bits 0-1 flags, 2-5 time source ordinal + 1 (0: none), 6-12 UTC second + 1 (0: not
        // available), 13 feed time untrusted
        ints[slot * 5 + 4] = (p.highAccuracy() ? 1 : 0) | (p.lowResolution() ? 2 : 0)
                | (p.timeSource() == null ? 0 : p.timeSource().ordinal() + 1) << 2
                | ((p.utcSecond() < 0 ? -1 : p.utcSecond()) + 1 & 0x7f) << 6
                | (p.feedTimeUntrusted() ? 1 << 13 : 0);
        doubles[slot * 4] = p.latitude();
        doubles[slot * 4 + 1] = p.longitude();
        doubles[slot * 4 + 2] = p.speedOverGround();
        doubles[slot * 4 + 3] = p.courseOverGround();
    }

    /** Observations added since creation or the last {@link #clear()} (kept or not). */
    public long added() {
        return added;
    }

    /** Forgets everything. */
    public void clear() {
        size = 0;
        tailStart = 0;
        added = 0;
        java.util.Arrays.fill(source, null);
    }

    /** The kept observations in the order they were added. */
    public List<PositionObservation> toList() {
        List<PositionObservation> out = new ArrayList<>(size);
        int head = Math.min(size, headCapacity);
        for (int i = 0; i < head; i++) {
            out.add(get(i));
        }
        int tail = size - head;
        for (int k = 0; k < tail; k++) {
            int start = tail == tailCapacity ? tailStart : 0;
            out.add(get(headCapacity + (start + k) % tailCapacity));
        }
        return out;
    }

    private PositionObservation get(int i) {
        int f = ints[i * 5 + 4];
        int ts = f >>> 2 & 0xf;
        return new PositionObservation(time[i], source[i], mmsi[i], ints[i * 5], CLASSES[ints[i * 5 + 1]],
                doubles[i * 4], doubles[i * 4 + 1], doubles[i * 4 + 2], doubles[i * 4 + 3], ints[i * 5 + 2],
                ints[i * 5 + 3], (f & 1) != 0, (f & 2) != 0, ts == 0 ? null : TIME_SOURCES[ts - 1], (f >>> 6 & 0x7f) - 1,
                (f & 1 << 13) != 0);
    }
}
