package org.watchkeeper.core.ref.port;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.LandMask;

/**
 * Makes the table of {@link SeaPortCorrections} from the shipped port list as {@code sea-ports} gives
 * it, the NGA World Port Index CSV and the shipped land mask. A tool of the test tree: the table it
 * makes is committed, and {@code SeaPortCorrectionsTest} makes it again from the shared World Port
 * Index and compares ({@code scripts/port-corrections.sh} writes it).
 *
 * <p>Rule, for each port of the list (in UN/LOCODE order):
 * <ol>
 * <li>it is inland when its point is inside the land mask and more than {@link #INLAND_M} from its
 *     coastline (the land mask's own rule for "on land"); other ports are left alone;
 * <li>an inland port takes the World Port Index entry of the same UN/LOCODE (the nearest, when several
 *     have it) if that entry is within {@link #UNLOCODE_NEAR_M} or its name agrees with the port's
 *     ({@link #sameName}); a farther entry whose name differs is rejected (two sources disagreeing on
 *     what a code means; it is reported, not used);
 * <li>an inland port whose UN/LOCODE no World Port Index entry has takes the one entry of the same
 *     country whose main or alternate name is the same ({@link #sameName}), that lies within
 *     {@link #NAME_NEAR_M} and whose own UN/LOCODE, if it has one, is no other port's of the list
 *     (the index gives some ports another code: Dublin {@code IE MTL}, Oulu {@code FI OUL}); the
 *     country of an entry is its UN/LOCODE's, else the ISO code most entries of its country name
 *     carry. None, or more than one, is no match.
 * </ol>
 */
final class SeaPortCorrectionsBuilder {
    /** A port point more than this inside land is inland: the land mask's tolerance, metres. */
    static final double INLAND_M = LandMask.DEFAULT_INLAND_TOLERANCE_M;
    /** A World Port Index entry of the same UN/LOCODE this near is taken whatever its name, metres. */
    static final double UNLOCODE_NEAR_M = 50_000;
    /** A World Port Index entry matched by name and country must be this near, metres. */
    static final double NAME_NEAR_M = 30_000;

    /** Words that say what kind of place a name is, not which: left out when names are compared. */
    private static final Set<String> GENERIC = Set.of("port", "ports", "porto", "puerto", "harbour", "harbor",
            "hamn", "havn", "hafen", "haven", "havnen", "ko", "kou", "terminal", "terminals", "seaport", "field",
            "of", "the", "de", "del", "la", "le", "el", "city", "bahia", "mina", "apt", "anchorage", "oil", "ex");

    private SeaPortCorrectionsBuilder() {
    }

    /** A World Port Index entry of an inland port's UN/LOCODE that was not taken. */
    record Rejected(Port port, double inlandKm, Port entry, double distanceKm) {
    }

    /** An inland port left where the list has it. */
    record Unmatched(Port port, double inlandKm) {
    }

    /**
     * What the rule made.
     *
     * @param listed ports of the list considered
     * @param inland those inland
     * @param corrections the table's rows, in UN/LOCODE order
     * @param rejected UN/LOCODE entries not taken (far, name differs)
     * @param unmatched inland ports with no entry taken (the rejected ones among them)
     */
    record Result(int listed, int inland, List<SeaPortCorrections.Correction> corrections, List<Rejected> rejected,
            List<Unmatched> unmatched) {
    }

