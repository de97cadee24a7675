package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.PostgresHistoryStore;
import org.watchkeeper.store.PostgresTestSupport;
import org.watchkeeper.store.StoreCounts;

/**
 * A server keeping its history in PostgreSQL + PostGIS answers as one keeping it in DuckDB, for the same
 * real log; a restart rebuilds the same rows (none twice); a schema that analyze wrote is refused and left
 * as it was; a second server on the same schema is refused. PostgreSQL comes from
 * {@link PostgresTestSupport} (its settings, and its rule: skipped when PostgreSQL cannot be reached, failed
 * then under {@code CI=true}). Each test works in fresh schemas it drops.
 */
class PostgresHistoryServeTest {
    static final String URL = PostgresTestSupport.URL;
    static final String USER = PostgresTestSupport.USER;
    static final String PASSWORD = PostgresTestSupport.PASSWORD;
    /** A real AMSA terrestrial feed (all Australia, 44 687 lines, about 2 300 stations): many tracks, invalid_identity events. */
    static final String LOG = "amsa-risky/ais.txt.gz";

    private final PostgresTestSupport.Schemas schemas = new PostgresTestSupport.Schemas("wk_serve_test_");

    private String freshSchema() {
        return schemas.fresh();
    }

    @AfterEach
    void dropSchemas() {
        schemas.dropAll();
    }

    private static long count(String schema, String table) throws SQLException {
        return PostgresTestSupport.count(schema, table);
    }

    /** The rows of the history tables, as counted by PostgreSQL itself. */
    private static StoreCounts rows(String schema) throws SQLException {
        return new StoreCounts(count(schema, "positions"), count(schema, "vessels"), count(schema, "identity_changes"),
                count(schema, "events"));
    }

