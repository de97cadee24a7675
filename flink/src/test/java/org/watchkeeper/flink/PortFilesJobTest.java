package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.app.Main;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.port.PortVisitDetector;
import org.watchkeeper.core.pipeline.EventTimeOrder;
import org.watchkeeper.core.ref.port.PortIndex;
import org.watchkeeper.core.ref.port.PortLists;

/**
 * The job's {@code ports.files}: the DMA stream example (8 551 lines, 2010-06-11, Danish waters)
 * with the NGA World Port Index. Vessel 219481000 lies moored in Thyborøn, which the shipped
 * UN/LOCODE list lacks: without the file neither analyze nor the job reports a visit; with it the
 * job reports the visit to {@code wpi:30460} from 11:46:15.117, and every event the job writes is
 * one {@code watchkeeper analyze --ports} writes for the same log and file (same ids, kinds, times,
 * vessels and attributes), and no more.
 */
class PortFilesJobTest extends KafkaJobTestBase {
    private static final String LOG = "data/ais/dma-aislib/stream_example.txt";
    private static final String WPI = "data/geo/wpi/UpdatedPub150.csv.gz";
    private static final String THYBORON_VISIT = "port_visit 2010-06-11T11:46:15.117Z";

    @RegisterExtension
    static final MiniClusterExtension FLINK = miniCluster(2);

    @Test
    void worldPortIndexGivesTheThyboronVisitAsAnalyzeDoes(@TempDir Path tmp) throws Exception {
        Path log = MultiStationLogTest.shared(LOG);
        Path wpi = MultiStationLogTest.shared(WPI);
        List<String> lines = FlinkJobTest.sharedLines(LOG);

        Map<String, JsonNode> plain = analyze(tmp.resolve("plain"), log);
        Map<String, JsonNode> withWpi = analyze(tmp.resolve("wpi"), log, "--ports", wpi.toString());
        assertThat(visitsOf(plain, 219481000)).isEmpty();
        assertThat(visitsOf(withWpi, 219481000)).singleElement().satisfies(k -> assertThat(k).contains(THYBORON_VISIT));
        assertThat(withWpi.keySet().stream().filter(k -> k.contains(" port_visit "))).hasSize(368);

        Properties p = FlinkJobTest.properties(kafka, "ports-wpi", EventTimeOrder.DEFAULT_LATENESS_MILLIS);
        p.setProperty("ports.files", " " + wpi + " ");
        Map<String, JsonNode> job = run(JobConfig.of(p), lines);
        List<String> visits = visitsOf(job, 219481000);
        assertThat(visits).singleElement().satisfies(k -> assertThat(k).contains(THYBORON_VISIT));
        JsonNode at = job.get(visits.get(0));
        assertThat(at.get("port_id").asText()).isEqualTo("wpi:30460");
        assertThat(at.get("port_name").asText()).isEqualTo("Thyboron");
        assertThat(at.get("port_source").asText()).isEqualTo("UpdatedPub150.csv.gz");
        assertThat(job).containsExactlyEntriesOf(withWpi);

        // The same job without the file: analyze's events without --ports, no Thyborøn visit.
        Map<String, JsonNode> without = run(FlinkJobTest.config(kafka, "ports-none", EventTimeOrder.DEFAULT_LATENESS_MILLIS), lines);
        assertThat(visitsOf(without, 219481000)).isEmpty();
        assertThat(without).containsExactlyEntriesOf(plain);
    }

