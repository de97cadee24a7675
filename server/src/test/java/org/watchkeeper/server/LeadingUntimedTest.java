package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.picture.VesselSnapshot;

/**
 * A replayed log whose first lines carry no time of their own: their messages wait for the source's
 * first time instead of taking the wall clock, which would put the detectors' watermark at today and
 * leave the rest of the log late for them.
 */
class LeadingUntimedTest {
    /** 2012-01-27T11:47:01Z, the epoch trailer of the fourth line below. */
    static final long FIRST_OWN = 1_327_664_821_000L;

    @Test
    void messagesBeforeTheFirstTimedLineTakeItsTime(@TempDir Path data) throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(5_000))) {
            Pipeline p = s.pipeline();
            long before = p.lines();
            // three untimed type 1 reports of two vessels, then a timed one, then an untimed one
            offer(p, "log", "!AIVDM,1,1,,B,17P>D600?w:9K`qpgqCf43h400RS,0*37");
            offer(p, "log", "!ABVDM,1,1,2,B,15QHQ200jL:LndOaSdmrCp:20<n@,0*27");
            offer(p, "log", "!AIVDM,1,1,,B,17P>D600?w:9K`qpgqCf43h400RS,0*37");
            offer(p, "log", "!AIVDM,1,1,,A,35MuKPUP02I<cf<A1wt0JOv00000,0*48," + FIRST_OWN / 1000);
            offer(p, "log", "!AIVDM,1,1,,A,39NS>Di2h6GS7@2CC876NJf00000,0*74");
            awaitLines(p, before + 5);
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.lateObservations()).isZero();
            assertThat(p.vessels()).hasSize(4);
            for (VesselSnapshot v : p.vessels().values()) {
                assertThat(Instant.ofEpochMilli(v.lastSeen())).as("vessel %09d", v.mmsi())
                        .isEqualTo(Instant.ofEpochMilli(FIRST_OWN));
            }
        }
    }

    /**
     * A source whose first time comes from its receiver's GNSS clock ({@code $GPZDA}, as the AMSA log's
     * 16th line) before any line of its own time: the waiting messages take the GNSS time, as
     * {@code analyze} gives them, not the later epoch trailer's earlier time.
     */
    @Test
    void messagesBeforeTheFirstGnssTimeTakeIt(@TempDir Path data) throws Exception {
        long zda = Instant.parse("2012-01-27T11:47:02.510Z").toEpochMilli();
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(5_000))) {
            Pipeline p = s.pipeline();
            long before = p.lines();
            offer(p, "log", "!AIVDM,1,1,,B,17P>D600?w:9K`qpgqCf43h400RS,0*37"); // 503551000, untimed
            offer(p, "log", "!ABVDM,1,1,2,B,15QHQ200jL:LndOaSdmrCp:20<n@,0*27"); // 370549000, untimed
            offer(p, "log", "$GPZDA,114702.51,27,01,2012,,*66");
            offer(p, "log", "!AIVDM,1,1,,A,39NS>Di2h6GS7@2CC876NJf00000,0*74"); // 636014163, by the GNSS clock
            offer(p, "log", "!AIVDM,1,1,,A,35MuKPUP02I<cf<A1wt0JOv00000,0*48," + FIRST_OWN / 1000); // 366959490, own time
            awaitLines(p, before + 5);
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            java.util.Map<Integer, Instant> seen = new java.util.TreeMap<>();
            for (VesselSnapshot v : p.vessels().values()) {
                seen.put(v.mmsi(), Instant.ofEpochMilli(v.lastSeen()));
            }
            assertThat(seen).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                    366_959_490, Instant.ofEpochMilli(FIRST_OWN),
                    370_549_000, Instant.ofEpochMilli(zda),
                    503_551_000, Instant.ofEpochMilli(zda),
                    636_014_163, Instant.ofEpochMilli(zda))));
        }
    }

    @Test
    void aFeedWithoutTimesRunsOnItsReceiveClock(@TempDir Path data) throws Exception {
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(5_000))) {
            Pipeline p = s.pipeline();
            long before = p.lines();
            long sent = System.currentTimeMillis();
            offer(p, "feed", "!AIVDM,1,1,,B,17P>D600?w:9K`qpgqCf43h400RS,0*37");
            offer(p, "feed", "!ABVDM,1,1,2,B,15QHQ200jL:LndOaSdmrCp:20<n@,0*27");
            awaitLines(p, before + 2);
            // no time comes: once the feed has been quiet for the lateness they go on at their receive times
            assertThat(p.awaitReleased(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.vessels()).hasSize(2);
            for (VesselSnapshot v : p.vessels().values()) {
                assertThat(v.lastSeen()).isBetween(sent, System.currentTimeMillis());
            }
            assertThat(p.lateObservations()).isZero();
        }
    }

    /**
     * The AMSA log times about one line in fifty with an epoch trailer, and its receivers' GNSS
     * sentences ({@code $GPZDA}, {@code $GPRMC}, {@code $GPGGA}) time the rest; its first 15 lines come
     * before either (the first {@code $GPZDA} is line 16, the first trailer line 40). Replayed as a file source, none of its observations is late (33 823 of 33 985 were,
     * when the first lines took the wall clock) and every vessel is seen within the log's span.
     */
    @Test
    void theAmsaLogReplayedAsAFileIsNotLateForTheDetectors(@TempDir Path data) throws Exception {
        Path log = Fixture.log("amsa-risky/ais.txt.gz");
        try (WatchkeeperServer s = WatchkeeperServer.start(Fixture.config(data).withLateness(10_000))) {
            Pipeline p = s.pipeline();
            long before = p.lines();
            long n = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(log)), StandardCharsets.ISO_8859_1))) {
                for (String line; (line = r.readLine()) != null; ) {
                    offer(p, "amsa", line);
                    n++;
                }
            }
            p.endOfStream("amsa");
            awaitLines(p, before + n);
            assertThat(p.awaitReleased(120, TimeUnit.SECONDS)).isTrue();
            assertThat(n).isEqualTo(44_687);
            assertThat(p.messagesBySource()).containsEntry("amsa", 33_985L);
            assertThat(p.lateObservations("amsa")).isZero();
            long first = Instant.parse("2012-01-27T09:58:00Z").toEpochMilli();
            long last = Instant.parse("2012-01-27T11:53:28Z").toEpochMilli();
            assertThat(p.vessels()).hasSize(2_321);
            for (VesselSnapshot v : p.vessels().values()) {
                assertThat(v.lastSeen()).as("vessel %09d", v.mmsi()).isBetween(first, last);
            }
        }
    }

    private static void awaitLines(Pipeline p, long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.lines() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(p.lines()).isEqualTo(n);
    }

    private static void offer(Pipeline p, String source, String line) throws InterruptedException {
        p.sink().offer(new RawLine(source, System.currentTimeMillis(), line.getBytes(StandardCharsets.ISO_8859_1)), true);
    }
}
