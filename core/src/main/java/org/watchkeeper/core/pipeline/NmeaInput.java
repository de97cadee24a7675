package org.watchkeeper.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;

/**
 * Turns the messages of one NMEA input (an {@link org.watchkeeper.ais.nmea.AisStreamDecoder}'s
 * output) into observations, giving every message an event time, and passes them in input order
 * to a sink: an {@link Analysis}, or a {@link HandOff} that takes them to the analysis on another
 * thread (so that the mapping runs on the decoding thread, where the decoded objects were made).
 *
 * <p><b>Messages without a receive time.</b> Many real logs time only some lines (the AMSA feed
 * stamps about one line in fifty with an epoch suffix; DMA files put a {@code $PGHP} line before
 * most but not all sentences) and some none at all. With {@link Untimed#CARRY} (the default of
 * {@code analyze}) a message without a time takes the newest event time seen earlier in the same
 * input, which is accurate to the stamping interval (under a second in the AMSA feed); messages
 * before the first timed one wait (at most {@link #MAX_LEADING} of them) and take the first time
 * seen. (A receive clock that does not know the time yet, such as a {@link GnssClock} before the
 * first GNSS sentence, gives {@link Long#MIN_VALUE}, which counts as no time.) In an input with no time at all they take the {@code assumedTime} when one is given and are
 * otherwise dropped and counted ({@link #untimedDropped()}). With {@link Untimed#DROP} only timed
 * messages are analysed. Rejected lines are counted by the decoder's own statistics.
 *
 * <p><b>A server's raw archive.</b> A message whose only time is the receive stamp of a Watchkeeper
 * server's raw archive ({@link TimeSource#ARCHIVE}: when the server received the line, which for a
 * log the server replayed says nothing of when the message was heard) counts as one without a time
 * of its own as long as the input has such times: it takes the newest one seen before it, or waits
 * for the first, as above (with {@link Untimed#DROP} it is dropped), so that analysing the archive of
 * a log gives the log's own times. Only in an input whose first {@link #MAX_LEADING} messages, or
 * all of them, carry no time of their own (the archive of a feed that does not time its lines) are
 * the stamps the messages' times; a message without a stamp there takes the stamp before it (the
 * first one, before any).
 *
 * <p>One instance per input; not thread safe (the sink is called on the caller's thread). The
 * counters are final once {@link #finish()} has returned.
 */
public final class NmeaInput implements AisListener {
    /** Most untimed messages held while waiting for the first receive time of an input. */
    public static final int MAX_LEADING = 100_000;

    /** What to do with a message that carries no receive time. */
    public enum Untimed {
        /** Take the newest receive time seen before it in the same input (see the class comment). */
        CARRY,
        /** Drop it (counted). */
        DROP
    }

    private final Consumer<? super Observation> sink;
    private final ObservationMapper mapper = ObservationMapper.forStream();
    private final Untimed policy;
    private final long assumedTime;
    private long assumed;
    private final List<ReceivedMessage> leading = new ArrayList<>();
    /** The observations of the message being emitted (reused). */
    private final Observation[] out = new Observation[2];
    private long lastTime = Long.MIN_VALUE;
    /** Whether a message with a time of its own (not an archive stamp) has been seen. */
    private boolean ownTimes;
    /** Whether this input is timed by its archive stamps alone (see the class comment). */
    private boolean stampsOnly;
    private long messages;
    private long timed;
    private long carried;
    private long untimedDropped;

    /**
     * @param sink receives the observations, in input order, on the caller's thread
     * @param policy what to do with messages that have no receive time
     * @param assumedTime event time (epoch ms) for the messages of an input that has no time at
     *        all, or {@link Long#MIN_VALUE} to drop them; used only with {@link Untimed#CARRY}
     */
    public NmeaInput(Consumer<? super Observation> sink, Untimed policy, long assumedTime) {
        this.sink = Objects.requireNonNull(sink);
        this.policy = Objects.requireNonNull(policy);
        this.assumedTime = assumedTime;
    }

    /**
     * Feeds {@code analysis} directly, on the caller's thread.
     *
     * @see #NmeaInput(Consumer, Untimed, long)
     */
    public NmeaInput(Analysis analysis, Untimed policy, long assumedTime) {
        this(analysis::accept, policy, assumedTime);
    }

