package org.watchkeeper.core.observation;

import java.io.Serializable;

/**
 * The recent position reports of one moving vessel, to tell a stale repeat: a report heard again
 * long after it was made (a station that relays what it heard minutes before, stamped with its own
 * later time), which places the vessel where it no longer is.
 *
 * <p>A report of a moving vessel (speed over ground at least {@link #MOVING_KNOTS}) that is identical
 * to an earlier one in every reported value ({@link PositionObservation#sameContent}) and in its time
 * stamp (the UTC second, ITU-R M.1371-5 Annex 8) cannot be a new report: a ship under way does not
 * report one position twice. The last {@link #SIZE} such reports are remembered by a 32-bit hash
 * (about 20 minutes of a ship reporting every 10 s, ITU-R M.1371-5 Table 1; a few hours of one
 * reporting every 3 minutes). A vessel at rest is not judged this way: its identical reports are real.
 *
 * <p>Seen in the DMA drift log of 28 September 2014: base station 992190923 relayed ten reports of the
 * drifting 538004030 1 016.6-1 017.1 s after the other stations heard them, about 950 m behind the
 * ship, which looked like a second transmitter moving with it.
 *
 * <p>Callers remember only the reports of the track the vessel is on: a report its newest fix could
 * reach; a report it could not reach ({@link #unreachable}) is looked up, and, when it is not a
 * repeat, the vessel has jumped to another place (a second transmitter, a spoofed or faulty
 * position) and the hashes are forgotten ({@link #clear}). So a transmitter that sends one canned
 * report again and again, or a vessel that returns to a place it reported from before, is never
 * taken for a stale repeat: only a copy of the track the vessel is on, heard where the vessel no
 * longer is. Ordinary reports cost one distance estimate, one hash and one store. Serializable for
 * hosts that checkpoint it. Not thread safe.
 */
public final class MovingReports implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Speed over ground (knots) from which a vessel's identical reports are copies: 1 kn. */
    public static final double MOVING_KNOTS = 1.0;
    /** Reports remembered. */
    public static final int SIZE = 128;
    /** Implied speed (knots) from the newest fix above which a report is looked up: 50 kn, no ship's speed. */
    public static final double JUMP_KNOTS = 50;
    /** Distance (m) and time (ms) forgiven before a report counts as unreachable: position noise, clocks of different stations. */
    static final double NOISE_M = 200;
    static final long SKEW_MILLIS = 10_000;
    private static final double KNOT_M_PER_MS = 1852.0 / 3_600_000.0;
    /** Metres per degree of latitude (mean Earth radius 6 371 km). */
    private static final double M_PER_DEG = 6_371_000.0 * Math.PI / 180;

    private final int[] hashes = new int[SIZE];
    private int next;

    /**
     * The hash of a moving vessel's report (its values and UTC second), never 0; 0 for a report this
     * class does not judge (at rest, no speed, or no UTC second).
     */
    public static int hash(PositionObservation p) {
        return hash(p, p.contentHash());
    }

    /** {@link #hash(PositionObservation)} of a report whose {@link PositionObservation#contentHash} is known. */
    public static int hash(PositionObservation p, long contentHash) {
        if (!(p.speedOverGround() >= MOVING_KNOTS) || !ReportTime.isSecond(p.utcSecond())) {
            return 0;
        }
        long x = (contentHash ^ p.utcSecond()) * 0x9E3779B97F4A7C15L;
        int h = (int) (x ^ (x >>> 32));
        return h == 0 ? 1 : h;
    }

    /** Remembers a report's {@link #hash} (0: nothing). */
    public void remember(int h) {
        if (h != 0) {
            hashes[next] = h;
            next = (next + 1) % SIZE;
        }
    }

    /** Forgets every report: the vessel has jumped to another place, whose reports are not those of the track it left. */
    public void clear() {
        java.util.Arrays.fill(hashes, 0);
    }

    /** Whether a report of this {@link #hash} was remembered (0: never). */
    public boolean contains(int h) {
        if (h == 0) {
            return false;
        }
        for (int r : hashes) {
            if (r == h) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code p} lies beyond what a fix at ({@code lat}, {@code lon}) at {@code time} could
     * reach at {@link #JUMP_KNOTS}, after forgiving 200 m and 10 s: an equirectangular estimate, ample
     * at these distances, that needs a cosine only near the bound.
     */
    public static boolean unreachable(double lat, double lon, long time, PositionObservation p) {
        if (Double.isNaN(lat) || !p.hasPosition()) {
            return false;
        }
        double dy = (p.latitude() - lat) * M_PER_DEG;
        double reach = NOISE_M + JUMP_KNOTS * KNOT_M_PER_MS * (Math.abs(p.time() - time) + SKEW_MILLIS);
        double r2 = reach * reach;
        if (dy * dy > r2) {
            return true;
        }
        double dLon = Math.abs(p.longitude() - lon);
        double dxMax = Math.min(dLon, 360 - dLon) * M_PER_DEG; // the east-west distance at the equator, the most it can be
        if (dy * dy + dxMax * dxMax <= r2) {
            return false;
        }
        double dx = dxMax * Math.cos(Math.toRadians(lat));
        return dx * dx + dy * dy > r2;
    }
}
