package org.watchkeeper.core.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

    private static final ReceivedMessage[] END = new ReceivedMessage[0];

    private final BlockingQueue<ReceivedMessage[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread worker;
    private ReceivedMessage[] batch = new ReceivedMessage[BATCH];
    private int size;
    private volatile Throwable failure;
    private boolean closed;

    /** Starts the worker thread (named {@code name}) that feeds {@code target}. */
    public HandOff(AisListener target, String name) {
        worker = new Thread(() -> {
            try {
                while (true) {
                    ReceivedMessage[] b = queue.take();
                    if (b == END) {
                        return;
                    }
                    for (ReceivedMessage m : b) {
                        if (m == null) {
                            break;
                        }
                        target.message(m);
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

    @Override
    public void message(ReceivedMessage m) {
        batch[size++] = m;
        if (size == BATCH) {
            put(batch);
            batch = new ReceivedMessage[BATCH];
            size = 0;
        }
    }

    @Override
    public void rejected(Rejection r) {
        // counted by the decoder's Stats
    }

    private void put(ReceivedMessage[] b) {
        try {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                check();
                if (!worker.isAlive()) {
                    check();
                    throw new IllegalStateException("analysis thread ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over messages", e);
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

    /** Hands over the last messages, waits until the worker has processed everything, rethrows its failure. */
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
            throw new IllegalStateException("interrupted while waiting for the analysis thread", e);
        }
        check();
    }
}
