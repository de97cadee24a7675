package org.watchkeeper.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rows of a CSV export, read line by line so that a malformed row is rejected alone and the
 * rows after it are still read (a CSV library's parser cannot go on after a syntax error).
 *
 * <p>The syntax is RFC 4180's, as the exports write it: fields separated by commas, a field in
 * double quotes may hold commas, line ends and quotes written twice ({@code ""}); blanks around a
 * quoted field are ignored; a quote inside an unquoted field is kept as it is; CRLF, LF and CR end
 * lines; blank lines are skipped. The first row is the header, the others are data rows, each
 * counted by the physical line it starts on (the header is line 1 unless blank lines come first).
 *
 * <p>Bounded: a row, over all the lines a quoted field may span, holds at most {@link #MAX_ROW_CHARS}
 * characters; a longer line is rejected ({@link CsvRejectReason#ROW_TOO_LONG}) without being kept
 * whole. A row that is not valid CSV ({@link CsvRejectReason#MALFORMED_ROW}) is rejected, and
 * reading goes on at the next line; where a quote opened on one line is not closed validly on the
 * lines after it, only that first line is rejected and the next ones are read again as rows of
 * their own (one stray quote does not swallow the rows after it). Data rows with fewer fields than
 * the header, or with more that are not empty, are rejected ({@link CsvRejectReason#FIELD_COUNT}):
 * their columns cannot be trusted (a row cut short, a comma in an unquoted name). When the input
 * ended early (a gzip file cut short), its last row, cut by that end, is rejected
 * ({@link CsvRejectReason#CUT_SHORT}) whatever it holds.
 */
final class CsvRecords {
    /** Characters a row may have (about 30 times a MarineCadastre or DMA row). */
    static final int MAX_ROW_CHARS = 8192;
    /** Characters of a line too long that are kept for the report. */
    static final int KEPT_OF_LONG_LINE = 200;

    /** A data row that passed the syntax checks: its fields by header name. */
    static final class Row {
        private final long line;
        private final String[] fields;
        private final String text;
        private final Map<String, Integer> columns;

        Row(long line, String[] fields, String text, Map<String, Integer> columns) {
            this.line = line;
            this.fields = fields;
            this.text = text;
            this.columns = columns;
        }

        /** The 1-based physical line the row starts on. */
        long line() {
            return line;
        }

        /** The row as read (lines a quoted field spans joined with LF). */
        String text() {
            return text;
        }

        /** The field of the named column, stripped; "" when there is no such column or the field is empty. */
        String get(String column) {
            Integer i = columns.get(column);
            return i == null || i >= fields.length ? "" : fields[i].strip();
        }
    }

    /** What a reader does with the header and with each row. */
    interface RowHandler {
        /** The header's column names, stripped (a leading byte order mark removed), before the first row. */
        default void header(List<String> names) {
        }

        /**
         * One data row.
         *
         * @throws Rejected to reject the row with its reason and detail
         */
        void row(Row row);
    }

    /** Thrown by a {@link RowHandler} to reject the row it was given. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final CsvRejectReason reason;

        Rejected(CsvRejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** One physical line. */
    private record Line(long number, String text, long length, boolean terminated) {
    }

    /** A record as split: its fields, or why it was rejected. */
    private record Record(long line, String[] fields, String text, CsvRejectReason reason, String detail) {
        static Record bad(long line, CsvRejectReason reason, String detail, String text) {
            return new Record(line, null, text, reason, detail);
        }
    }

    private final Reader in;
    private final Supplier<String> truncated;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    /** The last line ended with CR: an LF right after it belongs to that line end. */
    private boolean skipLf;
    /** Physical lines read from the input. */
    private long lines;
    /** Lines read again after a row that was rejected for its first line only. */
    private final ArrayDeque<Line> pending = new ArrayDeque<>();
    private final StringBuilder lineText = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);

    private CsvRecords(Reader in, Supplier<String> truncated) {
        this.in = in;
        this.truncated = truncated;
    }

    /**
     * Reads {@code in} to its end: the header to {@code handler}, then each data row to
     * {@code handler} or, when it is rejected here or by the handler, to {@code report}.
     *
     * @param truncated asked when the input has ended: why it ended early, or null when it is whole
     * @throws IOException only for I/O failures of the reader
     */
    static void read(Reader in, Supplier<String> truncated, CsvReport report, RowHandler handler) throws IOException {
        CsvRecords records = new CsvRecords(in, truncated);
        Map<String, Integer> columns = null;
        int width = 0;
        String noHeader = null; // why there are no columns to read the rows by
        for (Record r = records.next(); r != null; r = records.next()) {
            if (columns == null && noHeader == null) {
                if (r.reason() != null) {
                    report.row();
                    report.bad(r.line(), r.reason(), "the header: " + r.detail(), r.text());
                    noHeader = "no header to read the row by (line " + r.line() + " was rejected)";
                    continue;
                }
                List<String> names = new ArrayList<>(r.fields().length);
                for (String f : r.fields()) {
                    names.add((names.isEmpty() && f.startsWith("\uFEFF") ? f.substring(1) : f).strip());
                }
                columns = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    columns.putIfAbsent(names.get(i), i);
                }
                width = names.size();
                handler.header(Collections.unmodifiableList(names));
                continue;
            }
            report.row();
            if (r.reason() != null) {
                report.bad(r.line(), r.reason(), r.detail(), r.text());
                continue;
            }
            if (noHeader != null) {
                report.bad(r.line(), CsvRejectReason.FIELD_COUNT, noHeader, r.text());
                continue;
            }
            String[] fields = r.fields();
            if (fields.length < width) {
                report.bad(r.line(), CsvRejectReason.FIELD_COUNT, fields.length + " fields where the header has " + width
                        + " (a row cut short?)", r.text());
                continue;
            }
            if (fields.length > width && !Arrays.stream(fields, width, fields.length).allMatch(String::isBlank)) {
                report.bad(r.line(), CsvRejectReason.FIELD_COUNT, fields.length + " fields where the header has " + width
                        + " (a comma in an unquoted field?)", r.text());
                continue;
            }
            try {
                handler.row(new Row(r.line(), fields, r.text(), columns));
            } catch (Rejected e) {
                report.bad(r.line(), e.reason, e.getMessage(), r.text());
            }
        }
        report.lines(records.lines);
    }

    /** The next record (header or row), or null at the end of the input; blank lines are skipped. */
    private Record next() throws IOException {
        while (true) {
            Line first = line();
            if (first == null) {
                return null;
            }
            if (first.length() > MAX_ROW_CHARS) {
                Record r = Record.bad(first.number(), CsvRejectReason.ROW_TOO_LONG, "a line of " + first.length()
                        + " characters, more than the " + MAX_ROW_CHARS + " a row may have",
                        first.text().substring(0, KEPT_OF_LONG_LINE) + "...");
                return cut(first, r);
            }
            if (first.text().isBlank()) {
                continue;
            }
            return split(first);
        }
    }

    /**
     * {@code r}, or, when the input ended early inside it ({@code last} is unterminated), the same
     * row rejected as cut short.
     */
    private Record cut(Line last, Record r) {
        if (last.terminated()) {
            return r;
        }
        String why = truncated.get();
        if (why == null) {
            return r;
        }
        return Record.bad(r.line(), CsvRejectReason.CUT_SHORT, "the input ends early (" + why + ") in this row", r.text());
    }

    /** Splits the record starting on line {@code first} into fields, reading the lines a quoted field spans. */
    private Record split(Line first) throws IOException {
        List<String> fields = new ArrayList<>(32);
        List<Line> more = null; // the further lines a quoted field spans
        int spanning = 0; // the field (1-based) whose quote went on past the first line
        String text = first.text();
        int len = text.length();
        long total = first.length();
        int i = 0;
        while (true) {
            int j = i;
            while (j < len && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j == len || text.charAt(j) != '"') { // unquoted: up to the next comma
                int k = text.indexOf(',', i);
                if (k < 0) {
                    fields.add(text.substring(i));
                    break;
                }
                fields.add(text.substring(i, k));
                i = k + 1;
                continue;
            }
            field.setLength(0);
            int k = j + 1;
            while (true) {
                if (k == len) { // the quoted field goes on on the next line
                    Line next = line();
                    if (more == null) {
                        more = new ArrayList<>();
                        spanning = fields.size() + 1;
                    }
                    if (next == null) {
                        return unclosed(first, more, "the quote opening field " + spanning
                                + " is not closed before the end of the input");
                    }
                    more.add(next);
                    total += 1 + next.length();
                    if (total > MAX_ROW_CHARS) {
                        return unclosed(first, more, "the quote opening field " + spanning
                                + " is not closed within the " + MAX_ROW_CHARS + " characters a row may have");
                    }
                    field.append('\n');
                    text = next.text();
                    len = text.length();
                    k = 0;
                    continue;
                }
                char c = text.charAt(k);
                if (c == '"') {
                    if (k + 1 < len && text.charAt(k + 1) == '"') {
                        field.append('"');
                        k += 2;
                        continue;
                    }
                    k++;
                    break;
                }
                int s = k;
                while (k < len && text.charAt(k) != '"') {
                    k++;
                }
                field.append(text, s, k);
            }
            fields.add(field.toString());
            while (k < len && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
                k++;
            }
            if (k == len) {
                break;
            }
            if (text.charAt(k) != ',') {
                String what = "a character ('" + text.charAt(k) + "') after the closing quote of field " + fields.size()
                        + ", where a comma or the end of the row must come (a quote inside a quoted field is written twice)";
                if (more == null) {
                    return cut(first, Record.bad(first.number(), CsvRejectReason.MALFORMED_ROW, what, first.text()));
                }
                return unclosed(first, more, "the quote opening field " + spanning + " is not closed on its"
                        + " line, and the lines after it do not go on validly (line " + more.get(more.size() - 1).number()
                        + ": " + what + ")");
            }
            i = k + 1;
        }
        Line last = more == null ? first : more.get(more.size() - 1);
        String raw = first.text();
        if (more != null) {
            StringBuilder sb = new StringBuilder(raw);
            more.forEach(l -> sb.append('\n').append(l.text()));
            raw = sb.toString();
        }
        return cut(last, new Record(first.number(), fields.toArray(String[]::new), raw, null, null));
    }

    /**
     * A quote opened on line {@code first} and not closed validly on the lines after it: that line
     * alone is rejected, and those after it are read again as rows of their own.
     */
    private Record unclosed(Line first, List<Line> more, String detail) {
        for (int i = more.size() - 1; i >= 0; i--) {
            pending.addFirst(more.get(i));
        }
        return cut(first, Record.bad(first.number(), CsvRejectReason.MALFORMED_ROW, detail, first.text()));
    }

    /**
     * The next physical line (a line read again first), or null at the end of the input. At most
     * {@code MAX_ROW_CHARS + 1} characters of it are kept; its length counts them all.
     */
    private Line line() throws IOException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        StringBuilder sb = lineText;
        sb.setLength(0);
        long length = 0;
        while (true) {
            if (pos == end) {
                if (eof) {
                    break;
                }
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                pos = 0;
                end = n;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            if (n > 0) {
                length += n;
                int room = MAX_ROW_CHARS + 1 - sb.length();
                if (room > 0) {
                    sb.append(buf, start, Math.min(n, room));
                }
            }
            if (pos < end) {
                skipLf = buf[pos] == '\r';
                pos++;
                return new Line(++lines, sb.toString(), length, true);
            }
        }
        return length == 0 ? null : new Line(++lines, sb.toString(), length, false);
    }
}
