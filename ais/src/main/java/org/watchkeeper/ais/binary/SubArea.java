package org.watchkeeper.ais.binary;

import java.util.ArrayList;
import java.util.List;
import org.watchkeeper.ais.BitReader;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.Units;

/**
 * One 87-bit sub-area of an {@link AreaNotice} (IMO SN.1/Circ.289 Annex, "Area notice", sub-area
 * table): a 3-bit area shape followed by 84 bits whose layout depends on the shape.
 *
 * <p>Shapes: 0 circle or point, 1 rectangle, 2 sector, 3 polyline, 4 polygon, 5 associated text
 * (6, 7 reserved: not decoded). Distances are given in units of the sub-area's scale factor
 * (code 0..3: 1, 10, 100, 1000 m) and held here in metres. Positions are in 1/1000 min
 * (longitude 25 bits, latitude 24 bits, signed) and held in degrees, {@code NaN} for 181°/91°.
 * A polyline or polygon continues from the point of the preceding sub-area.
 */
public sealed interface SubArea {
    /** Length of one sub-area in bits. */
    int BITS = 87;

    /** The 3-bit area shape code (0..5). */
    int shape();

    /** Writes the sub-area's fields (inside its own JSON object). */
    void writeFields(FieldSink out);

    /** Appends the 87 bits of the sub-area, shape code first. */
    void encode(BitWriter out);

    /** Multiplier in metres of a scale factor code 0..3. */
    static int scaleMultiplier(int scaleFactor) {
        return switch (scaleFactor) {
            case 0 -> 1;
            case 1 -> 10;
            case 2 -> 100;
            default -> 1000;
        };
    }

    /** Human-readable name of a shape code, or null for a reserved one. */
    static String shapeName(int shape) {
        return switch (shape) {
            case 0 -> "Circle or point";
            case 1 -> "Rectangle";
            case 2 -> "Sector";
            case 3 -> "Polyline";
            case 4 -> "Polygon";
            case 5 -> "Associated text";
            default -> null;
        };
    }

    /**
     * Reads the sub-area at bit {@code s}.
     *
     * @return the sub-area, or {@code null} for a reserved shape (6, 7)
     */
    static SubArea decode(BitReader b, int s) {
        int shape = b.unsigned(s, 3);
        int p = s + 3;
        switch (shape) {
            case 0: {
                int scale = b.unsigned(p, 2);
                return new Circle(scale, Units.longitudeThousandthMinutes(b.signed(p + 2, 25)),
                        Units.latitudeThousandthMinutes(b.signed(p + 27, 24)), b.unsigned(p + 51, 3),
                        b.unsigned(p + 54, 12) * scaleMultiplier(scale), b.unsigned(p + 66, 18));
            }
            case 1: {
                int scale = b.unsigned(p, 2);
                int m = scaleMultiplier(scale);
                return new Rectangle(scale, Units.longitudeThousandthMinutes(b.signed(p + 2, 25)),
                        Units.latitudeThousandthMinutes(b.signed(p + 27, 24)), b.unsigned(p + 51, 3),
                        b.unsigned(p + 54, 8) * m, b.unsigned(p + 62, 8) * m, b.unsigned(p + 70, 9),
                        b.unsigned(p + 79, 5));
            }
            case 2: {
                int scale = b.unsigned(p, 2);
                return new Sector(scale, Units.longitudeThousandthMinutes(b.signed(p + 2, 25)),
                        Units.latitudeThousandthMinutes(b.signed(p + 27, 24)), b.unsigned(p + 51, 3),
                        b.unsigned(p + 54, 12) * scaleMultiplier(scale), b.unsigned(p + 66, 9),
                        b.unsigned(p + 75, 9));
            }
            case 3:
                return new Polyline(b.unsigned(p, 2), readPoints(b, p), b.unsigned(p + 82, 2));
            case 4:
                return new Polygon(b.unsigned(p, 2), readPoints(b, p), b.unsigned(p + 82, 2));
            case 5: {
                String t = b.text(p, 14);
                return new Text(t);
            }
            default:
                return null;
        }
    }

    private static List<Point> readPoints(BitReader b, int p) {
        int m = scaleMultiplier(b.unsigned(p, 2));
        List<Point> points = new ArrayList<>(4);
        for (int i = 0; i < 4; i++) {
            int o = p + 2 + 20 * i;
            points.add(new Point(b.unsigned(o, 10) / 2.0, b.unsigned(o + 10, 10) * m));
        }
        return List.copyOf(points);
    }

