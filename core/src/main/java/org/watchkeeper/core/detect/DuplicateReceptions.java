package org.watchkeeper.core.detect;

import java.io.Serializable;
import org.watchkeeper.core.observation.MovingReports;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * One vessel's recent positions as passed to the detectors, to tell a duplicate reception: the same
 * report (same MMSI, message type and reported values, {@link PositionObservation#sameContent}) heard
 * by a second station, or read twice, within {@link #DEFAULT_WINDOW_MILLIS} of a copy already passed.
 * A duplicate would count one transmission twice in the detectors' evidence (a port visit's fixes, a
 * drift's drifting fixes, each observation listed twice).
 *
 * <p><b>Stale repeats.</b> A moving vessel's report heard again minutes later, identical in every
 * value and its UTC second, is a copy too ({@link MovingReports}): it places the vessel where it was
 * then, so detectors would see a second transmitter trailing the first. It is left out when the
 * newest position passed could not have reached it and it copies a report of the track that position
 * is on (a jump to another place forgets the reports).
 *
 * <p>Called in event-time order per vessel (after the host's event-time order: core's
 * {@code EventTimeOrder} in {@code analyze} and {@code serve}, the keyed picture in the Flink job), so
 * the copy kept is the first in that order (the earliest time, then the source's name) whatever the
 * order in which the stations' lines arrived, and every host keeps the same one. Serializable for
 * hosts that checkpoint it. Not thread safe.
 */
public final class DuplicateReceptions implements Serializable {
    private static final long serialVersionUID = 2L;
    /** 10 000 ms: as the tracker's {@code duplicateWindowMillis} (core {@code TrackerConfig}). */
    public static final long DEFAULT_WINDOW_MILLIS = 10_000;
    /** Positions remembered per vessel (a vessel reporting every 2 s sends 5 in the window). */
    static final int RECENT = 8;

    /** How long a host keeps a vessel's moving reports after its newest position: 1 h. */
    public static final long REPORTS_KEPT_MILLIS = 3_600_000L;

    /** The vessel's moving reports, for stale repeats; null until it has one. */
    private MovingReports reports;
    /** The newest position passed. */
    private double newestLat = Double.NaN;
    private double newestLon = Double.NaN;

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
        int h = MovingReports.hash(p, k);
        // nothing to look up, forget or remember for a vessel not seen moving, at rest now
        boolean jump = (h != 0 || reports != null) && MovingReports.unreachable(newestLat, newestLon, newest, p);
        if (jump && h != 0 && reports != null && reports.contains(h)) {
            return true;
        }
        e[2 * next] = t;
        e[2 * next + 1] = k;
        recent[next] = p;
        next = (next + 1) % RECENT;
        if (t >= newest && p.hasPosition()) {
            newestLat = p.latitude();
            newestLon = p.longitude();
        }
        newest = Math.max(newest, t);
        if (jump) {
            if (reports != null) {
                reports.clear(); // another place: its reports are no copies of the track left
            }
        } else if (h != 0) {
            if (reports == null) {
                reports = new MovingReports();
            }
            reports.remember(h);
        }
        return false;
    }

    /**
     * How long (ms) a host should keep this vessel's state after its newest position: the duplicate
     * window, or {@link #REPORTS_KEPT_MILLIS} once it holds moving reports for stale repeats.
     */
    public long keepMillis(long windowMillis) {
        return reports == null ? windowMillis : Math.max(windowMillis, REPORTS_KEPT_MILLIS);
    }

    /**
     * Whether a host may forget this vessel's state: its newest position is older than
     * {@code newestSeen} (the newest time of any vessel) by more than {@link #keepMillis}.
     */
    public boolean forgettable(long newestSeen, long windowMillis) {
        return newest < newestSeen - keepMillis(windowMillis);
    }

    /** The time of the newest position passed (epoch ms), {@link Long#MIN_VALUE} before any. */
    public long newest() {
        return newest;
    }
}
