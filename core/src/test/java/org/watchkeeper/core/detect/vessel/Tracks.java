package org.watchkeeper.core.detect.vessel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.ref.DistanceToShore;
import org.watchkeeper.core.ref.LandMask;

/**
 * Synthetic tracks for detector tests, built with the project's AIS encoder: each fix becomes a type
 * 1 position report, armoured into an {@code !AIVDM} sentence behind a tag block whose {@code c:}
 * gives its time, and is decoded back through {@link AisStreamDecoder} and {@link ObservationMapper}.
 */
final class Tracks {
    /** 2024-01-01T00:00:00Z in epoch seconds: the start of every synthetic day. */
    static final long T0 = 1_704_067_200L;

    private Tracks() {
    }

    /** One fix: time in seconds after {@link #T0}; heading -1 = not available. */
    record Fix(int mmsi, long second, double lat, double lon, double sog, double cog, int heading, int nav) {
    }

    /** Time in epoch ms of a second after {@link #T0}. */
    static long ms(long second) {
        return (T0 + second) * 1000;
    }

    static String checksum(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return String.format("%02X", x);
    }

    /** The NMEA line of a fix: {@code \c:<epoch s>*hh\!AIVDM,1,1,,A,<payload>,0*hh}. */
    static String line(Fix f) {
        PositionReport r = new PositionReport(1, 0, f.mmsi(), f.nav(), -128, f.sog(), true, f.lon(), f.lat(), f.cog(),
                f.heading() < 0 ? 511 : f.heading(), (int) (f.second() % 60), 0, 0, false,
                new CommunicationState.Sotdma(0, 0, 0).raw());
        BitWriter w = new BitWriter();
        r.encode(w);
        String tag = "c:" + (T0 + f.second());
        String body = "AIVDM,1,1,,A," + w.armoured() + ",0";
        return "\\" + tag + "*" + checksum(tag) + "\\!" + body + "*" + checksum(body);
    }

    static String nmea(List<Fix> fixes) {
        StringBuilder sb = new StringBuilder();
        for (Fix f : fixes) {
            sb.append(line(f)).append("\r\n");
        }
        return sb.toString();
    }

    /** Decodes NMEA text into observations (decoder and mapper of the product). */
    static List<Observation> decode(String text) {
        ObservationMapper mapper = new ObservationMapper();
        List<Observation> out = new ArrayList<>();
        for (Object o : AisStreamDecoder.decodeAll(text, Options.DEFAULT)) {
            if (o instanceof ReceivedMessage rm) {
                out.addAll(mapper.map(rm));
            }
        }
        return out;
    }

    /** Encodes, decodes and runs the fixes (sorted by time) through one engine. */
    static List<Event> run(Detector<?> d, List<Fix> fixes) {
        return runObservations(List.of(d), decode(nmea(sorted(fixes))), Integer.MAX_VALUE);
    }

    static List<Fix> sorted(List<Fix> fixes) {
        List<Fix> s = new ArrayList<>(fixes);
        s.sort(java.util.Comparator.comparingLong(Fix::second).thenComparingInt(Fix::mmsi));
        return s;
    }

    /**
     * Runs observations through one engine, handing them over in chunks of {@code chunk} (each chunk
     * decoded separately from its own part of the NMEA text when called through {@link #runChunkedText}).
     */
    static List<Event> runObservations(List<? extends Detector<?>> ds, List<Observation> obs, int chunk) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(ds, out::add, 0);
        for (int i = 0; i < obs.size(); i += chunk) {
            for (Observation o : obs.subList(i, Math.min(obs.size(), i + chunk))) {
                e.accept(o);
            }
        }
        e.finish();
        return out;
    }

    /** Splits the NMEA text into pieces of {@code linesPerChunk} lines, decodes each piece on its own, feeds one engine. */
    static List<Event> runChunkedText(Detector<?> d, List<Fix> fixes, int linesPerChunk) {
        List<String> lines = new ArrayList<>();
        for (Fix f : sorted(fixes)) {
            lines.add(line(f));
        }
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(d), out::add, 0);
        for (int i = 0; i < lines.size(); i += linesPerChunk) {
            String piece = String.join("\r\n", lines.subList(i, Math.min(lines.size(), i + linesPerChunk))) + "\r\n";
            for (Observation o : decode(new String(piece.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))) {
                e.accept(o);
            }
        }
        e.finish();
        return out;
    }

    /** A land mask of one square island from (south, west) to (north, east), degrees. */
    static LandMask island(double south, double west, double north, double east) {
        GeometryFactory gf = new GeometryFactory();
        Polygon p = gf.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
            new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
        return new LandMask(List.of(p), -90);
    }

    /** Distance to shore around the island 0..1°N, 0..1°E (the only land in the synthetic world). */
    static DistanceToShore islandShore() {
        return new DistanceToShore(island(0, 0, 1, 1));
    }
}
