package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;

class DuplicateFilterTest {
    private static PositionObservation fix(int mmsi, long t, String source, double lat) {
        return new PositionObservation(t, source, mmsi, 1, StationClass.A, lat, 11.0, 10.0, 90, 90, 0, true, false);
    }

    @Test
    void theFirstCopyOfAReportGoesOnAndLaterCopiesWithinTheWindowDoNot() {
        List<Observation> out = new ArrayList<>();
        DuplicateFilter f = new DuplicateFilter(out::add, 10_000);
        f.accept(fix(219000001, 1_000, "BS-A", 55.0));
        f.accept(fix(219000001, 1_012, "BS-B", 55.0)); // the same report, heard 12 ms later by a second station
        f.accept(fix(219000002, 1_020, "BS-B", 55.0)); // another vessel, same values: not a copy
        f.accept(fix(219000001, 6_000, "BS-A", 55.001)); // the vessel's next report: other values
        f.accept(fix(219000001, 11_000, "BS-B", 55.0)); // the first report again, 10 s after it: still a copy
        f.accept(fix(219000001, 11_001, "BS-C", 55.0)); // 10.001 s after it: a report of its own
        assertThat(out).extracting(Observation::time).containsExactly(1_000L, 1_020L, 6_000L, 11_001L);
        assertThat(f.duplicates()).isEqualTo(2);
    }

    @Test
    void identitiesAlwaysPass() {
        List<Observation> out = new ArrayList<>();
        DuplicateFilter f = new DuplicateFilter(out::add);
        IdentityObservation id = new IdentityObservation(1_000, "BS-A", 219000001, 5, StationClass.A, "STOC MARCIA",
                null, 0, 80, null, Double.NaN, null, null, -1);
        f.accept(id);
        f.accept(id);
        assertThat(out).hasSize(2);
        assertThat(f.duplicates()).isZero();
    }

    /**
     * Many vessels over a long stream, each report heard by one to three stations: the filter, which
     * forgets vessels silent for longer than the window, decides as a reference that never forgets,
     * and remembers only about the vessels of the last window.
     */
    @Test
    void forgettingSilentVesselsNeverChangesADecision() {
        Random random = new Random(11);
        List<Observation> out = new ArrayList<>();
        DuplicateFilter f = new DuplicateFilter(out::add, 10_000);
        java.util.Map<Integer, List<PositionObservation>> seen = new java.util.HashMap<>();
        long expected = 0;
        long t = 0;
        int most = 0;
        for (int i = 0; i < 200_000; i++) {
            t += random.nextInt(50);
            int mmsi = 200_000_000 + random.nextInt(5_000);
            PositionObservation p = fix(mmsi, t, "S" + random.nextInt(3), 55 + random.nextInt(3) / 1000.0);
            List<PositionObservation> passed = seen.computeIfAbsent(mmsi, k -> new ArrayList<>());
            final long now = t;
            boolean copy = passed.stream().anyMatch(r -> now - r.time() <= 10_000 && r.sameContent(p));
            if (!copy) {
                passed.add(p);
                expected++;
            }
            f.accept(p);
            most = Math.max(most, f.vessels());
        }
        assertThat(out).hasSize((int) expected);
        assertThat(f.duplicates()).isEqualTo(200_000 - expected).isPositive();
        assertThat(most).isLessThan(5_000);
    }

    /** A report of a vessel heading north at {@code knots}, made at {@code t} (its UTC second from t) and received at {@code received}. */
    private static PositionObservation report(long t, long received, double knots, String source) {
        double lat = 57.8 + knots * 1852.0 / 3_600_000.0 * t / 111_195.0;
        return new PositionObservation(received, source, 538004030, 1, StationClass.A, lat, 11.3, knots, 0.0, 0, 0, true, false,
                org.watchkeeper.ais.nmea.TimeSource.PGHP, (int) (t / 1000 % 60), false);
    }

