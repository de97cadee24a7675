package org.watchkeeper.app;

import org.watchkeeper.core.util.TimeBound;
import org.watchkeeper.core.util.PlainJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.geo.Coordinates;
import org.watchkeeper.core.ref.VesselCriteria;
import org.watchkeeper.store.ClosestApproach;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PositionRow;
import org.watchkeeper.store.StoreCounts;
import org.watchkeeper.store.StoreException;
import org.watchkeeper.store.StoreLockedException;
import org.watchkeeper.store.VesselPresence;
import org.watchkeeper.store.VesselRow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper query}: questions to the history store that {@code analyze} wrote, answered as
 * JSON (an array of objects, "not available" values left out) or CSV (RFC 4180, empty cells).
 * Times are ISO-8601 UTC; distances metres; coordinates WGS 84 degrees.
 */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Ask the history store: a vessel's track, who was in a box or polygon, who came near a point,"
            + " which events were found.", ""},
        subcommands = {QueryCommand.Track.class, QueryCommand.Box.class, QueryCommand.PolygonQuery.class,
            QueryCommand.Near.class, QueryCommand.Events.class},
        footer = {"", "Exit codes: 0 done, 1 store error, 2 usage error.", "", "Examples:",
            "  watchkeeper query track 212123000 \\",
            "      --from 2014-10-02T18:00:00Z --to 2014-10-02T20:00:00Z",
            "  watchkeeper query box 55.0 14.5 56.0 16.0 --format csv",
            "  watchkeeper query polygon 'POLYGON((14.5 55, 16 55, 16 56, 14.5 56, 14.5 55))'",
            "  watchkeeper query near 55.6 15.3 --radius-km 10 \\",
            "      --from 2014-10-02 --to 2014-10-03",
            "  watchkeeper query events --kind drift",
            "  watchkeeper query events --kind encounter --shiptype 80-89 --flag PA,LR,MH"})
