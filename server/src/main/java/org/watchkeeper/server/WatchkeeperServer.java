package org.watchkeeper.server;

import org.watchkeeper.core.detect.zone.WatchlistDetector;
import org.watchkeeper.core.pipeline.EventTimeOrder;

import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.watchkeeper.core.ref.port.PortIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.watchkeeper.core.sharing.Tlp;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.PostgresHistoryStore;

/**
 * The Watchkeeper server: sources → {@link Pipeline} → history store (DuckDB in the data directory, or a
 * PostgreSQL + PostGIS schema of its own: {@link Config#withPostgres}), the HTTP API
 * ({@link Api}), the live stream ({@link LiveStream}) and Prometheus metrics, under one data
 * directory:
 * <ul>
 *   <li>{@code raw/YYYY-MM-DD.nmea} — the raw archive ({@link RawArchive});</li>
 *   <li>{@code history.duckdb} — the history store, rebuilt from the raw archive on every start
 *       (so it always equals what the archived lines give, even after a crash between archiving
 *       and storing); the rebuild takes about as long as an {@code analyze} of the archive. With
 *       {@link Config#withPostgres} the history is kept in PostgreSQL instead, emptied and rebuilt
 *       the same way, and this file is not there: {@code history-store.properties}
 *       ({@link PostgresLocation#MARKER_FILE}) names that schema, its URL and user instead (never the
 *       password), so that a reader of the folder ({@code watchkeeper query --data DIR}) can say where
 *       the history is;</li>
 *   <li>{@code zones.json}, {@code watchlist.json} — the user's zones and watchlist;</li>
 *   <li>{@code userdata-history/NNNNNNNN.json} — every set of zones and watchlist in force so far, in
 *       the order of the changes, never deleted ({@link UserDataHistory}); the raw archive marks where
 *       each took effect among the input lines;</li>
 *   <li>{@code file-sources.json} — the file each {@code file:} source name replays, so that a
 *       restart goes on after the lines already read ({@link FileSourceProgress});</li>
 *   <li>{@code incidents/history.duckdb} — incident reports ({@link #incidentStore()}), kept across
 *       restarts: they are reports made or imported here, not derived from the archive.</li>
 *   <li>{@code accounts.json} — organisations, users, token hashes, sharing policies ({@link Accounts});</li>
 *   <li>{@code audit.log}, {@code audit.log.head} — the hash-chained audit trail ({@link AuditLog});</li>
 *   <li>{@code signing-key.pem}, {@code signing-key.pub.pem} — the export signing key ({@link ExportSigner});</li>
 *   <li>{@code admin-token} — the bootstrap admin's token when the server generated it (owner-only);</li>
 *   <li>{@code watchkeeper.lock}, {@code incidents/watchkeeper.lock} — the locks by which one process
 *       at a time uses the folder ({@link DataFolderLock}): a second server on the same folder, or
 *       another command that writes it, is refused before it changes anything there.</li>
 * </ul>
 * Zones and watchlist apply from the moment they are set, to the lines received from then on; a
 * rebuild applies each set where the archive marks it, so the history after a restart is the history
 * before it. Lines archived before the first mark (by a server that kept no history of its zones and
 * watchlist) are judged with the first set recorded: the one in force when the history began.
 */
public final class WatchkeeperServer implements AutoCloseable {

