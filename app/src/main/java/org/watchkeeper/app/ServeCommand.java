package org.watchkeeper.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.watchkeeper.server.IncidentApi;
import org.watchkeeper.server.PostgresLocation;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper serve}: live ingest from named sources, history in the data directory, the HTTP
 * API, live stream and web map. Runs until interrupted (Ctrl-C), then stores what it received.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Run the server: live feeds, detectors, history, HTTP API, live stream and web map.", "",
            "Ingest live AIS from named sources, keep the picture and the detectors running, store history,"
            + " and serve the HTTP API (/api/...), the live stream (/api/stream), /metrics and the web map."},
        footer = {"", "Sources (repeat --source):",
            "  NAME=tcp://host:port       connect to a feed (reconnects with back-off)",
            "  NAME=tcp-listen://:port    accept receivers that push to this port",
            "  NAME=udp://:10110          listen for UDP datagrams (OpenCPN, AIS-catcher)",
            "  NAME=kafka://HOST:PORT/TOPIC[?group=G&from=earliest|latest]",
            "                             read a Kafka topic of NMEA lines (offsets",
            "                             in group G, default watchkeeper-serve-NAME)",
            "  NAME=file:PATH[?speed=60]  replay a log (plain or gzip) at N times the pace",
            "                             of its times (tag block c:, $PGHP, epoch after",
            "                             the checksum); without speed, as fast as the",
            "                             server takes it; after a restart it goes on",
            "                             after the lines it read before. NMEA 0183 only:",
            "                             a CSV export (read it with analyze) or JSON is",
            "                             refused, the source's error saying what it is",
            "", "Incidents: --incidents asam=FILE / imb=FILE loads the public datasets into",
            "DIR/incidents at start.",
            "", "History: positions, vessels, identity changes and events, rebuilt from the",
            "raw archive DIR/raw at each start, in DIR/history.duckdb, or with --store",
            "postgres in the PostgreSQL schema --pg-schema (the server's own: emptied at",
            "each start; one that analyze wrote is refused), which the file",
            "DIR/history-store.properties names for 'watchkeeper query --data DIR'.",
            "Incidents stay in DIR. A start that fails (PostgreSQL not reached, say)",
            "leaves no DIR behind that it made.",
            "", "Example (a real log, replayed at 10 times its pace):",
            "  watchkeeper serve --data ./wk \\",
            "    --source dma=file:ais-sample.txt.gz?speed=10"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    /** serve's data folder unless --data names one: not analyze's watchkeeper-data, which holds no raw archive. */
    static final String DEFAULT_DATA = "watchkeeper-serve";

    @Option(names = "--data", paramLabel = "DIR", converter = NormalPath.class, defaultValue = DEFAULT_DATA,
            description = "Data directory: raw archive, history store, zones, watchlist; one server at a time"
                    + " (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "duckdb",
            description = {"History store: duckdb (" + org.watchkeeper.store.DuckDbHistoryStore.FILE_NAME + " in --data) or postgres"
                    + " (PostgreSQL + PostGIS at --pg-url, in schema --pg-schema). Either way it is emptied and rebuilt from"
                    + " the raw archive in --data at each start (default: ${DEFAULT-VALUE})."})
    StoreOptions.Kind storeKind = StoreOptions.Kind.duckdb;

    @picocli.CommandLine.Mixin
    PgOptions pg = new PgOptions();

    @Option(names = "--pg-schema", paramLabel = "SCHEMA", defaultValue = PostgresLocation.DEFAULT_SCHEMA,
            description = {"With --store postgres: the server's own schema (created when missing; default: ${DEFAULT-VALUE})."
                    + " A schema holding a history that no server wrote (analyze --store postgres) is refused, not emptied."})
    String pgSchema;

    @Option(names = "--source", paramLabel = "NAME=URI", description = "A named source (see below); repeatable.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--zones", paramLabel = "FILE",
            description = "GeoJSON zones (Polygon/MultiPolygon features with properties.name) to watch; repeatable.")
    List<Path> zones = new ArrayList<>();

    @Option(names = "--watchlist", paramLabel = "FILE",
            description = "Watchlist file: lines 'mmsi N', 'imo N' or 'name TEXT', each optionally '| note'; repeatable.")
    List<Path> watchlist = new ArrayList<>();

    @Option(names = "--incidents", paramLabel = "FORMAT=FILE",
            description = "Load incident reports at start: asam=FILE (NGA ASAM CSV) or imb=FILE (crime-at-sea CSV, "
                    + "country_codes.csv beside it); repeatable. Reports are kept in DIR/incidents; loading again updates the report"
                    + " fields of changed rows and keeps each held report's marking, sharing, owner and category override.")
    List<String> incidents = new ArrayList<>();

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the bootstrap admin's API token (at least 16 characters). Default: env"
                    + " WATCHKEEPER_ADMIN_TOKEN; without either, a server with no users generates one into DIR/admin-token"
                    + " (owner-only).")
    Path adminTokenFile;

    @Option(names = "--lateness-ms", paramLabel = "MS", defaultValue = "10000",
            description = {"How long detector input waits to be put back in event-time order (bounded out-of-orderness),"
                    + " so receptions of one transmission by several stations are seen in time order (default: ${DEFAULT-VALUE},"
                    + " as analyze and the Flink job, which then find the same events). Events come up to this much later;"
                    + " 0 gives the quickest alerts for a feed whose lines arrive in time order and counts the rest as late."})
    long latenessMs;

    @Option(names = "--watchlist-silence-min", paramLabel = "MIN", defaultValue = "60",
            description = {"A vessel on the watchlist not heard for this many minutes is a watchlist_gap: an episode under way"
                    + " (GET /api/ongoing, the stream's ongoing message) once the silence is that long, an event when it is heard"
                    + " again (default: ${DEFAULT-VALUE}; 0: off)."})
    long watchlistSilenceMin;

    @Option(names = "--cluster-events", paramLabel = "URI",
            description = {"Stand in front of the Flink job: take the events of the shipped detectors from the job's events"
                    + " topic (kafka://HOST:PORT/TOPIC, optionally ?group=G&from=earliest|latest) instead of detecting them here. The"
                    + " sources still give the picture, the tracks and the history; the zones and watchlist are still"
                    + " detected here. Default group: watchkeeper-serve-cluster-events."})
    String clusterEvents;

    @Option(names = "--event-tlp", paramLabel = "TLP", defaultValue = "GREEN",
            description = "TLP 2.0 marking of detector events and of zones created without one: CLEAR, GREEN, AMBER, AMBER+STRICT, RED (default: ${DEFAULT-VALUE}).")
    String eventTlp;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 keystore with the server's key and certificate: serve HTTPS only.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File whose first line is the keystore's password.")
    Path tlsPasswordFile;

    @picocli.CommandLine.Mixin
    PortFiles.Options portOptions = new PortFiles.Options();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Object[]> loads = new ArrayList<>();
        for (String s : incidents) {
            int eq = s.indexOf('=');
            String f = eq < 0 ? "" : s.substring(0, eq);
            if (!f.equals("asam") && !f.equals("imb")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--incidents must be asam=FILE or imb=FILE: " + s);
            }
            loads.add(new Object[] {IncidentsCommand.Format.valueOf(f), Path.of(s.substring(eq + 1))});
        }
        if (latenessMs < 0 || latenessMs > 86_400_000L) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lateness-ms must be in [0, 86400000]: " + latenessMs);
        }
        if (watchlistSilenceMin < 0 || watchlistSilenceMin > 7 * 1440) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--watchlist-silence-min must be in [0, 10080] (0: off): " + watchlistSilenceMin);
        }
        if (storeKind != StoreOptions.Kind.postgres) {
            checkDuckDbStart();
        }
        PostgresLocation pgLocation = null;
        if (storeKind == StoreOptions.Kind.postgres) {
            pg.check(spec);
            try {
                pgLocation = new PostgresLocation(pg.pgUrl, pg.pgUser, pg.pgPassword, pgSchema);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        String demo = demoFolder(data);
        if (demo != null) {
            err.println("watchkeeper serve: " + demo);
            err.flush();
            return 2;
        }
        WatchkeeperServer.Config cfg;
        try {
            for (Object[] l : loads) {
                Inputs.checkReadable("--incidents", (Path) l[1]);
            }
            for (Path z : zones) {
                Inputs.checkReadable("--zones", z);
            }
            for (Path w : watchlist) {
                Inputs.checkReadable("--watchlist", w);
            }
            for (String s : sources) {
                // a log to replay that is not there: an I/O error (exit 1), as a missing analyze input
                Path replayed = org.watchkeeper.server.Source.filePath(s);
                if (replayed != null) {
                    Inputs.checkReadable("--source " + s.substring(0, s.indexOf('=')).strip(), replayed);
                }
            }
            cfg = security(spec, WatchkeeperServer.Config.of(data).withPort(port).withSources(sources)
                    .withZones(zones).withWatchlists(watchlist).withLateness(latenessMs)
                    .withWatchlistSilence(watchlistSilenceMin * 60_000L).withClusterEvents(clusterEvents).withPostgres(pgLocation),
                    adminTokenFile, eventTlp, tlsKeystore, tlsPasswordFile);
        } catch (Inputs.UnreadableFile e) {
            err.println("watchkeeper serve: " + e.getMessage());
            err.flush();
            return 1;
        }
        org.watchkeeper.core.ref.port.PortIndex ports;
        try {
            ports = portOptions.index(err, false);
        } catch (PortFiles.UnrecognisedException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("watchkeeper serve: cannot read ports: " + e.getMessage());
            err.flush();
            return 1;
        }
        // the incident files load once the server is up and has said where it answers (a large dataset takes tens of
        // seconds); the routes know from the start that a load is pending, and answer a report not yet read with 503
        return run("serve", err, cfg.withPorts(ports), null,
                loads.isEmpty() ? null : server -> server.startupImport().loading((Path) loads.get(0)[1], 1, loads.size()),
                adminTokenFile, loads.isEmpty() ? null : server -> {
                    err.printf("incidents: loading %d %s while the server answers (incident routes answer 503 for a report"
                            + " not read yet)%n", loads.size(), loads.size() == 1 ? "file" : "files");
                    err.flush();
                    loadIncidents(server, loads, err);
                    err.flush();
                });
    }

    /**
     * Why {@code data} is no folder for serve, or null: a {@code demo} data folder ({@link DemoCommand#MARKER}),
     * whose archive holds the simulated feed and is started again by the next demo run (as demo refuses a serve
     * folder, whose archive it would remove).
     */
    static String demoFolder(Path data) {
        Path dir = data.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(dir.resolve(DemoCommand.MARKER))) {
            return null;
        }
        return dir + " is the data folder of 'watchkeeper demo' (it holds " + DemoCommand.MARKER + "): its archive is the"
                + " simulated feed, which the next demo run starts again, so give serve a folder of its own (--data DIR),"
                + " or run the demo there: watchkeeper demo --data " + data;
    }

    /** Whether an import's rejection only says the row repeats another (a copy of a row the file holds already). */
    static boolean repeatsAnother(String reason) {
        return reason.startsWith("identical to the row at line ") || reason.endsWith(", identical row)");
    }

    /**
     * Loads the {@code --incidents} files into a started server, as {@code POST /api/incidents/import}
     * does: the host organisation owns the reports, each file's counts and first rejected rows are
     * printed, and each load is an audit entry ({@code create} on target {@code serve --incidents FORMAT}
     * with the file and the counts). A file that cannot be read is reported and skipped. While the files
     * load, the server's {@link WatchkeeperServer#startupImport()} names the one being read, so that the
     * incident routes answer a report not found yet with 503 instead of 404; it ends however the loads end.
     *
     * @param loads pairs of {@link IncidentsCommand.Format} and file
     */
    static void loadIncidents(WatchkeeperServer server, List<Object[]> loads, PrintWriter err) {
        try {
            for (int k = 0; k < loads.size(); k++) {
                server.startupImport().loading((Path) loads.get(k)[1], k + 1, loads.size());
                loadIncidents(server, loads.get(k), err);
            }
        } finally {
            server.startupImport().done();
        }
    }

    /** Loads one of the {@code --incidents} files, {@code l} a pair of format and path. */
    private static void loadIncidents(WatchkeeperServer server, Object[] l, PrintWriter err) {
        try {
            String host = server.accounts().hostOrgId();
            String format = ((IncidentsCommand.Format) l[0]).name().toLowerCase(java.util.Locale.ROOT);
            String file = ((Path) l[1]).toAbsolutePath().toString();
            var res = IncidentsCommand.read((IncidentsCommand.Format) l[0], (Path) l[1], null, host, "import",
                    w -> err.println("incidents: warning: " + w + " (put country_codes.csv beside it for names)"));
            var out = IncidentsCommand.importInto(server.incidentStore(), res, host, true);
            err.printf("incidents: %s: %s%n", l[1], IncidentsCommand.counts(out));
            // rows that only repeat another come last: a row that says something is wrong is not hidden behind them
            out.rejected().stream()
                    .sorted(java.util.Comparator.comparing((org.watchkeeper.core.incident.ImportResult.Rejection x)
                            -> repeatsAnother(x.reason())).thenComparingLong(x -> x.line()))
                    .limit(MAX_REJECTED_SHOWN)
                    .forEach(x -> err.printf("  line %d: %s%n", x.line(), x.reason()));
            if (out.rejected().size() > MAX_REJECTED_SHOWN) {
                err.printf("  ... and %d more (watchkeeper incidents import lists them all)%n",
                        out.rejected().size() - MAX_REJECTED_SHOWN);
            }
            // the same audit entries as POST /api/incidents/import, by the server itself: one per changed report
            for (var i : out.updated()) {
                server.audit().append(null, host, "change", "incident:" + i.id(),
                        java.util.Map.of("change", "import", "format", format, "file", file));
            }
            java.util.Map<String, String> detail = new java.util.TreeMap<>(IncidentApi.counts(out));
            detail.put("file", file);
            server.audit().append(null, host, "create", "serve --incidents " + format, detail);
        } catch (IncidentsCommand.NotGzip e) {
            err.println("watchkeeper serve: incidents: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            err.println("watchkeeper serve: incidents" + (e.getCause() instanceof IncidentsCommand.NotGzip n ? ": " + n.getMessage()
                    : " " + l[1] + ": " + e.getCause().getMessage()));
        } catch (java.io.IOException | RuntimeException e) {
            err.println("watchkeeper serve: incidents " + l[1] + ": " + e.getMessage());
        }
    }

    /**
     * The start line saying where the admin's token is: the configured one when there is one (it is the one the
     * server made sure of at start), else the generated {@code DATA/admin-token}; null when neither.
     */
    static String loginLine(WatchkeeperServer server, WatchkeeperServer.Config cfg, Path adminTokenFile) {
        if (adminTokenFile != null) {
            return "Log in as admin with the API token in " + adminTokenFile.toAbsolutePath().normalize()
                    + " (--admin-token-file), then create users under Admin.";
        }
        if (cfg.adminToken() != null) {
            return "Log in as admin with the API token in WATCHKEEPER_ADMIN_TOKEN, then create users under Admin.";
        }
        if (java.nio.file.Files.exists(server.adminTokenFile())) {
            return "Log in as admin with the API token in " + server.adminTokenFile().toAbsolutePath().normalize()
                    + " (owner-only file), then create users under Admin.";
        }
        return null;
    }

    /**
     * The line a server that was stopped (SIGTERM, Ctrl-C) ends with: the lines it received since its start
     * (not those {@code rebuilt} from its archive), the messages decoded in all, and that its data folder keeps them.
     */
    static String stopLine(WatchkeeperServer server, long rebuilt, WatchkeeperServer.Config cfg) {
        return stopLine("serve", server, rebuilt, cfg);
    }

    /**
     * As {@link #stopLine(WatchkeeperServer, long, WatchkeeperServer.Config)}, for {@code command}: the
     * {@code demo} starts its simulated feed and history again at its next run, so its line says what its
     * folder keeps instead (the zones, watchlist, accounts and incidents).
     */
    static String stopLine(String command, WatchkeeperServer server, long rebuilt, WatchkeeperServer.Config cfg) {
        long lines = server.pipeline().lines() - rebuilt;
        long messages = server.pipeline().messages();
        String kept = command.equals("demo")
                ? " keeps the zones, watchlist, accounts and incidents; the next demo starts the simulated feed and its history again"
                : " keeps them for the next start";
        return String.format(Locale.ROOT, "Watchkeeper stopped: %s received since the start, %s decoded in all; the data folder %s%s",
                AnalyzeCommand.count(lines, "line", "lines"), AnalyzeCommand.count(messages, "message", "messages"), cfg.dataDir(), kept);
    }

    /** A driver's message on one line: PostgreSQL's Detail and Hint lines joined with "; ". */
    static String oneLine(String message) {
        return message == null ? null : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    static String inUseHint(String command) {
        return " (stop that one first, or give " + command + " another --data DIR)";
    }

    /** Rejected rows of an incident file listed at start; the rest are counted. */
    private static final int MAX_REJECTED_SHOWN = 20;

    /**
     * Applies the security options (shared with {@code demo}).
     *
     * @throws Inputs.UnreadableFile when a file they name is missing or unreadable (exit 1, as a missing input)
     */
    static WatchkeeperServer.Config security(CommandSpec spec, WatchkeeperServer.Config cfg, Path adminTokenFile, String eventTlp,
            Path tlsKeystore, Path tlsPasswordFile) throws java.io.IOException {
        String token = null;
        if (adminTokenFile != null) {
            Inputs.checkReadable("--admin-token-file", adminTokenFile);
            token = java.nio.file.Files.readString(adminTokenFile).strip();
        } else if (System.getenv("WATCHKEEPER_ADMIN_TOKEN") != null && !System.getenv("WATCHKEEPER_ADMIN_TOKEN").isBlank()) {
            token = System.getenv("WATCHKEEPER_ADMIN_TOKEN").strip();
        }
        try {
            cfg = cfg.withAdminToken(token).withEventTlp(org.watchkeeper.core.sharing.Tlp.parse(eventTlp));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tls-keystore and --tls-password-file go together");
        }
        if (tlsKeystore != null) {
            Inputs.checkReadable("--tls-keystore", tlsKeystore);
            Inputs.checkReadable("--tls-password-file", tlsPasswordFile);
            String pw = java.nio.file.Files.readAllLines(tlsPasswordFile).stream().findFirst().orElse("");
            cfg = cfg.withTls(tlsKeystore, pw);
        }
        return cfg;
    }

    /**
     * The start line naming each feed: its name and kind, the port a listening one has bound (what a
     * receiver is pointed at when it was given as port 0), a file's path and pace.
     */
    static String feedsLine(List<org.watchkeeper.server.Source> sources) {
        StringBuilder feeds = new StringBuilder();
        for (org.watchkeeper.server.Source s : sources) {
            feeds.append(feeds.length() == 0 ? "" : ", ").append(s.name()).append(" (").append(s.kind());
            int port = s.listeningPort();
            if (port > 0) {
                feeds.append(s.kind().equals("udp") ? " on UDP port " : " on TCP port ").append(port);
            }
            if (s.describe() != null) {
                feeds.append(' ').append(s.describe());
            }
            feeds.append(')');
        }
        return "Feeds: " + feeds + "  (each one's counts: /api/stats)";
    }

    /**
     * Starts the server, prints its URL, waits for Ctrl-C, and closes it cleanly.
     *
     * @param held the data folder's lock when the command took it already (demo), else null
     */
    static int run(String command, PrintWriter err, WatchkeeperServer.Config cfg, DataFolderLock held,
            java.util.function.Consumer<WatchkeeperServer> setup) throws Exception {
        return run(command, err, cfg, held, setup, null, null);
    }

    /**
     * As above, {@code adminTokenFile} being the {@code --admin-token-file} given (null: none), which the start
     * line names, and {@code afterStart} (null: none) what runs once the start lines are printed, on the command's
     * thread while the server answers.
     */
    static int run(String command, PrintWriter err, WatchkeeperServer.Config cfg, DataFolderLock held,
            java.util.function.Consumer<WatchkeeperServer> setup, Path adminTokenFile,
            java.util.function.Consumer<WatchkeeperServer> afterStart) throws Exception {
        WatchkeeperServer server;
        try {
            server = WatchkeeperServer.start(cfg, held);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("watchkeeper " + command + ": " + e.getMessage());
            return 2;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("watchkeeper " + command + ": I/O error: " + e.getMessage());
            return 1;
        } catch (DataFolderLock.InUseException e) {
            err.println("watchkeeper " + command + ": " + e.getMessage() + inUseHint(command));
            return 1;
        } catch (org.watchkeeper.store.PostgresHistoryStore.ConnectFailure e) {
            err.println("watchkeeper " + command + ": " + PgOptions.message(e));
            return 1;
        } catch (StoreException e) {
            err.println("watchkeeper " + command + ": store error: " + oneLine(e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getMessage() : "")));
            return 1;
        }
        if (setup != null) {
            setup.accept(server);
        }
        if (server.rebuiltLines() > 0) {
            err.printf(Locale.ROOT, "rebuilt history from %d archived lines in %.1f s%n", server.rebuiltLines(),
                    server.rebuildMillis() / 1000.0);
        }
        err.println("History: " + server.storeDescription());
        if (cfg.clusterEvents() == null && server.pipeline().clusterEvents() > 0) {
            err.printf("note: this data folder holds %d events taken from a Flink job (serve --cluster-events); without"
                    + " --cluster-events the shipped detectors run here, over the archived lines too: an event both find has"
                    + " the same id and is stored once%n", server.pipeline().clusterEvents());
        }
        String scheme = cfg.tlsKeystore() != null ? "https" : "http";
        err.printf("Watchkeeper is serving at %s://localhost:%d/  (API: /api/vessels, stream: /api/stream, /metrics)%n",
                scheme, server.port());
        if (!server.sources().isEmpty()) {
            err.println(feedsLine(server.sources()));
        }
        String watching = watchingLine(server.userData().zones().size(), server.userData().watchlist().size());
        if (watching != null) {
            err.println(watching);
        }
        String login = loginLine(server, cfg, adminTokenFile);
        if (login != null) {
            err.println(login);
        }
        err.flush();
        CountDownLatch stop = new CountDownLatch(1);
        long rebuilt = server.rebuiltLines();
        Thread hook = new Thread(() -> {
            try {
                server.close();
                err.println(stopLine(command, server, rebuilt, cfg));
                err.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        if (afterStart != null) {
            afterStart.accept(server);
        }
        stop.await();
        return 0;
    }

    /**
     * Refuses a DuckDB start that would quietly leave a PostgreSQL history behind: a PostgreSQL option given
     * without {@code --store postgres} (forgotten on a restart, it would switch the server to DuckDB without
     * a word), or a data folder whose {@link PostgresLocation#MARKER_FILE} says its server keeps its history
     * in PostgreSQL (the DuckDB start would delete that file and leave the schema to go stale).
     *
     * @throws CommandLine.ParameterException (exit 2) naming the option or the schema, and what to give
     */
    private void checkDuckDbStart() {
        PostgresLocation.markedIn(data).ifPresent(at -> {
            throw new CommandLine.ParameterException(spec.commandLine(), PgOptions.serverFolder(data, at)
                    + ": go on with --store postgres --pg-schema " + at.schema() + pg.urlIfOther(at)
                    + "; to rebuild its history in " + data.resolve(org.watchkeeper.store.DuckDbHistoryStore.FILE_NAME)
                    + " instead, delete " + data.resolve(PostgresLocation.MARKER_FILE));
        });
        pg.refuseWithoutPostgres(spec, data.resolve(org.watchkeeper.store.DuckDbHistoryStore.FILE_NAME));
    }

    /**
     * What the detectors watch besides the shipped ones, from the data folder (those of {@code --zones} and
     * {@code --watchlist} and those added in the map or the API): {@code Watching: 3 zones, 2 watchlist entries};
     * null when there are none.
     */
    static String watchingLine(int zones, int entries) {
        if (zones == 0 && entries == 0) {
            return null;
        }
        return "Watching: " + zones + (zones == 1 ? " zone" : " zones") + ", " + entries
                + (entries == 1 ? " watchlist entry" : " watchlist entries") + " (GET /api/zones, /api/watchlist)";
    }
}
