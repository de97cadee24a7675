package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;

/**
 * The source-side line times (for watermarks) against the decoder's receive times on real logs: a
 * line never states a time the decoder would not give its message, and where the decoder times a
 * message from its first line, the line clock (that time, else the last one before) says the same.
 */
class LineTimeTest {
    @Test
    void statedTimes() {
        assertThat(LineTime.of("\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13"))
                .isEqualTo(1_241_544_035_000L);
        assertThat(LineTime.of("\\s:x,c:1717200000123*00\\!AIVDM")).isEqualTo(1_717_200_000_123L);
        assertThat(LineTime.of("$PGHP,1,2014,9,28,16,0,4,684,219,21,992190921,1,14*22"))
                .isEqualTo(java.time.Instant.parse("2014-09-28T16:00:04.684Z").toEpochMilli());
        assertThat(LineTime.of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,rSTATION,1241544035"))
                .isEqualTo(1_241_544_035_000L);
        assertThat(LineTime.of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26")).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of("\\si:AISD*3F\\")).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of("$PGHP,1,2014,13,28,16,0,4,684*22")).isEqualTo(Long.MIN_VALUE);
        // dates that do not exist give no time (as in the decoder and serve's replay), not a rolled-over one
        assertThat(LineTime.of("$PGHP,1,2014,2,30,16,0,4,684,219,,,1,14*22")).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of("$PGHP,1,2014,4,31,16,0,4,684,219,,,1,14*22")).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of("$PGHP,1,2016,2,29,16,0,4,684,219,,,1,14*22"))
                .isEqualTo(java.time.Instant.parse("2016-02-29T16:00:04.684Z").toEpochMilli());
        // 11 digits after the checksum are neither epoch seconds nor milliseconds
        assertThat(LineTime.of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,12415440350")).isEqualTo(Long.MIN_VALUE);
    }

    /** A server archive's tag block ({@code c:} and {@code x:} alone) in front of a line, with its checksum. */
    private static String archived(long receivedMillis, String source, String line) {
        String params = "c:" + receivedMillis + ",x:" + source;
        int x = 0;
        for (int i = 0; i < params.length(); i++) {
            x ^= params.charAt(i);
        }
        return String.format("\\%s*%02X\\%s", params, x, line);
    }

    /**
     * A server archive's {@code c:} (when the server received the line: here 2026, for lines a receiver
     * heard in 2009 and 2014) is the time of last resort, as in analyze: the line's own tag block
     * {@code c:}, the {@code $PGHP} line before it and its epoch trailer win, and a sentence with none of
     * them carries the stream's last time; a plain tag block {@code c:} (one with {@code s:} or no
     * {@code x:}) is the line's time as before.
     */
    @Test
    void anArchivedLineTakesItsOwnTimeBeforeTheArchives() {
        long received = 1_780_000_000_000L; // 2026-05-28
        String inner = "\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13";
        assertThat(LineTime.of(inner)).isEqualTo(1_241_544_035_000L);
        assertThat(LineTime.of(archived(received, "dma", inner))).isEqualTo(1_241_544_035_000L);
        String trailer = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,rSTATION,1241544035";
        assertThat(LineTime.of(archived(received, "uscg", trailer))).isEqualTo(1_241_544_035_000L);
        String bare = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26";
        assertThat(LineTime.of(archived(received, "feed", bare))).isEqualTo(received);
        // a tag block of c: alone, or of c: and other parameters than x:, is a receiver's: its c: is the time
        assertThat(LineTime.of("\\c:1241544035*00\\" + bare)).isEqualTo(1_241_544_035_000L);
        assertThat(LineTime.of("\\s:base1,c:1241544035,x:dma*00\\" + bare)).isEqualTo(1_241_544_035_000L);
        // lines that give no message take no time from the archive
        assertThat(LineTime.of(archived(received, "dma", "\\si:AISD*3F\\"))).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of(archived(received, "dma", "$PSTT,30C,A,1,00,009*26"))).isEqualTo(Long.MIN_VALUE);
        assertThat(LineTime.of(archived(received, "#userdata", "{\"zone\":\"z1\"}"))).isEqualTo(Long.MIN_VALUE);

        // the $PGHP line before an archived sentence times it, also across a reserved source's record
        long pghp = java.time.Instant.parse("2014-10-02T16:30:03.887Z").toEpochMilli();
        LineTime clock = new LineTime();
        assertThat(clock.next(archived(received, "dma", "$PGHP,1,2014,10,2,16,30,3,887,219,,2190047,1,00*2B"))).isEqualTo(pghp);
        assertThat(clock.stated()).isTrue();
        assertThat(clock.next(archived(received + 1, "#userdata", "{\"zone\":\"z1\"}"))).isEqualTo(pghp);
        assertThat(clock.stated()).isFalse();
        assertThat(clock.next(archived(received + 2, "dma", bare))).isEqualTo(pghp);
        assertThat(clock.stated()).isFalse();
        // the next archived sentence of no time of its own carries the stream's time, not the archive's
        assertThat(clock.next(archived(received + 3, "dma", bare))).isEqualTo(pghp);
        assertThat(clock.stated()).isFalse();
        // and its own tag block's c: wins
        assertThat(clock.next(archived(received + 4, "dma", inner))).isEqualTo(1_241_544_035_000L);
        assertThat(clock.stated()).isTrue();
    }

