package org.watchkeeper.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Antimeridian;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.core.util.JsonErrors;
import org.watchkeeper.store.ClosestApproach;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselPresence;
import org.watchkeeper.store.VesselRow;

/**
 * The HTTP API of {@code /work/api-contract.md}: JSON, times ISO-8601 UTC, MMSIs as 9-digit
 * strings, not-available values absent, errors {@code {"error": "...", "status": 4xx}}.
 *
 * <p>Request bounds: bodies above {@link #MAX_BODY} bytes get 413 ({@link #MAX_IMPORT_BODY} for
 * {@value #IMPORT_ROUTE}, which takes whole public datasets); list sizes are capped by
 * {@code limit} (1..{@link #MAX_LIMIT}).
 */
public final class Api {
    /**
     * The largest radius, in km, that {@code /api/near} takes (and {@code query near --radius-km}): about half
     * the Earth's circumference, so that every point lies within it.
     */
    public static final double NEAR_MAX_RADIUS_KM = 20_000;

    /** Largest request body accepted, bytes. */
    public static final long MAX_BODY = 1_000_000;
    /**
     * Largest body of {@value #IMPORT_ROUTE}, bytes, and largest CSV a gzip body of it unpacks to: a whole public
     * dataset with room (the NGA ASAM export is 4.1 MB, the crime-at-sea CSV 1.8 MB).
     */
    public static final long MAX_IMPORT_BODY = 64_000_000;
    /** The route that takes {@link #MAX_IMPORT_BODY}. */
    public static final String IMPORT_ROUTE = "/api/incidents/import";
    /** Largest {@code limit}. */
    public static final int MAX_LIMIT = 100_000;
    /** Default {@code limit} of list routes. */
    public static final int DEFAULT_LIMIT = 10_000;
    /** Classpath folder of the web UI (the {@code web} module's jar provides it). */
    public static final String WEB_FOLDER = "/web";

