package org.watchkeeper.core.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.watchkeeper.ais.Names;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.Eta;
import org.watchkeeper.core.observation.HeardObservation;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.ref.FlagState;
import org.watchkeeper.core.ref.MaritimeIdentificationDigits;
import org.watchkeeper.core.track.Tracker;

/**
 * The live picture: per MMSI the position of record, motion, merged identity (from types 5, 19,
 * 21, 24A/24B and CSV rows: each field keeps the newest value any message reported, a message that
 * does not carry a field leaves it alone), class, flag, the messages heard from it and the history of
 * identity changes. Every station heard is in it, also one heard only through messages that carry
 * neither position nor identity ({@link HeardObservation}: binary, safety, management messages),
 * with what those tell: when it was heard, how often, and its class where the type or the MMSI tells.
 *
 * <p>Positions go through the {@link Tracker} first: only a fix the tracker accepts becomes the
 * position of record, so duplicates, out-of-order, future-dated, on-land and superseded type 27
 * fixes (case B32) never move a vessel. Class is inferred from what the station itself sends
 * ({@link StationClass#ofMessageType}): 1-3 and 5 say A, 18, 19 and 24 say B, 27 says nothing, so a
 * 24A before any position makes the target B, never A (case B34). A position report's evidence
 * outweighs a static message's: a feed may add static data of its own (exactEarth's augmented
 * satellite feed relays a type 5 for Class B units in {@code !BSVDM} sentences), while a station's
 * position reports are its own. Among evidence of one weight the newest by event time wins, so the
 * class does not depend on the order the messages arrived in; each change is recorded. A station
 * none of whose messages told its class has the class its MMSI tells ({@link StationClass#ofMmsi}:
 * base station, aid to navigation or SAR aircraft), else {@link StationClass#UNKNOWN}.
 *
 * <p>The picture keeps each station as the tracker's per-vessel record (a subclass of
 * {@link Tracker.Track}, {@link Tracker#recordFactory}), so one look-up per observation finds both
 * in one object, and a station the bound drops leaves the picture and the tracker together (its open segments closed and reported).
 *
 * <p>Bounded: at most {@code maxVessels} stations (and the tracker's
 * {@link org.watchkeeper.core.track.TrackerConfig#maxVessels()}, when lower); the least recently
 * used (updated or looked up) is dropped. Not thread safe: feed it from one thread in event-time
 * order.
 */
public final class VesselPicture {
    /** Most identity changes kept per vessel (the oldest are dropped beyond it). */
    public static final int MAX_CHANGES = 64;

    private final Tracker tracker;
    private final MaritimeIdentificationDigits mids;
    private ChangeListener changeListener;

    /** Receives each identity change as it is recorded (on the thread that feeds the picture). */
    @FunctionalInterface
    public interface ChangeListener {
        /**
         * @param mmsi the station whose identity changed
         * @param change the change
         */
        void changed(int mmsi, IdentityChange change);
    }

    /** A station, kept as the tracker's record of it (one object per vessel for both). */
    private static final class Vessel extends Tracker.Track {
        FlagState flag;
        StationClass cls = StationClass.UNKNOWN;
        /** Event time of the evidence {@link #cls} comes from. */
        long clsTime = Long.MIN_VALUE;
        /** Whether {@link #cls} comes from a position report (else from a static message, or none). */
        boolean clsFromPosition;
        PositionObservation position;
        double derivedSpeed = Double.NaN;
        long firstSeen;
        long lastSeen;
        /** Messages heard (see {@link #countsAsMessage}). */
        long messages;
        String name;
        String callSign;
        int imo = Observation.NOT_AVAILABLE;
        int shipType = Observation.NOT_AVAILABLE;
        Dimensions dimensions;
        double draught = Double.NaN;
        String destination;
        Eta eta;
        int navStatus = Observation.NOT_AVAILABLE;
        final List<IdentityChange> changes = new ArrayList<>();

        Vessel(int mmsi) {
            super(mmsi);
        }
    }

    /**
     * @param tracker the tracker that filters positions and builds segments; the picture keeps its
     *     stations in the tracker's records and lowers the tracker's bound to {@code maxVessels}
     *     ({@link Tracker#limitVessels}); feed the tracker through this picture only
     * @throws IllegalStateException when the tracker already holds vessels
     * @param maxVessels stations held (≥ 1)
     */
    public VesselPicture(Tracker tracker, int maxVessels) {
        if (maxVessels < 1) {
            throw new IllegalArgumentException("maxVessels must be >= 1");
        }
        this.tracker = Objects.requireNonNull(tracker);
        this.mids = MaritimeIdentificationDigits.standard();
        tracker.recordFactory(Vessel::new);
        tracker.limitVessels(maxVessels);
    }

    /** Sets the listener told of every identity change from now on (null for none). */
    public void setChangeListener(ChangeListener listener) {
        this.changeListener = listener;
    }

    /** A picture with a default tracker (no land mask) holding up to 200 000 stations. */
    public VesselPicture() {
        this(new Tracker(), 200_000);
    }

