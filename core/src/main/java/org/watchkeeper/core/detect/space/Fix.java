package org.watchkeeper.core.detect.space;

import java.io.Serializable;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

/**
 * A {@link PositionObservation} as a serialisable value, for detector state (checkpoints); turns back
 * into the identical observation for an event's evidence. Components as in {@link PositionObservation}.
 */
public record Fix(long time, String source, int mmsi, int messageType, StationClass classEvidence, double latitude,
        double longitude, double speedOverGround, double courseOverGround, int heading, int navigationStatus,
        boolean highAccuracy, boolean lowResolution, TimeSource timeSource, int utcSecond, boolean feedTimeUntrusted)
        implements Serializable {

    /** The fix of an observation. */
    public static Fix of(PositionObservation o) {
        return new Fix(o.time(), o.source(), o.mmsi(), o.messageType(), o.classEvidence(), o.latitude(), o.longitude(),
                o.speedOverGround(), o.courseOverGround(), o.heading(), o.navigationStatus(), o.highAccuracy(),
                o.lowResolution(), o.timeSource(), o.utcSecond(), o.feedTimeUntrusted());
    }

    /** The observation this fix was made from. */
    public PositionObservation toObservation() {
        return new PositionObservation(time, source, mmsi, messageType, classEvidence, latitude, longitude,
                speedOverGround, courseOverGround, heading, navigationStatus, highAccuracy, lowResolution, timeSource,
                utcSecond, feedTimeUntrusted);
    }
}
