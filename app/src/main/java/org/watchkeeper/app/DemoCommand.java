package org.watchkeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.watchkeeper.core.sim.IndoPacific;
import org.watchkeeper.core.sim.LatLon;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;
import org.watchkeeper.server.SimulatorSource;
import org.watchkeeper.server.WatchkeeperServer;
import org.watchkeeper.store.DataFolderLock;
import org.watchkeeper.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper demo}: the server with a built-in simulated Indo-Pacific feed (core's
 * simulator, deterministic by seed) played at an accelerated pace, with the demo zone watched, so
 * the planted rendezvous, dark period, identity conflict and zone entry are found within minutes.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Start the server on a simulated Indo-Pacific feed with planted events.", "",
            "The feed (Malacca and Singapore Straits, South China Sea, Bay of Bengal) is played live at an accelerated"
                + " pace. Open the printed URL."})
public final class DemoCommand implements Callable<Integer> {
    /** The default data folder, relative to the current directory. */
    static final String DEFAULT_DATA = "watchkeeper-demo";
    /** The file that marks a folder as the demo's own. */
    static final String MARKER = "watchkeeper-demo.txt";

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", converter = NormalPath.class, defaultValue = DEFAULT_DATA,
            description = "Data directory (default: ${DEFAULT-VALUE} in the current folder). The next demo run reuses it:"
                    + " zones and watchlist stay, the simulated feed and its history start again.")
    Path data;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vessels", paramLabel = "N", defaultValue = "200", description = "Background vessels (default: ${DEFAULT-VALUE}).")
    int vessels;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "300",
            description = "Simulated seconds per second (default: ${DEFAULT-VALUE}: the 16 h of planted events play in about 3 minutes).")
    double speed;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "24", description = "Simulated hours (default: ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the admin's API token (default: env WATCHKEEPER_ADMIN_TOKEN, else one is generated and printed).")
    Path adminTokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0 && speed <= 100_000) || vessels < 0 || !(hours > 0 && hours <= 24 * 31)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--speed must be in (0, 100000], --vessels >= 0, --hours in (0, 744]");
        }
        // a port in use is said before the data folder is made or touched, as serve does
        try {
            WatchkeeperServer.checkPort(port);
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return 2;
        }
        // the folder is locked before the previous run's archive is removed: a demo running there keeps it
        DataFolderLock lock;
        try {
            lock = DataFolderLock.acquire(data, "watchkeeper demo" + (port > 0 ? " on port " + port : ""));
        } catch (DataFolderLock.InUseException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage() + ServeCommand.inUseHint("demo"));
            return 1;
        } catch (StoreException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        // released here unless the server took it over (it releases it when it stops; closing twice is harmless)
        try (lock) {
            return run(lock);
        }
    }

    private int run(DataFolderLock lock) throws Exception {
        Path dir;
        try {
            dir = prepare(data, spec.commandLine().getErr());
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return 2;
        }
        Path zones = dir.resolve("demo-zone.geojson");
        Files.writeString(zones, demoZone());
        SimulationOptions options = new SimulationOptions(seed, vessels, Instant.parse("2024-06-01T00:00:00Z"),
                Duration.ofSeconds(Math.round(hours * 3600)), true, SimulationOptions.Noise.NONE);
        WatchkeeperServer.Config cfg;
        try {
            // the simulated ships wait at their ports' anchorages, off the ports' listed points: as anchorages
            // of the shipped list, a stop there is a visit to the port
            org.watchkeeper.core.ref.port.PortIndex listed = org.watchkeeper.core.ref.port.PortIndex.seaPorts();
            cfg = ServeCommand.security(spec, WatchkeeperServer.Config.of(dir).withPort(port).withZones(zones)
                    .withPorts(listed.with(IndoPacific.anchorages(listed))), adminTokenFile, "GREEN", null, null);
        } catch (Inputs.UnreadableFile e) {
            spec.commandLine().getErr().println("watchkeeper demo: " + e.getMessage());
            return 1;
        }
        Simulation simulation = new Simulation(options);
        // as simulate counts them: the planted identity conflict is two transmitters sharing one MMSI
        int all = simulation.vessels().size();
        long mmsis = simulation.vessels().stream().mapToInt(v -> v.identity().mmsi()).distinct().count();
        spec.commandLine().getErr().printf("demo: %d simulated vessels (%d traffic, %d in the planted scenarios; %d MMSIs), seed %d,"
                + " %.0fx speed, data in %s%n", all, vessels, all - vessels, mmsis, seed, speed, dir);
        return ServeCommand.run("demo", spec.commandLine().getErr(), cfg, lock, server -> {
            server.addSource(new SimulatorSource("demo", server.pipeline(), simulation, speed));
            if (java.nio.file.Files.exists(server.adminTokenFile())) {
                try {
                    // A local demo: print the generated admin token so the first user can log in.
                    spec.commandLine().getErr().printf("demo: log in at http://localhost:%d/ with the admin token %s%n", server.port(),
                            java.nio.file.Files.readString(server.adminTokenFile()).strip());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
    }

    /**
     * Makes {@code data} ready for a demo run and returns it as an absolute path. A new folder is
     * created and marked as the demo's ({@value #MARKER}); in a folder marked so, the raw archive of
     * the previous run is removed, because the simulated feed starts again at its first minute and
     * would otherwise repeat it (the server rebuilds the history store from the archive, so the
     * history starts again too); the user's zones and watchlist stay.
     *
     * @throws IllegalStateException when the folder holds a raw archive the demo did not write (a
     *     {@code serve} data folder), which is then left untouched
     */
    static Path prepare(Path data, PrintWriter err) throws IOException {
        Path dir = data.toAbsolutePath().normalize();
        Path marker = dir.resolve(MARKER);
        Path raw = dir.resolve("raw");
        if (Files.isDirectory(raw) && !Files.isRegularFile(marker)) {
            throw new IllegalStateException(dir + " holds a raw archive that the demo did not write; the demo restarts its "
                    + "archive on every run, so give it a folder of its own (--data DIR)");
        }
        if (Files.isRegularFile(marker)) {
            long removed = 0;
            if (Files.isDirectory(raw)) {
                try (Stream<Path> files = Files.list(raw)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                        removed++;
                    }
                }
            }
            err.printf("demo: reusing %s (zones and watchlist kept; the simulated feed starts again, %d archive file(s) of the previous run removed)%n",
                    dir, removed);
        } else {
            Files.createDirectories(dir);
            Files.writeString(marker, "Data folder of 'watchkeeper demo': the next demo run reuses it (zones and watchlist"
                    + " stay) and starts the simulated feed and its raw archive again.\n");
        }
        return dir;
    }

    /** The simulator's demo zone as a GeoJSON Feature. */
    static String demoZone() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode f = m.createObjectNode();
        f.put("type", "Feature");
        f.putObject("properties").put("name", IndoPacific.DEMO_ZONE.name());
        ObjectNode g = f.putObject("geometry");
        g.put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        List<LatLon> r = IndoPacific.DEMO_ZONE.ring();
        for (LatLon p : r) {
            ring.addArray().add(p.lon()).add(p.lat());
        }
        if (!r.get(0).equals(r.get(r.size() - 1))) {
            ring.addArray().add(r.get(0).lon()).add(r.get(0).lat());
        }
        return f.toString();
    }
}
