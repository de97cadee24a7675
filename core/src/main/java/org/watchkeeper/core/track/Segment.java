package org.watchkeeper.core.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * One continuous piece of a vessel's track: fixes in time order that one transmitter could have
 * made on one journey (see {@link Tracker}). Mutated only by the tracker that owns it; read it
 * after it is closed or from the tracker's thread.
 */
public final class Segment {
    /** Pairs of fixes closer than this in time are not used for the maximum derived speed. */
    static final long MIN_SPEED_INTERVAL_MILLIS = 30_000;

    private final int mmsi;
    private final int number;
    private final List<PositionObservation> points = new ArrayList<>();
    private double distanceM;
    private double maxDerived;
    private double sumSog;
    private int countSog;
    private double maxSog = Double.NaN;
    private boolean closed;

    Segment(int mmsi, int number) {
        this.mmsi = mmsi;
        this.number = number;
    }

    /** The vessel's MMSI. */
    public int mmsi() {
        return mmsi;
    }

    /** 1, 2, ... in the order the vessel's segments were opened. */
    public int number() {
        return number;
    }

    /** Stable id {@code <9-digit MMSI>-<number>}. */
    public String id() {
        return org.watchkeeper.ais.Mmsi.format(mmsi) + "-" + number;
    }

    /** The fixes, oldest first (unmodifiable view). */
    public List<PositionObservation> points() {
        return Collections.unmodifiableList(points);
    }

    /** The newest fix. */
    public PositionObservation last() {
        return points.get(points.size() - 1);
    }

    /** Whether the tracker has closed it (gap, eviction, end of input). */
    public boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /** Appends a fix; returns the speed derived from the previous fix in knots (NaN for the first). */
    double add(PositionObservation p) {
        double derived = Double.NaN;
        if (!points.isEmpty()) {
            PositionObservation prev = last();
            double d = Geodesy.distance(prev.latitude(), prev.longitude(), p.latitude(), p.longitude());
            distanceM += d;
            long dt = p.time() - prev.time();
            if (dt > 0) {
                derived = d / (dt / 1000.0) / Geodesy.METRES_PER_SECOND_PER_KNOT;
                if (dt >= MIN_SPEED_INTERVAL_MILLIS) {
                    maxDerived = Math.max(maxDerived, derived);
                }
            }
        }
        points.add(p);
        double sog = p.speedOverGround();
        if (!Double.isNaN(sog)) {
            sumSog += sog;
            countSog++;
            maxSog = Double.isNaN(maxSog) ? sog : Math.max(maxSog, sog);
        }
        return derived;
    }

    /** Current statistics. */
    public SegmentStats stats() {
        long start = points.get(0).time();
        long end = last().time();
        double hours = (end - start) / 3_600_000.0;
        double mean = hours > 0 ? distanceM / Geodesy.METRES_PER_NAUTICAL_MILE / hours : 0;
        return new SegmentStats(start, end, points.size(), distanceM, mean, maxDerived,
                countSog == 0 ? Double.NaN : sumSog / countSog, maxSog);
    }

    @Override
    public String toString() {
        return "Segment[" + id() + ", " + points.size() + " points" + (closed ? ", closed" : "") + "]";
    }
}
