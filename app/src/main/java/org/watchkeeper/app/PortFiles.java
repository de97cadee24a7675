package org.watchkeeper.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.watchkeeper.core.ref.port.Port;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.ref.port.WorldPortIndex;

/**
 * User port lists for {@code --ports FILE} (analyze, serve): the port index the encounter and
 * port-visit detectors use.
 *
 * <p>A file is recognised by name and content: a name ending in {@code .zip} is read as ESRI polygon
 * shapefiles ({@link PortIndex#fromShapefileZip}); a file (plain or gzip) whose first line starts with
 * {@value WorldPortIndex#FIRST_HEADER} as the NGA World Port Index CSV ({@link WorldPortIndex}); a
 * file whose first non-blank character is <code>{</code> as GeoJSON points and polygons
 * ({@link PortIndex#fromGeoJson}). The ports are added to the shipped list unless the shipped list is
 * left out.
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
     * @param err where a line per file ("N ports", rejected rows) goes
     * @throws UnrecognisedException for a missing file or one in no known format, or no ports at all
     * @throws IOException when a file cannot be read or is malformed
     */
    static PortIndex index(List<Path> files, boolean shipped, PrintWriter err) throws IOException, UnrecognisedException {
        if (files == null || files.isEmpty()) {
            if (!shipped) {
                throw new UnrecognisedException("--no-shipped-ports needs at least one --ports FILE");
            }
            return null;
        }
        List<Port> all = new ArrayList<>();
        for (Path f : files) {
            List<Port> got = load(f, err);
            err.printf("ports: %s: %d ports%n", f, got.size());
            all.addAll(got);
        }
        err.flush();
        if (all.isEmpty() && !shipped) {
            throw new UnrecognisedException("--ports: the files hold no ports and --no-shipped-ports leaves none");
        }
        try {
            return shipped ? PortIndex.seaPorts().with(all) : new PortIndex(all);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The ports of one file (see the class description). */
    static List<Port> load(Path f, PrintWriter err) throws IOException, UnrecognisedException {
        if (!Files.isRegularFile(f)) {
            throw new UnrecognisedException("--ports: no such file: " + f);
        }
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return PortIndex.fromShapefileZip(f);
        }
        if (WorldPortIndex.looksLike(f)) {
            WorldPortIndex.Result r = WorldPortIndex.read(f);
            if (r.rejected() > 0) {
                err.printf("ports: %s: %d of %d rows rejected%n", f, r.rejected(), r.rows());
                for (String why : r.reasons()) {
                    err.println("  " + why);
                }
            }
            return r.ports();
        }
        if (firstNonBlank(f) == '{') {
            try (InputStream in = Files.newInputStream(f)) {
                return PortIndex.fromGeoJson(in, f.getFileName().toString());
            }
        }
        throw new UnrecognisedException("--ports: " + f + " is neither a World Port Index CSV (header starting '"
                + WorldPortIndex.FIRST_HEADER + "'), GeoJSON nor a shapefile .zip");
    }

    private static int firstNonBlank(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(4096);
            for (byte x : b) {
                if (!Character.isWhitespace(x) && (x & 0xff) != 0xEF && (x & 0xff) != 0xBB && (x & 0xff) != 0xBF) {
                    return x;
                }
            }
            return -1;
        }
    }
}
