package org.watchkeeper.app;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.watchkeeper.ais.json.CsvWriter;
import org.watchkeeper.ais.json.GpsdJsonWriter;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ParallelDecoder;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.Stats;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.InputFormat;
import org.watchkeeper.core.pipeline.Stage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper decode}: NMEA 0183 AIS logs in, one decoded message per line out (gpsd-style
 * JSON Lines or CSV), with every rejected line accounted for.
 */
@Command(name = "decode",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Decode AIS messages from NMEA 0183 logs to JSON Lines or CSV.",
            "",
            "Reads !AIVDM/!AIVDO sentences with or without IEC 61162-450 tag blocks, $PGHP time lines, epoch"
                + " suffixes or the receiver's own $GPRMC/$GPZDA times; reassembles multi-sentence messages;"
                + " counts and skips bad lines.",
            "JSON: one object per message in gpsd's AIS JSON style (mmsi as a 9-digit string, \"not available\""
                + " values absent). CSV: one row per message under a fixed header.",
            "A summary (lines, sentences, messages by type, rejected lines by reason, other sentences, time span, and"
                + " the span of the position reports alone when messages without a position lie far outside it) goes to"
                + " stderr.",
            ""
        },
        footer = {"", "Exit codes: 0 done (even when lines were rejected), 1 I/O error (missing or unreadable input,"
                + " an input cut short or failing"
                + " while read, such as a gzip cut short or a zip or tar of several files on standard input, whose lines"
                + " before the error are decoded and written; output not writable), 2 usage error.",
            "", "Examples:",
            "  watchkeeper decode feed.nmea.gz > messages.jsonl",
            "  watchkeeper decode --format csv -o out.csv --errors bad.tsv a.txt b.txt",
            "  nc receiver 4001 | watchkeeper decode --quiet -"})
