package org.watchkeeper.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code watchkeeper kafka-publish}: puts raw NMEA lines from a log file or a TCP feed into a Kafka
 * topic, one line per record, in input order, for the Watchkeeper Flink job (or any consumer).
 *
 * <p>Record key: {@code --key} when given, else the {@code s:} source of the line's IEC 61162-450 tag
 * block, else (a line without {@code s:}, such as the second fragment of a group that carries only
 * {@code g:}) the last source seen in the input, else (no {@code s:} yet: a log without tag blocks)
 * the input's name (file name, {@code stdin}, or the TCP feed's {@code HOST:PORT}), so that one log's
 * lines all go to one partition, in order, whatever the number of partitions. Kafka's default partitioner sends equal keys to one partition, so the lines of
 * one receiving station keep their order (the job reassembles multi-sentence messages per source).
 * Record value: the line as received (ISO-8859-1 bytes, no line terminator).
 *
 * <p>Replay pacing ({@code --speed}): {@link ReplayPacer}, as {@code send} paces: the receive time of
 * each message (tag block {@code c:}, {@code $PGHP}, trailing epoch, as the decoder reads it) sets when
 * its lines are sent, relative to the first timed message, divided by the speed factor. Lines before
 * the first timed message, and messages whose time goes backwards, are sent without waiting.
 */
@Command(name = "kafka-publish",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {
            "Publish raw NMEA lines from a log file or a TCP feed to a Kafka topic, one line per record.",
            "",
            "Key: --key, else the s: source of the line's tag block, else the last s: seen (fragments that carry only g:),"
                + " else the input's name (file name, 'stdin', or HOST:PORT), so that one log's lines stay in one"
                + " partition, in order; how many lines were keyed by the input's name is said on stderr.",
            "--speed N replays a log N times faster than it was received (times from tag block c:, $PGHP or a"
                + " trailing epoch; a log without them goes unpaced, and is said to); 0 (the default) sends as fast as the"
                + " broker takes them.",
            "A summary (lines, bytes, time taken, lines/s) goes to stderr. A Kafka error (a broker that stops answering"
                + " mid-run is given up after --delivery-timeout) ends the run saying how many lines are written and the"
                + " --skip-lines to go on with. An input that fails part-way (a gzip file cut short, a zip or tar of several files"
                + " on standard input, a disk error) has its lines up to the error published; then the summary, and the error"
                + " with the lines written and the --skip-lines to go on with; exit 1.",
            ""
        },
        footer = {"", "Exit codes: 0 done, 1 I/O or Kafka error, 2 usage error.",
            "", "Examples:",
            "  watchkeeper kafka-publish --bootstrap localhost:9092 --topic ais-nmea \\",
            "      --key dma feed.nmea.gz",
            "  watchkeeper kafka-publish --bootstrap localhost:9092 --topic ais-nmea \\",
            "      --speed 60 day.nmea",
            "  watchkeeper kafka-publish --bootstrap localhost:9092 --topic ais-nmea \\",
            "      --key rx1 --tcp 10.0.0.5:4001"})
