package org.watchkeeper.store;

/**
 * One stored incident report: the columns the queries filter on, and the whole report as JSON (the
 * {@code org.watchkeeper.core.incident.IncidentJson} form). Storing an id that exists replaces it.
 *
 * @param id           stable incident id, 1..128 characters
 * @param timeMillis   when it happened, UTC epoch milliseconds
 * @param lat          latitude, degrees -90..90
 * @param lon          longitude, degrees -180..180
 * @param type         incident type API name, e.g. {@code robbery}
 * @param category     ReCAAP category in force, e.g. {@code CAT 2}, or {@code null}
 * @param victimMmsi   victim's MMSI, or {@link PositionRow#NOT_AVAILABLE}
 * @param victimImo    victim's IMO number, or {@link PositionRow#NOT_AVAILABLE}
 * @param tlp          TLP marking API name, e.g. {@code AMBER}
 * @param ownerOrg     owning organisation id
 * @param updatedMillis last change, UTC epoch milliseconds
 * @param json         the whole report as a JSON object
 * @throws IllegalArgumentException when a required value is missing or out of range
 */
public record IncidentRow(String id, long timeMillis, double lat, double lon, String type, String category,
                          int victimMmsi, int victimImo, String tlp, String ownerOrg, long updatedMillis, String json) {
    public IncidentRow {
        if (id == null || id.isEmpty() || id.length() > 128) {
            throw new IllegalArgumentException("incident id must be 1..128 characters");
        }
        Rows.checkLatLon(lat, lon);
        if (type == null || type.isEmpty() || tlp == null || tlp.isEmpty() || ownerOrg == null || json == null) {
            throw new IllegalArgumentException("incident type, tlp, owner org and json must be given");
        }
    }
}
