package org.watchkeeper.core.detect;

import java.io.Serializable;
import java.util.function.LongConsumer;
import org.watchkeeper.core.observation.Observation;

/**
 * A behaviour detector: a deterministic function of one key's observations in event-time order plus
 * its own explicit, serialisable per-key state and event-time timers — the shape of Flink's
 * {@code KeyedProcessFunction}, so the same class runs in the in-process {@link DetectionEngine} and
 * in a distributed job. A detector never reads the wall clock and keeps nothing outside its state
 * objects; given the same observations it emits the same events however the input is chunked.
 *
 * <p>Keys: per-vessel detectors use the default {@link #keys(Observation, LongConsumer)} (the MMSI);
 * spatial detectors (encounters) route an observation to one or more cell keys.
 *
 * <p>Detectors see every observation in event-time order but duplicate receptions (the same report
 * heard by several stations, {@link DuplicateReceptions}, left out by the host); other noise
 * (not-available positions, out-of-order fixes, impossible jumps) reaches them, and each judges it
 * itself (an impossible jump is what {@code identity_conflict} looks for).
 *
 * @param <S> the per-key state; must be {@link Serializable} (checkpoints) and is mutated in place
 */
public interface Detector<S extends Serializable> {
    /** A short name for configuration and logs, e.g. {@code "gap"}. */
    String name();

    /** The state of a key that has seen nothing yet. */
    S createState();

    /**
     * The keys an observation is routed to; the default is the MMSI (one key). Must be a pure
     * function of the observation and the detector's configuration.
     */
    default void keys(Observation o, LongConsumer out) {
        out.accept(o.mmsi());
    }

    /**
     * When positive, every key from {@link #keys} lies in {@code 0 .. keySpace() - 1} (e.g. the cells of
     * a fixed grid), so a host may index states by key in a flat table instead of a hash map. Default
     * 0: keys may be any long. Must not change during the detector's life.
     */
    default long keySpace() {
        return 0;
    }

    /**
     * When positive, a host passes this detector only the first position fix of each vessel in each
     * interval of event time {@code [k × L, (k + 1) × L)} of this many milliseconds (epoch-aligned,
     * e.g. whole UTC minutes for 60 000): the vessel's other fixes in that interval never reach
     * {@link #keys} or {@link #onObservation}. Observations without a position are passed as usual.
     * The choice is a function of the vessel's own fixes in event-time order, so it is the same
     * however the input is chunked or distributed (a host keeps, per vessel, the interval of the last
     * fix it passed). Default 0: every observation. Must not change during the detector's life.
     */
    default long sampleIntervalMillis() {
        return 0;
    }

    /**
     * Handles one observation for one key. Observations of a key arrive in non-decreasing event
     * time; the engine drops (and counts) observations later than the watermark allows.
     */
    void onObservation(Observation o, S state, DetectorContext ctx);

    /** Called when the watermark passes a timer this key registered. Default: nothing. */
    default void onTimer(long timestamp, S state, DetectorContext ctx) {
    }

    /**
     * State this detector keeps besides its keys' states, built from the observations of every key
     * (the gap detector's reception map, fed by every vessel's positions), or null when it keeps none
     * (the default). A distributed host runs a detector with such state on a single task, so that the
     * state sees every key as in the in-process engine, and keeps the returned object in its
     * checkpoints; it must survive Java serialisation and be given back through
     * {@link #restoreSharedState}. Must not go from null to non-null during the detector's life.
     */
    default java.io.Serializable sharedState() {
        return null;
    }

    /**
     * The episodes open in this key's state, each as the event it would be if it ended now: what a
     * host shows as under way (a port visit not yet over, a loitering or an encounter still going on,
     * a silence already long enough to be a gap). The event has the id the finished event will have
     * (the id depends on kind, vessels and start only), its end is the latest time the episode is
     * known to have lasted, and its attributes are measured up to then. Only episodes that would be
     * emitted if they ended now are given. Must not change the state or touch timers; what is given
     * is not emitted. Default: none.
     *
     * @param state the key's state
     * @param key the key
     * @param watermark the host's watermark (epoch ms): the event time up to which input is complete
     * @param out receives the provisional events
     */
    default void ongoing(S state, long key, long watermark, java.util.function.Consumer<Event> out) {
    }

    /**
     * The state a vessel keeps when this detector replaces {@code previous}, a detector of the same
     * {@link #name} with other settings (the user changed the zones or the watchlist while the input runs;
     * {@link DetectionEngine#carryOver}): a new state built from {@code previousState}, which stays the
     * previous detector's, or null to start the vessel afresh. Only for detectors keyed by MMSI that keep
     * no timers. Default: null.
     *
     * @param previous the detector replaced
     * @param key the vessel's key (its MMSI)
     * @param previousState the vessel's state in {@code previous} (its state class)
     */
    default S carryOver(Detector<?> previous, long key, Serializable previousState) {
        return null;
    }

    /**
     * Takes back, after a restore from a checkpoint, what {@link #sharedState} returned when the
     * checkpoint was taken (deserialised), before any observation. Default: nothing.
     */
    default void restoreSharedState(Serializable state) {
    }
}