    /** A bad request: answered 400 with the message. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message);
        }
    }

    /** A well-formed request the server will not carry out as asked (422), with the reason and what to do. */
    public static final class Unprocessable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unprocessable(String message) {
            super(message);
        }
    }

    /**
     * A request the server cannot answer yet (503), with a {@code Retry-After} header of
     * {@code retryAfterSeconds} and the message saying why.
     */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int retryAfterSeconds;

        public Unavailable(String message, int retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The wait, seconds, the answer asks for. */
        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private Api() {
    }

    /**
     * Builds the Javalin application with every route.
     *
     * @param server what the routes read and change
     */
    static Javalin create(WatchkeeperServer server) {
        List<io.javalin.event.HandlerMetaInfo> gets = new java.util.concurrent.CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY;
            cfg.jsonMapper(new JavalinJackson(Rows.JSON, false));
            cfg.events(ev -> ev.handlerAdded(h -> {
                // HEAD routes answer as their GET (added below); the API's routes are listed once, by GET
                if (h.getHttpMethod().isHttpMethod() && h.getHttpMethod() != HandlerType.HEAD) {
                    server.addRoute(h.getHttpMethod().name() + " " + h.getPath());
                }
                if (h.getHttpMethod() == HandlerType.GET) {
                    gets.add(h);
                }
            }));
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            // what Jetty answers itself (a request refused before the API sees it) says why, as the API's
            // JSON errors do, without a stack trace
            cfg.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JsonErrorHandler(server.config().tlsKeystore() != null)));
            if (server.config().tlsKeystore() != null) {
                Tls.install(cfg, server.config());
            }
            if (Api.class.getResource(WEB_FOLDER + "/index.html") != null) {
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = WEB_FOLDER;
                    sf.location = Location.CLASSPATH;
                });
            }
        });
        HistoryStore store = server.store();
        Pipeline pipeline = server.pipeline();

        app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(Unprocessable.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
        app.exception(Unavailable.class, (e, ctx) -> {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
            error(ctx, 503, e.getMessage());
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(TooLarge.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus() == 413
                ? "the request body is larger than the " + bodyLimit(ctx) + " bytes " + taker(ctx) + " takes"
                        + (ctx.header("Content-Length") != null ? " (" + ctx.header("Content-Length") + " bytes sent)" : "")
                : e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, "body is " + JsonErrors.reason(e)));
        app.error(404, ctx -> {
            // a path the API has, asked with a method it does not take: 405 with the methods it takes (RFC 9110 15.5.6)
            List<String> allowed = allowedMethods(server.routes(), ctx.path());
            if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) {
                ctx.header("Allow", String.join(", ", allowed));
                error(ctx, 405, ctx.req().getMethod() + " is not allowed on " + ctx.path() + "; allowed: " + String.join(", ", allowed));
                return;
            }
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });

        Security.install(app, server);
        // after the login check (a stranger learns nothing of the routes' parameters)
        app.beforeMatched(ctx -> {
            String route = ctx.endpointHandlerPath();
            if (server.routePaths().contains(route)) {
                // a query string that cannot be decoded: Javalin would drop the parameter and answer unfiltered
                QueryParameters.checkEncoding(ctx.queryString());
                QueryParameters.API.check(ctx.method().name(), route, ctx.queryParamMap());
                // refused before Javalin reads the body (it would log a warning for each)
                tooLarge(ctx.req().getContentLengthLong(), bodyLimit(ctx));
            }
        });
        IncidentApi.register(app, server);

        app.get("/health", ctx -> {
            ObjectNode o = Rows.JSON.createObjectNode();
            boolean ok = pipeline.failure() == null;
            o.put("status", ok ? "UP" : "DOWN");
            o.put("vessels", pipeline.vessels().size());
            o.put("queued", pipeline.queued());
            // the server lives while a feed fails: say how many do (their names and errors are in /api/stats)
            o.put("sources", server.sources().size());
            o.put("sources_failing", server.sources().stream().filter(x -> x.error() != null).count());
            if (!ok) {
                o.put("error", String.valueOf(pipeline.failure()));
            }
            ctx.status(ok ? 200 : 503).json(o);
        });
        app.get("/metrics", ctx -> {
            Sharing.requireHost(ctx);
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(server.metrics().scrape());
        });
        app.get("/openapi.json", ctx -> {
            try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
                ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });

        app.get("/api/vessels", ctx -> {
            int limit = integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
            List<ObjectNode> fetched = vessels(ctx, server, limit + 1);
            boolean truncated = fetched.size() > limit;
            List<ObjectNode> vs = firstOf(fetched, limit);
            ObjectNode o = Rows.JSON.createObjectNode();
            o.put("count", vs.size());
            // more vessels match than the limit let through: raise limit (up to 100 000) or narrow the query
            o.put("truncated", truncated);
            o.putArray("vessels").addAll(vs);
            ctx.json(o);
        });
        app.get("/api/vessels/{mmsi}", ctx -> {
            int mmsi = mmsiPath(ctx);
            ObjectNode v = vessel(server, mmsi);
            Instant now = Instant.now();
            SharingPolicy policy = Access.policy(ctx);
            boolean identity = v != null && Sharing.identity(v, policy, now);
            if (v != null) {
                v = Sharing.vessel(v, policy, now);
            }
            if (v == null) {
                throw new io.javalin.http.NotFoundResponse("no vessel with MMSI " + Mmsi.format(mmsi));
            }
            ArrayNode h = v.putArray("identity_history");
            store.identityHistory(mmsi).forEach(c -> {
                if (!identity || (policy != SharingPolicy.UNRESTRICTED
                        && Instant.ofEpochMilli(c.timeMillis()).isAfter(policy.horizon(now)))) {
                    return;
                }
                ObjectNode x = h.addObject();
                x.put("time", iso(c.timeMillis()));
                x.put("field", c.field());
                if (c.oldValue() != null) {
                    x.put("old", c.oldValue());
                }
                if (c.newValue() != null) {
                    x.put("new", c.newValue());
                }
            });
            ArrayNode es = v.putArray("events");
            Principal p = Access.principal(ctx);
            EventAccess access = server.eventAccess();
            store.eventsForVessel(mmsi, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2).forEach(e -> {
                ObjectNode x = access.event(e, false, p, policy, now);
                if (x != null) {
                    es.add(x);
                }
            });
            // the episodes of this vessel under way (in port since..., loitering, dark): left out when
            // the detectors do not answer within a few seconds (a long input queue), never an error
            Pipeline.Ongoing ongoing = server.pipeline().ongoing(VESSEL_ONGOING_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS, mmsi);
            if (ongoing != null) {
                ArrayNode os = v.putArray("ongoing");
                ongoing.events().stream()
                        .sorted(Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id))
                        .forEach(e -> {
                            ObjectNode x = access.event(e, false, p, policy, now);
                            if (x != null) {
                                os.add(x.put("ongoing", true));
                            }
                        });
            }
            ctx.json(v);
        });
        app.get("/api/vessels/{mmsi}/track", ctx -> {
            int mmsi = mmsiPath(ctx);
            long from = time(ctx, "from", Long.MIN_VALUE / 2);
            long to = time(ctx, "to", Long.MAX_VALUE / 2);
            window(from, to);
            boolean points = bool(ctx, "points", false);
            String format = trackFormat(ctx);
            if (points && !format.equals("geojson")) {
                throw new BadRequest("points=true adds a Point per fix to the GeoJSON track; format=" + format
                        + " takes no points (its fixes are " + (format.equals("csv") ? "its rows" : "its coordinates") + ")");
            }
            // at most MAX_LIMIT fixes, as any export: more without a limit is a 422, not a cut track
            int limit = Exports.limit(ctx);
            Sharing.requireClass(ctx, DataClass.POSITIONS);
            SharingPolicy policy = Access.policy(ctx);
            Instant now = Instant.now();
            List<PositionRow> fetched = store.track(mmsi, from, to, limit + 1);
            boolean truncated = fetched.size() > limit;
            List<PositionRow> rows = Exports.fit(fetched, limit, ctx.queryParam("limit") != null,
                    "fixes of MMSI " + Mmsi.format(mmsi) + " in the window");
            if (policy != SharingPolicy.UNRESTRICTED) {
                rows = rows.stream().filter(r -> policy.allows(DataClass.POSITIONS, r.lat(), r.lon(),
                        Instant.ofEpochMilli(r.timeMillis()), now)).toList();
            }
            // the vessel as /api/vessels/{mmsi} shows it to this caller (null: that route answers 404)
            ObjectNode v = vessel(server, mmsi);
            if (v != null) {
                v = Sharing.vessel(v, policy, now);
            }
            // A vessel never heard of (not in the picture, no stored vessel or fix), or one hidden from this
            // caller with no fix it may see in the window, answers as /api/vessels/{mmsi} does: a hidden
            // vessel looks like an absent one. A known vessel without fixes in the window is an empty track.
            boolean known = v != null || !rows.isEmpty() || (policy == SharingPolicy.UNRESTRICTED
                    && !store.track(mmsi, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 1).isEmpty());
            if (!known) {
                throw new io.javalin.http.NotFoundResponse("no vessel with MMSI " + Mmsi.format(mmsi));
            }
            // every format: the fixes it holds, and whether limit cut the window's track (the GeoJSON says it too)
            ctx.header(Exports.COUNT_HEADER, Integer.toString(rows.size()));
            ctx.header(Exports.TRUNCATED_HEADER, Boolean.toString(truncated));
            switch (format) {
                case "csv" -> {
                    ctx.header("Content-Disposition", "attachment; filename=\"" + Exports.trackFile(mmsi, "csv") + "\"");
                    Exports.signed(ctx, server, "text/csv; charset=utf-8", Exports.trackCsv(rows));
                }
                case "kml" -> {
                    ctx.header("Content-Disposition", "attachment; filename=\"" + Exports.trackFile(mmsi, "kml") + "\"");
                    Exports.signed(ctx, server, "application/vnd.google-earth.kml+xml",
                            Exports.trackKml(mmsi, v == null ? null : v.path("name").asText(null), rows));
                }
                default -> ctx.json(track(mmsi, rows, points).put("truncated", truncated));
            }
        });

        app.get("/api/events", ctx -> {
            int limit = integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
            List<ObjectNode> fetched = visibleEvents(ctx, server, limit + 1);
            boolean truncated = fetched.size() > limit;
            List<ObjectNode> es = firstOf(fetched, limit);
            ObjectNode o = Rows.JSON.createObjectNode();
            o.put("count", es.size());
            // more events match than the limit let through: raise limit (up to 100 000) or narrow the query
            o.put("truncated", truncated);
            o.putArray("events").addAll(es);
            ctx.json(o);
        });
        app.get("/api/ongoing", ctx -> {
            int limit = integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
            VisibleOngoing ongoing = visibleOngoing(ctx, server);
            if (ongoing == null) {
                return;
            }
            ObjectNode o = Rows.JSON.createObjectNode();
            long wm = ongoing.asOfMillis();
            if (wm > Long.MIN_VALUE / 2 && wm < Long.MAX_VALUE / 2) {
                o.put("as_of", iso(wm));
            } else {
                o.putNull("as_of");
            }
            ArrayNode a = Rows.JSON.createArrayNode();
            a.addAll(firstOf(ongoing.events(), limit));
            o.put("count", a.size());
            o.put("total", ongoing.events().size());
            o.set("events", a);
            ctx.json(o);
        });
        app.get("/api/events/{id}", ctx -> {
            String id = ctx.pathParam("id");
            if (!id.matches("[0-9a-zA-Z_-]{1,128}")) {
                throw new BadRequest("an event id is 1-128 letters, digits, '_' or '-': " + id);
            }
            Sharing.requireClass(ctx, DataClass.EVENTS);
            EventRow e = store.event(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no event with id " + id));
            ObjectNode o = server.eventAccess().event(e, true, Access.principal(ctx), Access.policy(ctx), Instant.now());
            if (o == null) {
                throw new io.javalin.http.NotFoundResponse("no event with id " + id);
            }
            ctx.json(o);
        });

        app.get("/api/near", ctx -> {
            double lat = number(ctx, "lat", -90, 90, Double.NaN, true);
            double lon = number(ctx, "lon", -180, 180, Double.NaN, true);
            double r = positive(ctx, "radius_km", NEAR_MAX_RADIUS_KM, Double.NaN, true);
            long from = time(ctx, "from", Long.MIN_VALUE / 2);
            long to = time(ctx, "to", Long.MAX_VALUE / 2);
            window(from, to);
            boolean fixesOnly = bool(ctx, "fixes_only", false);
            Sharing.requireClass(ctx, DataClass.POSITIONS);
            SharingPolicy policy = Access.policy(ctx);
            Instant now = Instant.now();
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("results");
            for (ClosestApproach c : near(store, lat, lon, r * 1000, from, to, fixesOnly)) {
                Instant t = Instant.ofEpochMilli(c.timeMillis());
                if (!allowsPositions(policy, c, now)) {
                    continue;
                }
                ObjectNode x = a.addObject();
                x.put("mmsi", Mmsi.format(c.mmsi()));
                if (policy.allows(DataClass.IDENTITIES, c.lat(), c.lon(), t, now)) {
                    putIdentity(x, server, c.mmsi());
                }
                putApproach(x, c);
            }
            ctx.json(o);
        });

        app.get("/api/box", ctx -> {
            double minLat = number(ctx, "min_lat", -90, 90, Double.NaN, true);
            double minLon = number(ctx, "min_lon", -180, 180, Double.NaN, true);
            double maxLat = number(ctx, "max_lat", -90, 90, Double.NaN, true);
            double maxLon = number(ctx, "max_lon", -180, 180, Double.NaN, true);
            if (minLat > maxLat) {
                throw new BadRequest("min_lat must not be above max_lat: " + given(ctx, "min_lat") + " > " + given(ctx, "max_lat")
                        + " (min_lon > max_lon crosses the 180° meridian; latitudes do not wrap)");
            }
            long from = time(ctx, "from", Long.MIN_VALUE / 2);
            long to = time(ctx, "to", Long.MAX_VALUE / 2);
            window(from, to);
            Sharing.requireClass(ctx, DataClass.POSITIONS);
            SharingPolicy policy = Access.policy(ctx);
            Instant now = Instant.now();
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("results");
            for (VesselPresence v : store.vesselsInBox(minLat, minLon, maxLat, maxLon, from, to)) {
                double[] last = {Double.NaN, Double.NaN};
                VesselPresence seen = policy.areas().isEmpty() && policy.delay().isZero() ? v
                        : visiblePresence(store, v.mmsi(), minLat, minLon, maxLat, maxLon, from, to, policy, now, last);
                if (seen == null) {
                    continue;
                }
                ObjectNode x = a.addObject();
                x.put("mmsi", Mmsi.format(v.mmsi()));
                if (policy.allows(DataClass.IDENTITIES, last[0], last[1], Instant.ofEpochMilli(seen.lastTimeMillis()), now)) {
                    putIdentity(x, server, v.mmsi());
                }
                x.put("positions", seen.positions());
                x.put("first", iso(seen.firstTimeMillis()));
                x.put("last", iso(seen.lastTimeMillis()));
            }
            ctx.json(o);
        });

        app.get("/api/zones", ctx -> {
            Principal p = Access.principal(ctx);
            ctx.json(server.userData().zonesGeoJson(z -> Sharing.seesZone(z, p)));
        });
        app.post("/api/zones", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            JsonNode body = jsonBody(ctx);
            ObjectNode fc = Rows.JSON.createObjectNode();
            fc.put("type", "FeatureCollection");
            ArrayNode fs = fc.putArray("features");
            server.userData().addZones(body, p).forEach(z -> fs.add(UserData.feature(z)));
            ctx.status(201).json(fc);
        });
        app.delete("/api/zones/{id}", ctx -> {
            Principal p = Access.require(ctx, Role.ANALYST);
            // a zone the caller may not see answers as one that does not exist
            UserData.UserZone z = server.userData().zone(ctx.pathParam("id")).filter(x -> Sharing.seesZone(x, p))
                    .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no zone with id " + ctx.pathParam("id")));
            if (!z.marking().ownerOrg().equals(p.org()) && !Sharing.hostAdmin(p)) {
                throw new io.javalin.http.ForbiddenResponse("zone " + z.id() + " belongs to organisation '" + z.marking().ownerOrg() + "'");
            }
            if (!server.userData().deleteZone(ctx.pathParam("id"))) {
                throw new io.javalin.http.NotFoundResponse("no zone with id " + ctx.pathParam("id"));
            }
            ctx.status(204);
        });
        app.get("/api/watchlist", ctx -> {
            Sharing.requireHost(ctx);
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("entries");
            server.userData().watchlist().forEach(e -> a.add(watch(e)));
            ctx.json(o);
        });
        app.post("/api/watchlist", ctx -> {
            Sharing.requireHost(ctx);
            Access.require(ctx, Role.ANALYST);
            UserData.WatchEntry added = server.userData().addWatch(jsonBody(ctx));
            ObjectNode o = watch(added);
            if (added.imo() > 0 && !org.watchkeeper.core.detect.identity.ImoNumber.isValid(added.imo())) {
                // kept (a spoofer's wrong number is worth watching), but most likely mistyped: said
                o.put("warning", "IMO " + added.imo() + " fails its check digit ("
                        + org.watchkeeper.core.detect.identity.ImoNumber.checkDigit(added.imo()) + " expected, IMO Resolution"
                        + " A.1117(30)): it matches only a vessel that sends this very number");
            }
            ctx.status(201).json(o);
        });
        app.delete("/api/watchlist/{id}", ctx -> {
            Sharing.requireHost(ctx);
            Access.require(ctx, Role.ANALYST);
            if (!server.userData().deleteWatch(ctx.pathParam("id"))) {
                throw new io.javalin.http.NotFoundResponse("no watchlist entry with id " + ctx.pathParam("id"));
            }
            ctx.status(204);
        });

        app.get("/api/stats", ctx -> {
            Sharing.requireHost(ctx);
            ctx.json(server.stats().json());
        });
        app.get("/api/stats/series", ctx -> {
            Sharing.requireHost(ctx);
            String metric = ctx.queryParamAsClass("metric", String.class).getOrDefault("messages");
            if (!metric.equals("messages")) {
                throw new BadRequest("unknown metric '" + metric + "'; known: messages");
            }
            String source = given(ctx, "source");
            if (source != null && !server.stats().knows(source)) {
                throw new BadRequest("unknown source '" + source + "'");
            }
            long from = time(ctx, "from", Long.MIN_VALUE / 2);
            long to = time(ctx, "to", Long.MAX_VALUE / 2);
            window(from, to);
            ctx.json(server.stats().series(source, from, to));
        });
        app.get("/api/stats/chokepoints", ctx -> ctx.json(perDay(ctx, server, "chokepoint_transit", "chokepoint_name",
                "ship_type_group", "chokepoint")));
        app.get("/api/stats/port-calls", ctx -> ctx.json(perDay(ctx, server, "port_visit", "port_name", null, "port")));

        app.get("/api/export/{file}", ctx -> Exports.export(ctx, server));

        SseHandler sse = new SseHandler(0, client -> {
            Context ctx = client.ctx();
            LiveStream.Filter f;
            try {
                f = streamFilter(ctx);
            } catch (BadRequest e) {
                client.sendEvent("error", error(e.getMessage(), 400).toString());
                client.close();
                return;
            }
            // judged again at each message by the rules the request was: a revoked token ends the stream
            LiveStream.Credentials who = Security.credentials(ctx, server.accounts());
            if (who == null) {
                server.stream().serve(client, f, Access.principal(ctx), Access.policy(ctx));
            } else {
                server.stream().serve(client, f, who);
            }
        });
        // An SSE handler silently answers an empty 200 to a request that does not accept an event
        // stream; say what is missing instead.
        app.get("/api/stream", ctx -> {
            String accept = ctx.header("Accept");
            if (!acceptsEventStream(accept)) {
                error(ctx, 406, STREAM_ACCEPT);
                return;
            }
            // Bad parameters get a 400 before the stream starts (once it has started, the status is 200).
            streamFilter(ctx);
            // The SSE handler serves only the exact header value; give it that when the caller's list
            // named the stream among other types.
            sse.handle("text/event-stream".equals(accept) ? ctx : withEventStreamAccept(ctx));
        });
        // HEAD answers what GET would (status, headers, the same checks), without the body; Javalin's own
        // HEAD answered 200 for any GET route without running its checks. The stream is checked, not started.
        for (io.javalin.event.HandlerMetaInfo get : gets) {
            if (get.getPath().equals("/api/stream")) {
                app.head(get.getPath(), ctx -> {
                    if (!acceptsEventStream(ctx.header("Accept"))) {
                        error(ctx, 406, STREAM_ACCEPT);
                        return;
                    }
                    streamFilter(ctx);
                    ctx.contentType("text/event-stream");
                });
            } else {
                app.head(get.getPath(), get.getHandler());
            }
        }
        return app;
    }

    /**
     * Whether the Accept header (RFC 9110 section 12.5.1) takes an event stream: a media range
     * {@code text/event-stream} (as an EventSource sends it) with a quality above 0, alone or in a list,
     * or the header {@code *}{@code /*} alone, as curl and wget send by default, or no header at all (RFC
     * 9110: any type, as a program's HTTP library asks). Other types and wider ranges in a browser's list
     * ({@code text/html,...,*}{@code /*;q=0.8}) are not taken: a page asking for HTML should not get a
     * stream that never ends.
     */
    static boolean acceptsEventStream(String accept) {
        if (accept == null) {
            return true;
        }
        if (accept.strip().equals("*/*")) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].strip().equalsIgnoreCase("text/event-stream")) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].strip();
                if (param.length() > 2 && (param.startsWith("q=") || param.startsWith("Q="))) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0; // a malformed weight takes nothing
                    }
                }
            }
            if (q > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code ctx} as seen by a handler that reads {@code Accept: text/event-stream}; everything else is {@code ctx}'s own. */
    private static Context withEventStreamAccept(Context ctx) {
        return (Context) java.lang.reflect.Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("header") && args != null && args.length == 1
                            && "Accept".equalsIgnoreCase(String.valueOf(args[0]))) {
                        return "text/event-stream";
                    }
                    try {
                        return method.invoke(ctx, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static LiveStream.Filter streamFilter(Context ctx) {
        String given = ctx.queryParam("kinds");
        String kinds = given == null ? String.join(",", STREAM_KINDS) : given;
        if (kinds.isBlank()) {
            throw new BadRequest("kinds: empty; name at least one of " + String.join(", ", STREAM_KINDS)
                    + " (or leave kinds out for all)");
        }
        Set<String> k = new HashSet<>();
        for (String s : kinds.split(",")) {
            String t = s.strip();
            if (t.equals("incident_withdrawn")) {
                throw new BadRequest("kinds: incident_withdrawn messages come with the kind incident: kinds=incident gives both");
            }
            if (!STREAM_KINDS.contains(t)) {
                throw new BadRequest("kinds: unknown kind '" + t + "'; known: " + String.join(", ", STREAM_KINDS)
                        + " (incident gives incident_withdrawn too)");
            }
            k.add(t);
        }
        Set<Integer> mmsis = null;
        String m = given(ctx, "mmsi");
        if (m != null) {
            mmsis = new HashSet<>();
            for (String s : m.split(",")) {
                mmsis.add(mmsi(s.strip(), "mmsi"));
            }
        }
        Set<String> eventKinds = eventKinds(ctx);
        long throttle = (long) (number(ctx, "throttle", 0, 3600, 10, false) * 1000);
        return new LiveStream.Filter(k.contains("position"), k.contains("event"), k.contains("stats"), bbox(ctx),
                mmsis, eventKinds, throttle, k.contains("incident"), k.contains("ongoing"));
    }

    /** The 406 of {@code /api/stream} asked without an Accept header that takes an event stream. */
    static final String STREAM_ACCEPT = "/api/stream is a Server-Sent Events stream: send the header 'Accept: text/event-stream'"
            + " (alone, as a browser EventSource does, or in a list, or '*/*' as curl does by default), or no Accept header";

    /** The message kinds of {@code GET /api/stream} ({@code kinds=}). */
    static final List<String> STREAM_KINDS = List.of("position", "event", "ongoing", "stats", "incident");

    // ---- parameters ----

    static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(error(message, status).toString());
    }

    static ObjectNode error(String message, int status) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("error", message == null ? "error" : message);
        o.put("status", status);
        return o;
    }

    /**
     * The JSON body of a request, checked by {@link #checkText}.
     *
     * <p>The {@code Content-Type} must be {@code application/json} or a {@code +json} type
     * ({@code application/geo+json}), or be absent (a script's client that sends none). Any other type is
     * refused before the body is read: {@code curl -d} without the header sends a form, and a cross-site
     * HTML form can send {@code text/plain}, form and multipart bodies without a CORS preflight, so a route
     * that read them as JSON could be driven from another site by a signed-in browser.
     *
     * @throws io.javalin.http.HttpResponseException 415 naming the type sent
     * @throws BadRequest for an empty body
     * @throws JsonProcessingException for a body that is not JSON
     */
    static JsonNode jsonBody(Context ctx) throws JsonProcessingException {
        String type = ctx.contentType();
        if (type != null && !jsonMedia(type)) {
            throw new io.javalin.http.HttpResponseException(415, "the body must be JSON: send the header"
                    + " 'Content-Type: application/json' (this request says " + type + ")");
        }
        String b = body(ctx);
        if (b.isBlank()) {
            throw new BadRequest("a JSON body is required");
        }
        JsonNode tree = strictTree(b);
        checkText(tree, "");
        return tree;
    }

    /** Jackson's reason for a member given twice, with the member's name as group 1. */
    private static final java.util.regex.Pattern DUPLICATE_MEMBER = java.util.regex.Pattern.compile("^Duplicate (?:field|Object property) ['\"](.*)['\"]$");

    /**
     * Reads a request body as one JSON value, more strictly than the parser's defaults: a member given twice
     * in one object ({@code {"lat":54.46,"lat":10}}) and anything but white space after the value are refused,
     * where the parser would keep the last member and stop at the value's end. Either would let a body mean
     * something else than it seems to (a sharing policy's {@code areas} given as null and as an area; a second
     * object after the first).
     *
     * @throws BadRequest naming the repeated member, or where the text after the value starts, by line and column
     * @throws JsonProcessingException for a body that is not JSON
     */
    static JsonNode strictTree(String b) throws JsonProcessingException {
        try (JsonParser p = Rows.JSON.getFactory().createParser(b)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode tree;
            try {
                tree = Rows.JSON.readTree(p);
            } catch (JsonParseException e) {
                java.util.regex.Matcher m = DUPLICATE_MEMBER.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
                if (m.find()) {
                    throw new BadRequest("the body gives the member \"" + m.group(1) + "\" twice in one object" + place("at", e.getLocation())
                            + ": give each member once");
                }
                throw e;
            }
            if (tree == null) {
                throw new BadRequest("a JSON body is required");
            }
            JsonLocation extra = null;
            try {
                if (p.nextToken() != null) {
                    extra = p.currentTokenLocation();
                }
            } catch (JsonParseException e) {
                extra = e.getLocation();
            }
            if (extra != null) {
                throw new BadRequest("the body holds text after its JSON value," + place("from", extra) + ": send one JSON value");
            }
            return tree;
        } catch (java.io.IOException e) {
            if (e instanceof JsonProcessingException j) {
                throw j;
            }
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** " WORD line L, column C" of a parser location ({@code word} "at", "from"), or "" when it has none. */
    private static String place(String word, JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " " + word + " line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** The media type of a {@code Content-Type} value, lower case, without parameters ("" for none). */
    static String media(String type) {
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a {@code Content-Type} value names JSON: {@code application/json} or {@code application/...+json}, any parameters. */
    static boolean jsonMedia(String type) {
        String media = media(type);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /**
     * Refuses text no store of the server can hold, before anything is changed: an unpaired UTF-16
     * surrogate ({@code "\ud800"} alone, which JSON can write but UTF-8 cannot; it made every later save of
     * the zones and watchlist fail), or a C0 control character other than tab, line feed and carriage
     * return ({@code "\u0000"}), in any string or member name of a JSON body.
     *
     * @param path where {@code n} is in the body ({@code ""}: the body itself)
     * @throws BadRequest naming the member ({@code note}, {@code features[0].properties.name}) and the character
     */
    static void checkText(JsonNode n, String path) {
        if (n.isTextual()) {
            String bad = badText(n.textValue());
            if (bad != null) {
                throw new BadRequest((path.isEmpty() ? "the body" : path) + " " + bad);
            }
        } else if (n.isObject()) {
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String bad = badText(e.getKey());
                if (bad != null) {
                    throw new BadRequest("a member name" + (path.isEmpty() ? "" : " in " + path) + " " + bad);
                }
                checkText(e.getValue(), name);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                checkText(n.get(i), path + "[" + i + "]");
            }
        }
    }

    /** What is wrong with text a JSON body holds ({@link #checkText}), or null when nothing is. */
    static String badText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(java.util.Locale.ROOT, "holds an unpaired UTF-16 surrogate (\\u%04x at character %d),"
                        + " which is no character: a character beyond U+FFFF is written as its pair of surrogates"
                        + " (\\ud83d\\ude80) or as itself in UTF-8", (int) c, i + 1);
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format(java.util.Locale.ROOT, "holds the control character U+%04X (at character %d);"
                        + " of the control characters, text takes only tab, line feed and carriage return", (int) c, i + 1);
            }
        }
        return null;
    }

    private static final String BODY = "watchkeeper.body";

    /**
     * The request body as text, at most {@link #MAX_BODY} bytes: a larger one is a 413 before it is
     * read (by its Content-Length) or while it is read (a chunked body has none; Javalin would read it
     * whole, without a bound).
     */
    static String body(Context ctx) {
        String cached = ctx.attribute(BODY);
        if (cached != null) {
            return cached;
        }
        long length = ctx.req().getContentLengthLong();
        tooLarge(length);
        String b;
        if (length >= 0) {
            b = ctx.body();
        } else {
            try (InputStream in = ctx.req().getInputStream()) {
                byte[] bytes = in.readNBytes((int) MAX_BODY + 1);
                tooLarge(bytes.length);
                String cs = ctx.req().getCharacterEncoding();
                b = new String(bytes, cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the request body", e);
            }
        }
        ctx.attribute(BODY, b);
        return b;
    }

    /** @throws HttpResponseException 413 when a body of {@code length} bytes is larger than the API takes */
    static void tooLarge(long length) {
        tooLarge(length, MAX_BODY);
    }

    /** @throws HttpResponseException 413 when a body of {@code length} bytes is larger than {@code limit} */
    static void tooLarge(long length, long limit) {
        if (length > limit) {
            throw new HttpResponseException(413, "Content Too Large");
        }
    }

    /** The largest body the request's route takes: {@link #MAX_IMPORT_BODY} for {@value #IMPORT_ROUTE}, else {@link #MAX_BODY}. */
    static long bodyLimit(Context ctx) {
        return importRoute(ctx) ? MAX_IMPORT_BODY : MAX_BODY;
    }

    private static boolean importRoute(Context ctx) {
        return ctx.method() == HandlerType.POST && IMPORT_ROUTE.equals(ctx.path());
    }

    /** Who takes at most {@link #bodyLimit}: the import route by name, else the API. */
    private static String taker(Context ctx) {
        return importRoute(ctx) ? "POST " + IMPORT_ROUTE : "the API";
    }

    /** A body, or the CSV a gzip body unpacks to, larger than its route takes: answered 413 with the message. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The CSV body of {@value #IMPORT_ROUTE}: at most {@link #MAX_IMPORT_BODY} bytes as sent, and gzip (told by
     * its signature 1f 8b, or by {@code Content-Encoding: gzip}) unpacked to at most as many bytes, so that a
     * {@code .csv.gz} dataset can be posted as it is. Text is UTF-8 unless the Content-Type names a charset.
     *
     * @throws HttpResponseException 413 when the body is larger than the route takes
     * @throws TooLarge when the gzip body unpacks to more than that
     * @throws BadRequest when the body is said to be gzip and is not, or is corrupt or cut short
     */
    static String importBody(Context ctx) {
        tooLarge(ctx.req().getContentLengthLong(), MAX_IMPORT_BODY);
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) MAX_IMPORT_BODY + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the request body", e);
        }
        tooLarge(bytes.length, MAX_IMPORT_BODY);
        String encoding = ctx.header("Content-Encoding");
        boolean said = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !said && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new BadRequest("Content-Encoding " + encoding.trim() + " is not taken: send the CSV plain or gzip");
        }
        boolean signature = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        if (said && !signature) {
            throw new BadRequest("the body is sent as gzip (Content-Encoding: gzip) but does not start with gzip's signature 1f 8b");
        }
        if (signature) {
            bytes = gunzip(bytes);
        }
        String cs = ctx.req().getCharacterEncoding();
        return new String(bytes, cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs));
    }

    /** {@code gz} unpacked, at most {@link #MAX_IMPORT_BODY} bytes. */
    private static byte[] gunzip(byte[] gz) {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz), 1 << 16)) {
            byte[] out = in.readNBytes((int) MAX_IMPORT_BODY + 1);
            if (out.length > MAX_IMPORT_BODY) {
                throw new TooLarge("the gzip body unpacks to more than the " + MAX_IMPORT_BODY + " bytes POST " + IMPORT_ROUTE
                        + " takes");
            }
            return out;
        } catch (java.io.EOFException e) {
            throw new BadRequest("the gzip body ends before its compressed data does (cut short)");
        } catch (java.io.IOException e) {
            throw new BadRequest("the gzip body's compressed data is corrupt (" + e.getMessage() + ")");
        }
    }

    /**
     * A string member of a JSON body.
     *
     * @return its text, or null when it is absent or null
     * @throws BadRequest naming the member when it is something else (a number read as text would be taken silently)
     */
    static String text(JsonNode body, String field) {
        return text(body, field, false);
    }

    /** As {@link #text(JsonNode, String)}, for a password or token: the message does not repeat the value. */
    static String secret(JsonNode body, String field) {
        return text(body, field, true);
    }

    private static String text(JsonNode body, String field, boolean secret) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRequest(field + " must be a string, not " + describe(n) + (secret ? "" : ": " + n));
        }
        return n.asText();
    }

    /**
     * A boolean member of a JSON body.
     *
     * @return its value, or null when it is absent or null
     * @throws BadRequest naming the member when it is something else ({@code "yes"} would read as false)
     */
    static Boolean flag(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new BadRequest(field + " must be true or false, not " + describe(n) + ": " + n);
        }
        return n.asBoolean();
    }

    /**
     * A whole-number member of a JSON body in {@code min..max}, judged on the number as written (Jackson
     * reads a number too large for a long as a BigInteger, which {@code asLong} wraps: 99999999999999999999999
     * became 200376420520689663). A number with a zero fraction ({@code 60.0}) counts as whole.
     *
     * @param digits whether a string of digits is taken too ({@code "219165000"}, as MMSIs are written)
     * @param unit what follows the range in the message ({@code " seconds"}), or ""
     * @throws BadRequest naming the member and the value as written
     */
    static long whole(JsonNode n, String field, long min, long max, boolean digits, String unit) {
        java.math.BigInteger v = null;
        String written = n.toString();
        if (n.isIntegralNumber()) {
            v = n.bigIntegerValue();
        } else if (n.isFloatingPointNumber()) {
            if (n.isDouble() || n.isFloat()) {
                double d = n.doubleValue();
                if (Double.isInfinite(d)) {
                    // beyond a double: Jackson keeps no digits to show
                    throw new BadRequest(field + " must be " + min + ".." + max + unit + ": "
                            + (d > 0 ? "too large" : "too large a negative number"));
                }
            }
            java.math.BigDecimal d = n.decimalValue();
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                v = d.toBigInteger();
            }
        } else if (digits && n.isTextual() && n.asText().matches("\\d{1,100}")) {
            v = new java.math.BigInteger(n.asText());
            written = n.asText();
        }
        if (v == null) {
            throw new BadRequest(field + " must be an integer" + (digits ? " or a string of digits" : "") + ": " + written);
        }
        if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new BadRequest(field + " must be " + min + ".." + max + unit + ": " + written);
        }
        return v.longValue();
    }

    /**
     * What a JSON value is, for a message saying what was expected instead: "a JSON array", "a JSON
     * string", "an object without type", "an object of type 'Point'".
     */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            JsonNode t = n.get("type");
            if (t == null || t.isNull()) {
                return "an object without type";
            }
            return t.isTextual() ? "an object of type '" + t.asText() + "'" : "an object whose type is not a string";
        }
        if (n.isArray()) {
            return "a JSON array";
        }
        if (n.isTextual()) {
            return "a JSON string";
        }
        if (n.isNumber()) {
            return "a JSON number";
        }
        if (n.isBoolean()) {
            return "a JSON boolean";
        }
        return n.isNull() ? "null" : "a JSON " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses a JSON body that is not an object or has a member other than {@code known}: a misspelt
     * field ({@code "rol": "admin"}) would otherwise be ignored and the default taken silently.
     *
     * @throws BadRequest naming the first unknown member and the known ones
     */
    static JsonNode onlyFields(JsonNode body, String... known) {
        if (!body.isObject()) {
            throw new BadRequest("the body must be a JSON object with " + String.join(", ", known));
        }
        java.util.Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!Arrays.asList(known).contains(n)) {
                throw new BadRequest("unknown field '" + n + "'; known: " + String.join(", ", known));
            }
        }
        return body;
    }

    static int mmsiPath(Context ctx) {
        return mmsi(ctx.pathParam("mmsi"), "mmsi");
    }

    static int mmsi(String s, String name) {
        // 000000000 too: a placeholder some transmitters send, and a station the picture lists; and
        // values of 10 digits up to the 30-bit field's largest, which stations send and the picture keeps
        try {
            return Mmsi.parse(s, name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /**
     * The methods of the routes (as {@code METHOD /path/{param}}) whose path matches {@code path}
     * (a {@code {param}} matches one non-empty segment), in route order without repeats; HEAD with GET.
     */
    static List<String> allowedMethods(List<String> routes, String path) {
        String[] want = path.split("/", -1);
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String r : routes) {
            int sp = r.indexOf(' ');
            String[] have = r.substring(sp + 1).split("/", -1);
            if (have.length != want.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < have.length && match; i++) {
                match = have[i].startsWith("{") ? !want[i].isEmpty() : have[i].equals(want[i]);
            }
            if (match) {
                String m = r.substring(0, sp);
                out.add(m);
                if (m.equals("GET")) {
                    out.add("HEAD");
                }
            }
        }
        return List.copyOf(out);
    }

    /** How long {@code /api/vessels/{mmsi}} waits for the vessel's episodes under way. */
    static final long VESSEL_ONGOING_TIMEOUT_SECONDS = 5;

    /** How long {@code /api/ongoing} waits for the detection thread. */
    static final long ONGOING_TIMEOUT_SECONDS = 30;

    /**
     * A filter parameter's value, or null when it is not given or given empty ({@code ?bbox=}, as a
     * form with a field left blank sends it): an empty filter filters nothing, as for every parameter
     * but {@code /api/stream}'s {@code kinds}, whose empty list would select nothing, and the list
     * filters ({@link QueryParameters#LISTS}: {@code kind} ({@link #eventKinds}), {@code shiptype},
     * {@code flag} and {@code class} ({@link VesselFilter})), which are refused with a 400 naming them.
     */
    static String given(Context ctx, String name) {
        String s = ctx.queryParam(name);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A list parameter ({@link QueryParameters#LISTS}) as one comma-separated value: its values joined
     * when it is given several times ({@code kind=gap&kind=drift} is {@code kind=gap,drift}), null when
     * not given.
     */
    static String list(Context ctx, String name) {
        List<String> v = ctx.queryParams(name);
        return v.isEmpty() ? null : String.join(",", v);
    }

    static long time(Context ctx, String name, long dflt) {
        String s = given(ctx, name);
        if (s == null) {
            return dflt;
        }
        try {
            return org.watchkeeper.core.util.TimeBound.parse(s, name.equals("to"));
        } catch (org.watchkeeper.core.util.TimeBound.OutOfRange e) {
            // ISO-8601 reaches year -999999999; a time of the API is held as epoch milliseconds
            throw new BadRequest(name + " must be from " + org.watchkeeper.core.util.TimeBound.RANGE + ": " + s);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name + " must be an ISO-8601 time or date (" + org.watchkeeper.core.util.TimeBound.FORMS
                    + (name.equals("to") ? "; a date as to means its end" : "") + "): " + s
                    // a '+' left unencoded in a query string arrives as a space
                    + (s.contains(" ") ? " (in a URL, write the + of an offset as %2B)" : ""));
        }
    }

    /** Refuses a window whose {@code from} is after its {@code to}, naming both as read ({@link org.watchkeeper.core.util.TimeBound#reversed}). */
    static void window(long from, long to) {
        String reversed = org.watchkeeper.core.util.TimeBound.reversed("from", from, "to", to);
        if (reversed != null) {
            throw new BadRequest(reversed);
        }
    }

    static double number(Context ctx, String name, double min, double max, double dflt, boolean required) {
        String s = given(ctx, name);
        double v = number(s, name, dflt, required);
        if (s != null && !(v >= min && v <= max)) {
            throw new BadRequest(name + " must be in " + fmt(min) + ".." + fmt(max) + ": " + s);
        }
        return v;
    }

    /** A query parameter's number ({@link #given} text), {@code dflt} when it is not given and not required. */
    private static double number(String s, String name, double dflt, boolean required) {
        if (s == null) {
            if (required) {
                throw new BadRequest(name + " is required");
            }
            return dflt;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number: " + s);
        }
    }

    /**
     * A query parameter greater than 0 and at most {@code max} (a radius: 0 finds nothing).
     *
     * @throws BadRequest naming the parameter and its range ({@code radius_km must be > 0 and <= 20000: -1})
     */
    static double positive(Context ctx, String name, double max, double dflt, boolean required) {
        String s = given(ctx, name);
        double v = number(s, name, dflt, required);
        if (s != null && !(v > 0 && v <= max)) {
            throw new BadRequest(name + " must be > 0 and <= " + fmt(max) + ": " + s);
        }
        return v;
    }

    /** A number as a person writes it: a whole one without the ".0" Java adds ({@code 20000}, {@code -1}, {@code 0.5}). */
    public static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static int integer(Context ctx, String name, int min, int max, int dflt) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        if (!s.matches("-?\\d+")) {
            throw new BadRequest(name + " must be an integer: " + s);
        }
        // any length: an integer too long for a long is out of range, not "not an integer"
        java.math.BigInteger v = new java.math.BigInteger(s);
        if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new BadRequest(name + " must be in " + min + ".." + max + ": " + s);
        }
        return v.intValue();
    }

    /** The {@code format} of {@code /api/vessels/{mmsi}/track}: geojson (the default), csv or kml. */
    static String trackFormat(Context ctx) {
        String f = given(ctx, "format");
        if (f == null) {
            return "geojson";
        }
        if (!f.equals("geojson") && !f.equals("csv") && !f.equals("kml")) {
            throw new BadRequest("format must be geojson, csv or kml: " + f);
        }
        return f;
    }

    /**
     * The first {@code limit} of rows a list fetched {@code limit + 1} of, so that it can say whether more
     * matched ({@code truncated}: {@code fetched.size() > limit}).
     */
    static <T> List<T> firstOf(List<T> fetched, int limit) {
        return fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    }

    /**
     * A vessel's presence in a box as a caller bound by an area or a delay may see it: its fixes in the box and
     * window that the policy lets the caller see ({@link SharingPolicy#allows} of {@link DataClass#POSITIONS}),
     * counted, with the first and last time; {@code last} receives the latitude and longitude of the last one.
     *
     * @return null when the caller may see none of them
     */
    static VesselPresence visiblePresence(HistoryStore store, int mmsi, double minLat, double minLon, double maxLat,
                                          double maxLon, long from, long to, SharingPolicy policy, Instant now, double[] last) {
        List<org.watchkeeper.store.LatLonBox> pieces = org.watchkeeper.store.LatLonBox.pieces(minLat, minLon, maxLat, maxLon);
        long n = 0;
        long first = 0;
        long latest = 0;
        for (PositionRow r : store.track(mmsi, from, to)) {
            boolean inside = false;
            for (org.watchkeeper.store.LatLonBox b : pieces) {
                inside |= b.contains(r.lat(), r.lon());
            }
            if (!inside || !policy.allows(DataClass.POSITIONS, r.lat(), r.lon(), Instant.ofEpochMilli(r.timeMillis()), now)) {
                continue;
            }
            if (n++ == 0) {
                first = r.timeMillis();
            }
            latest = r.timeMillis();
            last[0] = r.lat();
            last[1] = r.lon();
        }
        return n == 0 ? null : new VesselPresence(mmsi, n, first, latest);
    }

    /** Closest approaches along the tracks ({@link HistoryStore#nearAlongTracks}), or at fixes only ({@link HistoryStore#near}). */
    static List<ClosestApproach> near(HistoryStore store, double lat, double lon, double radiusMetres, long from, long to,
                                      boolean fixesOnly) {
        return fixesOnly ? store.near(lat, lon, radiusMetres, from, to)
                : store.nearAlongTracks(lat, lon, radiusMetres, from, to);
    }

    /**
     * Whether the policy lets the caller see a closest approach's position: the point itself and, for one
     * interpolated between two fixes, both fixes (the point would otherwise tell where a fix outside the
     * caller's areas or delay lay).
     */
    static boolean allowsPositions(SharingPolicy policy, ClosestApproach c, Instant now) {
        return policy.allows(DataClass.POSITIONS, c.lat(), c.lon(), Instant.ofEpochMilli(c.timeMillis()), now)
                && (!c.interpolated() || (allows(policy, c.before(), now) && allows(policy, c.after(), now)));
    }

    private static boolean allows(SharingPolicy policy, ClosestApproach.Fix f, Instant now) {
        return policy.allows(DataClass.POSITIONS, f.lat(), f.lon(), Instant.ofEpochMilli(f.timeMillis()), now);
    }

    /**
     * A closest approach's fields: distance_m, time, lat, lon, interpolated, and for an interpolated point
     * between, the times of the fixes before and after it.
     */
    static void putApproach(ObjectNode x, ClosestApproach c) {
        x.put("distance_m", Math.round(c.distanceMetres() * 10) / 10.0);
        x.put("time", iso(c.timeMillis()));
        x.put("lat", Coordinates.round6(c.lat()));
        x.put("lon", Coordinates.round6(c.lon()));
        x.put("interpolated", c.interpolated());
        if (c.interpolated()) {
            x.putArray("between").add(iso(c.before().timeMillis())).add(iso(c.after().timeMillis()));
        }
    }

    static boolean bool(Context ctx, String name, boolean dflt) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new BadRequest(name + " must be true or false: " + s);
    }

    /** {@code bbox=minLon,minLat,maxLon,maxLat}, or null; minLon &gt; maxLon crosses 180°. */
    static double[] bbox(Context ctx) {
        String s = ctx.queryParam("bbox");
        if (s == null || s.isEmpty()) {
            return null;
        }
        String[] p = s.split(",");
        if (p.length != 4) {
            throw new BadRequest("bbox must be minLon,minLat,maxLon,maxLat: " + s);
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(p[i].strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("bbox must be four numbers minLon,minLat,maxLon,maxLat: " + s);
            }
        }
        if (!(b[0] >= -180 && b[0] <= 180 && b[2] >= -180 && b[2] <= 180)) {
            throw new BadRequest("bbox longitudes must be in -180..180: " + s);
        }
        if (!(b[1] >= -90 && b[1] <= 90 && b[3] >= -90 && b[3] <= 90)) {
            throw new BadRequest("bbox latitudes must be in -90..90: " + s);
        }
        if (b[1] > b[3]) {
            throw new BadRequest("bbox minLat is above maxLat: " + s);
        }
        return b;
    }

    static boolean inBox(double[] b, double lat, double lon) {
        if (b == null) {
            return true;
        }
        if (!(lat >= b[1] && lat <= b[3])) {
            return false;
        }
        return b[0] <= b[2] ? lon >= b[0] && lon <= b[2] : lon >= b[0] || lon <= b[2];
    }

    /**
     * The event kinds of the request's {@code kind} filter (given several times, the union), or null when it
     * is not given. Empty as the vessel filters are ({@link VesselFilter}): {@code kind=} and
     * {@code kind=gap,} are a 400 naming {@code kind}, not a request for every kind.
     */
    static Set<String> eventKinds(Context ctx) {
        try {
            List<String> items = org.watchkeeper.core.ref.VesselCriteria.listItems(ctx.queryParams("kind"), "kind",
                    "event kinds such as gap,drift");
            return items == null ? null : EventKind.ids(items);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    // ---- vessels ----

    static List<ObjectNode> vessels(Context ctx, WatchkeeperServer server) {
        return vessels(ctx, server, integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    /** As {@link #vessels(Context, WatchkeeperServer)}, at most {@code limit} (the caller checks the parameter). */
    static List<ObjectNode> vessels(Context ctx, WatchkeeperServer server, int limit) {
        double[] bbox = bbox(ctx);
        VesselFilter vf = VesselFilter.of(ctx);
        long since = time(ctx, "since", Long.MIN_VALUE);
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 100) {
            throw new BadRequest("q is longer than 100 characters");
        }
        String qu = q == null || q.isBlank() ? null : q.strip().toUpperCase(Locale.ROOT);
        List<VesselSnapshot> all = new ArrayList<>(server.pipeline().vessels().values());
        all.sort(Comparator.comparingInt(VesselSnapshot::mmsi));
        SharingPolicy policy = Access.policy(ctx);
        boolean restricted = policy != SharingPolicy.UNRESTRICTED;
        if (!policy.grants(DataClass.IDENTITIES)) {
            Sharing.requireClass(ctx, DataClass.POSITIONS);
        }
        Instant now = Instant.now();
        List<ObjectNode> out = new ArrayList<>();
        for (VesselSnapshot v : all) {
            if (out.size() >= limit) {
                break;
            }
            if (restricted) {
                // Filters apply to what the policy leaves, so they cannot probe withheld fields.
                ObjectNode o = Sharing.vessel(vessel(v), policy, now);
                if (o == null || v.lastSeen() < since
                        || (bbox != null && !(o.has("lat") && inBox(bbox, o.get("lat").asDouble(), o.get("lon").asDouble())))
                        || (vf != null && !vf.test(o))
                        || (qu != null && !matches(o, qu))) {
                    continue;
                }
                out.add(o);
                continue;
            }
            if (bbox != null && (v.position() == null || !v.position().hasPosition()
                    || !inBox(bbox, v.position().latitude(), v.position().longitude()))) {
                continue;
            }
            if (vf != null && !vf.test(v.shipType(), Rows.flag(v), Rows.vesselClass(v))) {
                continue;
            }
            if (v.lastSeen() < since) {
                continue;
            }
            if (qu != null && !matches(v, qu)) {
                continue;
            }
            out.add(vessel(v));
        }
        return out;
    }

    private static boolean matches(ObjectNode v, String q) {
        for (String f : List.of("mmsi", "imo", "name", "callsign")) {
            if (v.has(f) && v.get(f).asText().toUpperCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(VesselSnapshot v, String q) {
        return Mmsi.format(v.mmsi()).contains(q)
                || (v.imo() > 0 && Integer.toString(v.imo()).contains(q))
                || (v.name() != null && v.name().toUpperCase(Locale.ROOT).contains(q))
                || (v.callSign() != null && v.callSign().toUpperCase(Locale.ROOT).contains(q));
    }

    static ObjectNode vessel(WatchkeeperServer server, int mmsi) {
        VesselSnapshot v = server.pipeline().vessels().get(mmsi);
        if (v != null) {
            return vessel(v);
        }
        return server.store().vessel(mmsi).map(Api::vessel).orElse(null);
    }

    /**
     * A vessel's name, flag and class beside its MMSI in {@code x}, as the command line's {@code query near}
     * gives them: from the live picture, else from the store; each left out when not known.
     */
    static void putIdentity(ObjectNode x, WatchkeeperServer server, int mmsi) {
        VesselSnapshot live = server.pipeline().vessels().get(mmsi);
        if (live != null) {
            putText(x, "name", live.name());
            putText(x, "flag", Rows.flag(live));
            putText(x, "class", Rows.vesselClass(live));
        } else {
            server.store().vessel(mmsi).ifPresent(v -> {
                putText(x, "name", v.name());
                putText(x, "flag", v.flag());
                putText(x, "class", v.vesselClass());
            });
        }
    }

    static String name(WatchkeeperServer server, int mmsi) {
        VesselSnapshot v = server.pipeline().vessels().get(mmsi);
        return v != null ? v.name() : server.store().vessel(mmsi).map(VesselRow::name).orElse(null);
    }

    static ObjectNode vessel(VesselSnapshot v) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("mmsi", Mmsi.format(v.mmsi()));
        putText(o, "name", v.name());
        putText(o, "callsign", v.callSign());
        if (v.imo() > 0) {
            o.put("imo", v.imo());
        }
        if (v.shipType() >= 0) {
            o.put("shiptype", v.shipType());
            putText(o, "shiptype_text", v.shipTypeName());
        }
        putText(o, "class", Rows.vesselClass(v));
        putText(o, "flag", Rows.flag(v));
        var p = v.position();
        if (p != null && p.hasPosition()) {
            o.put("lat", Coordinates.round6(p.latitude()));
            o.put("lon", Coordinates.round6(p.longitude()));
            // the time of this position: last_seen may be later (a message without a position, a duplicate reception)
            o.put("position_time", iso(p.time()));
            putNumber(o, "speed", p.speedOverGround());
            putNumber(o, "course", p.courseOverGround());
            if (p.heading() >= 0) {
                o.put("heading", p.heading());
            }
        }
        if (v.navigationStatus() >= 0) {
            o.put("status", v.navigationStatus());
            putText(o, "status_text", v.navigationStatusName());
        }
        putText(o, "destination", v.destination());
        putNumber(o, "draught", v.draught());
        Dimensions d = v.dimensions();
        if (d != null) {
            if (d.hasOffsets()) { // else only the overall size is known (a CSV's length and width)
                o.put("to_bow", d.toBow());
                o.put("to_stern", d.toStern());
                o.put("to_port", d.toPort());
                o.put("to_starboard", d.toStarboard());
            }
            putSize(o, d.length(), d.beam());
        }
        o.put("last_seen", iso(v.lastSeen()));
        o.put("first_seen", iso(v.firstSeen()));
        return o;
    }

    /** {@code length} and {@code beam} in metres, each when known. */
    private static void putSize(ObjectNode o, int length, int beam) {
        if (length > 0) {
            o.put("length", length);
        }
        if (beam > 0) {
            o.put("beam", beam);
        }
    }

    static ObjectNode vessel(VesselRow v) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("mmsi", Mmsi.format(v.mmsi()));
        putText(o, "name", v.name());
        putText(o, "callsign", v.callsign());
        if (v.imo() > 0) {
            o.put("imo", v.imo());
        }
        if (v.shipType() >= 0) {
            o.put("shiptype", v.shipType());
            putText(o, "shiptype_text", org.watchkeeper.ais.Names.shipType(v.shipType()));
        }
        putText(o, "class", v.vesselClass());
        putText(o, "flag", v.flag());
        if (Double.isFinite(v.lastLat())) {
            o.put("lat", Coordinates.round6(v.lastLat()));
            o.put("lon", Coordinates.round6(v.lastLon()));
        }
        putText(o, "destination", v.destination());
        putNumber(o, "draught", v.draught());
        if (v.toBow() + v.toStern() + v.toPort() + v.toStarboard() > 0) {
            o.put("to_bow", v.toBow());
            o.put("to_stern", v.toStern());
            o.put("to_port", v.toPort());
            o.put("to_starboard", v.toStarboard());
        }
        putSize(o, v.length(), v.beam());
        o.put("last_seen", iso(v.lastSeen()));
        o.put("first_seen", iso(v.firstSeen()));
        return o;
    }

    /** A vessel's track as GeoJSON, coordinates in degrees to 6 decimals (about 0.1 m, finer than AIS's 1/10 000 minute). */
    /**
     * A track segment's fixes as lines of {@code [lon, lat]} rounded to 6 decimals, cut at the 180°
     * meridian ({@link Antimeridian#split}); null when they are all at one rounded place (a point).
     */
    static List<List<double[]>> lines(List<PositionRow> seg) {
        List<double[]> line = new ArrayList<>(seg.size());
        for (PositionRow r : seg) {
            line.add(new double[] {Coordinates.round6(r.lon()), Coordinates.round6(r.lat())});
        }
        return Antimeridian.motionless(line) ? null : Antimeridian.split(line);
    }

    private static void positions(ArrayNode out, List<double[]> line) {
        for (double[] q : line) {
            out.addArray().add(q[0]).add(q[1]);
        }
    }

    static ObjectNode track(int mmsi, List<PositionRow> rows, boolean points) {
        ObjectNode fc = Rows.JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode fs = fc.putArray("features");
        Map<Integer, List<PositionRow>> bySegment = new TreeMap<>();
        for (PositionRow r : rows) {
            bySegment.computeIfAbsent(r.segment(), k -> new ArrayList<>()).add(r);
        }
        for (var e : bySegment.entrySet()) {
            List<PositionRow> seg = e.getValue();
            ObjectNode f = fs.addObject();
            f.put("type", "Feature");
            List<List<double[]>> parts = lines(seg);
            ObjectNode g = f.putObject("geometry");
            if (parts == null) {
                g.put("type", "Point");
                g.putArray("coordinates").add(Coordinates.round6(seg.get(0).lon())).add(Coordinates.round6(seg.get(0).lat()));
            } else if (parts.size() == 1) {
                g.put("type", "LineString");
                positions(g.putArray("coordinates"), parts.get(0));
            } else {
                g.put("type", "MultiLineString");
                ArrayNode c = g.putArray("coordinates");
                parts.forEach(part -> positions(c.addArray(), part));
            }
            ObjectNode p = f.putObject("properties");
            p.put("mmsi", Mmsi.format(mmsi));
            p.put("segment", e.getKey());
            p.put("start", iso(seg.get(0).timeMillis()));
            p.put("end", iso(seg.get(seg.size() - 1).timeMillis()));
            p.put("points", seg.size());
        }
        if (points) {
            for (PositionRow r : rows) {
                ObjectNode f = fs.addObject();
                f.put("type", "Feature");
                ObjectNode g = f.putObject("geometry");
                g.put("type", "Point");
                g.putArray("coordinates").add(Coordinates.round6(r.lon())).add(Coordinates.round6(r.lat()));
                ObjectNode p = f.putObject("properties");
                p.put("mmsi", Mmsi.format(mmsi));
                p.put("segment", r.segment());
                p.put("time", iso(r.timeMillis()));
                putNumber(p, "speed", r.sog());
                putNumber(p, "course", r.cog());
                if (r.heading() >= 0) {
                    p.put("heading", r.heading());
                }
            }
        }
        return fc;
    }

    // ---- events ----

    static List<EventRow> events(Context ctx, HistoryStore store) {
        return events(ctx, store, integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    static List<EventRow> events(Context ctx, HistoryStore store, int limit) {
        EventFilter f = EventFilter.of(ctx);
        long from = time(ctx, "from", Long.MIN_VALUE / 2);
        long to = time(ctx, "to", Long.MAX_VALUE / 2);
        window(from, to);
        integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        HistoryStore.EventOrder order = eventOrder(ctx);
        List<EventRow> rows;
        if (f.mmsi() >= 0) {
            rows = store.eventsForVessel(f.mmsi(), from, to, order);
        } else if (f.kinds() != null && f.kinds().size() == 1) {
            rows = store.events(f.kinds().iterator().next(), from, to, order);
        } else {
            rows = store.events(null, from, to, order);
        }
        List<EventRow> out = new ArrayList<>();
        for (EventRow e : rows) {
            if (out.size() >= limit) {
                break;
            }
            if (f.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The {@code order} of {@code /api/events}: {@code oldest} (the default) by start, then id;
     * {@code newest} the reverse, so that a {@code limit} keeps the latest events.
     */
    static HistoryStore.EventOrder eventOrder(Context ctx) {
        String o = given(ctx, "order");
        if (o == null || o.equals("oldest")) {
            return HistoryStore.EventOrder.OLDEST_FIRST;
        }
        if (o.equals("newest")) {
            return HistoryStore.EventOrder.NEWEST_FIRST;
        }
        throw new BadRequest("unknown order '" + o + "'; choices: oldest (the default: by start, then id), newest (the reverse)");
    }

    /**
     * The event filters of {@code /api/events} and {@code /api/ongoing}: kinds ({@code kind}, null for
     * any), vessel ({@code mmsi}, -1 for any; 0 is MMSI 000000000, a vessel like another) and box ({@code bbox}, null for anywhere; an event
     * without a position is outside every box).
     */
    record EventFilter(Set<String> kinds, int mmsi, double[] bbox, String zone) {
        static EventFilter of(Context ctx) {
            String m = given(ctx, "mmsi");
            String z = ctx.queryParam("zone");
            if (z != null && (z.isBlank() || z.length() > 200)) {
                throw new BadRequest("zone is a zone id (1-200 characters, as /api/zones gives it): '" + z + "'");
            }
            return new EventFilter(eventKinds(ctx), m == null ? -1 : Api.mmsi(m, "mmsi"), Api.bbox(ctx), z);
        }

        boolean test(EventRow e) {
            return (kinds == null || kinds.contains(e.kind()))
                    && (mmsi < 0 || Arrays.stream(e.mmsis()).anyMatch(x -> x == mmsi))
                    && (bbox == null || (Double.isFinite(e.lat()) && inBox(bbox, e.lat(), e.lon())))
                    && (zone == null || zone.equals(zoneId(e)));
        }

        /** The {@code zone_id} attribute of an event (zone entries and exits), or null. */
        private static String zoneId(EventRow e) {
            String ev = e.evidenceJson();
            if (ev == null || !ev.contains("\"zone_id\"")) {
                return null; // most events: no zone, and no parse
            }
            try {
                JsonNode id = Rows.JSON.readTree(ev).path("attributes").path("zone_id");
                return id.isMissingNode() || id.isNull() ? null : id.asText();
            } catch (java.io.IOException x) {
                return null;
            }
        }
    }

    /**
     * Refuses (400) a {@code zone} filter that names no zone whose events {@code p} may see, as a filter naming
     * an unknown source or kind is refused, rather than answer with nothing as if the zone had no events: an id
     * the caller may filter by is that of a zone it sees in {@code GET /api/zones} or, for the host's
     * administrators (who alone see the events of deleted zones), any id the server has given
     * ({@link UserData#zoneIdGiven}: a zone deleted since, whose events the history keeps). To anyone else a
     * zone it may not see, held or deleted, is unknown, in the same words as an id never given.
     *
     * @param zone the filter's zone id, or null when none is given (nothing is refused)
     */
    static void knownZone(String zone, WatchkeeperServer server, Principal p) {
        if (zone == null) {
            return;
        }
        UserData.UserZone held = server.userData().zone(zone).orElse(null);
        boolean admin = Sharing.hostAdmin(p);
        if (held != null ? Sharing.seesZone(held, p) : admin && server.userData().zoneIdGiven(zone)) {
            return;
        }
        throw new BadRequest("unknown zone '" + zone + "': " + (admin
                ? "no zone has had that id (GET /api/zones lists the zones held now, by id)"
                : "no zone you may see has that id (GET /api/zones lists them, by id)"));
    }

    /**
     * The vessel filters of an event route ({@link VesselFilter}): an event passes when one of its
     * vessels does, as the caller may see that vessel now (its merged identity from the live picture,
     * else the store; after the sharing policy), each vessel looked up once per request.
     */
    static final class EventVessels {
        private final VesselFilter filter;
        private final WatchkeeperServer server;
        private final SharingPolicy policy;
        private final Instant now;
        private final Map<Integer, Boolean> passed = new HashMap<>();

        private EventVessels(VesselFilter filter, WatchkeeperServer server, SharingPolicy policy, Instant now) {
            this.filter = filter;
            this.server = server;
            this.policy = policy;
            this.now = now;
        }

        /** The request's vessel filters, or null when it gives none. @throws BadRequest for a malformed one */
        static EventVessels of(Context ctx, WatchkeeperServer server, SharingPolicy policy, Instant now) {
            VesselFilter f = VesselFilter.of(ctx);
            return f == null ? null : new EventVessels(f, server, policy, now);
        }

        boolean test(EventRow e) {
            for (int m : e.mmsis()) {
                if (passed.computeIfAbsent(m, this::passes)) {
                    return true;
                }
            }
            return false;
        }

        private boolean passes(int mmsi) {
            ObjectNode v = vessel(server, mmsi);
            if (v != null && policy != SharingPolicy.UNRESTRICTED) {
                v = Sharing.vessel(v, policy, now);
            }
            return filter.test(v);
        }
    }

    /**
     * The events of {@code /api/events} (and its export) the caller may see, as event objects with their
     * marking; {@code limit} counts visible events.
     */
    static List<ObjectNode> visibleEvents(Context ctx, WatchkeeperServer server) {
        return visibleEvents(ctx, server, integer(ctx, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    /** As {@link #visibleEvents(Context, WatchkeeperServer)}, at most {@code limit} (the caller checks the parameter). */
    static List<ObjectNode> visibleEvents(Context ctx, WatchkeeperServer server, int limit) {
        Sharing.requireClass(ctx, DataClass.EVENTS);
        Principal p = Access.principal(ctx);
        knownZone(EventFilter.of(ctx).zone(), server, p);
        SharingPolicy policy = Access.policy(ctx);
        EventAccess access = server.eventAccess();
        Instant now = Instant.now();
        EventVessels vessels = EventVessels.of(ctx, server, policy, now);
        List<ObjectNode> out = new ArrayList<>();
        for (EventRow e : events(ctx, server.store(), Integer.MAX_VALUE)) {
            if (out.size() >= limit) {
                break;
            }
            if (vessels != null && !vessels.test(e)) {
                continue;
            }
            ObjectNode o = access.event(e, false, p, policy, now);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The episodes under way the caller may see, by start then id, each marked {@code "ongoing": true}, as of
     * the detectors' latest event time (epoch ms, {@code Long.MIN_VALUE} before any).
     */
    record VisibleOngoing(long asOfMillis, List<ObjectNode> events) {
    }

    /**
     * The episodes under way that {@code ctx}'s filters select and its caller may see ({@code GET /api/ongoing}
     * and its export); null after answering 503 when the detectors do not answer in time.
     */
    static VisibleOngoing visibleOngoing(Context ctx, WatchkeeperServer server) throws InterruptedException {
        Sharing.requireClass(ctx, DataClass.EVENTS);
        EventFilter f = EventFilter.of(ctx);
        knownZone(f.zone(), server, Access.principal(ctx));
        Pipeline.Ongoing ongoing = server.pipeline().ongoing(ONGOING_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS, f.mmsi());
        if (ongoing == null) {
            error(ctx, 503, "the detectors did not answer within " + ONGOING_TIMEOUT_SECONDS
                    + " s (the input queue is long); try again");
            return null;
        }
        List<EventRow> rows = new ArrayList<>(ongoing.events());
        rows.sort(Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
        Principal p = Access.principal(ctx);
        SharingPolicy policy = Access.policy(ctx);
        EventAccess access = server.eventAccess();
        Instant now = Instant.now();
        EventVessels vessels = EventVessels.of(ctx, server, policy, now);
        List<ObjectNode> out = new ArrayList<>();
        for (EventRow e : rows) {
            ObjectNode x = f.test(e) && (vessels == null || vessels.test(e)) ? access.event(e, false, p, policy, now) : null;
            if (x != null) {
                x.put("ongoing", true);
                out.add(x);
            }
        }
        return new VisibleOngoing(ongoing.asOfMillis(), out);
    }

    static ObjectNode event(EventRow e, boolean evidence) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("id", e.id());
        o.put("kind", e.kind());
        o.put("start", iso(e.startMillis()));
        o.put("end", iso(e.endMillis()));
        ArrayNode vs = o.putArray("vessels");
        for (int m : e.mmsis()) {
            vs.add(Mmsi.format(m));
        }
        if (Double.isFinite(e.lat())) {
            // degrees to 6 decimals (about 0.1 m), as the CLI and the report write them: a detector's
            // mean position would otherwise show its binary noise (2.229999999999988)
            o.put("lat", Coordinates.round6(e.lat()));
            o.put("lon", Coordinates.round6(e.lon()));
        }
        try {
            if (e.geometryGeoJson() != null) {
                o.set("geometry", Rows.JSON.readTree(e.geometryGeoJson()));
            }
            o.set("parameters", e.parametersJson() == null ? Rows.JSON.createObjectNode() : Rows.JSON.readTree(e.parametersJson()));
            JsonNode ev = e.evidenceJson() == null ? Rows.JSON.createObjectNode() : Rows.JSON.readTree(e.evidenceJson());
            o.set("attributes", ev.has("attributes") ? ev.get("attributes") : Rows.JSON.createObjectNode());
            if (evidence) {
                ArrayNode a = o.putArray("evidence");
                for (JsonNode x : ev.path("observations")) {
                    ObjectNode y = a.addObject();
                    for (String f : List.of("time", "mmsi", "lat", "lon", "speed", "course", "heading", "source")) {
                        if (x.has(f)) {
                            y.set(f, x.get(f));
                        }
                    }
                }
            }
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("stored event " + e.id() + " holds malformed JSON", x);
        }
        return o;
    }

    static ObjectNode perDay(Context ctx, WatchkeeperServer server, String kind, String nameAttribute, String groupAttribute,
            String label) {
        long from = time(ctx, "from", Long.MIN_VALUE / 2);
        long to = time(ctx, "to", Long.MAX_VALUE / 2);
        window(from, to);
        Sharing.requireClass(ctx, DataClass.EVENTS);
        Principal p = Access.principal(ctx);
        SharingPolicy policy = Access.policy(ctx);
        EventAccess access = server.eventAccess();
        Instant now = Instant.now();
        Map<String, Map<String, Map<String, Integer>>> days = new TreeMap<>();
        for (EventRow e : server.store().events(kind, from, to)) {
            if (!access.visible(e, p, policy, now)) {
                continue;
            }
            JsonNode a;
            try {
                a = e.evidenceJson() == null ? Rows.JSON.createObjectNode() : Rows.JSON.readTree(e.evidenceJson()).path("attributes");
            } catch (JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
            String day = Instant.ofEpochMilli(e.startMillis()).atZone(ZoneOffset.UTC).toLocalDate().toString();
            String name = a.path(nameAttribute).asText("unknown");
            String group = groupAttribute == null ? "all" : a.path(groupAttribute).asText("other");
            days.computeIfAbsent(day, k -> new TreeMap<>()).computeIfAbsent(name, k -> new TreeMap<>()).merge(group, 1, Integer::sum);
        }
        ObjectNode o = Rows.JSON.createObjectNode();
        ArrayNode a = o.putArray("days");
        days.forEach((day, byName) -> byName.forEach((name, groups) -> {
            ObjectNode x = a.addObject();
            x.put("date", day);
            x.put(label, name);
            int total = groups.values().stream().mapToInt(Integer::intValue).sum();
            x.put("count", total);
            if (groupAttribute != null) {
                ObjectNode g = x.putObject("by_shiptype");
                groups.forEach(g::put);
            }
        }));
        return o;
    }

    static ObjectNode watch(UserData.WatchEntry e) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("id", e.id());
        if (e.mmsi() > 0) {
            o.put("mmsi", Mmsi.format(e.mmsi()));
        }
        if (e.imo() > 0) {
            o.put("imo", e.imo());
        }
        putText(o, "name", e.name());
        o.put("note", e.note());
        return o;
    }

    // ---- JSON helpers ----

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static void putText(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    static void putNumber(ObjectNode o, String name, double value) {
        if (Double.isFinite(value)) {
            o.put(name, value);
        }
    }
}
