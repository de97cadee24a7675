package org.watchkeeper.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.core.util.PlainJson;
import org.watchkeeper.store.EventRow;

/**
 * The live stream behind {@code GET /api/stream}: Server-Sent Events {@code position} (at most one
 * per vessel per throttle interval of wall-clock time, per client, and the last of each interval: see
 * below), {@code event} (every event as it
 * is stored), {@code ongoing} (an episode as the detectors open it, see {@link #episodeStarted}), {@code incident} (an incident report as it is created, changed or shared, only to
 * callers who may see it) and {@code stats} (every 5 s).
 *
 * <p>Each client carries its {@link Principal} and {@link SharingPolicy}: positions and events are
 * filtered by {@link Sharing}'s and {@link EventAccess}'s rules, {@code stats} go to host-organisation clients only, and other
 * messages (incidents) are published with a per-client predicate ({@link #publish}).
 *
 * <p>A client served with {@link Credentials} (every {@code /api/stream} request) is judged by the rules
 * of a request at the time each message is sent, not only when it connected: when the accounts change
 * (the credentials' {@link Credentials#version version} moves), its {@link Standing} is established
 * again from the accounts held in memory, once per change and client, not per message. A refused
 * standing (token revoked or expired, user disabled or deleted) ends the stream with a last
 * {@code error} message, {@code {"error": why, "status": 401}} in the words a request would get; a
 * changed principal or policy (a role or a partner's sharing policy) applies to the next message sent:
 * a message queued for the old one is judged again, or dropped. The accounts tell the stream of each
 * change ({@link #accountsChanged}), so an idle stream ends at once too; a token's expiry ends it when
 * it comes.
 *
 * <p>The pipeline never waits for a client: each client has a queue of {@link #CLIENT_QUEUE}
 * messages, written out by the client's own request thread; when it is full, messages for that
 * client are shed and counted ({@link #shed()}). Positions, the bulk of the stream, are shed first:
 * they may fill the queue only up to {@link #POSITION_LIMIT}, so the rest stays free for events,
 * incidents and stats, which a slow client then still gets. A client that lost messages is told so
 * in its stream: before the next message it is sent comes a {@code lost} message,
 * {@code {"messages": N, "by_kind": {"position": n, ...}, "since": time}}, counting the messages shed
 * for it since it was last told, by their message name, {@code since} the wall-clock time the first
 * of them was shed ({@link Client#lostNotice}); a few counters per client, whatever it lost.
 *
 * <p>Each message has an SSE {@code id}: its number on the connection, 1 for the first. The stream does
 * not replay: a new connection (an EventSource reconnecting with {@code Last-Event-ID}, which is not
 * read) starts again at 1 with what comes from then on, so ids that start again tell a reconnection,
 * and a {@code lost} message a gap within one connection.
 *
 * <p>Positions are throttled per client and vessel: a vessel's position is sent at once when none was
 * sent to the client in the last {@link Filter#throttleMillis} of wall-clock time; one that comes
 * sooner is held as the client's pending position of that vessel, replacing the one held before (the
 * newest that came, never one of an earlier observation time), and sent when the interval since the
 * last one sent has passed ({@link #flushPending}, every {@link #PENDING_CHECK_MILLIS}). A vessel that
 * keeps reporting thus gets one message per interval, the last of each, and its last position after a
 * burst, or before it falls silent, comes within about an interval. A held position is judged when
 * it is sent, by the client's standing then: its sharing policy may withhold it or its identity. A
 * client holds at most one position per vessel; its held positions go when it disconnects, and are
 * queued (or shed) by the same rules as any position.
 */
public final class LiveStream implements Pipeline.Listener {
    /** Messages held per client before shedding. */
    public static final int CLIENT_QUEUE = 4096;
    /** Messages a client's queue may hold when a position is added; above it the position is shed. */
    public static final int POSITION_LIMIT = CLIENT_QUEUE - 512;
    /** Interval of {@code stats} messages, ms. */
    public static final long STATS_MILLIS = 5000;
    /** How often held positions whose throttle interval has passed are sent ({@link #flushPending}), ms. */
    public static final long PENDING_CHECK_MILLIS = 250;

