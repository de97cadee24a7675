package org.watchkeeper.ais;

/**
 * Message 9: standard SAR aircraft position report (ITU-R M.1371-5 Annex 8 §3.3, Table 48),
 * sent by aircraft taking part in search and rescue (MMSI {@code 111MIDxxx}). Unlike the ship
 * reports, speed over ground is in whole knots.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, altitude (GNSS) 38/12,
 * SOG 50/10, position accuracy 60/1, longitude 61/28 (signed), latitude 89/27 (signed),
 * COG 116/12, time stamp 128/6, altitude sensor 134/1, spare 135/7, DTE 142/1, spare 143/3,
 * assigned mode flag 146/1, RAIM 147/1, communication state selector 148/1,
 * communication state 149/19 — 168 bits.
 *
 * @param messageType always 9
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param altitude metres 0..4094 (4094 means 4094 m or higher); {@link AisMessage#NOT_AVAILABLE}
 *        when code 4095
 * @param speedOverGround knots in WHOLE knot steps, 0..1022 (1022 means 1022 kn or more);
 *        {@code NaN} when not available (code 1023)
 * @param positionAccuracy true: high (≤ 10 m, DGNSS); false: low (> 10 m)
 * @param longitude degrees, -180..180 east positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 181°)
 * @param latitude degrees, -90..90 north positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 91°)
 * @param courseOverGround degrees, 0..359.9; {@code NaN} when not available (code 3600)
 * @param timeStamp UTC second of the report 0..59, or 60 not available, 61 manual input mode,
 *        62 dead reckoning mode, 63 positioning system inoperative (kept as sent)
 * @param barometricAltitude altitude sensor: false GNSS, true barometric source
 * @param spare1 the 7 spare bits after the altitude sensor flag, as sent
 * @param dte data terminal equipment: 0 ready, 1 not ready (default)
 * @param spare2 the 3 spare bits after the DTE flag, as sent
 * @param assignedMode false autonomous and continuous mode, true assigned mode
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param radio gpsd's 20-bit {@code radio}: the communication state selector (bit 19: 0 SOTDMA, 1 ITDMA)
 *        followed by the 19-bit state as sent, decoded by {@link #communicationState()};
 *        {@link AisMessage#NOT_AVAILABLE} if the payload ends before it
 */
public record StandardSarAircraftPositionReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int altitude,
        double speedOverGround,
        boolean positionAccuracy,
        double longitude,
        double latitude,
        double courseOverGround,
        int timeStamp,
        boolean barometricAltitude,
        int spare1,
        int dte,
        int spare2,
        boolean assignedMode,
        boolean raim,
        int radio) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to and including the time stamp; later fields are then absent. */
    public static final int MIN_BITS = 134;
    /** Altitude code meaning "not available". */
    public static final int ALTITUDE_NOT_AVAILABLE = 4095;
    /** Whole-knot SOG code meaning "not available". */
    public static final int SPEED_NOT_AVAILABLE = 1023;

    /**
     * Decodes type 9.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static StandardSarAircraftPositionReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new StandardSarAircraftPositionReport(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                Units.orNotAvailable(b.unsigned(38, 12), ALTITUDE_NOT_AVAILABLE),
                Units.wholeUnits(b.unsigned(50, 10), SPEED_NOT_AVAILABLE),
                b.bool(60),
                Units.longitude(b.signed(61, 28)),
                Units.latitude(b.signed(89, 27)),
                Units.courseTenths(b.unsigned(116, 12)),
                b.unsigned(128, 6),
                b.has(134, 1) && b.bool(134),
                b.unsigned(135, 7),
                b.has(142, 1) ? b.unsigned(142, 1) : 1,
                b.unsigned(143, 3),
                b.has(146, 1) && b.bool(146),
                b.has(147, 1) && b.bool(147),
                SelectedCommunicationState.read(b, 148));
    }

    /**
     * The communication state decoded from {@link #radio()}: {@link CommunicationState.Sotdma} for selector 0,
     * {@link CommunicationState.Itdma} for selector 1; null when not available. A new object on each call.
     */
    public CommunicationState communicationState() {
        return CommunicationState.ofSelected(radio);
    }

    @Override
    public void writeFields(FieldSink out) {
        out.fieldUnless("alt", altitude, NOT_AVAILABLE);
        out.field("speed", speedOverGround, 0);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("course", courseOverGround, 1);
        out.field("second", timeStamp);
        out.field("dte", dte);
        out.field("assigned", assignedMode);
        out.field("raim", raim);
        SelectedCommunicationState.writeFields(out, radio);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(12, Units.orNotAvailableCode(altitude, ALTITUDE_NOT_AVAILABLE))
                .unsigned(10, Units.wholeUnitsCode(speedOverGround, SPEED_NOT_AVAILABLE))
                .bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(12, Units.courseTenthsCode(courseOverGround))
                .unsigned(6, timeStamp).bool(barometricAltitude).unsigned(7, spare1)
                .unsigned(1, dte).unsigned(3, spare2).bool(assignedMode).bool(raim);
        SelectedCommunicationState.write(w, radio);
    }
}
