package org.watchkeeper.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.app.Main;
import org.watchkeeper.core.sim.Simulation;
import org.watchkeeper.core.sim.SimulationOptions;

/** {@code watchkeeper kafka-publish} against a Kafka broker inside the test JVM. */
class KafkaPublishTest extends KafkaJobTestBase {
    /** Two hours of simulated traffic: tag blocks with s: (several stations) and c: (seconds). */
    static List<String> sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Simulation s = new Simulation(new SimulationOptions(3, 10, Instant.parse("2024-06-01T00:00:00Z"),
                Duration.ofHours(2), false, SimulationOptions.Noise.NONE));
        StringWriter w = new StringWriter();
        s.writeTo(w);
        sim = Arrays.stream(w.toString().split("\r?\n")).filter(l -> !l.isEmpty()).toList();
    }

    /** Runs {@code watchkeeper kafka-publish --bootstrap <broker> args...}; returns {exit code, stderr}. */
    static Object[] cli(EmbeddedKafka k, byte[] stdin, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("kafka-publish", "--bootstrap", k.bootstrapServers()));
        all.addAll(List.of(args));
        int code = Main.commandLine(new ByteArrayInputStream(stdin), new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Object[] {code, err.toString()};
    }

    /** Publishes successfully or fails the test; returns the summary. */
    static String publish(EmbeddedKafka k, String... args) {
        Object[] r = cli(k, new byte[0], args);
        assertThat((int) r[0]).as("exit code; stderr: " + r[1]).isZero();
        return (String) r[1];
    }

    static String source(String line) {
        Matcher m = Pattern.compile("^\\\\(?:[^\\\\]*,)?s:([^,*\\\\]+)").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aGzipLogGoesInOrderKeyedByTheTagBlockSource() throws Exception {
        Path gz = dir.resolve("sim.nmea.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(String.join("\r\n", sim).getBytes(StandardCharsets.US_ASCII));
        }
        kafka.createTopic("pub-gz", 1);
        String summary = publish(kafka, "--topic", "pub-gz", gz.toString());
        List<String[]> got = kafka.readKeyed("pub-gz");
        assertThat(got.stream().map(kv -> kv[1]).toList()).containsExactlyElementsOf(sim);
        String last = null;
        int continuations = 0;
        for (String[] kv : got) {
            String s = source(kv[1]);
            if (s == null) {
                // a group's later fragment (tag block with g: only) goes with the last source
                continuations++;
                s = last;
            }
            last = s;
            assertThat(kv[0]).isNotNull().isEqualTo(s);
        }
        assertThat(continuations).as("two-sentence messages (type 5) in the feed").isPositive();
        assertThat(got.stream().map(kv -> kv[0]).distinct().count()).as("several receiving stations").isGreaterThan(1);
        long bytes = sim.stream().mapToLong(String::length).sum();
        assertThat(summary).startsWith("published " + sim.size() + " lines (" + bytes + " bytes) to pub-gz in ")
                .contains(" lines/s");
    }

    private static byte[] zip(java.util.Map<String, List<String>> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                z.write((String.join("\r\n", f.getValue()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A zip of one log is published as the log, as decode, analyze and send read it (it was refused: 'unzip it'), and
     * --skip-lines counts the lines of the log in it. A zip of two logs on standard input ends at the second: the first
     * one's lines are published, then the summary, and the error naming the lines written and the --skip-lines to go on
     * with; exit 1 (a file of two is refused before anything is sent, as send refuses it).
     */
    @Test
    void aZipOfOneLogIsPublishedAsTheLogAndOneOfTwoUpToItsSecond() throws Exception {
        List<String> first = sim.subList(0, 300);
        List<String> second = sim.subList(300, 400);
        Path one = dir.resolve("one.zip");
        Files.write(one, zip(java.util.Map.of("day/one.nmea", first)));
        kafka.createTopic("pub-zip", 1);
        String summary = publish(kafka, "--topic", "pub-zip", one.toString());
        assertThat(kafka.readAll("pub-zip")).containsExactlyElementsOf(first);
        assertThat(summary).startsWith("published 300 lines");
        kafka.createTopic("pub-zip-skip", 1);
        publish(kafka, "--topic", "pub-zip-skip", "--skip-lines", "250", "--quiet", one.toString());
        assertThat(kafka.readAll("pub-zip-skip")).containsExactlyElementsOf(first.subList(250, 300));

        java.util.Map<String, List<String>> two = new java.util.LinkedHashMap<>();
        two.put("a.nmea", first);
        two.put("b.nmea", second);
        kafka.createTopic("pub-zip-two", 1);
        Object[] r = cli(kafka, zip(two), "--topic", "pub-zip-two", "-");
        assertThat((int) r[0]).as((String) r[1]).isEqualTo(1);
        assertThat(kafka.readAll("pub-zip-two")).containsExactlyElementsOf(first);
        String[] err = ((String) r[1]).split("\\R");
        assertThat(err[0]).startsWith("published 300 lines");
        assertThat(err[err.length - 1]).isEqualTo("watchkeeper kafka-publish: I/O error on input -: the zip archive holds more"
                + " than one file (a.nmea, then b.nmea): unzip it and name its files as inputs of their own (read back to back"
                + " they would be one input out of time order): lines 1 to 300 of the input are written to pub-zip-two, the"
                + " rest of the input is not read (--skip-lines 300 goes on after them)");

        Path twoFile = dir.resolve("two.zip");
        Files.write(twoFile, zip(two));
        Object[] refused = cli(kafka, new byte[0], "--topic", "pub-zip-two", twoFile.toString());
        assertThat((int) refused[0]).isEqualTo(1);
        assertThat((String) refused[1]).isEqualTo("watchkeeper kafka-publish: " + twoFile + " is a zip archive of 2 files (a.nmea,"
                + " b.nmea): unzip it and name its files as inputs of their own (read back to back they would be one input out"
                + " of time order) (nothing was sent)" + System.lineSeparator());
    }

    /**
     * A gzip log cut short: the lines inflated before the cut are published, not the one the cut ends, then the error
     * says which lines are written and the --skip-lines to go on with; exit 1 (it said the I/O error alone).
     */
    @Test
    void aGzipLogCutShortIsPublishedUpToTheCutAndSaysWhereToGoOn() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(gz)) {
            o.write(String.join("\r\n", sim).getBytes(StandardCharsets.US_ASCII));
        }
        Path cut = dir.resolve("cut.nmea.gz");
        Files.write(cut, Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
        kafka.createTopic("pub-cut", 1);
        Object[] r = cli(kafka, new byte[0], "--topic", "pub-cut", "--quiet", cut.toString());
        assertThat((int) r[0]).as((String) r[1]).isEqualTo(1);
        List<String> got = kafka.readAll("pub-cut");
        assertThat(got.size()).isBetween(100, sim.size() - 1);
        assertThat(got).containsExactlyElementsOf(sim.subList(0, got.size()));
        assertThat((String) r[1]).startsWith("watchkeeper kafka-publish: I/O error on input " + cut + ": Unexpected end of ZLIB"
                + " input stream: lines 1 to " + got.size() + " of the input are written to pub-cut")
                .contains("the rest of the input is not read (--skip-lines " + got.size() + " goes on after them)");
    }

    @Test
    void aFixedKeyFromAPlainRealLog() throws Exception {
        List<String> real = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais").subList(0, 2000);
        Path plain = dir.resolve("dma.ais");
        Files.write(plain, real, StandardCharsets.ISO_8859_1);
        kafka.createTopic("pub-plain", 1);
        publish(kafka, "--topic", "pub-plain", "--key", "dma", "--quiet", plain.toString());
        List<String[]> got = kafka.readKeyed("pub-plain");
        assertThat(got.stream().map(kv -> kv[1]).toList()).containsExactlyElementsOf(real);
        assertThat(got).allMatch(kv -> "dma".equals(kv[0]));
    }

    /**
     * Without --key, a log without tag blocks (the DMA logs) goes under one key, the file's name, so
     * that Kafka does not spread it over the partitions; lines with s: keep their source, and lines
     * before the first s: take the file's name too.
     */
    @Test
    void linesWithoutASourceAreKeyedByTheInputsName() throws Exception {
        // the DMA log's lines that carry no s: (as in the DMA sample, which has none)
        List<String> real = FlinkJobTest.sharedLines("data/ais/dma-aisabnormal/538004030_drift_1.ais").stream()
                .filter(l -> source(l) == null).limit(2000).toList();
        assertThat(real).hasSize(2000);
        Path plain = dir.resolve("dma.ais");
        Files.write(plain, real, StandardCharsets.ISO_8859_1);
        kafka.createTopic("pub-nokey", 4);
        String summary = publish(kafka, "--topic", "pub-nokey", plain.toString());
        List<String[]> got = kafka.readKeyed("pub-nokey");
        assertThat(got).hasSize(real.size()).allMatch(kv -> "dma.ais".equals(kv[0]));
        // one key, one partition: in order
        assertThat(got.stream().map(kv -> kv[1]).toList()).containsExactlyElementsOf(real);
        assertThat(summary).contains("keyed 2000 lines without a tag block s: source by the input's name 'dma.ais'");

        // untagged lines first, then a tagged feed: the first by the name, the rest by their sources
        List<String> mixed = new ArrayList<>(real.subList(0, 10));
        mixed.addAll(sim.subList(0, 100));
        kafka.createTopic("pub-mixed", 1);
        String said = (String) cli(kafka, String.join("\n", mixed).getBytes(StandardCharsets.ISO_8859_1), "--topic",
                "pub-mixed", "-")[1];
        List<String[]> m = kafka.readKeyed("pub-mixed");
        assertThat(m.subList(0, 10)).allMatch(kv -> "stdin".equals(kv[0]));
        assertThat(source(m.get(10)[1])).isNotNull().isEqualTo(m.get(10)[0]);
        assertThat(m.subList(10, m.size())).noneMatch(kv -> "stdin".equals(kv[0]));
        assertThat(said).contains("keyed 10 lines without a tag block s: source by the input's name 'stdin'");

        // one line: counted in the singular, a quick run in ms; --speed on lines without times says it had nothing to go by
        kafka.createTopic("pub-one", 1);
        String one = (String) cli(kafka, real.get(0).getBytes(StandardCharsets.ISO_8859_1), "--topic", "pub-one", "--speed", "10",
                "-")[1];
        assertThat(one).contains("watchkeeper kafka-publish: --speed 10: stdin has no receive times (tag block c:, $PGHP, a trailing"
                + " epoch or GNSS sentences), so it was sent unpaced")
                .containsPattern("published 1 line \\(" + real.get(0).length() + " bytes\\) to pub-one in [0-9]+( ms|\\.[0-9] s): ")
                .contains("keyed 1 line without a tag block s: source");
        assertThat(kafka.readAll("pub-one")).containsExactly(real.get(0));
    }

    @Test
    void aTcpFeedIsReadUntilItCloses() throws Exception {
        List<String> feed = sim.subList(0, 500);
        kafka.createTopic("pub-tcp", 1);
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> serve = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream o = s.getOutputStream()) {
                    for (String l : feed) {
                        o.write((l + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String summary = publish(kafka, "--topic", "pub-tcp", "--key", "rx1", "--tcp", "127.0.0.1:" + server.getLocalPort());
            serve.get();
            assertThat(summary).startsWith("published 500 lines");
        }
        List<String[]> got = kafka.readKeyed("pub-tcp");
        assertThat(got.stream().map(kv -> kv[1]).toList()).containsExactlyElementsOf(feed);
        assertThat(got).allMatch(kv -> "rx1".equals(kv[0]));
    }

    @Test
    void speedPacesTheReplayByTheTagBlockTimes() throws Exception {
        // the lines of the first 40 s of the feed, replayed 40 times faster: about 1 s
        Pattern c = Pattern.compile("[\\\\,]c:(\\d+)");
        long first = -1;
        List<String> part = new ArrayList<>();
        for (String l : sim) {
            Matcher m = c.matcher(l);
            long t = m.find() ? Long.parseLong(m.group(1)) : -1;
            if (first < 0) {
                first = t;
            }
            if (t >= 0 && t - first > 40) {
                break;
            }
            part.add(l);
        }
        assertThat(part.size()).isGreaterThan(20);
        Path f = dir.resolve("part.nmea");
        Files.write(f, part, StandardCharsets.US_ASCII);
        kafka.createTopic("pub-speed", 1);
        long t0 = System.nanoTime();
        publish(kafka, "--topic", "pub-speed", "--speed", "40", "--quiet", f.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(kafka.readAll("pub-speed")).containsExactlyElementsOf(part);
        // Paced: the last line is 39-40 s of feed time after the first, so the replay sleeps close to
        // 1 s in all (an unpaced replay of these lines takes a few ms). Only a generous lower bound is
        // checked: a busy machine can make the run longer, never the feed-time sleeps shorter by half.
        assertThat(ms).isGreaterThanOrEqualTo(39_000 / 40 / 2);
    }

    @Test
    void maxLinesAndUsageAndBrokerErrors() throws Exception {
        kafka.createTopic("pub-max", 1);
        Path f = dir.resolve("all.nmea");
        Files.write(f, sim, StandardCharsets.US_ASCII);
        publish(kafka, "--topic", "pub-max", "--max-lines", "7", "--quiet", f.toString());
        assertThat(kafka.readAll("pub-max")).containsExactlyElementsOf(sim.subList(0, 7));

        Object[] both = cli(kafka, new byte[0], "--topic", "x", "--tcp", "localhost:1", f.toString());
        assertThat((int) both[0]).isEqualTo(2);
        assertThat((String) both[1]).contains("exactly one input");
        Object[] badSpeed = cli(kafka, new byte[0], "--topic", "x", "--speed", "-1", f.toString());
        assertThat((int) badSpeed[0]).isEqualTo(2);
        Object[] missing = cli(kafka, new byte[0], "--topic", "x", dir.resolve("nope.nmea").toString());
        assertThat((int) missing[0]).isEqualTo(1);
        assertThat((String) missing[1]).contains("cannot read").contains("nope.nmea");

        // stdin
        kafka.createTopic("pub-stdin", 1);
        Object[] in = cli(kafka, String.join("\n", sim.subList(0, 3)).getBytes(StandardCharsets.US_ASCII),
                "--topic", "pub-stdin", "-");
        assertThat((int) in[0]).isZero();
        assertThat(kafka.readAll("pub-stdin")).containsExactlyElementsOf(sim.subList(0, 3));
    }

    /**
     * A run stopped by a Kafka error says how many lines of the input are written, and --skip-lines goes on
     * from there: here line 11 is larger than the producer may send (max.request.size), the first 10 are
     * written, and a second run skipping 11 lines sends the rest, so that the topic holds every other line once.
     */
    @Test
    void aFailedRunSaysWhatIsWrittenAndSkipLinesGoesOn() throws Exception {
        kafka.createTopic("pub-resume", 1);
        List<String> lines = new ArrayList<>(sim.subList(0, 40));
        String big = "!AIVDM,1,1,,A," + "1".repeat(1200) + ",0*00";
        lines.add(10, big);
        Path f = dir.resolve("resume.nmea");
        Files.write(f, lines, StandardCharsets.US_ASCII);
        Object[] r = cli(kafka, new byte[0], "--topic", "pub-resume", "--key", "k", "--producer", "max.request.size=1000", f.toString());
        assertThat((int) r[0]).as((String) r[1]).isEqualTo(1);
        assertThat((String) r[1]).contains("Kafka error on topic pub-resume")
                .contains("lines 1 to 10 of the input are written to pub-resume; line 11 was not, and the run stopped there"
                        + " (no line after it was sent). To go on: the same command with --skip-lines 10");
        assertThat(kafka.readAll("pub-resume")).containsExactlyElementsOf(lines.subList(0, 10));
        // the operator leaves the bad line out and goes on after it
        publish(kafka, "--topic", "pub-resume", "--key", "k", "--quiet", "--skip-lines", "11", f.toString());
        List<String> want = new ArrayList<>(lines);
        want.remove(10);
        assertThat(kafka.readAll("pub-resume")).containsExactlyElementsOf(want);
        Object[] bad = cli(kafka, new byte[0], "--topic", "x", "--skip-lines", "-1", f.toString());
        assertThat((int) bad[0]).isEqualTo(2);
        assertThat((String) bad[1]).contains("--skip-lines must be >= 0: -1");
    }

    /**
     * A broker that stops mid-run: the lines handed to Kafka after it stopped are given up after --delivery-timeout
     * (not the producer's own 120 s), and the run says how many lines are written and the --skip-lines to go on with.
     * Standard input gives 10 lines, then, once the broker has them, 10 more, and stops the broker before it ends,
     * while those wait in the producer (linger.ms 2 s; with it the request timeout is made to fit the 3 s).
     */
    @Test
    void aBrokerThatStopsMidRunIsGivenUpAfterTheDeliveryTimeoutSayingWhereToGoOn() throws Exception {
        List<String> lines = sim.subList(0, 20);
        byte[] first = (String.join("\n", lines.subList(0, 10)) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] rest = (String.join("\n", lines.subList(10, 20)) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (EmbeddedKafka dying = new EmbeddedKafka()) {
            brokerStopsMidRun(dying, first, rest);
        }
        Object[] bad = cli(kafka, new byte[0], "--topic", "x", "--delivery-timeout", "0.5", "-");
        assertThat((int) bad[0]).isEqualTo(2);
        assertThat((String) bad[1]).contains("--delivery-timeout must be 1 to 3600 seconds");
    }

    private static void brokerStopsMidRun(EmbeddedKafka dying, byte[] first, byte[] rest) throws Exception {
        String bootstrap = dying.bootstrapServers();
        dying.createTopic("pub-dies", 1);
        long[] stoppedAt = {0};
        java.io.InputStream stdin = new java.io.InputStream() {
            int part;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                byte[] give;
                if (part == 0) {
                    give = first;
                } else if (part == 1) {
                    try {
                        long until = System.nanoTime() + 60_000_000_000L;
                        while (dying.readAll("pub-dies").size() < 10 && System.nanoTime() < until) {
                            Thread.sleep(100);
                        }
                        Thread.sleep(1000); // the producer has the broker's answer for them too
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    give = rest;
                } else {
                    // lines 11 to 20 wait in the producer (linger.ms) for their batch to fill: the broker stops
                    dying.stopServingClients();
                    stoppedAt[0] = System.nanoTime();
                    return -1;
                }
                part++;
                System.arraycopy(give, 0, b, off, give.length);
                return give.length;
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.commandLine(stdin, new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute("kafka-publish", "--bootstrap", bootstrap, "--topic", "pub-dies", "--key", "k",
                        "--delivery-timeout", "3", "--producer", "linger.ms=2000", "-");
        long waited = (System.nanoTime() - stoppedAt[0]) / 1_000_000;
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("Kafka error on topic pub-dies at " + bootstrap + ": the broker did not confirm the lines"
                + " handed to it within 3 s (did it stop? --delivery-timeout waits longer)");
        assertThat(err.toString()).contains("watchkeeper kafka-publish: lines 1 to 10 of the input are written to pub-dies; of lines 11"
                + " to 20, handed to Kafka before the run stopped, 0 were written and 10 were not (no line after line 20 was sent)."
                + " To go on: the same command with --skip-lines 10");
        assertThat(waited).as("it waited for the broker's confirmation").isGreaterThanOrEqualTo(2_900L);
    }

    /** Brokers that do not create topics: a misspelt --topic is named as such, not as metadata that did not come. */
    @Test
    void aMissingTopicOnBrokersThatDoNotCreateTopicsIsSaid() throws Exception {
        Path f = dir.resolve("few.nmea");
        Files.write(f, sim.subList(0, 3), StandardCharsets.US_ASCII);
        try (EmbeddedKafka strict = new EmbeddedKafka(java.util.Map.of("auto.create.topics.enable", "false"))) {
            Object[] r = cli(strict, new byte[0], "--topic", "ais-nmae", "--producer", "max.block.ms=2000", f.toString());
            assertThat((int) r[0]).as((String) r[1]).isEqualTo(1);
            assertThat((String) r[1]).contains("Kafka error on topic ais-nmae at " + strict.bootstrapServers() + ": the topic"
                    + " ais-nmae does not exist and the brokers do not create topics on first use (auto.create.topics.enable=false):"
                    + " create it (kafka-topics.sh --create), or name another with --topic");
        }
    }

    @Test
    void anUnreachableBrokerIsAnErrorExit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path f = dir.resolve("few.nmea");
        Files.write(f, sim.subList(0, 3), StandardCharsets.US_ASCII);
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute("kafka-publish", "--bootstrap", "127.0.0.1:" + port, "--topic", "t",
                        "--producer", "max.block.ms=1000", f.toString());
        assertThat(code).as(err.toString()).isEqualTo(1);
        // the producer says only that the topic's metadata did not come: which of the two is said
        assertThat(err.toString()).contains("Kafka error on topic t at 127.0.0.1:" + port + ": no Kafka broker answered at 127.0.0.1:"
                + port + " in 1 s (is Kafka running there? check --bootstrap; --connect-timeout waits longer)");
        // nothing was written, and the run stopped at the first line: not 'the first 0 lines ...; of the 1 sent after them'
        assertThat(err.toString()).contains("watchkeeper kafka-publish: no line of the input is written to t; line 1 was not, and"
                + " the run stopped there (no line after it was sent). To go on: the same command again");

        // --connect-timeout bounds the wait, and the message says how long it was
        StringWriter bounded = new StringWriter();
        long t0 = System.nanoTime();
        code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(bounded, true))
                .execute("kafka-publish", "--bootstrap", "127.0.0.1:" + port, "--topic", "t", "--connect-timeout", "2", f.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(code).as(bounded.toString()).isEqualTo(1);
        assertThat(bounded.toString()).contains("no Kafka broker answered at 127.0.0.1:" + port + " in 2 s (");
        assertThat(ms).as("it waited for the broker").isGreaterThanOrEqualTo(1_900L);
        Object[] bad = cli(kafka, new byte[0], "--topic", "x", "--connect-timeout", "0", f.toString());
        assertThat((int) bad[0]).isEqualTo(2);
        assertThat((String) bad[1]).contains("--connect-timeout must be more than 0 and at most 3600 seconds");
    }

    /** A file that is no NMEA log is refused before any broker is asked for, as send refuses it. */
    @Test
    void aFileThatIsNoLogIsRefusedBeforeTheBrokerIsAsked() throws Exception {
        Path png = dir.resolve("chart.png");
        Files.write(png, "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\n!AIVDM\n".getBytes(StandardCharsets.ISO_8859_1));
        Path csv = dir.resolve("export.csv");
        Files.writeString(csv, "MMSI,BaseDateTime,LAT,LON,SOG,COG\n366940480,2022-01-03T00:00:00,29.9,-90.0,0.0,0.0\n");
        for (Path f : List.of(png, csv)) {
            StringWriter err = new StringWriter();
            int code = Main.commandLine(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintWriter(err, true))
                    .execute("kafka-publish", "--bootstrap", "127.0.0.1:1", "--topic", "t", f.toString());
            assertThat(code).as(err.toString()).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("watchkeeper kafka-publish: " + f + (f == png ? " is a PNG image; kafka-publish publishes"
                    + " NMEA 0183 AIS sentences" : " is a MarineCadastre CSV export; kafka-publish publishes NMEA 0183 AIS sentences:"
                    + " use watchkeeper analyze " + f + " for it") + " (nothing was sent)" + System.lineSeparator());
        }
    }
}
