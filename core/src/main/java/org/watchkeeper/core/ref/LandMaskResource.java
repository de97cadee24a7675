package org.watchkeeper.core.ref;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The shipped land mask's polygons in a binary form written at build time from the TopoJSON
 * ({@link LandMask#RESOURCE}), so that loading them reads numbers instead of parsing 3 MB of JSON
 * and joining arcs: the polygons as {@link TopoJson} makes them (cut at ±180°), coordinate for
 * coordinate the same doubles.
 *
 * <p>Layout, big-endian: int magic {@code 0x574B4C4D} ("WKLM"), int version 1, double southern
 * limit (the topology's bbox), int polygons; per polygon int rings (the shell first, then its
 * holes); per ring int positions, then that many (double longitude, double latitude).
 */
public final class LandMaskResource {
    /** Resource path of the binary form, beside {@link LandMask#RESOURCE}. */
    public static final String RESOURCE = "world-atlas/land-10m.bin";
    private static final int MAGIC = 0x574B4C4D;
    private static final int VERSION = 1;

    private LandMaskResource() {
    }

    /**
     * Build step: writes {@code RESOURCE} into a classes directory from the TopoJSON in it.
     *
     * @param args the classes directory (e.g. {@code core/target/classes})
     * @throws IOException when the TopoJSON cannot be read or the file written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LandMaskResource CLASSES_DIR");
        }
        Path base = Path.of(args[0], "org", "watchkeeper", "core", "ref");
        TopoJson topology;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(base.resolve(LandMask.RESOURCE)))) {
            topology = TopoJson.read(in);
        }
        List<Polygon> polygons = topology.polygons(topology.document(), "land", new GeometryFactory());
        double south = LandMask.southLimit(topology.document());
        Path out = base.resolve(RESOURCE);
        Path part = out.resolveSibling(out.getFileName() + ".part");
        try (OutputStream o = Files.newOutputStream(part)) {
            write(polygons, south, o);
        }
        Files.move(part, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes polygons and the southern limit in the layout above. */
    static void write(List<Polygon> polygons, double south, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeDouble(south);
        d.writeInt(polygons.size());
        for (Polygon p : polygons) {
            d.writeInt(1 + p.getNumInteriorRing());
            ring(d, p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(d, p.getInteriorRingN(i).getCoordinates());
            }
        }
        d.flush();
    }

    private static void ring(DataOutputStream d, Coordinate[] c) throws IOException {
        d.writeInt(c.length);
        for (Coordinate x : c) {
            d.writeDouble(x.x);
            d.writeDouble(x.y);
        }
    }

    /**
     * Reads a mask written by {@link #write}.
     *
     * @throws IOException on a read error, or when the stream is not this layout (wrong magic or
     *     version, truncated)
     */
    static LandMask read(InputStream in) throws IOException {
        Polygons p = readPolygons(in);
        return new LandMask(p.polygons(), p.south());
    }

    /** Polygons and the southern limit, as {@link #write} was given them. */
    record Polygons(List<Polygon> polygons, double south) {
    }

    /** What {@link #read} reads, before it builds the mask. */
    static Polygons readPolygons(InputStream in) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()); // big-endian, as DataOutputStream writes
        try {
            if (b.getInt() != MAGIC || b.getInt() != VERSION) {
                throw new IOException("not a Watchkeeper land mask of version " + VERSION);
            }
            double south = b.getDouble();
            int n = b.getInt();
            GeometryFactory gf = new GeometryFactory();
            List<Polygon> polygons = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int rings = b.getInt();
                LinearRing shell = gf.createLinearRing(ring(b));
                LinearRing[] holes = new LinearRing[rings - 1];
                for (int k = 0; k < holes.length; k++) {
                    holes[k] = gf.createLinearRing(ring(b));
                }
                polygons.add(gf.createPolygon(shell, holes));
            }
            if (b.hasRemaining()) {
                throw new IOException("land mask: " + b.remaining() + " bytes after the last polygon");
            }
            return new Polygons(polygons, south);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IOException("land mask: truncated", e);
        }
    }

    private static Coordinate[] ring(ByteBuffer b) {
        Coordinate[] c = new Coordinate[b.getInt()];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(b.getDouble(), b.getDouble());
        }
        return c;
    }
}
