package org.watchkeeper.flink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.observation.Observation;

/**
 * The Watchkeeper pipeline as a Flink job:
 * <pre>
 * Kafka (raw NMEA lines, key = source id)
 *   event time: each line's stated time ({@link LineTime}), watermarks per partition with bounded
 *   out-of-orderness ({@link JobConfig#allowedLatenessMillis()}) behind the partition's times that
 *   are not strays ({@link StrayTimeWatermarks})
 *   → keyBy source: framing, fragment reassembly, decoding, stray times dropped ({@link FramingFunction};
 *     counted, on the side output {@link FramingFunction#STRAY})
 *   → keyBy MMSI: event-time order, track noise rejection and vessel state ({@link PictureFunction};
 *     late data counted); every observation in time order goes on to the detectors, as in analyze
 *   → per-vessel detectors on the same MMSI partitioning (chained); detectors with their own keys
 *     (encounter cells with their neighbours): route, keyBy key, event-time order; both host the core
 *     detector ({@link DetectorFunction}); a detector that samples fixes
 *     ({@code Detector.sampleIntervalMillis()}, e.g. encounters) gets them through {@link SampleFunction}
 *     on the MMSI partitioning first
 *   → Kafka: events (JSON, key = event id), vessel states (JSON, key = 9-digit MMSI, {@link #vesselRecord}); the record timestamp
 *     is the time of writing (event times are in the JSON), so that a broker's time-based retention
 *     does not delete the results of a replayed old log as soon as they are written
 * </pre>
 * Checkpointing is on (exactly-once state); every operator has a stable uid so that a job restored
 * from a checkpoint or savepoint finds its state.
 *
 * <p>Run: {@code flink run -c org.watchkeeper.flink.WatchkeeperJob watchkeeper-flink-job.jar job.properties}
 * (see {@link JobConfig} for the keys), or on one machine with {@code --local} (see {@link #main}).
 */
public final class WatchkeeperJob {
    private WatchkeeperJob() {
    }

    /** Lines kept per source to rebuild its decoder after a restore (see {@link FramingFunction}). */
    static final int MAX_REPLAY_LINES = 1_000;

