package org.watchkeeper.core.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;
import org.watchkeeper.core.util.TimeBound;

/**
 * The JSON form of an {@link Incident}, as the HTTP API answers it and the stores keep it:
 * <pre>
 * {"id","time","date_only","local_time","lat","lon","place","type",
 *  "victim":{"name","imo","mmsi","flag","type","status","description"},
 *  "perpetrators","weapons","crew_harm","items_stolen","loss","actions_taken":[..],
 *  "source","reference","narrative",
 *  "category":"CAT 3" (in force; absent when none),"category_computed","category_basis":[..],
 *  "category_override":{"category","reason","by","time"},
 *  "tlp":"AMBER","owner_org","shared_with":[..],"recipients":[..],"created_by","created","updated"}
 * </pre>
 * {@code local_time} ({@code "02:34"}, only with {@code date_only}) is the local time of day a report
 * gives without its zone ({@link Incident#localTime}). Times ISO-8601 UTC, MMSI a 9-digit string, enums by their lower-case API names; values that are
 * not available are absent.
 */
public final class IncidentJson {
    /** The mapper used for incident JSON. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Fields a client may send when creating or editing a report. */
    public static final Set<String> EDITABLE = Set.of("time", "date_only", "local_time", "lat", "lon", "place", "type", "victim",
            "perpetrators", "weapons", "crew_harm", "items_stolen", "loss", "actions_taken", "source", "reference",
            "narrative");
    /** Fields the server sets; accepted in a request body (a client may send back what it read) and ignored. */
    public static final Set<String> SERVER_SET = Set.of("id", "category", "category_computed", "category_basis",
            "category_override", "tlp", "owner_org", "shared_with", "recipients", "created_by", "created", "updated",
            "possible_duplicates");

    private IncidentJson() {
    }

    /** The JSON object of an incident. */
    public static ObjectNode write(Incident i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", i.id());
        o.put("time", i.time().toString());
        if (i.dateOnly()) {
            o.put("date_only", true);
        }
        if (i.localTime() != null) {
            o.put("local_time", i.localTime().toString());
        }
        o.put("lat", i.lat());
        o.put("lon", i.lon());
        text(o, "place", i.place());
        o.put("type", i.type().apiName());
        ObjectNode v = o.putObject("victim");
        VictimVessel vv = i.victim();
        text(v, "name", vv.name());
        if (vv.imo() > 0) {
            v.put("imo", vv.imo());
        }
        if (vv.mmsi() > 0) {
            v.put("mmsi", String.format("%09d", vv.mmsi()));
        }
        text(v, "flag", vv.flag());
        text(v, "type", vv.type());
        v.put("status", vv.status().apiName());
        text(v, "description", vv.description());
        if (i.perpetrators() != null) {
            o.put("perpetrators", i.perpetrators());
        }
        o.put("weapons", i.weapons().apiName());
        o.put("crew_harm", i.crewHarm().apiName());
        text(o, "items_stolen", i.itemsStolen());
        o.put("loss", i.loss().apiName());
        ArrayNode a = o.putArray("actions_taken");
        i.actionsTaken().forEach(a::add);
        text(o, "source", i.source());
        text(o, "reference", i.reference());
        text(o, "narrative", i.narrative());
        RecaapCategory.Assessment as = i.assessment();
        RecaapCategory in = i.category();
        if (in != null) {
            o.put("category", in.apiName());
        }
        if (as.category() != null) {
            o.put("category_computed", as.category().apiName());
        }
        ArrayNode b = o.putArray("category_basis");
        as.basis().forEach(b::add);
        CategoryOverride co = i.categoryOverride();
        if (co != null) {
            ObjectNode c = o.putObject("category_override");
            c.put("category", co.category().apiName());
            c.put("reason", co.reason());
            c.put("by", co.by());
            c.put("time", co.time().toString());
        }
        Marking m = i.marking();
        o.put("tlp", m.tlp().apiName());
        o.put("owner_org", m.ownerOrg());
        ArrayNode sw = o.putArray("shared_with");
        m.sharedWithOrgs().stream().sorted().forEach(sw::add);
        ArrayNode rc = o.putArray("recipients");
        m.recipients().stream().sorted().forEach(rc::add);
        o.put("created_by", i.createdBy());
        o.put("created", i.created().toString());
        o.put("updated", i.updated().toString());
        return o;
    }

