package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawArchiveTest {

    @Test
    void tagBlockBytesEqualTheTagBlockText() {
        byte[] buf = new byte[512];
        for (long ms : new long[] {0, 7, 1_764_460_800_000L, 1_764_460_800_123L, Long.MAX_VALUE, -1, -1_000L}) {
            for (String source : new String[] {"bench", "a", "dma-ais-sample_2", ""}) {
                int n = RawArchive.tagBlock(buf, ms, source.getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo(RawArchive.tagBlock(ms, source));
            }
        }
        assertThat(RawArchive.tagBlock(1_764_460_800_123L, "bench")).isEqualTo("\\c:1764460800123,x:bench*6B\\");
        assertThat(RawArchive.tagBlock(new byte[20], 0, new byte[10])).isEqualTo(-1);
    }

    @Test
    void linesAreWrittenInOrderAcrossDaysAndReplayedAsReceived(@TempDir Path dir) throws Exception {
        RawArchive a = new RawArchive(dir);
        long day1 = 1_764_460_799_000L; // 2025-11-29T23:59:59Z
        List<RawLine> in = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String text = "!AIVDM,1,1,,A,line" + i + ",0*00";
            in.add(new RawLine(i % 2 == 0 ? "a" : "bee", day1 + 999 + i / 50, text.getBytes(StandardCharsets.ISO_8859_1)));
        }
        for (RawLine l : in) {
            a.append(l);
        }
        a.awaitWritten();
        assertThat(a.lines()).isEqualTo(100_000);
        List<String> first = Files.readAllLines(dir.resolve("2025-11-29.nmea"), StandardCharsets.ISO_8859_1);
        assertThat(first).hasSize(50).first().isEqualTo(RawArchive.tagBlock(day1 + 999, "a") + "!AIVDM,1,1,,A,line0,0*00");
        assertThat(Files.readAllLines(dir.resolve("2025-11-30.nmea"))).hasSize(99_950);
        List<RawLine> out = new ArrayList<>();
        assertThat(a.replay(out::add)).isEqualTo(100_000);
        for (int i = 0; i < in.size(); i += 997) {
            assertThat(out.get(i).source()).isEqualTo(in.get(i).source());
            assertThat(out.get(i).receivedMillis()).isEqualTo(in.get(i).receivedMillis());
            assertThat(out.get(i).bytes()).isEqualTo(in.get(i).bytes());
        }
        // close writes what is queued; a later append opens the file again
        a.append(new RawLine("a", day1 + 5_000, "!AIVDM,after".getBytes(StandardCharsets.ISO_8859_1)));
        a.close();
        List<String> second = Files.readAllLines(dir.resolve("2025-11-30.nmea"));
        assertThat(second).hasSize(99_951).last().asString().endsWith("!AIVDM,after");
        a.append(new RawLine("a", day1 + 6_000, "!AIVDM,reopened".getBytes(StandardCharsets.ISO_8859_1)));
        a.close();
        assertThat(Files.readAllLines(dir.resolve("2025-11-30.nmea"))).hasSize(99_952).last().asString().endsWith("!AIVDM,reopened");
    }
}
