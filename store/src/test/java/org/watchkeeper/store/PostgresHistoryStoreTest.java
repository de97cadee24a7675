package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void reopeningKeepsDataAndSchema() {
        List<PositionRow> rows = Fleet.named();
        store.appendPositions(rows);
        store.close();
        store = PostgresHistoryStore.open(PostgresTestSupport.URL, PostgresTestSupport.USER,
                PostgresTestSupport.PASSWORD, schema);
        assertThat(store.counts().positions()).isEqualTo(rows.size());
        assertThat(store.near(-17.0, -179.9998, 500, Fleet.T0, END)).hasSize(1);
    }
}
