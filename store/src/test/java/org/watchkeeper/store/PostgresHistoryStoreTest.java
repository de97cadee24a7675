package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL + PostGIS, each test in its own schema. Skipped when the server
 * is unreachable, failed then under {@code CI=true} (see {@link PostgresTestSupport}).
 */
class PostgresHistoryStoreTest extends HistoryStoreContract {

    private String schema;

    @Override
    protected HistoryStore openEmptyStore() {
        String fresh = PostgresTestSupport.freshSchema();
        HistoryStore opened = PostgresTestSupport.openFresh(fresh); // skips here without a server
        schema = fresh;
        return opened;
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            if (store != null) {
                store.close();
                store = null;
            }
            PostgresTestSupport.dropSchema(schema);
        }
    }

    /**
     * A store made when {@code positions.message_type} was NOT NULL, holding a CSV row's fix as type 0:
     * it opens, the 0 reads back as not available, the column takes NULL from then on (a fix without
     * type appends through COPY), and opening it again changes nothing more.
     */
    @Test
    void aStoreMadeWhenTheMessageTypeWasRequiredTakesFixesWithoutOne() throws SQLException {
        store.close();
        store = null;
        PostgresTestSupport.dropSchema(schema);
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".positions (mmsi integer NOT NULL, time_ms bigint NOT NULL,"
                    + " lat double precision NOT NULL, lon double precision NOT NULL, sog double precision,"
                    + " cog double precision, heading integer, nav_status integer, message_type integer NOT NULL,"
                    + " segment integer NOT NULL, source text,"
                    + " geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED)");
            st.execute("INSERT INTO " + schema + ".positions (mmsi, time_ms, lat, lon, sog, cog, heading, nav_status,"
                    + " message_type, segment, source) VALUES (367000001, 1000, 30.5, -88.1, 1.5, 90.0, NULL, 0, 0, 1, 'csv'),"
                    + " (367000001, 2000, 30.6, -88.1, 1.5, 90.0, NULL, 0, 1, 1, 'nmea')");
        }
        store = open();
        assertThat(store.track(367000001, 0, 5000)).extracting(PositionRow::messageType).containsExactly(-1, 1);
        store.appendPositions(List.of(new PositionRow(367000001, 3000, 30.7, -88.1, 1.5, 90.0, -1, 0, -1, 1, "csv")));
        store.close();
        store = open();
        assertThat(store.track(367000001, 0, 5000)).extracting(PositionRow::messageType).containsExactly(-1, 1, -1);
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FROM " + schema + ".positions WHERE message_type IS NULL")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(1); // the new fix; the old 0 is left as written
        }
    }

    /**
     * A schema made before vessels kept length and beam: opened to read only it is not changed and each
     * vessel's length and beam are the sums of its distances; opened to write it takes the columns (filled
     * with those sums once), an overall size without distances is stored and read back, and opening it
     * again changes nothing more.
     */
    @Test
    void aStoreMadeBeforeLengthAndBeamWereKeptOpensAndTakesThem() throws SQLException {
        store.close();
        store = null;
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement()) {
            // the schema as the version before made it
            st.execute("ALTER TABLE " + schema + ".vessels DROP COLUMN length, DROP COLUMN beam");
            st.execute("INSERT INTO " + schema + ".vessels VALUES"
                    + " (563000001, 'OCEAN STAR', NULL, NULL, 70, 'A', 'SG', 150, 40, 12, 20, 11.5, NULL, NULL, 1000, 2000, 1.2, 103.8, 5),"
                    + " (316023341, 'WHITEFISH BAY', NULL, NULL, 70, 'A', 'CA', 225, 0, 23, 0, 14.8, NULL, NULL, 1000, 2000, NULL, NULL, 0),"
                    + " (563000002, NULL, NULL, NULL, NULL, NULL, 'SG', 0, 0, 0, 0, NULL, NULL, NULL, 1000, 1000, NULL, NULL, 0)");
        }
        List<org.assertj.core.groups.Tuple> before = List.of(org.assertj.core.groups.Tuple.tuple(316023341, 225, 23),
                org.assertj.core.groups.Tuple.tuple(563000001, 190, 32), org.assertj.core.groups.Tuple.tuple(563000002, -1, -1));
        try (PostgresHistoryStore reader = PostgresHistoryStore.openExisting(PostgresTestSupport.URL, PostgresTestSupport.USER,
                PostgresTestSupport.PASSWORD, schema)) {
            assertThat(reader.vessels()).extracting(VesselRow::mmsi, VesselRow::length, VesselRow::beam)
                    .containsExactlyElementsOf(before);
            assertThat(reader.vessel(563000001).orElseThrow().beam()).isEqualTo(32);
        }
        assertThat(sizeColumns()).isZero();
        store = open();
        assertThat(sizeColumns()).isEqualTo(2);
        assertThat(store.vessels()).extracting(VesselRow::mmsi, VesselRow::length, VesselRow::beam)
                .containsExactlyElementsOf(before);
        VesselRow whitefish = new VesselRow(316023341, "WHITEFISH BAY", null, -1, 70, "A", "CA", 0, 0, 0, 0, 225, 23, 14.8,
                null, null, 1000, 3000, Double.NaN, Double.NaN, 0);
        store.upsertVessels(List.of(whitefish));
        store.close();
        store = open();
        assertThat(store.vessel(316023341)).contains(whitefish);
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT mmsi, length, beam FROM " + schema + ".vessels ORDER BY mmsi")) {
            List<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getInt(1) + " " + r.getObject(2) + " " + r.getObject(3));
            }
            assertThat(rows).containsExactly("316023341 225 23", "563000001 190 32", "563000002 null null");
        }
        try (PostgresHistoryStore reader = PostgresHistoryStore.openExisting(PostgresTestSupport.URL, PostgresTestSupport.USER,
                PostgresTestSupport.PASSWORD, schema)) {
            assertThat(reader.vessel(316023341)).contains(whitefish);
        }
    }

    private long sizeColumns() throws SQLException {
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                     + "' AND table_name = 'vessels' AND column_name IN ('length', 'beam')")) {
            r.next();
            return r.getLong(1);
        }
    }

    private PostgresHistoryStore open() {
        return PostgresHistoryStore.open(PostgresTestSupport.URL, PostgresTestSupport.USER, PostgresTestSupport.PASSWORD, schema);
    }

    @Test
    void reopeningKeepsDataAndSchema() {
        List<PositionRow> rows = Fleet.named();
        store.appendPositions(rows);
        store.close();
        store = open();
        assertThat(store.counts().positions()).isEqualTo(rows.size());
        assertThat(store.near(-17.0, -179.9998, 500, Fleet.T0, END)).hasSize(1);
    }

    /**
     * A writer claims the schema, holds its lock against a second, and empties its history tables even
     * while another session reads them inside a transaction (deleting, as that reader blocks a TRUNCATE),
     * keeping the owner.
     */
    @Test
    void aClaimedSchemaIsLockedAndEmptiedBesideAReader() throws SQLException {
        PostgresHistoryStore pg = (PostgresHistoryStore) store;
        assertThat(pg.owner()).isEmpty();
        pg.claim("watchkeeper serve /srv/wk");
        assertThat(pg.owner()).contains("watchkeeper serve /srv/wk");
        assertThat(pg.tryLockSchema()).isTrue();
        try (PostgresHistoryStore second = open()) {
            assertThat(second.tryLockSchema()).isFalse();
            assertThat(second.owner()).contains("watchkeeper serve /srv/wk");
        }
        store.appendPositions(List.of(new PositionRow(219000001, 1000, 55.5, 11.2, 3.0, 90.0, -1, 0, 1, 1, "dma"),
                new PositionRow(219000001, 2000, 55.6, 11.2, 3.0, 90.0, -1, 0, 1, 1, "dma")));
        try (Connection reader = PostgresTestSupport.connect(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM " + schema + ".positions")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(2);
            }
            long t0 = System.nanoTime();
            pg.clearHistory(); // the reader's transaction is still open
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(4_500); // it waited, then deleted
            assertThat(store.counts()).isEqualTo(new StoreCounts(0, 0, 0, 0));
            reader.rollback();
        }
        pg.clearHistory(); // no reader: truncated at once
        assertThat(pg.owner()).contains("watchkeeper serve /srv/wk");
    }

    /**
     * A schema the store makes has no incidents table until an incident is stored (neither analyze nor serve keeps
     * incidents in PostgreSQL): it reads as holding none, and the first upsert makes the table.
     */
    @Test
    void theIncidentsTableIsMadeWithTheFirstIncident() throws SQLException {
        assertThat(PostgresTestSupport.tables(schema)).containsExactly("analyzed_inputs", "event_vessels", "events",
                "identity_changes", "positions", "vessels");
        assertThat(store.incidentCount()).isZero();
        assertThat(store.incidents(IncidentQuery.all())).isEmpty();
        assertThat(store.incident("i-a")).isEmpty();
        assertThat(store.deleteIncident("i-a")).isFalse();
        assertThat(PostgresTestSupport.tables(schema)).doesNotContain("incidents");

        IncidentRow a = HistoryStoreContract.incident("i-a", 1_000, 1.2, 103.8, "robbery", "CAT 3", "{}");
        store.upsertIncidents(List.of(a));
        assertThat(PostgresTestSupport.tables(schema)).contains("incidents");
        assertThat(store.incidents(IncidentQuery.all())).containsExactly(a);
        // another store on the schema sees it too
        try (PostgresHistoryStore other = open()) {
            assertThat(other.incidentCount()).isEqualTo(1);
        }
    }

    /** A schema made when the store still made an incidents table is read as it is, its rows kept. */
    @Test
    void anIncidentsTableMadeBeforeIsReadAsItIs() throws SQLException {
        store.close();
        store = null;
        try (Connection c = PostgresTestSupport.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + schema + ".incidents (id text PRIMARY KEY, time_ms bigint NOT NULL,"
                    + " lat double precision NOT NULL, lon double precision NOT NULL, type text NOT NULL,"
                    + " category text, victim_mmsi integer, victim_imo integer, tlp text NOT NULL,"
                    + " owner_org text NOT NULL, updated_ms bigint NOT NULL, json text NOT NULL)");
            st.execute("INSERT INTO " + schema + ".incidents VALUES ('asam-2014-1', 1400000000000, 1.25, 103.9, 'robbery',"
                    + " NULL, NULL, NULL, 'GREEN', 'host', 1400000000000, '{}')");
        }
        store = open();
        assertThat(store.incidentCount()).isEqualTo(1);
        assertThat(store.incident("asam-2014-1").orElseThrow().lat()).isEqualTo(1.25);
        try (PostgresHistoryStore reader = PostgresHistoryStore.openExisting(PostgresTestSupport.URL, PostgresTestSupport.USER,
                PostgresTestSupport.PASSWORD, schema)) {
            assertThat(reader.incidents(IncidentQuery.all())).extracting(IncidentRow::id).containsExactly("asam-2014-1");
        }
    }
}
