package org.watchkeeper.ais;

/**
 * Message 27: position report for long-range applications (ITU-R M.1371-5 Annex 8 §3.3,
 * Table 82), sent by Class A stations outside base-station coverage, chiefly for reception by
 * satellite. Its position is coarse: longitude and latitude are in 1/10 minute, i.e. a resolution
 * of 1/600 degree (about 185 m in latitude), so it must not be mixed with the 1/10 000 minute
 * positions of {@link PositionReport} as if it were as precise.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, position accuracy 38/1,
 * RAIM 39/1, navigational status 40/4, longitude 44/18 (signed, 1/10 min), latitude 62/17
 * (signed, 1/10 min), SOG 79/6 (whole knots), COG 85/9 (whole degrees), GNSS position status
 * 94/1, spare 95/1 — 96 bits.
 *
 * @param messageType always 27
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param positionAccuracy true: high (≤ 10 m, DGNSS); false: low (> 10 m)
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param navigationStatus 0..15, as in {@link PositionReport#navigationStatus()} (Table 45)
 * @param longitude degrees, -180..180 east positive, resolution 1/600° (about 185 m at the
 *        equator); {@code NaN} when not available (code 181° = 108 600)
 * @param latitude degrees, -90..90 north positive, resolution 1/600° (about 185 m);
 *        {@code NaN} when not available (code 91° = 54 600)
 * @param speedOverGround knots in whole knot steps, 0..62; {@code NaN} when not available (code 63)
 * @param courseOverGround degrees in whole degree steps, 0..359; {@code NaN} when not available (code 511)
 * @param notCurrentGnssPosition GNSS position status: false the position is the current GNSS
 *        position, true it is not (e.g. held from an earlier fix)
 * @param spare the spare bit as sent
 */
public record LongRangePositionReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        boolean positionAccuracy,
        boolean raim,
        int navigationStatus,
        double longitude,
        double latitude,
        double speedOverGround,
        double courseOverGround,
        boolean notCurrentGnssPosition,
        int spare) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 96;
    /** Shortest payload decoded: up to and including the COG; GNSS status and spare are then absent (false, 0). */
    public static final int MIN_BITS = 94;
    /** SOG code (whole knots) meaning "not available". */
    public static final int SPEED_NOT_AVAILABLE = 63;
    /** COG code (whole degrees) meaning "not available". */
    public static final int COURSE_NOT_AVAILABLE = 511;

    /**
     * Decodes type 27.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static LongRangePositionReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new LongRangePositionReport(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.bool(38),
                b.bool(39),
                b.unsigned(40, 4),
                Units.longitudeTenthMinutes(b.signed(44, 18)),
                Units.latitudeTenthMinutes(b.signed(62, 17)),
                Units.wholeUnits(b.unsigned(79, 6), SPEED_NOT_AVAILABLE),
                Units.wholeUnits(b.unsigned(85, 9), COURSE_NOT_AVAILABLE),
                b.bool(94),
                b.unsigned(95, 1));
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("accuracy", positionAccuracy);
        out.field("raim", raim);
        out.field("status", navigationStatus);
        out.field("status_text", Names.navigationStatus(navigationStatus));
        out.position(longitude, latitude);
        out.field("speed", speedOverGround, 0);
        out.field("course", courseOverGround, 0);
        out.field("gnss", notCurrentGnssPosition); // gpsd writes the raw bit: true = not the current GNSS position
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .bool(positionAccuracy).bool(raim).unsigned(4, navigationStatus)
                .signed(18, Units.longitudeTenthMinutesCode(longitude))
                .signed(17, Units.latitudeTenthMinutesCode(latitude))
                .unsigned(6, Units.wholeUnitsCode(speedOverGround, SPEED_NOT_AVAILABLE))
                .unsigned(9, Units.wholeUnitsCode(courseOverGround, COURSE_NOT_AVAILABLE))
                .bool(notCurrentGnssPosition).unsigned(1, spare);
    }
}
