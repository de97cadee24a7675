package org.watchkeeper.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.ais.PositionReport;
import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.StandardClassBPositionReport;
import org.watchkeeper.ais.StaticAndVoyageData;
import org.watchkeeper.ais.nmea.AisStreamDecoder;
import org.watchkeeper.ais.nmea.Options;
import org.watchkeeper.ais.nmea.ReceivedMessage;
import org.watchkeeper.ais.nmea.Rejection;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.ref.FlagState;
import org.watchkeeper.core.ref.LandMask;
import org.watchkeeper.core.ref.MaritimeIdentificationDigits;

/** What the simulator writes, read back by the project's own stream decoder. */
class SimulationTest {
    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static List<ReceivedMessage> day;
    private static Simulation daySim;

    private static String text(SimulationOptions o) throws IOException {
        StringWriter w = new StringWriter();
        new Simulation(o).writeTo(w);
        return w.toString();
    }

    private static List<ReceivedMessage> decodeClean(String text) {
        List<Object> out = AisStreamDecoder.decodeAll(text, Options.DEFAULT);
        assertThat(out).filteredOn(Rejection.class::isInstance).isEmpty();
        return out.stream().map(ReceivedMessage.class::cast).toList();
    }

    @BeforeAll
    static void runADay() throws IOException {
        SimulationOptions o = new SimulationOptions(42, 10, START, Duration.ofHours(24), true, SimulationOptions.Noise.NONE);
        daySim = new Simulation(o);
        StringWriter w = new StringWriter();
        daySim.writeTo(w);
        day = decodeClean(w.toString());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherTraffic() throws IOException {
        SimulationOptions o = new SimulationOptions(11, 30, START, Duration.ofMinutes(20), true, SimulationOptions.Noise.DEFAULT);
        String a = text(o);
        assertThat(a).isEqualTo(text(o));
        assertThat(a.length()).isGreaterThan(100_000);
        assertThat(text(new SimulationOptions(12, 30, START, Duration.ofMinutes(20), true, SimulationOptions.Noise.DEFAULT)))
                .isNotEqualTo(a);
        // noise does not move the ships: the clean run's first position of each vessel is in the noisy run
        String clean = text(new SimulationOptions(11, 30, START, Duration.ofMinutes(20), true, SimulationOptions.Noise.NONE));
        String firstLine = clean.substring(clean.indexOf('!'), clean.indexOf('\r'));
        assertThat(a).contains(firstLine);
    }

    @Test
    void anHourOfTrafficHasTheItuReportingIntervalsAndCounts() throws IOException {
        SimulationOptions o = new SimulationOptions(5, 60, START, Duration.ofHours(1), false, SimulationOptions.Noise.NONE);
        Simulation sim = new Simulation(o);
        StringWriter w = new StringWriter();
        sim.writeTo(w);
        List<ReceivedMessage> ms = decodeClean(w.toString());
        assertThat((long) ms.size()).isEqualTo(sim.counts().messages());
        Map<Integer, Long> byType = new TreeMap<>();
        ms.forEach(m -> byType.merge(m.message().messageType(), 1L, Long::sum));
        for (int type : byType.keySet()) {
            assertThat(byType.get(type)).isEqualTo(sim.counts().messages(type));
        }
        assertThat(byType.keySet()).containsExactly(1, 5, 18, 24);

        Map<Integer, List<ReceivedMessage>> byMmsi = new HashMap<>();
        ms.forEach(m -> byMmsi.computeIfAbsent(m.message().mmsi(), k -> new ArrayList<>()).add(m));
        assertThat(byMmsi).hasSize(60);
        MaritimeIdentificationDigits mids = MaritimeIdentificationDigits.standard();
        int checkedIntervals = 0;
        for (List<ReceivedMessage> list : byMmsi.values()) {
            List<ReceivedMessage> pos = list.stream().filter(m -> m.message().messageType() == 1 || m.message().messageType() == 18).toList();
            long type5 = list.stream().filter(m -> m.message().messageType() == 5).count();
            long type24 = list.stream().filter(m -> m.message().messageType() == 24).count();
            boolean classB = pos.get(0).message().messageType() == 18;
            // static data every 6 minutes: exactly 10 per hour (part B may fall after the hour once)
            if (classB) {
                assertThat(type5).isZero();
                assertThat(type24).isBetween(19L, 20L);
            } else {
                assertThat(type5).isEqualTo(10);
                assertThat(type24).isZero();
            }
            FlagState flag = mids.forMmsi(list.get(0).message().mmsi());
            assertThat(flag).isNotNull();
            for (int i = 1; i < pos.size(); i++) {
                long dt = (pos.get(i).receiveTimeMillis() - pos.get(i - 1).receiveTimeMillis()) / 1000;
                int expected = expectedInterval(pos.get(i - 1));
                if (dt != expected) {
                    // only when the vessel changed from at anchor to under way between the two reports
                    assertThat(dt).isLessThan(expected);
                    assertThat(expectedInterval(pos.get(i))).isLessThan(expected);
                } else {
                    checkedIntervals++;
                }
            }
            int iv = expectedInterval(pos.get(0));
            if (pos.stream().allMatch(p -> expectedInterval(p) == iv)) {
                assertThat((long) pos.size()).isBetween(3600L / iv, 3600L / iv + 1);
            }
        }
        assertThat(checkedIntervals).isGreaterThan(10_000);
    }

    /** ITU-R M.1371-5 Annex 1 Table 1 (Class A) and the Class B "CS" rates, from the decoded report itself. */
    private static int expectedInterval(ReceivedMessage m) {
        if (m.message() instanceof StandardClassBPositionReport b) {
            return b.speedOverGround() > 2 ? 30 : 180;
        }
        PositionReport p = (PositionReport) m.message();
        if ((p.navigationStatus() == 1 || p.navigationStatus() == 5) && p.speedOverGround() <= 3) {
            return 180;
        }
        return p.speedOverGround() > 23 ? 2 : p.speedOverGround() > 14 ? 6 : 10;
    }

    @Test
    void identitiesLookReal() {
        MaritimeIdentificationDigits mids = MaritimeIdentificationDigits.standard();
        for (ReceivedMessage m : day) {
            if (m.message() instanceof StaticAndVoyageData s) {
                assertThat(VesselIdentity.validImo(s.imoNumber())).as(s.shipName()).isTrue();
                assertThat(s.shipName()).isNotBlank();
                assertThat(s.callSign()).hasSizeBetween(4, 7);
                assertThat(s.toBow() + s.toStern()).isBetween(30, 400);
                assertThat(mids.forMmsi(s.mmsi())).isNotNull();
            }
        }
        assertThat(VesselIdentity.validImo(9074729)).isTrue(); // a real IMO number
        assertThat(VesselIdentity.validImo(9074728)).isFalse();
        assertThat(day).extracting(ReceivedMessage::source).contains("WK-SAT1")
                .anyMatch(src -> src.startsWith("WK-") && !src.startsWith("WK-SAT"));
    }

    private static List<ReceivedMessage> positions(int mmsi) {
        return day.stream().filter(m -> m.message().mmsi() == mmsi && m.message() instanceof PositionReport).toList();
    }

    private static PlantedEvent event(EventKind kind) {
        return daySim.plantedEvents().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void theRendezvousVesselsAreWithin500mAndSlowForMoreThanTwoHours() {
        PlantedEvent e = event(EventKind.ENCOUNTER);
        List<ReceivedMessage> a = positions(e.mmsis().get(0));
        List<ReceivedMessage> b = positions(e.mmsis().get(1));
        long from = e.start().toEpochMilli();
        long to = e.end().toEpochMilli();
        long closeFirst = Long.MAX_VALUE;
        long closeLast = Long.MIN_VALUE;
        for (ReceivedMessage ma : a) {
            PositionReport pa = (PositionReport) ma.message();
            ReceivedMessage nb = b.stream().min((x, y) -> Long.compare(Math.abs(x.receiveTimeMillis() - ma.receiveTimeMillis()),
                    Math.abs(y.receiveTimeMillis() - ma.receiveTimeMillis()))).orElseThrow();
            PositionReport pb = (PositionReport) nb.message();
            double d = Geodesy.distance(pa.latitude(), pa.longitude(), pb.latitude(), pb.longitude());
            if (d < 500 && pa.speedOverGround() < 2 && pb.speedOverGround() < 2) {
                closeFirst = Math.min(closeFirst, ma.receiveTimeMillis());
                closeLast = Math.max(closeLast, ma.receiveTimeMillis());
            }
            if (ma.receiveTimeMillis() > from + 60_000 && ma.receiveTimeMillis() < to - 60_000) {
                assertThat(d).isLessThan(500);
            }
        }
        assertThat(closeLast - closeFirst).isGreaterThan(2 * 3_600_000L);
        assertThat(closeFirst).isBetween(from - 120_000, from + 120_000);
    }

    @Test
    void theDarkVesselIsSilentForMoreThan12HoursFarFromShore() {
        PlantedEvent e = event(EventKind.GAP);
        List<ReceivedMessage> p = positions(e.mmsis().get(0));
        long maxGap = 0;
        ReceivedMessage before = null;
        for (int i = 1; i < p.size(); i++) {
            long gap = p.get(i).receiveTimeMillis() - p.get(i - 1).receiveTimeMillis();
            if (gap > maxGap) {
                maxGap = gap;
                before = p.get(i - 1);
            }
        }
        assertThat(maxGap).isGreaterThan(12 * 3_600_000L);
        assertThat(before.receiveTimeMillis()).isBetween(e.start().toEpochMilli() - 10_000, e.start().toEpochMilli());
        PositionReport last = (PositionReport) before.message();
        assertThat(LandMask.naturalEarth10m().distanceToCoast(last.latitude(), last.longitude(), 50 * 1852.0)).isInfinite();
    }

    @Test
    void theConflictingMmsiIsInTwoPlacesAtOnce() {
        PlantedEvent e = event(EventKind.IDENTITY_CONFLICT);
        List<ReceivedMessage> p = positions(e.mmsis().get(0));
        int far = 0;
        for (int i = 1; i < p.size(); i++) {
            PositionReport x = (PositionReport) p.get(i - 1).message();
            PositionReport y = (PositionReport) p.get(i).message();
            if (Geodesy.distance(x.latitude(), x.longitude(), y.latitude(), y.longitude()) > 1_000_000) {
                far++;
                assertThat(p.get(i).receiveTimeMillis()).isBetween(e.start().toEpochMilli(), e.end().toEpochMilli());
            }
        }
        assertThat(far).isGreaterThan(100);
        assertThat(day.stream().filter(m -> m.message().mmsi() == e.mmsis().get(0) && m.message() instanceof StaticAndVoyageData)
                .map(m -> ((StaticAndVoyageData) m.message()).shipName()).distinct().count()).isEqualTo(2);
    }

    @Test
    void theZoneVesselEntersTheZoneWhenTheTruthSays() {
        PlantedEvent e = event(EventKind.ZONE_ENTRY);
        ReceivedMessage firstIn = positions(e.mmsis().get(0)).stream().filter(m -> {
            PositionReport r = (PositionReport) m.message();
            return IndoPacific.DEMO_ZONE.contains(r.latitude(), r.longitude());
        }).findFirst().orElseThrow();
        assertThat(firstIn.receiveTimeMillis()).isBetween(e.start().toEpochMilli(), e.start().toEpochMilli() + 10_000);
        assertThat(e.zone()).isEqualTo(IndoPacific.DEMO_ZONE.name());
    }

    @Test
    void theLoitererIsSlowAndStaysPut() {
        PlantedEvent e = event(EventKind.LOITERING);
        List<ReceivedMessage> in = positions(e.mmsis().get(0)).stream()
                .filter(m -> m.receiveTimeMillis() > e.start().toEpochMilli() && m.receiveTimeMillis() < e.end().toEpochMilli()).toList();
        assertThat(in.size()).isGreaterThan(2000);
        for (ReceivedMessage m : in) {
            PositionReport r = (PositionReport) m.message();
            assertThat(r.speedOverGround()).isLessThan(2);
            assertThat(Geodesy.distanceNm(r.latitude(), r.longitude(), e.position().lat(), e.position().lon())).isLessThan(1.5);
        }
    }

    @Test
    void noiseAddsDuplicatesLossesAndBadLinesOnly() throws IOException {
        SimulationOptions o = new SimulationOptions(9, 40, START, Duration.ofHours(1), false,
                new SimulationOptions.Noise(0.05, 0.01, 0.01));
        Simulation sim = new Simulation(o);
        StringWriter w = new StringWriter();
        sim.writeTo(w);
        List<Object> out = AisStreamDecoder.decodeAll(w.toString(), Options.DEFAULT);
        List<Rejection> rej = out.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
        long decoded = out.stream().filter(ReceivedMessage.class::isInstance).count();
        Simulation.Counts c = sim.counts();
        assertThat(c.dropped()).isPositive();
        assertThat(c.duplicated()).isPositive();
        assertThat(c.corrupted()).isPositive();
        assertThat(rej).extracting(Rejection::reason).allMatch(r -> r == RejectReason.BAD_CHECKSUM
                || r == RejectReason.INCOMPLETE_MESSAGE || r == RejectReason.ORPHAN_FRAGMENT);
        assertThat(rej.stream().filter(r -> r.reason() == RejectReason.BAD_CHECKSUM).count()).isEqualTo(c.corrupted());
        // every transmission is decoded once, plus duplicates, minus the lost and the damaged ones
        assertThat(decoded).isBetween(c.messages() - c.dropped() - c.corrupted() + c.duplicated() - 1,
                c.messages() - c.dropped() + c.duplicated());
    }
}
