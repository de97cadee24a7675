package org.watchkeeper.core.pipeline;

import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.IdentityChange;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.Tracker;

/**
 * What an {@link Analysis} reports while it runs, in event-time order per vessel, on the thread
 * that feeds it. Every method has an empty default, so a listener implements only what it needs:
 * the history store takes accepted positions (with their segment number), identity changes and the
 * final picture; the report takes closed segments; a detection engine takes every observation.
 */
public interface AnalysisListener {

    /**
     * Every position and identity observation, before the picture and tracker see it (the input of
     * detectors, which keep their own state and use event time only); not a
     * {@link org.watchkeeper.core.observation.HeardObservation}, which only puts its station in the picture.
     */
    default void observation(Observation o) {
    }

    /**
     * A position after the tracker decided on it.
     *
     * @param p the fix
     * @param decision accepted (with its segment) or rejected (with the {@link org.watchkeeper.core.track.NoiseReason})
     */
    default void position(PositionObservation p, Tracker.Decision decision) {
    }

    /** An identity observation after the picture merged it. */
    default void identity(IdentityObservation o) {
    }

    /** An identity change the picture recorded (rename, new call sign, IMO, ship type or class). */
    default void identityChange(int mmsi, IdentityChange change) {
    }

    /**
     * A track segment that the tracker closed (gap, eviction, or the end of input in
     * {@link Analysis#finish()}); its points will not change any more.
     */
    default void segmentClosed(Segment segment) {
    }

    /** The end of input: every segment has been closed and reported. */
    default void finished(Analysis analysis) {
    }
}
