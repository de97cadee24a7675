package org.watchkeeper.ais;

/**
 * Message 18: standard Class B equipment position report (ITU-R M.1371-5 Annex 8 §3.3, Table 49).
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, spare (reserved for regional
 * use) 38/8, SOG 46/10, position accuracy 56/1, longitude 57/28 (signed), latitude 85/27
 * (signed), COG 112/12, true heading 124/9, time stamp 133/6, spare (reserved for regional use)
 * 139/2, Class B unit flag 141/1, Class B display flag 142/1, Class B DSC flag 143/1, Class B band
 * flag 144/1, Class B Message 22 flag 145/1, mode flag 146/1, RAIM 147/1, communication state
 * selector 148/1, communication state 149/19 — 168 bits.
 *
 * @param messageType always 18
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value, kept even when above 999 999 999; see {@link Mmsi})
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
 * @param regional the 2 bits reserved for regional use after the time stamp, as sent
 * @param carrierSense Class B unit flag: false Class B SOTDMA unit, true Class B "CS" (carrier
 *        sense) unit
 * @param display Class B display flag: true the unit has a display for Message 12 and 14
 * @param dsc Class B DSC flag: true the unit has a DSC function (dedicated or time-shared)
 * @param band Class B band flag: true the unit can use any part of the marine band, false only
 *        AIS 1 and AIS 2
 * @param message22 Class B Message 22 flag: true frequency management via Message 22 is possible
 * @param assignedMode false autonomous and continuous mode, true assigned mode
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param radio gpsd's 20-bit {@code radio}: the communication state selector (bit 19: 0 SOTDMA, 1 ITDMA)
 *        followed by the 19-bit state as sent, decoded by {@link #communicationState()};
 *        {@link AisMessage#NOT_AVAILABLE} if the payload ends before it. A Class B "CS" unit sends
 *        selector 1 with a fixed state ({@code 1100000000000000110}), kept as sent.
 */
public record StandardClassBPositionReport(
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
        boolean carrierSense,
        boolean display,
        boolean dsc,
        boolean band,
        boolean message22,
        boolean assignedMode,
        boolean raim,
        int radio) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to and including the time stamp; later fields are then absent. */
    public static final int MIN_BITS = 139;

    /**
     * Decodes type 18.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static StandardClassBPositionReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new StandardClassBPositionReport(
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
                b.unsigned(139, 2),
                b.bool(141),
                b.bool(142),
                b.bool(143),
                b.bool(144),
                b.bool(145),
                b.bool(146),
                b.bool(147),
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
        out.field("reserved", reserved);
        out.field("speed", speedOverGround, 1);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("course", courseOverGround, 1);
        out.fieldUnless("heading", trueHeading, NOT_AVAILABLE);
        out.field("second", timeStamp);
        out.field("regional", regional);
        out.field("cs", carrierSense);
        out.field("display", display);
        out.field("dsc", dsc);
        out.field("band", band);
        out.field("msg22", message22);
        out.field("assigned", assignedMode);
        out.field("raim", raim);
        SelectedCommunicationState.writeFields(out, radio);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(8, reserved)
                .unsigned(10, Units.speedTenthsCode(speedOverGround)).bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(12, Units.courseTenthsCode(courseOverGround)).unsigned(9, Units.headingCode(trueHeading))
                .unsigned(6, timeStamp).unsigned(2, regional)
                .bool(carrierSense).bool(display).bool(dsc).bool(band).bool(message22)
                .bool(assignedMode).bool(raim);
        SelectedCommunicationState.write(w, radio);
    }
}
