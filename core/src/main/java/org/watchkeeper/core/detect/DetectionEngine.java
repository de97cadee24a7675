package org.watchkeeper.core.detect;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.watchkeeper.core.observation.HeardObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.util.LongHashMap;
import org.watchkeeper.core.util.OpenAddressing;

/**
 * Hosts {@link Detector}s in one process: routes each observation to its keys, keeps per-key state,
 * and fires event-time timers as the watermark advances — the same semantics a Flink job gives the
 * same detector classes.
 *
 * <p>Sampling: a detector with a positive {@link Detector#sampleIntervalMillis()} gets only the first
 * position fix of each vessel per interval (decided before its keys are asked for).
 *
 * <p>Watermark: {@code max event time seen - allowedLateness - 1} (Flink's bounded out-of-orderness
 * rule). An observation at or before the watermark is late: it is counted and not processed. Before
 * each observation is processed, every timer at or before the new watermark fires, in (time, key)
 * order, and among timers of equal time and key in the order the detectors were given.
 * {@link #finish()} advances the watermark to {@code Long.MAX_VALUE}, as a bounded Flink source does at
 * its end, firing every remaining timer. Each observation goes to the detectors in the order they were
 * given, so events come out in the same order however the input is chunked.
 *
 * <p>State layout: detectors keyed by MMSI (those that keep {@link Detector#keys}' default) share one
 * record per vessel holding each one's state (the first {@value VesselStates#INLINE} in fields of the
 * record itself, so that the record is one cache line), found with a single hash look-up per
 * observation or timer in a table of records (no separate key array: the record holds its MMSI, so a
 * look-up reads one table slot and the record); a record is dropped when its last state is cleared. Detectors with their own
 * keys (spatial cells) keep a table of their own: a flat array indexed by key when the detector declares a
 * small {@link Detector#keySpace()}, else a map. Each detector has its own timer queue; the engine keeps
 * a lower bound of the earliest timer over all queues, so an observation that moves the watermark
 * without reaching a timer costs one comparison. The engine allocates nothing per observation: only a
 * vessel's record and a key's detector state when the key is first seen (or seen again after its state
 * was cleared), and its tables when they grow.
 *
 * <p>Two options for a host that runs the detectors of an input in this engine and another one:
 * {@link #filterDuplicates} leaves duplicate receptions out as a {@link DuplicateFilter} in front of the
 * engine would, keeping each vessel's recent positions in its record (one look-up per observation for
 * both), and {@link #handOn} passes the observations on to the other engine, when asked only those
 * its sampled detectors would take, decided from the vessel's record too.
 *
 * <p>Not thread safe: one engine per input stream.
 */
public final class DetectionEngine {
    /** The hosted detectors, in the order given. */
    private final Hosted<?>[] hosted;
    /** Per-vessel records of the MMSI-keyed detectors; empty when there are none. */
    private final VesselTable vessels = new VesselTable();
    /** Number of MMSI-keyed detectors (length of each record's state array). */
    private final int vesselSlots;
    private final Consumer<Event> sink;
    private final long allowedLatenessMillis;
    private long maxTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    /** No timer of any detector is earlier than this (a lower bound: deleted timers may linger). */
    private long earliestTimer = Long.MAX_VALUE;
    private long late;
    private long emitted;
    /** {@link #filterDuplicates}' window (ms), or -1 when off. */
    private long duplicateWindowMillis = -1;
    /** Duplicate receptions left out. */
    private long duplicates;
    /** The newest time of a position seen by the duplicate check (as {@link DuplicateFilter} keeps it). */
    private long duplicateNewest = Long.MIN_VALUE;
    /** Records holding duplicate-check state, and the count at which the next new one sweeps them first. */
    private int duplicateVessels;
    private int duplicateSweepAt = DUPLICATE_SWEEP_MIN;
    private static final int DUPLICATE_SWEEP_MIN = 1024;
    /** {@link #handOn}'s target, or null. */
    private Consumer<? super Observation> handOn;
    /** {@link #handOn}'s sampling interval (ms), 0: every observation. */
    private long handOnInterval;

