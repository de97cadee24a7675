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
 * lines of that name the archive held when the file was first read ({@code archived_before}). At the
 * next start, when the name names the same file, unchanged (same path, size and time), the lines of
 * that name archived since are the file's lines already delivered, and the source passes over that
 * many. A file that is new under the name, or has changed (another size or time), is read from its
 * start and becomes the name's file.
 *
 * <p>File format: {@code {"NAME": {"path": "/abs/log.nmea", "size": 123, "modified": 1764700000000,
 * "archived_before": 0}, ...}}; entries of names not given at this start are kept.
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
     * @throws UncheckedIOException when the progress file cannot be read or written, or a replayed
     *     file's size and time cannot be read
     */
    static void resume(Path dataDir, List<Source> sources, Map<String, Long> archived, PrintStream err) {
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
            boolean same = was.path("path").asText("").equals(path.toString()) && was.path("size").asLong(-1) == size
                    && was.path("modified").asLong(-1) == modified;
            if (same && before >= 0 && inArchive >= before) {
                long read = inArchive - before;
                f.skipLines(read);
                if (read > 0) {
                    err.printf("source %s: %d lines of %s were read before this start; going on after them%n", f.name(), read, path);
                }
                continue;
            }
            if (!was.isMissingNode()) {
                err.printf("source %s: %s is not the file read before under this name, or has changed since; reading it from its start%n",
                        f.name(), path);
            }
            all.putObject(f.name()).put("path", path.toString()).put("size", size).put("modified", modified)
                    .put("archived_before", inArchive);
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
}