    /** Starts a server on {@code data} replaying the log as fast as it takes it, and waits until it is stored. */
    private static WatchkeeperServer serve(Path data, Path log, PostgresLocation pg) throws Exception {
        WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPostgres(pg)
                .withSources(List.of("amsa=file:" + log.toAbsolutePath())));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!s.sources().stream().allMatch(Source::finished)) {
            assertThat(System.currentTimeMillis()).as("file source finished").isLessThan(deadline);
            Thread.sleep(20);
        }
        s.pipeline().awaitIdle(60, TimeUnit.SECONDS);
        s.pipeline().awaitIdle(60, TimeUnit.SECONDS);
        assertThat(s.pipeline().awaitReleased(60, TimeUnit.SECONDS)).as("held input released").isTrue();
        return s;
    }

    /** What the API answers about the history: vessel count, events by kind, every event, the busiest vessel's track. */
    private record Answers(int vessels, Map<String, Integer> eventsByKind, String events, int trackMmsi, String track,
                           String trackCsv) {
    }

    private static Answers answers(WatchkeeperServer s) throws Exception {
        JsonNode vessels = Fixture.get(s, "/api/vessels?limit=100000").json();
        Fixture.Reply ev = Fixture.get(s, "/api/events?limit=100000");
        assertThat(ev.status()).isEqualTo(200);
        Map<String, Integer> byKind = new TreeMap<>();
        for (JsonNode e : ev.json().path("events")) {
            byKind.merge(e.path("kind").asText(), 1, Integer::sum);
        }
        // the vessel with the most stored fixes
        int busiest = 0;
        int most = -1;
        for (var v : s.store().vessels()) {
            List<PositionRow> t = s.store().track(v.mmsi(), Long.MIN_VALUE, Long.MAX_VALUE);
            if (t.size() > most) {
                most = t.size();
                busiest = v.mmsi();
            }
        }
        Fixture.Reply track = Fixture.get(s, "/api/vessels/" + busiest + "/track?points=true");
        assertThat(track.status()).as(track.body()).isEqualTo(200);
        Fixture.Reply csv = Fixture.get(s, "/api/vessels/" + busiest + "/track?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        return new Answers(vessels.path("count").asInt(), byKind, ev.body(), busiest, track.body(), csv.body());
    }

    @Test
    void postgresHistoryAnswersAsDuckDbAndARestartRebuildsItOnce(@TempDir Path duckData, @TempDir Path pgData,
            @TempDir Path other) throws Exception {
        Path log = Fixture.log(LOG);
        PostgresTestSupport.requireServer();
        String schema = freshSchema();
        PostgresLocation pg = new PostgresLocation(URL, USER, PASSWORD, schema);

        Answers duck;
        StoreCounts duckCounts;
        try (WatchkeeperServer s = serve(duckData, log, null)) {
            duck = answers(s);
            duckCounts = s.store().counts();
            assertThat(Fixture.get(s, "/api/stats").json().path("store").path("kind").asText()).isEqualTo("duckdb");
        }
        // the real log gives a real history: thousands of stations and fixes, events, identity changes
        assertThat(duck.vessels()).isGreaterThan(2000);
        assertThat(duck.eventsByKind().getOrDefault("invalid_identity", 0)).isGreaterThan(100);
        assertThat(duckCounts.positions()).isGreaterThan(10_000);
        assertThat(duckCounts.identityChanges()).isPositive();
        assertThat(duck.track()).contains("\"LineString\"");

        Answers first;
        try (WatchkeeperServer s = serve(pgData, log, pg)) {
            first = answers(s);
            JsonNode stats = Fixture.get(s, "/api/stats").json().path("store");
            assertThat(stats.path("kind").asText()).isEqualTo("postgres");
            assertThat(stats.path("url").asText()).isEqualTo(URL);
            assertThat(stats.path("schema").asText()).isEqualTo(schema);
            assertThat(s.storeDescription()).doesNotContain(PASSWORD.isEmpty() ? "\u0000" : "as " + USER + " " + PASSWORD)
                    .startsWith("postgres " + URL + " schema " + schema);
            // what PostgreSQL holds is what the DuckDB server stored
            assertThat(rows(schema)).isEqualTo(duckCounts);
            assertThat(count(schema, "store_owner")).isEqualTo(1);
            assertThat(pgData.resolve("history.duckdb")).doesNotExist();

            // a second server on the same schema is refused while this one runs, and changes nothing
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(other).withPostgres(pg)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another server keeps its history in schema " + schema);
            assertThat(rows(schema)).isEqualTo(duckCounts);
        }
        assertThat(first.vessels()).isEqualTo(duck.vessels());
        assertThat(first.eventsByKind()).isEqualTo(duck.eventsByKind());
        assertThat(first.events()).isEqualTo(duck.events());
        assertThat(first.trackMmsi()).isEqualTo(duck.trackMmsi());
        assertThat(first.track()).isEqualTo(duck.track());
        assertThat(first.trackCsv()).isEqualTo(duck.trackCsv());

        // a restart empties the schema and rebuilds it from the raw archive: the same rows, none twice
        try (WatchkeeperServer s = serve(pgData, log, pg)) {
            assertThat(s.rebuiltLines()).isGreaterThan(0);
            assertThat(s.sources().get(0).lines()).isZero(); // the file was read before: nothing new
            assertThat(rows(schema)).isEqualTo(duckCounts);
            Answers again = answers(s);
            assertThat(again).isEqualTo(first);
        }
    }

    @Test
    void aSchemaThatAnalyzeWroteIsRefusedAndKept(@TempDir Path data) throws Exception {
        PostgresTestSupport.requireServer();
        String schema = freshSchema();
        try (PostgresHistoryStore analyzed = PostgresHistoryStore.open(URL, USER, PASSWORD, schema)) {
            analyzed.appendPositions(List.of(new PositionRow(219000001, 1_400_000_000_000L, 55.5, 11.2, 3.0, 90.0, -1, 0, 1, 1,
                    "dma")));
        }
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data)
                .withPostgres(new PostgresLocation(URL, USER, PASSWORD, schema))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema " + schema + " at " + URL + " holds a history that no server wrote (1 positions, 0 events")
                .hasMessageContaining("--pg-schema NAME");
        assertThat(count(schema, "positions")).isEqualTo(1);
        // and the data folder is free again for a start that is allowed
        String own = freshSchema();
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPostgres(new PostgresLocation(URL, USER,
                PASSWORD, own)))) {
            assertThat(s.store().counts()).isEqualTo(new StoreCounts(0, 0, 0, 0));
        }
    }

    @Test
    void aLocationIsCheckedBeforeAnythingOpens() {
        assertThatThrownBy(() -> new PostgresLocation("postgresql://localhost/x", "wk", PASSWORD, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the PostgreSQL URL must be a JDBC URL"
                        + " jdbc:postgresql://host:port/database, not postgresql://localhost/x; as a JDBC URL that is"
                        + " jdbc:postgresql://localhost:5432/x");
        assertThatThrownBy(() -> new PostgresLocation("postgres://bob:secret@db/ais", "wk", PASSWORD, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the PostgreSQL URL must be a JDBC URL"
                        + " jdbc:postgresql://host:port/database, not postgres://bob:***@db/ais; as a JDBC URL that is"
                        + " jdbc:postgresql://db:5432/ais with user bob");
        assertThatThrownBy(() -> new PostgresLocation(URL, USER, PASSWORD, "Serve"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case letters, digits and underscores");
        assertThat(new PostgresLocation("jdbc:postgresql://db/wk?ssl=true&password=secret", "u", "pw", "s").toString())
                .isEqualTo("postgres jdbc:postgresql://db/wk?ssl=true&password=*** schema s as u");
    }

    /**
     * A start that cannot reach PostgreSQL makes nothing: not the data folder (nor a parent of it), and in a
     * folder that was there, not a file.
     */
    @Test
    void aStartThatCannotConnectMakesNoFolder(@TempDir Path tmp) throws Exception {
        PostgresLocation nowhere = new PostgresLocation("jdbc:postgresql://127.0.0.1:1/wk", "wk", "pw", "wk_serve");
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(tmp.resolve("new/data")).withPostgres(nowhere)))
                .isInstanceOf(PostgresHistoryStore.ConnectFailure.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:1 (database wk, user wk): connection refused (nothing"
                        + " listens on that port)");
        assertThat(tmp.resolve("new")).doesNotExist();
        Path there = java.nio.file.Files.createDirectories(tmp.resolve("there"));
        assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(there).withPostgres(nowhere)))
                .isInstanceOf(PostgresHistoryStore.ConnectFailure.class);
        try (var files = java.nio.file.Files.list(there)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    /**
     * A server's schema holds the history tables, the owner and the analyzed inputs, and no incidents table
     * (its incidents are in its data folder); the folder names the schema for its readers. A second server on
     * the schema is refused and makes no folder; one on the same folder is refused by the folder's lock.
     */
    @Test
    void aServersSchemaHasNoIncidentsTableAndItsFolderNamesIt(@TempDir Path tmp) throws Exception {
        PostgresTestSupport.requireServer();
        String schema = freshSchema();
        PostgresLocation pg = new PostgresLocation(URL + (URL.contains("?") ? "&" : "?") + "password=" + PASSWORD, USER, PASSWORD,
                schema);
        Path data = tmp.resolve("data");
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPostgres(pg))) {
            assertThat(PostgresTestSupport.tables(schema)).containsExactly("analyzed_inputs", "event_vessels", "events",
                    "identity_changes", "positions", "store_owner", "vessels");
            assertThat(s.incidentStore().incidentCount()).isZero();
            assertThat(data.resolve(PostgresLocation.MARKER_FILE)).exists();
            PostgresLocation marked = PostgresLocation.markedIn(data).orElseThrow();
            assertThat(marked.url()).isEqualTo(URL); // the password parameter is not kept
            assertThat(marked.user()).isEqualTo(USER);
            assertThat(marked.schema()).isEqualTo(schema);
            assertThat(marked.password()).isEmpty();
            assertThat(java.nio.file.Files.readString(data.resolve(PostgresLocation.MARKER_FILE)))
                    .contains("url=" + URL + "\n").doesNotContain("password=" + PASSWORD);

            // a second server on that schema is refused, and the folder it was given is not left behind
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(tmp.resolve("second")).withPostgres(pg)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("another server keeps its history in schema " + schema);
            assertThat(tmp.resolve("second")).doesNotExist();
            // one on the same folder too: the folder's lock says so, naming the server that holds it
            assertThatThrownBy(() -> WatchkeeperServer.start(Fixture.config(data).withPostgres(pg)))
                    .isInstanceOf(org.watchkeeper.store.DataFolderLock.InUseException.class);
            assertThat(data.resolve(PostgresLocation.MARKER_FILE)).exists();
        }
    }

    /** A server's schema made when the store still made an incidents table is taken as it is, that table kept. */
    @Test
    void aServersSchemaWithAnOldIncidentsTableStillStarts(@TempDir Path tmp) throws Exception {
        PostgresTestSupport.requireServer();
        String schema = freshSchema();
        Path data = tmp.resolve("data");
        PostgresLocation pg = new PostgresLocation(URL, USER, PASSWORD, schema);
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPostgres(pg))) {
            assertThat(s.store().incidentCount()).isZero();
        }
        try (var c = PostgresTestSupport.connect(); var st = c.createStatement()) {
            st.execute("CREATE TABLE " + schema + ".incidents (id text PRIMARY KEY, time_ms bigint NOT NULL,"
                    + " lat double precision NOT NULL, lon double precision NOT NULL, type text NOT NULL,"
                    + " category text, victim_mmsi integer, victim_imo integer, tlp text NOT NULL,"
                    + " owner_org text NOT NULL, updated_ms bigint NOT NULL, json text NOT NULL)");
        }
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withPostgres(pg))) {
            assertThat(s.store().incidentCount()).isZero();
            assertThat(PostgresTestSupport.tables(schema)).contains("incidents");
        }
    }
}