    /**
     * Entry point: {@code [--local [--fresh]] job.properties}.
     *
     * <p>Without {@code --local} the job goes to the environment it is submitted to
     * ({@code flink run -c org.watchkeeper.flink.WatchkeeperJob watchkeeper-flink-job.jar job.properties}).
     * With {@code --local} it runs on an embedded Flink MiniCluster in this JVM (one machine, for a
     * try or a replay: {@code java -cp 'watchkeeper-flink-job.jar:lib/*' org.watchkeeper.flink.WatchkeeperJob
     * --local job.properties}), with as many task slots as the configured parallelism (else the
     * number of processors). A local job with a {@code checkpoint.dir} keeps its checkpoints there
     * and, when started again, restores from the newest completed one ({@link #localConfiguration});
     * {@code --fresh} starts from the Kafka group's committed offsets with empty state instead.
     *
     * <p>The settings and the port files ({@code ports.files}, see {@link JobPorts}) are checked
     * first: a bad value, or a port file that is missing, unrecognised or malformed, ends with a
     * message and exit status 2 before anything is submitted; then the Kafka cluster must answer within
     * {@code kafka.check.timeout.millis} ({@link #checkKafka}), else the job stops with exit status 1.
     */
    public static void main(String[] args) throws Exception {
        boolean local = false;
        boolean fresh = false;
        String file = null;
        boolean usage = false;
        for (String a : args) {
            if ("--local".equals(a)) {
                local = true;
            } else if ("--fresh".equals(a)) {
                fresh = true;
            } else if (a.startsWith("--") || file != null) {
                usage = true;
            } else {
                file = a;
            }
        }
        if (usage || file == null || (fresh && !local)) {
            System.err.println("usage: WatchkeeperJob [--local [--fresh]] <job.properties>");
            System.exit(2);
        }
        JobConfig config;
        try {
            config = JobConfig.load(Path.of(file));
            config.ports().check(note -> System.err.println("ports: " + note));
        } catch (IllegalArgumentException e) {
            System.err.println("WatchkeeperJob: " + e.getMessage());
            System.exit(2);
            return;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("WatchkeeperJob: no such file: " + e.getMessage()
                    + " (usage: WatchkeeperJob [--local [--fresh]] <job.properties>)");
            System.exit(1);
            return;
        } catch (java.io.IOException e) {
            System.err.println("WatchkeeperJob: cannot read " + file + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            checkKafka(config).forEach(w -> System.err.println("WatchkeeperJob: " + w));
        } catch (IllegalStateException e) {
            System.err.println("WatchkeeperJob: " + e.getMessage());
            System.exit(1);
            return;
        }
        StreamExecutionEnvironment env;
        if (local) {
            int p = config.parallelism() > 0 ? config.parallelism() : Runtime.getRuntime().availableProcessors();
            Configuration conf;
            try {
                conf = localConfiguration(config, fresh, System.err);
            } catch (IllegalArgumentException e) {
                System.err.println("WatchkeeperJob: " + e.getMessage());
                System.exit(2);
                return;
            } catch (java.io.IOException e) {
                System.err.println("WatchkeeperJob: cannot read checkpoint.dir " + config.checkpointDir() + ": " + e.getMessage());
                System.exit(1);
                return;
            }
            env = StreamExecutionEnvironment.createLocalEnvironment(p, conf);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment();
        }
        configure(env, config);
        build(env, config, Detectors.standard(config.ports()));
        org.apache.flink.api.common.JobExecutionResult result = env.execute("watchkeeper");
        if (config.bounded() && !(result instanceof org.apache.flink.core.execution.DetachedJobExecutionResult)) {
            System.err.println(summary(result, config));
        }
    }

    /**
     * The configuration of the embedded MiniCluster of {@code --local}. With a {@code checkpoint.dir}:
     * checkpoints are written there and kept when the job is cancelled or killed
     * ({@code execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION}), and,
     * unless {@code fresh}, the job restores from the newest completed checkpoint found there
     * ({@link #newestCheckpoint}; {@code execution.state-recovery.path}), whichever earlier run (job id)
     * made it, so that a restarted local job goes on with the picture, the detectors' state and the
     * Kafka offsets of that checkpoint, as a cluster does after a failure. What it restores from, or
     * that it starts fresh, is said on {@code err}. A bounded read ({@code input.bounded=true}) that
     * finds a checkpoint is refused (IllegalArgumentException): the Kafka connector's bounded source
     * never finishes after a restore (FLINK-31006); a bounded run that finishes leaves no checkpoint.
     */
    static Configuration localConfiguration(JobConfig config, boolean fresh, java.io.PrintStream err)
            throws java.io.IOException {
        Configuration conf = new Configuration();
        // The MiniCluster's REST API and web UI (no authentication) on this machine only, at a known port.
        int port = config.localRestPort() > 0 ? config.localRestPort() : freePort();
        conf.set(RestOptions.BIND_ADDRESS, LOCAL_REST_ADDRESS);
        conf.set(RestOptions.ADDRESS, LOCAL_REST_ADDRESS);
        conf.set(RestOptions.BIND_PORT, Integer.toString(port));
        conf.set(RestOptions.PORT, port);
        err.println("WatchkeeperJob: Flink web UI and REST API at http://" + LOCAL_REST_ADDRESS + ":" + port
                + "/ (this machine only; local.rest.port)");
        if (config.checkpointDir() == null) {
            err.println("WatchkeeperJob: no checkpoint.dir: checkpoints in memory, starting fresh"
                    + " (a restart will not restore the state)");
            return conf;
        }
        String dir = checkpointUri(config.checkpointDir());
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        // Flink's default deletes a job's checkpoints when it is cancelled (Ctrl-C of the local JVM).
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (fresh) {
            err.println("WatchkeeperJob: --fresh: starting fresh, checkpoints under " + dir + " not restored");
            return conf;
        }
        String newest = newestCheckpoint(dir);
        if (newest == null) {
            err.println("WatchkeeperJob: no completed checkpoint under " + dir + ": starting fresh");
        } else if (config.bounded()) {
            // flink-connector-kafka 5.0.0-2.2: a bounded KafkaSource restored from a checkpoint reads
            // to its stopping offsets and then never finishes (FLINK-31006, FLINK-33466).
            throw new IllegalArgumentException("checkpoint " + newest + " is left from an interrupted run, but a"
                    + " bounded read (input.bounded=true) cannot resume from it (the Kafka source would never"
                    + " finish, FLINK-31006): start with --fresh, or remove " + dir + " (and, to replay the"
                    + " topic from its start, use a new kafka.group.id)");
        } else {
            err.println("WatchkeeperJob: restoring from checkpoint " + newest + " (--fresh to start fresh)");
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, newest);
        }
        return conf;
    }

