package org.watchkeeper.core.detect.port;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.picture.VesselPicture;

/**
 * Reads the AMSA terrestrial log {@code ais/amsa-risky/ais.txt.gz} into the positions and identities
 * the vessel picture accepts (what the detectors get).
 *
 * <p>Time: in this log only about 850 sentences carry an epoch trailer, but the receiver interleaves
 * a {@code $GPZDA} sentence (hhmmss.ss, day, month, year: UTC date and time) about once a second
 * (384 of them, 2012-01-27 11:47:02.51 to 11:53:27.50). Every message is given the time of the most
 * recent {@code $GPZDA} before it, through the decoder's receive clock ({@code TimeSource.RECEIVE_CLOCK});
 * a message with its own epoch trailer keeps that ({@code TimeSource.TRAILER}, which the decoder
 * prefers). Messages before the first {@code $GPZDA} (15 lines) have no time and are dropped. So each
 * message's time is within about a second of its reception.
 */
final class AmsaLog {
    private AmsaLog() {
    }

    static List<Observation> read(Path file) throws IOException {
        List<ReceivedMessage> messages = new ArrayList<>();
        long[] clock = {Long.MIN_VALUE};
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                messages.add(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        d.setReceiveClock(() -> clock[0]);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("$GPZDA,")) {
                    long t = zda(line);
                    if (t != Long.MIN_VALUE) {
                        clock[0] = t;
                    }
                }
                byte[] b = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
                d.feed(b, 0, b.length);
            }
        }
        d.finish();
        ObservationMapper mapper = new ObservationMapper();
        VesselPicture picture = new VesselPicture();
        List<Observation> out = new ArrayList<>();
        for (ReceivedMessage m : messages) {
            for (Observation o : mapper.map(m)) {
                var decision = picture.accept(o);
                if (o instanceof org.watchkeeper.core.observation.HeardObservation) {
                    continue; // only puts its station in the picture: no detector input
                }
                if (decision == null || decision.accepted()) {
                    out.add(o);
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(Observation::time));
        return out;
    }

    /** {@code $GPZDA,hhmmss.ss,dd,mm,yyyy,...} → epoch ms UTC, or MIN_VALUE if malformed. */
    static long zda(String line) {
        String[] f = line.split("[,*]");
        try {
            String hms = f[1];
            int h = Integer.parseInt(hms.substring(0, 2));
            int mi = Integer.parseInt(hms.substring(2, 4));
            double sec = Double.parseDouble(hms.substring(4));
            LocalDate day = LocalDate.of(Integer.parseInt(f[4]), Integer.parseInt(f[3]), Integer.parseInt(f[2]));
            long ms = day.atTime(LocalTime.of(h, mi)).toInstant(ZoneOffset.UTC).toEpochMilli();
            return ms + Math.round(sec * 1000);
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
