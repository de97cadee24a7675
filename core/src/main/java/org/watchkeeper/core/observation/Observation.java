package org.watchkeeper.core.observation;

/**
 * One thing a source said about one station at one time: a position ({@link PositionObservation}),
 * an identity ({@link IdentityObservation}), or only that the station was heard
 * ({@link HeardObservation}: a binary, safety or management message). Observations come from decoded AIS messages
 * ({@link ObservationMapper}) or from CSV exports (package {@code org.watchkeeper.core.csv}); all
 * downstream logic (picture, tracks, detectors) sees only observations and uses only their event
 * time.
 *
 * <p>Observations are {@link java.io.Serializable} so that detector state holding them (evidence
 * buffers) can be checkpointed by a distributed host.
 *
 * <p>"Not available" follows the {@code ais} module: {@code Double.NaN} for decimal values,
 * {@link #NOT_AVAILABLE} (-1) for non-negative integers, {@code null} for text and structures.
 *
 * <p>Serializable, so that detector state (which keeps observations as evidence) can be
 * checkpointed.
 */
public sealed interface Observation extends java.io.Serializable permits PositionObservation, IdentityObservation, HeardObservation {
    /** Integer value meaning "not available" (same as {@code AisMessage.NOT_AVAILABLE}). */
    int NOT_AVAILABLE = -1;
    /** {@link #messageType()} of an observation that did not come from an AIS message (e.g. a CSV row). */
    int NO_MESSAGE_TYPE = 0;

    /** Event time: epoch milliseconds UTC (from the tag block, $PGHP, suffix, CSV column or receive clock). */
    long time();

    /** Where it came from: receiver/station id, talker or file name; null when unknown. */
    String source();

    /** Source MMSI, the 30-bit value as sent (render with {@code Mmsi.format}). */
    int mmsi();

    /** AIS message type 1..27, or {@link #NO_MESSAGE_TYPE}. */
    int messageType();

    /** What the observation says about the kind of station that sent it. */
    StationClass classEvidence();
}
