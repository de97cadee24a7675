package org.watchkeeper.core.detect.space;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.watchkeeper.ais.AisMessage;
import org.watchkeeper.ais.BitWriter;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;

/**
 * Synthetic tracks written as real NMEA: each fix becomes an ITU-R M.1371-5 type 1 position report
 * encoded with the project's encoder, framed as {@code \c:<epoch s>*hh\!AIVDM,1,1,,A,...*hh} and read
 * back through {@link AisStreamDecoder} and {@link ObservationMapper}.
 */
public final class SyntheticAis {
    private final StringBuilder nmea = new StringBuilder();
    private int lines;

    /** Adds one position report (time in epoch seconds, position in degrees, speed/course as sent). */
    public SyntheticAis fix(int mmsi, long epochSeconds, double lat, double lon, double sogKnots, double cog) {
        PositionReport r = new PositionReport(1, 0, mmsi, sogKnots < 0.2 ? 1 : 0, -128, sogKnots, true,
                Geodesy.normalizeLongitude(lon), lat, cog, 511, (int) (epochSeconds % 60), 0, 0, false, AisMessage.NOT_AVAILABLE);
        BitWriter w = new BitWriter();
        r.encode(w);
        String s = "AIVDM,1,1,,A," + w.armoured() + "," + w.fillBits();
        String tag = "c:" + epochSeconds;
        nmea.append('\\').append(tag).append('*').append(hex(tag)).append('\\')
                .append('!').append(s).append('*').append(hex(s)).append("\r\n");
        lines++;
        return this;
    }

    /** Number of sentences written. */
    public int size() {
        return lines;
    }

    /** The NMEA text. */
    public String text() {
        return nmea.toString();
    }

    /** Decodes the text into observations, sorted by time (stable: input order within a time). */
    public List<Observation> observations() {
        List<Observation> out = new ArrayList<>();
        ObservationMapper mapper = new ObservationMapper();
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                out.addAll(mapper.map(m));
            }

            @Override
            public void rejected(Rejection r) {
                throw new AssertionError("synthetic sentence rejected: " + r);
            }
        });
        byte[] b = nmea.toString().getBytes(StandardCharsets.US_ASCII);
        d.feed(b, 0, b.length);
        d.finish();
        if (out.size() != lines) {
            throw new AssertionError("decoded " + out.size() + " of " + lines);
        }
        List<Observation> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingLong(Observation::time));
        return sorted;
    }

    private static String hex(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x ^= s.charAt(i);
        }
        return String.format("%02X", x);
    }

    /** Runs detectors over observations in one piece. */
    public static List<Event> run(List<? extends Observation> obs, long latenessMillis, Detector<?>... detectors) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(detectors), out::add, latenessMillis);
        obs.forEach(e::accept);
        e.finish();
        return out;
    }

    /**
     * Runs detectors over observations split into chunks replayed in order, each chunk fed by its own
     * loop with a different lateness than {@link #run}, so timers fire at different points.
     */
    public static List<Event> runChunked(List<? extends Observation> obs, int chunk, long latenessMillis,
            Detector<?>... detectors) {
        List<Event> out = new ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(detectors), out::add, latenessMillis);
        for (int from = 0; from < obs.size(); from += chunk) {
            List<? extends Observation> part = obs.subList(from, Math.min(obs.size(), from + chunk));
            Consumer<Observation> c = e::accept;
            part.forEach(c);
        }
        e.finish();
        return out;
    }

    /** Events sorted by (start, id), for comparing runs whose emission order may differ. */
    public static List<Event> sorted(List<Event> events) {
        return events.stream().sorted(Comparator.comparingLong(Event::start).thenComparing(Event::id)).toList();
    }
}
