package org.watchkeeper.app;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.csv.CsvReport;

/**
 * The {@code --errors} report of {@code decode} and {@code analyze}: a header line, then one
 * tab-separated line per rejected NMEA line or CSV row: file ({@code -} for stdin), line number
 * (of a CSV row, the line it starts on), reason ({@code RejectReason.code()} or
 * {@code CsvRejectReason.code()}: {@code bad_checksum}, {@code bad_time}), detail, the original line or row. Backslash, tab, CR, LF and other control characters
 * inside a value are escaped ({@code \\}, {@code \t}, {@code \r}, {@code \n}, {@code \xHH}) so that
 * each record stays on one line (a CSV row whose quoted field spans lines shows them joined by
 * {@code \n}); in the detail and the original line of an NMEA line, bytes 0x7f..0xff are written
 * {@code \xHH} too, so the original bytes can be recovered exactly. The file is UTF-8 (a CSV row,
 * read as UTF-8 text, is written as such).
 */
final class ErrorsFile implements Closeable {
    static final String HEADER = "file\tline\treason\tdetail\ttext\n";
    private static final int BUFFER = 1 << 16;
    /** The file, buffered; the header written. */
    final OutputStream out;

    ErrorsFile(OutputStream raw) throws IOException {
        out = new BufferedOutputStream(raw, BUFFER);
        out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    }

    void write(String file, Rejection r) throws IOException {
        out.write(line(file, r));
    }

    void write(String file, CsvReport.Problem p) throws IOException {
        out.write(line(file, p));
    }

    /** One record of the report for a rejected NMEA line, with its line feed, UTF-8. */
    static byte[] line(String file, Rejection r) {
        return line(file, r.lineNumber(), r.reason().code(), r.detail(), r.line(), true);
    }

    /** One record of the report for a rejected CSV row, with its line feed, UTF-8. */
    static byte[] line(String file, CsvReport.Problem p) {
        return line(file, p.line(), p.reason().code(), p.detail(), p.row(), false);
    }

    /**
     * @param bytes {@code detail} and {@code text} hold input bytes as chars 0..255 (ISO-8859-1): those
     *              above 0x7e are escaped as {@code \xHH} so that the original bytes can be recovered exactly
     */
    private static byte[] line(String file, long lineNumber, String reason, String detail, String text, boolean bytes) {
        StringBuilder sb = new StringBuilder(256);
        escape(sb, file, false);
        sb.append('\t').append(lineNumber).append('\t').append(reason).append('\t');
        escape(sb, detail, bytes);
        sb.append('\t');
        escape(sb, text, bytes);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param bytes the string holds input bytes as chars 0..255 (ISO-8859-1): those above 0x7e are
     *              escaped as {@code \xHH} so that the original bytes can be recovered exactly
     */
    private static void escape(StringBuilder sb, String s, boolean bytes) {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || c == 0x7f || (bytes && c > 0x7f && c <= 0xff)) {
                        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
