package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.watchkeeper.store.Fleet.ANCHOR;
import static org.watchkeeper.store.Fleet.DATELINE;
import static org.watchkeeper.store.Fleet.EQUATOR;
import static org.watchkeeper.store.Fleet.POLAR;
import static org.watchkeeper.store.Fleet.STEP;
import static org.watchkeeper.store.Fleet.STRAIT;
import static org.watchkeeper.store.Fleet.T0;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HistoryStore} must have. Each concrete test class opens a fresh, empty
 * store; expected answers are worked out by hand from {@link Fleet}'s tracks or by brute force in
 * Java over the same rows.
 */
abstract class HistoryStoreContract {

    static final long END = T0 + 24 * 3600_000L;

    protected HistoryStore store;

    /** @return a new, empty store */
    protected abstract HistoryStore openEmptyStore();

    @BeforeEach
    void openStore() {
        store = openEmptyStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private void loadNamed() {
        List<PositionRow> rows = new ArrayList<>(Fleet.named());
        Collections.shuffle(rows, new Random(7));
        store.appendPositions(rows.subList(0, 500));
        store.appendPositions(rows.subList(500, rows.size()));
    }

    // ------------------------------------------------------------------ tracks

    @Test
    void trackReturnsTheWindowInTimeOrderWithEveryFieldIntact() {
        loadNamed();
        List<PositionRow> expected = Fleet.named().stream()
                .filter(p -> p.mmsi() == STRAIT && p.timeMillis() >= T0 + 100_000 && p.timeMillis() <= T0 + 200_000)
                .toList();
        assertThat(expected).hasSize(11); // i = 10..20, both window ends included
        assertThat(store.track(STRAIT, T0 + 100_000, T0 + 200_000)).containsExactlyElementsOf(expected);

        // Not-available values (NaN speed/course, -1 heading, null source) come back as such.
        List<PositionRow> anchor = store.track(ANCHOR, T0, END);
        assertThat(anchor).hasSize(30);
        assertThat(anchor.get(0)).isEqualTo(
                new PositionRow(ANCHOR, T0, 1.25, 103.75, Double.NaN, Double.NaN, -1, 1, 1, 0, null));
        // A source with tab and backslash survives the bulk path.
        assertThat(store.track(EQUATOR, T0, T0).get(0).source()).isEqualTo("rx\ttab\\back");
        assertThat(store.track(STRAIT, END + 1, END + 2)).isEmpty();
        assertThat(store.track(123_456_789, T0, END)).isEmpty();
    }

    /**
     * A track asked with a limit is the first fixes of the whole track, in its order, also when the cut
     * falls among fixes of one time that differ only in not-available values.
     */
    @Test
    void aTrackWithALimitIsTheFirstFixesOfTheWholeTrack() {
        loadNamed();
        List<PositionRow> ties = List.of(
                new PositionRow(ANCHOR, T0 + 5, 1.25, 103.75, Double.NaN, 10.0, -1, 1, 1, 0, "b"),
                new PositionRow(ANCHOR, T0 + 5, 1.25, 103.75, 0.5, 10.0, 7, 1, 1, 0, null),
                new PositionRow(ANCHOR, T0 + 5, 1.25, 103.75, 0.5, Double.NaN, 7, -1, 1, 0, "a"),
                new PositionRow(ANCHOR, T0 + 5, 1.25, 103.75, 0.5, 10.0, 7, 1, PositionRow.NOT_AVAILABLE, 0, "c"),
                new PositionRow(ANCHOR, T0 + 5, 1.24, 103.75, 0.5, 10.0, 7, 1, 1, 0, "d"));
        store.appendPositions(ties);
        List<PositionRow> whole = store.track(ANCHOR, T0, END);
        assertThat(whole).hasSize(35);
        for (int k = 1; k <= whole.size() + 1; k++) {
            assertThat(store.track(ANCHOR, T0, END, k)).as("limit %d", k).containsExactlyElementsOf(whole.subList(0, Math.min(k, whole.size())));
        }
        assertThat(store.track(ANCHOR, T0, END, Integer.MAX_VALUE)).containsExactlyElementsOf(whole);
        assertThatThrownBy(() -> store.track(ANCHOR, T0, END, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 1: 0");
    }

    /**
     * Two position writers on two threads, each appending every other small batch of the fleet at
     * the same time: every fix is stored once and the tracks read back as from one writer.
     */
    @Test
    void positionWritersOnTwoThreadsStoreEveryFixOnce() throws Exception {
        List<PositionRow> all = Fleet.named();
        List<List<PositionRow>> batches = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += 37) {
            batches.add(all.subList(i, Math.min(all.size(), i + 37)));
        }
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int first = w;
                done.add(pool.submit(() -> {
                    try (HistoryStore.PositionWriter writer = store.positionWriter()) {
                        start.await();
                        for (int b = first; b < batches.size(); b += 2) {
                            writer.append(batches.get(b));
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(batches.size()).isGreaterThan(10);
        assertThat(store.counts().positions()).isEqualTo(all.size());
        for (int mmsi : new int[] {STRAIT, ANCHOR, Fleet.POLAR, Fleet.DATELINE}) {
            assertThat(store.track(mmsi, T0, END)).as("MMSI %d", mmsi)
                    .containsExactlyElementsOf(all.stream().filter(p -> p.mmsi() == mmsi).toList());
        }
    }

    /**
     * A fix from a CSV row has no AIS message type: it is stored without one and read back as not
     * available (-1), beside a typed fix of the same vessel; 0, which is no AIS message type, is refused.
     */
    @Test
    void aFixWithoutMessageTypeIsStoredAndReadWithout() {
        PositionRow csv = new PositionRow(ANCHOR, T0, 1.25, 103.75, 0.5, 10.0, 5, 1, PositionRow.NOT_AVAILABLE, 0,
                "AISdata.csv.gz");
        PositionRow aivdm = new PositionRow(ANCHOR, T0 + 1, 1.25, 103.75, 0.5, 10.0, 5, 1, 1, 0, "a");
        store.appendPositions(List.of(aivdm, csv));
        assertThat(store.track(ANCHOR, T0, T0 + 1)).containsExactly(csv, aivdm);
        assertThat(store.track(ANCHOR, T0, T0).get(0).messageType()).isEqualTo(-1);
        try (HistoryStore.PositionWriter w = store.positionWriter()) {
            w.append(List.of(new PositionRow(STRAIT, T0, 1.2, 103.6, Double.NaN, Double.NaN, -1, -1, -1, 0, null)));
        }
        assertThat(store.track(STRAIT, T0, T0)).extracting(PositionRow::messageType).containsExactly(-1);
        assertThatThrownBy(() -> new PositionRow(ANCHOR, T0, 1.25, 103.75, 0.5, 10.0, 5, 1, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messageType must be 1-27 or -1: 0");
    }

    @Test
    void trackOrdersFixesOfTheSameTimeByTheirFields() {
        PositionRow type3 = new PositionRow(ANCHOR, T0, 1.25, 103.75, 0.0, 10.0, 5, 1, 3, 0, "b");
        PositionRow type1 = new PositionRow(ANCHOR, T0, 1.25, 103.75, 0.0, 10.0, 5, 1, 1, 0, "a");
        PositionRow later = new PositionRow(ANCHOR, T0 + 1, 1.25, 103.75, 0.0, 10.0, 5, 1, 1, 0, "a");
        store.appendPositions(List.of(later, type3, type1));
        assertThat(store.track(ANCHOR, T0, T0 + 1)).containsExactly(type1, type3, later);
    }

    // ------------------------------------------------------------------ boxes and polygons

    @Test
    void boxCountsPositionsInsideWithInclusiveEdges() {
        loadNamed();
        // STRAIT lon 103.700..103.800 is i = 100..200; ANCHOR sits at (1.25, 103.75) for 30 fixes.
        assertThat(store.vesselsInBox(1.0, 103.7, 1.4, 103.8, T0, END)).containsExactly(
                new VesselPresence(ANCHOR, 30, T0, T0 + 29 * STEP),
                new VesselPresence(STRAIT, 101, T0 + 100 * STEP, T0 + 200 * STEP));
        // A window cuts both: STRAIT i = 150..200, ANCHOR is gone by then.
        assertThat(store.vesselsInBox(1.0, 103.7, 1.4, 103.8, T0 + 150 * STEP, T0 + 300 * STEP))
                .containsExactly(new VesselPresence(STRAIT, 51, T0 + 150 * STEP, T0 + 200 * STEP));
        assertThat(store.vesselsInBox(1.21, 103.7, 1.4, 103.8, T0, END))
                .containsExactly(new VesselPresence(ANCHOR, 30, T0, T0 + 29 * STEP));
    }

    @Test
    void boxAcrossTheAntimeridian() {
        loadNamed();
        // DATELINE lon 179.95..180.0 is i = 50..100, lon -180..-179.95 is i = 101..150.
        assertThat(store.vesselsInBox(-17.5, 179.95, -16.5, -179.95, T0, END))
                .containsExactly(new VesselPresence(DATELINE, 101, T0 + 50 * STEP, T0 + 150 * STEP));
        assertThat(store.vesselsInBox(-17.5, 179.95, -16.5, 180, T0, END))
                .containsExactly(new VesselPresence(DATELINE, 51, T0 + 50 * STEP, T0 + 100 * STEP));
        // The non-crossing box with the same numbers is the rest of the world at that latitude:
        // i = 0..50 and i = 150..199 (the edge fixes i = 50 and 150 are in both boxes).
        assertThat(store.vesselsInBox(-17.5, -179.95, -16.5, 179.95, T0, END))
                .containsExactly(new VesselPresence(DATELINE, 101, T0, T0 + 199 * STEP));
    }

    @Test
    void boxAtThePole() {
        loadNamed();
        assertThat(store.vesselsInBox(89.0, -180, 90, 180, T0, END))
                .containsExactly(new VesselPresence(POLAR, 100, T0, T0 + 99 * STEP));
        // lon -180 + 3.6 i in [0, 90] is i = 50..75.
        assertThat(store.vesselsInBox(89.0, 0, 90, 90, T0, END))
                .containsExactly(new VesselPresence(POLAR, 26, T0 + 50 * STEP, T0 + 75 * STEP));
    }

    @Test
    void polygonMembership() {
        loadNamed();
        // Triangle whose edges cross lat 1.20 at lon 103.7255 and 103.7755: STRAIT i = 126..175;
        // at lat 1.25 it spans 103.738..103.763, so ANCHOR (103.75) is inside.
        String triangle = "POLYGON((103.7005 1.10, 103.8005 1.10, 103.7505 1.30, 103.7005 1.10))";
        List<VesselPresence> expected = List.of(
                new VesselPresence(ANCHOR, 30, T0, T0 + 29 * STEP),
                new VesselPresence(STRAIT, 50, T0 + 126 * STEP, T0 + 175 * STEP));
        assertThat(store.vesselsInPolygon(triangle, T0, END)).isEqualTo(expected);
        // The same ring as {lat, lon} vertices, left open.
        double[][] ring = {{1.10, 103.7005}, {1.10, 103.8005}, {1.30, 103.7505}};
        assertThat(store.vesselsInPolygon(ring, T0, END)).isEqualTo(expected);

        // A rectangle answers like the box: points on the boundary count as inside.
        assertThat(store.vesselsInPolygon("POLYGON((103.7 1.0, 103.8 1.0, 103.8 1.4, 103.7 1.4, 103.7 1.0))", T0, END))
                .isEqualTo(store.vesselsInBox(1.0, 103.7, 1.4, 103.8, T0, END));
        // A hole removes what it covers: the anchorage.
        assertThat(store.vesselsInPolygon("POLYGON((103.7 1.0, 103.8 1.0, 103.8 1.4, 103.7 1.4, 103.7 1.0),"
                + " (103.74 1.24, 103.76 1.24, 103.76 1.26, 103.74 1.26, 103.74 1.24))", T0, END))
                .containsExactly(new VesselPresence(STRAIT, 101, T0 + 100 * STEP, T0 + 200 * STEP));
    }

    @Test
    void multipolygonSplitAtTheAntimeridian() {
        loadNamed();
        String area = "MULTIPOLYGON(((179.95 -17.5, 180 -17.5, 180 -16.5, 179.95 -16.5, 179.95 -17.5)),"
                + " ((-180 -17.5, -179.95 -17.5, -179.95 -16.5, -180 -16.5, -180 -17.5)))";
        assertThat(store.vesselsInPolygon(area, T0, END))
                .containsExactly(new VesselPresence(DATELINE, 101, T0 + 50 * STEP, T0 + 150 * STEP));
    }

    @Test
    void badAreasAreRejected() {
        assertThatThrownBy(() -> store.vesselsInPolygon("POINT(1 2)", T0, END))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.vesselsInPolygon("POLYGON((1 2, 3", T0, END))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.vesselsInPolygon("POLYGON((170 0, 190 0, 190 1, 170 0))", T0, END))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.vesselsInBox(1, 2, 0, 3, T0, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.vesselsInBox(0, 2, 1, 3, END, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.near(0, 0, -5, T0, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.near(91, 0, 5, T0, END)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ near

    @Test
    void nearGivesTheClosestApproachByHaversine() {
        loadNamed();
        // One degree of the equator on the 6 371 008.8 m sphere: R * pi / 180 = 111 195.080 m.
        // EQUATOR is at lon 1.0 for i = 0..9 (ties: the earliest wins), then lon 1.5.
        List<ClosestApproach> r = store.near(0, 0, 200_000, T0, END);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).mmsi()).isEqualTo(EQUATOR);
        assertThat(r.get(0).distanceMetres()).isCloseTo(111_195.080_233_5, within(1e-6));
        assertThat(r.get(0).timeMillis()).isEqualTo(T0);
        assertThat(r.get(0).lon()).isEqualTo(1.0);
        // From the second half of the window the closest fix is at lon 1.5.
        ClosestApproach late = store.near(0, 0, 200_000, T0 + 10 * STEP, END).get(0);
        assertThat(late.lon()).isEqualTo(1.5);
        assertThat(late.distanceMetres()).isCloseTo(1.5 * 111_195.080_233_5, within(1e-6));
        // A radius just short of one degree finds nobody.
        assertThat(store.near(0, 0, 111_195.0, T0, END)).isEmpty();
    }

    @Test
    void nearOrdersVesselsByDistance() {
        loadNamed();
        // From (1.25, 103.76): ANCHOR is 0.01 deg of longitude away, STRAIT passes 0.05 deg south.
        List<ClosestApproach> r = store.near(1.25, 103.76, 10_000, T0, END);
        assertThat(r).extracting(ClosestApproach::mmsi).containsExactly(ANCHOR, STRAIT);
        assertThat(r.get(0).distanceMetres())
                .isCloseTo(GeoMath.haversineMetres(1.25, 103.76, 1.25, 103.75), within(1e-6));
        assertThat(r.get(0).timeMillis()).isEqualTo(T0); // same place 30 times: the first
        ClosestApproach strait = r.get(1);
        assertThat(strait.lon()).isEqualTo(103.76);
        assertThat(strait.timeMillis()).isEqualTo(T0 + 160 * STEP);
        assertThat(strait.distanceMetres()).isCloseTo(0.05 * 111_195.080_233_5, within(1e-3));
    }

    @Test
    void nearAcrossTheAntimeridian() {
        loadNamed();
        // The closest fix to lon -179.9998 is lon 180.0 (i = 100), 0.0002 deg away across the meridian:
        // 0.0002 * 111 195.08 * cos 17 deg = 21.267 m.
        List<ClosestApproach> r = store.near(-17.0, -179.9998, 500, T0, END);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).mmsi()).isEqualTo(DATELINE);
        assertThat(r.get(0).lon()).isEqualTo(180.0);
        assertThat(r.get(0).timeMillis()).isEqualTo(T0 + 100 * STEP);
        assertThat(r.get(0).distanceMetres()).isCloseTo(21.267, within(1e-3));
        assertThat(r.get(0).distanceMetres())
                .isCloseTo(GeoMath.haversineMetres(-17.0, -179.9998, -17.0, 180.0), within(1e-6));
        // And from the other side of the meridian.
        ClosestApproach east = store.near(-17.0, 179.9999, 500, T0, END).get(0);
        assertThat(east.lon()).isEqualTo(180.0);
    }

    @Test
    void nearThePole() {
        loadNamed();
        // POLAR circles at lat 89.9: 0.1 deg of arc from the pole = 11 119.508 m whatever the longitude.
        List<ClosestApproach> pole = store.near(90, 0, 12_000, T0, END);
        assertThat(pole).hasSize(1);
        assertThat(pole.get(0).mmsi()).isEqualTo(POLAR);
        assertThat(pole.get(0).distanceMetres()).isCloseTo(11_119.508_023, within(1e-3));
        // At lat 89.9 a 3.6 deg step of longitude is only 698.5 m: the box must reach far in longitude.
        List<ClosestApproach> at = store.near(89.9, 1.8, 1000, T0, END);
        assertThat(at).hasSize(1);
        // Same latitude phi, longitudes dl apart: 2 R asin(cos(phi) sin(dl / 2)) = 349.315 m for dl = 1.8.
        assertThat(at.get(0).distanceMetres()).isCloseTo(349.315, within(1e-3));
        // lon 0.0 (i = 50) and 3.6 (i = 51) are exactly as far from lon 1.8: the earlier one wins.
        assertThat(at.get(0).lon()).isEqualTo(0.0);
        assertThat(at.get(0).timeMillis()).isEqualTo(T0 + 50 * STEP);
    }

    @Test
    void randomTrafficMatchesBruteForce() {
        List<PositionRow> rows = Fleet.random(42, 40, 400);
        store.appendPositions(rows);
        Random r = new Random(99);
        for (int q = 0; q < 40; q++) {
            double lat;
            double lon;
            if (q % 2 == 0) { // centre on a stored fix so that the query finds something
                PositionRow p = rows.get(r.nextInt(rows.size()));
                lat = p.lat();
                lon = p.lon();
            } else {
                lat = -89 + r.nextDouble() * 178;
                lon = -180 + r.nextDouble() * 360;
            }
            double radius = 100 + r.nextDouble() * (q % 3 == 0 ? 400_000 : 20_000);
            long from = T0 + r.nextInt(3600) * 1000L;
            long to = from + r.nextInt(4 * 3600) * 1000L;
            assertNearMatches(bruteNear(rows, lat, lon, radius, from, to), store.near(lat, lon, radius, from, to));

            double h = r.nextDouble() * 3;
            double w = r.nextDouble() * 5;
            double minLat = Math.max(-90, lat - h);
            double maxLat = Math.min(90, lat + h);
            double minLon = Fleet.strictLon(lon - w + (lon - w < -180 ? 360 : 0));
            double maxLon = Fleet.strictLon(lon + w);
            assertThat(store.vesselsInBox(minLat, minLon, maxLat, maxLon, from, to))
                    .as("box %s %s %s %s", minLat, minLon, maxLat, maxLon)
                    .isEqualTo(bruteBox(rows, LatLonBox.pieces(minLat, minLon, maxLat, maxLon), from, to));
        }
        for (int mmsi = 200_000_000; mmsi < 200_000_040; mmsi += 7) {
            int m = mmsi;
            assertThat(store.track(m, T0, END)).containsExactlyElementsOf(rows.stream()
                    .filter(p -> p.mmsi() == m).sorted(Comparator.comparingLong(PositionRow::timeMillis)).toList());
        }
        assertThat(store.counts().positions()).isEqualTo(rows.size());
    }

    static void assertNearMatches(List<ClosestApproach> expected, List<ClosestApproach> actual) {
        assertThat(actual).extracting(ClosestApproach::mmsi)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(ClosestApproach::mmsi).toList());
        Map<Integer, ClosestApproach> byMmsi = expected.stream()
                .collect(Collectors.toMap(ClosestApproach::mmsi, c -> c));
        for (int i = 0; i < actual.size(); i++) {
            ClosestApproach a = actual.get(i);
            ClosestApproach e = byMmsi.get(a.mmsi());
            assertThat(a.distanceMetres()).as("distance of %s", a.mmsi()).isCloseTo(e.distanceMetres(), within(1e-6));
            assertThat(a.timeMillis()).as("time of %s", a.mmsi()).isEqualTo(e.timeMillis());
            assertThat(a.lat()).isEqualTo(e.lat());
            assertThat(a.lon()).isEqualTo(e.lon());
            if (i > 0) {
                assertThat(a.distanceMetres()).isGreaterThanOrEqualTo(actual.get(i - 1).distanceMetres());
            }
        }
    }

    /** Closest approach per vessel by scanning every row with the Java haversine. */
    static List<ClosestApproach> bruteNear(List<PositionRow> rows, double lat, double lon, double radius,
                                           long from, long to) {
        Map<Integer, ClosestApproach> best = new TreeMap<>();
        for (PositionRow p : rows) {
            if (p.timeMillis() < from || p.timeMillis() > to) {
                continue;
            }
            double d = GeoMath.haversineMetres(lat, lon, p.lat(), p.lon());
            if (d > radius) {
                continue;
            }
            ClosestApproach b = best.get(p.mmsi());
            if (b == null || d < b.distanceMetres() || (d == b.distanceMetres() && p.timeMillis() < b.timeMillis())) {
                best.put(p.mmsi(), new ClosestApproach(p.mmsi(), d, p.timeMillis(), p.lat(), p.lon()));
            }
        }
        List<ClosestApproach> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(ClosestApproach::distanceMetres).thenComparingInt(ClosestApproach::mmsi));
        return out;
    }

    static List<VesselPresence> bruteBox(List<PositionRow> rows, List<LatLonBox> boxes, long from, long to) {
        Map<Integer, long[]> acc = new TreeMap<>();
        for (PositionRow p : rows) {
            if (p.timeMillis() < from || p.timeMillis() > to
                    || boxes.stream().noneMatch(b -> b.contains(p.lat(), p.lon()))) {
                continue;
            }
            long[] a = acc.computeIfAbsent(p.mmsi(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            a[0]++;
            a[1] = Math.min(a[1], p.timeMillis());
            a[2] = Math.max(a[2], p.timeMillis());
        }
        List<VesselPresence> out = new ArrayList<>();
        acc.forEach((m, a) -> out.add(new VesselPresence(m, a[0], a[1], a[2])));
        return out;
    }

    // ------------------------------------------------------------------ near along tracks

    /** A satellite-style fix: no speed, course or heading. */
    static PositionRow fix(int mmsi, long t, double lat, double lon, int segment) {
        return new PositionRow(mmsi, t, lat, lon, Double.NaN, Double.NaN, -1, -1, 27, segment, "sat");
    }

    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    /** 0.05 degree of arc on the 6 371 008.8 m sphere: R * 0.05 * pi / 180. */
    static final double ARC_005_DEG = 5_559.754_011_677;

    /** Eastbound at lat 10.0 from lon 20.0 (T0) to 20.4 (T0 + 1 h): 43.8 km, both fixes 22.6 km from (10.05, 20.2). */
    static final int SPARSE = 503_000_101;

    private void loadSparse() {
        store.appendPositions(List.of(fix(SPARSE, T0, 10.0, 20.0, 0), fix(SPARSE, T0 + HOUR, 10.0, 20.4, 0)));
    }

    @Test
    void nearAlongTracksFindsAVesselBetweenTwoFixesOutsideTheRadius() {
        loadSparse();
        // Fix by fix nobody came within 10 km: the fixes are 22.6 km away.
        assertThat(store.near(10.05, 20.2, 10_000, T0, END)).isEmpty();
        List<ClosestApproach> r = store.nearAlongTracks(10.05, 20.2, 10_000, T0, END);
        assertThat(r).hasSize(1);
        ClosestApproach c = r.get(0);
        // The leg runs along lat 10.0; the point right below (10.05, 20.2) is its midpoint, half an hour in.
        assertThat(c.mmsi()).isEqualTo(SPARSE);
        assertThat(c.interpolated()).isTrue();
        assertThat(c.timeMillis()).isEqualTo(T0 + 30 * MINUTE);
        assertThat(c.before().timeMillis()).isEqualTo(T0);
        assertThat(c.after().timeMillis()).isEqualTo(T0 + HOUR);
        assertThat(c.before()).isEqualTo(new ClosestApproach.Fix(T0, 10.0, 20.0));
        assertThat(c.after()).isEqualTo(new ClosestApproach.Fix(T0 + HOUR, 10.0, 20.4));
        assertThat(c.lat()).isCloseTo(10.0, within(1e-12));
        assertThat(c.lon()).isCloseTo(20.2, within(1e-12));
        assertThat(c.distanceMetres()).isCloseTo(ARC_005_DEG, within(1e-6));
        // A radius short of 0.05 degree of arc finds nobody.
        assertThat(store.nearAlongTracks(10.05, 20.2, 5_559.7, T0, END)).isEmpty();
    }

    @Test
    void nearAlongTracksClipsALegToTheWindow() {
        loadSparse();
        // From T0 + 40 min the leg begins at lon 20.0 + 0.4 * 2/3 (9 175.96 m away): its closest point then.
        ClosestApproach late = store.nearAlongTracks(10.05, 20.2, 10_000, T0 + 40 * MINUTE, END).get(0);
        assertThat(late.interpolated()).isTrue();
        assertThat(late.timeMillis()).isEqualTo(T0 + 40 * MINUTE);
        assertThat(late.lon()).isCloseTo(20.0 + 0.4 * 2 / 3, within(1e-12));
        assertThat(late.distanceMetres()).isCloseTo(9_175.961_712, within(1e-3));
        assertThat(late.before().timeMillis()).isEqualTo(T0);
        assertThat(late.after().timeMillis()).isEqualTo(T0 + HOUR);
        // A window between the two fixes, before the midpoint: its end, at lon 20.0 + 0.4 * 25/60.
        ClosestApproach inside = store.nearAlongTracks(10.05, 20.2, 10_000, T0 + 20 * MINUTE, T0 + 25 * MINUTE).get(0);
        assertThat(inside.timeMillis()).isEqualTo(T0 + 25 * MINUTE);
        assertThat(inside.distanceMetres()).isCloseTo(6_650.768_141, within(1e-3));
        // The first 10 minutes come no nearer than 14.6 km; a window after the last fix holds nothing.
        assertThat(store.nearAlongTracks(10.05, 20.2, 10_000, T0, T0 + 10 * MINUTE)).isEmpty();
        assertThat(store.nearAlongTracks(10.05, 20.2, 100_000, T0 + HOUR + 1, END)).isEmpty();
        // Up to the first fix only: that fix, 22.6 km away, not interpolated.
        ClosestApproach first = store.nearAlongTracks(10.05, 20.2, 30_000, T0 - HOUR, T0).get(0);
        assertThat(first.interpolated()).isFalse();
        assertThat(first.timeMillis()).isEqualTo(T0);
        assertThat(first.before().timeMillis()).isEqualTo(T0);
        assertThat(first.after().timeMillis()).isEqualTo(T0);
        assertThat(first.distanceMetres()).isCloseTo(22_594.192_385, within(1e-3));
    }

    @Test
    void nearAlongTracksInterpolatesOnlyShortLegsOfOneSegment() {
        int tooFar = 503_000_102;
        int tooLong = 503_000_103;
        int twoHours = 503_000_104;
        int twoSegments = 503_000_105;
        store.appendPositions(List.of(
                // 0.6 degree of longitude at lat 10: 65.7 km, over the 60 km a leg may have
                fix(tooFar, T0, 10.0, 30.0, 0), fix(tooFar, T0 + HOUR, 10.0, 30.6, 0),
                // 43.8 km in 2 h and 1 s
                fix(tooLong, T0, 10.0, 40.0, 0), fix(tooLong, T0 + 2 * HOUR + 1000, 10.0, 40.4, 0),
                // 43.8 km in exactly 2 h: interpolated
                fix(twoHours, T0, 10.0, 50.0, 0), fix(twoHours, T0 + 2 * HOUR, 10.0, 50.4, 0),
                // 43.8 km in 1 h, but the second fix begins a new segment
                fix(twoSegments, T0, 10.0, 60.0, 3), fix(twoSegments, T0 + HOUR, 10.0, 60.4, 4)));
        assertThat(store.nearAlongTracks(10.0, 30.3, 10_000, T0, END)).isEmpty();
        assertThat(store.nearAlongTracks(10.0, 40.2, 10_000, T0, END)).isEmpty();
        assertThat(store.nearAlongTracks(10.0, 60.2, 10_000, T0, END)).isEmpty();
        ClosestApproach c = store.nearAlongTracks(10.05, 50.2, 10_000, T0, END).get(0);
        assertThat(c.mmsi()).isEqualTo(twoHours);
        assertThat(c.timeMillis()).isEqualTo(T0 + HOUR);
        assertThat(c.distanceMetres()).isCloseTo(ARC_005_DEG, within(1e-6));
    }

    @Test
    void nearAlongTracksAcrossTheAntimeridian() {
        int mmsi = 503_000_106;
        // Eastbound at lat -17 from lon 179.9 (T0) to -179.9 (T0 + 1 h): 0.2 degree across the meridian.
        store.appendPositions(List.of(fix(mmsi, T0, -17.0, 179.9, 0), fix(mmsi, T0 + HOUR, -17.0, -179.9, 0)));
        // The fixes are 11.9 and 9.8 km from (-16.98, -179.99); the leg passes 0.02 degree south of it,
        // 0.11 of the 0.2 degree along: at 0.55 h.
        List<ClosestApproach> west = store.nearAlongTracks(-16.98, -179.99, 5_000, T0, END);
        assertThat(west).hasSize(1);
        assertThat(west.get(0).interpolated()).isTrue();
        assertThat(west.get(0).timeMillis()).isEqualTo(T0 + 1_980_000);
        assertThat(west.get(0).lat()).isCloseTo(-17.0, within(1e-12));
        assertThat(west.get(0).lon()).isCloseTo(-179.99, within(1e-9));
        assertThat(west.get(0).distanceMetres()).isCloseTo(ARC_005_DEG * 0.4, within(1e-4));
        // From the other side: 0.05 of the 0.2 degree along.
        ClosestApproach east = store.nearAlongTracks(-16.98, 179.95, 5_000, T0, END).get(0);
        assertThat(east.timeMillis()).isEqualTo(T0 + 900_000);
        assertThat(east.lon()).isCloseTo(179.95, within(1e-9));
        assertThat(east.distanceMetres()).isCloseTo(ARC_005_DEG * 0.4, within(1e-4));
        assertThat(store.near(-16.98, -179.99, 5_000, T0, END)).isEmpty();
    }

    @Test
    void nearAlongTracksGivesAFixAsAFixAndTheEarliestOnTies() {
        int mmsi = 503_000_107;
        int anchored = 503_000_108;
        store.appendPositions(List.of(
                fix(mmsi, T0, 10.0, 70.0, 0), fix(mmsi, T0 + HOUR, 10.0, 70.2, 0), fix(mmsi, T0 + 2 * HOUR, 10.0, 70.4, 0),
                fix(anchored, T0, 10.0, 70.21, 0), fix(anchored, T0 + HOUR, 10.0, 70.21, 0)));
        List<ClosestApproach> r = store.nearAlongTracks(10.03, 70.2, 10_000, T0, END);
        assertThat(r).extracting(ClosestApproach::mmsi).containsExactly(mmsi, anchored);
        // Right below the point lies the middle fix: that fix, not a point of either leg.
        assertThat(r.get(0).interpolated()).isFalse();
        assertThat(r.get(0).timeMillis()).isEqualTo(T0 + HOUR);
        assertThat(r.get(0).lon()).isEqualTo(70.2);
        assertThat(r.get(0).distanceMetres()).isCloseTo(ARC_005_DEG * 0.6, within(1e-4));
        // At anchor the whole leg is as near: its first fix.
        assertThat(r.get(1).interpolated()).isFalse();
        assertThat(r.get(1).timeMillis()).isEqualTo(T0);
        // From T0 + 20 min, between its fixes: the earliest point of the leg in the window, interpolated.
        ClosestApproach late = store.nearAlongTracks(10.03, 70.2, 10_000, T0 + 20 * MINUTE, END).stream()
                .filter(c -> c.mmsi() == anchored).findFirst().orElseThrow();
        assertThat(late.interpolated()).isTrue();
        assertThat(late.timeMillis()).isEqualTo(T0 + 20 * MINUTE);
        assertThat(late.lon()).isCloseTo(70.21, within(1e-12));
        assertThat(late.before().timeMillis()).isEqualTo(T0);
        assertThat(late.after().timeMillis()).isEqualTo(T0 + HOUR);
    }

    @Test
    void nearAlongTracksOnSparseRandomTrafficMatchesBruteForce() {
        List<PositionRow> rows = sparseTraffic(5, 60, 40);
        store.appendPositions(rows);
        Random r = new Random(17);
        int interpolated = 0;
        int found = 0;
        for (int q = 0; q < 80; q++) {
            PositionRow p = rows.get(r.nextInt(rows.size()));
            // Near a fix, some km off its track, so that legs pass by.
            double lat = Math.max(-90, Math.min(90, p.lat() + (r.nextDouble() - 0.5) * 0.4));
            double lon = Fleet.strictLon(p.lon() + (r.nextDouble() - 0.5) * 0.4);
            lon = lon < -180 ? lon + 360 : lon;
            double radius = 500 + r.nextDouble() * (q % 3 == 0 ? 80_000 : 15_000);
            // Around the fix's time, open at one end now and then.
            long from = q % 4 == 0 ? Long.MIN_VALUE : p.timeMillis() - r.nextInt(3 * 3600) * 1000L;
            long to = q % 5 == 0 ? Long.MAX_VALUE : p.timeMillis() + r.nextInt(3 * 3600) * 1000L;
            List<ClosestApproach> expected = bruteNearAlongTracks(rows, lat, lon, radius, from, to);
            List<ClosestApproach> actual = store.nearAlongTracks(lat, lon, radius, from, to);
            assertNearMatches(expected, actual);
            Map<Integer, ClosestApproach> byMmsi = expected.stream()
                    .collect(Collectors.toMap(ClosestApproach::mmsi, c -> c));
            for (ClosestApproach a : actual) {
                ClosestApproach e = byMmsi.get(a.mmsi());
                assertThat(a.interpolated()).as("interpolated %s", a.mmsi()).isEqualTo(e.interpolated());
                assertThat(a.before()).isEqualTo(e.before());
                assertThat(a.after()).isEqualTo(e.after());
                interpolated += a.interpolated() ? 1 : 0;
                if (a.interpolated() && Math.abs(lat) < 80) {
                    // The plane's choice is as near as the leg comes, by the haversine itself, to a metre.
                    assertThat(a.distanceMetres()).as("distance of %s", a.mmsi())
                            .isLessThanOrEqualTo(legMinimum(a, lat, lon, from, to) + 1.0);
                }
            }
            // Fix by fix finds a subset, never nearer.
            for (ClosestApproach f : store.near(lat, lon, radius, from, to)) {
                assertThat(byMmsi).containsKey(f.mmsi());
                assertThat(byMmsi.get(f.mmsi()).distanceMetres()).isLessThanOrEqualTo(f.distanceMetres() + 1e-6);
            }
            found += actual.size();
        }
        assertThat(found).as("closest approaches found").isGreaterThan(30);
        assertThat(interpolated).as("of them interpolated").isGreaterThan(10);
    }

    /**
     * Sparse tracks as satellites see them: fixes 10 min to 2.5 h apart, 1 to 70 km apart, a new
     * segment now and then (its first fix sometimes right after the last), some across the 180°
     * meridian and near a pole.
     */
    static List<PositionRow> sparseTraffic(long seed, int vessels, int fixes) {
        Random r = new Random(seed);
        List<PositionRow> rows = new ArrayList<>();
        for (int v = 0; v < vessels; v++) {
            int mmsi = 300_000_000 + v;
            double lat = v % 5 == 1 ? 84 + r.nextDouble() * 4 : -60 + r.nextDouble() * 120;
            double lon = v % 5 == 2 ? Fleet.strictLon(179 + r.nextDouble() * 2) : -180 + r.nextDouble() * 360;
            double course = r.nextDouble() * 2 * Math.PI;
            long t = T0 + r.nextInt(3600) * 1000L;
            int segment = 0;
            for (int i = 0; i < fixes; i++) {
                rows.add(fix(mmsi, t, lat, lon, segment));
                if (r.nextInt(8) == 0) {
                    segment++;
                }
                course += (r.nextDouble() - 0.5) * 0.6;
                double km = 1 + r.nextDouble() * 69;
                lat = Math.max(-89.9, Math.min(89.9, lat + Math.cos(course) * km / 111.195));
                lon += Math.sin(course) * km / (111.195 * Math.max(0.05, Math.cos(Math.toRadians(lat))));
                lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
                lat = Math.round(lat * 1e6) / 1e6;
                lon = Math.round(lon * 1e6) / 1e6;
                t += r.nextInt(4) == 0 ? 0 : (10 + r.nextInt(140)) * MINUTE + r.nextInt(60_000);
            }
        }
        Collections.shuffle(rows, r);
        return rows;
    }

    /**
     * Closest approach per vessel along its tracks, by brute force: every fix in the window, and on every
     * leg of at most 2 h and 60 km between consecutive fixes of a segment the millisecond in the window
     * nearest, in the plane around the point, to the foot of the perpendicular.
     */
    static List<ClosestApproach> bruteNearAlongTracks(List<PositionRow> rows, double lat, double lon, double radius,
                                                     long from, long to) {
        Map<String, List<PositionRow>> segments = new TreeMap<>();
        for (PositionRow p : rows) {
            segments.computeIfAbsent(p.mmsi() + "/" + p.segment(), k -> new ArrayList<>()).add(p);
        }
        List<ClosestApproach> all = new ArrayList<>();
        double k = Math.cos(Math.toRadians(lat));
        for (List<PositionRow> seg : segments.values()) {
            seg.sort(Comparator.comparingLong(PositionRow::timeMillis).thenComparingDouble(PositionRow::lat)
                    .thenComparingDouble(PositionRow::lon));
            for (int i = 0; i < seg.size(); i++) {
                PositionRow a = seg.get(i);
                if (a.timeMillis() >= from && a.timeMillis() <= to) {
                    all.add(new ClosestApproach(a.mmsi(), GeoMath.haversineMetres(lat, lon, a.lat(), a.lon()),
                            a.timeMillis(), a.lat(), a.lon()));
                }
                if (i + 1 == seg.size()) {
                    continue;
                }
                PositionRow b = seg.get(i + 1);
                long dt = b.timeMillis() - a.timeMillis();
                if (dt <= 0 || dt > 2 * HOUR || GeoMath.haversineMetres(a.lat(), a.lon(), b.lat(), b.lon()) > 60_000) {
                    continue;
                }
                long lo = Math.max(a.timeMillis(), from);
                long hi = Math.min(b.timeMillis(), to);
                if (lo > hi) {
                    continue;
                }
                // East-west offsets the short way round, in degrees scaled to the point's latitude.
                double ax = shortLon(a.lon() - lon) * k;
                double ay = a.lat() - lat;
                double dlon = shortLon(b.lon() - a.lon());
                double vx = dlon * k;
                double vy = b.lat() - a.lat();
                double vv = vx * vx + vy * vy;
                double foot = vv == 0 ? a.timeMillis() : a.timeMillis() - (ax * vx + ay * vy) / vv * dt;
                long t = Math.min(hi, Math.max(lo, Math.round(foot)));
                if (t == a.timeMillis() || t == b.timeMillis()) {
                    continue;
                }
                double f = (double) (t - a.timeMillis()) / dt;
                double plat = a.lat() + f * (b.lat() - a.lat());
                double plon = shortLon(a.lon() + f * dlon);
                all.add(new ClosestApproach(a.mmsi(), GeoMath.haversineMetres(lat, lon, plat, plon), t, plat, plon,
                        true, new ClosestApproach.Fix(a.timeMillis(), a.lat(), a.lon()),
                        new ClosestApproach.Fix(b.timeMillis(), b.lat(), b.lon())));
            }
        }
        Map<Integer, ClosestApproach> best = new TreeMap<>();
        all.sort(Comparator.comparingDouble(ClosestApproach::distanceMetres).thenComparingLong(ClosestApproach::timeMillis)
                .thenComparing(ClosestApproach::interpolated));
        for (ClosestApproach c : all) {
            if (c.distanceMetres() <= radius) {
                best.putIfAbsent(c.mmsi(), c);
            }
        }
        List<ClosestApproach> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(ClosestApproach::distanceMetres).thenComparingInt(ClosestApproach::mmsi));
        return out;
    }

    /**
     * The least haversine distance from (lat, lon) to the part inside the window of the leg an interpolated
     * answer lies on, by ternary search over the leg's fraction (the distance has one minimum on a short leg).
     */
    static double legMinimum(ClosestApproach c, double lat, double lon, long from, long to) {
        ClosestApproach.Fix a = c.before();
        ClosestApproach.Fix b = c.after();
        double dt = b.timeMillis() - a.timeMillis();
        double lo = Math.max(0, (from - (double) a.timeMillis()) / dt);
        double hi = Math.min(1, (to - (double) a.timeMillis()) / dt);
        double dlon = shortLon(b.lon() - a.lon());
        java.util.function.DoubleUnaryOperator d = f -> GeoMath.haversineMetres(lat, lon,
                a.lat() + f * (b.lat() - a.lat()), shortLon(a.lon() + f * dlon));
        for (int i = 0; i < 200; i++) {
            double m1 = lo + (hi - lo) / 3;
            double m2 = hi - (hi - lo) / 3;
            if (d.applyAsDouble(m1) <= d.applyAsDouble(m2)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        return d.applyAsDouble((lo + hi) / 2);
    }

    /** A longitude or longitude difference brought into -180..180. */
    static double shortLon(double d) {
        return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
    }

    // ------------------------------------------------------------------ vessels, identity, events

    static VesselRow vessel(int mmsi, String name, long lastSeen) {
        return new VesselRow(mmsi, name, "9V1234", 9_321_483, 70, "A", "SG", 150, 40, 12, 20, 190, 32, 11.5, "SG SIN",
                "03-02T06:00Z", T0, lastSeen, 1.2, 103.8, 42);
    }

    @Test
    void vesselUpsertReplacesByMmsi() {
        VesselRow first = vessel(STRAIT, "OCEAN STAR", T0 + 1000);
        VesselRow unknown = new VesselRow(ANCHOR, null, null, -1, -1, null, null, 0, 0, 0, 0, -1, -1, Double.NaN, null, null,
                T0, T0, Double.NaN, Double.NaN, 0);
        store.upsertVessels(List.of(first, unknown));
        VesselRow renamed = vessel(STRAIT, "OCEAN STAR II", T0 + 2000);
        store.upsertVessels(List.of(vessel(STRAIT, "IGNORED", T0 + 1500), renamed));

        assertThat(store.vessel(STRAIT)).contains(renamed);
        assertThat(store.vessel(ANCHOR)).contains(unknown); // not-available values survive
        assertThat(store.vessel(DATELINE)).isEmpty();
        assertThat(store.vessels()).containsExactly(unknown, renamed);
        assertThat(store.counts().vessels()).isEqualTo(2);
    }

    /**
     * An overall size without the reference point (a CSV export's length and width): the four distances
     * 0, length and beam kept, each alone too; AIS distances keep their sums.
     */
    @Test
    void overallSizeIsKeptWithoutDistances() {
        VesselRow whitefish = new VesselRow(316_023_341, "WHITEFISH BAY", "CFN6287", 9_639_880, 70, "A", "CA", 0, 0, 0, 0,
                225, 23, 14.8, null, null, T0, T0 + 1000, 46.92346, -85.46457, 20);
        VesselRow cazador = new VesselRow(338_148_873, "CAZADOR", null, -1, 37, "B", "US", 0, 0, 0, 0, 14, -1, Double.NaN,
                null, null, T0, T0, 33.60716, -117.91483, 1);
        VesselRow beamOnly = new VesselRow(338_148_874, null, null, -1, -1, "B", "US", 0, 0, 0, 0, -1, 5, Double.NaN,
                null, null, T0, T0, Double.NaN, Double.NaN, 0);
        VesselRow ais = vessel(STRAIT, "OCEAN STAR", T0);
        store.upsertVessels(List.of(whitefish, cazador, beamOnly, ais));
        assertThat(store.vessels()).containsExactly(whitefish, cazador, beamOnly, ais); // by MMSI
        assertThat(store.vessel(316_023_341).orElseThrow().length()).isEqualTo(225);
        assertThat(store.vessel(316_023_341).orElseThrow().beam()).isEqualTo(23);
        assertThat(store.vessel(338_148_873).orElseThrow().beam()).isEqualTo(-1);
        assertThat(store.vessel(STRAIT).orElseThrow().length()).isEqualTo(190);
    }

    @Test
    void aVesselRowsLengthAndBeamAgreeWithItsDistances() {
        assertThatThrownBy(() -> new VesselRow(STRAIT, null, null, -1, -1, null, null, 150, 40, 12, 20, 200, 32,
                Double.NaN, null, null, T0, T0, Double.NaN, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length must be toBow + toStern (190): 200");
        assertThatThrownBy(() -> new VesselRow(STRAIT, null, null, -1, -1, null, null, 0, 0, 3, 3, -1, -1,
                Double.NaN, null, null, T0, T0, Double.NaN, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beam must be toPort + toStarboard (6): -1");
        assertThatThrownBy(() -> new VesselRow(STRAIT, null, null, -1, -1, null, null, 0, 0, 0, 0, 0, -1,
                Double.NaN, null, null, T0, T0, Double.NaN, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("length and beam must be >= 1 metre or -1: 0, -1");
    }

    @Test
    void identityHistoryInTimeOrder() {
        List<IdentityChangeRow> changes = List.of(
                new IdentityChangeRow(STRAIT, T0 + 3000, "shipname", "OCEAN STAR", "SEA STAR"),
                new IdentityChangeRow(STRAIT, T0 + 1000, "callsign", null, "9V1234"),
                new IdentityChangeRow(STRAIT, T0 + 1000, "shipname", null, "OCEAN STAR"),
                new IdentityChangeRow(ANCHOR, T0 + 2000, "imo", "1", "2"));
        store.appendIdentityChanges(changes);
        assertThat(store.identityHistory(STRAIT)).containsExactly(changes.get(1), changes.get(2), changes.get(0));
        assertThat(store.identityHistory(POLAR)).isEmpty();
        assertThat(store.counts().identityChanges()).isEqualTo(4);
    }

    @Test
    void eventUpsertIsIdempotentOnId() {
        EventRow dark = new EventRow("ev-dark-1", "dark", T0, T0 + 3_600_000, new int[] {STRAIT}, 1.2, 103.9, null,
                "{\"minGapMinutes\":30}", "[]");
        EventRow meet = new EventRow("ev-sts-1", "encounter", T0 + 600_000, T0 + 4_000_000,
                new int[] {STRAIT, ANCHOR}, 1.25, 103.75, "{\"type\":\"Point\",\"coordinates\":[103.75,1.25]}",
                "{\"maxDistanceMetres\":500}", "[{\"mmsi\":563000001}]");
        store.upsertEvents(List.of(dark, meet));
        store.upsertEvents(List.of(dark, meet)); // a replay
        assertThat(store.counts().events()).isEqualTo(2);
        assertThat(store.event("ev-dark-1")).contains(dark);
        assertThat(store.events(null, T0, END)).containsExactly(dark, meet);

        // The same id with new content replaces the event, vessels included.
        EventRow meetLonger = new EventRow("ev-sts-1", "encounter", T0 + 600_000, T0 + 5_000_000,
                new int[] {ANCHOR, POLAR}, Double.NaN, Double.NaN, null, null, null);
        store.upsertEvents(List.of(meetLonger));
        assertThat(store.counts().events()).isEqualTo(2);
        assertThat(store.event("ev-sts-1")).contains(meetLonger);
        assertThat(store.eventsForVessel(STRAIT, T0, END)).containsExactly(dark);
        assertThat(store.eventsForVessel(POLAR, T0, END)).containsExactly(meetLonger);
        assertThat(store.eventsForVessel(ANCHOR, T0, END)).containsExactly(meetLonger);
        // Same id twice in one call: the last one wins.
        EventRow darkShort = new EventRow("ev-dark-1", "dark", T0, T0 + 60_000, new int[0], 1.2, 103.9, null, null,
                null);
        store.upsertEvents(List.of(dark, darkShort));
        assertThat(store.event("ev-dark-1")).contains(darkShort);
        assertThat(store.eventsForVessel(STRAIT, T0, END)).isEmpty();
        assertThat(store.event("nope")).isEmpty();
    }

    @Test
    void eventsByKindAndOverlappingWindow() {
        EventRow a = new EventRow("a", "dark", T0, T0 + 100, new int[] {STRAIT}, Double.NaN, Double.NaN, null, null, null);
        EventRow b = new EventRow("b", "dark", T0 + 200, T0 + 300, new int[] {STRAIT}, 0, 0, null, null, null);
        EventRow c = new EventRow("c", "loiter", T0 + 50, T0 + 250, new int[] {ANCHOR}, 0, 0, null, null, null);
        store.upsertEvents(List.of(c, b, a));
        assertThat(store.events("dark", T0, END)).containsExactly(a, b);
        assertThat(store.events("dark", T0 + 100, T0 + 199)).containsExactly(a); // touches the end
        assertThat(store.events("dark", T0 + 101, T0 + 199)).isEmpty();
        assertThat(store.events(null, T0 + 150, T0 + 150)).containsExactly(c);
        assertThat(store.events("port_call", T0, END)).isEmpty();
        assertThat(store.eventsForVessel(STRAIT, T0 + 250, END)).containsExactly(b);
    }

    @Test
    void eventsNewestFirst() {
        EventRow a = new EventRow("a", "dark", T0, T0 + 100, new int[] {STRAIT}, Double.NaN, Double.NaN, null, null, null);
        EventRow b = new EventRow("b", "dark", T0 + 200, T0 + 300, new int[] {STRAIT, ANCHOR}, 0, 0, null, null, null);
        EventRow c = new EventRow("c", "loiter", T0 + 50, T0 + 250, new int[] {ANCHOR}, 0, 0, null, null, null);
        // starts together with b: of the two, the greater id comes first newest-first (the exact reverse)
        EventRow d = new EventRow("d", "dark", T0 + 200, T0 + 200, new int[] {STRAIT}, 0, 0, null, null, null);
        store.upsertEvents(List.of(c, d, b, a));
        assertThat(store.events(null, T0, END, HistoryStore.EventOrder.OLDEST_FIRST)).containsExactly(a, c, b, d);
        assertThat(store.events(null, T0, END)).containsExactly(a, c, b, d);
        assertThat(store.events(null, T0, END, HistoryStore.EventOrder.NEWEST_FIRST)).containsExactly(d, b, c, a);
        assertThat(store.events("dark", T0, END, HistoryStore.EventOrder.NEWEST_FIRST)).containsExactly(d, b, a);
        assertThat(store.events("dark", T0 + 101, T0 + 199, HistoryStore.EventOrder.NEWEST_FIRST)).isEmpty();
        assertThat(store.eventsForVessel(STRAIT, T0, END, HistoryStore.EventOrder.NEWEST_FIRST)).containsExactly(d, b, a);
        assertThat(store.eventsForVessel(ANCHOR, T0, END, HistoryStore.EventOrder.NEWEST_FIRST)).containsExactly(b, c);
        assertThat(store.eventsForVessel(ANCHOR, T0, END)).containsExactly(c, b);
    }

    @Test
    void countsAndClose() {
        assertThat(store.counts()).isEqualTo(new StoreCounts(0, 0, 0, 0));
        loadNamed();
        assertThat(store.counts().positions()).isEqualTo(Fleet.named().size());
        store.appendPositions(List.of());
        store.close();
        assertThatThrownBy(() -> store.counts()).isInstanceOf(StoreException.class);
        store = null;
    }
    // ------------------------------------------------------------------ incidents

    static IncidentRow incident(String id, long t, double lat, double lon, String type, String cat, String json) {
        return new IncidentRow(id, t, lat, lon, type, cat, id.equals("i-a") ? 563123456 : -1,
                id.equals("i-a") ? 9074729 : -1, "AMBER", "host", t + 1, json);
    }

    @Test
    void incidentsUpsertByIdAndQueryByTimeBoxTypeAndCategory() {
        IncidentRow a = incident("i-a", T0, 1.2, 103.8, "robbery", "CAT 3", "{\"id\":\"i-a\",\"n\":\"tab\\there\"}");
        IncidentRow b = incident("i-b", T0 + 1000, 1.3, 104.1, "boarding", null, "{}");
        IncidentRow c = incident("i-c", T0 + 1000, -17.0, 179.9, "hijacking", "CAT 1", "{}");
        IncidentRow d = incident("i-d", T0 + 5000, -17.0, -179.9, "robbery", "CAT 2", "{}");
        store.upsertIncidents(List.of(d, c, b, a));
        assertThat(store.incidentCount()).isEqualTo(4);
        assertThat(store.incident("i-a")).contains(a);
        assertThat(store.incident("nope")).isEmpty();
        assertThat(store.incidents(IncidentQuery.all())).containsExactly(a, b, c, d); // time, then id
        assertThat(store.incidents(new IncidentQuery(T0 + 1000, T0 + 1000, null, null, null))).containsExactly(b, c);
        // Box edges inclusive; a box across the 180° meridian finds both sides.
        assertThat(store.incidents(new IncidentQuery(T0, END, new double[] {1.2, 103.8, 1.3, 104.0}, null, null)))
                .containsExactly(a);
        assertThat(store.incidents(new IncidentQuery(T0, END, new double[] {-18, 179, -16, -179}, null, null)))
                .containsExactly(c, d);
        assertThat(store.incidents(new IncidentQuery(T0, END, null, "robbery", null))).containsExactly(a, d);
        assertThat(store.incidents(new IncidentQuery(T0, END, null, "robbery", "CAT 2"))).containsExactly(d);
        // Upsert replaces; the last of a repeated id wins.
        IncidentRow a2 = incident("i-a", T0 + 9000, 1.2, 103.8, "kidnapping", "CAT 1", "{\"v\":2}");
        IncidentRow a3 = incident("i-a", T0 + 9000, 1.2, 103.8, "kidnapping", "CAT 1", "{\"v\":3}");
        store.upsertIncidents(List.of(a2, a3));
        assertThat(store.incidentCount()).isEqualTo(4);
        assertThat(store.incident("i-a")).contains(a3);
        assertThat(store.deleteIncident("i-a")).isTrue();
        assertThat(store.deleteIncident("i-a")).isFalse();
        assertThat(store.incidents(IncidentQuery.all())).containsExactly(b, c, d);
        assertThatThrownBy(() -> new IncidentQuery(T0 + 1, T0, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IncidentQuery(T0, END, new double[] {10, 0, 5, 1}, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ analyzed inputs

    @Test
    void analyzedInputsAreRecordedOncePerFingerprint() {
        assertThat(store.analyzedInputs()).isEmpty();
        AnalyzedInput a = new AnalyzedInput("sha256:aa", "drift.ais", 394_670, T0);
        AnalyzedInput b = new AnalyzedInput("sha256:bb", "sample.txt.gz", 1_234, T0 + 1);
        store.recordAnalyzedInputs(List.of(a, b));
        assertThat(store.analyzedInputs()).containsExactlyInAnyOrder(a, b);
        // the same content again, under another name and later: one row, the newer name and time
        AnalyzedInput again = new AnalyzedInput("sha256:aa", "copy-of-drift.ais", 394_670, T0 + 5);
        store.recordAnalyzedInputs(List.of(again));
        assertThat(store.analyzedInputs()).containsExactlyInAnyOrder(again, b);
    }
}
