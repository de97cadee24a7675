package org.watchkeeper.core.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.watchkeeper.core.observation.HeardObservation;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;

/**
 * The analysis pipeline after decoding: observations in event-time order go into the
 * {@link VesselPicture} (which runs them through its {@link Tracker}), and every step is reported
 * to the {@link AnalysisListener}s (history store, report, detectors). Free of I/O and SQL: the
 * caller feeds observations ({@link NmeaInput} turns decoded NMEA into them, the CSV readers of
 * {@code org.watchkeeper.core.csv} produce them, {@link TimeOrderedBuffer} sorts a CSV export first)
 * and the listeners decide what to keep.
 *
 * <p>Every station heard enters the picture, also one heard only through messages that carry neither
 * position nor identity ({@link HeardObservation}); those go to no listener's
 * {@link AnalysisListener#observation} (the detectors' input: positions and identities).
 *
 * <p>Besides the picture it counts: observations by kind, positions accepted and rejected by
 * {@link NoiseReason}, the event-time span, and per vessel the accepted positions and the number of
 * track segments ({@link #tally(int)}, kept in the tracker's per-vessel record, so that picture,
 * tracker and tally cost one look-up per observation). Bounded like the picture: a vessel's tally
 * goes with it when the picture drops it ({@code maxVessels}, least recently used first).
 *
 * <p>Not thread safe: feed it from one thread; listeners are called on that thread.
 */
public final class Analysis {

    /** Per-vessel counters kept by the analysis (a copy taken by {@link #tally(int)}). */
    public static final class Tally {
        private final long positions;
        private final int segments;

        Tally(long positions, int segments) {
            this.positions = positions;
            this.segments = segments;
        }

        /** Accepted positions of the vessel. */
        public long positions() {
            return positions;
        }

        /** Track segments the vessel's accepted positions form (the highest segment number, 1..). */
        public int segments() {
            return segments;
        }
    }

    private final VesselPicture picture;
    private final Tracker tracker;
    private final AnalysisListener[] listeners;
    private long positionObservations;
    private long identityObservations;
    private long heardObservations;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private final org.watchkeeper.ais.nmea.PositionSpan positionSpan = new org.watchkeeper.ais.nmea.PositionSpan();
    private boolean finished;

    /**
     * @param config tracker settings (land mask, segmentation thresholds, vessels held)
     * @param listeners told of every step, in the order given
     */
    public Analysis(TrackerConfig config, List<? extends AnalysisListener> listeners) {
        this.listeners = listeners.toArray(new AnalysisListener[0]);
        this.tracker = new Tracker(config, this::closed, null);
        this.picture = new VesselPicture(tracker, config.maxVessels());
        this.picture.setChangeListener((mmsi, c) -> {
            for (AnalysisListener l : this.listeners) {
                l.identityChange(mmsi, c);
            }
        });
    }

    private void closed(Segment s) {
        for (AnalysisListener l : listeners) {
            l.segmentClosed(s);
        }
    }

    /**
     * Applies one observation.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public void accept(Observation o) {
        Objects.requireNonNull(o);
        if (finished) {
            throw new IllegalStateException("analysis already finished");
        }
        long t = o.time();
        if (t < first) {
            first = t;
        }
        if (t > last) {
            last = t;
        }
        if (o instanceof PositionObservation) {
            positionSpan.position(t);
        } else {
            positionSpan.other(t);
        }
        if (o instanceof PositionObservation p) {
            for (AnalysisListener l : listeners) {
                l.observation(o);
            }
            Tracker.Decision d = picture.accept(o);
            positionObservations++;
            for (AnalysisListener l : listeners) {
                l.position(p, d);
            }
        } else if (o instanceof IdentityObservation id) {
            for (AnalysisListener l : listeners) {
                l.observation(o);
            }
            picture.accept(o);
            identityObservations++;
            for (AnalysisListener l : listeners) {
                l.identity(id);
            }
        } else {
            // heard only: the picture keeps the station; no detector judges it
            picture.accept(o);
            heardObservations++;
        }
    }

    /**
     * The end of input: closes every open segment (each is reported to
     * {@link AnalysisListener#segmentClosed}), then calls {@link AnalysisListener#finished}. Calling
     * it again does nothing.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        tracker.flush();
        for (AnalysisListener l : listeners) {
            l.finished(this);
        }
    }

    /** The picture: merged identity, class, flag and position of record per vessel. */
    public VesselPicture picture() {
        return picture;
    }

    /** The tracker behind the picture (accepted and rejected counts). */
    public Tracker tracker() {
        return tracker;
    }

    /**
     * Counters of one vessel as they are now, or null when it has no accepted position (or was
     * dropped); does not count as a use of the vessel.
     */
    public Tally tally(int mmsi) {
        Tracker.Track t = tracker.findTrack(mmsi, false);
        return t == null || t.acceptedFixes() == 0 ? null : new Tally(t.acceptedFixes(), t.highestSegment());
    }

    /** Position observations seen (accepted or not). */
    public long positionObservations() {
        return positionObservations;
    }

    /** Identity observations seen. */
    public long identityObservations() {
        return identityObservations;
    }

    /**
     * Observations of messages that carry neither position nor identity ({@link HeardObservation}):
     * they put their station in the picture and reach no listener's {@link AnalysisListener#observation}.
     */
    public long heardObservations() {
        return heardObservations;
    }

    /** Positions the tracker accepted into a segment. */
    public long acceptedPositions() {
        return tracker.accepted();
    }

    /** Rejected positions by reason (reasons without rejections are absent). */
    public Map<NoiseReason, Long> rejectedPositions() {
        return tracker.rejected();
    }

    /** Event time of the earliest observation (epoch ms), or {@link Long#MAX_VALUE} when none. */
    public long firstTime() {
        return first;
    }

    /** Event time of the latest observation (epoch ms), or {@link Long#MIN_VALUE} when none. */
    public long lastTime() {
        return last;
    }

    /**
     * The event times of the position observations, and of the other observations (identities, messages heard
     * only) that lie far outside them ({@link org.watchkeeper.ais.nmea.PositionSpan}).
     */
    public org.watchkeeper.ais.nmea.PositionSpan positionSpan() {
        return positionSpan;
    }

    /** The listeners, in call order. */
    public List<AnalysisListener> listeners() {
        return Collections.unmodifiableList(new ArrayList<>(List.of(listeners)));
    }
}
