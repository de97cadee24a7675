package org.watchkeeper.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;


import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DuplicateFilter;
import org.watchkeeper.core.detect.DuplicateReceptions;
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
import org.watchkeeper.core.detect.zone.WatchlistDetector;

import org.watchkeeper.core.detect.zone.Watchlist;
import org.watchkeeper.core.detect.zone.Zone;
import org.watchkeeper.core.detect.zone.ZoneDetector;
import org.watchkeeper.core.detect.zone.ZoneIndex;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.detect.DetectorSuite;
import org.watchkeeper.core.detect.encounter.EncounterConfig;
import org.watchkeeper.core.detect.port.PortVisitConfig;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.pipeline.HandOff;
import org.watchkeeper.server.Rows;
import org.watchkeeper.store.EventRow;

/**
 * The detectors of {@code analyze}: every observation (every reception, before the tracker judges
 * it) goes through core's {@link EventTimeOrder} with the Flink job's bounded out-of-orderness
 * ({@link EventTimeOrder#DEFAULT_LATENESS_MILLIS}) into core's {@link DetectionEngine} with the same
 * lateness, on a thread of its own (fed through a bounded {@link HandOff}) when the machine has more
 * than one core; there the detectors with keys of their own (encounter cells) take a third thread.
 * So the detectors see the observations in event-time order, as in the job: a log
 * merged from several base stations lists receptions of one transmission milliseconds apart in
 * either order, and only an observation more than the lateness older than the newest one before it
 * is dropped as late. In that order the engine leaves out duplicate receptions (the same report from
 * a second station; {@link DetectionEngine#filterDuplicates}, the decisions of a {@link DuplicateFilter}),
 * as the job does. The events emitted become the store's
 * {@link EventRow}s (idempotent by id)
 * and the report's events files.
 *
 * <p>Events become store rows through {@link Rows#event}, the mapping the server uses too.
 */
final class Detection implements AnalysisListener {
    /**
     * Detectors by name, in the order they run: core's default suite ({@link DetectorSuite#defaults()},
     * same order and factories), then the zone check. Named here rather than by creating each
     * detector and asking its name: creating one loads its reference data (the land mask, ports,
     * territorial seas: seconds and hundreds of MB), which only the detectors asked for should do.
     */
    static final Map<String, Supplier<Detector<?>>> AVAILABLE = new LinkedHashMap<>();

    static {
        AVAILABLE.put("gap", GapDetector::withDefaults);
        AVAILABLE.put("loitering", LoiteringDetector::withDefaults);
        AVAILABLE.put("drift", DriftDetector::withDefaults);
        AVAILABLE.put("sudden_speed_change", SuddenSpeedChangeDetector::withDefaults);
        AVAILABLE.put("identity_conflict", IdentityConflictDetector::withDefaults);
        AVAILABLE.put("invalid_identity", InvalidIdentityDetector::withDefaults);
        AVAILABLE.put("position_on_land", PositionOnLandDetector::withDefaults);
        AVAILABLE.put("encounter", EncounterDetector::withDefaults);
        AVAILABLE.put("port_visit", PortVisitDetector::withDefaults);
        AVAILABLE.put("chokepoint_transit", ChokepointTransitDetector::withDefaults);
        AVAILABLE.put("zone", () -> ZoneDetector.withDefaults(ZoneIndex.territorialSeas()));
    }

    /**
     * The default set: core's {@link DetectorSuite#defaults()} except the land check (Natural Earth
     * land covers rivers and lakes, so inland waterways would raise false alarms) and the zone check
     * (it loads the territorial seas); both can be asked for with {@code --detect}.
     */
    static final List<String> DEFAULTS = AVAILABLE.keySet().stream()
            .filter(n -> !DetectorSuite.ON_REQUEST.contains(n) && !n.equals("zone")).toList();


