package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the bulk append rate of both stores for {@code watchkeeper.store.throughputRows}
 * positions (default 1 000 000) in batches of 100 000. It asserts only that every row arrived:
 * the rate is printed, not judged, because it depends on the machine.
 */
class AppendThroughputTest {

    private static final int ROWS = Integer.getInteger("watchkeeper.store.throughputRows", 1_000_000);
    private static final int BATCH = 100_000;

    @TempDir
    Path dir;

    /** ~1 000 vessels reporting every 10 s, spread over the globe. */
    static List<PositionRow> traffic(int n) {
        List<PositionRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int vessel = i % 1000;
            long t = Fleet.T0 + (i / 1000) * 10_000L;
            double lat = -60 + (vessel % 120) + (i / 1000) * 1e-4;
            double lon = -180 + (vessel * 0.36) + (i / 1000) * 1e-4;
            rows.add(new PositionRow(300_000_000 + vessel, t, lat, lon, 12.3, 45.6, 46, 0, 1, 0, "rx-1"));
        }
        return rows;
    }

    private static void measure(String name, HistoryStore store, List<PositionRow> rows) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < rows.size(); i += BATCH) {
            store.appendPositions(rows.subList(i, Math.min(rows.size(), i + BATCH)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // The load average says how far other processes on the machine slowed the wall clock rate.
        System.out.printf(Locale.ROOT, "store throughput: %-10s appended %,d positions in %.2f s = %,.0f rows/s"
                        + " (calling thread CPU %.2f s; load average %.1f on %d cores)%n",
                name, rows.size(), seconds, rows.size() / seconds, cpuSeconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        assertThat(store.counts().positions()).isEqualTo(rows.size());

        // Upserts: 10 000 vessels and 5 000 events, stored twice (the second time all conflict).
        List<VesselRow> vessels = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            vessels.add(HistoryStoreContract.vessel(300_000_000 + i, "VESSEL " + i, Fleet.T0 + i));
        }
        List<EventRow> events = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            events.add(new EventRow("ev-" + i, "dark", Fleet.T0, Fleet.T0 + i, new int[] {300_000_000 + i},
                    1.0, 2.0, null, "{}", "[]"));
        }
        for (int pass = 1; pass <= 2; pass++) {
            long t0 = System.nanoTime();
            store.upsertVessels(vessels);
            long t1 = System.nanoTime();
            store.upsertEvents(events);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "store throughput: %-10s upsert pass %d: 10,000 vessels in %.2f s,"
                    + " 5,000 events in %.2f s%n", name, pass, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
        StoreCounts counts = store.counts();
        assertThat(counts.vessels()).isEqualTo(10_000);
        assertThat(counts.events()).isEqualTo(5_000);
    }

    @Test
    void duckDbAppendRate() {
        try (HistoryStore store = DuckDbHistoryStore.open(dir)) {
            measure("DuckDB", store, traffic(ROWS));
        }
    }

    @Test
    void postgresCopyRate() {
        PostgresTestSupport.requireServer();
        String schema = PostgresTestSupport.freshSchema();
        try (HistoryStore store = PostgresTestSupport.openFresh(schema)) {
            measure("PostgreSQL", store, traffic(ROWS));
        } finally {
            PostgresTestSupport.dropSchema(schema);
        }
    }
}
