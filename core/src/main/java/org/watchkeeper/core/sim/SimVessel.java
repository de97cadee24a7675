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
     * Sailing along a path, from {@code fromM} metres along it at {@code start}: at {@code speedKnots}
     * until {@code brakeSeconds} before {@code end}, then slowing down at a constant rate to
     * {@code endSpeedKnots} at {@code end} (a ship arriving at its anchorage, or slowing for a
     * meeting, takes minutes to shed its speed; see {@link #ARRIVAL_DECELERATION_KNOTS_PER_MINUTE}).
     * With {@code brakeSeconds} 0 the speed is constant.
     */
    public record Sail(SeaPath path, double fromM, double speedKnots, long start, long end, int navigationStatus,
                       String destination, double endSpeedKnots, long brakeSeconds) implements Leg {

        /** Deceleration of the simulated arrivals: 1 kn per minute (15 kn to a stop in a quarter of an hour). */
        public static final double ARRIVAL_DECELERATION_KNOTS_PER_MINUTE = 1.0;

        /** Validates the braking phase. */
        public Sail {
            if (brakeSeconds < 0 || brakeSeconds > Math.max(0, end - start) || endSpeedKnots < 0) {
                throw new IllegalArgumentException("invalid braking: " + brakeSeconds + " s to " + endSpeedKnots + " kn");
            }
        }

        /** A leg at constant speed. */
        public Sail(SeaPath path, double fromM, double speedKnots, long start, long end, int navigationStatus,
                    String destination) {
            this(path, fromM, speedKnots, start, end, navigationStatus, destination, speedKnots, 0);
        }

        /**
         * A leg to the end of {@code path} that slows from {@code speedKnots} to {@code endSpeedKnots}
         * at {@link #ARRIVAL_DECELERATION_KNOTS_PER_MINUTE} before reaching it; its end time follows.
         * When less path is left than the slowing down needs, the vessel is already slowing at
         * {@code start}, at the speed that rate gives for the distance left.
         */
        public static Sail arriving(SeaPath path, double fromM, double speedKnots, double endSpeedKnots, long start,
                                    int navigationStatus, String destination) {
            double a = ARRIVAL_DECELERATION_KNOTS_PER_MINUTE / 60.0 * KNOT; // m/s^2
            double left = Math.max(0, path.length() - fromM);
            double vc = speedKnots * KNOT, ve = Math.min(endSpeedKnots, speedKnots) * KNOT;
            double braking = (vc * vc - ve * ve) / (2 * a);
            if (left < braking) {
                vc = Math.sqrt(ve * ve + 2 * a * left);
                braking = left;
            }
            long brake = Math.round((vc - ve) / a);
            long cruise = vc > 0 ? (long) Math.ceil((left - braking) / vc) : 0;
            return new Sail(path, fromM, vc / KNOT, start, start + cruise + brake, navigationStatus, destination,
                    ve / KNOT, brake);
        }

        /**
         * Metres covered in {@code seconds} by a leg made with {@link #arriving}: cruising at
         * {@code speedKnots}, then slowing to {@code endSpeedKnots} (for building a path that ends at
         * a place at a time).
         */
        public static double arrivingDistance(double speedKnots, double endSpeedKnots, long seconds) {
            double a = ARRIVAL_DECELERATION_KNOTS_PER_MINUTE / 60.0 * KNOT;
            double vc = speedKnots * KNOT, ve = endSpeedKnots * KNOT;
            double brake = (vc - ve) / a;
            return vc * (seconds - brake) + (vc + ve) / 2 * brake;
        }

        /** Metres along the path and speed in knots at epoch second {@code t} (within the leg). */
        double[] motionAt(long t) {
            double vc = speedKnots * KNOT;
            long brakeStart = end - brakeSeconds;
            if (t <= brakeStart || brakeSeconds == 0) {
                return new double[] {fromM + vc * (t - start), speedKnots};
            }
            double tau = t - brakeStart;
            double ve = endSpeedKnots * KNOT;
            double v = vc + (ve - vc) * tau / brakeSeconds;
            double d = fromM + vc * (brakeStart - start) + (vc + v) / 2 * tau;
            return new double[] {d, v / KNOT};
        }
    }

    /** Metres per second in one knot. */
    private static final double KNOT = 1852.0 / 3600.0;

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
            double[] m = s.motionAt(tt);
            double d = m[0];
            double[] p = s.path().at(d);
            double sog = d >= s.path().length() && s.brakeSeconds() == 0 ? 0 : m[1];
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
