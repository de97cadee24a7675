package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;

/** The job's event lines write small measures and coordinates near Greenwich as plain decimals, as the hosts do. */
class JsonNumbersTest {
    @Test
    void anEventsSmallMeasuresArePlainDecimals() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("distance_nm", 4.0E-6);
        attributes.put("implied_speed_kn", 7.8E-4);
        Event e = Event.of(EventKind.GAP, 1_700_000_000_000L, 1_700_025_200_000L, List.of(219000001), 51.5, 1.0E-4, null,
                Map.of("reception_cell_deg", 5.0E-4), attributes, List.of());
        String line = Json.event(e);
        assertThat(line).contains("\"lat\":51.5,\"lon\":0.0001,")
                .contains("\"parameters\":{\"reception_cell_deg\":0.0005}")
                .contains("\"attributes\":{\"distance_nm\":0.000004,\"implied_speed_kn\":0.00078}")
                .doesNotContain("E-");
    }
}
