package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.store.EventRow;

/** The Flink job's event lines as {@code serve --cluster-events} reads them. */
class ClusterEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventRow parse(String line) {
        return ClusterEvents.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ENCOUNTER = "{\"id\":\"encounter-219000001-219000002-1700000000000\",\"kind\":\"encounter\","
            + "\"start\":\"2023-11-14T22:13:20Z\",\"end\":\"2023-11-14T23:13:20.500Z\",\"vessels\":[\"219000001\",\"219000002\"],"
            + "\"lat\":55.123456,\"lon\":-12.5,\"geometry\":{\"type\":\"Point\",\"coordinates\":[-12.5,55.123456]},"
            + "\"parameters\":{\"max_distance_m\":500,\"min_duration_s\":7200},"
            + "\"attributes\":{\"median_distance_m\":120.5,\"classification\":\"ENCOUNTER\"},"
            + "\"evidence\":[{\"time\":\"2023-11-14T22:13:20Z\",\"mmsi\":\"219000001\",\"lat\":55.1,\"lon\":-12.5,\"speed\":0.4,"
            + "\"course\":181.5,\"heading\":180,\"status\":1,\"type\":1,\"source\":\"dma\"},"
            + "{\"time\":\"2023-11-14T22:13:21Z\",\"mmsi\":\"219000002\"}]}";

    @Test
    void anEventOfTheJobBecomesTheRowTheServerWouldStore() throws Exception {
        EventRow r = parse(ENCOUNTER);
        assertThat(r.id()).isEqualTo("encounter-219000001-219000002-1700000000000");
        assertThat(r.kind()).isEqualTo("encounter");
        assertThat(r.startMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(r.endMillis()).isEqualTo(1_700_003_600_500L);
        assertThat(r.mmsis()).containsExactly(219000001, 219000002);
        assertThat(r.lat()).isEqualTo(55.123456);
        assertThat(r.lon()).isEqualTo(-12.5);
        assertThat(JSON.readTree(r.geometryGeoJson())).isEqualTo(JSON.readTree("{\"type\":\"Point\",\"coordinates\":[-12.5,55.123456]}"));
        assertThat(JSON.readTree(r.parametersJson())).isEqualTo(JSON.readTree("{\"max_distance_m\":500,\"min_duration_s\":7200}"));
        JsonNode ev = JSON.readTree(r.evidenceJson());
        assertThat(ev.get("attributes")).isEqualTo(JSON.readTree("{\"median_distance_m\":120.5,\"classification\":\"ENCOUNTER\"}"));
        assertThat(ev.get("observations")).hasSize(2);
        JsonNode first = ev.get("observations").get(0);
        assertThat(first).isEqualTo(JSON.readTree("{\"mmsi\":\"219000001\",\"time\":\"2023-11-14T22:13:20Z\",\"lat\":55.1,\"lon\":-12.5,"
                + "\"speed\":0.4,\"course\":181.5,\"heading\":180,\"status\":1,\"type\":1,\"source\":\"dma\"}"));
        // a position without fix or motion keeps only its vessel and time
        assertThat(ev.get("observations").get(1)).isEqualTo(JSON.readTree("{\"mmsi\":\"219000002\",\"time\":\"2023-11-14T22:13:21Z\"}"));
    }

    @Test
    void anEventWithoutPositionOrOptionalPartsHasNoneInItsRow() throws Exception {
        EventRow r = parse("{\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-01-01T06:00:00Z\","
                + "\"vessels\":[\"002190001\"]}");
        assertThat(r.mmsis()).containsExactly(2190001);
        assertThat(r.lat()).isNaN();
        assertThat(r.lon()).isNaN();
        assertThat(r.geometryGeoJson()).isNull();
        assertThat(r.parametersJson()).isEqualTo("{}");
        assertThat(JSON.readTree(r.evidenceJson())).isEqualTo(JSON.readTree("{\"attributes\":{},\"observations\":[]}"));
    }

    @Test
    void aLineThatIsNotAnEventIsRefusedWithWhatIsWrong() {
        String base = "\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-01-01T06:00:00Z\"";
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"not json", "not JSON"});
        cases.add(new String[] {"[1,2]", "not a JSON object"});
        cases.add(new String[] {"{\"kind\":\"gap\",\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-01-01T06:00:00Z\"}", "id is missing"});
        cases.add(new String[] {"{\"id\":\"g1\",\"kind\":\"Gap!\",\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-01-01T06:00:00Z\"}",
            "kind is an event kind id"});
        cases.add(new String[] {"{\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"yesterday\",\"end\":\"2024-01-01T06:00:00Z\"}",
            "start is not an ISO-8601 UTC time: 'yesterday'"});
        cases.add(new String[] {"{\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"2024-01-01T00:00:00Z\"}", "end is missing"});
        cases.add(new String[] {"{\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"2024-01-02T00:00:00Z\",\"end\":\"2024-01-01T06:00:00Z\"}",
            "end 2024-01-01T06:00:00Z is before start 2024-01-02T00:00:00Z"});
        cases.add(new String[] {"{" + base + ",\"vessels\":[219000001]}", "vessels[0] is not a 9-digit MMSI string: 219000001"});
        cases.add(new String[] {"{" + base + ",\"vessels\":\"219000001\"}", "vessels is an array"});
        cases.add(new String[] {"{" + base + ",\"lat\":91,\"lon\":0}", "lat is a number from -90 to 90, not 91"});
        cases.add(new String[] {"{" + base + ",\"lat\":50}", "lat and lon come together"});
        cases.add(new String[] {"{" + base + ",\"geometry\":\"POINT(1 2)\"}", "geometry is a GeoJSON geometry object"});
        cases.add(new String[] {"{" + base + ",\"parameters\":[1]}", "parameters is an object"});
        cases.add(new String[] {"{" + base + ",\"evidence\":[{\"mmsi\":\"219000001\"}]}", "evidence[0].time is missing"});
        cases.add(new String[] {"{" + base + ",\"evidence\":[{\"time\":\"2024-01-01T00:00:00Z\",\"mmsi\":\"21900\"}]}",
            "evidence[0].mmsi is not a 9-digit MMSI string"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(ClusterEvents.BadEvent.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void anEventTopicLineLongerThanAnNmeaLineIsFramedWhole() {
        List<byte[]> out = new ArrayList<>();
        LineFramer f = new LineFramer(out::add, 10_000);
        byte[] longLine = ("{\"pad\":\"" + "x".repeat(9_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] tooLong = "y".repeat(10_001).getBytes(StandardCharsets.US_ASCII);
        f.feed(longLine, 0, longLine.length);
        f.feed(new byte[] {'\n'}, 0, 1);
        f.feed(tooLong, 0, tooLong.length);
        f.feed(new byte[] {'\n', 'o', 'k', '\n'}, 0, 4);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(longLine);
        assertThat(new String(out.get(1), StandardCharsets.US_ASCII)).isEqualTo("ok");
        assertThat(f.overlong()).isEqualTo(1);
        // the NMEA bound stays as it was
        List<byte[]> nmea = new ArrayList<>();
        LineFramer g = new LineFramer(nmea::add);
        g.feed(longLine, 0, longLine.length);
        g.endLine();
        assertThat(nmea).isEmpty();
        assertThat(g.overlong()).isEqualTo(1);
    }
}
