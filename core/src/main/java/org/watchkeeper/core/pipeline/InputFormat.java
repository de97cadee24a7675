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

    /**
     * Recognises the format from the start of the content.
     *
     * @param head the first bytes of the content (a few hundred are enough; a UTF-8 byte order mark is skipped)
     * @param len how many bytes of {@code head} are valid (0 gives {@link #NMEA})
     * @return the format; {@link #NMEA} when the first line is not a known CSV header
     */
    public static InputFormat detect(byte[] head, int len) {
        int start = len >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        int end = start;
        while (end < len && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        String first = new String(head, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
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
