package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code $PGHP} lines written apart from the sentence they time, as in the exactEarth satellite logs
 * AMSA published: the {@code $PGHP} (the satellite's reception time) names the checksum of its
 * sentence but comes up to a few dozen lines before or after it, and the epoch after each sentence's
 * checksum is when the ground station logged the batch, 20 minutes to 2 hours later.
 */
class LoosePghpTest {

    /** A decoder that adds its messages to {@code out} and drops rejections. */
    private static AisStreamDecoder decoder(List<ReceivedMessage> out) {
        return new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                out.add(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
    }

    private static List<ReceivedMessage> decode(byte[] text) {
        List<ReceivedMessage> out = new ArrayList<>();
        AisStreamDecoder d = decoder(out);
        d.feed(text, 0, text.length);
        assertThat(d.stats().accountedLines()).isEqualTo(d.stats().lines());
        d.finish();
        assertThat(d.stats().heldMessageLines()).isZero();
        return out;
    }

    @Test
    void aPghpSeveralLinesAwayTimesItsSentence() {
        String text = String.join("\n",
                "!AIVDM,1,1,,B,177417001l;2j0Ij1S87VV4D0@5u,0*26,1328182324847",
                "$PGHP,1,2012,2,2,10,58,8,0,316,56,316999999,1AIS_S,20*70,1328182324847",
                "$PGHP,1,2012,2,2,10,58,9,0,316,56,316999999,1AIS_S,26*77,1328182324859",
                "!BSVDM,1,1,0,1,53P<7500?DEW8@`CL00l59V0`D4p00000000000U687934MeN944SkV@000000000000000,2*2E,1328182324871",
                "!AIVDM,1,1,,B,17`B2qOP00<Q2O;bq3b00?v@05C`,0*1B,1328182324871",
                "!AIVDM,1,1,,B,33P<751001;sj5ik?7H8?WLD0000,0*46,1328182324871",
                "$PGHP,1,2012,2,2,10,58,10,0,316,56,316999999,1AIS_S,1B*38,1328182324883",
                "");
        List<ReceivedMessage> out = decode(text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(out).extracting(ReceivedMessage::lineNumber).containsExactly(1L, 4L, 5L, 6L); // in order
        // line 1 came before any $PGHP: the trailer's time
        assertThat(out.get(0).timeSource()).isEqualTo(TimeSource.TRAILER);
        // the $PGHP naming 20 on line 2 and then a $PGHP: from here on times are paired by checksum
        assertThat(out.get(1).timeSource()).isEqualTo(TimeSource.TRAILER); // a base station's type 5: no $PGHP
        assertThat(out.get(2).timeSource()).isEqualTo(TimeSource.PGHP); // *1B, timed by line 7
        assertThat(Instant.ofEpochMilli(out.get(2).receiveTimeMillis())).isEqualTo(Instant.parse("2012-02-02T10:58:10Z"));
        assertThat(out.get(3).timeSource()).isEqualTo(TimeSource.TRAILER); // *46: no $PGHP names it
    }

    /**
     * Two $PGHP lines naming other sentences (the stream now pairs by checksum), then a report
     * ({@code *1B}, trailer 11:32:04.871) that waits for a $PGHP naming it.
     */
    private static final String WAITS_FOR_1B = String.join("\n",
            "$PGHP,1,2012,2,2,10,58,8,0,316,56,316999999,1AIS_S,20*70,1328182324847",
            "$PGHP,1,2012,2,2,10,58,9,0,316,56,316999999,1AIS_S,26*77,1328182324859",
            "!AIVDM,1,1,,B,17`B2qOP00<Q2O;bq3b00?v@05C`,0*1B,1328182324871");

    @Test
    void aQuietLiveSourceReleasesWhatWaits() {
        List<ReceivedMessage> out = new ArrayList<>();
        AisStreamDecoder d = decoder(out);
        byte[] text = (WAITS_FOR_1B + "\n").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(text, 0, text.length);
        assertThat(out).isEmpty(); // waits for a $PGHP naming 1B
        assertThat(d.stats().heldMessageLines()).isEqualTo(1);
        assertThat(d.stats().accountedLines()).isEqualTo(d.stats().lines());
        d.releaseWaiting(); // the source went quiet
        assertThat(out).hasSize(1);
        assertThat(out.get(0).timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(d.stats().heldMessageLines()).isZero();
    }

    /**
     * A host ordering by event time sends the waiting messages on once its other input has passed the
     * earliest of their times; the $PGHP times still waiting for a sentence after them are kept.
     */
    @Test
    void waitingMessagesGoOutAtTheirTimeAndWaitingPghpTimesStay() {
        List<ReceivedMessage> out = new ArrayList<>();
        AisStreamDecoder d = decoder(out);
        assertThat(d.earliestWaitingTime()).isEqualTo(Long.MIN_VALUE);
        byte[] text = String.join("\n", WAITS_FOR_1B,
                "$PGHP,1,2012,2,2,10,58,12,0,316,56,316999999,1AIS_S,46*4B,1328182324890",
                "").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(text, 0, text.length);
        assertThat(out).isEmpty(); // waits for a $PGHP naming 1B
        assertThat(d.earliestWaitingTime()).isEqualTo(1328182324871L); // its trailer's time, for now
        assertThat(d.releaseWaitingMessages()).isEqualTo(1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).timeSource()).isEqualTo(TimeSource.TRAILER);
        assertThat(out.get(0).receiveTimeMillis()).isEqualTo(1328182324871L);
        assertThat(d.earliestWaitingTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(d.releaseWaitingMessages()).isZero();
        // the $PGHP on line 4 naming 46 still waits for its sentence, which takes its time two lines on
        byte[] next = String.join("\n",
                "!BSVDM,1,1,0,1,53P<7500?DEW8@`CL00l59V0`D4p00000000000U687934MeN944SkV@000000000000000,2*2E,1328182324895",
                "!AIVDM,1,1,,B,33P<751001;sj5ik?7H8?WLD0000,0*46,1328182324900",
                "").getBytes(StandardCharsets.ISO_8859_1);
        d.feed(next, 0, next.length);
        d.finish();
        assertThat(out).hasSize(3);
        assertThat(out.get(2).timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(Instant.ofEpochMilli(out.get(2).receiveTimeMillis())).isEqualTo(Instant.parse("2012-02-02T10:58:12Z"));
    }

    /**
     * AMSA's exactEarth log of 2 February 2012: 3 355 $PGHP lines, of which 356 lie right before their
     * sentence. Paired within 32 lines, 3 110 of the 4 279 messages take the satellite's time (360 when
     * only an adjacent $PGHP counted); the rest are base stations' static reports and a few position
     * reports no $PGHP names. Checked by hand: the type 1 report of MMSI 512000741 on line 12
     * ({@code *1B}) is timed by the $PGHP on line 17 naming {@code 1B}, 10:58:08 UTC, not by its
     * trailing epoch 11:32:04.847.
     */
    @Test
    void exactEarthSatelliteLog() throws IOException {
        Path f = RealFilesTest.aisDir().resolve("amsa-risky/exact-earth-augmented-3.txt");
        List<ReceivedMessage> out = decode(RealFilesTest.read(f));
        Map<TimeSource, Integer> bySource = new EnumMap<>(TimeSource.class);
        long previousLine = 0;
        for (ReceivedMessage m : out) {
            bySource.merge(m.timeSource(), 1, Integer::sum);
            assertThat(m.lineNumber()).isGreaterThan(previousLine);
            previousLine = m.lineNumber();
        }
        assertThat(out).hasSize(4279);
        assertThat(bySource).containsEntry(TimeSource.PGHP, 3110).containsEntry(TimeSource.TRAILER, 1169);
        ReceivedMessage line12 = out.stream().filter(m -> m.lineNumber() == 12).findFirst().orElseThrow();
        assertThat(line12.message().mmsi()).isEqualTo(512000741);
        assertThat(line12.timeSource()).isEqualTo(TimeSource.PGHP);
        assertThat(Instant.ofEpochMilli(line12.receiveTimeMillis())).isEqualTo(Instant.parse("2012-02-02T10:58:08Z"));
    }
}
