package org.watchkeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.sim.LatLon;
import org.watchkeeper.core.sim.PlantedEvent;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper simulate}: writes deterministic AIS traffic of the Indo-Pacific as NMEA 0183
 * with IEC 61162-450 tag blocks ({@code s:} receiving station, {@code c:} time), and optionally the
 * ground truth of the planted events as JSON.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Write simulated AIS traffic of the Indo-Pacific as NMEA 0183 with tag blocks.",
            "",
            "Merchant ships sail between real ports (Singapore, Port Klang, Tanjung Pelepas, Jakarta, Colombo, Chennai,"
                + " Haldia, Chittagong, Ho Chi Minh City, Manila, Hong Kong, Kaohsiung) through the Malacca and Singapore"
                + " Straits, the South China Sea and the Bay of Bengal; Class B fishing boats work their grounds. Ships"
                + " report at the ITU-R M.1371-5 intervals (messages 1 and 5, 18 and 24).",
            "Planted for the detectors: a rendezvous, a vessel going dark, an identity conflict, a zone entry and"
                + " loitering (--truth writes them as JSON). The same options always give the same bytes.",
            ""
        },
        footer = {"", "Exit codes: 0 done, 1 I/O error, 2 usage error.",
            "", "Examples:",
            "  watchkeeper simulate --hours 24 --out day.nmea.gz --truth day-events.json \\",
            "      --ports-out day-ports.geojson",
            "  watchkeeper analyze --ports day-ports.geojson day.nmea.gz",
            "  watchkeeper simulate --seed 7 --vessels 50 --hours 2 --noise \\",
            "      | watchkeeper decode -"})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vessels", paramLabel = "N", defaultValue = "200",
            description = "Background vessels; the planted ones come in addition (default: ${DEFAULT-VALUE}).")
    int vessels;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "24",
            description = "Simulated hours, decimals allowed (default: ${DEFAULT-VALUE}). Planted events need 17 h to complete.")
    double hours;

    @Option(names = "--start", paramLabel = "ISO", defaultValue = "2024-06-01T00:00:00Z",
            description = "Simulated start time, ISO-8601 UTC (2024-06-01T00:00:00Z, 2024-06-01T00:00, or a date = its"
                    + " start; default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (gzip-compressed when the name ends in .gz) instead of stdout.")
    Path out;

    @Option(names = "--noise", description = "Add receive noise: duplicate receptions by a second station (5 %%), lost messages (1 %%), corrupted lines (0.2 %%).")
    boolean noise;

    @Option(names = "--no-events", description = "Do not plant the events (background traffic only).")
    boolean noEvents;

    @Option(names = "--truth", paramLabel = "FILE", description = "Write the planted events (kind, vessels, start, end, position) as JSON to FILE.")
    Path truth;

    @Option(names = "--ports-out", paramLabel = "FILE",
            description = "Write the simulated ports' anchorage areas, where their ships wait, as GeoJSON: a port list for"
                    + " analyze --ports (and serve, the Flink job), which then finds the port visits the demo shows.")
    Path portsOut;

    @Option(names = "--quiet", description = "No summary on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    private final Main.Streams streams;

    SimulateCommand(Main.Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (vessels < 0 || !(hours > 0) || hours > 24 * 366) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--vessels must be >= 0 and --hours between 0 and 8784");
        }
        Instant startTime;
        try {
            startTime = Instant.ofEpochMilli(QueryCommand.time(start, false, Long.MIN_VALUE));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--start: " + e.getMessage());
        }
        long seconds = Math.round(hours * 3600);
        if (seconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hours must be at least one second");
        }
        SimulationOptions options = new SimulationOptions(seed, vessels, startTime, Duration.ofSeconds(seconds), !noEvents,
                noise ? SimulationOptions.Noise.DEFAULT : SimulationOptions.Noise.NONE);
        Simulation sim = new Simulation(options);
        String stage = out == null ? "output (stdout)" : "output " + out;
        long lines;
        try {
            OutputStream os = out == null ? streams.out() : Files.newOutputStream(out);
            if (out != null && out.getFileName().toString().endsWith(".gz")) {
                os = new GZIPOutputStream(os, 1 << 16);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII), 1 << 16);
            try {
                lines = sim.writeTo(w);
                w.flush();
            } finally {
                if (out != null) {
                    w.close();
                }
            }
            if (truth != null) {
                stage = "truth file " + truth;
                writeTruth(sim, truth);
            }
            if (portsOut != null) {
                stage = "port file " + portsOut;
                try (OutputStream po = Files.newOutputStream(portsOut)) {
                    org.watchkeeper.core.ref.port.AnchorageAreaGeoJson.write(
                            org.watchkeeper.core.sim.IndoPacific.anchorages(org.watchkeeper.core.ref.port.PortIndex.seaPorts()), po);
                }
            }
        } catch (IOException e) {
            err.println("watchkeeper simulate: I/O error on " + stage + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        if (!quiet) {
            Simulation.Counts c = sim.counts();
            // the planted scenarios add vessels of their own to the --vessels asked, and an impostor shares its victim's MMSI
            int all = sim.vessels().size();
            long planted = sim.vessels().stream().filter(v -> v.role().startsWith("planted")).count();
            long mmsis = sim.vessels().stream().mapToInt(v -> v.identity().mmsi()).distinct().count();
            err.printf("simulated %d vessels (%d traffic, %d in the planted scenarios; %d MMSIs) for %s from %s: %d lines, %d messages"
                    + " (type 1: %d, 5: %d, 18: %d, 24: %d)%n",
                    all, all - planted, planted, mmsis, Duration.ofSeconds(seconds), options.start(), lines,
                    c.messages(), c.messages(1), c.messages(5), c.messages(18), c.messages(24));
            if (noise) {
                err.printf("noise: %d duplicated, %d lost, %d corrupted%n", c.duplicated(), c.dropped(), c.corrupted());
            }
            err.printf("planted events completed in the run: %d%n", sim.plantedEvents().size());
            err.flush();
        }
        return 0;
    }

    /** JSON array, one object per planted event: kind, mmsis (9-digit strings), start, end, lat, lon, zone, description. */
    static void writeTruth(Simulation sim, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = mapper.createArrayNode();
        for (PlantedEvent e : sim.plantedEvents()) {
            ObjectNode o = arr.addObject();
            o.put("kind", e.kind().id());
            ArrayNode m = o.putArray("mmsis");
            e.mmsis().forEach(x -> m.add(Mmsi.format(x)));
            o.put("start", e.start().toString());
            o.put("end", e.end().toString());
            LatLon p = e.position();
            o.put("lat", Math.round(p.lat() * 1e6) / 1e6);
            o.put("lon", Math.round(p.lon() * 1e6) / 1e6);
            if (e.zone() != null) {
                o.put("zone", e.zone());
            }
            o.put("description", e.description());
        }
        mapper.writeValue(file.toFile(), arr);
    }
}
