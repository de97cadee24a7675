package org.watchkeeper.core.pipeline;

import java.util.Objects;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;

/**
 * Hands observations from the decoding thread to the analysis: with two or more cores a worker
 * thread receives them in batches of {@link #BATCH} and passes them, in the same order, to the
 * target (typically {@link Analysis#accept}), so that decoding and mapping (an
 * {@link org.watchkeeper.ais.nmea.AisStreamDecoder} feeding an {@link NmeaInput} on the caller's
 * thread) run beside the picture and the tracker. Only the observations cross to the other core:
 * the decoder's own objects per message (the received message, its tag block, the decoded report)
 * are made, read and dropped on one core. On a machine with one core the target is called
 * directly on the caller's thread, with the same results.
 *
 * <p>Memory is bounded: at most {@link #QUEUE} batches wait; the caller blocks when the analysis
 * falls behind. Everything the target does is visible to the caller after {@link #close()}
 * returns. An exception thrown by the target stops the worker and is rethrown by the next
 * {@link #accept} or by {@link #close()} (unchecked exceptions and errors as they are, others
 * wrapped in an {@link IllegalStateException}); on one core it propagates from {@link #accept}
 * directly. Use from one thread.
 */
public final class HandOff implements Consumer<Observation>, AutoCloseable {
    /** Observations per batch. */
    public static final int BATCH = 2048;
    /** Batches that may wait. */
    public static final int QUEUE = 16;

    /** The worker stage, or null when the target runs on the caller's thread. */
    private final Stage<Observation> stage;
    private final Consumer<? super Observation> target;
    private boolean closed;

    /**
     * Starts the worker thread (named {@code name}) that feeds {@code target} when {@code cores}
     * is 2 or more; otherwise {@link #accept} calls the target directly.
     *
     * @param target receives every observation, in order
     * @param name the worker thread's name
     * @param cores processors available (e.g. {@link Runtime#availableProcessors()})
     */
    public HandOff(Consumer<? super Observation> target, String name, int cores) {
        this(target, name, BATCH, QUEUE, cores);
    }

    /**
     * As {@link #HandOff(Consumer, String, int)} with batches of {@code batch} observations, at most
     * {@code queue} of them waiting.
     *
     * @throws IllegalArgumentException when {@code batch} or {@code queue} is below 1
     */
    public HandOff(Consumer<? super Observation> target, String name, int batch, int queue, int cores) {
        this.target = Objects.requireNonNull(target);
        this.stage = cores > 1 ? new Stage<>(name, batch, queue, target) : null;
    }

    /** As {@link #HandOff(Consumer, String, int)} with the processors available to this JVM. */
    public HandOff(Consumer<? super Observation> target, String name) {
        this(target, name, Runtime.getRuntime().availableProcessors());
    }

    /** Whether a worker thread runs the target (false: the caller's thread does). */
    public boolean threaded() {
        return stage != null;
    }

    /**
     * Hands one observation over (blocks while the queue is full).
     *
     * @throws IllegalStateException after {@link #close()}, or the target's failure (see the class comment)
     */
    @Override
    public void accept(Observation o) {
        if (stage != null) {
            stage.accept(o);
        } else if (closed) {
            throw new IllegalStateException("hand-off closed");
        } else {
            target.accept(o);
        }
    }

    /** Hands over the last observations, waits until the target has processed all of them, rethrows its failure. */
    @Override
    public void close() {
        closed = true;
        if (stage != null) {
            stage.close();
        }
    }
}
