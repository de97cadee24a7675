package org.watchkeeper.ais;

/**
 * Receives the named fields of a decoded message, in the order of its ITU table, using gpsd's AIS
 * JSON names and scaled units (knots, degrees, metres). A "not available" value is never passed:
 * messages skip such fields, and the {@code double} and {@code String} overloads ignore
 * {@code NaN} and {@code null}, so every output format shows absent values as absent.
 *
 * <p>Implemented by the JSON and CSV writers; nested structures (binary application sub-records)
 * use {@link #beginObject(String)} / {@link #beginArray(String)}.
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

    /** An integer field that is written only when it is not {@code notAvailable}. */
    default void fieldUnless(String name, long value, long notAvailable) {
        if (value != notAvailable) {
            field(name, value);
        }
    }
}
