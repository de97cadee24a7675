package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * Lines of a server's raw archive in the framing ({@link FramingFunction}): a message without a time of
 * its own takes its source's last time of its own, as analyze carries it, not the archive's stamp (when
 * the server received the line); the stamp times only a source that has shown no time of its own.
 */
class FramingArchiveTimeTest {
    static final long RECEIVED = 1_780_000_000_000L; // 2026-05-28, when the server received the lines
    static final long HEARD = 1_241_544_035_000L; // 2009-05-05T17:20:35Z, when the receiver heard the first
    static final String TAGGED = "\\s:r003669945,c:1241544035*" + FramingStrayTimeTest.hex("s:r003669945,c:1241544035")
            + "\\!AIVDM,1,1,,B,15N4cJ`005Jrek0H@9n`DW5608EP,0*13";
    static final String BARE = "!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26";

    /** {@code line} as a server's raw archive keeps it from source {@code source}, received at {@code received}. */
    static RawLine archived(String source, long received, String line) {
        String params = "c:" + received + ",x:" + source;
        return new RawLine(source, "\\" + params + "*" + FramingStrayTimeTest.hex(params) + "\\" + line, received);
    }

    @Test
    void anArchivedMessageWithoutATimeCarriesItsSourcesTimeAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            f.feed(archived("log", RECEIVED, TAGGED), archived("log", RECEIVED + 1, BARE));
            assertThat(f.passed()).containsExactly(HEARD, HEARD);
            assertThat(f.h.extractOutputValues()).extracting(o -> ((PositionObservation) o).timeSource())
                    .containsExactly(TimeSource.TAG_BLOCK, TimeSource.NONE);
            snapshot = f.h.snapshot(1, 1);
        }
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(snapshot)) {
            f.feed(archived("log", RECEIVED + 2, BARE), archived("log", RECEIVED + 3, BARE + ",rSTATION,1241544099"),
                    archived("log", RECEIVED + 4, BARE));
            assertThat(f.passed()).containsExactly(HEARD, 1_241_544_099_000L, 1_241_544_099_000L);
        }
    }

    @Test
    void theStampsTimeASourceWithoutTimesOfItsOwn() throws Exception {
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            f.feed(archived("feed", RECEIVED, BARE), archived("feed", RECEIVED + 1_000, BARE));
            assertThat(f.passed()).containsExactly(RECEIVED, RECEIVED + 1_000);
            assertThat(f.h.extractOutputValues()).extracting(o -> ((PositionObservation) o).timeSource())
                    .containsExactly(TimeSource.ARCHIVE, TimeSource.ARCHIVE);
        }
    }
}