    /**
     * Applies one observation.
     *
     * @return for a position, the tracker's decision; for an identity or a station heard, null
     */
    public Tracker.Decision accept(Observation o) {
        int mmsi = o.mmsi();
        Vessel v = (Vessel) tracker.track(mmsi);
        if (v.attachment() == null) { // first observation: the record is its own attachment from now on
            v.firstSeen = o.time();
            v.flag = mids.forMmsi(mmsi);
            tracker.attach(v, v);
        }
        v.lastSeen = Math.max(v.lastSeen, o.time());
        v.firstSeen = Math.min(v.firstSeen, o.time());
        if (countsAsMessage(o)) {
            v.messages++;
        }
        StationClass evidence = o.classEvidence();
        if (evidence != StationClass.UNKNOWN) {
            classEvidence(v, evidence, o.time(), o instanceof PositionObservation);
        }
        if (o instanceof PositionObservation p) {
            Tracker.Decision d = tracker.accept(p, v);
            if (d.accepted()) {
                v.position = p;
                v.derivedSpeed = d.newSegment() ? Double.NaN : d.derivedSpeedKnots();
                if (p.navigationStatus() != Observation.NOT_AVAILABLE) {
                    v.navStatus = p.navigationStatus();
                }
            }
            return d;
        }
        if (!(o instanceof IdentityObservation id)) {
            return null; // heard: time, count and class evidence are all it tells
        }
        v.name = text(v, id, "name", v.name, id.name());
        v.callSign = text(v, id, "callsign", v.callSign, id.callSign());
        if (id.imo() != Observation.NOT_AVAILABLE) {
            if (v.imo != Observation.NOT_AVAILABLE && v.imo != id.imo()) {
                change(v, id.time(), "imo", Integer.toString(v.imo), Integer.toString(id.imo()));
            }
            v.imo = id.imo();
        }
        if (id.shipType() != Observation.NOT_AVAILABLE) {
            if (v.shipType != Observation.NOT_AVAILABLE && v.shipType != id.shipType()) {
                change(v, id.time(), "shiptype", Integer.toString(v.shipType), Integer.toString(id.shipType()));
            }
            v.shipType = id.shipType();
        }
        Dimensions d = id.dimensions();
        if (d != null && !d.isEmpty()
                && (d.hasOffsets() || v.dimensions == null || !v.dimensions.hasOffsets())) {
            // the offsets AIS sends (types 5, 19, 24) say more than an overall size (a CSV's Length and
            // Width), whichever comes first; among two of a kind the latest wins
            v.dimensions = d;
        }
        if (!Double.isNaN(id.draught())) {
            v.draught = id.draught();
        }
        if (id.destination() != null) {
            v.destination = id.destination();
        }
        if (id.eta() != null) {
            v.eta = id.eta();
        }
        return null;
    }

    /**
     * Whether an observation is a message (or CSV row) of its own for the station's count: every one
     * but the identity that came with a position from the same message (types 19 and 21) or CSV row.
     */
    static boolean countsAsMessage(Observation o) {
        if (!(o instanceof IdentityObservation id)) {
            return true;
        }
        int t = id.messageType();
        return t != 19 && t != 21 && t != Observation.NO_MESSAGE_TYPE;
    }

    /**
     * Weighs one message's class evidence against what the station's class rests on: a position
     * report outweighs a static message; among equals the later event time wins, and at one time
     * the class later in {@link StationClass}'s order, so any arrival order gives the same class.
     */
    private void classEvidence(Vessel v, StationClass evidence, long time, boolean fromPosition) {
        boolean wins;
        if (v.cls == StationClass.UNKNOWN || fromPosition != v.clsFromPosition) {
            wins = v.cls == StationClass.UNKNOWN || fromPosition;
        } else {
            wins = time > v.clsTime || (time == v.clsTime && evidence.ordinal() > v.cls.ordinal());
        }
        if (!wins) {
            return;
        }
        if (evidence != v.cls && v.cls != StationClass.UNKNOWN) {
            change(v, time, "class", v.cls.name(), evidence.name());
        }
        v.cls = evidence;
        v.clsTime = time;
        v.clsFromPosition = fromPosition;
    }

    private String text(Vessel v, IdentityObservation id, String field, String old, String now) {
        if (now == null) {
            return old;
        }
        if (old != null && !old.equals(now)) {
            change(v, id.time(), field, old, now);
        }
        return now;
    }

    private void change(Vessel v, long time, String field, String old, String now) {
        IdentityChange c = new IdentityChange(time, field, old, now);
        v.changes.add(c);
        if (changeListener != null) {
            changeListener.changed(v.mmsi(), c);
        }
        if (v.changes.size() > MAX_CHANGES) {
            v.changes.remove(0);
        }
    }

    /** The station's current state, or null if it is not held (a lookup counts as a use for eviction). */
    public VesselSnapshot get(int mmsi) {
        Tracker.Track t = tracker.findTrack(mmsi, true);
        Vessel v = t == null ? null : (Vessel) t.attachment();
        return v == null ? null : snapshot(v);
    }

    /** Snapshots of every station held, least recently updated first. */
    public List<VesselSnapshot> vessels() {
        List<VesselSnapshot> out = new ArrayList<>(tracker.attachedVessels());
        for (Tracker.Track t : tracker.tracks()) {
            if (t.attachment() instanceof Vessel v) {
                out.add(snapshot(v));
            }
        }
        return out;
    }

    /** Number of stations held. */
    public int size() {
        return tracker.attachedVessels();
    }

    /** The tracker behind the picture. */
    public Tracker tracker() {
        return tracker;
    }

    private static VesselSnapshot snapshot(Vessel v) {
        StationClass cls = v.cls != StationClass.UNKNOWN ? v.cls : StationClass.ofMmsi(v.mmsi());
        return new VesselSnapshot(v.mmsi(), v.flag, cls, v.position, v.derivedSpeed, v.firstSeen, v.lastSeen, v.messages,
                v.name, v.callSign, v.imo, v.shipType, v.shipType < 0 ? null : Names.shipType(v.shipType),
                v.dimensions, v.draught, v.destination, v.eta, v.navStatus,
                v.navStatus < 0 ? null : Names.navigationStatus(v.navStatus), List.copyOf(v.changes));
    }
}
