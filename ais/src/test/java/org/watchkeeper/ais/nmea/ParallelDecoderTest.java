package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.json.GpsdJsonWriter;

/**
 * {@link ParallelDecoder} gives exactly the sequential decoder's output on every real log: chunks
 * so small that a cut is tried after every line, forced cuts inside multi-sentence messages and
 * after {@code $PGHP} lines, two to four threads.
 */
class ParallelDecoderTest {
    private static byte[] corpus;
    private static Result sequential;
    /** Lines of the logs before the first whose $PGHP lines come apart from their sentences. */
    private static long linesBeforeLoosePghp;
    /** Bytes of the logs from there on. */
    private static long loosePghpBytes;

    /** AMSA's logs and AisLib's replay dump write some $PGHP lines away from the sentence they time. */
    private static boolean loosePghp(Path relative) {
        return relative.startsWith("amsa-risky") || relative.endsWith("replay_dump.txt");
    }
    private static Result sequentialLenient;

    private static final Options LENIENT = Options.DEFAULT.withLenientChecksum(true).withAcceptBadTagBlockChecksum(true);

    /** Every log under shared/data/ais in path order, inflated, each ending with a line feed. */
    @BeforeAll
    static void readCorpus() throws IOException {
        Path dir = RealFilesTest.aisDir();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            // path order, but the logs whose $PGHP lines come apart from the sentences they time last:
            // from there on a stream has no safe start (AisStreamDecoder#idle)
            files = s.filter(Files::isRegularFile).sorted(java.util.Comparator
                    .comparing((Path f) -> loosePghp(dir.relativize(f))).thenComparing(f -> f)).toList();
        }
        for (Path f : files) {
            byte[] b = RealFilesTest.read(f);
            if (loosePghp(dir.relativize(f))) {
                loosePghpBytes += b.length + 1;
            } else {
                for (byte c : b) {
                    linesBeforeLoosePghp += c == '\n' ? 1 : 0;
                }
            }
            all.write(b);
            if (b.length > 0 && b[b.length - 1] != '\n') {
                all.write('\n');
            }
        }
        corpus = all.toByteArray();
        sequential = sequential(Options.DEFAULT);
        sequentialLenient = sequential(LENIENT);
    }

    /** The output of one decoder over one stream: messages as JSON lines with their first line number, rejections, counters. */
    record Result(List<String> out, Stats stats) {
    }

    private static Result sequential(Options options) throws IOException {
        List<Object> events = new ArrayList<>();
        Recorder recorder = new Recorder(events);
        AisStreamDecoder d = new AisStreamDecoder(options, recorder);
        // fed in odd-sized pieces, as a file is read
        for (int off = 0; off < corpus.length; off += 65_521) {
            d.feed(corpus, off, Math.min(65_521, corpus.length - off));
        }
        d.finish();
        recorder.drain();
        return new Result(render(events), d.stats());
    }

    private static List<String> render(List<Object> events) throws IOException {
        List<String> out = new ArrayList<>(events.size());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(buf);
        for (Object o : events) {
            if (o instanceof ReceivedMessage m) {
                w.write(m);
                w.flush();
                out.add(m.lineNumber() + " " + buf.toString(StandardCharsets.ISO_8859_1));
                buf.reset();
            } else {
                out.add(o.toString());
            }
        }
        return out;
    }

    private static final class Recorder implements ParallelDecoder.ChunkSink {
        private final List<Object> target;
        private final List<Object> chunk = new ArrayList<>();

        Recorder(List<Object> target) {
            this.target = target;
        }

        @Override
        public void message(ReceivedMessage m) {
            chunk.add(m);
        }

        @Override
        public void rejected(Rejection r) {
            chunk.add(r);
        }

        @Override
        public void drain() {
            target.addAll(chunk);
            chunk.clear();
        }
    }

    private static Result parallel(ParallelDecoder p) throws IOException {
        List<Object> events = new ArrayList<>();
        Stats stats = p.decode(new ByteArrayInputStream(corpus), () -> new Recorder(events));
        return new Result(render(events), stats);
    }

    private static void assertSame(Result expected, Result actual) {
        assertThat(actual.out().size()).isEqualTo(expected.out().size());
        for (int i = 0; i < expected.out().size(); i++) {
            if (!expected.out().get(i).equals(actual.out().get(i))) {
                assertThat(actual.out().get(i)).as("output record %d", i).isEqualTo(expected.out().get(i));
            }
        }
        Stats e = expected.stats();
        Stats a = actual.stats();
        assertThat(a.summary()).isEqualTo(e.summary());
        assertThat(a.lines()).isEqualTo(e.lines());
        assertThat(a.accountedLines()).isEqualTo(a.lines());
        assertThat(a.pendingFragmentLines()).isZero();
        assertThat(a.messages()).isEqualTo(e.messages());
        assertThat(a.messageSentences()).isEqualTo(e.messageSentences());
        assertThat(a.rejections()).isEqualTo(e.rejections());
        assertThat(a.otherSentences()).isEqualTo(e.otherSentences());
        assertThat(a.tagBlockOnlyLines()).isEqualTo(e.tagBlockOnlyLines());
        assertThat(a.blankLines()).isEqualTo(e.blankLines());
        assertThat(a.firstReceiveTimeMillis()).isEqualTo(e.firstReceiveTimeMillis());
        assertThat(a.lastReceiveTimeMillis()).isEqualTo(e.lastReceiveTimeMillis());
    }

    @Test
    void corpusHasTheHardCases() {
        Stats s = sequential.stats();
        assertThat(s.lines()).isGreaterThan(170_000);
        assertThat(s.otherSentences().get("PGHP")).isGreaterThan(8_000);
        assertThat(s.messages(5)).isGreaterThan(1_000); // two-sentence messages
        assertThat(s.rejected(RejectReason.ORPHAN_FRAGMENT) + s.rejected(RejectReason.INCOMPLETE_MESSAGE)).isPositive();
        assertThat(s.rejectedLines()).isPositive();
    }

    /**
     * chunk 1 byte: a cut is tried after every line feed and made wherever the stream's state is
     * empty; max 64 bytes (shorter than most lines): where it is not, the chunk is cut anyway, also
     * in the middle of a line, and the next chunk continues the decoder.
     */
    @ParameterizedTest(name = "threads {0}, chunk {1} B, max {2} B, lenient {3}")
    @CsvSource({
        "2, 1, 1048576, false",
        "3, 1, 64, false",
        "4, 97, 300, false",
        "2, 4096, 8192, false",
        "4, 65536, 262144, false",
        "3, 1, 64, true",
        "2, 1, 1048576, true"
    })
    void sameOutputAsOneDecoder(int threads, int chunk, int max, boolean lenient) throws IOException {
        ParallelDecoder p = new ParallelDecoder(lenient ? LENIENT : Options.DEFAULT, threads, chunk, max);
        Result r = parallel(p);
        assertSame(lenient ? sequentialLenient : sequential, r);
        assertThat(p.safeCuts).isPositive();
        if (chunk == 1 && max == 1048576) {
            // a cut after every line where that is safe
            assertThat(p.safeCuts).isGreaterThan(linesBeforeLoosePghp / 2);
            // unsafe only where no line is safe: once a chunk of the last logs reaches the maximum
            assertThat(p.unsafeCuts).isLessThanOrEqualTo(loosePghpBytes / max + 1);
        }
        if (max <= 300) {
            assertThat(p.unsafeCutsInMessages).isPositive();
            assertThat(p.unsafeCutsAfterPghp).isPositive();
        }
    }

    /**
     * A receive clock read from the stream (a stand-in for the GNSS clock: set by each {@code $--RMC}
     * line of a northern latitude, to 10^12 ms plus a second per such line seen; no time before the
     * first). The corpus's first is in its SignalK logs, after the AMSA (southern) and DMA logs: the
     * chunks before it are decoded in parallel, the
     * rest on one decoder through the clock, and the output is one decoder's with the clock attached
     * from the start.
     */
    @ParameterizedTest
    @CsvSource({"2, 4096, 8192", "3, 1, 64", "2, 1048576, 8388608"})
    void aClockReadFromTheStreamTimesAsOnOneDecoder(int threads, int chunk, int max) throws IOException {
        ParallelDecoder.StreamClock clock = new ParallelDecoder.StreamClock() {
            @Override
            public boolean sets(byte[] b, int off, int len) {
                return len > 6 && b[off] == '$' && b[off + 3] == 'R' && b[off + 4] == 'M' && b[off + 5] == 'C'
                        && new String(b, off, len, StandardCharsets.ISO_8859_1).contains(",N,");
            }

            @Override
            public void attach(AisStreamDecoder decoder) {
                long[] rmcs = {0};
                decoder.setParametricSentenceHook((b, off, len) -> {
                    if (sets(b, off, len)) {
                        rmcs[0]++;
                    }
                });
                decoder.setReceiveClock(() -> rmcs[0] == 0 ? Long.MIN_VALUE : 1_000_000_000_000L + rmcs[0] * 1000);
            }
        };
        List<Object> events = new ArrayList<>();
        Recorder recorder = new Recorder(events);
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, recorder);
        clock.attach(d);
        for (int off = 0; off < corpus.length; off += 65_521) {
            d.feed(corpus, off, Math.min(65_521, corpus.length - off));
        }
        d.finish();
        recorder.drain();
        Result expected = new Result(render(events), d.stats());
        long clocked = expected.out().stream().filter(l -> l.contains("\"time_source\":\"receive_clock\"")).count();
        assertThat(clocked).as("messages timed by the clock").isGreaterThan(30);

        ParallelDecoder p = new ParallelDecoder(Options.DEFAULT, threads, chunk, max, clock);
        assertSame(expected, parallel(p));
        // the chunks before the first such RMC were decoded on decoders of their own
        assertThat(p.safeCutsBeforeClock).isPositive();
        if (chunk == 1) {
            assertThat(p.safeCutsBeforeClock).isGreaterThan(linesBeforeLoosePghp / 4);
        }
        ParallelDecoder none = new ParallelDecoder(Options.DEFAULT, threads, chunk, max);
        parallel(none);
        assertThat(none.safeCutsBeforeClock).isEqualTo(-1);
        assertThat(p.safeCutsBeforeClock).isLessThanOrEqualTo(none.safeCuts);
        // without the clock, the same stream has no such times
        assertThat(sequential.out().stream().filter(l -> l.contains("\"time_source\":\"receive_clock\"")).count()).isZero();
    }

    @Test
    void oneThreadIsTheSameToo() throws IOException {
        ParallelDecoder p = new ParallelDecoder(Options.DEFAULT, 1, 1, 100);
        assertSame(sequential, parallel(p));
    }

    /** Two-fragment messages written with '$' are never cut apart: a chunk may end only after a whole message. */
    @Test
    void messagesBegunWithADollarAreNotCutApart() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            for (String f : Nmea.fragments("AIVDM", Nmea.type1(211000000 + i, 10.5, 54.25), 2, String.valueOf(i % 10), "A", 0)) {
                sb.append(f.replace('!', '$')).append('\n');
            }
        }
        byte[] in = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Object> events = new ArrayList<>();
        ParallelDecoder p = new ParallelDecoder(Options.DEFAULT, 2, 1, 1 << 20);
        Stats stats = p.decode(new ByteArrayInputStream(in), () -> new Recorder(events));
        assertThat(Nmea.messages(events)).hasSize(400);
        assertThat(Nmea.rejections(events)).isEmpty();
        assertThat(stats.dollarStartSentences()).isEqualTo(800);
        assertThat(p.safeCuts).isPositive();
    }

    @Test
    void theTrackerSeesThePendingStateOfRealLines() {
        AisStreamDecoder t = AisStreamDecoder.boundaryTracker(Options.DEFAULT);
        String[] lines = {
            "$PGHP,1,2014,10,5,15,57,32,248,261,,,1,3C*6C",
            "!AIVDM,2,1,7,A,53A0iB02=o?4uPi7:20huAE>222222222222221I9H<676SB0;BhC2CR,0*23",
            "!AIVDM,2,2,7,A,AlPA88888888880,2*1F",
            "\\si:AISD*3F\\",
        };
        boolean[] idleAfter = {false, false, true, true};
        for (int i = 0; i < lines.length; i++) {
            byte[] b = (lines[i] + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            t.feed(b, 0, b.length - 1);
            assertThat(t.idle()).as("after CR of line %d", i + 1).isFalse(); // the LF may still come
            t.feed(b, b.length - 1, 1);
            assertThat(t.idle()).as("after line %d", i + 1).isEqualTo(idleAfter[i]);
        }
        assertThat(t.lineNumber()).isEqualTo(4);
        // a $PGHP time stays armed across a tag-block-only line and a blank line
        byte[] b = ("$" + "PGHP,1,2014,10,5,15,57,32,318,261,,,1,26*1C\n\\si:AISD*3F\\\n\n").getBytes(StandardCharsets.ISO_8859_1);
        t.feed(b, 0, b.length);
        assertThat(t.idle()).isFalse();
        byte[] s = "!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*26\n".getBytes(StandardCharsets.ISO_8859_1);
        t.feed(s, 0, s.length);
        assertThat(t.idle()).isTrue();
        // a $PGHP naming another checksum than the next sentence's: from here on no line is a safe start
        byte[] other = "$PGHP,1,2014,10,5,15,57,32,248,261,,,1,3C*6C\n!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*26\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        t.feed(other, 0, other.length);
        assertThat(t.idle()).isFalse();
        t.feed(s, 0, s.length);
        assertThat(t.idle()).isFalse();
    }

    @Test
    void aReadErrorReachesTheCaller() {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("disk gone");
                }
                return '\n';
            }
        };
        ParallelDecoder p = new ParallelDecoder(Options.DEFAULT, 2, 64, 256);
        assertThatThrownBy(() -> p.decode(failing, () -> new Recorder(new ArrayList<>()))).isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }

    @Test
    void aSinkErrorStopsDecoding() {
        ParallelDecoder p = new ParallelDecoder(Options.DEFAULT, 2, 1024, 4096);
        assertThatThrownBy(() -> p.decode(new ByteArrayInputStream(corpus), () -> new ParallelDecoder.ChunkSink() {
            @Override
            public void message(ReceivedMessage m) {
            }

            @Override
            public void rejected(Rejection r) {
            }

            @Override
            public void drain() throws IOException {
                throw new IOException("Broken pipe");
            }
        })).isInstanceOf(IOException.class).hasMessage("Broken pipe");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new ParallelDecoder(Options.DEFAULT, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelDecoder(Options.DEFAULT, 2, 100, 99)).isInstanceOf(IllegalArgumentException.class);
    }
}
