package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code decode --threads N} writes byte for byte what {@code --threads 1} writes: the JSON or CSV,
 * the {@code --errors} file and the summary's counts, on every real log of the shared folder, with
 * chunks so small that the stream is cut after nearly every line, inside multi-sentence messages
 * and between a {@code $PGHP} line and its sentence.
 */
class DecodeThreadsTest {
    private static final Path AIS = Path.of(System.getProperty("watchkeeper.shared", "../../shared")).resolve("data/ais");
    private static List<String> logs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findLogs() throws IOException {
        assumeTrue(Files.isDirectory(AIS), "shared AIS logs not found: " + AIS + " (set -Dwatchkeeper.shared)");
        try (Stream<Path> s = Files.walk(AIS)) {
            logs = s.filter(Files::isRegularFile).sorted().map(Path::toString).toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(18).anyMatch(f -> f.endsWith(".gz"));
    }

    /** Output, errors file and summary (less its elapsed time) of one run. */
    record Outcome(int exit, byte[] out, byte[] errors, String summary) {
    }

    private Outcome decode(String name, List<String> options, List<String> files) throws IOException {
        Path errors = tmp.resolve(name + ".tsv");
        List<String> args = new ArrayList<>(List.of("decode", "--errors", errors.toString()));
        args.addAll(options);
        args.addAll(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err, true), args.toArray(String[]::new));
        String summary = err.toString().replaceFirst(" in [0-9.]+ s\\R", "\n");
        return new Outcome(exit, out.toByteArray(), Files.readAllBytes(errors), summary);
    }

