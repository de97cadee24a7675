package org.watchkeeper.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the benchmark corpora to files, for whole-process timing of command-line decoders.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.watchkeeper.bench.CorpusBuilder OUT_DIR [LINES]
 * </pre>
 *
 * <p>Writes {@code OUT_DIR/mixed.nmea} (the {@link Corpus#mixed() mixed corpus}, once) and
 * {@code OUT_DIR/mixed-LINES.nmea} (the same repeated, whole lines, to exactly {@code LINES}
 * lines; default 10 000 000), then prints one line per file: path, lines, AIS sentences, bytes.
 * The AIS log folder is found as described in {@link Corpus#aisDataDir()}.
 */
public final class CorpusBuilder {
    private CorpusBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CorpusBuilder OUT_DIR [LINES]");
            System.exit(2);
        }
        Path outDir = Paths.get(args[0]);
        long lines = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        Files.createDirectories(outDir);

        byte[] mixed = Corpus.mixed();
        int mixedLines = Corpus.countLines(mixed);
        int mixedAis = Corpus.countAisSentences(mixed);
        Path once = outDir.resolve("mixed.nmea");
        Files.write(once, mixed);
        report(once, mixedLines, mixedAis, mixed.length);

        Path repeated = outDir.resolve("mixed-" + lines + ".nmea");
        long written;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(repeated), 1 << 20)) {
            written = Corpus.writeRepeated(mixed, lines, out);
        }
        // AIS sentences of the repeated file: whole copies plus the sentences of the partial copy
        long copies = written / mixedLines;
        long ais = copies * mixedAis + Corpus.countAisSentences(prefixLines(mixed, (int) (written % mixedLines)));
        report(repeated, written, ais, Files.size(repeated));
    }

    private static byte[] prefixLines(byte[] text, int lines) {
        int i = 0;
        for (int n = 0; n < lines && i < text.length; i++) {
            if (text[i] == '\n') {
                n++;
            }
        }
        return java.util.Arrays.copyOf(text, i);
    }

    private static void report(Path file, long lines, long ais, long bytes) {
        System.out.printf("%s\t%d lines\t%d AIS sentences\t%d bytes%n", file, lines, ais, bytes);
    }
}
