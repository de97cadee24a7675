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

    private static long threads(DuckDbHistoryStore s) throws SQLException {
        try (Statement st = s.connection.createStatement();
             ResultSet r = st.executeQuery("SELECT current_setting('threads')")) {
            r.next();
            return r.getLong(1);
        }
    }
}
