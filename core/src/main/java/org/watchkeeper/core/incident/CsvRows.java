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
     * with a CSV syntax error become rejections naming their line. A row may differ from the header's
     * width by trailing columns alone when those hold nothing: it may lack columns after the header's
     * last named one (a header ending in a comma, {@code ...,description,}, over rows ending without
     * one), or carry empty values beyond the header's.
     *
     * <p>After a syntax error (a stray quote: {@code "abc"x}, or a quote opened and never closed, which
     * would swallow every later row into one field) the row that begins on the error's line is rejected,
     * once, with the quote at fault and its lines named ({@link #quoteProblem}), and reading goes on at the
     * next line that begins a whole row ({@link #nextRowStart}), so that one damaged row costs that row,
     * not the rest of the file nor a rejection for each of its lines.
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
        int named = 0; // the columns up to the last one with a name: a row may lack the unnamed ones after it
        List<String> names = List.of();
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
                        String head = text.substring(0, starts.length > 1 ? starts[1] : text.length()).strip();
                        throw new IllegalArgumentException("the first line is not a CSV header with the columns " + required
                                + " (it begins '" + (head.length() > 40 ? head.substring(0, 40) + "..." : head)
                                + "'; the CSV reader says: " + syntax(e) + ")");
                    }
                    cols = columns(header, required);
                    width = header.size();
                    names = header.toList();
                    named = 0;
                    for (int k = 0; k < header.size(); k++) {
                        if (!header.get(k).isBlank()) {
                            named = k + 1;
                        }
                    }
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
                        resumeAt = nextRowStart(text, starts, line, width, named);
                        String what = quoteProblem(text, starts, line);
                        rejected.add(new ImportResult.Rejection(line, "CSV syntax error, row skipped ("
                                + (resumeAt - 1 > line ? "lines " + line + "-" + (resumeAt - 1) : "line " + line)
                                + (resumeAt <= starts.length ? "; reading goes on at line " + resumeAt : "; no row follows it")
                                + "): " + (what != null ? what : syntax(e))));
                        break;
                    }
                    nextLine = base + p.getCurrentLineNumber() + 1;
                    rows++;
                    if (r.size() != width && !(r.size() >= named && onlyEmptyAfter(r, width))) {
                        rejected.add(new ImportResult.Rejection(line, "expected " + width + " columns, found " + r.size()
                                + (r.size() < named ? " (it ends before the column " + names.get(r.size()).strip() + ")"
                                        : r.size() > width ? " (the ones after the header's are not empty)" : "")));
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

    /**
     * The line where the row after a damaged one (beginning on line {@code line}) starts: the first later
     * physical line from which one whole row of {@code width} columns parses, so that the lines of the
     * damaged row (an unclosed quote runs on into the next row's lines) are skipped with it and not each
     * rejected again. {@code starts.length + 1} when no later line starts such a row.
     */
    static long nextRowStart(String text, int[] starts, long line, int width, int named) {
        CSVFormat fmt = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
        for (long k = line + 1; k <= starts.length; k++) {
            int from = starts[(int) k - 1];
            // a window long enough for the longest row accepted (each quote doubled, plus delimiters): a row that
            // fits in MAX_ROW_CHARS characters ends inside it, so a row cut by the window's end is not taken
            int to = (int) Math.min(text.length(), from + 2L * MAX_ROW_CHARS + 3L * width + 16);
            try (CSVParser p = CSVParser.parse(new StringReader(text.substring(from, to)), fmt)) {
                Iterator<CSVRecord> it = p.iterator();
                if (!it.hasNext()) {
                    continue;
                }
                CSVRecord r = it.next();
                int chars = 0;
                for (String v : r) {
                    chars += v.length();
                }
                if ((r.size() == width || r.size() >= named && onlyEmptyAfter(r, width)) && chars <= MAX_ROW_CHARS) {
                    return k;
                }
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                // not a row start: try the next line
            }
        }
        return starts.length + 1L;
    }

    /**
     * The quote that broke the row beginning on line {@code line}, in words naming its lines: a quoted field
     * whose closing quote is missing (an unclosed quote: the quote that opens a later field, in this row or the
     * next, was read as its end, or it runs to the end of the file), or a quote inside a quoted field that is
     * not doubled. Null when the row's quotes are in order (the parser's own message then says what is wrong).
     */
    static String quoteProblem(String text, int[] starts, long line) {
        int i = starts[(int) line - 1];
        boolean fieldStart = true;
        int open = -1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (open >= 0) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    int after = i + 1;
                    if (after < text.length() && ",\r\n".indexOf(text.charAt(after)) < 0) {
                        String field = "the quoted field opened on line " + lineOf(starts, open) + " (" + snippet(text, open) + ")";
                        char before = text.charAt(i - 1);
                        if (before == ',' || before == '\n' || before == '\r') {
                            // the quote begins a later field: the field before never had its closing quote
                            return "unclosed quote: " + field + " has no closing quote, so the quote opening a later field, on line "
                                    + lineOf(starts, i) + " (" + snippet(text, i) + "), was read as its end";
                        }
                        return "quote not doubled: " + field + " holds a quote on line " + lineOf(starts, i) + " followed by '"
                                + text.charAt(after) + "', not by a comma or the line's end (a quote inside a quoted field is written \"\")";
                    }
                    open = -1;
                    fieldStart = false;
                }
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                return null; // the row ended with its quotes in order
            }
            if (c == '"' && fieldStart) {
                open = i;
            }
            fieldStart = c == ',';
            i++;
        }
        return open < 0 ? null : "unclosed quote: the quoted field opened on line " + lineOf(starts, open) + " ("
                + snippet(text, open) + ") has no closing quote and runs to the end of the file";
    }

    /** The physical line (1-based) holding character {@code pos}. */
    private static long lineOf(int[] starts, int pos) {
        int k = java.util.Arrays.binarySearch(starts, pos);
        return k >= 0 ? k + 1 : -k - 1;
    }

    /** The first characters from {@code pos}, on one line, for a message. */
    private static String snippet(String text, int pos) {
        String s = text.substring(pos, Math.min(text.length(), pos + 30)).replaceAll("[\r\n]+", " ").stripTrailing();
        return s + (pos + 30 < text.length() ? "..." : "");
    }

    /**
     * Whether the row's values from column {@code from} on are all empty: a row longer than the header by
     * empty values only (a trailing comma more), or, shorter than it, lacking only unnamed columns, has
     * every named value.
     */
    private static boolean onlyEmptyAfter(CSVRecord r, int from) {
        for (int k = from; k < r.size(); k++) {
            if (!r.get(k).isBlank()) {
                return false;
            }
        }
        return true;
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
        if (!missing.isEmpty() && missing.size() == required.size()) {
            String head = String.join(",", header.toList()).strip();
            throw new IllegalArgumentException("the first line is not a header with the columns " + required + " (it begins '"
                    + (head.length() > 40 ? head.substring(0, 40) + "..." : head) + "')");
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