    /**
     * @param detectors the detectors to host (each gets its own state and timers)
     * @param sink receives every event, in the order detectors emit them
     * @param allowedLatenessMillis bounded out-of-orderness of the input, ms (0 for time-ordered input)
     * @throws IllegalArgumentException if {@code allowedLatenessMillis < 0}
     */
    public DetectionEngine(List<? extends Detector<?>> detectors, Consumer<Event> sink, long allowedLatenessMillis) {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0: " + allowedLatenessMillis);
        }
        hosted = new Hosted<?>[detectors.size()];
        int slots = 0;
        for (int i = 0; i < hosted.length; i++) {
            Detector<?> d = detectors.get(i);
            hosted[i] = keyedByVessel(d) ? new VesselHosted<>(d, slots++) : new KeyedHosted<>(d);
        }
        vesselSlots = slots;
        this.sink = sink;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /**
     * Whether {@code d} keeps {@link Detector#keys}' default (one key per observation, the MMSI), as
     * opposed to keys of its own (e.g. spatial cells).
     */
    public static boolean keyedByVessel(Detector<?> d) {
        try {
            return d.getClass().getMethod("keys", Observation.class, LongConsumer.class).getDeclaringClass()
                    == Detector.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Processes one observation (see the class description for lateness and timers). A
     * {@link HeardObservation} (a message with neither position nor identity) is passed over: detectors
     * judge positions and identities, and it neither moves the watermark nor counts as late.
     */
    public void accept(Observation o) {
        if (o instanceof HeardObservation) {
            return;
        }
        VesselStates vessel = null;
        if (duplicateWindowMillis >= 0 && o instanceof PositionObservation p) {
            vessel = duplicateChecked(p);
            if (vessel == null) {
                duplicates++;
                return;
            }
        }
        long t = o.time();
        if (watermark != Long.MIN_VALUE && t <= watermark) {
            late++;
            return;
        }
        if (t > maxTime) {
            maxTime = t;
            long wm = t - allowedLatenessMillis - 1;
            if (wm > watermark) {
                advanceTo(wm);
            }
        }
        for (Hosted<?> h : hosted) {
            VesselSampler sampler = h.sampler;
            if (sampler != null && o instanceof PositionObservation p && p.hasPosition()
                    && !sampler.first(o.mmsi(), t, watermark)) {
                continue;
            }
            if (h instanceof VesselHosted) {
                if (vessel == null) {
                    vessel = vessel(o.mmsi());
                }
                ((VesselHosted<?>) h).observe(o, vessel);
            } else {
                ((KeyedHosted<?>) h).route(o);
            }
        }
        if (handOn != null) {
            if (handOnInterval > 0 && o instanceof PositionObservation p && p.hasPosition()) {
                if (vessel == null) {
                    vessel = vessel(o.mmsi());
                }
                long k = Math.floorDiv(t, handOnInterval);
                if (vessel.sampled && vessel.sampledInterval == k) {
                    return;
                }
                vessel.sampled = true;
                vessel.sampledInterval = k;
                if (!vessel.stored) { // a detector cleared the record's last state during this observation
                    store(vessel);
                }
            }
            handOn.accept(o);
        }
    }

    /**
     * Leaves duplicate receptions out from now on: a position that repeats one passed within
     * {@code windowMillis} of it, or a stale repeat ({@link DuplicateReceptions}), is counted
     * ({@link #duplicates()}) and goes no further, before the lateness check, exactly as if a
     * {@link DuplicateFilter} with this window stood in front of the engine (the same decisions: each
     * vessel's recent positions are kept in its record and forgotten by the same rule). Identity
     * observations always pass.
     *
     * @param windowMillis how far apart (ms) two copies of one report may be stamped, at least 0
     * @throws IllegalArgumentException for a negative window
     * @throws IllegalStateException after the first observation
     */
    public void filterDuplicates(long windowMillis) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window must be >= 0 ms: " + windowMillis);
        }
        if (maxTime != Long.MIN_VALUE || duplicateNewest != Long.MIN_VALUE) {
            throw new IllegalStateException("filterDuplicates before the first observation only");
        }
        duplicateWindowMillis = windowMillis;
    }

