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
}
