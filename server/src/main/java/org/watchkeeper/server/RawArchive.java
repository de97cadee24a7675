package org.watchkeeper.server;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The append-only raw archive: every line a source delivered, before decoding, in daily files
 * {@code raw/YYYY-MM-DD.nmea} (UTC day of receipt) under the data directory.
 *
 * <p>Each archived line is the line as received behind an IEC 61162-450 tag block of the archive's
 * own, {@code \c:<receive ms>,x:<source name>*hh\}: {@code c:} the wall-clock receive time in
 * milliseconds, {@code x:} the configured source name. A line that brought its own tag block keeps
 * it, right after the archive's. {@link #replay} strips the archive's tag block and gives back
 * exactly what the source delivered, so history rebuilt from the archive equals the live history.
 *
 * <p>Writes are flushed to the operating system after each line (a crash of the process loses
 * nothing that was archived); safe for use from several threads.
 */
public final class RawArchive implements AutoCloseable {
    private final Path dir;
    private LocalDate day;
    /** Epoch ms of the start of {@link #day} (UTC). */
    private long dayStart;
    private static final long DAY_MILLIS = 86_400_000L;
    private OutputStream out;
    private long lines;

    /** @param dir the folder for the daily files (created when missing) */
    public RawArchive(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the raw archive folder " + dir, e);
        }
    }

    /** The folder of the daily files. */
    public Path dir() {
        return dir;
    }

    /** Appends one line (see the class description for the format). */
    public synchronized void append(RawLine l) {
        long ms = l.receivedMillis();
        try {
            if (day == null || ms < dayStart || ms >= dayStart + DAY_MILLIS) {
                LocalDate d = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
                dayStart = d.toEpochDay() * DAY_MILLIS;
                if (out != null) {
                    out.close();
                }
                day = d;
                out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(d + ".nmea"),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
            }
            out.write(tagBlock(l.receivedMillis(), l.source()).getBytes(StandardCharsets.US_ASCII));
            out.write(l.bytes());
            out.write('\n');
            out.flush();
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the raw archive in " + dir, e);
        }
    }

    /** Lines appended since this archive was opened. */
    public synchronized long lines() {
        return lines;
    }

    /** The archive's tag block for one line: {@code \c:<ms>,x:<source>*hh\}. */
    static String tagBlock(long millis, String source) {
        String body = "c:" + millis + ",x:" + source;
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return "\\" + body + "*" + HEX[(x >> 4) & 0xF] + HEX[x & 0xF] + "\\";
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Reads every archived line back, oldest file first, in the order written.
     *
     * @param into receives each line with its source name and receive time as archived
     * @return the number of lines read; lines that do not start with an archive tag block are skipped
     */
    public long replay(Consumer<RawLine> into) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.nmea")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the raw archive " + dir, e);
        }
        long n = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f);
                 BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = r.readLine()) != null) {
                    RawLine l = parse(line);
                    if (l != null) {
                        into.accept(l);
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the raw archive file " + f, e);
            }
        }
        return n;
    }

    /** One archived line back as received, or null when it has no archive tag block. */
    static RawLine parse(String line) {
        if (!line.startsWith("\\c:")) {
            return null;
        }
        int star = line.indexOf('*');
        int end = star < 0 ? -1 : line.indexOf('\\', star);
        int comma = line.indexOf(",x:");
        if (end < 0 || comma < 0 || comma > star) {
            return null;
        }
        try {
            long ms = Long.parseLong(line.substring(3, comma));
            String source = line.substring(comma + 3, star);
            return new RawLine(source, ms, line.substring(end + 1).getBytes(StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = null;
            day = null;
        }
    }
}
