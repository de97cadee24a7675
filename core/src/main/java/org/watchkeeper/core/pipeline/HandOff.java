package org.watchkeeper.core.pipeline;

import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/**
 * Runs the stages after decoding on a second thread: the decoder's thread hands decoded messages
 * over in batches of {@link #BATCH}, and a worker thread passes them, in the same order, to the
 * target listener (typically an {@link NmeaInput} feeding an {@link Analysis}). On a machine with
 * two or more cores the decoder and the analysis then run side by side. Memory is bounded: at
 * most {@link #QUEUE} batches wait; the decoder blocks when the analysis falls behind.
 *
 * <p>Rejected lines are not handed over (the decoder's {@code Stats} count them). Everything the
 * target does happens on the worker thread; after {@link #close()} returns, all of it is visible
 * to the caller. An exception thrown by the target stops the worker and is rethrown, wrapped, by
 * the next {@link #message} or by {@link #close()}.
 */
public final class HandOff implements AisListener, AutoCloseable {
    /** Messages per batch. */
    public static final int BATCH = 2048;
    /** Batches that may wait. */
    public static final int QUEUE = 16;

    private final Stage<ReceivedMessage> stage;

    /** Starts the worker thread (named {@code name}) that feeds {@code target}. */
    public HandOff(AisListener target, String name) {
        stage = new Stage<>(name, BATCH, QUEUE, target::message);
    }

    @Override
    public void message(ReceivedMessage m) {
        stage.accept(m);
    }

    @Override
    public void rejected(Rejection r) {
        // counted by the decoder's Stats
    }

    /** Hands over the last messages, waits until the worker has processed everything, rethrows its failure. */
    @Override
    public void close() {
        stage.close();
    }
}
