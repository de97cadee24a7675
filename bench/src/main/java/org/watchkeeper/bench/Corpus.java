package org.watchkeeper.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Benchmark corpora built at run time from the real NMEA 0183 AIS logs of the shared data folder
 * ({@code shared/data/ais}, every file, {@code .gz} files decompressed). Nothing built here is
 * kept in the repository: the corpora live in memory (JMH) or are written under
 * {@code bench/target} or {@code /tmp} by {@link CorpusBuilder}.
 *
 * <p>The "mixed" corpus is every log concatenated in path order, byte for byte, with a line feed
 * added where a file does not end with one. It therefore holds real mixed traffic: AIS sentences
 * from several talkers ({@code !AIVDM}, {@code !BSVDM}, {@code !ABVDO}, ...), multi-sentence
 * messages, tag blocks, {@code $PGHP} and epoch-suffix timestamps, and non-AIS lines
 * ({@code $PSTT}, {@code $GPRMC}, ...), CRLF and LF line ends, and the corrupt lines the receivers
 * logged.
 */
public final class Corpus {
    private Corpus() {
    }

    /**
     * The folder holding the AIS logs. Looked up in this order: system property
     * {@code watchkeeper.ais.data} (the folder itself), system property {@code watchkeeper.shared} or
     * environment variable {@code WATCHKEEPER_SHARED} (the shared folder, {@code data/ais} below it),
     * then {@code ../shared/data/ais} and {@code ../../shared/data/ais} relative to the working
     * directory (a repository checked out beside {@code shared/}).
     *
     * @throws IllegalStateException if none of these exists
     */
    public static Path aisDataDir() {
        List<Path> candidates = new ArrayList<>();
        String dir = System.getProperty("watchkeeper.ais.data");
        if (dir != null) {
            candidates.add(Paths.get(dir));
        }
        String shared = System.getProperty("watchkeeper.shared", System.getenv("WATCHKEEPER_SHARED"));
        if (shared != null) {
            candidates.add(Paths.get(shared, "data", "ais"));
        }
        candidates.add(Paths.get("..", "shared", "data", "ais"));
        candidates.add(Paths.get("..", "..", "shared", "data", "ais"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("AIS log folder not found; tried " + candidates
                + " (set -Dwatchkeeper.shared=/path/to/shared or -Dwatchkeeper.ais.data=/path/to/shared/data/ais)");
    }

    /** The log files below {@code dir}, recursively, in path order. */
    public static List<Path> logFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mixed corpus of {@link #aisDataDir()}. */
    public static byte[] mixed() {
        return mixed(aisDataDir());
    }

    /**
     * Concatenates every log below {@code dir} (gzip files decompressed), each ending with a line feed.
     *
     * @throws IllegalStateException if the folder holds no file
     */
    public static byte[] mixed(Path dir) {
        List<Path> files = logFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalStateException("no log file in " + dir);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
        for (Path f : files) {
            byte[] b = read(f);
            out.write(b, 0, b.length);
            if (b.length > 0 && b[b.length - 1] != '\n') {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] read(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            if (f.getFileName().toString().endsWith(".gz")) {
                try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    return gz.readAllBytes();
                }
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + f, e);
        }
    }

    /** Number of lines (line feeds; a last line without one counts too). */
    public static int countLines(byte[] text) {
        int n = 0;
        for (byte c : text) {
            if (c == '\n') {
                n++;
            }
        }
        if (text.length > 0 && text[text.length - 1] != '\n') {
            n++;
        }
        return n;
    }

    /**
     * Number of AIS sentences: lines holding a {@code VDM} or {@code VDO} sentence (any talker,
     * with or without tag block or timestamp around it). Each fragment of a multi-sentence message
     * counts once.
     */
    public static int countAisSentences(byte[] text) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                if (aisFieldsStart(text, start, i) >= 0) {
                    n++;
                }
                start = i + 1;
            }
        }
        return n;
    }

