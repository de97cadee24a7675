package org.watchkeeper.ais;

/**
 * Message 17: GNSS broadcast binary message (ITU-R M.1371-5 Annex 8, Message 17). A base station
 * broadcasts differential GNSS corrections (ITU-R M.823 / RTCM SC-104 words); the correction data
 * is kept raw.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, source MMSI 8/30, spare 38/2, longitude
 * 40/18 (signed, 1/10 min), latitude 58/17 (signed, 1/10 min), spare 75/5, DGNSS data 80/0..736 —
 * 80 to 816 bits.
 *
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI, the base station (30-bit value; see {@link Mmsi})
 * @param spare the 2 spare bits at 38 as sent
 * @param longitude of the DGNSS reference station, degrees, -180..180 east positive, resolution
 *        1/600°; {@code NaN} when not available (code 181° = 108 600)
 * @param latitude of the DGNSS reference station, degrees, -90..90 north positive, resolution
 *        1/600°; {@code NaN} when not available (code 91° = 54 600)
 * @param spare2 the 5 spare bits at 75 as sent; 0 when the payload ends before them
 * @param data the DGNSS correction data, 0..736 bits as sent (bits beyond 816 are ignored); never null
 */
public record DgnssBroadcastBinaryMessage(
        int repeatIndicator,
        int mmsi,
        int spare,
        double longitude,
        double latitude,
        int spare2,
        BinaryData data) implements AisMessage {

    /** The message ID. */
    public static final int TYPE = 17;
    /** Shortest payload decoded: up to and including the latitude. */
    public static final int MIN_BITS = 75;
    /** Bit offset of the correction data. */
    public static final int DATA_START = 80;
    /** Most correction data bits. */
    public static final int MAX_DATA_BITS = 736;

    /** @throws NullPointerException if {@code data} is null */
    public DgnssBroadcastBinaryMessage {
        java.util.Objects.requireNonNull(data, "data");
    }

    /**
     * Decodes type 17.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static DgnssBroadcastBinaryMessage decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type 17: " + b.length() + " bits, need " + MIN_BITS);
        }
        return new DgnssBroadcastBinaryMessage(b.unsigned(6, 2), b.unsigned(8, 30), b.unsigned(38, 2),
                Units.longitudeTenthMinutes(b.signed(40, 18)), Units.latitudeTenthMinutes(b.signed(58, 17)),
                b.has(75, 5) ? b.unsigned(75, 5) : 0, BinaryData.read(b, DATA_START, MAX_DATA_BITS));
    }

    @Override
    public int messageType() {
        return TYPE;
    }

    /** Writes {@code lon}, {@code lat} (degrees, when available) and {@code data} as {@code "<bits>:<hex>"}. */
    @Override
    public void writeFields(FieldSink out) {
        out.position(longitude, latitude);
        out.field("data", data.toString());
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, TYPE).unsigned(2, repeatIndicator).unsigned(30, mmsi).unsigned(2, spare)
                .signed(18, Units.longitudeTenthMinutesCode(longitude)).signed(17, Units.latitudeTenthMinutesCode(latitude))
                .unsigned(5, spare2);
        data.writeTo(w);
    }
}
