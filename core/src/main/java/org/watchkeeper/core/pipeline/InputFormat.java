package org.watchkeeper.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The kinds of input {@code analyze} reads, recognised from the first bytes of the (decompressed)
 * content, never from the file name.
 */
public enum InputFormat {
    /** NMEA 0183 / IEC 61162-450 AIS sentences (anything that is not one of the CSV headers below). */
    NMEA,
    /**
     * NOAA / BOEM MarineCadastre CSV: a header line holding the columns {@code MMSI} and
     * {@code BaseDateTime} (read by {@link org.watchkeeper.core.csv.MarineCadastreReader}).
     */
    MARINECADASTRE_CSV,
    /**
     * Danish Maritime Authority CSV: a header line holding {@code Timestamp} (often written
     * {@code # Timestamp}), {@code Type of mobile} and {@code MMSI} (read by
     * {@link org.watchkeeper.core.csv.DmaReader}).
     */
    DMA_CSV;

    /** Bytes of a log's (decompressed) start that {@link #notNmea} looks at: 64 KiB, some hundreds of lines. */
    public static final int SNIFF_BYTES = 1 << 16;

    /** What the format is, in a sentence: {@code a MarineCadastre CSV export}, {@code a DMA CSV export}, {@code an NMEA 0183 log}. */
    public String described() {
        return switch (this) {
            case NMEA -> "an NMEA 0183 log";
            case MARINECADASTRE_CSV -> "a MarineCadastre CSV export";
            case DMA_CSV -> "a DMA CSV export";
        };
    }

