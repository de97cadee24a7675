package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.store.PositionRow;

/** The geometry of a stored track, in the API's GeoJSON and the KML export, as analyze's tracks.geojson writes it. */
class TrackGeometryTest {
    static final int MMSI = 2190047;
    static final long T0 = 1_412_272_800_000L; // 2014-10-02T18:00:00Z

    static PositionRow fix(int i, double lat, double lon, int segment) {
        return new PositionRow(MMSI, T0 + i * 60_000L, lat, lon, 0.0, Double.NaN, -1, -1, 4, segment, "s");
    }

    @Test
    void aSegmentThatNeverMovesIsAPoint() {
        List<PositionRow> base = List.of(fix(0, 55.69725, 12.613717, 1), fix(1, 55.69725, 12.613717, 1),
                fix(2, 55.69725, 12.613717, 1));
        JsonNode g = Api.track(MMSI, base, false).get("features").get(0).get("geometry");
        assertThat(g.toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[12.613717,55.69725]}");
        assertThat(Exports.trackKml(MMSI, null, base))
                .contains("<Point><coordinates>12.613717,55.69725</coordinates></Point></Placemark>")
                .doesNotContain("LineString");
    }

    @Test
    void aSegmentAcrossThe180thMeridianIsCutThere() {
        List<PositionRow> crossing = List.of(fix(0, -17.0, 179.5, 1), fix(1, -17.1, -179.5, 1), fix(2, -17.2, -179.0, 1));
        JsonNode g = Api.track(MMSI, crossing, false).get("features").get(0).get("geometry");
        assertThat(g.toString()).isEqualTo("{\"type\":\"MultiLineString\",\"coordinates\":"
                + "[[[179.5,-17.0],[180.0,-17.05]],[[-180.0,-17.05],[-179.5,-17.1],[-179.0,-17.2]]]}");
        assertThat(Exports.trackKml(MMSI, "KIWI", crossing)).contains("<MultiGeometry>"
                + "<LineString><coordinates>179.5,-17 180,-17.05</coordinates></LineString>"
                + "<LineString><coordinates>-180,-17.05 -179.5,-17.1 -179,-17.2</coordinates></LineString>"
                + "</MultiGeometry></Placemark>");
    }

    @Test
    void eachPointFeatureSaysWhoseFixItIs() {
        JsonNode fs = Api.track(MMSI, List.of(fix(0, 55.0, 12.0, 1), fix(1, 55.1, 12.1, 2)), true).get("features");
        assertThat(fs).hasSize(4); // two one-fix segments, two fixes
        JsonNode p = fs.get(3).get("properties");
        assertThat(p.get("mmsi").asText()).isEqualTo("002190047");
        assertThat(p.get("segment").asInt()).isEqualTo(2);
        assertThat(p.get("time").asText()).isEqualTo("2014-10-02T18:01:00Z");
    }
}
