package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;

/** The GeoJSON geometry rules: LineString, Point for a motionless segment, cut at the antimeridian. */
class TracksGeoJsonTest {

    private static PositionObservation fix(long t, double lat, double lon) {
        return new PositionObservation(t, "test", 412000001, 1, StationClass.A, lat, lon, 12, 90,
                Observation.NOT_AVAILABLE, 0, false, false);
    }

    private static JsonNode write(List<PositionObservation> fixes) throws Exception {
        List<Segment> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults(), closed::add, () -> Long.MAX_VALUE / 2);
        fixes.forEach(tracker::accept);
        tracker.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TracksGeoJson g = new TracksGeoJson(out, new TracksGeoJson.VesselPictureRef())) {
            closed.forEach(g::segmentClosed);
        }
        return Cli.JSON.readTree(out.toByteArray());
    }

    /**
     * Eastbound at 12 kn across 180°: 179.98 E to 179.98 W in 0.04° of longitude at 10° S is about
     * 4.4 km, 12 minutes at 12 kn. The line is cut at 180°, at the interpolated latitude.
     */
    @Test
    void crossingTheAntimeridianGivesAMultiLineString() throws Exception {
        JsonNode f = write(List.of(fix(0, -10.0, 179.98), fix(720_000, -10.02, -179.98))).get("features").get(0);
        JsonNode geom = f.get("geometry");
        assertThat(geom.get("type").asText()).isEqualTo("MultiLineString");
        JsonNode parts = geom.get("coordinates");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).toString()).isEqualTo("[[179.98,-10],[180,-10.01]]");
        assertThat(parts.get(1).toString()).isEqualTo("[[-180,-10.01],[-179.98,-10.02]]");
        assertThat(f.get("properties").get("points").asInt()).isEqualTo(2);
        assertThat(f.get("properties").get("mmsi").asText()).isEqualTo("412000001");
    }

    @Test
    void ordinaryAndMotionlessSegments() throws Exception {
        JsonNode line = write(List.of(fix(0, 55.0, 12.0), fix(60_000, 55.001, 12.002))).get("features").get(0);
        assertThat(line.get("geometry").toString())
                .isEqualTo("{\"type\":\"LineString\",\"coordinates\":[[12,55],[12.002,55.001]]}");
        JsonNode moored = write(List.of(fix(0, 55.0, 12.0), fix(180_000, 55.0, 12.0))).get("features").get(0);
        assertThat(moored.get("geometry").toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[12,55]}");
        assertThat(moored.get("properties").get("points").asInt()).isEqualTo(2);
    }
}