    /** What a client asked for. */
    public record Filter(boolean positions, boolean events, boolean stats, double[] bbox, Set<Integer> mmsis,
                         Set<String> eventKinds, long throttleMillis, boolean incidents, boolean ongoing) {
        boolean inBox(double lat, double lon) {
            return Api.inBox(bbox, lat, lon);
        }
    }

    /**
     * Who a client is at a moment: its principal, its sharing policy and when its token expires (null:
     * never); or, with {@code refusal} set, why it may no longer be served (the 401 message a request
     * would get).
     */
    public record Standing(Principal principal, SharingPolicy policy, Instant expires, String refusal) {
        /** A caller who may be served. */
        public static Standing of(Principal principal, SharingPolicy policy, Instant expires) {
            return new Standing(principal, policy, expires, null);
        }

        /** A caller who may no longer be served, and why. */
        public static Standing refused(String why) {
            return new Standing(null, null, null, why);
        }

        /** Whether messages judged for {@code o} are judged alike for this one. */
        boolean sameAs(Standing o) {
            return refusal == null && o.refusal == null && principal.equals(o.principal)
                    && (policy == o.policy || policy.equals(o.policy)) && java.util.Objects.equals(expires, o.expires);
        }
    }

    /**
     * How a client's caller is judged again: the same rules as a request's authentication, over state
     * held in memory (no I/O), so that a stream is judged as a request would be at each message.
     */
    public interface Credentials {
        /** A number that moves whenever anything {@link #standing} depends on may have changed. */
        long version();

        /** The caller's standing now. */
        Standing standing(Instant now);
    }

    /**
     * A queued message: its SSE name, its data as judged for {@code standing}, and how to judge it again
     * for the client's standing when that has changed by the time it is sent (null: not to be sent). A
     * message queued without a standing (a held position) is judged by {@code again} when it is sent.
     */
    record Item(String name, String json, Standing standing, Function<Client, String> again) {
    }

    /** Wakes a client's thread to look at its standing (the accounts changed); sends nothing. */
    static final Item WAKE = new Item(null, null, null, null);

    /**
     * One connected client: what it asked for, who it is and its sharing policy. Other parts of the
     * server publish to the clients a predicate over these admits ({@link #publish}).
     */
    public static final class Client {
        final Filter filter;
        final Credentials credentials;
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        /** Per vessel, when its last position was queued and what is held since; guarded by itself. */
        final Map<Integer, Throttle> throttle = new HashMap<>();
        /** The vessels of {@link #throttle} listed as holding a position (some may have sent it since); guarded by {@link #throttle}. */
        final ArrayList<Throttle> pending = new ArrayList<>();
        /** Disconnected: nothing more is held for it; guarded by {@link #throttle}. */
        private boolean gone;
        private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Standing standing;
        /** The credentials' version {@link #standing} was established at. */
        private volatile long version;
        /** Why the stream ends (null while it may go on). */
        private volatile String ended;
        /**
         * Messages shed for this client since it was last told ({@link #lostNotice}), per message name
         * (a handful at most: the stream's kinds); guarded by itself.
         */
        private final Map<String, long[]> lost = new java.util.TreeMap<>();
        /** Wall-clock ms the first message of {@link #lost} was shed; guarded by {@link #lost}. */
        private long lostSince;

        Client(Filter f, Credentials credentials, long version, Standing standing) {
            this.filter = f;
            this.credentials = credentials;
            this.version = version;
            this.standing = standing;
            if (standing.refusal() != null) {
                ended = standing.refusal();
            }
        }

        /** What the client asked for. */
        public Filter filter() {
            return filter;
        }

        /** The authenticated caller, as last judged. */
        public Principal principal() {
            return standing.principal();
        }

