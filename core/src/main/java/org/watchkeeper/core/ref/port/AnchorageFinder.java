package org.watchkeeper.core.ref.port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.track.Tracker;

/**
 * Anchorages derived from a history: the places where many different vessels lay still for a long
 * time, as Global Fishing Watch builds its anchorage list ("Datasets and Code: Anchorages",
 * globalfishingwatch.org/datasets-and-code/anchorages): the globe is cut into cells about 0.5 km
 * on a side (GFW: S2 cells of level 14); a vessel is <em>stationary</em> while it moves less than
 * 0.5 km over at least 12 hours; a cell where at least 20 distinct vessels were stationary is an
 * anchorage. The result feeds the port list of the encounter and port-visit detectors
 * ({@link AnchorageGeoJson} writes it as GeoJSON points that {@link PortLists} reads), which is how
 * GFW uses its anchorages: an encounter needs both vessels at least 10 km from any anchorage, a port
 * visit starts within 3 km of one.
 *
 * <p>Input: the tracker's accepted fixes ({@link #position}), in event-time order per vessel, of
 * ship stations only: an MMSI of kind {@link Mmsi.Kind#SHIP} in a position report of a vessel
 * ({@link PositionObservation#vesselReport()}: message types 1, 2, 3, 18, 19 and 27, and the rows of
 * a CSV export of vessel positions, which carry no message type); base stations, aids to navigation, SAR aircraft and
 * handheld or craft-associated MMSIs lie still by nature and are left out.
 *
 * <p>Stationary periods (per vessel): a period starts at a fix and takes every following fix that
 * lies within {@link Config#radiusM()} of that first fix (an equirectangular distance, exact to well
 * under a metre at this range and correct across the 180° meridian). The first fix farther away, or
 * the vessel's next track segment (a gap of over 24 h or an impossible jump, see
 * {@link org.watchkeeper.core.track.TrackerConfig}), ends it and starts the next one. A period of at
 * least {@link Config#minStationaryMillis()} between its first and last fix (and two fixes or more)
 * is a <em>stop</em>, placed at the mean of its fixes; a period still open at the end of input
 * counts with what was seen of it.
 *
 * <p>Cells: rows of {@link Config#cellM()} of latitude; each row cut into as many columns as fit
 * whole cells of that width at the row's middle latitude, so that cells have about the same area at
 * every latitude (as S2 cells do) and a column never spans the 180° meridian. A stop belongs to the
 * cell of its mean position. An anchorage is placed at the mean of its stops' positions.
 *
 * <p>Memory: one small record per vessel seen in a position report, and one per cell holding a
 * stop (with the set of its vessels); stops are hours long, so cells are few. Not thread safe:
 * feed it from the analysis thread, then call {@link #anchorages()} after the input ends.
 */
public final class AnchorageFinder implements AnalysisListener {

    /**
     * Thresholds of the derivation.
     *
     * @param radiusM a vessel that stays within this many metres of where a period began is still
     *        stationary; default 500 m (GFW: "moves less than 0.5 km"); &gt; 0
     * @param minStationaryMillis a stationary period at least this long is a stop; default 12 h (GFW:
     *        "over at least 12 hr"); &gt; 0
     * @param minVessels distinct vessels with a stop in a cell that make it an anchorage; default 20
     *        (GFW's threshold); &ge; 1. A history of days rather than years reaches 20 only at the
     *        busiest anchorages: lower it for short histories.
     * @param cellM cell side in metres; default 500 (GFW: S2 level 14, "roughly 0.5 km on a side");
     *        100..100 000
     */
    public record Config(double radiusM, long minStationaryMillis, int minVessels, double cellM) {
        /** Checks the values. @throws IllegalArgumentException for a value out of its range */
        public Config {
            if (!(radiusM > 0) || minStationaryMillis <= 0 || minVessels < 1 || !(cellM >= 100 && cellM <= 100_000)) {
                throw new IllegalArgumentException("anchorage thresholds out of range: radius " + radiusM + " m, stationary "
                        + minStationaryMillis + " ms, vessels " + minVessels + ", cell " + cellM + " m");
            }
        }

