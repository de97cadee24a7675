package org.watchkeeper.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One detected event (dark period, encounter, loitering, identity spoofing, zone entry, port
 * call, chokepoint transit, ...). Identified by a stable {@code id} (a hash of kind, vessels and
 * start made by the detector): storing the same id again replaces the row, so replaying a day
 * stores each event once.
 *
 * @param id              stable event id, never {@code null} or empty
 * @param kind            event kind, e.g. {@code "dark"}, {@code "encounter"}; never {@code null} or empty
 * @param startMillis     event start, UTC epoch milliseconds
 * @param endMillis       event end, UTC epoch milliseconds, not before the start
 * @param mmsis           the vessels involved, in the detector's order (copied; may be empty)
 * @param lat             representative latitude in degrees, NaN when the event has no position
 * @param lon             representative longitude in degrees, NaN when the event has no position
 * @param geometryGeoJson the event's geometry as a GeoJSON geometry object, or {@code null}
 * @param parametersJson  the detector parameters that fired, as a JSON object, or {@code null}
 * @param evidenceJson    the observations that made the event, as JSON, or {@code null}
 * @throws IllegalArgumentException when id or kind is missing, the end is before the start, an
 *                                  MMSI is out of range or the position is invalid
 */
public record EventRow(String id, String kind, long startMillis, long endMillis, int[] mmsis, double lat,
                       double lon, String geometryGeoJson, String parametersJson, String evidenceJson) {

    /** Checks the values and copies {@code mmsis}. */
    public EventRow {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("event id must be given");
        }
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("event kind must be given");
        }
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("event end is before its start");
        }
        mmsis = mmsis == null ? new int[0] : mmsis.clone();
        for (int m : mmsis) {
            Rows.checkMmsi(m);
        }
        Rows.checkOptionalLatLon(lat, lon);
    }

    /** @return a copy of the vessels involved */
    @Override
    public int[] mmsis() {
        return mmsis.clone();
    }

    /** Compares all components, the vessel list by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EventRow e
                && id.equals(e.id) && kind.equals(e.kind)
                && startMillis == e.startMillis && endMillis == e.endMillis
                && Arrays.equals(mmsis, e.mmsis)
                && Double.compare(lat, e.lat) == 0 && Double.compare(lon, e.lon) == 0
                && Objects.equals(geometryGeoJson, e.geometryGeoJson)
                && Objects.equals(parametersJson, e.parametersJson)
                && Objects.equals(evidenceJson, e.evidenceJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, startMillis, endMillis, Arrays.hashCode(mmsis), lat, lon,
                geometryGeoJson, parametersJson, evidenceJson);
    }

    @Override
    public String toString() {
        return "EventRow[id=" + id + ", kind=" + kind + ", startMillis=" + startMillis + ", endMillis="
                + endMillis + ", mmsis=" + Arrays.toString(mmsis) + ", lat=" + lat + ", lon=" + lon
                + ", geometryGeoJson=" + geometryGeoJson + ", parametersJson=" + parametersJson
                + ", evidenceJson=" + evidenceJson + "]";
    }
}