    /**
     * A sentence of a raw archive line with no time of its own (tag block with {@code c:} and {@code x:}
     * only) gets the time analyze gives its message: the newest time of the stream before it, not the
     * archive's stamp (2026 here, for a log of 2009); the stamps time a stream only when its first
     * {@link org.watchkeeper.core.pipeline.NmeaInput#MAX_LEADING} sentences carry no time of their own.
     */
    @Test
    void anArchivedSentenceWithoutATimeCarriesTheStreamsTimeAsAnalyze() {
        long received = 1_780_000_000_000L; // 2026-05-28
        String tagged = "\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13";
        String trailer = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,rSTATION,1241544099";
        String bare = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26";
        List<String> lines = List.of(archived(received, "log", tagged), archived(received + 1, "log", bare),
                archived(received + 2, "log", trailer), archived(received + 3, "log", bare), archived(received + 4, "log", bare));
        List<ReceivedMessage> got = new ArrayList<>();
        boolean[] stated = new boolean[lines.size() + 1];
        long[] lineClock = clockAndDecode(lines, got, stated);
        assertThat(got).extracting(ReceivedMessage::timeSource).containsExactly(TimeSource.TAG_BLOCK, TimeSource.ARCHIVE,
                TimeSource.TRAILER, TimeSource.ARCHIVE, TimeSource.ARCHIVE);
        long[] analyzed = analyzeTimes(got, lines.size());
        assertThat(analyzed).containsExactly(0L, 1_241_544_035_000L, 1_241_544_035_000L, 1_241_544_099_000L,
                1_241_544_099_000L, 1_241_544_099_000L);
        assertThat(lineClock).containsExactly(analyzed);
        assertThat(stated).containsExactly(false, true, false, true, false, false);

        // an archive of a feed without times: its first MAX_LEADING sentences state none (analyze holds them
        // until it knows the input has no time of its own), then the stamps time the sentences
        LineTime clock = new LineTime();
        int n = org.watchkeeper.core.pipeline.NmeaInput.MAX_LEADING;
        for (int i = 0; i < n; i++) {
            assertThat(clock.next(archived(received + i, "feed", bare))).isEqualTo(Long.MIN_VALUE);
            assertThat(clock.stated()).isFalse();
        }
        assertThat(clock.next(archived(received + n, "feed", bare))).isEqualTo(received + n);
        assertThat(clock.stated()).isTrue();
        assertThat(clock.next(archived(received + n + 1, "feed", bare))).isEqualTo(received + n + 1);
        // a time of its own then wins, and is carried on
        assertThat(clock.next(archived(received + n + 2, "feed", trailer))).isEqualTo(1_241_544_099_000L);
        assertThat(clock.next(archived(received + n + 3, "feed", bare))).isEqualTo(1_241_544_099_000L);
        assertThat(clock.stated()).isFalse();
    }

