package org.watchkeeper.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.ref.port.PortLists;

/**
 * User port lists for {@code --ports FILE|DIR} (analyze, serve): the port index the encounter and
 * port-visit detectors use. The files are read and recognised by core's {@link PortLists} (World
 * Port Index CSV plain or gzip, GeoJSON points and polygons, polygon shapefiles in a zip file), the
 * same reader the Flink job's {@code ports.files} uses; this class holds the options, the reading of
 * a directory of port files, and the command-line messages.
 */
final class PortFiles {
    private PortFiles() {
    }

    /** The {@code --ports} and {@code --no-shipped-ports} options of analyze and serve (a picocli mixin). */
    static final class Options {
        @picocli.CommandLine.Option(names = "--ports", paramLabel = "FILE|DIR",
                description = "More ports and anchorages for encounter and port_visit (repeatable): an NGA World Port"
                        + " Index CSV (UpdatedPub150.csv, plain or .gz), GeoJSON points and polygons, or polygon"
                        + " shapefiles in a zip file; or a directory: every such file in it, in name order (not its"
                        + " subdirectories). They are added to the shipped UN/LOCODE list (1 634 ports).")
        List<Path> files;

        @picocli.CommandLine.Option(names = "--no-shipped-ports", description = "Use only the --ports files, not the shipped port list.")
        boolean noShipped;

        /** {@link PortFiles#index} of these options. */
        PortIndex index(PrintWriter err, boolean quiet) throws IOException, UnrecognisedException {
            return PortFiles.index(files, !noShipped, err, quiet);
        }
    }

    /**
     * A file in no known format, a directory without port files, or no ports at all: a mistake in the
     * options (the caller reports a usage error, exit 2).
     */
    static final class UnrecognisedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnrecognisedException(String message) {
            super(message);
        }
    }

    /**
     * The port index for the detectors, or null for the shipped list alone (no files, shipped list kept).
     * Each FILE given says "ports: FILE: N ports" on {@code err}, each directory one line for all its
     * files ("ports: DIR: N ports from K files"); with {@code quiet} these lines are left out, and only
     * the World Port Index rows rejected for bad coordinates and the files without any port
     * ("ports: FILE: warning: no ports in it (...)", in place of its count) are reported.
     *
     * @param files port files and directories of port files, in the order given
     * @param shipped whether to include the shipped {@code sea-ports} list
     * @param err where the lines go
     * @throws UnrecognisedException for a file in no known format, a directory holding no port file,
     *         or no ports at all
     * @throws IOException when a file or directory is missing or cannot be read, or a file is malformed
     *         (as for a missing input: an I/O error, exit 1)
     */
    static PortIndex index(List<Path> files, boolean shipped, PrintWriter err, boolean quiet)
            throws IOException, UnrecognisedException {
        if ((files == null || files.isEmpty()) && !shipped) {
            throw new UnrecognisedException("--no-shipped-ports needs at least one --ports FILE");
        }
        if (files == null || files.isEmpty()) {
            return null;
        }
        java.util.function.Consumer<String> warnings = note -> err.println(note.startsWith("  ") ? note : "ports: " + note);
        List<Port> all = new ArrayList<>();
        try {
            for (Path given : files) {
                // as for a missing input: an I/O error (exit 1), not a usage error
                if (!Files.exists(given)) {
                    throw new IOException(given + ": no such file or directory");
                }
                if (!Files.isReadable(given)) {
                    throw new IOException(given + ": permission denied");
                }
                boolean dir = Files.isDirectory(given);
                if (!dir) {
                    List<Port> got = read(given, warnings);
                    if (!quiet && !got.isEmpty()) { // an empty file has had its warning
                        err.println("ports: " + given + ": " + count(got.size(), "port"));
                    }
                    all.addAll(got);
                    continue;
                }
                long[] skipped = {0, 0}; // other files, subfolders
                List<Path> inDir = PortLists.filesIn(given, skipped);
                if (inDir.isEmpty()) {
                    throw new PortLists.UnrecognisedException(given + " is a directory without port files (World Port"
                            + " Index CSV, GeoJSON or shapefile .zip" + (skipped[0] > 0 ? "; " + skipped[0] + " other file"
                            + (skipped[0] == 1 ? "" : "s") : "") + "; subdirectories are not read)");
                }
                long ports = 0;
                for (Path f : inDir) {
                    List<Port> got = read(f, warnings);
                    ports += got.size();
                    all.addAll(got);
                }
                if (!quiet) {
                    List<String> left = new ArrayList<>();
                    if (skipped[0] > 0) {
                        left.add(count(skipped[0], "other file") + " left out");
                    }
                    if (skipped[1] > 0) {
                        left.add(count(skipped[1], "subfolder") + " not read");
                    }
                    err.println("ports: " + given + ": " + count(ports, "port") + " from " + count(inDir.size(), "file")
                            + (left.isEmpty() ? "" : " (" + String.join(", ", left) + ")"));
                }
            }
            return PortLists.of(all, shipped);
        } catch (PortLists.UnrecognisedException e) {
            throw new UnrecognisedException("--ports: " + e.getMessage());
        } finally {
            err.flush();
        }
    }

    /** One port file, a malformed one named in the error with its reason ({@link FileErrors#reason}). */
    private static List<Port> read(Path file, java.util.function.Consumer<String> warnings)
            throws IOException, PortLists.UnrecognisedException {
        try {
            return PortLists.read(file, warnings);
        } catch (IOException e) {
            String why = FileErrors.reason(e);
            throw new IOException(why != null && why.startsWith(file.toString()) ? why : file + ": " + why, e);
        }
    }

    /** "1 port", "2 ports". */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
