package org.watchkeeper.store;

/**
 * One change of an identity field of a vessel (name, call sign, IMO number, ship type,
 * dimensions, ...), kept so that analysts can see identity history and spoofing.
 *
 * @param mmsi       Maritime Mobile Service Identity, raw 30-bit value
 * @param timeMillis event time of the message that carried the new value, UTC epoch milliseconds
 * @param field      the changed field, named as in gpsd's AIS JSON ({@code shipname}, {@code callsign},
 *                   {@code imo}, {@code shiptype}, ...); never {@code null} or empty
 * @param oldValue   the value before the change as text, {@code null} when there was none
 * @param newValue   the value after the change as text, {@code null} when the field became unavailable
 * @throws IllegalArgumentException when mmsi is out of range or field is null or empty
 */
public record IdentityChangeRow(int mmsi, long timeMillis, String field, String oldValue, String newValue) {

    /** Checks mmsi and field. */
    public IdentityChangeRow {
        Rows.checkMmsi(mmsi);
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("field must be named");
        }
    }
}
