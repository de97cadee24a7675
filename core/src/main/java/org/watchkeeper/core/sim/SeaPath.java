package org.watchkeeper.core.sim;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.geo.Geodesy;

/**
 * A polyline of waypoints followed along great circles, with positions by distance travelled.
 * Immutable.
 */
public final class SeaPath {
    private final List<LatLon> waypoints;
    private final double[] cumulative;
    private final double[] bearings;

    /**
     * @param waypoints at least two positions
     * @throws IllegalArgumentException for fewer than two waypoints
     */
    public SeaPath(List<LatLon> waypoints) {
        if (waypoints.size() < 2) {
            throw new IllegalArgumentException("a path needs two waypoints");
        }
        this.waypoints = List.copyOf(waypoints);
        int n = waypoints.size();
        cumulative = new double[n];
        bearings = new double[n - 1];
        for (int i = 1; i < n; i++) {
            LatLon a = waypoints.get(i - 1);
            LatLon b = waypoints.get(i);
            cumulative[i] = cumulative[i - 1] + Geodesy.distance(a.lat(), a.lon(), b.lat(), b.lon());
            bearings[i - 1] = Geodesy.initialBearing(a.lat(), a.lon(), b.lat(), b.lon());
        }
    }

    /** Builds a path from {@code lat, lon, lat, lon, ...}. */
    public static SeaPath of(double... latLon) {
        List<LatLon> pts = new ArrayList<>();
        for (int i = 0; i + 1 < latLon.length; i += 2) {
            pts.add(new LatLon(latLon[i], latLon[i + 1]));
        }
        return new SeaPath(pts);
    }

    /** The waypoints, first to last. */
    public List<LatLon> waypoints() {
        return waypoints;
    }

    /** Total length in metres. */
    public double length() {
        return cumulative[cumulative.length - 1];
    }

    /** The same waypoints in the opposite order. */
    public SeaPath reversed() {
        List<LatLon> r = new ArrayList<>(waypoints);
        java.util.Collections.reverse(r);
        return new SeaPath(r);
    }

    /**
     * The position and course after {@code distanceM} metres from the first waypoint (clamped to
     * 0..{@link #length()}).
     *
     * @return {lat, lon, course over ground in degrees 0..360)}
     */
    public double[] at(double distanceM) {
        double d = Math.max(0, Math.min(length(), distanceM));
        int leg = 0;
        while (leg < bearings.length - 1 && cumulative[leg + 1] <= d) {
            leg++;
        }
        LatLon a = waypoints.get(leg);
        double along = d - cumulative[leg];
        double[] p = Geodesy.destination(a.lat(), a.lon(), bearings[leg], along);
        // course along a great circle changes slowly; take the bearing from here to the leg's end
        LatLon b = waypoints.get(leg + 1);
        double course = cumulative[leg + 1] - d < 1 ? bearings[leg] : Geodesy.initialBearing(p[0], p[1], b.lat(), b.lon());
        return new double[] {p[0], p[1], course};
    }
}
