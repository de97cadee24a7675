package org.watchkeeper.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Settings of the Watchkeeper Flink job, read from a properties file (see
 * {@code watchkeeper-flink.properties} in the module's resources for a commented example).
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code kafka.bootstrap.servers})
 * @param inputTopic topic of raw NMEA lines; record key = source id ({@code topic.input}, default {@code ais-nmea})
 * @param eventsTopic topic the events are written to as JSON, key = event id ({@code topic.events}, default {@code ais-events})
 * @param vesselsTopic topic of vessel states as JSON, key = the 9-digit MMSI as in the JSON ({@code topic.vessels}, default {@code ais-vessels})
 * @param groupId Kafka consumer group ({@code kafka.group.id}, default {@code watchkeeper})
 * @param allowedLatenessMillis bounded out-of-orderness of event time, ms ({@code lateness.millis}, default 10 000)
 * @param idlenessMillis on a live feed, a partition without data for this long (wall clock) stops
 *        holding the watermark back ({@code idleness.millis}, default 60 000); not used when
 *        {@code bounded}, where every partition ends instead (see {@link WatchkeeperJob#watermarks})
 * @param checkpointIntervalMillis checkpoint interval, ms ({@code checkpoint.interval.millis}, default 60 000)
 * @param parallelism job parallelism, or -1 for the cluster default ({@code parallelism})
 * @param bounded read the input up to the offsets current at start, then finish (replays, tests;
 *        {@code input.bounded}, default false)
 * @param landMask reject fixes on land with the Natural Earth land mask ({@code tracker.land-mask}, default true)
 * @param exactlyOnce write to Kafka in transactions committed on checkpoints ({@code sink.exactly-once},
 *        default false: at least once; events carry stable ids, so consumers can write idempotently)
 * @param checkpointDir where the one-machine mode ({@code --local}) writes checkpoints, a path or URI
 *        ({@code checkpoint.dir}); null (absent) keeps them in the JobManager's memory, which holds
 *        at most 5 MB of state. A cluster takes its own setting ({@code execution.checkpointing.dir})
 * @param ports ports and anchorages for the encounter and port_visit detectors, as
 *        {@code watchkeeper analyze --ports FILE [--no-shipped-ports]} takes them (see {@link JobPorts}):
 *        {@code ports.files}, comma-separated paths or URIs (NGA World Port Index CSV plain or .gz,
 *        GeoJSON, polygon shapefiles in a .zip) that every task manager must be able to read at the
 *        same place, default none; {@code ports.shipped} (default true) whether the shipped UN/LOCODE
 *        list comes first. The files are read when the job starts ({@link JobPorts#check}): a missing,
 *        unrecognised or malformed file stops the job before it is submitted
 * @param localRestPort port of the {@code --local} mode's Flink REST API and web UI, which listens on
 *        127.0.0.1 only ({@code local.rest.port}, default 0: a free port chosen at start; its URL is
 *        printed on stderr)
 * @param kafkaCheckTimeoutMillis how long the job waits at start for the Kafka cluster to answer
 *        ({@code kafka.check.timeout.millis}, default 30 000) before it stops with exit status 1
 * @param rejectsTopic topic that receives, as JSON ({@link Json#rejectedLine}, {@link Json#dropped}), every
 *        line the framing rejected, every observation dropped for a stray time and every late
 *        observation, key = the line's source key or the observation's 9-digit MMSI ({@code topic.rejects}, default {@code ais-rejects}; an empty
 *        value writes none, and they are only counted in the metrics); null: none
 *
 * <p>A key of the settings file that is none of {@link #KEYS} is an error naming the closest ones.
 */
public record JobConfig(
        String bootstrapServers,
        String inputTopic,
        String eventsTopic,
        String vesselsTopic,
        String groupId,
        long allowedLatenessMillis,
        long idlenessMillis,
        long checkpointIntervalMillis,
        int parallelism,
        boolean bounded,
        boolean landMask,
        boolean exactlyOnce,
        String checkpointDir,
        JobPorts ports,
        int localRestPort,
        long kafkaCheckTimeoutMillis,
        String rejectsTopic) implements Serializable {

    /** Every key of the settings file; any other key is an error ({@link #checkKeys}). */
    public static final List<String> KEYS = List.of(
            "kafka.bootstrap.servers", "kafka.group.id", "kafka.check.timeout.millis",
            "topic.input", "topic.events", "topic.vessels", "topic.rejects",
            "lateness.millis", "idleness.millis", "checkpoint.interval.millis", "parallelism", "checkpoint.dir",
            "input.bounded", "ports.files", "ports.shipped", "tracker.land-mask", "sink.exactly-once",
            "local.rest.port");

    /**
     * The settings before the ports, the checks and the rejects topic added later, for callers that
     * build one in code: no rejects topic (rejected lines, strays and late observations only counted).
     */
    public JobConfig(String bootstrapServers, String inputTopic, String eventsTopic, String vesselsTopic, String groupId,
            long allowedLatenessMillis, long idlenessMillis, long checkpointIntervalMillis, int parallelism,
            boolean bounded, boolean landMask, boolean exactlyOnce, String checkpointDir, JobPorts ports) {
        this(bootstrapServers, inputTopic, eventsTopic, vesselsTopic, groupId, allowedLatenessMillis, idlenessMillis,
                checkpointIntervalMillis, parallelism, bounded, landMask, exactlyOnce, checkpointDir, ports, 0, 30_000, null);
    }

    /** Validates the values. */
    public JobConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers is required");
        }
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("lateness.millis must be >= 0");
        }
        if (checkpointIntervalMillis < 10) {
            throw new IllegalArgumentException("checkpoint.interval.millis must be >= 10");
        }
        if (idlenessMillis < 1) {
            throw new IllegalArgumentException("idleness.millis must be >= 1");
        }
        if (ports == null) {
            ports = JobPorts.SHIPPED;
        }
        if (localRestPort < 0 || localRestPort > 65_535) {
            throw new IllegalArgumentException("local.rest.port must be from 0 (any free port) to 65535: " + localRestPort);
        }
        if (kafkaCheckTimeoutMillis < 1) {
            throw new IllegalArgumentException("kafka.check.timeout.millis must be >= 1");
        }
        if (rejectsTopic != null) {
            rejectsTopic = rejectsTopic.strip();
            if (rejectsTopic.isEmpty()) {
                rejectsTopic = null;
            }
        }
    }

    /**
     * Every key of {@code p} must be one of {@link #KEYS}: a misspelt key (input.bound=true) would
     * otherwise be ignored and its default used. The error names the key, the closest known key(s)
     * and all of them, on one line.
     */
    static void checkKeys(Properties p) {
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (KEYS.contains(key)) {
                continue;
            }
            int best = Integer.MAX_VALUE;
            List<String> closest = new ArrayList<>();
            for (String k : KEYS) {
                int d = distance(key, k);
                if (d < best) {
                    best = d;
                    closest.clear();
                }
                if (d == best) {
                    closest.add(k);
                }
            }
            throw new IllegalArgumentException("unknown setting " + key + " (did you mean " + String.join(" or ", closest)
                    + "?); the settings are " + String.join(", ", KEYS));
        }
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Reads the settings from properties; absent keys take the defaults above. */
    public static JobConfig of(Properties p) {
        checkKeys(p);
        long restPort = number(p, "local.rest.port", "0");
        if (restPort < 0 || restPort > 65_535) {
            throw new IllegalArgumentException("local.rest.port must be from 0 (any free port) to 65535: " + restPort);
        }
        return new JobConfig(
                p.getProperty("kafka.bootstrap.servers"),
                p.getProperty("topic.input", "ais-nmea"),
                p.getProperty("topic.events", "ais-events"),
                p.getProperty("topic.vessels", "ais-vessels"),
                p.getProperty("kafka.group.id", "watchkeeper"),
                number(p, "lateness.millis", Long.toString(org.watchkeeper.core.pipeline.EventTimeOrder.DEFAULT_LATENESS_MILLIS)),
                number(p, "idleness.millis", "60000"),
                number(p, "checkpoint.interval.millis", "60000"),
                parallelism(p),
                strictBoolean("input.bounded", p.getProperty("input.bounded", "false")),
                strictBoolean("tracker.land-mask", p.getProperty("tracker.land-mask", "true")),
                strictBoolean("sink.exactly-once", p.getProperty("sink.exactly-once", "false")),
                p.getProperty("checkpoint.dir") == null || p.getProperty("checkpoint.dir").isBlank() ? null
                        : p.getProperty("checkpoint.dir").strip(),
                new JobPorts(JobPorts.parseFiles(p.getProperty("ports.files")),
                        strictBoolean("ports.shipped", p.getProperty("ports.shipped", "true"))),
                (int) restPort,
                number(p, "kafka.check.timeout.millis", "30000"),
                p.getProperty("topic.rejects", "ais-rejects"));
    }

    /** A whole number, else an error naming the key. */
    private static long number(Properties p, String key, String otherwise) {
        String v = p.getProperty(key, otherwise).strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + v);
        }
    }

    /** {@code parallelism}: -1 (the environment's) or 1 to 32 768 (Flink's most). */
    private static int parallelism(Properties p) {
        long v = number(p, "parallelism", "-1");
        if (v != -1 && (v < 1 || v > 32_768)) {
            throw new IllegalArgumentException("parallelism must be -1 (the environment's) or from 1 to 32768: " + v);
        }
        return (int) v;
    }

    /** "true" or "false" (any case), else an error naming the key. */
    private static boolean strictBoolean(String key, String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(key + " must be true or false: " + value);
    }

    /** Reads a properties file (UTF-8). */
    public static JobConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return of(p);
    }

    /** Reads properties from a stream (UTF-8). */
    public static JobConfig load(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        return of(p);
    }
}
