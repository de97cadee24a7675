package org.watchkeeper.ais;

/**
 * Messages 1, 2 and 3: Class A position report (ITU-R M.1371-5 Annex 8 §3.1, Table 45).
 * Type 1 is a scheduled report and type 2 an assigned scheduled report, both with a SOTDMA
 * communication state; type 3 is a special report (response to interrogation) with ITDMA.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, navigational status 38/4,
 * rate of turn 42/8 (signed), SOG 50/10, position accuracy 60/1, longitude 61/28 (signed),
 * latitude 89/27 (signed), COG 116/12, true heading 128/9, time stamp 137/6, special manoeuvre
 * indicator 143/2, spare 145/3, RAIM 148/1, communication state 149/19 — 168 bits.
 *
 * @param messageType 1, 2 or 3
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param navigationStatus 0..15 (Table 45 note: 0 under way using engine, 1 at anchor, 2 not under
 *        command, 3 restricted manoeuvrability, 4 constrained by draught, 5 moored, 6 aground,
 *        7 engaged in fishing, 8 under way sailing, 14 AIS-SART/MOB/EPIRB active, 15 not defined)
 * @param rateOfTurnRaw ROT<sub>AIS</sub> as sent, -128..127: 0..±126 encode
 *        4.733·√(ROT<sub>sensor</sub>) in degrees per minute, +127/-127 turning right/left faster
 *        than 5° per 30 s with no turn indicator, -128 not available; see {@link #rateOfTurn()}
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
 * @param specialManoeuvre 0 not available, 1 not engaged, 2 engaged in special manoeuvre
 * @param spare the 3 spare bits as sent
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param radio the 19-bit communication state as sent, 0..2<sup>19</sup>-1 (gpsd's {@code radio}): SOTDMA
 *        (Table 18) for types 1 and 2, ITDMA (Table 20) for type 3, decoded by {@link #communicationState()};
 *        {@link AisMessage#NOT_AVAILABLE} if the payload ends before it
 */
public record PositionReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int navigationStatus,
        int rateOfTurnRaw,
        double speedOverGround,
        boolean positionAccuracy,
        double longitude,
        double latitude,
        double courseOverGround,
        int trueHeading,
        int timeStamp,
        int specialManoeuvre,
        int spare,
        boolean raim,
        int radio) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 168;
    /** Shortest payload decoded: up to and including the time stamp; later fields are then absent. */
    public static final int MIN_BITS = 143;

    /**
     * Decodes types 1, 2 and 3.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static PositionReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        if (b.length() >= BITS) {
            return decodeFull(b.words());
        }
        int type = b.unsigned(0, 6);
        int radio = b.has(149, 19) ? b.unsigned(149, 19) : NOT_AVAILABLE;
        return new PositionReport(
                type,
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 4),
                b.signed(42, 8),
                Units.speedTenths(b.unsigned(50, 10)),
                b.bool(60),
                Units.longitude(b.signed(61, 28)),
                Units.latitude(b.signed(89, 27)),
                Units.courseTenths(b.unsigned(116, 12)),
                Units.heading(b.unsigned(128, 9)),
                b.unsigned(137, 6),
                b.has(143, 2) ? b.unsigned(143, 2) : 0,
                b.has(145, 3) ? b.unsigned(145, 3) : 0,
                b.has(148, 1) && b.bool(148),
                radio);
    }

    /** All 168 bits present: every field taken from the first three payload words with shifts. */
    private static PositionReport decodeFull(long[] w) {
        long w0 = w[0];
        long w1 = w[1];
        long w2 = w[2];
        int type = (int) (w0 >>> 58);
        return new PositionReport(
                type,
                (int) (w0 >>> 56) & 3,
                (int) (w0 >>> 26) & 0x3FFFFFFF,
                (int) (w0 >>> 22) & 15,
                (byte) (w0 >>> 14),
                Units.speedTenths((int) (w0 >>> 4) & 1023),
                ((w0 >>> 3) & 1) != 0,
                Units.longitude((int) (((w0 << 61) | (w1 >>> 3)) >> 36)),
                Units.latitude((int) ((w1 << 25) >> 37)),
                Units.courseTenths((int) w1 & 0xFFF),
                Units.heading((int) (w2 >>> 55)),
                (int) (w2 >>> 49) & 63,
                (int) (w2 >>> 47) & 3,
                (int) (w2 >>> 44) & 7,
                ((w2 >>> 43) & 1) != 0,
                (int) (w2 >>> 24) & 0x7FFFF);
    }

    /**
     * The communication state decoded from {@link #radio()}: {@link CommunicationState.Sotdma} for types 1
     * and 2, {@link CommunicationState.Itdma} for type 3; null when not available. A new object on each call.
     */
    public CommunicationState communicationState() {
        return CommunicationState.of(radio, messageType == 3);
    }

    /**
     * Rate of turn in degrees per minute, positive to starboard: (ROT<sub>AIS</sub>/4.733)² with the
     * sign of ROT<sub>AIS</sub> (Table 45). {@code NaN} when not available (-128) or when only the
     * direction is known (±127, see {@link #turningFast()}).
     */
    public double rateOfTurn() {
        return Units.rateOfTurn(rateOfTurnRaw);
    }

    /** +1 turning right, -1 turning left faster than 5° per 30 s without a turn indicator (ROT ±127); 0 otherwise. */
    public int turningFast() {
        return rateOfTurnRaw == 127 ? 1 : rateOfTurnRaw == -127 ? -1 : 0;
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("status", navigationStatus);
        out.field("status_text", Names.navigationStatus(navigationStatus));
        Units.writeTurn(out, rateOfTurnRaw);
        out.field("speed", speedOverGround, 1);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("course", courseOverGround, 1);
        out.fieldUnless("heading", trueHeading, NOT_AVAILABLE);
        out.field("second", timeStamp);
        out.field("maneuver", specialManoeuvre);
        out.field("raim", raim);
        if (radio != NOT_AVAILABLE) {
            out.field("radio", radio);
            CommunicationState.writeFields(out, radio, messageType == 3);
        }
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(4, navigationStatus).signed(8, rateOfTurnRaw)
                .unsigned(10, Units.speedTenthsCode(speedOverGround)).bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(12, Units.courseTenthsCode(courseOverGround)).unsigned(9, Units.headingCode(trueHeading))
                .unsigned(6, timeStamp).unsigned(2, specialManoeuvre).unsigned(3, spare).bool(raim);
        if (radio != NOT_AVAILABLE) {
            w.unsigned(19, radio);
        }
    }
}
