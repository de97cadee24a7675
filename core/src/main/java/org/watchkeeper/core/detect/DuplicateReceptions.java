package org.watchkeeper.core.detect;

import java.io.Serializable;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * One vessel's recent positions as passed to the detectors, to tell a duplicate reception: the same
 * report (same MMSI, message type and reported values, {@link PositionObservation#sameContent}) heard
 * by a second station, or read twice, within {@link #DEFAULT_WINDOW_MILLIS} of a copy already passed.
 * A duplicate would count one transmission twice in the detectors' evidence (a port visit's fixes, a
 * drift's drifting fixes, each observation listed twice).
 *
 * <p>Called in event-time order per vessel (after the host's event-time order: core's
 * {@code EventTimeOrder} in {@code analyze} and {@code serve}, the keyed picture in the Flink job), so
 * the copy kept is the first in that order (the earliest time, then the source's name) whatever the
 * order in which the stations' lines arrived, and every host keeps the same one. Serializable for
 * hosts that checkpoint it. Not thread safe.
 */
public final class DuplicateReceptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 10 000 ms: as the tracker's {@code duplicateWindowMillis} (core {@code TrackerConfig}). */
    public static final long DEFAULT_WINDOW_MILLIS = 10_000;
    /** Positions remembered per vessel (a vessel reporting every 2 s sends 5 in the window). */
    static final int RECENT = 8;

    /** Entry i: time at {@code 2i}, content hash ({@link PositionObservation#contentHash}) at {@code 2i + 1}; read before any observation. */
    private final long[] entries = new long[2 * RECENT];
    private final PositionObservation[] recent = new PositionObservation[RECENT];
    private int next;
    private long newest = Long.MIN_VALUE;

    /**
     * Whether {@code p} repeats a position passed within {@code windowMillis} of it; if it does not,
     * it is remembered as passed.
     *
     * @param p the vessel's next position, in event-time order
     * @param windowMillis how far apart (ms) two copies of one report may be stamped
     */
    public boolean repeats(PositionObservation p, long windowMillis) {
        long t = p.time();
        long k = p.contentHash();
        long[] e = entries;
        for (int i = 0; i < RECENT; i++) {
            PositionObservation r;
            if (e[2 * i + 1] == k && Math.abs(t - e[2 * i]) <= windowMillis && (r = recent[i]) != null && r.sameContent(p)) {
                return true;
            }
        }
        e[2 * next] = t;
        e[2 * next + 1] = k;
        recent[next] = p;
        next = (next + 1) % RECENT;
        newest = Math.max(newest, t);
        return false;
    }

    /** The time of the newest position passed (epoch ms), {@link Long#MIN_VALUE} before any. */
    public long newest() {
        return newest;
    }
}
