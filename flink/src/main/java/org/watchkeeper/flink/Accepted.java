package org.watchkeeper.flink;

import org.watchkeeper.core.observation.Observation;

/**
 * An observation the vessel picture accepted (a position the tracker kept, or an identity), on its
 * way to the detectors.
 *
 * @param observation the observation
 * @param watermark the watermark the in-process engine would have when this observation arrives:
 *        the highest event time the picture subtask accepted so far minus the allowed lateness
 *        minus 1 ms ({@code Long.MIN_VALUE} before any). A lower bound of the true watermark of
 *        the stream, carried per record so that detectors can fire due timers before the next
 *        observation of their key (see {@link DetectorFunction}).
 */
public record Accepted(Observation observation, long watermark) {
}
