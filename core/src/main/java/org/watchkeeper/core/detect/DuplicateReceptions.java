package org.watchkeeper.core.detect;

import java.io.Serializable;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.ReportTime;

/**
 * One vessel's recent positions as passed to the detectors, to tell a duplicate reception: the same
 * report (same MMSI, message type and reported values, {@link PositionObservation#sameContent}) heard
 * by a second station, or read twice, within {@link #DEFAULT_WINDOW_MILLIS} of a copy already passed.
 * A duplicate would count one transmission twice in the detectors' evidence (a port visit's fixes, a
 * drift's drifting fixes, each observation listed twice).
 *
 * <p><b>Stale repeats.</b> A report heard again long after it was made (a station that relays what it
 * heard minutes before, stamped with its own later time) is a copy too: it places the vessel where it
 * was then, so detectors would see a second transmitter trailing the first (the DMA drift log's
 * 538004030: ten reports relayed by one base station 1 017 s after the other stations heard them,
 * 950 m behind the drifting ship, made an identity conflict of 20 alternations). A position report
 * of a moving vessel (speed over ground at least {@link #MOVING_KNOTS}) that is identical to an
 * earlier one in every reported value and in its time stamp (the UTC second, ITU-R M.1371-5 Annex 8)
 * cannot be a new report: a ship under way does not report one position twice. Such reports are
 * remembered by a 32-bit hash of those values, the last {@link #REPORTS} per vessel (about 20 min for
 * a ship reporting every 10 s, ITU-R M.1371-5 Table 1), and a later report that matches one of them
 * is a repeat. The hashes are
 * looked at only for a report that the newest position passed could not have reached at
 * {@link #JUMP_KNOTS} (a stale copy lies behind the ship), so a vessel's ordinary reports cost one
 * distance estimate. A vessel at rest is not looked at this way: its identical reports are real.
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

    /** Speed over ground (knots) from which a vessel's identical reports are copies: 1 kn. */
    public static final double MOVING_KNOTS = 1.0;
    /** Implied speed (knots) from the newest position above which a report is looked up among the earlier ones. */
    static final double JUMP_KNOTS = 50;
    /** How long a host keeps a vessel's moving reports after its newest position: 1 h. */
    public static final long REPORTS_KEPT_MILLIS = 3_600_000L;
    /** Reports of a moving vessel remembered per vessel, for stale repeats. */
    static final int REPORTS = 128;
    /** 1 nautical mile per hour in metres per millisecond. */
    private static final double KNOT_M_PER_MS = 1852.0 / 3_600_000.0;
    /** Metres per degree of latitude (mean Earth radius 6 371 km). */
    private static final double M_PER_DEG = 6_371_000.0 * Math.PI / 180;

    /** Hashes of moving reports ({@link #reportHash}), a ring; null until the vessel has one. */
    private int[] reports;
    private int nextReport;
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
        boolean moving = p.speedOverGround() >= MOVING_KNOTS && ReportTime.isSecond(p.utcSecond());
        int h = moving ? reportHash(k, p.utcSecond()) : 0;
        if (moving && reports != null && farFromNewest(p, t) && known(h)) {
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
        if (moving) {
            if (reports == null) {
                reports = new int[REPORTS];
            }
            reports[nextReport] = h;
            nextReport = (nextReport + 1) % REPORTS;
        }
        return false;
    }

    /**
     * Whether {@code p} lies beyond what the newest position passed could reach by {@code t} at
     * {@link #JUMP_KNOTS} (plus the duplicate window of time and 200 m of noise): an equirectangular
     * estimate, ample at these distances.
     */
    private boolean farFromNewest(PositionObservation p, long t) {
        if (Double.isNaN(newestLat) || !p.hasPosition()) {
            return false;
        }
        double dy = (p.latitude() - newestLat) * M_PER_DEG;
        double reach = 200 + JUMP_KNOTS * KNOT_M_PER_MS * (Math.abs(t - newest) + DEFAULT_WINDOW_MILLIS);
        double r2 = reach * reach;
        if (dy * dy > r2) {
            return true;
        }
        double dLon = Math.abs(p.longitude() - newestLon);
        double dxMax = Math.min(dLon, 360 - dLon) * M_PER_DEG; // the east-west distance at the equator, the most it can be
        if (dy * dy + dxMax * dxMax <= r2) {
            return false; // the usual case, without a cosine
        }
        double dx = dxMax * Math.cos(Math.toRadians(newestLat));
        return dx * dx + dy * dy > r2;
    }

    /** Whether a moving report of hash {@code h} was remembered. */
    private boolean known(int h) {
        for (int r : reports) {
            if (r == h) {
                return true;
            }
        }
        return false;
    }

    /** A report's values ({@link PositionObservation#contentHash}) and time stamp in 32 bits, never 0. */
    private static int reportHash(long contentHash, int utcSecond) {
        long x = (contentHash ^ utcSecond) * 0x9E3779B97F4A7C15L;
        int h = (int) (x ^ (x >>> 32));
        return h == 0 ? 1 : h;
    }

    /**
     * How long (ms) a host should keep this vessel's state after its newest position: the duplicate
     * window, or {@link #REPORTS_KEPT_MILLIS} once it holds moving reports for stale repeats.
     */
    public long keepMillis(long windowMillis) {
        return reports == null ? windowMillis : Math.max(windowMillis, REPORTS_KEPT_MILLIS);
    }

    /** The time of the newest position passed (epoch ms), {@link Long#MIN_VALUE} before any. */
    public long newest() {
        return newest;
    }
}
