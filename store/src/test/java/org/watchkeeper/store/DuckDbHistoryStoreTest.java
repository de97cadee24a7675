package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded DuckDB file, plus persistence across reopening. */
class DuckDbHistoryStoreTest extends HistoryStoreContract {

    @TempDir
    Path dir;

    @Override
    protected HistoryStore openEmptyStore() {
        return DuckDbHistoryStore.open(dir.resolve("data"));
    }

    @Test
    void dataSurvivesReopening() {
        List<PositionRow> rows = Fleet.named();
        store.appendPositions(rows);
        store.upsertVessels(List.of(vessel(Fleet.STRAIT, "OCEAN STAR", Fleet.T0)));
        store.close();
        store = DuckDbHistoryStore.open(dir.resolve("data"));
        assertThat(dir.resolve("data").resolve(DuckDbHistoryStore.FILE_NAME)).isRegularFile();
        assertThat(store.counts()).isEqualTo(new StoreCounts(rows.size(), 1, 0, 0));
        assertThat(store.track(Fleet.POLAR, Fleet.T0, END)).hasSize(100);
    }

    /**
     * A directory given with {@code .} and {@code ..} segments, through a folder that does not exist, opens the
     * store in the folder it means, and {@link DuckDbHistoryStore#file()} names it normalised; opened again
     * by its plain name it holds what was written.
     */
    @Test
    void directoryWithDotSegmentsIsNormalised() {
        store.close();
        Path dotted = dir.resolve(".").resolve("missing").resolve("..").resolve("plain");
        try (DuckDbHistoryStore s = DuckDbHistoryStore.open(dotted)) {
            assertThat(s.file()).isEqualTo(dir.toAbsolutePath().resolve("plain").resolve(DuckDbHistoryStore.FILE_NAME));
            s.appendPositions(Fleet.named());
        }
        assertThat(dir.resolve("missing")).doesNotExist();
        store = DuckDbHistoryStore.open(dir.resolve("plain"));
        assertThat(store.counts().positions()).isEqualTo(Fleet.named().size());
    }

