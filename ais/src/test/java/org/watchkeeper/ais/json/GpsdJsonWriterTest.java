package org.watchkeeper.ais.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.AisDecoder;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.FieldSink;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.TimeSource;

class GpsdJsonWriterTest {
    /** Case B13: type 1, MMSI 371798000, ROT -127, SOG 12.3, lon -123.395383, lat 48.381633, COG 224.0, heading 215, second 33. */
    static final String B13 = "15RTgt0PAso;90TKcjM8h6g208CQ";
    static final String B13_JSON = "{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"371798000\",\"status\":0,"
            + "\"status_text\":\"Under way using engine\",\"turn\":\"fastleft\",\"speed\":12.3,\"accuracy\":true,"
            + "\"lon\":-123.395383,\"lat\":48.381633,\"course\":224,\"heading\":215,\"second\":33,\"maneuver\":0,"
            + "\"raim\":false,\"radio\":34017,\"sync_state\":0,\"slot_timeout\":2,\"slot_number\":1249}";

    private static String json(AisMessage... ms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        for (AisMessage m : ms) {
            w.write(m);
        }
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesCaseB13Exactly() throws IOException {
        String line = json(AisDecoder.decode(B13, 0));
        assertThat(line).isEqualTo(B13_JSON + "\n");
        Map<String, Object> o = MiniJson.object(line.trim());
        assertThat(o.get("lon")).isEqualTo(new BigDecimal("-123.395383"));
        assertThat(o.get("lat")).isEqualTo(new BigDecimal("48.381633"));
        assertThat(o).doesNotContainKey("mmsi_valid");
    }

    /** Case B15: heading 511 and ROT -128 are "not available" and must be absent; UTC sub-message 16:30. */
    @Test
    void notAvailableFieldsAreAbsent() throws IOException {
        String line = json(AisDecoder.decode("134M?7@P0lPPE>4M3G@DpOwTR61p", 0));
        Map<String, Object> o = MiniJson.object(line.trim());
        assertThat(o).doesNotContainKeys("heading", "turn");
        assertThat(o).containsEntry("mmsi", "205999901").containsEntry("speed", new BigDecimal("5.2"))
                .containsEntry("lon", new BigDecimal("7.062937")).containsEntry("lat", new BigDecimal("50.773015"))
                .containsEntry("course", new BigDecimal("124.9")).containsEntry("second", new BigDecimal("50"))
                .containsEntry("maneuver", new BigDecimal("1")).containsEntry("raim", true)
                .containsEntry("utc_hour", new BigDecimal("16")).containsEntry("utc_minute", new BigDecimal("30"));
    }

    @Test
    void everyNotAvailableDecimalIsSkipped() throws IOException {
        PositionReport m = new PositionReport(1, 0, 1000282, 15, -128, Double.NaN, false, Double.NaN, Double.NaN,
                Double.NaN, AisMessage.NOT_AVAILABLE, 60, 0, 0, false, AisMessage.NOT_AVAILABLE);
        assertThat(json(m)).isEqualTo("{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"001000282\",\"status\":15,"
                + "\"status_text\":\"Not defined\",\"accuracy\":false,\"second\":60,\"maneuver\":0,\"raim\":false}\n");
    }

    @Test
    void mmsiKeepsLeadingZerosAndFlagsValuesOutsideNineDigits() throws IOException {
        PositionReport coast = (PositionReport) AisDecoder.decode(B13, 0);
        PositionReport tenDigits = new PositionReport(1, 3, 1_000_000_000, 0, 0, 0.0, false, 0.0, 0.0, 0.0, 0, 0, 0, 0, false, AisMessage.NOT_AVAILABLE);
        PositionReport zero = new PositionReport(1, 0, 0, 0, 0, 0.0, false, 0.0, 0.0, 0.0, 0, 0, 0, 0, false, AisMessage.NOT_AVAILABLE);
        String out = json(
                new PositionReport(coast.messageType(), 0, 3669702, coast.navigationStatus(), coast.rateOfTurnRaw(),
                        coast.speedOverGround(), coast.positionAccuracy(), coast.longitude(), coast.latitude(),
                        coast.courseOverGround(), coast.trueHeading(), coast.timeStamp(), 0, 0, false, AisMessage.NOT_AVAILABLE),
                tenDigits, zero);
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"003669702\",\"status\":0,");
        assertThat(lines[1]).startsWith("{\"class\":\"AIS\",\"type\":1,\"repeat\":3,\"mmsi\":\"1000000000\",\"mmsi_valid\":false,\"status\":0,");
        assertThat(lines[1]).contains("\"turn\":0,\"speed\":0,\"accuracy\":false,\"lon\":0,\"lat\":0,\"course\":0,\"heading\":0,");
        assertThat(lines[2]).startsWith("{\"class\":\"AIS\",\"type\":1,\"repeat\":0,\"mmsi\":\"000000000\",\"mmsi_valid\":false,");
        for (String l : lines) {
            MiniJson.parse(l);
        }
    }

