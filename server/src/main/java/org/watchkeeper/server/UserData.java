package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.zone.Watchlist;
import org.watchkeeper.core.detect.zone.Zone;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;

/**
 * The user's zones and watchlist: validated, kept in {@code zones.json} and {@code watchlist.json}
 * under the data directory (so they survive a restart), and handed to the pipeline's zone and
 * watchlist detectors on every change. Safe for use from several threads.
 */
public final class UserData {
    /** Most zones held. */
    public static final int MAX_ZONES = 1000;
    /** Most watchlist entries held. */
    /** Longest zone or watchlist name, characters: a name is read on a map and in a list, not a document. */
    static final int MAX_NAME = 200;

    public static final int MAX_WATCH = 100_000;
    /** Most vertices in one zone. */
    public static final int MAX_VERTICES = 100_000;

    /** A zone as the API shows it: id, name, the GeoJSON geometry as posted, and its TLP marking. */
    public record UserZone(String id, String name, JsonNode geometry, Zone zone, Marking marking) {
    }

    /** A watchlist entry: exactly one of mmsi (&gt; 0), imo (&gt; 0) or name, and a note. */
    public record WatchEntry(String id, int mmsi, int imo, String name, String note) {
    }

    private final Path dir;
    private final Pipeline pipeline;
    private final Map<String, UserZone> zones = new LinkedHashMap<>();
    private final Map<String, WatchEntry> watch = new LinkedHashMap<>();
    private final String hostOrg;
    private final Tlp defaultTlp;
    /** The next zone and watchlist entry numbers (zone-N, watch-N), each counted on its own. */
    private long nextZoneId = 1;
    private long nextWatchId = 1;
    /** Every set in force so far (null: nothing persisted). */
    private final UserDataHistory history;
    /** Whether changes are recorded in the history and marked in the raw archive ({@link #startHistory}). */
    private boolean recording;

    /**
     * @param dir the data directory (null: nothing persisted)
     * @param pipeline told of every change
     */
    public UserData(Path dir, Pipeline pipeline) {
        this(dir, pipeline, "host", Tlp.GREEN);
    }

