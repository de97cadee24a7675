package org.watchkeeper.core.detect;

/**
 * What a {@link Detector} may do while handling an observation or a timer: emit events, register
 * event-time timers for its current key, and read the current key and watermark.
 */
public interface DetectorContext {
    /** The key being processed (an MMSI, or a cell id for spatial detectors). */
    long key();

    /**
     * The current event-time watermark in epoch ms: no observation older than this will reach the
     * detector any more. {@code Long.MIN_VALUE} before the first observation.
     */
    long watermark();

    /** Emits an event. */
    void emit(Event event);

    /**
     * Registers a timer for the current key at event time {@code timestamp} (epoch ms). Registering the
     * same time twice for a key fires once. Timers fire in time order when the watermark reaches them.
     */
    void registerTimer(long timestamp);

    /**
     * Forgets the current key's state (after this call the next observation of the key starts from
     * {@link Detector#createState()}); timers already registered stay. Detectors call it when a key
     * has nothing left to remember, which keeps memory bounded by the active keys.
     */
    void clearState();

    /** Deletes a timer registered earlier for the current key; unknown timers are ignored. */
    void deleteTimer(long timestamp);
}
