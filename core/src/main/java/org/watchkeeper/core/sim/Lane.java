package org.watchkeeper.core.sim;

/**
 * A shipping lane between two ports: waypoints from the anchorage of {@code from} to that of
 * {@code to}, along the routes merchant ships take (traffic separation schemes of the Singapore
 * and Malacca Straits, the open South China Sea and Bay of Bengal), kept at sea.
 *
 * @param from port at the first waypoint
 * @param to port at the last waypoint
 * @param path the waypoints
 */
public record Lane(Port from, Port to, SeaPath path) {
    /** {@code FROM-TO} with the UN/LOCODEs. */
    public String name() {
        return from.locode() + "-" + to.locode();
    }
}
