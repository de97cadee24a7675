package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;

/**
 * Authentication, authorisation, secure headers, the audit trail of requests, and the routes that
 * manage organisations, users, tokens, sharing policies and published data classes.
 *
 * <p>Every route except {@link #OPEN} needs a caller: {@code Authorization: Bearer <token>} or the
 * {@value #COOKIE} cookie of a web login. Without one the answer is 401 (JSON, with
 * {@code WWW-Authenticate: Bearer}) unless an admin published data classes for anonymous reading; then
 * the caller is {@link #ANONYMOUS} with a policy of just those classes, and anything more needs a login
 * (401). The static web site is not a route: it loads without a login and shows its login form.
 */
public final class Security {
    /** The session cookie of the web UI. */
    public static final String COOKIE = "wk_session";
    /** Routes open to everyone ({@code /api/session} judges the caller itself, answering 200 either way). */
    public static final Set<String> OPEN = Set.of("/health", "/api/login", "/api/session");
    /** The principal of an unauthenticated caller reading published data. */
    public static final Principal ANONYMOUS = new Principal("anonymous", "public", Role.VIEWER, false);
    /** Content-Security-Policy of every answer: the site's own scripts, styles, tiles and workers only. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "child-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static final String ANON = "watchkeeper.anonymous";
    static final String TOKEN_ID = "watchkeeper.token";
    static final String AUDITED = "watchkeeper.audited";
    /** A route's own details for its audit entry ({@link #auditDetail}), merged in after the request. */
    static final String AUDIT_DETAIL = "watchkeeper.audit.detail";

    private Security() {
    }

