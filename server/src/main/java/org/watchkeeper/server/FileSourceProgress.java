package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * How far each {@code file:} source of a data folder has been read, so that a restart with the same
 * sources goes on after the lines already stored instead of storing the log a second time.
 *
 * <p>The raw archive is the record of what was read: every line a source delivered is archived under
 * the source's name before it is processed, and a start reads the archive back
 * ({@link Pipeline#archivedBySource()}). This class keeps, in {@code DATA/file-sources.json}, for each
 * source name the file it replays (absolute path, size in bytes, last-modified time) and how many
 * lines of that name the archive held when the file was first read ({@code archived_before}), with a
 * fingerprint of its bytes: a CRC-32 of its first 64 KiB and of the last 4 KiB below its size. At the
 * next start, when the name names the same file, unchanged (same path, size and time) or grown by
 * appending (same path, at least the size, the same fingerprint over the size recorded: a receiver's
 * log written on since), the lines of that name archived since are the file's lines already
 * delivered, and the source passes over that many and goes on with the rest. A line that was being
 * written when the read before reached the file's end was delivered in part then (and rejected as a
 * broken line, counted with its reason); when the last line passed over is not the archive's last line
 * of that name but begins with it, the line has been completed since, and it is delivered again whole,
 * so that its message is not lost; the part archived then is no line of the file, so the name's
 * {@code archived_before} is raised by one before the whole line is delivered (written first: a stop
 * between the two makes the next start pass over one line fewer, which is then that whole line, never
 * one more). A file that is new under the name, or has changed otherwise, is read
 * from its start and becomes the name's file.
 *
 * <p>File format: {@code {"NAME": {"path": "/abs/log.nmea", "size": 123, "modified": 1764700000000,
 * "fingerprint": "0a1b2c3d-4e5f6a7b", "archived_before": 0}, ...}}; entries of names not given at this
 * start are kept; an entry without a fingerprint is matched by size and time only.
 */
final class FileSourceProgress {
    /** The file under the data directory. */
    static final String FILE = "file-sources.json";

    private FileSourceProgress() {
    }

    /**
     * Sets each file source of {@code sources} to pass over what it delivered before, and records the
     * files read from their start; says on {@code err} what it does for each file source that was
     * read before under its name.
     *
     * @param dataDir the server's data directory
     * @param archived lines per source name in the raw archive at this start
     * @param lastArchived the last archived line per source name (see {@link Pipeline#lastArchivedBySource()})
     * @throws UncheckedIOException when the progress file cannot be read or written, or a replayed
     *     file's size and time cannot be read
     */
    static synchronized void resume(Path dataDir, List<Source> sources, Map<String, Long> archived, Map<String, byte[]> lastArchived,
            PrintStream err) {
        Path file = dataDir.resolve(FILE);
        ObjectNode all;
        try {
            all = Files.exists(file) && Rows.JSON.readTree(file.toFile()) instanceof ObjectNode o ? o : Rows.JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        boolean changed = false;
        for (Source s : sources) {
            if (!(s instanceof Source.FileSource f)) {
                continue;
            }
            Path path = f.path().toAbsolutePath().normalize();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new UncheckedIOException("source " + f.name() + ": cannot read the size and time of " + path, e);
            }
            long size = a.size();
            long modified = a.lastModifiedTime().toMillis();
            long inArchive = archived.getOrDefault(f.name(), 0L);
            JsonNode was = all.path(f.name());
            long before = was.path("archived_before").asLong(-1);
            long sizeBefore = was.path("size").asLong(-1);
            boolean samePath = was.path("path").asText("").equals(path.toString());
            boolean same = samePath && sizeBefore == size && was.path("modified").asLong(-1) == modified;
            boolean grown = false;
            if (samePath && !same && sizeBefore >= 0 && size >= sizeBefore && was.hasNonNull("fingerprint")) {
                try {
                    grown = fingerprint(path, sizeBefore).equals(was.get("fingerprint").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException("source " + f.name() + ": cannot read " + path, e);
                }
            }
            if ((same || grown) && before >= 0 && inArchive >= before) {
                long read = inArchive - before;
                f.skipLines(read, read > 0 ? lastArchived.get(f.name()) : null, () -> partLineArchived(file, f.name()));
                if (read > 0) {
                    err.printf("source %s: %d lines of %s were read before this start%s; going on after them%n", f.name(), read, path,
                            grown ? " (it has grown since)" : "");
                }
                if (grown) { // the file as it is now is the name's file; the lines it held before stay counted
                    try {
                        ((ObjectNode) was).put("size", size).put("modified", modified).put("fingerprint", fingerprint(path, size));
                    } catch (IOException e) {
                        throw new UncheckedIOException("source " + f.name() + ": cannot read " + path, e);
                    }
                    changed = true;
                }
                continue;
            }
            if (!was.isMissingNode()) {
                err.printf("source %s: %s is not the file read before under this name, or has changed since; reading it from its start%n",
                        f.name(), path);
            }
            String fingerprint;
            try {
                fingerprint = fingerprint(path, size);
            } catch (IOException e) {
                throw new UncheckedIOException("source " + f.name() + ": cannot read " + path, e);
            }
            all.putObject(f.name()).put("path", path.toString()).put("size", size).put("modified", modified)
                    .put("fingerprint", fingerprint).put("archived_before", inArchive);
            changed = true;
        }
        if (changed) {
            try {
                Accounts.writeAtomically(file, Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all)
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /**
     * Counts one archived line of source {@code name} as no line of its file: the part of a line
     * that was still being written when it was read (see the class comment).
     *
     * @throws UncheckedIOException when the progress file cannot be read or written
     */
    static synchronized void partLineArchived(Path file, String name) {
        try {
            if (Rows.JSON.readTree(file.toFile()) instanceof ObjectNode all && all.get(name) instanceof ObjectNode entry) {
                entry.put("archived_before", entry.path("archived_before").asLong() + 1);
                Accounts.writeAtomically(file, Rows.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all)
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    /**
     * CRC-32 of the first {@code min(size, 64 KiB)} bytes of {@code file} and of the
     * {@code min(size, 4 KiB)} bytes below {@code size}, as {@code "xxxxxxxx-xxxxxxxx"} (hex).
     */
    static String fingerprint(Path file, long size) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            return String.format("%08x-%08x", crc(ch, 0, (int) Math.min(size, 1 << 16)),
                    crc(ch, Math.max(0, size - 4096), (int) Math.min(size, 4096)));
        }
    }

    private static long crc(java.nio.channels.FileChannel ch, long from, int length) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, from + b.position()) < 0) {
                throw new IOException("shorter than " + (from + length) + " bytes");
            }
        }
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b.flip());
        return c.getValue();
    }
}