    /** Where the {@code --local} mode's REST API and web UI listen. */
    static final String LOCAL_REST_ADDRESS = "127.0.0.1";

    /** A port free on {@link #LOCAL_REST_ADDRESS} now (for {@code local.rest.port=0}). */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(LOCAL_REST_ADDRESS))) {
            return s.getLocalPort();
        }
    }

    /**
     * Asks the Kafka cluster to describe itself (an AdminClient's describeCluster), waiting at most
     * {@link JobConfig#kafkaCheckTimeoutMillis()}: a broker that is down or unreachable at start stops
     * the job with one line instead of clients retrying for ever.
     *
     * @return warnings, one per topic of the settings the cluster lacks (empty: all there)
     * @throws IllegalStateException naming the bootstrap servers and the error
     */
    static List<String> checkKafka(JobConfig config) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.kafkaCheckTimeoutMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).clusterId()
                    .get(config.kafkaCheckTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return missingTopics(admin, config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka at " + config.bootstrapServers());
        } catch (IllegalStateException e) {
            throw e; // it answered: what it lacks
        } catch (Exception e) {
            Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = c instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + config.kafkaCheckTimeoutMillis() + " ms" : c.getClass().getSimpleName() + ": " + c.getMessage();
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " does not answer (" + why
                    + "; kafka.check.timeout.millis=" + config.kafkaCheckTimeoutMillis() + ")");
        }
    }

    /**
     * One warning per topic of the settings the cluster does not have, when its brokers create topics on
     * first use ({@code auto.create.topics.enable} true, with their default partitions). When they do not,
     * a missing topic is an error: the source would wait for ever and the sinks fail and restart the job
     * (a misspelt {@code topic.events} did so every minute).
     *
     * @throws IllegalStateException naming the missing topics and their settings, when the brokers do not create topics
     */
    private static List<String> missingTopics(Admin admin, JobConfig config) throws Exception {
        java.util.Set<String> have = admin.listTopics().names()
                .get(config.kafkaCheckTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        java.util.Map<String, String> wanted = new java.util.LinkedHashMap<>();
        wanted.put(config.inputTopic(), "topic.input");
        wanted.putIfAbsent(config.eventsTopic(), "topic.events");
        wanted.putIfAbsent(config.vesselsTopic(), "topic.vessels");
        if (config.rejectsTopic() != null) {
            wanted.putIfAbsent(config.rejectsTopic(), "topic.rejects");
        }
        List<String> missing = new ArrayList<>();
        wanted.forEach((topic, key) -> {
            if (!have.contains(topic)) {
                missing.add(topic + " (" + key + ")");
            }
        });
        if (missing.isEmpty()) {
            return List.of();
        }
        if ("false".equals(autoCreate(admin, config))) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " has no topic " + String.join(", ", missing)
                    + " and its brokers do not create topics (auto.create.topics.enable=false): create "
                    + (missing.size() == 1 ? "it" : "them") + " (kafka-topics.sh --create), or correct the setting");
        }
        List<String> out = new ArrayList<>();
        for (String m : missing) {
            out.add("warning: Kafka at " + config.bootstrapServers() + " has no topic " + m
                    + ": it is created on first use only if the brokers' auto.create.topics.enable is true");
        }
        return out;
    }

    /** A broker's {@code auto.create.topics.enable} ("true" or "false"), or null when it cannot be read (no rights to describe configs). */
    private static String autoCreate(Admin admin, JobConfig config) {
        try {
            java.util.Collection<org.apache.kafka.common.Node> nodes = admin.describeCluster().nodes()
                    .get(config.kafkaCheckTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                return null;
            }
            org.apache.kafka.common.config.ConfigResource broker = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.BROKER, Integer.toString(nodes.iterator().next().id()));
            org.apache.kafka.clients.admin.ConfigEntry e = admin.describeConfigs(List.of(broker)).all()
                    .get(config.kafkaCheckTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).get(broker)
                    .get("auto.create.topics.enable");
            return e == null ? null : e.value();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /** A vessel state as its Kafka record: key = the 9-digit MMSI, as in the JSON's {@code mmsi}. */
    static Tuple2<String, String> vesselRecord(VesselState v) {
        return Tuple2.of(Mmsi.format(v.mmsi), Json.vessel(v));
    }

    /** {@code checkpoint.dir} as a URI: a plain path made absolute, a URI as it is. */
    static String checkpointUri(String checkpointDir) {
        return checkpointDir.contains(":/") ? checkpointDir
                : Path.of(checkpointDir).toAbsolutePath().toUri().toString();
    }

    /**
     * The newest completed checkpoint under a checkpoint directory, or null: of the {@code <job id>/chk-N}
     * directories that hold a {@code _metadata} file (written when a checkpoint completes), the one
     * whose {@code _metadata} was written last (on a tie, the highest N). Every job id counts, since a
     * restarted local job gets a new one.
     */
    static String newestCheckpoint(String dirUri) throws java.io.IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(dirUri);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return null;
        }
        FileStatus[] jobs = fs.listStatus(root);
        String best = null;
        long bestTime = Long.MIN_VALUE;
        long bestN = -1;
        for (FileStatus job : jobs == null ? new FileStatus[0] : jobs) {
            if (!job.isDir()) {
                continue;
            }
            FileStatus[] chks = fs.listStatus(job.getPath());
            for (FileStatus chk : chks == null ? new FileStatus[0] : chks) {
                String name = chk.getPath().getName();
                if (!chk.isDir() || !name.matches("chk-\\d{1,18}")) {
                    continue;
                }
                org.apache.flink.core.fs.Path metadata = new org.apache.flink.core.fs.Path(chk.getPath(), "_metadata");
                if (!fs.exists(metadata)) {
                    continue;
                }
                long time = fs.getFileStatus(metadata).getModificationTime();
                long n = Long.parseLong(name.substring(4));
                if (time > bestTime || (time == bestTime && n > bestN)) {
                    best = chk.getPath().toString();
                    bestTime = time;
                    bestN = n;
                }
            }
        }
        return best;
    }

    /** Checkpointing (exactly-once state, at the configured interval) and parallelism. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(config.checkpointIntervalMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
    }

    /**
     * The streams the job builds, for sinks or tests.
     *
     * @param observations decoded observations, in the order they were framed, stray times left out
     * @param rejectedLines every line the framing rejected, with its reason ({@link FramingFunction#REJECTED})
     * @param strays observations whose time strayed from their source's ({@link FramingFunction#STRAY}; counted, not processed)
     * @param ordered every observation that was not late, per vessel in event-time order (the detectors' input)
     * @param late observations that arrived behind the watermark (counted, not processed)
     * @param vessels vessel state after each observation the tracker accepted
     * @param events every detector's events as (event id, {@link Json#event JSON}): each detector's
     *        output is written as JSON in the operator chain that produced it, so events never need
     *        a Flink serializer of their own
     */
    public record Streams(DataStream<Observation> observations, DataStream<RejectedLine> rejectedLines,
                          DataStream<Observation> strays, DataStream<Observation> ordered,
                          DataStream<Observation> late, DataStream<VesselState> vessels,
                          DataStream<Tuple2<String, String>> events) {
    }

    /** Builds the whole job: Kafka source, pipeline, Kafka sinks. */
    public static Streams build(StreamExecutionEnvironment env, JobConfig config, List<DetectorFactory<?>> detectors) {
        return build(env, config, source(config).build(), detectors);
    }

    /**
     * The Kafka source of the configured input topic: starts from the group's committed offsets
     * (earliest when none), commits offsets on checkpoints; bounded at the offsets current at start
     * when {@link JobConfig#bounded()}.
     */
    public static KafkaSourceBuilder<RawLine> source(JobConfig config) {
        KafkaSourceBuilder<RawLine> sb = KafkaSource.<RawLine>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.inputTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new NmeaLineDeserializer());
        if (config.bounded()) {
            sb.setBounded(OffsetsInitializer.latest());
        }
        return sb;
    }

    /** Builds the job on a given source of raw lines, with the Kafka sinks. */
    public static Streams build(StreamExecutionEnvironment env, JobConfig config, KafkaSource<RawLine> source,
            List<DetectorFactory<?>> detectors) {
        DataStream<RawLine> lines = env.fromSource(source, watermarks(config), "nmea")
                .uid("nmea-source");
        Streams s = pipeline(lines, config, detectors);
        DeliveryGuarantee guarantee = config.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        s.events().map(new Counted(WRITTEN_EVENTS), EVENT_JSON).uid("events-count").name("events-count")
                .sinkTo(stringSink(config, config.eventsTopic(), guarantee, "wk-events")).uid("events-sink").name("events-sink");
        s.vessels().map(WatchkeeperJob::vesselRecord)
                .returns(Types.TUPLE(Types.STRING, Types.STRING)).uid("vessels-json").name("vessels-json")
                .map(new Counted(WRITTEN_VESSELS), EVENT_JSON).uid("vessels-count").name("vessels-count")
                .sinkTo(stringSink(config, config.vesselsTopic(), guarantee, "wk-vessels")).uid("vessels-sink").name("vessels-sink");
        if (config.rejectsTopic() != null) {
            rejects(s).map(new Counted(WRITTEN_REJECTS), EVENT_JSON).uid("rejects-count").name("rejects-count")
                    .sinkTo(stringSink(config, config.rejectsTopic(), guarantee, "wk-rejects"))
                    .uid("rejects-sink").name("rejects-sink");
        }
        return s;
    }

    /**
     * What the job did not use, as the rejects topic's records: the lines the framing rejected (key =
     * the source key they came under, value = {@link Json#rejectedLine}), the observations dropped for
     * a stray time and the late ones (key = the 9-digit MMSI, as the vessel states', value =
     * {@link Json#dropped}).
     */
    static DataStream<Tuple2<String, String>> rejects(Streams s) {
        DataStream<Tuple2<String, String>> lines = s.rejectedLines()
                .map(r -> Tuple2.of(r.source(), Json.rejectedLine(r)), EVENT_JSON)
                .uid("rejected-lines-json").name("rejected-lines-json");
        DataStream<Tuple2<String, String>> strays = s.strays()
                .map(o -> Tuple2.of(Mmsi.format(o.mmsi()), Json.dropped(Json.STRAY_TIME, o)), EVENT_JSON)
                .uid("strays-json").name("strays-json");
        DataStream<Tuple2<String, String>> late = s.late()
                .map(o -> Tuple2.of(Mmsi.format(o.mmsi()), Json.dropped(Json.LATE, o)), EVENT_JSON)
                .uid("late-json").name("late-json");
        return lines.union(strays, late);
    }

    /**
     * The event-time strategy of the Kafka source: each line's {@link RawLine#time()}, watermarks
     * per partition with the configured bounded out-of-orderness behind the newest time the partition's
     * lines state that is not a stray ({@link StrayTimeWatermarks}: a line stamped far ahead does not
     * move the watermark on unless the partition's next lines confirm the jump).
     *
     * <p>On a live feed ({@link JobConfig#bounded()} false) a partition without records for
     * {@link JobConfig#idlenessMillis()} of wall-clock time stops holding the watermark back, so a
     * quiet partition does not stall the job; its records that arrive after the others have moved the
     * watermark past their time are late (counted and sent to {@link PictureFunction#LATE}). A bounded
     * read has no idleness: every partition ends at its stopping offset and then no longer holds the
     * watermark back, so no wall-clock timer (a slow start, a loaded machine) can make a partition's
     * records late, and the output depends on the input only.
     */
    public static WatermarkStrategy<RawLine> watermarks(JobConfig config) {
        long bound = config.allowedLatenessMillis();
        WatermarkStrategy<RawLine> s = WatermarkStrategy
                .<RawLine>forGenerator(ctx -> new StrayTimeWatermarks(bound))
                .withTimestampAssigner((r, ts) -> r.time());
        return config.bounded() ? s : s.withIdleness(Duration.ofMillis(config.idlenessMillis()));
    }

    /** The pipeline from raw lines (with timestamps and watermarks) to events and vessel states (no sinks). */
    public static Streams pipeline(DataStream<RawLine> lines, JobConfig config, List<DetectorFactory<?>> detectors) {
        long lateness = config.allowedLatenessMillis();
        // Functions never keep or change what they emitted, so chained operators may share objects;
        // events then reach their JSON form without being copied through a generic serializer.
        lines.getExecutionEnvironment().getConfig().enableObjectReuse();
        SingleOutputStreamOperator<Observation> observations = lines
                .keyBy(RawLine::source, Types.STRING)
                .process(new FramingFunction(Options.DEFAULT, MAX_REPLAY_LINES), TypeInformation.of(Observation.class))
                .uid("framing").name("framing");
        DataStream<RejectedLine> rejectedLines = observations.getSideOutput(FramingFunction.REJECTED);
        DataStream<Observation> strays = observations.getSideOutput(FramingFunction.STRAY);
        SingleOutputStreamOperator<Observation> ordered = observations
                .keyBy(WatchkeeperJob::mmsiKey, Types.LONG)
                .process(new PictureFunction(config.landMask()), TypeInformation.of(Observation.class))
                .uid("picture").name("picture");
        DataStream<VesselState> vessels = ordered.getSideOutput(PictureFunction.VESSELS);
        DataStream<Observation> late = ordered.getSideOutput(PictureFunction.LATE);
        // Per-vessel detectors stay on the picture's MMSI partitioning (chained, no network hop),
        // which also keeps each vessel's observations in the time order the picture released them.
        KeyedStream<KeyedObservation, Long> byVessel = DataStreamUtils.reinterpretAsKeyedStream(
                ordered.map(o -> new KeyedObservation(o.mmsi(), o), TypeInformation.of(KeyedObservation.class))
                        .uid("by-vessel").name("by-vessel"),
                KeyedObservation::key, Types.LONG);
        List<DataStream<Tuple2<String, String>>> outs = new ArrayList<>();
        for (DetectorFactory<?> f : detectors) {
            outs.add(detect(ordered, byVessel, f, lateness));
        }
        DataStream<Tuple2<String, String>> events;
        if (outs.isEmpty()) {
            // No detector configured: an empty event stream keeps the job's shape.
            events = ordered.flatMap((FlatMapFunction<Observation, Tuple2<String, String>>) (a, out) -> { })
                    .returns(EVENT_JSON).uid("no-detector").name("no-detector");
        } else {
            events = outs.get(0);
            for (int i = 1; i < outs.size(); i++) {
                events = events.union(outs.get(i));
            }
        }
        return new Streams(observations, rejectedLines, strays, ordered, late, vessels, events);
    }

    /** The picture's key: the MMSI as a long, the key type every detector operator uses. */
    static long mmsiKey(Observation o) {
        return o.mmsi();
    }

    private static <S extends java.io.Serializable> DataStream<Tuple2<String, String>> detect(
            DataStream<Observation> timeOrdered, KeyedStream<KeyedObservation, Long> byVessel, DetectorFactory<S> f,
            long lateness) {
        Detector<S> d = f.get();
        String name = d.name();
        KeyedStream<KeyedObservation, Long> in;
        boolean byMmsi = DetectionEngine.keyedByVessel(d);
        long sample = d.sampleIntervalMillis();
        DataStream<Observation> source = timeOrdered;
        if (sample > 0) {
            // Each vessel's first fix per interval, decided on the MMSI partitioning (chained).
            source = byVessel.process(new SampleFunction(sample), TypeInformation.of(Observation.class))
                    .uid("sample-" + name).name("sample-" + name);
        }
        // A detector with state shared by all its keys (the gap detector's reception map) runs on one
        // task, so that the state hears every vessel as in the in-process engine; its keys reach it by
        // a partitioning of their own, and it takes them in event-time order across keys (held until
        // the watermark passes them, ordered = false), as the engine does: taken in arrival order, one
        // vessel's timer could read the shared state before another vessel's earlier observations,
        // coming through another picture subtask, had reached it.
        boolean oneTask = d.sharedState() != null;
        if (byMmsi && oneTask) {
            in = source.map(o -> new KeyedObservation(o.mmsi(), o), TypeInformation.of(KeyedObservation.class))
                    .uid("to-one-task-" + name).name("to-one-task-" + name)
                    .keyBy(KeyedObservation::key, Types.LONG);
        } else if (byMmsi) {
            in = sample > 0
                    ? DataStreamUtils.reinterpretAsKeyedStream(
                            source.map(o -> new KeyedObservation(o.mmsi(), o), TypeInformation.of(KeyedObservation.class))
                                    .uid("sampled-by-vessel-" + name).name("sampled-by-vessel-" + name),
                            KeyedObservation::key, Types.LONG)
                    : byVessel;
        } else {
            in = source
                    .flatMap(new KeysFunction(f), TypeInformation.of(KeyedObservation.class))
                    .uid("keys-" + name).name("keys-" + name)
                    .keyBy(KeyedObservation::key, Types.LONG);
        }
        SingleOutputStreamOperator<Event> detected = in
                .process(new DetectorFunction<>(f, lateness, byMmsi && !oneTask), TypeInformation.of(Event.class))
                .uid("detector-" + name).name("detector-" + name);
        SingleOutputStreamOperator<Tuple2<String, String>> json = detected
                .map(e -> Tuple2.of(e.id(), Json.event(e)), EVENT_JSON)
                .uid("json-" + name).name("json-" + name);
        if (oneTask) {
            // the JSON is written on the same task, chained: an event never crosses the network as an object
            detected.setParallelism(1);
            json.setParallelism(1);
        }
        return json;
    }

    /** (event id, event JSON). */
    static final TypeInformation<Tuple2<String, String>> EVENT_JSON = Types.TUPLE(Types.STRING, Types.STRING);

    /** Names of the accumulators counting the records handed to each sink ({@link Counted}). */
    static final String WRITTEN_EVENTS = "written-events";
    static final String WRITTEN_VESSELS = "written-vessel-states";
    static final String WRITTEN_REJECTS = "written-rejects";
    /** Names of the accumulators of the lines the framing read and the AIS messages it decoded ({@link FramingFunction}). */
    static final String READ_LINES = "read-lines";
    static final String DECODED_MESSAGES = "decoded-messages";

    /** Counts the records handed to a sink in a job accumulator, for the summary a finished run prints. */
    static final class Counted extends org.apache.flink.api.common.functions.RichMapFunction<Tuple2<String, String>, Tuple2<String, String>> {
        private static final long serialVersionUID = 1L;
        private final String accumulator;
        private transient org.apache.flink.api.common.accumulators.LongCounter count;

        Counted(String accumulator) {
            this.accumulator = accumulator;
        }

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getLongCounter(accumulator);
        }

        @Override
        public Tuple2<String, String> map(Tuple2<String, String> record) {
            count.add(1L);
            return record;
        }
    }

    /** The line a run that finished (a bounded read) prints: how long, and what it wrote to which topic. */
    static String summary(org.apache.flink.api.common.JobExecutionResult r, JobConfig config) {
        java.util.function.ToLongFunction<String> n = a -> r.getAccumulatorResult(a) instanceof Number x ? x.longValue() : 0L;
        return String.format(java.util.Locale.ROOT, "WatchkeeperJob: read %s to its end (%d lines, %d AIS messages) in %.1f s;"
                        + " wrote %d events to %s, %d vessel states to %s%s", config.inputTopic(), n.applyAsLong(READ_LINES),
                n.applyAsLong(DECODED_MESSAGES), r.getNetRuntime() / 1000.0, n.applyAsLong(WRITTEN_EVENTS),
                config.eventsTopic(), n.applyAsLong(WRITTEN_VESSELS), config.vesselsTopic(),
                config.rejectsTopic() == null ? "" : ", " + n.applyAsLong(WRITTEN_REJECTS) + " rejects to " + config.rejectsTopic());
    }

    /** Routes each observation to the keys its detector asks for ({@link Detector#keys}). */
    static final class KeysFunction extends RichFlatMapFunction<Observation, KeyedObservation> {
        private static final long serialVersionUID = 1L;
        private final DetectorFactory<?> factory;
        private transient Detector<?> detector;

        KeysFunction(DetectorFactory<?> factory) {
            this.factory = factory;
        }

        @Override
        public void open(OpenContext ctx) {
            detector = factory.get();
        }

        @Override
        public void flatMap(Observation o, Collector<KeyedObservation> out) {
            detector.keys(o, k -> out.collect(new KeyedObservation(k, o)));
        }
    }

    private static KafkaSink<Tuple2<String, String>> stringSink(JobConfig config, String topic,
            DeliveryGuarantee guarantee, String txPrefix) {
        // No record timestamp: the producer stamps the time of writing. The event time of a replayed
        // log can be years old, and a broker's time-based retention (retention.ms, 7 days by default)
        // deletes records by their timestamp, so records stamped with it would vanish at the
        // broker's next retention check. The event's own times are in its JSON (start, end).
        KafkaRecordSerializationSchema<Tuple2<String, String>> schema = (t, ctx, ts) -> new ProducerRecord<>(topic,
                null, null, t.f0.getBytes(StandardCharsets.UTF_8), t.f1.getBytes(StandardCharsets.UTF_8));
        return KafkaSink.<Tuple2<String, String>>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(txPrefix)
                // Kafka brokers refuse transactions longer than transaction.max.timeout.ms (15 min by default).
                .setProperty("transaction.timeout.ms", "900000")
                .build();
    }
}