    /** Duplicate receptions left out by {@link #filterDuplicates} so far. */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Passes the observations on to {@code next} after the detectors, for a further host of detectors
     * fed the same input (typically another engine on another thread): every observation this engine
     * processed (not a duplicate, not late, not a {@link HeardObservation}, which no detector takes);
     * with a positive {@code sampleIntervalMillis}, of a vessel's position fixes only the first in each
     * interval of event time, as a host passes them to a detector with that
     * {@link Detector#sampleIntervalMillis()} (the interval of the last fix passed is kept in the
     * vessel's record; the choice is the one a {@link VesselSampler} makes). For an input in event-time
     * order (as {@code EventTimeOrder} gives it), an engine fed {@code next}'s share gives its detectors
     * with that interval the same observations, and fires their timers at the same times and in the
     * same order between them, as when fed every observation: the observations left out would reach
     * none of them and do not move the watermark past a fix passed on. Only the watermark a detector
     * reads in {@link Detector#onTimer} may be later (it fires when the next observation passed on
     * arrives). The receiving engine may be told {@link #inputSampledAt}.
     *
     * @param next receives the observations, in order, on this engine's thread
     * @param sampleIntervalMillis 0 for every observation, else the interval (ms)
     * @throws IllegalArgumentException for a negative interval
     * @throws IllegalStateException after the first observation
     */
    public void handOn(Consumer<? super Observation> next, long sampleIntervalMillis) {
        if (sampleIntervalMillis < 0) {
            throw new IllegalArgumentException("sample interval must be >= 0 ms: " + sampleIntervalMillis);
        }
        if (maxTime != Long.MIN_VALUE) {
            throw new IllegalStateException("handOn before the first observation only");
        }
        this.handOn = java.util.Objects.requireNonNull(next);
        this.handOnInterval = sampleIntervalMillis;
    }

    /**
     * Tells the engine that of each vessel's position fixes its input holds only the first in each
     * interval of {@code intervalMillis} (what {@link #handOn} with that interval gives): the
     * detectors sampled at that interval then take every fix without a sampling table of their own
     * (they would pass every one). Other detectors are not affected.
     *
     * @throws IllegalStateException after the first observation
     */
    public void inputSampledAt(long intervalMillis) {
        if (maxTime != Long.MIN_VALUE) {
            throw new IllegalStateException("inputSampledAt before the first observation only");
        }
        for (Hosted<?> h : hosted) {
            if (h.detector.sampleIntervalMillis() == intervalMillis) {
                h.sampler = null;
            }
        }
    }

    /**
     * The duplicate check of position {@code p} (as {@link DuplicateFilter#accept}): null when it
     * repeats one passed, else the vessel's record (created when absent), which then keeps it.
     */
    private VesselStates duplicateChecked(PositionObservation p) {
        long t = p.time();
        if (t > duplicateNewest) {
            duplicateNewest = t;
        }
        VesselStates v = vessels.get(p.mmsi());
        DuplicateReceptions d = v == null ? null : v.duplicates;
        if (d == null) {
            if (duplicateVessels >= duplicateSweepAt) {
                sweepDuplicates();
                v = vessels.get(p.mmsi());
            }
            d = new DuplicateReceptions();
            if (v == null) {
                v = vessel(p.mmsi());
            }
            v.duplicates = d;
            duplicateVessels++;
        }
        return d.repeats(p, duplicateWindowMillis) ? null : v;
    }

    /**
     * Forgets the duplicate-check state of the vessels silent for longer than it matters (the rule
     * and the moments of {@link DuplicateFilter}'s sweep, so that the decisions are the same), and the
     * records left with nothing.
     */
    private void sweepDuplicates() {
        long window = duplicateWindowMillis;
        long newest = duplicateNewest;
        java.util.List<VesselStates> empty = new java.util.ArrayList<>();
        vessels.forEach(v -> {
            DuplicateReceptions d = v.duplicates;
            if (d != null && d.forgettable(newest, window)) {
                v.duplicates = null;
                duplicateVessels--;
                if (idle(v)) {
                    empty.add(v);
                }
            }
        });
        for (VesselStates v : empty) {
            vessels.remove(v.mmsi);
            v.stored = false;
        }
        duplicateSweepAt = Math.max(DUPLICATE_SWEEP_MIN, 2 * duplicateVessels);
    }

    /**
     * Whether record {@code v} holds nothing the engine needs: no detector state, no duplicate-check
     * state, and no sampled interval that a later fix could still fall in (one whose end the watermark
     * has passed cannot: later fixes lie beyond it).
     */
    private boolean idle(VesselStates v) {
        return v.live == 0 && v.duplicates == null && (!v.sampled || watermark == Long.MIN_VALUE
                || v.sampledInterval < Math.floorDiv(watermark + 1, handOnInterval));
    }

    /** Puts {@code v} into the table; when the table is due to grow, drops the idle records first. */
    private void store(VesselStates v) {
        if (vessels.full()) {
            java.util.List<VesselStates> empty = new java.util.ArrayList<>();
            vessels.forEach(x -> {
                if (idle(x)) {
                    empty.add(x);
                }
            });
            for (VesselStates x : empty) {
                vessels.remove(x.mmsi);
                x.stored = false;
            }
        }
        vessels.add(v);
        v.stored = true;
    }

    /** End of input: fires every remaining timer. The engine accepts no more observations after. */
    public void finish() {
        advanceTo(Long.MAX_VALUE);
    }

    /** Observations dropped because they were older than the watermark. */
    public long lateObservations() {
        return late;
    }

    /** Events emitted so far. */
    public long eventsEmitted() {
        return emitted;
    }

    /** The latest event time of the observations accepted so far (epoch ms), {@code Long.MIN_VALUE} before any. */
    public long latestTime() {
        return maxTime;
    }

    /** The current watermark (epoch ms), {@code Long.MIN_VALUE} before any input. */
    public long watermark() {
        return watermark;
    }

    /**
     * The episodes open in every key's state, as provisional events ({@link Detector#ongoing}), in
     * detector order; nothing is emitted or changed. None after {@link #finish()} (every episode was
     * closed then).
     */
    public void ongoing(Consumer<Event> out) {
        if (watermark == Long.MAX_VALUE) {
            return;
        }
        for (Hosted<?> h : hosted) {
            h.ongoing(out);
        }
    }

    /**
     * Before any observation, takes over from {@code previous}, the engine this one replaces while the
     * input runs (the user changed the zones or the watchlist): its watermark, and each vessel's state of
     * a detector keyed by MMSI that has a namesake in {@code previous}, as this engine's detector carries
     * it over ({@link Detector#carryOver}), so that an episode under way (a watched vessel's silence, a
     * stay in a zone) goes on across the change instead of starting again. {@code previous} is not changed.
     *
     * @throws IllegalStateException when this engine has had an observation already
     */
    public void carryOver(DetectionEngine previous) {
        if (maxTime != Long.MIN_VALUE) {
            throw new IllegalStateException("carryOver before the first observation only");
        }
        for (Hosted<?> h : hosted) {
            VesselHosted<?> theirs = previous.namesake(h);
            if (theirs != null) {
                VesselHosted<?> mine = (VesselHosted<?>) h;
                previous.vessels.forEach(v -> {
                    Serializable old = v.get(theirs.slot);
                    if (old != null) {
                        mine.adopt(v.mmsi, old, theirs.detector);
                    }
                });
            }
        }
        maxTime = previous.maxTime;
        watermark = previous.watermark;
    }

    /**
     * Gives vessel {@code mmsi}, in each detector keyed by MMSI that has a namesake in {@code previous},
     * the state carried over from that namesake's state of the vessel as it is now ({@link Detector#carryOver}),
     * in place of the state it has here: for an observation that {@code previous}, the engine replaced, took
     * after the replacement (one that arrived before the change), so that this engine goes on from it.
     * {@code previous} is not changed.
     */
    public void carryOver(DetectionEngine previous, int mmsi) {
        VesselStates v = previous.vessels.get(mmsi);
        for (Hosted<?> h : hosted) {
            VesselHosted<?> theirs = previous.namesake(h);
            if (theirs != null) {
                VesselHosted<?> mine = (VesselHosted<?>) h;
                mine.drop(mmsi);
                if (v != null && v.get(theirs.slot) != null) {
                    mine.adopt(mmsi, v.get(theirs.slot), theirs.detector);
                }
            }
        }
    }

    /** This engine's detector keyed by MMSI of the same name as {@code h}, when {@code h} is keyed by MMSI too; else null. */
    private VesselHosted<?> namesake(Hosted<?> h) {
        if (h instanceof VesselHosted<?>) {
            for (Hosted<?> p : hosted) {
                if (p instanceof VesselHosted<?> theirs && p.detector.name().equals(h.detector.name())) {
                    return theirs;
                }
            }
        }
        return null;
    }

    /** Number of keys with state, per detector name (for monitoring and bounds). */
    public Map<String, Integer> keyCounts() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (Hosted<?> h : hosted) {
            m.put(h.detector.name(), h.keysWithState());
        }
        return m;
    }

    /** The record of {@code mmsi}, created (and stored) when absent. */
    private VesselStates vessel(long mmsi) {
        VesselStates v = vessels.get(mmsi);
        if (v == null) {
            v = new VesselStates(mmsi, vesselSlots);
            store(v);
        }
        return v;
    }

    private void advanceTo(long wm) {
        watermark = wm;
        if (wm < earliestTimer) {
            return;
        }
        // Fire timers across detectors in (time, key, detector) order; a timer may register further timers.
        // A detector's timer registers and deletes timers of that detector only, so the first timer of
        // every other detector stays as it was: the chosen detector fires on without a new scan while its
        // first timer still comes before the runner-up's (many timers fall due at once, e.g. cells on a
        // common multiple of the fix age).
        while (true) {
            Hosted<?> next = null;
            long bestTime = 0;
            long bestKey = 0;
            int bestIndex = 0;
            Hosted<?> second = null;
            long secondTime = 0;
            long secondKey = 0;
            int secondIndex = 0;
            for (int i = 0; i < hosted.length; i++) {
                Hosted<?> h = hosted[i];
                TimerQueue q = h.timers;
                if (q.hasFirstAtOrBefore(wm)) {
                    long t = q.firstTime();
                    long k = q.firstKey();
                    if (next == null || t < bestTime || (t == bestTime && k < bestKey)) {
                        second = next;
                        secondTime = bestTime;
                        secondKey = bestKey;
                        secondIndex = bestIndex;
                        next = h;
                        bestTime = t;
                        bestKey = k;
                        bestIndex = i;
                    } else if (second == null || t < secondTime || (t == secondTime && k < secondKey)) {
                        second = h;
                        secondTime = t;
                        secondKey = k;
                        secondIndex = i;
                    }
                }
            }
            if (next == null) {
                break;
            }
            TimerQueue q = next.timers;
            while (true) {
                q.removeFirst();
                next.fire(bestTime, bestKey);
                if (!q.hasFirstAtOrBefore(wm)) {
                    break;
                }
                long t = q.firstTime();
                long k = q.firstKey();
                if (second != null && (t > secondTime || (t == secondTime && (k > secondKey
                        || (k == secondKey && bestIndex > secondIndex))))) {
                    break;
                }
                bestTime = t;
                bestKey = k;
            }
        }
        long bound = Long.MAX_VALUE;
        for (Hosted<?> h : hosted) {
            bound = Math.min(bound, h.timers.lowerBound());
        }
        earliestTimer = bound;
    }

    /**
     * The states of one vessel's MMSI-keyed detectors, by {@link VesselHosted#slot}: slots below
     * {@link #INLINE} in fields (one object of about a cache line holds the key and the states'
     * references), the rest in an array.
     */
    private static final class VesselStates {
        /** Slots held in fields. */
        static final int INLINE = 8;
        final long mmsi;
        Serializable s0, s1, s2, s3, s4, s5, s6, s7;
        /** Slots {@code INLINE ..}, or null when there are no more than {@link #INLINE}. */
        final Serializable[] more;
        /** Non-null states. */
        int live;
        /**
         * Whether the record is in {@link #vessels} (it leaves when it holds nothing the engine needs,
         * see {@link DetectionEngine#idle}).
         */
        boolean stored;
        /** Whether {@link #sampledInterval} is set. */
        boolean sampled;
        /** {@link DetectionEngine#handOn}: the interval of the last fix passed on. */
        long sampledInterval;
        /** {@link DetectionEngine#filterDuplicates}: the vessel's recent positions, or null. */
        DuplicateReceptions duplicates;

        VesselStates(long mmsi, int slots) {
            this.mmsi = mmsi;
            this.more = slots > INLINE ? new Serializable[slots - INLINE] : null;
        }

        Serializable get(int slot) {
            switch (slot) {
                case 0: return s0;
                case 1: return s1;
                case 2: return s2;
                case 3: return s3;
                case 4: return s4;
                case 5: return s5;
                case 6: return s6;
                case 7: return s7;
                default: return more[slot - INLINE];
            }
        }

        void set(int slot, Serializable s) {
            switch (slot) {
                case 0: s0 = s; break;
                case 1: s1 = s; break;
                case 2: s2 = s; break;
                case 3: s3 = s; break;
                case 4: s4 = s; break;
                case 5: s5 = s; break;
                case 6: s6 = s; break;
                case 7: s7 = s; break;
                default: more[slot - INLINE] = s;
            }
        }
    }

    /**
     * The stored vessel records by MMSI: open addressing with linear probing in one array of records
     * (each holds its key), at most a quarter full so that a look-up rarely reads a record other than
     * the one it finds; keys spread by {@link OpenAddressing#slot}. Removal shifts the
     * following records back (no tombstones).
     */
    private static final class VesselTable {
        private VesselStates[] table = new VesselStates[64];
        private int size;

        VesselStates get(long mmsi) {
            VesselStates[] t = table;
            int m = t.length - 1;
            for (int i = OpenAddressing.slot(mmsi, m); ; i = (i + 1) & m) {
                VesselStates v = t[i];
                if (v == null || v.mmsi == mmsi) {
                    return v;
                }
            }
        }

        /** Whether the next {@link #add} doubles the table. */
        boolean full() {
            return (size + 1) * 4 > table.length;
        }

        /** Adds a record whose MMSI is not in the table. */
        void add(VesselStates v) {
            if (++size * 4 > table.length) {
                VesselStates[] old = table;
                table = new VesselStates[old.length * 2];
                for (VesselStates o : old) {
                    if (o != null) {
                        insert(o);
                    }
                }
            }
            insert(v);
        }

        private void insert(VesselStates v) {
            VesselStates[] t = table;
            int m = t.length - 1;
            int i = OpenAddressing.slot(v.mmsi, m);
            while (t[i] != null) {
                i = (i + 1) & m;
            }
            t[i] = v;
        }

        /** Every stored record, in table order. */
        void forEach(Consumer<VesselStates> action) {
            for (VesselStates v : table) {
                if (v != null) {
                    action.accept(v);
                }
            }
        }

        /** Removes the record of {@code mmsi}, if stored. */
        void remove(long mmsi) {
            VesselStates[] t = table;
            int m = t.length - 1;
            int i = OpenAddressing.slot(mmsi, m);
            while (t[i] != null && t[i].mmsi != mmsi) {
                i = (i + 1) & m;
            }
            if (t[i] == null) {
                return;
            }
            size--;
            // Shift back the records after the hole that would no longer be found.
            int hole = i;
            for (int j = (i + 1) & m; t[j] != null; j = (j + 1) & m) {
                if (OpenAddressing.shiftsBack(OpenAddressing.slot(t[j].mmsi, m), hole, j)) {
                    t[hole] = t[j];
                    hole = j;
                }
            }
            t[hole] = null;
        }
    }

    /** One hosted detector: its timers and the context it sees (key, watermark, emit, timers). */
    private abstract class Hosted<S extends Serializable> implements DetectorContext {
        final Detector<S> detector;
        /** Passes the first fix of each vessel per {@link Detector#sampleIntervalMillis()}; null: every observation. */
        VesselSampler sampler;
        /** Registered timers, taken out in (time, key) order. */
        final TimerQueue timers = new TimerQueue();
        long currentKey;

        Hosted(Detector<?> detector) {
            @SuppressWarnings("unchecked")
            Detector<S> d = (Detector<S>) detector;
            this.detector = d;
            long interval = d.sampleIntervalMillis();
            this.sampler = interval > 0 ? new VesselSampler(interval) : null;
        }

        /** Fires the timer (time, key), already taken out of {@link #timers}. */
        abstract void fire(long time, long key);

        abstract int keysWithState();

        /** {@link Detector#ongoing} over every key with state. */
        abstract void ongoing(Consumer<Event> out);

        @Override
        public final long key() {
            return currentKey;
        }

        @Override
        public final long watermark() {
            return watermark;
        }

        @Override
        public final void emit(Event event) {
            emitted++;
            sink.accept(event);
        }

        @Override
        public final void registerTimer(long timestamp) {
            timers.register(timestamp, currentKey);
            if (timestamp < earliestTimer) {
                earliestTimer = timestamp;
            }
        }

        @Override
        public final void deleteTimer(long timestamp) {
            timers.delete(timestamp, currentKey);
        }
    }

    /** A detector keyed by MMSI: its state is slot {@link #slot} of the vessel's record. */
    private final class VesselHosted<S extends Serializable> extends Hosted<S> {
        final int slot;
        /** The record of the key being processed. */
        VesselStates current;
        /** Vessels with a state of this detector. */
        int keys;

        VesselHosted(Detector<?> detector, int slot) {
            super(detector);
            this.slot = slot;
        }

        void observe(Observation o, VesselStates v) {
            VesselStates outer = current;
            long outerKey = currentKey;
            current = v;
            currentKey = v.mmsi;
            detector.onObservation(o, state(v), this);
            current = outer;
            currentKey = outerKey;
        }

        @Override
        void fire(long time, long key) {
            VesselStates v = vessel(key);
            current = v;
            currentKey = key;
            detector.onTimer(time, state(v), this);
        }

        /** The state of this detector in {@code v}, created when absent (and the record stored again). */
        @SuppressWarnings("unchecked")
        private S state(VesselStates v) {
            Serializable s = v.get(slot);
            if (s == null) {
                s = detector.createState();
                v.set(slot, s);
                v.live++;
                keys++;
                if (!v.stored) {
                    store(v);
                }
            }
            return (S) s;
        }

        /** Gives {@code mmsi} the state this detector carries over from {@code previous}'s {@code old}, if any. */
        void adopt(long mmsi, Serializable old, Detector<?> previous) {
            S carried = detector.carryOver(previous, mmsi, old);
            if (carried != null) {
                VesselStates v = vessel(mmsi);
                v.set(slot, carried);
                v.live++;
                keys++;
            }
        }

        /** Removes {@code mmsi}'s state of this detector, if any (the record too when it was the last). */
        void drop(long mmsi) {
            VesselStates v = vessels.get(mmsi);
            if (v != null) {
                clear(v);
            }
        }

        /** Removes {@code v}'s state of this detector, if any (and {@code v} from the table when it was its last). */
        private void clear(VesselStates v) {
            if (v.get(slot) == null) {
                return;
            }
            v.set(slot, null);
            keys--;
            v.live--;
            if (v.stored && idle(v)) {
                vessels.remove(v.mmsi);
                v.stored = false;
            }
        }

        @Override
        int keysWithState() {
            return keys;
        }

        @Override
        @SuppressWarnings("unchecked")
        void ongoing(Consumer<Event> out) {
            vessels.forEach(v -> {
                Serializable s = v.get(slot);
                if (s != null) {
                    detector.ongoing((S) s, v.mmsi, watermark, out);
                }
            });
        }

        @Override
        public void clearState() {
            clear(current);
        }
    }

    /**
     * A detector with its own keys (e.g. spatial cells): per-key states in a flat table indexed by key
     * when the detector declares a small {@link Detector#keySpace()} (one array read per routed key, no
     * hashing), else (and for any key outside it) in a map of its own.
     */
    private final class KeyedHosted<S extends Serializable> extends Hosted<S> implements LongConsumer {
        /** Largest key space held in a flat table (references, about 4 bytes each). */
        private static final long MAX_FLAT = 1 << 21;
        final LongHashMap<S> states = new LongHashMap<>();
        /** States by key for keys in {@code 0 .. flat.length - 1}; empty when the key space is not small. */
        final Serializable[] flat;
        /** Non-null entries of {@link #flat}. */
        int flatCount;
        /** The observation being routed (read by {@link #accept(long)}). */
        Observation routing;

        KeyedHosted(Detector<?> detector) {
            super(detector);
            long space = detector.keySpace();
            flat = new Serializable[space > 0 && space <= MAX_FLAT ? (int) space : 0];
        }

        void route(Observation o) {
            Observation outer = routing;
            routing = o;
            try {
                detector.keys(o, this);
            } finally {
                routing = outer;
            }
        }

        /** One key of the observation being routed. */
        @Override
        public void accept(long key) {
            currentKey = key;
            detector.onObservation(routing, state(key), this);
        }

        @Override
        void fire(long time, long key) {
            currentKey = key;
            detector.onTimer(time, state(key), this);
        }

        @SuppressWarnings("unchecked")
        private S state(long key) {
            Serializable[] f = flat;
            if (key >= 0 && key < f.length) {
                Serializable s = f[(int) key];
                if (s == null) {
                    s = detector.createState();
                    f[(int) key] = s;
                    flatCount++;
                }
                return (S) s;
            }
            S s = states.get(key);
            if (s == null) {
                s = detector.createState();
                states.put(key, s);
            }
            return s;
        }

        @Override
        int keysWithState() {
            return states.size() + flatCount;
        }

        @Override
        @SuppressWarnings("unchecked")
        void ongoing(Consumer<Event> out) {
            for (int k = 0; k < flat.length; k++) {
                if (flat[k] != null) {
                    detector.ongoing((S) flat[k], k, watermark, out);
                }
            }
            states.forEach((k, s) -> detector.ongoing(s, k, watermark, out));
        }

        @Override
        public void clearState() {
            long key = currentKey;
            if (key >= 0 && key < flat.length) {
                if (flat[(int) key] != null) {
                    flat[(int) key] = null;
                    flatCount--;
                }
                return;
            }
            states.remove(key);
        }
    }
}
