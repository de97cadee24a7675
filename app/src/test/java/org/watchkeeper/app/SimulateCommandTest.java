package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;

/** Runs {@code watchkeeper simulate} in-process. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesGzippedNmeaWithTagBlocksAndTheTruth() throws IOException {
        Path out = tmp.resolve("day.nmea.gz");
        Path truth = tmp.resolve("truth.json");
        DecodeCommandTest.Run r = DecodeCommandTest.run("simulate", "--seed", "3", "--vessels", "5", "--hours", "18",
                "--start", "2025-01-10T06:00:00Z", "--out", out.toString(), "--truth", truth.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("planted events completed in the run: 5");
        // the 5 asked for, and the planted scenarios' own, one of them an impostor using its victim's MMSI
        assertThat(r.err()).contains("simulated 12 vessels (5 traffic, 7 in the planted scenarios; 11 MMSIs) for PT18H");
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertThat(text).startsWith("\\s:WK-").contains("\\g:1-2-");
        List<Object> decoded = AisStreamDecoder.decodeAll(text, Options.DEFAULT);
        assertThat(decoded).filteredOn(Rejection.class::isInstance).isEmpty();
        ReceivedMessage first = (ReceivedMessage) decoded.get(0);
        assertThat(first.receiveTimeMillis()).isGreaterThanOrEqualTo(java.time.Instant.parse("2025-01-10T06:00:00Z").toEpochMilli());

        JsonNode events = new ObjectMapper().readTree(truth.toFile());
        assertThat(events).hasSize(5);
        assertThat(events.findValuesAsText("kind")).containsExactlyInAnyOrder("encounter", "gap", "identity_conflict",
                "zone_entry", "loitering");
        JsonNode enc = events.findParents("kind").stream().filter(n -> n.get("kind").asText().equals("encounter")).findFirst().orElseThrow();
        assertThat(enc.get("start").asText()).isEqualTo("2025-01-10T07:00:00Z");
        assertThat(enc.get("mmsis")).hasSize(2);
        assertThat(enc.get("mmsis").get(0).asText()).matches("\\d{9}");
    }

    /**
     * A day of 40 traffic vessels beside the planted scenarios: analyze finds each planted encounter,
     * gap, identity conflict and loitering, and no encounter, gap or identity conflict of the traffic
     * (ships waiting at one anchorage lie at berths 700 m apart, not on one point, which made two of them
     * an encounter); loitering of the traffic none either (the rendezvous' two vessels loiter too).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 3, 7})
    void analyzeFindsThePlantedEventsAndNoOthers(int seed) throws IOException {
        Path out = tmp.resolve("day.nmea");
        Path truth = tmp.resolve("truth.json");
        DecodeCommandTest.Run r = DecodeCommandTest.run("simulate", "--quiet", "--seed", Integer.toString(seed), "--vessels", "40",
                "--hours", "24", "--out", out.toString(), "--truth", truth.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Cli.Run a = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("r").toString(), out.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        JsonNode planted = new ObjectMapper().readTree(truth.toFile());
        java.util.Set<String> plantedVessels = new java.util.HashSet<>();
        planted.forEach(e -> e.get("mmsis").forEach(m -> plantedVessels.add(m.asText())));
        java.util.Map<String, java.util.List<String>> found = new java.util.TreeMap<>();
        for (JsonNode e : Cli.JSON.readTree(tmp.resolve("r").resolve("events.json").toFile())) {
            String kind = e.get("kind").asText();
            if (List.of("encounter", "gap", "identity_conflict", "loitering").contains(kind)) {
                java.util.List<String> vs = new java.util.ArrayList<>();
                e.get("mmsis").forEach(m -> vs.add(m.asText()));
                assertThat(plantedVessels).as("%s of %s: not a planted vessel", kind, vs).containsAll(vs);
                found.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(String.join("+", vs));
            }
        }
        // one each planted; loitering also by the rendezvous' two vessels, slow for 3 h far from shore
        assertThat(found.get("encounter")).hasSize(1);
        assertThat(found.get("gap")).hasSize(1);
        assertThat(found.get("identity_conflict")).hasSize(1);
        assertThat(found.get("loitering")).hasSize(3);
    }

    /**
     * The simulated ships wait at anchorages off their ports' listed points, so analyze finds no port visit
     * with the shipped port list alone; with the anchorage areas simulate writes ({@code --ports-out}) given
     * to {@code --ports}, it finds the visits the demo shows.
     */
    @Test
    void thePortFileGivesTheSimulatedPortVisits() throws IOException {
        Path out = tmp.resolve("day.nmea");
        Path ports = tmp.resolve("day-ports.geojson");
        DecodeCommandTest.Run r = DecodeCommandTest.run("simulate", "--quiet", "--seed", "42", "--vessels", "40",
                "--hours", "24", "--out", out.toString(), "--ports-out", ports.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode file = Cli.JSON.readTree(ports.toFile());
        assertThat(file.get("features")).hasSize(org.watchkeeper.core.sim.IndoPacific.PORTS.size());
        assertThat(file.get("features").get(0).get("properties").get("anchorage_id").asText()).isEqualTo("sim:SGSIN");
        Cli.Run without = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("a").toString(), out.toString());
        assertThat(without.exit()).as(without.err()).isZero();
        assertThat(Cli.JSON.readTree(tmp.resolve("a").resolve("summary.json").toFile()).at("/events/by_kind/port_visit").asInt()).isZero();
        Cli.Run with = Cli.run("analyze", "--no-store", "--quiet", "--report", tmp.resolve("b").toString(), "--ports", ports.toString(),
                out.toString());
        assertThat(with.exit()).as(with.err()).isZero();
        java.util.Map<String, Integer> byAnchorage = new java.util.TreeMap<>();
        for (JsonNode e : Cli.JSON.readTree(tmp.resolve("b").resolve("events.json").toFile())) {
            if (e.get("kind").asText().equals("port_visit")) {
                byAnchorage.merge(e.at("/evidence/attributes/anchorage_id").asText(), 1, Integer::sum);
            }
        }
        // 21 visits of the 40 traffic ships and the planted ones in the day, at 8 of the 12 ports
        assertThat(byAnchorage).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of("sim:HKHKG", 5, "sim:IDTPP", 1,
                "sim:INHAL", 1, "sim:LKCMB", 2, "sim:MYPKG", 2, "sim:SGSIN", 8, "sim:TWKHH", 1, "sim:VNSGN", 1)));
    }

    @Test
    void stdoutIsDeterministicAndNoiseShowsUpInTheDecoder() {
        DecodeCommandTest.Run a = DecodeCommandTest.run("simulate", "--quiet", "--seed", "9", "--vessels", "8", "--hours", "0.25", "--noise");
        DecodeCommandTest.Run b = DecodeCommandTest.run("simulate", "--quiet", "--seed", "9", "--vessels", "8", "--hours", "0.25", "--noise");
        assertThat(a.exit()).isZero();
        assertThat(a.out()).isNotEmpty().isEqualTo(b.out());
        assertThat(a.err()).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(DecodeCommandTest.run("simulate", "--hours", "-1").exit()).isEqualTo(2);
        assertThat(DecodeCommandTest.run("simulate", "--start", "yesterday").exit()).isEqualTo(2);
        assertThat(DecodeCommandTest.run("simulate", "--out", tmp.resolve("no/such/dir/x.nmea").toString(), "--hours", "0.01").exit())
                .isEqualTo(1);
    }
}
