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
    static final String HEADER = "time,source,talker,channel,type,repeat,mmsi,status,turn,speed,accuracy,lon,lat,alt,course,"
            + "heading,year,month,day,hour,minute,second,imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,to_starboard,epfd,draught,"
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
                + ",,,,1,0,371798000,0,fastleft,12.3,true,-123.395383,48.381633,,224,215,,,,,,33,,,,,,,,,,,,,,,,,,,,\r\n"
                // B15: ROT and heading not available -> empty cells
                + ",,,,1,0,205999901,0,,5.2,true,7.062937,50.773015,,124.9,,,,,,,50,,,,,,,,,,,,,,,,,,,,\r\n");
    }

    @Test
    void nestedFieldsAndUnknownColumnsAreIgnoredAndTextIsQuoted() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(buf);
        new GpsdJsonWriterTest.Nested("A,\"B\"").writeTo(w);
        w.flush();
        String out = buf.toString(StandardCharsets.UTF_8);
        // dac and fi are top-level columns; "text" is not a column; the nested lat values are skipped
        assertThat(out).isEqualTo(HEADER + ",,,,8,0,002655619,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,1,31,,,\r\n");
    }

    @Test
    void onlyTextHoldingACommaOrQuoteIsQuotedAndARowForgetsTheRowBefore() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(buf);
        w.write(5, 0, 244660000, s -> {
            s.field("callsign", "PD1234");
            s.field("shipname", "A,\"B\"");
            s.field("draught", 5.5, 1);
        });
        w.write(5, 0, 244660000, s -> s.field("shipname", "PLAIN"));
        w.flush();
        String[] rows = buf.toString(StandardCharsets.UTF_8).split("\r\n", -1);
        assertThat(rows).hasSize(4);
        String empty15 = ",".repeat(15);
        assertThat(rows[1]).isEqualTo(",,,,5,0,244660000," + empty15 + ",PD1234,\"A,\"\"B\"\"\",,,,,,,5.5" + ",".repeat(10));
        assertThat(rows[2]).isEqualTo(",,,,5,0,244660000," + empty15 + ",,PLAIN,,,,,,," + ",".repeat(10));
        assertThat(rows[2].split(",", -1)).hasSize(CsvWriter.COLUMNS.size());
    }

    @Test
    void metadataColumnsAreFilledFromTheReceivedMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(out);
        AisMessage m = AisDecoder.decode(GpsdJsonWriterTest.B13, 0);
        w.write(GpsdJsonWriterTest.received(m, 1328133720087L, TimeSource.TRAILER, "st,1", "BS", true, 'B', false, true, 2));
        w.write(GpsdJsonWriterTest.received(m, Long.MIN_VALUE, TimeSource.NONE, null, null, false, '\0', true, false, 1));
        w.flush();
        String row = ",1,0,371798000,0,fastleft,12.3,true,-123.395383,48.381633,,224,215,,,,,,33,,,,,,,,,,,,,,,,,";
        // the first a VDO sentence kept without its checksum checked, the second a verified VDM
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(HEADER
                + "2012-02-01T22:02:00.087Z,\"st,1\",BS,B" + row + ",true,unverified,\r\n"
                + ",,," + row + ",false,,\r\n");
    }

    /** Column index by name, for the rows below. */
    private static String cell(String row, String column) {
        return row.split(",", -1)[CsvWriter.COLUMNS.indexOf(column)];
    }

    @Test
    void baseStationDateAndTimeAndSarAltitudeHaveColumns() throws IOException {
        // B28: a type 4 of 2007-05-14T19:57:39Z; B29: a type 9 at 303 m
        String[] rows = csv(AisDecoder.decode("403OviQuMGCqWrRO9>E6fE700@GO", 0), AisDecoder.decode("91b55wi;hbOS@OdQAC062Ch2089h", 0))
                .split("\r\n");
        assertThat(rows[1].split(",", -1)).hasSize(CsvWriter.COLUMNS.size());
        assertThat(new String[] {cell(rows[1], "year"), cell(rows[1], "month"), cell(rows[1], "day"), cell(rows[1], "hour"),
                cell(rows[1], "minute"), cell(rows[1], "second"), cell(rows[1], "alt")})
                .containsExactly("2007", "5", "14", "19", "57", "39", "");
        assertThat(cell(rows[2], "type")).isEqualTo("9");
        assertThat(cell(rows[2], "alt")).isEqualTo("303");
        assertThat(cell(rows[2], "year")).isEmpty();
    }

    @Test
    void aBinaryApplicationsFieldsStayOutOfTheColumns() throws IOException {
        // an inland ship's static data (DAC 200, FI 10): ERI type 1530 and draught are not the ITU ship type and draught
        String row = csv(AisDecoder.decode("83:;LW@j2d=>>NNNNAb@gRw@4I00", 0)).split("\r\n")[1];
        assertThat(cell(row, "type")).isEqualTo("8");
        assertThat(cell(row, "dac")).isEqualTo("200");
        assertThat(cell(row, "fi")).isEqualTo("10");
        assertThat(cell(row, "shiptype")).isEmpty();
        assertThat(cell(row, "draught")).isEmpty();
    }
}