    /**
     * Settings.
     *
     * @param port HTTP port (0: any free port)
     * @param dataDir the data directory (created when missing)
     * @param sources {@code NAME=URI} specifications (see {@link Source})
     * @param zonesFiles GeoJSON zone files to add at start, in order (a zone whose name the server
     *     already holds is not added again), possibly empty
     * @param watchlistFiles watchlist text files to add at start, possibly empty
     * @param queueCapacity lines the pipeline's input queue holds
     * @param adminToken the bootstrap admin's API token, or null (one is generated into
     *     {@code <data>/admin-token} when the server has no users yet)
     * @param eventTlp the TLP 2.0 marking of detector events and of zones created without one
     * @param tlsKeystore PKCS #12 keystore with the server's key and certificate: serve HTTPS only; null: HTTP
     * @param tlsPassword the keystore's password (null without a keystore)
     * @param latenessMillis bounded out-of-orderness of detector input, ms ({@link Config#withLateness})
     * @param ports ports and anchorages for the encounter and port-visit detectors, or null for the
     *     shipped list ({@link PortIndex#seaPorts()})
     * @param watchlistSilenceMillis how long a watched vessel may be silent ({@link #withWatchlistSilence})
     * @param clusterEvents the Flink job's events topic ({@code kafka://...}) when the server stands in
     *     front of the job ({@link #withClusterEvents}), or null: the server runs the shipped detectors itself
     * @param postgres where in PostgreSQL the history is kept ({@link #withPostgres}), or null: in
     *     {@code history.duckdb} in the data directory
     */
    public record Config(int port, Path dataDir, List<String> sources, List<Path> zonesFiles, List<Path> watchlistFiles,
                         int queueCapacity, String adminToken, Tlp eventTlp, Path tlsKeystore, String tlsPassword,
                         long latenessMillis, PortIndex ports, long watchlistSilenceMillis, String clusterEvents,
                         PostgresLocation postgres) {
        /** Defaults: port 8080, queue of 100 000 lines, events TLP:GREEN, plain HTTP, watchlist silences of 1 h. */
        public static Config of(Path dataDir) {
            return new Config(8080, dataDir, List.of(), List.of(), List.of(), 100_000, null, Tlp.GREEN, null, null,
                    EventTimeOrder.DEFAULT_LATENESS_MILLIS, null, WatchlistDetector.Config.DEFAULT_SILENCE_MILLIS, null, null);
        }

        /**
         * How long a vessel on the watchlist may be silent before it is a {@code watchlist_gap} (ms, ≥ 0; 0
         * turns the watch for silences off; default 1 h, {@link WatchlistDetector.Config#DEFAULT_SILENCE_MILLIS}).
         */
        public Config withWatchlistSilence(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("watchlist silence must be >= 0 ms: " + millis);
            }
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, millis, clusterEvents, postgres);
        }

        /**
         * The server in front of the Flink job: the job's events topic ({@code kafka://HOST:PORT/TOPIC[?group=G&from=earliest|latest]},
         * read by {@link KafkaSource#clusterEvents}) gives the events of the shipped detectors, which the server
         * then does not run; it still keeps the picture, the positions and their history from its sources,
         * and detects the user's zones and watchlist. Null: the server runs every detector itself.
         */
        public Config withClusterEvents(String uri) {
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, watchlistSilenceMillis, uri, postgres);
        }

        /**
         * Keeps the history (positions, vessels, identity changes, events) in a PostgreSQL + PostGIS schema
         * of the server's own instead of {@code history.duckdb} in the data directory; null: DuckDB. The
         * raw archive stays the record: the schema is emptied at start and rebuilt from it (see
         * {@link WatchkeeperServer#start}).
         */
        public Config withPostgres(PostgresLocation p) {
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, p);
        }

        public Config withPort(int p) {
            return new Config(p, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore, tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        public Config withSources(List<String> s) {
            return new Config(port, dataDir, List.copyOf(s), zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /** GeoJSON zone files read at start (see {@link WatchkeeperServer}); none by default. */
        public Config withZones(List<Path> z) {
            return new Config(port, dataDir, sources, List.copyOf(z), watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /** One GeoJSON zone file, or none when {@code z} is null. */
        public Config withZones(Path z) {
            return withZones(z == null ? List.<Path>of() : List.of(z));
        }

        /** Watchlist files read at start; none by default. */
        public Config withWatchlists(List<Path> w) {
            return new Config(port, dataDir, sources, zonesFiles, List.copyOf(w), queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /** One watchlist file, or none when {@code w} is null. */
        public Config withWatchlist(Path w) {
            return withWatchlists(w == null ? List.<Path>of() : List.of(w));
        }

        /** The bootstrap admin's token (at least 16 characters). */
        public Config withAdminToken(String t) {
            if (t != null && t.strip().length() < 16) {
                throw new IllegalArgumentException("the admin token must have at least 16 characters");
            }
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, t == null ? null : t.strip(), eventTlp,
                    tlsKeystore, tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        public Config withEventTlp(Tlp t) {
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, t, tlsKeystore, tlsPassword, latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        public Config withTls(Path keystore, String password) {
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, keystore, password,
                    latenessMillis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /**
         * How long detector input waits to be put back in event-time order (bounded out-of-orderness,
         * ms, ≥ 0; default {@link EventTimeOrder#DEFAULT_LATENESS_MILLIS}, as {@code analyze} and the
         * Flink job): events come up to this much later; 0 gives the quickest alerts for a feed in time
         * order (see {@link Pipeline}).
         */
        public Config withLateness(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("lateness must be >= 0 ms: " + millis);
            }
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, millis, ports, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /** The ports the encounter and port-visit detectors use (null: the shipped list). */
        public Config withPorts(PortIndex p) {
            return new Config(port, dataDir, sources, zonesFiles, watchlistFiles, queueCapacity, adminToken, eventTlp, tlsKeystore,
                    tlsPassword, latenessMillis, p, watchlistSilenceMillis, clusterEvents, postgres);
        }

        /** The password is never part of the text form. */
        @Override
        public String toString() {
            return "Config[port=" + port + ", dataDir=" + dataDir + ", sources=" + sources + (clusterEvents == null ? "" : ", clusterEvents=" + clusterEvents) + ", eventTlp=" + eventTlp
                    + ", tls=" + (tlsKeystore != null) + ", latenessMillis=" + latenessMillis
                    + ", watchlistSilenceMillis=" + watchlistSilenceMillis + (postgres == null ? "" : ", postgres=" + postgres) + "]";
        }
    }

    private final Config config;
    private final RawArchive archive;
    private final HistoryStore store;
    private final HistoryStore incidentStore;
    private final StartupImport startupImport = new StartupImport();
    private final Pipeline pipeline;
    private final UserData userData;
    private final Accounts accounts;
    private final AuditLog audit;
    /** The check of the audit log as it was at start ({@link #checkAudit}). */
    private final java.util.concurrent.CompletableFuture<AuditLog.Verification> auditCheck;
    private final ExportSigner signer;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> routePaths = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final LiveStream stream;
    private final EventAccess eventAccess = EventAccess.of(this);
    private final Stats stats;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler;
    private final long rebuiltLines;
    private final long rebuildMillis;
    private final DataFolderLock folderLock;
    private final DataFolderLock incidentsLock;
    private Javalin app;

    /** Opens the data folder, which this process holds ({@code folderLock}, {@code incidentsLock}) from here on. */
    private WatchkeeperServer(Config config, DataFolderLock folderLock, DataFolderLock incidentsLock, HistoryStore history)
            throws IOException, InterruptedException {
        this.config = config;
        this.folderLock = folderLock;
        this.incidentsLock = incidentsLock;
        Path dir = config.dataDir();
        this.archive = new RawArchive(dir.resolve("raw"));
        this.store = history;
        this.incidentStore = DuckDbHistoryStore.open(dir.resolve(INCIDENTS_DIR), Integer.getInteger(STORE_THREADS_PROPERTY, STORE_THREADS));
        this.pipeline = new Pipeline(store, archive, config.queueCapacity(), config.latenessMillis(), config.ports(),
                config.clusterEvents() == null);
        this.accounts = new Accounts(dir);
        AuditLog.SetAside partial = AuditLog.setAsidePartialEnd(dir.resolve("audit.log"));
        this.audit = new AuditLog(dir.resolve("audit.log"));
        if (partial != null) {
            System.err.println("watchkeeper serve: warning: the audit log " + dir.resolve("audit.log") + " ended in a partial entry (line "
                    + partial.line() + ", " + partial.bytes() + " bytes: a write cut short, or the file changed); those bytes are kept in "
                    + partial.file() + ", the log goes on from its last whole entry, and an audit.broken entry records it");
            java.util.Map<String, String> detail = new java.util.TreeMap<>();
            detail.put("line", Long.toString(partial.line()));
            detail.put("reason", "partial entry at the end, set aside");
            detail.put("bytes", Long.toString(partial.bytes()));
            detail.put("set_aside_to", partial.file().getFileName().toString());
            audit.append(null, null, "audit.broken", "audit.log", detail);
        }
        this.auditCheck = checkAudit(dir.resolve("audit.log"));
        this.signer = ExportSigner.open(dir);
        Accounts.Bootstrap boot = accounts.bootstrap(config.adminToken());
        if (boot.generated() != null) {
            Accounts.writeAtomically(dir.resolve("admin-token"), (boot.generated() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        audit.append(null, null, "start", "server", java.util.Map.of("users", Integer.toString(accounts.users().size()),
                "tls", Boolean.toString(config.tlsKeystore() != null)));
        if (!boot.restored().isEmpty()) {
            // an account change made by the configuration, not by a caller: recorded as any other
            System.err.println("watchkeeper serve: the configured admin token restored user admin (" + String.join(", ", boot.restored()) + ")");
            audit.append(null, null, "user.restore", "admin", java.util.Map.of("changed", String.join(",", boot.restored()),
                    "by", "configured admin token"));
        }
        if (boot.withheld() != null) {
            System.err.println("watchkeeper serve: warning: " + boot.withheld());
        }
        pipeline.setWatchlistConfig(WatchlistDetector.Config.defaults().withSilence(config.watchlistSilenceMillis()));
        this.userData = new UserData(dir, pipeline, accounts.hostOrgId(), config.eventTlp());
        this.userData.setMarkingCheck(accounts::checkKnown);
        try {
            for (Path zonesFile : config.zonesFiles()) {
                try {
                    // the file was checked before the data folder was opened; what is left is its markings
                    userData.addZonesNotHeld(Rows.JSON.readTree(zonesFile.toFile()));
                } catch (Api.BadRequest | io.javalin.http.HttpResponseException e) {
                    throw new IllegalArgumentException("zones file " + zonesFile + ": " + e.getMessage());
                }
            }
            for (Path watchlistFile : config.watchlistFiles()) {
                userData.addWatchFile(watchlistFile);
            }
        } catch (IOException | RuntimeException e) {
            // a start file of the user's is wrong: release what is open (the stores' file locks) before saying so
            store.close();
            incidentStore.close();
            archive.close();
            audit.close();
            throw e;
        }
        userData.changed();
        this.stream = new LiveStream(() -> stats().json());
        this.stream.setEventAccess(eventAccess);
        this.pipeline.addListener(stream);
        // a revoked token, a disabled user, a narrowed policy: open streams judge their callers again
        this.accounts.onChange(stream::accountsChanged);
        this.stats = new Stats(this);
        // each change of the zones and watchlist applies where the archive marks it, as it did live
        userData.beforeRebuild();
        long rebuildStart = System.nanoTime();
        this.rebuiltLines = pipeline.rebuildFromArchive(userData::recorded);
        this.rebuildMillis = (System.nanoTime() - rebuildStart) / 1_000_000;
        userData.startHistory();
        for (String s : config.sources()) {
            sources.add(Source.parse(s, pipeline));
        }
        if (config.clusterEvents() != null) {
            sources.add(KafkaSource.clusterEvents(pipeline, config.clusterEvents()));
        }
        for (Source s : sources) {
            if (s instanceof KafkaSource k) {
                k.startFreshFolder(pipeline.archivedBySource().getOrDefault(k.name(), 0L) == 0);
            }
        }
        FileSourceProgress.resume(dir, sources, pipeline.archivedBySource(), pipeline.lastArchivedBySource(), System.err);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchkeeper-stats");
            t.setDaemon(true);
            return t;
        });
        registerMetrics();
    }

    /**
     * Opens the data directory, rebuilds history from the raw archive, starts the pipeline, the
     * sources and the HTTP server. The data directory is locked ({@link DataFolderLock}) before anything
     * in it changes, and held until {@link #close}: a folder another process (or another server in this
     * one) holds is refused before anything in it is changed. With {@link Config#postgres()} the schema is
     * opened and taken before the folder is touched, so that a database that cannot be reached (or a schema
     * refused) leaves the folder as it was; a start that fails removes a data folder it made.
     *
     * @throws IllegalArgumentException for a bad source specification
     * @throws IllegalStateException when the data folder holds a history store but no raw archive (one
     *     written by {@code watchkeeper analyze}): the server would replace it, so it refuses to start
     * @throws DataFolderLock.InUseException when another process, or another server of this one, holds
     *     the data folder (or its {@code incidents} folder)
     * @throws IllegalStateException with {@link Config#postgres()}, also when another server keeps its
     *     history in that schema now, or the schema holds a history no server wrote (see {@code openHistory})
     * @throws org.watchkeeper.store.PostgresHistoryStore.ConnectFailure with {@link Config#postgres()}, when
     *     PostgreSQL cannot be reached or refuses the login
     * @throws org.watchkeeper.store.StoreException with {@link Config#postgres()}, when PostgreSQL lacks
     *     PostGIS that the user cannot install, or fails
     */
    public static WatchkeeperServer start(Config config) throws IOException, InterruptedException {
        return start(config, null);
    }

    /**
     * As {@link #start(Config)}, with the data directory already locked by the caller ({@code held}, for
     * a command that prepares the folder before the server starts, as {@code demo} does): the server
     * takes it over and releases it on {@link #close}, or when it fails to start.
     *
     * @param held the lock of {@code config.dataDir()}, or null to take it here
     */
    public static WatchkeeperServer start(Config config, DataFolderLock held) throws IOException, InterruptedException {
        Path dir = config.dataDir();
        if (held != null && !held.folder().equals(dir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the lock held is of " + held.folder() + ", not of the data folder " + dir);
        }
        DataFolderLock folderLock = held;
        DataFolderLock incidentsLock = null;
        HistoryStore history = null;
        WatchkeeperServer s;
        // a start that fails leaves no folder behind that it made (the lock taken, the store opened, ...)
        Path made = held == null ? firstMissing(dir) : null;
        try {
            checkPort(config.port());
            Source.checkAll(config.sources(), config.port());
            if (config.clusterEvents() != null) {
                KafkaSource.clusterEvents(null, config.clusterEvents()); // the URI's faults, before the folder is touched
            }
            for (Path z : config.zonesFiles()) {
                UserData.checkZonesFile(z);
            }
            for (Path w : config.watchlistFiles()) {
                UserData.checkWatchFile(w);
            }
            if (config.postgres() != null) {
                // before the folder is touched: a database that cannot be reached, refuses the login or the
                // schema leaves the folder as it was
                history = openPostgres(config, true);
            }
            String holder = "watchkeeper server" + (config.port() > 0 ? " on port " + config.port() : "");
            if (folderLock == null) {
                // before anything in the folder changes: a second server would replace the first one's history store
                folderLock = DataFolderLock.acquire(dir, holder);
            }
            if (Files.exists(dir.resolve(DuckDbHistoryStore.FILE_NAME)) && !Files.isDirectory(dir.resolve("raw"))) {
                // The server rebuilds its store from its raw archive; a store without one was written by
                // something else (watchkeeper analyze), and replacing it would lose that history.
                throw new IllegalStateException(dir + " holds a history store (" + DuckDbHistoryStore.FILE_NAME
                        + ") but no raw archive (" + dir.resolve("raw") + "): it was not written by serve (watchkeeper analyze writes"
                        + " one there), and serve rebuilds its store from its raw archive, which would replace it."
                        + " Give serve its own folder (--data DIR) or move the store away.");
            }
            // the incident store has its own lock: watchkeeper incidents import writes that folder alone
            incidentsLock = DataFolderLock.acquire(dir.resolve(INCIDENTS_DIR), holder);
            if (config.postgres() == null) {
                history = openDuckDb(config);
            } else {
                if (history == null) {
                    history = openPostgres(config, false);
                }
                takePostgres((PostgresHistoryStore) history, config);
            }
            s = new WatchkeeperServer(config, folderLock, incidentsLock, history);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            if (history != null) {
                try {
                    history.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (incidentsLock != null) {
                incidentsLock.close();
            }
            if (folderLock != null) {
                folderLock.close();
            }
            removeMade(made, e);
            throw e;
        }
        try {
            s.pipeline.start();
            try {
                s.app = Api.create(s).start(config.port());
            } catch (io.javalin.util.JavalinException e) {
                // the port taken between the check and here, or a TLS keystore Jetty refuses
                throw new IllegalStateException("cannot start the HTTP server on port " + config.port() + ": " + e.getMessage(), e);
            }
            if (config.tlsKeystore() != null) {
                s.audit.append(null, null, "start", "https", java.util.Map.of("port", Integer.toString(s.port())));
            }
            s.sampler.scheduleAtFixedRate(() -> s.stats.sample(System.currentTimeMillis()), 0, 1, TimeUnit.SECONDS);
            // positions the live stream held back by its throttle go when their vessel's interval ends
            s.sampler.scheduleAtFixedRate(s::flushStream, LiveStream.PENDING_CHECK_MILLIS, LiveStream.PENDING_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
            for (Source src : s.sources) {
                src.start();
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            removeMade(made, e);
            throw e;
        }
    }

    /**
     * The outermost folder of {@code dir} (itself or an ancestor) that does not exist yet, which a start
     * makes; null when {@code dir} exists.
     */
    static Path firstMissing(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        if (Files.exists(p)) {
            return null;
        }
        while (p.getParent() != null && !Files.exists(p.getParent())) {
            p = p.getParent();
        }
        return p;
    }

    /** Deletes the folder {@code made} (null: none) with all a failed start put there; a failure to is added to {@code e}. */
    private static void removeMade(Path made, Throwable e) {
        if (made == null || !Files.exists(made)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(made)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    /**
     * Opens the history store the server rebuilds from its raw archive, emptied: {@code history.duckdb}
     * in the data folder is deleted and made anew, and a {@link PostgresLocation#MARKER_FILE} left by an
     * earlier start with PostgreSQL is deleted.
     */
    private static HistoryStore openDuckDb(Config config) throws IOException {
        Path dir = config.dataDir();
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME));
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME + ".wal"));
        Files.deleteIfExists(dir.resolve(PostgresLocation.MARKER_FILE));
        return DuckDbHistoryStore.open(dir, Integer.getInteger(STORE_THREADS_PROPERTY, STORE_THREADS));
    }

    /**
     * Opens the PostgreSQL schema of {@link Config#postgres()} and takes it (its advisory lock, held until
     * {@link #close}), before the data folder is touched; {@link #takePostgres} then claims it. A schema that
     * holds a history but was never claimed by a server (one {@code analyze --store postgres} wrote) is
     * refused, left as it is.
     *
     * @param beforeFolder whether the data folder is not locked yet: then a schema held by a server on that same
     *     folder gives null, for the folder's lock to refuse the start naming that server
     * @throws IllegalStateException when another server holds the schema, or it holds a history
     *     not written by a server
     * @throws PostgresHistoryStore.ConnectFailure when PostgreSQL cannot be reached or refuses the login
     * @throws org.watchkeeper.store.StoreException when PostgreSQL lacks PostGIS, or fails
     */
    private static PostgresHistoryStore openPostgres(Config config, boolean beforeFolder) {
        PostgresLocation pg = config.postgres();
        PostgresHistoryStore store = PostgresHistoryStore.open(pg.url(), pg.user(), pg.password(), pg.schema());
        try {
            String where = "schema " + pg.schema() + " at " + pg.displayUrl();
            if (!store.tryLockSchema()) {
                if (beforeFolder && store.owner().orElse("").equals(OWNER_PREFIX + config.dataDir().toAbsolutePath().normalize())) {
                    // the server holding the schema runs on this very folder: its lock says so, naming that server
                    store.close();
                    return null;
                }
                throw new IllegalStateException("another server keeps its history in " + where
                        + " now; give this one a schema of its own (--pg-schema NAME)");
            }
            if (store.owner().isEmpty()) {
                org.watchkeeper.store.StoreCounts c = store.counts();
                if (c.positions() + c.vessels() + c.identityChanges() + c.events() > 0 || !store.analyzedInputs().isEmpty()
                        || store.incidentCount() > 0) {
                    throw new IllegalStateException(where + " holds a history that no server wrote (" + c.positions()
                            + " positions, " + c.events() + " events; watchkeeper analyze --store postgres writes one such),"
                            + " and the server empties its schema at every start to rebuild it from its raw archive, which"
                            + " would delete that history. Give serve a schema of its own (--pg-schema NAME, default "
                            + PostgresLocation.DEFAULT_SCHEMA + "); the history there is left as it is.");
                }
            }
            return store;
        } catch (RuntimeException e) {
            try {
                store.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Claims the schema {@link #openPostgres} opened for this data folder (held now) and empties its history
     * tables; a schema claimed by a server on another data folder is taken over, which is said on standard
     * error (that server rebuilds it at its next start). The folder's {@link PostgresLocation#MARKER_FILE}
     * names the schema, and a DuckDB history left by an earlier start without PostgreSQL is deleted.
     */
    private static void takePostgres(PostgresHistoryStore store, Config config) throws IOException {
        Path dir = config.dataDir();
        PostgresLocation pg = config.postgres();
        String me = OWNER_PREFIX + dir.toAbsolutePath().normalize();
        java.util.Optional<String> owner = store.owner();
        if (owner.isPresent() && !owner.get().equals(me)) {
            System.err.println("watchkeeper serve: note: schema " + pg.schema() + " at " + pg.displayUrl()
                    + " held the history of the server on data folder "
                    + owner.get().substring(owner.get().startsWith(OWNER_PREFIX) ? OWNER_PREFIX.length() : 0)
                    + "; it is replaced by this one's (that server rebuilds its own at its next start)");
        }
        store.claim(me);
        store.clearHistory();
        pg.mark(dir);
        // a DuckDB history left by an earlier start without --store postgres is out of date from here on
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME));
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME + ".wal"));
    }

    /** How a server marks the PostgreSQL schema it keeps ({@link PostgresHistoryStore#claim}), before its data folder. */
    public static final String OWNER_PREFIX = "watchkeeper serve ";

    /**
     * Where the history is kept, for messages: {@code duckdb DIR/history.duckdb} or {@code postgres URL
     * schema S as USER} (passwords left out).
     */
    public String storeDescription() {
        return config.postgres() != null ? config.postgres().toString()
                : "duckdb " + config.dataDir().resolve(DuckDbHistoryStore.FILE_NAME);
    }

    /**
     * Binds and releases the HTTP port, so that a port in use or out of range is said before the data
     * folder is opened and its history rebuilt.
     *
     * @throws IllegalArgumentException for a port outside 0-65535
     * @throws IllegalStateException when the port cannot be bound
     */
    public static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the HTTP port must be from 0 to 65535, not " + port);
        }
        if (port == 0) {
            return;
        }
        try {
            Source.probeTcp(new java.net.InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on HTTP port " + port + ": " + e.getMessage()
                    + " (another program has it? choose one with --port)", e);
        }
    }

    /**
     * Adds and starts a source while running (the demo's simulated feed, tests).
     *
     * @throws IllegalArgumentException when a source of that name is there already
     */
    public void addSource(Source s) {
        if (sources.stream().anyMatch(x -> x.name().equals(s.name()))) {
            throw new IllegalArgumentException("a source named '" + s.name() + "' is there already");
        }
        sources.add(s);
        registerSourceMetrics(s);
        s.start();
    }

    private void registerMetrics() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        FunctionCounter.builder("watchkeeper.lines", pipeline, Pipeline::lines).description("lines processed").register(metrics);
        FunctionCounter.builder("watchkeeper.messages", pipeline, Pipeline::messages).description("AIS messages decoded").register(metrics);
        FunctionCounter.builder("watchkeeper.events", pipeline, Pipeline::events).description("events emitted").register(metrics);
        FunctionCounter.builder("watchkeeper.shed", pipeline, Pipeline::shed).tag("stage", "ingest")
                .description("lines shed because the pipeline was full (UDP)").register(metrics);
        FunctionCounter.builder("watchkeeper.shed", stream, LiveStream::shed).tag("stage", "stream")
                .description("live stream messages shed for slow clients").register(metrics);
        FunctionCounter.builder("watchkeeper.late.observations", pipeline, Pipeline::lateObservations).register(metrics);
        Gauge.builder("watchkeeper.held.observations", pipeline, Pipeline::heldObservations)
                .description("observations held by the stray-time check, more than 3 h ahead of their source's times").register(metrics);
        Gauge.builder("watchkeeper.queue.lines", pipeline, Pipeline::queued).description("lines waiting").register(metrics);
        Gauge.builder("watchkeeper.vessels", pipeline, p -> p.vessels().size()).description("vessels in the picture").register(metrics);
        Gauge.builder("watchkeeper.stream.clients", stream, LiveStream::clients).register(metrics);
        // rejected lines by reason, every source together (as /api/stats "rejected")
        java.util.List<String> reasons = new java.util.ArrayList<>();
        for (org.watchkeeper.ais.RejectReason r : org.watchkeeper.ais.RejectReason.values()) {
            reasons.add(r.code());
        }
        reasons.add("stray_time");
        for (String reason : reasons) {
            FunctionCounter.builder("watchkeeper.rejected.lines", this, x -> x.pipeline.rejected().getOrDefault(reason, 0L))
                    .tag("reason", reason).description("input lines rejected, by reason").register(metrics);
        }
        for (Source s : sources) {
            registerSourceMetrics(s);
        }
    }

    /** A source's own metrics: up (1) or not (0), failing, lines, and for UDP the system's drops. */
    private void registerSourceMetrics(Source s) {
        Gauge.builder("watchkeeper.source.up", s, x -> x.up() ? 1 : 0).tag("source", s.name()).tag("kind", s.kind())
                .description("1 while the source is connected, listening or reading; 0 otherwise (a file read to its end too)")
                .register(metrics);
        Gauge.builder("watchkeeper.source.failing", s, x -> x.error() != null ? 1 : 0).tag("source", s.name())
                .description("1 while the source reports an error (in /api/stats): cannot connect, read error, missing topic")
                .register(metrics);
        FunctionCounter.builder("watchkeeper.source.lines", s, Source::lines).tag("source", s.name())
                .description("lines the source delivered").register(metrics);
        if (s instanceof Source.UdpSource u) {
            FunctionCounter.builder("watchkeeper.udp.kernel.drops", u, x -> Math.max(0, x.kernelDrops())).tag("source", u.name())
                    .description("datagrams the system dropped before the server read them (Linux /proc/net/udp)").register(metrics);
        }
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return app.port();
    }

    public HistoryStore store() {
        return store;
    }

    /** Directory under the data directory that holds the incident store. */
    public static final String INCIDENTS_DIR = "incidents";

    /**
     * DuckDB threads of the server's stores: 1, i.e. the store writer thread does DuckDB's work
     * itself and DuckDB starts no worker threads of its own. By default DuckDB runs one thread per
     * core; on a small machine its workers (appends, the vessel-row merge every 10 s, write-ahead-log
     * checkpoints) then compete for the cores with the pipeline and detection threads, whose delay is
     * the live stream's latency (docs/PERFORMANCE.md, serve section). The store writer keeps up with
     * 20 000 lines/s with one thread. The system property {@value #STORE_THREADS_PROPERTY} overrides
     * it (0: DuckDB's default).
     */
    public static final int STORE_THREADS = 1;

    /** System property that overrides {@link #STORE_THREADS} (an integer, 0 for DuckDB's default). */
    public static final String STORE_THREADS_PROPERTY = "watchkeeper.store.threads";

    /** The store of incident reports (its incidents table; positions live in {@link #store()}). */
    public HistoryStore incidentStore() {
        return incidentStore;
    }

    /** The import of incident files at start, which the incident routes tell their callers of while it runs. */
    public StartupImport startupImport() {
        return startupImport;
    }

    /** Organisations, users, tokens and sharing policies. */
    public Accounts accounts() {
        return accounts;
    }

    /**
     * Verifies the audit log as it is now, before this start's entries, as {@code watchkeeper audit
     * verify} does ({@link AuditLog#verify}), on a thread of its own: a long log (about 6 s a million
     * entries) does not hold up the start. When the chain is broken, says so on standard error, naming
     * the first bad line, and records an {@code audit.broken} entry; the server goes on recording either
     * way. A head file that cannot be read ({@link AuditLog.BadHead}) is said and recorded the same way, and
     * the log verified without it.
     *
     * @return the verification, when done (null when the log could not be read)
     */
    private java.util.concurrent.CompletableFuture<AuditLog.Verification> checkAudit(Path file) throws IOException {
        long length = Files.size(file);
        String[] readHead;
        try {
            readHead = AuditLog.headFile(file);
        } catch (AuditLog.BadHead e) {
            // the head file only checks the log's end: a damaged one is recorded, not a reason to stop
            // the message without its hint for 'audit verify' (give the hash with --head), which is no fact of the log
            String why = e.getMessage().replaceFirst(" \\(it holds.*$", "");
            System.err.println("watchkeeper serve: warning: " + why
                    + "; the log is verified without it, an audit.broken entry records it, and the next entry writes it anew");
            audit.append(null, null, "audit.broken", "audit.log.head", java.util.Map.of("reason", why));
            readHead = null;
        }
        String[] head = readHead;
        java.util.concurrent.CompletableFuture<AuditLog.Verification> done = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            AuditLog.Verification v = null;
            try {
                v = AuditLog.verify(file, length, head);
                if (!v.ok()) {
                    System.err.println("watchkeeper serve: warning: the audit log " + file + " fails verification at " + v.message()
                            + " (as 'watchkeeper audit verify " + file + "' says): it was changed after it was written;"
                            + " the server goes on recording, its entries chained to the last line");
                    java.util.Map<String, String> detail = new java.util.TreeMap<>();
                    detail.put("line", Long.toString(v.badLine()));
                    if (v.badSeq() != null) {
                        detail.put("seq", Long.toString(v.badSeq()));
                    }
                    detail.put("reason", v.reason());
                    detail.put("entries_verified", Long.toString(v.entries()));
                    audit.append(null, null, "audit.broken", "audit.log", detail);
                }
            } catch (IOException | RuntimeException e) {
                // a log that cannot be read now, or closed by a server stopped meanwhile
                System.err.println("watchkeeper serve: warning: could not verify the audit log " + file + ": " + e.getMessage());
            } finally {
                done.complete(v);
            }
        }, "audit-verify");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The check of the audit log as it was at start: its verification when done, null if it could not be made. */
    public java.util.concurrent.CompletableFuture<AuditLog.Verification> auditCheck() {
        return auditCheck;
    }

    /** The audit log. */
    public AuditLog audit() {
        return audit;
    }

    /** The export signing key. */
    public ExportSigner signer() {
        return signer;
    }

    /** Every route of the HTTP API as {@code METHOD PATH}, e.g. {@code GET /api/vessels/{mmsi}}. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    void addRoute(String route) {
        routes.add(route);
        routePaths.add(route.substring(route.indexOf(' ') + 1));
    }

    /** The paths of {@link #routes()} (any method). */
    java.util.Set<String> routePaths() {
        return routePaths;
    }

    /** The admin-token file written when the server generated the bootstrap admin's token. */
    public Path adminTokenFile() {
        return config.dataDir().resolve("admin-token");
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public UserData userData() {
        return userData;
    }

    public LiveStream stream() {
        return stream;
    }

    /** Who may see which detector event: the one rule of every route that serves events and of the live stream. */
    public EventAccess eventAccess() {
        return eventAccess;
    }

    public Stats stats() {
        return stats;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    public RawArchive archive() {
        return archive;
    }

    /** Archived lines replayed into history at start. */
    public long rebuiltLines() {
        return rebuiltLines;
    }

    /** How long the rebuild of the history from the raw archive took at start, ms (stored included). */
    public long rebuildMillis() {
        return rebuildMillis;
    }

    public Config config() {
        return config;
    }

    /** {@link LiveStream#flushPending} on the sampler's thread: a failure is logged, and the next run goes on. */
    private void flushStream() {
        try {
            stream.flushPending();
        } catch (RuntimeException e) {
            // a scheduled task that throws is not run again: the held positions would never go
            org.slf4j.LoggerFactory.getLogger(WatchkeeperServer.class).error("the live stream's held positions could not be sent", e);
        }
    }

    /**
     * Stops the sources, processes what they delivered, closes every open episode (as at the end of
     * an {@code analyze} run), stores it, and stops the HTTP server.
     */
    @Override
    public void close() throws InterruptedException {
        for (Source s : sources) {
            s.close();
        }
        sampler.shutdownNow();
        pipeline.close();
        stream.close();
        if (app != null) {
            app.stop();
        }
        store.close();
        incidentStore.close();
        archive.close();
        try {
            audit.close();
        } catch (IOException e) {
            // closing an append channel: nothing left to write
        }
        // last: another process may use the folder once nothing here writes to it
        incidentsLock.close();
        folderLock.close();
    }
}
