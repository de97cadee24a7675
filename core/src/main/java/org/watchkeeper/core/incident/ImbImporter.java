package org.watchkeeper.core.incident;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;

/**
 * Reads the IMB-based "crime at sea" dataset (Benden et al. 2021, "Crime at Sea: A Global Database of
 * Maritime Pirate Attacks (1993–2020)", Journal of Open Humanities Data 7:19, doi:10.5334/johd.39;
 * underlying reports ICC International Maritime Bureau Piracy Reporting Centre and the "Mapping Piracy"
 * project), file {@code pirate_attacks.csv}: columns {@code date,time,longitude,latitude,attack_type,
 * location_description,nearest_country,eez_country,shore_distance,shore_longitude,shore_latitude,
 * attack_description,vessel_name,vessel_type,vessel_status,data_source}; "NA" marks a missing value.
 *
 * <p>Field rules:
 * <ul>
 *   <li>id {@code imb-<first 16 hex digits of SHA-256 over the row's fields>}; a row identical to an
 *       earlier one (same id) is rejected naming the earlier line.</li>
 *   <li>time: date + {@code hh:mm UTC} → that UTC time; {@code hh:mm} without a zone → the date only
 *       (00:00 UTC, date only) with that local time of day ({@link Incident#localTime}: these rows are
 *       the IMB's {@code "0234 LT"} reports, the clock at the place, its zone not given); NA → the date
 *       only; hours above 23 or minutes above 59 reject the row.</li>
 *   <li>position: decimal longitude/latitude, required and in range.</li>
 *   <li>type from {@code attack_type}: Boarded/Boarding → boarding, made robbery when the description
 *       reports a theft and kidnapping when it reports kidnapped crew; Hijacked → hijacking; Attempted →
 *       attempted attack; Fired Upon → firing upon; Suspicious → suspicious approach; Explosion,
 *       Detained → other; NA → from the description by {@link TextRules}.</li>
 *   <li>victim: vessel_name (Unknown / Unspecified mean none), vessel_type; status Anchored → anchored,
 *       Berthed/Moored → berthed, Steaming/Underway → steaming, Drifting → drifting, NA → from the
 *       description, anything else (Stationary, Towed, ...) → unknown.</li>
 *   <li>place: location_description and the name of nearest_country (from {@code country_codes.csv});
 *       weapons, crew harm, perpetrators, items stolen, loss and actions from the description.</li>
 *   <li>source "IMB PRC" for data_source imb, "Mapping Piracy" for mappingpiracy; no reference number.</li>
 * </ul>
 */
public final class ImbImporter {
    /** The columns a file must have (any order, any case; others are passed over). */
    public static final List<String> COLUMNS = List.of("date", "time", "longitude", "latitude", "attack_type",
            "location_description", "nearest_country", "attack_description", "vessel_name", "vessel_type",
            "vessel_status", "data_source");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(\\s*UTC)?");
    private static final Set<String> NO_NAME = Set.of("UNKNOWN", "UNSPECIFIED", "UNNAMED", "NONE");

    private ImbImporter() {
    }

    /**
     * English short names of the countries by ISO 3166-1 alpha-3 code, from the JDK's own locale data
     * (Unicode CLDR: {@code CHN} China, {@code IDN} Indonesia, {@code COD} Congo - Kinshasa), for an IMB file
     * read without its {@code country_codes.csv} (an import through the API, a file moved on its own).
     * The dataset's own file spells some otherwise ("Congo, Dem. Rep.", "Iran, Islamic Rep.") and holds a
     * few codes outside ISO 3166-1 ({@code CHI} Channel Islands, {@code XKX} Kosovo), which this leaves as codes.
     *
     * @return a new map, code → name (about 250 entries)
     */
    public static Map<String, String> standardCountryNames() {
        Map<String, String> out = new HashMap<>();
        for (String alpha2 : java.util.Locale.getISOCountries()) {
            java.util.Locale country = new java.util.Locale("", alpha2);
            out.put(country.getISO3Country(), country.getDisplayCountry(java.util.Locale.ENGLISH));
        }
        return out;
    }

