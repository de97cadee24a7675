package org.watchkeeper.flink;

import java.io.Serializable;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * The state of one vessel the job publishes after each accepted observation: its position of record
 * (the newest fix the tracker accepted) and merged identity (each field keeps the newest value any
 * message reported, as {@code VesselPicture} merges them). Units and "not available" as in the
 * observations: NaN for decimals, -1 for integers, null for text.
 */
public final class VesselState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** MMSI. */
    public int mmsi;
    /** Event time of the newest accepted observation, epoch ms UTC. */
    public long lastSeen = Long.MIN_VALUE;
    /** Event time of the position of record, epoch ms UTC; {@code Long.MIN_VALUE} before any. */
    public long positionTime = Long.MIN_VALUE;
    /** Degrees, NaN before any position. */
    public double latitude = Double.NaN;
    /** Degrees, NaN before any position. */
    public double longitude = Double.NaN;
    /** Knots, NaN when not available. */
    public double speedOverGround = Double.NaN;
    /** Degrees, NaN when not available. */
    public double courseOverGround = Double.NaN;
    /** Degrees 0..359, -1 when not available. */
    public int heading = Observation.NOT_AVAILABLE;
    /** Navigational status 0..15 (ITU-R M.1371-5 Table 45), -1 when never reported. */
    public int navigationStatus = Observation.NOT_AVAILABLE;
    /** Number of the track segment of the position of record (1, 2, ...), 0 before any. */
    public int segment;
    /** Ship name, null when never reported. */
    public String name;
    /** Call sign, null when never reported. */
    public String callSign;
    /** IMO number, -1 when never reported. */
    public int imo = Observation.NOT_AVAILABLE;
    /** Type of ship and cargo (Table 53), -1 when never reported. */
    public int shipType = Observation.NOT_AVAILABLE;
    /** Destination, null when never reported. */
    public String destination;

    /** Applies an accepted position (with the number of the segment it joined). */
    void position(PositionObservation p, int segmentNumber) {
        lastSeen = Math.max(lastSeen, p.time());
        positionTime = p.time();
        latitude = p.latitude();
        longitude = p.longitude();
        speedOverGround = p.speedOverGround();
        courseOverGround = p.courseOverGround();
        heading = p.heading();
        if (p.navigationStatus() != Observation.NOT_AVAILABLE) {
            navigationStatus = p.navigationStatus();
        }
        segment = segmentNumber;
    }

    /** A message heard that carries neither position nor identity: the station was heard then. */
    void heard(Observation o) {
        lastSeen = Math.max(lastSeen, o.time());
    }

    /** Merges an identity: fields it carries replace the held ones. */
    void identity(IdentityObservation id) {
        lastSeen = Math.max(lastSeen, id.time());
        if (id.name() != null) {
            name = id.name();
        }
        if (id.callSign() != null) {
            callSign = id.callSign();
        }
        if (id.imo() != Observation.NOT_AVAILABLE) {
            imo = id.imo();
        }
        if (id.shipType() != Observation.NOT_AVAILABLE) {
            shipType = id.shipType();
        }
        if (id.destination() != null) {
            destination = id.destination();
        }
    }

    /** A copy (what is emitted must not change with later updates of the held state). */
    VesselState copy() {
        VesselState c = new VesselState();
        c.mmsi = mmsi;
        c.lastSeen = lastSeen;
        c.positionTime = positionTime;
        c.latitude = latitude;
        c.longitude = longitude;
        c.speedOverGround = speedOverGround;
        c.courseOverGround = courseOverGround;
        c.heading = heading;
        c.navigationStatus = navigationStatus;
        c.segment = segment;
        c.name = name;
        c.callSign = callSign;
        c.imo = imo;
        c.shipType = shipType;
        c.destination = destination;
        return c;
    }
}