    private static void writePoints(BitWriter w, int scaleFactor, List<Point> points) {
        int m = scaleMultiplier(scaleFactor);
        for (int i = 0; i < 4; i++) {
            Point pt = i < points.size() ? points.get(i) : new Point(0, 0);
            w.unsigned(10, Math.round(pt.bearing() * 2.0)).unsigned(10, pt.distance() / m);
        }
    }

    private static void writePointFields(FieldSink out, List<Point> points) {
        out.beginArray("points");
        for (Point pt : points) {
            if (pt.distance() == 0) {
                break;
            }
            out.beginObject(null);
            out.field("bearing", pt.bearing(), 1);
            out.field("distance", pt.distance());
            out.endObject();
        }
        out.endArray();
    }

    private static void writePosition(FieldSink out, int shape, int scaleFactor, double lon, double lat, int precision) {
        out.field("shape", shape);
        out.field("shape_text", shapeName(shape));
        out.field("scale", scaleFactor);
        out.position(lon, lat);
        out.field("precision", precision);
    }

    /**
     * A vertex of a polyline or polygon, relative to the previous point.
     *
     * @param bearing degrees true from the previous point, 0..359.5 in 0.5° steps (10-bit code ÷ 2;
     *        codes 720..1023 are not defined and kept as sent)
     * @param distance metres from the previous point (code × scale multiplier); 0 means the point is
     *        not used (the list of points ends before it)
     */
    record Point(double bearing, int distance) {
    }

    /**
     * Shape 0: circle, or a point when the radius is 0. Bits after the shape: scale factor 2,
     * longitude 25, latitude 24, precision 3, radius 12, spare 18.
     *
     * @param scaleFactor 0..3 (1, 10, 100, 1000 m)
     * @param longitude centre, degrees; {@code NaN} when not available
     * @param latitude centre, degrees; {@code NaN} when not available
     * @param precision number of decimal places of the position in minutes as given by the sender
     *        (0..4; kept as sent)
     * @param radius metres (12-bit code × scale multiplier); 0 for a point
     * @param spare the 18 spare bits as sent
     */
    record Circle(int scaleFactor, double longitude, double latitude, int precision, int radius, int spare)
            implements SubArea {
        @Override
        public int shape() {
            return 0;
        }

        @Override
        public void writeFields(FieldSink out) {
            writePosition(out, 0, scaleFactor, longitude, latitude, precision);
            out.field("radius", radius);
        }

        @Override
        public void encode(BitWriter w) {
            w.unsigned(3, 0).unsigned(2, scaleFactor)
                    .signed(25, Units.longitudeThousandthMinutesCode(longitude))
                    .signed(24, Units.latitudeThousandthMinutesCode(latitude))
                    .unsigned(3, precision).unsigned(12, radius / scaleMultiplier(scaleFactor)).unsigned(18, spare);
        }
    }

    /**
     * Shape 1: rectangle with its south-west corner at the position, rotated by the orientation.
     * Bits after the shape: scale factor 2, longitude 25, latitude 24, precision 3, E dimension 8,
     * N dimension 8, orientation 9, spare 5.
     *
     * @param scaleFactor 0..3
     * @param longitude south-west corner, degrees; {@code NaN} when not available
     * @param latitude south-west corner, degrees; {@code NaN} when not available
     * @param precision decimal places of the position in minutes (kept as sent)
     * @param east east dimension, metres (8-bit code × scale multiplier)
     * @param north north dimension, metres (8-bit code × scale multiplier)
     * @param orientation degrees clockwise from true north, 0..359
     * @param spare the 5 spare bits as sent
     */
    record Rectangle(int scaleFactor, double longitude, double latitude, int precision, int east, int north,
                     int orientation, int spare) implements SubArea {
        @Override
        public int shape() {
            return 1;
        }

        @Override
        public void writeFields(FieldSink out) {
            writePosition(out, 1, scaleFactor, longitude, latitude, precision);
            out.field("east", east);
            out.field("north", north);
            out.field("orientation", orientation);
        }

        @Override
        public void encode(BitWriter w) {
            int m = scaleMultiplier(scaleFactor);
            w.unsigned(3, 1).unsigned(2, scaleFactor)
                    .signed(25, Units.longitudeThousandthMinutesCode(longitude))
                    .signed(24, Units.latitudeThousandthMinutesCode(latitude))
                    .unsigned(3, precision).unsigned(8, east / m).unsigned(8, north / m)
                    .unsigned(9, orientation).unsigned(5, spare);
        }
    }

