package org.watchkeeper.core.incident;

import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;

/**
 * Reads the CSV export of NGA's Anti-Shipping Activity Messages (ASAM; National Geospatial-Intelligence
 * Agency, Maritime Safety Information), columns {@code reference,date,position,navArea,subreg,hostility,
 * victim,description}.
 *
 * <p>Field rules:
 * <ul>
 *   <li>id {@code asam-<reference>}; a reference seen before in the file rejects the row.</li>
 *   <li>date {@code YYYY-MM-DD}; ASAM gives no time column, so the time of day is the one the description
 *       gives for that date ({@link NarrativeTime}): a UTC time ("On 15 November at 0418 UTC") makes the
 *       incident's time, also on the day before or after when that is the record's date at the place by
 *       the nautical time zone ({@link Incident#nauticalZoneHours}; "13.08.2020: 1700 UTC" at 121°E is
 *       14 August there, the record's date); a local one ("at 0230 local time", "0300 LT") is kept as its local time of day with the date only;
 *       none leaves 00:00 UTC of the date, date only.</li>
 *   <li>position: degrees-minutes-seconds text, latitude and longitude separated by a line break, e.g.
 *       {@code 1°07'00"N\n103°31'00"E}. Minutes 0..60 (the export writes {@code 7°60'00"} for 8°, so 60
 *       minutes carry into the degree), seconds 0..&lt;60 (some rows write them with three digits,
 *       {@code 010}, read as 10), latitude ≤ 90, longitude ≤ 180.</li>
 *   <li>place: the description's heading before its first colon (e.g. "INDONESIA") when it is at most
 *       60 characters and names a place (not a date or time stamp, "13.08.2020", "2100 LT", which is passed
 *       over, nor a bulletin's source); after stamps, the place after the position line ("13.08.2020: 1700
 *       UTC: POSN: 13-46.63N - 120-58.61E, BBTI TERMINAL, BATANGAS, PHILIPPINES."); else
 *       {@code NAVAREA <navArea>, subregion <subreg>}.</li>
 *   <li>victim: {@code <flag>-flagged <type> <NAME>} is split into flag, type and name (the name, cut
 *       short in some rows, is completed from the description when it continues there in capitals);
 *       other text is kept as the victim's description; N/A, UNKNOWN and empty mean nothing known.</li>
 *   <li>type from hostility + description; ship status, weapons, crew harm, perpetrators, items stolen,
 *       loss and actions taken from the description, all by {@link TextRules}.</li>
 *   <li>source "NGA ASAM", reference the ASAM reference, narrative the description.</li>
 * </ul>
 */
public final class AsamImporter {
    /** The columns a file must have (any order, any case; others are passed over). */
    public static final List<String> COLUMNS = List.of("reference", "date", "position", "navarea", "subreg", "hostility",
            "victim", "description");
    private static final Pattern DMS = Pattern.compile(
            "(\\d{1,3})°(\\d{1,2})'(\\d{1,3}(?:\\.\\d+)?)\"\\s*([NS])\\s+(\\d{1,3})°(\\d{1,2})'(\\d{1,3}(?:\\.\\d+)?)\"\\s*([EW])");
    private static final Pattern FLAGGED = Pattern.compile(
            "^(?<flag>[A-Z][A-Za-z .'()&-]*?)-flagged\\s+(?<type>[a-z][a-z /()-]*?)\\s+(?<name>[A-Z0-9][A-Z0-9 .'&/-]*)$");
    private static final Set<String> NOTHING_KNOWN = Set.of("N/A", "NA", "UNKNOWN", "UNKNOWN VESSEL", "UNK", "NONE");
    private static final Pattern REFERENCE = Pattern.compile("[0-9A-Za-z_.-]{1,100}");
    /**
     * Date, time and position stamps before a description's heading, each ended by a colon (a position also by a
     * comma), or a bulletin's clock: "13.08.2020: 1700 UTC: ", "2100 LT: ", "0206Z: 06-14N 003-22E: ",
     * "0905 LT: 02-13.19N 046-49.38E, ", "Tuesday, April 14, 2020 8:03 AM ".
     */
    private static final Pattern STAMP = Pattern.compile("(?:\\s*(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}\\s*(?:hrs|hours)?\\s*"
            + "(?:LT|UTC|GMT|Z|local time)?)\\s*:"
            + "|\\s*\\d{1,3}-\\d{1,2}(?:\\.\\d+)?[NS]\\s*-?\\s*\\d{1,3}-\\d{1,2}(?:\\.\\d+)?[EW]\\s*[:,]|\\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),[^:]{0,40}?"
            + "\\d{1,2}:\\d{2}(?:\\s*[AP]M)?)+", Pattern.CASE_INSENSITIVE);
    /** After the stamps, the reporting centres' position line and the place after it: "POSN: 13-46.63N - 120-58.61E, BBTI TERMINAL, BATANGAS, PHILIPPINES." */
    private static final Pattern POSN_PLACE = Pattern.compile("\\s*POSN?\\s*:\\s*[0-9][^,]{0,60},\\s*([^.]{3,80}?)\\.",
            Pattern.CASE_INSENSITIVE);
    /** A heading names a place with words: at least three letters in a row. */
    private static final Pattern HEADING = Pattern.compile("[A-Za-z]{3}");
    /**
     * A heading that is not a place: a bulletin's source ("FROM BIMCO WEEKLY NEWS, DATED 27 JULY 1994"), a time
     * ("0430LT"), the word before a position ("POSN").
     */
    private static final Pattern NOT_A_PLACE = Pattern.compile("\\bDATED\\b|^\\d{3,4}\\s*(?:LT|UTC|Z|hrs)\\b|^POSN?$",
            Pattern.CASE_INSENSITIVE);

