package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards on the accounts that keep sharing and administration sound: a deleted user's name is not given
 * again. Each test has a server of its own, without sources.
 */
class AccountGuardsTest {
    @TempDir
    Path data;
    WatchkeeperServer server;

    @BeforeEach
    void start() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/orgs", "{\"id\":\"mrcc-north\",\"name\":\"MRCC North\"}").status())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    String user(String name, String org, String role) throws Exception {
        Fixture.Reply u = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"" + name + "\",\"org\":\"" + org + "\",\"role\":\"" + role + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        Fixture.Reply t = Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/tokens", "{\"user\":\"" + name + "\",\"label\":\"test\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        return t.json().get("token").asText();
    }

    static void assertError(Fixture.Reply r, int status, String message) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(message);
    }

    @Test
    void aDeletedUsersNameIsNotGivenAgainSoItCannotReadWhatWasSharedWithThem() throws Exception {
        String ana = user("ana", "host", "analyst");
        user("pete", "host", "viewer");
        Fixture.Reply red = Fixture.postAs(server, ana, "/api/incidents", "{\"time\":\"2025-03-01T02:59:00Z\",\"lat\":1.1,\"lon\":103.5,"
                + "\"type\":\"robbery\",\"tlp\":\"RED\",\"recipients\":[\"pete\"]}");
        assertThat(red.status()).as(red.body()).isEqualTo(201);
        String id = red.json().get("id").asText();
        assertThat(Fixture.deleteAs(server, Fixture.ADMIN_TOKEN, "/api/users/pete").status()).isEqualTo(204);

        String retired = "user name 'pete' belonged to a deleted user and must not be reused: markings (recipients)"
                + " and the audit log refer to it; choose another name";
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"pete\",\"org\":\"mrcc-north\",\"role\":\"viewer\"}"), 409, retired);
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"pete\",\"org\":\"host\",\"role\":\"viewer\"}"), 409, retired);
        // another name is fine, and it does not read the RED report
        String pete2 = user("pete2", "mrcc-north", "viewer");
        assertThat(Fixture.getAs(server, pete2, "/api/incidents/" + id).status()).isEqualTo(404);

        // the retired names are kept with the accounts: a restart still refuses the name
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"pete\",\"org\":\"mrcc-north\",\"role\":\"viewer\"}"), 409, retired);
        assertThat(Rows.JSON.readTree(data.resolve(Accounts.FILE_NAME).toFile()).get("retired_users").toString()).isEqualTo("[\"pete\"]");
    }

    /** A user lists its own tokens; asking for another's is refused, not answered with an empty list. */
    @Test
    void onlyAHostAdminListsAnotherUsersTokens() throws Exception {
        String viewer = user("vera", "host", "viewer");
        user("otto", "host", "viewer");
        assertThat(Fixture.getAs(server, viewer, "/api/tokens?user=vera").json().get("tokens")).hasSize(1);
        assertError(Fixture.getAs(server, viewer, "/api/tokens?user=otto"), 403,
                "only an admin of the host organisation lists other users' tokens");
        assertThat(Fixture.getAs(server, Fixture.ADMIN_TOKEN, "/api/tokens?user=otto").json().get("tokens")).hasSize(1);
    }

    /** An organisation with users, or the only host one, is not deleted: a conflict with its state (409), not a bad request. */
    @Test
    void anOrganisationInUseIsAConflictToDelete() throws Exception {
        user("nina", "mrcc-north", "viewer");
        assertError(Fixture.deleteAs(server, Fixture.ADMIN_TOKEN, "/api/orgs/mrcc-north"), 409,
                "organisation 'mrcc-north' still has users: delete them or move them to another organisation first");
        assertError(Fixture.deleteAs(server, Fixture.ADMIN_TOKEN, "/api/orgs/host"), 409,
                "organisation 'host' still has users: delete them or move them to another organisation first");
    }

    /** A deleted organisation's id is not given again: an item shared with it would go to the newcomer. */
    @Test
    void aDeletedOrganisationsIdIsNotReused() throws Exception {
        String retired = "organisation id 'mrcc-north' belonged to a deleted organisation and must not be reused: markings"
                + " (shared_with) and the audit log refer to it, and a new organisation of that id would read what was shared"
                + " with the old one; choose another id";
        assertThat(Fixture.deleteAs(server, Fixture.ADMIN_TOKEN, "/api/orgs/mrcc-north").status()).isEqualTo(204);
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/orgs", "{\"id\":\"mrcc-north\",\"name\":\"Other\"}"),
                409, retired);
        assertThat(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/orgs", "{\"id\":\"mrcc-north-2\"}").status()).isEqualTo(201);
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/orgs", "{\"id\":\"mrcc-north\"}"), 409, retired);
        assertThat(Rows.JSON.readTree(data.resolve(Accounts.FILE_NAME).toFile()).get("retired_orgs").toString())
                .isEqualTo("[\"mrcc-north\"]");
        JsonNode deleted = lastAudit("delete", "DELETE /api/orgs/mrcc-north");
        assertThat(deleted.get("detail").get("name").asText()).isEqualTo("MRCC North");
    }

    @Test
    void theNamesOfTheCallerWithoutALoginAreReserved() throws Exception {
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/orgs", "{\"id\":\"public\",\"name\":\"Everyone\"}"), 400,
                "organisation id 'public' is reserved for callers without a login");
        assertError(Fixture.postAs(server, Fixture.ADMIN_TOKEN, "/api/users", "{\"name\":\"anonymous\",\"org\":\"host\"}"), 400,
                "user name 'anonymous' is reserved for callers without a login");
    }

    static String lastAdmin(String what, String name) {
        return what + " user '" + name + "' would leave the host organisation without an enabled admin, and nobody could"
                + " manage users, organisations or policies; make another user of the host an admin first";
    }

    @Test
    void theHostKeepsAnEnabledAdminAndTheConfiguredTokenRestoresOne() throws Exception {
        String admin = Fixture.ADMIN_TOKEN;
        assertError(Fixture.putAs(server, admin, "/api/users/admin", "{\"role\":\"viewer\"}"), 409, lastAdmin("demoting", "admin"));
        assertError(Fixture.putAs(server, admin, "/api/users/admin", "{\"role\":\"analyst\",\"password\":\"a long passphrase\"}"),
                409, lastAdmin("demoting", "admin"));
        assertError(Fixture.putAs(server, admin, "/api/users/admin", "{\"disabled\":true}"), 409, lastAdmin("disabling", "admin"));
        // a partner's admin is no admin of the host
        user("nadm", "mrcc-north", "admin");
        assertError(Fixture.putAs(server, admin, "/api/users/admin", "{\"role\":\"viewer\"}"), 409, lastAdmin("demoting", "admin"));
        assertThat(Fixture.getAs(server, admin, "/api/me").json().get("role").asText()).isEqualTo("admin");
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(200);

        // with another host admin, one may step down; the other then may not leave
        String hadm = user("hadm", "host", "admin");
        Fixture.Reply down = Fixture.putAs(server, admin, "/api/users/admin", "{\"role\":\"viewer\"}");
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(403);
        assertError(Fixture.putAs(server, hadm, "/api/users/hadm", "{\"disabled\":true}"), 409, lastAdmin("disabling", "hadm"));
        assertError(Fixture.deleteAs(server, admin, "/api/users/hadm"), 403, "this needs the admin role; admin is viewer");

        // a deliberate change by another host admin stays: the same configured token is not applied again
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.getAs(server, admin, "/api/me").json().get("role").asText()).isEqualTo("viewer");
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(403);
        assertThat(Fixture.putAs(server, hadm, "/api/users/admin", "{\"disabled\":true}").status()).isEqualTo(200);
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.getAs(server, admin, "/api/me").status()).isEqualTo(401);

        // the operator's recovery: a new token in the configuration makes 'admin' an enabled host admin again
        String fresh = "wk_test-new-admin-token-9876543210";
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data).withAdminToken(fresh));
        assertThat(Fixture.getAs(server, fresh, "/api/me").json().get("role").asText()).isEqualTo("admin");
        assertThat(Fixture.getAs(server, fresh, "/api/users").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, admin, "/api/me").json().get("role").asText()).isEqualTo("admin");
        JsonNode restore = lastAudit("user.restore");
        assertThat(restore.get("target").asText()).isEqualTo("admin");
        assertThat(restore.get("detail").get("changed").asText()).isEqualTo("role,enabled,token");

        // and when the host has no enabled admin at all, the known token restores one: deleted 'admin', then
        // 'hadm' disabled by hand in the accounts file (no route allows it)
        assertThat(Fixture.deleteAs(server, hadm, "/api/users/admin").status()).isEqualTo(204);
        server.close();
        Path file = data.resolve(Accounts.FILE_NAME);
        com.fasterxml.jackson.databind.node.ObjectNode accounts = (com.fasterxml.jackson.databind.node.ObjectNode) Rows.JSON.readTree(file.toFile());
        int disabled = 0;
        for (JsonNode u : accounts.get("users")) {
            if (u.get("name").asText().equals("hadm")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) u).put("disabled", true);
                disabled++;
            }
        }
        assertThat(disabled).isEqualTo(1);
        Rows.JSON.writeValue(file.toFile(), accounts);
        server = WatchkeeperServer.start(Fixture.config(data));
        Fixture.Reply me = Fixture.getAs(server, admin, "/api/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("admin");
        assertThat(me.json().get("org").asText()).isEqualTo("host");
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(200);
        assertThat(lastAudit("user.restore").get("detail").get("changed").asText()).isEqualTo("made,token");
    }

    /** Account changes name what changed in their audit entries: before and after, never a password. */
    @Test
    void accountChangesSayWhatChangedInTheAuditLog() throws Exception {
        String admin = Fixture.ADMIN_TOKEN;
        user("audrey", "host", "viewer");
        JsonNode made = lastAudit("create", "POST /api/users");
        assertThat(made.get("detail").get("user").asText()).isEqualTo("audrey");
        assertThat(made.get("detail").get("role").asText()).isEqualTo("viewer");
        assertThat(Fixture.putAs(server, admin, "/api/users/audrey", "{\"role\":\"analyst\",\"disabled\":true,"
                + "\"password\":\"a secret passphrase\"}").status()).isEqualTo(200);
        JsonNode changed = lastAudit("change");
        assertThat(changed.get("detail").get("user").asText()).isEqualTo("audrey");
        assertThat(changed.get("detail").get("role").asText()).isEqualTo("viewer -> analyst");
        assertThat(changed.get("detail").get("disabled").asText()).isEqualTo("false -> true");
        assertThat(changed.get("detail").get("password").asText()).isEqualTo("changed");
        assertThat(Files.readString(data.resolve("audit.log"))).doesNotContain("a secret passphrase");
        assertThat(Fixture.putAs(server, admin, "/api/published", "{\"data_classes\":[\"positions\"]}").status()).isEqualTo(200);
        JsonNode pub = lastAudit("change");
        assertThat(pub.get("detail").get("before").asText()).isEqualTo("[]");
        assertThat(pub.get("detail").get("after").asText()).isEqualTo("[POSITIONS]");
        // a refused change names no values it did not make
        assertThat(Fixture.putAs(server, admin, "/api/users/admin", "{\"role\":\"viewer\"}").status()).isEqualTo(409);
        JsonNode refused = lastAudit("change");
        assertThat(refused.get("detail").get("status").asText()).isEqualTo("409");
        assertThat(refused.get("detail").has("role")).isFalse();
    }

    /** The last entry of the audit log with this action. */
    JsonNode lastAudit(String action) throws Exception {
        return lastAudit(action, null);
    }

    /** The last entry of the audit log with this action and target (any, when null). */
    JsonNode lastAudit(String action, String target) throws Exception {
        List<String> lines = Files.readAllLines(data.resolve("audit.log"));
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode e = Rows.JSON.readTree(lines.get(i));
            if (e.path("action").asText().equals(action) && (target == null || e.path("target").asText().equals(target))) {
                return e;
            }
        }
        throw new AssertionError("no audit entry " + action);
    }

    Fixture.Reply login(String contentType, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = Fixture.request(server, "/api/login", null)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return Fixture.send(b.build());
    }

    /** A cross-site HTML form can post text/plain (or a form, or multipart) without a preflight: a login is JSON only. */
    @Test
    void aLoginIsJsonOnly() throws Exception {
        String body = "{\"token\":\"" + Fixture.ADMIN_TOKEN + "\"}";
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            Fixture.Reply r = login(type, body);
            assertError(r, 415, "a login must be JSON: send the header 'Content-Type: application/json' (this request says " + type + ")");
            assertThat(r.header("Set-Cookie")).isNull();
        }
        assertError(login(null, body), 415, "a login must be JSON: send the header 'Content-Type: application/json' (this request has none)");
        Fixture.Reply ok = login("application/json; charset=utf-8", body);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.header("Set-Cookie")).startsWith(Security.COOKIE + "=");
    }
}
