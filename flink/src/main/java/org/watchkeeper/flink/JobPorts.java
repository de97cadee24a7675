package org.watchkeeper.flink;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.ref.port.PortLists;

/**
 * The job's port lists ({@code ports.files}, {@code ports.shipped}): what the encounter and
 * port-visit detectors use as ports and anchorages, read by core's {@link PortLists} exactly as
 * {@code watchkeeper analyze --ports FILE [--no-shipped-ports]} reads them (NGA World Port Index
 * CSV plain or gzip, GeoJSON points and polygons, polygon shapefiles in a zip file).
 *
 * <p>Only the file names travel with the job; each task manager reads the files when its first
 * detector opens, and keeps the index for every later detector of the job in that JVM, so a file
 * must be readable at the same path or URI on every task manager (a shared mount, or the same file
 * placed on every machine), or in a distributed file system. A file is named by a local path or by a
 * URI: one whose scheme Java's file systems know ({@code file:///data/ports.geojson}) is read where it
 * is; any other goes through Flink's file systems ({@code hdfs://namenode/ref/ports.geojson},
 * {@code s3://bucket/ports.zip} with Flink's S3 plugin installed) and is copied once per JVM into a
 * temporary folder, deleted when the JVM exits. {@link #check} reads them once in the client before the
 * job is submitted, so a bad file, or a scheme no file system serves, stops the job at start.
 *
 * @param files the files in the order given (may be empty)
 * @param shipped whether the shipped UN/LOCODE list ({@link PortIndex#seaPorts()}) comes first
 */
public record JobPorts(List<String> files, boolean shipped) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Indexes read in this JVM, by settings; absent = shipped list alone. */
    private static final Map<JobPorts, Optional<PortIndex>> READ = new ConcurrentHashMap<>();

    /** The shipped list alone: the detectors' defaults. */
    public static final JobPorts SHIPPED = new JobPorts(List.of(), true);

    /**
     * @throws IllegalArgumentException when no file is given and the shipped list is left out
     */
    public JobPorts {
        files = List.copyOf(files);
        if (files.isEmpty() && !shipped) {
            throw new IllegalArgumentException("ports.shipped=false needs at least one file in ports.files");
        }
    }

    /** Parses {@code ports.files}: comma-separated, blanks around the commas ignored; null or blank is none. */
    static List<String> parseFiles(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** Whether the detectors need more than their default (the shipped list). */
    public boolean custom() {
        return !files.isEmpty();
    }

    /**
     * Reads the files in this JVM (the client), reporting per file as {@link PortLists#index} does,
     * and keeps the index for {@link #index()}.
     *
     * @throws IllegalArgumentException naming {@code ports.files} and the file, when a file is missing,
     *         in no known format, cannot be read or is malformed, or no port is left
     */
    public void check(Consumer<String> notes) {
        try {
            READ.put(this, Optional.ofNullable(PortLists.index(paths(), shipped, notes)));
        } catch (PortLists.UnrecognisedException e) {
            throw new IllegalArgumentException("ports.files: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("ports.files: cannot read ports: " + e.getMessage(), e);
        }
    }

    /**
     * The index the detectors use, read once per JVM and job; null for the shipped list alone.
     *
     * @throws IllegalStateException when the files cannot be read here (e.g. absent on this task manager)
     */
    public PortIndex index() {
        if (!custom()) {
            return null;
        }
        return READ.computeIfAbsent(this, k -> {
            try {
                return Optional.ofNullable(PortLists.index(paths(), shipped, note -> { }));
            } catch (IOException | PortLists.UnrecognisedException | RuntimeException e) {
                throw new IllegalStateException("ports.files: cannot read ports on this task manager: " + e.getMessage(), e);
            }
        }).orElse(null);
    }

    /**
     * The files as paths: a URI with a scheme (two or more letters before ':') through its NIO file
     * system, else through Flink's ({@link #copyThroughFlink}); anything else a local path.
     */
    List<Path> paths() throws PortLists.UnrecognisedException {
        List<Path> out = new ArrayList<>();
        for (String f : files) {
            int colon = f.indexOf(':');
            if (colon > 1 && f.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                URI uri;
                try {
                    uri = URI.create(f);
                } catch (IllegalArgumentException e) {
                    throw new PortLists.UnrecognisedException("cannot open " + f + ": " + e.getMessage());
                }
                Path nio = null;
                try {
                    nio = Path.of(uri);
                } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                    // no NIO provider for the scheme: Flink's file systems below
                }
                out.add(nio != null ? nio : copyThroughFlink(f));
            } else {
                out.add(Path.of(f));
            }
        }
        return out;
    }

    /** Copies of files read through Flink's file systems in this JVM, by URI. */
    private static final Map<String, Path> COPIED = new ConcurrentHashMap<>();

    /**
     * Copies {@code uri} through Flink's file systems (HDFS, S3 and others its plugins add) into a
     * temporary folder, once per JVM, keeping the file's name (formats are recognised by content, the
     * name only reported).
     *
     * @throws PortLists.UnrecognisedException naming the URI when no Flink file system serves its scheme,
     *         or the file cannot be read
     */
    static Path copyThroughFlink(String uri) throws PortLists.UnrecognisedException {
        try {
            return COPIED.computeIfAbsent(uri, u -> {
                try {
                    org.apache.flink.core.fs.Path remote = new org.apache.flink.core.fs.Path(u);
                    org.apache.flink.core.fs.FileSystem fs = remote.getFileSystem();
                    Path dir = java.nio.file.Files.createTempDirectory("watchkeeper-ports");
                    String name = remote.getName().isEmpty() ? "ports" : remote.getName();
                    Path local = dir.resolve(name);
                    try (java.io.InputStream in = fs.open(remote)) {
                        java.nio.file.Files.copy(in, local);
                    }
                    dir.toFile().deleteOnExit(); // deleted after the file: in reverse order of registration
                    local.toFile().deleteOnExit();
                    return local;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw new PortLists.UnrecognisedException("cannot open " + uri + ": " + e.getCause().getMessage());
        }
    }
}
