package org.watchkeeper.app;

import java.util.ArrayList;
import java.util.List;

import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.IdentityChange;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.Stage;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.IdentityChangeRow;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.VesselRow;

/**
 * Writes what an analysis finds into the history store: every accepted position with its segment
 * number (appended in batches of {@link #BATCH} rows), every identity change, and at the end one
 * vessel row per station of the picture (merged identity, flag, last position, accepted positions).
 * With more than one core the position batches are appended on {@value #APPEND_THREADS} threads of
 * their own (bounded {@link Stage}s, batches dealt to them in turn), beside the tracker, each through
 * a {@link HistoryStore#positionWriter()} of its own: the DuckDB store's insert path takes about a
 * microsecond of CPU per row, and two appending connections use the CPU the decoder and the tracker
 * leave.
 * The mapping from core's model to the store's rows lives here so that neither module knows the
 * other.
 */
final class StoreWriter implements AnalysisListener {
    /** Positions per append call. */
    static final int BATCH = 100_000;

    /** Appending threads when there is more than one core. */
    static final int APPEND_THREADS = 2;

    private final HistoryStore store;
    /** One per appending thread when there is more than one core, else one that appends on the caller's thread. */
    private final List<Appender> appenders = new ArrayList<>();
    /** The appender of the next batch. */
    private int next;
    private List<PositionRow> positions = new ArrayList<>(BATCH);
    private final List<IdentityChangeRow> changes = new ArrayList<>();
    private long positionRows;
    private long vesselRows;
    private long changeRows;
    private long writeNanos;

    /**
     * A position writer of its own and the thread that feeds it (none: the caller's); its counts are
     * read after it is closed.
     */
    private static final class Appender {
        final HistoryStore.PositionWriter writer;
        /** At most two batches wait: bounded memory. Null: batches are appended on the caller's thread. */
        final Stage<List<PositionRow>> stage;
        long rows;
        long nanos;

        /** @param thread the appending thread's name, or null to append on the caller's thread */
        Appender(HistoryStore.PositionWriter writer, String thread) {
            this.writer = writer;
            this.stage = thread == null ? null : new Stage<>(thread, 1, 2, this::append);
        }

        void submit(List<PositionRow> batch) {
            if (stage != null) {
                stage.accept(batch);
            } else {
                append(batch);
            }
        }

        private void append(List<PositionRow> batch) {
            long t0 = System.nanoTime();
            writer.append(batch);
            nanos += System.nanoTime() - t0;
            rows += batch.size();
        }
    }

    StoreWriter(HistoryStore store) {
        this.store = store;
        if (Runtime.getRuntime().availableProcessors() > 1) {
            for (int i = 1; i <= APPEND_THREADS; i++) {
                appenders.add(new Appender(store.positionWriter(), "store-" + i));
            }
        } else {
            appenders.add(new Appender(store.positionWriter(), null));
        }
    }

    @Override
    public void position(PositionObservation p, Tracker.Decision d) {
        if (!d.accepted()) {
            return;
        }
        positions.add(positionRow(p, d.segment().number()));
        if (positions.size() >= BATCH) {
            flushPositions();
        }
    }

    @Override
    public void identityChange(int mmsi, IdentityChange c) {
        changes.add(new IdentityChangeRow(mmsi, c.time(), storeField(c.field()), c.oldValue(), c.newValue()));
    }

    @Override
    public void finished(Analysis analysis) {
        flushPositions();
        closeAppenders(); // waits for the last batches, rethrows a store failure
        long t0 = System.nanoTime();
        if (!changes.isEmpty()) {
            store.appendIdentityChanges(changes);
            changeRows += changes.size();
            changes.clear();
        }
        List<VesselRow> rows = new ArrayList<>();
        for (VesselSnapshot v : analysis.picture().vessels()) {
            Analysis.Tally t = analysis.tally(v.mmsi());
            rows.add(vesselRow(v, t == null ? 0 : t.positions()));
        }
        store.upsertVessels(rows);
        vesselRows += rows.size();
        writeNanos += System.nanoTime() - t0;
    }

    private void flushPositions() {
        if (positions.isEmpty()) {
            return;
        }
        appenders.get(next).submit(positions);
        next = (next + 1) % appenders.size();
        positions = new ArrayList<>(BATCH);
    }

    /**
     * Closes every appending thread and its writer (also after a failure of another), then adds their
     * counts: rows, and as write time the longest any one thread spent in its appends (they overlap).
     */
    private void closeAppenders() {
        RuntimeException failure = null;
        long longest = 0;
        for (Appender a : appenders) {
            try {
                if (a.stage != null) {
                    a.stage.close();
                }
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
            try {
                a.writer.close();
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
            positionRows += a.rows;
            longest = Math.max(longest, a.nanos);
        }
        writeNanos += longest;
        appenders.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException add(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Position rows appended. */
    long positionRows() {
        return positionRows;
    }

    /** Vessel rows upserted. */
    long vesselRows() {
        return vesselRows;
    }

    /** Identity change rows appended. */
    long identityChangeRows() {
        return changeRows;
    }

    /** Time spent inside the store's write calls, seconds (of position appends: the busiest appending thread's). */
    double writeSeconds() {
        return writeNanos / 1e9;
    }

    /** The server's row mapping, so that both store the same rows. */
    static PositionRow positionRow(PositionObservation p, int segment) {
        return org.watchkeeper.server.Rows.position(p, segment);
    }

    /** The store names fields as gpsd's AIS JSON does ({@code shipname}); the picture says {@code name}. */
    static String storeField(String pictureField) {
        return pictureField.equals("name") ? "shipname" : pictureField;
    }

    /** The server's vessel row, so that both store the same rows (the class by one rule among them). */
    static VesselRow vesselRow(VesselSnapshot v, long positions) {
        return org.watchkeeper.server.Rows.vessel(v, positions);
    }
}
