package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How many rows an export holds: all that match, the first N the caller asked for, or a refusal, never a silent cut. */
class ExportLimitTest {
    @Test
    void allRowsWhenNoMoreThanTheLimit() {
        assertThat(Exports.fit(List.of(1, 2, 3), 3, false, "incidents")).containsExactly(1, 2, 3);
        assertThat(Exports.fit(List.of(1, 2, 3), 3, true, "incidents")).containsExactly(1, 2, 3);
    }

    @Test
    void theFirstNWhenTheCallerAskedForN() {
        assertThat(Exports.fit(List.of(1, 2, 3, 4), 3, true, "incidents")).containsExactly(1, 2, 3);
    }

    @Test
    void refusedWhenMoreMatchThanAnExportHoldsAndNoLimitWasAsked() {
        assertThatThrownBy(() -> Exports.fit(List.of(1, 2, 3, 4), 3, false, "vessels")).isInstanceOf(Api.Unprocessable.class)
                .hasMessage("more than 3 vessels match, more than one export holds: narrow it (from, to, bbox, ...)"
                        + " or ask for the first N with limit=N (up to 100000)");
    }

    /** A KML export says how many rows it could not place, where before they were left out unseen. */
    @Test
    void aKmlExportSaysWhichRowsItCouldNotPlace() {
        com.fasterxml.jackson.databind.node.ObjectNode placed = Rows.JSON.createObjectNode().put("mmsi", "219000001")
                .put("lat", 55.5).put("lon", 12.25);
        com.fasterxml.jackson.databind.node.ObjectNode heardOnly = Rows.JSON.createObjectNode().put("mmsi", "219000002");
        String kml = Exports.kml(List.of(placed, heardOnly), "vessels");
        assertThat(kml).contains("<description>1 of 2 vessels have no position and are not placemarks here;"
                + " the CSV and GeoJSON exports list them</description>");
        assertThat(kml.split("<Placemark>", -1)).hasSize(2);
        assertThat(Exports.kml(List.of(placed), "vessels")).doesNotContain("<description>");
    }
}
