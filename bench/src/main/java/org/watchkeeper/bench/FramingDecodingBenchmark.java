package org.watchkeeper.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.watchkeeper.ais.json.GpsdJsonWriter;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/**
 * In-process framing + decoding throughput, single thread, on real traffic held in memory.
 *
 * <p>One operation = one pass of a fresh {@link AisStreamDecoder} over the whole corpus (one
 * {@code byte[]} of NMEA lines, fed in one {@code feed} call, then {@code finish}). Per-sentence
 * rates come from the auxiliary counters, which JMH reports as rates per second next to the
 * primary ops/s:
 * <ul>
 * <li>{@code sentences}: AIS sentences (VDM/VDO lines, each fragment counted) framed per second —
 *     the headline figure ("sentences/s");</li>
 * <li>{@code lines}: input lines per second (including {@code $PGHP}, tag-block-only and other
 *     non-AIS lines);</li>
 * <li>{@code messages}: decoded messages delivered per second; {@code rejected}: rejections per
 *     second.</li>
 * </ul>
 *
 * <p>Corpora ({@code @Param corpus}): {@code mixed} = every real log of {@code shared/data/ais}
 * ({@link Corpus#mixed()}); {@code positions} = only its single-sentence type 1-3 lines
 * ({@link Corpus#positionReportsOnly(byte[])}). Messages and rejections go to a
 * {@link Blackhole}; the {@code decodeToJson} variant also writes every message as gpsd-style JSON
 * to a null stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class FramingDecodingBenchmark {

    @Param({"mixed", "positions"})
    public String corpus;

    private byte[] text;
    private int lines;
    private int sentences;

    /** Per-iteration counters, reported by JMH as rates (per second). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long sentences;
        public long lines;
        public long messages;
        public long rejected;

        @Setup(Level.Iteration)
        public void clear() {
            sentences = 0;
            lines = 0;
            messages = 0;
            rejected = 0;
        }
    }

    /** Forwards messages to the blackhole (and optionally a JSON writer), counting them. */
    static final class Sink implements AisListener {
        Blackhole bh;
        GpsdJsonWriter json;
        long messages;
        long rejected;

        @Override
        public void message(ReceivedMessage m) {
            messages++;
            if (json != null) {
                try {
                    json.write(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            bh.consume(m);
        }

        @Override
        public void rejected(Rejection r) {
            rejected++;
            bh.consume(r);
        }
    }

    private final Sink sink = new Sink();
    private final GpsdJsonWriter json = new GpsdJsonWriter(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void load() {
        byte[] mixed = Corpus.mixed();
        switch (corpus) {
            case "mixed":
                text = mixed;
                break;
            case "positions":
                text = Corpus.positionReportsOnly(mixed);
                break;
            default:
                throw new IllegalArgumentException("corpus " + corpus);
        }
        lines = Corpus.countLines(text);
        sentences = Corpus.countAisSentences(text);
    }

    private void run(Blackhole bh, GpsdJsonWriter writer, Counts counts) throws IOException {
        Sink s = sink;
        s.bh = bh;
        s.json = writer;
        s.messages = 0;
        s.rejected = 0;
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, s);
        d.feed(text, 0, text.length);
        d.finish();
        if (writer != null) {
            writer.flush();
        }
        counts.sentences += sentences;
        counts.lines += lines;
        counts.messages += s.messages;
        counts.rejected += s.rejected;
    }

    /** Framing + decoding; messages to a blackhole. */
    @Benchmark
    public void decode(Blackhole bh, Counts counts) throws IOException {
        run(bh, null, counts);
    }

    /**
     * Framing + decoding + gpsd-style JSON Lines ({@link GpsdJsonWriter#write(ReceivedMessage)},
     * message fields and reception metadata, as {@code watchkeeper decode --format json} writes
     * them) to a null stream.
     */
    @Benchmark
    public void decodeToJson(Blackhole bh, Counts counts) throws IOException {
        run(bh, json, counts);
    }
}
