package org.watchkeeper.ais;

/**
 * Message 21: aids-to-navigation report (ITU-R M.1371-5 Annex 8 §3.3, Table 72), sent by or on
 * behalf of a buoy, beacon, light or other aid (MMSI {@code 99MIDxxxx}); "virtual" aids exist only
 * as this message.
 *
 * <p>Layout (bit offset, width): type 0/6, repeat 6/2, MMSI 8/30, type of aid to navigation 38/5,
 * name 43/120 (20 characters), position accuracy 163/1, longitude 164/28 (signed), latitude
 * 192/27 (signed), dimension A 219/9, B 228/9, C 237/6, D 243/6, type of EPFD 249/4, time stamp
 * 253/6, off-position indicator 259/1, AtoN status 260/8, RAIM 268/1, virtual AtoN flag 269/1,
 * assigned mode flag 270/1, spare 271/1, name extension 272/0..84 (0..14 characters), spare
 * 0..6 bits to the byte boundary — 272..360 bits.
 *
 * <p>The name extension holds the characters of a name longer than 20 characters; every whole
 * 6-bit character after bit 272 is read (up to 14), padding bits shorter than a character are
 * ignored. {@link #fullName()} joins the two parts. The encoder writes the extension without
 * padding characters and then zero bits up to the next byte boundary.
 *
 * @param messageType always 21
 * @param repeatIndicator 0..3
 * @param mmsi source MMSI (30-bit value; see {@link Mmsi})
 * @param aidType type of aid to navigation 0..31 (Table 74, see {@link Names#aidType(int)};
 *        0 not available/default, 1..15 fixed aids, 16..31 floating aids)
 * @param name the first 20 characters of the name, trailing {@code @} and spaces removed
 * @param positionAccuracy true: high (≤ 10 m, DGNSS); false: low (> 10 m)
 * @param longitude degrees, -180..180 east positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 181°)
 * @param latitude degrees, -90..90 north positive, resolution 1/600 000°; {@code NaN} when not
 *        available (code 91°)
 * @param toBow dimension A in metres (reference point to the north end for a fixed aid), 0..511, as sent
 * @param toStern dimension B in metres, 0..511, as sent
 * @param toPort dimension C in metres, 0..63, as sent
 * @param toStarboard dimension D in metres, 0..63, as sent
 * @param epfd type of electronic position fixing device 0..15 (Table 51, see {@link Names#epfd(int)};
 *        7 surveyed is common for fixed aids)
 * @param timeStamp UTC second of the report 0..59, or 60 not available, 61 manual input mode,
 *        62 dead reckoning mode, 63 positioning system inoperative (kept as sent)
 * @param offPosition off-position indicator, for floating aids only and valid only when the time
 *        stamp is 0..59: true the aid is off its assigned position
 * @param atonStatus AtoN status, 8 bits reserved for regional or local use (kept as sent; Annex 8
 *        §3.3 notes 0 as the default)
 * @param raim whether RAIM (receiver autonomous integrity monitoring) is in use
 * @param virtual true: virtual AtoN (no physical aid at the position); false: real AtoN
 * @param assignedMode false autonomous and continuous mode, true assigned mode
 * @param spare the spare bit at 271 as sent
 * @param nameExtension the name extension, up to 14 characters; empty when absent
 */
public record AidToNavigationReport(
        int messageType,
        int repeatIndicator,
        int mmsi,
        int aidType,
        String name,
        boolean positionAccuracy,
        double longitude,
        double latitude,
        int toBow,
        int toStern,
        int toPort,
        int toStarboard,
        int epfd,
        int timeStamp,
        boolean offPosition,
        int atonStatus,
        boolean raim,
        boolean virtual,
        boolean assignedMode,
        int spare,
        String nameExtension) implements AisMessage {

    /** Length in bits without a name extension, and the shortest payload decoded. */
    public static final int MIN_BITS = 272;
    /** Longest layout: 14 extension characters plus 4 bits of byte alignment. */
    public static final int MAX_BITS = 360;
    /** Most characters the name extension can hold. */
    public static final int MAX_EXTENSION_CHARS = 14;

    /**
     * Decodes type 21.
     *
     * @throws AisDecodeException {@link RejectReason#PAYLOAD_TOO_SHORT} below {@link #MIN_BITS}
     */
    public static AidToNavigationReport decode(BitReader b) {
        if (b.length() < MIN_BITS) {
            throw new AisDecodeException(RejectReason.PAYLOAD_TOO_SHORT, "type " + b.unsigned(0, 6) + ": " + b.length() + " bits, need " + MIN_BITS);
        }
        int extChars = Math.min(MAX_EXTENSION_CHARS, (b.length() - MIN_BITS) / 6);
        return new AidToNavigationReport(
                b.unsigned(0, 6),
                b.unsigned(6, 2),
                b.unsigned(8, 30),
                b.unsigned(38, 5),
                b.text(43, 20),
                b.bool(163),
                Units.longitude(b.signed(164, 28)),
                Units.latitude(b.signed(192, 27)),
                b.unsigned(219, 9),
                b.unsigned(228, 9),
                b.unsigned(237, 6),
                b.unsigned(243, 6),
                b.unsigned(249, 4),
                b.unsigned(253, 6),
                b.bool(259),
                b.unsigned(260, 8),
                b.bool(268),
                b.bool(269),
                b.bool(270),
                b.unsigned(271, 1),
                b.text(MIN_BITS, extChars));
    }

    /** The whole name: {@link #name()} followed directly by {@link #nameExtension()} (as gpsd joins them). */
    public String fullName() {
        return nameExtension.isEmpty() ? name : name + nameExtension;
    }

    @Override
    public void writeFields(FieldSink out) {
        out.field("aid_type", aidType);
        out.field("aid_type_text", Names.aidType(aidType));
        String full = fullName();
        out.field("name", full.isEmpty() ? null : full);
        out.field("accuracy", positionAccuracy);
        out.position(longitude, latitude);
        out.field("to_bow", toBow);
        out.field("to_stern", toStern);
        out.field("to_port", toPort);
        out.field("to_starboard", toStarboard);
        out.field("epfd", epfd);
        out.field("epfd_text", Names.epfd(epfd));
        out.field("second", timeStamp);
        out.field("off_position", offPosition);
        out.field("regional", atonStatus);
        out.field("raim", raim);
        out.field("virtual_aid", virtual);
        out.field("assigned", assignedMode);
    }

    @Override
    public void encode(BitWriter w) {
        int start = w.length();
        w.unsigned(6, messageType).unsigned(2, repeatIndicator).unsigned(30, mmsi)
                .unsigned(5, aidType).text(20, name).bool(positionAccuracy)
                .signed(28, Units.longitudeCode(longitude)).signed(27, Units.latitudeCode(latitude))
                .unsigned(9, toBow).unsigned(9, toStern).unsigned(6, toPort).unsigned(6, toStarboard)
                .unsigned(4, epfd).unsigned(6, timeStamp).bool(offPosition).unsigned(8, atonStatus)
                .bool(raim).bool(virtual).bool(assignedMode).unsigned(1, spare);
        int ext = Math.min(MAX_EXTENSION_CHARS, nameExtension.length());
        if (ext > 0) {
            w.text(ext, nameExtension);
            int used = w.length() - start;
            w.unsigned((8 - used % 8) % 8, 0);
        }
    }
}
