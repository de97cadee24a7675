package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of the zones or watchlist that cannot be saved is not made: the server answers 503 saying
 * so, holds and detects with what its data folder stores, and the next change is saved. (A note that
 * could not be written stayed in memory, and every later change by anyone was a 500 lost at restart.)
 */
class UserDataSaveTest {
    @TempDir
    Path data;
    WatchkeeperServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static final String SQUARE = "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[10,50],[11,50],[11,51],[10,51],[10,50]]]}}";

    /** A folder where the temporary file of the save would go, not empty: the write fails, whoever the server runs as. */
    static Path block(Path data, String file) throws Exception {
        Path tmp = Files.createDirectories(data.resolve(file + ".tmp"));
        Files.writeString(tmp.resolve("in-the-way"), "");
        return tmp;
    }

    static void unblock(Path tmp) throws Exception {
        Files.delete(tmp.resolve("in-the-way"));
        Files.delete(tmp);
    }

    @Test
    void aWatchlistEntryThatCannotBeSavedIsNotMade() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.post(server, "/api/watchlist", "{\"mmsi\":219622000,\"note\":\"first\"}").status()).isEqualTo(201);
        String before = Files.readString(data.resolve("watchlist.json"));
        Path blocked = block(data, "watchlist.json");
        Fixture.Reply r = Fixture.post(server, "/api/watchlist", "{\"mmsi\":563000001,\"note\":\"second\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("status").asInt()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).startsWith("cannot save the zones and watchlist: writing " + data.resolve("watchlist.json")
                + " failed (").endsWith("); the change was not made, and the server and its data folder hold the zones and watchlist as before");
        assertThat(Fixture.get(server, "/api/watchlist").json().get("entries")).hasSize(1);
        assertThat(Files.readString(data.resolve("watchlist.json"))).isEqualTo(before);
        // a deletion that cannot be saved is not made either
        assertThat(Fixture.delete(server, "/api/watchlist/watch-1").status()).isEqualTo(503);
        assertThat(Fixture.get(server, "/api/watchlist").json().get("entries")).hasSize(1);
        // the zones file is another file: a zone is saved meanwhile, the watchlist file left as it was
        assertThat(Fixture.post(server, "/api/zones", String.format(SQUARE, "North")).status()).isEqualTo(201);
        assertThat(Files.readString(data.resolve("watchlist.json"))).isEqualTo(before);
        unblock(blocked);
        Fixture.Reply again = Fixture.post(server, "/api/watchlist", "{\"mmsi\":563000001,\"note\":\"second\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo("watch-2");
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(Fixture.get(server, "/api/watchlist").json().findValuesAsText("id")).containsExactly("watch-1", "watch-2");
        assertThat(Fixture.get(server, "/api/zones").json().get("features")).hasSize(1);
    }

    @Test
    void aZoneThatCannotBeSavedIsNotMade() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        Path blocked = block(data, "zones.json");
        Fixture.Reply r = Fixture.post(server, "/api/zones", String.format(SQUARE, "North"));
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).startsWith("cannot save the zones and watchlist: writing " + data.resolve("zones.json"));
        assertThat(Fixture.get(server, "/api/zones").json().get("features")).isEmpty();
        assertThat(server.userData().zones()).isEmpty();
        unblock(blocked);
        Fixture.Reply again = Fixture.post(server, "/api/zones", String.format(SQUARE, "North"));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("features").get(0).path("id").asText()).isEqualTo("zone-1");
    }

    /** Text UTF-8 cannot hold, given past the API's check: the save fails, the change is put back, later changes are saved. */
    @Test
    void anUnwritableNoteDoesNotBlockLaterChanges() throws Exception {
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThatThrownBy(() -> server.userData().addWatch(Rows.JSON.readTree("{\"mmsi\":219622000,\"note\":\"\\ud800\"}")))
                .isInstanceOf(UserData.SaveFailed.class).hasMessageContaining("the change was not made");
        assertThat(server.userData().watchlist()).isEmpty();
        Fixture.Reply r = Fixture.post(server, "/api/watchlist", "{\"mmsi\":219622000,\"note\":\"fine\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(Fixture.post(server, "/api/zones", String.format(SQUARE, "North")).status()).isEqualTo(201);
        server.close();
        server = WatchkeeperServer.start(Fixture.config(data));
        assertThat(server.userData().watchlist()).extracting(UserData.WatchEntry::note).containsExactly("fine");
        assertThat(server.userData().zones()).hasSize(1);
    }
}
