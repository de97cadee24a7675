package org.watchkeeper.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.ref.port.PortLists;

/**
 * User port lists for {@code --ports FILE} (analyze, serve): the port index the encounter and
 * port-visit detectors use. The files are read and recognised by core's {@link PortLists} (World
 * Port Index CSV plain or gzip, GeoJSON points and polygons, polygon shapefiles in a zip file), the
 * same reader the Flink job's {@code ports.files} uses; this class holds the options and the
 * command-line messages.
 */
final class PortFiles {
    private PortFiles() {
    }

    /** The {@code --ports} and {@code --no-shipped-ports} options of analyze and serve (a picocli mixin). */
    static final class Options {
        @picocli.CommandLine.Option(names = "--ports", paramLabel = "FILE",
                description = "More ports and anchorages for encounter and port_visit (repeatable): an NGA World Port"
                        + " Index CSV (UpdatedPub150.csv, plain or .gz), GeoJSON points and polygons, or polygon"
                        + " shapefiles in a zip file. They are added to the shipped UN/LOCODE list (1 634 ports).")
        List<Path> files;

        @picocli.CommandLine.Option(names = "--no-shipped-ports", description = "Use only the --ports files, not the shipped port list.")
        boolean noShipped;

        /** {@link PortFiles#index} of these options. */
        PortIndex index(PrintWriter err) throws IOException, UnrecognisedException {
            return PortFiles.index(files, !noShipped, err);
        }
    }

    /** A file that is none of the formats (the caller reports a usage error, exit 2). */
    static final class UnrecognisedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnrecognisedException(String message) {
            super(message);
        }
    }

    /**
     * The port index for the detectors, or null for the shipped list alone (no files, shipped list kept).
     *
     * @param files port files in the order given
     * @param shipped whether to include the shipped {@code sea-ports} list
     * @param err where a line per file ("ports: FILE: N ports", rejected rows) goes
     * @throws UnrecognisedException for a missing file or one in no known format, or no ports at all
     * @throws IOException when a file cannot be read or is malformed
     */
    static PortIndex index(List<Path> files, boolean shipped, PrintWriter err) throws IOException, UnrecognisedException {
        if ((files == null || files.isEmpty()) && !shipped) {
            throw new UnrecognisedException("--no-shipped-ports needs at least one --ports FILE");
        }
        try {
            return PortLists.index(files, shipped, note -> err.println(note.startsWith("  ") ? note : "ports: " + note));
        } catch (PortLists.UnrecognisedException e) {
            throw new UnrecognisedException("--ports: " + e.getMessage());
        } finally {
            err.flush();
        }
    }
}
