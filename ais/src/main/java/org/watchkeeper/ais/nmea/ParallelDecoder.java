package org.watchkeeper.ais.nmea;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Decodes one NMEA stream on several threads with exactly the output of one
 * {@link AisStreamDecoder}: the same messages and rejections in the same order, the same line
 * numbers, the same {@link Stats}.
 *
 * <h2>How the stream is cut</h2>
 * A reader thread reads the stream (inflating it, if the caller passes a gzip stream) into chunks
 * of about {@code chunkBytes} bytes and runs a boundary tracker over every line: a decoder that
 * processes only the lines that can change the state one line leaves for the next (fragments of
 * multi-sentence messages, {@code $PGHP} time lines, blank and tag-block-only lines) and counts the
 * others. A chunk ends after a line feed at which that state is empty: no incomplete or held-back
 * multi-sentence message, no {@code $PGHP} time armed for the next sentence. A fresh decoder that
 * starts there, numbering its lines from the tracker's count, is in the same state as the one
 * decoder reading the whole stream would be, so it produces the same output; the chunk's decoder
 * ends in an empty state too, which the worker checks. Each chunk is decoded on one of
 * {@code threads} worker threads into a {@link ChunkSink} that buffers its output; the calling
 * thread drains the sinks in input order.
 *
 * <p>When no such line comes within {@code maxChunkBytes} (a stream of fragments that never
 * complete, a stream without line feeds), the chunk is cut there anyway and the next chunk
 * continues the same decoder, after it, so memory stays bounded by about
 * {@code (2 threads + 2) maxChunkBytes} of input plus the buffered output of those chunks.
 *
 * <h2>A clock read from the stream</h2>
 * A decoder may read a state from the stream's own lines that every later line depends on: a
 * receive clock set by the receiver's GNSS sentences ({@link StreamClock}), which times an untimed
 * message by the newest such sentence before it, however far back. No line after the first such
 * sentence is a safe start, so from the chunk holding it the rest of the stream is decoded by one
 * decoder, chunk after chunk (still on the worker threads, while the reader reads ahead), with the
 * clock attached just before that chunk: the output is the one decoder's with the clock attached
 * from the start, which gives no time and changes nothing until such a sentence sets it. The
 * boundary tracker shows the clock's test every line the full decoder would show the clock
 * ({@link AisStreamDecoder#setParametricSentenceHook}), so a stream without such sentences is cut
 * and decoded in parallel as before, at the cost of a few byte comparisons per {@code $} line.
 */
public final class ParallelDecoder {
    /** Receives one chunk's output: messages and rejections on a worker thread, then drained in order. */
    public interface ChunkSink extends AisListener {
        /**
         * Called on the worker thread after the chunk's last message and rejection.
         *
         * @throws IOException when buffering the output fails
         */
        default void decoded() throws IOException {
        }

        /**
         * Called on the thread that called {@link #decode}, in input order: passes the buffered output on.
         *
         * @throws IOException when writing it fails; decoding then stops and {@link #decode} throws it
         */
        void drain() throws IOException;
    }

    /**
     * A receive clock that a decoder reads from the stream's own lines (see the class comment): the
     * decoder that decodes the rest of the stream from the chunk holding the first line that may set
     * it gets one.
     */
    public interface StreamClock {
        /**
         * Whether this line may set the clock, given as to a {@link AisStreamDecoder.LineHook}. It
         * must be true for every line that can take the clock from "no time" to a time (a false
         * positive only costs the parallelism of the rest of the stream).
         */
        boolean sets(byte[] b, int off, int len);

        /** Attaches a new clock to {@code decoder}, before it is fed the chunk holding such a line. */
        void attach(AisStreamDecoder decoder);
    }

    private final Options options;
    private final StreamClock clock;
    private final int threads;
    private final int chunkBytes;
    private final int maxChunkBytes;

    // cuts of the last completed decode(), for tests: safe ones, and unsafe ones inside a
    // multi-sentence message or after an armed $PGHP line
    volatile long safeCuts;
    volatile long unsafeCuts;
    volatile long unsafeCutsInMessages;
    volatile long unsafeCutsAfterPghp;
    // safe cuts made before the chunk holding the first line that may set the clock, -1 without one
    volatile long safeCutsBeforeClock;

    /**
     * @param options decoder options, as for {@link AisStreamDecoder}
     * @param threads worker threads, 1..256
     * @param chunkBytes chunk size in bytes from which a chunk is ended at the next safe line, 1..2^28
     * @param maxChunkBytes size at which a chunk is ended even without a safe line (the next chunk then
     *                      continues its decoder), chunkBytes..2^29
     * @throws IllegalArgumentException when a bound is outside its range
     */
    public ParallelDecoder(Options options, int threads, int chunkBytes, int maxChunkBytes) {
        this(options, threads, chunkBytes, maxChunkBytes, null);
    }

    /**
     * As {@link #ParallelDecoder(Options, int, int, int)}, with the decoders reading a receive clock
     * from the stream.
     *
     * @param clock the clock, or null for none
     */
    public ParallelDecoder(Options options, int threads, int chunkBytes, int maxChunkBytes, StreamClock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = clock;
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads " + threads + " outside 1..256");
        }
        if (chunkBytes < 1 || chunkBytes > 1 << 28) {
            throw new IllegalArgumentException("chunkBytes " + chunkBytes + " outside 1..2^28");
        }
        if (maxChunkBytes < chunkBytes || maxChunkBytes > 1 << 29) {
            throw new IllegalArgumentException("maxChunkBytes " + maxChunkBytes + " outside chunkBytes..2^29");
        }
        this.threads = threads;
        this.chunkBytes = chunkBytes;
        this.maxChunkBytes = maxChunkBytes;
    }

    /**
     * Decodes {@code in} to its end (without closing it).
     *
     * @param in the raw NMEA bytes (already inflated)
     * @param sinks gives a new sink for each chunk (called on the reader thread)
     * @return the counters of the whole stream, as one decoder's {@link AisStreamDecoder#stats()} after {@code finish()}
     * @throws IOException from reading {@code in} or from a sink
     */
    public Stats decode(InputStream in, Supplier<? extends ChunkSink> sinks) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sinks, "sinks");
        AtomicInteger ids = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ais-decode-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Object> order = new ArrayBlockingQueue<>(2 * threads + 2);
        // chunk buffers of the standard size are reused: fewer large arrays for the collector to move
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(3 * threads + 4);
        Reader reader = new Reader(in, sinks, workers, order, free);
        Thread readerThread = new Thread(reader, "ais-read");
        readerThread.setDaemon(true);
        readerThread.start();
        Stats total = new Stats();
        boolean done = false;
        try {
            while (true) {
                Object o = order.take();
                if (o == END) {
                    break;
                }
                if (o instanceof Throwable t) {
                    throw rethrow(t);
                }
                @SuppressWarnings("unchecked")
                Piece p = result((Future<Piece>) o);
                p.sink.drain();
                if (p.lastOfRun) {
                    total.add(p.run.decoder.stats());
                }
            }
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding");
        } finally {
            readerThread.interrupt();
            workers.shutdownNow();
            if (done) {
                try {
                    readerThread.join();
                    safeCuts = reader.safeCuts;
                    unsafeCuts = reader.unsafeCuts;
                    unsafeCutsInMessages = reader.unsafeCutsInMessages;
                    unsafeCutsAfterPghp = reader.unsafeCutsAfterPghp;
                    safeCutsBeforeClock = reader.safeCutsBeforeClock;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return total;
    }

    private static Piece result(Future<Piece> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Throws {@code t} as what it is (an UncheckedIOException as its IOException); else returns it wrapped, to throw. */
    private static IllegalStateException rethrow(Throwable t) throws IOException {
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    private static final Object END = new Object();

    /** One decoder and the chunks it decodes one after the other (one chunk unless a chunk had to be cut unsafely). */
    private static final class Run {
        final AisStreamDecoder decoder;
        final Relay relay;
        int next; // index of the next piece to decode, guarded by this

        Run(Options options, long linesBefore) {
            relay = new Relay();
            decoder = new AisStreamDecoder(options, relay);
            decoder.startAfterLine(linesBefore);
        }
    }

    /** Forwards a run's output to the sink of the piece being decoded. */
    private static final class Relay implements AisListener {
        AisListener target;

        @Override
        public void message(ReceivedMessage m) {
            target.message(m);
        }

        @Override
        public void rejected(Rejection r) {
            target.rejected(r);
        }
    }

    /** One chunk of input. */
    private static final class Piece {
        final Run run;
        final int index;
        final ChunkSink sink;
        byte[] bytes;
        final int length;
        final boolean lastOfRun;
        final boolean endOfInput;
        final BlockingQueue<byte[]> free;
        final int standardSize;
        /** The clock to attach to the run's decoder before this chunk, or null. */
        final StreamClock clock;

        Piece(Run run, int index, ChunkSink sink, byte[] bytes, int length, boolean lastOfRun, boolean endOfInput,
              BlockingQueue<byte[]> free, int standardSize, StreamClock clock) {
            this.clock = clock;
            this.free = free;
            this.standardSize = standardSize;
            this.run = run;
            this.index = index;
            this.sink = sink;
            this.bytes = bytes;
            this.length = length;
            this.lastOfRun = lastOfRun;
            this.endOfInput = endOfInput;
        }

        Piece decode() throws Exception {
            synchronized (run) {
                while (run.next != index) {
                    run.wait();
                }
            }
            run.relay.target = sink;
            if (clock != null) {
                clock.attach(run.decoder);
            }
            run.decoder.feed(bytes, 0, length);
            if (bytes.length == standardSize) {
                free.offer(bytes);
            }
            bytes = null;
            if (endOfInput) {
                run.decoder.finish();
            } else if (lastOfRun && !run.decoder.idle()) {
                throw new IllegalStateException("chunk ended at line " + run.decoder.lineNumber() + " with decoder state left");
            }
            sink.decoded();
            synchronized (run) {
                run.next++;
                run.notifyAll();
            }
            return this;
        }
    }

    /** Reads the stream, finds the cuts, hands the chunks to the workers and their futures, in order, to the caller. */
    private final class Reader implements Runnable {
        private final InputStream in;
        private final Supplier<? extends ChunkSink> sinks;
        private final ExecutorService workers;
        private final BlockingQueue<Object> order;
        private final BlockingQueue<byte[]> free;
        private final AisStreamDecoder tracker = AisStreamDecoder.boundaryTracker(options);
        private Run run;
        private int pieceIndex;
        /** Whether the tracker has been shown a line that may set the clock. */
        private boolean clockLine;
        /** Whether the run holds the rest of the stream (its clock attached). */
        private boolean sequential;
        long safeCuts;
        long unsafeCuts;
        long unsafeCutsInMessages;
        long unsafeCutsAfterPghp;
        long safeCutsBeforeClock = -1;

        Reader(InputStream in, Supplier<? extends ChunkSink> sinks, ExecutorService workers, BlockingQueue<Object> order,
               BlockingQueue<byte[]> free) {
            this.free = free;
            this.in = in;
            this.sinks = sinks;
            this.workers = workers;
            this.order = order;
            if (clock != null) {
                tracker.setParametricSentenceHook((b, off, len) -> {
                    if (!clockLine && clock.sets(b, off, len)) {
                        clockLine = true;
                    }
                });
            }
        }

        @Override
        public void run() {
            try {
                read();
                order.put(END);
            } catch (InterruptedException e) {
                // the caller stopped
            } catch (IOException | RuntimeException | Error e) {
                try {
                    order.put(e);
                } catch (InterruptedException ignored) {
                    // the caller stopped
                }
            }
        }

        private void read() throws IOException, InterruptedException {
            byte[] buf = buffer(0);
            int len = 0; // bytes in buf
            int fed = 0; // bytes of buf the tracker has seen
            run = new Run(options, 0);
            while (true) {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(maxChunkBytes, 2L * buf.length));
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    tracker.feed(buf, fed, len - fed);
                    submit(buf, len, true, true);
                    return;
                }
                len += n;
                if (len < chunkBytes) {
                    tracker.feed(buf, fed, len - fed);
                    fed = len;
                    continue;
                }
                // look for a line feed after which the stream's state is empty
                int cut = -1;
                while (cut < 0) {
                    int nl = indexOfLf(buf, Math.max(fed, chunkBytes - 1), len);
                    if (nl < 0) {
                        break;
                    }
                    tracker.feed(buf, fed, nl + 1 - fed);
                    fed = nl + 1;
                    if (tracker.idle()) {
                        cut = fed;
                    }
                }
                boolean safe = cut >= 0;
                if (!safe && len >= maxChunkBytes) {
                    tracker.feed(buf, fed, len - fed);
                    fed = len;
                    cut = len; // unsafe: the next chunk continues this decoder
                }
                if (cut < 0) {
                    continue;
                }
                if (safe) {
                    safeCuts++;
                } else {
                    unsafeCuts++;
                    if (tracker.stats().pendingFragmentLines() > 0) {
                        unsafeCutsInMessages++;
                    }
                    if (tracker.pghpArmed()) {
                        unsafeCutsAfterPghp++;
                    }
                }
                byte[] next = buffer(len - cut);
                System.arraycopy(buf, cut, next, 0, len - cut);
                submit(buf, cut, safe, false);
                int rest = len - cut;
                fed -= cut;
                buf = next;
                len = rest;
                if (safe && !sequential) {
                    run = new Run(options, tracker.lineNumber()); // the tracker has seen exactly the lines before the cut
                }
            }
        }

        /** A buffer of the standard size (a reused one when there is one), or larger when {@code atLeast} needs it. */
        private byte[] buffer(int atLeast) {
            int standard = initialCapacity();
            if (atLeast > standard) {
                return new byte[atLeast];
            }
            byte[] b = free.poll();
            return b != null ? b : new byte[standard];
        }

        private int initialCapacity() {
            return (int) Math.min(maxChunkBytes, Math.max(chunkBytes + (chunkBytes >> 2), 4096L));
        }

        private void submit(byte[] buf, int length, boolean lastOfRun, boolean endOfInput) throws InterruptedException {
            // the tracker has been fed exactly this chunk's complete lines: one that may set the clock
            // makes the rest of the stream this run's
            StreamClock attach = null;
            if (clockLine && !sequential) {
                sequential = true;
                attach = clock;
                safeCutsBeforeClock = lastOfRun && !endOfInput ? safeCuts - 1 : safeCuts;
            }
            Piece p = new Piece(run, pieceIndex++, sinks.get(), buf, length, (lastOfRun && !sequential) || endOfInput, endOfInput,
                    free, initialCapacity(), attach);
            if (p.lastOfRun) {
                pieceIndex = 0;
            }
            Future<Piece> f = workers.submit(p::decode);
            order.put(f);
        }
    }

    private static int indexOfLf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