        /** GFW's thresholds: 500 m, 12 h, 20 vessels, cells of 500 m. */
        public static Config defaults() {
            return new Config(500, 12 * 3_600_000L, 20, 500);
        }

        /** A copy with another stop duration and vessel count (the two a user tunes to the history's length). */
        public Config with(long minStationaryMillis, int minVessels) {
            return new Config(radiusM, minStationaryMillis, minVessels, cellM);
        }
    }

    /**
     * One derived anchorage.
     *
     * @param id {@code anchorage-<row>-<column>} of its cell: stable for the same thresholds and cell size
     * @param latitude mean of the stops' positions, degrees -90..90
     * @param longitude mean of the stops' positions, degrees -180..180
     * @param vessels distinct vessels with a stop in the cell
     * @param stops stops in the cell (a vessel may stop several times)
     * @param stationaryMillis the stops' durations added up, milliseconds
     * @param firstMillis start of the earliest stop, epoch milliseconds
     * @param lastMillis end of the latest stop, epoch milliseconds
     */
    public record Anchorage(String id, double latitude, double longitude, int vessels, int stops, long stationaryMillis,
                            long firstMillis, long lastMillis) {
    }

    /** Counts of the derivation (for a summary). */
    public record Totals(long fixes, long stops, int vesselsWithStops, int cellsWithStops, int anchorages) {
    }

    private static final double METRES_PER_DEGREE = Geodesy.EARTH_RADIUS_M * Math.PI / 180;

    private final Config config;
    private final double radius2;
    private final double cellDeg;
    private final Map<Integer, Period> periods = new HashMap<>();
    private final Map<Long, Cell> cells = new HashMap<>();
    private final Set<Integer> stoppedVessels = new HashSet<>();
    private long fixes;
    private long stops;

    /** @param config thresholds ({@link Config#defaults()} for GFW's) */
    public AnchorageFinder(Config config) {
        this.config = config;
        this.radius2 = config.radiusM() * config.radiusM();
        this.cellDeg = config.cellM() / METRES_PER_DEGREE;
    }

    /** The thresholds. */
    public Config config() {
        return config;
    }

    /** A vessel's current stationary period (coordinates relative to its first fix). */
    private static final class Period {
        int segment;
        double lat0;
        double lon0;
        double cos0;
        long start;
        long last;
        double sumDy;
        double sumDx;
        int n;

        void begin(int segment, long t, double lat, double lon) {
            this.segment = segment;
            lat0 = lat;
            lon0 = lon;
            cos0 = Math.cos(Math.toRadians(lat));
            start = t;
            last = t;
            sumDy = 0;
            sumDx = 0;
            n = 1;
        }
    }

    /** The stops of one cell. */
    private static final class Cell {
        final Set<Integer> vessels = new HashSet<>();
        double lat0 = Double.NaN;
        double lon0;
        double sumLat;
        double sumDLon;
        int stops;
        long millis;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    @Override
    public void position(PositionObservation p, Tracker.Decision decision) {
        if (!decision.accepted() || !p.vesselReport() || Mmsi.kind(p.mmsi()) != Mmsi.Kind.SHIP) {
            return;
        }
        fix(p.mmsi(), decision.segment().number(), p.time(), p.latitude(), p.longitude());
    }