    /**
     * Shape 2: sector of a circle, from the left to the right boundary clockwise. Bits after the
     * shape: scale factor 2, longitude 25, latitude 24, precision 3, radius 12, left boundary 9,
     * right boundary 9.
     *
     * @param scaleFactor 0..3
     * @param longitude centre, degrees; {@code NaN} when not available
     * @param latitude centre, degrees; {@code NaN} when not available
     * @param precision decimal places of the position in minutes (kept as sent)
     * @param radius metres (12-bit code × scale multiplier)
     * @param leftBoundary degrees true, 0..359
     * @param rightBoundary degrees true, 0..359
     */
    record Sector(int scaleFactor, double longitude, double latitude, int precision, int radius,
                  int leftBoundary, int rightBoundary) implements SubArea {
        @Override
        public int shape() {
            return 2;
        }

        @Override
        public void writeFields(FieldSink out) {
            writePosition(out, 2, scaleFactor, longitude, latitude, precision);
            out.field("radius", radius);
            out.field("left", leftBoundary);
            out.field("right", rightBoundary);
        }

        @Override
        public void encode(BitWriter w) {
            w.unsigned(3, 2).unsigned(2, scaleFactor)
                    .signed(25, Units.longitudeThousandthMinutesCode(longitude))
                    .signed(24, Units.latitudeThousandthMinutesCode(latitude))
                    .unsigned(3, precision).unsigned(12, radius / scaleMultiplier(scaleFactor))
                    .unsigned(9, leftBoundary).unsigned(9, rightBoundary);
        }
    }

    /**
     * Shape 3: open line through up to four further points. Bits after the shape: scale factor 2,
     * four × (bearing 10, distance 10), spare 2.
     *
     * @param scaleFactor 0..3
     * @param points exactly the four points as sent, including unused ones (distance 0); see
     *        {@link #usedPoints()}
     * @param spare the 2 spare bits as sent
     */
    record Polyline(int scaleFactor, List<Point> points, int spare) implements SubArea {
        /** Copies the point list. */
        public Polyline {
            points = List.copyOf(points);
        }

        /** The points before the first one with distance 0. */
        public List<Point> usedPoints() {
            return used(points);
        }

        @Override
        public int shape() {
            return 3;
        }

        @Override
        public void writeFields(FieldSink out) {
            out.field("shape", 3);
            out.field("shape_text", shapeName(3));
            out.field("scale", scaleFactor);
            writePointFields(out, points);
        }

        @Override
        public void encode(BitWriter w) {
            w.unsigned(3, 3).unsigned(2, scaleFactor);
            writePoints(w, scaleFactor, points);
            w.unsigned(2, spare);
        }
    }

    /**
     * Shape 4: closed polygon through up to four further points; same layout as {@link Polyline}.
     *
     * @param scaleFactor 0..3
     * @param points exactly the four points as sent, including unused ones (distance 0)
     * @param spare the 2 spare bits as sent
     */
    record Polygon(int scaleFactor, List<Point> points, int spare) implements SubArea {
        /** Copies the point list. */
        public Polygon {
            points = List.copyOf(points);
        }

        /** The points before the first one with distance 0. */
        public List<Point> usedPoints() {
            return used(points);
        }

        @Override
        public int shape() {
            return 4;
        }

        @Override
        public void writeFields(FieldSink out) {
            out.field("shape", 4);
            out.field("shape_text", shapeName(4));
            out.field("scale", scaleFactor);
            writePointFields(out, points);
        }

        @Override
        public void encode(BitWriter w) {
            w.unsigned(3, 4).unsigned(2, scaleFactor);
            writePoints(w, scaleFactor, points);
            w.unsigned(2, spare);
        }
    }

    /**
     * Shape 5: 14 characters of 6-bit text (ITU-R M.1371-5 Table 47) associated with the notice;
     * consecutive text sub-areas continue each other.
     *
     * @param text the characters, trailing {@code @} padding and spaces removed (never null)
     */
    record Text(String text) implements SubArea {
        @Override
        public int shape() {
            return 5;
        }

        @Override
        public void writeFields(FieldSink out) {
            out.field("shape", 5);
            out.field("shape_text", shapeName(5));
            out.field("text", text);
        }

        @Override
        public void encode(BitWriter w) {
            w.unsigned(3, 5).text(14, text);
        }
    }

    private static List<Point> used(List<Point> points) {
        int n = 0;
        while (n < points.size() && points.get(n).distance() != 0) {
            n++;
        }
        return points.subList(0, n);
    }
}
