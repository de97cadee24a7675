package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.watchkeeper.store.DuckDbHistoryStore;
import org.watchkeeper.store.HistoryStore;

/**
 * The Watchkeeper server: sources → {@link Pipeline} → DuckDB history store, the HTTP API
 * ({@link Api}), the live stream ({@link LiveStream}) and Prometheus metrics, under one data
 * directory:
 * <ul>
 *   <li>{@code raw/YYYY-MM-DD.nmea} — the raw archive ({@link RawArchive});</li>
 *   <li>{@code history.duckdb} — the history store, rebuilt from the raw archive on every start
 *       (so it always equals what the archived lines give, even after a crash between archiving
 *       and storing); the rebuild takes about as long as an {@code analyze} of the archive;</li>
 *   <li>{@code zones.json}, {@code watchlist.json} — the user's zones and watchlist;</li>
 *   <li>{@code incidents/history.duckdb} — incident reports ({@link #incidentStore()}), kept across
 *       restarts: they are reports made or imported here, not derived from the archive.</li>
 * </ul>
 * Zones and watchlist apply from the moment they are set; a rebuild applies the current ones to all
 * archived lines.
 */
public final class WatchkeeperServer implements AutoCloseable {

    /**
     * Settings.
     *
     * @param port HTTP port (0: any free port)
     * @param dataDir the data directory (created when missing)
     * @param sources {@code NAME=URI} specifications (see {@link Source})
     * @param zonesFile GeoJSON zones to add at start (by name, once), or null
     * @param watchlistFile watchlist text file to add at start, or null
     * @param queueCapacity lines the pipeline's input queue holds
     */
    public record Config(int port, Path dataDir, List<String> sources, Path zonesFile, Path watchlistFile,
                         int queueCapacity) {
        /** Defaults: port 8080, queue of 100 000 lines. */
        public static Config of(Path dataDir) {
            return new Config(8080, dataDir, List.of(), null, null, 100_000);
        }

        public Config withPort(int p) {
            return new Config(p, dataDir, sources, zonesFile, watchlistFile, queueCapacity);
        }

        public Config withSources(List<String> s) {
            return new Config(port, dataDir, List.copyOf(s), zonesFile, watchlistFile, queueCapacity);
        }

        public Config withZones(Path z) {
            return new Config(port, dataDir, sources, z, watchlistFile, queueCapacity);
        }

        public Config withWatchlist(Path w) {
            return new Config(port, dataDir, sources, zonesFile, w, queueCapacity);
        }
    }

    private final Config config;
    private final RawArchive archive;
    private final HistoryStore store;
    private final HistoryStore incidentStore;
    private final Pipeline pipeline;
    private final UserData userData;
    private final LiveStream stream;
    private final Stats stats;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sampler;
    private final long rebuiltLines;
    private Javalin app;

    private WatchkeeperServer(Config config) throws IOException, InterruptedException {
        this.config = config;
        Path dir = config.dataDir();
        Files.createDirectories(dir);
        this.archive = new RawArchive(dir.resolve("raw"));
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME));
        Files.deleteIfExists(dir.resolve(DuckDbHistoryStore.FILE_NAME + ".wal"));
        this.store = DuckDbHistoryStore.open(dir);
        this.incidentStore = DuckDbHistoryStore.open(dir.resolve(INCIDENTS_DIR));
        this.pipeline = new Pipeline(store, archive, config.queueCapacity());
        this.userData = new UserData(dir, pipeline);
        if (config.zonesFile() != null) {
            JsonNode z = Rows.JSON.readTree(config.zonesFile().toFile());
            ArrayNode keep = Rows.JSON.createArrayNode();
            for (JsonNode f : z.path("type").asText().equals("Feature") ? List.of(z) : iterable(z.path("features"))) {
                String name = f.path("properties").path("name").asText();
                if (userData.zones().stream().noneMatch(u -> u.name().equals(name))) {
                    keep.add(f);
                }
            }
            if (!keep.isEmpty()) {
                userData.addZones(Rows.JSON.createObjectNode().put("type", "FeatureCollection").set("features", keep));
            }
        }
        if (config.watchlistFile() != null) {
            userData.addWatchFile(config.watchlistFile());
        }
        userData.changed();
        this.stream = new LiveStream(() -> stats().json());
        this.pipeline.addListener(stream);
        this.stats = new Stats(this);
        this.rebuiltLines = pipeline.rebuildFromArchive();
        for (String s : config.sources()) {
            sources.add(Source.parse(s, pipeline));
        }
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchkeeper-stats");
            t.setDaemon(true);
            return t;
        });
        registerMetrics();
    }

    private static List<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /**
     * Opens the data directory, rebuilds history from the raw archive, starts the pipeline, the
     * sources and the HTTP server.
     *
     * @throws IllegalArgumentException for a bad source specification
     */
    public static WatchkeeperServer start(Config config) throws IOException, InterruptedException {
        WatchkeeperServer s = new WatchkeeperServer(config);
        try {
            s.pipeline.start();
            s.app = Api.create(s).start(config.port());
            s.sampler.scheduleAtFixedRate(() -> s.stats.sample(System.currentTimeMillis()), 0, 1, TimeUnit.SECONDS);
            for (Source src : s.sources) {
                src.start();
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Adds and starts a source while running (the demo's simulated feed, tests). */
    public void addSource(Source s) {
        sources.add(s);
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
        Gauge.builder("watchkeeper.queue.lines", pipeline, Pipeline::queued).description("lines waiting").register(metrics);
        Gauge.builder("watchkeeper.vessels", pipeline, p -> p.vessels().size()).description("vessels in the picture").register(metrics);
        Gauge.builder("watchkeeper.stream.clients", stream, LiveStream::clients).register(metrics);
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

    /** The store of incident reports (its incidents table; positions live in {@link #store()}). */
    public HistoryStore incidentStore() {
        return incidentStore;
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

    public Config config() {
        return config;
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
    }
}
