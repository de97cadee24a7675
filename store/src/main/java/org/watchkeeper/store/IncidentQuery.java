package org.watchkeeper.store;

/**
 * Filters of {@link HistoryStore#incidents}: a time window (both ends inclusive), an optional
 * latitude/longitude box (edges inclusive; minLon &gt; maxLon crosses the 180° meridian), an optional
 * type and an optional category (exact API names).
 *
 * @param fromMillis window start, UTC epoch ms
 * @param toMillis   window end, UTC epoch ms, not before the start
 * @param box        {@code {minLat, minLon, maxLat, maxLon}}, or {@code null} for everywhere
 * @param type       incident type, or {@code null} for every type
 * @param category   category in force, or {@code null} for every category
 */
public record IncidentQuery(long fromMillis, long toMillis, double[] box, String type, String category) {
    public IncidentQuery {
        Rows.checkTimeRange(fromMillis, toMillis);
        if (box != null) {
            if (box.length != 4) {
                throw new IllegalArgumentException("box is {minLat, minLon, maxLat, maxLon}");
            }
            LatLonBox.pieces(box[0], box[1], box[2], box[3]); // checks the ranges
            box = box.clone();
        }
    }

    /** Every incident. */
    public static IncidentQuery all() {
        return new IncidentQuery(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, null, null, null);
    }
}