public final class QueryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    final Main.Streams streams;

    QueryCommand(Main.Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing query: track, box, polygon, near or events");
    }

    /** Output formats. */
    enum Format { json, csv }

    /** Options every query takes. */
    static final class Common {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--from", paramLabel = "TIME",
                description = "Window start, ISO-8601 UTC (2014-10-02T18:00:00Z, 2014-10-02T18:00, or a date 2014-10-02 = its start); default: the beginning.")
        String from;

        @Option(names = "--to", paramLabel = "TIME",
                description = "Window end, inclusive (a date means its end); default: no end.")
        String to;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
                description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format = Format.json;
    }

    /** Parses a window bound ({@link TimeBound}); {@code end} makes a bare date mean its last millisecond. */
    static long time(String s, boolean end, long absent) {
        return s == null ? absent : TimeBound.parse(s, end);
    }

    /** {@link #time(String, boolean, long)} of an option, whose name begins the message of a wrong value. */
    static long time(String option, String s, boolean end, long absent) {
        if (s != null && s.isBlank()) {
            // an empty value (--from "", a shell variable that was not set) is a mistake, not "no bound"
            throw new IllegalArgumentException(option + " is empty: give an ISO-8601 time or date ("
                    + TimeBound.FORMS + "), or leave the option out for no bound");
        }
        try {
            return time(s, end, absent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Shared run logic: open the store, ask, write, map errors to exit codes. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        QueryCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        /** Columns of the answer. */
        abstract String[] header();

        /** The answer rows, each cell a String, Number or null. */
        abstract List<Object[]> ask(HistoryStore store, long from, long to);

        /**
         * What to tell the user on stderr when the answer is empty (stdout still gets the empty
         * answer), asked while the store is open: by default what was asked and how much the store holds.
         */
        String emptyNote(HistoryStore store) {
            StoreCounts c = store.counts();
            return "nothing found" + (common.from == null && common.to == null ? "" : " in the window")
                    + "; the store holds positions: " + c.positions() + ", vessels: " + c.vessels() + ", events: " + c.events();
        }

        /** Checks the subcommand's own arguments; throws IllegalArgumentException with what is wrong. */
        void check() {
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            long from;
            long to;
            try {
                from = time("--from", common.from, false, Long.MIN_VALUE);
                to = time("--to", common.to, true, Long.MAX_VALUE);
                String reversed = TimeBound.reversed("--from", from, "--to", to);
                if (reversed != null) {
                    throw new IllegalArgumentException(reversed);
                }
                check();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (common.store.kind == StoreOptions.Kind.postgres) {
                common.store.pg.check(spec);
            }
            boolean noDuckDb = common.store.kind == StoreOptions.Kind.duckdb
                    && !Files.exists(common.store.data.resolve(DuckDbHistoryStore.FILE_NAME));
            if (common.store.kind == StoreOptions.Kind.duckdb
                    && !(noDuckDb && org.watchkeeper.server.PostgresLocation.markedIn(common.store.data).isPresent())) {
                // a usage mistake first (exit 2), before the store it would have asked is looked for; on a
                // PostgreSQL server's folder the missing store's message says where to ask, with --store postgres
                common.store.pg.refuseWithoutPostgres(spec, common.store.data.resolve(DuckDbHistoryStore.FILE_NAME));
            }
            if (noDuckDb) {
                err.println("watchkeeper query: no store at " + common.store.data.resolve(DuckDbHistoryStore.FILE_NAME)
                        + common.store.noDuckDbHint());
                err.flush();
                return 1;
            }
            List<Object[]> rows;
            String note = null;
            try (HistoryStore store = common.store.openExisting()) {
                rows = ask(store, from, to);
                if (rows.isEmpty()) {
                    note = emptyNote(store);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (StoreLockedException e) {
                err.println("watchkeeper query: " + e.getMessage() + "; while a server runs, ask it instead: GET /api/near, /api/box,"
                        + " /api/vessels/{mmsi}/track, /api/events (every route: the server's /openapi.json), each with"
                        + " 'Authorization: Bearer TOKEN' (the admin's token is in " + common.store.data.resolve("admin-token")
                        + " unless the server was given another)");
                err.flush();
                return 1;
            } catch (org.watchkeeper.store.PostgresHistoryStore.ConnectFailure e) {
                err.println("watchkeeper query: " + PgOptions.message(e));
                err.flush();
                return 1;
            } catch (org.watchkeeper.store.PostgresHistoryStore.NoHistoryException e) {
                err.println("watchkeeper query: " + e.getMessage());
                err.flush();
                return 1;
            } catch (StoreException e) {
                err.println("watchkeeper query: store error (" + common.store.describe() + "): " + e.getMessage()
                        + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
                err.flush();
                return 1;
            }
            try {
                write(parent.streams.out(), common.format, header(), rows);
            } catch (IOException | UncheckedIOException e) {
                IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                if (Main.Streams.brokenPipe(io)) {
                    return 0; // the reader stopped early (query ... | head), as decode treats it
                }
                err.println("watchkeeper query: cannot write the answer: " + e.getMessage());
                err.flush();
                return 1;
            }
            if (note != null) {
                err.println(spec.qualifiedName() + ": " + note);
                err.flush();
            }
            return 0;
        }
    }

    /**
     * Writes rows as a JSON array of objects, one per line (null cells left out), or as CSV under the header. A
     * {@code String[]} cell is a JSON array of strings, and in CSV one cell of its items separated by
     * spaces (the MMSIs of an event); a {@code Boolean} is a JSON boolean, in CSV {@code true} or {@code false}; a
     * {@code JsonNode} is itself in JSON, in CSV one cell of its compact JSON text (an event's attributes). Numbers are
     * plain decimals in both ({@link PlainJson}: a longitude of {@code 0.0001}, not {@code 1.0E-4}).
     */
    static void write(OutputStream out, Format format, String[] header, List<Object[]> rows) throws IOException {
        if (format == Format.csv) {
            CSVPrinter p = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setHeader(header).get());
            Object[] cells = new Object[header.length];
            for (Object[] r : rows) {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = r[i] instanceof String[] list ? String.join(" ", list)
                            : r[i] instanceof com.fasterxml.jackson.databind.JsonNode node ? PlainJson.write(node)
                            : r[i] instanceof Double d ? PlainJson.number(d) : r[i];
                }
                p.printRecord(cells);
            }
            p.flush();
            return;
        }
        JsonGenerator g = PlainJson.factory().setRootValueSeparator(null).createGenerator(out, JsonEncoding.UTF8);
        // One object per line, each but the last followed by its comma: "[\n{..},\n{..}\n]".
        g.writeRaw('[');
        boolean first = true;
        for (Object[] r : rows) {
            g.writeRaw(first ? "\n" : ",\n");
            first = false;
            g.writeStartObject();
            for (int i = 0; i < header.length; i++) {
                Object v = r[i];
                if (v == null) {
                    continue;
                }
                g.writeFieldName(header[i]);
                if (v instanceof Long l) {
                    g.writeNumber(l);
                } else if (v instanceof Integer n) {
                    g.writeNumber(n);
                } else if (v instanceof Double d) {
                    g.writeNumber(d);
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v instanceof com.fasterxml.jackson.databind.JsonNode node) {
                    g.writeRawValue(PlainJson.write(node));
                } else if (v instanceof String[] list) {
                    g.writeStartArray();
                    for (String item : list) {
                        g.writeString(item);
                    }
                    g.writeEndArray();
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        }
        g.writeRaw("\n]\n");
        g.flush();
    }

    private static Double opt(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Integer opt(int v) {
        return v < 0 ? null : v;
    }

    private static String iso(long t) {
        return Instant.ofEpochMilli(t).toString();
    }

    /**
     * An MMSI is 9 digits (ITU-R M.585), but stations send larger values, up to the largest the 30-bit
     * AIS field carries, and the store keeps them: digits (leading zeros allowed) up to 1073741823, as the
     * API takes them, with its words for a value that is not one. Read as text, so that a value too large
     * for a Java int is said to be above the largest MMSI, not "not a whole number".
     *
     * @param name the option as the message names it ({@code mmsi}, {@code --mmsi})
     */
    static int mmsi(String written, String name) {
        // 0 (000000000) too: a placeholder some transmitters send, a station the store keeps and the API takes
        return Mmsi.parse(written, name);
    }

    /** Names of the vessels in the answer, looked up once each. */
    private static Map<Integer, VesselRow> names(HistoryStore store, List<Integer> mmsis) {
        Map<Integer, VesselRow> out = new HashMap<>();
        for (int m : mmsis) {
            store.vessel(m).ifPresent(v -> out.put(m, v));
        }
        return out;
    }

    static final String[] PRESENCE_HEADER = {"mmsi", "name", "flag", "class", "positions", "first", "last"};

    static List<Object[]> presence(HistoryStore store, List<VesselPresence> found) {
        Map<Integer, VesselRow> names = names(store, found.stream().map(VesselPresence::mmsi).toList());
        List<Object[]> rows = new ArrayList<>();
        for (VesselPresence p : found) {
            VesselRow v = names.get(p.mmsi());
            rows.add(new Object[] {Mmsi.format(p.mmsi()), v == null ? null : v.name(), v == null ? null : v.flag(),
                v == null ? null : v.vesselClass(), p.positions(), iso(p.firstTimeMillis()), iso(p.lastTimeMillis())});
        }
        return rows;
    }

    /** {@code query track MMSI}. */
    @Command(name = "track", mixinStandardHelpOptions = true,
            description = "The positions of one vessel in the window, in time order, with their track segment number.")
    static final class Track extends Sub {
        @Parameters(index = "0", paramLabel = "MMSI", description = "The vessel's MMSI.")
        String mmsiWritten;

        int mmsi;

        @Override
        void check() {
            mmsi = mmsi(mmsiWritten, "mmsi");
        }

        @Override
        String[] header() {
            return new String[] {"mmsi", "time", "lat", "lon", "speed", "course", "heading", "status", "type", "segment", "source"};
        }

        @Override
        String emptyNote(HistoryStore store) {
            if (store.vessel(mmsi).isEmpty()) {
                return "no vessel " + Mmsi.format(mmsi) + " in the store";
            }
            return "no positions of " + Mmsi.format(mmsi) + (common.from == null && common.to == null ? "" : " in the window");
        }

        @Override
        List<Object[]> ask(HistoryStore store, long from, long to) {
            List<Object[]> rows = new ArrayList<>();
            for (PositionRow p : store.track(mmsi, from, to)) {
                rows.add(new Object[] {Mmsi.format(p.mmsi()), iso(p.timeMillis()), Coordinates.round6(p.lat()), Coordinates.round6(p.lon()),
                    opt(p.sog()), opt(p.cog()), opt(p.heading()), opt(p.navStatus()), opt(p.messageType()), p.segment(), p.source()});
            }
            return rows;
        }
    }

    /** {@code query box MINLAT MINLON MAXLAT MAXLON}. */
    @Command(name = "box", mixinStandardHelpOptions = true,
            description = {"Vessels with positions inside a latitude/longitude box in the window (edges included):"
                + " positions inside and first/last time inside, ordered by MMSI. MINLON > MAXLON crosses the 180° meridian."})
    static final class Box extends Sub {
        @Parameters(index = "0", paramLabel = "MINLAT") double minLat;
        @Parameters(index = "1", paramLabel = "MINLON") double minLon;
        @Parameters(index = "2", paramLabel = "MAXLAT") double maxLat;
        @Parameters(index = "3", paramLabel = "MAXLON") double maxLon;

        @Override
        String[] header() {
            return PRESENCE_HEADER;
        }

        @Override
        String emptyNote(HistoryStore store) {
            return super.emptyNote(store) + " (asked: latitude " + minLat + " to " + maxLat + ", longitude "
                    + minLon + " to " + maxLon + "; the order is MINLAT MINLON MAXLAT MAXLON)";
        }

        @Override
        List<Object[]> ask(HistoryStore store, long from, long to) {
            return presence(store, store.vesselsInBox(minLat, minLon, maxLat, maxLon, from, to));
        }
    }

    /** {@code query polygon AREA}. */
    @Command(name = "polygon", mixinStandardHelpOptions = true,
            description = {"Vessels with positions inside a polygon in the window (boundary included), ordered by MMSI.",
                "AREA is WKT with x = longitude (POLYGON((lon lat, ...)) or MULTIPOLYGON, split at ±180 when it crosses"
                    + " the meridian), or a ring of 'lat,lon' vertices separated by ';' or spaces."})
    static final class PolygonQuery extends Sub {
        @Parameters(index = "0", paramLabel = "AREA") String area;

        /**
         * What is wrong with an AREA that is an unknown option (picocli passes what it does not know as an option
         * to AREA, since a ring may start with '-': "-34,151; ..."), or null when it is none.
         */
        static String unknownOption(String area) {
            if (area == null) {
                return null;
            }
            String a = area.strip();
            if (a.startsWith("-") && (a.length() < 2 || !(Character.isDigit(a.charAt(1)) || a.charAt(1) == '.'))) {
                return "unknown option '" + a + "' (AREA is WKT or a ring of lat,lon vertices)";
            }
            return null;
        }

        @Override
        String[] header() {
            return PRESENCE_HEADER;
        }

        @Override
        List<Object[]> ask(HistoryStore store, long from, long to) {
            String a = area.strip();
            String upper = a.toUpperCase(Locale.ROOT);
            // WKT (POLYGON, MULTIPOLYGON, or another type the store names as not an area) starts with a letter
            if (!upper.isEmpty() && upper.charAt(0) >= 'A' && upper.charAt(0) <= 'Z') {
                return presence(store, store.vesselsInPolygon(a, from, to));
            }
            String unknown = unknownOption(a);
            if (unknown != null) {
                throw new IllegalArgumentException(unknown);
            }
            String[] vertices = a.split("[;\\s]+");
            double[][] ring = new double[vertices.length][];
            for (int i = 0; i < vertices.length; i++) {
                String[] ll = vertices[i].split(",");
                if (ll.length != 2) {
                    throw new IllegalArgumentException("vertex '" + vertices[i] + "' is not lat,lon");
                }
                try {
                    ring[i] = new double[] {Double.parseDouble(ll[0]), Double.parseDouble(ll[1])};
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("vertex '" + vertices[i] + "' is not lat,lon");
                }
            }
            return presence(store, store.vesselsInPolygon(ring, from, to));
        }
    }

    /** {@code query near LAT LON --radius-km R [--fixes-only]}. */
    @Command(name = "near", mixinStandardHelpOptions = true,
            // the first line is the command's summary in 'query --help', so it is one whole sentence
            description = {"Who came within R km of a point in the window: per vessel its closest approach (distance in"
                + " metres, time and position), ordered by distance then MMSI.",
                "Between two consecutive fixes of a track segment at most 2 h and 60 km apart the vessel is taken"
                + " to have moved in a straight line at a steady speed, so that a vessel reporting rarely (e.g. by"
                + " satellite) is found when it passed through the radius between two fixes outside it: such a"
                + " point has \"interpolated\": true and \"between\": the times of the two fixes."
                + " --fixes-only considers the reported fixes alone."})
    static final class Near extends Sub {
        @Parameters(index = "0", paramLabel = "LAT") double lat;
        @Parameters(index = "1", paramLabel = "LON") double lon;

        @Option(names = "--radius-km", paramLabel = "KM", required = true,
                description = "Radius in kilometres, > 0 and <= 20000 (the HTTP API's /api/near takes the same).")
        double radiusKm;

        @Option(names = "--fixes-only",
                description = "Only the reported fixes: no point interpolated between two of them.")
        boolean fixesOnly;

        @Override
        String[] header() {
            return new String[] {"mmsi", "name", "flag", "class", "distance_m", "time", "lat", "lon", "interpolated",
                "between"};
        }

        @Override
        List<Object[]> ask(HistoryStore store, long from, long to) {
            double max = org.watchkeeper.server.Api.NEAR_MAX_RADIUS_KM;
            if (!(radiusKm > 0 && radiusKm <= max)) {
                // worded as /api/near words its radius_km
                throw new IllegalArgumentException("--radius-km must be > 0 and <= " + org.watchkeeper.server.Api.fmt(max) + ": "
                        + org.watchkeeper.server.Api.fmt(radiusKm));
            }
            List<ClosestApproach> found = fixesOnly ? store.near(lat, lon, radiusKm * 1000, from, to)
                    : store.nearAlongTracks(lat, lon, radiusKm * 1000, from, to);
            Map<Integer, VesselRow> names = names(store, found.stream().map(ClosestApproach::mmsi).toList());
            List<Object[]> rows = new ArrayList<>();
            for (ClosestApproach c : found) {
                VesselRow v = names.get(c.mmsi());
                rows.add(new Object[] {Mmsi.format(c.mmsi()), v == null ? null : v.name(), v == null ? null : v.flag(),
                    v == null ? null : v.vesselClass(), Math.round(c.distanceMetres() * 10) / 10.0, iso(c.timeMillis()),
                    Coordinates.round6(c.lat()), Coordinates.round6(c.lon()), c.interpolated(),
                    c.interpolated() ? new String[] {iso(c.before().timeMillis()), iso(c.after().timeMillis())} : null});
            }
            return rows;
        }
    }

    /** {@code query events [--kind K[,K...]] [--mmsi M] [--shiptype T] [--flag CC] [--class C]}. */
    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Events that overlap the window, of some kinds, of one vessel, or of vessels of some ship types,"
                + " flags or classes, ordered by start then id.",
                "--shiptype, --flag and --class take what the API's shiptype=, flag= and class= take, with the same"
                + " errors, each a comma-separated list that may be given several times (--flag PA --flag LR is"
                + " --flag PA,LR): an event passes when one of its vessels passes every one given, by the vessel's"
                + " latest identity in the store."})
    static final class Events extends Sub {
        @Option(names = "--kind", paramLabel = "KIND",
                description = "Only these kinds (gap, loitering, drift, ...; several separated by commas, as the API's kind=,"
                        + " with the same errors; may be given several times).")
        List<String> kinds;
        /** The kinds asked for, checked ({@link #check}), or null for all. */
        private java.util.Set<String> wanted;

        @Option(names = "--mmsi", paramLabel = "MMSI", description = "Only events involving this vessel.")
        String mmsiWritten;

        Integer mmsi;

        @Option(names = "--shiptype", paramLabel = "TYPES",
                description = "Only events of vessels of these ITU-R M.1371-5 ship and cargo types (0..255): codes and"
                    + " ranges separated by commas, e.g. 80-89 (tankers) or 30 (fishing), or the option given again."
                    + " A vessel whose type is not known matches none.")
        List<String> shipType;

        @Option(names = "--flag", paramLabel = "CC",
                description = "Only events of vessels of these flags (from the MMSI's MID): ISO 3166-1 alpha-2 codes,"
                    + " any case, separated by commas, e.g. PA,LR,MH, or the option given again; GB is the United Kingdom.")
        List<String> flag;

        @Option(names = "--class", paramLabel = "CLASS",
                description = "Only events of vessels of these station classes, any case, separated by commas or the"
                    + " option given again: A, B, base_station, aid_to_navigation, sar_aircraft.")
        List<String> vesselClass;

        private VesselCriteria vessels;
        /** Events found before the vessel filters, for the note of an empty answer. */
        private int beforeVesselFilters;

        @Override
        void check() {
            mmsi = mmsiWritten == null ? null : mmsi(mmsiWritten, "--mmsi");
            List<String> kindItems = VesselCriteria.listItems(kinds, "--kind", "event kinds such as gap,drift");
            wanted = kindItems == null ? null : org.watchkeeper.core.detect.EventKind.ids(kindItems);
            vessels = VesselCriteria.parseLists(shipType, flag, vesselClass, "--");
        }

        @Override
        String[] header() {
            return new String[] {"id", "kind", "start", "end", "mmsis", "lat", "lon", "attributes"};
        }

        /** What the detector measured, as the report's {@code events.csv} gives it ({@link EventsReport#attributes}). */
        private static com.fasterxml.jackson.databind.JsonNode attributes(org.watchkeeper.store.EventRow e) {
            try {
                return EventsReport.attributes(e);
            } catch (IOException ex) {
                throw new UncheckedIOException("event " + e.id() + ": its stored evidence is not JSON", ex);
            }
        }

        @Override
        String emptyNote(HistoryStore store) {
            if (vessels == null || beforeVesselFilters == 0) {
                return super.emptyNote(store);
            }
            return beforeVesselFilters + " event" + (beforeVesselFilters == 1 ? "" : "s") + " found, none of a vessel passing"
                    + (vessels.shipTypes() == null ? "" : " --shiptype " + String.join(",", shipType.stream().map(String::strip).toList()))
                    + (vessels.flags() == null ? "" : " --flag " + vessels.flagText())
                    + (vessels.classes() == null ? "" : " --class " + vessels.classText());
        }

        @Override
        List<Object[]> ask(HistoryStore store, long from, long to) {
            // one kind is asked of the store; several are kept from all kinds', in the store's order
            String one = wanted != null && wanted.size() == 1 ? wanted.iterator().next() : null;
            List<org.watchkeeper.store.EventRow> found = mmsi != null ? store.eventsForVessel(mmsi, from, to)
                    : store.events(one, from, to);
            // each vessel looked up once: an event passes when one of its vessels does
            Map<Integer, Boolean> passed = new HashMap<>();
            List<Object[]> rows = new ArrayList<>();
            beforeVesselFilters = 0;
            for (org.watchkeeper.store.EventRow e : found) {
                if (wanted != null && !wanted.contains(e.kind())) {
                    continue;
                }
                beforeVesselFilters++;
                if (vessels != null && java.util.Arrays.stream(e.mmsis()).noneMatch(m -> passed.computeIfAbsent(m,
                        k -> store.vessel(k).map(v -> vessels.test(v.shipType(), v.flag(), v.vesselClass())).orElse(false)))) {
                    continue;
                }
                rows.add(new Object[] {e.id(), e.kind(), iso(e.startMillis()), iso(e.endMillis()),
                    java.util.Arrays.stream(e.mmsis()).mapToObj(Mmsi::format).toArray(String[]::new),
                    opt(Coordinates.round6(e.lat())), opt(Coordinates.round6(e.lon())), attributes(e)});
            }
            return rows;
        }
    }
}
