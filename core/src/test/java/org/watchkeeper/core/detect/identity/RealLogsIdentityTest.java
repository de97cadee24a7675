package org.watchkeeper.core.detect.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.nmea.AisListener;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.ais.nmea.TimeSource;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.ObservationMapper;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.ref.LandMask;

/**
 * The identity detectors over every real log in shared/data/ais. Messages without a receive time
 * (some AisLib samples) get the time of the last timed line of their file, so their identities are
 * still checked. Observations are sorted by time per file before the picture and the detectors.
 */
class RealLogsIdentityTest {
    static final Map<String, List<Event>> EVENTS = new TreeMap<>();
    /** Duplicate receptions and stale repeats left out, per log. */
    static final Map<String, Long> COPIES = new TreeMap<>();

    static Path dir() {
        return Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais");
    }

    @BeforeAll
    static void runAll() throws IOException {
        Path d = dir();
        assumeTrue(Files.isDirectory(d), "shared AIS logs absent: " + d);
        List<Path> files;
        try (Stream<Path> s = Files.walk(d)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        LandMask land = LandMask.naturalEarth10m();
        for (Path f : files) {
            List<Observation> obs = new ArrayList<>();
            ObservationMapper mapper = ObservationMapper.forStream();
            long[] lastTime = {1_000_000_000_000L};
            AisStreamDecoder dec = new AisStreamDecoder(Options.DEFAULT, new AisListener() {
                @Override
                public void message(ReceivedMessage m) {
                    if (m.hasReceiveTime()) {
                        lastTime[0] = m.receiveTimeMillis();
                        obs.addAll(mapper.map(m));
                    } else {
                        obs.addAll(mapper.map(m.message(), lastTime[0], m.source(), TimeSource.NONE));
                    }
                }

                @Override
                public void rejected(Rejection r) {
                }
            });
            try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
                dec.consume(in);
            }
            dec.finish();
            obs.sort(java.util.Comparator.comparingLong(Observation::time));
            VesselPicture picture = new VesselPicture();
            List<Event> out = new ArrayList<>();
            DetectionEngine e = new DetectionEngine(List.of(InvalidIdentityDetector.withDefaults(),
                    IdentityConflictDetector.withDefaults(),
                    new PositionOnLandDetector(PositionOnLandDetector.Config.defaults(), land)), out::add, 0);
            // as the hosts do: duplicate receptions and stale repeats never reach the detectors
            org.watchkeeper.core.detect.DuplicateFilter copies = new org.watchkeeper.core.detect.DuplicateFilter(e::accept);
            for (Observation o : obs) {
                var dd = picture.accept(o);
                if (dd == null || dd.accepted()) {
                    copies.accept(o);
                }
            }
            e.finish();
            EVENTS.put(d.relativize(f).toString(), out);
            COPIES.put(d.relativize(f).toString(), copies.duplicates());
        }
    }

    static Map<String, Integer> summary(List<Event> events) {
        Map<String, Integer> m = new TreeMap<>();
        for (Event e : events) {
            String k = e.kind().id() + (e.attributes().containsKey("reason") ? "/" + e.attributes().get("reason") : "");
            m.merge(k, 1, Integer::sum);
        }
        return m;
    }

    static List<Integer> vessels(String file, String reason) {
        return EVENTS.get(file).stream().filter(e -> reason.equals(e.attributes().get("reason")))
                .map(e -> e.vessels().get(0)).sorted().toList();
    }

    @Test
    void print() {
        EVENTS.forEach((f, ev) -> System.out.println(f + " " + summary(ev)));
        EVENTS.get("dma-aisabnormal/ais-sample.txt.gz").stream().filter(e -> e.kind().id().equals("position_on_land"))
                .limit(8).forEach(e -> System.out.println("  on land " + e.vessels() + " " + e.latitude() + " " + e.longitude()
                        + " " + e.attributes()));
        assertThat(EVENTS).hasSize(18);
    }

    /**
     * IMO numbers with a bad check digit in real type 5 messages, one event per MMSI. Counts checked
     * by hand with an independent decoder (gpsd's gpsdecode -j over the same files, check digit
     * recomputed from its "imo" field): 15, 3 and 7 MMSIs.
     */
    @Test
    void badImoCheckDigitsInRealTypeFiveMessages() {
        assertThat(vessels("amsa-risky/ais.txt.gz", "imo_bad_check_digit")).hasSize(15).contains(233217000, 248190000,
                353370119, 365939904, 366853420);
        assertThat(vessels("dma-aislib/stream_example.txt", "imo_bad_check_digit"))
                .containsExactly(235018213, 246709000, 273318950);
        assertThat(vessels("amsa-risky/exact-earth-augmented.txt", "imo_bad_check_digit")).hasSize(7)
                .contains(375287000, 412000000, 509288126, 525025575, 563615000);
        // the single-vessel DMA scenario logs have no bad identity
        assertThat(EVENTS.get("dma-aisabnormal/212123000_drift_1.ais")).isEmpty();
        assertThat(EVENTS.get("dma-aisabnormal/538004030_drift_1.ais")).isEmpty();
    }

    /**
     * Two transmitters on one MMSI in a real log, and a look-alike that is not. 001193046 (exactEarth
     * satellite log of 2 February 2012): fixes at Auckland and at Noumea, 1 807 km apart, alternate
     * during two satellite passes 43 minutes apart. 538004030 (DMA drift log of 28 September 2014)
     * looks like a second transmitter about 950 m south-west of the drifting ship, moving with it,
     * heard 10 times between 16:50 and 18:18 by base station 992190923 alone; each of those 10 is,
     * byte for byte, a report the other stations heard 1 016.6-1 017.1 s earlier (checked by hand in
     * the log: payload {@code 1815:?P1hEPkhipQ5?PP=rJJ00Rt}, UTC second 13, at 16:33:15.382 and
     * again at 16:50:12.080), so they are stale repeats, which the tracker leaves out as duplicates
     * (and the hosts' duplicate filter would, after it), and the log gives no identity conflict (it
     * gave one of 20 alternations before).
     */
    @Test
    void twoTransmittersOnOneMmsiInRealLogs() {
        assertThat(EVENTS.get("dma-aisabnormal/538004030_drift_1.ais")).noneMatch(e -> e.kind() == EventKind.IDENTITY_CONFLICT);
        // the picture's tracker already left out the copies heard within seconds and the 10 stale repeats
        assertThat(COPIES.get("dma-aisabnormal/538004030_drift_1.ais")).isZero();
        List<Event> satellite = EVENTS.get("amsa-risky/exact-earth-augmented-3.txt").stream()
                .filter(e -> e.kind() == EventKind.IDENTITY_CONFLICT).toList();
        assertThat(satellite).singleElement().satisfies(e -> {
            assertThat(e.vessels()).containsExactly(1193046);
            assertThat(e.start()).isEqualTo(java.time.Instant.parse("2012-02-02T10:02:10.354Z").toEpochMilli());
            assertThat(e.end()).isEqualTo(java.time.Instant.parse("2012-02-02T11:01:25Z").toEpochMilli());
            assertThat(e.attributes()).containsEntry("alternations", 11).containsEntry("distance_m", 1_807_486L);
        });
    }
}
