package org.watchkeeper.core.detect.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BaseStationReport;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.CommunicationState;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.StandardSarAircraftPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.picture.VesselPicture;

/**
 * Synthetic AIS traffic for detector tests: ITU records → the project's encoder → NMEA sentences
 * with a tag block ({@code s:} station, {@code c:} time) → {@link AisStreamDecoder} →
 * {@link ObservationMapper} → {@link VesselPicture} (only what the picture accepts reaches the
 * detectors) → {@link DetectionEngine}.
 */
public final class AisScript {
    public static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    /** Sentences of each message with its time; {@link #text()} orders them by time (stable). */
    private final List<Object[]> messages = new ArrayList<>();
    private int group;

    public static long min(double m) {
        return T0 + Math.round(m * 60_000);
    }

    /** Class A position report (type 1) heard by {@code station} at {@code time}. */
    public AisScript position(long time, int mmsi, double lat, double lon, double sog, double cog, String station) {
        return add(time, station, new PositionReport(1, 0, mmsi, 0, -128, sog, true, lon, lat, cog, (int) Math.round(cog) % 360,
                (int) ((time / 1000) % 60), 0, 0, false, new CommunicationState.Sotdma(0, 0, 0).raw()));
    }

    public AisScript position(long time, int mmsi, double lat, double lon) {
        return position(time, mmsi, lat, lon, 10, 90, "STA");
    }

    /** Type 5 static and voyage data. */
    public AisScript staticData(long time, int mmsi, int imo, String callSign, String name) {
        return add(time, "STA", new StaticAndVoyageData(5, 0, mmsi, 2, imo, callSign, name, 70, 100, 20, 10, 10, 1,
                0, 0, 24, 60, 5.5, "ROTTERDAM", 0, 0));
    }

    /** Type 4 base station report. */
    public AisScript baseStation(long time, int mmsi, double lat, double lon) {
        java.time.ZonedDateTime z = java.time.Instant.ofEpochMilli(time).atZone(java.time.ZoneOffset.UTC);
        return add(time, "STA", new BaseStationReport(4, 0, mmsi, z.getYear(), z.getMonthValue(), z.getDayOfMonth(),
                z.getHour(), z.getMinute(), z.getSecond(), true, lon, lat, 1, false, 0, false,
                new CommunicationState.Sotdma(0, 0, 0).raw()));
    }

    /** Type 9 SAR aircraft report. */
    public AisScript sarAircraft(long time, int mmsi, double lat, double lon, double sog, double cog) {
        return add(time, "STA", new StandardSarAircraftPositionReport(9, 0, mmsi, 300, sog, true, lon, lat, cog,
                (int) ((time / 1000) % 60), false, 0, 1, 0, false, false, CommunicationState.selected(new CommunicationState.Sotdma(0, 0, 0))));
    }

    /** Appends sentences for a message (split into fragments of at most 60 armoured characters). */
    public AisScript add(long time, String station, AisMessage m) {
        BitWriter w = new BitWriter();
        m.encode(w);
        String payload = w.armoured();
        int fill = w.fillBits();
        StringBuilder nmea = new StringBuilder();
        int parts = (payload.length() + 59) / 60;
        String seq = parts > 1 ? Integer.toString(group++ % 10) : "";
        for (int i = 0; i < parts; i++) {
            String chunk = payload.substring(i * 60, Math.min(payload.length(), (i + 1) * 60));
            String body = "AIVDM," + parts + "," + (i + 1) + "," + seq + ",A," + chunk + "," + (i == parts - 1 ? fill : 0);
            if (i == 0) {
                String tag = "s:" + station + ",c:" + (time / 1000);
                nmea.append('\\').append(tag).append('*').append(hex(tag)).append('\\');
            }
            nmea.append('!').append(body).append('*').append(hex(body)).append('\n');
        }
        messages.add(new Object[] {time, nmea.toString()});
        return this;
    }

    private static String hex(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x ^= s.charAt(i);
        }
        return String.format("%02X", x);
    }

    /** The NMEA text, messages in time order (messages of equal time in the order they were added). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        messages.stream().sorted(java.util.Comparator.comparingLong(m -> (Long) m[0])).forEach(m -> sb.append((String) m[1]));
        return sb.toString();
    }

    /** Raw NMEA → observations the vessel picture accepts (positions it accepted, every identity), in order. */
    public static List<Observation> accepted(String text) {
        List<Observation> out = new ArrayList<>();
        Pipeline p = new Pipeline(out::add);
        p.feed(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
        p.finish();
        return out;
    }

    public List<Observation> accepted() {
        return accepted(text());
    }

    /** Streaming: bytes → decoder → mapper → picture → consumer. */
    public static final class Pipeline {
        final AisStreamDecoder decoder;

        public Pipeline(Consumer<Observation> sink) {
            ObservationMapper mapper = new ObservationMapper();
            VesselPicture picture = new VesselPicture();
            decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
                @Override
                public void message(ReceivedMessage m) {
                    for (Observation o : mapper.map(m)) {
                        var d = picture.accept(o);
                        if (d == null || d.accepted()) {
                            sink.accept(o);
                        }
                    }
                }

                @Override
                public void rejected(Rejection r) {
                    throw new AssertionError("synthetic sentence rejected: " + r);
                }
            });
        }

        public void feed(byte[] b, int off, int len) {
            decoder.feed(b, off, len);
        }

        public void finish() {
            decoder.finish();
        }
    }

    /** Runs detectors over observations in one piece. */
    public static List<Event> run(List<Observation> obs, Detector<?>... detectors) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(detectors), out::add, 0);
        obs.forEach(e::accept);
        e.finish();
        return out;
    }

    /**
     * Runs the whole chain from NMEA bytes fed in chunks of pseudo-random sizes (1..chunkMax bytes,
     * fixed seed), as a live socket or a file read in blocks delivers them.
     */
    public static List<Event> runChunked(String text, int chunkMax, long seed, Detector<?>... detectors) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(detectors), out::add, 0);
        Pipeline p = new Pipeline(e::accept);
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        java.util.Random r = new java.util.Random(seed);
        int off = 0;
        while (off < b.length) {
            int n = Math.min(b.length - off, 1 + r.nextInt(chunkMax));
            p.feed(b, off, n);
            off += n;
        }
        p.finish();
        e.finish();
        return out;
    }
}
