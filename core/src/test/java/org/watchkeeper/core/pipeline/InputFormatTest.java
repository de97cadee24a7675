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
        assertThat(notNmea("\u00e9t\u00e9 " + "x".repeat(100)))
                .isEqualTo("holds no NMEA 0183 sentence in its first line (it begins '?t? " + "x".repeat(56) + "...')");
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

    @Test
    void packedAndBinaryFilesAreSaidWhatTheyAreEvenWhenALineStartsAsASentence() {
        // a zip's compressed bytes hold line feeds followed by '!', '$' or '\\' by chance: its signature decides
        String zip = "PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000drift.ais\n!AIVDM\u0000\u0001";
        assertThat(notNmea(zip)).isEqualTo("is a zip archive: unzip it and name the log in it");
        assertThat(notNmea("\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\n$")).isEqualTo("is a PNG image");
        assertThat(notNmea("%PDF-1.7\n$x\n")).isEqualTo("is a PDF document");
        assertThat(notNmea("BZh91AY&SY\n!")).startsWith("is compressed with bzip2: decompress it (bunzip2)");
        byte[] tar = new byte[600];
        System.arraycopy("ustar".getBytes(StandardCharsets.ISO_8859_1), 0, tar, 257, 5);
        tar[300] = '\n';
        tar[301] = '!';
        assertThat(InputFormat.notNmea(tar, tar.length)).isEqualTo("is a tar archive: unpack it (tar -xf) and name the log in it");
        // no known signature: more than 5 % control bytes make it binary
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            noise.append((char) (i * 37 % 256));
        }
        noise.append("\n!AIVDM");
        assertThat(notNmea(noise.toString())).isEqualTo("is binary, not text (23 of its first 207 bytes are control characters)");
    }

    @Test
    void anEmptyTarArchiveIsSaidToHoldOnlyZeros() {
        // GNU tar writes an archive of no file as 10240 zero bytes: two end blocks and the record's padding
        assertThat(InputFormat.binary(new byte[10240], 10240))
                .isEqualTo("holds only zero bytes (10240 of them: an empty tar archive, or an unwritten file): nothing to read");
        // a few zeros are line noise, not an archive
        byte[] noise = new byte[1000];
        assertThat(InputFormat.binary(noise, 1000)).startsWith("is binary, not text (1000 of its first 1000 bytes");
    }

    @Test
    void aFewControlBytesOfLineNoiseLeaveALogALog() {
        String line = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n";
        String log = line.repeat(20) + "\u0000\u0011\u0013" + line.repeat(20);
        assertThat(notNmea(log)).isNull();
    }

    @Test
    void incidentDatasetsAreSaidWhatReadsThem() {
        assertThat(notNmea("reference,date,position,navarea,subreg,hostility,victim,description\n2022-1,1/1/2022,x,x,x,x,x,x\n"))
                .isEqualTo("is an ASAM incident export (piracy reports, not AIS): watchkeeper incidents import --format asam reads it");
        assertThat(notNmea("date,time,longitude,latitude,attack_type,location_description,nearest_country,eez_country,"
                + "shore_distance,shore_longitude,shore_latitude,attack_description,vessel_name,vessel_type,vessel_status,data_source\n"))
                .isEqualTo("is the IMB crime-at-sea incident dataset (not AIS): watchkeeper incidents import --format imb reads it");
        // a header with only some of the columns is another CSV
        assertThat(notNmea("reference,date,position\n")).startsWith("holds no NMEA 0183 sentence in its first line");
    }
}
