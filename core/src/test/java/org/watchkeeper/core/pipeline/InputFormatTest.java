package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a reader of NMEA 0183 only (a server's file source, send) refuses, told from a log's first bytes. */
class InputFormatTest {
    private static String notNmea(String content) {
        byte[] b = content.getBytes(StandardCharsets.ISO_8859_1);
        return InputFormat.notNmea(b, b.length);
    }

    @Test
    void csvExportsAreSaidByTheirFormat() {
        assertThat(notNmea("MMSI,BaseDateTime,LAT,LON,SOG,COG\n366940480,2022-01-03T00:00:00,29.9,-90.0,0.0,0.0\n"))
                .isEqualTo("is a MarineCadastre CSV export");
        assertThat(notNmea("\u00ef\u00bb\u00bf\"MMSI\",\"BaseDateTime\"\n")).as("after a UTF-8 byte order mark, quoted")
                .isEqualTo("is a MarineCadastre CSV export");
        assertThat(notNmea("# Timestamp,Type of mobile,MMSI,Latitude\n")).isEqualTo("is a DMA CSV export");
        assertThat(InputFormat.MARINECADASTRE_CSV.described()).isEqualTo("a MarineCadastre CSV export");
    }

    @Test
    void contentWithoutASentenceSaysHowItBegins() {
        assertThat(notNmea("{\"class\":\"AIS\",\"type\":1}\n{\"class\":\"AIS\",\"type\":5}\n\n"))
                .isEqualTo("holds no NMEA 0183 sentence in its first 2 lines (it begins '{\"class\":\"AIS\",\"type\":1}')");
        assertThat(notNmea("time,mmsi,lat,lon\n")).isEqualTo("holds no NMEA 0183 sentence in its first line (it begins 'time,mmsi,lat,lon')");
        // a long line is cut at 60 characters, bytes that are not printable ASCII shown as '?'
        assertThat(notNmea("PK\u0003\u0004" + "x".repeat(100)))
                .isEqualTo("holds no NMEA 0183 sentence in its first line (it begins 'PK??" + "x".repeat(56) + "...')");
    }

    @Test
    void aLogMayBeginWithOtherLinesAndEmptyContentIsNoFault() {
        assertThat(notNmea("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n")).isNull();
        assertThat(notNmea("$PGHP,1,2013,11,12,12,0,0,42,219,,,1,0D*20\n")).isNull();
        assertThat(notNmea("\\s:2573135,c:1412319600*52\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n")).isNull();
        // the decoder passes over spaces and tabs before a sentence; lines of something else before it are rejected one by one
        assertThat(notNmea("# capture of receiver 3\r\nstarted 12:00\r\n \t!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n")).isNull();
        assertThat(notNmea("")).isNull();
        assertThat(notNmea("\n\r\n  \n")).isNull();
    }
}
