package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

        // the documented recovery: a start with the configured admin token makes 'admin' an enabled host admin again
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.getAs(server, admin, "/api/me").json().get("role").asText()).isEqualTo("admin");
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(200);

        // also when 'admin' was disabled, its token revoked, or the user deleted
        assertThat(Fixture.putAs(server, hadm, "/api/users/admin", "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(Fixture.getAs(server, admin, "/api/me").status()).isEqualTo(401);
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(200);
        assertThat(Fixture.deleteAs(server, hadm, "/api/users/admin").status()).isEqualTo(204);
        assertThat(Fixture.getAs(server, admin, "/api/me").status()).isEqualTo(401);
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        Fixture.Reply me = Fixture.getAs(server, admin, "/api/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("admin");
        assertThat(me.json().get("org").asText()).isEqualTo("host");
        assertThat(Fixture.getAs(server, admin, "/api/users").status()).isEqualTo(200);
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
