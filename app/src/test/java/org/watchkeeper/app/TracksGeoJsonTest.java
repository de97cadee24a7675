package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.NmeaInput;
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

    /**
     * mean_speed_kn is distance / duration, to 0.1 kn: 60 s for 0.001° of latitude and 0.002° of
     * longitude at 55° N (about 169 m) is 5.5 kn. A segment shorter than 30 s has none: two fixes
     * 10 s apart say little about speed (jitter of a few metres is a knot), and receptions
     * milliseconds apart would say thousands of knots.
     */
    @Test
    void meanSpeedOnlyForSegmentsOfThirtySecondsOrMore() throws Exception {
        JsonNode minute = write(List.of(fix(0, 55.0, 12.0), fix(60_000, 55.001, 12.002))).get("features").get(0);
        double metres = org.watchkeeper.core.geo.Geodesy.distance(55.0, 12.0, 55.001, 12.002);
        assertThat(metres).isBetween(168.0, 170.0);
        assertThat(minute.get("properties").get("distance_m").asLong()).isEqualTo(Math.round(metres));
        assertThat(minute.get("properties").get("mean_speed_kn").asDouble()).isEqualTo(5.5);
        JsonNode brief = write(List.of(fix(0, 55.0, 12.0), fix(10_000, 55.0002, 12.0002))).get("features").get(0);
        assertThat(brief.get("properties").get("points").asInt()).isEqualTo(2);
        assertThat(brief.get("properties").get("distance_m").asLong()).isEqualTo(26);
        assertThat(brief.get("properties").has("mean_speed_kn")).isFalse();
    }

    /**
     * The end of input formatted on several threads in small chunks gives the same bytes as every
     * segment written on one thread as it closes: the real DMA sample (26 146 sentences, 1 508
     * stations), its segments closed by the final flush.
     */
    @Test
    void endOfInputOnSeveralThreadsWritesTheSameBytes() throws Exception {
        Path sample = Cli.SHARED.resolve("data/ais/dma-aisabnormal/ais-sample.txt.gz");
        Assumptions.assumeTrue(Files.isReadable(sample), "shared data not found: " + sample);
        ByteArrayOutputStream oneThread = new ByteArrayOutputStream();
        ByteArrayOutputStream threeThreads = new ByteArrayOutputStream();
        TracksGeoJson.VesselPictureRef ref = new TracksGeoJson.VesselPictureRef();
        TracksGeoJson plain = new TracksGeoJson(oneThread, ref, 1, TracksGeoJson.CHUNK_POINTS);
        TracksGeoJson parallel = new TracksGeoJson(threeThreads, ref, 3, 500);
        Analysis analysis = new Analysis(TrackerConfig.defaults(), List.of(plain, parallel));
        ref.picture = analysis.picture();
        NmeaInput input = new NmeaInput(analysis, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, input);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample))) {
            byte[] all = in.readAllBytes();
            decoder.feed(all, 0, all.length);
        }
        decoder.finish();
        input.finish();
        plain.endOfInput();
        parallel.endOfInput();
        analysis.finish();
        plain.close();
        parallel.close();

        assertThat(parallel.features()).isEqualTo(plain.features()).isGreaterThan(1_000);
        assertThat(parallel.points()).isEqualTo(plain.points()).isEqualTo(analysis.acceptedPositions());
        assertThat(threeThreads.toByteArray()).isEqualTo(oneThread.toByteArray());
        JsonNode features = Cli.JSON.readTree(threeThreads.toByteArray()).get("features");
        assertThat(features.size()).isEqualTo((int) plain.features());
        assertThat(features.get(0).get("type").asText()).isEqualTo("Feature");
    }
}