    /**
     * The times analyze gives the messages ({@link org.watchkeeper.core.pipeline.NmeaInput}, untimed ones
     * carried), by the 1-based line of their first sentence (0 where no message starts).
     */
    private static long[] analyzeTimes(List<ReceivedMessage> messages, int lines) {
        long[] times = new long[lines + 1];
        org.watchkeeper.core.pipeline.NmeaInput[] input = new org.watchkeeper.core.pipeline.NmeaInput[1];
        input[0] = new org.watchkeeper.core.pipeline.NmeaInput(o -> times[(int) input[0].emittingLine()] = o.time(),
                org.watchkeeper.core.pipeline.NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        messages.forEach(input[0]::message);
        input[0].finish();
        return times;
    }

    /**
     * The shared logs as a server's raw archive holds them, each line behind an archive tag block
     * stamped in 2026: the line clock gives each message the time analyze gives it, the log's own where
     * the line or the {@code $PGHP} before it has one, and where none does the time carried from the
     * lines before it, never the archive's stamp.
     */
    @Test
    void lineClockAgreesWithTheDecoderOnArchivedRealLogs() throws IOException {
        String shared = System.getProperty("watchkeeper.shared");
        Path dir = shared == null ? null : Path.of(shared, "data", "ais");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared data not found; skipped");
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
        }
        long own = 0;
        long gnss = 0;
        long stamped = 0;
        long carried = 0;
        for (Path f : files) {
            List<String> plain = read(f);
            List<String> lines = new ArrayList<>(plain.size());
            for (int i = 0; i < plain.size(); i++) {
                // blank lines stay blank (the archive keeps no blank line; they only keep the numbering)
                lines.add(plain.get(i).isBlank() ? plain.get(i) : archived(1_780_000_000_000L + i, "log", plain.get(i)));
            }
            List<ReceivedMessage> got = new ArrayList<>();
            boolean[] stated = new boolean[lines.size() + 1];
            long[] lineClock = clockAndDecode(lines, got, stated);
            long[] analyzed = analyzeTimes(got, lines.size());
            for (ReceivedMessage m : got) {
                int ln = (int) m.lineNumber();
                if (m.sentences() != 1 || m.timeSource() == TimeSource.PGHP && !namedByLineBefore(plain, ln)) {
                    continue;
                }
                if (m.timeSource() == TimeSource.TAG_BLOCK || m.timeSource() == TimeSource.PGHP
                        || m.timeSource() == TimeSource.TRAILER) {
                    assertThat(lineClock[ln]).as(f + " line " + ln + " " + m.timeSource()).isEqualTo(m.receiveTimeMillis());
                    own++;
                } else if (m.timeSource() == TimeSource.RECEIVE_CLOCK) {
                    // the receiver's GNSS clock, before the archive's stamp, as the decoder gives it
                    assertThat(lineClock[ln]).as(f + " line " + ln + " GNSS").isEqualTo(m.receiveTimeMillis());
                    assertThat(stated[ln]).as(f + " line " + ln).isFalse();
                    gnss++;
                } else if (m.timeSource() == TimeSource.ARCHIVE) {
                    // no time of its own: never the stamp, nor stated; where the line before gave analyze's
                    // carried time (a message's, not a $PGHP waiting for a later one), the same time
                    assertThat(lineClock[ln]).as(f + " line " + ln).isNotEqualTo(m.receiveTimeMillis());
                    assertThat(stated[ln]).as(f + " line " + ln).isFalse();
                    stamped++;
                    if (analyzed[ln - 1] != 0 && lineClock[ln - 1] == analyzed[ln - 1]) {
                        assertThat(lineClock[ln]).as(f + " line " + ln).isEqualTo(analyzed[ln]);
                        carried++;
                    }
                }
            }
        }
        System.out.printf("archived real logs: %d own times, %d GNSS-clock times, %d archive-stamped messages"
                + " (%d after a timed message)%n", own, gnss, stamped, carried);
        assertThat(own).isGreaterThan(40_000);
        // the AMSA log's messages between its trailers take its $GPZDA/$GPRMC clock, not the stamp nor a
        // carried time (carrying is shown on a built archive above)
        assertThat(gnss).isGreaterThan(30_000);
        assertThat(stamped).isGreaterThan(1_000);
    }

