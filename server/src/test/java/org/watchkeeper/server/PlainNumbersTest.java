package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.store.EventRow;

/**
 * Small measures (an implied speed of 0.00078 kn over a gap in which the ship hardly moved) and coordinates
 * near Greenwich are written as plain decimals in every output of the server, as every other number is,
 * never in Java's exponent form ({@code 7.8E-4}, {@code 1.0E-4}).
 */
class PlainNumbersTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path data;

    @Test
    void anEventsStoredRowHoldsItsMeasuresAsPlainDecimals() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("duration_h", 7.0);
        attributes.put("distance_nm", 4.0E-6);
        attributes.put("implied_speed_kn", 7.8E-4);
        attributes.put("positions_12h_before", 3);
        Event e = Event.of(EventKind.GAP, T0, T0 + 7 * 3_600_000L, List.of(219000001), 51.5, 1.0E-4, null,
                Map.of("min_gap_h", 6.0), attributes, List.of());
        EventRow r = Rows.event(e);
        assertThat(r.evidenceJson()).isEqualTo("{\"attributes\":{\"duration_h\":7.0,\"distance_nm\":0.000004,"
                + "\"implied_speed_kn\":0.00078,\"positions_12h_before\":3},\"observations\":[]}");
    }

    @Test
    void theFlinkJobsEventLineBecomesARowWithPlainDecimals() {
        EventRow r = ClusterEvents.parse(("{\"id\":\"g1\",\"kind\":\"gap\",\"start\":\"2024-01-01T00:00:00Z\","
                + "\"end\":\"2024-01-01T07:00:00Z\",\"vessels\":[\"219000001\"],\"lat\":51.5,\"lon\":1.0E-4,"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0E-4,51.5]},\"attributes\":{\"implied_speed_kn\":7.8E-4}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.evidenceJson()).isEqualTo("{\"attributes\":{\"implied_speed_kn\":0.00078},\"observations\":[]}");
        assertThat(r.geometryGeoJson()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[0.0001,51.5]}");
    }

    /** A row as a store written before holds it, with Jackson's exponent form in its text, comes out plain everywhere. */
    @Test
    void theApiAndItsExportsWriteMeasuresAndCoordinatesAsPlainDecimals() throws Exception {
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data))) {
            String evidence = "{\"attributes\":{\"duration_h\":7.0,\"implied_speed_kn\":7.8E-4,\"positions_12h_before\":3},"
                    + "\"observations\":[{\"mmsi\":\"219000001\",\"time\":\"2023-11-14T22:13:20Z\",\"lat\":51.5,\"lon\":1.0E-4}]}";
            server.store().upsertEvents(List.of(new EventRow("e1", "gap", T0, T0 + 7 * 3_600_000L, new int[] {219000001},
                    51.5, 1.0E-4, null, "{\"min_gap_h\":6.0}", evidence)));

            String list = Fixture.get(server, "/api/events").body();
            assertThat(list).contains("\"lon\":0.0001").contains("\"implied_speed_kn\":0.00078").doesNotContain("E-");
            String one = Fixture.get(server, "/api/events/e1").body();
            assertThat(one).contains("\"implied_speed_kn\":0.00078").doesNotContain("E-");
            assertThat(one.split("\"lon\":0.0001", -1)).as(one).hasSize(3); // the event's and its evidence fix's

            Fixture.Reply csv = Fixture.get(server, "/api/export/events.csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.body().split("\r\n")[1]).isEqualTo("e1,gap,2023-11-14T22:13:20Z,2023-11-15T05:13:20Z,219000001,51.5,0.0001,"
                    + "\"{\"\"duration_h\"\":7.0,\"\"implied_speed_kn\"\":0.00078,\"\"positions_12h_before\"\":3}\",GREEN,host,,");
            String geojson = Fixture.get(server, "/api/export/events.geojson").body();
            assertThat(geojson).contains("\"coordinates\":[0.0001,51.5]").contains("\"implied_speed_kn\":0.00078")
                    .doesNotContain("E-");
            String kml = Fixture.get(server, "/api/export/events.kml").body();
            assertThat(kml).contains("<Data name=\"attributes.implied_speed_kn\"><value>0.00078</value></Data>")
                    .contains("<Data name=\"lon\"><value>0.0001</value></Data>")
                    .contains("<coordinates>0.0001,51.5</coordinates>").doesNotContain("E-");
        }
    }
}
