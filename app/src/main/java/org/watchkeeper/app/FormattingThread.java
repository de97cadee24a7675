package org.watchkeeper.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.watchkeeper.ais.nmea.ReceivedMessage;

/**
 * Formats decoded messages on a thread of its own, so that decoding (on the caller's thread) and
 * formatting plus writing overlap on two cores. Messages are handed over in batches of
 * {@value #BATCH} (one queue operation per batch, batch arrays recycled), in the order
 * {@link #accept} received them; at most {@value #IN_FLIGHT} batches wait, which bounds the memory
 * and makes the decoder wait for a slower writer. The output is the one the {@code sink} would
 * write on the caller's thread.
 *
 * <p>A failure of the sink (e.g. a closed pipe) stops the formatting; the next {@link #accept} or
 * {@link #finish} throws it as an {@link UncheckedIOException} wrapping the original
 * {@link IOException}. Not thread safe on the caller's side: one decoding thread calls it.
 */
final class FormattingThread {
    /** Messages per hand-over. */
    static final int BATCH = 2048;
    /** Batches waiting for the formatting thread, at most. */
    static final int IN_FLIGHT = 6;

    /** What formats one message. */
    interface Sink {
        void write(ReceivedMessage m) throws IOException;
    }

    private static final class Batch {
        final ReceivedMessage[] items = new ReceivedMessage[BATCH];
        int size;
        /** The end-of-input marker. */
        boolean last;
    }

    private final Sink sink;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private final Thread thread;
    private volatile IOException failure;
    private volatile RuntimeException crash;
    private Batch current = new Batch();
    private boolean finished;

    FormattingThread(Sink sink) {
        this.sink = sink;
        for (int i = 0; i < IN_FLIGHT; i++) {
            free.add(new Batch());
        }
        thread = new Thread(this::run, "decode-format");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one message for formatting. */
    void accept(ReceivedMessage m) {
        Batch b = current;
        b.items[b.size++] = m;
        if (b.size == BATCH) {
            handOver(b);
            current = take(free);
        }
    }

    /**
     * Formats everything queued and stops the thread; the sink is then the caller's again (not flushed).
     *
     * @throws UncheckedIOException when the sink failed
     */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        Batch b = current;
        b.last = true;
        put(b);
        joinThread();
        rethrow();
    }

    /** Stops the thread after a failure on the caller's side, dropping what is queued. */
    void abandon() {
        if (finished) {
            return;
        }
        finished = true;
        thread.interrupt();
        joinThread();
    }

    private void handOver(Batch b) {
        rethrow();
        put(b);
    }

    private void rethrow() {
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
        if (crash != null) {
            throw crash;
        }
    }

    private void run() {
        try {
            while (true) {
                Batch b = full.take();
                if (failure == null && crash == null) {
                    ReceivedMessage[] items = b.items;
                    try {
                        for (int i = 0, n = b.size; i < n; i++) {
                            sink.write(items[i]);
                            items[i] = null; // garbage as soon as written
                        }
                    } catch (IOException e) {
                        failure = e;
                    } catch (RuntimeException e) {
                        crash = e;
                    }
                }
                if (b.last) {
                    return;
                }
                b.size = 0;
                free.put(b);
            }
        } catch (InterruptedException e) {
            // abandoned by the decoding thread
        }
    }

    private void put(Batch b) {
        try {
            full.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing messages to the formatting thread", e);
        }
    }

    private Batch take(BlockingQueue<Batch> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the formatting thread", e);
        }
    }

    private void joinThread() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
