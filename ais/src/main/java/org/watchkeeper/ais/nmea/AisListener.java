package org.watchkeeper.ais.nmea;

/**
 * Receives the output of an {@link AisStreamDecoder}, in input order: each decoded message and each
 * rejected line. Called on the thread that feeds the decoder.
 */
public interface AisListener {
    /** A complete, decoded AIS message (single- or multi-sentence). */
    void message(ReceivedMessage m);

    /** One input line that did not become (part of) a message, with the reason. */
    void rejected(Rejection r);
}
