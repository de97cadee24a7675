package org.watchkeeper.core.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.watchkeeper.core.detect.chokepoint.ChokepointTransitDetector;
import org.watchkeeper.core.detect.encounter.EncounterDetector;
import org.watchkeeper.core.detect.identity.IdentityConflictDetector;
import org.watchkeeper.core.detect.identity.InvalidIdentityDetector;
import org.watchkeeper.core.detect.identity.PositionOnLandDetector;
import org.watchkeeper.core.detect.port.PortVisitDetector;
import org.watchkeeper.core.detect.vessel.DriftDetector;
import org.watchkeeper.core.detect.vessel.GapDetector;
import org.watchkeeper.core.detect.vessel.LoiteringDetector;
import org.watchkeeper.core.detect.vessel.SuddenSpeedChangeDetector;
import org.watchkeeper.core.detect.zone.Watchlist;
import org.watchkeeper.core.detect.zone.WatchlistDetector;
import org.watchkeeper.core.detect.zone.ZoneDetector;
import org.watchkeeper.core.detect.zone.ZoneIndex;

/**
 * The detectors Watchkeeper runs by default, as serialisable factories, so that every host (the
 * in-process {@link DetectionEngine} of {@code analyze} and the server, the Flink job) runs the same
 * classes with the same settings.
 *
 * <p>Default set, each with its published defaults (see each class): AIS gaps / going dark, loitering,
 * drift, sudden speed change, identity conflicts and position jumps, invalid identities, positions on
 * land, encounters, port visits and chokepoint transits. Zones and watchlists need the user's data and
 * are added with {@link #withZones(ZoneIndex)} and {@link #withWatchlist(Watchlist)}.
 */
public final class DetectorSuite implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Creates one detector; serialisable so a distributed host can ship it to its workers. */
    public interface Factory extends Supplier<Detector<?>>, Serializable {
    }

    /**
     * The detectors of {@link #defaults()} that {@code analyze} and the server run only when asked: the land
     * check (Natural Earth land covers rivers and lakes, so inland waterways would raise false alarms).
     */
    public static final java.util.Set<String> ON_REQUEST = java.util.Set.of("position_on_land");

    private final List<Factory> factories;

    private DetectorSuite(List<Factory> factories) {
        this.factories = List.copyOf(factories);
    }

    /** The default detectors (see the class description). */
    public static DetectorSuite defaults() {
        List<Factory> f = new ArrayList<>();
        f.add(GapDetector::withDefaults);
        f.add(LoiteringDetector::withDefaults);
        f.add(DriftDetector::withDefaults);
        f.add(SuddenSpeedChangeDetector::withDefaults);
        f.add(IdentityConflictDetector::withDefaults);
        f.add(InvalidIdentityDetector::withDefaults);
        f.add(PositionOnLandDetector::withDefaults);
        f.add(EncounterDetector::withDefaults);
        f.add(PortVisitDetector::withDefaults);
        f.add(ChokepointTransitDetector::withDefaults);
        return new DetectorSuite(f);
    }

    /** No detectors (decoding, picture and tracks only). */
    public static DetectorSuite none() {
        return new DetectorSuite(List.of());
    }

    /** This suite plus zone entry/exit over {@code zones}. */
    public DetectorSuite withZones(ZoneIndex zones) {
        List<Factory> f = new ArrayList<>(factories);
        f.add(() -> ZoneDetector.withDefaults(zones));
        return new DetectorSuite(f);
    }

    /** This suite plus activity and silences of the vessels on {@code list}, with the default settings. */
    public DetectorSuite withWatchlist(Watchlist list) {
        return withWatchlist(list, WatchlistDetector.Config.defaults());
    }

    /** This suite plus activity and silences of the vessels on {@code list}. */
    public DetectorSuite withWatchlist(Watchlist list, WatchlistDetector.Config config) {
        List<Factory> f = new ArrayList<>(factories);
        f.add(() -> new WatchlistDetector(list, config));
        return new DetectorSuite(f);
    }

    /** This suite without the detectors whose {@link Detector#name()} is in {@code names}. */
    public DetectorSuite without(java.util.Collection<String> names) {
        List<Factory> f = new ArrayList<>();
        for (Factory x : factories) {
            if (!names.contains(x.get().name())) {
                f.add(x);
            }
        }
        return new DetectorSuite(f);
    }

    /** The factories, in a stable order. */
    public List<Factory> factories() {
        return factories;
    }

    /** New detector instances, one per factory, in the same order. */
    public List<Detector<?>> create() {
        List<Detector<?>> out = new ArrayList<>(factories.size());
        for (Factory x : factories) {
            out.add(x.get());
        }
        return out;
    }

    /** The names of the detectors, in order. */
    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (Detector<?> d : create()) {
            n.add(d.name());
        }
        return n;
    }
}
