package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.EventRow;

/**
 * An open live stream is judged as a request is, at the time each message is sent: once its token is
 * revoked or expired, or its user disabled or deleted (or, anonymous, nothing is published any more),
 * it ends with an {@code error} message in the words of the 401 a request gets, and items created
 * after never reach it; a narrowed policy applies to the next item, and the stream goes on.
 */
class StreamRevocationTest {

    /** An open stream: its SSE messages as they arrive, and whether the server has ended it. */
    record Open(BlockingQueue<String[]> messages, CountDownLatch ended) {
        /** Messages until the stream ends or {@code millis} pass. */
        List<String[]> untilEnd(long millis) throws InterruptedException {
            ended.await(millis, TimeUnit.MILLISECONDS);
            List<String[]> out = new ArrayList<>();
            messages.drainTo(out);
            return out;
        }

        /** Messages that arrive within {@code millis}. */
        List<String[]> within(long millis) throws InterruptedException {
            Thread.sleep(millis);
            List<String[]> out = new ArrayList<>();
            messages.drainTo(out);
            return out;
        }
    }

    @Test
    void revokedDisabledAndDeletedCallersLoseTheirStreamsAndANarrowedPolicyAppliesAtOnce(@TempDir Path data)
            throws Exception {
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data))) {
            String admin = Fixture.ADMIN_TOKEN;
            for (String org : List.of("p1", "p2")) {
                assertThat(Fixture.postAs(server, admin, "/api/orgs", "{\"id\":\"" + org + "\"}").status()).isEqualTo(201);
                assertThat(Fixture.putAs(server, admin, "/api/policies/" + org,
                        "{\"data_classes\":[\"incidents\"],\"areas\":null,\"delay_s\":0}").status()).isEqualTo(200);
            }
            assertThat(Fixture.putAs(server, admin, "/api/published", "{\"data_classes\":[\"incidents\"]}").status()).isEqualTo(200);
            String ana = user(server, "ana", "host", "analyst", null);
            String hank = user(server, "hank", "host", "viewer", null);   // host user: token revoked
            String sue = user(server, "sue", "p1", "viewer", null);       // partner: token revoked
            String nick = user(server, "nick", "p1", "viewer", null);     // partner: user disabled
            String sam = user(server, "sam", "p1", "viewer", null);       // partner: user deleted
            String pat = user(server, "pat", "p1", "viewer", null);       // partner: untouched
            String sid = user(server, "sid", "p2", "viewer", null);       // partner: policy narrowed, then widened
            String web = session(server, user(server, "wes", "host", "viewer", null)); // web login, then logout

            Open anaS = open(server, ana, null);
            Open hankS = open(server, hank, null);
            Open sueS = open(server, sue, null);
            Open nickS = open(server, nick, null);
            Open samS = open(server, sam, null);
            Open patS = open(server, pat, null);
            Open sidS = open(server, sid, null);
            Open webS = open(server, null, web);
            Open anonS = open(server, null, null);
            awaitClients(server, 9);

            create(server, ana, "before");
            for (Open s : List.of(anaS, hankS, sueS, nickS, samS, patS, sidS, webS, anonS)) {
                assertThat(references(awaitIncident(s))).containsExactly("before");
            }

            assertThat(Fixture.deleteAs(server, admin, "/api/tokens/" + tokenId(server, "hank")).status()).isEqualTo(204);
            assertThat(Fixture.deleteAs(server, admin, "/api/tokens/" + tokenId(server, "sue")).status()).isEqualTo(204);
            assertThat(Fixture.putAs(server, admin, "/api/users/nick", "{\"disabled\":true}").status()).isEqualTo(200);
            assertThat(Fixture.deleteAs(server, admin, "/api/users/sam").status()).isEqualTo(204);
            assertThat(Fixture.putAs(server, admin, "/api/policies/p2",
                    "{\"data_classes\":[\"positions\"],\"areas\":null,\"delay_s\":0}").status()).isEqualTo(200);
            assertThat(Fixture.putAs(server, admin, "/api/published", "{\"data_classes\":[]}").status()).isEqualTo(200);
            HttpRequest logout = Fixture.request(server, "/api/logout", null).header("Cookie", Security.COOKIE + "=" + web)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            assertThat(Fixture.send(logout).status()).isEqualTo(204);

            // the refused streams end by themselves, before any new item, each saying why as a request's 401 would
            assertEnded(hankS, "the token was revoked");
            assertEnded(sueS, "the token was revoked");
            assertEnded(nickS, "the token's user is disabled or deleted");
            assertEnded(samS, "the token was revoked"); // deleting a user revokes its tokens
            assertEnded(webS, "the token was revoked");
            assertEnded(anonS, Security.AUTHENTICATION_REQUIRED);
            // and a request with the same credentials is refused alike
            assertThat(Fixture.getAs(server, sue, "/api/me").json().get("error").asText()).isEqualTo("the token was revoked");

            create(server, ana, "after");
            assertThat(references(awaitIncident(anaS))).containsExactly("after");
            assertThat(references(awaitIncident(patS))).containsExactly("after");
            // sid's stream goes on without the item its policy no longer grants
            assertThat(sidS.ended().getCount()).isEqualTo(1);
            assertThat(references(sidS.within(1000))).isEmpty();
            assertThat(Fixture.getAs(server, sid, "/api/incidents?q=after").json().get("count").asInt()).isZero();
            for (Open s : List.of(hankS, sueS, nickS, samS, webS, anonS)) {
                assertThat(references(s.within(0))).isEmpty();
            }

            // the policy widened again: the next item reaches sid's open stream
            assertThat(Fixture.putAs(server, admin, "/api/policies/p2",
                    "{\"data_classes\":[\"incidents\"],\"areas\":null,\"delay_s\":0}").status()).isEqualTo(200);
            create(server, ana, "widened");
            assertThat(references(awaitIncident(sidS))).containsExactly("widened");
            awaitClients(server, 3); // ana, pat, sid
        }
    }

    /** An idle stream whose token expires ends then, by itself, and a later item does not reach it. */
    @Test
    void aStreamEndsWhenItsTokenExpires(@TempDir Path data) throws Exception {
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data))) {
            String ana = user(server, "ana", "host", "analyst", null);
            String eve = user(server, "eve", "host", "viewer", 3L);
            Instant expires = Instant.parse(Fixture.getAs(server, Fixture.ADMIN_TOKEN, "/api/tokens?user=eve").json()
                    .get("tokens").get(0).get("expires").asText());
            Open eveS = open(server, eve, null);
            awaitClients(server, 1);
            assertEnded(eveS, "the token expired");
            assertThat(Instant.now()).isAfterOrEqualTo(expires);
            create(server, ana, "after");
            assertThat(references(eveS.within(500))).isEmpty();
            awaitClients(server, 0);
        }
    }

    /**
     * A message queued before the caller's standing changed is judged again when it is sent: dropped
     * when the new policy does not grant it; nothing more is queued for a refused caller, whose queue is
     * emptied. Judging again happens once per change of the accounts, not per message.
     */
    @Test
    void aQueuedMessageIsJudgedForTheStandingAtItsSending() {
        LiveStream stream = new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
        Principal partner = new Principal("sid", "p2", Role.VIEWER, false);
        SharingPolicy events = new SharingPolicy(java.util.EnumSet.of(DataClass.EVENTS), List.of(), Duration.ZERO);
        AtomicLong version = new AtomicLong();
        AtomicReference<LiveStream.Standing> now = new AtomicReference<>(LiveStream.Standing.of(partner, events, null));
        AtomicLong judged = new AtomicLong();
        LiveStream.Credentials credentials = new LiveStream.Credentials() {
            @Override
            public long version() {
                return version.get();
            }

            @Override
            public LiveStream.Standing standing(Instant at) {
                judged.incrementAndGet();
                return now.get();
            }
        };
        LiveStream.Filter all = new LiveStream.Filter(true, true, false, null, null, null, 0, true, true);
        LiveStream.Client c = stream.connect(all, credentials);
        for (int i = 0; i < 3; i++) {
            stream.event(gap("e" + i));
        }
        assertThat(c.queue).hasSize(3);
        assertThat(judged.get()).isEqualTo(1); // at connect; the version has not moved since

        // the policy narrowed: the queued events are judged again as they are sent, and not sent
        now.set(LiveStream.Standing.of(partner, SharingPolicy.NOTHING, null));
        version.incrementAndGet();
        LiveStream.Item queued = c.queue.peek();
        LiveStream.Standing at = c.standing(Instant.now());
        assertThat(at).isNotNull().isNotSameAs(queued.standing());
        assertThat(queued.again().apply(c)).isNull();
        stream.event(gap("e3"));
        assertThat(c.queue).hasSize(3);
        assertThat(judged.get()).isEqualTo(2);

        // widened again: the queued event is sent; then a change elsewhere in the accounts is judged
        // again to the same standing, which stays as it was (what was queued for it is sent as queued)
        now.set(LiveStream.Standing.of(partner, events, null));
        version.incrementAndGet();
        LiveStream.Standing widened = c.standing(Instant.now());
        assertThat(widened).isNotSameAs(at);
        assertThat(queued.again().apply(c)).contains("\"id\":\"e0\"");
        version.incrementAndGet();
        assertThat(c.standing(Instant.now())).isSameAs(widened);
        assertThat(judged.get()).isEqualTo(4);

        // revoked: the stream ends, what is queued is dropped, nothing more is queued
        now.set(LiveStream.Standing.refused("the token was revoked"));
        version.incrementAndGet();
        stream.event(gap("e4"));
        assertThat(c.ended()).isEqualTo("the token was revoked");
        assertThat(c.queue).containsExactly(LiveStream.WAKE);
        assertThat(c.standing(Instant.now())).isNull();
    }

    /** A stream whose token expires ends then, though the accounts did not change. */
    @Test
    void anExpiredTokenEndsTheStream() {
        LiveStream stream = new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
        Principal p = new Principal("eve", "host", Role.VIEWER, true);
        LiveStream.Credentials credentials = new LiveStream.Credentials() {
            @Override
            public long version() {
                return 0;
            }

            @Override
            public LiveStream.Standing standing(Instant at) {
                return LiveStream.Standing.of(p, SharingPolicy.UNRESTRICTED, Instant.parse("2030-01-01T00:00:00Z"));
            }
        };
        LiveStream.Filter all = new LiveStream.Filter(true, true, false, null, null, null, 0, true, true);
        LiveStream.Client c = stream.connect(all, credentials);
        assertThat(c.standing(Instant.parse("2029-12-31T23:59:59Z"))).isNotNull();
        assertThat(c.standing(Instant.parse("2030-01-01T00:00:00Z"))).isNull();
        assertThat(c.ended()).isEqualTo("the token expired");
    }

    private static EventRow gap(String id) {
        return new EventRow(id, "gap", 1_700_000_000_000L, 1_700_000_060_000L, new int[] {219000001}, 55.0, 11.0, null, null, null);
    }

    /** Creates a user with a token (expiring after {@code ttl} seconds when given); returns the token's secret. */
    private static String user(WatchkeeperServer s, String name, String org, String role, Long ttl) throws Exception {
        Fixture.Reply u = Fixture.postAs(s, Fixture.ADMIN_TOKEN, "/api/users",
                "{\"name\":\"" + name + "\",\"org\":\"" + org + "\",\"role\":\"" + role + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        Fixture.Reply t = Fixture.postAs(s, Fixture.ADMIN_TOKEN, "/api/tokens",
                "{\"user\":\"" + name + "\"" + (ttl == null ? "" : ",\"ttl_s\":" + ttl) + "}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        return t.json().get("token").asText();
    }

    /** Logs in with the token as the web UI does; returns the session cookie's value. */
    private static String session(WatchkeeperServer s, String token) throws Exception {
        HttpResponse<String> r = Fixture.HTTP.send(Fixture.request(s, "/api/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(Security.COOKIE + "=")).findFirst()
                .orElseThrow();
        return cookie.substring(Security.COOKIE.length() + 1, cookie.indexOf(';'));
    }

    private static String tokenId(WatchkeeperServer s, String user) throws Exception {
        JsonNode tokens = Fixture.getAs(s, Fixture.ADMIN_TOKEN, "/api/tokens?user=" + user).json().get("tokens");
        assertThat(tokens).hasSize(1);
        return tokens.get(0).get("id").asText();
    }

    private static void create(WatchkeeperServer s, String token, String reference) throws Exception {
        Fixture.Reply r = Fixture.postAs(s, token, "/api/incidents", "{\"time\":\"2025-03-01T02:59:00Z\",\"lat\":1.3,\"lon\":103.9,"
                + "\"type\":\"robbery\",\"tlp\":\"GREEN\",\"reference\":\"" + reference + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Opens {@code /api/stream?kinds=incident} with a bearer token, a session cookie, or neither (anonymous). */
    private static Open open(WatchkeeperServer s, String token, String cookie) {
        BlockingQueue<String[]> q = new LinkedBlockingQueue<>();
        CountDownLatch ended = new CountDownLatch(1);
        HttpRequest.Builder b = Fixture.request(s, "/api/stream?kinds=incident", token).header("Accept", "text/event-stream");
        if (cookie != null) {
            b.header("Cookie", Security.COOKIE + "=" + cookie);
        }
        Fixture.HTTP.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            Thread t = new Thread(() -> {
                String name = null;
                try (java.util.stream.Stream<String> lines = r.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.startsWith("event:")) {
                            name = line.substring(6).strip();
                        } else if (line.startsWith("data:") && name != null) {
                            q.add(new String[] {name, line.substring(5).strip()});
                            name = null;
                        }
                    }
                } catch (RuntimeException ignored) {
                    // closed
                } finally {
                    ended.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        });
        return new Open(q, ended);
    }

    private static void awaitClients(WatchkeeperServer s, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (s.stream().clients() != n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.stream().clients()).isEqualTo(n);
    }

    /** Messages until the first incident message, at most 10 s. */
    private static List<String[]> awaitIncident(Open s) throws InterruptedException {
        List<String[]> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String[] m = s.messages().poll(100, TimeUnit.MILLISECONDS);
            if (m != null) {
                out.add(m);
                if (m[0].equals("incident")) {
                    break;
                }
            }
        }
        return out;
    }

    /** The references of the incident messages among {@code messages}. */
    private static List<String> references(List<String[]> messages) throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] m : messages) {
            if (m[0].equals("incident")) {
                out.add(Rows.JSON.readTree(m[1]).path("reference").asText());
            }
        }
        return out;
    }

    /** The stream has ended (within 10 s) with one last message: {@code error}, the 401 a request gets. */
    private static void assertEnded(Open s, String why) throws Exception {
        List<String[]> got = s.untilEnd(10_000);
        assertThat(s.ended().getCount()).as("ended: " + why).isZero();
        assertThat(got).isNotEmpty();
        String[] last = got.get(got.size() - 1);
        assertThat(last[0]).isEqualTo("error");
        JsonNode e = Rows.JSON.readTree(last[1]);
        assertThat(e.get("error").asText()).isEqualTo(why);
        assertThat(e.get("status").asInt()).isEqualTo(401);
    }
}