    /**
     * Applies the rule.
     *
     * @param listed the shipped list as its source gives it ({@link PortIndex#readSeaPorts})
     * @param wpi the World Port Index entries ({@link WorldPortIndex#read})
     * @param alternates alternate names of entries by id ({@code wpi:<number>}); missing is none
     */
    static Result build(List<Port> listed, List<Port> wpi, Map<String, List<String>> alternates, LandMask land) {
        Map<String, List<Port>> byCode = new HashMap<>();
        Map<String, Map<String, Integer>> isoVotes = new HashMap<>();
        for (Port w : wpi) {
            if (w.unlocode() != null) {
                byCode.computeIfAbsent(w.unlocode(), k -> new ArrayList<>()).add(w);
                if (w.country() != null) {
                    isoVotes.computeIfAbsent(w.country(), k -> new HashMap<>()).merge(w.unlocode().substring(0, 2), 1,
                            Integer::sum);
                }
            }
        }
        Map<String, String> iso = new HashMap<>();
        isoVotes.forEach((country, votes) -> iso.put(country, votes.entrySet().stream()
                .max(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey()));
        Set<String> listedIds = new java.util.HashSet<>();
        for (Port p : listed) {
            listedIds.add(p.id());
        }
        Map<String, List<Port>> byIsoAndName = new HashMap<>();
        for (Port w : wpi) {
            String c = w.unlocode() != null ? w.unlocode().substring(0, 2) : w.country() == null ? null : iso.get(w.country());
            if (c == null) {
                continue;
            }
            Set<String> keys = new java.util.LinkedHashSet<>();
            keys.add(key(w.name()));
            for (String alt : alternates.getOrDefault(w.id(), List.of())) {
                keys.add(key(alt));
            }
            for (String k : keys) {
                if (!k.isEmpty()) {
                    byIsoAndName.computeIfAbsent(c + "|" + k, x -> new ArrayList<>()).add(w);
                }
            }
        }

        List<Port> sorted = new ArrayList<>(listed);
        sorted.sort(Comparator.comparing(Port::id));
        int inland = 0;
        List<SeaPortCorrections.Correction> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (Port p : sorted) {
            if (!land.isOnLand(p.latitude(), p.longitude(), INLAND_M)) {
                continue;
            }
            inland++;
            double inlandKm = inlandMetres(land, p.latitude(), p.longitude()) / 1000;
            Port taken = null;
            String how = null;
            List<Port> same = p.unlocode() == null ? List.of() : byCode.getOrDefault(p.unlocode(), List.of());
            if (!same.isEmpty()) {
                Port nearest = same.stream().min(Comparator.comparingDouble((Port w) -> distance(p, w))
                        .thenComparing(Port::id)).orElseThrow();
                if (distance(p, nearest) <= UNLOCODE_NEAR_M || sameName(p.name(), nearest.name())) {
                    taken = nearest;
                    how = "unlocode";
                } else {
                    rejected.add(new Rejected(p, inlandKm, nearest, distance(p, nearest) / 1000));
                }
            } else if (p.unlocode() != null && !key(p.name()).isEmpty()) {
                List<Port> named = byIsoAndName.getOrDefault(p.unlocode().substring(0, 2) + "|" + key(p.name()), List.of())
                        .stream().filter(w -> distance(p, w) <= NAME_NEAR_M)
                        .filter(w -> w.unlocode() == null || !listedIds.contains(w.unlocode())).toList();
                if (named.size() == 1) {
                    taken = named.get(0);
                    how = "name";
                }
            }
            if (taken == null) {
                unmatched.add(new Unmatched(p, inlandKm));
                continue;
            }
            rows.add(new SeaPortCorrections.Correction(p.id(), p.name(), p.latitude(), p.longitude(), round(inlandKm, 2),
                    taken.latitude(), taken.longitude(), Integer.parseInt(taken.id().substring("wpi:".length())), how,
                    round(distance(p, taken) / 1000, 2)));
        }
        return new Result(listed.size(), inland, List.copyOf(rows), List.copyOf(rejected), List.copyOf(unmatched));
    }

    /**
     * The alternate names of the World Port Index entries ({@code Alternate Port Name}, names separated
     * by ';'), by id {@code wpi:<number>}, from the CSV (plain or gzip).
     */
    static Map<String, List<String>> alternateNames(java.nio.file.Path csv) throws java.io.IOException {
        Map<String, List<String>> out = new HashMap<>();
        java.io.InputStream raw = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(csv));
        raw.mark(2);
        boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        try (java.io.Reader r = new java.io.InputStreamReader(gz ? new java.util.zip.GZIPInputStream(raw) : raw,
                java.nio.charset.StandardCharsets.UTF_8);
                org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.parse(r,
                        org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (org.apache.commons.csv.CSVRecord rec : p) {
                List<String> names = new ArrayList<>();
                for (String n : rec.get("Alternate Port Name").split(";")) {
                    if (!n.isBlank()) {
                        names.add(n.strip());
                    }
                }
                if (!names.isEmpty()) {
                    out.put("wpi:" + rec.get(0).strip(), names);
                }
            }
        }
        return out;
    }

    /** The table as {@link SeaPortCorrections#read} reads it, with a header that cites the source. */
    static String tsv(Result r) {
        long byName = r.corrections().stream().filter(c -> c.match().equals("name")).count();
        StringBuilder b = new StringBuilder();
        b.append("# Corrections to the shipped port list (npm sea-ports@0.0.9): ports whose listed point lies more\n")
                .append("# than 2 km inside the shipped Natural Earth 1:10m land mask, moved to the harbour position of\n")
                .append("# the same port in the World Port Index.\n")
                .append("# Source of lat, lon and wpi: National Geospatial-Intelligence Agency, World Port Index\n")
                .append("# (Pub. 150), UpdatedPub150.csv; a work of the US government, public domain. Derived data\n")
                .append("# (coordinates and entry numbers), not a copy of the index.\n")
                .append("# Made by SeaPortCorrectionsBuilder (core test tree), which documents the rule;\n")
                .append("# regenerate with scripts/port-corrections.sh (reads ../shared/data/geo/wpi/UpdatedPub150.csv.gz).\n")
                .append("# ").append(r.listed()).append(" ports listed, ").append(r.inland()).append(" inland; ")
                .append(r.corrections().size()).append(" moved (").append(r.corrections().size() - byName)
                .append(" by UN/LOCODE, ").append(byName).append(" by name and country), ")
                .append(r.unmatched().size()).append(" left where listed.\n");
        b.append(String.join("\t", SeaPortCorrections.COLUMNS)).append('\n');
        for (SeaPortCorrections.Correction c : r.corrections()) {
            b.append(c.unlocode()).append('\t').append(c.name().replace('\t', ' ')).append('\t')
                    .append(num(c.listedLat(), 6)).append('\t').append(num(c.listedLon(), 6)).append('\t')
                    .append(num(c.listedInlandKm(), 2)).append('\t')
                    .append(num(c.latitude(), 6)).append('\t').append(num(c.longitude(), 6)).append('\t')
                    .append(c.wpiNumber()).append('\t').append(c.match()).append('\t')
                    .append(num(c.movedKm(), 2)).append('\n');
        }
        return b.toString();
    }

    /**
     * Whether two port names name the same place: after dropping accents, case, bracketed text,
     * what follows a comma (an island or province) and {@link #GENERIC} words, the remaining words
     * joined are equal ({@code "Mai-liao"} and {@code "Mailiao"}, {@code "Maizuru"} and
     * {@code "Maizuru Ko"}, {@code "Annaba (ex Bone)"} and {@code "Annaba"}); empty keys never agree.
     */
    static boolean sameName(String a, String b) {
        String ka = key(a);
        return !ka.isEmpty() && ka.equals(key(b));
    }

    static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("\\([^)]*\\)", " ");
        int comma = s.indexOf(',');
        if (comma > 0) {
            s = s.substring(0, comma);
        }
        StringBuilder out = new StringBuilder();
        for (String w : s.split("[^a-z0-9]+")) {
            if (!w.isEmpty() && !GENERIC.contains(w)) {
                out.append(w);
            }
        }
        return out.toString();
    }

    /** Distance from a point inside land to the coastline, metres (searching outward as far as needed). */
    static double inlandMetres(LandMask land, double lat, double lon) {
        for (double r = 50_000; ; r *= 4) {
            double d = land.distanceToCoast(lat, lon, r);
            if (d != Double.POSITIVE_INFINITY || r > Math.PI * Geodesy.EARTH_RADIUS_M) {
                return d;
            }
        }
    }

    private static double distance(Port a, Port b) {
        return Geodesy.distance(a.latitude(), a.longitude(), b.latitude(), b.longitude());
    }

    private static double round(double v, int decimals) {
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static String num(double v, int decimals) {
        return new java.math.BigDecimal(Double.toString(v)).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