        /** The caller's sharing policy, as last judged. */
        public SharingPolicy policy() {
            return standing.policy();
        }

        /** Why the stream ended, or null while it goes on. */
        public String ended() {
            return ended;
        }

        /**
         * The client's standing at {@code now}, judged again when the credentials' version has moved
         * since it was last judged (a version compare per call otherwise); null once the stream is to
         * end ({@link #ended}). Safe from any thread: the pipeline's and the client's own.
         */
        Standing standing(Instant now) {
            if (ended != null) {
                return null;
            }
            if (credentials != null) {
                long v = credentials.version();
                if (v != version) {
                    // judged outside any lock (the accounts take their own); installed unless a newer judgement was
                    Standing s = credentials.standing(now);
                    synchronized (this) {
                        if (v - version > 0) {
                            version = v;
                            if (s.refusal() != null) {
                                end(s.refusal());
                            } else if (!s.sameAs(standing)) {
                                standing = s;
                            }
                        }
                    }
                }
            }
            Standing s = standing;
            if (s.expires() != null && !now.isBefore(s.expires())) {
                end("the token expired");
            }
            return ended == null ? s : null;
        }

        /** Positions held for it now, at most one per vessel. */
        int held() {
            synchronized (throttle) {
                int n = 0;
                for (Throttle t : pending) {
                    if (t.position != null) {
                        n++;
                    }
                }
                return n;
            }
        }

        /**
         * The data of a queued message as it is to be sent at {@code now}: as queued when the client's
         * standing is the one it was judged for, else judged again; null when it is not to be sent (or
         * the stream is to end).
         */
        String judged(Item m, Instant now) {
            Standing at = standing(now);
            if (at == null) {
                return null;
            }
            return m.standing() == at ? m.json() : m.again().apply(this);
        }

        /** Ends the stream: what is queued is dropped, and the client's thread is woken to say why. */
        void end(String why) {
            if (ended == null) {
                ended = why;
            }
            queue.clear();
            queue.offer(WAKE);
        }

        /** Counts a message named {@code name} shed for this client at wall-clock time {@code now}, ms. */
        void lose(String name, long now) {
            synchronized (lost) {
                if (lost.isEmpty()) {
                    lostSince = now;
                }
                lost.computeIfAbsent(name, k -> new long[1])[0]++;
            }
        }

        /**
         * The {@code lost} message telling the client of the messages shed for it since it was last
         * told, {@code {"messages": N, "by_kind": {...}, "since": time}}, and counts them told; null when
         * none were shed.
         */
        String lostNotice() {
            synchronized (lost) {
                if (lost.isEmpty()) {
                    return null;
                }
                ObjectNode o = Rows.JSON.createObjectNode();
                ObjectNode byKind = Rows.JSON.createObjectNode();
                long n = 0;
                for (Map.Entry<String, long[]> e : lost.entrySet()) {
                    byKind.put(e.getKey(), e.getValue()[0]);
                    n += e.getValue()[0];
                }
                o.put("messages", n);
                o.set("by_kind", byKind);
                o.put("since", Api.iso(lostSince));
                lost.clear();
                return o.toString();
            }
        }

        /** Wakes the client's thread, once until it has woken, to judge its standing again. */
        void wake() {
            if (wakePending.compareAndSet(false, true) && !queue.offer(WAKE)) {
                wakePending.set(false); // a full queue: its thread is busy and judges at its next message
            }
        }
    }

    /**
     * One vessel's throttle for one client: when its last position was queued, and the position held
     * since (null: none) with the vessel's state that came with it.
     */
    static final class Throttle {
        /** Wall-clock ms the vessel's last position was queued for the client. */
        long sent;
        PositionObservation position;
        VesselSnapshot vessel;
        /** Whether it is in {@link Client#pending}. */
        boolean listed;

        Throttle(long sent) {
            this.sent = sent;
        }

