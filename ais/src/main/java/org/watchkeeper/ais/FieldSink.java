package org.watchkeeper.ais;

/**
 * Receives the named fields of a decoded message, in the order of its ITU table, using gpsd's AIS
 * JSON names and scaled units (knots, degrees, metres). A "not available" value is never passed:
 * messages skip such fields, and the {@code double} and {@code String} overloads ignore
 * {@code NaN} and {@code null}, so every output format shows absent values as absent.
 *
 * <p>Implemented by the JSON and CSV writers; nested structures (binary application sub-records)
 * use {@link #beginObject(String)} / {@link #beginArray(String)}, and the fields of a binary message's
 * application (types 6 and 8) come through {@link #application}.
 */
public interface FieldSink {
    /** An integer field. */
    void field(String name, long value);

    /** A decimal field printed with at most {@code decimals} fraction digits; {@code NaN} is skipped. */
    void field(String name, double value, int decimals);

    /** A text field; {@code null} is skipped, an empty string is written as empty. */
    void field(String name, String value);

    /** A flag. */
    void field(String name, boolean value);

    /** Starts a nested object; {@code name} is null for an element of an array. */
    void beginObject(String name);

    /** Ends the innermost nested object. */
    void endObject();

    /** Starts a nested array of objects or values. */
    void beginArray(String name);

    /** Ends the innermost array. */
    void endArray();

    /**
     * An MMSI-valued field (destination, interrogated or acknowledged station, mother ship ...).
     * MMSIs are identifiers, not quantities, so every one is written the same way as the message's
     * own {@code mmsi}: as text of 9 digits with leading zeros ({@code 3669702} →
     * {@code "003669702"}), a value with more than 9 digits in full ({@link Mmsi#format(int)}).
     * The caller passes only MMSIs that are present; an absent destination is not written.
     *
     * @param name gpsd field name, e.g. {@code dest_mmsi}, {@code mmsi1}, {@code mothership_mmsi}
     * @param mmsi the raw 30-bit value (0..1 073 741 823)
     */
    default void mmsiField(String name, int mmsi) {
        field(name, Mmsi.format(mmsi));
    }

    /**
     * A position in degrees, as gpsd's {@code lon} and {@code lat} with 6 decimals. A coordinate
     * that is not available ({@code NaN}: 181° / 91°) or beyond any position (longitude beyond
     * ±180°, latitude beyond ±90°: ITU-R M.1371-5 gives those codes no meaning, and only radio noise
     * makes them, e.g. a type 17 at -200.53° in AMSA's terrestrial log) is left out; the decoded
     * record keeps the value as sent.
     *
     * @param lon longitude, degrees East
     * @param lat latitude, degrees North
     */
    default void position(double lon, double lat) {
        longitude("lon", lon);
        latitude("lat", lat);
    }

    /** A longitude field (degrees, 6 decimals), left out as {@link #position} leaves one out. */
    default void longitude(String name, double lon) {
        if (Units.isLongitude(lon)) {
            field(name, lon, 6);
        }
    }

    /** A latitude field (degrees, 6 decimals), left out as {@link #position} leaves one out. */
    default void latitude(String name, double lat) {
        if (Units.isLatitude(lat)) {
            field(name, lat, 6);
        }
    }

    /** An integer field that is written only when it is not {@code notAvailable}. */
    default void fieldUnless(String name, long value, long notAvailable) {
        if (value != notAvailable) {
            field(name, value);
        }
    }

    /**
     * The fields of the binary application a type 6 or 8 message carries (its DAC and FI identify it),
     * which gpsd's JSON writes beside the message's own fields. By default they are written here like
     * the message's own; a sink with fixed columns (CSV) leaves them out, since their names repeat
     * those of other messages with another meaning (an inland ship's ERI type as {@code shiptype},
     * a weather station's position as {@code lon}/{@code lat}).
     *
     * @param application the decoded application, not null
     */
    default void application(org.watchkeeper.ais.binary.BinaryApplication application) {
        application.writeFields(this);
    }
}