    /** One port, Thyborøn Havn, as a GeoJSON point in {@code dir}. */
    static Path thyboronGeoJson(Path dir) throws java.io.IOException {
        Path gj = dir.resolve("thyboron.geojson");
        Files.writeString(gj, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"Thyborøn Havn","unlocode":"DKTHN"},
                  "geometry":{"type":"Point","coordinates":[8.2167,56.7]}}]}""");
        return gj;
    }

    /** A file URI, the shipped list left out, the factories serialised as Flink ships them, one read per JVM. */
    @Test
    void geoJsonAloneByFileUriIsReadOncePerJvm(@TempDir Path tmp) throws Exception {
        Path gj = thyboronGeoJson(tmp);
        Properties p = FlinkJobTest.properties(kafka, "ports-uri", 10_000);
        p.setProperty("ports.files", gj.toUri().toString());
        p.setProperty("ports.shipped", "FALSE");
        JobConfig cfg = JobConfig.of(p);
        assertThat(cfg.ports()).isEqualTo(new JobPorts(List.of(gj.toUri().toString()), false));
        List<String> notes = new ArrayList<>();
        cfg.ports().check(notes::add);
        assertThat(notes).containsExactly(gj + ": 1 port");
        PortIndex idx = cfg.ports().index();
        assertThat(idx.ports()).singleElement().satisfies(port -> assertThat(port.name()).isEqualTo("Thyborøn Havn"));
        assertThat(cfg.ports().index()).isSameAs(idx);

        List<DetectorFactory<?>> factories = Detectors.standard(cfg.ports());
        assertThat(factories).hasSameSizeAs(Detectors.standard());
        int visits = 0;
        for (DetectorFactory<?> f : factories) {
            DetectorFactory<?> shipped = InstantiationUtil.clone(f, getClass().getClassLoader());
            Detector<?> d = shipped.get();
            if (d instanceof PortVisitDetector) {
                visits++;
            }
        }
        assertThat(visits).isOne();
        assertThat(Detectors.standard(JobPorts.SHIPPED)).hasSameSizeAs(factories);
    }

    /** A URI no Java file system serves is read through Flink's file systems (here its local one), once per JVM. */
    @Test
    void aFileThroughFlinksFileSystemsIsCopiedOnceAndReadAsIs(@TempDir Path tmp) throws Exception {
        Path gj = thyboronGeoJson(tmp);
        Path copy = JobPorts.copyThroughFlink(gj.toUri().toString());
        assertThat(copy).isNotEqualTo(gj).hasFileName("thyboron.geojson").hasSameTextualContentAs(gj);
        assertThat(JobPorts.copyThroughFlink(gj.toUri().toString())).isEqualTo(copy);
        assertThatThrownBy(() -> JobPorts.copyThroughFlink("nosuchfs://host/ports.geojson"))
                .isInstanceOf(PortLists.UnrecognisedException.class)
                .hasMessageStartingWith("cannot open nosuchfs://host/ports.geojson: ");
    }

    @Test
    void badPortSettingsStopTheJobAtStart(@TempDir Path tmp) throws Exception {
        Properties p = FlinkJobTest.properties(kafka, "ports-bad", 10_000);
        Path none = tmp.resolve("nope.csv");
        p.setProperty("ports.files", none.toString());
        JobConfig missing = JobConfig.of(p);
        assertThatThrownBy(() -> missing.ports().check(n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ports.files: no such file: " + none);

        Path txt = tmp.resolve("ports.txt");
        Files.writeString(txt, "name,lat,lon\nA,1,2\n");
        p.setProperty("ports.files", txt.toString());
        assertThatThrownBy(() -> JobConfig.of(p).ports().check(n -> { }))
                .hasMessageStartingWith("ports.files: " + txt + " is neither a World Port Index CSV");

        Path bad = tmp.resolve("bad.geojson");
        Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + "{\"type\":\"Point\",\"coordinates\":[8,95]}}]}");
        p.setProperty("ports.files", bad.toString());
        assertThatThrownBy(() -> JobConfig.of(p).ports().check(n -> { }))
                .hasMessageStartingWith("ports.files: cannot read ports:").hasMessageContaining("out of range");

        p.setProperty("ports.files", "hdfs://namenode/ports.geojson");
        assertThatThrownBy(() -> JobConfig.of(p).ports().check(n -> { }))
                .hasMessageStartingWith("ports.files: cannot open hdfs://namenode/ports.geojson");

        p.setProperty("ports.files", " , ");
        p.setProperty("ports.shipped", "false");
        assertThatThrownBy(() -> JobConfig.of(p)).hasMessage("ports.shipped=false needs at least one file in ports.files");
        p.setProperty("ports.shipped", "no");
        assertThatThrownBy(() -> JobConfig.of(p)).hasMessage("ports.shipped must be true or false: no");
        // every setting's fault names its key
        java.util.Properties q = new java.util.Properties();
        q.setProperty("lateness.millis", "abc");
        assertThatThrownBy(() -> JobConfig.of(q)).hasMessage("lateness.millis must be a whole number: abc");
        q.setProperty("lateness.millis", "1000");
        q.setProperty("input.bounded", "yes");
        assertThatThrownBy(() -> JobConfig.of(q)).hasMessage("input.bounded must be true or false: yes");
        q.setProperty("input.bounded", "true");
        q.setProperty("parallelism", "0");
        assertThatThrownBy(() -> JobConfig.of(q)).hasMessage("parallelism must be -1 (the environment's) or from 1 to 32768: 0");
        p.remove("ports.shipped");
        assertThat(JobConfig.of(p).ports()).isEqualTo(JobPorts.SHIPPED);
        try (var in = JobConfig.class.getResourceAsStream("/watchkeeper-flink.properties")) {
            assertThat(JobConfig.load(in).ports()).isEqualTo(JobPorts.SHIPPED);
        }
    }

    /** Runs {@code watchkeeper analyze --no-store}; events as "id kind start end vessels" to attributes. */
    static Map<String, JsonNode> analyze(Path report, Path log, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("analyze", "--no-store", "--quiet", "--report", report.toString()));
        args.addAll(List.of(more));
        args.add(log.toString());
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        Map<String, JsonNode> events = new TreeMap<>();
        for (JsonNode e : Json.parse(Files.readString(report.resolve("events.json")))) {
            List<Integer> vessels = new ArrayList<>();
            e.get("mmsis").forEach(m -> vessels.add(Integer.parseInt(m.asText())));
            events.put(MultiStationLogTest.head(e.get("id").asText(), e.get("kind").asText(), e.get("start").asText(),
                    e.get("end").asText(), vessels), e.get("evidence").get("attributes"));
        }
        return events;
    }

    /** Runs the job (parallelism 1, one partition) as {@link WatchkeeperJob#main} builds it; its events as {@link #analyze} keys them. */
    static Map<String, JsonNode> run(JobConfig cfg, List<String> lines) throws Exception {
        cfg.ports().check(n -> { });
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "dma", lines);
        StreamExecutionEnvironment env = environment(cfg, 1);
        WatchkeeperJob.build(env, cfg, Detectors.standard(cfg.ports()));
        env.execute(cfg.inputTopic());
        Map<String, JsonNode> got = MultiStationLogTest.byHead(kafka.readAll(cfg.eventsTopic()));
        return got;
    }

    private static List<String> visitsOf(Map<String, JsonNode> events, int mmsi) {
        return events.keySet().stream().filter(k -> k.contains(" port_visit ") && k.endsWith(" [" + mmsi + "]")).toList();
    }
}
