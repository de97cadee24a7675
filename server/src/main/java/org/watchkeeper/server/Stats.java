package org.watchkeeper.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Throughput figures: sampled once a second from the pipeline's counters. Messages per second are
 * the mean over the last 10 s; the per-minute series keeps the last 24 hours per source and in
 * total (key {@code null}). Thread safe.
 */
public final class Stats {
    private static final int WINDOW = 10;
    private static final int MINUTES = 24 * 60;

    private final WatchkeeperServer server;
    private final Map<String, Deque<Long>> recent = new HashMap<>();
    private final Map<String, Deque<long[]>> minutes = new HashMap<>();
    private final Map<String, Long> minuteBase = new HashMap<>();
    private long currentMinute = Long.MIN_VALUE;

    Stats(WatchkeeperServer server) {
        this.server = server;
    }

    /** Takes one sample (called once a second). */
    synchronized void sample(long nowMillis) {
        Map<String, Long> counts = new HashMap<>(server.pipeline().messagesBySource());
        counts.put("", server.pipeline().messages());
        long minute = nowMillis / 60_000 * 60_000;
        for (var e : counts.entrySet()) {
            Deque<Long> d = recent.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
            d.addLast(e.getValue());
            while (d.size() > WINDOW + 1) {
                d.removeFirst();
            }
        }
        if (minute != currentMinute) {
            for (var e : counts.entrySet()) {
                Long base = minuteBase.get(e.getKey());
                if (base != null && currentMinute != Long.MIN_VALUE) {
                    Deque<long[]> d = minutes.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>());
                    d.addLast(new long[] {currentMinute, e.getValue() - base});
                    while (d.size() > MINUTES) {
                        d.removeFirst();
                    }
                }
                minuteBase.put(e.getKey(), e.getValue());
            }
            currentMinute = minute;
        } else {
            // a source first heard within this minute: all its messages so far are this minute's
            for (String k : counts.keySet()) {
                minuteBase.putIfAbsent(k, 0L);
            }
        }
    }

    /** Mean messages per second over the last 10 s of one source ("" for all). */
    synchronized double rate(String source) {
        Deque<Long> d = recent.get(source);
        if (d == null || d.size() < 2) {
            return 0;
        }
        return (double) (d.getLast() - d.getFirst()) / (d.size() - 1);
    }

    /** Whether a source of this name is configured or has sent (messages, or lines rejected). */
    boolean knows(String source) {
        return server.sources().stream().anyMatch(s -> s.name().equals(source))
                || server.pipeline().sourceNames().contains(source);
    }

    /**
     * {@code GET /api/stats/series}: per-minute message counts of {@code source} (all sources when
     * null), the minutes starting in {@code [from, to]} only, the current minute marked partial.
     */
    synchronized ObjectNode series(String source, long from, long to) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("metric", "messages");
        if (source != null) {
            o.put("source", source);
        }
        o.put("interval_s", 60);
        ArrayNode a = o.putArray("points");
        Deque<long[]> d = minutes.get(source == null ? "" : source);
        if (d != null) {
            for (long[] p : d) {
                if (p[0] >= from && p[0] <= to) {
                    a.addObject().put("time", Api.iso(p[0])).put("count", p[1]);
                }
            }
        }
        Long base = minuteBase.get(source == null ? "" : source);
        if (base != null && currentMinute != Long.MIN_VALUE && currentMinute >= from && currentMinute <= to) {
            long now = source == null ? server.pipeline().messages()
                    : server.pipeline().messagesBySource().getOrDefault(source, 0L);
            a.addObject().put("time", Api.iso(currentMinute)).put("count", now - base).put("partial", true);
        }
        return o;
    }

    /** {@code GET /api/stats} and the stream's {@code stats} message. */
    ObjectNode json() {
        Pipeline p = server.pipeline();
        ObjectNode o = Rows.JSON.createObjectNode();
        ArrayNode a = o.putArray("sources");
        Map<String, Long> bySource = p.messagesBySource();
        List<Source> sources = server.sources();
        for (Source s : sources) {
            ObjectNode x = a.addObject();
            x.put("name", s.name());
            x.put("kind", s.kind());
            x.put("up", s.up());
            if (s.kind().startsWith("tcp")) {
                x.put("connections", s.connections());
            }
            if (s.refusedConnections() > 0) {
                x.put("refused_connections", s.refusedConnections());
            }
            if (s.kind().equals("file")) {
                x.put("finished", s.finished());
                if (s.linesReadBefore() > 0) {
                    x.put("lines_read_before", s.linesReadBefore());
                }
            }
            if (s instanceof Source.UdpSource u) {
                // lost before the server saw them: the system's count for the socket (Linux), and its buffer
                long drops = u.kernelDrops();
                if (drops >= 0) {
                    x.put("kernel_drops", drops);
                }
                if (u.receiveBufferBytes() > 0) {
                    x.put("receive_buffer_bytes", u.receiveBufferBytes());
                }
            }
            x.put("lines", s.lines());
            x.put("messages", bySource.getOrDefault(s.name(), 0L));
            if (s.name().equals(Pipeline.CLUSTER_EVENTS_SOURCE)) {
                // the job's events: new or changed ones taken, and those given again as they were
                x.put("events", p.clusterEvents());
                x.put("duplicate_events", p.duplicateClusterEvents());
            }
            x.put("messages_per_second", round(rate(s.name())));
            lastMessage(x, p, s.name());
            x.put("late_observations", p.lateObservations(s.name()));
            putHeld(x, p, s.name());
            // this feed's share of "rejected" below (line_too_long too: the rebuild counts the archive's records of them)
            rejected(x, p, s.name());
            String error = s.error();
            if (error != null) {
                x.put("error", error);
                x.put("error_time", Api.iso(s.errorTime()));
            }
        }
        // sources of earlier runs that this one does not name: their lines, read again from the raw archive at
        // the start, count in the totals below, so they are listed too, also one with rejected lines only (every
        // line too long). The total is taken from this same reading, so that the whole and its parts agree: AIS
        // messages decoded, the cluster's events (its source's "messages") not among them
        Set<String> named = new HashSet<>();
        sources.forEach(s -> named.add(s.name()));
        long messages = 0;
        for (Map.Entry<String, Long> e : bySource.entrySet()) {
            if (!e.getKey().equals(Pipeline.CLUSTER_EVENTS_SOURCE)) {
                messages += e.getValue();
            }
        }
        Set<String> others = new java.util.TreeSet<>(bySource.keySet());
        others.addAll(p.sourceNames());
        for (String name : others) {
            if (named.contains(name)) {
                continue;
            }
            ObjectNode x = a.addObject();
            x.put("name", name);
            x.put("configured", false);
            x.put("up", false);
            x.put("messages", bySource.getOrDefault(name, 0L));
            lastMessage(x, p, name);
            putHeld(x, p, name);
            rejected(x, p, name);
        }
        ObjectNode r = o.putObject("rejected");
        p.rejected().forEach(r::put);
        o.put("vessels", p.vessels().size());
        o.put("events", server.store().counts().events());
        o.put("messages", messages);
        o.put("messages_per_second", round(rate("")));
        ObjectNode shed = o.putObject("shed");
        shed.put("udp_lines", p.shed());
        shed.put("stream_messages", server.stream().shed());
        o.put("queued", p.queued());
        o.put("late_observations", p.lateObservations());
        o.put("held_observations", p.heldObservations());
        o.put("stream_clients", server.stream().clients());
        ObjectNode store = o.putObject("store");
        PostgresLocation pg = server.config().postgres();
        if (pg == null) {
            store.put("kind", "duckdb");
        } else {
            store.put("kind", "postgres");
            store.put("url", pg.displayUrl());
            store.put("schema", pg.schema());
        }
        return o;
    }

    /** A source's {@code last_message} (arrival) and {@code last_message_time} (as decoded), when it has sent one. */
    private static void lastMessage(ObjectNode x, Pipeline p, String source) {
        long last = p.lastMessage(source);
        if (last != Long.MIN_VALUE) {
            x.put("last_message", Api.iso(last));
            x.put("last_message_time", Api.iso(p.lastMessageTime(source)));
        }
    }

    /** A source's {@code rejected} object, by reason. */
    private static ObjectNode rejected(ObjectNode x, Pipeline p, String source) {
        ObjectNode rs = x.putObject("rejected");
        p.rejected(source).forEach(rs::put);
        return rs;
    }

    /**
     * A source's observations held by its stray-time check ({@link Pipeline#heldObservations(String)}):
     * {@code held_observations}, and while there are some, {@code held_since}, the event time of the first.
     */
    private static void putHeld(ObjectNode x, Pipeline p, String source) {
        x.put("held_observations", p.heldObservations(source));
        long since = p.heldSince(source);
        if (since != Long.MIN_VALUE) {
            x.put("held_since", Api.iso(since));
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