    /**
     * Why the content of {@code in} cannot be an NMEA 0183 log ({@link #notNmea(byte[], int)} of its first
     * {@link #SNIFF_BYTES}), with whether it is a CSV export {@link #detect} recognises; null when it may be a
     * log. Reads those bytes and resets {@code in} to them ({@code in} must support mark, as a
     * {@link java.io.BufferedInputStream} does); a read that fails part-way (a gzip cut short) is judged by
     * what came before the fault, and the reader then meets the fault itself.
     *
     * @param in the (decompressed) content, at its start
     * @return the judgement, or null when it may be a log
     * @throws java.io.IOException when {@code in} cannot be reset
     */
    public static Refusal refusal(java.io.InputStream in) throws java.io.IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        in.mark(head.length);
        try {
            int k;
            while (n < head.length && (k = in.read(head, n, head.length - n)) >= 0) {
                n += k;
            }
        } catch (java.io.IOException e) {
            // judged by what came before the fault
        }
        in.reset();
        String what = notNmea(head, n);
        return what == null ? null : new Refusal(what, detect(head, n) != NMEA);
    }

    /**
     * Why content is no NMEA 0183 log ({@link #refusal}).
     *
     * @param what what it is, to follow its name ({@code is a MarineCadastre CSV export})
     * @param csv  whether it is a CSV export {@code analyze} reads
     */
    public record Refusal(String what, boolean csv) {
    }

    /**
     * Why content that starts with {@code head} cannot be an NMEA 0183 log, for a reader that takes nothing
     * else (a server's source, {@code send}), or null when it may be one. It is none when it is a CSV
     * export {@link #detect} recognises, or when none of its lines in {@code head} (blank ones aside) starts,
     * after leading spaces and tabs, with {@code !} or {@code $} (a sentence) or {@code \} (a tag block),
     * the starts the decoder takes (any other line is rejected {@code not_a_sentence}): JSON, another CSV.
     * Nor is binary content ({@link #binary}), even when a line of it happens to start with one of those
     * bytes. Content with no line at all (an empty file) may be a log.
     *
     * @param head the first bytes of the decompressed content ({@link #SNIFF_BYTES} are enough)
     * @param len how many bytes of {@code head} are valid
     * @return what the content is, to follow the file's name: {@code is a MarineCadastre CSV export}, {@code is a
     *     DMA CSV export}, {@code is a zip archive: unzip it and name the log in it}, {@code is binary, not text (...)}, or {@code holds no NMEA 0183 sentence in its first 2 lines (it begins '[')}; null when
     *     it may be a log
     */
    public static String notNmea(byte[] head, int len) {
        InputFormat f = detect(head, len);
        if (f != NMEA) {
            return "is " + f.described();
        }
        String binary = binary(head, len);
        if (binary != null) {
            return binary;
        }
        int lines = 0;
        String first = null;
        int i = bom(head, len);
        while (i < len) {
            int end = i;
            while (end < len && head[end] != '\n' && head[end] != '\r') {
                end++;
            }
            int p = i;
            while (p < end && (head[p] == ' ' || head[p] == '\t')) {
                p++;
            }
            if (p < end) {
                if (head[p] == '!' || head[p] == '$' || head[p] == '\\') {
                    return null;
                }
                lines++;
                if (first == null) {
                    first = quoted(head, p, end);
                }
            }
            i = end + 1;
        }
        if (lines == 0) {
            return null;
        }
        String incidents = incidentDataset(head, len);
        if (incidents != null) {
            return incidents;
        }
        return "holds no NMEA 0183 sentence in its first " + (lines == 1 ? "line" : lines + " lines") + " (it begins " + first + ")";
    }

    /**
     * Byte signatures at the start of files that are no log, each with what the content is. A log that is
     * still packed gets the step that unpacks it (gzip itself is read as it is, and so never gets here:
     * these are the bytes after gunzipping).
     */
    private record Signature(String magic, String what) {
    }

    private static final Signature[] SIGNATURES = {
        new Signature("PK\u0003\u0004", "is a zip archive: unzip it and name the log in it"),
        new Signature("PK\u0005\u0006", "is an empty zip archive"),
        new Signature("BZh", "is compressed with bzip2: decompress it (bunzip2), or compress it with gzip, which is read as it is"),
        new Signature("\u00fd7zXZ\u0000", "is compressed with xz: decompress it (unxz), or compress it with gzip, which is read as it is"),
        new Signature("\u0028\u00b5\u002f\u00fd", "is compressed with zstd: decompress it (unzstd), or compress it with gzip, which is read as it is"),
        new Signature("7z\u00bc\u00af\u0027\u001c", "is a 7-Zip archive: unpack it and name the log in it"),
        new Signature("Rar!\u001a\u0007", "is a RAR archive: unpack it and name the log in it"),
        new Signature("\u0089PNG\r\n\u001a\n", "is a PNG image"),
        new Signature("\u00ff\u00d8\u00ff", "is a JPEG image"),
        new Signature("GIF8", "is a GIF image"),
        new Signature("%PDF-", "is a PDF document"),
        new Signature("\u007fELF", "is a program (ELF), not a log"),
        new Signature("SQLite format 3\u0000", "is an SQLite database"),
        new Signature("PAR1", "is a Parquet file"),
        new Signature("\u00d4\u00c3\u00b2\u00a1", "is a pcap capture: extract the NMEA lines from its packets (e.g. tshark)"),
        new Signature("\u00a1\u00b2\u00c3\u00d4", "is a pcap capture: extract the NMEA lines from its packets (e.g. tshark)"),
        new Signature("\n\r\r\n", "is a pcapng capture: extract the NMEA lines from its packets (e.g. tshark)"),
    };

    /**
     * What incident dataset a header line names, or null: every column of
     * {@link org.watchkeeper.core.incident.AsamImporter#COLUMNS} (NGA's ASAM export) or of
     * {@link org.watchkeeper.core.incident.ImbImporter#COLUMNS} (the IMB-based crime-at-sea dataset), in any
     * order and case, quoted or not; the command that reads it follows.
     */
    private static String incidentDataset(byte[] head, int len) {
        java.util.Set<String> cells = new java.util.HashSet<>();
        for (String cell : firstLine(head, len).split(",", -1)) {
            cells.add(cell.strip().replace("\"", ""));
        }
        if (cells.containsAll(org.watchkeeper.core.incident.AsamImporter.COLUMNS)) {
            return "is an ASAM incident export (piracy reports, not AIS): watchkeeper incidents import --format asam reads it";
        }
        if (cells.containsAll(org.watchkeeper.core.incident.ImbImporter.COLUMNS)) {
            return "is the IMB crime-at-sea incident dataset (not AIS): watchkeeper incidents import --format imb reads it";
        }
        return null;
    }

    /** Share of control bytes (other than tab, line feed, carriage return) above which content is binary: 5 %. */
    private static final double BINARY_SHARE = 0.05;

    /**
     * Why content that starts with {@code head} is binary, not text, or null when it may be text: a known
     * file signature ({@link #SIGNATURES}: zip, bzip2, xz, zstd, 7-Zip, RAR, tar, images, PDF, programs,
     * databases, packet captures), or control bytes (0x00-0x08, 0x0b, 0x0c, 0x0e-0x1f, 0x7f) making up more
     * than 5 % of it: compressed or packed data has about one in eight; an NMEA log none, or a few from
     * line noise on a serial link.
     *
     * @param head the first bytes of the (decompressed) content
     * @param len how many bytes of {@code head} are valid
     * @return e.g. {@code is a zip archive: unzip it and name the log in it} or
     *     {@code is binary, not text (812 of its first 6480 bytes are control characters)}; null for text
     */
    static String binary(byte[] head, int len) {
        for (Signature sig : SIGNATURES) {
            if (startsWith(head, len, 0, sig.magic())) {
                return sig.what();
            }
        }
        if (startsWith(head, len, 257, "ustar")) {
            return "is a tar archive: unpack it (tar -xf) and name the log in it";
        }
        if (len >= 1024 && len % 512 == 0 && allZero(head, len)) {
            // what tar writes for an archive of no file: its two end-of-archive blocks and their padding
            return "holds only zero bytes (" + len + " of them: an empty tar archive, or an unwritten file): nothing to read";
        }
        int control = 0;
        for (int i = 0; i < len; i++) {
            int c = head[i] & 0xff;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                control++;
            }
        }
        if (control > 0 && control > BINARY_SHARE * len) {
            return "is binary, not text (" + control + " of its first " + len + " bytes are control characters)";
        }
        return null;
    }

    /** Whether the first {@code len} bytes of {@code b} are all zero. */
    private static boolean allZero(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code head[at..]} holds the characters of {@code magic} (each a byte 0-255). */
    private static boolean startsWith(byte[] head, int len, int at, String magic) {
        if (at + magic.length() > len) {
            return false;
        }
        for (int k = 0; k < magic.length(); k++) {
            if ((head[at + k] & 0xff) != magic.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Up to 60 characters of a line, quoted, bytes outside printable ASCII as {@code ?}, {@code ...} when cut. */
    private static String quoted(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder("'");
        for (int k = from; k < to && k < from + 60; k++) {
            int c = b[k] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return s.append(to - from > 60 ? "...'" : "'").toString();
    }

    /** Length of a UTF-8 byte order mark at the start of {@code head}: 3, or 0 when there is none. */
    private static int bom(byte[] head, int len) {
        return len >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
    }

    /** The content's first line, after a byte order mark, in lower case (bytes as ISO-8859-1 characters). */
    private static String firstLine(byte[] head, int len) {
        int start = bom(head, len);
        int end = start;
        while (end < len && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    /**
     * Recognises the format from the start of the content.
     *
     * @param head the first bytes of the content (a few hundred are enough; a UTF-8 byte order mark is skipped)
     * @param len how many bytes of {@code head} are valid (0 gives {@link #NMEA})
     * @return the format; {@link #NMEA} when the first line is not a known CSV header
     */
    public static InputFormat detect(byte[] head, int len) {
        String first = firstLine(head, len);
        if (first.startsWith("!") || first.startsWith("$") || first.startsWith("\\")) {
            return NMEA;
        }
        String[] cols = first.split(",", -1);
        boolean mmsi = false;
        boolean baseDateTime = false;
        boolean timestamp = false;
        boolean typeOfMobile = false;
        for (String c : cols) {
            String k = c.replace("\"", "").replace("#", "").strip();
            mmsi |= k.equals("mmsi");
            baseDateTime |= k.equals("basedatetime");
            timestamp |= k.equals("timestamp");
            typeOfMobile |= k.equals("type of mobile");
        }
        if (mmsi && baseDateTime) {
            return MARINECADASTRE_CSV;
        }
        if (mmsi && timestamp && typeOfMobile) {
            return DMA_CSV;
        }
        return NMEA;
    }
}
