package org.watchkeeper.core.incident;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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

    /** Longest file accepted, characters (a report file is some megabytes; the whole is held to resume after a syntax error). */
    static final int MAX_FILE_CHARS = 256 * 1024 * 1024;

    /**
     * Reads the header, checks that it has the {@code required} columns, and hands every data row
     * to {@code handler}. Rows the handler rejects, rows with the wrong number of columns, and rows
     * with a CSV syntax error become rejections naming their line.
     *
     * <p>After a syntax error (a stray quote: {@code "abc"x}, or a quote opened and never closed, which
     * would swallow every later row into one field) the row that begins on the error's line is rejected
     * and reading goes on with the next physical line, so that one damaged row costs that row (and the
     * lines of its quoted field, each then rejected as a row of the wrong width), not the rest of the file.
     *
     * @return the number of data rows read (rejected ones included)
     * @throws IllegalArgumentException when the file is empty, the header lacks a required column or
     *     cannot be read as CSV, or the file is longer than {@link #MAX_FILE_CHARS}
     */
    static long read(Reader in, List<String> required, RowHandler handler, List<ImportResult.Rejection> rejected) {
        String text = readAll(in);
        int[] starts = lineStarts(text);
        CSVFormat fmt = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
        long rows = 0;
        Map<String, Integer> cols = null;
        int width = 0;
        long first = 1; // the physical line this pass of the parser starts on
        while (first <= starts.length) {
            StringReader r0 = new StringReader(text);
            try {
                r0.skip(starts[(int) first - 1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long resumeAt = -1;
            try (CSVParser p = CSVParser.parse(r0, fmt)) {
                Iterator<CSVRecord> it = p.iterator();
                long base = first - 1; // the parser counts lines from the start of this pass
                if (cols == null) {
                    CSVRecord header;
                    try {
                        if (!it.hasNext()) {
                            throw new IllegalArgumentException("the file is empty: expected a header with " + required);
                        }
                        header = it.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw new IllegalArgumentException("the header is not CSV: " + syntax(e));
                    }
                    cols = columns(header, required);
                    width = header.size();
                }
                long nextLine = base + p.getCurrentLineNumber() + 1;
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
                        resumeAt = line + 1;
                        rejected.add(new ImportResult.Rejection(line, "CSV syntax error, row skipped"
                                + (resumeAt <= starts.length ? " (reading goes on at line " + resumeAt + ")" : "") + ": " + syntax(e)));
                        break;
                    }
                    nextLine = base + p.getCurrentLineNumber() + 1;
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
            if (resumeAt < 0) {
                break;
            }
            first = resumeAt;
        }
        return rows;
    }

    /** The parser's reason, without its own line and position (counted from where its pass began, not the file's). */
    private static String syntax(RuntimeException e) {
        String m = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\(?(at )?line:? \\d+(, position:? \\d+)?\\)?", "").strip();
    }

    /** The header's columns by lower-case name (first of a repeated name). @throws IllegalArgumentException for a missing one */
    private static Map<String, Integer> columns(CSVRecord header, List<String> required) {
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
        return cols;
    }

    private static String readAll(Reader in) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (b.length() + n > MAX_FILE_CHARS) {
                    throw new IllegalArgumentException("the file is longer than " + MAX_FILE_CHARS + " characters");
                }
                b.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /**
     * Where each physical line of {@code text} starts (index 0: line 1), line breaks counted as the CSV
     * parser counts them: CR LF, a lone CR or a lone LF each end a line. A break at the very end starts no line.
     */
    static int[] lineStarts(String text) {
        int[] out = new int[16];
        int n = 0;
        out[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (i + 1 < text.length()) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i + 1;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The value of a named column, stripped; null when empty or one of the "not available" marks. */
    static String value(CSVRecord r, Map<String, Integer> cols, String name) {
        String v = r.get(cols.get(name)).strip();
        return v.isEmpty() || v.equals("NA") || v.equals("N/A") ? null : v;
    }
}
