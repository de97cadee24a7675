package org.watchkeeper.core.ref.port;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A minimal reader of polygon ESRI shapefiles: the main file ({@code .shp}) and the attribute table
 * ({@code .dbf}), loose or inside a zip file. Written against the "ESRI Shapefile Technical
 * Description" (ESRI white paper, July 1998):
 *
 * <ul>
 * <li>Main file header (100 bytes): file code 9994 (big endian, byte 0), file length in 16-bit words
 *     (big endian, byte 24), version 1000 (little endian, byte 28), shape type (little endian, byte 32),
 *     bounding box (bytes 36-99).</li>
 * <li>Each record: record number and content length in 16-bit words (both big endian, 8 bytes), then
 *     the content: shape type (little endian int); for Polygon (5), PolygonZ (15) and PolygonM (25):
 *     box (4 doubles), NumParts, NumPoints, Parts[NumParts] (index of each ring's first point),
 *     Points[NumPoints] (x, y doubles, little endian). Z and M values after the points are ignored.
 *     Null shapes (type 0) give no geometry.</li>
 * <li>Rings: "the vertices of a polygon's outer ring are in clockwise order, holes counter-clockwise";
 *     a hole belongs to the outer ring that contains it.</li>
 * <li>The attribute table is dBASE III: record count (little endian int, byte 4), header length
 *     (little endian short, byte 8), record length (byte 10), 32-byte field descriptors from byte 32 up
 *     to the 0x0D terminator (name: 11 bytes NUL-padded, type at byte 11, length at byte 16); each
 *     record starts with a deletion flag byte ({@code '*'} = deleted) and holds the fields as
 *     space-padded text, decoded with the {@code .cpg} code page when present, else ISO-8859-1.</li>
 * </ul>
 *
 * Coordinates are taken as they are: the caller must supply geographic WGS 84 (or a datum within a
 * metre of it, such as GDA94) longitude/latitude; a {@code .prj} naming a projected system
 * ({@code PROJCS}) is rejected. Every malformed input gives an {@link IOException}.
 */
public final class ShapefileReader {
    private static final int FILE_CODE = 9994;
    private static final GeometryFactory GF = new GeometryFactory();

    /** One shape with its attributes (field name → trimmed text; empty text is absent). */
    public record Feature(Geometry geometry, Map<String, String> attributes) {
    }

    private ShapefileReader() {
    }

    /**
     * Reads every shapefile in a zip file (entries ending {@code .shp} with a {@code .dbf} of the
     * same base name; {@code .prj} and {@code .cpg} are used when present).
     *
     * @throws IOException when the zip cannot be read, holds no shapefile, or a file is malformed
     */
    public static List<Feature> readZip(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    files.put(e.getName().toLowerCase(Locale.ROOT), readAll(z));
                }
            }
        }
        List<Feature> out = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().endsWith(".shp")) {
                any = true;
                String base = f.getKey().substring(0, f.getKey().length() - 4);
                out.addAll(read(f.getValue(), files.get(base + ".dbf"), files.get(base + ".prj"), files.get(base + ".cpg")));
            }
        }
        if (!any) {
            throw new IOException("no .shp file in " + zip);
        }
        return out;
    }

    /**
     * Reads one shapefile from its parts.
     *
     * @param shp the main file, required
     * @param dbf the attribute table, or null (features then have no attributes)
     * @param prj the projection file, or null (assumed geographic)
     * @param cpg the code page file, or null
     * @throws IOException when a part is malformed, the shape type is not a polygon type, or the
     *         projection is projected rather than geographic
     */
    public static List<Feature> read(byte[] shp, byte[] dbf, byte[] prj, byte[] cpg) throws IOException {
        if (prj != null) {
            String p = new String(prj, StandardCharsets.ISO_8859_1).trim();
            if (p.startsWith("PROJCS")) {
                throw new IOException("projected coordinate system not supported (need geographic lon/lat): " + p);
            }
        }
        List<Geometry> shapes = readShapes(shp);
        List<Map<String, String>> rows = dbf == null ? null : readDbf(dbf, charset(cpg));
        if (rows != null && rows.size() != shapes.size()) {
            throw new IOException(".dbf has " + rows.size() + " records but .shp has " + shapes.size());
        }
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i) != null) {
                out.add(new Feature(shapes.get(i), rows == null ? Map.of() : rows.get(i)));
            }
        }
        return out;
    }

    private static Charset charset(byte[] cpg) {
        if (cpg == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String name = new String(cpg, StandardCharsets.US_ASCII).trim();
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    static List<Geometry> readShapes(byte[] shp) throws IOException {
        if (shp.length < 100) {
            throw new IOException(".shp shorter than its 100-byte header: " + shp.length);
        }
        ByteBuffer big = ByteBuffer.wrap(shp).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(shp).order(ByteOrder.LITTLE_ENDIAN);
        if (big.getInt(0) != FILE_CODE) {
            throw new IOException("not a shapefile: file code " + big.getInt(0));
        }
        long declared = big.getInt(24) * 2L;
        if (declared > shp.length || declared < 100) {
            throw new IOException(".shp header declares " + declared + " bytes, the file has " + shp.length + " (truncated?)");
        }
        int end = (int) declared;
        int fileType = le.getInt(32);
        if (fileType != 0 && fileType != 5 && fileType != 15 && fileType != 25) {
            throw new IOException("shape type " + fileType + " is not a polygon type (5, 15, 25)");
        }
        List<Geometry> out = new ArrayList<>();
        int pos = 100;
        while (pos + 8 <= end) {
            int contentBytes = big.getInt(pos + 4) * 2;
            int c = pos + 8;
            if (contentBytes < 4 || c + contentBytes > shp.length) {
                throw new IOException("record at byte " + pos + " runs past the end of the file");
            }
            int type = le.getInt(c);
            if (type == 0) {
                out.add(null);
            } else if (type == 5 || type == 15 || type == 25) {
                out.add(polygon(le, c, contentBytes));
            } else {
                throw new IOException("record at byte " + pos + " has shape type " + type + ", not a polygon");
            }
            pos = c + contentBytes;
        }
        return out;
    }

    private static Geometry polygon(ByteBuffer le, int c, int len) throws IOException {
        if (len < 44) {
            throw new IOException("polygon record too short: " + len + " bytes");
        }
        int numParts = le.getInt(c + 36);
        int numPoints = le.getInt(c + 40);
        long need = 44L + 4L * numParts + 16L * numPoints;
        if (numParts < 1 || numPoints < 0 || need > len) {
            throw new IOException("polygon record with " + numParts + " parts and " + numPoints + " points does not fit in " + len + " bytes");
        }
        int[] parts = new int[numParts + 1];
        for (int i = 0; i < numParts; i++) {
            parts[i] = le.getInt(c + 44 + 4 * i);
        }
        parts[numParts] = numPoints;
        int pts = c + 44 + 4 * numParts;
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (int p = 0; p < numParts; p++) {
            int from = parts[p];
            int to = parts[p + 1];
            if (from < 0 || to > numPoints || to - from < 4) {
                if (to - from >= 0 && to - from < 4 && from >= 0 && to <= numPoints) {
                    continue; // degenerate ring: no area
                }
                throw new IOException("bad part index " + from + ".." + to + " of " + numPoints + " points");
            }
            Coordinate[] ring = new Coordinate[to - from];
            for (int i = from; i < to; i++) {
                int o = pts + 16 * i;
                ring[i - from] = new Coordinate(le.getDouble(o), le.getDouble(o + 8));
            }
            if (!ring[0].equals2D(ring[ring.length - 1])) {
                Coordinate[] closed = java.util.Arrays.copyOf(ring, ring.length + 1);
                closed[ring.length] = ring[0];
                ring = closed;
            }
            LinearRing r = GF.createLinearRing(ring);
            // Clockwise = outer ring; counter-clockwise = hole (ESRI technical description, p. 8).
            if (Orientation.isCCW(ring)) {
                holes.add(r);
            } else {
                shells.add(r);
            }
        }
        if (shells.isEmpty()) {
            throw new IOException("polygon record without an outer (clockwise) ring");
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        List<Polygon> shellPolys = new ArrayList<>();
        for (LinearRing s : shells) {
            holesOf.add(new ArrayList<>());
            shellPolys.add(GF.createPolygon(s));
        }
        for (LinearRing h : holes) {
            for (int i = 0; i < shells.size(); i++) {
                if (shellPolys.get(i).contains(GF.createPoint(h.getCoordinateN(0))) || shells.size() == 1) {
                    holesOf.get(i).add(h);
                    break;
                }
            }
        }
        Polygon[] polys = new Polygon[shells.size()];
        for (int i = 0; i < shells.size(); i++) {
            polys[i] = GF.createPolygon(shells.get(i), holesOf.get(i).toArray(new LinearRing[0]));
        }
        return polys.length == 1 ? polys[0] : GF.createMultiPolygon(polys);
    }

    static List<Map<String, String>> readDbf(byte[] dbf, Charset cs) throws IOException {
        if (dbf.length < 33) {
            throw new IOException(".dbf shorter than its header: " + dbf.length);
        }
        ByteBuffer le = ByteBuffer.wrap(dbf).order(ByteOrder.LITTLE_ENDIAN);
        int records = le.getInt(4);
        int headerLen = le.getShort(8) & 0xffff;
        int recordLen = le.getShort(10) & 0xffff;
        List<String> names = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int d = 32; d + 32 <= headerLen && d < dbf.length && dbf[d] != 0x0D; d += 32) {
            int n = 0;
            while (n < 11 && dbf[d + n] != 0) {
                n++;
            }
            names.add(new String(dbf, d, n, StandardCharsets.ISO_8859_1).trim());
            lengths.add(dbf[d + 16] & 0xff);
        }
        if (records < 0 || (long) headerLen + (long) records * recordLen > dbf.length) {
            throw new IOException(".dbf declares " + records + " records of " + recordLen + " bytes, more than the file holds");
        }
        List<Map<String, String>> rows = new ArrayList<>(records);
        for (int r = 0; r < records; r++) {
            int o = headerLen + r * recordLen;
            Map<String, String> row = new LinkedHashMap<>();
            int f = o + 1; // deletion flag
            for (int i = 0; i < names.size(); i++) {
                int l = lengths.get(i);
                if (f + l > o + recordLen) {
                    throw new IOException(".dbf field " + names.get(i) + " runs past its record");
                }
                String v = new String(dbf, f, l, cs).trim();
                if (!v.isEmpty()) {
                    row.put(names.get(i), v);
                }
                f += l;
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