    /**
     * Reads a stored incident (the output of {@link #write}).
     *
     * @throws IllegalArgumentException when a field is missing or invalid
     */
    public static Incident read(JsonNode o) {
        Incident report = readReport(o, o.path("id").asText(null),
                new Marking(Tlp.parse(o.path("tlp").asText(null)), req(o, "owner_org"), strings(o, "shared_with"),
                        strings(o, "recipients")),
                req(o, "created_by"), instant(o, "created", true), instant(o, "updated", true), null, false);
        JsonNode co = o.get("category_override");
        if (co != null && co.isObject()) {
            return report.withCategoryOverride(new CategoryOverride(RecaapCategory.parse(co.path("category").asText(null)),
                    co.path("reason").asText(null), req(co, "by"), instant(co, "time", true)), report.updated());
        }
        return report;
    }

    /**
     * Reads the editable fields of a report sent by a client and completes it with what the server sets.
     *
     * @param o the JSON object
     * @param id the incident id
     * @param marking its marking
     * @param createdBy its creator
     * @param created when it was first stored
     * @param updated now; with {@code strict} (a request), the report's time may be at most a day after it
     * @param override the category override to keep (null: none)
     * @param strict true to reject fields that are neither {@link #EDITABLE} nor {@link #SERVER_SET}
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public static Incident readReport(JsonNode o, String id, Marking marking, String createdBy, Instant created,
                                      Instant updated, CategoryOverride override, boolean strict) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("an incident is a JSON object");
        }
        if (strict) {
            for (var it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!EDITABLE.contains(f) && !SERVER_SET.contains(f)) {
                    throw new IllegalArgumentException("unknown field '" + f + "'; an incident has " + String.join(", ",
                            EDITABLE.stream().sorted().toList()) + ", and tlp, shared_with, recipients for its sharing");
                }
            }
        }
        Instant time = instant(o, "time", true);
        // a time given as a date is a date-only report (as ASAM's), unless date_only says otherwise
        boolean dateOnly = o.has("date_only") && !o.get("date_only").isNull() ? bool(o, "date_only") : isDate(o.get("time"));
        if (dateOnly) {
            time = time.truncatedTo(java.time.temporal.ChronoUnit.DAYS); // only the day is known: its 00:00 UTC
        }
        java.time.LocalTime localTime = null;
        JsonNode lt = o.get("local_time");
        if (lt != null && !lt.isNull()) {
            if (!lt.isTextual() || !lt.asText().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                throw new IllegalArgumentException("local_time must be a time of day hh:mm (00:00..23:59): " + lt);
            }
            if (!dateOnly) {
                throw new IllegalArgumentException("local_time is the local time of day of a report whose UTC time is not known:"
                        + " it goes with date_only true (or a time given as a date)");
            }
            localTime = java.time.LocalTime.parse(lt.asText());
        }
        // a report tells what happened: a day's grace for a date written in a zone east of UTC
        if (strict && updated != null && time.isAfter(updated.plus(java.time.Duration.ofDays(1)))) {
            throw new IllegalArgumentException("time " + time + " is more than a day after now (" + updated
                    + "): a report is of what has happened");
        }
        double lat = number(o, "lat", -90, 90);
        double lon = number(o, "lon", -180, 180);
        IncidentType type = IncidentType.parse(req(o, "type"));
        VictimVessel victim = VictimVessel.UNKNOWN;
        JsonNode v = o.get("victim");
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                throw new IllegalArgumentException("victim must be an object");
            }
            int imo = 0;
            if (v.hasNonNull("imo")) {
                imo = Imo.parse(v.get("imo").asText());
            }
            int mmsi = 0;
            if (v.hasNonNull("mmsi")) {
                String s = v.get("mmsi").asText();
                if (!s.matches("\\d{9}") || Integer.parseInt(s) < 1) {
                    throw new IllegalArgumentException("victim.mmsi must be an MMSI of 9 digits, leading zeros included: " + s);
                }
                mmsi = Integer.parseInt(s);
            }
            victim = new VictimVessel(opt(v, "name", 200), imo, mmsi, opt(v, "flag", 100), opt(v, "type", 100),
                    v.hasNonNull("status") ? VesselStatus.parse(v.get("status").asText()) : VesselStatus.UNKNOWN,
                    opt(v, "description", 500));
        }
        Integer perpetrators = null;
        if (o.hasNonNull("perpetrators")) {
            JsonNode p = o.get("perpetrators");
            if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 0 || p.asInt() > 10_000) {
                throw new IllegalArgumentException("perpetrators must be a whole number 0..10000: " + p);
            }
            perpetrators = p.asInt();
        }
        Weapons weapons = o.hasNonNull("weapons") ? Weapons.parse(o.get("weapons").asText()) : Weapons.NOT_STATED;
        CrewHarm harm = o.hasNonNull("crew_harm") ? CrewHarm.parse(o.get("crew_harm").asText()) : CrewHarm.NOT_STATED;
        EconomicLoss loss = o.hasNonNull("loss") ? EconomicLoss.parse(o.get("loss").asText()) : EconomicLoss.NOT_STATED;
        List<String> actions = new ArrayList<>();
        JsonNode a = o.get("actions_taken");
        if (a != null && !a.isNull()) {
            if (!a.isArray() || a.size() > 50) {
                throw new IllegalArgumentException("actions_taken must be an array of at most 50 strings");
            }
            for (JsonNode x : a) {
                if (!x.isTextual() || x.asText().length() > 200) {
                    throw new IllegalArgumentException("actions_taken holds strings of at most 200 characters");
                }
                actions.add(x.asText());
            }
        }
        return new Incident(id, time, dateOnly, lat, lon, opt(o, "place", 300), type, victim, perpetrators, weapons,
                harm, opt(o, "items_stolen", 500), loss, actions, opt(o, "source", 200), opt(o, "reference", 100),
                opt(o, "narrative", Incident.MAX_NARRATIVE), override, marking, createdBy, created, updated, localTime);
    }

    private static void text(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, v);
        }
    }

    private static String req(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(name + " is required (a string)");
        }
        return v.asText();
    }

    private static String opt(JsonNode o, String name, int max) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        if (v.asText().length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return v.asBoolean();
    }

    private static double number(JsonNode o, String name, double min, double max) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(name + " is required (a number)");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number: " + v);
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            // a number beyond a double's range reads as Infinity: say it as written
            String given = Double.isFinite(d) ? v.toString() : (d > 0 ? "a number too large to hold" : "a number too small to hold");
            throw new IllegalArgumentException(name + " must be in " + (int) min + ".." + (int) max + ": " + given);
        }
        return d;
    }

    /**
     * Parses a time as the query parameters take it ({@link TimeBound}): {@code 2024-06-01T12:00:00Z},
     * with an offset ({@code 2024-06-01T14:00+02:00}, the same instant), a local date-time read as
     * UTC, or a date (its 00:00 UTC).
     */
    static Instant instant(JsonNode o, String name, boolean required) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is required (an ISO-8601 time, " + TimeBound.FORMS + ")");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 time as a string (" + TimeBound.FORMS + "), not " + v);
        }
        try {
            Instant t = Instant.parse(v.asText()); // to the nanosecond, as the server writes created and updated
            TimeBound.millis(t, v.asText()); // stored and searched by its epoch milliseconds
            return t;
        } catch (DateTimeParseException e) {
            // the other forms
        } catch (TimeBound.OutOfRange e) {
            throw new IllegalArgumentException(name + " must be from " + TimeBound.RANGE + ": " + v.asText());
        }
        try {
            return Instant.ofEpochMilli(TimeBound.parse(v.asText(), false));
        } catch (TimeBound.OutOfRange e) {
            throw new IllegalArgumentException(name + " must be from " + TimeBound.RANGE + ": " + v.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 time (" + TimeBound.FORMS + "): " + v.asText());
        }
    }

    /** Whether {@code v} is a date alone ({@code 2024-06-01}). */
    private static boolean isDate(JsonNode v) {
        try {
            LocalDate.parse(v.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A JSON array of strings as a set. */
    public static Set<String> strings(JsonNode o, String name) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode a = o.get(name);
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray() || a.size() > 1000) {
            throw new IllegalArgumentException(name + " must be an array of at most 1000 strings");
        }
        for (JsonNode x : a) {
            if (!x.isTextual() || x.asText().isBlank() || x.asText().length() > 100) {
                throw new IllegalArgumentException(name + " holds non-empty strings of at most 100 characters");
            }
            out.add(x.asText().strip());
        }
        return out;
    }
}
