package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zone and watchlist files named at start ({@code serve --zones F1 --zones F2 --watchlist W1 --watchlist W2}). */
class StartFilesTest {
    @TempDir
    Path tmp;

    private static String zone(String name, double lon) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + lon + ",57],[" + (lon + 1) + ",57],[" + (lon + 1) + ",58],[" + lon + ",58],[" + lon + ",57]]]}}";
    }

    @Test
    void everyFileIsReadOnceAndAgainOnRestartNothingIsDoubled() throws Exception {
        Path z1 = Files.writeString(tmp.resolve("a.geojson"), zone("Skagen box", 10));
        Path z2 = Files.writeString(tmp.resolve("b.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + zone("Laeso box", 11) + "," + zone("Skagen box", 12) + "]}");
        Path w1 = Files.writeString(tmp.resolve("w1.txt"), "mmsi 219165000 | ssc case\n");
        Path w2 = Files.writeString(tmp.resolve("w2.txt"), "name Ever Given\nimo 9074729\n");
        Path data = tmp.resolve("data");
        for (int run = 0; run < 2; run++) {
            try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0)
                    .withZones(List.of(z1, z2)).withWatchlists(List.of(w1, w2)))) {
                List<String> names = new ArrayList<>();
                Fixture.get(s, "/api/zones").json().get("features").forEach(f -> names.add(f.get("properties").get("name").asText()));
                // the second file's "Skagen box" is a name the server already holds: skipped, as on a restart
                assertThat(names).as("run %d", run).containsExactlyInAnyOrder("Skagen box", "Laeso box");
                JsonNode entries = Fixture.get(s, "/api/watchlist").json().get("entries");
                assertThat(entries.size()).as("run %d: %s", run, entries).isEqualTo(3);
                assertThat(entries.toString()).contains("219165000").contains("ssc case").contains("Ever Given").contains("9074729");
            }
        }
    }

    /** A bad file named at start is a usage error naming the file, not a stack trace. */
    @Test
    void aBadZonesOrWatchlistFileIsSaidWithItsName() throws Exception {
        Path bowTie = Files.writeString(tmp.resolve("bow.geojson"), "{\"type\":\"Feature\",\"properties\":{\"name\":\"bow tie\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}");
        Path cut = Files.writeString(tmp.resolve("cut.geojson"), "{\"type\":");
        Path noName = Files.writeString(tmp.resolve("noname.geojson"), zone("", 10));
        Path watch = Files.writeString(tmp.resolve("w.txt"), "mmsi:12\n");
        int i = 0;
        for (Object[] c : List.of(
                new Object[] {WatchkeeperServer.Config.of(tmp.resolve("d" + i++)).withPort(0).withZones(List.of(bowTie)),
                    "zones file " + bowTie + ": feature 0: zone 'bow tie' is not a valid polygon: self-intersection at [1.0, 1.0]"},
                new Object[] {WatchkeeperServer.Config.of(tmp.resolve("d" + i++)).withPort(0).withZones(List.of(cut)),
                    "zones file " + cut + " is not JSON: "},
                new Object[] {WatchkeeperServer.Config.of(tmp.resolve("d" + i++)).withPort(0).withZones(List.of(noName)),
                    "zones file " + noName + ": feature 0: properties.name must be a non-empty string"},
                new Object[] {WatchkeeperServer.Config.of(tmp.resolve("d" + i++)).withPort(0).withWatchlists(List.of(watch)),
                    watch + ": watchlist line 1: "})) {
            assertThatThrownBy(() -> WatchkeeperServer.start((WatchkeeperServer.Config) c[0]).close())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith((String) c[1]);
            // said before the data folder is made
            assertThat(((WatchkeeperServer.Config) c[0]).dataDir()).doesNotExist();
        }
        // the JSON parser's place, without its source description
        Path open = Files.writeString(tmp.resolve("open.geojson"), "{\"type\":\"Feature\"");
        assertThatThrownBy(() -> WatchkeeperServer.start(WatchkeeperServer.Config.of(tmp.resolve("dx")).withPort(0)
                .withZones(List.of(open))).close())
                .hasMessage("zones file " + open + " is not JSON: Unexpected end-of-input: expected close marker for Object"
                        + " (start marker at line 1, column 1) (line 1, column 18)");
    }

    /**
     * A zone whose marking is wrong is found once the data folder is open (markings are checked as the zones are
     * added): the start fails, and the folder it made (and the parent it made) is removed with all it put there.
     * A folder that was there is kept.
     */
    @Test
    void aStartThatFailsAfterMakingItsFolderRemovesIt() throws Exception {
        Path badTlp = Files.writeString(tmp.resolve("tlp.geojson"), zone("Skagen box", 10).replace("\"name\":\"Skagen box\"",
                "\"name\":\"Skagen box\",\"tlp\":5"));
        Path data = tmp.resolve("new/data");
        assertThatThrownBy(() -> WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withZones(List.of(badTlp))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zones file " + badTlp + ": feature 0: properties.tlp must be a string (CLEAR, GREEN, AMBER, AMBER+STRICT"
                        + " or RED), not a JSON number: 5");
        assertThat(tmp.resolve("new")).doesNotExist();

        Path kept = Files.createDirectories(tmp.resolve("kept"));
        assertThatThrownBy(() -> WatchkeeperServer.start(WatchkeeperServer.Config.of(kept).withPort(0).withZones(List.of(badTlp))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kept).isDirectory();
        // and the folder is free: a start without the bad file takes it
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(kept).withPort(0))) {
            assertThat(s.storeDescription()).isEqualTo("duckdb " + kept.resolve("history.duckdb"));
        }
    }

    /** Zones and watchlist entries are numbered each on their own (zone-1, watch-1), and go on so after a restart. */
    @Test
    void zonesAndWatchlistEntriesAreNumberedEachOnTheirOwn() throws Exception {
        Path data = tmp.resolve("ids");
        for (int run = 1; run <= 2; run++) {
            try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0))) {
                Fixture.Reply z = Fixture.post(s, "/api/zones", zone("Box " + run, 10 + run));
                assertThat(z.status()).as(z.body()).isEqualTo(201);
                assertThat(z.json().path("features").get(0).path("id").asText()).isEqualTo("zone-" + run);
                Fixture.Reply w = Fixture.post(s, "/api/watchlist", "{\"mmsi\":\"21900000" + run + "\"}");
                assertThat(w.status()).as(w.body()).isEqualTo(201);
                assertThat(w.json().path("id").asText()).isEqualTo("watch-" + run);
            }
        }
    }

    /** A start file's zone whose name is held in another case, or given twice in the file, is passed over as on a restart. */
    @Test
    void aStartFileZoneNamedAsOneHeldIsPassedOver() throws Exception {
        Path a = Files.writeString(tmp.resolve("a2.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + zone("Skagen box", 10) + "," + zone("SKAGEN BOX ", 11) + "]}");
        Path b = Files.writeString(tmp.resolve("b2.geojson"), zone("skagen box", 12));
        try (WatchkeeperServer s = WatchkeeperServer.start(WatchkeeperServer.Config.of(tmp.resolve("case")).withPort(0)
                .withZones(List.of(a, b)))) {
            JsonNode fs = Fixture.get(s, "/api/zones").json().get("features");
            assertThat(fs).hasSize(1);
            assertThat(fs.get(0).get("properties").get("name").asText()).isEqualTo("Skagen box");
        }
    }
}
