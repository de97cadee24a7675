package org.watchkeeper.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic traffic for the store tests. Times start at {@link #T0}
 * (2024-03-01T00:00:00Z) and every named vessel reports every 10 s.
 */
final class Fleet {
    private Fleet() {
    }

    static final long T0 = 1_709_251_200_000L; // 2024-03-01T00:00:00Z
    static final long STEP = 10_000L;

    /** Eastbound through the Singapore Strait: lat 1.20, lon 103.600 + 0.001 * i, i = 0..599. */
    static final int STRAIT = 563_000_001;
    /** Crosses the 180° meridian eastbound at lat -17.0: lon 179.900 + 0.001 * i (wrapped), i = 0..199. */
    static final int DATELINE = 412_000_002;
    /** Circles the North Pole at lat 89.9, lon -180 + 3.6 * i, i = 0..99. */
    static final int POLAR = 257_000_003;
    /** At anchor at (1.25, 103.75): the same position 30 times, no speed, heading or source. */
    static final int ANCHOR = 219_000_004;
    /** On the equator at lon 1.0 for 10 fixes, then lon 1.5 for 10 fixes. */
    static final int EQUATOR = 701_000_005;

    static double strictLon(double lon) {
        return lon > 180 ? lon - 360 : lon;
    }

    /** The named vessels' tracks, in time order per vessel. */
    static List<PositionRow> named() {
        List<PositionRow> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rows.add(new PositionRow(STRAIT, T0 + i * STEP, 1.20, round(103.600 + 0.001 * i), 12.5, 90.0, 89,
                    0, 1, 0, "rx-sg"));
        }
        for (int i = 0; i < 200; i++) {
            rows.add(new PositionRow(DATELINE, T0 + i * STEP, -17.0, round(strictLon(179.900 + 0.001 * i)), 11.0,
                    90.0, 90, 0, 3, i < 100 ? 0 : 1, "sat-1"));
        }
        for (int i = 0; i < 100; i++) {
            rows.add(new PositionRow(POLAR, T0 + i * STEP, 89.9, round(-180 + 3.6 * i), 5.0, 270.0, -1, 0, 18,
                    0, "sat-2"));
        }
        for (int i = 0; i < 30; i++) {
            rows.add(new PositionRow(ANCHOR, T0 + i * STEP, 1.25, 103.75, Double.NaN, Double.NaN, -1, 1, 1, 0,
                    null));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(new PositionRow(EQUATOR, T0 + i * STEP, 0.0, i < 10 ? 1.0 : 1.5, 0.1, 0.0, 0, 5, 1, 0,
                    "rx\ttab\\back"));
        }
        return rows;
    }

    /** Random walks of {@code vessels} vessels over the whole globe, {@code fixes} fixes each. */
    static List<PositionRow> random(long seed, int vessels, int fixes) {
        Random r = new Random(seed);
        List<PositionRow> rows = new ArrayList<>();
        for (int v = 0; v < vessels; v++) {
            int mmsi = 200_000_000 + v;
            // Start some near the meridian and the poles so that those cases get traffic.
            double lat = switch (v % 4) {
                case 0 -> -85 + r.nextDouble() * 170;
                case 1 -> 80 + r.nextDouble() * 9.5;
                default -> -60 + r.nextDouble() * 120;
            };
            double lon = v % 4 == 2 ? 179.5 + r.nextDouble() : -180 + r.nextDouble() * 360;
            lon = strictLon(lon);
            long t = T0 + r.nextInt(3600) * 1000L;
            for (int i = 0; i < fixes; i++) {
                lat = Math.max(-89.99, Math.min(89.99, lat + (r.nextDouble() - 0.5) * 0.02));
                lon += (r.nextDouble() - 0.5) * 0.05;
                if (lon > 180) {
                    lon -= 360;
                } else if (lon < -180) {
                    lon += 360;
                }
                double sog = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(300) / 10.0;
                double cog = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(3600) / 10.0;
                int heading = r.nextInt(4) == 0 ? -1 : r.nextInt(360);
                rows.add(new PositionRow(mmsi, t, lat, lon, sog, cog, heading, r.nextInt(17) - 1,
                        1 + r.nextInt(3), i / 50, r.nextBoolean() ? null : "rx-" + r.nextInt(3)));
                t += 1000L + r.nextInt(20_000);
            }
        }
        Collections.shuffle(rows, r);
        return rows;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
