package org.watchkeeper.app;

import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.PositionReport;

/** NMEA lines for tests that write small logs: encoded with the product's own encoder, checksummed. */
final class NmeaLines {
    private NmeaLines() {
    }

    /** An untimed type 1 report of {@code mmsi} under way at 10 kn, as one {@code !AIVDM} line ending in CRLF. */
    static String report(int mmsi, double lat, double lon) {
        PositionReport r = new PositionReport(1, 0, mmsi, 0, -128, 10, true, lon, lat, 90, 90, 0, 0, 0, false,
                AisMessage.NOT_AVAILABLE);
        BitWriter w = new BitWriter();
        r.encode(w);
        return sentence("!", "AIVDM,1,1,,A," + w.armoured() + "," + w.fillBits());
    }

    /** {@code start}{@code body}*hh and CRLF, hh the NMEA checksum (XOR) of the body. */
    static String sentence(String start, String body) {
        int c = 0;
        for (char ch : body.toCharArray()) {
            c ^= ch;
        }
        return start + body + String.format("*%02X\r\n", c);
    }
}
