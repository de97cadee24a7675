package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.locationtech.jts.geom.Geometry;
import org.watchkeeper.core.detect.zone.Zone;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;

/**
 * Organisations, users, API and session tokens, sharing policies per partner organisation and the data
 * classes an admin published for anonymous reading. Kept in {@code accounts.json} in the data
 * directory, rewritten atomically (temporary file, then rename) with owner-only permissions on every
 * change. The history store cannot hold them: it is rebuilt from the raw archive at each start.
 *
 * <p>Passwords: PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2), 16-byte random salt, {@value #PBKDF2_ITERATIONS}
 * iterations (the OWASP Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256), 256-bit key.
 * Tokens: 32 random bytes from {@link SecureRandom}, shown once as {@code wk_} + base64url; only their
 * SHA-256 is kept. Safe for use from several threads.
 */
public final class Accounts {
    /** PBKDF2 iterations of new password hashes. */
    public static final int PBKDF2_ITERATIONS = 210_000;
    /** Lifetime of a web login session. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Most users, organisations and tokens held (each). */
    public static final int MAX_ENTRIES = 10_000;
    /** Longest sharing delay, seconds (100 years: archives replayed today may be that old). */
    public static final long MAX_DELAY_S = 100L * 366 * 86400;
    /** File name under the data directory. */
    public static final String FILE_NAME = "accounts.json";

    /** An organisation: id (lower-case letters, digits, '-'), display name, and whether it runs this server. */
    public record Org(String id, String name, boolean host) {
    }

    /** A user. {@code passwordHash} is null for users that log in with tokens only. */
    public record User(String name, String org, Role role, String passwordHash, boolean disabled) {
    }

    /**
     * A token: id (public handle), the user it authenticates, SHA-256 of the secret (hex), kind
     * ({@code api} or {@code session}), label, creation and expiry (null: never), revocation time (null: live).
     */
    public record Token(String id, String user, String sha256, String kind, String label, Instant created,
                        Instant expires, Instant revoked) {
        boolean liveAt(Instant now) {
            return revoked == null && (expires == null || now.isBefore(expires));
        }
    }

    /** A token just created: its record and the secret, which is not kept. */
    public record NewToken(Token token, String secret) {
    }

    /** Why a token was refused. */
    public enum Refusal { UNKNOWN, EXPIRED, REVOKED, USER_DISABLED }

