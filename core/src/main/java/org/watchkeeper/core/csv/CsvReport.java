package org.watchkeeper.core.csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Outcome of reading a CSV export: lines and rows read, observations produced, rejected rows by
 * reason, with line and detail (the first {@link #MAX_PROBLEMS} kept in full, all counted, and
 * each given as it is found to the listener the reader was given).
 */
public final class CsvReport {
    /** Rejected rows kept in full; the rest are only counted. */
    public static final int MAX_PROBLEMS = 1000;

    /**
     * One rejected row.
     *
     * @param line the 1-based physical line number the row starts on in the file
     * @param reason why it was rejected
     * @param detail what exactly was wrong (which field, and what it held)
     * @param row the row as read (the lines a quoted field spans joined with LF; the start of a row
     *            too long)
     */
    public record Problem(long line, CsvRejectReason reason, String detail, String row) {
    }

    private long lines;
    private long rows;
    private long observations;
    private long badRows;
    private final Map<CsvRejectReason, Long> rejections = new EnumMap<>(CsvRejectReason.class);
    private final List<Problem> problems = new ArrayList<>();
    private final Consumer<Problem> listener;

    /** @param listener given each rejected row as it is found, or null */
    CsvReport(Consumer<Problem> listener) {
        this.listener = listener;
    }

    void lines(long n) {
        lines = n;
    }

    void row() {
        rows++;
    }

    void observation() {
        observations++;
    }

    void bad(long line, CsvRejectReason reason, String detail, String row) {
        badRows++;
        rejections.merge(reason, 1L, Long::sum);
        Problem p = new Problem(line, reason, detail, row);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
        if (listener != null) {
            listener.accept(p);
        }
    }

    /** Physical lines read, the header's and blank ones included. */
    public long lines() {
        return lines;
    }

    /** Rows read, the header excluded (unless it was rejected). */
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

    /** Rows rejected, by reason. */
    public Map<CsvRejectReason, Long> rejections() {
        return Collections.unmodifiableMap(rejections);
    }

    /** The first rejected rows. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }
}
