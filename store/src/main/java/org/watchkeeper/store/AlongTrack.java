package org.watchkeeper.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java half of {@link HistoryStore#nearAlongTracks}: fed each fix of the candidate vessels with the
 * next fix of its track segment, keeps per vessel the closest fix or interpolated leg point within the
 * radius and the window. Both stores feed it the same rows, so their answers agree.
 */
final class AlongTrack {
    private final double lat0;
    private final double lon0;
    private final double radiusMetres;
    private final long from;
    private final long to;
    /** Metres per degree of longitude over metres per degree of latitude at the query point. */
    private final double xScale;
    private final Map<Integer, ClosestApproach> best = new HashMap<>();

    AlongTrack(double lat, double lon, double radiusMetres, long fromMillis, long toMillis) {
        this.lat0 = lat;
        this.lon0 = lon;
        this.radiusMetres = radiusMetres;
        this.from = fromMillis;
        this.to = toMillis;
        this.xScale = Math.max(0, Math.cos(Math.toRadians(lat)));
    }

    /** Longitude difference {@code b - a} taken the shorter way round, in (-180, 180]. */
    static double lonDelta(double a, double b) {
        double d = b - a;
        if (d > 180) {
            d -= 360;
        } else if (d <= -180) {
            d += 360;
        }
        return d;
    }

    /** A longitude brought back into -180..180. */
    static double wrapLon(double lon) {
        if (lon > 180) {
            return lon - 360;
        }
        if (lon < -180) {
            return lon + 360;
        }
        return lon;
    }

    /** Whether two consecutive fixes of a segment make a leg that may be interpolated. */
    static boolean interpolable(long t1, double lat1, double lon1, long t2, double lat2, double lon2) {
        long dt = t2 - t1;
        return dt > 0 && dt <= HistoryStore.MAX_LEG_MILLIS
                && GeoMath.haversineMetres(lat1, lon1, lat2, lon2) <= HistoryStore.MAX_LEG_METRES;
    }

    /**
     * Takes one fix, and the leg to the next fix of its segment when there is one.
     *
     * @param hasNext whether the segment has a fix after this one (the {@code next*} values are then set)
     */
    void accept(int mmsi, long t1, double lat1, double lon1, boolean hasNext, long t2, double lat2, double lon2) {
        if (t1 >= from && t1 <= to) {
            offer(new ClosestApproach(mmsi, GeoMath.haversineMetres(lat0, lon0, lat1, lon1), t1, lat1, lon1));
        }
        if (!hasNext || !interpolable(t1, lat1, lon1, t2, lat2, lon2)) {
            return;
        }
        long lo = Math.max(t1, from);
        long hi = Math.min(t2, to);
        if (lo > hi) {
            return; // the leg lies outside the window
        }
        // The leg in a plane around the query point, in degrees of latitude: p(s) = a + s (b - a), s = 0..1.
        double dLon = lonDelta(lon1, lon2);
        double ax = lonDelta(lon0, lon1) * xScale;
        double ay = lat1 - lat0;
        double vx = dLon * xScale;
        double vy = lat2 - lat1;
        double vv = vx * vx + vy * vy;
        double dt = t2 - t1;
        double s = vv == 0 ? 0 : -(ax * vx + ay * vy) / vv; // foot of the perpendicular from the origin
        long t = Math.round(t1 + s * dt);
        t = Math.max(lo, Math.min(hi, t)); // the closest point of the part inside the window
        if (t == t1 || t == t2) {
            return; // a fix: offered as one when it lies in the window
        }
        double f = (t - t1) / dt;
        double lat = lat1 + f * (lat2 - lat1);
        double lon = wrapLon(lon1 + f * dLon);
        offer(new ClosestApproach(mmsi, GeoMath.haversineMetres(lat0, lon0, lat, lon), t, lat, lon, true,
                new ClosestApproach.Fix(t1, lat1, lon1), new ClosestApproach.Fix(t2, lat2, lon2)));
    }

    private void offer(ClosestApproach c) {
        if (c.distanceMetres() > radiusMetres) {
            return;
        }
        ClosestApproach b = best.get(c.mmsi());
        if (b == null || c.distanceMetres() < b.distanceMetres()
                || (c.distanceMetres() == b.distanceMetres() && (c.timeMillis() < b.timeMillis()
                        || (c.timeMillis() == b.timeMillis() && b.interpolated() && !c.interpolated())))) {
            best.put(c.mmsi(), c);
        }
    }

    /** @return per vessel its closest approach, ordered by distance, then MMSI */
    List<ClosestApproach> result() {
        List<ClosestApproach> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(ClosestApproach::distanceMetres).thenComparingInt(ClosestApproach::mmsi));
        return out;
    }
}