    /** The outcome of checking a presented token: a principal, or why not. */
    public record Check(Principal principal, Token token, Refusal refusal) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID = "[a-z0-9][a-z0-9-]{0,63}";
    private static final String USER = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private final Path file;
    private final Map<String, Org> orgs = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Token> tokensById = new LinkedHashMap<>();
    private final Map<String, Token> tokensByHash = new LinkedHashMap<>();
    private final Map<String, JsonNode> policyJson = new LinkedHashMap<>();
    private final Map<String, SharingPolicy> policies = new LinkedHashMap<>();
    private Set<DataClass> published = EnumSet.noneOf(DataClass.class);
    /**
     * Names of deleted users, never given again: markings ({@code recipients}) and the audit log name users,
     * so a new user of a deleted one's name would read what was shared with the old one and be taken for them.
     */
    private final Set<String> retired = new TreeSet<>();
    /** Ids of deleted organisations: never given again (markings' shared_with and the audit log name them). */
    private final Set<String> retiredOrgs = new TreeSet<>();
    private long nextToken = 1;
    /** Moves on every change (see {@link #version}). */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Loads {@code accounts.json} from {@code dir} (null: kept in memory only).
     *
     * @throws UncheckedIOException when the file exists but cannot be read or parsed
     */
    public Accounts(Path dir) {
        this.file = dir == null ? null : dir.resolve(FILE_NAME);
        if (file != null && Files.exists(file)) {
            try {
                JsonNode root = Rows.JSON.readTree(file.toFile());
                for (JsonNode o : root.path("orgs")) {
                    Org org = new Org(o.path("id").asText(), o.path("name").asText(), o.path("host").asBoolean());
                    orgs.put(org.id(), org);
                }
                for (JsonNode u : root.path("users")) {
                    User user = new User(u.path("name").asText(), u.path("org").asText(), Role.parse(u.path("role").asText()),
                            u.hasNonNull("password") ? u.get("password").asText() : null, u.path("disabled").asBoolean());
                    users.put(user.name(), user);
                }
                for (JsonNode t : root.path("tokens")) {
                    Token tok = new Token(t.path("id").asText(), t.path("user").asText(), t.path("sha256").asText(),
                            t.path("kind").asText("api"), t.path("label").asText(""), instant(t.get("created")),
                            instant(t.get("expires")), instant(t.get("revoked")));
                    tokensById.put(tok.id(), tok);
                    tokensByHash.put(tok.sha256(), tok);
                    nextToken = Math.max(nextToken, Long.parseLong(tok.id().substring(2)) + 1);
                }
                root.path("policies").fields().forEachRemaining(e -> {
                    policyJson.put(e.getKey(), e.getValue());
                    policies.put(e.getKey(), parsePolicy(e.getValue()));
                });
                for (JsonNode c : root.path("published")) {
                    published.add(DataClass.parse(c.asText()));
                }
                for (JsonNode n : root.path("retired_users")) {
                    retired.add(n.asText());
                }
                for (JsonNode n : root.path("retired_orgs")) {
                    retiredOrgs.add(n.asText());
                }
                // a file written before names were retired: its deleted users are known by the tokens they held
                for (Token t : tokensById.values()) {
                    if (!users.containsKey(t.user())) {
                        retired.add(t.user());
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException("cannot read " + file, e instanceof IOException io ? io : new IOException(e));
            }
        }
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    // ---- bootstrap ----

    /**
     * What {@link #bootstrap} did.
     *
     * @param generated the secret generated for a new data directory (to be written where the operator finds
     *     it), or null when none was generated
     * @param restored what the configured token restored, for the audit trail and the log ({@code role},
     *     {@code enabled}, {@code made}, {@code token}); empty when nothing changed
     * @param withheld why the configured token was not applied, or null when it was (or none is configured)
     */
    public record Bootstrap(String generated, List<String> restored, String withheld) {
    }

    /**
     * When there are no users: creates organisation {@code host} (the host) and user {@code admin}
     * (role admin) and gives the admin {@code adminToken} as a never-expiring API token.
     *
     * <p>When users exist, a configured {@code adminToken} is the recovery of whoever controls the server's
     * configuration. It makes {@code admin} an enabled administrator of a host organisation again (made
     * anew when it was deleted) and gives it the token (again, when it was revoked or had expired) when
     * <ul>
     *   <li>the host has no enabled administrator (nobody could manage users otherwise), or</li>
     *   <li>the token is one the accounts have never seen (the operator configured a new one: a deliberate
     *       act), or it already belongs to an enabled {@code admin} and only its validity needs mending.</li>
     * </ul>
     * A token already known, while another enabled administrator of the host exists and {@code admin} was
     * demoted, disabled, deleted or its token revoked, is not applied again ({@link Bootstrap#withheld}
     * says why): an administrator's deliberate change is not undone by every restart of a configuration
     * that still names the old token.
     *
     * @param adminToken the secret to accept for the admin, or null to generate one on a new directory
     */
    public synchronized Bootstrap bootstrap(String adminToken) {
        if (!users.isEmpty()) {
            if (adminToken == null) {
                return new Bootstrap(null, List.of(), null);
            }
            Token known = tokensByHash.get(sha256(adminToken));
            Instant now = Instant.now();
            boolean usable = known != null && known.user().equals("admin") && known.revoked() == null
                    && (known.expires() == null || known.expires().isAfter(now));
            User u = users.get("admin");
            boolean adminUsable = u != null && hostAdmin(u);
            boolean anyHostAdmin = users.values().stream().anyMatch(this::hostAdmin);
            if (known != null && anyHostAdmin && !(usable && adminUsable)) {
                String state = u == null ? "was deleted" : !adminUsable ? (u.disabled() ? "is disabled" : "is not an admin of the host")
                        : !known.user().equals("admin") ? "does not hold it (user " + known.user() + " does)" : "holds it revoked or expired";
                return new Bootstrap(null, List.of(), "user admin " + state + " and the host has another enabled admin,"
                        + " so the configured admin token (already known) is not applied again; to recover, configure a new token");
            }
            List<String> restored = new ArrayList<>(restoreAdmin(u));
            if (!usable) {
                if (known != null) {
                    tokensById.remove(known.id());
                    tokensByHash.remove(known.sha256());
                }
                addToken("admin", adminToken, "api", "bootstrap", null);
                restored.add("token");
            }
            if (!restored.isEmpty()) {
                save();
            }
            return new Bootstrap(null, List.copyOf(restored), null);
        }
        if (!orgs.containsKey("host")) {
            orgs.put("host", new Org("host", "Host organisation", true));
        }
        users.put("admin", new User("admin", "host", Role.ADMIN, null, false));
        String secret = adminToken != null ? adminToken : newSecret();
        addToken("admin", secret, "api", "bootstrap", null);
        save();
        return new Bootstrap(adminToken == null ? secret : null, List.of(), null);
    }

    /**
     * Makes user {@code admin} an enabled administrator of a host organisation again (made anew, in the
     * first host organisation, when it was deleted). @return what changed: {@code made}, or {@code role}
     * and {@code enabled}; empty when nothing did
     */
    private List<String> restoreAdmin(User u) {
        Org org = u == null ? null : orgs.get(u.org());
        if (u != null && org != null && org.host()) {
            List<String> changed = new ArrayList<>();
            if (u.role() != Role.ADMIN) {
                changed.add("role");
            }
            if (u.disabled()) {
                changed.add("enabled");
            }
            if (!changed.isEmpty()) {
                users.put("admin", new User("admin", u.org(), Role.ADMIN, u.passwordHash(), false));
            }
            return changed;
        }
        String host = hostOrgId();
        if (!orgs.containsKey(host)) {
            orgs.put(host, new Org(host, "Host organisation", true));
        }
        // the configured administrator is the operator, the holder of the name before: not a newcomer to it
        retired.remove("admin");
        users.put("admin", new User("admin", host, Role.ADMIN, u == null ? null : u.passwordHash(), false));
        return List.of("made");
    }

    /** Whether {@code u} is an enabled administrator of a host organisation. */
    private boolean hostAdmin(User u) {
        Org o = orgs.get(u.org());
        return u.role() == Role.ADMIN && !u.disabled() && o != null && o.host();
    }

    /**
     * @throws io.javalin.http.ConflictResponse (409) when user {@code name} changed to {@code changed}
     *     (null: deleted) would leave the host organisation without an enabled administrator
     */
    private void keepAHostAdmin(String name, User changed, String what) {
        User before = users.get(name);
        if (before == null || !hostAdmin(before) || (changed != null && hostAdmin(changed))) {
            return;
        }
        boolean another = users.values().stream().anyMatch(u -> !u.name().equals(name) && hostAdmin(u));
        if (!another) {
            throw new io.javalin.http.ConflictResponse(what + " user '" + name + "' would leave the host organisation"
                    + " without an enabled admin, and nobody could manage users, organisations or policies;"
                    + " make another user of the host an admin first");
        }
    }

    // ---- organisations ----

    /** @throws Api.BadRequest for a bad id or name, or an id in use */
    public synchronized Org createOrg(String id, String name, boolean host) {
        if (id == null) {
            throw new Api.BadRequest("id is required: an organisation id is 1-64 lower-case letters, digits or '-',"
                    + " starting with a letter or digit");
        }
        if (!id.matches(ID)) {
            throw new Api.BadRequest("an organisation id is 1-64 lower-case letters, digits or '-', starting with a letter or digit: " + id);
        }
        if (orgs.containsKey(id)) {
            throw new io.javalin.http.ConflictResponse("organisation '" + id + "' exists (PUT /api/orgs/" + id + " changes its name)");
        }
        if (retiredOrgs.contains(id)) {
            throw new io.javalin.http.ConflictResponse(RETIRED_ORG.formatted(id));
        }
        if (id.equals(Security.ANONYMOUS.org())) {
            // an item shared with it would be shared with every caller without a login
            throw new Api.BadRequest("organisation id '" + id + "' is reserved for callers without a login");
        }
        if (orgs.size() >= MAX_ENTRIES) {
            throw new Api.BadRequest("at most " + MAX_ENTRIES + " organisations are held");
        }
        Org o = new Org(id, name == null || name.isBlank() ? id : text(name, "name", 200), host);
        orgs.put(id, o);
        save();
        return o;
    }

    /**
     * Gives an organisation a new name; its id, which markings and the audit log use, stays.
     *
     * @return the organisation as it now is, or empty when there is none of that id
     * @throws Api.BadRequest for a missing, blank or over-long name (200 characters)
     */
    public synchronized Optional<Org> renameOrg(String id, String name) {
        Org o = orgs.get(id);
        if (o == null) {
            return Optional.empty();
        }
        if (name == null || name.isBlank()) {
            throw new Api.BadRequest("name is required: the organisation's new name, up to 200 characters");
        }
        Org renamed = new Org(id, text(name, "name", 200), o.host());
        orgs.put(id, renamed);
        save();
        return Optional.of(renamed);
    }

    public synchronized List<Org> orgs() {
        return List.copyOf(orgs.values());
    }

    /** The id of the first host organisation ({@code host} when there is none yet). */
    public synchronized String hostOrgId() {
        return orgs.values().stream().filter(Org::host).map(Org::id).findFirst().orElse("host");
    }

    public synchronized Optional<Org> org(String id) {
        return Optional.ofNullable(orgs.get(id));
    }

    /**
     * Deletes an organisation without users.
     *
     * @return false when there is no such organisation
     * @throws io.javalin.http.ConflictResponse (409) when it still has users or is the last host organisation:
     *     the request is right, the organisation's state forbids it now
     */
    public synchronized boolean deleteOrg(String id) {
        Org o = orgs.get(id);
        if (o == null) {
            return false;
        }
        if (users.values().stream().anyMatch(u -> u.org().equals(id))) {
            throw new io.javalin.http.ConflictResponse("organisation '" + id + "' still has users: delete them or move them"
                    + " to another organisation first");
        }
        if (o.host() && orgs.values().stream().filter(Org::host).count() == 1) {
            throw new io.javalin.http.ConflictResponse("organisation '" + id + "' is the only host organisation");
        }
        orgs.remove(id);
        policies.remove(id);
        policyJson.remove(id);
        retiredOrgs.add(id);
        save();
        return true;
    }

    static final String RETIRED_ORG = "organisation id '%s' belonged to a deleted organisation and must not be reused: markings"
            + " (shared_with) and the audit log refer to it, and a new organisation of that id would read what was shared with"
            + " the old one; choose another id";

    /** @return the ids of deleted organisations, which are not given again */
    public synchronized Set<String> retiredOrgs() {
        return Set.copyOf(retiredOrgs);
    }

    // ---- users ----

    /**
     * Creates a user.
     *
     * @param password the password (at least 12 characters), or null for a token-only user
     * @throws Api.BadRequest naming what is wrong
     */
    public synchronized User createUser(String name, String org, Role role, String password) {
        if (name == null) {
            throw new Api.BadRequest("name is required: a user name is 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        if (!name.matches(USER)) {
            throw new Api.BadRequest("a user name is 1-64 letters, digits, '.', '_', '@' or '-': " + name);
        }
        if (users.containsKey(name)) {
            throw new io.javalin.http.ConflictResponse("user '" + name + "' exists");
        }
        if (name.equals(Security.ANONYMOUS.user())) {
            throw new Api.BadRequest("user name '" + name + "' is reserved for callers without a login");
        }
        if (retired.contains(name)) {
            throw new io.javalin.http.ConflictResponse(RETIRED.formatted(name));
        }
        if (org == null) {
            throw new Api.BadRequest("org is required: the id of the user's organisation (GET /api/orgs lists them)");
        }
        if (!orgs.containsKey(org)) {
            throw new Api.BadRequest("no organisation '" + org + "'");
        }
        if (users.size() >= MAX_ENTRIES) {
            throw new Api.BadRequest("at most " + MAX_ENTRIES + " users are held");
        }
        User u = new User(name, org, role, password == null ? null : hashPassword(checkPassword(password)), false);
        users.put(name, u);
        save();
        return u;
    }

    /**
     * Changes a user's role, password or disabled flag (null: unchanged). Disabling a user refuses
     * their tokens from then on.
     *
     * @return the changed user, or empty when there is none of that name
     */
    public synchronized Optional<User> updateUser(String name, Role role, String password, Boolean disabled) {
        User u = users.get(name);
        if (u == null) {
            return Optional.empty();
        }
        User n = new User(name, u.org(), role == null ? u.role() : role, u.passwordHash(),
                disabled == null ? u.disabled() : disabled);
        keepAHostAdmin(name, n, Boolean.TRUE.equals(disabled) && !u.disabled() ? "disabling" : "demoting");
        if (password != null) {
            n = new User(name, u.org(), n.role(), hashPassword(checkPassword(password)), n.disabled());
        }
        users.put(name, n);
        save();
        return Optional.of(n);
    }

    /**
     * Checks that a marking names only what this server has: its owner organisation, each organisation
     * of {@code shared_with} and each user of {@code recipients} (a typo would share with nobody, and an
     * organisation or user made later under that name would gain access).
     *
     * <p>The message is the same whether or not a name exists in any other sense; only an administrator
     * of the host organisation (who may list users and organisations) is pointed to the list.
     *
     * @param by the user who names them (null: the server's own files, as an administrator)
     * @throws IllegalArgumentException naming the first one this server does not have
     */
    public synchronized void checkKnown(org.watchkeeper.core.sharing.Marking m, org.watchkeeper.core.sharing.Principal by) {
        boolean lists = by == null || Sharing.hostAdmin(by);
        // an owner named in a body (a zone's owner_org): a typo would own the item, and so would a later namesake
        requireOrg("owner_org", m.ownerOrg(), lists);
        for (String o : new TreeSet<>(m.sharedWithOrgs())) {
            requireOrg("shared_with", o, lists);
        }
        for (String u : new TreeSet<>(m.recipients())) {
            if (user(u).isEmpty()) {
                throw new IllegalArgumentException("recipients names no user of this server: '" + u + "'"
                        + (lists ? " (GET /api/users lists them)" : NAMES));
            }
        }
    }

    /** What a user who may not list users and organisations is told of a name the server does not have. */
    static final String NAMES = " (names are exact, as the host's administrators gave them)";

    /**
     * @param field the body member that names the organisation
     * @param lists whether the caller may list the organisations (and is pointed to the list)
     * @throws IllegalArgumentException when this server has no organisation {@code id}
     */
    public synchronized void requireOrg(String field, String id, boolean lists) {
        if (org(id).isEmpty()) {
            throw new IllegalArgumentException(field + " names no organisation of this server: '" + id + "'"
                    + (lists ? " (GET /api/orgs lists them)" : NAMES));
        }
    }

    /** The 409 of a name that belonged to a deleted user. */
    static final String RETIRED = "user name '%s' belonged to a deleted user and must not be reused: markings (recipients)"
            + " and the audit log refer to it; choose another name";

    /**
     * Deletes a user; the name is retired ({@link #createUser} refuses it from then on).
     *
     * @return false when there is no such user; the user's tokens are revoked
     */
    public synchronized boolean deleteUser(String name) {
        keepAHostAdmin(name, null, "deleting");
        if (users.remove(name) == null) {
            return false;
        }
        retired.add(name);
        Instant now = Instant.now();
        for (Token t : List.copyOf(tokensById.values())) {
            if (t.user().equals(name) && t.revoked() == null) {
                put(new Token(t.id(), t.user(), t.sha256(), t.kind(), t.label(), t.created(), t.expires(), now));
            }
        }
        save();
        return true;
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** @return the names of deleted users, which are not given again */
    public synchronized Set<String> retiredUsers() {
        return Set.copyOf(retired);
    }

    private static String checkPassword(String p) {
        if (p.length() < 12 || p.length() > 1024) {
            throw new Api.BadRequest("a password is 12 to 1024 characters long");
        }
        return p;
    }

    /**
     * Checks a user name and password.
     *
     * @return the user when the password matches and the user is enabled
     */
    public Optional<User> login(String name, String password) {
        User u;
        synchronized (this) {
            u = users.get(name);
        }
        if (u == null || u.passwordHash() == null || u.disabled() || password == null) {
            // Same work as a real check, so the answer's timing does not tell which names exist.
            verifyPassword(password == null ? "" : password, DUMMY_HASH);
            return Optional.empty();
        }
        return verifyPassword(password, u.passwordHash()) ? Optional.of(u) : Optional.empty();
    }

    private static final String DUMMY_HASH = hashPassword("not a password of anyone");

    /** {@code pbkdf2-sha256$ITERATIONS$SALT$KEY}, salt and key base64. */
    static String hashPassword(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] key = pbkdf2(password, salt, PBKDF2_ITERATIONS);
        Base64.Encoder b = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + PBKDF2_ITERATIONS + "$" + b.encodeToString(salt) + "$" + b.encodeToString(key);
    }

    static boolean verifyPassword(String password, String stored) {
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] want = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(want, pbkdf2(password, salt, Integer.parseInt(p[1])));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    // ---- tokens ----

    /**
     * Creates a token for a user.
     *
     * @param kind {@code api} or {@code session}
     * @param ttl lifetime, or null for no expiry
     * @throws Api.BadRequest for an unknown user
     */
    public synchronized NewToken createToken(String user, String kind, String label, Duration ttl) {
        if (!users.containsKey(user)) {
            throw new Api.BadRequest("no user '" + user + "'");
        }
        if (tokensById.size() >= MAX_ENTRIES) {
            pruneDead();
            if (tokensById.size() >= MAX_ENTRIES) {
                throw new Api.BadRequest("at most " + MAX_ENTRIES + " tokens are held");
            }
        }
        String secret = newSecret();
        Token t = addToken(user, secret, kind, label == null ? "" : text(label, "label", 200),
                ttl == null ? null : Instant.now().plus(ttl));
        save();
        return new NewToken(t, secret);
    }

    private void pruneDead() {
        Instant now = Instant.now();
        for (Token t : List.copyOf(tokensById.values())) {
            if (!t.liveAt(now)) {
                tokensById.remove(t.id());
                tokensByHash.remove(t.sha256());
            }
        }
    }

    private Token addToken(String user, String secret, String kind, String label, Instant expires) {
        Token t = new Token("t-" + nextToken++, user, sha256(secret), kind, label, Instant.now(), expires, null);
        put(t);
        return t;
    }

    private void put(Token t) {
        tokensById.put(t.id(), t);
        tokensByHash.put(t.sha256(), t);
    }

    /** Revokes a token. @return false when there is no such token */
    public synchronized boolean revoke(String id) {
        Token t = tokensById.get(id);
        if (t == null) {
            return false;
        }
        if (t.revoked() == null) {
            put(new Token(t.id(), t.user(), t.sha256(), t.kind(), t.label(), t.created(), t.expires(), Instant.now()));
            save();
        }
        return true;
    }

    /** Revokes the token with this secret (logout). */
    public synchronized void revokeSecret(String secret) {
        Token t = tokensByHash.get(sha256(secret));
        if (t != null) {
            revoke(t.id());
        }
    }

    public synchronized List<Token> tokens() {
        return List.copyOf(tokensById.values());
    }

    public synchronized Optional<Token> token(String id) {
        return Optional.ofNullable(tokensById.get(id));
    }

    /** Checks a presented token secret at {@code now}. */
    public synchronized Check check(String secret, Instant now) {
        return check(tokensByHash.get(sha256(secret)), now);
    }

    /**
     * Checks the token of this id at {@code now} as {@link #check(String, Instant)} checks a presented
     * secret: how a caller authenticated earlier (a live stream's) is judged again.
     */
    public synchronized Check checkToken(String id, Instant now) {
        return check(tokensById.get(id), now);
    }

    private Check check(Token t, Instant now) {
        if (t == null) {
            return new Check(null, null, Refusal.UNKNOWN);
        }
        if (t.revoked() != null) {
            return new Check(null, t, Refusal.REVOKED);
        }
        if (t.expires() != null && !now.isBefore(t.expires())) {
            return new Check(null, t, Refusal.EXPIRED);
        }
        User u = users.get(t.user());
        if (u == null || u.disabled()) {
            return new Check(null, t, Refusal.USER_DISABLED);
        }
        return new Check(principal(u), t, null);
    }

    /** The principal of a user. */
    public synchronized Principal principal(User u) {
        Org o = orgs.get(u.org());
        return new Principal(u.name(), u.org(), u.role(), o != null && o.host());
    }

    /** Lower-case hex SHA-256 of the UTF-8 text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ---- sharing policies and published classes ----

    /** The policy of a principal: unrestricted for the host organisation, the partner's policy, or nothing. */
    public synchronized SharingPolicy policyOf(Principal p) {
        if (p.hostOrg()) {
            return SharingPolicy.UNRESTRICTED;
        }
        return policies.getOrDefault(p.org(), SharingPolicy.NOTHING);
    }

    /** The policy JSON of a partner as set (empty when none). */
    public synchronized Optional<JsonNode> policyJson(String org) {
        return Optional.ofNullable(policyJson.get(org));
    }

    /**
     * Sets a partner's policy from {@code {"data_classes":[..],"areas": GeoJSON geometry or
     * FeatureCollection of Polygon/MultiPolygon (or null),"delay_s": n}}.
     *
     * @return the normalised JSON stored
     * @throws Api.BadRequest naming what is wrong
     */
    public synchronized JsonNode setPolicy(String org, JsonNode body) {
        Org o = orgs.get(org);
        if (o == null) {
            throw new io.javalin.http.NotFoundResponse("no organisation '" + org + "'");
        }
        if (o.host()) {
            throw new Api.BadRequest("organisation '" + org + "' is a host organisation: its users see everything");
        }
        if (!body.isObject()) {
            throw new Api.BadRequest("expected {\"data_classes\":[..],\"areas\":..,\"delay_s\":n}");
        }
        SharingPolicy p = parsePolicy(body);
        ObjectNode n = Rows.JSON.createObjectNode();
        ArrayNode dc = n.putArray("data_classes");
        new TreeSet<>(p.dataClasses()).forEach(c -> dc.add(c.apiName()));
        JsonNode areas = body.get("areas");
        n.set("areas", areas == null ? Rows.JSON.nullNode() : areas);
        n.put("delay_s", p.delay().toSeconds());
        policyJson.put(org, n);
        policies.put(org, p);
        save();
        return n;
    }

    static SharingPolicy parsePolicy(JsonNode body) {
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        JsonNode dc = body.path("data_classes");
        if (!dc.isMissingNode() && !dc.isArray()) {
            throw new Api.BadRequest("data_classes must be an array of positions, identities, events, incidents");
        }
        for (JsonNode c : dc) {
            classes.add(dataClass(c));
        }
        List<Geometry> areas = new ArrayList<>();
        JsonNode a = body.get("areas");
        if (a != null && !a.isNull()) {
            List<JsonNode> geoms = new ArrayList<>();
            String type = a.isObject() && a.path("type").isTextual() ? a.get("type").asText() : "";
            switch (type) {
                case "FeatureCollection" -> {
                    if (!a.path("features").isArray()) {
                        throw new Api.BadRequest("areas: a FeatureCollection needs a 'features' array");
                    }
                    for (JsonNode f : a.get("features")) {
                        if (!f.isObject()) {
                            throw new Api.BadRequest("area " + geoms.size() + " is not a Feature but " + Api.describe(f) + ": " + f);
                        }
                        geoms.add(f.path("geometry"));
                    }
                }
                case "Feature" -> geoms.add(a.path("geometry"));
                case "Polygon", "MultiPolygon" -> geoms.add(a);
                default -> throw new Api.BadRequest("areas must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection"
                        + " (or null for everywhere), got " + Api.describe(a));
            }
            int i = 0;
            for (JsonNode g : geoms) {
                String gt = g.path("type").isTextual() ? g.get("type").asText() : "";
                if (!gt.equals("Polygon") && !gt.equals("MultiPolygon")) {
                    throw new Api.BadRequest("area " + i + " must be a Polygon or MultiPolygon, got "
                            + (g.isMissingNode() ? "no geometry" : gt.isEmpty() ? Api.describe(g) : "'" + gt + "'"));
                }
                // ring structure checked as for zones, so a ring left open or too short is named in the
                // polygon's terms rather than the geometry library's
                UserData.checkCoordinates(g.path("coordinates"), gt.equals("Polygon") ? 3 : 4, "area " + i + ": ");
                ObjectNode f = Rows.JSON.createObjectNode().put("type", "Feature");
                f.putObject("properties").put("name", "area-" + i++);
                f.set("geometry", g);
                try {
                    List<Zone> z = ZoneIndex.readGeoJson(new java.io.ByteArrayInputStream(f.toString().getBytes(StandardCharsets.UTF_8)),
                            "area", List.of("name"));
                    if (z.size() != 1 || !z.get(0).geometry().isValid()) {
                        throw new Api.BadRequest("area " + (i - 1) + " is not a valid polygon (self-intersecting or unclosed)");
                    }
                    areas.add(z.get(0).geometry());
                } catch (IOException | RuntimeException e) {
                    if (e instanceof Api.BadRequest b) {
                        throw b;
                    }
                    throw new Api.BadRequest("area " + (i - 1) + " is not a valid GeoJSON polygon: " + e.getMessage());
                }
            }
            if (areas.size() > 1000) {
                throw new Api.BadRequest("at most 1000 areas");
            }
        }
        JsonNode d = body.path("delay_s");
        long delay = 0;
        if (!d.isMissingNode() && !d.isNull()) {
            delay = Api.whole(d, "delay_s", 0, MAX_DELAY_S, false, " seconds");
        }
        return new SharingPolicy(classes, areas, Duration.ofSeconds(delay));
    }

    /** A data class named in a body ({@code "positions"}); a number or null is not taken as its text. */
    static DataClass dataClass(JsonNode c) {
        if (!c.isTextual()) {
            throw new Api.BadRequest("data_classes holds names (positions, identities, events, incidents), not "
                    + Api.describe(c) + ": " + c);
        }
        return DataClass.parse(c.asText());
    }

    /** Data classes anonymous callers may read (empty by default). */
    public synchronized Set<DataClass> published() {
        return published.isEmpty() ? Set.of() : EnumSet.copyOf(published);
    }

    public synchronized void setPublished(Set<DataClass> classes) {
        published = classes.isEmpty() ? EnumSet.noneOf(DataClass.class) : EnumSet.copyOf(classes);
        save();
    }

    private static String text(String s, String field, int max) {
        if (s.length() > max) {
            throw new Api.BadRequest(field + " is longer than " + max + " characters");
        }
        return s.strip();
    }

    // ---- changes ----

    /**
     * A number that moves on every change of organisations, users, tokens, policies or published
     * classes, so that a caller judged earlier (a live stream's) can tell, without taking the lock,
     * whether to be judged again ({@link #checkToken}, {@link #policyOf}).
     */
    public long version() {
        return version.get();
    }

    /**
     * Calls {@code listener} after each change (with this object's lock held: it must not block, nor
     * wait for another thread that calls this object).
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    // ---- persistence ----

    private void save() {
        version.incrementAndGet();
        listeners.forEach(Runnable::run);
        if (file == null) {
            return;
        }
        ObjectNode root = Rows.JSON.createObjectNode();
        ArrayNode os = root.putArray("orgs");
        orgs.values().forEach(o -> os.addObject().put("id", o.id()).put("name", o.name()).put("host", o.host()));
        ArrayNode us = root.putArray("users");
        users.values().forEach(u -> {
            ObjectNode x = us.addObject().put("name", u.name()).put("org", u.org()).put("role", u.role().apiName())
                    .put("disabled", u.disabled());
            if (u.passwordHash() != null) {
                x.put("password", u.passwordHash());
            }
        });
        ArrayNode ts = root.putArray("tokens");
        tokensById.values().forEach(t -> {
            ObjectNode x = ts.addObject().put("id", t.id()).put("user", t.user()).put("sha256", t.sha256())
                    .put("kind", t.kind()).put("label", t.label()).put("created", t.created().toString());
            x.put("expires", t.expires() == null ? null : t.expires().toString());
            x.put("revoked", t.revoked() == null ? null : t.revoked().toString());
        });
        ObjectNode ps = root.putObject("policies");
        policyJson.forEach(ps::set);
        ArrayNode pub = root.putArray("published");
        published.forEach(c -> pub.add(c.apiName()));
        ArrayNode ret = root.putArray("retired_users");
        retired.forEach(ret::add);
        ArrayNode retOrgs = root.putArray("retired_orgs");
        retiredOrgs.forEach(retOrgs::add);
        writeAtomically(file, root.toPrettyString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes to a temporary file with owner-only permissions (where POSIX), then renames it over {@code target}. */
    static void writeAtomically(Path target, byte[] content) {
        writeAtomically(target, content, true);
    }

    /** As above; {@code force}: also flush the file to the device before the rename. */
    static void writeAtomically(Path target, byte[] content, boolean force) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, content);
            if (force) {
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
