package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --local} mode stopped after a checkpoint and started again: it restores from the newest
 * completed checkpoint under {@code checkpoint.dir} (made by the earlier run, under another job id)
 * and writes the same events and vessel states as a run that was never interrupted. Each run is a
 * local environment of its own, built with {@link WatchkeeperJob#localConfiguration} as {@code main}
 * builds it.
 */
class LocalRestoreTest extends KafkaJobTestBase {
    @TempDir
    Path dir;

    /**
     * A live (unbounded) job's settings, as the README's: a restore is for a live job (a bounded read
     * refuses to resume, see {@link WatchkeeperJob#localConfiguration}).
     */
    static JobConfig config(String name, Path checkpoints, boolean bounded) {
        Properties p = FlinkJobTest.properties(kafka, name, 10_000);
        p.setProperty("checkpoint.interval.millis", "200");
        p.setProperty("sink.exactly-once", "true");
        p.setProperty("parallelism", "1");
        p.setProperty("input.bounded", Boolean.toString(bounded));
        p.setProperty("checkpoint.dir", checkpoints.toString());
        return JobConfig.of(p);
    }

    /** A local run of the whole job with the standard detectors, as {@code main} starts it. */
    static JobClient start(JobConfig cfg, Configuration conf) throws Exception {
        // a failure ends the run (and the test) instead of restarting it over and over
        Configuration c = new Configuration(conf);
        c.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, c);
        WatchkeeperJob.configure(env, cfg);
        WatchkeeperJob.build(env, cfg, Detectors.standard());
        return env.executeAsync("local-restore");
    }

    static String localConfiguration(JobConfig cfg, boolean fresh, Configuration[] out) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        out[0] = WatchkeeperJob.localConfiguration(cfg, fresh, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    static long checkpointNumber(Path checkpoints) throws Exception {
        String newest = WatchkeeperJob.newestCheckpoint(checkpoints.toUri().toString());
        return newest == null ? -1 : Long.parseLong(newest.substring(newest.lastIndexOf("chk-") + 4));
    }

    /**
     * Waits until a checkpoint has committed the whole input, then for 3 more checkpoints, so that what
     * the last lines set off (watermarks come periodically, sinks commit after the checkpoint) is
     * committed too; then cancels the job. A hang guard of 5 minutes per wait, not a speed check.
     */
    static void drainAndCancel(JobClient job, JobConfig cfg, Path checkpoints, long lines) throws Exception {
        awaitCheckpointPast(cfg, new TopicPartition(cfg.inputTopic(), 0), lines);
        long n = checkpointNumber(checkpoints);
        long deadline = System.currentTimeMillis() + 300_000;
        while (checkpointNumber(checkpoints) < n + 3) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no 3 checkpoints after " + n + " within 5 minutes");
            }
            Thread.sleep(50);
        }
        job.cancel().get(5, TimeUnit.MINUTES);
    }

    @Test
    void aRestartedLocalJobGoesOnFromItsNewestCheckpoint() throws Exception {
        List<String> lines = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais");
        int half = lines.size() / 2;
        Configuration[] conf = new Configuration[1];

        // the uninterrupted run
        Path wholeCheckpoints = dir.resolve("whole");
        JobConfig whole = config("whole", wholeCheckpoints, false);
        createTopics(whole, 1);
        kafka.send(whole.inputTopic(), "dma", lines);
        localConfiguration(whole, false, conf);
        drainAndCancel(start(whole, conf[0]), whole, wholeCheckpoints, lines.size());
        List<String> wholeEvents = kafka.readAll(whole.eventsTopic()).stream().sorted().toList();
        List<String> wholeVessels = kafka.readAll(whole.vesselsTopic()).stream().sorted().toList();
        assertThat(wholeEvents).isNotEmpty();
        assertThat(wholeVessels).isNotEmpty();

        // the interrupted one: half the log, a checkpoint, cancelled (Ctrl-C), the rest published, started again
        Path checkpoints = dir.resolve("checkpoints");
        JobConfig cfg = config("restart", checkpoints, false);
        createTopics(cfg, 1);
        kafka.send(cfg.inputTopic(), "dma", lines.subList(0, half));
        assertThat(localConfiguration(cfg, false, conf)).contains("no completed checkpoint under").contains("starting fresh");
        assertThat(conf[0].get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf[0].getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
        JobClient first = start(cfg, conf[0]);
        awaitCheckpointPast(cfg, new TopicPartition(cfg.inputTopic(), 0), half);
        first.cancel().get(5, TimeUnit.MINUTES);
        assertThatThrownBy(() -> first.getJobExecutionResult().get(5, TimeUnit.MINUTES)).as("cancelled");
        kafka.send(cfg.inputTopic(), "dma", lines.subList(half, lines.size()));

        String said = localConfiguration(cfg, false, conf);
        String restored = conf[0].get(StateRecoveryOptions.SAVEPOINT_PATH);
        System.out.println("local restore: " + said.strip());
        assertThat(restored).as(said).isNotNull().matches(".*/[0-9a-f]{32}/chk-\\d+");
        assertThat(said).contains("restoring from checkpoint " + restored);
        assertThat(Path.of(java.net.URI.create(restored)).resolve("_metadata")).isRegularFile();
        drainAndCancel(start(cfg, conf[0]), cfg, checkpoints, lines.size());

        List<String> events = kafka.readAll(cfg.eventsTopic()).stream().sorted().toList();
        List<String> vessels = kafka.readAll(cfg.vesselsTopic()).stream().sorted().toList();
        System.out.printf("local restore: %d events, %d vessel states; uninterrupted %d and %d%n", events.size(),
                vessels.size(), wholeEvents.size(), wholeVessels.size());
        assertThat(events).containsExactlyElementsOf(wholeEvents);
        assertThat(vessels).containsExactlyElementsOf(wholeVessels);

        // --fresh: no restore, the checkpoints stay
        assertThat(localConfiguration(cfg, true, conf)).contains("--fresh");
        assertThat(conf[0].getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
        assertThat(checkpointNumber(checkpoints)).isPositive();
        // a bounded read does not resume (the Kafka source would never finish): it says so
        assertThatThrownBy(() -> localConfiguration(config("restart", checkpoints, true), false, conf))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fresh");
    }

    @Test
    void theNewestCompletedCheckpointAcrossJobIds() throws Exception {
        Path root = dir.resolve("cp");
        assertThat(WatchkeeperJob.newestCheckpoint(root.toUri().toString())).isNull();
        Path old = Files.createDirectories(root.resolve("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/chk-14"));
        Files.writeString(old.resolve("_metadata"), "x");
        Files.setLastModifiedTime(old.resolve("_metadata"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Path newer = Files.createDirectories(root.resolve("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/chk-3"));
        Files.writeString(newer.resolve("_metadata"), "x");
        // in progress: no _metadata yet
        Files.createDirectories(root.resolve("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/chk-4"));
        Files.createDirectories(root.resolve("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/shared"));
        String got = WatchkeeperJob.newestCheckpoint(root.toUri().toString());
        assertThat(got).endsWith("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/chk-3");
    }
}
