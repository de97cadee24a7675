package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The times a replay is paced by, one kind of line each. */
class LineTimeTest {
    private static long of(String line) {
        return LineTime.of(line.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gatehouseLinesTimeTheReplayOfTheDmaLogs() {
        // the first lines of the DMA sample (ais-sample.txt.gz), which carry no other time
        assertThat(of("$PGHP,1,2013,11,12,12,0,0,11,219,,2190067,1,62*26"))
                .isEqualTo(Instant.parse("2013-11-12T12:00:00.011Z").toEpochMilli());
        assertThat(of("$PGHP,1,2013,11,12,12,4,59,987,219,,2190067,1,1A*5B"))
                .isEqualTo(Instant.parse("2013-11-12T12:04:59.987Z").toEpochMilli());
        assertThat(of("\\si:AISD*3F\\")).isEqualTo(Long.MIN_VALUE);
        assertThat(of("!BSVDM,1,1,,A,13@:`L001N0ded0O6Fp8wW<00<0t,0*62")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void malformedGatehouseLinesGiveNoTime() {
        assertThat(of("$PGHP,2,2013,11,12,12,0,0,11,219,,2190067,1,62*26")).isEqualTo(Long.MIN_VALUE); // not kind 1
        assertThat(of("$PGHP,1,2013,02,30,12,0,0,11,219*26")).isEqualTo(Long.MIN_VALUE); // 30 February
        assertThat(of("$PGHP,1,2013,11,12,24,0,0,11,219*26")).isEqualTo(Long.MIN_VALUE); // hour 24
        assertThat(of("$PGHP,1,2013,11,12,12,0,0")).isEqualTo(Long.MIN_VALUE); // cut short
        assertThat(of("$PGHP,1,2013,11,,12,0,0,11,219*26")).isEqualTo(Long.MIN_VALUE); // empty field
    }

    @Test
    void tagBlockAndTrailerTimesAsBefore() {
        assertThat(of("\\s:2573485,c:1646956800*05\\!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*26"))
                .isEqualTo(1_646_956_800_000L);
        assertThat(of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,1646956800123")).isEqualTo(1_646_956_800_123L);
        assertThat(of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,1646956800")).isEqualTo(1_646_956_800_000L);
        // 11 digits are neither seconds nor milliseconds (the decoder's rule)
        assertThat(of("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,16469568001")).isEqualTo(Long.MIN_VALUE);
    }

    /**
     * A line of a server's raw archive (as a {@code file:} source of serve paces one): the time the line
     * carries behind the archive's tag block, the archive's receive time only when it carries none.
     */
    @Test
    void aRawArchivesReceiveTimeGivesWayToTheLinesOwn() {
        String stamp = RawArchive.tagBlock(1_796_476_246_674L, "dma");
        assertThat(of(stamp + "$PGHP,1,2013,11,12,12,0,0,11,219,,2190067,1,62*26"))
                .isEqualTo(Instant.parse("2013-11-12T12:00:00.011Z").toEpochMilli());
        assertThat(of(stamp + "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26,1646956800123")).isEqualTo(1_646_956_800_123L);
        assertThat(of(stamp + "\\s:2573485,c:1646956800*05\\!AIVDM,1,1,,B,13aEOK?P00PD2wVMdLDRhgvL289?,0*26"))
                .isEqualTo(1_646_956_800_000L);
        assertThat(of(stamp + "!BSVDM,1,1,,A,13@:`L001N0ded0O6Fp8wW<00<0t,0*62")).isEqualTo(1_796_476_246_674L);
        assertThat(of(stamp + "\\si:AISD*3F\\")).isEqualTo(1_796_476_246_674L);
        // a receiver's tag block with other parameters is no archive's: its c: is the time
        assertThat(of("\\c:1646956800,s:r1,x:y*00\\$PGHP,1,2013,11,12,12,0,0,11,219,,2190067,1,62*26"))
                .isEqualTo(1_646_956_800_000L);
    }
}