    @Override
    public void message(ReceivedMessage m) {
        messages++;
        boolean stamped = m.timeSource() == TimeSource.ARCHIVE;
        if (m.hasReceiveTime() && m.receiveTimeMillis() != Long.MIN_VALUE && !stamped) {
            timed++;
            long t = m.receiveTimeMillis();
            lastTime = t;
            ownTimes = true;
            if (!leading.isEmpty()) {
                release(t);
            }
            emit(m, t, m.timeSource());
        } else if (stamped && stampsOnly && !ownTimes) {
            timed++;
            lastTime = m.receiveTimeMillis();
            emit(m, lastTime, TimeSource.ARCHIVE);
        } else if (stamped && !ownTimes && leading.size() < MAX_LEADING) {
            leading.add(m); // until the input shows whether it has times of its own
        } else if (stamped && !ownTimes) {
            releaseStamped();
            timed++;
            lastTime = m.receiveTimeMillis();
            emit(m, lastTime, TimeSource.ARCHIVE);
        } else if (policy == Untimed.DROP) {
            untimedDropped++;
        } else if (lastTime != Long.MIN_VALUE) {
            carried++;
            emit(m, lastTime, TimeSource.NONE);
        } else if (leading.size() < MAX_LEADING) {
            leading.add(m);
        } else {
            untimedDropped++;
        }
    }

    @Override
    public void rejected(Rejection r) {
        // counted by the decoder's Stats
    }

    /** The end of the input: messages still waiting for a time take the assumed time or are dropped. */
    public void finish() {
        if (leading.isEmpty()) {
            return;
        }
        for (ReceivedMessage w : leading) {
            if (w.timeSource() == TimeSource.ARCHIVE) {
                releaseStamped();
                return;
            }
        }
        if (assumedTime != Long.MIN_VALUE) {
            assumed += leading.size();
            release(assumedTime);
        } else {
            untimedDropped += leading.size();
            leading.clear();
        }
    }

    private void release(long t) {
        for (ReceivedMessage w : leading) {
            if (policy == Untimed.DROP) {
                untimedDropped++; // an archive stamp, in an input that has times of its own
            } else {
                carried++;
                emit(w, t, TimeSource.NONE);
            }
        }
        leading.clear();
    }

    /**
     * The input is timed by its archive stamps alone: the waiting messages take their stamps, those
     * without one the stamp before them (the first one, before any).
     */
    private void releaseStamped() {
        stampsOnly = true;
        long t = Long.MIN_VALUE;
        for (ReceivedMessage w : leading) {
            if (w.timeSource() == TimeSource.ARCHIVE) {
                t = w.receiveTimeMillis();
                break;
            }
        }
        for (ReceivedMessage w : leading) {
            if (w.timeSource() == TimeSource.ARCHIVE) {
                timed++;
                t = w.receiveTimeMillis();
                emit(w, t, TimeSource.ARCHIVE);
            } else {
                carried++;
                emit(w, t, TimeSource.NONE);
            }
        }
        leading.clear();
        lastTime = t;
    }

    /** @param timeSource the message's own time source, or {@link TimeSource#NONE} for a carried or assumed time */
    private void emit(ReceivedMessage m, long t, TimeSource timeSource) {
        emittingLine = m.lineNumber();
        Observation[] obs = this.out;
        int n = mapper.map(m.message(), t, ObservationMapper.sourceOf(m), timeSource, obs);
        for (int i = 0; i < n; i++) {
            sink.accept(obs[i]);
            obs[i] = null;
        }
    }

    private long emittingLine;

    /**
     * The input line (1-based, of its first fragment) of the message whose observations the sink is
     * being given, read from within the sink; 0 before any.
     */
    public long emittingLine() {
        return emittingLine;
    }

    /** Decoded messages received. */
    public long messages() {
        return messages;
    }

    /** Messages that carried their own receive time (or, in an input timed by them alone, an archive stamp). */
    public long timed() {
        return timed;
    }

    /** Messages analysed with a carried (or assumed) time. */
    public long carried() {
        return carried;
    }

    /** Messages dropped for want of any time. */
    public long untimedDropped() {
        return untimedDropped;
    }

    /** Messages analysed at the assumed time (also counted in {@link #carried()}). */
    public long assumed() {
        return assumed;
    }
}