        /** Holds {@code p} unless the position held already is of a later observation time. */
        void hold(PositionObservation p, VesselSnapshot v) {
            // the picture's order: an accepted fix is never older than the one before, and of two of
            // one time the later to come is the position of record
            if (position == null || p.time() >= position.time()) {
                position = p;
                vessel = v;
            }
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
        position(p, v, System.currentTimeMillis());
    }

    /** {@link #position(PositionObservation, VesselSnapshot)} at wall-clock time {@code now}, ms. */
    void position(PositionObservation p, VesselSnapshot v, long now) {
        String json = null;
        String anonymousJson = null;
        Function<Client, String> again = null;
        Integer key = null;
        Instant nowI = Instant.ofEpochMilli(now);
        Instant time = Instant.ofEpochMilli(p.time());
        for (Client c : clients) {
            Filter f = c.filter;
            if (!f.positions() || !f.inBox(p.latitude(), p.longitude())
                    || (f.mmsis() != null && !f.mmsis().contains(p.mmsi()))) {
                continue;
            }
            Standing s = c.standing(nowI);
            if (s == null) {
                continue;
            }
            boolean identity = true;
            if (s.policy() != SharingPolicy.UNRESTRICTED) {
                if (!s.policy().allows(DataClass.POSITIONS, p.latitude(), p.longitude(), time, nowI)) {
                    continue;
                }
                identity = s.policy().allows(DataClass.IDENTITIES, p.latitude(), p.longitude(), time, nowI);
            }
            long interval = f.throttleMillis();
            Throttle t = null;
            if (interval > 0) {
                if (key == null) {
                    key = p.mmsi(); // one box for every client
                }
                synchronized (c.throttle) {
                    t = c.throttle.get(key);
                    if (t != null && now - t.sent < interval) {
                        // within the interval: held, to be sent when it ends (flushPending)
                        if (!c.gone) {
                            t.hold(p, v);
                            if (!t.listed) {
                                t.listed = true;
                                c.pending.add(t);
                            }
                        }
                        continue;
                    }
                    if (t != null) {
                        // a position held from the interval before is older than this one
                        t.position = null;
                        t.vessel = null;
                    }
                }
            }
            if (again == null) {
                again = x -> positionMessage(p, v, time, x.policy(), Instant.now());
            }
            String message;
            if (identity) {
                if (json == null) {
                    json = positionJson(p, v);
                }
                message = json;
            } else {
                if (anonymousJson == null) {
                    anonymousJson = positionJson(p, null);
                }
                message = anonymousJson;
            }
            if (offerPosition(c, new Item("position", message, s, again)) && interval > 0) {
                synchronized (c.throttle) {
                    if (t != null) {
                        t.sent = now;
                    } else if (!c.gone) {
                        c.throttle.put(key, new Throttle(now));
                    }
                }
            }
        }
    }

    /**
     * Sends every held position whose vessel's throttle interval has passed (see the class comment):
     * queued for its client, to be judged by the client's standing when it is sent. Called every
     * {@link #PENDING_CHECK_MILLIS} by the server; does not block.
     */
    public void flushPending() {
        flushPending(System.currentTimeMillis());
    }

    /** {@link #flushPending()} at wall-clock time {@code now}, ms. */
    void flushPending(long now) {
        if (positionClients.get() == 0) {
            return;
        }
        for (Client c : clients) {
            long interval = c.filter.throttleMillis();
            synchronized (c.throttle) {
                List<Throttle> pending = c.pending;
                if (pending.isEmpty()) {
                    continue;
                }
                int kept = 0;
                for (int i = 0; i < pending.size(); i++) {
                    Throttle t = pending.get(i);
                    if (t.position == null) {
                        t.listed = false; // sent at once by a newer position
                    } else if (now - t.sent < interval) {
                        pending.set(kept++, t);
                    } else {
                        PositionObservation p = t.position;
                        VesselSnapshot v = t.vessel;
                        t.position = null;
                        t.vessel = null;
                        t.listed = false;
                        Instant time = Instant.ofEpochMilli(p.time());
                        if (offerPosition(c, new Item("position", null, null,
                                x -> positionMessage(p, v, time, x.policy(), Instant.now())))) {
                            t.sent = now;
                        }
                    }
                }
                pending.subList(kept, pending.size()).clear();
            }
        }
    }

