package org.watchkeeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stations that send an MMSI of more than 9 digits (the 30-bit field carries up to 1073741823) are
 * kept and listed; every per-vessel route takes the MMSI the list shows. The AMSA log has four.
 */
class OutOfRangeMmsiTest {
    /** The four and when each was first heard. */
    static final Map<String, String> TEN_DIGITS = Map.of("1000873988", "2012-01-27T11:48:29Z", "1017595689", "2012-01-27T11:50:30Z",
            "1030705681", "2012-01-27T11:47:19Z", "1047185408", "2012-01-27T11:48:29Z");

    @TempDir
    static Path data;
    static WatchkeeperServer server;

    @BeforeAll
    static void start() throws Exception {
        Path log = Fixture.log("amsa-risky/ais.txt.gz");
        server = WatchkeeperServer.start(WatchkeeperServer.Config.of(data).withPort(0).withLateness(Fixture.SHORT_LATENESS_MILLIS)
                .withSources(List.of("feed=tcp-listen://127.0.0.1:0")));
        Fixture.sendAndWait(server, Fixture.bytes(log));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyListedMmsiIsTakenByThePerVesselRoutes() throws Exception {
        List<String> listed = new ArrayList<>();
        Fixture.get(server, "/api/vessels?limit=100000").json().get("vessels").forEach(v -> {
            if (v.get("mmsi").asText().length() > 9) {
                listed.add(v.get("mmsi").asText());
            }
        });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(TEN_DIGITS.keySet());
        for (String m : TEN_DIGITS.keySet()) {
            Fixture.Reply v = Fixture.get(server, "/api/vessels/" + m);
            assertThat(v.status()).as(v.body()).isEqualTo(200);
            assertThat(v.json().get("mmsi").asText()).isEqualTo(m);
            assertThat(v.json().get("first_seen").asText()).isEqualTo(TEN_DIGITS.get(m));
            // heard, but never with a position: a known station's empty track, not a 400 or a 404
            Fixture.Reply t = Fixture.get(server, "/api/vessels/" + m + "/track");
            assertThat(t.status()).as(t.body()).isEqualTo(200);
            assertThat(t.json().get("features")).isEmpty();
            assertThat(t.header(Exports.COUNT_HEADER)).isEqualTo("0");
            assertThat(server.store().track(Integer.parseInt(m), Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).isEmpty();
            Fixture.Reply csv = Fixture.get(server, "/api/vessels/" + m + "/track?format=csv");
            assertThat(csv.status()).as(csv.body()).isEqualTo(200);
            assertThat(csv.body().lines().count()).isEqualTo(1); // the header only
            Fixture.Reply e = Fixture.get(server, "/api/events?mmsi=" + m);
            assertThat(e.status()).as(e.body()).isEqualTo(200);
            assertThat(e.json().get("count").asInt()).isZero();
        }
        // leading zeros name the same station
        assertThat(Fixture.get(server, "/api/vessels/01000873988").json().get("mmsi").asText()).isEqualTo("1000873988");
        assertThat(Fixture.get(server, "/api/vessels/1017595689").json().get("class").asText()).isEqualTo("base_station");
    }

    /**
     * MMSI 000000000 (a placeholder some transmitters send; BLUEFIN V in this log) is one station like
     * another: {@code mmsi=0} gives its events and episodes only, never every vessel's.
     */
    @Test
    void mmsiZeroIsOneStationNotAny() throws Exception {
        int all = Fixture.get(server, "/api/events?limit=10000").json().get("count").asInt();
        for (String zero : List.of("0", "000000000")) {
            com.fasterxml.jackson.databind.JsonNode events = Fixture.get(server, "/api/events?mmsi=" + zero).json();
            assertThat(all).isGreaterThan(100);
            assertThat(events.get("count").asInt()).isEqualTo(1);
            assertThat(events.get("events").get(0).get("kind").asText()).isEqualTo("invalid_identity");
            assertThat(events.get("events").get(0).get("vessels").toString()).isEqualTo("[\"000000000\"]");
            com.fasterxml.jackson.databind.JsonNode ongoing = Fixture.get(server, "/api/ongoing?mmsi=" + zero).json();
            assertThat(ongoing.get("total").asInt()).isEqualTo(1);
            assertThat(ongoing.get("events").get(0).get("kind").asText()).isEqualTo("port_visit");
            assertThat(ongoing.get("events").get(0).get("vessels").toString()).isEqualTo("[\"000000000\"]");
            Fixture.Reply csv = Fixture.get(server, "/api/export/events.csv?mmsi=" + zero);
            assertThat(csv.status()).as(csv.body()).isEqualTo(200);
            assertThat(csv.body().lines().count()).isEqualTo(2); // the header and its one event
        }
        // the vessel's own page lists its episode under way, not every vessel's
        com.fasterxml.jackson.databind.JsonNode v = Fixture.get(server, "/api/vessels/0").json();
        assertThat(v.get("mmsi").asText()).isEqualTo("000000000");
        assertThat(v.get("ongoing").size()).isEqualTo(1);
    }

    @Test
    void malformedOrBeyondTheFieldIsStill400() throws Exception {
        for (String[] c : List.of(
                new String[] {"/api/vessels/10008739x8/track", "mmsi must be an MMSI, digits only: 10008739x8"},
                new String[] {"/api/vessels/1073741824", "mmsi 1073741824 is above 1073741823, the largest MMSI an AIS message can carry"},
                new String[] {"/api/vessels/10738739880/track", "mmsi 10738739880 is above 1073741823, the largest MMSI an AIS message can carry"},
                new String[] {"/api/events?mmsi=1000873988x", "mmsi must be an MMSI, digits only: 1000873988x"})) {
            Fixture.Reply r = Fixture.get(server, c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(c[0]).isEqualTo(c[1]);
        }
        // well formed, in the field's range, never heard: as a 9-digit MMSI never heard
        Fixture.Reply absent = Fixture.get(server, "/api/vessels/1073741823/track");
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.json().get("error").asText()).isEqualTo("no vessel with MMSI 1073741823");
    }
}