    /**
     * A station that relays what it heard 1 017 s before, stamped with its own later time (the DMA
     * drift log's base station 992190923): each such copy of a moving vessel's report, identical in
     * every value and its UTC second, places the vessel about 1 km behind where it is, and is left
     * out and counted; a report at the old place with another UTC second (a second transmitter) goes
     * on, as do a vessel at rest's identical reports, and a late copy the vessel's newest fix could
     * have reached anyway.
     */
    @Test
    void aMovingVesselsReportHeardAgainMinutesLaterIsAStaleRepeat() {
        List<Observation> out = new ArrayList<>();
        DuplicateFilter f = new DuplicateFilter(out::add);
        long t;
        for (t = 0; t <= 1_800_000; t += 10_000) {
            f.accept(report(t, t + 400, 2.0, "2190073"));
        }
        long now = 1_800_400 + 3_000; // 3 s after the newest report was heard
        f.accept(report(780_000, now, 2.0, "992190923")); // heard again 17 min after it was made: 1 km behind
        assertThat(f.duplicates()).isEqualTo(1);
        f.accept(report(1_790_000, now + 1, 2.0, "992190923")); // heard again 13 s late, 14 m behind: reachable, goes on
        assertThat(out).last().isEqualTo(report(1_790_000, now + 1, 2.0, "992190923"));
        PositionObservation old = report(780_000, now + 2, 2.0, "992190923");
        PositionObservation otherSecond = new PositionObservation(old.time(), old.source(), old.mmsi(), 1, StationClass.A,
                old.latitude(), old.longitude(), 2.0, 0.0, 0, 0, true, false, org.watchkeeper.ais.nmea.TimeSource.PGHP,
                (old.utcSecond() + 1) % 60, false);
        f.accept(otherSecond); // at the old place with another second: a report of its own
        assertThat(out).last().isEqualTo(otherSecond);
        assertThat(out).hasSize(181 + 2);
        assertThat(f.duplicates()).isEqualTo(1);

        // at rest: the same report 17 min apart is the vessel's own, every time
        List<Observation> rest = new ArrayList<>();
        DuplicateFilter r = new DuplicateFilter(rest::add);
        for (t = 0; t <= 1_800_000; t += 60_000) {
            r.accept(new PositionObservation(t, "2190073", 219000001, 1, StationClass.A, 55.0, 12.0, 0.0, 0.0, 0, 5, true,
                    false, org.watchkeeper.ais.nmea.TimeSource.PGHP, 13, false));
        }
        assertThat(rest).hasSize(31);
        assertThat(r.duplicates()).isZero();
    }

    /**
     * A second transmitter far from the vessel sending one canned report (10 kn, the same second)
     * again and again, alternating with the vessel's own reports: every canned copy goes on to the
     * detectors (an identity conflict is theirs to find), since each is a jump from the vessel's
     * track and copies no report of it; so does a vessel going back to a place it reported from.
     */
    @Test
    void aCannedReportRepeatedFarFromTheVesselIsNeverAStaleRepeat() {
        List<Observation> out = new ArrayList<>();
        DuplicateFilter f = new DuplicateFilter(out::add);
        PositionObservation canned = new PositionObservation(0, "S2", 538004030, 1, StationClass.A, 53.0, 3.0, 10.0, 45.0, 45, 0,
                true, false, org.watchkeeper.ais.nmea.TimeSource.PGHP, 30, false);
        int sent = 0;
        for (long t = 0; t <= 1_800_000; t += 10_000) {
            f.accept(report(t, t + 400, 2.0, "2190073"));
            sent++;
            if (t % 60_000 == 0) {
                f.accept(new PositionObservation(t + 5_000, "S2", canned.mmsi(), 1, StationClass.A, canned.latitude(),
                        canned.longitude(), 10.0, 45.0, 45, 0, true, false, org.watchkeeper.ais.nmea.TimeSource.PGHP, 30, false));
                sent++;
            }
        }
        assertThat(out).hasSize(sent);
        assertThat(f.duplicates()).isZero();
    }
}
