package org.watchkeeper.core.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pipeline stage on its own thread: items handed in by a producer thread in batches of
 * {@code batch}, passed in the same order to {@code target} on a worker thread. Memory is bounded:
 * at most {@code queue} batches wait, then {@link #accept} blocks until the worker catches up.
 * Used by {@code analyze} to run the detectors and the store appends beside the tracker, and by
 * {@code decode} to format its output beside the decoder (the items are immutable observations,
 * row batches or decoded messages, so nothing is shared mutably).
 *
 * <p>Everything the target did is visible to the caller after {@link #close()} returns. A
 * failure of the target stops the worker; the next {@link #accept} or {@link #close()} rethrows
 * it (unchecked exceptions and errors as they are, others wrapped in an
 * {@link IllegalStateException}). Use from one producer thread.
 *
 * @param <T> item type
 */
public final class Stage<T> implements AutoCloseable {
    private static final Object[] END = new Object[0];

    private final BlockingQueue<Object[]> queue;
    private final Thread worker;
    private final int batchSize;
    private Object[] batch;
    private int size;
    private volatile Throwable failure;
    private boolean closed;

    /**
     * Starts the worker thread.
     *
     * @param name thread name
     * @param batchSize items per hand-over (≥ 1)
     * @param queueBatches batches that may wait (≥ 1)
     * @param target receives every item, in order, on the worker thread
     * @throws IllegalArgumentException for sizes below 1
     */
    public Stage(String name, int batchSize, int queueBatches, Consumer<? super T> target) {
        if (batchSize < 1 || queueBatches < 1) {
            throw new IllegalArgumentException("batch and queue sizes must be >= 1");
        }
        this.batchSize = batchSize;
        this.batch = new Object[batchSize];
        this.queue = new ArrayBlockingQueue<>(queueBatches);
        worker = new Thread(() -> {
            try {
                while (true) {
                    Object[] b = queue.take();
                    if (b == END) {
                        return;
                    }
                    for (Object item : b) {
                        if (item == null) {
                            break;
                        }
                        @SuppressWarnings("unchecked")
                        T t = (T) item;
                        target.accept(t);
                    }
                }
            } catch (Throwable t) {
                failure = t;
                queue.clear();
            }
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Hands one item over (blocks while the queue is full).
     *
     * @throws IllegalStateException after {@link #close()}, or when the worker failed (or its failure as is)
     */
    public void accept(T item) {
        if (closed) {
            throw new IllegalStateException("stage closed");
        }
        batch[size++] = item;
        if (size == batchSize) {
            put(batch);
            batch = new Object[batchSize];
            size = 0;
        }
    }

    /**
     * Hands over the items gathered so far without waiting for a full batch (a live stream calls
     * this whenever its input runs dry, so that no item waits for later ones). Blocks while the
     * queue is full; does nothing when no item is gathered.
     *
     * @throws IllegalStateException after {@link #close()}, or when the worker failed (or its failure as is)
     */
    public void flush() {
        if (closed) {
            throw new IllegalStateException("stage closed");
        }
        if (size > 0) {
            put(java.util.Arrays.copyOf(batch, size));
            java.util.Arrays.fill(batch, 0, size, null);
            size = 0;
        }
    }

    private void put(Object[] b) {
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                check();
                if (!worker.isAlive()) {
                    check();
                    throw new IllegalStateException("stage thread " + worker.getName() + " ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over to " + worker.getName(), e);
        }
        check();
    }

    private void check() {
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Hands over the last items, waits until the worker has processed all of them, rethrows its failure. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure == null) {
            if (size > 0) {
                put(batch);
            }
            put(END);
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + worker.getName(), e);
        }
        check();
    }
}
