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
}
