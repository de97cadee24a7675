package org.watchkeeper.core.incident;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** RFC 4180 rows with the physical line each starts on, for the importers. */
final class CsvRows {
    /** Longest row accepted, characters. */
    static final int MAX_ROW_CHARS = 200_000;

    interface RowHandler {
        /** Handles one data row; a thrown IllegalArgumentException rejects it with its message. */
        void row(long line, CSVRecord r, Map<String, Integer> columns);
    }

    private CsvRows() {
    }

    /**
     * Reads the header, checks that it has the {@code required} columns, and hands every data row
     * to {@code handler}. Rows the handler rejects, rows with the wrong number of columns and a CSV
     * syntax error (which ends the file, since the rest cannot be framed) become rejections.
     *
     * @return the number of data rows read
     * @throws IllegalArgumentException when the header lacks a required column
     */
    static long read(Reader in, List<String> required, RowHandler handler, List<ImportResult.Rejection> rejected) {
        CSVFormat fmt = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
        long rows = 0;
        try (CSVParser p = CSVParser.parse(in, fmt)) {
            Iterator<CSVRecord> it = p.iterator();
            long nextLine = 1;
            if (!it.hasNext()) {
                throw new IllegalArgumentException("the file is empty: expected a header with " + required);
            }
            CSVRecord header = it.next();
            nextLine = p.getCurrentLineNumber() + 1;
            Map<String, Integer> cols = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", "");
                if (!name.isEmpty()) {
                    cols.putIfAbsent(name, i);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String c : required) {
                if (!cols.containsKey(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the header lacks the column(s) " + missing + "; expected " + required);
            }
            int width = header.size();
            while (true) {
                long line = nextLine;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    rows++;
                    rejected.add(new ImportResult.Rejection(line, "CSV syntax error, rest of file not read: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
                    break;
                }
                nextLine = p.getCurrentLineNumber() + 1;
                rows++;
                if (r.size() != width) {
                    rejected.add(new ImportResult.Rejection(line, "expected " + width + " columns, found " + r.size()));
                    continue;
                }
                int chars = 0;
                for (String v : r) {
                    chars += v.length();
                }
                if (chars > MAX_ROW_CHARS) {
                    rejected.add(new ImportResult.Rejection(line, "row longer than " + MAX_ROW_CHARS + " characters"));
                    continue;
                }
                try {
                    handler.row(line, r, cols);
                } catch (IllegalArgumentException e) {
                    rejected.add(new ImportResult.Rejection(line, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The value of a named column, stripped; null when empty or one of the "not available" marks. */
    static String value(CSVRecord r, Map<String, Integer> cols, String name) {
        String v = r.get(cols.get(name)).strip();
        return v.isEmpty() || v.equals("NA") || v.equals("N/A") ? null : v;
    }
}
