package org.watchkeeper.core.ref.port;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the NGA World Port Index (Pub. 150) in its CSV form ({@code UpdatedPub150.csv}, plain or
 * gzip-compressed) into point {@link Port}s.
 *
 * <p>Format: one header row whose first column is {@value #FIRST_HEADER}; the columns used are
 * {@code World Port Index Number} (the id becomes {@code "wpi:<number>"}), {@code Main Port Name},
 * {@code UN/LOCODE} (written with a space between country and location, e.g. {@code "DK HVS"}; stored
 * without it, null when blank or not 5 characters), {@code Country Code} (the country name, despite
 * the column title) and {@code Latitude}/{@code Longitude} in decimal degrees WGS 84. Other columns are
 * ignored. Source: National Geospatial-Intelligence Agency, World Port Index, Pub. 150; a work of the
 * US government, public domain.
 *
 * <p>Bad rows (missing, unparsable or out-of-range coordinates, no number or name) are skipped and
 * counted in {@link Result#rejected()}; the first few reasons are kept for a message.
 */
public final class WorldPortIndex {
    /** The first column title of the header row, which identifies the format. */
    public static final String FIRST_HEADER = "World Port Index Number";
    /** Rejection reasons kept in a {@link Result} at most. */
    public static final int MAX_REASONS = 10;

    private WorldPortIndex() {
    }

    /**
     * Ports read and rows rejected.
     *
     * @param ports the ports, in file order
     * @param rows data rows read (header excluded)
     * @param rejected rows skipped as bad
     * @param reasons the first {@value #MAX_REASONS} reasons at most, e.g. {@code "row 12: latitude 'x'"}
     */
    public record Result(List<Port> ports, int rows, int rejected, List<String> reasons) {
    }

    /**
     * Whether a file looks like a World Port Index CSV: its first line (after gunzipping when it
     * starts with the gzip magic number) begins with {@value #FIRST_HEADER}, optionally after a BOM.
     *
     * @throws IOException when the file cannot be read
     */
    public static boolean looksLike(Path file) throws IOException {
        try (InputStream in = open(file)) {
            byte[] head = in.readNBytes(64);
            String s = new String(head, StandardCharsets.UTF_8);
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            return s.startsWith(FIRST_HEADER);
        } catch (java.util.zip.ZipException e) {
            return false;
        }
    }

    /**
     * Reads a file, gunzipping it when it starts with the gzip magic number (RFC 1952).
     *
     * @throws IOException when the file cannot be read, is not valid gzip, or lacks the header/columns
     */
    public static Result read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /**
     * Reads the CSV from an uncompressed UTF-8 stream.
     *
     * @param name for messages
     * @throws IOException when the header is missing or lacks a needed column, or on a CSV syntax error
     */
    public static Result read(InputStream in, String name) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVFormat fmt = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true).get();
        List<Port> ports = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int rows = 0;
        int rejected = 0;
        try (CSVParser p = CSVParser.parse(r, fmt)) {
            Map<String, Integer> h = p.getHeaderMap();
            String first = p.getHeaderNames().isEmpty() ? "" : p.getHeaderNames().get(0).replace("\uFEFF", "");
            if (!first.equals(FIRST_HEADER)) {
                throw new IOException(name + ": not a World Port Index CSV (first column '" + first
                        + "', expected '" + FIRST_HEADER + "')");
            }
            for (String c : List.of("Main Port Name", "UN/LOCODE", "Country Code", "Latitude", "Longitude")) {
                if (!h.containsKey(c)) {
                    throw new IOException(name + ": World Port Index CSV lacks column '" + c + "'");
                }
            }
            int iNum = 0;
            int iName = h.get("Main Port Name");
            int iLoc = h.get("UN/LOCODE");
            int iCountry = h.get("Country Code");
            int iLat = h.get("Latitude");
            int iLon = h.get("Longitude");
            try {
                for (CSVRecord rec : p) {
                    rows++;
                    String why = null;
                    String num = get(rec, iNum);
                    String portName = get(rec, iName);
                    double lat = parse(get(rec, iLat));
                    double lon = parse(get(rec, iLon));
                    if (num == null) {
                        why = "no World Port Index Number";
                    } else if (portName == null) {
                        why = "no Main Port Name";
                    } else if (!(lat >= -90 && lat <= 90)) {
                        why = "latitude '" + get(rec, iLat) + "'";
                    } else if (!(lon >= -180 && lon <= 180)) {
                        why = "longitude '" + get(rec, iLon) + "'";
                    }
                    if (why != null) {
                        rejected++;
                        if (reasons.size() < MAX_REASONS) {
                            reasons.add("line " + (rec.getRecordNumber() + 1) + ": " + why);
                        }
                        continue;
                    }
                    String loc = get(rec, iLoc);
                    if (loc != null) {
                        loc = loc.replace(" ", "").toUpperCase(Locale.ROOT);
                        if (loc.length() != 5) {
                            loc = null;
                        }
                    }
                    ports.add(new Port("wpi:" + num, portName, loc, get(rec, iCountry), lat, lon, null, name));
                }
            } catch (java.io.UncheckedIOException e) {
                throw new IOException(name + ": " + e.getCause().getMessage(), e.getCause());
            } catch (IllegalStateException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
        }
        return new Result(List.copyOf(ports), rows, rejected, List.copyOf(reasons));
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static String get(CSVRecord rec, int i) {
        if (i >= rec.size()) {
            return null;
        }
        String v = rec.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static double parse(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
