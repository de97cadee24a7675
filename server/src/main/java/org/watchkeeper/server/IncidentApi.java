package org.watchkeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.incident.AsamImporter;
import org.watchkeeper.core.incident.CategoryOverride;
import org.watchkeeper.core.incident.ImbImporter;
import org.watchkeeper.core.incident.ImportResult;
import org.watchkeeper.core.incident.Incident;
import org.watchkeeper.core.incident.IncidentJson;
import org.watchkeeper.core.incident.IncidentType;
import org.watchkeeper.core.incident.RecaapCategory;
import org.watchkeeper.core.incident.SameIncident;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.core.sharing.Tlp;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.ClosestApproach;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.IncidentQuery;
import org.watchkeeper.store.IncidentRow;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselRow;

/**
 * The incident routes: reports (list, read, create, edit, delete), sharing, the analyst's category
 * override, "who was there", CSV import of the public datasets, and the incident and STIX 2.1
 * exports. Every route and stream message shows an incident only to callers for whom
 * {@link #visible} holds; an incident the caller may not see answers 404, exactly like one that
 * does not exist.
 *
 * <p>Incident JSON: see {@link IncidentJson}. New reports are marked TLP:AMBER unless the body says
 * otherwise, imported public datasets TLP:CLEAR; the owner organisation is the creator's.
 */
public final class IncidentApi {
    /** Default {@code limit} of the incident list. */
    public static final int DEFAULT_LIMIT = 1000;
    /** Default and largest "who was there" radius, km. */
    public static final double DEFAULT_RADIUS_KM = 10, MAX_RADIUS_KM = 500;
    /** Default and largest half-window of "who was there", hours. */
    public static final double DEFAULT_HOURS = 6, MAX_HOURS = 168;
    /** Most vessels answered by "who was there" (the closest ones). */
    public static final int MAX_NEARBY_VESSELS = 200;
    /** Most points of one track snippet (longer tracks are thinned evenly, keeping both ends). */
    public static final int MAX_SNIPPET_POINTS = 500;

    /** Columns of the incident CSV export (one level: victim fields as {@code victim_*}). */
    public static final List<String> CSV_FIELDS = List.of("id", "time", "date_only", "local_time", "lat", "lon", "place", "type", "category",
            "category_computed", "victim_name", "victim_imo", "victim_mmsi", "victim_flag", "victim_type", "victim_status",
            "perpetrators", "weapons", "crew_harm", "items_stolen", "loss", "actions_taken", "source", "reference", "tlp",
            "owner_org", "shared_with", "recipients", "created_by", "created", "updated", "possible_duplicates", "narrative");

