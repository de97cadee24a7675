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
        for (Path f : files) {
            List<String> lines = read(f);
            LineTime clock = new LineTime();
            long[] lineClock = new long[lines.size() + 1];
            List<ReceivedMessage> got = new ArrayList<>();
            AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
                @Override
                public void message(ReceivedMessage m) {
                    got.add(m);
                }

                @Override
                public void rejected(Rejection r) {
                }
            });
            for (int i = 0; i < lines.size(); i++) {
                lineClock[i + 1] = clock.next(lines.get(i));
                byte[] b = lines.get(i).getBytes(StandardCharsets.ISO_8859_1);
                d.line(b, 0, b.length);
            }
            d.finish();
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
                }
            }
        }
        assertThat(compared).isGreaterThan(40_000);
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