    /**
     * MMSI-valued fields other than the sender's are identifiers too and are written the same way:
     * a real type 7 (dma-aislib/stream_example.txt) acknowledging the Belgian base station
     * 002053507, and a type 12 addressed to a coast station.
     */
    @Test
    void everyMmsiValuedFieldIsNineDigitText() throws IOException {
        String ack = json(AisDecoder.decode("73dnov00OEH=", 0));
        assertThat(ack).isEqualTo("{\"class\":\"AIS\",\"type\":7,\"repeat\":0,\"mmsi\":\"248363000\","
                + "\"mmsi1\":\"002053507\",\"seqno1\":1}\n");
        BitWriter w = new BitWriter().unsigned(6, 12).unsigned(2, 0).unsigned(30, 235_012_345).unsigned(2, 1)
                .unsigned(30, 2_320_719).bool(false).unsigned(1, 0).text(3, "HI");
        String addressed = json(AisDecoder.decode(w.armoured(), w.fillBits()));
        assertThat(addressed).contains("\"dest_mmsi\":\"002320719\"");
        assertThat(MiniJson.object(addressed.trim())).containsEntry("dest_mmsi", "002320719");
    }

    /** A message with nested structures and awkward text, as binary application messages produce. */
    record Nested(String text) {
        void writeTo(GpsdJsonWriter w) throws IOException {
            w.write(8, 0, 2_655_619, this::writeFields);
        }

        void writeTo(CsvWriter w) throws IOException {
            w.write(8, 0, 2_655_619, this::writeFields);
        }

        void writeFields(FieldSink out) {
            out.field("dac", 1);
            out.field("text", text);
            out.field("absent", (String) null);
            out.beginArray("targets");
            out.beginObject(null);
            out.field("lat", 57.5, 4);
            out.field("lon", Double.NaN, 4);
            out.endObject();
            out.beginObject(null);
            out.field("lat", -0.00001, 4);
            out.endObject();
            out.endArray();
            out.beginArray("values");
            out.field(null, 1);
            out.field(null, "two");
            out.endArray();
            out.beginObject("empty");
            out.endObject();
            out.field("fi", 31);
            out.beginObject("left_open");
            out.field("x", true);
        }
    }

    @Test
    void nestedStructuresAndEscapesGiveValidJson() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(buf);
        new Nested("SAY \"HI\" \\ TAB\tNUL\u0000").writeTo(w);
        w.flush();
        String line = buf.toString(StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"class\":\"AIS\",\"type\":8,\"repeat\":0,\"mmsi\":\"002655619\",\"dac\":1,"
                + "\"text\":\"SAY \\\"HI\\\" \\\\ TAB\\tNUL\\u0000\",\"targets\":[{\"lat\":57.5},{\"lat\":0}],"
                + "\"values\":[1,\"two\"],\"empty\":{},\"fi\":31,\"left_open\":{\"x\":true}}\n");
        Map<String, Object> o = MiniJson.object(line.trim());
        assertThat(o.get("text")).isEqualTo("SAY \"HI\" \\ TAB\tNUL\u0000");
        assertThat((List<?>) o.get("targets")).hasSize(2);
    }

    @Test
    void largeOutputIsHandedOnInChunksAndStaysLineAligned() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        AisMessage m = AisDecoder.decode(B13, 0);
        for (int i = 0; i < 5000; i++) {
            w.write(m);
        }
        assertThat(out.size()).isGreaterThan(0); // drained before flush
        assertThat(out.toByteArray()[out.size() - 1]).isEqualTo((byte) '\n');
        w.flush();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(5000).containsOnly(B13_JSON);
    }

    static ReceivedMessage received(AisMessage m, long time, TimeSource ts, String source, String talker, boolean ownShip,
                                    char channel, boolean verified, boolean anomaly, int sentences) {
        return new ReceivedMessage(m, time, ts, source, talker, ownShip, channel, verified, 168, anomaly, sentences, 1, null, null);
    }

    private static String json(ReceivedMessage r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GpsdJsonWriter w = new GpsdJsonWriter(out);
        w.write(r);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void metadataKeysAppearOnlyWhenTheyCarryInformation() throws IOException {
        AisMessage m = AisDecoder.decode(B13, 0);
        String body = B13_JSON.substring(0, B13_JSON.length() - 1);
        assertThat(json(received(m, Long.MIN_VALUE, TimeSource.NONE, null, "AI", false, '\0', true, false, 1)))
                .isEqualTo(body + ",\"talker\":\"AI\"}\n");
        assertThat(json(received(m, 1328133720087L, TimeSource.TRAILER, "rORBCOMM999", "AI", true, 'B', false, true, 2)))
                .isEqualTo(body + ",\"time\":\"2012-02-01T22:02:00.087Z\",\"time_source\":\"trailer\",\"source\":\"rORBCOMM999\","
                        + "\"talker\":\"AI\",\"channel\":\"B\",\"own_ship\":true,\"checksum\":\"unverified\","
                        + "\"length_anomaly\":true,\"sentences\":2}\n");
        // a time source without a time writes neither
        assertThat(json(received(m, Long.MIN_VALUE, TimeSource.PGHP, "", "BS", false, '1', true, false, 1)))
                .isEqualTo(body + ",\"source\":\"\",\"talker\":\"BS\",\"channel\":\"1\"}\n");
        assertThat(json(received(m, 1747818025000L, TimeSource.TAG_BLOCK, "a\"b", "AI", false, '\0', true, false, 1)))
                .isEqualTo(body + ",\"time\":\"2025-05-21T09:00:25Z\",\"time_source\":\"tag_block\",\"source\":\"a\\\"b\",\"talker\":\"AI\"}\n");
        for (String l : json(received(m, 0, TimeSource.RECEIVE_CLOCK, "x", "AI", true, 'A', false, true, 3)).split("\n")) {
            assertThat(MiniJson.object(l)).containsEntry("time", "1970-01-01T00:00:00Z").containsEntry("time_source", "receive_clock");
        }
    }
}
