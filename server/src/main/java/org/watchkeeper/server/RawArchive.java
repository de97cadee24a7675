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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * A reader of the daily files themselves ({@code analyze}, {@code decode}, {@code send}) tells the
 * archive's tag block by its {@code x:} and takes its {@code c:} for what it is, the time the server
 * received the line: a line's own time (its receiver's tag block {@code c:}, the {@code $PGHP} line
 * before it, an epoch after its checksum) wins, so the archive of a replayed log keeps the log's
 * times ({@link org.watchkeeper.ais.nmea.TimeSource#ARCHIVE}).
 *
 * <p>Writing: {@link #append} only queues the line (in the order of the calls) for the archive's
 * own writer thread, so a slow disk (a write held up by the kernel's dirty-page throttling or by
 * other processes' I/O, hundreds of ms on a busy machine) never holds up the source that delivered
 * the line, nor the live pipeline behind it. The queue is bounded ({@value #PENDING} lines): when it
 * is full, {@code append} waits for room (TCP and file sources are then slowed by flow control).
 * The writer writes whatever has queued up and flushes it to the operating system as one write,
 * then takes the next lines; a crash of the process loses only lines still queued (normally those
 * of the last few milliseconds). {@link #awaitWritten} waits until every line appended so far is
 * written, {@link #close} writes what is queued and closes the file. Safe for use from several
 * threads.
 */
public final class RawArchive implements AutoCloseable {
    private final Path dir;
    private LocalDate day;
    /** Epoch ms of the start of {@link #day} (UTC). */
    private long dayStart;
    private static final long DAY_MILLIS = 86_400_000L;
    private OutputStream out;
    /** Lines written to the operating system (written by the writer thread only). */
    private volatile long lines;
    /** Lines appended (queued). */
    private final java.util.concurrent.atomic.AtomicLong appended = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Guards the start and stop of the writer thread, and is notified after each written batch; the
     * writer holds it only for that, never while it writes, so {@link #append} never waits for the disk.
     */
    private final Object lock = new Object();

    /** Lines that may wait for the writer thread before {@link #append} waits for room. */
    public static final int PENDING = 65_536;
    /** Lines written per flush at most (about 6 MB of typical AIS lines). */
    private static final int WRITE_BATCH = 65_536;
    private final BlockingQueue<RawLine> pending = new ArrayBlockingQueue<>(PENDING);
    private static final RawLine STOP = new RawLine("", 0, new byte[0]);
    /** The writer thread, started by the first append after opening or closing; guarded by {@link #lock}. */
    private Thread writer;
    /** The error that stopped the writer, or null. */
    private volatile RuntimeException failure;
    /** The tag block being built (writer thread only). */
    private final byte[] tag = new byte[512];
    /** ASCII bytes of the source names seen (writer thread only). */
    private final java.util.Map<String, byte[]> sourceBytes = new java.util.HashMap<>();

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

    /**
     * Queues one line for the writer thread (see the class description for the format); waits for
     * room when {@value #PENDING} lines are queued.
     *
     * @throws UncheckedIOException when an earlier write failed (the archive stops there)
     * @throws IllegalStateException when interrupted while waiting for room
     */
    public void append(RawLine l) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        synchronized (lock) {
            if (writer == null) {
                writer = new Thread(this::write, "watchkeeper-raw-archive");
                writer.setDaemon(true);
                writer.start();
            }
        }
        appended.incrementAndGet();
        try {
            pending.put(l);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in the raw archive's queue", e);
        }
    }

    /** The writer thread: writes what has queued up, flushes it, repeats until {@link #STOP}. */
    private void write() {
        List<RawLine> batch = new ArrayList<>(1024);
        try {
            while (true) {
                batch.add(pending.take());
                pending.drainTo(batch, WRITE_BATCH - 1);
                boolean stop = false;
                for (RawLine l : batch) {
                    if (l == STOP) {
                        stop = true;
                        break;
                    }
                    writeLine(l);
                }
                if (out != null) {
                    out.flush();
                }
                lines += stop ? batch.size() - 1 : batch.size();
                synchronized (lock) {
                    lock.notifyAll();
                }
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (IOException e) {
            failure = new UncheckedIOException("cannot append to the raw archive in " + dir, e);
            org.slf4j.LoggerFactory.getLogger(RawArchive.class).error("the raw archive stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Writes one line behind its tag block (writer thread). */
    private void writeLine(RawLine l) throws IOException {
        long ms = l.receivedMillis();
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
        byte[] src = sourceBytes.computeIfAbsent(l.source(), k -> k.getBytes(StandardCharsets.US_ASCII));
        int n = tagBlock(tag, ms, src);
        if (n < 0) {
            out.write(tagBlock(ms, l.source()).getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(tag, 0, n);
        }
        out.write(l.bytes());
        out.write('\n');
    }

    /**
     * Waits until every line appended before this call has been written to the operating system.
     *
     * @throws UncheckedIOException when a write failed
     */
    public void awaitWritten() throws InterruptedException {
        long want = appended.get();
        synchronized (lock) {
            while (lines < want && failure == null && writer != null && writer.isAlive()) {
                lock.wait(100);
            }
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** Lines written to the operating system since this archive was opened. */
    public long lines() {
        return lines;
    }

    /**
     * {@link #tagBlock(long, String)} written into {@code buf} without allocating.
     *
     * @return the number of bytes, or -1 when the tag block does not fit
     */
    static int tagBlock(byte[] buf, long millis, byte[] source) {
        // "\c:" + millis + ",x:" + source + "*hh\"
        if (source.length + 30 > buf.length) {
            return -1;
        }
        int n = 0;
        buf[n++] = '\\';
        int body = n;
        buf[n++] = 'c';
        buf[n++] = ':';
        if (millis < 0) {
            String digits = Long.toString(millis);
            for (int i = 0; i < digits.length(); i++) {
                buf[n++] = (byte) digits.charAt(i);
            }
        } else {
            int len = 1;
            for (long x = millis / 10; x > 0; x /= 10) {
                len++;
            }
            long x = millis;
            for (int i = n + len - 1; i >= n; i--) {
                buf[i] = (byte) ('0' + (int) (x % 10));
                x /= 10;
            }
            n += len;
        }
        buf[n++] = ',';
        buf[n++] = 'x';
        buf[n++] = ':';
        System.arraycopy(source, 0, buf, n, source.length);
        n += source.length;
        int x = 0;
        for (int i = body; i < n; i++) {
            x ^= buf[i] & 0xFF;
        }
        buf[n++] = '*';
        buf[n++] = (byte) HEX[(x >> 4) & 0xF];
        buf[n++] = (byte) HEX[x & 0xF];
        buf[n++] = '\\';
        return n;
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

    /** Writes every queued line, stops the writer thread and closes the file (a later append opens it again). */
    @Override
    public void close() {
        Thread w;
        synchronized (lock) {
            w = writer;
            writer = null;
        }
        if (w != null) {
            try {
                pending.put(STOP);
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            closeFile();
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void closeFile() {
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
