package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.sharing.DataClass;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;
import org.watchkeeper.store.EventRow;

/**
 * The live stream's throttle sends a vessel's first position at once and holds the ones that come
 * within the interval after it: the newest of them is sent when the interval ends, so a client is not
 * left with a stale position after a burst, or when a vessel falls silent. Driven with the stream's
 * wall clock given (position and flush at a stated time), except for the end-to-end case.
 */
class LiveStreamThrottleTest {

    private static final int MMSI = 212123000;
    private static final long T0 = 1_800_000_000_000L;
    private static final long THROTTLE = 200;

    @Test
    void aBurstGivesItsFirstPositionAtOnceAndItsLastWhenTheIntervalEnds() {
        LiveStream stream = stream();
        LiveStream.Client all = stream.connect(filter(null, null), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        LiveStream.Client other = stream.connect(filter(null, Set.of(219000001)), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        // the box holds the first 60 fixes of the burst (latitude 55.0 .. 55.059) only
        LiveStream.Client boxed = stream.connect(filter(new double[] {10.0, 54.0, 12.0, 55.0595}, null),
                Access.LOCAL, SharingPolicy.UNRESTRICTED);
        for (int i = 0; i < 100; i++) {
            stream.position(fix(i), vessel(fix(i)), T0 + i); // 100 fixes within 100 ms of wall-clock time
        }
        assertThat(sent(all)).containsExactly(json(fix(0)));
        assertThat(sent(boxed)).containsExactly(json(fix(0)));
        assertThat(all.held()).isEqualTo(1);

        stream.flushPending(T0 + THROTTLE - 1);
        assertThat(all.queue).isEmpty();
        stream.flushPending(T0 + THROTTLE);
        assertThat(sent(all)).containsExactly(json(fix(99)));
        assertThat(sent(boxed)).containsExactly(json(fix(59)));
        assertThat(sent(other)).isEmpty();
        assertThat(all.held()).isZero();
        assertThat(other.held()).isZero();
        stream.flushPending(T0 + 10 * THROTTLE);
        assertThat(all.queue).isEmpty();
        assertThat(boxed.queue).isEmpty();
        assertThat(stream.shed()).isZero();
    }

    /** Of the positions held, the newest to come is sent; one of an earlier observation time never replaces it. */
    @Test
    void theHeldPositionIsTheNewestToComeButNeverAnEarlierFix() {
        LiveStream stream = stream();
        LiveStream.Client c = stream.connect(filter(null, null), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        stream.position(fix(0), null, T0);
        stream.position(fix(5), null, T0 + 10);
        stream.position(fix(3), null, T0 + 20);
        stream.flushPending(T0 + THROTTLE);
        assertThat(sent(c)).containsExactly(json(fix(0)), json(fix(5)));

        // of two fixes of one time the later to come is the vessel's position, as in the picture
        PositionObservation sameTime = at(fix(10).time(), 56.5, 12.5);
        stream.position(fix(10), null, T0 + THROTTLE + 10);
        stream.position(sameTime, null, T0 + THROTTLE + 20);
        stream.flushPending(T0 + 2 * THROTTLE);
        assertThat(sent(c)).containsExactly(json(sameTime));
    }

    /** A vessel that keeps reporting gets one position per interval: the last that came within it. */
    @Test
    void aVesselReportingAcrossIntervalsGetsTheLastOfEachInterval() {
        LiveStream stream = stream();
        LiveStream.Client c = stream.connect(filter(null, null), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        List<String> expected = new ArrayList<>();
        // a fix every 30 ms for a second; the server looks for held positions every 10 ms here
        for (long t = 0; t <= 1000; t += 10) {
            stream.flushPending(T0 + t);
            if (t % 30 == 0) {
                stream.position(fix((int) (t / 30)), null, T0 + t);
            }
        }
        // sent at 0; then at 200, 400, ... the last fix that came before: 180, 390, 570, 780, 990 ms
        for (long t : new long[] {0, 180, 390, 570, 780, 990}) {
            expected.add(json(fix((int) (t / 30))));
        }
        stream.flushPending(T0 + 1200);
        assertThat(sent(c)).containsExactlyElementsOf(expected);
        assertThat(c.held()).isZero();
    }

    /**
     * A held position is judged by the client's standing when it is sent: without identity once the
     * caller's policy no longer grants identities, not at all once it no longer grants positions.
     */
    @Test
    void aHeldPositionIsJudgedByTheStandingAtItsSending() {
        LiveStream stream = stream();
        Principal partner = new Principal("sid", "p2", Role.VIEWER, false);
        SharingPolicy both = policy(DataClass.POSITIONS, DataClass.IDENTITIES);
        AtomicLong version = new AtomicLong();
        AtomicReference<LiveStream.Standing> standing = new AtomicReference<>(LiveStream.Standing.of(partner, both, null));
        LiveStream.Credentials credentials = new LiveStream.Credentials() {
            @Override
            public long version() {
                return version.get();
            }

            @Override
            public LiveStream.Standing standing(Instant at) {
                return standing.get();
            }
        };
        LiveStream.Client c = stream.connect(filter(null, null), credentials);
        stream.position(fix(0), vessel(fix(0)), T0);
        stream.position(fix(1), vessel(fix(1)), T0 + 10);
        String first = c.judged(c.queue.remove(), Instant.now());
        assertThat(fields(first)).isEqualTo(json(fix(0)));
        assertThat(first).contains("\"name\":\"DRIFTER\"").contains("\"shiptype\":70");

        // identities no longer granted: the held position goes without them
        standing.set(LiveStream.Standing.of(partner, policy(DataClass.POSITIONS), null));
        version.incrementAndGet();
        stream.flushPending(T0 + THROTTLE);
        String held = c.judged(c.queue.remove(), Instant.now());
        assertThat(fields(held)).isEqualTo(json(fix(1)));
        assertThat(held).doesNotContain("name").doesNotContain("shiptype");

        // positions no longer granted: the held position is not sent

        stream.position(fix(2), vessel(fix(2)), T0 + THROTTLE + 10);
        standing.set(LiveStream.Standing.of(partner, SharingPolicy.NOTHING, null));
        version.incrementAndGet();
        stream.flushPending(T0 + 2 * THROTTLE);
        assertThat(c.queue).hasSize(1);
        assertThat(c.judged(c.queue.remove(), Instant.now())).isNull();
    }

    /** A client that disconnects leaves nothing held: nothing is sent for it, and nothing more is held. */
    @Test
    void heldPositionsGoWhenTheClientDisconnects() {
        LiveStream stream = stream();
        LiveStream.Client c = stream.connect(filter(null, null), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        LiveStream.Client stays = stream.connect(filter(null, null), Access.LOCAL, SharingPolicy.UNRESTRICTED);
        for (int i = 0; i < 5; i++) {
            stream.position(fix(i), null, T0 + i);
            stream.position(other(i), null, T0 + i);
        }
        assertThat(c.held()).isEqualTo(2);
        stream.remove(c);
        assertThat(c.held()).isZero();
        assertThat(c.throttle).isEmpty();
        stream.position(fix(5), null, T0 + 10);
        assertThat(c.held()).isZero();
        c.queue.clear();
        stream.flushPending(T0 + THROTTLE);
        assertThat(c.queue).isEmpty();
        assertThat(stream.clients()).isEqualTo(1);
        assertThat(sent(stays)).containsExactly(json(fix(0)), json(other(0)), json(fix(5)), json(other(4)));
    }

    /** A held position finds the queue as full as any position does: it is shed and counted, and events still go. */
    @Test
    void aHeldPositionIsShedWhenTheQueueIsAtItsPositionLimit() {
        LiveStream stream = stream();
        LiveStream.Filter positionsAndEvents = new LiveStream.Filter(true, true, false, null, null, null, THROTTLE, false, false);
        LiveStream.Client c = stream.connect(positionsAndEvents, Access.LOCAL, SharingPolicy.UNRESTRICTED);
        stream.position(fix(0), null, T0);
        stream.position(fix(1), null, T0 + 1);
        for (int i = 1; i < LiveStream.POSITION_LIMIT; i++) {
            stream.event(gap("e" + i));
        }
        assertThat(c.queue).hasSize(LiveStream.POSITION_LIMIT);
        stream.flushPending(T0 + THROTTLE);
        assertThat(stream.shed()).isEqualTo(1);
        assertThat(c.held()).isZero();
        assertThat(c.queue).hasSize(LiveStream.POSITION_LIMIT);
        stream.event(gap("last"));
        assertThat(c.queue).hasSize(LiveStream.POSITION_LIMIT + 1);
        assertThat(stream.shed()).isEqualTo(1);
    }

    private static EventRow gap(String id) {
        return new EventRow(id, "gap", T0, T0 + 60_000, new int[] {MMSI}, 55.0, 11.0, null, null, null);
    }

    /**
     * The user's case end to end: 10 018 lines of one vessel pushed over TCP at once, read with
     * {@code kinds=position&mmsi=212123000}: the stream's first position is the vessel's first fix and
     * its last the vessel's last (55.644758, 15.281235 at 06:59:52.619Z), as {@code /api/vessels} has it.
     */
    @Test
    void theLastPositionOfABurstReachesTheStream(@TempDir Path data) throws Exception {
        byte[] log = Fixture.bytes(Fixture.log("dma-aisabnormal/212123000_drift_1.ais"));
        try (WatchkeeperServer server = WatchkeeperServer.start(Fixture.config(data)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")))) {
            BlockingQueue<String> q = LiveStreamTest.open(server, "/api/stream?kinds=position&mmsi=212123000&throttle=0.2");
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.stream().clients() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Fixture.sendAndWait(server, log);
            List<JsonNode> got = new ArrayList<>();
            for (String[] m : LiveStreamTest.drain(q)) {
                assertThat(m[0]).isEqualTo("position");
                got.add(Rows.JSON.readTree(m[1]));
            }
            var track = server.store().track(MMSI, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertThat(got.size()).isBetween(2, track.size() - 1);
            JsonNode first = got.get(0);
            JsonNode last = got.get(got.size() - 1);
            assertThat(first.get("time").asText()).isEqualTo(Api.iso(track.get(0).timeMillis()));
            assertThat(first.get("lat").asDouble()).isEqualTo(org.watchkeeper.core.geo.Coordinates.round6(track.get(0).lat()));
            // the log's last line (06:59:53.142) is the third reception of the report of 06:59:52.619: a
            // duplicate, which moves the vessel's last_seen but not its position
            assertThat(last.get("time").asText()).isEqualTo("2014-10-03T06:59:52.619Z")
                    .isEqualTo(Api.iso(track.get(track.size() - 1).timeMillis()));
            assertThat(last.get("lat").asDouble()).isEqualTo(55.644758);
            assertThat(last.get("lon").asDouble()).isEqualTo(15.281235);
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).get("time").asText()).isGreaterThan(got.get(i - 1).get("time").asText());
            }
            JsonNode vessel = Fixture.get(server, "/api/vessels/212123000").json();
            assertThat(vessel.get("lat").asDouble()).isEqualTo(55.644758);
            assertThat(vessel.get("lon").asDouble()).isEqualTo(15.281235);
            System.out.printf("10 018 lines of one vessel: %d positions stored, %d sent at throttle 0.2 s%n", track.size(), got.size());
        }
    }

    private static LiveStream stream() {
        return new LiveStream(() -> (ObjectNode) Rows.JSON.createObjectNode());
    }

    private static LiveStream.Filter filter(double[] bbox, Set<Integer> mmsis) {
        return new LiveStream.Filter(true, false, false, bbox, mmsis, null, THROTTLE, false, false);
    }

    private static SharingPolicy policy(DataClass... classes) {
        return new SharingPolicy(EnumSet.copyOf(List.of(classes)), List.of(), Duration.ZERO);
    }

    /** The vessel's i-th fix: a second apart, 0.001° apart. */
    private static PositionObservation fix(int i) {
        return at(1_412_290_000_000L + 1000L * i, 55.0 + 0.001 * i, 11.0 + 0.001 * i);
    }

    private static PositionObservation at(long time, double lat, double lon) {
        return new PositionObservation(time, "test", MMSI, 1, StationClass.A, lat, lon, 0.4, 200.0, 511, 0, true, false);
    }

    /** The i-th fix of another vessel. */
    private static PositionObservation other(int i) {
        return new PositionObservation(1_412_290_000_000L + 1000L * i, "test", 219000001, 1, StationClass.A,
                54.0, 10.0 + 0.001 * i, 5.0, 90.0, 90, 0, true, false);
    }

    private static VesselSnapshot vessel(PositionObservation p) {
        return new VesselSnapshot(p.mmsi(), null, StationClass.A, p, Double.NaN, p.time(), p.time(), 1, "DRIFTER", null, -1,
                70, null, null, Double.NaN, null, null, 0, null, List.of());
    }

    /** What a client is to see of a position: "lat lon time", as its message gives them. */
    private static String json(PositionObservation p) {
        return org.watchkeeper.core.geo.Coordinates.round6(p.latitude()) + " "
                + org.watchkeeper.core.geo.Coordinates.round6(p.longitude()) + " " + Api.iso(p.time());
    }

    /** A message's "lat lon time". */
    private static String fields(String message) {
        try {
            JsonNode o = Rows.JSON.readTree(message);
            assertThat(o.get("mmsi").asText()).isIn(Integer.toString(MMSI), "219000001");
            return o.get("lat").asDouble() + " " + o.get("lon").asDouble() + " " + o.get("time").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The positions queued for a client, judged as they would be sent now, as "lat lon time"; the queue is emptied. */
    private static List<String> sent(LiveStream.Client c) {
        List<String> out = new ArrayList<>();
        LiveStream.Item m;
        while ((m = c.queue.poll()) != null) {
            assertThat(m.name()).isEqualTo("position");
            out.add(fields(c.judged(m, Instant.now())));
        }
        return out;
    }
}
