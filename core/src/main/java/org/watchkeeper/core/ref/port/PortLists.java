package org.watchkeeper.core.ref.port;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * User port lists: files of ports and anchorages, recognised by name and content, made into the
 * {@link PortIndex} the encounter and port-visit detectors use. Every host (analyze, serve, the
 * Flink job) reads them here, so the same files give the same index.
 *
 * <p>Formats, tried in this order:
 * <ol>
 * <li>a name ending in {@code .zip} (any case): ESRI polygon shapefiles ({@link PortIndex#fromShapefileZip});
 * <li>a file, plain or gzip, whose first line starts with {@value WorldPortIndex#FIRST_HEADER}: the
 *     NGA World Port Index CSV, Pub. 150 ({@link WorldPortIndex});
 * <li>a file whose first non-blank character (after a UTF-8 byte order mark) is <code>{</code>:
 *     GeoJSON (RFC 7946) points and polygons ({@link PortIndex#fromGeoJson}).
 * </ol>
 * The files' ports follow the shipped UN/LOCODE list ({@link PortIndex#seaPorts()}) unless it is
 * left out; ties in distance go to the port given first, so a shipped port wins over a user port at
 * the same place.
 */
public final class PortLists {
    private PortLists() {
    }

    /**
     * A file that is missing or in none of the formats, or a set of files that leaves no port at all:
     * a mistake in the caller's settings rather than in a file's content.
     */
    public static final class UnrecognisedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong, naming the file */
        public UnrecognisedException(String message) {
            super(message);
        }
    }

    /**
     * The port index of the files, or null for the shipped list alone (no files, shipped list kept):
     * the detectors' own default ({@link PortIndex#seaPorts()}).
     *
     * @param files port files in the order given; null is no files
     * @param shipped whether the shipped list comes first
     * @param notes receives a line per file ({@code "<file>: <n> ports"}, {@code "<file>: 1 port"}; a
     *        file without ports first gets the warning of {@link #read}) and, for a World Port Index
     *        file with rejected rows, {@code "<file>: <k> of <n> rows rejected"} followed by up to
     *        {@value WorldPortIndex#MAX_REASONS} reasons indented by two spaces
     * @throws UnrecognisedException for a missing file, one in no known format, no files with the
     *         shipped list left out, or files that hold no ports with the shipped list left out
     * @throws IOException when a file cannot be read or is malformed (e.g. a coordinate out of range,
     *         an area across the 180° meridian)
     */
    public static PortIndex index(List<Path> files, boolean shipped, Consumer<String> notes)
            throws IOException, UnrecognisedException {
        if (files == null || files.isEmpty()) {
            if (!shipped) {
                throw new UnrecognisedException("no port files and the shipped port list left out: no ports at all");
            }
            return null;
        }
        List<Port> all = new ArrayList<>();
        for (Path f : files) {
            List<Port> got = read(f, notes);
            notes.accept(f + ": " + got.size() + (got.size() == 1 ? " port" : " ports"));
            all.addAll(got);
        }
        return of(all, shipped);
    }

    /**
     * The port index of ports already read (by {@link #read}), after the shipped list unless it is
     * left out, as {@link #index} builds it.
     *
     * @throws UnrecognisedException when there is no port at all (none given, shipped list left out)
     * @throws IOException when the ports cannot make an index (e.g. an area across the 180° meridian)
     */
    public static PortIndex of(List<Port> all, boolean shipped) throws IOException, UnrecognisedException {
        if (all.isEmpty() && !shipped) {
            throw new UnrecognisedException("the port files hold no ports and the shipped port list is left out");
        }
        try {
            List<Port> resolved = withPortsOfAnchorages(all, shipped);
            return shipped ? PortIndex.seaPorts().with(resolved) : new PortIndex(resolved);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The ports with each anchorage that belongs to a port of the list (its {@link Port#id()} is that
     * port's, see {@link PortIndex#fromGeoJson}) given that port's name, UN/LOCODE and country, so that
     * its visits read as the port's own; the first port of that id counts, the shipped list's first
     * when it is kept. Anchorages of a port not in the list keep what their file says.
     */
    static List<Port> withPortsOfAnchorages(List<Port> all, boolean shipped) {
        java.util.Map<String, Port> byId = new java.util.HashMap<>();
        if (shipped && all.stream().anyMatch(Port::isAnchorage)) {
            for (Port p : PortIndex.seaPorts().ports()) {
                byId.putIfAbsent(p.id(), p);
            }
        }
        for (Port p : all) {
            if (!p.isAnchorage()) {
                byId.putIfAbsent(p.id(), p);
            }
        }
        List<Port> out = new ArrayList<>(all.size());
        for (Port p : all) {
            Port port = p.isAnchorage() ? byId.get(p.id()) : null;
            out.add(port == null ? p : new Port(p.id(), port.name(), port.unlocode(), port.country(), p.latitude(),
                    p.longitude(), null, p.source(), p.anchorage()));
        }
        return out;
    }

    /**
     * The ports of one file (see the class description for the formats). A file that holds no port
     * (e.g. an anchorages file of a history where none was found, or a GeoJSON FeatureCollection
     * without Point or Polygon features) is read, and {@code notes} receives
     * {@code "<file>: warning: no ports in it"} and the reason.
     *
     * @param notes receives the rejected rows of a World Port Index file, as {@link #index} describes,
     *        and the warning for a file without ports
     * @throws UnrecognisedException when the file does not exist or is in none of the formats
     * @throws IOException when it cannot be read or is malformed
     */
    public static List<Port> read(Path f, Consumer<String> notes) throws IOException, UnrecognisedException {
        List<Port> got = readFile(f, notes);
        if (got.isEmpty()) {
            notes.accept(f + ": warning: no ports in it (" + (zipName(f) ? "no polygon in its shapefiles"
                    : WorldPortIndex.looksLike(f) ? "no row with a position" : "no Point, Polygon or MultiPolygon feature")
                    + "): it adds nothing to the port list");
        }
        return got;
    }

    private static List<Port> readFile(Path f, Consumer<String> notes) throws IOException, UnrecognisedException {
        if (!Files.isRegularFile(f)) {
            throw new UnrecognisedException("no such file: " + f);
        }
        Path name = f.getFileName();
        if (zipName(f)) {
            return PortIndex.fromShapefileZip(f);
        }
        if (WorldPortIndex.looksLike(f)) {
            WorldPortIndex.Result r = WorldPortIndex.read(f);
            if (r.rejected() > 0) {
                notes.accept(f + ": " + r.rejected() + " of " + r.rows() + " rows rejected");
                for (String why : r.reasons()) {
                    notes.accept("  " + why);
                }
            }
            return r.ports();
        }
        if (firstNonBlank(f) == '{') {
            try (InputStream in = Files.newInputStream(f)) {
                return PortIndex.fromGeoJson(in, name == null ? f.toString() : name.toString());
            }
        }
        throw new UnrecognisedException(f + " is neither a World Port Index CSV (header starting '"
                + WorldPortIndex.FIRST_HEADER + "'), GeoJSON nor a shapefile .zip");
    }

    /**
     * Whether {@link #read} takes {@code f} for one of the formats: a regular file named {@code .zip},
     * or one whose start is a World Port Index CSV's header or GeoJSON's <code>{</code>. Whether its
     * content is then well-formed is for {@link #read} to find.
     *
     * @throws IOException when the file cannot be read
     */
    public static boolean recognised(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return false;
        }
        return zipName(f) || WorldPortIndex.looksLike(f) || firstNonBlank(f) == '{';
    }

    /**
     * The port files in a directory, as a directory given for port files is read: its regular files
     * that {@link #recognised} takes, in name order; hidden files (names starting with '.') and
     * subdirectories are left out, and when {@code skipped} is given (two counters) the other files
     * are counted in {@code skipped[0]} and the subdirectories (not hidden) in {@code skipped[1]}.
     *
     * @throws IOException when the directory or a file in it cannot be read
     */
    public static List<Path> filesIn(Path dir, long[] skipped) throws IOException {
        List<Path> names;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            names = s.sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        List<Path> out = new ArrayList<>();
        for (Path p : names) {
            if (p.getFileName().toString().startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                if (skipped != null) {
                    skipped[1]++;
                }
                continue;
            }
            if (recognised(p)) {
                out.add(p);
            } else if (skipped != null) {
                skipped[0]++;
            }
        }
        return out;
    }

    private static boolean zipName(Path f) {
        Path name = f.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The first byte that is neither white space nor part of a UTF-8 byte order mark, in the first 4 KiB; -1 if none. */
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
