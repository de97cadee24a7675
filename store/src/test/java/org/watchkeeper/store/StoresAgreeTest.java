package org.watchkeeper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB and PostgreSQL loaded with the same rows give the same answers: identical tracks, box and
 * polygon memberships, and closest approaches whose distances differ by less than 1e-6 m from
 * each other and from {@link GeoMath#haversineMetres}. Needs PostgreSQL (skipped without it,
 * failed under {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresAgreeTest {

    private List<PositionRow> rows;
    private HistoryStore duck;
    private HistoryStore pg;
    private String schema;

    @BeforeAll
    void load(@TempDir Path dir) {
        if (PostgresTestSupport.unreachableReason() != null) {
            return; // each test then skips (or fails under CI) in requireServer
        }
        rows = new ArrayList<>(Fleet.named());
        rows.addAll(Fleet.random(2024, 60, 500));
        schema = PostgresTestSupport.freshSchema();
        pg = PostgresTestSupport.openFresh(schema);
        duck = DuckDbHistoryStore.open(dir);
        for (HistoryStore s : List.of(duck, pg)) {
            s.appendPositions(rows);
        }
    }

    @BeforeEach
    void requireServer() {
        PostgresTestSupport.requireServer();
    }

    @AfterAll
    void close() {
        if (duck != null) {
            duck.close();
        }
        if (pg != null) {
            pg.close();
            PostgresTestSupport.dropSchema(schema);
        }
    }

    @Test
    void countsAndTracksAreIdentical() {
        assertThat(pg.counts()).isEqualTo(duck.counts());
        assertThat(duck.counts().positions()).isEqualTo(rows.size());
        for (int mmsi : new int[] {Fleet.STRAIT, Fleet.DATELINE, Fleet.POLAR, Fleet.ANCHOR, 200_000_017, 200_000_059}) {
            List<PositionRow> t = duck.track(mmsi, Fleet.T0, Fleet.T0 + 86_400_000L);
            assertThat(t).isNotEmpty();
            assertThat(pg.track(mmsi, Fleet.T0, Fleet.T0 + 86_400_000L)).as("track %s", mmsi).isEqualTo(t);
        }
    }

    @Test
    void boxesAndPolygonsAreIdentical() {
        Random r = new Random(5);
        int nonEmpty = 0;
        for (int q = 0; q < 60; q++) {
            PositionRow p = rows.get(r.nextInt(rows.size()));
            double h = r.nextDouble() * 2;
            double w = r.nextDouble() * 4;
            double minLat = Math.max(-90, p.lat() - h);
            double maxLat = Math.min(90, p.lat() + h);
            double minLon = p.lon() - w < -180 ? p.lon() - w + 360 : p.lon() - w;
            double maxLon = Fleet.strictLon(p.lon() + w);
            long from = Fleet.T0 + r.nextInt(7200) * 1000L;
            long to = from + r.nextInt(6 * 3600) * 1000L;
            List<VesselPresence> box = duck.vesselsInBox(minLat, minLon, maxLat, maxLon, from, to);
            assertThat(pg.vesselsInBox(minLat, minLon, maxLat, maxLon, from, to)).isEqualTo(box);
            nonEmpty += box.isEmpty() ? 0 : 1;
            if (minLon <= maxLon) {
                // A quadrilateral inside the box, so the polygon test really cuts.
                String wkt = String.format(java.util.Locale.ROOT, "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))",
                        minLon, minLat, maxLon, (minLat + maxLat) / 2, (minLon + maxLon) / 2, maxLat,
                        minLon, (minLat + 3 * maxLat) / 4, minLon, minLat);
                List<VesselPresence> poly = duck.vesselsInPolygon(wkt, from, to);
                assertThat(pg.vesselsInPolygon(wkt, from, to)).as(wkt).isEqualTo(poly);
            }
        }
        assertThat(nonEmpty).as("queries that found something").isGreaterThan(20);
    }

    @Test
    void closestApproachesAgreeWithinAMicrometre() {
        Random r = new Random(11);
        int found = 0;
        for (int q = 0; q < 60; q++) {
            double lat;
            double lon;
            switch (q % 4) {
                case 0 -> { // at the antimeridian
                    lat = -70 + r.nextDouble() * 140;
                    lon = r.nextBoolean() ? 180 - r.nextDouble() * 0.5 : -180 + r.nextDouble() * 0.5;
                }
                case 1 -> { // near a pole
                    lat = 85 + r.nextDouble() * 5;
                    lon = -180 + r.nextDouble() * 360;
                }
                default -> {
                    PositionRow p = rows.get(r.nextInt(rows.size()));
                    lat = p.lat();
                    lon = p.lon();
                }
            }
            double radius = 500 + r.nextDouble() * 150_000;
            long from = Fleet.T0;
            long to = from + r.nextInt(8 * 3600) * 1000L;
            List<ClosestApproach> d = duck.near(lat, lon, radius, from, to);
            List<ClosestApproach> p = pg.near(lat, lon, radius, from, to);
            assertThat(p).hasSameSizeAs(d);
            for (int i = 0; i < d.size(); i++) {
                ClosestApproach a = d.get(i);
                ClosestApproach b = p.get(i);
                assertThat(b.mmsi()).isEqualTo(a.mmsi());
                assertThat(b.timeMillis()).isEqualTo(a.timeMillis());
                assertThat(b.lat()).isEqualTo(a.lat());
                assertThat(b.lon()).isEqualTo(a.lon());
                assertThat(b.distanceMetres()).isCloseTo(a.distanceMetres(), within(1e-6));
                assertThat(a.distanceMetres())
                        .isCloseTo(GeoMath.haversineMetres(lat, lon, a.lat(), a.lon()), within(1e-6))
                        .isLessThanOrEqualTo(radius);
            }
            found += d.size();
            // Along the tracks both compute in Java from the same stored values: equal to the last bit.
            List<ClosestApproach> along = duck.nearAlongTracks(lat, lon, radius, from, to);
            assertThat(pg.nearAlongTracks(lat, lon, radius, from, to)).isEqualTo(along);
            assertThat(along.size()).isGreaterThanOrEqualTo(d.size());
        }
        assertThat(found).as("closest approaches found").isGreaterThan(30);
    }
}