    /**
     * @param dir the data directory (null: nothing persisted)
     * @param pipeline told of every change
     * @param hostOrg owner of zones read from files and of zones stored without an owner
     * @param defaultTlp marking of zones given without one
     */
    public UserData(Path dir, Pipeline pipeline, String hostOrg, Tlp defaultTlp) {
        this.dir = dir;
        this.pipeline = pipeline;
        this.hostOrg = hostOrg;
        this.defaultTlp = defaultTlp;
        if (dir != null) {
            try {
                Path z = dir.resolve("zones.json");
                if (Files.exists(z)) {
                    for (JsonNode f : Rows.JSON.readTree(z.toFile()).path("features")) {
                        String id = f.path("id").asText();
                        zones.put(id, zone(id, f.path("properties").path("name").asText(), f.path("geometry"),
                                marking(f.path("properties"), hostOrg, true, null, STORED + id + ": ")));
                        bump(id);
                    }
                }
                Path w = dir.resolve("watchlist.json");
                if (Files.exists(w)) {
                    for (JsonNode e : Rows.JSON.readTree(w.toFile()).path("entries")) {
                        WatchEntry we = Rows.JSON.treeToValue(e, WatchEntry.class);
                        watch.put(we.id(), we);
                        bump(we.id());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the zones or watchlist in " + dir, e);
            }
            history = new UserDataHistory(dir);
            JsonNode last = history.last() == null ? null : history.read(history.last());
            if (last != null) {
                // an id once given (to a zone deleted since, whose events history keeps) is not given again
                nextZoneId = Math.max(nextZoneId, last.path("next_zone_id").asLong(1));
                nextWatchId = Math.max(nextWatchId, last.path("next_watch_id").asLong(1));
            }
        } else {
            history = null;
        }
    }

    private void bump(String id) {
        try {
            long n = Long.parseLong(id.substring(id.indexOf('-') + 1)) + 1;
            if (id.startsWith("watch-")) {
                nextWatchId = Math.max(nextWatchId, n);
            } else {
                nextZoneId = Math.max(nextZoneId, n);
            }
        } catch (RuntimeException ignored) {
            // ids from elsewhere
        }
    }

    /**
     * Adds the Polygon / MultiPolygon features of a GeoJSON Feature or FeatureCollection; each needs
     * {@code properties.name}.
     *
     * @return the zones created
     * @throws Api.BadRequest naming what is wrong (nothing is added then)
     */
    public synchronized List<UserZone> addZones(JsonNode geojson) throws InterruptedException {
        return addZones(geojson, hostOrg, true);
    }

    /**
     * As {@link #addZones(JsonNode)}, the zones owned by {@code ownerOrg}; {@code properties.tlp}
     * (default: the configured marking), {@code properties.shared_with} (organisation ids, for AMBER)
     * and {@code properties.recipients} (user names, for RED) give each zone's marking.
     *
     * @param anyOwner whether {@code properties.owner_org} may name another organisation than
     *        {@code ownerOrg} (the host's administrators and the server's own start files; a partner's
     *        analyst may not make a zone that another organisation seems to own)
     */
    public synchronized List<UserZone> addZones(JsonNode geojson, String ownerOrg, boolean anyOwner) throws InterruptedException {
        return addZones(geojson, ownerOrg, anyOwner, null, z -> true);
    }

    /**
     * The zones of a zone body as user {@code by} adds them through the API: owned by the user's
     * organisation ({@code properties.owner_org} may name another only for an administrator of the
     * host organisation), the user always one of the recipients of a RED zone (as of a RED incident:
     * a zone its creator could not see could be neither listed nor deleted by them, yet would go on
     * firing events). A name need differ only from the names of the zones the user may see
     * ({@link Sharing#seesZone}): a conflict with another would tell of a zone the user may not see.
     */
    public synchronized List<UserZone> addZones(JsonNode geojson, org.watchkeeper.core.sharing.Principal by) throws InterruptedException {
        return addZones(geojson, by.org(), Sharing.hostAdmin(by), by, z -> Sharing.seesZone(z, by));
    }

    private List<UserZone> addZones(JsonNode geojson, String ownerOrg, boolean anyOwner, org.watchkeeper.core.sharing.Principal creator,
            java.util.function.Predicate<UserZone> visible) throws InterruptedException {
        List<JsonNode> features = features(geojson);
        if (zones.size() + features.size() > MAX_ZONES) {
            throw new Api.BadRequest("at most " + MAX_ZONES + " zones are held");
        }
        List<UserZone> made = new ArrayList<>();
        Map<String, String[]> names = new java.util.HashMap<>();
        zones.values().stream().filter(visible).forEach(z -> names.put(key(z.name()), new String[] {z.id(), z.name()}));
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = "feature " + i + ": ";
            String name = checkFeature(f, i);
            String[] held = names.putIfAbsent(key(name), new String[] {"feature " + i, name});
            if (held != null) {
                throw new io.javalin.http.ConflictResponse(where + "the name '" + name + "' is "
                        + (held[0].startsWith("feature ") ? "that of " + held[0] + " too"
                            : "held by zone " + held[0] + (held[1].equals(name) ? "" : " ('" + held[1] + "')"))
                        + "; give each zone its own name (a zone's events name it)");
            }
            UserZone z = zone("zone-" + (nextZoneId + i), name, f.path("geometry"), marking(f.path("properties"), ownerOrg, anyOwner, creator, where));
            checkValid(z, where);
            made.add(z);
        }
        Snapshot before = snapshot();
        for (UserZone z : made) {
            zones.put(z.id(), z);
        }
        nextZoneId += made.size();
        changed(before);
        return made;
    }

    /**
     * Adds the zones of a {@code serve --zones} file, as the host's, but for those whose names the
     * server holds already or an earlier feature of the file has (names compared as {@link #addZones}
     * compares them): a restart with the same files adds nothing twice.
     */
    synchronized List<UserZone> addZonesNotHeld(JsonNode geojson) throws InterruptedException {
        java.util.Set<String> names = new java.util.HashSet<>();
        zones.values().forEach(z -> names.add(key(z.name())));
        ArrayNode keep = Rows.JSON.createArrayNode();
        for (JsonNode f : features(geojson)) {
            if (names.add(key(f.path("properties").path("name").asText()))) {
                keep.add(f);
            }
        }
        return keep.isEmpty() ? List.of() : addZones(Rows.JSON.createObjectNode().put("type", "FeatureCollection").set("features", keep));
    }

    /** A zone name as names are compared: without case and outer spaces. */
    private static String key(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The features of a zone body: a GeoJSON Feature or FeatureCollection.
     *
     * @throws Api.BadRequest for anything else, or no feature
     */
    private static List<JsonNode> features(JsonNode geojson) {
        List<JsonNode> features = new ArrayList<>();
        String type = geojson.isObject() && geojson.path("type").isTextual() ? geojson.get("type").asText() : "";
        if (type.equals("FeatureCollection")) {
            if (!geojson.path("features").isArray()) {
                throw new Api.BadRequest("a FeatureCollection needs a 'features' array");
            }
            geojson.path("features").forEach(features::add);
        } else if (type.equals("Feature")) {
            features.add(geojson);
        } else {
            String got = Api.describe(geojson);
            if (type.equals("Polygon") || type.equals("MultiPolygon")) {
                got = "a bare " + type + " geometry (put it in a Feature's geometry, with properties.name)";
            }
            throw new Api.BadRequest("expected " + ZONES + "; got " + got);
        }
        if (features.isEmpty()) {
            throw new Api.BadRequest("no features given");
        }
        return features;
    }

    /**
     * Checks feature {@code i} of a zone body as a zone: an object with {@code properties.name} and a
     * Polygon or MultiPolygon geometry whose coordinates {@link #checkCoordinates} takes.
     *
     * @return the zone's name, stripped
     * @throws Api.BadRequest naming the feature and what is wrong
     */
    private static String checkFeature(JsonNode f, int i) {
        String where = "feature " + i + ": ";
        if (!f.isObject()) {
            throw new Api.BadRequest("feature " + i + " is not an object but " + Api.describe(f) + ": " + f
                    + "; a feature is {\"type\":\"Feature\",\"properties\":{\"name\":...},\"geometry\":{\"type\":\"Polygon\",...}}");
        }
        JsonNode name = f.path("properties").path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new Api.BadRequest(where + "properties.name must be a non-empty string");
        }
        if (name.asText().strip().length() > MAX_NAME) {
            throw new Api.BadRequest(where + "properties.name is longer than " + MAX_NAME + " characters");
        }
        JsonNode g = f.path("geometry");
        String gt = g.path("type").isTextual() ? g.get("type").asText() : "";
        if (!gt.equals("Polygon") && !gt.equals("MultiPolygon")) {
            throw new Api.BadRequest(where + "geometry must be a Polygon or MultiPolygon, got "
                    + (g.isMissingNode() ? "no geometry" : gt.isEmpty() ? Api.describe(g) : "'" + gt + "'"));
        }
        checkCoordinates(g.path("coordinates"), gt.equals("Polygon") ? 3 : 4, where);
        return name.asText().strip();
    }

    /**
     * Checks a {@code serve --zones} file before the server opens its data folder: JSON, a zone body
     * whose features are zones ({@link #checkFeature}) with valid polygons. Names and markings are
     * checked when the zones are added.
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     * @throws IOException when it cannot be read
     */
    static void checkZonesFile(Path file) throws IOException {
        try {
            List<JsonNode> features = features(Rows.JSON.readTree(file.toFile()));
            for (int i = 0; i < features.size(); i++) {
                String name = checkFeature(features.get(i), i);
                checkValid(zone("zone-check", name, features.get(i).path("geometry"), null), "feature " + i + ": ");
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("zones file " + file + " is not JSON: " + jsonProblem(e));
        } catch (Api.BadRequest e) {
            throw new IllegalArgumentException("zones file " + file + ": " + e.getMessage());
        }
    }

    /** A JSON parser's complaint with its place as "line L, column C", without the parser's source description. */
    static String jsonProblem(com.fasterxml.jackson.core.JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage()
                .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null ? m : m + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * Checks a {@code serve --watchlist} file before the server opens its data folder.
     *
     * @throws IllegalArgumentException naming the file and the line that is wrong
     * @throws IOException when it cannot be read
     */
    static void checkWatchFile(Path file) throws IOException {
        try {
            Watchlist.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** What a zone body is, as a message expecting one says. */
    static final String ZONES = "a GeoJSON Feature or FeatureCollection whose features have a Polygon or MultiPolygon geometry"
            + " and properties.name";

    /**
     * Checks a GeoJSON Polygon ({@code depth} 3) or MultiPolygon (4) {@code coordinates} array as a user
     * wrote it: nested arrays, [lon, lat] numbers in range, rings of at least 4 positions that end where
     * they start; at most {@link #MAX_VERTICES} positions.
     *
     * @param where the start of each message, naming the feature or area
     * @throws Api.BadRequest naming what is wrong
     */
    static void checkCoordinates(JsonNode c, int depth, String where) {
        int[] vertices = {0};
        check(c, depth, where, vertices);
    }

    private static void check(JsonNode c, int depth, String where, int[] vertices) {
        if (!c.isArray() || c.isEmpty()) {
            throw new Api.BadRequest(where + "coordinates must be non-empty nested arrays");
        }
        if (depth == 2) {
            if (c.size() < 4) {
                throw new Api.BadRequest(where + "a ring needs at least 4 positions (closed: the first repeated at"
                        + " the end), got " + c.size());
            }
            for (JsonNode p : c) {
                if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new Api.BadRequest(where + "a position is [lon, lat] numbers: " + p);
                }
                double lon = p.get(0).asDouble();
                double lat = p.get(1).asDouble();
                if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
                    throw new Api.BadRequest(where + "position out of range (lon -180..180, lat -90..90): " + p);
                }
                if (++vertices[0] > MAX_VERTICES) {
                    throw new Api.BadRequest(where + "more than " + MAX_VERTICES + " vertices");
                }
            }
            if (!c.get(0).equals(c.get(c.size() - 1))) {
                throw new Api.BadRequest(where + "a ring must end where it starts (first and last position equal)");
            }
            return;
        }
        for (JsonNode x : c) {
            check(x, depth - 1, where, vertices);
        }
    }

    /**
     * Sets the check of each zone marking's organisations and users against the accounts (none by
     * default), given the marking and the user who adds the zone (null: the server's own files); it
     * throws {@link IllegalArgumentException} for one the server does not have.
     */
    public synchronized void setMarkingCheck(java.util.function.BiConsumer<Marking, org.watchkeeper.core.sharing.Principal> check) {
        this.markingCheck = check;
    }

    private java.util.function.BiConsumer<Marking, org.watchkeeper.core.sharing.Principal> markingCheck = (m, by) -> { };

    /** How the marking of a zone read back from {@code zones.json} is named in messages. */
    private static final String STORED = "stored zone ";

    /**
     * The marking of a zone's {@code properties}; {@code creator} (null: the server's own files) is made
     * a recipient of a RED zone, and is who the names of the marking are checked for. A list its TLP does
     * not use ({@link Marking#unusedList}) is refused, or dropped from a zone read back from {@code zones.json}.
     */

    private Marking marking(JsonNode props, String owner, boolean anyOwner, org.watchkeeper.core.sharing.Principal creator, String where) {
        try {
            JsonNode tlp = props.get("tlp");
            if (tlp != null && !tlp.isNull() && !tlp.isTextual()) {
                // an object or array would read as "" and give the default marking silently
                throw new Api.BadRequest(where + "properties.tlp must be a string (CLEAR, GREEN, AMBER, AMBER+STRICT or RED), not "
                        + Api.describe(tlp) + ": " + tlp);
            }
            Tlp t = Sharing.tlp(tlp, defaultTlp);
            JsonNode given = props.get("owner_org");
            if (given != null && !given.isNull() && !given.isTextual()) {
                throw new Api.BadRequest(where + "properties.owner_org must be a string, not " + Api.describe(given) + ": " + given);
            }
            String o = given != null && !given.isNull() ? given.asText() : owner;
            if (!anyOwner && !o.equals(owner)) {
                throw new io.javalin.http.ForbiddenResponse(where + "properties.owner_org is your organisation, '" + owner
                        + "', and cannot be set to '" + o + "' (an administrator of the host organisation may)");
            }
            java.util.Set<String> recipients = strings(props.path("recipients"), where + "recipients");
            java.util.Set<String> sharedWith = strings(props.path("shared_with"), where + "shared_with");
            String unused = Marking.unusedList(t, sharedWith, recipients);
            if (unused != null && creator == null && anyOwner && where.startsWith(STORED)) {
                // a zone saved before such lists were refused keeps its TLP; the list it never used is dropped
                if (t != Tlp.AMBER) {
                    sharedWith.clear();
                }
                if (t != Tlp.RED) {
                    recipients.clear();
                }
            } else if (unused != null) {
                throw new Api.BadRequest(where + "properties." + unused);
            }
            if (t == Tlp.RED && creator != null) {
                recipients.add(creator.user());
            }
            Marking m = new Marking(t, o, sharedWith, recipients);
            markingCheck.accept(m, creator);
            return m;
        } catch (IllegalArgumentException e) {
            throw new Api.BadRequest(where + e.getMessage());
        }
    }

    private static java.util.Set<String> strings(JsonNode a, String what) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (a.isMissingNode() || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw new Api.BadRequest(what + " must be an array of strings");
        }
        for (JsonNode x : a) {
            if (!x.isTextual()) {
                // a number or null would otherwise be taken as its text ("null" names no one)
                throw new Api.BadRequest(what + " must be an array of strings, not holding " + Api.describe(x) + ": " + x);
            }
            out.add(x.asText());
        }
        return out;
    }

    /**
     * Refuses a new zone whose polygon is not valid in the OGC Simple Features sense (JTS
     * {@code IsValidOp}): a ring that crosses or touches itself (a bow tie) has no well-defined
     * inside, so its entries and exits would be arbitrary. Zones stored before are loaded as they are.
     */
    private static void checkValid(UserZone z, String where) {
        String invalid = z.zone().invalidity();
        if (invalid != null) {
            throw new Api.BadRequest(where + "zone '" + z.name() + "' is not a valid polygon: " + invalid
                    + " (a ring must not cross or touch itself, and holes must lie inside their shell without crossing it)");
        }
    }

    private static UserZone zone(String id, String name, JsonNode geometry, Marking marking) {
        ObjectNode f = Rows.JSON.createObjectNode();
        f.put("type", "Feature");
        f.putObject("properties").put("name", name);
        f.set("geometry", geometry);
        try {
            List<Zone> zs = ZoneIndex.readGeoJson(new ByteArrayInputStream(f.toString().getBytes(StandardCharsets.UTF_8)),
                    "user", List.of("name"));
            if (zs.size() != 1) {
                throw new Api.BadRequest("zone '" + name + "' has no polygon");
            }
            return new UserZone(id, name, geometry, new Zone(id, name, "user", zs.get(0).geometry()), marking);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Api.BadRequest b) {
                throw b;
            }
            throw new Api.BadRequest("zone '" + name + "' is not a valid polygon: " + e.getMessage());
        }
    }

    /** @return whether a zone was deleted */
    public synchronized boolean deleteZone(String id) throws InterruptedException {
        Snapshot before = snapshot();
        if (zones.remove(id) == null) {
            return false;
        }
        changed(before);
        return true;
    }

    /** The zones, in creation order. */
    public synchronized List<UserZone> zones() {
        return List.copyOf(zones.values());
    }

    /**
     * Adds a watchlist entry from {@code {"mmsi"|"imo"|"name": ..., "note": ...}}.
     *
     * @throws Api.BadRequest naming what is wrong
     */
    public synchronized WatchEntry addWatch(JsonNode body) throws InterruptedException {
        if (!body.isObject()) {
            throw new Api.BadRequest("expected a JSON object {\"mmsi\"|\"imo\"|\"name\": ..., \"note\": ...}");
        }
        // a field the entry does not have (an owner, an organisation) would be dropped silently
        Api.onlyFields(body, "mmsi", "imo", "name", "note");
        // a member given as null is not given ({"mmsi": null} is not an MMSI "null")
        int given = (body.hasNonNull("mmsi") ? 1 : 0) + (body.hasNonNull("imo") ? 1 : 0) + (body.hasNonNull("name") ? 1 : 0);
        if (given != 1) {
            throw new Api.BadRequest("give exactly one of mmsi, imo or name");
        }
        JsonNode noteNode = body.path("note");
        if (!noteNode.isMissingNode() && !noteNode.isNull() && !noteNode.isTextual()) {
            throw new Api.BadRequest("note must be a string");
        }
        String note = noteNode.isTextual() ? noteNode.asText() : "";
        if (note.length() > 1000) {
            throw new Api.BadRequest("note is longer than 1000 characters");
        }
        if (watch.size() >= MAX_WATCH) {
            throw new Api.BadRequest("at most " + MAX_WATCH + " watchlist entries are held");
        }
        int mmsi = 0;
        int imo = 0;
        String name = null;
        if (body.hasNonNull("mmsi")) {
            JsonNode m = body.get("mmsi");
            // written as text, an MMSI has its 9 digits (leading zeros too): 8 digits is a digit left out, not 0 + 8;
            // a value above 9 digits, up to the largest the 30-bit AIS field carries, is one some stations send
            // (the vessel list shows them), but 0 + 9 digits is not one
            if (m.isTextual() && m.asText().strip().matches("\\d{1,8}|\\d{10,}")) {
                String t = m.asText().strip();
                java.math.BigInteger v = new java.math.BigInteger(t);
                if (v.compareTo(java.math.BigInteger.valueOf(Mmsi.MAX_FIELD)) > 0) {
                    throw new Api.BadRequest(Mmsi.aboveField("mmsi", t));
                }
                if (v.compareTo(java.math.BigInteger.valueOf(Mmsi.MAX_VALID)) <= 0) {
                    throw new Api.BadRequest("mmsi '" + t + "' has " + t.length() + " digits: an MMSI is 9 digits"
                            + (t.length() < 9 ? " (if you mean " + "0".repeat(9 - t.length()) + t + ", write that)"
                                    : ", or a value of 10 up to " + Mmsi.MAX_FIELD + " as some stations send"));
                }
            }
            if (m.isNumber() && aboveField(m)) {
                throw new Api.BadRequest(m.isDouble() && Double.isInfinite(m.doubleValue())
                        ? "mmsi is above " + Mmsi.MAX_FIELD + ", the largest MMSI an AIS message can carry: too large"
                        : Mmsi.aboveField("mmsi", m.toString()));
            }
            mmsi = number(m, "mmsi", 1, Mmsi.MAX_FIELD);
            if (m.isNumber() && mmsi < 100_000_000) {
                // a number cannot carry an MMSI's leading zeros: 21212300 is a digit left out as often as 021212300
                throw new Api.BadRequest("mmsi " + mmsi + " has " + Integer.toString(mmsi).length() + " digits: an MMSI is 9"
                        + " digits; one with leading zeros is written as a string (\"" + Mmsi.format(mmsi) + "\")");
            }
        } else if (body.hasNonNull("imo")) {
            JsonNode i = body.get("imo");
            if (i.isTextual() && i.asText().strip().regionMatches(true, 0, "IMO", 0, 3)) {
                i = com.fasterxml.jackson.databind.node.TextNode.valueOf(Watchlist.withoutImoPrefix(i.asText())); // "IMO 9074729"
            }
            imo = number(i, "imo", 1_000_000, 9_999_999);
        } else {
            JsonNode n = body.get("name");
            if (!n.isTextual() || Watchlist.normaliseName(n.asText()).isEmpty()) {
                throw new Api.BadRequest("name must be a string with letters or digits");
            }
            if (n.asText().strip().length() > MAX_NAME) {
                throw new Api.BadRequest("name is longer than " + MAX_NAME + " characters");
            }
            name = n.asText().strip();
        }
        WatchEntry w = held(mmsi, imo, name);
        if (w != null) {
            throw new io.javalin.http.ConflictResponse("the watchlist holds this " + (mmsi > 0 ? "MMSI" : imo > 0 ? "IMO number" : "name")
                    + " as " + w.id() + "; change its note by deleting it and adding it again");
        }
        Snapshot before = snapshot();
        WatchEntry e = new WatchEntry("watch-" + nextWatchId++, mmsi, imo, name, note);
        watch.put(e.id(), e);
        changed(before);
        return e;
    }

    /** The entry the watchlist holds for this MMSI, IMO number or name (names compared normalised), or null. */
    private WatchEntry held(int mmsi, int imo, String name) {
        String n = name == null ? null : Watchlist.normaliseName(name);
        for (WatchEntry w : watch.values()) {
            if (w.mmsi() == mmsi && w.imo() == imo && java.util.Objects.equals(w.name() == null ? null : Watchlist.normaliseName(w.name()), n)) {
                return w;
            }
        }
        return null;
    }

    /** Whether a JSON number is above the largest MMSI an AIS message can carry. */
    private static boolean aboveField(JsonNode n) {
        if ((n.isDouble() || n.isFloat()) && Double.isInfinite(n.doubleValue())) {
            return n.doubleValue() > 0;
        }
        return n.decimalValue().compareTo(java.math.BigDecimal.valueOf(Mmsi.MAX_FIELD)) > 0;
    }

    private static int number(JsonNode n, String field, int min, int max) {
        return (int) Api.whole(n, field, min, max, true, "");
    }

    /** Adds the entries of a watchlist text file ({@code mmsi N | note}, {@code imo N}, {@code name TEXT}). */
    public synchronized void addWatchFile(Path file) throws IOException, InterruptedException {
        checkWatchFile(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Snapshot before = snapshot();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String note = "";
            int bar = line.indexOf('|');
            if (bar >= 0) {
                note = line.substring(bar + 1).strip();
                line = line.substring(0, bar).strip();
            }
            int sp = line.indexOf(' ');
            String key = line.substring(0, sp).toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(sp + 1).strip();
            int mmsi = key.equals("mmsi") ? Watchlist.mmsi(value) : 0;
            int imo = key.equals("imo") ? Integer.parseInt(Watchlist.withoutImoPrefix(value)) : 0;
            String name = key.equals("name") ? value : null;
            if (held(mmsi, imo, name) != null) {
                continue;
            }
            WatchEntry e = new WatchEntry("watch-" + nextWatchId++, mmsi, imo, name, note);
            watch.put(e.id(), e);
        }
        changed(before);
    }

    /** @return whether an entry was deleted */
    public synchronized boolean deleteWatch(String id) throws InterruptedException {
        Snapshot before = snapshot();
        if (watch.remove(id) == null) {
            return false;
        }
        changed(before);
        return true;
    }

    /** The watchlist, in creation order. */
    public synchronized List<WatchEntry> watchlist() {
        return List.copyOf(watch.values());
    }

    /** The zones as a GeoJSON FeatureCollection (feature {@code id} and {@code properties.id}, {@code name}). */
    public synchronized ObjectNode zonesGeoJson() {
        return zonesGeoJson(z -> true);
    }

    /** The zones {@code visible} admits, as a GeoJSON FeatureCollection. */
    public synchronized ObjectNode zonesGeoJson(java.util.function.Predicate<UserZone> visible) {
        ObjectNode fc = Rows.JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode fs = fc.putArray("features");
        for (UserZone z : zones.values()) {
            if (visible.test(z)) {
                fs.add(feature(z));
            }
        }
        return fc;
    }

    /** The zone with this id, if any. */
    public synchronized java.util.Optional<UserZone> zone(String id) {
        return java.util.Optional.ofNullable(zones.get(id));
    }

    /**
     * Whether {@code id} is one the server has given a zone: a zone it holds now, or {@code zone-N} with N
     * from 1 to the last number given, a zone deleted since, whose events the history keeps (a zone id is
     * given once: a new zone never takes a deleted one's events).
     */
    public synchronized boolean zoneIdGiven(String id) {
        if (zones.containsKey(id)) {
            return true;
        }
        if (!id.matches("zone-[1-9][0-9]{0,17}")) {
            return false;
        }
        return Long.parseLong(id.substring(5)) < nextZoneId;
    }

    static ObjectNode feature(UserZone z) {
        ObjectNode f = Rows.JSON.createObjectNode();
        f.put("type", "Feature");
        f.put("id", z.id());
        ObjectNode p = f.putObject("properties").put("id", z.id()).put("name", z.name());
        p.put("tlp", z.marking().tlp().apiName());
        p.put("owner_org", z.marking().ownerOrg());
        if (!z.marking().sharedWithOrgs().isEmpty()) {
            z.marking().sharedWithOrgs().stream().sorted().forEach(p.putArray("shared_with")::add);
        }
        if (!z.marking().recipients().isEmpty()) {
            z.marking().recipients().stream().sorted().forEach(p.putArray("recipients")::add);
        }
        f.set("geometry", z.geometry());
        return f;
    }

    /** The zones, watchlist and id counters as they were before a change, to put back if it cannot be saved. */
    private record Snapshot(Map<String, UserZone> zones, Map<String, WatchEntry> watch, long nextZoneId, long nextWatchId) {
    }

    private Snapshot snapshot() {
        return new Snapshot(new LinkedHashMap<>(zones), new LinkedHashMap<>(watch), nextZoneId, nextWatchId);
    }

    /**
     * Saves a change made since {@code before} ({@link #changed()}); when it cannot be saved, puts the
     * zones and watchlist back as they were, so that what the server holds and detects with is what its
     * data folder stores, and says so.
     *
     * @throws SaveFailed (a 503) when the change could not be written; it is then not made
     */
    private void changed(Snapshot before) throws InterruptedException {
        try {
            changed();
        } catch (SaveFailed e) {
            zones.clear();
            zones.putAll(before.zones());
            watch.clear();
            watch.putAll(before.watch());
            nextZoneId = before.nextZoneId();
            nextWatchId = before.nextWatchId();
            throw e;
        }
    }

    /**
     * The zones or watchlist could not be written to the data folder: the change was not made, and the
     * server and its data folder hold them as before (503: the cause, a full disk or a folder the
     * server may not write, is the server's and may pass).
     */
    static final class SaveFailed extends io.javalin.http.HttpResponseException {
        private static final long serialVersionUID = 1L;

        SaveFailed(String message, Throwable cause) {
            super(503, message);
            initCause(cause);
        }
    }

    /** The text last written to zones.json and watchlist.json (null: not written by this server yet). */
    private String savedZones;
    private String savedWatch;

    /**
     * Writes the current zones and watchlist to disk, then sends them to the pipeline. Each file is
     * written whole to a temporary file and moved over the old one, and only when its text changed: a
     * write that fails leaves the old file, and the pipeline is not told of what is not saved.
     *
     * @throws SaveFailed when a file cannot be written (the pipeline is then not told); the caller puts
     *         the change back
     */
    public synchronized void changed() throws InterruptedException {
        changed(false);
    }

    /**
     * As {@link #changed()}; once {@link #startHistory} has been called, a set that differs from the
     * one in force (or any, when {@code record}) is first recorded in the history, and the change is
     * marked in the raw archive where it takes effect.
     */
    private void changed(boolean record) throws InterruptedException {
        List<Zone> zs = new ArrayList<>();
        for (UserZone z : zones.values()) {
            zs.add(z.zone());
        }
        String key = null;
        String mark = null;
        if (dir != null) {
            ObjectNode zn = zonesGeoJson();
            String z = zn.toString();
            ObjectNode w = Rows.JSON.createObjectNode();
            w.set("entries", Rows.JSON.valueToTree(watch.values()));
            String wt = w.toString();
            ObjectNode rec = Rows.JSON.createObjectNode();
            rec.set("zones", zn);
            rec.set("watchlist", w);
            rec.put("next_zone_id", nextZoneId);
            rec.put("next_watch_id", nextWatchId);
            String recText = rec.toString();
            try {
                // the key as a rebuild reads it back from the record, so that the two compare alike
                key = key(Rows.JSON.readTree(recText));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (recording && (record || !key.equals(pipeline.userSetKey()))) {
                try {
                    mark = history.write(recText);
                } catch (IOException e) {
                    throw new SaveFailed("cannot save the zones and watchlist: writing their record in " + dir.resolve(UserDataHistory.DIR)
                            + " failed (" + e + "); the change was not made, and the server and its data folder hold the zones and"
                            + " watchlist as before", e);
                }
            }
            // one change alters one of the two files: the other is not written, so a failure leaves both as they were
            if (!z.equals(savedZones)) {
                write("zones.json", z);
                savedZones = z;
            }
            if (!wt.equals(savedWatch)) {
                write("watchlist.json", wt);
                savedWatch = wt;
            }
        }
        pipeline.changeUserSet(userSet(zs, watch.values(), key), mark);
    }

    /** The detectors' form of a set of zones and watchlist entries. */
    private static Pipeline.UserSet userSet(List<Zone> zs, java.util.Collection<WatchEntry> entries, String key) {
        Map<Integer, String> m = new LinkedHashMap<>();
        Map<Integer, String> i = new LinkedHashMap<>();
        Map<String, String> n = new LinkedHashMap<>();
        for (WatchEntry e : entries) {
            if (e.mmsi() > 0) {
                m.put(e.mmsi(), e.note());
            } else if (e.imo() > 0) {
                i.put(e.imo(), e.note());
            } else if (e.name() != null) {
                n.put(e.name(), e.note());
            }
        }
        return new Pipeline.UserSet(zs.isEmpty() ? null : new ZoneIndex(zs), new Watchlist(m, i, n), key);
    }

    /** The content of a history record that decides detection, as text: its zones and watchlist. */
    private static String key(JsonNode record) {
        return record.path("zones").toString() + "\n" + record.path("watchlist").toString();
    }

    /**
     * Before the rebuild: puts in force the set the lines before the raw archive's first mark are
     * judged with, the first set recorded (the one in force when the server first kept a history,
     * which a server before that applied to all of them); with no history, the set held now.
     */
    synchronized void beforeRebuild() throws InterruptedException {
        String first = history == null ? null : history.first();
        Pipeline.UserSet set = first == null ? null : recorded(first);
        if (set != null) {
            pipeline.changeUserSet(set, null);
        }
    }

    /**
     * The set a history record holds, as the detectors take it, or null when there is no such record
     * (for {@link Pipeline#rebuildFromArchive(java.util.function.Function)}).
     */
    synchronized Pipeline.UserSet recorded(String name) {
        JsonNode rec = history == null ? null : history.read(name);
        if (rec == null) {
            return null;
        }
        List<Zone> zs = new ArrayList<>();
        for (JsonNode f : rec.path("zones").path("features")) {
            String id = f.path("id").asText();
            zs.add(zone(id, f.path("properties").path("name").asText(), f.path("geometry"), null).zone());
        }
        List<WatchEntry> entries = new ArrayList<>();
        try {
            for (JsonNode e : rec.path("watchlist").path("entries")) {
                entries.add(Rows.JSON.treeToValue(e, WatchEntry.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("zones and watchlist record " + name + " holds a watchlist entry that cannot be read", e);
        }
        return userSet(zs, entries, key(rec));
    }

    /**
     * After the rebuild, before any input: records the set held now when it differs from the one the
     * rebuild left in force (a {@code --zones} file may add zones), or when none is recorded yet, and
     * marks it in the raw archive; from here on every change is recorded and marked.
     */
    synchronized void startHistory() throws InterruptedException {
        if (history == null) {
            return;
        }
        recording = true;
        changed(history.isEmpty());
    }

    /** Writes {@code name} in the data folder whole or not at all: to a temporary file, moved over it. */
    private void write(String name, String text) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp");
        try {
            // strict UTF-8: text that is no Unicode (an unpaired surrogate) fails here, not as a '?' in the file
            java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException ignored) {
                // the temporary file is not read; the next write replaces it
            }
            throw new SaveFailed("cannot save the zones and watchlist: writing " + target + " failed (" + e
                    + "); the change was not made, and the server and its data folder hold the zones and watchlist as before", e);
        }
    }
}
