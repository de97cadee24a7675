package org.watchkeeper.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;

/**
 * {@link NmeaInput} on real logs: event times (own, carried, leading, assumed), its counters, and
 * the same observations in the same order whether the sink is called directly or through a
 * {@link HandOff} to another thread.
 */
class NmeaInputTest {

    static final Path AIS = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data", "ais");

    /** What one run gave. */
    record Run(List<Observation> observations, NmeaInput input, Set<String> threads) {
    }

    static byte[] read(String file) throws IOException {
        Path p = AIS.resolve(file);
        assumeTrue(Files.isReadable(p), "shared AIS logs absent: " + p);
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
            return in.readAllBytes();
        }
    }

    /** Decodes {@code bytes} into an NmeaInput whose sink is a list, directly or through a hand-off on {@code cores}. */
    static Run run(byte[] bytes, NmeaInput.Untimed policy, long assumed, int cores) {
        List<Observation> out = new ArrayList<>();
        Set<String> threads = new HashSet<>();
        HandOff handOff = new HandOff(o -> {
            out.add(o);
            threads.add(Thread.currentThread().getName());
        }, "nmea-input-test", cores);
        NmeaInput input = new NmeaInput(handOff, policy, assumed);
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, input);
        try {
            decoder.feed(bytes, 0, bytes.length);
            decoder.finish();
            input.finish();
        } finally {
            handOff.close();
        }
        assertThat(input.messages()).isEqualTo(decoder.stats().messages());
        return new Run(out, input, threads);
    }

    /**
     * The AMSA terrestrial feed stamps about one line in fifty with an epoch suffix, the first
     * ones not: those wait and take the first time, the others carry the newest time.
     */
    @Test
    void amsaFeedCarriesTimesAndTheLeadingMessagesTakeTheFirstTime() throws IOException {
        byte[] bytes = read("amsa-risky/ais.txt.gz");
        Run direct = run(bytes, NmeaInput.Untimed.CARRY, Long.MIN_VALUE, 1);
        NmeaInput in = direct.input();
        assertThat(in.timed()).isPositive();
        assertThat(in.carried()).isGreaterThan(in.timed()); // most lines have no time of their own
        assertThat(in.untimedDropped()).isZero();
        assertThat(in.timed() + in.carried()).isEqualTo(in.messages());
        assertThat(direct.threads()).containsExactly(Thread.currentThread().getName());

        List<Observation> obs = direct.observations();
        assertThat(obs.size()).isGreaterThan((int) (in.messages() / 2));

        // Against the messages themselves: a listener before the NmeaInput notes each message's own
        // receive time; every observation must carry the newest own time of the messages up to it,
        // the leading ones (before the first timed message) the first own time.
        long[] newest = {Long.MIN_VALUE};
        long[] firstOwn = {Long.MIN_VALUE};
        int[] leading = {0};
        List<Long> expected = new ArrayList<>();
        List<Observation> got = new ArrayList<>();
        NmeaInput checked = new NmeaInput(o -> {
            got.add(o);
            expected.add(newest[0]);
        }, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                if (m.hasReceiveTime()) {
                    newest[0] = m.receiveTimeMillis();
                    if (firstOwn[0] == Long.MIN_VALUE) {
                        firstOwn[0] = newest[0];
                    }
                } else if (firstOwn[0] == Long.MIN_VALUE) {
                    leading[0]++;
                }
                checked.message(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        decoder.feed(bytes, 0, bytes.length);
        decoder.finish();
        checked.finish();
        assertThat(got).containsExactlyElementsOf(obs);
        // (the leading messages are released while the first timed message is handled: the newest
        // own time then is the first one)
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).time()).as("observation %d", i).isEqualTo(expected.get(i));
        }
        assertThat(leading[0]).isPositive(); // the log starts with untimed lines
        assertThat(got.get(0).time()).isEqualTo(firstOwn[0]);
        assertThat(((PositionObservation) got.get(0)).timeSource()).isEqualTo(TimeSource.NONE);
        assertThat(obs.stream().filter(o -> o instanceof PositionObservation p && p.timeSource() == TimeSource.NONE)
                .count()).isPositive();

        Run threaded = run(bytes, NmeaInput.Untimed.CARRY, Long.MIN_VALUE, 2);
        assertThat(threaded.observations()).containsExactlyElementsOf(obs);
        assertThat(threaded.threads()).containsExactly("nmea-input-test");
        assertThat(threaded.input().timed()).isEqualTo(in.timed());
        assertThat(threaded.input().carried()).isEqualTo(in.carried());
    }

    /** With DROP only the timed messages give observations; the rest are counted. */
    @Test
    void dropPolicyKeepsOnlyTimedMessages() throws IOException {
        byte[] bytes = read("amsa-risky/ais.txt.gz");
        Run carry = run(bytes, NmeaInput.Untimed.CARRY, Long.MIN_VALUE, 1);
        Run drop = run(bytes, NmeaInput.Untimed.DROP, Long.MIN_VALUE, 2);
        NmeaInput in = drop.input();
        assertThat(in.carried()).isZero();
        assertThat(in.timed()).isEqualTo(carry.input().timed());
        assertThat(in.untimedDropped()).isEqualTo(in.messages() - in.timed()).isPositive();
        List<Observation> timedOnly = carry.observations().stream()
                .filter(o -> !(o instanceof PositionObservation p) || p.timeSource() != TimeSource.NONE)
                .toList();
        // identity observations of untimed messages also go: compare the positions
        assertThat(drop.observations().stream().filter(o -> o instanceof PositionObservation).toList())
                .containsExactlyElementsOf(timedOnly.stream().filter(o -> o instanceof PositionObservation).toList());
    }

    /** A log with no time at all: every message dropped, or all at the assumed time. */
    @Test
    void inputWithoutAnyTimeIsDroppedOrTakesTheAssumedTime() throws IOException {
        byte[] bytes = read("dma-aislib/ais250.txt");
        Run dropped = run(bytes, NmeaInput.Untimed.CARRY, Long.MIN_VALUE, 2);
        assertThat(dropped.input().messages()).isPositive();
        assertThat(dropped.input().untimedDropped()).isEqualTo(dropped.input().messages());
        assertThat(dropped.observations()).isEmpty();

        long assumed = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
        Run assumedRun = run(bytes, NmeaInput.Untimed.CARRY, assumed, 2);
        assertThat(assumedRun.input().carried()).isEqualTo(assumedRun.input().messages());
        assertThat(assumedRun.input().untimedDropped()).isZero();
        assertThat(assumedRun.observations()).isNotEmpty().allSatisfy(o -> assertThat(o.time()).isEqualTo(assumed));
        assertThat(assumedRun.observations()).containsExactlyElementsOf(
                run(bytes, NmeaInput.Untimed.CARRY, assumed, 1).observations());
    }

    /**
     * {@code lines} as a server's raw archive writes them: each behind {@code \c:<ms>,x:<source>*hh\},
     * the receive times {@code from}, {@code from + 1}, ... ms (a server's wall clock, long after the log).
     */
    static byte[] archived(byte[] log, String source, long from) {
        StringBuilder sb = new StringBuilder();
        long t = from;
        for (String line : new String(log, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String body = "c:" + t++ + ",x:" + source;
            int x = 0;
            for (int i = 0; i < body.length(); i++) {
                x ^= body.charAt(i);
            }
            sb.append('\\').append(body).append(String.format("*%02X", x)).append('\\').append(line).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static final long SERVER_TIME = 1_796_476_246_000L; // 2026-12-05T13:10:46Z

    /**
     * The raw archive of a server that replayed AMSA's feed gives the feed's observations with the
     * feed's times (2012), not the server's (2026): the archive's receive time gives way to the
     * lines' epoch suffixes and, on the lines without one, to the carried time, as in the log itself.
     */
    @Test
    void aServerArchiveOfTheAmsaFeedGivesTheFeedsOwnTimes() throws IOException {
        byte[] log = read("amsa-risky/ais.txt.gz");
        for (NmeaInput.Untimed policy : NmeaInput.Untimed.values()) {
            Run original = run(log, policy, Long.MIN_VALUE, 1);
            Run archive = run(archived(log, "amsa", SERVER_TIME), policy, Long.MIN_VALUE, 1);
            assertThat(archive.observations()).as(policy.name()).hasSize(original.observations().size())
                    .containsExactlyElementsOf(original.observations());
            assertThat(archive.input().timed()).isEqualTo(original.input().timed());
            assertThat(archive.input().carried()).isEqualTo(original.input().carried());
            assertThat(archive.input().untimedDropped()).isEqualTo(original.input().untimedDropped());
        }
        List<Observation> obs = run(archived(log, "amsa", SERVER_TIME), NmeaInput.Untimed.CARRY, Long.MIN_VALUE, 1).observations();
        // all of January 2012, none at the server's receive time
        assertThat(obs).hasSize(34_297).allSatisfy(o -> assertThat(o.time()).isBetween(1_325_376_000_000L, 1_328_054_400_000L));
    }

    /**
     * The archive of a feed whose lines carry no time (DMA's ais250.txt, analysed alone it needs
     * --assume-time): each message takes the time the server received its line; so does every message
     * of a longer such archive, once more messages than wait for a first own time have gone by.
     */
    @Test
    void anArchiveOfAFeedWithoutTimesTakesTheServersReceiveTimes() throws IOException {
        byte[] log = read("dma-aislib/ais250.txt");
        byte[] archive = archived(log, "feed", SERVER_TIME);
        for (NmeaInput.Untimed policy : NmeaInput.Untimed.values()) {
            Run r = run(archive, policy, Long.MIN_VALUE, 1);
            assertThat(r.input().messages()).isEqualTo(235);
            assertThat(r.input().timed()).isEqualTo(235);
            assertThat(r.input().carried()).isZero();
            assertThat(r.input().untimedDropped()).isZero();
            // line k (1-based) was received at SERVER_TIME + k - 1; the first message is on line 1
            assertThat(r.observations().get(0).time()).isEqualTo(SERVER_TIME);
            assertThat(r.observations()).allSatisfy(o -> assertThat(o.time()).isBetween(SERVER_TIME, SERVER_TIME + 242));
        }
        // 430 times the log: over 100 000 messages, more than wait for a first own time
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 430; i++) {
            many.writeBytes(log);
        }
        byte[] big = archived(many.toByteArray(), "feed", SERVER_TIME);
        List<Observation> got = new ArrayList<>();
        NmeaInput input = new NmeaInput(got::add, NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        long[] sources = {0};
        AisStreamDecoder decoder = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
            @Override
            public void message(ReceivedMessage m) {
                if (m.timeSource() == TimeSource.ARCHIVE) {
                    sources[0]++;
                }
                input.message(m);
            }

            @Override
            public void rejected(Rejection r) {
            }
        });
        decoder.feed(big, 0, big.length);
        decoder.finish();
        input.finish();
        assertThat(input.messages()).isEqualTo(decoder.stats().messages()).isEqualTo(sources[0])
                .isGreaterThan(NmeaInput.MAX_LEADING);
        assertThat(input.timed()).isEqualTo(input.messages());
        assertThat(got).hasSizeGreaterThan(NmeaInput.MAX_LEADING);
        assertThat(input.untimedDropped()).isZero();
        // in input order, each at its own line's receive time: never earlier than the one before
        for (int i = 1; i < got.size(); i++) {
            assertThat(got.get(i).time()).isGreaterThanOrEqualTo(got.get(i - 1).time());
        }
        assertThat(got.get(0).time()).isEqualTo(SERVER_TIME);
        assertThat(got.get(got.size() - 1).time()).isBetween(SERVER_TIME + 100_000, SERVER_TIME + 430 * 243);
    }
}