    /**
     * Runs the line clock and the decoder over the same lines.
     *
     * @param got receives the decoded messages
     * @return the line clock's time of each line, by 1-based line number (index 0 unused)
     */
    private static long[] clockAndDecode(List<String> lines, List<ReceivedMessage> got) {
        return clockAndDecode(lines, got, new boolean[lines.size() + 1]);
    }

    /**
     * As {@link #clockAndDecode(List, List)}, also noting whether each line stated its time.
     *
     * @param stated receives {@link LineTime#stated()} of each line, by 1-based line number
     */
    private static long[] clockAndDecode(List<String> lines, List<ReceivedMessage> got, boolean[] stated) {
        LineTime clock = new LineTime();
        long[] lineClock = new long[lines.size() + 1];
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                got.add(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        new org.watchkeeper.core.pipeline.GnssClock(d); // as analyze times a log by its receiver's GNSS sentences
        for (int i = 0; i < lines.size(); i++) {
            lineClock[i + 1] = clock.next(lines.get(i));
            stated[i + 1] = clock.stated();
            byte[] b = lines.get(i).getBytes(StandardCharsets.ISO_8859_1);
            d.line(b, 0, b.length);
        }
        d.finish();
        return lineClock;
    }

    @Test
    void lineClockAgreesWithTheDecoderOnRealLogs() throws IOException {
        String shared = System.getProperty("watchkeeper.shared");
        Path dir = shared == null ? null : Path.of(shared, "data", "ais");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared data not found; skipped");
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
        }
        long compared = 0;
        long clocked = 0;
        for (Path f : files) {
            List<String> lines = read(f);
            List<ReceivedMessage> got = new ArrayList<>();
            long[] lineClock = clockAndDecode(lines, got);
            for (ReceivedMessage m : got) {
                int ln = (int) m.lineNumber();
                if (m.timeSource() == TimeSource.PGHP && !namedByLineBefore(lines, ln)) {
                    continue; // a satellite $PGHP paired from further away: the line clock knows only the line before
                }
                if (m.sentences() == 1 && (m.timeSource() == TimeSource.TAG_BLOCK || m.timeSource() == TimeSource.PGHP
                        || m.timeSource() == TimeSource.TRAILER)) {
                    assertThat(lineClock[(int) m.lineNumber()]).as(f + " line " + m.lineNumber())
                            .isEqualTo(m.receiveTimeMillis());
                    compared++;
                } else if (m.sentences() == 1 && m.timeSource() == TimeSource.RECEIVE_CLOCK) {
                    assertThat(lineClock[ln]).as(f + " line " + ln + " GNSS").isEqualTo(m.receiveTimeMillis());
                    clocked++;
                }
            }
        }
        System.out.printf("real logs: %d own times, %d GNSS-clock times%n", compared, clocked);
        assertThat(compared).isGreaterThan(40_000);
        assertThat(clocked).isGreaterThan(30_000);
    }

    /** Whether line {@code ln} (1-based) follows a $PGHP whose last field names its checksum. */
    private static boolean namedByLineBefore(List<String> lines, int ln) {
        if (ln < 2 || !lines.get(ln - 2).startsWith("$PGHP")) {
            return false;
        }
        String pghp = lines.get(ln - 2);
        String sentence = lines.get(ln - 1);
        int star = pghp.indexOf('*');
        int comma = pghp.lastIndexOf(',', star);
        int sstar = sentence.lastIndexOf('*');
        return star > 0 && comma > 0 && sstar > 0 && sentence.length() >= sstar + 3
                && pghp.substring(comma + 1, star).equalsIgnoreCase(sentence.substring(sstar + 1, sstar + 3));
    }

    private static List<String> read(Path f) throws IOException {
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // the decoder's line numbers count every line, blank ones included
            return List.of(text.split("\r?\n|\r", -1));
        }
    }
}
