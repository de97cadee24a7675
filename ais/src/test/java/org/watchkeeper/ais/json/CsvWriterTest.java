package org.watchkeeper.ais.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.nmea.TimeSource;

class CsvWriterTest {
    static final String HEADER = "time,source,talker,channel,type,repeat,mmsi,status,turn,speed,accuracy,lon,lat,course,"
            + "heading,second,imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,to_starboard,epfd,draught,"
            + "destination,eta,dte,aid_type,name,dac,fi,own_ship,checksum,tag_block_checksum\r\n";

    private static String csv(AisMessage... ms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(out);
        for (AisMessage m : ms) {
            w.write(m);
        }
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headerOnlyWhenThereAreNoMessages() throws IOException {
        assertThat(csv()).isEqualTo(HEADER);
        assertThat(HEADER.split(",")).hasSize(CsvWriter.COLUMNS.size());
    }

    @Test
    void writesCaseB13AndB15Exactly() throws IOException {
        String out = csv(AisDecoder.decode(GpsdJsonWriterTest.B13, 0), AisDecoder.decode("134M?7@P0lPPE>4M3G@DpOwTR61p", 0));
        assertThat(out).isEqualTo(HEADER
                + ",,,,1,0,371798000,0,fastleft,12.3,true,-123.395383,48.381633,224,215,33,,,,,,,,,,,,,,,,,,,,\r\n"
                // B15: ROT and heading not available -> empty cells
                + ",,,,1,0,205999901,0,,5.2,true,7.062937,50.773015,124.9,,50,,,,,,,,,,,,,,,,,,,,\r\n");
    }

    @Test
    void nestedFieldsAndUnknownColumnsAreIgnoredAndTextIsQuoted() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(buf);
        new GpsdJsonWriterTest.Nested("A,\"B\"").writeTo(w);
        w.flush();
        String out = buf.toString(StandardCharsets.UTF_8);
        // dac and fi are top-level columns; "text" is not a column; the nested lat values are skipped
        assertThat(out).isEqualTo(HEADER + ",,,,8,0,002655619,,,,,,,,,,,,,,,,,,,,,,,,,1,31,,,\r\n");
    }

    @Test
    void metadataColumnsAreFilledFromTheReceivedMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(out);
        AisMessage m = AisDecoder.decode(GpsdJsonWriterTest.B13, 0);
        w.write(GpsdJsonWriterTest.received(m, 1328133720087L, TimeSource.TRAILER, "st,1", "BS", true, 'B', false, true, 2));
        w.write(GpsdJsonWriterTest.received(m, Long.MIN_VALUE, TimeSource.NONE, null, null, false, '\0', true, false, 1));
        w.flush();
        String row = ",1,0,371798000,0,fastleft,12.3,true,-123.395383,48.381633,224,215,33,,,,,,,,,,,,,,,,,";
        // the first a VDO sentence kept without its checksum checked, the second a verified VDM
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(HEADER
                + "2012-02-01T22:02:00.087Z,\"st,1\",BS,B" + row + ",true,unverified,\r\n"
                + ",,," + row + ",false,,\r\n");
    }
}