    private void assertSameAsOneThread(List<String> options, List<String> parallel, List<String> files) throws IOException {
        List<String> one = new ArrayList<>(options);
        one.addAll(List.of("--threads", "1"));
        List<String> many = new ArrayList<>(options);
        many.addAll(parallel);
        Outcome expected = decode("one", one, files);
        Outcome actual = decode("many", many, files);
        assertThat(expected.exit()).isZero();
        assertThat(actual.exit()).isZero();
        assertThat(actual.summary()).isEqualTo(expected.summary());
        assertThat(actual.errors()).isEqualTo(expected.errors());
        if (!java.util.Arrays.equals(actual.out(), expected.out())) {
            // show the first differing line rather than two large arrays
            String[] a = new String(actual.out(), java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            String[] e = new String(expected.out(), java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < Math.min(a.length, e.length); i++) {
                assertThat(a[i]).as("output line %d", i + 1).isEqualTo(e[i]);
            }
            assertThat(a.length).as("output lines").isEqualTo(e.length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--threads 2 --chunk-bytes 1 --max-chunk-bytes 64; ",
        "--threads 3 --chunk-bytes 200 --max-chunk-bytes 800; ",
        "--threads 4; ",
        "--threads 4 --chunk-bytes 1 --max-chunk-bytes 100; --format csv",
        "--threads 2 --chunk-bytes 1 --max-chunk-bytes 64; --lenient --accept-bad-tag-block-checksum",
        "--threads 3 --chunk-bytes 1 --max-chunk-bytes 1048576; --lenient --accept-bad-tag-block-checksum --format csv"
    })
    void allLogsInOneRunGiveTheSameOutputOnAnyNumberOfThreads(String parallel, String options) throws IOException {
        assertSameAsOneThread(split(options), split(parallel), logs);
    }

    @Test
    void eachLogOnItsOwnGivesTheSameOutput() throws IOException {
        for (String f : logs) {
            assertSameAsOneThread(List.of(), split("--threads 3 --chunk-bytes 1 --max-chunk-bytes 64"), List.of(f));
        }
    }

    @Test
    void theSummaryCountsAreTheRealOnes() throws IOException {
        Outcome o = decode("counts", split("--threads 2 --chunk-bytes 1 --max-chunk-bytes 64"), logs);
        // the concatenated corpus of docs/PERFORMANCE.md: 179 525 lines, 85 771 AIS sentences, of
        // which 98 were rejected alone or with their message (counted as rejected lines only)
        assertThat(o.summary()).startsWith("decoded 84239 messages from 179525 lines (18 inputs)")
                .contains("  sentences:      85673 in messages (80370 VDM, 5303 VDO); 217 length anomalies\n")
                .contains("  rejected lines: 306 (")
                .contains("  other lines:    59001 sentences (")
                .contains("), 34540 tag-block-only, 5 blank\n");
        // each line counted once, every message in the by-type counts
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)from (\\d+) lines.*sentences: +(\\d+) in messages"
                + ".*rejected lines: (\\d+).*other lines: +(\\d+) sentences.*, (\\d+) tag-block-only, (\\d+) blank").matcher(o.summary());
        assertThat(m.find()).as(o.summary()).isTrue();
        assertThat(Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4))
                + Long.parseLong(m.group(5)) + Long.parseLong(m.group(6))).isEqualTo(Long.parseLong(m.group(1)));
        java.util.regex.Matcher byType = java.util.regex.Pattern.compile("by type: +(.*)").matcher(o.summary());
        assertThat(byType.find()).isTrue();
        long typed = 0;
        for (String c : byType.group(1).split(", ")) {
            typed += Long.parseLong(c.substring(c.indexOf(": ") + 2).trim());
        }
        assertThat(typed).isEqualTo(84239);
        assertThat(new String(o.out(), java.nio.charset.StandardCharsets.UTF_8).lines().count()).isEqualTo(84239);
    }

    /**
     * Formatting on a second thread (a {@link org.watchkeeper.core.pipeline.Stage}, batches of 2048 messages) writes what
     * formatting on the decoding thread writes, with the same errors file and summary, in each format.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"json", "csv"})
    void theFormattingThreadWritesWhatTheDecodingThreadWrites(String format) throws IOException {
        Outcome inline = decode("inline", List.of("--threads", "1", "--format", format, "--no-format-thread"), logs);
        Outcome threaded = decode("threaded", List.of("--threads", "1", "--format", format, "--format-thread"), logs);
        assertThat(threaded.exit()).isZero();
        assertThat(threaded.summary()).isEqualTo(inline.summary()).startsWith("decoded 84239 messages from 179525 lines");
        assertThat(threaded.errors()).isEqualTo(inline.errors());
        assertThat(threaded.out()).isEqualTo(inline.out());
        assertThat(new String(threaded.out(), java.nio.charset.StandardCharsets.UTF_8).lines().count())
                .isEqualTo(format.equals("csv") ? 84240 : 84239);
    }

    /** An output stream that takes {@code limit} bytes and then fails every write with {@code message}. */
    private static java.io.OutputStream failingAfter(int limit, String message) {
        return new java.io.OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) {
                    throw new IOException(message);
                }
                written += len;
            }
        };
    }

    /**
     * A write failing on the formatting thread, in the middle of the input, ends the run with the
     * output error (exit 1), or quietly (exit 0) when the reader of stdout went away (EPIPE).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"No space left on device, 1", "Broken pipe, 0"})
    void anOutputFailureOnTheFormattingThreadEndsTheRun(String message, int expectedExit) {
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("decode", "--quiet", "--threads", "1", "--format-thread"));
        args.addAll(logs);
        int exit = Main.execute(new ByteArrayInputStream(new byte[0]), failingAfter(200_000, message), new PrintWriter(err, true),
                args.toArray(String[]::new));
        assertThat(exit).isEqualTo(expectedExit);
        if (expectedExit == 0) {
            assertThat(err.toString()).isEmpty();
        } else {
            assertThat(err.toString()).startsWith("watchkeeper decode: I/O error on output (stdout): " + message);
        }
    }

    @Test
    void threadsOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = Main.execute(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true),
                "decode", "--threads", "0", logs.get(0));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--threads must be 1..256, not 0");
    }

    @Test
    void theDefaultLeavesCoresForTheReaderWriterAndCompiler() {
        assertThat(DecodeCommand.defaultThreads(1)).isEqualTo(1);
        assertThat(DecodeCommand.defaultThreads(2)).isEqualTo(1);
        assertThat(DecodeCommand.defaultThreads(3)).isEqualTo(1);
        assertThat(DecodeCommand.defaultThreads(8)).isEqualTo(4);
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split(" +"));
    }
}