    /** The per-vessel detectors (all detectors when they are not split, see {@link #cellEngine}). */
    private final DetectionEngine engine;
    /**
     * With more than one core, the detectors with keys of their own (encounter cells) run in an engine
     * of their own on a further thread, fed by {@link #engine} ({@link DetectionEngine#handOn}) the
     * event-time-ordered observations without duplicates, when these detectors all sample at one
     * interval only the fixes they take (decided in the vessel's record, which the per-vessel engine
     * reads anyway; so most fixes never cross to that thread); else null. Each engine emits what it
     * would alone; only the order in which their events interleave differs, and the report and the
     * store do not depend on it (the report sorts by start and id, the store is keyed by id).
     */
    private final DetectionEngine cellEngine;
    /** To {@link #cellEngine}'s thread, or null. */
    private final HandOff cellHandOff;
    /** Puts the observations in event-time order before the engine (on the detectors' thread). */
    private final EventTimeOrder order;
    /** To the detectors' own thread when there is more than one core (else straight to {@link #order}). */
    private final HandOff handOff;
    private final List<EventRow> events = new ArrayList<>();
    /** Events of {@link #cellEngine} (written on its thread, read after it is closed). */
    private final List<EventRow> cellEvents = new ArrayList<>();
    private final List<String> names;

    /**
     * @param names detector names from {@link #AVAILABLE}
     * @throws IllegalArgumentException for an unknown name
     */
    Detection(List<String> names) {
        this(names, null);
    }

