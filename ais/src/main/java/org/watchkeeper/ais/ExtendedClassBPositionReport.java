package org.watchkeeper.ais;

/**
 * Message 19: extended Class B equipment position report (ITU-R M.1371-5 Annex 8 §3.3, Table 50):
 * a Class B position report with the static data (name, type, dimensions) attached. It has no
 * communication state.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, spare (reserved for regional
 * use) 38/8, SOG 46/10, position accuracy 56/1, longitude 57/28 (signed), latitude 85/27
 * (signed), COG 112/12, true heading 124/9, time stamp 133/6, spare (reserved for regional use)
 * 139/4, name 143/120 (20 characters), type of ship and cargo 263/8, dimension A 271/9,
 * B 280/9, C 289/6, D 295/6, type of EPFD 301/4, RAIM 305/1, DTE 306/1, assigned mode flag 307/1,
 * spare 308/4 — 312 bits.
 *
 * @param messageType always 19
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param reserved the 8 bits reserved for regional use after the MMSI, as sent
 * @param speedOverGround knots, 0..102.2 in 0.1 kn steps (102.2 means 102.2 kn or more);
 *        {@code NaN} when not available (code 1023)
 * @param positionAccuracy true: high (≤ 10 m, DGNSS); false: low (> 10 m)
 * @param longitude degrees, -180..180 east positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 181°)
 * @param latitude degrees, -90..90 north positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 91°)
 * @param courseOverGround degrees, 0..359.9; {@code NaN} when not available (code 3600)
 * @param trueHeading degrees 0..359; {@link AisMessage#NOT_AVAILABLE} when code 511
 * @param timeStamp UTC second of the report 0..59, or 60 not available, 61 manual input mode,
 *        62 dead reckoning mode, 63 positioning system inoperative (kept as sent)
 * @param regional the 4 bits reserved for regional use after the time stamp, as sent
 * @param shipName up to 20 characters of 6-bit text, trailing {@code @} and spaces removed;
 *        empty when not available (or when the payload ends before it)
 * @param shipType type of ship and cargo 0..255 (Table 53, see {@link Names#shipType(int)}; 0 not available)
 * @param toBow dimension A in metres, 0..511 (511 means 511 m or more; 0 not available), as sent
 * @param toStern dimension B in metres, 0..511, as sent
 * @param toPort dimension C in metres, 0..63 (63 means 63 m or more), as sent
 * @param toStarboard dimension D in metres, 0..63, as sent
 * @param epfd type of electronic position fixing device 0..15 (Table 51, see {@link Names#epfd(int)})
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param dte data terminal equipment: 0 ready, 1 not ready (default)
 * @param assignedMode false autonomous and continuous mode, true assigned mode
 * @param spare the 4 trailing spare bits as sent
 */
public record ExtendedClassBPositionReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int reserved,
        double speedOverGround,
        boolean positionAccuracy,
        double longitude,
        double latitude,
        double courseOverGround,
        int trueHeading,
        int timeStamp,
        int regional,
        String shipName,
        int shipType,
        int toBow,
        int toStern,
        int toPort,
        int toStarboard,
        int epfd,
        boolean raim,
        int dte,
        boolean assignedMode,
        int spare) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 312;
    /**
     * Shortest payload decoded: up to and including the type of EPFD. RAIM, DTE, assigned mode and
     * spare are then absent (false, 1, false, 0).
     */
    public static final int MIN_BITS = 305;

    /**
     * Decodes type 19.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static ExtendedClassBPositionReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new ExtendedClassBPositionReport(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 8),
                Units.speedTenths(b.unsigned(46, 10)),
                b.bool(56),
                Units.longitude(b.signed(57, 28)),
                Units.latitude(b.signed(85, 27)),
                Units.courseTenths(b.unsigned(112, 12)),
                Units.heading(b.unsigned(124, 9)),
                b.unsigned(133, 6),
                b.unsigned(139, 4),
                b.text(143, 20),
                b.unsigned(263, 8),
                b.unsigned(271, 9),
                b.unsigned(280, 9),
                b.unsigned(289, 6),
                b.unsigned(295, 6),
                b.unsigned(301, 4),
                b.bool(305),
                b.has(306, 1) ? b.unsigned(306, 1) : 1,
                b.bool(307),
                b.unsigned(308, 4));
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("reserved", reserved);
        out.field("speed", speedOverGround, 1);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("course", courseOverGround, 1);
        out.fieldUnless("heading", trueHeading, NOT_AVAILABLE);
        out.field("second", timeStamp);
        out.field("regional", regional);
        out.field("shipname", shipName.isEmpty() ? null : shipName);
        if (shipType != 0) {
            out.field("shiptype", shipType);
            out.field("shiptype_text", Names.shipType(shipType));
        }
        out.field("to_bow", toBow);
        out.field("to_stern", toStern);
        out.field("to_port", toPort);
        out.field("to_starboard", toStarboard);
        out.field("epfd", epfd);
        out.field("epfd_text", Names.epfd(epfd));
        out.field("raim", raim);
        out.field("dte", dte);
        out.field("assigned", assignedMode);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(8, reserved)
                .unsigned(10, Units.speedTenthsCode(speedOverGround)).bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(12, Units.courseTenthsCode(courseOverGround)).unsigned(9, Units.headingCode(trueHeading))
                .unsigned(6, timeStamp).unsigned(4, regional)
                .text(20, shipName).unsigned(8, shipType)
                .unsigned(9, toBow).unsigned(9, toStern).unsigned(6, toPort).unsigned(6, toStarboard)
                .unsigned(4, epfd).bool(raim).unsigned(1, dte).bool(assignedMode).unsigned(4, spare);
    }
}