    private AsamImporter() {
    }

    /**
     * Reads an ASAM CSV export.
     *
     * @param in the CSV text (UTF-8 decoded)
     * @param ownerOrg organisation that owns the imported incidents
     * @param createdBy user name recorded as creator
     * @param now the import time
     * @return incidents marked TLP:CLEAR and the rejected rows with their line and reason
     * @throws IllegalArgumentException when the header lacks a column
     */
    public static ImportResult read(Reader in, String ownerOrg, String createdBy, Instant now) {
        List<Supplier<Incident>> out = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        Map<String, Long> firstLine = new HashMap<>();
        Map<String, List<String>> firstRow = new HashMap<>();
        Marking marking = new Marking(Tlp.CLEAR, ownerOrg, Set.of(), Set.of());
        long rows = CsvRows.read(in, COLUMNS, (line, r, cols) -> {
            String ref = CsvRows.value(r, cols, "reference");
            if (ref == null) {
                throw new IllegalArgumentException("reference is empty");
            }
            if (!REFERENCE.matcher(ref).matches()) {
                throw new IllegalArgumentException("reference '" + ref + "' is not 1-100 letters, digits, '_', '.' or '-'");
            }
            List<String> raw = r.toList();
            if (firstLine.containsKey(ref)) {
                throw new IllegalArgumentException("duplicate reference " + ref + " (first at line " + firstLine.get(ref)
                        + (Objects.equals(firstRow.get(ref), raw) ? ", identical row)" : ", different content)"));
            }
            firstLine.put(ref, line);
            firstRow.put(ref, raw);
            out.add(incident(r, cols, ref, marking, createdBy, now));
            lines.add(line);
        }, rejected);
        return Classifying.finish(out, lines, rejected, rows);
    }