    /**
     * @param names detector names from {@link #AVAILABLE}
     * @param ports the ports and anchorages encounter and port_visit use, or null for the shipped list
     * @throws IllegalArgumentException for an unknown name
     */
    Detection(List<String> names, PortIndex ports) {
        this(names, ports, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores the cores to plan threads for: with more than one, the detectors run on a thread of
     *     their own and the cell detectors on a further one
     */
    Detection(List<String> names, PortIndex ports, int cores) {
        this(names, ports, List.of(), cores);
    }

    /**
     * @param user detectors of the user's zones and watchlist ({@link #userDetectors}), run after the named ones
     */
    Detection(List<String> names, PortIndex ports, List<Detector<?>> user, int cores) {
        List<Detector<?>> detectors = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String n : names) {
            String key = n.strip().toLowerCase(Locale.ROOT);
            keys.add(key);
            Supplier<Detector<?>> s = AVAILABLE.get(key);
            if (s == null) {
                throw new IllegalArgumentException("unknown detector '" + n + "'; known: " + String.join(", ", AVAILABLE.keySet()));
            }
            if (ports != null && key.equals("encounter")) {
                detectors.add(new EncounterDetector(ports, EncounterConfig.DEFAULTS));
            } else if (ports != null && key.equals("port_visit")) {
                detectors.add(new PortVisitDetector(ports, PortVisitConfig.DEFAULTS));
            } else {
                detectors.add(s.get());
            }
        }
        for (Detector<?> d : user) {
            detectors.add(d);
            keys.add(d.name());
        }
        this.names = List.copyOf(keys); // as summary.json lists them: "gap, loitering" gives "loitering"
        long lateness = EventTimeOrder.DEFAULT_LATENESS_MILLIS;
        Map<Boolean, List<Detector<?>>> split = detectors.stream()
                .collect(Collectors.partitioningBy(DetectionEngine::keyedByVessel));
        List<Detector<?>> byVessel = split.get(true);
        List<Detector<?>> byCell = split.get(false);
        if (cores > 1 && !byVessel.isEmpty() && !byCell.isEmpty()) {
            this.engine = new DetectionEngine(byVessel, e -> events.add(Rows.event(e)), lateness);
            this.cellEngine = new DetectionEngine(byCell, e -> cellEvents.add(Rows.event(e)), lateness);
            this.cellHandOff = new HandOff(cellEngine::accept, "detectors-cells", 4096, 8, cores);
            // when every cell detector samples at one interval (encounters: a fix per vessel and minute),
            // only what they take crosses to their thread
            long interval = byCell.get(0).sampleIntervalMillis();
            boolean sampled = byCell.stream().allMatch(d -> d.sampleIntervalMillis() == interval);
            engine.handOn(cellHandOff, sampled ? interval : 0);
            if (sampled && interval > 0) {
                cellEngine.inputSampledAt(interval);
            }
        } else {
            this.engine = new DetectionEngine(detectors, e -> events.add(Rows.event(e)), lateness);
            this.cellEngine = null;
            this.cellHandOff = null;
        }
        engine.filterDuplicates(DuplicateReceptions.DEFAULT_WINDOW_MILLIS);
        this.order = new EventTimeOrder(engine::accept, lateness, EventTimeOrder.DEFAULT_MAX_HELD);
        this.handOff = new HandOff(order, "detectors", 4096, 8, cores);
    }

    /**
     * The detectors of {@code analyze --zones} and {@code --watchlist}: zone entry and exit over the
     * zones of the GeoJSON files (category {@code user}, named by {@link ZoneIndex#NAME_PROPERTIES}; two
     * features of one name make one zone), and the activity of the vessels listed in any of the
     * watchlists (an entry in two files keeps the first file's note, unless that is empty) and their silences
     * ({@code watchlist_gap}). Says on {@code err} what each file gave (null: nothing).
     *
     * @param zoneFiles GeoJSON files, or null
     * @param watchlistFiles watchlist text files ({@link Watchlist#read}), their entries together, or null
     * @param watchlistSilenceMillis a listed vessel silent this long is a {@code watchlist_gap} (0: off)
     * @return the detectors, empty when neither is given
     * @throws IOException when a file cannot be read or is not GeoJSON, with the file's name
     * @throws IllegalArgumentException for a file without any polygon, or a bad watchlist line, with the file's name
     */
    static List<Detector<?>> userDetectors(List<Path> zoneFiles, List<Path> watchlistFiles, long watchlistSilenceMillis,
            PrintWriter err) throws IOException {
        List<Detector<?>> out = new ArrayList<>();
        if (zoneFiles != null && !zoneFiles.isEmpty()) {
            List<Zone> zones = new ArrayList<>();
            for (Path f : zoneFiles) {
                Inputs.checkReadable("--zones", f);
                List<Zone> read;
                try (InputStream in = Inputs.maybeGunzipped(Files.newInputStream(f), 1 << 16, 1 << 16)) {
                    read = ZoneIndex.readGeoJson(in, "user", ZoneIndex.NAME_PROPERTIES);
                } catch (IOException e) {
                    throw new IOException("--zones " + f + ": " + FileErrors.reason(e), e);
                }
                if (read.isEmpty()) {
                    throw new IllegalArgumentException("--zones " + f + ": no Polygon or MultiPolygon feature");
                }
                if (err != null) {
                    err.println("zones: " + f + ": " + read.size() + (read.size() == 1 ? " zone" : " zones"));
                    // kept (a published EEZ or protected-area file may have such faults), but said: where a ring
                    // crosses itself, inside and outside are not well defined, nor entries and exits there
                    for (Zone z : read) {
                        String invalid = z.invalidity();
                        if (invalid != null) {
                            err.println("zones: " + f + ": zone '" + z.name() + "' is not a valid polygon (" + invalid
                                    + "): its entries and exits near there may be wrong");
                        }
                    }
                }
                zones.addAll(read);
            }
            out.add(ZoneDetector.withDefaults(new ZoneIndex(zones)));
        }
        if (watchlistFiles != null && !watchlistFiles.isEmpty()) {
            Watchlist all = null;
            for (Path f : watchlistFiles) {
                Inputs.checkReadable("--watchlist", f);
                Watchlist list;
                try {
                    list = Watchlist.read(f);
                } catch (IOException e) {
                    throw new IOException("--watchlist " + f + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--watchlist " + f + ": " + e.getMessage(), e);
                }
                if (err != null) {
                    err.println("watchlist: " + f + ": " + list.size() + (list.size() == 1 ? " entry" : " entries"));
                }
                all = all == null ? list : all.plus(list);
            }
            out.add(new WatchlistDetector(all, WatchlistDetector.Config.defaults().withSilence(watchlistSilenceMillis)));
        }
        if (err != null) {
            err.flush();
        }
        return out;
    }

    @Override
    public void observation(Observation o) {
        handOff.accept(o); // observations are immutable: safe to hand to the detectors' thread
    }

    @Override
    public void finished(Analysis analysis) {
        handOff.close(); // waits for every observation, rethrows a detector's failure
        order.finish();
        engine.finish();
        if (cellHandOff != null) {
            cellHandOff.close();
            cellEngine.finish();
            events.addAll(cellEvents);
            cellEvents.clear();
        }
    }

    /**
     * The events emitted: each engine's in emission order, the per-vessel detectors' first (see
     * {@link #cellEngine}).
     */
    List<EventRow> events() {
        return events;
    }

    /** Duplicate receptions kept from the detectors (the same report from a second station). */
    long duplicateReceptions() {
        return engine.duplicates();
    }

    /**
     * Observations dropped as late: more than the lateness older than the newest observation before
     * them (or pushed out of order by the bound on held observations).
     */
    long lateObservations() {
        return order.late() + engine.lateObservations(); // the cell engine is fed only what this one took in time
    }

    List<String> names() {
        return names;
    }
}
