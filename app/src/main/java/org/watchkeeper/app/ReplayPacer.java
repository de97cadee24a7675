package org.watchkeeper.app;

import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.pipeline.GnssClock;

/**
 * When each line of a replayed log is sent, for {@code kafka-publish} and {@code send}; the one place
 * that paces a replay in the command line.
 *
 * <p>By the log's own time ({@link #bySpeed}): a decoder reads the receive time of each message as
 * {@code decode} and {@code analyze} read it (tag block {@code c:}, {@code $PGHP}, a trailing epoch;
 * the GNSS sentences of a shipborne receiver's log, {@link GnssClock}, for messages that carry none),
 * and the line completing a message is due {@code (time - first time) / speed} after the first timed
 * message was sent. Lines before the first timed message, the other lines of a message (a {@code $PGHP},
 * a tag block line, a first fragment) and messages whose time goes backwards go without waiting.
 *
 * <p>At a fixed rate ({@link #byRate}): line {@code i} (from 0) is due {@code i / rate} seconds after
 * the first.
 *
 * <p>The schedule ({@link #due}) is a pure function of the lines given so far, so that it can be
 * tested on a real log without a clock; {@link #await} turns it into waiting. Not thread safe.
 */
final class ReplayPacer {
    /** {@link #due}: the line goes at once, without waiting and without setting the schedule's origin. */
    static final long NOW = Long.MIN_VALUE;

    private final double speed;
    private final double rate;
    private final AisStreamDecoder decoder;
    /** The time of the message the last line completed, or MIN_VALUE. */
    private long latest = Long.MIN_VALUE;
    /** The log time of the schedule's origin (speed), or MIN_VALUE before it. */
    private long firstFeed = Long.MIN_VALUE;
    /** Lines scheduled so far (rate). */
    private long index;
    /** System.nanoTime() of the schedule's origin; valid when {@link #anchored}. */
    private long originWall;
    private boolean anchored;

    private ReplayPacer(double speed, double rate) {
        this.speed = speed;
        this.rate = rate;
        if (speed > 0) {
            decoder = new AisStreamDecoder(Options.DEFAULT.withLenientChecksum(true).withAcceptBadTagBlockChecksum(true),
                    new AisListener() {
                        @Override
                        public void message(ReceivedMessage m) {
                            if (m.receiveTimeMillis() != Long.MIN_VALUE) {
                                latest = m.receiveTimeMillis();
                            }
                        }

                        @Override
                        public void rejected(Rejection r) {
                        }
                    });
            new GnssClock(decoder); // attaches itself; times only messages that carry no time of their own
        } else {
            decoder = null;
        }
    }

    /** Pacing at {@code speed} times the log's own time ({@code speed > 0}). */
    static ReplayPacer bySpeed(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        return new ReplayPacer(speed, 0);
    }

    /** Pacing at {@code linesPerSecond} lines a second ({@code > 0}). */
    static ReplayPacer byRate(double linesPerSecond) {
        if (!(linesPerSecond > 0) || Double.isInfinite(linesPerSecond)) {
            throw new IllegalArgumentException("rate must be > 0: " + linesPerSecond);
        }
        return new ReplayPacer(0, linesPerSecond);
    }

    /**
     * When {@code line} (without its terminator) is due, in nanoseconds after the schedule's origin (the
     * first timed message by speed, the first line by rate: that line is due at 0), or {@link #NOW}. A
     * value before 0, or before the time already passed, means no waiting either.
     */
    long due(byte[] line, int off, int len) {
        if (decoder == null) {
            return Math.round(index++ * 1e9 / rate);
        }
        latest = Long.MIN_VALUE;
        decoder.line(line, off, len);
        long t = latest;
        if (t == Long.MIN_VALUE) {
            return NOW;
        }
        if (firstFeed == Long.MIN_VALUE) {
            firstFeed = t;
            return 0;
        }
        return (long) ((t - firstFeed) * 1e6 / speed);
    }

    /**
     * Whether the lines since the start or the last {@link #restart} gave the schedule a time to go by: always by
     * rate; by speed, once a line completed a timed message. A log without receive times is sent unpaced by speed.
     */
    boolean timed() {
        return decoder == null || firstFeed != Long.MIN_VALUE;
    }

    /**
     * Starts the schedule again (by speed): the next timed message is sent at once and is the new
     * origin. For the next file or the next pass of a loop, whose times do not follow the last ones.
     * A rate goes on unchanged.
     */
    void restart() {
        if (decoder != null) {
            decoder.finish();
            latest = Long.MIN_VALUE;
            firstFeed = Long.MIN_VALUE;
            anchored = false;
        }
    }

    /**
     * Waits until {@code due} (from {@link #due}) has come. The first line not {@link #NOW} after
     * the start or a {@link #restart} sets the origin to the present and goes at once.
     *
     * @param beforeWaiting run once before an actual wait (to send what is buffered, so that it goes at
     *     its own time rather than with the late line)
     * @return whether it waited
     */
    boolean await(long due, IoAction beforeWaiting) throws java.io.IOException {
        if (due == NOW) {
            return false;
        }
        if (!anchored) {
            anchored = true;
            originWall = System.nanoTime() - Math.max(0, due);
            return false;
        }
        long wait = originWall + due - System.nanoTime();
        if (wait <= 0) {
            return false;
        }
        if (beforeWaiting != null) {
            beforeWaiting.run();
            wait = originWall + due - System.nanoTime();
        }
        while (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while pacing");
            }
            wait = originWall + due - System.nanoTime();
        }
        return true;
    }

    /** Waits as {@link #due} and {@link #await} say before {@code line} is sent. */
    void before(byte[] line) throws java.io.IOException {
        await(due(line, 0, line.length), null);
    }

    /** Something to do that may fail with an I/O error. */
    @FunctionalInterface
    interface IoAction {
        void run() throws java.io.IOException;
    }
}