    /**
     * The row's fields checked (a bad one throws {@link IllegalArgumentException}: the row is rejected
     * with that reason), and the incident to be made of them once its narrative is read.
     */
    private static Supplier<Incident> incident(CSVRecord r, Map<String, Integer> cols, String ref, Marking marking,
                                               String createdBy, Instant now) {
        String dateText = CsvRows.value(r, cols, "date");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText == null ? "" : dateText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + dateText + "' is not YYYY-MM-DD");
        }
        double[] pos = position(CsvRows.value(r, cols, "position"));
        String description = CsvRows.value(r, cols, "description");
        String hostility = CsvRows.value(r, cols, "hostility");
        String text = description == null ? "" : description;
        String victimText = CsvRows.value(r, cols, "victim");
        String place = place(text, CsvRows.value(r, cols, "navarea"), CsvRows.value(r, cols, "subreg"));
        return () -> {
            IncidentType type = TextRules.type((hostility == null ? "" : hostility + ". ") + text, date);
            VictimVessel victim = victim(victimText, text);
            NarrativeTime.TimeOfDay said = NarrativeTime.of(text, date);
            java.time.LocalDateTime at = said == null ? null : date.plusDays(said.days()).atTime(said.time());
            if (said != null && said.days() != 0
                    && !date.equals(at.plusHours(Incident.nauticalZoneHours(pos[1])).toLocalDate())) {
                said = null; // a UTC time on a day beside the record's that is not the record's date at the place
            }
            boolean utc = said != null && said.utc();
            Instant time = (utc ? at : date.atStartOfDay()).toInstant(ZoneOffset.UTC);
            return new Incident("asam-" + ref, time, !utc, pos[0], pos[1], place, type, victim,
                    TextRules.perpetrators(text), TextRules.weapons(text), TextRules.crewHarm(text),
                    TextRules.itemsStolen(text), TextRules.loss(type, hostility, text), TextRules.actions(text),
                    "NGA ASAM", ref, description, null, marking, createdBy, now, now,
                    said != null && !utc ? said.time() : null);
        };
    }

    /**
     * Parses an ASAM position such as {@code 1°07'00"N\n103°31'00"E}.
     *
     * @return {lat, lon} in degrees
     * @throws IllegalArgumentException when the text is not such a position or out of range
     */
    public static double[] position(String s) {
        if (s == null) {
            throw new IllegalArgumentException("position is empty");
        }
        Matcher m = DMS.matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("position '" + s.replace("\n", "\\n")
                    + "' is not degrees°minutes'seconds\"N/S followed by degrees°minutes'seconds\"E/W");
        }
        double lat = dms(m.group(1), m.group(2), m.group(3), "latitude", s) * (m.group(4).equals("S") ? -1 : 1);
        double lon = dms(m.group(5), m.group(6), m.group(7), "longitude", s) * (m.group(8).equals("W") ? -1 : 1);
        if (Math.abs(lat) > 90) {
            throw new IllegalArgumentException("latitude " + lat + " is beyond 90° in '" + s.replace("\n", "\\n") + "'");
        }
        if (Math.abs(lon) > 180) {
            throw new IllegalArgumentException("longitude " + lon + " is beyond 180° in '" + s.replace("\n", "\\n") + "'");
        }
        return new double[] {lat, lon};
    }

    private static double dms(String d, String m, String s, String what, String text) {
        int deg = Integer.parseInt(d);
        int min = Integer.parseInt(m);
        double sec = Double.parseDouble(s);
        if (min > 60 || sec >= 60) {
            throw new IllegalArgumentException(what + " minutes must be 0..60 and seconds below 60 in '"
                    + text.replace("\n", "\\n") + "'");
        }
        return deg + min / 60.0 + sec / 3600.0;
    }

    static String place(String description, String navArea, String subreg) {
        Matcher stamp = STAMP.matcher(description);
        String rest = stamp.lookingAt() ? description.substring(stamp.end()) : description;
        Matcher posn = POSN_PLACE.matcher(rest);
        if (posn.lookingAt()) {
            return posn.group(1).strip();
        }
        int colon = rest.indexOf(':');
        if (colon > 0 && colon <= 60) {
            String head = rest.substring(0, colon).strip();
            if (HEADING.matcher(head).find() && !NOT_A_PLACE.matcher(head).find()) {
                return head;
            }
        }
        if (navArea == null) {
            return null;
        }
        return "NAVAREA " + navArea + (subreg == null ? "" : ", subregion " + subreg);
    }

    static VictimVessel victim(String raw, String description) {
        if (raw == null || NOTHING_KNOWN.contains(raw.toUpperCase(java.util.Locale.ROOT))) {
            return new VictimVessel(null, 0, 0, null, null, TextRules.status(description), null);
        }
        Matcher m = FLAGGED.matcher(raw);
        if (m.matches()) {
            String name = m.group("name").strip();
            Matcher more = Pattern.compile(Pattern.quote(name) + "([A-Z0-9]+)").matcher(description);
            if (more.find()) {
                name = name + more.group(1);
            }
            return new VictimVessel(name, 0, 0, m.group("flag").strip(), m.group("type").strip(),
                    TextRules.status(description), null);
        }
        return new VictimVessel(null, 0, 0, null, null, TextRules.status(description), raw);
    }
}
