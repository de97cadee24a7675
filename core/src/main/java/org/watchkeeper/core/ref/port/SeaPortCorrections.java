package org.watchkeeper.core.ref.port;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corrections to the shipped port list ({@link PortIndex#seaPorts()}): ports whose listed point is
 * well inland, moved to their harbour as the NGA World Port Index (Pub. 150) gives it.
 *
 * <p>Why: the npm package {@code sea-ports} gives many ports at the centre of their city, not at
 * the harbour (Los Angeles in downtown LA, 35 km from its terminals; Houston in downtown Houston), and
 * a port visit starts only within 3 km of the port's point, so such a port never gets a visit. The
 * table {@value #RESOURCE} lists, for each port of the list that lies more than
 * {@link org.watchkeeper.core.ref.LandMask#DEFAULT_INLAND_TOLERANCE_M} (2 km) inside the shipped land
 * mask and has a World Port Index entry of the same UN/LOCODE (or, lacking one, of the same name and
 * country nearby), the listed point, the World Port Index position and number, and the distance moved.
 * The table is derived data (coordinates, facts) made by a tool from the World Port Index CSV; its
 * header says how and cites the source.
 *
 * <p>Format: UTF-8 text, lines starting with {@code #} are comments, one header line starting with
 * {@code unlocode}, then one row per port, tab-separated: {@code unlocode}, {@code name} (the list's),
 * {@code listed_lat}, {@code listed_lon} (degrees, the point the list gives), {@code listed_inland_km}
 * (its distance to the coastline of the land mask), {@code lat}, {@code lon} (degrees, the World Port
 * Index position), {@code wpi} (World Port Index number), {@code match} ({@code unlocode} or
 * {@code name}: how the entry was found), {@code moved_km}. A correction applies only to a port of
 * that UN/LOCODE whose point is the listed point (within 10⁻⁶°), so a table made for another version
 * of the list changes nothing it was not made for.
 */
public final class SeaPortCorrections {
    /** Resource path of the table. */
    public static final String RESOURCE = "/org/watchkeeper/core/ref/sea-ports-corrections.tsv";
    /** Column titles of the header line, in order. */
    public static final List<String> COLUMNS = List.of("unlocode", "name", "listed_lat", "listed_lon",
            "listed_inland_km", "lat", "lon", "wpi", "match", "moved_km");
    private static final Pattern UNLOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
    private static final double SAME_POINT_DEG = 1e-6;

    private SeaPortCorrections() {
    }

    /**
     * One row of the table.
     *
     * @param unlocode the port's UN/LOCODE (its id in the shipped list)
     * @param name the port's name in the shipped list
     * @param listedLat the point the list gives, degrees -90..90
     * @param listedLon the point the list gives, degrees -180..180
     * @param listedInlandKm that point's distance to the land mask's coastline, km ≥ 0 (it is inside land)
     * @param latitude the World Port Index position, degrees -90..90
     * @param longitude the World Port Index position, degrees -180..180
     * @param wpiNumber the World Port Index number of the entry
     * @param match how the entry was found: {@code "unlocode"} or {@code "name"}
     * @param movedKm the distance from the listed point to the new one, km ≥ 0
     */
    public record Correction(String unlocode, String name, double listedLat, double listedLon, double listedInlandKm,
            double latitude, double longitude, int wpiNumber, String match, double movedKm) {
        /** The {@link Port.Moved#by()} of a port this correction moved: {@code "wpi:<number>"}. */
        public String by() {
            return "wpi:" + wpiNumber;
        }
    }

    /**
     * The shipped table.
     *
     * @throws IllegalStateException when the resource is missing or malformed (a build error)
     */
    public static List<Correction> shipped() {
        try (InputStream in = SeaPortCorrections.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the build");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a table in the format of the class comment.
     *
     * @throws IOException on a read error, a missing or wrong header line, a row without 10 columns,
     *         a bad UN/LOCODE, number, coordinate or match, or a UN/LOCODE given twice (the message
     *         names the line)
     */
    public static List<Correction> read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Correction> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean header = false;
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!header) {
                if (!List.of(f).equals(COLUMNS)) {
                    throw new IOException("line " + n + ": expected the header " + String.join(" ", COLUMNS));
                }
                header = true;
                continue;
            }
            if (f.length != COLUMNS.size()) {
                throw new IOException("line " + n + ": " + f.length + " columns, expected " + COLUMNS.size());
            }
            if (!UNLOCODE.matcher(f[0]).matches()) {
                throw new IOException("line " + n + ": bad UN/LOCODE '" + f[0] + "'");
            }
            if (!seen.add(f[0])) {
                throw new IOException("line " + n + ": " + f[0] + " given twice");
            }
            if (!f[8].equals("unlocode") && !f[8].equals("name")) {
                throw new IOException("line " + n + ": match '" + f[8] + "' is neither unlocode nor name");
            }
            try {
                Correction c = new Correction(f[0], f[1], lat(f[2], n), lon(f[3], n), nonNegative(f[4], n),
                        lat(f[5], n), lon(f[6], n), Integer.parseInt(f[7]), f[8], nonNegative(f[9], n));
                out.add(c);
            } catch (NumberFormatException e) {
                throw new IOException("line " + n + ": " + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new IOException("no header line");
        }
        return List.copyOf(out);
    }

    /**
     * The ports with the corrections applied: a port whose id is a correction's UN/LOCODE and whose
     * point is that correction's listed point (within 10⁻⁶°) is {@link Port#movedTo moved} to the
     * correction's position, {@link Port.Moved#by()} {@code "wpi:<number>"}; other ports are returned
     * as they are, in the same order.
     */
    public static List<Port> apply(List<Port> ports, List<Correction> corrections) {
        Map<String, Correction> byCode = new HashMap<>();
        for (Correction c : corrections) {
            byCode.put(c.unlocode(), c);
        }
        List<Port> out = new ArrayList<>(ports.size());
        for (Port p : ports) {
            Correction c = byCode.get(p.id());
            if (c != null && p.area() == null && Math.abs(p.latitude() - c.listedLat()) <= SAME_POINT_DEG
                    && Math.abs(p.longitude() - c.listedLon()) <= SAME_POINT_DEG) {
                out.add(p.movedTo(c.latitude(), c.longitude(), c.by()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static double lat(String s, int line) throws IOException {
        double v = Double.parseDouble(s);
        if (!(v >= -90 && v <= 90)) {
            throw new IOException("line " + line + ": latitude " + s + " out of range");
        }
        return v;
    }

    private static double lon(String s, int line) throws IOException {
        double v = Double.parseDouble(s);
        if (!(v >= -180 && v <= 180)) {
            throw new IOException("line " + line + ": longitude " + s + " out of range");
        }
        return v;
    }

    private static double nonNegative(String s, int line) throws IOException {
        double v = Double.parseDouble(s);
        if (!(v >= 0)) {
            throw new IOException("line " + line + ": distance " + s + " is not a number ≥ 0");
        }
        return v;
    }
}
