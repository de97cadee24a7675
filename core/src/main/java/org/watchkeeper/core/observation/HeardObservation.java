package org.watchkeeper.core.observation;

/**
 * A message that tells only that its station was heard: one that carries neither a position nor an
 * identity (AIS types 6-8, 10, 12-17, 20, 22, 23, 25 and 26: binary, safety, interrogation,
 * acknowledgement, assignment and link management messages). The station is in the picture all the
 * same, with what such messages tell: when it was heard, how often, and for the types only a base
 * station sends (16, 17, 20, 22, 23) its class ({@link StationClass#ofMessageType}). The MMSI is the
 * sender's, as in every AIS message; a destination MMSI is not a station heard.
 *
 * <p>Such observations go to the picture and are counted, and to no detector: detectors judge
 * positions and identities.
 *
 * @param time epoch milliseconds UTC
 * @param source receiver/station id or file; may be null
 * @param mmsi source MMSI
 * @param messageType the AIS message type
 * @param classEvidence what the message type says about the station class
 */
public record HeardObservation(long time, String source, int mmsi, int messageType, StationClass classEvidence)
        implements Observation {
}
