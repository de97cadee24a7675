package org.watchkeeper.ais.nmea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.watchkeeper.ais.RejectReason;

/** Every real AIS log in shared/data/ais: every line accounted for exactly once, and the documented quirks. */
class RealFilesTest {

    static Path aisDir() {
        Path dir = Nmea.shared().resolve("data/ais");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no real AIS logs at " + dir);
        return dir;
    }

    static byte[] read(Path f) throws IOException {
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
            return in.readAllBytes();
        }
    }

    /** Lines as the NMEA layer defines them (LF, CRLF or CR ends a line; a last unterminated line counts). */
    static long countLines(byte[] b) {
        long n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                n++;
                if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
            }
        }
        if (b.length > 0 && b[b.length - 1] != '\n' && b[b.length - 1] != '\r') {
            n++;
        }
        return n;
    }

    record Run(AisStreamDecoder decoder, List<ReceivedMessage> messages, List<Rejection> rejections) {
    }

    static Run decode(Path f, Options o) throws IOException {
        List<Object> out = new ArrayList<>();
        AisStreamDecoder d = new AisStreamDecoder(o, Nmea.collector(out));
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
            d.consume(in);
        }
        return new Run(d, Nmea.messages(out), Nmea.rejections(out));
    }

    @TestFactory
    Stream<DynamicTest> everyLineOfEveryFileIsAccountedForOnce() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(aisDir())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(aisDir().relativize(f).toString(), () -> {
            long expectedLines = countLines(read(f));
            Run r = decode(f, Options.DEFAULT);
            Stats s = r.decoder().stats();
            assertThat(s.lines()).isEqualTo(expectedLines);
            assertThat(s.accountedLines()).isEqualTo(expectedLines);
            assertThat(s.pendingFragmentLines()).isZero();
            assertThat((long) r.rejections().size()).isEqualTo(s.rejectedLines());
            assertThat(r.messages().stream().mapToLong(ReceivedMessage::sentences).sum()).isEqualTo(s.messageSentences());
            assertThat((long) r.messages().size()).isEqualTo(s.messages());
            // each rejected line is reported once
            assertThat(r.rejections().stream().map(Rejection::lineNumber).distinct().count()).isEqualTo(r.rejections().size());
            assertThat(r.rejections()).allSatisfy(x -> assertThat(x.lineNumber()).isBetween(1L, expectedLines));
            if (!f.getFileName().toString().equals("nmea-timestamped.txt")) {
                assertThat(s.messages()).isPositive();
            }
            assertThat(s.rejected(RejectReason.NOT_A_SENTENCE)).isZero();
        }));
    }

    @Test
    void dmaSampleTakesEveryTimeFromPghpAndCountsTagBlockOnlyLines() throws IOException {
        Path f = aisDir().resolve("dma-aisabnormal/ais-sample.txt.gz");
        Assumptions.assumeTrue(Files.isRegularFile(f));
        Run r = decode(f, Options.DEFAULT);
        Stats s = r.decoder().stats();
        assertThat(s.tagBlockOnlyLines()).isEqualTo(26077); // one \si:AISD*3F\ per message
        assertThat(s.otherSentences()).containsKeys("PGHP", "PSTT");
        long from = Instant.parse("2013-11-12T12:00:00Z").toEpochMilli();
        long to = Instant.parse("2013-11-12T12:05:00Z").toEpochMilli();
        assertThat(r.messages()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.timeSource()).isEqualTo(TimeSource.PGHP);
            assertThat(m.receiveTimeMillis()).isBetween(from, to);
        });
        assertThat(r.messages()).anyMatch(ReceivedMessage::ownShip).anyMatch(m -> m.talker().equals("BS"));
    }

    @Test
    void amsaFeedAcceptsEqualsTalkerAndCountsOtherSentences() throws IOException {
        Path f = aisDir().resolve("amsa-risky/ais.txt.gz");
        Assumptions.assumeTrue(Files.isRegularFile(f));
        Run r = decode(f, Options.DEFAULT);
        Stats s = r.decoder().stats();
        assertThat(r.messages()).anyMatch(m -> m.talker().equals("=I"));
        assertThat(r.messages()).anyMatch(m -> m.talker().equals("AS"));
        assertThat(s.otherSentences()).containsKeys("ABVSI", "PSHI", "GPRMC", "PAIS", "BSALR");
        // both corrupt ('=I' with a wrong checksum) and truncated lines exist in this feed
        assertThat(s.rejected(RejectReason.BAD_CHECKSUM)).isPositive();
        assertThat(s.rejected(RejectReason.NO_CHECKSUM)).isPositive();
    }

    @Test
    void exactEarthMessagesAllHaveATime() throws IOException {
        Path f = aisDir().resolve("amsa-risky/exact-earth-augmented-3.txt");
        Assumptions.assumeTrue(Files.isRegularFile(f));
        Run r = decode(f, Options.DEFAULT);
        assertThat(r.messages()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.timeSource()).isIn(TimeSource.PGHP, TimeSource.TRAILER);
            assertThat(m.trailer()).matches("\\d{13}");
        });
        assertThat(r.messages()).anyMatch(m -> m.timeSource() == TimeSource.PGHP);
    }

    @Test
    void placeholderTagBlockChecksumsRejectedUnlessAccepted() throws IOException {
        Path f = aisDir().resolve("amsa-risky/nmea-timestamped.txt");
        Assumptions.assumeTrue(Files.isRegularFile(f));
        Run strict = decode(f, Options.DEFAULT);
        assertThat(strict.decoder().stats().rejected(RejectReason.BAD_TAG_BLOCK_CHECKSUM)).isEqualTo(100);
        Run accepted = decode(f, Options.DEFAULT.withAcceptBadTagBlockChecksum(true));
        assertThat(accepted.decoder().stats().rejected(RejectReason.BAD_TAG_BLOCK_CHECKSUM)).isZero();
        assertThat(accepted.messages()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.timeSource()).isEqualTo(TimeSource.TAG_BLOCK);
            assertThat(m.tagBlock().checksumVerified()).isFalse();
        });
    }

    @Test
    void tagBlockGroupsReassemble() throws IOException {
        Path f = aisDir().resolve("amsa-risky/exact-earth-with-tag-block.txt");
        Assumptions.assumeTrue(Files.isRegularFile(f));
        Run r = decode(f, Options.DEFAULT);
        // g:-grouped two-sentence type 5 messages: decoded together, or rejected together for their type
        assertThat(r.decoder().stats().rejected(RejectReason.ORPHAN_FRAGMENT)).isZero();
        assertThat(r.decoder().stats().rejected(RejectReason.INCOMPLETE_MESSAGE)).isZero();
        // the source is the tag block s: of fragment 1 where there is one: 183 satellite messages
        // (4 of them two-sentence type 5) carry s:rEV02; the 17 g:-grouped BSVDM type 5 carry none
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.source()).isEqualTo(m.tagBlock().s()));
        assertThat(r.messages().stream().filter(m -> "rEV02".equals(m.source())).count()).isEqualTo(183);
        assertThat(r.messages().stream().filter(m -> m.source() == null && m.sentences() == 2).count()).isEqualTo(17);
    }
}