public final class DecodeCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { json, csv }

    private static final int READ_BUFFER = 1 << 16;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "NMEA log files, plain, gzip-compressed, zipped or tarred (detected from the content; a zip or tar of one file); '-' or none reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the decoded messages to FILE instead of stdout.")
    Path output;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "Write every rejected line to FILE as tab-separated values: file, line number, reason, detail, original line;"
                    + " - for standard output (with -o FILE for the messages).")
    Path errors;

    @Option(names = "--lenient",
            description = "Accept sentences that have no checksum at all (marked \"checksum\":\"unverified\"); a wrong checksum is always rejected.")
    boolean lenient;

    @Option(names = "--accept-bad-tag-block-checksum",
            description = "Keep sentences whose IEC 61162-450 tag block checksum is wrong (some feeds write *00 there); the sentence's own checksum is still checked.")
    boolean acceptBadTagBlockChecksum;

    @Option(names = "--quiet", description = "Do not print the summary.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Decoding threads for each file, 1..256 (default: half the processors, at least 1: the reader, the"
                + " writer and the JIT compiler need cores too; on 2 cores one thread is fastest). The output is the same"
                + " for every N. 1 decodes on the main thread; stdin is always decoded on one thread, line by line as it arrives.")
    Integer threads;

    @Option(names = "--format-thread", negatable = true, paramLabel = "BOOLEAN",
            description = "With one decoding thread, format and write the output on a second thread while the main thread"
                + " decodes (default: on for files when there are at least 2 processors; stdin is formatted on the"
                + " decoding thread so that live output is not held back). The output is the same either way.")
    Boolean formatThread;

    /** Chunk size of the multi-threaded decoding, bytes (see ParallelDecoder); for tests. */
    @Option(names = "--chunk-bytes", hidden = true)
    int chunkBytes = 1 << 20;

    /** Largest chunk before a cut without a safe line, bytes; for tests. */
    @Option(names = "--max-chunk-bytes", hidden = true)
    int maxChunkBytes = 8 << 20;

    @Spec
    CommandSpec spec;

    private final Main.Streams streams;

    DecodeCommand(Main.Streams streams) {
        this.streams = streams;
    }

    /**
     * Decoding threads when {@code --threads} is not given: half the processors, at least 1. The
     * multi-threaded path costs ~40 % more CPU (a reader pass over every line, chunk buffers, more
     * compiled code), and the reader, the writer and the JIT compiler need cores of their own: on 2
     * cores one decoding thread finished first (docs/PERFORMANCE.md, decoder sections).
     */
    static int defaultThreads(int processors) {
        return Math.max(1, processors / 2);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int nThreads = threads != null ? threads : defaultThreads(Runtime.getRuntime().availableProcessors());
        if (nThreads < 1 || nThreads > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1..256, not " + nThreads);
        }
        if (chunkBytes < 1 || maxChunkBytes < chunkBytes || maxChunkBytes > 1 << 29) {
            throw new CommandLine.ParameterException(spec.commandLine(), "chunk sizes out of range");
        }
        if (output != null && output.toString().equals("-")) {
            output = null; // -o - : standard output, as without -o
        }
        boolean errorsToStdout = errors != null && errors.toString().equals("-");
        if (errorsToStdout && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--errors - writes the rejected lines to standard output, where the messages go too: give the messages a file with -o FILE");
        }
        List<String> inputs = files.isEmpty() ? List.of("-") : files;
        // writing a file that is also read (or written twice) would truncate or interleave it
        if (output != null && errors != null && !errorsToStdout && sameFile(output, errors)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o and --errors name the same file, " + output
                    + ": the messages and the rejected lines need a file each");
        }
        for (String f : inputs) {
            for (Path written : new Path[] {output, errorsToStdout ? null : errors}) {
                if (written != null && !f.equals("-") && sameFile(Path.of(f), written)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), (written == output ? "-o " : "--errors ") + written
                            + " is also an input: writing it would destroy it before it is read");
                }
            }
        }
        for (String f : inputs) {
            String problem = Inputs.unreadable(f);
            problem = problem != null ? problem : Inputs.archiveRefusal(f);
            if (problem != null) {
                err.println("watchkeeper decode: cannot read " + f + ": " + problem);
                err.flush();
                return 1;
            }
        }
        Summary summary = new Summary();
        summary.lenient = lenient;
        summary.acceptBadTagBlockChecksum = acceptBadTagBlockChecksum;
        long started = System.nanoTime();
        OutputStream out = null;
        ErrorsFile errorsFile = null;
        Sink sink = null;
        String stage = "output " + (output == null ? "(stdout)" : output);
        try {
            out = output == null ? new NonClosing(streams.out()) : new FileOutputStream(output.toFile());
            sink = format == Format.csv ? new Sink.Csv(new CsvWriter(out)) : new Sink.Json(new GpsdJsonWriter(out));
            if (errors != null) {
                stage = "errors file " + errors;
                errorsFile = new ErrorsFile(errorsToStdout ? new NonClosing(streams.out()) : new FileOutputStream(errors.toFile()));
            }
            Options options = Options.DEFAULT.withLenientChecksum(lenient).withAcceptBadTagBlockChecksum(acceptBadTagBlockChecksum);
            for (String f : inputs) {
                stage = "input " + f;
                if (nThreads > 1 && !f.equals("-") && !hasGnssTime(f)) {
                    decodeParallel(f, options, nThreads, sink, errorsFile, summary, out);
                } else {
                    decodeOne(f, options, sink, errorsFile, summary, out);
                }
            }
            stage = "output " + (output == null ? "(stdout)" : output);
            sink.flush();
            if (errorsFile != null) {
                stage = "errors file " + errors;
                errorsFile.close();
                errorsFile = null;
            }
            stage = "output " + (output == null ? "(stdout)" : output);
            out.close();
            out = null;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            if (e instanceof OutputFailure) {
                stage = "output " + (output == null ? "(stdout)" : output);
            } else if (e instanceof ErrorsFailure) {
                stage = "errors file " + errors;
            }
            if (output == null && stage.startsWith("output") && Main.Streams.brokenPipe(io)) {
                // The reader of stdout stopped early (decode ... | head): not an error of ours.
                closeQuietly(errorsFile);
                return 0;
            }
            if (stage.startsWith("input")) {
                // an input that could not be opened (a read error ends an input, OpenedInput): what the inputs
                // before it gave is written and summed up, as after a read error
                try {
                    sink.flush();
                    if (errorsFile != null) {
                        errorsFile.close();
                        errorsFile = null;
                    }
                    out.close();
                    out = null;
                } catch (IOException | UncheckedIOException written) {
                    // the input's error is the one reported
                }
                closeQuietly(errorsFile);
                closeQuietly(out);
                cut.add(stage + ": " + OpenedInput.describe(io));
                return finish(err, summary, started);
            }
            err.println("watchkeeper decode: I/O error on " + stage + ": " + OpenedInput.describe(io));
            err.flush();
            closeQuietly(errorsFile);
            closeQuietly(out);
            return 1;
        }
        return finish(err, summary, started);
    }

    /**
     * Prints the summary (unless --quiet), the inputs that gave no message and the I/O errors of the inputs
     * ({@link #cut}), in that order, once everything decoded is written.
     *
     * @return the exit code: 1 when an input had an I/O error, else 0
     */
    private int finish(PrintWriter err, Summary summary, long started) {
        if (!quiet) {
            summary.print(err, (System.nanoTime() - started) / 1e9);
        }
        for (String w : noMessage) {
            err.println("watchkeeper decode: " + w); // also with --quiet: it says why nothing came out
        }
        for (String c : cut) {
            err.println("watchkeeper decode: I/O error on " + c);
        }
        err.flush();
        return cut.isEmpty() ? 0 : 1;
    }

    /** Messages per hand-over to the formatting thread. */
    static final int FORMAT_BATCH = 2048;
    /** Batches that may wait for the formatting thread (bounds memory; the decoder then waits). */
    static final int FORMAT_QUEUE = 6;

    /**
     * Whether {@link #decodeOne} formats on a second thread (a {@link Stage}): as asked, else for
     * files (not stdin) when there are at least 2 processors.
     */
    private boolean formatsOnSecondThread(String name) {
        if (formatThread != null) {
            return formatThread;
        }
        return !name.equals("-") && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Decodes one input on this thread. With a formatting thread, the messages go to it in batches,
     * in order, and are formatted and written there while this thread decodes on; a write failure
     * there ends the run as one here would ({@link OutputFailure}).
     */
    private void decodeOne(String name, Options options, Sink sink, ErrorsFile errorsFile, Summary summary, OutputStream out)
            throws IOException {
        Stage<ReceivedMessage> formatting = formatsOnSecondThread(name)
                ? new Stage<>("decode-format", FORMAT_BATCH, FORMAT_QUEUE, m -> {
                    try {
                        sink.write(m);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                : null;
        boolean decoded = false;
        try {
            decodeOne(name, options, sink, formatting, errorsFile, summary);
            decoded = true;
        } finally {
            if (formatting != null) {
                try {
                    formatting.close(); // formats what is queued, then the thread ends
                } catch (UncheckedIOException e) {
                    if (decoded) {
                        throw new OutputFailure(e.getCause());
                    } // else the run already ends with the failure in flight
                }
            }
        }
    }

    private void decodeOne(String name, Options options, Sink sink, Stage<ReceivedMessage> formatting,
                           ErrorsFile errorsFile, Summary summary) throws IOException {
        AisListener listener = new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                if (formatting != null) {
                    try {
                        formatting.accept(m);
                    } catch (UncheckedIOException e) {
                        throw new OutputFailure(e.getCause());
                    }
                    return;
                }
                try {
                    sink.write(m);
                } catch (IOException e) {
                    throw new OutputFailure(e);
                }
            }

            @Override
            public void rejected(Rejection r) {
                if (errorsFile != null) {
                    try {
                        errorsFile.write(name, r);
                    } catch (IOException e) {
                        throw new ErrorsFailure(e);
                    }
                }
            }
        };
        AisStreamDecoder decoder = new AisStreamDecoder(options, listener);
        // A shipborne receiver's log times its AIS by the GNSS sentences between them ($GPRMC,
        // $GPZDA), wherever the first comes: read every input through the receive clock, as analyze
        // and serve do (time_source receive_clock). Until such a sentence sets it, it gives no time
        // and costs a few byte comparisons per $ line.
        new GnssClock(decoder); // attaches itself to the decoder
        try (OpenedInput in = open(name)) {
            byte[] buf = new byte[READ_BUFFER];
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                decoder.feed(buf, 0, n);
            }
            decoder.finish();
            summary.add(name, decoder.stats());
            cutShort(name, in, decoder.stats().lines());
            noMessage(name, decoder.stats());
        }
    }

    /**
     * Decodes one file on {@code nThreads} threads ({@link ParallelDecoder}): each chunk's messages are
     * formatted on the thread that decoded them, into memory, and written here in input order, so the
     * output, the errors file and the counters are those of {@link #decodeOne}.
     */
    private void decodeParallel(String name, Options options, int nThreads, Sink sink, ErrorsFile errorsFile,
                                Summary summary, OutputStream out) throws IOException {
        try {
            sink.flush(); // what earlier inputs wrote (and the CSV header) comes first
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
        ThreadLocal<Formatter> formatters = ThreadLocal.withInitial(() -> new Formatter(format));
        // output buffers go back here once written, and are reused at the size they grew to
        java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(3 * nThreads + 4);
        ParallelDecoder decoder = new ParallelDecoder(options, nThreads, chunkBytes, maxChunkBytes, GNSS_CLOCK);
        Stats stats;
        try (OpenedInput in = open(name)) {
            stats = decoder.decode(in, () -> new ChunkOutput(name, formatters, errorsFile, out, free));
            summary.add(name, stats);
            cutShort(name, in, stats.lines());
            noMessage(name, stats);
        }
    }

    /**
     * Notes an input that failed while read ({@link OpenedInput}), or a gzip input cut short or corrupt inside:
     * an I/O error, reported once every input is decoded and written (nothing read or inflated before the
     * error, the cut or the damage is lost, {@link GzipInput}).
     */
    private void cutShort(String name, OpenedInput opened, long lines) {
        // an archive's own failure (a second file, a cut inside the tar) may follow a gzip cut beneath it: the cut is the cause
        String error = opened.readError();
        if (error != null) {
            cut.add("input " + name + ": " + error + (lines == 0 ? ": nothing in it is decoded"
                    : ": its " + lines + (lines == 1 ? " line read before the error is" : " lines read before the error are")
                    + " decoded, the rest of the input is not read"));
            return;
        }
        GzipInput g = opened.cutGzip();
        if (g != null && g.corrupt()) {
            cut.add("input " + name + ": " + opened.endReason() + (lines == 0
                    ? ": nothing in it is decoded"
                    : ": its " + lines + " lines inflated before the damage was found are decoded, the rest of"
                    + " the file is not read"));
        } else if (g != null) {
            cut.add("input " + name + ": " + opened.endReason() + (lines == 0
                    ? ": the file is cut short before its first line, or is not a gzip file: nothing in it is decoded"
                    : ": the file is cut short; its " + lines + " lines before the cut (the last one cut) are decoded"));
        }
    }

    /**
     * Notes an input whose lines gave no message and were rejected, with what it is when its start tells
     * ({@link InputFormat#notNmea}: a CSV export, which analyze reads; a zip or other binary file; JSON),
     * else asking whether it is an AIS log at all; reported at the end, also with --quiet. A file's start is
     * read again for this (standard input cannot be).
     */
    private void noMessage(String name, Stats s) {
        long rejected = s.rejections().values().stream().mapToLong(Long::longValue).sum();
        boolean cutShort = cut.stream().anyMatch(c -> c.startsWith("input " + name + ":"));
        if (s.lines() == 0 && !cutShort) {
            noMessage.add((name.equals("-") ? "stdin" : name) + ": no AIS message: the input is empty");
            return;
        }
        if (s.messages() > 0 || rejected == 0) {
            return;
        }
        String what = null;
        if (!name.equals("-")) {
            try (OpenedInput in = open(name)) {
                InputFormat.Refusal r = InputFormat.refusal(in);
                if (r != null) {
                    String archived = Inputs.archived(in.content);
                    what = (archived != null ? archived : "it") + " " + r.what() + (r.csv() ? ", which analyze reads" : "");
                }
            } catch (IOException e) {
                // said by the decoding itself, or not at all: the hint is only a hint
            }
        }
        long lines = s.lines();
        noMessage.add((name.equals("-") ? "stdin" : name) + ": no AIS message in " + lines + (lines == 1 ? " line" : " lines")
                + " (" + rejected + " rejected): " + (what != null ? what : "not an AIS log?")
                + (errors != null ? "" : " (--errors FILE lists each rejected line with its reason)"));
    }

    /** Inputs that gave no message, only rejected lines, as reported at the end. */
    private final List<String> noMessage = new ArrayList<>();

    /** Inputs found cut short, as reported at the end. */
    private final List<String> cut = new ArrayList<>();

    /** A worker thread's message formatter, writing into the chunk it is decoding. */
    private static final class Formatter {
        final Redirect target = new Redirect();
        final Sink sink;

        Formatter(Format format) {
            sink = format == Format.csv ? new Sink.Csv(new CsvWriter(target, false)) : new Sink.Json(new GpsdJsonWriter(target));
        }
    }

    /** An output stream that passes writes on to a replaceable target. */
    private static final class Redirect extends OutputStream {
        OutputStream to;

        @Override
        public void write(int b) throws IOException {
            to.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            to.write(b, off, len);
        }
    }

    /** A growable byte buffer (unsynchronized: one chunk is filled by one thread, then drained by another after a hand-over). */
    private static final class Bytes extends OutputStream {
        private byte[] buf;
        private int size;

        Bytes(byte[] reused) {
            buf = reused != null ? reused : new byte[1 << 16];
        }

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(buf, 0, size);
        }
    }

    /** One chunk's output: formatted messages and error lines, kept until it is this chunk's turn. */
    private static final class ChunkOutput implements ParallelDecoder.ChunkSink {
        private final String name;
        private final ThreadLocal<Formatter> formatters;
        private final ErrorsFile errorsFile;
        private final OutputStream out;
        private Formatter formatter;
        private Bytes messages;
        private Bytes rejections;
        private final java.util.concurrent.BlockingQueue<byte[]> free;

        ChunkOutput(String name, ThreadLocal<Formatter> formatters, ErrorsFile errorsFile, OutputStream out,
                    java.util.concurrent.BlockingQueue<byte[]> free) {
            this.free = free;
            this.name = name;
            this.formatters = formatters;
            this.errorsFile = errorsFile;
            this.out = out;
        }

        @Override
        public void message(ReceivedMessage m) {
            if (formatter == null) {
                formatter = formatters.get();
                messages = new Bytes(free.poll());
                formatter.target.to = messages;
            }
            try {
                formatter.sink.write(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void rejected(Rejection r) {
            if (errorsFile != null) {
                if (rejections == null) {
                    rejections = new Bytes(null);
                }
                byte[] b = ErrorsFile.line(name, r);
                rejections.write(b, 0, b.length);
            }
        }

        @Override
        public void decoded() throws IOException {
            if (formatter != null) {
                formatter.sink.flush();
                formatter.target.to = null;
                formatter = null;
            }
        }

        @Override
        public void drain() {
            try {
                if (messages != null) {
                    messages.writeTo(out);
                    free.offer(messages.buf);
                    messages = null;
                }
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
            try {
                if (rejections != null) {
                    errorsFile.out.write(rejections.buf, 0, rejections.size);
                    rejections = null;
                }
            } catch (IOException e) {
                throw new ErrorsFailure(e);
            }
        }
    }

    /** A write to the errors file failed (as opposed to reading an input). */
    private static final class ErrorsFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ErrorsFailure(IOException cause) {
            super(cause);
        }
    }

    /** A write to the decoded output failed (as opposed to reading an input). */
    private static final class OutputFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        OutputFailure(IOException cause) {
            super(cause);
        }
    }

    /**
     * The receive clock of the multi-threaded decoding: from the chunk holding a log's first
     * {@code $--RMC}/{@code $--ZDA} on, the rest of the log is decoded by one decoder through a
     * {@link GnssClock}, so that its messages are timed as on one thread ({@link ParallelDecoder},
     * "A clock read from the stream").
     */
    private static final ParallelDecoder.StreamClock GNSS_CLOCK = new ParallelDecoder.StreamClock() {
        @Override
        public boolean sets(byte[] b, int off, int len) {
            return GnssClock.setsTime(b, off, len);
        }

        @Override
        public void attach(AisStreamDecoder decoder) {
            new GnssClock(decoder);
        }
    };

    /** Bytes of an input's start looked at for GNSS time sentences. */
    private static final int GNSS_SNIFF = 1 << 16;

    /**
     * Whether a file's start holds GNSS time sentences: such a log is decoded on one thread
     * ({@link #decodeOne}), since the multi-threaded decoding would decode nearly all of it on one
     * decoder anyway, at more cost. A log whose first GNSS sentence comes later is decoded on several
     * threads up to the chunk holding it ({@link #GNSS_CLOCK}).
     */
    private boolean hasGnssTime(String name) throws IOException {
        try (InputStream in = open(name)) {
            byte[] head = in.readNBytes(GNSS_SNIFF);
            return org.watchkeeper.core.pipeline.GnssClock.present(head, head.length);
        }
    }

    /**
     * Opens a file or stdin, unwrapping gzip, zip and tar by content ({@link Inputs#maybeGunzipped}); the
     * stream supports {@code mark} for at least {@link #GNSS_SNIFF} bytes, and ends at a read error
     * ({@link OpenedInput}).
     */
    private OpenedInput open(String name) throws IOException {
        InputStream raw = name.equals("-") ? Inputs.nonClosing(streams.in()) : Files.newInputStream(Path.of(name));
        return new OpenedInput(Inputs.maybeGunzipped(raw, READ_BUFFER, Math.max(READ_BUFFER, GNSS_SNIFF)));
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already reporting the first error
            }
        }
    }

    /** The chosen output writer. */
    private interface Sink {
        void write(ReceivedMessage m) throws IOException;

        void flush() throws IOException;

        record Json(GpsdJsonWriter w) implements Sink {
            @Override
            public void write(ReceivedMessage m) throws IOException {
                w.write(m);
            }

            @Override
            public void flush() throws IOException {
                w.flush();
            }
        }

        record Csv(CsvWriter w) implements Sink {
            @Override
            public void write(ReceivedMessage m) throws IOException {
                w.write(m);
            }

            @Override
            public void flush() throws IOException {
                w.flush();
            }
        }
    }

    /** Whether two paths name one file: the same file when both exist (links followed), else the same absolute path. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b)) {
                return java.nio.file.Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // judged by the names below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Keeps the process's stdout open when the command is done with it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
