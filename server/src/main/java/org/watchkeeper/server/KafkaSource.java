package org.watchkeeper.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.watchkeeper.core.pipeline.StrayTimeFilter;

/**
 * A Kafka topic of NMEA lines as a live source:
 * {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC[?group=GROUP&from=earliest|latest]}.
 *
 * <ul>
 *   <li>Each record's value holds one line or more (as {@code watchkeeper kafka-publish} writes
 *       them, one a record); lines are framed as a TCP stream's are, and a line without a time of
 *       its own takes the record's timestamp as its receive time. The record key is not used: the
 *       topic is one source, as an aggregator's TCP feed is.</li>
 *   <li>The partitions' lines go on to the pipeline merged in the order of the times they carry
 *       (tag block {@code c:}, {@code $PGHP}, epoch trailer), so that a backlog read from several
 *       partitions, which the consumer reads at different paces, reaches the detectors as the
 *       time-ordered feed it was and not as late observations ({@link #run()}). Each partition's
 *       records read ahead wait in a buffer ({@link #BUFFER_BYTES} over all partitions; a partition
 *       whose share is full is paused). A partition caught up with the topic's end holds nothing
 *       back, so live lines go on as they come.</li>
 *   <li>Offsets are kept in the consumer group {@code GROUP} (default {@code watchkeeper-serve-NAME})
 *       and committed for the lines handed to the pipeline (and so to the raw archive), after each
 *       poll and when the server stops; lines still waiting in a buffer are not committed. A restart
 *       goes on after the lines handed on before, neither losing nor repeating one (a record of
 *       several lines handed on in part is noted with the offset, {@code lines=N}).
 *       A group new to the topic starts at its earliest record ({@code from=earliest}, the default,
 *       so nothing the topic still holds is missed) or at the records to come ({@code
 *       from=latest}). With {@code from=earliest}, a data folder that holds no line of the source yet
 *       (a new folder, or one emptied) reads the topic from its earliest record whatever the group
 *       committed before ({@link #startFreshFolder}), and says so: its history would otherwise
 *       silently lack what the group's earlier reader took.</li>
 *   <li>A broker that cannot be reached or a topic that does not exist is the source's
 *       {@link #error()} (said once on stderr, shown in {@code /api/stats}), looked at again with
 *       back-off from 1 s to 60 s; while the topic is quiet for 10 s, the broker is asked for the
 *       topic's end offsets, so a broker gone away shows the same way.</li>
 * </ul>
 */
public final class KafkaSource extends Source {
    private static final long QUIET_CHECK_MILLIS = 10_000;
    private final String bootstrap;
    private final String topic;
    private final String group;
    private final String from;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean reading;
    /**
     * Whether the lines are NMEA, each with the time it may carry ({@link LineTime}), of up to {@link LineFramer#MAX_LINE}
     * bytes; false for the job's events ({@link Pipeline#CLUSTER_EVENTS_SOURCE}): JSON of up to {@link ClusterEvents#MAX_LINE}.
     */
    private final boolean nmea;

    private KafkaSource(String name, Pipeline pipeline, String bootstrap, String topic, String group, String from) {
        super(name, pipeline);
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group;
        this.from = from;
        this.nmea = !name.equals(Pipeline.CLUSTER_EVENTS_SOURCE);
    }

