package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.Test;

/**
 * The job's settings and start-up checks: unknown keys, the local REST endpoint, the vessel records'
 * key, and the Kafka check against a broker in this JVM and a port where none listens.
 */
class JobSettingsTest extends KafkaJobTestBase {
    static Properties shipped() throws Exception {
        Properties p = new Properties();
        try (InputStream in = JobSettingsTest.class.getResourceAsStream("/watchkeeper-flink.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void theShippedSettingsAreAllKnown() throws Exception {
        JobConfig c = JobConfig.of(shipped());
        assertThat(c.localRestPort()).isZero();
        assertThat(c.kafkaCheckTimeoutMillis()).isEqualTo(30_000);
        assertThat(c.rejectsTopic()).isEqualTo("ais-rejects");
    }

    @Test
    void anEmptyRejectsTopicWritesNone() throws Exception {
        Properties p = shipped();
        p.setProperty("topic.rejects", " ");
        assertThat(JobConfig.of(p).rejectsTopic()).isNull();
        p.remove("topic.rejects");
        assertThat(JobConfig.of(p).rejectsTopic()).isEqualTo("ais-rejects");
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingTheClosestKeys() throws Exception {
        Properties p = shipped();
        p.setProperty("input.bound", "true");
        assertThatThrownBy(() -> JobConfig.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown setting input.bound (did you mean input.bounded?); the settings are ")
                .hasMessageContaining("topic.events").hasMessageNotContaining("\n");
        Properties q = shipped();
        q.setProperty("topic.event", "x");
        assertThatThrownBy(() -> JobConfig.of(q)).hasMessageStartingWith("unknown setting topic.event (did you mean topic.events?)");
    }

    @Test
    void theLocalRestEndpointListensOnLoopbackOnly() throws Exception {
        Properties p = shipped();
        p.remove("checkpoint.dir");
        p.setProperty("local.rest.port", "19231");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Configuration conf = WatchkeeperJob.localConfiguration(JobConfig.of(p), false,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.BIND_PORT)).isEqualTo("19231");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:19231/");

        p.setProperty("local.rest.port", "0");
        conf = WatchkeeperJob.localConfiguration(JobConfig.of(p), false, new PrintStream(new ByteArrayOutputStream()));
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(conf.get(RestOptions.BIND_PORT))).isPositive();

        p.setProperty("local.rest.port", "70000");
        assertThatThrownBy(() -> JobConfig.of(p)).hasMessageContaining("local.rest.port");
    }

    @Test
    void aVesselStateIsKeyedByItsNineDigitMmsi() {
        VesselState v = new VesselState();
        v.mmsi = 2190071;
        Tuple2<String, String> r = WatchkeeperJob.vesselRecord(v);
        assertThat(r.f0).isEqualTo("002190071");
        assertThat(r.f1).contains("\"mmsi\":\"002190071\"");
    }

    @Test
    void kafkaIsCheckedBeforeTheJobStarts() throws Exception {
        Properties p = shipped();
        p.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("topic.input", "settings-in");
        p.setProperty("topic.events", "settings-events");
        p.setProperty("topic.vessels", "settings-vessels");
        p.setProperty("topic.rejects", "settings-rejects");
        createTopics(JobConfig.of(p), 1);
        assertThat(WatchkeeperJob.checkKafka(JobConfig.of(p))).isEmpty(); // answers, and has every topic

        p.setProperty("topic.rejects", "settings-rejects-missing");
        p.setProperty("topic.events", "settings-events-missing");
        assertThat(WatchkeeperJob.checkKafka(JobConfig.of(p))).containsExactly(
                "warning: Kafka at " + kafka.bootstrapServers() + " has no topic settings-events-missing (topic.events): "
                        + "it is created on first use only if the brokers' auto.create.topics.enable is true",
                "warning: Kafka at " + kafka.bootstrapServers() + " has no topic settings-rejects-missing (topic.rejects): "
                        + "it is created on first use only if the brokers' auto.create.topics.enable is true");

        // brokers that do not create topics: a missing one (a misspelt topic.events) stops the job before it starts
        try (EmbeddedKafka strict = new EmbeddedKafka(java.util.Map.of("auto.create.topics.enable", "false"))) {
            Properties q = (Properties) p.clone();
            q.setProperty("kafka.bootstrap.servers", strict.bootstrapServers());
            q.setProperty("topic.events", "ais-event");
            q.setProperty("topic.rejects", "settings-rejects");
            strict.createTopic("settings-in", 1);
            strict.createTopic("settings-vessels", 1);
            strict.createTopic("settings-rejects", 1);
            assertThatThrownBy(() -> WatchkeeperJob.checkKafka(JobConfig.of(q))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Kafka at " + strict.bootstrapServers() + " has no topic ais-event (topic.events) and its brokers"
                            + " do not create topics (auto.create.topics.enable=false): create it (kafka-topics.sh --create),"
                            + " or correct the setting");
        }

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        p.setProperty("kafka.bootstrap.servers", "127.0.0.1:" + port);
        p.setProperty("kafka.check.timeout.millis", "3000");
        assertThatThrownBy(() -> WatchkeeperJob.checkKafka(JobConfig.of(p))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Kafka at 127.0.0.1:" + port + " does not answer (");
    }
}