    @Test
    void threadBoundIsDuckDbsThreadsSettingAndTheStoreWorksUnderIt() throws SQLException {
        store.close();
        DuckDbHistoryStore one = DuckDbHistoryStore.open(dir.resolve("one"), 1);
        store = one;
        assertThat(threads(one)).isEqualTo(1);
        List<PositionRow> rows = Fleet.named();
        one.appendPositions(rows);
        one.upsertVessels(List.of(vessel(Fleet.STRAIT, "OCEAN STAR", Fleet.T0)));
        assertThat(one.counts()).isEqualTo(new StoreCounts(rows.size(), 1, 0, 0));
        assertThat(one.track(Fleet.POLAR, Fleet.T0, END)).hasSize(100);
        try (DuckDbHistoryStore three = DuckDbHistoryStore.open(dir.resolve("three"), 3)) {
            assertThat(threads(three)).isEqualTo(3);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DuckDbHistoryStore.open(dir.resolve("bad"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    /**
     * A store made when {@code positions.message_type} was NOT NULL, holding a CSV row's fix as type 0:
     * it opens, the 0 reads back as not available, the column takes NULL from then on (a fix
     * without type appends), and opening it again changes nothing more.
     */
    @Test
    void aStoreMadeWhenTheMessageTypeWasRequiredTakesFixesWithoutOne() throws SQLException, java.io.IOException {
        Path old = olderStore(
                "CREATE TABLE positions (mmsi INTEGER NOT NULL, time_ms BIGINT NOT NULL,"
                    + " lat DOUBLE NOT NULL, lon DOUBLE NOT NULL, sog DOUBLE, cog DOUBLE, heading INTEGER,"
                    + " nav_status INTEGER, message_type INTEGER NOT NULL, segment INTEGER NOT NULL, source VARCHAR)",
                "INSERT INTO positions VALUES (367000001, 1000, 30.5, -88.1, 1.5, 90.0, NULL, 0, 0, 1, 'csv'),"
                    + " (367000001, 2000, 30.6, -88.1, 1.5, 90.0, NULL, 0, 1, 1, 'nmea')");
        store = DuckDbHistoryStore.open(old);
        assertThat(store.track(367000001, 0, 5000)).extracting(PositionRow::messageType).containsExactly(-1, 1);
        store.appendPositions(List.of(new PositionRow(367000001, 3000, 30.7, -88.1, 1.5, 90.0, -1, 0, -1, 1, "csv")));
        store.close();
        store = DuckDbHistoryStore.open(old);
        assertThat(store.track(367000001, 0, 5000)).extracting(PositionRow::messageType).containsExactly(-1, 1, -1);
        try (Statement st = ((DuckDbHistoryStore) store).connection.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FROM positions WHERE message_type IS NULL")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(1); // the new fix; the old 0 is left as written
        }
    }

    /**
     * A store made before vessels kept length and beam: it opens, each vessel's length and beam are the sums
     * of its distances (an old CSV vessel's overall size was kept as distances to bow and port: it reads so
     * until written again), an overall size without distances is stored and read back, and opening it again
     * changes nothing more.
     */
    @Test
    void aStoreMadeBeforeLengthAndBeamWereKeptOpensAndTakesThem() throws SQLException, java.io.IOException {
        Path old = olderStore(
                "CREATE TABLE vessels (mmsi INTEGER PRIMARY KEY, name VARCHAR, callsign VARCHAR,"
                    + " imo INTEGER, ship_type INTEGER, vessel_class VARCHAR, flag VARCHAR,"
                    + " to_bow INTEGER NOT NULL, to_stern INTEGER NOT NULL, to_port INTEGER NOT NULL,"
                    + " to_starboard INTEGER NOT NULL, draught DOUBLE, destination VARCHAR, eta VARCHAR,"
                    + " first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, last_lat DOUBLE, last_lon DOUBLE,"
                    + " positions BIGINT NOT NULL)",
                "INSERT INTO vessels VALUES"
                    + " (563000001, 'OCEAN STAR', NULL, NULL, 70, 'A', 'SG', 150, 40, 12, 20, 11.5, NULL, NULL, 1000, 2000, 1.2, 103.8, 5),"
                    + " (316023341, 'WHITEFISH BAY', NULL, NULL, 70, 'A', 'CA', 225, 0, 23, 0, 14.8, NULL, NULL, 1000, 2000, NULL, NULL, 0),"
                    + " (563000002, NULL, NULL, NULL, NULL, NULL, 'SG', 0, 0, 0, 0, NULL, NULL, NULL, 1000, 1000, NULL, NULL, 0)");
        store = DuckDbHistoryStore.open(old);
        assertThat(store.vessels()).extracting(VesselRow::mmsi, VesselRow::length, VesselRow::beam).containsExactly(
                org.assertj.core.groups.Tuple.tuple(316023341, 225, 23), org.assertj.core.groups.Tuple.tuple(563000001, 190, 32),
                org.assertj.core.groups.Tuple.tuple(563000002, -1, -1));
        VesselRow whitefish = new VesselRow(316023341, "WHITEFISH BAY", null, -1, 70, "A", "CA", 0, 0, 0, 0, 225, 23, 14.8,
                null, null, 1000, 3000, Double.NaN, Double.NaN, 0);
        store.upsertVessels(List.of(whitefish));
        store.close();
        store = DuckDbHistoryStore.open(old);
        assertThat(store.vessel(316023341)).contains(whitefish);
        assertThat(store.vessel(563000001).orElseThrow().length()).isEqualTo(190);
        try (Statement st = ((DuckDbHistoryStore) store).connection.createStatement();
             ResultSet r = st.executeQuery("SELECT mmsi, length, beam FROM vessels ORDER BY mmsi")) {
            // the upgrade wrote the sums once; the vessel written since has its overall size
            List<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getInt(1) + " " + r.getObject(2) + " " + r.getObject(3));
            }
            assertThat(rows).containsExactly("316023341 225 23", "563000001 190 32", "563000002 null null");
        }
    }

    private static long threads(DuckDbHistoryStore s) throws SQLException {
        try (Statement st = s.connection.createStatement();
             ResultSet r = st.executeQuery("SELECT current_setting('threads')")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Closes the test's store and makes a DuckDB file in a folder of its own with the given SQL, as an older version left it. */
    private Path olderStore(String... sql) throws SQLException, java.io.IOException {
        store.close();
        store = null;
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:duckdb:" + old.resolve(DuckDbHistoryStore.FILE_NAME).toAbsolutePath());
             Statement st = c.createStatement()) {
            for (String q : sql) {
                st.execute(q);
            }
        }
        return old;
    }
}