    /**
     * Reads {@code country_codes.csv} (columns country, region, country_name).
     *
     * @return ISO 3166-1 alpha-3 code → country name
     * @throws IllegalArgumentException when the header lacks the column country or country_name
     */
    public static Map<String, String> countryNames(Reader in) {
        Map<String, String> out = new HashMap<>();
        try (CSVParser p = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).build())) {
            if (!p.getHeaderMap().containsKey("country") || !p.getHeaderMap().containsKey("country_name")) {
                // another file given for the names (the dataset itself, say) would leave every place unnamed, unseen
                throw new IllegalArgumentException("the header lacks the column(s) country and country_name (it has "
                        + p.getHeaderNames() + "): not a country_codes.csv");
            }
            for (CSVRecord r : p) {
                if (r.isMapped("country") && r.isMapped("country_name")) {
                    out.put(r.get("country").strip(), r.get("country_name").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Whether one of the comma-separated parts of {@code location} is a country name of
     * {@code countries}: then the nearest country is not added to the place ("Port of Luanda, Angola"
     * is not made "..., Angola, Angola", nor "Nipah Anchorage, Indonesia" "..., Indonesia, Singapore").
     */
    static boolean namesACountry(String location, Map<String, String> countries) {
        for (String part : location.split(",")) {
            String p = part.strip();
            for (String name : countries.values()) {
                if (name.equalsIgnoreCase(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads {@code pirate_attacks.csv}.
     *
     * @param in the CSV text
     * @param countries ISO alpha-3 → name, for place descriptions (may be empty)
     * @param ownerOrg organisation that owns the imported incidents
     * @param createdBy user name recorded as creator
     * @param now the import time
     * @return incidents marked TLP:CLEAR and the rejected rows
     * @throws IllegalArgumentException when the header lacks a column
     */
    public static ImportResult read(Reader in, Map<String, String> countries, String ownerOrg, String createdBy,
                                    Instant now) {
        List<Supplier<Incident>> out = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Marking marking = new Marking(Tlp.CLEAR, ownerOrg, Set.of(), Set.of());
        long rows = CsvRows.read(in, COLUMNS, (line, r, cols) -> {
            String id = "imb-" + hash(r);
            Supplier<Incident> i = incident(r, cols, id, countries, marking, createdBy, now);
            Long first = firstLine.putIfAbsent(id, line);
            if (first != null) {
                throw new IllegalArgumentException("identical to the row at line " + first);
            }
            out.add(i);
            lines.add(line);
        }, rejected);
        return Classifying.finish(out, lines, rejected, rows);
    }

    private static String hash(CSVRecord r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String v : r) {
                d.update(v.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The row's fields checked (a bad one throws {@link IllegalArgumentException}: the row is rejected
     * with that reason), and the incident to be made of them once its narrative is read.
     */
    private static Supplier<Incident> incident(CSVRecord r, Map<String, Integer> cols, String id,
                                               Map<String, String> countries, Marking marking, String createdBy,
                                               Instant now) {
        String dateText = CsvRows.value(r, cols, "date");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText == null ? "" : dateText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + dateText + "' is not YYYY-MM-DD");
        }
        Instant time = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean dateOnly = true;
        LocalTime localTime = null;
        String timeText = CsvRows.value(r, cols, "time");
        if (timeText != null) {
            Matcher m = TIME.matcher(timeText);
            if (!m.matches()) {
                throw new IllegalArgumentException("time '" + timeText + "' is not hh:mm or hh:mm UTC");
            }
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            if (h > 23 || min > 59) {
                throw new IllegalArgumentException("time '" + timeText + "' is not a time of day (hours 0-23, minutes 0-59)");
            }
            if (m.group(3) != null) {
                time = date.atTime(LocalTime.of(h, min)).toInstant(ZoneOffset.UTC);
                dateOnly = false;
            } else {
                localTime = LocalTime.of(h, min);
            }
        }
        double lon = coordinate(CsvRows.value(r, cols, "longitude"), "longitude", 180);
        double lat = coordinate(CsvRows.value(r, cols, "latitude"), "latitude", 90);
        String description = CsvRows.value(r, cols, "attack_description");
        String text = description == null ? "" : description;
        String attackType = CsvRows.value(r, cols, "attack_type");
        String named = CsvRows.value(r, cols, "vessel_name");
        String name = named != null && NO_NAME.contains(named.toUpperCase(Locale.ROOT)) ? null : named;
        String vesselType = CsvRows.value(r, cols, "vessel_type");
        String vesselStatus = CsvRows.value(r, cols, "vessel_status");
        // 1 151 descriptions end in a comma ("Tanjung Uban Anchorage, Pulau Bintan,"), one holds two in a row
        // ("Alpha Anchorage,, Chittagong"): one comma each, none at the end before the country is added
        String location = tidyPlace(CsvRows.value(r, cols, "location_description"));
        String cc = CsvRows.value(r, cols, "nearest_country");
        String country = cc == null ? null : countries.getOrDefault(cc, cc);
        String place = location == null ? (country == null ? null : "near " + country)
                : country == null || namesACountry(location, countries) ? location : location + ", " + country;
        String ds = CsvRows.value(r, cols, "data_source");
        String source = ds == null ? "Crime at sea dataset" : ds.equalsIgnoreCase("imb") ? "IMB PRC"
                : ds.equalsIgnoreCase("mappingpiracy") ? "Mapping Piracy" : ds;
        Instant at = time;
        boolean onlyDate = dateOnly;
        LocalTime local = localTime;
        return () -> {
            IncidentType type = type(attackType, text);
            VictimVessel victim = new VictimVessel(name, 0, 0, null, vesselType, status(vesselStatus, text), null);
            return new Incident(id, at, onlyDate, lat, lon, place, type, victim, TextRules.perpetrators(text),
                    TextRules.weapons(text), TextRules.crewHarm(text), TextRules.itemsStolen(text),
                    TextRules.loss(type, text), TextRules.actions(text), source, null, description, null, marking,
                    createdBy, now, now, local);
        };
    }

    private static double coordinate(String s, String what, double max) {
        if (s == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
        if (!(Math.abs(v) <= max)) {
            throw new IllegalArgumentException(what + " " + s + " is out of range -" + (int) max + ".." + (int) max);
        }
        return v;
    }

    static IncidentType type(String attackType, String text) {
        if (attackType == null) {
            return TextRules.type(text);
        }
        return switch (attackType.strip().toLowerCase(Locale.ROOT)) {
            case "boarded", "boarding" -> TextRules.crewHarm(text) == CrewHarm.KIDNAPPED ? IncidentType.KIDNAPPING
                    : TextRules.theft(text) ? IncidentType.ROBBERY : IncidentType.BOARDING;
            case "hijacked" -> IncidentType.HIJACKING;
            case "attempted" -> IncidentType.ATTEMPTED_ATTACK;
            case "fired upon" -> IncidentType.FIRING_UPON;
            case "suspicious" -> IncidentType.SUSPICIOUS_APPROACH;
            default -> IncidentType.OTHER;
        };
    }

    static VesselStatus status(String s, String text) {
        if (s == null) {
            return TextRules.status(text);
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "anchored" -> VesselStatus.ANCHORED;
            case "berthed", "moored" -> VesselStatus.BERTHED;
            case "steaming", "underway" -> VesselStatus.STEAMING;
            case "drifting" -> VesselStatus.DRIFTING;
            default -> VesselStatus.UNKNOWN;
        };
    }

    /**
     * {@code s} with each run of commas (and the spaces between them) made one comma, without the commas and
     * spaces it ends in; null when nothing else is left (or for null).
     */
    static String tidyPlace(String s) {
        if (s == null) {
            return null;
        }
        s = s.replaceAll(",(\\s*,)+", ",");
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ',' || Character.isWhitespace(s.charAt(e - 1)))) {
            e--;
        }
        return e == 0 ? null : s.substring(0, e);
    }
}
