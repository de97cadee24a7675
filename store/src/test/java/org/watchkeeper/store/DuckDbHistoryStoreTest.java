package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
