package org.watchkeeper.core.csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Outcome of reading a CSV export: rows read, observations produced, bad rows by line and reason
 * (the first {@link #MAX_PROBLEMS} kept in full, all counted).
 */
public final class CsvReport {
    /** Bad rows kept in full; the rest are only counted. */
    public static final int MAX_PROBLEMS = 1000;

    /** One bad row: its 1-based line number in the file, the reason, and the row as read. */
    public record Problem(long line, String reason, String row) {
    }

    private long rows;
    private long observations;
    private long badRows;
    private final List<Problem> problems = new ArrayList<>();

    void row() {
        rows++;
    }

    void observation() {
        observations++;
    }

    void bad(long line, String reason, String row) {
        badRows++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(line, reason, row));
        }
    }

    /** Data rows read (header excluded). */
    public long rows() {
        return rows;
    }

    /** Observations handed to the sink. */
    public long observations() {
        return observations;
    }

    /** Rows rejected. */
    public long badRows() {
        return badRows;
    }

    /** The first rejected rows. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }
}
