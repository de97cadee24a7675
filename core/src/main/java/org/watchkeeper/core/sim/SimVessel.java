package org.watchkeeper.core.sim;

import java.util.List;

/**
 * One simulated vessel: its identity, what it does (a timetable of legs), and when its AIS
 * transmitter is on.
 *
 * @param identity what its static messages say
 * @param role a short description for people ({@code lane SGSIN-MYPKG}, {@code fishing Gulf of Thailand},
 *        {@code planted: rendezvous} ...)
 * @param legs consecutive legs covering the simulated time (epoch seconds)
 * @param transmitFrom epoch second from which it transmits
 * @param transmitUntil epoch second until which it transmits (exclusive)
 * @param darkFrom start of a period without transmissions (epoch second), or {@link Long#MAX_VALUE}
 * @param darkUntil end of that period (exclusive)
 */
public record SimVessel(VesselIdentity identity, String role, List<Leg> legs, long transmitFrom, long transmitUntil,
                        long darkFrom, long darkUntil) {

    public SimVessel {
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a vessel needs at least one leg");
        }
    }

    /** One part of a vessel's timetable, from {@code start} to {@code end} (epoch seconds). */
    public sealed interface Leg permits Sail, Hold {
        long start();

        long end();

        /** ITU navigational status during the leg (Table 45). */
        int navigationStatus();

        /** Destination the vessel gives (UN/LOCODE), empty when none. */
        String destination();
    }

    /**
     * Sailing along a path at constant speed, from {@code fromM} metres along it at {@code start}.
     */
    public record Sail(SeaPath path, double fromM, double speedKnots, long start, long end, int navigationStatus,
                       String destination) implements Leg {
    }

    /** Staying at one position (at anchor). */
    public record Hold(LatLon at, double heading, long start, long end, int navigationStatus, String destination) implements Leg {
    }

    /**
     * Where the vessel is and how it moves at a time.
     *
     * @param lat degrees
     * @param lon degrees
     * @param sog knots
     * @param cog degrees 0..360
     * @param navigationStatus ITU status
     * @param leg the leg in force
     */
    public record State(double lat, double lon, double sog, double cog, int navigationStatus, Leg leg) {
    }

    /** The state at epoch second {@code t} (before the first leg: its start; after the last: its end). */
    public State stateAt(long t) {
        Leg leg = legs.get(legs.size() - 1);
        for (Leg l : legs) {
            if (t < l.end()) {
                leg = l;
                break;
            }
        }
        long tt = Math.max(leg.start(), Math.min(leg.end(), t));
        if (leg instanceof Sail s) {
            double d = s.fromM() + s.speedKnots() * 1852.0 / 3600.0 * (tt - s.start());
            double[] p = s.path().at(d);
            double sog = d >= s.path().length() ? 0 : s.speedKnots();
            return new State(p[0], p[1], sog, p[2], s.navigationStatus(), s);
        }
        Hold h = (Hold) leg;
        return new State(h.at().lat(), h.at().lon(), 0, h.heading(), h.navigationStatus(), h);
    }

    /** Whether the transmitter is on at epoch second {@code t}. */
    public boolean transmitting(long t) {
        return t >= transmitFrom && t < transmitUntil && !(t >= darkFrom && t < darkUntil);
    }

    /** The end of the leg in force at {@code t} (epoch second), or {@link Long#MAX_VALUE} after the last. */
    public long legEndAfter(long t) {
        for (Leg l : legs) {
            if (t < l.end()) {
                return l.end();
            }
        }
        return Long.MAX_VALUE;
    }
}
