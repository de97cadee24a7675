package org.watchkeeper.app;

import org.watchkeeper.core.ref.port.AnchorageFinder;
import org.watchkeeper.core.ref.port.AnchorageGeoJson;
import org.watchkeeper.core.ref.port.PortIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.Stats;
import org.watchkeeper.core.csv.CsvRejectReason;
import org.watchkeeper.core.csv.CsvReport;
import org.watchkeeper.core.csv.DmaReader;
import org.watchkeeper.core.csv.MarineCadastreReader;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.pipeline.Analysis;
import org.watchkeeper.core.pipeline.AnalysisListener;
import org.watchkeeper.core.pipeline.EventTimeMerge;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.pipeline.GnssClock;
import org.watchkeeper.core.pipeline.HandOff;
import org.watchkeeper.core.pipeline.InputFormat;
import org.watchkeeper.core.pipeline.NmeaInput;
import org.watchkeeper.core.pipeline.StrayTimeFilter;
import org.watchkeeper.core.pipeline.TimeOrderedBuffer;
import org.watchkeeper.core.ref.LandMask;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.TrackerConfig;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.EventRow;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.StoreCounts;
import org.watchkeeper.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper analyze}: AIS logs in (NMEA, plain, gzip, zip or tar, any timestamp convention; or a
 * MarineCadastre / DMA CSV export), the vessel picture and tracks built, the history store
 * written, and a report directory out: {@code summary.json}, {@code vessels.csv},
 * {@code tracks.geojson}, {@code events.json}, {@code events.csv}, {@code events.kml}; a short summary on stdout, and
 * with {@code --errors} every rejected NMEA line and CSV row. An input cut short (a gzip file) is
 * analyzed up to the cut and an input that gives no observation is named on stderr; an input that
 * fails part-way through (a zip or tar of several files on standard input, an archive cut short, a disk
 * or pipe error) is analyzed up to the error, the report written and marked partial, and the run exits 1
 * naming the error; an input that cannot be opened ends the run with an error naming it.
 */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Build the vessel picture and tracks from AIS logs, store the history and write a report.",
            "",
            "Input: NMEA 0183 logs (plain, gzip, or a zip or tar of one file; times from tag blocks, $PGHP lines, epoch suffixes or the"
                + " receiver's own $GPRMC/$GPZDA sentences) or a"
                + " MarineCadastre or DMA CSV export (recognised by its header; sorted by time before tracking; a bad row"
                + " is rejected alone, with its line, and the rest read). Anything else (JSON such as decode writes,"
                + " another CSV: no line in its first 64 KiB starts as a sentence or tag block; an image, a 7-Zip or other"
                + " archive, any binary file) is refused, naming it and how it begins, before anything is analyzed (exit 1)."
                + " In an NMEA log, an observation stamped more than 3 h ahead of the times around it is dropped and"
                + " counted (rejected.stray_time), so one bad time cannot carry the log's time line on.",
            "Output: the history store (--store, --data; skip with --no-store) and the report directory (--report,"
                + " default ./watchkeeper-report in the current directory, written with --no-store too; the report files"
                + " of an earlier run there are replaced):",
            "  summary.json    messages, vessels by class, type and flag, time span, rejections by reason",
            "  vessels.csv     one row per station heard: merged identity, flag, class, dimensions, last position,"
                + " segments, messages",
            "  tracks.geojson  RFC 7946 FeatureCollection, one Feature per track segment",
            "  events.json, events.csv  events found by the detectors; events.kml the same for Google Earth and"
                + " other KML viewers (a placemark per event with a position, its time span on the time slider)",
            "and a short summary on stdout; with --errors FILE, every rejected line and CSV row, with its reason. In a"
                + " terminal, a progress bar appears on stderr for inputs that take more than 2 s.",
            "",
            "Detectors see every reception in event-time order: logs merged from several receivers list them up to"
                + " 10 s out of order and are put back in order (as the Flink job does); older ones are counted as"
                + " events.late_observations in summary.json. Several inputs (several stations' logs, or days of one)"
                + " are merged in event-time order, whatever order they are named in (standard input, -, among them);"
                + " an input out of order within itself is put back in order first (see --reorder-ms).",
            "",
            "Land: positions on land are NOT rejected unless --land-tolerance-km is given. The shipped Natural Earth"
                + " 1:10m land covers rivers, lakes and estuaries (the Great Lakes, the Mississippi, Puget Sound inlets),"
                + " so a tight tolerance rejects real inland-water traffic.",
            ""
        },
        footer = {"", "An input that fails part-way through (a zip or tar of several files on standard input, an archive cut"
                + " short, a disk or pipe error) is analyzed up to the error: the report is written (replacing an earlier"
                + " one in --report, as always) with \"partial\": true in summary.json and the error in its input's"
                + " read_error, and stderr names the error, the input and the lines analyzed; exit 1.",
            "", "Exit codes: 0 done (even when lines or rows were rejected), 1 I/O or store error (also an input failing"
                + " part-way, its report written as above) or an input that is"
                + " neither an NMEA log nor a CSV export named above, 2 usage error (also an input that the store holds"
                + " already, without --store-again; nothing is written then).",
            "", "Examples:",
            "  watchkeeper analyze ../shared/data/ais/dma-aisabnormal/ais-sample.txt.gz",
            "  watchkeeper analyze --store postgres --report out day1.nmea.gz day2.nmea.gz",
            "  watchkeeper analyze --no-store --land-tolerance-km 50 open-sea.nmea.gz"})