    /**
     * The Flink job's events topic as a source ({@code serve --cluster-events URI}): named
     * {@link Pipeline#CLUSTER_EVENTS_SOURCE}, lines of up to {@link ClusterEvents#MAX_LINE} bytes, one
     * event a line ({@link ClusterEvents}), handed on in each partition's order; the consumer group is
     * {@code watchkeeper-serve-cluster-events} unless the URI names one. The URI is read as a
     * {@code kafka://} source's ({@link #of}).
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static KafkaSource clusterEvents(Pipeline pipeline, String uri) {
        if (!uri.startsWith("kafka://")) {
            throw new IllegalArgumentException("--cluster-events is the job's events topic, kafka://HOST:PORT/TOPIC[?group=G&from=earliest|latest]: " + uri);
        }
        try {
            return of(Pipeline.CLUSTER_EVENTS_SOURCE, "cluster-events", pipeline, uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cluster-events: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC[?group=G&from=earliest|latest]}.
     *
     * @throws IllegalArgumentException with what is wrong: a broker without a host or port, no topic
     *     or a topic name Kafka does not allow ({@code [A-Za-z0-9._-]}, 1-249 characters), an unknown
     *     or repeated parameter, {@code from} other than {@code earliest} or {@code latest}
     */
    static KafkaSource of(String name, Pipeline pipeline, String uri) {
        return of(name, name, pipeline, uri);
    }

