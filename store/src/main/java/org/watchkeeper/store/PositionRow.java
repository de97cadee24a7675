package org.watchkeeper.store;

/**
 * One stored position fix of one vessel: the persistence shape of a position report
 * (ITU-R M.1371-5 message types 1-3, 4, 9, 11, 18, 19, 21, 27) after decoding and track building.
 *
 * <p>Values are in the units users see (gpsd AIS JSON units); "not available" is {@code NaN}
 * for decimal fields and {@link #NOT_AVAILABLE} (-1) for integer fields whose valid range is
 * non-negative. A row always has a real position: the AIS "not available" codes (lat 91,
 * lon 181) never reach the store.
 *
 * @param mmsi        Maritime Mobile Service Identity, the raw 30-bit value (0 to 2<sup>30</sup>-1)
 * @param timeMillis  event time of the fix, UTC, milliseconds since 1970-01-01T00:00:00Z
 * @param lat         latitude in decimal degrees, WGS 84, -90 to 90 (north positive)
 * @param lon         longitude in decimal degrees, WGS 84, -180 to 180 (east positive)
 * @param sog         speed over ground in knots, 0 to 102.2 (102.2 = "102.2 or more"), NaN when not available
 * @param cog         course over ground in degrees true, 0 (inclusive) to 360 (exclusive), NaN when not available
 * @param heading     true heading in whole degrees, 0 to 359, -1 when not available
 * @param navStatus   navigational status code, 0 to 15 (ITU-R M.1371-5 table 47 via message 1-3), -1 when
 *                    the message carries none (class B, base station)
 * @param messageType the AIS message type the fix came from, 1 to 27; {@link #NOT_AVAILABLE} (-1) when it
 *                    did not come from an AIS message (a CSV row): 0 is not an AIS message type, and a
 *                    store written before types were optional reads its 0 back as -1
 * @param segment     the track segment number assigned by the track builder (0 or more); a new segment
 *                    starts after a gap or a rejected jump
 * @param source      the receiver, feed or file the fix came from; may be {@code null}
 * @throws IllegalArgumentException when a value is outside the ranges above
 */
public record PositionRow(int mmsi, long timeMillis, double lat, double lon, double sog, double cog,
                          int heading, int navStatus, int messageType, int segment, String source) {

    /** The integer "not available" value, as in the {@code ais} module. */
    public static final int NOT_AVAILABLE = -1;

    /** Checks the ranges documented on the record. */
    public PositionRow {
        Rows.checkMmsi(mmsi);
        Rows.checkLatLon(lat, lon);
        if (!Double.isNaN(sog) && !(sog >= 0 && sog < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sog must be >= 0 knots or NaN: " + sog);
        }
        if (!Double.isNaN(cog) && !(cog >= 0 && cog < 360)) {
            throw new IllegalArgumentException("cog must be in [0, 360) degrees or NaN: " + cog);
        }
        if (heading < NOT_AVAILABLE || heading > 359) {
            throw new IllegalArgumentException("heading must be 0-359 or -1: " + heading);
        }
        if (navStatus < NOT_AVAILABLE || navStatus > 15) {
            throw new IllegalArgumentException("navStatus must be 0-15 or -1: " + navStatus);
        }
        if ((messageType < 1 || messageType > 27) && messageType != NOT_AVAILABLE) {
            throw new IllegalArgumentException("messageType must be 1-27 or -1: " + messageType);
        }
        if (segment < 0) {
            throw new IllegalArgumentException("segment must be >= 0: " + segment);
        }
    }
}
