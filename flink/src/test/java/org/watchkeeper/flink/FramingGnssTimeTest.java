package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.NmeaInput;

/**
 * A log timed by its receiver's GNSS sentences ({@code $GPZDA}, {@code $GPRMC}, {@code $GPGGA}) in the
 * framing ({@link FramingFunction}): its messages take the times {@code analyze} gives them (decoder with
 * a {@link GnssClock}, then {@link NmeaInput}), those before the first GNSS time included, also when the
 * job is restored from a snapshot between the lines; and the line clock of the watermarks agrees.
 */
class FramingGnssTimeTest {
    static final String BARE = FramingArchiveTimeTest.BARE;
    static final long G1 = 1_241_524_800_000L; // 2009-05-05T12:00:00Z ($GPZDA)
    static final long G2 = G1 + 90_000; // 12:01:30 ($GPRMC)
    static final long G3 = G1 + 120_000; // 12:02:00 ($GPGGA)
    static final long TRAILER = G1 + 100_000; // an epoch trailer at 12:01:40

    static String nmea(String body) {
        return "$" + body + "*" + FramingStrayTimeTest.hex(body);
    }

    /** Untimed reports, a $GPZDA, reports, a $GPRMC, reports (one with a trailer), a $GPGGA, reports. */
    static final List<String> LOG = List.of(BARE, BARE, "$BSALR,,006,V,V,general failure*62",
            nmea("GPZDA,120000.00,05,05,2009,,"), BARE, BARE,
            nmea("GPRMC,120130.00,A,3351.600,S,15112.700,E,0.0,0.0,050509,,,A"), BARE,
            BARE + ",rSTATION," + TRAILER / 1000, BARE,
            nmea("GPGGA,120200.00,3351.600,S,15112.700,E,1,08,1.0,10.0,M,20.0,M,,"), BARE, BARE);

    static final List<Long> EXPECTED = List.of(G1, G1, G1, G1, G2, TRAILER, G2, G3, G3);

    /** What analyze gives the log's messages: its decoder with a GNSS clock, then NmeaInput carrying times. */
    static List<Long> analyzed(List<String> lines) {
        List<Long> times = new ArrayList<>();
        NmeaInput input = new NmeaInput(o -> times.add(o.time()), NmeaInput.Untimed.CARRY, Long.MIN_VALUE);
        AisStreamDecoder d = new AisStreamDecoder(Options.DEFAULT, input);
        new GnssClock(d);
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
            d.line(b, 0, b.length);
        }
        d.finish();
        input.finish();
        return times;
    }

    static RawLine raw(String line) {
        return new RawLine("rx", line, LineTime.of(line));
    }

    static void feed(FramingStrayTimeTest.Framing f, List<String> lines) throws Exception {
        for (String l : lines) {
            f.feed(raw(l));
        }
    }

    @Test
    void analyzeGivesTheExpectedTimes() {
        assertThat(analyzed(LOG)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aGnssTimedLogTakesAnalyzesTimes() throws Exception {
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            feed(f, LOG);
            f.h.processWatermark(Long.MAX_VALUE);
            assertThat(f.passed()).containsExactlyElementsOf(analyzed(LOG));
            assertThat(f.h.extractOutputValues()).extracting(o -> ((PositionObservation) o).timeSource())
                    .containsExactly(TimeSource.NONE, TimeSource.NONE, TimeSource.RECEIVE_CLOCK, TimeSource.RECEIVE_CLOCK,
                            TimeSource.RECEIVE_CLOCK, TimeSource.TRAILER, TimeSource.RECEIVE_CLOCK,
                            TimeSource.RECEIVE_CLOCK, TimeSource.RECEIVE_CLOCK);
            assertThat(((Counter) f.metrics.get(FramingFunction.UNTIMED_METRIC)).getCount()).isZero();
        }
    }

    @Test
    void theClockAndTheWaitingMessagesSurviveRestores() throws Exception {
        List<Long> passed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        // 1: two reports wait for the first time
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            feed(f, LOG.subList(0, 3));
            assertThat(f.passed()).isEmpty();
            snapshot = f.h.snapshot(1, 1);
        }
        // 2: the $GPZDA gives them their time; the clock then times the reports after it
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(snapshot)) {
            feed(f, LOG.subList(3, 6));
            passed.addAll(f.passed());
            assertThat(f.passed()).containsExactly(G1, G1, G1, G1);
            snapshot = f.h.snapshot(2, 2);
        }
        // 3: restored, the clock still knows 12:00:00 (no GNSS line since)
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(snapshot)) {
            feed(f, List.of(BARE));
            assertThat(f.passed()).containsExactly(G1);
            passed.addAll(f.passed());
            snapshot = f.h.snapshot(3, 3);
        }
        // 4: restored from 3, the rest of the log
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(snapshot)) {
            feed(f, LOG.subList(6, LOG.size()));
            f.h.processWatermark(Long.MAX_VALUE);
            passed.addAll(f.passed());
        }
        List<Long> expected = new ArrayList<>(analyzed(LOG));
        expected.add(4, G1); // the report of 3
        assertThat(passed).containsExactlyElementsOf(expected);
    }

    @Test
    void aSourceThatNeverHasATimeHasItsMessagesCountedAtTheEnd() throws Exception {
        try (FramingStrayTimeTest.Framing f = new FramingStrayTimeTest.Framing(null)) {
            feed(f, List.of(BARE, BARE, BARE));
            f.h.processWatermark(Long.MAX_VALUE);
            assertThat(f.passed()).isEmpty();
            assertThat(analyzed(List.of(BARE, BARE, BARE))).isEmpty();
            assertThat(((Counter) f.metrics.get(FramingFunction.UNTIMED_METRIC)).getCount()).isEqualTo(3);
        }
    }

    @Test
    void theLineClockGivesTheMessagesAnalyzesTimes() {
        LineTime clock = new LineTime();
        List<Long> lineTimes = new ArrayList<>();
        List<Boolean> stated = new ArrayList<>();
        for (String l : LOG) {
            lineTimes.add(clock.next(l));
            stated.add(clock.stated());
        }
        // before the first time none; the GNSS lines and the trailer state theirs, the reports take the clock's
        assertThat(lineTimes).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, G1, G1, G1, G2, G2, TRAILER,
                G2, G3, G3, G3);
        assertThat(stated).containsExactly(false, false, false, true, false, false, true, false, true, false, true, false,
                false);
    }
}