    /** A position as {@code policy} lets it be shown at {@code now} (without identity where IDENTITIES is not allowed), or null. */
    private static String positionMessage(PositionObservation p, VesselSnapshot v, Instant time, SharingPolicy policy, Instant now) {
        if (policy == SharingPolicy.UNRESTRICTED) {
            return positionJson(p, v);
        }
        if (!policy.allows(DataClass.POSITIONS, p.latitude(), p.longitude(), time, now)) {
            return null;
        }
        return positionJson(p, policy.allows(DataClass.IDENTITIES, p.latitude(), p.longitude(), time, now) ? v : null);
    }

    /** Queues a position for the client unless its queue is at {@link #POSITION_LIMIT} (then shed and counted); whether it was queued. */
    private boolean offerPosition(Client c, Item m) {
        if (c.queue.size() < POSITION_LIMIT && c.queue.offer(m)) {
            return true;
        }
        shed(c, "position");
        return false;
    }

    /** Counts a message shed for a client: in the stream's total and the client's own, which it is told of. */
    private void shed(Client c, String name) {
        shed.increment();
        c.lose(name, System.currentTimeMillis());
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
        return PlainJson.write(o);
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
        EventAccess access = eventAccess;
        EventAccess.View view = null;
        Instant now = Instant.now();
        // a message waiting in a queue whose client's standing changed is judged again by the same rule
        Function<Client, String> again = c -> access.view(e, ongoing, Instant.now()).json(c.principal(), c.policy());
        for (Client c : clients) {
            Filter f = c.filter;
            if (!(ongoing ? f.ongoing() : f.events()) || !admits(f, e)) {
                continue;
            }
            Standing s = c.standing(now);
            if (s == null) {
                continue;
            }
            if (view == null) {
                view = access.view(e, ongoing, now);
            }
            // the rule of every route that serves events (EventAccess), per client
            String message = view.json(s.principal(), s.policy());
            if (message == null) {
                continue;
            }
            if (!c.queue.offer(new Item(name, message, s, again))) {
                shed(c, name);
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
     * The predicate is asked again, at the time the message is sent, of a client whose principal or
     * policy has changed since.
     *
     * @param name the SSE event name
     * @param json the message data
     */
    public void publish(String name, String json, Predicate<Client> visible) {
        Instant now = Instant.now();
        Function<Client, String> again = c -> visible.test(c) ? json : null;
        for (Client c : clients) {
            Standing s = c.standing(now);
            if (s != null && visible.test(c) && !c.queue.offer(new Item(name, json, s, again))) {
                shed(c, name);
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

    /**
     * {@link #publish} of an {@code incident_withdrawn} message, {@code {"id": ..., "reason": ...}}, to
     * every client that asked for incidents, whose box holds the incident as it was, and which
     * {@code hadIt} admits: one that could see the incident and may no longer (it was deleted, or
     * re-marked or shared with fewer), so that an open map drops it.
     *
     * @param id the incident's id
     * @param reason {@code deleted} or {@code not_visible}
     * @param lat the incident's latitude before, degrees
     * @param lon the incident's longitude before, degrees
     * @param hadIt whether a client could see the incident and may not any more
     */
    public void withdrawIncident(String id, String reason, double lat, double lon, Predicate<Client> hadIt) {
        String json = Rows.JSON.createObjectNode().put("id", id).put("reason", reason).toString();
        publish("incident_withdrawn", json, c -> c.filter.incidents() && c.filter.inBox(lat, lon) && hadIt.test(c));
    }

    /** Serves one client of the host organisation (unrestricted) on its request thread until it disconnects. */
    public void serve(SseClient sse, Filter filter) {
        serve(sse, filter, Access.LOCAL, SharingPolicy.UNRESTRICTED);
    }

    /**
     * Serves one client on its request thread until it disconnects; every message is filtered by the
     * client's principal and policy, which stay as given. {@code stats} messages go to host-organisation clients only.
     */
    public void serve(SseClient sse, Filter filter, Principal principal, SharingPolicy policy) {
        serve(sse, connect(filter, principal, policy));
    }

    /**
     * Serves one client on its request thread until it disconnects or its credentials are refused;
     * every message is filtered by the caller's principal and policy as {@code credentials} judge them
     * when it is sent (see the class comment). {@code stats} messages go to host-organisation clients only.
     */
    public void serve(SseClient sse, Filter filter, Credentials credentials) {
        serve(sse, connect(filter, credentials));
    }

    /** Where a client's messages are written: its SSE connection, or a test's. */
    interface Out {
        /** Writes an SSE message: {@code id: id}, {@code event: name}, {@code data: data}. */
        void event(String name, String data, String id);

        void comment(String text);

        boolean terminated();

        void close();
    }

    private void serve(SseClient sse, Client c) {
        sse.keepAlive();
        sse.onClose(() -> remove(c));
        serve(new Out() {
            @Override
            public void event(String name, String data, String id) {
                sse.sendEvent(name, data, id);
            }

            @Override
            public void comment(String text) {
                sse.sendComment(text);
            }

            @Override
            public boolean terminated() {
                return sse.terminated();
            }

            @Override
            public void close() {
                sse.close();
            }
        }, c);
    }

    /** Writes a registered client's messages to {@code sse} until it disconnects or its stream ends. */
    void serve(Out sse, Client c) {
        Filter filter = c.filter;
        // each message's SSE id: its number on this connection, from 1 (a new connection starts again at 1)
        long id = 0;
        serving.incrementAndGet();
        try {
            sse.comment("watchkeeper live stream");
            Standing first = c.standing(Instant.now());
            long nextStats = filter.stats() && first != null && first.principal().hostOrg() ? System.currentTimeMillis() : Long.MAX_VALUE;
            long nextPing = System.currentTimeMillis() + 15_000;
            while (!sse.terminated() && !closed) {
                long now = System.currentTimeMillis();
                Standing s = c.standing(Instant.ofEpochMilli(now));
                if (s == null) {
                    // judged as a request would be now: refused; say why, as the 401 of a request would, and end
                    sse.event("error", Api.error(c.ended(), 401).toString(), Long.toString(++id));
                    sse.close();
                    break;
                }
                if (now >= nextStats) {
                    sse.event("stats", PlainJson.write(stats.get()), Long.toString(++id));
                    nextStats = now + STATS_MILLIS;
                }
                if (now >= nextPing) {
                    sse.comment("ping");
                    nextPing = now + 15_000;
                }
                long until = Math.min(nextStats, nextPing);
                if (s.expires() != null) {
                    until = Math.min(until, s.expires().toEpochMilli());
                }
                Item m = c.queue.poll(Math.max(1, until - now), TimeUnit.MILLISECONDS);
                if (m == WAKE) {
                    c.wakePending.set(false);
                    continue;
                }
                if (m == null) {
                    continue;
                }
                id = write(sse, c, m, id);
            }
            if (closed && !sse.terminated()) {
                id = sayShutdown(sse, c, id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            remove(c);
            serving.decrementAndGet();
        }
    }

    /**
     * Writes one queued message to the client: first a {@code lost} notice for the messages shed while it
     * waited (or while the one before was written), then the message, judged at the time it is sent (for the
     * standing it was queued for, or again); nothing when the judgement withholds it.
     *
     * @return the id of the last message written
     */
    private long write(Out sse, Client c, Item m, long id) {
        String lostNotice = c.lostNotice();
        if (lostNotice != null) {
            sse.event("lost", lostNotice, Long.toString(++id));
        }
        String json = c.judged(m, Instant.now());
        if (json != null) {
            sse.event(m.name(), json, Long.toString(++id));
            sent.increment();
        }
        return id;
    }

    /** How long a client's thread may write what its queue holds at shutdown before its last message. */
    static final long SHUTDOWN_DRAIN_MILLIS = 1_000;

    /**
     * The server stops: writes what the client's queue still holds (for at most {@link #SHUTDOWN_DRAIN_MILLIS}),
     * a {@code lost} message if some were shed, then the stream's last message, {@code shutdown}:
     * {@code {"message": "the server is stopping", "time": wall clock, "unsent": N}}, N the queued messages
     * the drain had no time for; then ends the stream. A client can thus tell a server that stopped from a
     * connection that dropped (which ends with no such message).
     *
     * @return the id of the last message written
     */
    private long sayShutdown(Out sse, Client c, long id) {
        long deadline = System.currentTimeMillis() + SHUTDOWN_DRAIN_MILLIS;
        Item m;
        while (System.currentTimeMillis() < deadline && !sse.terminated() && (m = c.queue.poll()) != null) {
            if (m != WAKE) {
                id = write(sse, c, m, id);
            }
        }
        String lostNotice = c.lostNotice();
        if (lostNotice != null) {
            sse.event("lost", lostNotice, Long.toString(++id));
        }
        long unsent = c.queue.stream().filter(x -> x != WAKE).count();
        ObjectNode o = Rows.JSON.createObjectNode();
        o.put("message", "the server is stopping");
        o.put("time", Api.iso(System.currentTimeMillis()));
        o.put("unsent", unsent);
        sse.event("shutdown", o.toString(), Long.toString(++id));
        sse.close();
        return id;
    }

    /** Forgets a client that disconnected: it gets nothing more, and the positions held for it go. */
    void remove(Client c) {
        if (clients.remove(c) && c.filter.positions()) {
            positionClients.decrementAndGet();
        }
        synchronized (c.throttle) {
            c.gone = true;
            c.pending.clear();
            c.throttle.clear();
        }
    }

    /** Registers a client whose principal and policy stay as given; its messages wait in {@link Client#queue} until it is served or removed. */
    Client connect(Filter filter, Principal principal, SharingPolicy policy) {
        return add(new Client(filter, null, 0, Standing.of(principal, policy, null)));
    }

    /** Registers a client judged by {@code credentials} (see the class comment). */
    Client connect(Filter filter, Credentials credentials) {
        long version = credentials.version(); // read before judging: a change meanwhile is judged again
        return add(new Client(filter, credentials, version, credentials.standing(Instant.now())));
    }

    private Client add(Client c) {
        if (clients.add(c) && c.filter.positions()) {
            positionClients.incrementAndGet();
        }
        return c;
    }

    /**
     * The accounts changed (a token revoked, a user disabled, deleted or given another role, a policy
     * or the published classes set): wakes every client's thread to judge its standing again, so an
     * idle stream of a refused caller ends at once. Does not block.
     */
    public void accountsChanged() {
        for (Client c : clients) {
            if (c.credentials != null) {
                c.wake();
            }
        }
    }

    /** Clients whose stream a thread is writing now ({@link #serve(Out, Client)}). */
    private final AtomicInteger serving = new AtomicInteger();

    /**
     * Ends every client's stream (at shutdown), each with its last message, {@code shutdown}
     * ({@link #sayShutdown}); waits for the clients' threads to have written it, at most
     * {@link #SHUTDOWN_DRAIN_MILLIS} and one more second, so that the server's connections close after it.
     */
    public void close() {
        closed = true;
        for (Client c : clients) {
            c.wake();
        }
        long deadline = System.currentTimeMillis() + SHUTDOWN_DRAIN_MILLIS + 1_000;
        try {
            while (serving.get() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