    /**
     * The official STIX 2.1 marking-definition ids of TLP 2.0 (OASIS CTI TC, cti-stix-common-objects,
     * extension-definition-specifications/tlp-2.0, extension {@value #TLP2_EXTENSION}).
     */
    static final Map<Tlp, String> STIX_TLP_IDS = Map.of(
            Tlp.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Tlp.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Tlp.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Tlp.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            Tlp.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private IncidentApi() {
    }

    /**
     * Whether {@code p}, under {@code policy}, may see incident {@code i} at {@code now}: the TLP
     * marking admits the caller, and the caller belongs to the host organisation or to the owning
     * organisation or its policy grants incidents at the incident's place and time. The creator
     * always sees their own report.
     */
    public static boolean visible(Principal p, SharingPolicy policy, Incident i, Instant now) {
        if (p.user().equals(i.createdBy())) {
            return true;
        }
        return i.marking().visibleTo(p) && (p.hostOrg() || p.org().equals(i.marking().ownerOrg())
                || policy.allows(DataClass.INCIDENTS, i.lat(), i.lon(), i.time(), now));
    }

    /** Adds the routes to {@code app}. */
    public static void register(Javalin app, WatchkeeperServer server) {
        HistoryStore store = server.incidentStore();

        app.get("/api/incidents", ctx -> {
            int limit = Api.integer(ctx, "limit", 1, Api.MAX_LIMIT, DEFAULT_LIMIT);
            List<Incident> fetched = list(ctx, store, limit + 1);
            boolean truncated = fetched.size() > limit;
            List<Incident> list = Api.firstOf(fetched, limit);
            boolean summary = Api.bool(ctx, "summary", false);
            ObjectNode o = Rows.JSON.createObjectNode();
            o.put("count", list.size());
            // more reports match than the limit let through: raise limit (up to 100 000) or narrow the query
            o.put("truncated", truncated);
            StartupImport.Progress loading = server.startupImport().progress();
            if (loading != null) {
                // the list holds the reports loaded so far; absent once the start-up import has ended
                ObjectNode l = o.putObject("loading");
                l.put("file", loading.file());
                l.put("number", loading.number());
                l.put("files", loading.files());
                l.put("message", loading.message() + "; the list holds the reports loaded so far");
            }
            ArrayNode a = o.putArray("incidents");
            // each with its possible duplicates as GET /api/incidents/{id} gives them, found for the whole list at once
            Map<String, List<SameIncident.Match>> same = possibleDuplicates(ctx, store, list, covered(ctx, list, truncated));
            for (Incident i : list) {
                ObjectNode x = summary ? summary(i) : IncidentJson.write(i);
                x.set("possible_duplicates", duplicatesJson(same.get(i.id())));
                a.add(x);
            }
            ctx.json(o);
        });
        app.get("/api/incidents/{id}", ctx -> {
            Incident i = find(ctx, server);
            ObjectNode o = IncidentJson.write(i);
            o.set("possible_duplicates", duplicatesJson(possibleDuplicates(ctx, store, List.of(i), null).get(i.id())));
            ctx.json(o);
        });
        app.post("/api/incidents", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            JsonNode body = object(ctx);
            Instant now = Instant.now();
            Marking m = marking(body, p, new Marking(Tlp.AMBER, p.org(), Set.of(), Set.of()), p.user());
            server.accounts().checkKnown(m, p);
            serverSet(server, body, m.ownerOrg(), p.user());
            Incident i = IncidentJson.readReport(body, "inc-" + UUID.randomUUID(), m, p.user(), now, now, null, true);
            save(server, null, i);
            ctx.status(201).json(IncidentJson.write(i));
            audit(ctx, server, "create", i, Map.of("tlp", i.marking().tlp().apiName()));
        });
        app.put("/api/incidents/{id}", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            Incident old = find(ctx, server);
            owner(p, old, "edit");
            JsonNode body = object(ctx);
            serverSet(server, body, old.marking().ownerOrg(), old.createdBy());
            // the sharing a body names is checked like a share's, and must be the report's own: a PUT
            // does not share (it would be ignored silently), POST /api/incidents/{id}/share does
            Marking asked = marking(body, p, old.marking(), old.createdBy());
            server.accounts().checkKnown(asked, p);
            if (!asked.equals(old.marking())) {
                throw new Api.BadRequest("tlp, shared_with and recipients differ from the incident's: a PUT edits the report,"
                        + " POST /api/incidents/" + old.id() + "/share changes its sharing");
            }
            Incident i = IncidentJson.readReport(body, old.id(), old.marking(), old.createdBy(), old.created(),
                    Instant.now(), old.categoryOverride(), true);
            save(server, old, i);
            ctx.json(IncidentJson.write(i));
            audit(ctx, server, "change", i, Map.of("change", "report"));
        });
        app.delete("/api/incidents/{id}", ctx -> {
            // an admin (of the owning organisation, or of the host) may delete any report they can see; the report's
            // creator may withdraw it too, which a RED report that names no admin needs
            Principal p = Access.require(ctx, Role.ANALYST);
            Incident i = find(ctx, server);
            boolean creator = p.user().equals(i.createdBy()) && p.org().equals(i.marking().ownerOrg());
            if (!creator && p.role() != Role.ADMIN) {
                throw new ForbiddenResponse("deleting incident " + i.id() + " needs the admin role, or to be its creator ("
                        + i.createdBy() + ")");
            }
            if (!creator && !p.hostOrg()) {
                owner(p, i, "delete");
            }
            store.deleteIncident(i.id());
            Instant now = Instant.now();
            server.stream().withdrawIncident(i.id(), "deleted", i.lat(), i.lon(), c -> visible(c.principal(), c.policy(), i, now));
            ctx.status(204);
            audit(ctx, server, "delete", i, Map.of());
        });
        app.post("/api/incidents/{id}/share", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            Incident old = find(ctx, server);
            owner(p, old, "share");
            JsonNode body = object(ctx);
            for (var it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("tlp") && !f.equals("shared_with") && !f.equals("recipients")) {
                    throw new Api.BadRequest("unknown field '" + f + "'; a share has tlp, shared_with, recipients");
                }
            }
            Marking shared = marking(body, p, old.marking(), old.createdBy());
            server.accounts().checkKnown(shared, p);
            Incident i = old.withMarking(shared, Instant.now());
            save(server, old, i);
            ctx.json(IncidentJson.write(i));
            Marking m = i.marking();
            audit(ctx, server, "change", i, Map.of("change", "share", "tlp", m.tlp().apiName(),
                    "shared_with", String.join(" ", new java.util.TreeSet<>(m.sharedWithOrgs())),
                    "recipients", String.join(" ", new java.util.TreeSet<>(m.recipients()))));
        });
        app.put("/api/incidents/{id}/category", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            Incident old = find(ctx, server);
            owner(p, old, "categorise");
            JsonNode body = object(ctx);
            for (var it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("category") && !f.equals("reason")) {
                    // a misspelt field ("categroy") would otherwise be read as the category left out
                    throw new Api.BadRequest("unknown field '" + f + "'; a category override has category, reason");
                }
            }
            JsonNode c = body.get("category");
            if (c == null) {
                throw new Api.BadRequest("category is required: CAT 1..CAT 4, or null to return to the computed one");
            }
            if (!c.isNull() && !c.isTextual()) {
                throw new Api.BadRequest("category must be a string, CAT 1..CAT 4, or null to return to the computed one, not "
                        + Api.describe(c) + ": " + c);
            }
            if (c.isTextual() && c.asText().isBlank()) {
                throw new Api.BadRequest("category is empty: CAT 1..CAT 4, or null to return to the computed one");
            }
            String reason = Api.text(body, "reason");
            if (reason == null || reason.isBlank()) {
                throw new Api.BadRequest("reason is required: say why " + (c.isNull() ? "the computed category applies again"
                        : "the category differs from the computed one"));
            }
            if (!c.isNull() && !old.type().boarded()) {
                // ReCAAP ISC categorises actual incidents only; attempts and approaches have no category
                throw new Api.BadRequest("a ReCAAP category is for actual incidents (boarding, robbery, hijacking, kidnapping),"
                        + " not a " + old.type().apiName() + "; change the incident's type first if it was one");
            }
            Instant now = Instant.now();
            CategoryOverride o = c.isNull() ? null
                    : new CategoryOverride(RecaapCategory.parse(c.asText()), reason, p.user(), now);
            Incident i = old.withCategoryOverride(o, now);
            save(server, old, i);
            ctx.json(IncidentJson.write(i));
            audit(ctx, server, "change", i, Map.of("change", "category",
                    "category", o == null ? "computed" : o.category().apiName(), "reason", reason));
        });
        app.get("/api/incidents/{id}/nearby", ctx -> {
            Incident i = find(ctx, server);
            // not filters but the search's own measures: given empty (radius_km=), a value was meant and is missing
            notEmpty(ctx, "radius_km", "a radius in km, > 0 and <= " + (int) MAX_RADIUS_KM, (int) DEFAULT_RADIUS_KM + " km");
            notEmpty(ctx, "hours", "hours either side of the incident time, 0.." + (int) MAX_HOURS, (int) DEFAULT_HOURS + " h");
            notEmpty(ctx, "fixes_only", "true or false", "false");
            double r = Api.positive(ctx, "radius_km", MAX_RADIUS_KM, DEFAULT_RADIUS_KM, false);
            double h = Api.number(ctx, "hours", 0, MAX_HOURS, DEFAULT_HOURS, false);
            boolean fixesOnly = Api.bool(ctx, "fixes_only", false);
            ctx.json(nearby(server, i, r, h, fixesOnly, Access.policy(ctx), Instant.now()));
        });
        app.post("/api/incidents/import", ctx -> {
            Principal p = Access.require(ctx, Role.ADMIN);
            String format = ctx.queryParam("format");
            if (format == null || format.isEmpty()) {
                throw new Api.BadRequest("format is required: asam or imb (POST /api/incidents/import?format=asam)");
            }
            if (!(format.equals("asam") || format.equals("imb"))) {
                throw new Api.BadRequest("format must be asam or imb: " + format);
            }
            String csv = Api.importBody(ctx);
            if (csv.isBlank()) {
                throw new Api.BadRequest("a CSV body is required");
            }
            Instant now = Instant.now();
            ImportResult res = format.equals("asam")
                    ? AsamImporter.read(new StringReader(csv), p.org(), p.user(), now)
                    // one body, so without the dataset's country_codes.csv: countries by their ISO 3166 English names
                    : ImbImporter.read(new StringReader(csv), ImbImporter.standardCountryNames(), p.org(), p.user(), now);
            IncidentImport.Outcome out = IncidentImport.merge(store, res, p.org(), p.hostOrg(), now);
            ctx.json(summary(out));
            // each report the import changed is an entry of its own, as an edit is; new ones are counted
            for (int k = 0; k < out.updated().size(); k++) {
                Incident i = out.updated().get(k);
                notify(server, out.previous().get(k), i);
                audit(ctx, server, "change", i, Map.of("change", "import", "format", format));
            }
            Security.audit(ctx, server, "create", "POST /api/incidents/import?format=" + format, withCaller(ctx, counts(out)));
        });

        for (String format : List.of("geojson", "csv", "kml")) {
            app.get("/api/export/incidents." + format, ctx -> export(ctx, server, format));
        }
        app.get("/api/export/stix", ctx -> {
            String body = PlainJson.write(stix(ctx, server));
            // named by its filters as the other exports are, so that bundles of different windows or areas do not
            // overwrite each other (watchkeeper-stix.json when it has none)
            ctx.header("Content-Disposition", "attachment; filename=\"" + Exports.fileName(ctx, "watchkeeper-stix", "json") + "\"");
            Exports.signed(ctx, server, "application/stix+json;version=2.1", body);
        });

        // The OpenAPI entries of these routes live beside this class and join the main document.
        app.after("/openapi.json", ctx -> {
            String doc = ctx.result();
            if (ctx.status().getCode() != 200 || doc == null) {
                return;
            }
            ObjectNode main = (ObjectNode) Rows.JSON.readTree(doc);
            try (InputStream in = IncidentApi.class.getResourceAsStream("openapi-incidents.json")) {
                JsonNode extra = Rows.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                ((ObjectNode) main.with("paths")).setAll((ObjectNode) extra.get("paths"));
                ((ObjectNode) main.with("components").with("schemas")).setAll((ObjectNode) extra.get("schemas"));
            }
            ctx.result(main.toString());
        });
    }

    /**
     * Refuses a query parameter given with an empty value ({@code ?radius_km=}), which would otherwise stand for
     * its default unseen.
     *
     * @throws Api.BadRequest {@code radius_km is empty: give a radius in km, ..., or leave it out for 10 km}
     */
    static void notEmpty(Context ctx, String name, String what, String dflt) {
        String v = ctx.queryParam(name);
        if (v != null && v.isBlank()) {
            throw new Api.BadRequest(name + " is empty: give " + what + ", or leave it out for " + dflt);
        }
    }

    // ---- reading and writing ----

    /**
     * Appends the audit entry of a change to incident {@code i}: target {@code incident:<id>}, detail
     * {@code extra} plus the answer status and the caller's token id. Reads and exports are logged by
     * {@link Security}'s after-handler.
     */
    static void audit(Context ctx, WatchkeeperServer server, String action, Incident i, Map<String, String> extra) {
        Security.audit(ctx, server, action, "incident:" + i.id(), withCaller(ctx, extra));
    }

    private static Map<String, String> withCaller(Context ctx, Map<String, String> extra) {
        Map<String, String> d = new java.util.TreeMap<>(extra);
        d.put("status", Integer.toString(ctx.statusCode()));
        if (ctx.attribute(Security.TOKEN_ID) != null) {
            d.put("token", ctx.attribute(Security.TOKEN_ID));
        }
        return d;
    }

    /**
     * The answer of an import: {@code {"imported","updated","unchanged","rejected":[{"line","reason"}]}}, the counts of
     * new, changed and unchanged reports and the rejected rows (their count is the list's length).
     */
    public static ObjectNode summary(IncidentImport.Outcome out) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("imported", out.imported().size());
        o.put("updated", out.updated().size());
        o.put("unchanged", out.unchanged());
        ArrayNode a = o.putArray("rejected");
        out.rejected().forEach(x -> a.addObject().put("line", x.line()).put("reason", x.reason()));
        return o;
    }

    /** The counts of an import, as its audit entry holds them. */
    public static Map<String, String> counts(IncidentImport.Outcome out) {
        return Map.of("imported", Integer.toString(out.imported().size()), "updated", Integer.toString(out.updated().size()),
                "unchanged", Integer.toString(out.unchanged()), "rejected", Integer.toString(out.rejected().size()));
    }

    /** The store row of an incident. */
    public static IncidentRow row(Incident i) {
        RecaapCategory c = i.category();
        return new IncidentRow(i.id(), i.time().toEpochMilli(), i.lat(), i.lon(), i.type().apiName(),
                c == null ? null : c.apiName(), i.victim().mmsi() > 0 ? i.victim().mmsi() : PositionRow.NOT_AVAILABLE,
                i.victim().imo() > 0 ? i.victim().imo() : PositionRow.NOT_AVAILABLE, i.marking().tlp().apiName(),
                i.marking().ownerOrg(), i.updated().toEpochMilli(), IncidentJson.write(i).toString());
    }

    /** The incident of a store row. */
    public static Incident incident(IncidentRow r) {
        try {
            return IncidentJson.read(Rows.JSON.readTree(r.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident " + r.id() + " holds malformed JSON", e);
        }
    }

    /**
     * Stores the incident and tells the stream clients that may see it; those that could see its
     * version before ({@code old}) and may not see this one (re-marked, shared with fewer, or moved out
     * of the client's box) are told it is withdrawn, so that an open map drops it.
     *
     * @param old the incident as stored before, or null for a new one
     */
    static void save(WatchkeeperServer server, Incident old, Incident i) {
        server.incidentStore().upsertIncidents(List.of(row(i)));
        notify(server, old, i);
    }

    /** Tells the stream clients of stored incident {@code i}, as {@link #save} does. */
    static void notify(WatchkeeperServer server, Incident old, Incident i) {
        String json = IncidentJson.write(i).toString();
        Instant now = Instant.now();
        server.stream().publishIncident(i.lat(), i.lon(), json, c -> visible(c.principal(), c.policy(), i, now));
        if (old != null) {
            server.stream().withdrawIncident(old.id(), "not_visible", old.lat(), old.lon(),
                    c -> visible(c.principal(), c.policy(), old, now)
                            && !(c.filter().inBox(i.lat(), i.lon()) && visible(c.principal(), c.policy(), i, now)));
        }
    }

    /**
     * The incident named by the path.
     *
     * @throws Api.BadRequest (400) when the id is malformed
     * @throws Api.Unavailable (503, {@code Retry-After}) when it is absent or not visible to the caller while the
     *     server's start-up import runs ({@link StartupImport}): it may be a report not loaded yet
     * @throws NotFoundResponse (404) when it is absent or not visible to the caller
     */
    static Incident find(Context ctx, WatchkeeperServer server) {
        String id = ctx.pathParam("id");
        if (!id.matches("[0-9A-Za-z_.-]{1,128}")) {
            throw new Api.BadRequest("an incident id is 1-128 letters, digits, '_', '.' or '-': " + id);
        }
        Incident i = server.incidentStore().incident(id).map(IncidentApi::incident).orElse(null);
        if (i == null || !visible(Access.principal(ctx), Access.policy(ctx), i, Instant.now())) {
            // one answer for absent and not visible, as the 404 is
            StartupImport.Progress loading = server.startupImport().progress();
            if (loading != null) {
                throw new Api.Unavailable("no incident with id " + id + " yet: " + loading.message() + "; try again shortly",
                        StartupImport.RETRY_AFTER_SECONDS);
            }
            throw new NotFoundResponse("no incident with id " + id);
        }
        return i;
    }

    static void owner(Principal p, Incident i, String what) {
        if (!p.org().equals(i.marking().ownerOrg())) {
            throw new ForbiddenResponse("only organisation " + i.marking().ownerOrg() + " may " + what + " incident "
                    + i.id());
        }
    }

    static JsonNode object(Context ctx) throws JsonProcessingException {
        JsonNode b = Api.jsonBody(ctx);
        if (!b.isObject()) {
            throw new Api.BadRequest("the body must be a JSON object");
        }
        return b;
    }

    /**
     * Checks the fields of a report body the server sets from the caller ({@code owner_org},
     * {@code created_by}): absent, null or as they are (a client may send back what it read). Another
     * value is refused rather than dropped silently, by one message whether or not the server has an
     * organisation or user of that name (the caller learns nothing of the server's accounts).
     *
     * @throws Api.BadRequest naming the field and its value
     */
    static void serverSet(WatchkeeperServer server, JsonNode body, String ownerOrg, String createdBy) {
        String owner = Api.text(body, "owner_org");
        if (owner != null && !owner.equals(ownerOrg)) {
            throw new Api.BadRequest("owner_org is the reporting user's organisation, '" + ownerOrg + "', and cannot be set to '"
                    + owner + "'");
        }
        String by = Api.text(body, "created_by");
        if (by != null && !by.equals(createdBy)) {
            throw new Api.BadRequest("created_by is the reporting user, '" + createdBy + "', and cannot be set to '" + by + "'");
        }
    }

    /**
     * The marking a body asks for ({@code tlp}, {@code shared_with}, {@code recipients}; absent fields
     * keep {@code current}'s, also when the TLP changes). The creator is always a recipient of a RED report.
     *
     * @throws Api.BadRequest for a non-empty list given that the TLP does not use ({@link Marking#unusedList})
     */
    static Marking marking(JsonNode body, Principal p, Marking current, String creator) {
        Tlp tlp = current.tlp();
        JsonNode t = body.get("tlp");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) {
                throw new Api.BadRequest("tlp must be a string: CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
            }
            tlp = Tlp.parse(t.asText());
        }
        Set<String> givenOrgs = body.has("shared_with") ? IncidentJson.strings(body, "shared_with") : Set.of();
        Set<String> givenRecipients = body.has("recipients") ? IncidentJson.strings(body, "recipients") : Set.of();
        String unused = Marking.unusedList(tlp, givenOrgs, givenRecipients);
        if (unused != null) {
            throw new Api.BadRequest(unused);
        }
        // a list left out keeps its value, so that going from RED back to AMBER keeps the organisations shared with before
        Set<String> orgs = body.has("shared_with") ? givenOrgs : current.sharedWithOrgs();
        Set<String> recipients = new LinkedHashSet<>(body.has("recipients") ? givenRecipients : current.recipients());
        if (tlp == Tlp.RED) {
            recipients.add(creator);
        }
        return new Marking(tlp, current.ownerOrg(), orgs, recipients);
    }

    /** Most store queries one search for possible duplicates makes (see {@link SearchWindows#queries}). */
    static final int MAX_DUPLICATE_QUERIES = 4;

    /**
     * The possible duplicates of one report as the incident routes give them: the reports the caller may
     * see that may tell the same attack ({@link SameIncident}: another source, UTC dates at most a day apart,
     * within 20 km, no other IMO number), nearest first: each its {@code id}, {@code source} (absent when
     * the report has none), {@code reference} (absent when none), {@code time} (ISO-8601 UTC),
     * {@code date_only}, {@code type}, {@code distance_km} (great circle, km, 3 decimals, 0..20) and
     * {@code days_apart} (difference of the UTC dates, 0 or 1).
     */
    public static ArrayNode duplicatesJson(List<SameIncident.Match> matches) {
        ArrayNode a = Rows.JSON.createArrayNode();
        for (SameIncident.Match m : matches) {
            Incident c = m.incident();
            ObjectNode x = a.addObject();
            x.put("id", c.id());
            if (c.source() != null) {
                x.put("source", c.source());
            }
            if (c.reference() != null) {
                x.put("reference", c.reference());
            }
            x.put("time", c.time().toString());
            x.put("date_only", c.dateOnly());
            x.put("type", c.type().apiName());
            x.put("distance_km", Math.round(m.distanceKm() * 1000) / 1000.0);
            x.put("days_apart", m.daysApart());
        }
        return a;
    }

    /**
     * For each of {@code incidents} (reports the caller may see), the reports the caller may see that may
     * tell the same attack, nearest first; every report the caller may see is a candidate, not only those of
     * {@code incidents}. The store is read by at most {@value #MAX_DUPLICATE_QUERIES} queries over the
     * reports' search windows outside {@code covered} ({@link SearchWindows}); of what they give, only a
     * report inside one of the windows and its box is decoded and checked for visibility, and one of
     * {@code incidents} is taken as it is.
     *
     * @param covered {@code {from, to}} epoch ms, both inclusive, of a time window whose every report the
     *     caller may see is one of {@code incidents} ({@link #covered}), or null when there is none
     * @return per id of {@code incidents}, its matches (an empty list when none)
     */
    static Map<String, List<SameIncident.Match>> possibleDuplicates(Context ctx, HistoryStore store, List<Incident> incidents,
                                                                    long[] covered) {
        Principal p = Access.principal(ctx);
        SharingPolicy policy = Access.policy(ctx);
        Instant now = Instant.now();
        return possibleDuplicates(store, incidents, covered, c -> visible(p, policy, c, now));
    }

    /**
     * The possible duplicates of {@code incidents} among themselves and the store's reports that {@code visible}
     * admits ({@link SameIncident#each}), reading only the days and places around them; {@code covered} a window
     * ({from, to} epoch ms) whose reports {@code incidents} already hold all of, or null. For the command line,
     * which sees every report of its store, and the HTTP API, which sees what the caller may.
     */
    public static Map<String, List<SameIncident.Match>> possibleDuplicates(HistoryStore store, List<Incident> incidents,
                                                                           long[] covered, java.util.function.Predicate<Incident> visible) {
        if (incidents.isEmpty()) {
            return Map.of();
        }
        Map<String, Incident> known = new HashMap<>();
        incidents.forEach(i -> known.put(i.id(), i));
        SearchWindows windows = new SearchWindows(incidents, covered);
        // the reports themselves are candidates too (the covered window is not read)
        List<Incident> candidates = new ArrayList<>(incidents);
        for (IncidentQuery q : windows.queries(MAX_DUPLICATE_QUERIES)) {
            for (IncidentRow r : store.incidents(q)) {
                if (known.containsKey(r.id()) || !windows.holds(r.timeMillis(), r.lat(), r.lon())) {
                    continue;
                }
                Incident c = incident(r);
                if (visible.test(c)) {
                    candidates.add(c);
                }
            }
        }
        return SameIncident.each(incidents, candidates);
    }

    /**
     * Where the possible duplicates of some reports may be: the reports' search windows
     * ({@link SameIncident#windowStartMillis} .. {@link SameIncident#windowEndMillis}), joined where they
     * overlap, less a {@code covered} window whose reports are known, each run of windows with the box holding
     * its reports' search boxes ({@link SameIncident#box}; {@code {minLat, minLon, maxLat, maxLon}} degrees,
     * {@code minLon > maxLon} across the 180° meridian, every longitude when joined boxes would cross it).
     * A list of reports spread over decades (a text search, a small area, one type) has many short runs; a
     * list of every report of a period has one run, less the period itself: the days just before and after.
     */
    static final class SearchWindows {
        /** The runs in time order, not overlapping: {from, to} epoch ms, both inclusive. */
        final List<long[]> spans = new ArrayList<>();
        /** The box of each run. */
        final List<double[]> boxes = new ArrayList<>();

        /**
         * @param covered {@code {from, to}} epoch ms, both inclusive, of a window left out, or null
         */
        SearchWindows(List<Incident> incidents, long[] covered) {
            List<Incident> byStart = new ArrayList<>(incidents);
            byStart.sort(java.util.Comparator.comparingLong(SameIncident::windowStartMillis));
            List<long[]> runs = new ArrayList<>();
            List<double[]> runBoxes = new ArrayList<>();
            for (Incident i : byStart) {
                long from = SameIncident.windowStartMillis(i);
                long to = SameIncident.windowEndMillis(i);
                double[] b = SameIncident.box(i);
                long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && from <= last[1] + 1) {
                    last[1] = Math.max(last[1], to);
                    widen(runBoxes.get(runBoxes.size() - 1), b);
                } else {
                    runs.add(new long[] {from, to});
                    runBoxes.add(b.clone());
                }
            }
            for (int k = 0; k < runs.size(); k++) {
                long[] w = runs.get(k);
                if (covered == null || w[1] < covered[0] || w[0] > covered[1]) {
                    add(w[0], w[1], runBoxes.get(k));
                    continue;
                }
                if (w[0] < covered[0]) {
                    add(w[0], covered[0] - 1, runBoxes.get(k));
                }
                if (w[1] > covered[1]) {
                    add(covered[1] + 1, w[1], runBoxes.get(k));
                }
            }
        }

        private void add(long from, long to, double[] box) {
            spans.add(new long[] {from, to});
            boxes.add(box.clone());
        }

        /**
         * At most {@code maxQueries} (at least 1) store queries that together select every report of the
         * runs: the runs joined across all but the {@code maxQueries - 1} longest gaps between them (the
         * fewest days read that the runs do not need), each query with the box holding its runs' boxes (a
         * lone run's box as it is). Their time windows do not overlap, so no report is read twice.
         *
         * @return the queries in time order; none when there are no runs
         */
        List<IncidentQuery> queries(int maxQueries) {
            int n = spans.size();
            long[] gap = new long[Math.max(0, n - 1)];
            List<Integer> gaps = new ArrayList<>();
            for (int k = 0; k < gap.length; k++) {
                gap[k] = spans.get(k + 1)[0] - spans.get(k)[1];
                gaps.add(k);
            }
            gaps.sort(java.util.Comparator.comparingLong((Integer k) -> -gap[k]).thenComparing(k -> k));
            Set<Integer> kept = new HashSet<>(gaps.subList(0, Math.min(gaps.size(), maxQueries - 1)));
            List<IncidentQuery> out = new ArrayList<>();
            long from = 0;
            double[] box = null;
            for (int k = 0; k < n; k++) {
                if (box == null) {
                    from = spans.get(k)[0];
                    box = boxes.get(k).clone();
                } else {
                    widen(box, boxes.get(k));
                }
                if (k == n - 1 || kept.contains(k)) {
                    out.add(new IncidentQuery(from, spans.get(k)[1], box, null, null));
                    box = null;
                }
            }
            return out;
        }

        /** Whether a report at {@code timeMillis}, {@code lat}, {@code lon} lies in a run and its box. */
        boolean holds(long timeMillis, double lat, double lon) {
            int lo = 0;
            int hi = spans.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long[] w = spans.get(mid);
                if (timeMillis < w[0]) {
                    hi = mid - 1;
                } else if (timeMillis > w[1]) {
                    lo = mid + 1;
                } else {
                    double[] b = boxes.get(mid);
                    return lat >= b[0] && lat <= b[2] && (b[1] <= b[3] ? lon >= b[1] && lon <= b[3] : lon >= b[1] || lon <= b[3]);
                }
            }
            return false;
        }
    }

    /**
     * Widens box {@code into} ({@code {minLat, minLon, maxLat, maxLon}} degrees) to hold box {@code b}; when
     * either crosses the 180° meridian ({@code minLon > maxLon}) the result holds every longitude.
     */
    private static void widen(double[] into, double[] b) {
        into[0] = Math.min(into[0], b[0]);
        into[2] = Math.max(into[2], b[2]);
        if (into[1] > into[3] || b[1] > b[3]) {
            into[1] = -180;
            into[3] = 180;
        } else {
            into[1] = Math.min(into[1], b[1]);
            into[3] = Math.max(into[3], b[3]);
        }
    }

    /**
     * The time window, {@code {from, to}} epoch ms both inclusive, whose every report the caller may see is
     * among {@code listed}, the reports {@link #list} selected by the request's filters: its {@code from} ..
     * {@code to} when only they filter (no {@code bbox}, {@code type}, {@code category} or {@code q}), up to
     * just before the last listed report's time when the limit cut the list; null when there is none.
     */
    static long[] covered(Context ctx, List<Incident> listed, boolean truncated) {
        String type = ctx.queryParam("type");
        String category = ctx.queryParam("category");
        String q = ctx.queryParam("q");
        if (Api.bbox(ctx) != null || type != null && !type.isEmpty() || category != null && !category.isEmpty()
                || q != null && !q.isBlank()) {
            return null;
        }
        long from = Api.time(ctx, "from", Long.MIN_VALUE / 2);
        long to = Api.time(ctx, "to", Long.MAX_VALUE / 2);
        if (truncated) {
            // the list is in time order: every report before the last one's time is in it, not all of that time
            to = listed.isEmpty() ? from - 1 : listed.get(listed.size() - 1).time().toEpochMilli() - 1;
        }
        return from <= to ? new long[] {from, to} : null;
    }

    /** The incidents the list filters select, visible to the caller, at most {@code limit}. */
    static List<Incident> list(Context ctx, HistoryStore store) {
        return list(ctx, store, Api.integer(ctx, "limit", 1, Api.MAX_LIMIT, DEFAULT_LIMIT));
    }

    /** The incidents the query selects and the caller may see, at most {@code limit} (the caller checks the parameter). */
    static List<Incident> list(Context ctx, HistoryStore store, int limit) {
        long from = Api.time(ctx, "from", Long.MIN_VALUE / 2);
        long to = Api.time(ctx, "to", Long.MAX_VALUE / 2);
        Api.window(from, to);
        double[] b = Api.bbox(ctx);
        String type = ctx.queryParam("type");
        String typeName = type == null || type.isEmpty() ? null : IncidentType.parse(type).apiName();
        String category = ctx.queryParam("category");
        String categoryName = category == null || category.isEmpty() ? null : RecaapCategory.parse(category).apiName();
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 100) {
            throw new Api.BadRequest("q is longer than 100 characters");
        }
        String qu = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        double[] box = b == null ? null : new double[] {b[1], b[0], b[3], b[2]};
        Principal p = Access.principal(ctx);
        SharingPolicy policy = Access.policy(ctx);
        Instant now = Instant.now();
        List<Incident> out = new ArrayList<>();
        for (IncidentRow r : store.incidents(new IncidentQuery(from, to, box, typeName, categoryName))) {
            if (out.size() >= limit) {
                break;
            }
            Incident i = incident(r);
            if (!visible(p, policy, i, now) || (qu != null && !matches(i, qu))) {
                continue;
            }
            out.add(i);
        }
        return out;
    }

    private static boolean matches(Incident i, String q) {
        for (String s : new String[] {i.id(), i.reference(), i.place(), i.narrative(), i.victim().name(),
            i.victim().description(), i.source()}) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return i.victim().imo() > 0 && Integer.toString(i.victim().imo()).contains(q)
                || i.victim().mmsi() > 0 && Mmsi.format(i.victim().mmsi()).contains(q);
    }

    /** The incident without its narrative and category basis: what the map needs. */
    static ObjectNode summary(Incident i) {
        ObjectNode o = IncidentJson.write(i);
        o.remove("narrative");
        o.remove("category_basis");
        return o;
    }

    // ---- who was there ----

    /** Margin, either side, for a coastal state's clock differing from the nautical time zone (hours). */
    static final int CIVIL_ZONE_MARGIN_HOURS = 2;

    /** {@link Incident#nauticalZoneHours}: the UTC offset of the nautical time zone at a longitude, whole hours. */
    static int nauticalZoneHours(double lon) {
        return Incident.nauticalZoneHours(lon);
    }

    /**
     * The "who was there" window of an incident, epoch ms {from, to} inclusive: its time ± {@code halfMillis};
     * for a report with a date but no time, the date as a local day at the incident's place (nautical
     * time zone from its longitude, {@link #nauticalZoneHours}, widened by {@value #CIVIL_ZONE_MARGIN_HOURS} h
     * either side for a state's civil zone) together with that date as a UTC day, ± {@code halfMillis}.
     * Reports give local dates ("20.05.2015: 0001 LT" at Batangas, UTC+8, is 19 May 16:01 UTC), so the
     * UTC day alone left early-morning incidents east of Greenwich, and late-evening ones west of it,
     * outside their own window. A date-only report that gives a local time of day ({@link Incident#localTime},
     * IMB's "0234 LT") is that time at the place: the local date and time less the nautical zone's offset,
     * widened by the same margin either side, ± {@code halfMillis}.
     */
    static long[] window(Incident i, long halfMillis) {
        if (i.localTime() != null) {
            return window(i.time(), i.localTime(), i.lon(), halfMillis);
        }
        return window(i.time(), i.dateOnly(), i.lon(), halfMillis);
    }

    /**
     * {@link #window(Incident, long)} of a report of the local date whose 00:00 UTC is {@code date} and the
     * local time of day {@code localTime} at longitude {@code lon}: that local time less the nautical zone's
     * offset ({@link #nauticalZoneHours}), ± {@value #CIVIL_ZONE_MARGIN_HOURS} h, ± {@code halfMillis}.
     */
    static long[] window(Instant date, java.time.LocalTime localTime, double lon, long halfMillis) {
        long hour = Duration.ofHours(1).toMillis();
        long utc = date.toEpochMilli() + localTime.toSecondOfDay() * 1000L - nauticalZoneHours(lon) * hour;
        long margin = CIVIL_ZONE_MARGIN_HOURS * hour;
        return new long[] {utc - margin - halfMillis, utc + margin + halfMillis};
    }

    /** {@link #window(Incident, long)} of an incident at {@code time} ({@code dateOnly}: the date's 00:00 UTC) and longitude {@code lon}. */
    static long[] window(Instant time, boolean dateOnly, double lon, long halfMillis) {
        long t0 = time.toEpochMilli();
        if (!dateOnly) {
            return new long[] {t0 - halfMillis, t0 + halfMillis};
        }
        long hour = Duration.ofHours(1).toMillis();
        long offset = nauticalZoneHours(lon) * hour;
        long margin = CIVIL_ZONE_MARGIN_HOURS * hour;
        long dayEnd = t0 + Duration.ofDays(1).toMillis() - 1;
        return new long[] {Math.min(t0, t0 - offset - margin) - halfMillis, Math.max(dayEnd, dayEnd - offset + margin) + halfMillis};
    }

    /**
     * The vessels within {@code radiusKm} of the incident during its time ± {@code hours} (for a
     * report with only a date: that day at the place, see {@link #window}, ± hours), each with its closest approach and its track
     * in the window, and the victim's own track when its MMSI is known or its IMO number matches a
     * vessel of the picture or the store. The closest approach follows the track between fixes
     * ({@link org.watchkeeper.store.HistoryStore#nearAlongTracks}) unless {@code fixesOnly}. Positions the caller's policy does
     * not grant (class POSITIONS at that place and time; for an interpolated approach also at both fixes around it) are left
     * out, and names when IDENTITIES is not granted.
     *
     * @return {@code {"incident","lat","lon","radius_km","from","to","count","vessels":[{"mmsi","name",
     *     "distance_m","time","lat","lon","interpolated","between":[fix time, fix time] (when interpolated),
     *     "track":{GeoJSON LineString or Point},"track_times":[..]}],
     *     "victim":{"mmsi","matched_by":"mmsi"|"imo","track","track_times"} (absent when unknown)}}
     */
    static ObjectNode nearby(WatchkeeperServer server, Incident i, double radiusKm, double hours, boolean fixesOnly,
                             SharingPolicy policy, Instant now) {
        HistoryStore store = server.store();
        long[] w = window(i, Duration.ofMinutes(Math.round(hours * 60)).toMillis());
        long from = w[0];
        long to = w[1];
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("incident", i.id());
        o.put("lat", i.lat());
        o.put("lon", i.lon());
        o.put("radius_km", radiusKm);
        o.put("from", Api.iso(from));
        o.put("to", Api.iso(to));
        ArrayNode vs = o.putArray("vessels");
        int n = 0;
        for (ClosestApproach c : Api.near(store, i.lat(), i.lon(), radiusKm * 1000, from, to, fixesOnly)) {
            if (n >= MAX_NEARBY_VESSELS) {
                break;
            }
            if (!Api.allowsPositions(policy, c, now)) {
                continue;
            }
            n++;
            ObjectNode v = vs.addObject();
            v.put("mmsi", Mmsi.format(c.mmsi()));
            if (policy.allows(DataClass.IDENTITIES, c.lat(), c.lon(), Instant.ofEpochMilli(c.timeMillis()), now)) {
                Api.putIdentity(v, server, c.mmsi());
            }
            Api.putApproach(v, c);
            snippet(v, store.track(c.mmsi(), from, to), policy, now);
        }
        o.put("count", n);
        int mmsi = i.victim().mmsi();
        String matchedBy = "mmsi";
        if (mmsi <= 0 && i.victim().imo() > 0) {
            matchedBy = "imo";
            mmsi = mmsiOfImo(server, i.victim().imo());
        }
        if (mmsi > 0) {
            ObjectNode v = o.putObject("victim");
            v.put("mmsi", Mmsi.format(mmsi));
            v.put("matched_by", matchedBy);
            snippet(v, store.track(mmsi, from, to), policy, now);
        }
        return o;
    }

    /** The MMSI of the vessel with this IMO number: first in the live picture, then in the store; 0 when none. */
    static int mmsiOfImo(WatchkeeperServer server, int imo) {
        for (VesselSnapshot v : server.pipeline().vessels().values()) {
            if (v.imo() == imo) {
                return v.mmsi();
            }
        }
        for (VesselRow v : server.store().vessels()) {
            if (v.imo() == imo) {
                return v.mmsi();
            }
        }
        return 0;
    }

    private static void snippet(ObjectNode v, List<PositionRow> track, SharingPolicy policy, Instant now) {
        List<PositionRow> pts = new ArrayList<>();
        for (PositionRow r : track) {
            if (policy.allows(DataClass.POSITIONS, r.lat(), r.lon(), Instant.ofEpochMilli(r.timeMillis()), now)) {
                pts.add(r);
            }
        }
        if (pts.size() > MAX_SNIPPET_POINTS) {
            List<PositionRow> thin = new ArrayList<>(MAX_SNIPPET_POINTS);
            for (int k = 0; k < MAX_SNIPPET_POINTS - 1; k++) {
                thin.add(pts.get((int) ((long) k * (pts.size() - 1) / (MAX_SNIPPET_POINTS - 1))));
            }
            thin.add(pts.get(pts.size() - 1));
            pts = thin;
        }
        v.put("track_points", pts.size());
        if (pts.isEmpty()) {
            return;
        }
        ObjectNode g = v.putObject("track");
        ArrayNode times = v.putArray("track_times");
        if (pts.size() == 1) {
            g.put("type", "Point");
            g.putArray("coordinates").add(Coordinates.round6(pts.get(0).lon())).add(Coordinates.round6(pts.get(0).lat()));
        } else {
            g.put("type", "LineString");
            ArrayNode c = g.putArray("coordinates");
            pts.forEach(r -> c.addArray().add(Coordinates.round6(r.lon())).add(Coordinates.round6(r.lat())));
        }
        pts.forEach(r -> times.add(Api.iso(r.timeMillis())));
    }

    // ---- exports ----

    /** An incident export, signed like every export ({@link Exports#signed}). */
    static void export(Context ctx, WatchkeeperServer server, String format) {
        int limit = Exports.limit(ctx);
        List<Incident> fetched = list(ctx, server.incidentStore(), limit + 1);
        List<Incident> exported = Exports.fit(ctx, fetched, limit, "incidents");
        Map<String, List<SameIncident.Match>> same = possibleDuplicates(ctx, server.incidentStore(), exported,
                covered(ctx, exported, fetched.size() > exported.size()));
        List<ObjectNode> rows = new ArrayList<>();
        for (Incident i : exported) {
            ObjectNode o = format.equals("geojson") ? IncidentJson.write(i) : flat(i);
            // the ids of the other centres' reports of that attack (GET /api/incidents/{id} gives their details)
            ArrayNode ids = o.putArray("possible_duplicates");
            same.getOrDefault(i.id(), List.of()).forEach(m -> ids.add(m.incident().id()));
            rows.add(o);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + Exports.fileName(ctx, "incidents", format) + "\"");
        switch (format) {
            case "geojson" -> Exports.signed(ctx, server, "application/geo+json", PlainJson.write(Exports.geojson(rows)));
            case "csv" -> Exports.signed(ctx, server, "text/csv; charset=utf-8", Exports.csv(rows, CSV_FIELDS));
            default -> Exports.signed(ctx, server, "application/vnd.google-earth.kml+xml", Exports.kml(rows, "incidents"));
        }
    }

    /** One level of fields for CSV and KML; {@code kind} and {@code start} name the KML placemark. */
    public static ObjectNode flat(Incident i) {
        ObjectNode j = IncidentJson.write(i);
        ObjectNode o = Rows.JSON.createObjectNode();
        j.fields().forEachRemaining(e -> {
            if (e.getKey().equals("victim")) {
                e.getValue().fields().forEachRemaining(v -> o.set("victim_" + v.getKey(), v.getValue()));
            } else if (!e.getValue().isObject() && !e.getKey().equals("category_basis")) {
                o.set(e.getKey(), e.getValue());
            }
        });
        o.put("date_only", i.dateOnly()); // a cell, true or false (the JSON leaves out a false one)
        o.put("kind", i.type().apiName());
        o.put("start", i.time().toString());
        return o;
    }

    /**
     * A STIX 2.1 bundle (OASIS STIX Version 2.1, 2021) of the incidents and detector events the caller
     * may see, with the list filters ({@code from}, {@code to}, {@code bbox}, {@code type},
     * {@code category}, {@code q}, {@code limit}; the time and box filters also select the events, and
     * {@code limit}, by default the most an export holds, applies to the incidents and to the events each,
     * as {@link Exports#fit} rules):
     * <ul>
     *   <li>each incident as an {@code incident} SDO (name, description = narrative, external reference
     *       to the source and its reference number, custom properties {@code x_watchkeeper_*} for time,
     *       type, category and victim), a {@code location} SDO (latitude, longitude, description = place)
     *       and a {@code located-at} relationship between them;</li>
     *   <li>each pair of exported incidents that may tell the same attack ({@link SameIncident}) as one
     *       {@code related-to} relationship ({@link #sameAttack}); a report not in the export (filtered out,
     *       cut by the limit, or not visible to the caller) is linked to none;</li>
     *   <li>each detector event as an {@code observed-data} SDO (first/last observed = event start/end,
     *       number_observed 1) whose {@code object_refs} are custom {@code x-watchkeeper-vessel}
     *       observables (one per vessel involved, id a name-based UUID of the MMSI) plus a
     *       {@code location} SDO and a {@code located-at} relationship when it has a position;</li>
     *   <li>the TLP 2.0 {@code marking-definition} objects used, with their official ids
     *       ({@link #STIX_TLP_IDS}), referenced by every object's {@code object_marking_refs}. Events
     *       carry the marking they are shown under ({@link EventAccess.Scope#shown}: a zone event its
     *       zone's) and are included only when {@link EventAccess#visible} admits them.</li>
     * </ul>
     * Object ids are name-based UUIDs of the Watchkeeper ids, so exporting twice gives the same ids.
     */
    static ObjectNode stix(Context ctx, WatchkeeperServer server) {
        int limit = Exports.limit(ctx);
        List<Incident> incidents = list(ctx, server.incidentStore(), limit + 1);
        long from = Api.time(ctx, "from", Long.MIN_VALUE / 2);
        long to = Api.time(ctx, "to", Long.MAX_VALUE / 2);
        double[] bbox = Api.bbox(ctx);
        Principal p = Access.principal(ctx);
        SharingPolicy policy = Access.policy(ctx);
        EventAccess access = server.eventAccess();
        Instant now = Instant.now();
        // the events first, at most limit + 1 of them, so that the export's count and truncation cover both
        List<EventRow> events = new ArrayList<>();
        List<EventAccess.Scope> scopes = new ArrayList<>();
        for (EventRow e : server.store().events(null, from, to)) {
            if (events.size() > limit) {
                break;
            }
            boolean positioned = Double.isFinite(e.lat());
            if (bbox != null && !(positioned && Api.inBox(bbox, e.lat(), e.lon()))) {
                continue;
            }
            EventAccess.Scope scope = access.scope(e);
            if (!EventAccess.visible(e, scope, p, policy, now)) {
                continue;
            }
            events.add(e);
            scopes.add(scope);
        }
        boolean truncated = incidents.size() > limit || events.size() > limit;
        if (truncated && ctx.queryParam("limit") == null) {
            throw new Api.Unprocessable("more than " + limit + " incidents or events match, more than one export holds:"
                    + " narrow it (from, to, bbox, ...) or ask for the first N of each with limit=N (up to " + Api.MAX_LIMIT + ")");
        }
        incidents = Api.firstOf(incidents, limit);
        events = Api.firstOf(events, limit);
        ctx.header(Exports.COUNT_HEADER, Integer.toString(incidents.size() + events.size()));
        ctx.header(Exports.TRUNCATED_HEADER, Boolean.toString(truncated));
        ObjectNode bundle = Rows.JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode objects = bundle.putArray("objects");
        Set<Tlp> used = new HashSet<>();
        List<ObjectNode> body = new ArrayList<>();
        for (Incident i : incidents) {
            Tlp tlp = i.marking().tlp();
            used.add(tlp);
            String ts = stixTime(i.created());
            ObjectNode o = sdo("incident", "incident:" + i.id(), ts, stixTime(i.updated()), tlp);
            o.put("name", i.type().apiName().replace('_', ' ') + (i.victim().name() != null ? " — " + i.victim().name() : "")
                    + (i.place() != null ? ", " + i.place() : ""));
            if (i.narrative() != null) {
                o.put("description", i.narrative());
            }
            if (i.source() != null) {
                ObjectNode ref = o.putArray("external_references").addObject();
                ref.put("source_name", i.source());
                if (i.reference() != null) {
                    ref.put("external_id", i.reference());
                }
            }
            o.put("x_watchkeeper_id", i.id());
            o.put("x_watchkeeper_time", stixTime(i.time()));
            o.put("x_watchkeeper_incident_type", i.type().apiName());
            if (i.category() != null) {
                o.put("x_watchkeeper_recaap_category", i.category().apiName());
            }
            if (i.victim().name() != null) {
                o.put("x_watchkeeper_victim_name", i.victim().name());
            }
            if (i.victim().imo() > 0) {
                o.put("x_watchkeeper_victim_imo", i.victim().imo());
            }
            if (i.victim().mmsi() > 0) {
                o.put("x_watchkeeper_victim_mmsi", Mmsi.format(i.victim().mmsi()));
            }
            body.add(o);
            located(body, o, "incident:" + i.id(), i.lat(), i.lon(), i.place(), ts, tlp);
        }
        body.addAll(sameAttack(incidents));
        for (int k = 0; k < events.size(); k++) {
            EventRow e = events.get(k);
            EventAccess.Scope scope = scopes.get(k);
            boolean positioned = Double.isFinite(e.lat());
            Tlp eventTlp = scope.shown().tlp();
            used.add(eventTlp);
            String ts = stixTime(Instant.ofEpochMilli(e.endMillis()));
            ObjectNode o = sdo("observed-data", "event:" + e.id(), ts, ts, eventTlp);
            o.put("first_observed", stixTime(Instant.ofEpochMilli(e.startMillis())));
            o.put("last_observed", ts);
            o.put("number_observed", 1);
            ArrayNode refs = o.putArray("object_refs");
            for (int m : e.mmsis()) {
                ObjectNode v = Rows.JSON.createObjectNode();
                v.put("type", "x-watchkeeper-vessel");
                v.put("spec_version", "2.1");
                v.put("id", stixId("x-watchkeeper-vessel", "vessel:" + m));
                v.put("mmsi", Mmsi.format(m));
                if (policy.allows(DataClass.IDENTITIES, e.lat(), e.lon(), Instant.ofEpochMilli(e.endMillis()), now)) {
                    Api.putText(v, "name", Api.name(server, m));
                }
                refs.add(v.get("id").asText());
                if (body.stream().noneMatch(x -> x.get("id").equals(v.get("id")))) {
                    body.add(v);
                }
            }
            o.put("x_watchkeeper_event_kind", e.kind());
            o.put("x_watchkeeper_id", e.id());
            body.add(o);
            if (positioned) {
                located(body, o, "event:" + e.id(), e.lat(), e.lon(), null, ts, eventTlp);
            }
        }
        for (Tlp t : Tlp.values()) {
            if (used.contains(t)) {
                objects.add(markingDefinition(t));
            }
        }
        body.forEach(objects::add);
        return bundle;
    }

    /**
     * One STIX {@code relationship} of type {@code related-to} for each pair of {@code incidents} that may tell
     * the same attack ({@link SameIncident}), each pair once: {@code source_ref} the incident SDO of the pair's
     * report that comes first in {@code incidents} (the export's order: time, then id), {@code target_ref} the
     * other's. Its id is a name-based UUID of the two Watchkeeper ids (the same in every export), {@code created}
     * and {@code modified} the later of the two reports' {@code created} and {@code updated}, its marking the
     * stricter of the two TLPs; {@code description} says they may be one attack, with the distance (km, 3
     * decimals) and the days between their UTC dates (e.g. "Possibly the same attack: NGA ASAM report 2024-88
     * and IMB PRC report imb-3f2a..., 1.112 km apart, UTC dates 1 day apart"), also given as
     * {@code x_watchkeeper_distance_km} and {@code x_watchkeeper_days_apart}.
     *
     * @param incidents the exported reports, in the export's order
     */
    static List<ObjectNode> sameAttack(List<Incident> incidents) {
        Map<String, Integer> position = new HashMap<>();
        for (int k = 0; k < incidents.size(); k++) {
            position.put(incidents.get(k).id(), k);
        }
        Map<String, List<SameIncident.Match>> same = SameIncident.each(incidents, incidents);
        List<ObjectNode> out = new ArrayList<>();
        for (int k = 0; k < incidents.size(); k++) {
            Incident a = incidents.get(k);
            for (SameIncident.Match m : same.get(a.id())) {
                Incident b = m.incident();
                if (position.get(b.id()) <= k) {
                    continue; // the pair was linked from b's side
                }
                Tlp tlp = a.marking().tlp().compareTo(b.marking().tlp()) >= 0 ? a.marking().tlp() : b.marking().tlp();
                String created = stixTime(a.created().isAfter(b.created()) ? a.created() : b.created());
                String modified = stixTime(a.updated().isAfter(b.updated()) ? a.updated() : b.updated());
                ObjectNode rel = sdo("relationship", "incident:" + a.id() + ":related-to:incident:" + b.id(), created, modified, tlp);
                rel.put("relationship_type", "related-to");
                rel.put("source_ref", stixId("incident", "incident:" + a.id()));
                rel.put("target_ref", stixId("incident", "incident:" + b.id()));
                double km = Math.round(m.distanceKm() * 1000) / 1000.0;
                rel.put("description", String.format(Locale.ROOT, "Possibly the same attack: %s and %s, %s km apart, %s", label(a),
                        label(b), km, m.daysApart() == 0 ? "on the same UTC date" : "UTC dates " + m.daysApart()
                        + (m.daysApart() == 1 ? " day" : " days") + " apart"));
                rel.put("x_watchkeeper_distance_km", km);
                rel.put("x_watchkeeper_days_apart", m.daysApart());
                out.add(rel);
            }
        }
        return out;
    }

    /** A report as a relationship's description names it: its source and reference, else its id. */
    private static String label(Incident i) {
        if (i.source() == null) {
            return i.id();
        }
        return i.source() + " report " + (i.reference() != null ? i.reference() : i.id());
    }

    static ObjectNode markingDefinition(Tlp t) {
        ObjectNode m = Rows.JSON.createObjectNode();
        m.put("type", "marking-definition");
        m.put("spec_version", "2.1");
        m.put("id", STIX_TLP_IDS.get(t));
        m.put("created", "2022-10-01T00:00:00.000Z");
        m.put("name", t.label());
        ObjectNode ext = m.putObject("extensions").putObject(TLP2_EXTENSION);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", t.apiName().toLowerCase(Locale.ROOT));
        return m;
    }

    private static ObjectNode sdo(String type, String key, String created, String modified, Tlp tlp) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", stixId(type, key));
        o.put("created", created);
        o.put("modified", modified);
        o.putArray("object_marking_refs").add(STIX_TLP_IDS.get(tlp));
        return o;
    }

    private static void located(List<ObjectNode> body, ObjectNode from, String key, double lat, double lon, String place,
                                String ts, Tlp tlp) {
        ObjectNode loc = sdo("location", key + ":location", ts, ts, tlp);
        loc.put("latitude", lat);
        loc.put("longitude", lon);
        if (place != null) {
            loc.put("description", place);
        }
        body.add(loc);
        ObjectNode rel = sdo("relationship", key + ":located-at", ts, ts, tlp);
        rel.put("relationship_type", "located-at");
        rel.put("source_ref", from.get("id").asText());
        rel.put("target_ref", loc.get("id").asText());
        body.add(rel);
    }

    static String stixId(String type, String key) {
        return type + "--" + UUID.nameUUIDFromBytes(("watchkeeper:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** STIX timestamps: RFC 3339 UTC with millisecond precision. */
    static String stixTime(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
