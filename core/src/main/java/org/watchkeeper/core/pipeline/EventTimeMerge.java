package org.watchkeeper.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.watchkeeper.core.observation.Observation;

/**
 * Merges several inputs, each in event-time order or close to it (one receiver's log, one
 * station's feed), into one stream in event-time order, so that inputs covering the same hours
 * (two stations' logs of one day) reach the tracker and the detectors interleaved as if received
 * by one network, instead of one after the other with the later one's overlap arriving late.
 *
 * <p>Each input runs on a thread of its own ({@code input-NAME}), pushing its observations into
 * a bounded queue ({@code queue} batches of {@code batch}); the caller's thread takes, each time,
 * the observation with the earliest time among the inputs' next ones (ties: the input opened first)
 * and passes it to the target. An input's disorder within itself is kept as it is (a late
 * observation of one input still comes after the later ones of that input), so the merged stream is
 * as ordered as the inputs are; put an input that is not in order back in order first (e.g. with an
 * {@link EventTimeOrder} inside its {@link Source}).
 *
 * <p>Inputs are opened in order of their {@link Input#openAt()} time (the earliest time the
 * caller knows of in each; stable for equal ones), each once the merged stream reaches that time, or
 * when no open input is left: a year of daily files keeps one or two open at a time, not all of
 * them. Memory is bounded by the open inputs times {@code queue * batch} observations, plus what each
 * source holds itself.
 *
 * <p>A source's failure stops the merge: the other inputs' threads are interrupted and
 * {@link #run} throws it (an {@link Exception} as {@link MergeFailure} with the input's name, an
 * {@link Error} as is). The target runs on the caller's thread only. Use once.
 */
public final class EventTimeMerge {
    /** Observations per batch handed from an input's thread. */
    public static final int BATCH = 1024;
    /** Batches that may wait per open input. */
    public static final int QUEUE = 8;

    /** One input's work: decodes or reads it and passes its observations to the sink, in its order. */
    @FunctionalInterface
    public interface Source {
        /**
         * Runs on the input's own thread.
         *
         * @param sink takes every observation of the input
         * @throws Exception on any failure, which stops the merge
         */
        void run(Consumer<Observation> sink) throws Exception;
    }

    /**
     * One input of the merge.
     *
     * @param name shown in the thread name and in failures
     * @param openAt epoch ms from which the input may hold observations (its earliest known time);
     *               {@link Long#MAX_VALUE} when unknown: opened once every other input is drained
     * @param source the input's work
     */
    public record Input(String name, long openAt, Source source) {
        /** @throws NullPointerException for a null name or source */
        public Input {
            Objects.requireNonNull(name);
            Objects.requireNonNull(source);
        }
    }

    /** A source's failure, with the input it came from. */
    public static final class MergeFailure extends RuntimeException {
        private final String input;

        MergeFailure(String input, Throwable cause) {
            super(input + ": " + cause.getMessage(), cause);
            this.input = input;
        }

        /** The name of the input that failed. */
        public String input() {
            return input;
        }
    }

    private static final Object[] END = new Object[0];

    private final int batch;
    private final int queue;
    private int opened;

    /** A merge with {@link #BATCH} and {@link #QUEUE}. */
    public EventTimeMerge() {
        this(BATCH, QUEUE);
    }

    /**
     * @param batch observations per hand-over (at least 1)
     * @param queue batches that may wait per open input (at least 1)
     * @throws IllegalArgumentException for sizes below 1
     */
    public EventTimeMerge(int batch, int queue) {
        if (batch < 1 || queue < 1) {
            throw new IllegalArgumentException("batch and queue sizes must be >= 1");
        }
        this.batch = batch;
        this.queue = queue;
    }

    /** How many inputs have been opened so far (all of them once {@link #run} returns normally). */
    public int opened() {
        return opened;
    }

    /**
     * Runs every input and passes the merged stream to {@code target} on this thread; returns once
     * every input is drained.
     *
     * @throws MergeFailure when a source throws an exception (the others are stopped)
     * @throws IllegalStateException when this thread is interrupted
     */
    public void run(List<Input> inputs, Consumer<? super Observation> target) {
        List<Input> pending = new ArrayList<>(inputs);
        pending.sort(Comparator.comparingLong(Input::openAt)); // stable
        List<Cursor> open = new ArrayList<>();
        int next = 0;
        try {
            while (true) {
                Cursor best = null;
                long bestTime = Long.MAX_VALUE;
                for (int i = 0; i < open.size(); i++) {
                    Cursor c = open.get(i);
                    Observation h = c.head();
                    if (h == null) {
                        open.remove(i--);
                        continue;
                    }
                    if (best == null || h.time() < bestTime) {
                        best = c;
                        bestTime = h.time();
                    }
                }
                if (next < pending.size() && (best == null || pending.get(next).openAt() <= bestTime)) {
                    open.add(new Cursor(pending.get(next++)));
                    opened++;
                    continue; // its head takes part in the next choice
                }
                if (best == null) {
                    return;
                }
                target.accept(best.take());
                // while one input alone is open and no other is due, pass its run without the scan
                if (open.size() == 1) {
                    long due = next < pending.size() ? pending.get(next).openAt() : Long.MAX_VALUE;
                    Observation h;
                    while ((h = best.head()) != null && h.time() < due) {
                        target.accept(best.take());
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            open.forEach(Cursor::stop);
            throw e;
        }
    }

    /** One open input: its thread, its queue and the batch being taken from. */
    private final class Cursor {
        private final String name;
        private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(queue);
        private final Thread thread;
        private Object[] current = END;
        private int at;
        private boolean done;

        Cursor(Input input) {
            this.name = input.name();
            thread = new Thread(() -> produce(input.source()), "input-" + input.name());
            thread.setDaemon(true);
            thread.start();
        }

        private void produce(Source source) {
            Object[][] b = {new Object[batch]};
            int[] n = {0};
            try {
                source.run(o -> {
                    b[0][n[0]++] = Objects.requireNonNull(o);
                    if (n[0] == batch) {
                        put(b[0]);
                        b[0] = new Object[batch];
                        n[0] = 0;
                    }
                });
                if (n[0] > 0) {
                    put(java.util.Arrays.copyOf(b[0], n[0]));
                }
                put(END);
            } catch (Interrupted e) {
                // stopped by the merge
            } catch (Throwable t) {
                try {
                    put(t);
                } catch (Interrupted ignored) {
                    // stopped by the merge
                }
            }
        }

        private void put(Object item) {
            try {
                batches.put(item);
            } catch (InterruptedException e) {
                throw new Interrupted();
            }
        }

        /** The next observation, waiting for the input's thread if need be; null once drained. */
        Observation head() {
            while (at == current.length) {
                if (done) {
                    return null;
                }
                Object item;
                try {
                    item = batches.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while merging inputs", e);
                }
                if (item == null) {
                    if (!thread.isAlive() && batches.isEmpty()) {
                        throw new MergeFailure(name, new IllegalStateException("input thread ended without a result"));
                    }
                    continue;
                }
                if (item == END) {
                    done = true;
                    return null;
                }
                if (item instanceof Error e) {
                    throw e;
                }
                if (item instanceof Throwable t) {
                    throw new MergeFailure(name, t);
                }
                current = (Object[]) item;
                at = 0;
            }
            return (Observation) current[at];
        }

        /** Takes the observation {@link #head()} returned. */
        Observation take() {
            Observation o = (Observation) current[at];
            current[at++] = null;
            return o;
        }

        void stop() {
            thread.interrupt();
        }
    }

    /** Unwinds an input's thread when the merge stops it. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