    /** As {@link #of(String, Pipeline, String)}; the default group is {@code watchkeeper-serve-} and {@code groupSuffix}. */
    private static KafkaSource of(String name, String groupSuffix, Pipeline pipeline, String uri) {
        String rest = uri.substring("kafka://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a Kafka source is kafka://HOST:PORT/TOPIC, with a topic: " + uri);
        }
        List<String> brokers = new ArrayList<>();
        for (String b : rest.substring(0, slash).split(",", -1)) {
            Address a = address(uri, b);
            if (a.host() == null || a.port() < 1) {
                throw new IllegalArgumentException("each Kafka broker is HOST:PORT, not '" + b + "': " + uri);
            }
            brokers.add(b);
        }
        String path = rest.substring(slash + 1);
        int q = path.indexOf('?');
        String topic = q < 0 ? path : path.substring(0, q);
        if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("a Kafka topic is 1-249 letters, digits, '.', '_' or '-', not '" + topic + "': " + uri);
        }
        Map<String, String> params = parameters(uri, List.of("group", "from"), "a kafka:// source takes group and from");
        String group = params.get("group");
        if (group != null && group.isEmpty()) {
            throw new IllegalArgumentException("group needs a name: " + uri);
        }
        String from = params.get("from");
        if (from != null && !from.equals("earliest") && !from.equals("latest")) {
            throw new IllegalArgumentException("from is earliest or latest, not '" + from + "': " + uri);
        }
        return new KafkaSource(name, pipeline, String.join(",", brokers), topic,
                group == null ? "watchkeeper-serve-" + groupSuffix : group, from == null ? "earliest" : from);
    }

    @Override
    public String kind() {
        return "kafka";
    }

    @Override
    public boolean up() {
        return reading && error() == null;
    }

    /** The consumer group whose committed offsets say where the source goes on. */
    public String group() {
        return group;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "watchkeeper-serve-" + name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from);
        // a missing topic is said, not made
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return p;
    }

    /**
     * Lines read and not yet handed on, over all assigned partitions, bytes (each line counted with
     * {@link #LINE_OVERHEAD} more): a partition is paused when its share is full and resumed when half
     * of it has gone on.
     */
    static final long BUFFER_BYTES = 32L << 20;
    /** The least a partition's share of {@link #BUFFER_BYTES} is, however many partitions are assigned. */
    static final long MIN_PARTITION_BYTES = 1L << 20;
    /** Bytes a buffered line is counted with beyond its own. */
    private static final int LINE_OVERHEAD = 64;
    /**
     * How long the merge waits for a partition that still has records to read but gives none (a
     * broker slow to answer for it): after that the other partitions go on without it.
     */
    static final long PARTITION_WAIT_MILLIS = 5_000;
    /** Lines handed on between two polls at most, so that a long backlog does not keep the consumer from polling. */
    private static final int LINES_PER_POLL = 20_000;
    /** The offset metadata that says how many lines of the committed offset's record were handed on already. */
    private static final String LINES_PREFIX = "lines=";

    /** One record's lines, their times (or {@code Long.MIN_VALUE}) and how many have gone on. */
    private static final class Pending {
        final long offset;
        final long received;
        final byte[][] lines;
        final long[] times;
        int next;

        Pending(long offset, long received, List<byte[]> lines, boolean nmea) {
            this.offset = offset;
            this.received = received;
            this.lines = lines.toArray(new byte[0][]);
            this.times = new long[this.lines.length];
            for (int i = 0; i < this.lines.length; i++) {
                times[i] = nmea ? LineTime.of(this.lines[i]) : Long.MIN_VALUE;
            }
        }
    }

    /** An assigned partition: its records read and not yet handed on, in offset order, and how far it has gone on. */
    private static final class Partition {
        final TopicPartition tp;
        final ArrayDeque<Pending> records = new ArrayDeque<>();
        long bytes;
        boolean paused;
        /** The offset to commit (the first record not wholly handed on), or -1 while nothing has gone on. */
        long commitOffset = -1;
        /** Lines of the record at {@link #commitOffset} handed on already. */
        int commitLines;
        boolean progressed;
        /** A record whose first lines went on before the last stop, and how many. */
        long skipOffset = -1;
        int skipLines;
        /** Since when the merge has waited for this partition to give records (System.nanoTime()), or 0. */
        long waitingSince;
        /** The time the partition's last line with a time went on at, or {@code Long.MIN_VALUE}. */
        long lastTime = Long.MIN_VALUE;

        Partition(TopicPartition tp) {
            this.tp = tp;
        }

        OffsetAndMetadata commit() {
            return new OffsetAndMetadata(commitOffset, commitLines > 0 ? LINES_PREFIX + commitLines : "");
        }

        /** Drops records all of whose lines have gone on (and records without lines) from the front. */
        void dropDone() {
            while (!records.isEmpty() && records.peekFirst().next == records.peekFirst().lines.length) {
                commitOffset = records.removeFirst().offset + 1;
                commitLines = 0;
                progressed = true;
            }
        }

        /**
         * The time the line at the head goes on at: its own, or {@code Long.MIN_VALUE} for a line without
         * one. A time more than {@link StrayTimeFilter#DEFAULT_MAX_JUMP_MILLIS} ahead of the partition's
         * last while the partition's next line with a time is back near the last (a stray clock reading,
         * which the pipeline leaves out) takes the last, so that it does not hold the partition back.
         */
        long headTime() {
            Pending r = records.peekFirst();
            long t = r.times[r.next];
            if (t == Long.MIN_VALUE || lastTime == Long.MIN_VALUE || t - lastTime <= StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS) {
                return t;
            }
            int looked = 0;
            for (Pending q : records) {
                for (int i = q == r ? r.next + 1 : q.next; i < q.lines.length && looked < STRAY_LOOKAHEAD; i++, looked++) {
                    if (q.times[i] != Long.MIN_VALUE) {
                        return q.times[i] - lastTime <= StrayTimeFilter.DEFAULT_MAX_JUMP_MILLIS ? lastTime : t;
                    }
                }
            }
            return t;
        }
    }

    /** The partition the last line handed on came from (read and written on the source thread only). */
    private Partition lastOut;

    /** Lines looked at after a time far ahead for the next time of its partition (see {@link Partition#headTime()}). */
    private static final int STRAY_LOOKAHEAD = 64;

    /**
     * Reads the topic. The records of each assigned partition wait in a bounded buffer, and lines go on
     * to the pipeline merged in the order of the times they carry (tag block {@code c:}, {@code $PGHP},
     * epoch trailer, as {@link LineTime} reads them): the next line is the earliest at the head of any
     * partition's buffer, and none goes on while a partition with nothing buffered still has records
     * to read (its lag), for at most {@link #PARTITION_WAIT_MILLIS}; a line without a time goes on at
     * once after the line before it in its partition. A partition caught up with the topic's end
     * holds nothing back, so live lines go on as they come.
     */
    /** The topic, its brokers and the consumer group; for the job's events, that the shipped detectors run there. */
    @Override
    public String describe() {
        String where = "topic " + topic + " at " + bootstrap + ", group " + group;
        return !nmea
                ? "the Flink job's events, " + where + "; the shipped detectors run in the job, not here" : where;
    }

    @Override
    protected void run() throws InterruptedException {
        String where = bootstrap;
        List<byte[]> framed = new ArrayList<>();
        LineFramer f = new LineFramer(framed::add, nmea ? LineFramer.MAX_LINE : ClusterEvents.MAX_LINE);
        Map<TopicPartition, Partition> parts = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            if (closed) {
                return;
            }
            try {
                awaitTopic(c, where);
                c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                        // lines not handed on are dropped: the partition's next reader reads them from the commit
                        commit(c, parts, revoked);
                        revoked.forEach(parts::remove);
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> lost) {
                        lost.forEach(parts::remove);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                        assign(c, parts, assigned);
                    }
                });
                reading = true;
                long lastRecord = System.currentTimeMillis();
                long backoff = 1000;
                long before = 0;
                Duration wait = Duration.ofMillis(500);
                while (!closed) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(wait);
                    long now = System.currentTimeMillis();
                    for (TopicPartition tp : records.partitions()) {
                        Partition p = parts.get(tp);
                        if (p == null) {
                            continue;
                        }
                        p.waitingSince = 0;
                        for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                            framed.clear();
                            byte[] v = r.value();
                            if (v != null) {
                                f.feed(v, 0, v.length);
                                f.endLine();
                            }
                            Pending pending = new Pending(r.offset(), r.timestamp() > 0 ? r.timestamp() : now, framed, nmea);
                            if (r.offset() == p.skipOffset) {
                                pending.next = Math.min(p.skipLines, pending.lines.length);
                            }
                            p.skipOffset = -1;
                            p.records.addLast(pending);
                            for (int i = pending.next; i < pending.lines.length; i++) {
                                p.bytes += pending.lines[i].length + LINE_OVERHEAD;
                            }
                        }
                    }
                    tooLong(f.overlong() - before);
                    before = f.overlong();
                    int handed = handOn(c, parts.values());
                    // waiting for a partition: look again soon, for its records or the end of the wait
                    wait = handed == LINES_PER_POLL ? Duration.ZERO : handed < 0 ? Duration.ofMillis(100) : Duration.ofMillis(500);
                    long share = Math.max(MIN_PARTITION_BYTES, BUFFER_BYTES / Math.max(1, parts.size()));
                    for (Partition p : parts.values()) {
                        if (!p.paused && p.bytes >= share) {
                            c.pause(List.of(p.tp));
                            p.paused = true;
                        } else if (p.paused && p.bytes <= share / 2) {
                            c.resume(List.of(p.tp));
                            p.paused = false;
                        }
                    }
                    Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                    for (Partition p : parts.values()) {
                        if (p.progressed) {
                            progress.put(p.tp, p.commit());
                            p.progressed = false;
                        }
                    }
                    if (!progress.isEmpty()) {
                        c.commitAsync(progress, null);
                        freshFolder = false; // lines are archived: a later assignment goes on from the commits
                    }
                    if (!records.isEmpty()) {
                        lastRecord = now;
                        recovered("reading topic " + topic + " at " + where + " again");
                    } else if (now - lastRecord >= QUIET_CHECK_MILLIS) {
                        // a quiet topic, or a broker gone: ask the broker
                        lastRecord = now;
                        Set<TopicPartition> assigned = c.assignment();
                        try {
                            c.endOffsets(assigned.isEmpty() ? List.of(new TopicPartition(topic, 0)) : assigned, Duration.ofSeconds(5));
                            recovered("reading topic " + topic + " at " + where + " again");
                            backoff = 1000;
                        } catch (org.apache.kafka.common.errors.TimeoutException e) {
                            failed("cannot reach Kafka at " + where + " (topic " + topic + ")", "asking again in " + backoff / 1000
                                    + " s, then at most every 60 s");
                            Thread.sleep(backoff);
                            backoff = Math.min(60_000, backoff * 2);
                        }
                    }
                }
            } catch (WakeupException | InterruptException e) {
                // closing
            } finally {
                reading = false;
                // the stop interrupts this thread; the last commit goes first. Lines read and not handed
                // on are not committed: a restart reads them again.
                boolean interrupted = Thread.interrupted();
                try {
                    try {
                        commitSync(c, parts, parts.keySet());
                    } catch (WakeupException e) {
                        // the stop's wakeup came while this thread was not polling (handing lines on, or
                        // leaving the loop on closed): it is raised once, by the next call, so commit again
                        commitSync(c, parts, parts.keySet());
                    }
                    // committed: the revocation as the consumer closes has nothing more to say
                    parts.clear();
                } catch (KafkaException e) {
                    // the broker is away: the records since the last commit are read again after a restart
                    System.err.println("source " + name + ": offsets not committed at stop: "
                            + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                } else {
                    streamEnded(); // a consumer ended by an error ends the stream; a stop does not (see streamEnded)
                }
            }
        } catch (KafkaException e) {
            if (!closed) {
                failed("Kafka consumer stopped: " + e.getMessage(), "the source has stopped");
            }
        }
    }

    /**
     * Hands lines on in time order (see {@link #run()}) until the buffers allow no more or
     * {@link #LINES_PER_POLL} have gone.
     *
     * @return the lines handed on, or {@code -1 - handed} when it stopped to wait for a partition
     */
    private int handOn(KafkaConsumer<byte[], byte[]> c, Collection<Partition> parts) throws InterruptedException {
        int handed = 0;
        // a stop hands nothing more on: what is handed on is committed, what waits is read again after a restart
        while (handed < LINES_PER_POLL && !closed) {
            Partition next = null;
            long nextTime = Long.MAX_VALUE;
            boolean waitFor = false;
            long nowNanos = System.nanoTime();
            for (Partition p : parts) {
                p.dropDone();
                if (p.records.isEmpty()) {
                    waitFor |= mayHaveMore(c, p, nowNanos);
                    continue;
                }
                long t = p.headTime();
                if (t == Long.MIN_VALUE) {
                    // no time of its own: it goes with the line before it
                    next = p;
                    nextTime = Long.MAX_VALUE;
                    waitFor = false;
                    break;
                }
                // at the same time, the partition that went last goes on (a multi-sentence message stays whole)
                if (t < nextTime || (t == nextTime && p == lastOut)) {
                    next = p;
                    nextTime = t;
                }
            }
            if (next == null || waitFor) {
                return waitFor ? -1 - handed : handed;
            }
            if (nextTime != Long.MAX_VALUE) {
                next.lastTime = nextTime;
            }
            Pending r = next.records.peekFirst();
            byte[] line = r.lines[r.next];
            deliver(line, r.received);
            r.next++;
            next.bytes -= line.length + LINE_OVERHEAD;
            next.commitOffset = r.offset;
            next.commitLines = r.next;
            next.progressed = true;
            next.dropDone();
            lastOut = next;
            handed++;
        }
        return handed;
    }

    /**
     * Whether a partition with nothing buffered may still have records to read: its lag is not known
     * yet or above 0, and it has not kept the merge waiting for {@link #PARTITION_WAIT_MILLIS}.
     */
    private static boolean mayHaveMore(KafkaConsumer<byte[], byte[]> c, Partition p, long nowNanos) {
        OptionalLong lag = c.currentLag(p.tp);
        if (lag.isPresent() && lag.getAsLong() <= 0) {
            p.waitingSince = 0;
            return false;
        }
        if (p.waitingSince == 0) {
            p.waitingSince = nowNanos;
        }
        return nowNanos - p.waitingSince < PARTITION_WAIT_MILLIS * 1_000_000L;
    }

    /**
     * Set before the start when the data folder holds no line of this source: with {@code from=earliest}, the
     * partitions are read from their earliest record, not from the group's committed offsets, until lines are
     * handed on (and so archived and committed).
     */
    private volatile boolean freshFolder;

    /** @param fresh whether the data folder holds no line of this source yet (see the class description) */
    public void startFreshFolder(boolean fresh) {
        this.freshFolder = fresh && from.equals("earliest");
    }

    /** Adds newly assigned partitions, each going on after the lines of its committed record handed on before. */
    private void assign(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Partition> parts, Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = assigned.isEmpty() ? Map.of() : c.committed(new java.util.HashSet<>(assigned), Duration.ofSeconds(10));
        } catch (KafkaException e) {
            committed = Map.of();
            System.err.println("source " + name + ": committed offsets not read (" + e.getMessage() + "); a record handed on in"
                    + " part before the last stop may be read again whole");
        }
        if (freshFolder) {
            List<TopicPartition> rewind = new ArrayList<>();
            for (TopicPartition tp : assigned) {
                if (committed.get(tp) != null) {
                    rewind.add(tp);
                }
            }
            if (!rewind.isEmpty()) {
                c.seekToBeginning(rewind);
                committed = Map.of();
                System.err.println("source " + name + ": this data folder holds no line of it yet, so it reads topic " + topic
                        + " from its earliest record, not from where consumer group " + group + " had got to");
            }
        }
        for (TopicPartition tp : assigned) {
            Partition p = new Partition(tp);
            OffsetAndMetadata om = committed.get(tp);
            String meta = om == null ? null : om.metadata();
            if (meta != null && meta.startsWith(LINES_PREFIX)) {
                try {
                    p.skipLines = Integer.parseInt(meta.substring(LINES_PREFIX.length()));
                    p.skipOffset = om.offset();
                } catch (NumberFormatException e) {
                    // not ours: the record is read whole
                }
            }
            parts.put(tp, p);
        }
    }

    /** Commits how far the given partitions have gone on, at once (the stop, a rebalance); says why not when it cannot. */
    private void commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Partition> parts, Collection<TopicPartition> which) {
        try {
            commitSync(c, parts, which);
        } catch (KafkaException e) {
            System.err.println("source " + name + ": offsets not committed: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private static void commitSync(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Partition> parts,
            Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : which) {
            Partition p = parts.get(tp);
            if (p != null && p.commitOffset >= 0) {
                offsets.put(tp, p.commit());
            }
        }
        if (!offsets.isEmpty()) {
            c.commitSync(offsets, Duration.ofSeconds(5));
        }
    }

    /** Waits until the broker answers and knows the topic, saying why while it does not. */
    private void awaitTopic(KafkaConsumer<byte[], byte[]> c, String where) throws InterruptedException {
        long backoff = 1000;
        while (!closed) {
            String why;
            try {
                List<PartitionInfo> parts = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (parts != null && !parts.isEmpty()) {
                    recovered("topic " + topic + " found at " + where);
                    return;
                }
                why = "topic " + topic + " not found at " + where;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                why = "cannot reach Kafka at " + where + " (topic " + topic + ")";
            } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
                why = "topic " + topic + " not found at " + where;
            }
            failed(why, "asking again in " + backoff / 1000 + " s, then at most every 60 s");
            Thread.sleep(backoff);
            backoff = Math.min(60_000, backoff * 2);
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        // the woken consumer commits what went on and ends; an interrupt during that commit would lose it
        // (and said "offsets not committed at stop: java.lang.InterruptedException" at every clean stop).
        // A thread held up handing a line to a full pipeline is interrupted after the wait.
        awaitEnd(STOP_WAIT_MILLIS);
        super.close();
    }

    /** How long a stop waits for the consumer to commit and end before interrupting it, ms. */
    static final long STOP_WAIT_MILLIS = 10_000;
}
