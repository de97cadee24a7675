package org.watchkeeper.ais;

/**
 * Message 23: group assignment command (ITU-R M.1371-5 Annex 8, Message 23). A base station
 * assigns a Tx/Rx mode, reporting interval and quiet time to every mobile station of a given
 * station type and ship type inside a rectangular area.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, longitude 1
 * (north-east) 40/18, latitude 1 58/17, longitude 2 (south-west) 75/18, latitude 2 93/17 (all
 * signed, 1/10 min), station type 110/4, type of ship and cargo 114/8, spare 122/22, Tx/Rx mode
 * 144/2, reporting interval 146/4, quiet time 150/4, spare 154/6 — 160 bits.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the base station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param northEastLongitude degrees, east positive, resolution 1/600°; {@code NaN} when not
 *        available (code 181° = 108 600)
 * @param northEastLatitude degrees, north positive, resolution 1/600°; {@code NaN} when not
 *        available (code 91° = 54 600)
 * @param southWestLongitude degrees, as {@code northEastLongitude}
 * @param southWestLatitude degrees, as {@code northEastLatitude}
 * @param stationType 0..15 as sent: 0 all types of mobiles (default), 1 Class A mobile stations
 *        only, 2 all types of Class B mobile stations, 3 SAR airborne mobile station, 4 Class B
 *        "SO" mobile stations only, 5 Class B "CS" shipborne mobile stations only, 6 inland
 *        waterways, 7..9 regional use, 10..15 reserved
 * @param shipType type of ship and cargo 0..255 as sent: 0 all types (default), 1..99 as in
 *        message 5 (see {@link Names#shipType(int)}), 100..199 regional use, 200..255 reserved
 * @param spare2 the 22 spare bits at 122 as sent
 * @param txRxMode 0..3 as sent: 0 Tx A/Tx B, Rx A/Rx B (default); 1 Tx A, Rx A/Rx B; 2 Tx B,
 *        Rx A/Rx B; 3 reserved
 * @param reportingInterval 0..15 as sent; see {@link Names#reportingInterval(int)}
 * @param quietTime 0 none (default), 1..15 minutes during which the stations do not transmit
 * @param spare3 the 6 spare bits at 154 as sent; 0 when the payload ends before them
 */
public record GroupAssignmentCommand(
        int repeatIndicator,
        int mmsi,
        int spare,
        double northEastLongitude,
        double northEastLatitude,
        double southWestLongitude,
        double southWestLatitude,
        int stationType,
        int shipType,
        int spare2,
        int txRxMode,
        int reportingInterval,
        int quietTime,
        int spare3) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 23;
    /** Nominal length in bits. */
    public static final int BITS = 160;
    /** Shortest payload decoded: up to and including the quiet time. */
    public static final int MIN_BITS = 154;

    /**
     * Decodes type 23.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static GroupAssignmentCommand decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 23: " + b.length() + " bits, need " + MIN_BITS);
        }
        return new GroupAssignmentCommand(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2),
                Units.longitudeTenthMinutes(b.signed(40, 18)), Units.latitudeTenthMinutes(b.signed(58, 17)),
                Units.longitudeTenthMinutes(b.signed(75, 18)), Units.latitudeTenthMinutes(b.signed(93, 17)),
                b.unsigned(110, 4), b.unsigned(114, 8), b.unsigned(122, 22), b.unsigned(144, 2),
                b.unsigned(146, 4), b.unsigned(150, 4), b.has(154, 6) ? b.unsigned(154, 6) : 0);
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /**
     * Writes {@code ne_lon}, {@code ne_lat}, {@code sw_lon}, {@code sw_lat} (degrees, when
     * available), {@code station_type}, {@code ship_type}, {@code ship_type_text} (when the code
     * names a type), {@code txrx}, {@code interval}, {@code interval_text}, {@code quiet}.
     */
    @Override
    public void writeFields(FieldSink out) {
        out.longitude("ne_lon", northEastLongitude);
        out.latitude("ne_lat", northEastLatitude);
        out.longitude("sw_lon", southWestLongitude);
        out.latitude("sw_lat", southWestLatitude);
        out.field("station_type", stationType);
        out.field("ship_type", shipType);
        out.field("ship_type_text", Names.shipType(shipType));
        out.field("txrx", txRxMode);
        out.field("interval", reportingInterval);
        out.field("interval_text", Names.reportingInterval(reportingInterval));
        out.field("quiet", quietTime);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .signed(18, Units.longitudeTenthMinutesCode(northEastLongitude))
                .signed(17, Units.latitudeTenthMinutesCode(northEastLatitude))
                .signed(18, Units.longitudeTenthMinutesCode(southWestLongitude))
                .signed(17, Units.latitudeTenthMinutesCode(southWestLatitude))
                .unsigned(4, stationType).unsigned(8, shipType).unsigned(22, spare2).unsigned(2, txRxMode)
                .unsigned(4, reportingInterval).unsigned(4, quietTime).unsigned(6, spare3);
    }
}
