package org.watchkeeper.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/** The GNSS receive clock reading the receiver's $--RMC/$--ZDA/$--GLL/$--GGA lines as the decoder reaches them. */
class GnssClockTest {
    /** A type 1 position report. */
    private static final String AIS = nmea("!AIVDM,1,1,,B,13u?etPv2;0n:dDPwUM1U1Cb069D,0");

    private static String nmea(String body) {
        int x = 0;
        for (int i = 1; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return body + String.format("*%02X", x);
    }

    /** Times (epoch ms) of the messages decoded from {@code text} fed in pieces of {@code chunk} bytes. */
    private static List<Long> times(String text, int chunk, long[] gnssSentences) {
        List<Long> out = new ArrayList<>();
        AisStreamDecoder dec = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                out.add(m.receiveTimeMillis());
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        GnssClock clock = new GnssClock(dec);
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += chunk) {
            dec.feed(b, i, Math.min(chunk, b.length - i));
        }
        dec.finish();
        gnssSentences[0] = clock.sentences();
        return out;
    }

    @Test
    void eachMessageCarriesTheNewestGnssTimeBeforeItWhateverTheChunking() {
        String text = String.join("\r\n",
                AIS, // before any GNSS time
                nmea("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"),
                AIS,
                "$PGHP,1,2024,1,2,3,4,5,6,219,,,1,0A*00", // another $ line (bad checksum): no effect on the clock
                "$GPRMC,123600,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*00", // wrong checksum: ignored
                AIS,
                nmea("$GPGGA,123700.50,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), // time of day only
                AIS,
                nmea("$GPZDA,000010.00,24,03,1994,00,00") + "  ", // trailing spaces, next day
                AIS,
                nmea("$GPGLL,4916.45,N,12311.12,W,000020.25,A,D"),
                "\\s:X*00\\" + nmea("$GPRMC,000030,A,4807.038,N,01131.000,E,022.4,084.4,240394,003.1,W"), // behind a tag block: not read
                AIS) + "\r";
        long rmc = Instant.parse("1994-03-23T12:35:19Z").toEpochMilli();
        List<Long> expected = List.of(Long.MIN_VALUE, rmc, rmc, Instant.parse("1994-03-23T12:37:00.500Z").toEpochMilli(),
                Instant.parse("1994-03-24T00:00:10Z").toEpochMilli(), Instant.parse("1994-03-24T00:00:20.250Z").toEpochMilli());
        for (int chunk : new int[] {1, 3, 7, 64, 1 << 16}) {
            long[] n = new long[1];
            List<Long> got = times(text, chunk, n);
            assertEquals(expected.size(), got.size(), "messages, chunk " + chunk);
            for (int i = 0; i < expected.size(); i++) {
                long want = expected.get(i);
                long have = got.get(i);
                if (want == Long.MIN_VALUE) {
                    // before the first GNSS time the decoder has no receive time to give
                    assertEquals(true, have == Long.MIN_VALUE || have <= 0, "message " + i + " has no time, chunk " + chunk);
                } else {
                    assertEquals(want, have, "message " + i + ", chunk " + chunk);
                }
            }
            assertEquals(4, n[0], "GNSS sentences that set the clock, chunk " + chunk);
        }
    }

    /** Times after each line of a caller-fed clock that is saved and restored into a new one after line {@code cut} (-1: never). */
    private static List<Long> fedTimes(List<String> lines, int cut) {
        List<Long> out = new ArrayList<>();
        GnssClock clock = new GnssClock();
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.ISO_8859_1);
            clock.line(b, 0, b.length);
            out.add(clock.now());
            if (i == cut) {
                long[] saved = clock.state();
                clock = new GnssClock().restore(saved);
            }
        }
        out.add(clock.sentences());
        return out;
    }

    /**
     * A clock restored from its state goes on as the one it was saved from, wherever the cut falls: a
     * {@code $GPGGA} after the cut takes the date of an {@code $GPRMC} before it and rolls over to the
     * next day from the time of day saved with it (the Flink job keeps the clock this way, per source).
     */
    @Test
    void aRestoredClockGoesOnAsTheOneItWasSavedFrom() {
        List<String> lines = List.of(
                nmea("$GPGGA,235000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), // no date yet: no time
                nmea("$GPRMC,235900,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W"),
                nmea("$GPGGA,235930.5,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"),
                "$PGHP,1,2024,1,2,3,4,5,6,219,,,1,0A*00",
                nmea("$GPGGA,000005,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"), // past midnight: the 24th
                nmea("$GPGLL,4916.45,N,12311.12,W,000020.25,A,D"));
        long none = Long.MIN_VALUE;
        List<Long> expected = List.of(none, Instant.parse("1994-03-23T23:59:00Z").toEpochMilli(),
                Instant.parse("1994-03-23T23:59:30.500Z").toEpochMilli(), Instant.parse("1994-03-23T23:59:30.500Z").toEpochMilli(),
                Instant.parse("1994-03-24T00:00:05Z").toEpochMilli(), Instant.parse("1994-03-24T00:00:20.250Z").toEpochMilli(),
                4L); // sentences that set or advanced the clock, carried across the cut too
        for (int cut = -1; cut < lines.size(); cut++) {
            assertEquals(expected, fedTimes(lines, cut), "cut after line " + cut);
        }
    }

    /** A null or malformed state changes nothing. */
    @Test
    void aMalformedStateLeavesTheClockAsItIs() {
        GnssClock clock = new GnssClock();
        byte[] rmc = nmea("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W").getBytes(StandardCharsets.ISO_8859_1);
        clock.line(rmc, 0, rmc.length);
        long[] before = clock.state();
        clock.restore(null).restore(new long[] {1, 2, 3}).restore(new long[0]);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(clock.state()));
        assertEquals(Instant.parse("1994-03-23T12:35:19Z").toEpochMilli(), clock.now());
    }
}
