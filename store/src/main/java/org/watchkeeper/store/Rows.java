package org.watchkeeper.store;

/** Range checks shared by the row records. */
final class Rows {
    private Rows() {
    }

    /** Largest MMSI value: the field is 30 bits wide (ITU-R M.1371-5). */
    static final int MAX_MMSI = (1 << 30) - 1;

    static void checkMmsi(int mmsi) {
        if (mmsi < 0 || mmsi > MAX_MMSI) {
            throw new IllegalArgumentException("mmsi must be 0.." + MAX_MMSI + ": " + mmsi);
        }
    }

    static void checkLatLon(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat must be in [-90, 90] degrees: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon must be in [-180, 180] degrees: " + lon);
        }
    }

    /** Both NaN (no position) or both a valid position. */
    static void checkOptionalLatLon(double lat, double lon) {
        if (Double.isNaN(lat) && Double.isNaN(lon)) {
            return;
        }
        checkLatLon(lat, lon);
    }

    static void checkTimeRange(long fromMillis, long toMillis) {
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("from (" + fromMillis + ") is after to (" + toMillis + ")");
        }
    }
}
