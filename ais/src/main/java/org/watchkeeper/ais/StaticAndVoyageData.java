package org.watchkeeper.ais;

/**
 * Message 5: Class A ship static and voyage related data (ITU-R M.1371-5 Annex 8 §3.3, Table 52).
 * Usually sent in two NMEA sentences (two slots).
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, AIS version indicator 38/2,
 * IMO number 40/30, call sign 70/42 (7 characters), name 112/120 (20 characters), type of ship
 * and cargo 232/8, dimension A (to bow) 240/9, B (to stern) 249/9, C (to port) 258/6,
 * D (to starboard) 264/6, type of EPFD 270/4, ETA month 274/4, day 278/5, hour 283/5,
 * minute 288/6, maximum present static draught 294/8, destination 302/120 (20 characters),
 * DTE 422/1, spare 423/1 — 424 bits. Longer payloads (e.g. 426 bits when the fill bits are
 * under-reported) are decoded from the first 424 bits.
 *
 * <p>Text fields use 6-bit ASCII (Table 47); trailing {@code @} padding and spaces are removed, so
 * an empty string means "not available".
 *
 * @param messageType always 5
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param aisVersion 0 station compliant with ITU-R M.1371-1, 1 with M.1371-3, 2 with M.1371-5,
 *        3 future editions
 * @param imoNumber IMO number as sent (1 000 000..9 999 999 IMO ship identification number,
 *        10 000 000..1 073 741 823 official flag-state number); {@link AisMessage#NOT_AVAILABLE} when code 0
 * @param callSign up to 7 characters; empty when not available
 * @param shipName up to 20 characters; empty when not available
 * @param shipType type of ship and cargo 0..255 (Table 53, see {@link Names#shipType(int)}; 0 not available)
 * @param toBow dimension A in metres, 0..511 (511 means 511 m or more; 0 not available), as sent
 * @param toStern dimension B in metres, 0..511, as sent
 * @param toPort dimension C in metres, 0..63 (63 means 63 m or more), as sent
 * @param toStarboard dimension D in metres, 0..63, as sent
 * @param epfd type of electronic position fixing device 0..15 (Table 51, see {@link Names#epfd(int)})
 * @param etaMonth ETA month 1..12 (UTC); {@link AisMessage#NOT_AVAILABLE} when code 0
 * @param etaDay ETA day 1..31; {@link AisMessage#NOT_AVAILABLE} when code 0
 * @param etaHour ETA hour 0..23; {@link AisMessage#NOT_AVAILABLE} when code 24
 * @param etaMinute ETA minute 0..59; {@link AisMessage#NOT_AVAILABLE} when code 60
 * @param draught maximum present static draught in metres, 0.1..25.5 in 0.1 m steps (25.5 means
 *        25.5 m or more); {@code NaN} when not available (code 0)
 * @param destination up to 20 characters; empty when not available (or when the payload ends before it)
 * @param dte data terminal equipment: 0 ready, 1 not ready/not available (default, also when the
 *        payload ends before it)
 * @param spare the spare bit as sent
 */
public record StaticAndVoyageData(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int aisVersion,
        int imoNumber,
        String callSign,
        String shipName,
        int shipType,
        int toBow,
        int toStern,
        int toPort,
        int toStarboard,
        int epfd,
        int etaMonth,
        int etaDay,
        int etaHour,
        int etaMinute,
        double draught,
        String destination,
        int dte,
        int spare) implements AisMessage {

    /** Nominal length in bits. */
    public static final int BITS = 424;
    /**
     * Shortest payload decoded: up to and including the draught. A shorter destination is read as far
     * as it goes; DTE and spare are then absent (defaults 1 and 0).
     */
    public static final int MIN_BITS = 302;

    /**
     * Decodes type 5.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static StaticAndVoyageData decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        return new StaticAndVoyageData(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 2),
                Units.zeroNotAvailable(b.unsigned(40, 30)),
                b.text(70, 7),
                b.text(112, 20),
                b.unsigned(232, 8),
                b.unsigned(240, 9),
                b.unsigned(249, 9),
                b.unsigned(258, 6),
                b.unsigned(264, 6),
                b.unsigned(270, 4),
                Units.orNotAvailable(b.unsigned(274, 4), 0),
                Units.orNotAvailable(b.unsigned(278, 5), 0),
                Units.orNotAvailable(b.unsigned(283, 5), 24),
                Units.orNotAvailable(b.unsigned(288, 6), 60),
                Units.draught(b.unsigned(294, 8)),
                b.text(302, 20),
                b.has(422, 1) ? b.unsigned(422, 1) : 1,
                b.has(423, 1) ? b.unsigned(423, 1) : 0);
    }

    /**
     * The ETA as gpsd writes it, {@code "MM-DDTHH:MMZ"} (UTC, no year), with the parts that are not
     * available left out: the date part is {@code "MM-DD"}, or {@code "MM"} when only the month is
     * known, and is omitted without a month; the time part is {@code "THH:MMZ"}, or {@code "THHZ"}
     * when only the hour is known, and is omitted without an hour. Examples: {@code "03-24T14:00Z"},
     * {@code "03-24"}, {@code "T14:00Z"}.
     *
     * @return the ETA text, or {@code null} when neither the month nor the hour is available
     */
    public String etaText() {
        StringBuilder sb = new StringBuilder(12);
        if (etaMonth != NOT_AVAILABLE) {
            twoDigits(sb, etaMonth);
            if (etaDay != NOT_AVAILABLE) {
                twoDigits(sb.append('-'), etaDay);
            }
        }
        if (etaHour != NOT_AVAILABLE) {
            twoDigits(sb.append('T'), etaHour);
            if (etaMinute != NOT_AVAILABLE) {
                twoDigits(sb.append(':'), etaMinute);
            }
            sb.append('Z');
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void twoDigits(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("ais_version", aisVersion);
        out.fieldUnless("imo", imoNumber, NOT_AVAILABLE);
        out.field("callsign", callSign.isEmpty() ? null : callSign);
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
        out.field("eta", etaText());
        out.field("draught", draught, 1);
        out.field("destination", destination.isEmpty() ? null : destination);
        out.field("dte", dte);
    }

    @Override
    public void encode(BitWriter w) {
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(2, aisVersion).unsigned(30, Units.zeroNotAvailableCode(imoNumber))
                .text(7, callSign).text(20, shipName).unsigned(8, shipType)
                .unsigned(9, toBow).unsigned(9, toStern).unsigned(6, toPort).unsigned(6, toStarboard)
                .unsigned(4, epfd)
                .unsigned(4, Units.orNotAvailableCode(etaMonth, 0))
                .unsigned(5, Units.orNotAvailableCode(etaDay, 0))
                .unsigned(5, Units.orNotAvailableCode(etaHour, 24))
                .unsigned(6, Units.orNotAvailableCode(etaMinute, 60))
                .unsigned(8, Units.draughtCode(draught))
                .text(20, destination).unsigned(1, dte).unsigned(1, spare);
    }
}
