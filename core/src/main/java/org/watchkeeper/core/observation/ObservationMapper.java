package org.watchkeeper.core.observation;

import java.util.List;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.PositionReport;

/**
 * Turns decoded AIS messages into observations. A message gives zero, one or two observations
 * (types 19 and 21 carry a position and an identity). Message types that say nothing about a
 * station's position or identity (binary, safety, management messages) give none. Stateless.
 */
public final class ObservationMapper {

    /**
     * @param m the decoded message
     * @param time event time, epoch milliseconds UTC
     * @param source receiver/station id or file; may be null
     * @return the observations, possibly empty; never null
     */
    public List<Observation> map(AisMessage m, long time, String source) {
        StationClass evidence = StationClass.ofMessageType(m.messageType());
        if (m instanceof PositionReport p) {
            return List.of(new PositionObservation(time, source, p.mmsi(), p.messageType(), evidence,
                    p.latitude(), p.longitude(), p.speedOverGround(), p.courseOverGround(), p.trueHeading(),
                    p.navigationStatus(), p.positionAccuracy(), false));
        }
        return List.of();
    }

    /** Trimmed text, or null when empty (AIS pads with {@code @} and spaces; the decoder strips them). */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** An integer that is "not available" when 0 or negative. */
    static int positive(int v) {
        return v > 0 ? v : Observation.NOT_AVAILABLE;
    }

    /** A decimal that is "not available" when 0, negative or NaN (draught). */
    static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }
}