    /**
     * One accepted fix of a ship station.
     *
     * @param mmsi the vessel
     * @param segment its track segment (a change ends the stationary period)
     * @param time event time, epoch milliseconds, not earlier than the vessel's previous fix
     * @param lat degrees -90..90
     * @param lon degrees -180..180
     */
    public void fix(int mmsi, int segment, long time, double lat, double lon) {
        fixes++;
        Period p = periods.get(mmsi);
        if (p == null) {
            p = new Period();
            p.begin(segment, time, lat, lon);
            periods.put(mmsi, p);
            return;
        }
        if (p.segment == segment) {
            double dy = (lat - p.lat0) * METRES_PER_DEGREE;
            double dx = Geodesy.longitudeDifference(p.lon0, lon) * METRES_PER_DEGREE * p.cos0;
            if (dx * dx + dy * dy <= radius2) {
                p.sumDy += dy;
                p.sumDx += dx;
                p.n++;
                p.last = Math.max(p.last, time);
                return;
            }
        }
        close(mmsi, p);
        p.begin(segment, time, lat, lon);
    }

    @Override
    public void finished(Analysis analysis) {
        finish();
    }

    /** The end of input: the periods still open are closed (and count as stops when long enough). */
    public void finish() {
        periods.forEach(this::close);
        periods.clear();
    }

    private void close(int mmsi, Period p) {
        long d = p.last - p.start;
        if (p.n < 2 || d < config.minStationaryMillis()) {
            return;
        }
        double lat = p.lat0 + p.sumDy / p.n / METRES_PER_DEGREE;
        double lon = p.cos0 > 1e-9 ? Geodesy.normalizeLongitude(p.lon0 + p.sumDx / p.n / (METRES_PER_DEGREE * p.cos0)) : p.lon0;
        lat = Math.max(-90, Math.min(90, lat));
        Cell c = cells.computeIfAbsent(cellKey(lat, lon), k -> new Cell());
        if (Double.isNaN(c.lat0)) {
            c.lat0 = lat;
            c.lon0 = lon;
        }
        c.vessels.add(mmsi);
        c.sumLat += lat;
        c.sumDLon += Geodesy.longitudeDifference(c.lon0, lon);
        c.stops++;
        c.millis += d;
        c.first = Math.min(c.first, p.start);
        c.last = Math.max(c.last, p.last);
        stops++;
        stoppedVessels.add(mmsi);
    }

    /** Row (high 32 bits) and column (low 32 bits) of the cell holding a position. */
    long cellKey(double lat, double lon) {
        int rows = (int) Math.ceil(180 / cellDeg);
        int row = Math.min(rows - 1, (int) Math.floor((lat + 90) / cellDeg));
        int cols = columns(row);
        int col = (int) Math.floor((Geodesy.normalizeLongitude(lon) + 180) / 360 * cols);
        return ((long) row << 32) | Math.min(col, cols - 1);
    }

    /** Columns of a row: whole cells of {@link Config#cellM()} along the row's middle latitude (1 at the poles). */
    private int columns(int row) {
        double mid = -90 + (row + 0.5) * cellDeg;
        return Math.max(1, (int) Math.floor(360 * Math.cos(Math.toRadians(Math.min(90, mid))) / cellDeg));
    }

    /**
     * The anchorages found so far (call after {@link #finish()} for the whole input): cells with at
     * least {@link Config#minVessels()} distinct vessels, most vessels first, then by id.
     */
    public List<Anchorage> anchorages() {
        List<Anchorage> out = new ArrayList<>();
        cells.forEach((key, c) -> {
            if (c.vessels.size() >= config.minVessels()) {
                out.add(new Anchorage("anchorage-" + (key >>> 32) + "-" + (key & 0xFFFF_FFFFL), c.sumLat / c.stops,
                        Geodesy.normalizeLongitude(c.lon0 + c.sumDLon / c.stops), c.vessels.size(), c.stops, c.millis,
                        c.first, c.last));
            }
        });
        out.sort(Comparator.comparingInt(Anchorage::vessels).reversed().thenComparing(Anchorage::id));
        return out;
    }

    /** Counts so far: fixes taken, stops, vessels with a stop, cells with a stop, anchorages. */
    public Totals totals() {
        int anchorages = 0;
        for (Cell c : cells.values()) {
            if (c.vessels.size() >= config.minVessels()) {
                anchorages++;
            }
        }
        return new Totals(fixes, stops, stoppedVessels.size(), cells.size(), anchorages);
    }
}