    /**
     * Keeps only the single-sentence AIS lines whose message type is 1, 2 or 3 (payload starting
     * with armour character {@code 1}, {@code 2} or {@code 3}), each with its line end.
     */
    public static byte[] positionReportsOnly(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 2);
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                if (isSingleSentenceType123(text, start, i)) {
                    out.write(text, start, i + 1 - start);
                }
                start = i + 1;
            }
        }
        return out.toByteArray();
    }

    private static boolean isSingleSentenceType123(byte[] t, int from, int to) {
        int p = aisFieldsStart(t, from, to);
        if (p < 0 || p + 1 >= to || t[p] != '1' || t[p + 1] != ',') {
            return false; // not AIS, or a fragment count other than 1
        }
        // fields after the address: count, number, sequence id, channel, payload
        int commas = 0;
        while (p < to && commas < 4) {
            if (t[p++] == ',') {
                commas++;
            }
        }
        return commas == 4 && p < to && t[p] >= '1' && t[p] <= '3';
    }

    /** The kinds of line {@link #byKind} sorts the corpus into, in the order it reports them. */
    public static final List<String> KINDS = List.of(
            "tag-block only", "$PGHP", "other non-AIS", "type 1-3, bare", "type 1-3, trailer time",
            "type 1-3, tag block", "type 4/11", "type 5 (single)", "type 18/19", "type 24", "other types (single)",
            "multi-sentence fragments");

    /**
     * Splits {@code text} into sub-corpora by kind of line ({@link #KINDS}), each line with its line
     * end, in input order. A line belongs to exactly one kind: a tag block alone; a {@code $PGHP}
     * sentence; any other line that holds no VDM/VDO sentence (other sentences, corrupt lines); a
     * fragment of a multi-sentence message (fragment count other than 1); else a single-sentence
     * message by its message type (first payload character), type 1-3 further split into lines with
     * neither tag block nor trailer, with a trailer after {@code *hh} (a receive time) and with a tag
     * block.
     */
    public static java.util.Map<String, byte[]> byKind(byte[] text) {
        java.util.Map<String, ByteArrayOutputStream> out = new java.util.LinkedHashMap<>();
        for (String k : KINDS) {
            out.put(k, new ByteArrayOutputStream(1 << 16));
        }
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                out.get(kind(text, start, i)).write(text, start, i + 1 - start);
                start = i + 1;
            }
        }
        java.util.Map<String, byte[]> r = new java.util.LinkedHashMap<>();
        out.forEach((k, v) -> r.put(k, v.toByteArray()));
        return r;
    }

    private static String kind(byte[] t, int from, int to) {
        int e = to;
        while (e > from && (t[e - 1] == '\r' || t[e - 1] == ' ')) {
            e--;
        }
        boolean tagBlock = from < e && t[from] == '\\';
        int s = from;
        if (tagBlock) {
            s++;
            while (s < e && t[s] != '\\') {
                s++;
            }
            s++;
            if (s >= e) {
                return "tag-block only";
            }
        }
        int p = aisFieldsStart(t, from, e);
        if (p < 0) {
            return e - s >= 5 && t[s] == '$' && t[s + 1] == 'P' && t[s + 2] == 'G' && t[s + 3] == 'H' && t[s + 4] == 'P'
                    ? "$PGHP" : "other non-AIS";
        }
        if (p + 1 >= e || t[p] != '1' || t[p + 1] != ',') {
            return "multi-sentence fragments";
        }
        int commas = 0;
        while (p < e && commas < 4) {
            if (t[p++] == ',') {
                commas++;
            }
        }
        byte c = p < e ? t[p] : 0;
        switch (c) {
            case '1', '2', '3' -> {
                int star = p;
                while (star < e && t[star] != '*') {
                    star++;
                }
                return tagBlock ? "type 1-3, tag block" : star + 3 < e ? "type 1-3, trailer time" : "type 1-3, bare";
            }
            case '4', ';' -> {
                return "type 4/11";
            }
            case '5' -> {
                return "type 5 (single)";
            }
            case 'B', 'C' -> {
                return "type 18/19";
            }
            case 'H' -> {
                return "type 24";
            }
            default -> {
                return "other types (single)";
            }
        }
    }

    /** Index just past "VDM," / "VDO," in the line, or -1 when the line holds no AIS sentence. */
    private static int aisFieldsStart(byte[] t, int from, int to) {
        for (int i = from; i + 4 <= to; i++) {
            if (t[i] == 'V' && t[i + 1] == 'D' && (t[i + 2] == 'M' || t[i + 2] == 'O') && t[i + 3] == ','
                    && i - from >= 3 && (t[i - 3] == '!' || t[i - 3] == '$')) {
                return i + 4;
            }
        }
        return -1;
    }

    /**
     * Writes {@code text} repeated (whole lines only) until exactly {@code lines} lines are written
     * (fewer only if {@code text} holds no line).
     *
     * @return the number of lines written
     */
    public static long writeRepeated(byte[] text, long lines, OutputStream out) throws IOException {
        if (lines <= 0 || text.length == 0) {
            return 0;
        }
        int perCopy = countLines(text);
        long written = 0;
        boolean endsWithLf = text[text.length - 1] == '\n';
        while (written + perCopy <= lines) {
            out.write(text);
            if (!endsWithLf) {
                out.write('\n');
            }
            written += perCopy;
        }
        long rest = lines - written;
        int i = 0;
        while (rest > 0 && i < text.length) {
            int nl = i;
            while (nl < text.length && text[nl] != '\n') {
                nl++;
            }
            out.write(text, i, Math.min(nl + 1, text.length) - i);
            if (nl == text.length) {
                out.write('\n');
            }
            i = nl + 1;
            rest--;
            written++;
        }
        return written;
    }
}