public final class AnalyzeCommand implements Callable<Integer> {
    private static final int READ_BUFFER = 1 << 16;
    /** Bytes looked at to recognise the format. */
    private static final int SNIFF = 1 << 16;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "NMEA logs or MarineCadastre/DMA CSV exports (plain, gzip, zip or tar, told by their content); '-' reads"
                    + " standard input.")
    List<String> files = new ArrayList<>();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--no-store", description = "Do not write the history store: only the report is written, to --report"
            + " (default: watchkeeper-report in the current directory, replacing an earlier run's report there).")
    boolean noStore;

    @Option(names = "--store-again", description = {"Store the positions of an input file that this history store"
            + " holds already (the same content analyzed into it before): they are then there twice. Without it"
            + " such a run stops (exit 2) before it writes anything."})
    boolean storeAgain;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "watchkeeper-report",
            description = "Report directory, with or without --no-store; created when missing, the report files of an"
                    + " earlier run in it replaced (give each run its own DIR to keep them). Default: ./${DEFAULT-VALUE},"
                    + " in the current directory.")
    Path report = Path.of("watchkeeper-report");

    @Option(names = "--land-tolerance-km", paramLabel = "KM",
            description = "Reject positions lying more than KM inside the Natural Earth land (off by default: no land"
                    + " rejection). Natural Earth counts rivers, lakes, estuaries and the ports on them as land: at 10 km"
                    + " the AMSA log in ../shared/data loses 1 582 of its fixes and at 50 km the MarineCadastre US"
                    + " extract still loses 10 292 river and lake fixes. Use it for open-sea feeds only, with a generous KM.")
    Double landToleranceKm;

    /** What {@code --untimed} accepts (lower case, as typed; picocli lists them for a wrong value). */
    enum Untimed {
        carry(NmeaInput.Untimed.CARRY), drop(NmeaInput.Untimed.DROP);

        final NmeaInput.Untimed policy;

        Untimed(NmeaInput.Untimed policy) {
            this.policy = policy;
        }
    }

    @Option(names = "--untimed", paramLabel = "POLICY", defaultValue = "carry",
            description = "Messages without a receive time: carry (take the newest time seen before them in the same"
                    + " input; leading ones take the first time) or drop. Default: ${DEFAULT-VALUE}.")
    Untimed untimed = Untimed.carry;

    @Option(names = "--assume-time", paramLabel = "ISO-8601",
            description = "Event time for the messages of an input that carries no time at all, ISO-8601 UTC"
                    + " (2024-01-01T00:00:00Z, 2024-01-01T00:00, or a date = its start): all of them at that one"
                    + " instant, so identities and last positions but no tracks over time; without it they are"
                    + " dropped and counted.")
    String assumeTime;

    @Option(names = "--detect", paramLabel = "LIST",
            description = "Detectors to run, comma-separated, from: gap, loitering, drift, sudden_speed_change,"
                    + " identity_conflict, invalid_identity, position_on_land, encounter, port_visit,"
                    + " chokepoint_transit, zone (territorial-sea entries and exits)."
                    + " Default: all but position_on_land and zone (inland waters count as land in the Natural"
                    + " Earth mask, and the territorial seas take a while to load).")
    List<String> detect;

    @Option(names = "--no-detect", description = "Run no detector (no events).")
    boolean noDetect;

    @Option(names = "--zones", paramLabel = "FILE",
            description = "GeoJSON zones to report entries and exits of (Polygon and MultiPolygon features, named by"
                    + " properties.name, NAME, GEONAME, ...; your own areas, an EEZ or a marine protected area file);"
                    + " repeatable. Runs beside the detectors chosen by --detect.")
    List<Path> zoneFiles;

    @Option(names = "--watchlist", paramLabel = "FILE",
            description = "Watchlist: lines 'mmsi N', 'imo N' or 'name TEXT', each optionally '| note'; a listed vessel's"
                    + " first position of each UTC day is reported (watchlist_activity), and a silence of --watchlist-silence-min"
                    + " (watchlist_gap); repeatable. Runs beside --detect's detectors.")
    List<Path> watchlistFiles;

    @Option(names = "--watchlist-silence-min", paramLabel = "MIN", defaultValue = "60",
            description = "A vessel on the watchlist not heard for this many minutes is a watchlist_gap (default: ${DEFAULT-VALUE}; 0: off).")
    long watchlistSilenceMin;

    /** The user's zones and watchlist from --zones and --watchlist, run beside the named detectors. */
    private List<org.watchkeeper.core.detect.Detector<?>> userDetectors = List.of();

    /** The port index for the detectors from --ports (null: the shipped list). */
    private PortIndex portIndex;

    @picocli.CommandLine.Mixin
    PortFiles.Options portOptions = new PortFiles.Options();

    @Option(names = "--anchorages", description = {"Also derive anchorages from the input (report file anchorages.geojson):"
            + " 0.5 km cells where at least --anchorage-vessels distinct ships each lay still (moving less than 500 m)"
            + " for at least --anchorage-hours, as Global Fishing Watch builds its anchorage list. The file is a port list:"
            + " give it to --ports of a later analyze or serve so that encounters and port visits know those anchorages."
            + " Each is named after the nearest port within 20 km (the shipped list's or a --ports file's), and its port"
            + " visits count as visits to that port (with the anchorage's id beside)."})
    boolean anchorages;

    @Option(names = "--anchorage-vessels", paramLabel = "N", defaultValue = "20",
            description = "Distinct vessels that must have lain still in a cell to make it an anchorage (default: ${DEFAULT-VALUE},"
                    + " GFW's threshold over years of data; lower it for a history of days).")
    int anchorageVessels = 20;

    @Option(names = "--anchorage-hours", paramLabel = "H", defaultValue = "12",
            description = "Hours a vessel must lie still for its stop to count (default: ${DEFAULT-VALUE}, as GFW; decimals allowed).")
    double anchorageHours = 12;

    @Option(names = "--max-vessels", paramLabel = "N", defaultValue = "1000000",
            description = "Vessels held in the picture and tracker; the least recently seen is dropped beyond it. Default: ${DEFAULT-VALUE}.")
    int maxVessels = 1_000_000;

    @Option(names = "--reorder-ms", paramLabel = "MS",
            description = {"Put each NMEA input's observations back in event-time order before the picture, tracker and"
                    + " detectors, holding each up to MS milliseconds (bounded out-of-orderness; MS at most 86400000;"
                    + " at most 1 000 000 observations held at once); 0 keeps each input's order."
                    + " Default: chosen per input from its first 256 KiB: where at least 1 %% of at least 100 observations"
                    + " there come more than 10 s after a later one (a satellite feed delivers its passes out of order,"
                    + " by up to an hour or two), twice the largest such lag, rounded up to a minute (lags over 3 h are"
                    + " stale times no window should wait for and do not count); else 0."
                    + " An observation older than the newest one by more than MS is dropped and counted"
                    + " (rejected.too_late_to_reorder)."})
    Long reorderMs;

    @Option(names = "--lenient", description = "Accept NMEA sentences that have no checksum at all.")
    boolean lenient;

    @Option(names = "--accept-bad-tag-block-checksum", description = "Keep sentences whose tag block checksum is wrong.")
    boolean acceptBadTagBlockChecksum;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "Write every rejected NMEA line and CSV row to FILE as tab-separated values, as decode --errors"
                    + " does: file, line number, reason, detail, the line or row as read (the counts by reason are in"
                    + " summary.json and on stdout).")
    Path errors;

    @Option(names = "--quiet", description = "No summary on stdout, no progress bar, no --ports counts; warnings of observations lost"
            + " still go to stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final Main.Streams streams;

    AnalyzeCommand(Main.Streams streams) {
        this.streams = streams;
    }

    /** What one input gave. */
    static final class InputResult {
        String file;
        InputFormat format;
        long bytes;
        Stats nmea;
        long carried;
        long untimedDropped;
        /** Messages given the --assume-time. */
        long assumed;
        /** Observations dropped by the {@link StrayTimeFilter}. */
        long strayTime;
        /** The time of the first of them, or Long.MIN_VALUE. */
        long firstStray = Long.MIN_VALUE;
        /** The input line of the message of the first stray, 0 when not known. */
        long firstStrayLine;
        long late;
        /** The --reorder-ms applied to this input (given, or chosen from its start). */
        long reorderMs;
        long gnssSentences;
        /** Why the input ended early (a gzip stream cut short, or corrupt inside), or null. */
        String truncated;
        /** True when {@link #truncated} is the inflater's report of corrupt data, not a cut. */
        boolean corrupt;
        /** A CSV input corrupt inside: its observations, none analyzed. */
        long droppedAsCorrupt;
        /**
         * The read error that ended the input part-way (a zip or tar of several files on standard input, an archive
         * cut short or damaged, a disk or pipe error), or null: what came before it is analyzed ({@link OpenedInput}).
         */
        String readError;
        CsvReport csv;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        NmeaInput.Untimed policy;
        long assumed = Long.MIN_VALUE;
        try {
            policy = untimed.policy;
            if (assumeTime != null) {
                try {
                    assumed = QueryCommand.time(assumeTime, false, Long.MIN_VALUE);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--assume-time: " + e.getMessage());
                }
            }
            if (landToleranceKm != null && !(landToleranceKm >= 0)) {
                throw new IllegalArgumentException("--land-tolerance-km must be >= 0");
            }
            if (reorderMs != null && (reorderMs < 0 || reorderMs > 86_400_000L)) {
                throw new IllegalArgumentException("--reorder-ms must be in [0, 86400000]: " + reorderMs);
            }
            if (detect != null && noDetect) {
                throw new IllegalArgumentException("--detect and --no-detect exclude each other: give one");
            }
            if (detect != null) {
                // comma-separated, also given several times; an empty item ("gap,") is refused, as the API's lists
                detect = org.watchkeeper.core.ref.VesselCriteria.listItems(detect, "--detect", "detector names such as gap,encounter");
                for (String d : detect) {
                    if (!Detection.AVAILABLE.containsKey(d.strip().toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("unknown detector '" + d + "'; known: "
                                + String.join(", ", Detection.AVAILABLE.keySet()));
                    }
                }
            }
            if (maxVessels < 1) {
                throw new IllegalArgumentException("--max-vessels must be >= 1");
            }
            if (anchorageVessels < 1) {
                throw new IllegalArgumentException("--anchorage-vessels must be >= 1: " + anchorageVessels);
            }
            if (!(anchorageHours > 0 && anchorageHours <= 24 * 366)) {
                throw new IllegalArgumentException("--anchorage-hours must be > 0 and at most a year (8784): " + anchorageHours);
            }
            if (!anchorages && (spec.commandLine().getParseResult().hasMatchedOption("--anchorage-vessels")
                    || spec.commandLine().getParseResult().hasMatchedOption("--anchorage-hours"))) {
                throw new IllegalArgumentException("--anchorage-vessels and --anchorage-hours tune --anchorages: give --anchorages too");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!noStore && storeOptions.kind == StoreOptions.Kind.postgres) {
            storeOptions.pg.check(spec);
        }
        String refused = noStore || storeOptions.kind != StoreOptions.Kind.duckdb ? null : storeOptions.refusedDuckDbFolder();
        if (refused != null) {
            err.println("watchkeeper analyze: " + refused);
            err.flush();
            return 2;
        }
        if (!noStore && storeOptions.kind == StoreOptions.Kind.duckdb) {
            storeOptions.pg.refuseWithoutPostgres(spec, storeOptions.data.resolve(org.watchkeeper.store.DuckDbHistoryStore.FILE_NAME));
        }
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "standard input (-) can be named once: it is read once");
        }
        if (errors != null) {
            if (errors.toString().equals("-")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--errors needs a file: standard output carries the summary");
            }
            for (String f : files) {
                if (!f.equals("-") && DecodeCommand.sameFile(Path.of(f), errors)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--errors " + errors
                            + " is also an input: writing it would destroy it before it is read");
                }
            }
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String f : files) {
            if (!f.equals("-") && !named.add(Path.of(f).toAbsolutePath().normalize().toString())) {
                err.println("watchkeeper analyze: " + f + " is named more than once: each copy is read, and the positions"
                        + " of the second are duplicate receptions of the first (counted once by the detectors)");
                err.flush();
            }
        }
        long totalBytes = 0;
        for (String f : files) {
            String problem = Inputs.unreadable(f);
            if (problem != null) {
                err.println("watchkeeper analyze: cannot read " + f + ": " + problem);
                err.flush();
                return 1;
            }
            if (!f.equals("-")) {
                try {
                    totalBytes += Files.size(Path.of(f));
                } catch (IOException e) {
                    err.println("watchkeeper analyze: cannot read " + f + ": " + e.getMessage());
                    return 1;
                }
            }
        }
        for (String f : files) {
            // before anything is opened or written: a file of another kind is no input to count, as serve and send refuse it
            String why = refusal(f);
            if (why != null) {
                err.println("watchkeeper analyze: " + why);
                err.flush();
                return 1;
            }
        }
        PortIndex ports = null;
        if (!noDetect || anchorages) { // the detectors' ports; with --anchorages also those that name them
            try {
                ports = portOptions.index(err, quiet);
            } catch (PortFiles.UnrecognisedException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                err.println("watchkeeper analyze: cannot read ports: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        this.portIndex = ports;
        if (noDetect && (zoneFiles != null || watchlistFiles != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--zones and --watchlist report events: they cannot go with --no-detect");
        }
        try {
            if (watchlistSilenceMin < 0 || watchlistSilenceMin > 7 * 1440) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--watchlist-silence-min must be in [0, 10080] (0: off): " + watchlistSilenceMin);
            }
            userDetectors = Detection.userDetectors(zoneFiles, watchlistFiles, watchlistSilenceMin * 60_000L, quiet ? null : err);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("watchkeeper analyze: " + e.getMessage());
            err.flush();
            return 1;
        }
        long started = System.nanoTime();
        HistoryStore store = null;
        DataFolderLock folderLock = null;
        try {
            if (!noStore && storeOptions.kind == StoreOptions.Kind.duckdb) {
                // before anything is written: a server (or another analyze) using the folder is not disturbed
                folderLock = DataFolderLock.acquire(storeOptions.data, "watchkeeper analyze");
            }
            // before the report folder is made: a run refused here leaves nothing behind
            List<org.watchkeeper.store.AnalyzedInput> analyzed = List.of();
            if (!noStore) {
                store = storeOptions.open();
                if (store instanceof org.watchkeeper.store.PostgresHistoryStore pgStore && pgStore.owner().isPresent()) {
                    // serve empties the schema it keeps at each start: what analyze wrote there would be lost
                    err.println("watchkeeper analyze: schema " + storeOptions.pgSchema + " at " + pgStore.url() + " is kept by "
                            + pgStore.owner().get() + ", which empties it at each start; analyze into another --pg-schema");
                    err.flush();
                    return 2;
                }
                analyzed = fingerprints();
                String already = storedBefore(store, analyzed);
                if (already != null && !storeAgain) {
                    err.println("watchkeeper analyze: " + already);
                    err.flush();
                    return 2;
                }
            }
            try {
                Files.createDirectories(report);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                err.println("watchkeeper analyze: cannot write the report to " + report + ": it is a file, not a directory");
                err.flush();
                return 1;
            }
            if (errors != null) {
                try {
                    rejects = new Rejects(new ErrorsFile(Files.newOutputStream(errors)));
                } catch (IOException e) {
                    err.println("watchkeeper analyze: cannot write --errors " + errors + ": " + openFailure(e));
                    err.flush();
                    return 1;
                }
            }
            int code = run(store, policy, assumed, totalBytes, started, err);
            if (store != null && !analyzed.isEmpty()) {
                store.recordAnalyzedInputs(analyzed); // its positions are stored: a second run is told so
            }
            if (rejects != null) {
                Rejects done = rejects;
                rejects = null;
                try {
                    done.close();
                } catch (IOException e) {
                    err.println("watchkeeper analyze: cannot write --errors " + errors + ": " + e.getMessage()
                            + " (the report in " + report + " is written)");
                    err.flush();
                    return 1;
                }
            }
            return code;
        } catch (InputFailure e) {
            err.println("watchkeeper analyze: I/O error on input " + e.input + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println("watchkeeper analyze: I/O error: " + io.getMessage());
            err.flush();
            return 1;
        } catch (DataFolderLock.InUseException e) {
            err.println("watchkeeper analyze: " + e.getMessage() + " (give analyze another --data DIR)");
            err.flush();
            return 1;
        } catch (org.watchkeeper.store.PostgresHistoryStore.ConnectFailure e) {
            err.println("watchkeeper analyze: " + PgOptions.message(e));
            err.flush();
            return 1;
        } catch (StoreException e) {
            err.println("watchkeeper analyze: store error (" + storeOptions.describe() + "): " + e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
            err.flush();
            return 1;
        } finally {
            discardReportParts(); // nothing is left after a run that put its report in place
            if (rejects != null) {
                try {
                    rejects.close();
                } catch (IOException ignored) {
                    // the run already ends with an error
                }
            }
            if (store != null) {
                try {
                    store.close();
                } catch (StoreException ignored) {
                    // the first error is already reported
                }
            }
            if (folderLock != null) {
                folderLock.close();
            }
        }
    }

    /** The record of each input file of this run (stdin has none), fingerprinted now, before it is read. */
    private List<org.watchkeeper.store.AnalyzedInput> fingerprints() throws IOException {
        List<org.watchkeeper.store.AnalyzedInput> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String f : new java.util.LinkedHashSet<>(files)) {
            if (f.equals("-")) {
                continue;
            }
            Path p = Path.of(f);
            try {
                out.add(new org.watchkeeper.store.AnalyzedInput(InputFingerprint.of(p), f, Files.size(p), now));
            } catch (IOException e) {
                throw new InputFailure(f, e);
            }
        }
        return out;
    }

    /**
     * What to say when an input of this run was analyzed into the store before (its positions would be
     * stored twice), or null when none was.
     */
    static String storedBefore(HistoryStore store, List<org.watchkeeper.store.AnalyzedInput> inputs) {
        java.util.Map<String, org.watchkeeper.store.AnalyzedInput> held = new java.util.HashMap<>();
        for (org.watchkeeper.store.AnalyzedInput a : store.analyzedInputs()) {
            held.put(a.fingerprint(), a);
        }
        List<String> seen = new ArrayList<>();
        for (org.watchkeeper.store.AnalyzedInput in : inputs) {
            org.watchkeeper.store.AnalyzedInput before = held.get(in.fingerprint());
            if (before != null) {
                seen.add(in.name() + (before.name().equals(in.name()) ? "" : " (as " + before.name() + ")") + " on "
                        + java.time.Instant.ofEpochMilli(before.analyzedMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
        }
        if (seen.isEmpty()) {
            return null;
        }
        boolean one = seen.size() == 1;
        return (one ? "this input was" : "these inputs were") + " analyzed into this history store before: "
                + String.join(", ", seen) + (one ? "; its positions are there already, and analyzing it again"
                        : "; their positions are there already, and analyzing them again")
                + " would store them a second time. Give another --data folder, --no-store for the report alone,"
                + " or --store-again to append them anyway";
    }

    /** Why a file could not be opened for writing, in a few words. */
    private static String openFailure(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /** The --errors file while the inputs are read, or null. */
    private Rejects rejects;

    /**
     * The --errors file, written from each input's thread (several inputs are read at once); a write
     * failure is kept and reported when it is closed, so that it is not taken for a failure of the
     * input being read.
     */
    private static final class Rejects {
        private final ErrorsFile file;
        private IOException failure;

        Rejects(ErrorsFile file) {
            this.file = file;
        }

        synchronized void line(String input, Rejection r) {
            if (failure == null) {
                try {
                    file.write(input, r);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        synchronized void row(String input, CsvReport.Problem p) {
            if (failure == null) {
                try {
                    file.write(input, p);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        /** @throws IOException the first failure to write or close the file */
        synchronized void close() throws IOException {
            try {
                file.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private int run(HistoryStore store, NmeaInput.Untimed policy, long assumed, long totalBytes, long started,
                    PrintWriter err) throws IOException {
        TrackerConfig defaults = TrackerConfig.defaults();
        TrackerConfig config = new TrackerConfig(defaults.maxGapMillis(), defaults.maxSpeedKnots(), defaults.noiseDistanceM(),
                defaults.duplicateWindowMillis(), defaults.maxFutureMillis(), defaults.lowResolutionHoldMillis(),
                defaults.maxOpenSegments(), landToleranceKm == null ? null : LandMask.naturalEarth10m(),
                landToleranceKm == null ? defaults.landToleranceM() : landToleranceKm * 1000, maxVessels);
        StoreCounts before = store == null ? null : store.counts();
        Map<String, Double> phases = new LinkedHashMap<>();
        Detection detection = noDetect ? null : new Detection(detect == null ? Detection.DEFAULTS : detect, portIndex,
                userDetectors, Runtime.getRuntime().availableProcessors());
        StoreWriter storeWriter = store == null ? null : new StoreWriter(store);
        TracksGeoJson.VesselPictureRef ref = new TracksGeoJson.VesselPictureRef();
        SegmentCounter segments = new SegmentCounter();
        List<AnalysisListener> listeners = new ArrayList<>();
        if (storeWriter != null) {
            listeners.add(storeWriter);
        }
        listeners.add(segments);
        if (detection != null) {
            listeners.add(detection);
        }
        AnchorageFinder anchorageFinder = anchorages ? new AnchorageFinder(AnchorageFinder.Config.defaults()
                .with(Math.round(anchorageHours * 3_600_000), anchorageVessels)) : null;
        if (anchorageFinder != null) {
            listeners.add(anchorageFinder);
        }
        List<InputResult> results = new ArrayList<>();
        // The bar redraws one line with carriage returns: only for someone watching a terminal, not
        // for a log file or a pipe (System.console() is null unless the session is interactive).
        Progress progress = new Progress(err, !quiet && System.console() != null, totalBytes);
        Analysis analysis;
        try (OutputStream tracksOut = new BufferedOutputStream(Files.newOutputStream(part("tracks.geojson")), READ_BUFFER);
             TracksGeoJson tracks = new TracksGeoJson(tracksOut, ref)) {
            listeners.add(tracks);
            analysis = new Analysis(config, listeners);
            ref.picture = analysis.picture();
            Options options = Options.DEFAULT.withLenientChecksum(lenient).withAcceptBadTagBlockChecksum(acceptBadTagBlockChecksum);
            if (files.size() == 1) {
                progress.label(label(files.get(0)));
                results.add(analyzeOne(files.get(0), analysis, options, policy, assumed, progress));
            } else {
                progress.label(files.size() + " inputs");
                results.addAll(analyzeMerged(analysis, options, policy, assumed, progress));
            }
            phases.put("read_decode_track_s", (System.nanoTime() - started) / 1e9);
            // the segments still open are closed now, on this thread alone: format them on every core
            tracks.endOfInput();
            analysis.finish();
        }
        phases.put("close_segments_write_tracks_s", (System.nanoTime() - started) / 1e9);
        progress.finish();
        List<EventRow> events = new ArrayList<>(detection == null ? List.of() : detection.events());
        if (store != null && !events.isEmpty()) {
            store.upsertEvents(events);
        }
        events.sort(Comparator.comparingLong(EventRow::startMillis).thenComparing(EventRow::id));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part("vessels.csv")))) {
            VesselsCsv.write(analysis, out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part("events.json")))) {
            EventsReport.writeJson(events, out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part("events.csv")))) {
            EventsReport.writeCsv(events, out);
        }
        Files.writeString(part("events.kml"), org.watchkeeper.server.Exports.eventsKml(events, "events.json and events.csv"), StandardCharsets.UTF_8);
        if (anchorageFinder != null) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part(ANCHORAGES_FILE)))) {
                // named after the nearest port the user's --ports hold too (their anchorages left out)
                AnchorageGeoJson.write(anchorageFinder.anchorages(), portIndex != null ? portIndex : PortIndex.seaPorts(), out);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        phases.put("reports_s", seconds);
        ObjectNode summary = summary(analysis, results, segments.count, events, store, storeWriter, before, seconds);
        ObjectNode ph = summary.putObject("phases_elapsed_seconds");
        phases.forEach((k, v) -> ph.put(k, Math.round(v * 1000) / 1000.0));
        ArrayNode det = ((ObjectNode) summary.get("events")).putArray("detectors");
        if (detection != null) {
            detection.names().forEach(det::add);
            ((ObjectNode) summary.get("events")).put("late_observations", detection.lateObservations());
            ((ObjectNode) summary.get("events")).put("duplicate_receptions", detection.duplicateReceptions());
        }
        if (anchorageFinder != null) {
            AnchorageFinder.Totals t = anchorageFinder.totals();
            AnchorageFinder.Config c = anchorageFinder.config();
            ObjectNode a = summary.putObject("anchorages");
            a.put("file", ANCHORAGES_FILE);
            a.put("anchorages", t.anchorages());
            a.put("min_vessels", c.minVessels());
            a.put("min_stationary_hours", c.minStationaryMillis() / 3_600_000.0);
            a.put("radius_m", c.radiusM());
            a.put("cell_m", c.cellM());
            a.put("fixes", t.fixes());
            a.put("stops", t.stops());
            a.put("vessels_with_stops", t.vesselsWithStops());
            a.put("cells_with_stops", t.cellsWithStops());
        }
        PlainJson.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(part("summary.json").toFile(), summary);
        replacedEarlier = Files.exists(report.resolve("summary.json"));
        publishReport();
        if (!quiet) {
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(streams.out(), StandardCharsets.UTF_8));
            printSummary(out, summary);
            out.flush();
        }
        printWarnings(err, summary); // also with --quiet: each says what was lost and why
        // an input corrupt inside could not be read whole: the report holds the rest, the exit code
        // says that something given could not be read
        return results.stream().anyMatch(r -> r.corrupt || r.readError != null) ? 1 : 0;
    }

    /** Whether this run's report replaced an earlier run's in the report directory (its summary.json was there). */
    private boolean replacedEarlier;

    /** The report files, in the order they are put in place ({@link #ANCHORAGES_FILE} before summary.json with --anchorages). */
    private static final List<String> REPORT_FILES = List.of("tracks.geojson", "vessels.csv", "events.json", "events.csv", "events.kml",
            "summary.json");
    /** The anchorages derived with --anchorages. */
    static final String ANCHORAGES_FILE = "anchorages.geojson";

    /** This run's report files, in the order they are put in place. */
    private List<String> reportFiles() {
        if (!anchorages) {
            return REPORT_FILES;
        }
        List<String> all = new ArrayList<>(REPORT_FILES);
        all.add(all.size() - 1, ANCHORAGES_FILE);
        return all;
    }

    /**
     * Where report file {@code name} is written until the run has succeeded ({@code .NAME.part} in the
     * report directory): a run that fails leaves the report of an earlier run as it was, not half
     * replaced ({@link #discardReportParts}).
     */
    private Path part(String name) {
        return report.resolve("." + name + ".part");
    }

    /** Puts the report files written by this run in place of those of an earlier run. */
    private void publishReport() throws IOException {
        if (!anchorages) {
            // an earlier run's anchorages are not of this input: left beside its report they would pass for them
            Files.deleteIfExists(report.resolve(ANCHORAGES_FILE));
        }
        for (String name : reportFiles()) {
            try {
                Files.move(part(name), report.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(part(name), report.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Deletes what a failed run had written of its report (the earlier report, if any, is untouched). */
    private void discardReportParts() {
        for (String name : reportFiles()) {
            try {
                Files.deleteIfExists(part(name));
            } catch (IOException e) {
                // best effort: the run's own error is the one to report
            }
        }
    }

    /** Counts closed segments. */
    private static final class SegmentCounter implements AnalysisListener {
        long count;

        @Override
        public void segmentClosed(Segment segment) {
            count++;
        }
    }

    /**
     * One input: decoded and mapped on this thread, analyzed on a second one when there are two
     * cores (only the observations cross; the decoder's objects stay on this core); with
     * --reorder-ms, put back in event-time order on the analysis thread before the picture.
     */
    private InputResult analyzeOne(String name, Analysis analysis, Options options, NmeaInput.Untimed policy, long assumed,
                                   Progress progress) throws IOException {
        long window;
        try {
            window = reorderMs != null ? reorderMs : sniff(name, options, policy, assumed).reorderMs();
        } catch (IOException e) {
            throw new InputFailure(name, e);
        }
        EventTimeOrder reorder = window > 0
                ? new EventTimeOrder(analysis::accept, window, EventTimeOrder.DEFAULT_MAX_HELD) : null;
        HandOff handOff = new HandOff(reorder != null ? reorder : analysis::accept, "analysis");
        InputResult r;
        try {
            r = read(name, handOff, options, policy, assumed, progress);
        } catch (IOException e) {
            throw new InputFailure(name, e);
        } finally {
            handOff.close(); // waits for the analysis thread, rethrows its failure
        }
        if (reorder != null) {
            reorder.finish(); // the analysis thread is done: the rest in order on this one
            r.late = reorder.late();
        }
        r.reorderMs = window;
        return r;
    }

    /**
     * Several inputs, merged in event-time order ({@link EventTimeMerge}): each decoded on a thread
     * of its own (with --reorder-ms, put back in order there first), opened once the merged stream
     * reaches the earliest time in its first {@link #START_SNIFF} bytes; the analysis on this thread.
     * So two stations' logs of one day interleave as one network's, and inputs named in any order
     * give the same events. Results in the order the inputs were named.
     */
    private List<InputResult> analyzeMerged(Analysis analysis, Options options, NmeaInput.Untimed policy, long assumed,
                                            Progress progress) throws IOException {
        InputResult[] results = new InputResult[files.size()];
        List<EventTimeMerge.Input> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i);
            int at = i;
            Sniff start;
            try {
                start = sniff(name, options, policy, assumed);
            } catch (IOException e) {
                throw new InputFailure(name, e);
            }
            long window = reorderMs != null ? reorderMs : start.reorderMs();
            inputs.add(new EventTimeMerge.Input(label(name), start.earliest(), sink -> {
                EventTimeOrder reorder = window > 0
                        ? new EventTimeOrder(sink, window, EventTimeOrder.DEFAULT_MAX_HELD) : null;
                InputResult r;
                try {
                    r = read(name, reorder != null ? reorder : sink, options, policy, assumed, progress);
                } catch (IOException e) {
                    throw new InputFailure(name, e);
                }
                if (reorder != null) {
                    reorder.finish();
                    r.late = reorder.late();
                }
                r.reorderMs = window;
                results[at] = r;
            }));
        }
        try {
            new EventTimeMerge().run(inputs, analysis::accept);
        } catch (EventTimeMerge.MergeFailure e) {
            Throwable cause = e.getCause();
            if (cause instanceof InputFailure f) {
                throw f;
            }
            if (cause instanceof IOException io) {
                throw new InputFailure(e.input(), io);
            }
            if (cause instanceof UncheckedIOException u) {
                throw new InputFailure(e.input(), u.getCause());
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return List.of(results);
    }

    /** The input's name as shown in progress: the file name, or "stdin". */
    private static String label(String name) {
        return name.equals("-") ? "stdin" : Path.of(name).getFileName().toString();
    }

    /**
     * An input that could not be read to its end (a gzip stream corrupt inside, a disk error): the
     * run ends, exit code 1, with a message naming the input as it was given ("stdin" for -).
     */
    private static final class InputFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final String input;

        InputFailure(String name, IOException cause) {
            super(cause.getMessage(), cause);
            this.input = name.equals("-") ? "stdin" : name;
        }
    }

    /** Decodes or reads one input and passes its observations, in the input's order, to {@code sink}. */
    private InputResult read(String name, Consumer<Observation> sink, Options options, NmeaInput.Untimed policy,
                             long assumed, Progress progress) throws IOException {
        InputResult r = new InputResult();
        r.file = name;
        AtomicLong stdinBytes = new AtomicLong();
        try (OpenedInput in = new OpenedInput(open(name, progress, stdinBytes))) {
            in.mark(SNIFF);
            byte[] head = new byte[SNIFF];
            int n = in.readNBytes(head, 0, head.length);
            in.reset();
            r.format = InputFormat.detect(head, n);
            switch (r.format) {
                case NMEA -> {
                    Rejects out = rejects;
                    NmeaChain chain = new NmeaChain(sink, (o, line) -> {
                        if (r.firstStray == Long.MIN_VALUE) {
                            r.firstStray = o.time();
                            r.firstStrayLine = line;
                        }
                    }, out == null ? null : rejection -> out.line(name, rejection), options, policy, assumed);
                    byte[] buf = new byte[READ_BUFFER];
                    int k;
                    while ((k = in.read(buf, 0, buf.length)) > 0) {
                        chain.decoder.feed(buf, 0, k);
                    }
                    // a gzip file cut short (still being written, or a partial copy): what was read
                    // is analyzed, and the summary and stderr say the rest is missing
                    GzipInput gzip = Inputs.gzip(in.content);
                    r.truncated = gzip != null ? gzip.truncated() : null;
                    r.corrupt = gzip != null && gzip.corrupt();
                    r.readError = in.readError();
                    chain.finish();
                    r.gnssSentences = chain.gnss.sentences();
                    r.strayTime = chain.strays.strays();
                    r.nmea = chain.decoder.stats();
                    r.carried = chain.input.carried();
                    r.untimedDropped = chain.input.untimedDropped();
                    r.assumed = chain.input.assumed();
                }
                case MARINECADASTRE_CSV, DMA_CSV -> {
                    TimeOrderedBuffer buffer = new TimeOrderedBuffer();
                    // a gzip file cut short: the rows before the cut are analyzed, the row it cut is
                    // rejected, and the summary and stderr say the rest is missing, as for NMEA
                    GzipInput gzip = Inputs.gzip(in.content);
                    Rejects out = rejects;
                    // a read error part-way ends the input as a cut does: a row it cut is rejected as cut short
                    r.csv = readCsv(r.format, name, in, buffer, () -> gzip != null && gzip.truncated() != null ? gzip.truncated()
                            : in.readError(), out == null ? null : problem -> out.row(name, problem));
                    r.truncated = gzip == null ? null : gzip.truncated();
                    r.corrupt = gzip != null && gzip.corrupt();
                    r.readError = in.readError();
                    if (r.corrupt) {
                        // a CSV row has no checksum: rows inflated from the damaged part (the inflater
                        // may run on long past the damage before a check fails) cannot be told from
                        // good ones, so none of the file is analyzed
                        r.droppedAsCorrupt = buffer.size();
                    } else {
                        buffer.drainTo(sink);
                    }
                }
            }
        }
        r.bytes = name.equals("-") ? stdinBytes.get() : Files.size(Path.of(name));
        return r;
    }

    /**
     * An NMEA input's way to observations, the same for the analysis ({@link #read}) and for its start
     * ({@link #sniff}): decoder, then the messages timed ({@link NmeaInput}), then stray times left out
     * ({@link StrayTimeFilter}). The GNSS sentences of a log ($GPRMC, $GPZDA, ..., a shipborne receiver's
     * or a coastal network's) time its messages through the GNSS clock, which the decoder shows each $
     * line, from the first such sentence on wherever it comes, as the server times a source; in a log
     * without one the clock never knows a time and changes nothing.
     */
    private static final class NmeaChain {
        final StrayTimeFilter strays;
        final NmeaInput input;
        final AisStreamDecoder decoder;
        /** The GNSS clock (no time until the input shows a GNSS time sentence). */
        final GnssClock gnss;

        /**
         * @param onStray given each observation dropped for a stray time and the input line of its message, or null
         * @param rejected given each rejected line, or null
         */
        NmeaChain(Consumer<Observation> sink, java.util.function.ObjLongConsumer<Observation> onStray,
                  Consumer<Rejection> rejected, Options options, NmeaInput.Untimed policy, long assumed) {
            strays = new StrayTimeFilter(sink, onStray == null ? null : o -> onStray.accept(o, lineOf(o)));
            input = new NmeaInput(o -> {
                strays.accept(o);
                if (strays.held() > 0) { // o waits for a jump's confirmations, and may prove a stray: keep its line
                    int i = held++ & (HELD - 1);
                    heldObservations[i] = o;
                    heldLines[i] = NmeaChain.this.input.emittingLine();
                }
            }, policy, assumed);
            decoder = new AisStreamDecoder(options, rejected == null ? input : new AisListener() {
                @Override
                public void message(ReceivedMessage m) {
                    input.message(m);
                }

                @Override
                public void rejected(Rejection r) {
                    input.rejected(r);
                    rejected.accept(r);
                }
            });
            gnss = new GnssClock(decoder); // attaches itself to the decoder
        }

        /**
         * The observations the stray-time filter held lately, and the input lines of their messages (a
         * ring larger than the filter's confirmations: every one it holds now is here).
         */
        private static final int HELD = 16;
        private final Observation[] heldObservations = new Observation[HELD];
        private final long[] heldLines = new long[HELD];
        private int held;

        /** The input line of the message of {@code o}, an observation the filter held; 0 when not among them. */
        private long lineOf(Observation o) {
            for (int i = 0; i < HELD; i++) {
                if (heldObservations[i] == o) {
                    return heldLines[i];
                }
            }
            return 0;
        }

        /** The end of the input: each stage passes on what it still holds, in order. */
        void finish() {
            decoder.finish();
            input.finish(); // messages still waiting for a time
            strays.finish(); // a jump not yet confirmed
        }
    }

    /** Bytes of each input read to find when it starts and how far out of order it is ({@link #sniff}). */
    private static final int START_SNIFF = 1 << 18;
    /** Standard input bytes kept for reading again after {@link #sniff} (gzip reads ahead). */
    private static final int STDIN_MARK = 1 << 20;

    /**
     * What an input's first {@link #START_SNIFF} bytes show, decoded and timed as the analysis will.
     *
     * @param earliest the earliest event time there (Long.MAX_VALUE when none): where the input opens
     *                 in the merge (a stray early time only opens it sooner, which costs memory, not
     *                 observations)
     * @param observations observations there
     * @param late those that came more than the detectors' lateness (10 s), and at most 3 h, after a later one
     * @param maxLagMs the largest such lag, ms
     */
    record Sniff(long earliest, int observations, int late, long maxLagMs) {
        /** Observations needed before the start's disorder chooses a reorder window. */
        static final int MIN_OBSERVATIONS = 100;

        /**
         * The reorder window to apply when --reorder-ms is not given: 0 unless at least 1 % of at least
         * {@link #MIN_OBSERVATIONS} observations came late (a satellite feed's passes out of order: 2 198
         * of 2 820 in AMSA's exactEarth log of 2 February 2012); then twice the largest lag, rounded up
         * to a whole minute (lags count up to {@link StrayTimeFilter#DEFAULT_MAX_JUMP_MILLIS}, so at
         * most 6 h). A terrestrial log merged from several stations lists
         * receptions milliseconds apart in either order: not late, 0.
         */
        long reorderMs() {
            if (observations < MIN_OBSERVATIONS || late * 100L < observations) {
                return 0;
            }
            long minutes = (2 * maxLagMs + 59_999) / 60_000;
            return Math.min(86_400_000L, minutes * 60_000);
        }
    }

    private Sniff sniff(String name, Options options, NmeaInput.Untimed policy, long assumed) throws IOException {
        long[] v = {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 0}; // earliest, newest, observations, late, max lag
        long lateness = EventTimeOrder.DEFAULT_LATENESS_MILLIS;
        Consumer<Observation> start = o -> {
            long t = o.time();
            v[0] = Math.min(v[0], t);
            v[2]++;
            // a lag up to the stray filter's jump: a feed delivered out of order (satellite passes);
            // one further behind is a stale time (a static message relayed with an old tag-block
            // time), which no window should wait for
            if (v[1] != Long.MIN_VALUE && t < v[1] - lateness && v[1] - t <= StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS) {
                v[3]++;
                v[4] = Math.max(v[4], v[1] - t);
            }
            v[1] = Math.max(v[1], t);
        };
        if (name.equals("-")) {
            stdin().mark(STDIN_MARK);
        }
        // a read error within the start ends it there (the analysis meets the error and says so)
        try (InputStream in = new OpenedInput(open(name, null, null))) {
            byte[] head = in.readNBytes(START_SNIFF);
            int n = head.length;
            InputFormat format = InputFormat.detect(head, Math.min(n, SNIFF));
            switch (format) {
                case NMEA -> {
                    // as the analysis will read it
                    NmeaChain chain = new NmeaChain(start, null, null, options, policy, assumed);
                    chain.decoder.feed(head, 0, n);
                    chain.finish();
                }
                case MARINECADASTRE_CSV, DMA_CSV -> {
                    // sorted before the analysis: no disorder to measure
                    TimeOrderedBuffer buffer = new TimeOrderedBuffer();
                    readCsv(format, name, new java.io.ByteArrayInputStream(head, 0, n), buffer, () -> null, null);
                    buffer.drainTo(o -> v[0] = Math.min(v[0], o.time()));
                }
            }
        } finally {
            if (name.equals("-")) {
                stdin().reset();
            }
        }
        return new Sniff(v[0], (int) v[2], (int) v[3], v[4]);
    }

    /**
     * Why input {@code name} ({@code -} for standard input) is not analyzed, or null when it is: an NMEA 0183 log as
     * far as its first {@link InputFormat#SNIFF_BYTES} (decompressed) tell, or a MarineCadastre or DMA CSV export
     * ({@link InputFormat#refusal}). Anything else without a line that starts as a sentence or a tag block there
     * (JSON such as {@code decode} writes, another CSV, a zip or other binary file) is refused, naming the input and
     * how it begins. Standard input is read again from its start afterwards; an input that fails while its start
     * is read (a gzip header cut short, a disk error) is left to the analysis, which says so naming it.
     *
     * @return e.g. {@code decoded.json holds no NMEA 0183 sentence in its first 3 lines (it begins '{"class":"AIS",...');
     *     analyze reads NMEA 0183 AIS logs and MarineCadastre or DMA CSV exports, plain, gzip, zip or tar (nothing was analyzed)}
     */
    private String refusal(String name) {
        boolean stdin = name.equals("-");
        String zip = Inputs.archiveRefusal(name);
        if (zip != null) {
            return name + " " + zip + " (nothing was analyzed)";
        }
        try {
            if (stdin) {
                stdin().mark(STDIN_MARK);
            }
            InputFormat.Refusal r;
            String inZip = null;
            try (InputStream in = open(name, null, null)) {
                r = InputFormat.refusal(in);
                inZip = Inputs.archived(in);
            } finally {
                if (stdin) {
                    stdin().reset();
                }
            }
            if (r == null || r.csv()) {
                return null;
            }
            return (stdin ? "standard input" : name) + (inZip != null ? ": " + inZip : "") + " " + r.what()
                    + "; analyze reads NMEA 0183 AIS logs and"
                    + " MarineCadastre or DMA CSV exports, plain, gzip, zip or tar (nothing was analyzed)";
        } catch (IOException e) {
            return null;
        }
    }

    /** Standard input, buffered once so that {@link #sniff} can read its start again. */
    private InputStream stdin() {
        if (stdin == null) {
            stdin = new BufferedInputStream(streams.in(), READ_BUFFER);
        }
        return stdin;
    }

    private InputStream stdin;

    /**
     * Reads a CSV export of {@code format} into {@code buffer}, its rows' source named after the input.
     *
     * @param truncated why the input ended early, or null (asked at its end)
     * @param rejected given each rejected row, or null
     */
    private static CsvReport readCsv(InputFormat format, String name, InputStream in, TimeOrderedBuffer buffer,
                                     java.util.function.Supplier<String> truncated, Consumer<CsvReport.Problem> rejected)
            throws IOException {
        String source = label(name);
        InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return format == InputFormat.MARINECADASTRE_CSV
                ? new MarineCadastreReader(source).read(reader, buffer, truncated, rejected)
                : new DmaReader(source).read(reader, buffer, truncated, rejected);
    }

    /**
     * A buffered stream over the file (or stdin), gunzipped when it starts with the gzip magic bytes;
     * its bytes counted by {@code progress} unless null, and those of stdin in {@code stdinBytes} unless null.
     */
    private InputStream open(String name, Progress progress, AtomicLong stdinBytes)
            throws IOException {
        // standard input stays open: it is read again after its start is sniffed
        InputStream raw = !name.equals("-") ? Files.newInputStream(Path.of(name))
                : stdinBytes == null ? Inputs.nonClosing(stdin()) : Inputs.counting(Inputs.nonClosing(stdin()), stdinBytes::addAndGet);
        return Inputs.maybeGunzipped(progress == null ? raw : progress.counting(raw), READ_BUFFER, READ_BUFFER);
    }

    // ------------------------------------------------------------------ summary

    private ObjectNode summary(Analysis analysis, List<InputResult> results, long segmentCount, List<EventRow> events,
                               HistoryStore store, StoreWriter storeWriter, StoreCounts before, double seconds) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        // true when an input ended before its end (a read error, a gzip cut short or corrupt inside): the report
        // is of what was read; each such input says why (read_error, truncated, corrupt)
        root.put("partial", results.stream().anyMatch(r -> r.readError != null || r.truncated != null));
        ArrayNode inputs = root.putArray("inputs");
        long lines = 0;
        long sentences = 0;
        long rejectedLineCount = 0;
        long messages = 0;
        long[] byType = new long[64];
        Map<RejectReason, Long> rejectedLines = new EnumMap<>(RejectReason.class);
        long csvRows = 0;
        long csvBad = 0;
        Map<CsvRejectReason, Long> csvRejected = new EnumMap<>(CsvRejectReason.class);
        long carried = 0;
        long untimedDropped = 0;
        long strayTime = 0;
        long late = 0;
        long archiveRecords = 0;
        Map<String, Long> otherSentences = new TreeMap<>();
        long tagBlockOnly = 0;
        long blank = 0;
        long withoutChecksum = 0;
        long unverifiedTagBlock = 0;
        for (InputResult r : results) {
            ObjectNode in = inputs.addObject();
            in.put("file", r.file);
            in.put("format", r.format.name().toLowerCase(Locale.ROOT));
            in.put("bytes", r.bytes);
            if (r.nmea != null) {
                Stats s = r.nmea;
                in.put("lines", s.lines());
                // the sentence lines of messages decoded; those rejected with their message are in rejected_lines only
                in.put("sentences", s.messageSentences());
                in.put("messages", s.messages());
                in.put("rejected_lines", s.rejectedLines());
                ObjectNode why = in.putObject("rejected_by_reason");
                s.rejections().forEach((k, v) -> why.put(k.code(), v));
                unverified(in, s.messagesWithoutChecksum(), s.messagesWithUnverifiedTagBlock());
                // lines passed over, neither rejected nor a message's: they account for lines against messages
                ObjectNode os = in.putObject("other_sentences");
                s.otherSentences().forEach(os::put);
                in.put("tag_block_only_lines", s.tagBlockOnlyLines());
                in.put("blank_lines", s.blankLines());
                if (s.serverArchiveRecords() > 0) {
                    // a serve data folder's raw archive: its zone/watchlist marks and cluster events, passed over
                    in.put("server_archive_records", s.serverArchiveRecords());
                }
                in.put("messages_with_carried_time", r.carried);
                in.put("messages_without_time", r.untimedDropped);
                if (assumeTime != null) {
                    in.put("messages_at_assumed_time", r.assumed);
                }
                in.put("stray_time", r.strayTime);
                if (r.firstStray != Long.MIN_VALUE) {
                    in.put("first_stray_time", java.time.Instant.ofEpochMilli(r.firstStray).toString());
                    if (r.firstStrayLine > 0) {
                        in.put("first_stray_line", r.firstStrayLine);
                    }
                }
                if (r.gnssSentences > 0) {
                    in.put("gnss_time_sentences", r.gnssSentences);
                }
                if (r.truncated != null) {
                    in.put(r.corrupt ? "corrupt" : "truncated", r.truncated);
                }
                if (r.readError != null) {
                    in.put("read_error", r.readError);
                }
                in.put("reorder_ms", r.reorderMs);
                lines += s.lines();
                sentences += s.messageSentences();
                rejectedLineCount += s.rejectedLines();
                messages += s.messages();
                for (int t = 0; t < byType.length; t++) {
                    byType[t] += s.messages(t);
                }
                s.rejections().forEach((k, v) -> rejectedLines.merge(k, v, Long::sum));
                archiveRecords += s.serverArchiveRecords();
                s.otherSentences().forEach((k, v) -> otherSentences.merge(k, v, Long::sum));
                tagBlockOnly += s.tagBlockOnlyLines();
                blank += s.blankLines();
                withoutChecksum += s.messagesWithoutChecksum();
                unverifiedTagBlock += s.messagesWithUnverifiedTagBlock();
                carried += r.carried;
                untimedDropped += r.untimedDropped;
                strayTime += r.strayTime;
                late += r.late;
            } else {
                in.put("lines", r.csv.lines());
                in.put("rows", r.csv.rows());
                in.put("bad_rows", r.csv.badRows());
                ObjectNode why = in.putObject("rejected_by_reason");
                r.csv.rejections().forEach((k, n) -> why.put(k.code(), n));
                in.put("observations", r.csv.observations());
                if (!r.csv.problems().isEmpty()) {
                    CsvReport.Problem p = r.csv.problems().get(0);
                    ObjectNode first = in.putObject("first_rejected_row");
                    first.put("line", p.line());
                    first.put("reason", p.reason().code());
                    first.put("detail", p.detail());
                    first.put("row", p.row());
                }
                if (r.truncated != null) {
                    in.put(r.corrupt ? "corrupt" : "truncated", r.truncated);
                }
                if (r.corrupt) {
                    in.put("observations_dropped_as_corrupt", r.droppedAsCorrupt);
                }
                if (r.readError != null) {
                    in.put("read_error", r.readError);
                }
                csvRows += r.csv.rows();
                csvBad += r.csv.badRows();
                r.csv.rejections().forEach((k, n) -> csvRejected.merge(k, n, Long::sum));
            }
        }
        root.put("lines", lines);
        // summed over the NMEA inputs as each input's are, so that the same sum holds at the top
        root.put("sentences", sentences);
        root.put("rejected_lines", rejectedLineCount);
        ObjectNode os = root.putObject("other_sentences");
        otherSentences.forEach(os::put);
        root.put("tag_block_only_lines", tagBlockOnly);
        root.put("blank_lines", blank);
        unverified(root, withoutChecksum, unverifiedTagBlock);
        if (archiveRecords > 0) {
            root.put("server_archive_records", archiveRecords);
        }
        root.put("messages", messages);
        ObjectNode types = root.putObject("messages_by_type");
        for (int t = 0; t < byType.length; t++) {
            if (byType[t] > 0) {
                types.put(Integer.toString(t), byType[t]);
            }
        }
        root.put("csv_rows", csvRows);
        ObjectNode span = root.putObject("time_span");
        if (analysis.firstTime() <= analysis.lastTime()) {
            span.put("start", Instant.ofEpochMilli(analysis.firstTime()).toString());
            span.put("end", Instant.ofEpochMilli(analysis.lastTime()).toString());
            span.put("seconds", (analysis.lastTime() - analysis.firstTime()) / 1000.0);
        }
        org.watchkeeper.ais.nmea.PositionSpan ps = analysis.positionSpan();
        if (ps.hasPositions()) {
            ObjectNode positionsSpan = span.putObject("positions");
            positionsSpan.put("start", Instant.ofEpochMilli(ps.first()).toString());
            positionsSpan.put("end", Instant.ofEpochMilli(ps.last()).toString());
            positionsSpan.put("seconds", (ps.last() - ps.first()) / 1000.0);
            org.watchkeeper.ais.nmea.PositionSpan.Outside outside = ps.outside();
            if (outside != null) {
                // observations without a position far outside the positions' span (times of another feed, say)
                ObjectNode o = span.putObject("outside_positions");
                o.put("before", outside.before());
                o.put("before_seconds", outside.beforeMs() / 1000.0);
                o.put("after", outside.after());
                o.put("after_seconds", outside.afterMs() / 1000.0);
                o.put("at_least", outside.atLeast());
            }
        }
        ObjectNode obs = root.putObject("observations");
        obs.put("positions", analysis.positionObservations());
        obs.put("identities", analysis.identityObservations());
        obs.put("heard_only", analysis.heardObservations());
        ObjectNode pos = root.putObject("positions");
        pos.put("accepted", analysis.acceptedPositions());
        pos.put("rejected", analysis.rejectedPositions().values().stream().mapToLong(Long::longValue).sum());
        root.put("segments", segmentCount);

        List<VesselSnapshot> vessels = analysis.picture().vessels();
        ObjectNode v = root.putObject("vessels");
        v.put("total", vessels.size());
        Map<String, Long> byClass = new TreeMap<>();
        Map<String, Long> byShipType = new TreeMap<>();
        Map<String, Long> byFlag = new TreeMap<>();
        for (VesselSnapshot s : vessels) {
            byClass.merge(s.stationClass().id(), 1L, Long::sum);
            // every station, as by_class and by_flag: base stations, aids to navigation and SAR aircraft are "not a ship"
            String cat;
            if (s.stationClass() == StationClass.A || s.stationClass() == StationClass.B
                    || s.stationClass() == StationClass.UNKNOWN) {
                cat = s.shipType() < 0 ? "not reported" : org.watchkeeper.ais.Names.shipTypeCategory(s.shipType());
            } else {
                cat = "not a ship";
            }
            byShipType.merge(cat, 1L, Long::sum);
            byFlag.merge(s.flag() == null ? "unknown" : s.flag().iso2(), 1L, Long::sum);
        }
        putSorted(v.putObject("by_class"), byClass);
        putSorted(v.putObject("by_type"), byShipType);
        putSorted(v.putObject("by_flag"), byFlag);
        v.put("dropped_beyond_max", analysis.tracker().droppedVessels());

        ObjectNode rej = root.putObject("rejected");
        ObjectNode rl = rej.putObject("lines");
        rejectedLines.forEach((k, n) -> rl.put(k.code(), n));
        ObjectNode rp = rej.putObject("positions");
        Map<NoiseReason, Long> noise = analysis.rejectedPositions();
        noise.forEach((k, n) -> rp.put(k.code(), n));
        rej.put("csv_rows", csvBad);
        ObjectNode rc = rej.putObject("csv_rows_by_reason");
        csvRejected.forEach((k, n) -> rc.put(k.code(), n));
        rej.put("messages_without_time", untimedDropped);
        rej.put("too_late_to_reorder", late);
        rej.put("stray_time", strayTime);
        root.put("messages_with_carried_time", carried);
        ObjectNode ev = root.putObject("events");
        ev.put("total", events.size());
        Map<String, Long> byKind = new TreeMap<>();
        events.forEach(e -> byKind.merge(e.kind(), 1L, Long::sum));
        ObjectNode bk = ev.putObject("by_kind");
        byKind.forEach(bk::put);
        ObjectNode settings = root.putObject("settings");
        if (landToleranceKm == null) {
            settings.putNull("land_tolerance_km");
        } else {
            settings.put("land_tolerance_km", landToleranceKm);
        }
        settings.put("untimed", untimed.name());
        if (reorderMs == null) {
            settings.putNull("reorder_ms"); // chosen per input: inputs[].reorder_ms
        } else {
            settings.put("reorder_ms", reorderMs);
        }
        if (assumeTime == null) {
            settings.putNull("assume_time");
        } else {
            settings.put("assume_time", java.time.Instant.ofEpochMilli(QueryCommand.time(assumeTime, false, Long.MIN_VALUE)).toString());
        }
        settings.put("lenient", lenient);
        settings.put("accept_bad_tag_block_checksum", acceptBadTagBlockChecksum);
        settings.put("max_vessels", maxVessels);
        if (store != null) {
            ObjectNode st = root.putObject("store");
            st.put("location", storeOptions.describe());
            st.put("positions_appended", storeWriter.positionRows());
            st.put("vessels_upserted", storeWriter.vesselRows());
            st.put("identity_changes_appended", storeWriter.identityChangeRows());
            st.put("events_upserted", events.size());
            st.put("write_seconds", Math.round(storeWriter.writeSeconds() * 1000) / 1000.0);
            st.put("positions_before", before.positions());
        } else {
            root.putNull("store");
        }
        root.put("elapsed_seconds", Math.round(seconds * 1000) / 1000.0);
        return root;
    }

    private static void putSorted(ObjectNode node, Map<String, Long> counts) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    private void printSummary(PrintWriter out, ObjectNode s) {
        double secs = s.get("elapsed_seconds").asDouble();
        long lines = s.get("lines").asLong();
        long csvRows = s.get("csv_rows").asLong();
        StringBuilder what = new StringBuilder();
        if (lines > 0 || csvRows == 0) {
            long messages = s.get("messages").asLong();
            // messages without any time never reach the picture, tracker or detectors: not "analyzed"
            long untimedMessages = s.get("rejected").get("messages_without_time").asLong();
            if (untimedMessages == 0) {
                what.append(String.format(Locale.ROOT, "%d message%s from %d line%s", messages, messages == 1 ? "" : "s",
                        lines, lines == 1 ? "" : "s"));
            } else {
                what.append(String.format(Locale.ROOT, "%d of %d message%s from %d line%s, %d left out for having no time",
                        messages - untimedMessages, messages, messages == 1 ? "" : "s", lines, lines == 1 ? "" : "s",
                        untimedMessages));
            }
        }
        if (csvRows > 0) {
            what.append(what.length() > 0 ? " and " : "").append(csvRows).append(" CSV rows");
        }
        int n = s.get("inputs").size();
        out.printf(Locale.ROOT, "analyzed %s (%d input%s) in %.2f s%n", what, n, n == 1 ? "" : "s", secs);
        JsonView v = new JsonView(s.get("vessels"));
        // AIS stations: ships (class A, B) and also base stations and aids to navigation, by class
        out.printf(Locale.ROOT, "  stations:   %d%s%n", s.get("vessels").get("total").asLong(), paren(v.top("by_class", 6)));
        out.printf(Locale.ROOT, "  flags:      %s%n", orNone(v.top("by_flag", 8)));
        out.printf(Locale.ROOT, "  ship types: %s%n", orNone(v.top("by_type", 8)));
        long segments = s.get("segments").asLong();
        out.printf(Locale.ROOT, "  positions:  %d accepted into %d track segment%s, %d rejected%s%n",
                s.get("positions").get("accepted").asLong(), segments, segments == 1 ? "" : "s",
                s.get("positions").get("rejected").asLong(), paren(new JsonView(s.get("rejected")).top("positions", 8, POSITION_REASON)));
        JsonView r = new JsonView(s.get("rejected"));
        long rejectedLines = 0;
        for (var it = s.get("rejected").get("lines").elements(); it.hasNext(); ) {
            rejectedLines += it.next().asLong();
        }
        long tooLate = s.get("rejected").path("too_late_to_reorder").asLong();
        long stray = s.get("rejected").path("stray_time").asLong();
        long csvRejected = s.get("rejected").get("csv_rows").asLong();
        long untimed = s.get("rejected").get("messages_without_time").asLong();
        // CSV rows only when a CSV export was read, messages without any time only when there were some
        // lines only when log lines were read (or nothing at all): a CSV export alone has no "0 lines" to speak of
        boolean linesRead = lines > 0 || csvRows + csvRejected == 0;
        String linePart = linesRead ? String.format(Locale.ROOT, "%d line%s%s", rejectedLines,
                rejectedLines == 1 ? "" : "s", paren(r.top("lines", 5, LINE_REASON))) : "";
        String csvPart = csvRows + csvRejected == 0 ? "" : String.format(Locale.ROOT, "%s%d CSV row%s%s",
                linesRead ? ", " : "", csvRejected, csvRejected == 1 ? "" : "s", paren(r.top("csv_rows_by_reason", 5, ROW_REASON)));
        String untimedPart = untimed == 0 ? "" : String.format(Locale.ROOT, ", %d message%s without any time", untimed,
                untimed == 1 ? "" : "s");
        // the --errors file lists lines and CSV rows, not the messages and observations counted after them
        String each = untimed + tooLate + stray == 0 ? "each"
                : "each rejected " + (rejectedLines == 0 ? "CSV row" : csvRejected == 0 ? "line" : "line and CSV row");
        out.printf(Locale.ROOT, "  rejected:   %s%s%s%s%s%s%n", linePart, csvPart, untimedPart,
                tooLate > 0 ? ", " + tooLate + (tooLate == 1 ? " observation" : " observations") + " too late to reorder" : "",
                stray > 0 ? ", " + stray + " with a stray time" : "",
                rejectedLines + csvRejected == 0 ? "" : errors != null ? "; " + each + " is listed with its reason in " + errors
                        : "; --errors FILE lists " + each + " with its reason");
        long badTagBlock = s.get("rejected").get("lines").path(RejectReason.BAD_TAG_BLOCK_CHECKSUM.code()).asLong();
        if (badTagBlock > 0) {
            out.println("              " + Summary.badTagBlockChecksumHint(badTagBlock));
        }
        JsonNode kept = s.get("unverified_messages");
        long keptNoChecksum = kept.path("checksum").asLong();
        long keptTagBlock = kept.path("tag_block_checksum").asLong();
        if (keptNoChecksum + keptTagBlock > 0) {
            out.println("  unverified: " + Summary.unverifiedText(keptNoChecksum, keptTagBlock, lenient, acceptBadTagBlockChecksum));
        }
        printPassedOver(out, s);
        var span = s.get("time_span");
        // messages without a time of their own were put at a neighbour's (--untimed carry) or the assumed one
        long carried = s.path("messages_with_carried_time").asLong();
        out.printf(Locale.ROOT, "  time span:  %s%s%n", span.has("start")
                ? span.get("start").asText() + " .. " + span.get("end").asText() + " (" + duration(span.get("seconds").asDouble()) + ")"
                : "none", carried == 0 ? "" : "; " + carried + (carried == 1 ? " message" : " messages") + " without a time of "
                + (carried == 1 ? "its" : "their") + " own took " + (assumeTime != null ? "the assumed one" : "the one before or after "
                + (carried == 1 ? "it" : "them")));
        if (span.has("outside_positions")) {
            JsonNode ps = span.get("positions");
            JsonNode o = span.get("outside_positions");
            out.println("              " + Summary.positionsSpan(Instant.parse(ps.get("start").asText()).toEpochMilli(),
                    Instant.parse(ps.get("end").asText()).toEpochMilli(), duration(ps.get("seconds").asDouble()),
                    new org.watchkeeper.ais.nmea.PositionSpan.Outside(o.get("before").asLong(),
                            Math.round(o.get("before_seconds").asDouble() * 1000), o.get("after").asLong(),
                            Math.round(o.get("after_seconds").asDouble() * 1000), o.get("at_least").asBoolean())));
        }
        out.printf(Locale.ROOT, "  events:     %d%s%n", s.get("events").get("total").asLong(),
                paren(new JsonView(s.get("events")).top("by_kind", 8)));
        if (s.get("store").isNull()) {
            out.println("  store:      not written (--no-store)");
        } else {
            var st = s.get("store");
            long held = st.path("positions_before").asLong();
            // positions are appended; the same file twice is refused unless --store-again
            out.printf(Locale.ROOT, "  store:      %s: %s, %s, %s written%s%n", st.get("location").asText(),
                    count(st.get("positions_appended").asLong(), "position", "positions"),
                    count(st.get("vessels_upserted").asLong(), "vessel", "vessels"),
                    count(st.get("identity_changes_appended").asLong(), "identity change", "identity changes"),
                    held == 0 ? "" : String.format(Locale.ROOT, ", beside %s held before", count(held, "position", "positions")));
        }
        if (s.has("anchorages")) {
            var a = s.get("anchorages");
            long least = a.get("min_vessels").asLong();
            out.printf(Locale.ROOT, "  anchorages: %d (cells of %.0f m where at least %s still within %.0f m for %s h;"
                    + " %s of %s in %s)%n", a.get("anchorages").asLong(), a.get("cell_m").asDouble(),
                    count(least, "vessel lay", "vessels lay"), a.get("radius_m").asDouble(),
                    new java.math.BigDecimal(a.get("min_stationary_hours").asText()).stripTrailingZeros().toPlainString(),
                    count(a.get("stops").asLong(), "stop", "stops"), count(a.get("vessels_with_stops").asLong(), "vessel", "vessels"),
                    count(a.get("cells_with_stops").asLong(), "cell", "cells"));
        }
        out.printf(Locale.ROOT, "  report:     %s (summary.json, vessels.csv, tracks.geojson, events.json, events.csv, events.kml%s)%n",
                report, s.has("anchorages") ? ", " + ANCHORAGES_FILE : "");
    }

    /**
     * The lines of NMEA inputs that are neither a message's nor rejected, when there are any: sentences
     * other than VDM/VDO by address ({@code $PGHP} gives times, {@code $PSTT} and others are a
     * receiver's own), lines of a tag block only, blank lines, records of a server's raw archive.
     */
    private static void printPassedOver(PrintWriter out, ObjectNode s) {
        List<String> parts = new ArrayList<>();
        long other = 0;
        for (var it = s.get("other_sentences").elements(); it.hasNext(); ) {
            other += it.next().asLong();
        }
        if (other > 0) {
            parts.add(count(other, "other sentence", "other sentences") + paren(new JsonView(s).top("other_sentences", 6)));
        }
        long tagBlockOnly = s.get("tag_block_only_lines").asLong();
        if (tagBlockOnly > 0) {
            parts.add(count(tagBlockOnly, "tag-block-only line", "tag-block-only lines"));
        }
        long blank = s.get("blank_lines").asLong();
        if (blank > 0) {
            parts.add(count(blank, "blank line", "blank lines"));
        }
        long archived = s.path("server_archive_records").asLong();
        if (archived > 0) {
            parts.add(count(archived, "record", "records") + " of a server's raw archive (zone and watchlist marks, cluster events, counts of lines too long,"
                    + " ends of streams, idle releases)");
        }
        if (!parts.isEmpty()) {
            out.printf(Locale.ROOT, "  passed over: %s%n", String.join(", ", parts));
        }
    }

    /**
     * On stderr: each input that gave no observation at all (an empty file, not an AIS log, a CSV
     * export with a header only or every row rejected), and, when an input without any time lost
     * its messages, how to give it one (with --untimed carry only such an input drops them).
     */
    private void printWarnings(PrintWriter err, ObjectNode summary) {
        String listEach = errors != null ? "each is listed with its reason in " + errors
                : "--errors FILE lists each with its reason";
        for (JsonNode in : summary.get("inputs")) {
            long lines = in.path("lines").asLong();
            if (in.has("messages") && lines == 0) {
                if (in.has("truncated") || in.has("corrupt") || in.has("read_error")) {
                    continue; // said below: the input ends early
                }
                err.printf(Locale.ROOT, "watchkeeper analyze: %s: no AIS message: the input is empty%n", in.get("file").asText());
            } else if (in.has("rows") && in.get("observations").asLong() == 0) {
                long rows = in.get("rows").asLong();
                JsonNode first = in.path("first_rejected_row");
                String what = in.get("format").asText().equals("dma_csv") ? "DMA" : "MarineCadastre";
                if (rows == 0) {
                    err.printf(Locale.ROOT, "watchkeeper analyze: %s: no observation: the %s CSV export has a header and"
                            + " no row%n", in.get("file").asText(), what);
                } else {
                    err.printf(Locale.ROOT, "watchkeeper analyze: %s: no observation: %s, line %d: %s: %s (%s)%n",
                            in.get("file").asText(), rows == 1 ? "its one CSV row was rejected"
                                    : "all " + rows + " CSV rows were rejected (" + new JsonView(in).top("rejected_by_reason", 5, ROW_REASON)
                                    + "); the first", first.path("line").asLong(), ROW_REASON.apply(first.path("reason").asText()),
                            first.path("detail").asText(), listEach);
                }
            } else if (in.has("messages") && in.get("messages").asLong() == 0) {
                long rejected = in.get("rejected_lines").asLong();
                JsonNode why = in.path("rejected_by_reason");
                String option = null; // an option that keeps what most lines were rejected for
                long badTagBlocks = why.path(RejectReason.BAD_TAG_BLOCK_CHECKSUM.code()).asLong();
                long noChecksum = why.path(RejectReason.NO_CHECKSUM.code()).asLong();
                if (badTagBlocks * 2 > rejected && !acceptBadTagBlockChecksum) {
                    option = mostOrAll(badTagBlocks, rejected) + " rejected for a " + RejectReason.BAD_TAG_BLOCK_CHECKSUM.description()
                            + " (some feeds write *00 there): --accept-bad-tag-block-checksum keeps " + (badTagBlocks == 1 ? "it" : "them");
                } else if (noChecksum * 2 > rejected && !lenient) {
                    option = mostOrAll(noChecksum, rejected) + " rejected for having " + RejectReason.NO_CHECKSUM.description()
                            + ": --lenient keeps " + (noChecksum == 1 ? "it" : "them");
                }
                err.printf(Locale.ROOT, "watchkeeper analyze: %s: no AIS message in %d line%s (%d rejected): %s%s%n",
                        in.get("file").asText(), lines, lines == 1 ? "" : "s", rejected,
                        option != null ? option : "not an AIS log?", rejected > 0 ? " (" + listEach + ")" : "");
            }
        }
        for (JsonNode in : summary.get("inputs")) {
            if (in.has("corrupt")) {
                long lines = in.path("lines").asLong();
                // the run's exit code is 1 (InputResult.corrupt): this line says why
                String file = in.get("file").asText();
                String what = in.has("rows")
                        ? "nothing in it was analyzed (a CSV row has no checksum, so rows from the damaged part cannot be"
                        + " told from good ones); the report in " + report + " is written without it"
                        : lines == 0 ? "nothing in it was analyzed; the report in " + report + " is written without it"
                        : (lines == 1 ? "it was" : "they were") + " analyzed, the rest of the file cannot be read; the"
                        + " report in " + report + " is written, but a line inflated from the damaged part passes its"
                        + " 8-bit checksum about once in 256, so events of this input may be false: analyze an intact copy";
                err.printf(Locale.ROOT, "watchkeeper analyze: I/O error on input %s: corrupt gzip data (%s) after %d line%s: %s%n",
                        file.equals("-") ? "stdin" : file, in.get("corrupt").asText(), lines, lines == 1 ? "" : "s", what);
            }
            if (in.has("truncated")) {
                // an NMEA line cut is rejected (its checksum); a CSV row cut is rejected as cut_short,
                // and when the cut fell on a line end no row was cut
                boolean csv = in.has("rows");
                long cutRows = in.path("rejected_by_reason").path(CsvRejectReason.CUT_SHORT.code()).asLong();
                long lines = in.path("lines").asLong();
                err.printf(Locale.ROOT, "watchkeeper analyze: %s: the input ends early (%s) after %d line%s%s: %s"
                        + " analyzed, the rest of the file is missing (a compressed file cut short?)%n",
                        in.get("file").asText(), in.get("truncated").asText(), lines, lines == 1 ? "" : "s",
                        lines == 0 ? "" : !csv ? ", the last one cut" : cutRows > 0 ? ", the last one cut (its row rejected: "
                                + CsvRejectReason.CUT_SHORT.description() + ")" : "", lines == 0 ? "nothing was" : lines == 1 ? "it was" : "they were");
            }
        }
        for (JsonNode in : summary.get("inputs")) {
            if (in.has("read_error")) {
                // the run's exit code is 1 (InputResult.readError): this line says why and what the report holds
                long lines = in.path("lines").asLong();
                String file = in.get("file").asText();
                // its positions are in the store: analyzed again (the archive unpacked, say) they would be stored twice
                JsonNode store = summary.get("store");
                String stored = lines == 0 || store == null || store.isNull() ? ""
                        : "; what was read is stored in " + store.get("location").asText() + ", where analyzing the same lines"
                        + " again (the archive unpacked, say) stores them a second time: give those another --data folder";
                err.printf(Locale.ROOT, "watchkeeper analyze: I/O error on input %s: %s: %s, the rest of the input is not read;"
                        + " the report in %s is partial (\"partial\": true in summary.json)%s%s%n",
                        file.equals("-") ? "stdin" : file, in.get("read_error").asText(),
                        lines == 0 ? "nothing in it was analyzed" : "its " + lines + (lines == 1 ? " line read before the error was"
                                : " lines read before the error were") + " analyzed",
                        report, replacedEarlier ? " and replaces the earlier report there" : "", stored);
            }
        }
        long dropped = summary.get("vessels").path("dropped_beyond_max").asLong();
        if (dropped > 0) {
            err.printf(Locale.ROOT, "watchkeeper analyze: --max-vessels %d dropped the least recently seen station %d time%s: each"
                    + " drop closed that station's track segments, and a station not heard again after its drop is missing from"
                    + " the stations counted and from vessels.csv%n", maxVessels, dropped, dropped == 1 ? "" : "s");
        }
        long applied = 0; // the largest reorder window applied to an input (given, or chosen from its start)
        for (JsonNode in : summary.get("inputs")) {
            applied = Math.max(applied, in.path("reorder_ms").asLong());
        }
        // many fixes older than their vessel's last one: passes of a satellite feed delivered out of order
        long accepted = summary.get("positions").get("accepted").asLong();
        long outOfOrder = summary.get("rejected").get("positions").path(NoiseReason.OUT_OF_ORDER.code()).asLong();
        boolean outOfOrderHint = outOfOrder > 0 && outOfOrder * 10 >= accepted + outOfOrder;
        if (outOfOrderHint) {
            err.printf(Locale.ROOT, "watchkeeper analyze: %d of %d positions came after a later one of the same vessel"
                    + " (out of order) and were not tracked; %s%n", outOfOrder, accepted + outOfOrder,
                    applied > 0 ? "a larger --reorder-ms than " + applied + " may keep them"
                            : reorderMs == null ? "for a feed delivered out of order (e.g. satellite passes) whose start"
                            + " did not show it, put it back in time order with --reorder-ms, e.g. --reorder-ms 7200000"
                            : "for a feed delivered out of order (e.g. satellite passes), leave out --reorder-ms 0 to have"
                            + " a window chosen from each input's start, or give one, e.g. --reorder-ms 7200000");
        }
        for (JsonNode in : summary.get("inputs")) {
            long stray = in.path("stray_time").asLong();
            if (stray > 0) {
                err.printf(Locale.ROOT, "watchkeeper analyze: %s: %d observation%s had a time more than %d h away from"
                        + " the input's times around %s and %s dropped (rejected.stray_time; %s %s%s): a clock that"
                        + " jumped, or a relayed message carrying another time%n", in.get("file").asText(), stray,
                        stray == 1 ? "" : "s", StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS / 3_600_000L,
                        stray == 1 ? "it" : "them", stray == 1 ? "was" : "were", stray == 1 ? "stamped" : "the first stamped",
                        in.path("first_stray_time").asText(),
                        in.has("first_stray_line") ? ", line " + in.get("first_stray_line").asLong() : "");
            }
        }
        long tooLate = summary.get("rejected").path("too_late_to_reorder").asLong();
        if (tooLate > 0) {
            err.printf(Locale.ROOT, "watchkeeper analyze: %d observation%s came more than %s (%d ms) after a later"
                    + " one and %s dropped (rejected.too_late_to_reorder): stale times (such as static messages relayed"
                    + " with an old tag-block time)%s%n", tooLate,
                    tooLate == 1 ? "" : "s", reorderMs == null ? "the reorder window chosen from the input's start"
                            : "--reorder-ms", applied, tooLate == 1 ? "was" : "were",
                    applied < 86_400_000L ? ", or a feed further out of order: a larger --reorder-ms may keep them" : "");
        }
        // else, at least 1 % of the observations came too late for the detectors
        long late = summary.path("events").path("late_observations").asLong();
        long observations = summary.get("observations").path("positions").asLong()
                + summary.get("observations").path("identities").asLong();
        if (!outOfOrderHint && late > 0 && late * 100 >= observations) {
            err.printf(Locale.ROOT, "watchkeeper analyze: the detectors skipped %d of %d observations that came more than"
                    + " %d s after a later one (events.late_observations): %sthese were out of order within their input%s%n",
                    late, observations, EventTimeOrder.DEFAULT_LATENESS_MILLIS / 1000,
                    summary.get("inputs").size() > 1 ? "several inputs are merged in event-time order, so " : "",
                    applied == 0 ? ": stale times (such as static messages relayed with an old tag-block time), or a feed"
                            + " delivered out of order, which " + (reorderMs == null ? "--reorder-ms puts back in time order"
                            : "a window puts back in time order: leave out --reorder-ms 0 to have one chosen from each"
                            + " input's start, or give one")
                            : " by more than --reorder-ms: stale times (such as static messages relayed with an old"
                            + " tag-block time), or a feed further out of order");
        }
        long untimedMessages = summary.get("rejected").get("messages_without_time").asLong();
        if (untimedMessages > 0 && assumeTime == null && untimed == Untimed.carry) {
            StringBuilder where = new StringBuilder();
            int listed = 0;
            for (JsonNode in : summary.get("inputs")) {
                long n = in.path("messages_without_time").asLong();
                if (n > 0 && listed++ < 5) {
                    where.append(where.length() == 0 ? " (" : ", ").append(in.get("file").asText()).append(' ').append(n);
                }
            }
            if (listed > 5) {
                where.append(", and ").append(listed - 5).append(" more inputs");
            }
            where.append(')');
            err.printf(Locale.ROOT, "watchkeeper analyze: %d message%s had no time in the log (no tag block c:,"
                    + " $PGHP, epoch suffix or receiver GNSS time) and %s not analyzed%s; give the time they were"
                    + " received with --assume-time, e.g. --assume-time 2024-05-01T00:00:00Z%n", untimedMessages,
                    untimedMessages == 1 ? "" : "s", untimedMessages == 1 ? "was" : "were", where);
        }
        if (assumeTime != null) {
            long atAssumed = 0;
            for (JsonNode in : summary.get("inputs")) {
                atAssumed += in.path("messages_at_assumed_time").asLong();
            }
            if (atAssumed == 0) {
                err.printf(Locale.ROOT, "watchkeeper analyze: --assume-time was not used: every message had a time in"
                        + " the log (its own, or one carried from an earlier line of its input)%n");
            }
        }
        err.flush();
    }

    private static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "none" : s;
    }

    /** {@code n} and the noun in the number it takes: "1 vessel", "2 vessels". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * {@code unverified_messages} of {@code summary.json} (and of each input): the messages kept although a
     * check could not be made, named by the mark decode's JSON gives them: {@code checksum} (none, kept by
     * {@code --lenient}) and {@code tag_block_checksum} (wrong, kept by {@code --accept-bad-tag-block-checksum},
     * or missing, kept by {@code --lenient}).
     */
    private static void unverified(ObjectNode node, long withoutChecksum, long unverifiedTagBlock) {
        ObjectNode u = node.putObject("unverified_messages");
        u.put("checksum", withoutChecksum);
        u.put("tag_block_checksum", unverifiedTagBlock);
    }

    /** "it was", "all were" or "most were": how many of {@code rejected} lines {@code n} of them are. */
    private static String mostOrAll(long n, long rejected) {
        return rejected == 1 ? "it was" : n == rejected ? "all were" : "most were";
    }

    private static String paren(String s) {
        return s.isEmpty() ? "" : " (" + s + ")";
    }

    /** The human spelling of a rejected line's reason, from its code in {@code summary.json}. */
    private static final java.util.function.UnaryOperator<String> LINE_REASON = code -> {
        RejectReason r = RejectReason.ofCode(code);
        return r == null ? code : r.description();
    };

    /** The human spelling of a rejected CSV row's reason, from its code in {@code summary.json}. */
    private static final java.util.function.UnaryOperator<String> ROW_REASON = code -> {
        CsvRejectReason r = CsvRejectReason.ofCode(code);
        return r == null ? code : r.description();
    };

    /** The human spelling of a rejected position's reason, from its code in {@code summary.json}. */
    private static final java.util.function.UnaryOperator<String> POSITION_REASON = code -> {
        NoiseReason r = NoiseReason.ofCode(code);
        return r == null ? code : r.description();
    };

    /** Formats "key: n, key: n, others: n" from an object of counts, the largest first (as decode's summary spells them). */
    private record JsonView(com.fasterxml.jackson.databind.JsonNode node) {
        String top(String field, int max) {
            return top(field, max, java.util.function.UnaryOperator.identity());
        }

        /** As {@link #top(String, int)}, each key as {@code label} spells it ({@link Summary#largestFirst}). */
        String top(String field, int max, java.util.function.UnaryOperator<String> label) {
            Map<String, Long> m = new LinkedHashMap<>();
            node.get(field).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
            return Summary.largestFirst(m, max, label);
        }
    }
}
