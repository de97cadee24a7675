package org.watchkeeper.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.EventRow;

/**
 * The live stream behind {@code GET /api/stream}: Server-Sent Events {@code position} (at most one
 * per vessel per throttle interval of wall-clock time, per client), {@code event} (every event as it
 * is stored), {@code ongoing} (an episode as the detectors open it, see {@link #episodeStarted}), {@code incident} (an incident report as it is created, changed or shared, only to
 * callers who may see it) and {@code stats} (every 5 s).
 *
 * <p>Each client carries its {@link Principal} and {@link SharingPolicy}: positions and events are
 * filtered by {@link Sharing}'s and {@link EventAccess}'s rules, {@code stats} go to host-organisation clients only, and other
 * messages (incidents) are published with a per-client predicate ({@link #publish}).
 *
 * <p>The pipeline never waits for a client: each client has a queue of {@link #CLIENT_QUEUE}
 * messages, written out by the client's own request thread; when it is full, messages for that
 * client are shed and counted ({@link #shed()}). Positions, the bulk of the stream, are shed first:
 * they may fill the queue only up to {@link #POSITION_LIMIT}, so the rest stays free for events,
 * incidents and stats, which a slow client then still gets.
 */
public final class LiveStream implements Pipeline.Listener {
    /** Messages held per client before shedding. */
    public static final int CLIENT_QUEUE = 4096;
    /** Messages a client's queue may hold when a position is added; above it the position is shed. */
    public static final int POSITION_LIMIT = CLIENT_QUEUE - 512;
    /** Interval of {@code stats} messages, ms. */
    public static final long STATS_MILLIS = 5000;

    /** What a client asked for. */
    public record Filter(boolean positions, boolean events, boolean stats, double[] bbox, Set<Integer> mmsis,
                         Set<String> eventKinds, long throttleMillis, boolean incidents, boolean ongoing) {
        boolean inBox(double lat, double lon) {
            return Api.inBox(bbox, lat, lon);
        }
    }

    /**
     * One connected client: what it asked for, who it is and its sharing policy. Other parts of the
     * server publish to the clients a predicate over these admits ({@link #publish}).
     */
    public static final class Client {
        final Filter filter;
        final Principal principal;
        final SharingPolicy policy;
        final BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        final Map<Integer, Long> lastSent = new HashMap<>();

        Client(Filter f, Principal principal, SharingPolicy policy) {
            this.filter = f;
            this.principal = principal;
            this.policy = policy;
        }

        /** What the client asked for. */
        public Filter filter() {
            return filter;
        }

        /** The authenticated caller. */
        public Principal principal() {
            return principal;
        }