public final class KafkaPublishCommand implements Callable<Integer> {
    private static final int READ_BUFFER = 1 << 16;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "NMEA log, plain, gzip, or a zip or tar of one file (told by its content); '-' reads stdin."
                    + " Not with --tcp.")
    String file;

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Read a TCP feed (e.g. an AIS receiver or aggregator) until it closes.")
    String tcp;

    @Option(names = "--bootstrap", required = true, paramLabel = "SERVERS",
            description = "Kafka bootstrap servers, e.g. localhost:9092.")
    String bootstrap;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String topic;

    @Option(names = "--key", paramLabel = "SOURCE_ID",
            description = "Record key (the receiving source id) for every line; default: the tag block s: of each line,"
                + " else the input's name (file name, 'stdin', HOST:PORT).")
    String key;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "0",
            description = "Replay pacing: FACTOR times real time by the feed's receive times; 0 = as fast as possible (default).")
    double speed;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "-1",
            description = "Stop after N lines (default: all).")
    long maxLines;

    @Option(names = "--skip-lines", paramLabel = "N", defaultValue = "0",
            description = "Send nothing for the first N lines of the input (a run that stopped on a Kafka error says the N"
                + " to go on with). Their tag block s: still keys the fragments that follow.")
    long skipLines;

    @Option(names = "--producer", paramLabel = "KEY=VALUE",
            description = "Extra Kafka producer setting (repeatable), e.g. --producer compression.type=gzip.")
    java.util.Map<String, String> producerProps = new java.util.LinkedHashMap<>();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up when no Kafka broker answers within SECONDS (default: ${DEFAULT-VALUE}; the producer's"
                + " max.block.ms, which --producer max.block.ms=MS overrides), and connecting to a --tcp feed after as long.")
    double connectTimeout;

    @Option(names = "--delivery-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up when the broker has not confirmed a line within SECONDS of handing it to Kafka (a broker"
                + " that stopped mid-run; default: ${DEFAULT-VALUE}; the producer's delivery.timeout.ms, with its"
                + " request.timeout.ms at most that less linger.ms; --producer delivery.timeout.ms=MS overrides), then say"
                + " how many lines are written and the --skip-lines to go on with. 1 to 3600.")
    double deliveryTimeout;

    @Option(names = "--quiet", description = "No summary on stderr.")
    boolean quiet;

    /** The producer's max.block.ms of this run: how long it waits for a broker. */
    private long blockMs;

    /** The producer's delivery.timeout.ms of this run: how long it waits for a line's confirmation, or -1 when not a number. */
    private long deliveryMs;

    @Spec
    CommandSpec spec;

    private final Main.Streams streams;

    KafkaPublishCommand(Main.Streams streams) {
        this.streams = streams;
    }

    /**
     * A Kafka error while publishing, with what is known to be written: every line up to {@code written} (of
     * the input's non-empty lines, counted from 1) was acknowledged by the broker; of the {@code sentAfter}
     * lines handed to the producer after it, {@code ackedAfter} were acknowledged too (a run that goes on with
     * {@code --skip-lines written} sends those again).
     */
    static final class PublishFailure extends KafkaException {
        final long written;
        final long sentAfter;
        final long ackedAfter;

        PublishFailure(Exception cause, long written, long sentAfter, long ackedAfter) {
            super(cause.getMessage(), cause);
            this.written = written;
            this.sentAfter = sentAfter;
            this.ackedAfter = ackedAfter;
        }
    }

    /** What was sent. */
    /**
     * @param read the input's non-empty lines read (skipped ones too)
     * @param unended whether a read error cut off a line without its line end, which was not sent
     */
    record Result(long lines, long bytes, double seconds, long keyedByInput, String inputKey, boolean unpaced, long read,
                  boolean unended) {
        double linesPerSecond() {
            return seconds > 0 ? lines / seconds : 0;
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if ((file != null) == (tcp != null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one input: a FILE ('-' for stdin) or --tcp HOST:PORT");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new ParameterException(spec.commandLine(), "--speed must be >= 0");
        }
        if (skipLines < 0) {
            throw new ParameterException(spec.commandLine(), "--skip-lines must be >= 0: " + skipLines);
        }
        if (!(connectTimeout > 0 && connectTimeout <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--connect-timeout must be more than 0 and at most 3600 seconds");
        }
        if (!(deliveryTimeout >= 1 && deliveryTimeout <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--delivery-timeout must be 1 to 3600 seconds");
        }
        InetSocketAddress address = null;
        if (tcp != null) {
            int colon = tcp.lastIndexOf(':');
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(tcp.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--tcp must be HOST:PORT, got " + tcp);
            }
            address = new InetSocketAddress(tcp.substring(0, colon), port);
        }
        String stage = tcp != null ? "feed " + tcp : "input " + file;
        Result r;
        OpenedInput in0 = null;
        try (Input in = open(address)) {
            in0 = in.stream instanceof OpenedInput o ? o : null;
            String refused = file != null && !file.equals("-") ? refusal(file, in.stream) : null;
            if (refused != null) {
                // said before the broker is asked for, which may take the whole --connect-timeout
                err.println("watchkeeper kafka-publish: " + refused + " (nothing was sent)");
                err.flush();
                return 1;
            }
            r = publish(in.stream, err);
        } catch (NoSuchFileException e) {
            err.println("watchkeeper kafka-publish: cannot read " + file + ": no such file");
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("watchkeeper kafka-publish: I/O error on " + stage + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (PublishFailure e) {
            err.println("watchkeeper kafka-publish: Kafka error on topic " + topic + " at " + bootstrap + ": " + explain(e));
            err.println("watchkeeper kafka-publish: " + resumeLine(e));
            err.flush();
            return 1;
        } catch (KafkaException e) {
            err.println("watchkeeper kafka-publish: Kafka error on topic " + topic + " at " + bootstrap + ": " + explain(e));
            err.flush();
            return 1;
        }
        if (r.unpaced()) {
            err.println("watchkeeper kafka-publish: --speed " + SendCommand.factor(speed) + ": " + inputKey() + " has no receive"
                    + " times (tag block c:, $PGHP, a trailing epoch or GNSS sentences), so it was sent unpaced");
        }
        if (!quiet) {
            err.printf(java.util.Locale.ROOT, "published %s (%s) to %s in %s: %.0f lines/s, %.2f MB/s%n",
                    SendCommand.count(r.lines(), "line", "lines"), SendCommand.count(r.bytes(), "byte", "bytes"), topic,
                    SendCommand.duration(r.seconds()),
                    r.linesPerSecond(), r.seconds() > 0 ? r.bytes() / r.seconds() / 1e6 : 0.0);
            if (r.keyedByInput() > 0) {
                err.printf("keyed %s without a tag block s: source by the input's name '%s' (--key to set it)%n",
                        SendCommand.count(r.keyedByInput(), "line", "lines"), r.inputKey());
            }
            err.flush();
        }
        String failure = in0 == null ? null : in0.endReason();
        if (failure != null) {
            // every line read before the error is written (publish flushed the producer, and a refusal would have thrown)
            long n = r.read();
            err.println("watchkeeper kafka-publish: I/O error on " + stage + ": " + failure + ": "
                    + (n == 0 ? "no line of it was read before the error" : (n == 1 ? "line 1" : "lines 1 to " + n)
                            + " of the input " + (n == 1 ? "is" : "are") + " written to " + topic + (r.unended()
                                    ? ", not the unended line after " + (n == 1 ? "it" : "them") + " that the error cut" : "")
                            + ", the rest of the input is not read (--skip-lines " + n + " goes on after "
                            + (n == 1 ? "it" : "them") + ")"));
            err.flush();
            return 1;
        }
        return 0;
    }

    /** When the producer was made ({@link System#nanoTime}), 0 before: how long a failed run waited is measured from it. */
    private long producerStarted;

    /**
     * The producer's message, and when it says only that the topic's metadata did not come in time (the
     * producer's words whether no broker answers or the topic does not exist), which of the two it is: an
     * admin client asks the cluster for its brokers and the topic, within 5 s each.
     */

    private String explain(KafkaException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof PublishFailure && e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                && !m.contains("not present in metadata") && deliveryMs > 0) {
            // a batch expired: the broker stopped answering after the run began
            return "the broker did not confirm the lines handed to it within " + seconds(deliveryMs) + " (did it stop?"
                    + " --delivery-timeout waits longer) (" + m + ")";
        }
        if (!m.contains("not present in metadata")) {
            return m;
        }
        Properties p = new Properties();
        p.putAll(producerProps);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        if (!anyListens(bootstrap)) {
            // nothing takes a connection at any of the addresses: no admin client needs to wait to say so
            return noBroker();
        }
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            try {
                admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException x) {
                return noBroker();
            }
            try {
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException x) {
                if (x.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    return "the topic " + topic + " does not exist and the brokers do not create topics on first use"
                            + " (auto.create.topics.enable=false): create it (kafka-topics.sh --create), or name another with --topic";
                }
            } catch (java.util.concurrent.TimeoutException x) {
                // the brokers answered; say what the producer said
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        } catch (KafkaException x) {
            // an admin client that cannot be made with these properties: the producer's words stand
        }
        return m;
    }

    /**
     * That no broker answered, and how long the run waited: {@code --connect-timeout}, or what it really waited when
     * that is longer by more than 2 s (an address that takes connections and never answers holds the producer until
     * its request and delivery timeouts, and the check of the cluster adds up to 5 s).
     */
    private String noBroker() {
        long elapsed = producerStarted == 0 ? 0 : (System.nanoTime() - producerStarted) / 1_000_000;
        long waited = elapsed > blockMs + 2000 ? elapsed / 1000 * 1000 : blockMs;
        return "no Kafka broker answered at " + bootstrap + (waited > 0 ? " in " + seconds(waited) : "")
                + (waited > blockMs ? " (something there takes connections but does not answer as Kafka: check --bootstrap)"
                        : " (is Kafka running there? check --bootstrap" + (blockMs > 0 ? "; --connect-timeout waits longer" : "") + ")");
    }

    /** A producer setting in milliseconds, or -1 when it is no number (the producer then refuses it, naming it). */
    private static long millis(Properties p, String name) {
        try {
            return Long.parseLong(p.getProperty(name).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A wait in words: {@code 10 s}, {@code 2.5 s}. */
    static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * Whether one of the bootstrap addresses ({@code HOST:PORT}, comma-separated; an IPv6 host in brackets)
     * takes a TCP connection within 2 s. An address that cannot be read as one counts as listening (the admin
     * client then judges).
     */
    static boolean anyListens(String bootstrap) {
        for (String a : bootstrap.split(",")) {
            String hp = a.strip();
            int colon = hp.lastIndexOf(':');
            int port;
            try {
                port = Integer.parseInt(hp.substring(colon + 1));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return true;
            }
            String host = colon <= 0 ? "" : hp.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                return true;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 2000);
                return true;
            } catch (IOException e) {
                // refused, unreachable, unknown host or no answer: the next address
            }
        }
        return false;
    }

    /**
     * What a run stopped by a Kafka error wrote, and how to go on: every line up to {@code written} is written; of
     * the lines after it up to the last handed to Kafka (the one refused among them), some may be written too;
     * no line after that was sent.
     */
    String resumeLine(PublishFailure e) {
        long last = e.written + e.sentAfter;
        long notWritten = e.sentAfter - e.ackedAfter;
        String head = e.written == 0 ? "no line of the input is written to " + topic
                : (e.written == 1 ? "line 1" : "lines 1 to " + e.written) + " of the input " + (e.written == 1 ? "is" : "are")
                        + " written to " + topic;
        String stopped;
        if (e.sentAfter <= 0) {
            stopped = "";
        } else if (e.sentAfter == 1) {
            stopped = "; line " + last + " was not, and the run stopped there (no line after it was sent)";
        } else {
            stopped = "; of lines " + (e.written + 1) + " to " + last + ", handed to Kafka before the run stopped, "
                    + e.ackedAfter + (e.ackedAfter == 1 ? " was" : " were") + " written and " + notWritten
                    + (notWritten == 1 ? " was" : " were") + " not (no line after line " + last + " was sent)";
        }
        String goOn = e.written == 0 ? ". To go on: the same command again"
                : ". To go on: the same command with --skip-lines " + e.written
                        + (e.ackedAfter > 0 ? " (the " + e.ackedAfter + " written after line " + e.written + " are sent again)" : "");
        return head + stopped + goOn;
    }

    /** An open input and what to close with it. */
    private final class Input implements AutoCloseable {
        final InputStream stream;
        final AutoCloseable owner;

        Input(InputStream stream, AutoCloseable owner) {
            this.stream = stream;
            this.owner = owner;
        }

        @Override
        public void close() throws IOException {
            try {
                if (owner != null) {
                    owner.close();
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /**
     * Why the file {@code name}, whose (decompressed) stream {@code in} starts there, is not published, or null
     * for an NMEA 0183 log as far as its first {@link org.watchkeeper.core.pipeline.InputFormat#SNIFF_BYTES} tell:
     * as {@code send} judges its inputs ({@link SendCommand#refusal}). Standard input and a TCP feed are not
     * judged: a live feed would be held back until that many bytes came.
     */
    private static String refusal(String name, InputStream in) throws IOException {
        return SendCommand.refusal(name, in, "kafka-publish publishes");
    }

    private Input open(InetSocketAddress address) throws IOException {
        if (address != null) {
            Socket s = new Socket();
            s.connect(address, (int) Math.round(connectTimeout * 1000));
            return new Input(new BufferedInputStream(s.getInputStream(), READ_BUFFER), s);
        }
        // as decode, analyze and send open their inputs: plain, gzip, or the one file of a zip or tar (--skip-lines counts
        // that file's lines, the same at each run); a read error part-way ends the input there (publish says so)
        InputStream raw = "-".equals(file) ? Inputs.nonClosing(streams.in()) : Files.newInputStream(Path.of(file));
        OpenedInput in = new OpenedInput(Inputs.maybeGunzipped(raw, READ_BUFFER, READ_BUFFER));
        return new Input(in, in);
    }

    /** Reads lines (LF, CRLF or CR) from {@code in} and sends each non-empty one as a record. */
    Result publish(InputStream in, PrintWriter err) throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, speed > 0 ? "5" : "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        // how long send() waits for the topic's metadata: with no broker there, the wait before the run is refused
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.round(connectTimeout * 1000)));
        // how long a line handed over may wait for the broker's confirmation, retries included (Kafka's default,
        // 120 s, would hold a run whose broker stopped for two minutes); Kafka requires delivery.timeout.ms >=
        // linger.ms + request.timeout.ms, so one request's wait (30 s by default) is shortened to fit
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.round(deliveryTimeout * 1000)));
        p.putAll(producerProps);
        blockMs = millis(p, ProducerConfig.MAX_BLOCK_MS_CONFIG);
        deliveryMs = millis(p, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long linger = millis(p, ProducerConfig.LINGER_MS_CONFIG);
        if (!p.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) && deliveryMs > 0 && linger >= 0 && deliveryMs > linger) {
            // the delivery timeout and linger as they stand, --producer settings included
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, deliveryMs - linger)));
        }
        byte[] fixedKey = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
        ReplayPacer pacer = speed > 0 ? ReplayPacer.bySpeed(speed) : null;
        AtomicReference<Exception> failure = new AtomicReference<>();
        // the lowest line number the broker refused, and how many lines it acknowledged: after a failure and a
        // flush (every record then answered), every line below the lowest refused one is known to be written
        java.util.concurrent.atomic.AtomicLong firstFailed = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        java.util.concurrent.atomic.LongAdder acked = new java.util.concurrent.atomic.LongAdder();
        long seen = 0;
        boolean unended = false;
        byte[] lastSource = null;
        byte[] inputKey = inputKey().getBytes(StandardCharsets.UTF_8);
        long keyedByInput = 0;
        long lines = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        producerStarted = t0;
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        try {
            byte[] buf = new byte[READ_BUFFER];
            byte[] line = new byte[1024];
            int len = 0;
            boolean done = false;
            while (!done) {
                int n = in.read(buf);
                if (n < 0) {
                    n = 0;
                    done = true;
                    if (in instanceof OpenedInput o && o.endReason() != null) {
                        // a line the error cut off may be cut short: not sent
                        unended = len > 0;
                        len = 0;
                    }
                }
                for (int i = 0; i <= n && !(maxLines >= 0 && lines >= maxLines); i++) {
                    boolean end = i == n ? done : buf[i] == '\n' || buf[i] == '\r';
                    if (!end) {
                        if (i < n) {
                            if (len == line.length) {
                                line = java.util.Arrays.copyOf(line, len * 2);
                            }
                            line[len++] = buf[i];
                        }
                        continue;
                    }
                    if (len > 0) {
                        byte[] value = java.util.Arrays.copyOf(line, len);
                        long number = ++seen;
                        if (number <= skipLines) {
                            // not sent; its s: still keys the fragments that follow it
                            byte[] s0 = fixedKey == null ? tagSource(value) : null;
                            if (s0 != null) {
                                lastSource = s0;
                            }
                            len = 0;
                            continue;
                        }
                        if (pacer != null) {
                            pacer.before(value);
                        }
                        byte[] k = fixedKey;
                        if (k == null) {
                            byte[] s = tagSource(value);
                            // later fragments of a group usually carry only g: — they belong to the last source
                            if (s != null) {
                                lastSource = s;
                            }
                            k = lastSource;
                            if (k == null) {
                                // no s: yet (a log without tag blocks): one key for the whole input, so
                                // that its lines stay in one partition, in order
                                k = inputKey;
                                keyedByInput++;
                            }
                        }
                        producer.send(new ProducerRecord<>(topic, k, value), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                                firstFailed.accumulateAndGet(number, Math::min);
                            } else {
                                acked.increment();
                            }
                        });
                        lines++;
                        bytes += len;
                        len = 0;
                        if (failure.get() != null) {
                            throw failed(producer, failure.get(), firstFailed, acked, seen);
                        }
                    }
                }
                if (maxLines >= 0 && lines >= maxLines) {
                    done = true;
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw failed(producer, failure.get(), firstFailed, acked, seen);
            }
        } finally {
            // every line handed over is answered by now (written or refused) unless reading the input failed:
            // closing then waits for the answers at most as long as one line may wait
            producer.close(java.time.Duration.ofMillis(deliveryMs > 0 ? deliveryMs : 30_000));
        }
        return new Result(lines, bytes, (System.nanoTime() - t0) / 1e9, keyedByInput, inputKey(),
                pacer != null && lines > 0 && !pacer.timed(), seen, unended);
    }

    /**
     * The failure of a run, once every record handed to the producer is answered (written or refused), with
     * what is known to be written: the lines before the lowest refused one.
     *
     * @param last the number of the last line handed to the producer (lines counted from 1, skipped ones too)
     */
    private PublishFailure failed(KafkaProducer<byte[], byte[]> producer, Exception f, java.util.concurrent.atomic.AtomicLong firstFailed,
            java.util.concurrent.atomic.LongAdder acked, long last) {
        try {
            producer.flush(); // each record is answered within the producer's delivery timeout
        } catch (KafkaException e) {
            // answered all the same, as failed
        }
        long written = Math.min(firstFailed.get() - 1, last);
        long sentAfter = last - written;
        // acknowledged lines after 'written': all acknowledged ones less those up to it (every sent one up to it was)
        long ackedAfter = Math.max(0, acked.sum() - (written - Math.min(written, skipLines)));
        return new PublishFailure(f, written, sentAfter, ackedAfter);
    }

    /** The key of lines without an s: source: the input's file name, 'stdin', or the TCP feed's HOST:PORT. */
    String inputKey() {
        if (tcp != null) {
            return tcp;
        }
        if (file == null || "-".equals(file)) {
            return "stdin";
        }
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }

    /**
     * The {@code s:} parameter of a leading IEC 61162-450 tag block as UTF-8 bytes, or null when the
     * line has no tag block or no {@code s:}. The tag block checksum is left to the consumer's decoder.
     */
    static byte[] tagSource(byte[] line) {
        if (line.length == 0 || line[0] != '\\') {
            return null;
        }
        int close = -1;
        for (int i = 1; i < line.length; i++) {
            if (line[i] == '\\') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return null;
        }
        int end = close;
        for (int i = close - 1; i > 0; i--) {
            if (line[i] == '*') {
                end = i;
                break;
            }
        }
        int i = 1;
        while (i < end) {
            int comma = i;
            while (comma < end && line[comma] != ',') {
                comma++;
            }
            if (comma - i >= 2 && line[i] == 's' && line[i + 1] == ':') {
                return java.util.Arrays.copyOfRange(line, i + 2, comma);
            }
            i = comma + 1;
        }
        return null;
    }
}