    /**
     * A login is JSON only ({@code Content-Type: application/json}): a cross-site HTML form can send
     * {@code text/plain}, form and multipart bodies without a preflight, and a login it made would sign the
     * browser in to an account of the attacker's choosing (login CSRF).
     *
     * @throws io.javalin.http.HttpResponseException 415 for any other content type, or none
     */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (!Api.media(type).equals("application/json")) {
            throw new io.javalin.http.HttpResponseException(415, "a login must be JSON: send the header"
                    + " 'Content-Type: application/json' (this request " + (type == null ? "has none" : "says " + type) + ")");
        }
    }

    /**
     * Whether {@code p} is {@link #ANONYMOUS}, the caller without a login (the very object: a user cannot
     * be made of that name, nor an organisation of its id).
     */
    public static boolean anonymous(Principal p) {
        return p == ANONYMOUS;
    }

    /** True when the request is served to {@link #ANONYMOUS}. */
    public static boolean anonymous(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ANON));
    }

    /**
     * The headers every answer carries, Jetty's own error answers included: no MIME sniffing, no
     * framing, no referrer, the content security policy, and with TLS the HSTS header.
     */
    static java.util.Map<String, String> headers(boolean tls) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Content-Security-Policy", CSP);
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        if (tls) {
            h.put("Strict-Transport-Security", "max-age=31536000");
        }
        return h;
    }

    /** Installs the headers, the authentication filter, the audit of requests and the account routes. */
    static void install(Javalin app, WatchkeeperServer server) {
        boolean tls = server.config().tlsKeystore() != null;
        Accounts accounts = server.accounts();
        AuditLog audit = server.audit();

        app.before(ctx -> {
            headers(tls).forEach(ctx::header);
            if (ctx.path().startsWith("/api/")) {
                ctx.header("Cache-Control", "no-store");
            }
        });

        app.beforeMatched(ctx -> {
            // Javalin runs "before matched" handlers for static files too; those (the site) are open.
            String route = ctx.endpointHandlerPath();
            if (OPEN.contains(route) || !server.routePaths().contains(route)) {
                return;
            }
            authenticate(ctx, server);
            if (ctx.path().equals("/api/stream")) {
                audit(ctx, server, "read", ctx.path() + query(ctx), Map.of());
            }
        });

        app.after(ctx -> {
            if (ctx.attribute(AUDITED) != null || ctx.attribute(Access.PRINCIPAL) == null || !ctx.path().startsWith("/api/")
                    || ctx.path().equals("/api/stream")) {
                return;
            }
            String action = switch (ctx.method().name()) {
                // a signed answer is an export too (a track as CSV or KML)
                case "GET" -> ctx.path().startsWith("/api/export/") || ctx.res().getHeader(ExportSigner.HEADER) != null
                        ? "export" : "read";
                case "HEAD" -> "read"; // its headers only: nothing left the server
                case "POST" -> "create";
                case "PUT", "PATCH" -> "change";
                case "DELETE" -> "delete";
                default -> ctx.method().name().toLowerCase(java.util.Locale.ROOT);
            };
            Map<String, String> d = new LinkedHashMap<>();
            d.put("status", Integer.toString(ctx.statusCode()));
            if (ctx.attribute(TOKEN_ID) != null) {
                d.put("token", ctx.attribute(TOKEN_ID));
            }
            String sig = ctx.res().getHeader(ExportSigner.HEADER);
            if (sig != null) {
                d.put("signature", sig);
            }
            Map<String, String> own = ctx.attribute(AUDIT_DETAIL);
            if (own != null && ctx.statusCode() < 400) {
                d.putAll(own);
            }
            audit(ctx, server, action, ctx.method().name() + " " + ctx.path() + query(ctx), d);
        });

        app.post("/api/login", ctx -> {
            requireJson(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "token", "user", "password");
            // a number or an object is no token, user or password: say so rather than answer 401
            String token = Api.secret(b, "token");
            String user = Api.text(b, "user");
            String password = Api.secret(b, "password");
            Principal p;
            if (token != null) {
                Accounts.Check c = accounts.check(token, Instant.now());
                if (c.principal() == null) {
                    audit.append(null, null, "login.failed", "POST /api/login",
                            Map.of("reason", "token " + c.refusal().name().toLowerCase(java.util.Locale.ROOT), "ip", ctx.ip()));
                    ctx.attribute(AUDITED, true);
                    throw new UnauthorizedResponse("the token is unknown, expired or revoked");
                }
                p = c.principal();
            } else {
                if (user == null || user.isBlank() || password == null || password.isEmpty()) {
                    // an empty field (the map's form left blank) is no attempt at a login: not a failed one
                    throw new Api.BadRequest("a login needs user and password, or token");
                }
                Accounts.User u = accounts.login(user, password).orElse(null);
                if (u == null) {
                    audit.append(user, null, "login.failed", "POST /api/login", Map.of("reason", "wrong user name or password",
                            "ip", ctx.ip()));
                    ctx.attribute(AUDITED, true);
                    throw new UnauthorizedResponse("wrong user name or password");
                }
                p = accounts.principal(u);
            }
            Accounts.NewToken session = accounts.createToken(p.user(), "session", "web login from " + ctx.ip(),
                    Accounts.SESSION_LIFETIME);
            Cookie cookie = new Cookie(COOKIE, session.secret(), "/", (int) Accounts.SESSION_LIFETIME.toSeconds(), tls, 0, true,
                    null, null, SameSite.STRICT);
            ctx.cookie(cookie);
            Access.set(ctx, p, accounts.policyOf(p));
            audit.append(p.user(), p.org(), "login", "POST /api/login", Map.of("session", session.token().id(), "ip", ctx.ip()));
            ctx.attribute(AUDITED, true);
            ctx.json(me(p, accounts, false));
        });
        app.post("/api/logout", ctx -> {
            String c = ctx.cookie(COOKIE);
            if (c != null) {
                accounts.revokeSecret(c);
            }
            ctx.removeCookie(COOKIE, "/");
            audit(ctx, server, "logout", "POST /api/logout", Map.of());
            ctx.status(204);
        });
        app.get("/api/me", ctx -> ctx.json(me(Access.principal(ctx), accounts, anonymous(ctx))));
        app.get("/api/session", ctx -> ctx.json(session(ctx, server)));

        app.get("/api/signing-key", ctx -> ctx.contentType("application/x-pem-file").result(server.signer().publicKeyPem()));

        app.get("/api/orgs", ctx -> {
            hostAdmin(ctx);
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("orgs");
            accounts.orgs().forEach(x -> a.add(org(x, accounts)));
            ctx.json(o);
        });
        app.post("/api/orgs", ctx -> {
            hostAdmin(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "id", "name", "host");
            Boolean host = Api.flag(b, "host");
            Accounts.Org x = accounts.createOrg(Api.text(b, "id"), Api.text(b, "name"), host != null && host);
            auditDetail(ctx, "org", x.id(), "name", x.name(), "host", Boolean.toString(x.host()));
            ctx.status(201).json(org(x, accounts));
        });
        app.put("/api/orgs/{id}", ctx -> {
            hostAdmin(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "name");
            String before = accounts.org(ctx.pathParam("id")).map(Accounts.Org::name).orElse(null);
            Accounts.Org x = accounts.renameOrg(ctx.pathParam("id"), Api.text(b, "name"))
                    .orElseThrow(() -> new NotFoundResponse("no organisation '" + ctx.pathParam("id") + "'"));
            auditDetail(ctx, "org", x.id(), "name", before + " -> " + x.name());
            ctx.json(org(x, accounts));
        });
        app.delete("/api/orgs/{id}", ctx -> {
            hostAdmin(ctx);
            accounts.org(ctx.pathParam("id")).ifPresent(x -> auditDetail(ctx, "org", x.id(), "name", x.name()));
            if (!accounts.deleteOrg(ctx.pathParam("id"))) {
                throw new NotFoundResponse("no organisation '" + ctx.pathParam("id") + "'");
            }
            ctx.status(204);
        });

        app.get("/api/users", ctx -> {
            hostAdmin(ctx);
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("users");
            accounts.users().forEach(u -> a.add(user(u)));
            ctx.json(o);
        });
        app.post("/api/users", ctx -> {
            hostAdmin(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "name", "org", "role", "password");
            String role = Api.text(b, "role");
            Accounts.User u = accounts.createUser(Api.text(b, "name"), Api.text(b, "org"),
                    Role.parse(role == null ? "viewer" : role), Api.secret(b, "password"));
            auditDetail(ctx, "user", u.name(), "org", u.org(), "role", u.role().apiName(),
                    "password", Boolean.toString(u.passwordHash() != null));
            ctx.status(201).json(user(u));
        });
        app.put("/api/users/{name}", ctx -> {
            hostAdmin(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "role", "password", "disabled");
            String role = Api.text(b, "role");
            Accounts.User before = accounts.user(ctx.pathParam("name")).orElse(null);
            Accounts.User u = accounts.updateUser(ctx.pathParam("name"), role == null ? null : Role.parse(role),
                    Api.secret(b, "password"), Api.flag(b, "disabled"))
                    .orElseThrow(() -> new NotFoundResponse("no user '" + ctx.pathParam("name") + "'"));
            // what changed, as before -> after (never the password itself)
            List<String> d = new ArrayList<>(List.of("user", u.name()));
            if (before != null && before.role() != u.role()) {
                d.addAll(List.of("role", before.role().apiName() + " -> " + u.role().apiName()));
            }
            if (before != null && before.disabled() != u.disabled()) {
                d.addAll(List.of("disabled", before.disabled() + " -> " + u.disabled()));
            }
            if (b.hasNonNull("password")) {
                d.addAll(List.of("password", "changed"));
            }
            auditDetail(ctx, d.toArray(String[]::new));
            ctx.json(user(u));
        });
        app.delete("/api/users/{name}", ctx -> {
            Principal p = hostAdmin(ctx);
            if (p.user().equals(ctx.pathParam("name"))) {
                throw new Api.BadRequest("an admin cannot delete their own user");
            }
            accounts.user(ctx.pathParam("name")).ifPresent(u -> auditDetail(ctx, "user", u.name(), "org", u.org(),
                    "role", u.role().apiName()));
            if (!accounts.deleteUser(ctx.pathParam("name"))) {
                throw new NotFoundResponse("no user '" + ctx.pathParam("name") + "'");
            }
            ctx.status(204);
        });

        app.get("/api/tokens", ctx -> {
            Principal p = signedIn(ctx);
            boolean all = p.role() == Role.ADMIN && p.hostOrg();
            String only = ctx.queryParam("user");
            if (only != null && !all && !only.equals(p.user())) {
                // an empty list would read as "that user has no tokens"
                throw new ForbiddenResponse("only an admin of the host organisation lists other users' tokens");
            }
            ObjectNode o = Rows.JSON.createObjectNode();
            ArrayNode a = o.putArray("tokens");
            for (Accounts.Token t : accounts.tokens()) {
                if ((all || t.user().equals(p.user())) && (only == null || t.user().equals(only))) {
                    a.add(token(t));
                }
            }
            ctx.json(o);
        });
        app.post("/api/tokens", ctx -> {
            Principal p = signedIn(ctx);
            JsonNode b = Api.body(ctx).isBlank() ? Rows.JSON.createObjectNode()
                    : Api.onlyFields(Api.jsonBody(ctx), "user", "label", "ttl_s");
            String given = Api.text(b, "user");
            String user = given == null ? p.user() : given;
            if (!user.equals(p.user()) && !(p.role() == Role.ADMIN && p.hostOrg())) {
                throw new ForbiddenResponse("only an admin of the host organisation creates tokens for other users");
            }
            Duration ttl = null;
            if (b.hasNonNull("ttl_s")) {
                ttl = Duration.ofSeconds(Api.whole(b.get("ttl_s"), "ttl_s", 1, 5L * 366 * 86400, false, " seconds"));
            }
            String label = Api.text(b, "label");
            Accounts.NewToken t = accounts.createToken(user, "api", label == null ? "" : label, ttl);
            auditDetail(ctx, "id", t.token().id(), "user", t.token().user(), "label", t.token().label(),
                    "expires", t.token().expires() == null ? "never" : t.token().expires().toString());
            ObjectNode o = token(t.token());
            o.put("token", t.secret());
            ctx.status(201).json(o);
        });
        app.delete("/api/tokens/{id}", ctx -> {
            Principal p = signedIn(ctx);
            Accounts.Token t = accounts.token(ctx.pathParam("id"))
                    .filter(x -> x.user().equals(p.user()) || (p.role() == Role.ADMIN && p.hostOrg()))
                    .orElseThrow(() -> new NotFoundResponse("no token '" + ctx.pathParam("id") + "'"));
            accounts.revoke(t.id());
            auditDetail(ctx, "id", t.id(), "user", t.user(), "kind", t.kind());
            ctx.status(204);
        });

        app.get("/api/policies", ctx -> {
            hostAdmin(ctx);
            ObjectNode o = Rows.JSON.createObjectNode();
            ObjectNode ps = o.putObject("policies");
            for (Accounts.Org x : accounts.orgs()) {
                if (!x.host()) {
                    ps.set(x.id(), accounts.policyJson(x.id()).orElse(emptyPolicy()));
                }
            }
            ctx.json(o);
        });
        app.get("/api/policies/{org}", ctx -> {
            hostAdmin(ctx);
            String org = ctx.pathParam("org");
            Accounts.Org x = accounts.org(org).orElseThrow(() -> new NotFoundResponse("no organisation '" + org + "'"));
            ctx.json(x.host() ? hostPolicy() : accounts.policyJson(org).orElse(emptyPolicy()));
        });
        app.put("/api/policies/{org}", ctx -> {
            hostAdmin(ctx);
            String org = ctx.pathParam("org");
            String before = accounts.policyJson(org).map(JsonNode::toString).orElse("none");
            JsonNode after = accounts.setPolicy(org, Api.jsonBody(ctx));
            auditDetail(ctx, "org", org, "before", before, "after", after.toString());
            ctx.json(after);
        });

        app.get("/api/published", ctx -> {
            hostAdmin(ctx);
            ctx.json(published(accounts.published()));
        });
        app.put("/api/published", ctx -> {
            hostAdmin(ctx);
            JsonNode b = Api.onlyFields(Api.jsonBody(ctx), "data_classes");
            if (!b.path("data_classes").isArray()) {
                throw new Api.BadRequest("expected {\"data_classes\":[...]} (positions, identities, events, incidents)");
            }
            Set<DataClass> s = EnumSet.noneOf(DataClass.class);
            b.get("data_classes").forEach(c -> s.add(Accounts.dataClass(c)));
            String before = accounts.published().toString();
            accounts.setPublished(s);
            auditDetail(ctx, "before", before, "after", s.toString());
            ctx.json(published(s));
        });
    }

    /**
     * Names what an account route changed, for its audit entry (added to the status and token the entry
     * always has, when the request succeeds): the user, organisation or token and its values before and
     * after. Passwords and token secrets are never given.
     *
     * @param kv name, value, name, value ...
     */
    static void auditDetail(Context ctx, String... kv) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            d.put(kv[i], kv[i + 1]);
        }
        ctx.attribute(AUDIT_DETAIL, d);
    }

    /** Establishes the caller of a request or answers 401. */
    static void authenticate(Context ctx, WatchkeeperServer server) {
        Accounts accounts = server.accounts();
        String secret = null;
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() < 8) {
                refuse(ctx, server, "malformed Authorization header", "the Authorization header must be 'Bearer <token>'");
            }
            secret = auth.substring(7).strip();
        } else {
            secret = ctx.cookie(COOKIE);
        }
        if (secret == null || secret.isEmpty()) {
            Set<DataClass> pub = accounts.published();
            if (!pub.isEmpty()) {
                ctx.attribute(ANON, true);
                Access.set(ctx, ANONYMOUS, new SharingPolicy(pub, List.of(), Duration.ZERO));
                return;
            }
            ctx.header("WWW-Authenticate", "Bearer realm=\"watchkeeper\"");
            throw new UnauthorizedResponse(AUTHENTICATION_REQUIRED);
        }
        Accounts.Check c = accounts.check(secret, Instant.now());
        if (c.principal() == null) {
            String why = why(c.refusal());
            Map<String, String> d = new LinkedHashMap<>();
            d.put("reason", why);
            d.put("ip", ctx.ip());
            if (c.token() != null) {
                d.put("token", c.token().id());
            }
            server.audit().append(c.token() == null ? null : c.token().user(), null, "token.refused",
                    ctx.method().name() + " " + ctx.path(), d);
            ctx.attribute(AUDITED, true);
            ctx.header("WWW-Authenticate", "Bearer realm=\"watchkeeper\", error=\"invalid_token\"");
            throw new UnauthorizedResponse(why);
        }
        ctx.attribute(TOKEN_ID, c.token().id());
        Access.set(ctx, c.principal(), accounts.policyOf(c.principal()));
    }

    /** The 401 message of a request without credentials (when nothing is published for anonymous reading). */
    static final String AUTHENTICATION_REQUIRED = "authentication required: send 'Authorization: Bearer <token>' or log in";

    /** The 401 message of a refused token. */
    static String why(Accounts.Refusal r) {
        return switch (r) {
            case EXPIRED -> "the token expired";
            case REVOKED -> "the token was revoked";
            case USER_DISABLED -> "the token's user is disabled or deleted";
            default -> "unknown token";
        };
    }

    /**
     * The caller of {@code ctx}, as {@link #authenticate} established it, to be judged again by the same
     * rules from the accounts in memory (a live stream's, at each message); null when the request was
     * not authenticated (no filter installed: the caller stays {@link Access#LOCAL}).
     */
    static LiveStream.Credentials credentials(Context ctx, Accounts accounts) {
        String token = ctx.attribute(TOKEN_ID);
        if (token == null && !anonymous(ctx)) {
            return null;
        }
        return new Caller(accounts, token);
    }

    /** A caller by its token's id, or anonymous (null id): judged as {@link #authenticate} judges a request. */
    private record Caller(Accounts accounts, String tokenId) implements LiveStream.Credentials {
        @Override
        public long version() {
            return accounts.version();
        }

        @Override
        public LiveStream.Standing standing(Instant now) {
            if (tokenId == null) {
                Set<DataClass> pub = accounts.published();
                return pub.isEmpty() ? LiveStream.Standing.refused(AUTHENTICATION_REQUIRED)
                        : LiveStream.Standing.of(ANONYMOUS, new SharingPolicy(pub, List.of(), Duration.ZERO), null);
            }
            Accounts.Check c = accounts.checkToken(tokenId, now);
            if (c.principal() == null) {
                return LiveStream.Standing.refused(why(c.refusal()));
            }
            return LiveStream.Standing.of(c.principal(), accounts.policyOf(c.principal()), c.token().expires());
        }
    }

    private static void refuse(Context ctx, WatchkeeperServer server, String reason, String message) {
        server.audit().append(null, null, "token.refused", ctx.method().name() + " " + ctx.path(),
                Map.of("reason", reason, "ip", ctx.ip()));
        ctx.attribute(AUDITED, true);
        ctx.header("WWW-Authenticate", "Bearer realm=\"watchkeeper\", error=\"invalid_request\"");
        throw new UnauthorizedResponse(message);
    }

    /** Appends an audit entry for the caller of {@code ctx}. */
    public static void audit(Context ctx, WatchkeeperServer server, String action, String target, Map<String, String> detail) {
        Principal p = ctx.attribute(Access.PRINCIPAL);
        server.audit().append(p == null ? null : p.user(), p == null ? null : p.org(), action, target, detail);
        ctx.attribute(AUDITED, true);
    }

    private static String query(Context ctx) {
        String q = ctx.queryString();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    /** @throws UnauthorizedResponse for anonymous callers */
    static Principal signedIn(Context ctx) {
        if (anonymous(ctx)) {
            throw new UnauthorizedResponse("authentication required");
        }
        return Access.principal(ctx);
    }

    /** An admin of a host organisation. */
    static Principal hostAdmin(Context ctx) {
        Principal p = signedIn(ctx);
        Access.require(ctx, Role.ADMIN);
        if (!p.hostOrg()) {
            throw new ForbiddenResponse("only admins of the host organisation manage organisations, users and policies");
        }
        return p;
    }

    /**
     * {@code GET /api/session}: who the caller is, answered 200 whether or not anyone is signed in, so a
     * page can ask before it shows its login form without an error answer. Judged as every other route
     * judges its caller ({@link #authenticate}: a refused token is audited as there). Signed in: the
     * fields of {@code /api/me} and {@code "signed_in": true}; reading published data without a login:
     * those of {@link #ANONYMOUS} and {@code "signed_in": false}; else {@code "signed_in": false},
     * {@code "anonymous": false}, {@code "refused"} (true when a token or session cookie was sent and
     * refused: expired, revoked, unknown, a malformed header) and {@code "reason"}, the 401 message any
     * other route would give.
     */
    static ObjectNode session(Context ctx, WatchkeeperServer server) {
        try {
            authenticate(ctx, server);
        } catch (UnauthorizedResponse x) {
            ctx.res().setHeader("WWW-Authenticate", null);
            String cookie = ctx.cookie(COOKIE);
            ObjectNode o = Rows.JSON.createObjectNode();
            o.put("signed_in", false);
            o.put("anonymous", false);
            o.put("refused", ctx.header("Authorization") != null || (cookie != null && !cookie.isEmpty()));
            o.put("reason", x.getMessage());
            return o;
        }
        ObjectNode o = me(Access.principal(ctx), server.accounts(), anonymous(ctx));
        o.put("signed_in", !anonymous(ctx));
        return o;
    }

    private static ObjectNode me(Principal p, Accounts accounts, boolean anonymous) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("user", p.user());
        o.put("org", p.org());
        accounts.org(p.org()).ifPresent(x -> o.put("org_name", x.name()));
        o.put("role", p.role().apiName());
        o.put("host", p.hostOrg());
        o.put("anonymous", anonymous);
        if (!p.hostOrg()) {
            o.set("policy", anonymous ? published(accounts.published()) : accounts.policyJson(p.org()).orElse(emptyPolicy()));
        }
        return o;
    }

    private static ObjectNode org(Accounts.Org x, Accounts accounts) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("id", x.id());
        o.put("name", x.name());
        o.put("host", x.host());
        o.put("users", accounts.users().stream().filter(u -> u.org().equals(x.id())).count());
        return o;
    }

    private static ObjectNode user(Accounts.User u) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("name", u.name());
        o.put("org", u.org());
        o.put("role", u.role().apiName());
        o.put("password", u.passwordHash() != null);
        o.put("disabled", u.disabled());
        return o;
    }

    private static ObjectNode token(Accounts.Token t) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("id", t.id());
        o.put("user", t.user());
        o.put("kind", t.kind());
        o.put("label", t.label());
        o.put("created", t.created().toString());
        if (t.expires() != null) {
            o.put("expires", t.expires().toString());
        }
        if (t.revoked() != null) {
            o.put("revoked", t.revoked().toString());
        }
        return o;
    }

    private static ObjectNode emptyPolicy() {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.putArray("data_classes");
        o.putNull("areas");
        o.put("delay_s", 0);
        return o;
    }

    private static ObjectNode hostPolicy() {
        ObjectNode o = Rows.JSON.createObjectNode();
        ArrayNode a = o.putArray("data_classes");
        for (DataClass c : DataClass.values()) {
            a.add(c.apiName());
        }
        o.putNull("areas");
        o.put("delay_s", 0);
        return o;
    }

    private static ObjectNode published(Set<DataClass> s) {
        ObjectNode o = Rows.JSON.createObjectNode();
        ArrayNode a = o.putArray("data_classes");
        new java.util.TreeSet<>(s).forEach(c -> a.add(c.apiName()));
        return o;
    }
}