        /** The caller's sharing policy. */
        public SharingPolicy policy() {
            return policy;
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    /** Connected clients whose filter takes positions (the position path returns at once when 0). */
    private final AtomicInteger positionClients = new AtomicInteger();
    private final LongAdder shed = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Supplier<ObjectNode> stats;
    private volatile EventAccess eventAccess = EventAccess.green();
    private volatile boolean closed;

    /** @param stats builds the {@code stats} message (the same object as {@code GET /api/stats}) */
    public LiveStream(Supplier<ObjectNode> stats) {
        this.stats = stats;
    }

    /** Who may see which event ({@link EventAccess}: the server's event marking, zones, watchlist). */
    public void setEventAccess(EventAccess access) {
        this.eventAccess = access;
    }

    @Override
    public void position(PositionObservation p, VesselSnapshot v) {
        if (positionClients.get() == 0) {
            return;
        }
        String json = null;
        String anonymousJson = null;
        long now = System.currentTimeMillis();
        Instant nowI = Instant.ofEpochMilli(now);
        Instant time = Instant.ofEpochMilli(p.time());
        for (Client c : clients) {
            Filter f = c.filter;
            if (!f.positions() || !f.inBox(p.latitude(), p.longitude())
                    || (f.mmsis() != null && !f.mmsis().contains(p.mmsi()))) {
                continue;
            }
            boolean identity = true;
            if (c.policy != SharingPolicy.UNRESTRICTED) {
                if (!c.policy.allows(DataClass.POSITIONS, p.latitude(), p.longitude(), time, nowI)) {
                    continue;
                }
                identity = c.policy.allows(DataClass.IDENTITIES, p.latitude(), p.longitude(), time, nowI);
            }
            Long last = c.lastSent.get(p.mmsi());
            if (last != null && now - last < f.throttleMillis()) {
                continue;
            }
            if (!identity) {
                if (anonymousJson == null) {
                    anonymousJson = positionJson(p, null);
                }
                offerPosition(c, anonymousJson, p.mmsi(), now);
                continue;
            }
            if (json == null) {
                json = positionJson(p, v);
            }
            offerPosition(c, json, p.mmsi(), now);
        }
    }

    /** Queues a position for the client unless its queue is at {@link #POSITION_LIMIT} (then shed and counted). */
    private void offerPosition(Client c, String json, int mmsi, long now) {
        if (c.queue.size() < POSITION_LIMIT && c.queue.offer(new String[] {"position", json})) {
            c.lastSent.put(mmsi, now);
        } else {
            shed.increment();
        }
    }

    private static String positionJson(PositionObservation p, VesselSnapshot v) {
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("mmsi", Mmsi.format(p.mmsi()));
        o.put("lat", org.watchkeeper.core.geo.Coordinates.round6(p.latitude()));
        o.put("lon", org.watchkeeper.core.geo.Coordinates.round6(p.longitude()));
        Api.putNumber(o, "speed", p.speedOverGround());
        Api.putNumber(o, "course", p.courseOverGround());
        if (p.heading() >= 0) {
            o.put("heading", p.heading());
        }
        o.put("time", Api.iso(p.time()));
        if (v != null && v.shipType() >= 0) {
            o.put("shiptype", v.shipType());
        }
        if (v != null && v.name() != null) {
            o.put("name", v.name());
        }
        return o.toString();
    }

    @Override
    public void event(EventRow e) {
        send(e, false);
    }

    /**
     * An {@code ongoing} message: an episode the detectors have opened (a port visit begun, a vessel
     * silent long enough to be a gap), as {@code GET /api/ongoing} lists it ({@code "ongoing": true}),
     * to the clients that asked for {@code ongoing}, filtered as events are. Its {@code event} message
     * comes under the same id when it ends.
     */
    @Override
    public void episodeStarted(EventRow e) {
        send(e, true);
    }

    private void send(EventRow e, boolean ongoing) {
        if (clients.isEmpty()) {
            return;
        }
        String name = ongoing ? "ongoing" : "event";
        EventAccess.View view = null;
        Instant now = Instant.now();
        for (Client c : clients) {
            Filter f = c.filter;
            if (!(ongoing ? f.ongoing() : f.events()) || !admits(f, e)) {
                continue;
            }
            if (view == null) {
                view = eventAccess.view(e, ongoing, now);
            }
            // the rule of every route that serves events (EventAccess), per client
            String message = view.json(c.principal, c.policy);
            if (message == null) {
                continue;
            }
            if (!c.queue.offer(new String[] {name, message})) {
                shed.increment();
            }
        }
    }

    /** Whether an event is of the kinds, in the box and of the vessels the client asked for. */
    private static boolean admits(Filter f, EventRow e) {
        return (f.eventKinds() == null || f.eventKinds().contains(e.kind()))
                && (f.bbox() == null || (Double.isFinite(e.lat()) && f.inBox(e.lat(), e.lon())))
                && (f.mmsis() == null || java.util.Arrays.stream(e.mmsis()).anyMatch(f.mmsis()::contains));
    }

    /**
     * Sends a message to every client {@code visible} admits (e.g. an incident to those who may see it).
     *
     * @param name the SSE event name
     * @param json the message data
     */
    public void publish(String name, String json, Predicate<Client> visible) {
        for (Client c : clients) {
            if (visible.test(c) && !c.queue.offer(new String[] {name, json})) {
                shed.increment();
            }
        }
    }

    /**
     * {@link #publish} of an {@code incident} message to every client that asked for incidents, whose
     * box holds ({@code lat}, {@code lon}), and whose caller (principal and policy, the same ones
     * positions and events are filtered by) {@code visible} admits.
     *
     * @param lat incident latitude, degrees
     * @param lon incident longitude, degrees
     * @param json the incident JSON
     * @param visible whether a client's caller may see the incident
     */
    public void publishIncident(double lat, double lon, String json, Predicate<Client> visible) {
        publish("incident", json, c -> c.filter.incidents() && c.filter.inBox(lat, lon) && visible.test(c));
    }

    /** Serves one client of the host organisation (unrestricted) on its request thread until it disconnects. */
    public void serve(SseClient sse, Filter filter) {
        serve(sse, filter, Access.LOCAL, SharingPolicy.UNRESTRICTED);
    }

    /**
     * Serves one client on its request thread until it disconnects; every message is filtered by the
     * client's principal and policy. {@code stats} messages go to host-organisation clients only.
     */
    public void serve(SseClient sse, Filter filter, Principal principal, SharingPolicy policy) {
        Client c = connect(filter, principal, policy);
        sse.keepAlive();
        sse.onClose(() -> remove(c));
        try {
            sse.sendComment("watchkeeper live stream");
            long nextStats = filter.stats() && principal.hostOrg() ? System.currentTimeMillis() : Long.MAX_VALUE;
            long nextPing = System.currentTimeMillis() + 15_000;
            while (!sse.terminated() && !closed) {
                long now = System.currentTimeMillis();
                if (now >= nextStats) {
                    sse.sendEvent("stats", stats.get().toString());
                    nextStats = now + STATS_MILLIS;
                }
                if (now >= nextPing) {
                    sse.sendComment("ping");
                    nextPing = now + 15_000;
                }
                String[] m = c.queue.poll(Math.max(1, Math.min(nextStats, nextPing) - now), TimeUnit.MILLISECONDS);
                if (m != null) {
                    sse.sendEvent(m[0], m[1]);
                    sent.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            remove(c);
        }
    }

    private void remove(Client c) {
        if (clients.remove(c) && c.filter.positions()) {
            positionClients.decrementAndGet();
        }
    }

    /** Registers a client; its messages wait in {@link Client#queue} until it is served or removed. */
    Client connect(Filter filter, Principal principal, SharingPolicy policy) {
        Client c = new Client(filter, principal, policy);
        if (clients.add(c) && filter.positions()) {
            positionClients.incrementAndGet();
        }
        return c;
    }

    /** Ends every client's stream (at shutdown). */
    public void close() {
        closed = true;
    }

    /** Messages shed because a client's queue was full. */
    public long shed() {
        return shed.sum();
    }

    /** Messages written to clients. */
    public long sent() {
        return sent.sum();
    }

    /** Connected clients. */
    public int clients() {
        return clients.size();
    }
}
